"""Ctrl-C ends a preview promptly: `serve` with each renderer, interrupted again and again in
each state, must exit with status 0 within 2 s and leave no process behind.

    .venv/bin/python bench/interrupt.py [--runs 20] [--renderer mkdocs|zensical] [--state NAME]

States: `idle` (built, serving, nothing happening), `building` (a save's rebuild has started),
`reloading` (the rebuild has just finished: browsers are being told to reload), `browser`
(a Chromium page is open on the preview, its live-reload connection waiting). Each run starts
a fresh server on a copy of the project. Prints one line per renderer and state: runs, worst
and median seconds from Ctrl-C to exit, failures. Exit status 1 if any run failed.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests import projcopy  # noqa: E402
from tests.serving import STOP_SECONDS, Server, started  # noqa: E402

STATES = ("idle", "building", "reloading", "browser")
RENDERERS = ("mkdocs", "zensical")
# what each renderer prints when a rebuild starts and when it has finished
BUILD_STARTED = {"mkdocs": "Building documentation", "zensical": "file(s) changed"}
BUILD_DONE = {"mkdocs": "Documentation built in", "zensical": " found"}


def edit(root: Path, renderer: str, n: int) -> None:
    """A save that changes the site whatever the story: MkDocs rebuilds on a hand-written style
    sheet's change (a page outside the nav is a warning, fatal under --strict); Zensical copies
    assets without a rebuild, so for it, a hand-written page."""
    if renderer == "mkdocs":
        with (root / "docs" / "assets" / "explainer.css").open("a", encoding="utf-8") as css:
            css.write(f"/* saved {n} */\n")
    else:
        (root / "docs" / "interrupt-check.md").write_text(f"# Check\n\nSaved {n} times.\n", encoding="utf-8")


def one(root: Path, renderer: str, state: str, n: int, browser: Any) -> tuple[float, str | None]:
    """One server, interrupted in `state`; returns (seconds to exit, what went wrong or None)."""
    srv = Server(root, renderer)
    page = None
    try:
        started(srv)
        if state in ("building", "reloading"):
            before = srv.count(BUILD_DONE[renderer] if state == "reloading" else BUILD_STARTED[renderer])
            edit(root, renderer, n)
            marker = BUILD_DONE[renderer] if state == "reloading" else BUILD_STARTED[renderer]
            srv.wait_for(state, lambda: srv.count(marker) > before)
        elif state == "browser":
            page = browser.new_page()
            page.goto(srv.url, wait_until="load")
    except AssertionError as exc:
        srv.interrupt()
        return 0.0, f"did not reach {state}: {exc}"
    took = srv.interrupt()
    if page is not None:
        page.close()
    left = srv.left_behind()
    problem = None
    if srv.proc.returncode != 0:
        problem = f"exit status {srv.proc.returncode}"
    elif took > STOP_SECONDS:
        problem = f"took {took:.2f} s"
    elif left:
        problem = f"left processes {left}"
    if problem:
        problem += "; last lines: " + " / ".join(srv.lines[-4:])
    return took, problem


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--renderer", choices=RENDERERS, action="append")
    parser.add_argument("--state", choices=STATES, action="append")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS

    failed = 0
    print("| renderer | state | runs | failures | median (s) | worst (s) |\n|---|---|---:|---:|---:|---:|", flush=True)
    with sync_playwright() as p, tempfile.TemporaryDirectory() as tmp:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        root = projcopy.make(Path(tmp) / "project")
        for renderer in args.renderer or RENDERERS:
            for state in args.state or STATES:
                times, problems = [], []
                for n in range(args.runs):
                    took, problem = one(root, renderer, state, n, browser)
                    times.append(took)
                    if problem:
                        problems.append(f"  run {n + 1}: {problem}")
                failed += len(problems)
                print(
                    f"| {renderer} | {state} | {args.runs} | {len(problems)} "
                    f"| {statistics.median(times):.2f} | {max(times):.2f} |",
                    flush=True,
                )
                for line in problems:
                    print(line, file=sys.stderr, flush=True)
        browser.close()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
