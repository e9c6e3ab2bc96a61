"""Live preview: `python -m generator serve` rebuilds once per save and survives a bad save.

The server runs as a subprocess on a temporary copy of the project. Three saves to
story.yml (valid, invalid, valid) must give exactly one rebuild each; the invalid one
prints its errors with `path:line:col` and shows them in a `div.gen-errors` banner on the
pages, which keep the last good content; the next valid save recovers; and after the
last save no further rebuilds happen.
"""

from __future__ import annotations

import contextlib
import logging
import re
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests import projcopy
from tests.serving import DEADLINE, STOP_DEADLINE, Server, interrupt_in, started

pytestmark = pytest.mark.slow

BUILDING = "Building documentation"  # what mkdocs 1.6 `serve` logs at the start of every (re)build
BUILT = "Documentation built in"  # ... and after every build that completed
RELOADED = "Reloading browsers"  # ... and after every rebuild that did not raise
TITLE = "    title: Hockey matches\n"
QUIET_SECONDS = 3


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[Server, Path]]:
    root = projcopy.make(tmp_path / "project")
    srv = Server(root)
    try:
        yield srv, root
    finally:
        srv.stop()


def save(story: Path, old: str, new: str) -> int:
    """Edit story.yml in place as an editor's save would; returns the edited line (1-based)."""
    text = story.read_text(encoding="utf-8")
    assert text.count(old) == 1
    line = text.count("\n", 0, text.index(old)) + 1
    story.write_text(text.replace(old, new), encoding="utf-8")
    return line


def rebuilt(srv: Server, builds: int) -> None:
    """Wait until build number `builds` has started and finished."""
    srv.wait_for(f"build {builds}", lambda: srv.count(BUILDING) >= builds and srv.count(BUILT) >= builds)
    srv.wait_for("reload", lambda: srv.count(RELOADED) >= builds - 1)  # the reload message follows the build


def page_title(html: str) -> str:
    m = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S)
    assert m, html[:500]
    return re.sub(r"<[^>]+>", "", m.group(1)).strip()


def assert_error_shown(srv: Server, line: int) -> None:
    """After an invalid save at `line`: the error in the terminal and in a banner over the last good page."""
    where = f"seeds/story.yml:{line}:12: error:"
    assert any(where in out for out in srv.lines), f"no {where!r} in the server's output:\n{srv.output}"
    page = srv.get_when("topics/hockey-matches/", lambda html: "gen-errors" in html)
    assert page_title(page) == "Hockey matches, edited"
    banner = re.search(r'<div class="gen-errors"[^>]*>(.*?)</div>', page, re.S)
    assert banner, page[:2000]
    assert where in banner.group(1)
    assert "hint:" in banner.group(1)
    assert 'class="gen-errors"' in srv.get_when("", lambda html: "gen-errors" in html)  # on every page


def test_save_valid_invalid_valid(server: tuple[Server, Path]) -> None:
    srv, root = server
    story = root / "seeds" / "story.yml"
    started(srv)
    srv.wait_for("the watcher", lambda: srv.count("Watching paths for changes") >= 1)  # a save from now on counts
    assert srv.count(BUILDING) == 1, srv.output
    first = srv.get("topics/hockey-matches/")
    assert page_title(first) == "Hockey matches"
    assert "gen-errors" not in first

    # 1. a valid save: one rebuild, the new title is served
    save(story, TITLE, "    title: Hockey matches, edited\n")
    rebuilt(srv, 2)
    page = srv.get("topics/hockey-matches/")
    assert page_title(page) == "Hockey matches, edited"
    assert "gen-errors" not in page

    # 2. an invalid save: one rebuild, errors in the terminal and on the page, last good content kept
    line = save(story, "    title: Hockey matches, edited\n", '    title: "Hockey matches, unfinished\n')
    rebuilt(srv, 3)
    assert_error_shown(srv, line)

    # 3. a valid save again: one rebuild, recovered
    save(story, '    title: "Hockey matches, unfinished\n', "    title: Hockey games\n")
    rebuilt(srv, 4)
    page = srv.get("topics/hockey-matches/")
    assert page_title(page) == "Hockey games"
    assert "gen-errors" not in page
    assert "gen-errors" not in srv.get("")

    # no rebuild loop: nothing changes, nothing is rebuilt (a quiet period: a busy machine can only
    # make a loop less visible here, never fail a server without one)
    time.sleep(QUIET_SECONDS)
    assert srv.count(BUILDING) == 4, srv.output
    assert srv.count("Detected file changes") == 3, srv.output
    assert "Traceback" not in srv.output
    assert srv.proc.poll() is None


ZENSICAL_BUILT = re.compile(r"^(No issues|\d+ issues?) found$")  # what Zensical prints after every (re)build


def test_zensical_save_valid_invalid_valid(tmp_path: Path) -> None:
    """`serve --renderer zensical`: the same three saves, one rebuild each, the same terminal and banner."""
    pytest.importorskip("zensical")
    root = projcopy.make(tmp_path / "project")
    srv = Server(root, "zensical")

    def builds() -> int:
        return sum(bool(ZENSICAL_BUILT.match(line)) for line in list(srv.lines))

    def rebuilt_z(n: int) -> None:
        srv.wait_for(f"build {n}", lambda: builds() >= n)

    try:
        story = root / "seeds" / "story.yml"
        srv.wait_for("the server to start", lambda: builds() >= 1 and srv.count("Serving ") == 1)
        srv.wait_for("the watcher", lambda: srv.count("watching for changes") >= 1)  # a save from now on counts
        first = srv.get_when("topics/hockey-matches/", lambda html: "<h1" in html)
        assert page_title(first) == "Hockey matches" and "gen-errors" not in first

        save(story, TITLE, "    title: Hockey matches, edited\n")
        rebuilt_z(2)
        page = srv.get_when("topics/hockey-matches/", lambda html: "edited" in html)
        assert page_title(page) == "Hockey matches, edited" and "gen-errors" not in page

        line = save(story, "    title: Hockey matches, edited\n", '    title: "Hockey matches, unfinished\n')
        rebuilt_z(3)
        assert_error_shown(srv, line)

        save(story, '    title: "Hockey matches, unfinished\n', "    title: Hockey games\n")
        rebuilt_z(4)
        page = srv.get_when("topics/hockey-matches/", lambda html: "Hockey games" in html)
        assert page_title(page) == "Hockey games" and "gen-errors" not in page
        assert "gen-errors" not in srv.get_when("", lambda html: "Hockey games" in html)

        seen = srv.count("Detected file changes")  # 3: the watcher lets a save settle; one still seen twice
        # (two writes further apart than that) finds no page changed the second time: `builds` holds that
        time.sleep(QUIET_SECONDS)  # no rebuild loop (a quiet period, as above)
        assert builds() == 4, srv.output
        assert srv.count("Detected file changes") == seen >= 3, srv.output
        assert "Traceback" not in srv.output and "panicked" not in srv.output
        assert srv.proc.poll() is None
    finally:
        srv.stop()
    assert srv.proc.returncode == 0, srv.output  # Ctrl-C ends it cleanly


@pytest.mark.parametrize("renderer", ["mkdocs", "zensical"])
def test_invalid_at_start_refuses_to_serve(tmp_path: Path, renderer: str) -> None:
    root = projcopy.make(tmp_path / "project")
    story = root / "seeds" / "story.yml"
    line = save(story, TITLE, "    titel: Hockey matches\n")
    done = subprocess.run(
        [
            *(projcopy.PYTHON, "-m", "generator", "--root", str(root), "serve"),
            *("--dev-addr", "127.0.0.1:1", "--renderer", renderer),
        ],
        cwd=root,
        env=projcopy.env(),
        capture_output=True,
        text=True,
        timeout=DEADLINE,
    )
    assert done.returncode == 1
    assert f"seeds/story.yml:{line}:5: error: unknown key 'titel'" in done.stderr
    assert "Traceback" not in done.stderr
    with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", 1), timeout=1):
        raise AssertionError("nothing should be listening")


@pytest.mark.parametrize("renderer", ["mkdocs", "zensical"])
def test_port_in_use_is_reported(tmp_path: Path, renderer: str) -> None:
    """A busy port is reported at once, before anything is built, as one error line and its hint."""
    root = projcopy.make(tmp_path / "project")
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = busy.getsockname()[1]
        done = subprocess.run(
            [
                *(projcopy.PYTHON, "-m", "generator", "--root", str(root), "serve"),
                *("--dev-addr", f"127.0.0.1:{port}", "--renderer", renderer),
            ],
            cwd=root,
            env=projcopy.env(),
            capture_output=True,
            text=True,
            timeout=DEADLINE,
        )
    assert done.returncode != 0
    assert "Traceback" not in done.stdout + done.stderr, done.stdout + done.stderr
    assert str(port) in done.stderr
    lines = done.stderr.splitlines()
    assert len(lines) == 2 and "error: cannot listen" in lines[0] and "hint:" in lines[1], done.stderr


SERVE_URL = "http://127.0.0.1:8000/explainer/"  # what `serve` sets as site_url; no server is started here


def site_files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def assert_same_site(got: Path, want: Path) -> None:
    a, b = site_files(got), site_files(want)
    assert sorted(a) == sorted(b), f"files differ: {sorted(set(a) ^ set(b))}"
    differ = [name for name in a if a[name] != b[name]]
    assert not differ, f"incremental output differs from a full build in {differ}"


def test_incremental_rebuild_equals_full_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """While serving, a rebuild reuses unchanged pages; after every kind of save its site (pages,
    search index, sitemap) is byte for byte a full build's of the same inputs, and a nav change
    (a retitled or a new topic) reaches every page."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.structure.files import Files
    from mkdocs.theme import Theme

    from generator import cli

    root = projcopy.make(tmp_path / "project")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    monkeypatch.delenv("SOURCE_DATE_EPOCH")  # the hook sets it from the story; restored afterwards
    mkdocs_own = Files.add_files_from_theme, Theme.get_env
    monkeypatch.setattr(Files, "add_files_from_theme", mkdocs_own[0])  # both restored afterwards
    monkeypatch.setattr(Theme, "get_env", mkdocs_own[1])
    cli._keep_theme_files()  # as `serve` does
    cli._keep_compiled_templates()
    caplog.set_level(logging.INFO, logger="mkdocs")
    served, fresh = tmp_path / "served", tmp_path / "fresh"

    def rebuild(site: Path, first: bool = False) -> Any:
        """What `mkdocs serve` does for each (re)build; returns the hook module."""
        config = load_config(str(root / "mkdocs.yml"), site_dir=str(site))
        config.site_url = SERVE_URL
        if first:
            config.plugins.on_startup(command="serve", dirty=False)
        caplog.clear()
        build(config, serve_url=SERVE_URL)
        return config.plugins["generator/hook.py"]

    def reused() -> tuple[int, int]:
        said = re.findall(r"incremental: (\d+) of (\d+) pages reused", caplog.text)
        assert said, caplog.text
        return int(said[-1][0]), int(said[-1][1])

    def check_against_full_build() -> None:
        hook.pages.clear()  # forget every page: the next build renders them all
        with monkeypatch.context() as plain:  # and uses the theme as MkDocs does
            plain.setattr(Files, "add_files_from_theme", mkdocs_own[0])
            plain.setattr(Theme, "get_env", mkdocs_own[1])
            rebuild(fresh)
        assert reused()[0] == 0
        assert_same_site(served, fresh)

    hook = rebuild(served, first=True)
    story = root / "seeds" / "story.yml"

    # 1. a word in the standfirst: only the home page is made again
    save(story, "  standfirst: >-\n", "  standfirst: >-\n    Edited.\n")
    rebuild(served)
    n, total = reused()
    assert n == total - 1, caplog.text
    assert "Edited." in (served / "index.html").read_text(encoding="utf-8")
    check_against_full_build()

    # 2. a retitled topic: the nav changes, every page is made again and shows the new title
    rebuild(served)
    save(story, TITLE, "    title: Hockey games\n")
    rebuild(served)
    assert reused()[0] == 0
    pages = list(served.rglob("*.html"))
    assert len(pages) > 20
    for page in pages:
        assert "Hockey matches" not in page.read_text(encoding="utf-8"), page
    assert "Hockey games" in (served / "about" / "index.html").read_text(encoding="utf-8")
    check_against_full_build()

    # 3. a new topic: a new page, in every page's nav
    rebuild(served)
    new_topic = "  - id: rematch\n    title: Hockey rematches\n    status: agreed\n    summary: Again.\n    evidence:\n"
    hockey = story.read_text(encoding="utf-8")
    evidence = hockey[hockey.index("    evidence:\n", hockey.index("  - id: hockey-matches\n")) :]
    evidence = evidence[len("    evidence:\n") : evidence.index("\n\n")] + "\n"
    save(story, "  - id: territory\n", new_topic + evidence + "  - id: territory\n")
    rebuild(served)
    assert (served / "topics" / "rematch" / "index.html").is_file()
    for page in served.rglob("*.html"):
        if page.name != "404.html":
            assert "Hockey rematches" in page.read_text(encoding="utf-8"), page
    check_against_full_build()

    # 4. an invalid save: the banner on every page (the last good pages kept), then recovery
    rebuild(served)
    save(story, "    title: Hockey games\n", '    title: "Hockey games, unfinished\n')
    rebuild(served)
    assert reused()[0] == 0
    assert 'class="gen-errors"' in (served / "index.html").read_text(encoding="utf-8")
    check_against_full_build()
    save(story, '    title: "Hockey games, unfinished\n', "    title: Hockey games\n")
    rebuild(served)
    assert "gen-errors" not in (served / "index.html").read_text(encoding="utf-8")
    check_against_full_build()


@pytest.mark.parametrize("state", ["idle", "building", "reloading"])
@pytest.mark.parametrize("renderer", ["mkdocs", "zensical"])
def test_ctrl_c_ends_the_preview_promptly(tmp_path: Path, renderer: str, state: str) -> None:
    """Ctrl-C, whatever the server is doing, ends it with status 0 and leaves no process behind.
    The 2 s promise is measured by `bench/interrupt.py` (20 times per state, on a quiet machine);
    here the limit is generous, as a busy machine may not run the server for seconds (before, a
    server could ignore Ctrl-C for good)."""
    if renderer == "zensical":
        pytest.importorskip("zensical")
    took, problem = interrupt_in(projcopy.make(tmp_path / "project"), renderer, state, 0, limit=STOP_DEADLINE)
    assert problem is None, problem
