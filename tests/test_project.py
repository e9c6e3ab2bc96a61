"""A new project from scratch: `new`, `add-source` of several files (all or none), `remove-source`,
`check` and `build --pages-only` with `--root`; the built pages name only the new story."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "tests" / "fixtures" / "articles"


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", *args], cwd=cwd or ROOT, capture_output=True, text=True, timeout=300
    )


def _articles() -> list[Path]:
    found = sorted(p for p in ARTICLES.rglob("*.txt"))
    assert len(found) >= 3, "the fixture articles are missing"
    return found[:3]


def test_new_project_add_check_build_remove(tmp_path: Path) -> None:
    proj = tmp_path / "story"
    made = run("new", str(proj), "--title", "A harbour deal", "--side", "a:Alpha", "--side", "b:Beta")
    assert made.returncode == 0, made.stderr
    assert (proj / "seeds" / "story.yml").is_file() and (proj / "seeds" / "sources.yml").is_file()
    assert not (proj / "overrides").exists()  # the look comes from the installation
    empty = run("--root", str(proj), "check")
    assert empty.returncode == 0 and "nothing to publish yet" in empty.stdout, empty.stderr
    a, b, c = _articles()
    # one bad file among several: nothing is added
    bad = tmp_path / "empty.txt"
    bad.write_text("", encoding="utf-8")
    refused = run("--root", str(proj), "add-source", str(a), str(bad), "--outlet", "Wire")
    assert refused.returncode != 0 and "Added" not in refused.stdout and "added" not in refused.stdout
    assert sorted(p.name for p in (proj / "seeds").iterdir()) == ["sources.yml", "story.yml"]
    added = run("--root", str(proj), "add-source", str(a), str(b), str(c), "--outlet", "Wire")
    assert added.returncode == 0, added.stderr
    assert added.stdout.count("added ") == 3
    built = run("--root", str(proj), "build", "--pages-only")
    assert built.returncode == 0, built.stderr
    home = (proj / "docs" / "index.md").read_text(encoding="utf-8")
    assert "A harbour deal" in home
    shipped = (ROOT / "seeds" / "story.yml").read_text(encoding="utf-8").split("title:", 1)[1].splitlines()[0].strip()
    assert shipped not in "".join(p.read_text(encoding="utf-8") for p in (proj / "docs").rglob("*.md"))
    # remove a source no item cites: its entry and file go
    first_id = next(
        line.split(":", 1)[1].strip()
        for line in (proj / "seeds" / "sources.yml").read_text(encoding="utf-8").splitlines()
        if line.strip().startswith("- id:")
    )
    gone = run("--root", str(proj), "remove-source", first_id)
    assert gone.returncode == 0, gone.stderr
    assert f"id: {first_id}" not in (proj / "seeds" / "sources.yml").read_text(encoding="utf-8")
    assert not (proj / "seeds" / a.name).exists()


def test_new_refuses_a_non_empty_directory_and_writes_nothing(tmp_path: Path) -> None:
    (tmp_path / "keep.txt").write_text("x", encoding="utf-8")
    got = run("new", str(tmp_path), "--title", "T")
    assert got.returncode == 2 and "is not empty" in got.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["keep.txt"]


def test_remove_source_refuses_while_cited_and_lists_every_place(tmp_path: Path) -> None:
    proj = tmp_path / "p"
    assert run("new", str(proj), "--title", "T", "--side", "a:A").returncode == 0
    a = _articles()[0]
    assert run("--root", str(proj), "add-source", str(a), "--id", "wire", "--outlet", "Wire").returncode == 0
    line = next(ln for ln in a.read_text(encoding="utf-8").splitlines() if len(ln.split()) > 8)
    quote = " ".join(line.split()[:6]).replace('"', "")
    story = proj / "seeds" / "story.yml"
    text = story.read_text(encoding="utf-8").replace(
        "topics: []",
        "topics:\n  - id: x\n    title: X\n    status: agreed\n    summary: S.\n    evidence:\n"
        f'      - source: wire\n        quote: "{quote}"\n        speaker: the article\n    absent: []\n',
    )
    story.write_text(text, encoding="utf-8")
    checked = run("--root", str(proj), "check", "--quiet")
    assert checked.returncode == 0, checked.stderr
    got = run("--root", str(proj), "remove-source", "wire")
    assert got.returncode == 1 and "still cited" in got.stderr and "story.yml:" in got.stderr
    unknown = run("--root", str(proj), "remove-source", "nope")
    assert unknown.returncode == 2, unknown.stderr
    assert unknown.stderr.startswith("python -m generator remove-source: error: argument ID: no source 'nope'")
    assert (proj / "seeds" / a.name).is_file()
