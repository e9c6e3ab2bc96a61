"""The command line: its help and README, the build summary, and that nothing is ever lost.

"Nothing lost": a failed check or build leaves the generated pages in docs/ and site/
byte-identical; a build interrupted by SIGINT, SIGTERM or SIGKILL leaves the old or the new
complete tree and nothing that breaks the next build; two builds at once both succeed.
"""

from __future__ import annotations

import argparse
import re
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest

from generator import seeds, story
from generator.cli import _parser
from tests import projcopy

README = projcopy.ROOT / "README.md"


def commands() -> dict[str, argparse.ArgumentParser]:
    parser = _parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(sub.choices)


def long_options(parser: argparse.ArgumentParser) -> list[str]:
    return sorted(o for a in parser._actions for o in a.option_strings if o.startswith("--") and o != "--help")


# -- help and README -------------------------------------------------------------------


def test_help_lists_every_command() -> None:
    done = subprocess.run(
        [projcopy.PYTHON, "-m", "generator", "--help"], capture_output=True, text=True, env=projcopy.env(), timeout=60
    )
    assert done.returncode == 0
    names = list(commands())
    assert set(names) >= {"check", "build", "serve", "add-source"}
    for name in names:
        assert re.search(rf"^\s+{re.escape(name)}\b", done.stdout, re.M), f"{name} missing from --help:\n{done.stdout}"


@pytest.mark.parametrize("command", sorted(commands()))
def test_subcommand_help(command: str) -> None:
    done = subprocess.run(
        [projcopy.PYTHON, "-m", "generator", command, "--help"],
        capture_output=True,
        text=True,
        env=projcopy.env(),
        timeout=60,
    )
    assert done.returncode == 0
    for option in long_options(commands()[command]):
        assert option in done.stdout


def test_readme_mentions_every_command_and_option() -> None:
    text = README.read_text(encoding="utf-8")
    missing = []
    for option in long_options(_parser()):
        if option not in text:
            missing.append(option)
    for name, parser in commands().items():
        if not re.search(rf"python -m generator (--root \S+ )?{re.escape(name)}\b", text):
            missing.append(f"python -m generator {name}")
        for option in long_options(parser):
            if (
                not re.search(rf"{re.escape(name)}\b[^\n]*{re.escape(option)}(?![\w-])", text)
                and f"`{option}`" not in text
            ):
                missing.append(f"{name} {option}")
    assert not missing, "README.md does not mention: " + ", ".join(missing)


# -- the summary line ------------------------------------------------------------------


SUMMARY = re.compile(
    r"^built: (?P<sources>\d+) sources, (?P<topics>\d+) topics, (?P<events>\d+) events, "
    r"(?P<quotes>\d+) quotes verified, (?P<pages>\d+) pages written "
    r"\((?P<changed>\d+) changed\), (?P<seconds>\d+\.\d+) s$"
)


@pytest.fixture(scope="module")
def built(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[Path, subprocess.CompletedProcess[str], dict[str, dict[str, str]]]:
    root = projcopy.make(tmp_path_factory.mktemp("cli") / "project")
    done = projcopy.run(root, "build")
    assert done.returncode == 0, done.stdout + done.stderr
    return root, done, projcopy.outputs(root)


def test_build_prints_one_summary_line(
    built: tuple[Path, subprocess.CompletedProcess[str], dict[str, dict[str, str]]],
) -> None:
    root, done, outputs = built
    lines = [line for line in done.stdout.splitlines() if line.strip()]
    assert len(lines) == 1, done.stdout
    m = SUMMARY.match(lines[0])
    assert m, lines[0]
    expected, _ = story.build(seeds.read(root / "seeds"))
    assert int(m["sources"]) == len(expected.sources)
    assert int(m["topics"]) == len(expected.topics)
    assert int(m["events"]) == len(expected.events)
    quotes = sum(len(t.evidence) for t in expected.topics) + sum(len(e.evidence) for e in expected.events)
    assert int(m["quotes"]) == quotes
    pages = [p for p in outputs["docs"] if p.endswith(".md")]
    assert int(m["pages"]) == len(pages)
    assert int(m["changed"]) == len(outputs["docs"]) - 1  # every generated file is new, minus the manifest
    assert 0 < float(m["seconds"]) < 120


def test_second_build_changes_nothing(
    built: tuple[Path, subprocess.CompletedProcess[str], dict[str, dict[str, str]]], tmp_path: Path
) -> None:
    source, _, before = built
    root = tmp_path / "project"
    shutil.copytree(source, root, symlinks=True)
    mtimes = {p: p.stat().st_mtime_ns for p in (root / "docs").rglob("*.md")}
    done = projcopy.run(root, "build")
    assert done.returncode == 0, done.stderr
    assert "(0 changed)" in done.stdout
    assert projcopy.outputs(root) == before  # deterministic, byte for byte
    assert {p: p.stat().st_mtime_ns for p in (root / "docs").rglob("*.md")} == mtimes  # a watching server sees nothing


def test_check_prints_ok_and_writes_nothing(
    built: tuple[Path, subprocess.CompletedProcess[str], dict[str, dict[str, str]]], tmp_path: Path
) -> None:
    source, _, before = built
    root = tmp_path / "project"
    shutil.copytree(source, root, symlinks=True)
    edit(root, "    title: Hockey matches\n", "    title: Ice hockey\n")
    done = projcopy.run(root, "check")
    assert done.returncode == 0, done.stderr
    assert re.fullmatch(r"ok: \d+ sources, \d+ topics, \d+ events, \d+ quotes verified\n", done.stdout)
    assert projcopy.outputs(root) == before


# -- nothing lost ------------------------------------------------------------------------


def edit(root: Path, old: str, new: str, name: str = "story.yml") -> None:
    path = root / "seeds" / name
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")


def new_story(root: Path) -> None:
    """A valid change that adds a page, removes one and changes others."""
    old = "  - id: hockey-matches\n    title: Hockey matches\n"
    edit(root, old, "  - id: ice-hockey\n    title: Ice hockey matches\n")


def leftovers(root: Path) -> list[str]:
    found = [p.name for p in root.iterdir() if p.name.startswith(".site")]
    found += [p.name for p in (root / "docs").iterdir() if p.name.startswith(".staging")]
    return found


@pytest.mark.parametrize("command", ["check", "build", "build --pages-only"])
def test_failed_run_leaves_outputs_identical(
    built: tuple[Path, subprocess.CompletedProcess[str], dict[str, dict[str, str]]], tmp_path: Path, command: str
) -> None:
    source, _, before = built
    root = tmp_path / "project"
    shutil.copytree(source, root, symlinks=True)
    new_story(root)  # would change pages ...
    edit(root, "    status: agreed\n    takeaway: 1", "    status: agred\n    takeaway: 1")  # ... but is invalid
    done = projcopy.run(root, *command.split())
    assert done.returncode == 1, done.stdout + done.stderr
    assert "nothing was written" in done.stderr
    assert projcopy.outputs(root) == before
    assert not leftovers(root)


def test_failed_mkdocs_build_leaves_pages_and_site_identical(
    built: tuple[Path, subprocess.CompletedProcess[str], dict[str, dict[str, str]]], tmp_path: Path
) -> None:
    """Valid seeds but MkDocs fails (--strict): neither docs/ nor site/ changes."""
    source, _, before = built
    root = tmp_path / "project"
    shutil.copytree(source, root, symlinks=True)
    new_story(root)
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "  - Missing: no-such-page.md\n", encoding="utf-8")
    done = projcopy.run(root, "build")
    assert done.returncode == 1, done.stdout + done.stderr
    assert "docs/ and site/ are unchanged" in done.stderr
    assert "Traceback" not in done.stderr
    assert projcopy.outputs(root) == before
    assert not leftovers(root)


def consistent(
    state: dict[str, dict[str, str]], old: dict[str, dict[str, str]], new: dict[str, dict[str, str]], exact_docs: bool
) -> str:
    """'old' or 'new' when `state` is one complete tree (docs pages may mix versions under SIGKILL)."""
    site = "old" if state["site"] == old["site"] else "new" if state["site"] == new["site"] else None
    assert site, "site/ is neither the old nor the new tree"
    docs = state["docs"]
    if exact_docs:
        assert docs in (old["docs"], new["docs"]), "docs/ pages are neither the old nor the new set"
    else:
        for rel, digest in docs.items():
            assert digest in (old["docs"].get(rel), new["docs"].get(rel)), f"docs/{rel} is neither old nor new"
        assert set(old["docs"]) <= set(docs) or set(new["docs"]) <= set(docs), "docs/ lost pages"
    return site


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def start_build(root: Path) -> subprocess.Popen[str]:
    """`python -m generator build` on `root`, running in the background, its output captured. Ctrl-C
    set back to its default in the child: a suite started from a background job inherits SIGINT
    ignored, and Python then never turns it into KeyboardInterrupt (the build ran to its end)."""
    return subprocess.Popen(
        [projcopy.PYTHON, "-m", "generator", "--root", str(root), "build"],
        cwd=root,
        env=projcopy.env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=_default_sigint,  # noqa: PLW1509 (no threads are started before the fork matters here)
    )


def reached(proc: subprocess.Popen[str], root: Path, when: str) -> None:
    """Wait until the build in `root` has taken its lock ("lock": it has started, past the interpreter's
    start-up, and has replaced nothing yet) or has begun the site ("site": the pages are made, MkDocs is
    building into a new directory), or has ended: a point in the build, not a time, so a busy machine
    interrupts it at the same place as an idle one."""

    def there() -> bool:
        if when == "lock":
            return (root / ".build.lock").exists()
        return any(p.name.startswith(".site") for p in root.iterdir())

    deadline = time.monotonic() + 120
    while not there() and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)


@pytest.fixture(scope="module")
def rebuilt(
    built: tuple[Path, subprocess.CompletedProcess[str], dict[str, dict[str, str]]],
    tmp_path_factory: pytest.TempPathFactory,
) -> dict[str, dict[str, str]]:
    """The outputs of a full build of new_story(): what an interrupted build must end as once rebuilt."""
    source, _, old = built
    expected = tmp_path_factory.mktemp("rebuilt") / "project"
    shutil.copytree(source, expected, symlinks=True)
    new_story(expected)
    assert projcopy.run(expected, "build").returncode == 0
    new = projcopy.outputs(expected)
    assert new["site"] != old["site"] and set(new["docs"]) != set(old["docs"])
    return new


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM, signal.SIGKILL], ids=lambda s: s.name)
def test_interrupted_builds_leave_a_complete_tree(
    built: tuple[Path, subprocess.CompletedProcess[str], dict[str, dict[str, str]]],
    rebuilt: dict[str, dict[str, str]],
    tmp_path: Path,
    sig: signal.Signals,
) -> None:
    """A build stopped early and late by `sig` leaves the old or the new tree, whole (SIGKILL: docs/ pages
    may mix versions), and the next build completes and cleans up. One case per signal, so that the
    workers share them."""
    source, _, old = built
    new = rebuilt
    seen: set[str] = set()
    for when in ("lock", "site"):  # early in the build and late in it (each case is a build and a rebuild)
        root = tmp_path / f"{sig.name}-{when}"
        shutil.copytree(source, root, symlinks=True)
        (root / ".build.lock").unlink(missing_ok=True)
        new_story(root)
        proc = start_build(root)
        reached(proc, root, when)
        proc.send_signal(sig)
        out, err = proc.communicate(timeout=60)
        assert "Traceback" not in err, err
        if proc.returncode != 0:
            assert proc.returncode in (130, 143, -sig), (proc.returncode, err)
        state = projcopy.outputs(root)
        seen.add(consistent(state, old, new, exact_docs=sig is not signal.SIGKILL))
        if sig is not signal.SIGKILL:
            assert not leftovers(root), leftovers(root)
        # whatever was left, the next build completes and cleans up
        again = projcopy.run(root, "build")
        assert again.returncode == 0, again.stderr
        final = projcopy.outputs(root)
        assert final == new, (
            when,
            {
                k: sorted(set(final[k]) ^ set(new[k]) | {f for f in final[k] if final[k][f] != new[k].get(f)})
                for k in new
            },
        )
        assert not leftovers(root)
    if sig is not signal.SIGKILL:  # the lock is taken seconds before anything is replaced
        assert "old" in seen, f"no interruption landed mid-build: {seen}"


@pytest.mark.slow
def test_two_builds_at_once(
    built: tuple[Path, subprocess.CompletedProcess[str], dict[str, dict[str, str]]], tmp_path: Path
) -> None:
    source, _, old = built
    root = tmp_path / "project"
    shutil.copytree(source, root, symlinks=True)
    new_story(root)
    procs = [start_build(root) for _ in range(2)]
    results = [(p.communicate(timeout=120), p.returncode) for p in procs]
    for (out, err), code in results:
        assert code == 0, err
        assert SUMMARY.match(out.strip()), out
    changed = sorted(int(m["changed"]) for (out, _), _ in results if (m := SUMMARY.match(out.strip())))
    assert changed[0] == 0 and changed[1] > 0, "the lock should make one build wait for the other"
    state = projcopy.outputs(root)
    assert state["site"] and state["docs"] and state != old
    assert not leftovers(root)
    again = projcopy.run(root, "build")
    assert "(0 changed)" in again.stdout
    assert projcopy.outputs(root) == state


# -- the writer's pieces, directly -------------------------------------------------------


def test_swap_site_replaces_the_tree_whole(tmp_path: Path) -> None:
    from generator import write

    site = tmp_path / "site"
    (site / "old").mkdir(parents=True)
    (site / "old" / "page.html").write_text("old")
    built = write.new_site_dir(site)
    assert not built.exists()  # a name first: the caller holds it before the directory exists
    write.make_dir(built)
    (built / "new.html").write_text("new")
    write.swap_site(built, site)
    assert sorted(p.name for p in site.iterdir()) == ["new.html"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_recover_puts_back_a_tree_a_kill_left_aside(tmp_path: Path) -> None:
    """A kill between the fallback's two renames leaves no site/ and the old tree beside it."""
    from generator import write

    site, docs = tmp_path / "site", tmp_path / "docs"
    (tmp_path / ".site.old-4242").mkdir()
    (tmp_path / ".site.old-4242" / "index.html").write_text("old")
    (tmp_path / ".site.new-abc").mkdir()
    (docs / ".staging-xyz" / "topics").mkdir(parents=True)
    removed = write.recover(docs, site)
    assert (site / "index.html").read_text() == "old"
    assert sorted(p.name for p in removed) == [".site.new-abc", ".staging-xyz"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["docs", "site"]
    assert list(docs.iterdir()) == []
