"""The bad-input corpus: every case in tests/bad_inputs/<case>/case.yml, run against the CLI.

Each case patches a temporary copy of the corpus's fixture story, tests/fixtures/corpus/seeds
(see tests/bad_inputs/README.md for
the format), runs `python -m generator build` (or the command it names) and checks:

- the exit code (1 for invalid input, 2 for usage errors) and no traceback;
- every diagnostic is one `path:line:col: error: message` line followed by a `hint:` line;
- the expected messages at the expected positions, and no other errors (no cascades,
  no duplicates) unless the case says `more_errors: true`;
- the pages and site built before are byte-identical afterwards.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests import projcopy, project

CORPUS = Path(__file__).resolve().parent / "bad_inputs"
# The story every case patches: a fixture of its own (a copy of an earlier state of the first example
# story), never the project's seeds/, so the corpus holds whatever story a fork keeps in seeds/.
STORY = Path(__file__).resolve().parent / "fixtures" / "corpus" / "seeds"
CASES = sorted(p.parent.name for p in CORPUS.glob("*/case.yml"))
DIAGNOSTIC = re.compile(
    r"^(?P<path>[^\s:][^:]*):(?P<line>\d+):(?P<col>\d+): (?P<severity>error|warning): (?P<message>\S.*)$"
)


def load_case(name: str) -> dict[str, Any]:
    case: dict[str, Any] = yaml.safe_load((CORPUS / name / "case.yml").read_text(encoding="utf-8"))
    assert isinstance(case, dict) and case.get("why"), f"{name}: case.yml needs a `why:`"
    return case


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, dict[str, str]]]:
    """One good build of the corpus story; each case starts from a copy of it."""
    root = project.copy_project(tmp_path_factory.mktemp("built") / "project", STORY)
    done = projcopy.run(root, "build")
    assert done.returncode == 0, done.stdout + done.stderr
    outputs = projcopy.outputs(root)
    assert outputs["site"] and outputs["docs"]
    return root, outputs


def apply(seeds: Path, edits: list[dict[str, Any]]) -> dict[str, int]:
    """Apply a case's edits; returns, per file, the 1-based line where the last `replace` landed."""
    landed: dict[str, int] = {}
    for edit in edits:
        target = seeds / edit["file"]
        if "replace" in edit:
            text = target.read_text(encoding="utf-8")
            old, new = edit["replace"], edit["with"]
            assert text.count(old) == 1, f"{edit['file']}: {old!r} occurs {text.count(old)} times in the corpus story"
            at = text.index(old)
            landed[edit["file"]] = text.count("\n", 0, at) + 1
            target.write_text(text.replace(old, new), encoding="utf-8")
        elif "find" in edit:  # only marks where a line is, for `@N` positions
            text = target.read_text(encoding="utf-8")
            assert text.count(edit["find"]) == 1, f"{edit['file']}: {edit['find']!r} is not unique"
            landed[edit["file"]] = text.count("\n", 0, text.index(edit["find"])) + 1
        elif "append" in edit:
            text = target.read_text(encoding="utf-8")
            landed[edit["file"]] = text.count("\n") + 1 + (0 if text.endswith("\n") else 1)
            target.write_text(text + edit["append"], encoding="utf-8")
        elif "text" in edit:
            target.write_bytes(edit["text"].encode(edit.get("encoding", "utf-8")))
        elif "reencode" in edit:  # the file's own text, saved in another encoding
            target.write_bytes(target.read_text(encoding="utf-8").encode(edit["reencode"]))
        elif "hex" in edit:
            target.write_bytes(bytes.fromhex(edit["hex"]))
        elif "repeat" in edit:
            line = edit["repeat"].encode("utf-8")
            target.write_bytes(line * (edit["size"] // len(line) + 1))
        elif "symlink" in edit:
            target.unlink(missing_ok=True)
            target.symlink_to(edit["symlink"])
        elif edit.get("delete"):
            target.unlink()
        elif "outside" in edit:  # a file next to seeds/, for symlinks to point at
            (seeds.parent / edit["file"]).write_text(edit["outside"], encoding="utf-8")
        else:
            raise AssertionError(f"unknown edit {edit}")
    return landed


def position(spec: str, landed: dict[str, int]) -> str:
    """`seeds/story.yml:@2:5` means two lines below where the patch of story.yml landed."""
    path, line, col = spec.rsplit(":", 2)
    if line.startswith("@"):
        line = str(landed[Path(path).name] + int(line[1:] or 0))
    return f"{path}:{line}:{col}"


@pytest.mark.parametrize("name", CASES)
def test_bad_input(name: str, built: tuple[Path, dict[str, dict[str, str]]], tmp_path: Path) -> None:
    case = load_case(name)
    source, before = built
    root = tmp_path / "project"
    # the build's outputs as hard links (the generator replaces a file, never writes into one: a case that
    # did would change the shared build and fail the check at the end); seeds/ as copies, the case edits them
    shutil.copytree(source, root, symlinks=True, ignore=shutil.ignore_patterns("seeds"), copy_function=os.link)
    shutil.copytree(source / "seeds", root / "seeds", symlinks=True)
    landed = apply(root / "seeds", case.get("patch", []))

    run_root = root / case["root"] if "root" in case else root
    done = projcopy.run(run_root, *case.get("args", ["build"]))
    output = done.stdout + done.stderr

    assert done.returncode == case["exit"], output
    assert "Traceback" not in output, output
    if case["exit"] == 2 and "usage" in case:
        assert case["usage"] in done.stderr, output

    lines = done.stderr.splitlines()
    found: list[tuple[str, str]] = []  # (path:line:col, message) of every error
    for i, text in enumerate(lines):
        m = DIAGNOSTIC.match(text)
        if not m:
            assert not text.startswith(("seeds/", "/")) or "hint:" in text, f"not a diagnostic line: {text!r}"
            continue
        assert i + 1 < len(lines) and re.match(r"^    hint: \S", lines[i + 1]), f"no hint after {text!r}\n{output}"
        if m["severity"] == "error":
            found.append((f"{m['path']}:{m['line']}:{m['col']}", m["message"]))
    assert len(found) == len(set(found)), f"duplicate messages:\n{output}"

    expected = case.get("errors", [])
    for want in expected:
        at = position(want["at"], landed)
        hits = [msg for where, msg in found if where == at and want["message"] in msg]
        assert hits, f"expected `{at}: error: ...{want['message']}...` in:\n{output}"
        if "hint" in want:
            index = next(i for i, t in enumerate(lines) if t.startswith(f"{at}: error: ") and want["message"] in t)
            assert want["hint"] in lines[index + 1], f"expected hint {want['hint']!r} after {lines[index]!r}"
    if case["exit"] == 1:
        assert found, f"no diagnostics at all:\n{output}"
        if not case.get("more_errors"):
            assert len(found) == len(expected), f"unexpected extra errors:\n{output}"

    assert projcopy.outputs(root) == before, "the previous build's pages or site changed"


def test_corpus_is_large_enough() -> None:
    assert len(CASES) >= 30
    usage = [c for c in CASES if load_case(c)["exit"] == 2]
    assert usage, "the corpus needs usage errors too"
