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

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests import projcopy  # noqa: E402
from tests.serving import RENDERERS, STATES, interrupt_in  # noqa: E402


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
                    took, problem = interrupt_in(root, renderer, state, n, browser)
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
