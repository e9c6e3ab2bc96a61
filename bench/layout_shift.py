"""Layout shifts of one page on a starved CPU: how often a load moves something, and what.

    .venv/bin/python bench/layout_shift.py examples/eu-us-trade/site agreed/ [--loads 20] [--rate 8] [--no-scripts]

Serves the built site on loopback, loads the page `--loads` times at 1280 x 800 in Debian's
Chromium with its CPU throttled `--rate` times (DevTools' Emulation.setCPUThrottlingRate) and
prints each load's layout shifts of 0.0005 or more (value, time, domInteractive, what moved),
leaving out the theme's own (the footer and the sidebar menu; see
tests/browser/test_layout_shift.py). `--no-scripts` blocks every script, to tell the parser's
shifts from the scripts'.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import sys
import threading
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, SiteServer  # noqa: E402
from tests.browser.test_layout_shift import SHIFTS  # noqa: E402


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: Any) -> None:
        pass


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("site", type=Path)
    parser.add_argument("page", help="a path under the site, e.g. agreed/")
    parser.add_argument("--loads", type=int, default=20)
    parser.add_argument("--rate", type=float, default=8.0)
    parser.add_argument("--no-scripts", action="store_true")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    server = SiteServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(args.site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/{args.page}"
    shifted = 0
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 800})
        page = context.new_page()
        if args.no_scripts:
            page.route("**/*.js", lambda route: route.abort())
        context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": args.rate})
        for n in range(args.loads):
            page.goto(url, wait_until="load")
            found = page.evaluate(SHIFTS)
            shifted += bool(found)
            for line in found:
                print(f"load {n + 1}: {line}")
        browser.close()
    server.shutdown()
    scripts = ", scripts blocked" if args.no_scripts else ""
    print(f"/{args.page} at 1280 px, CPU throttled {args.rate:g}x{scripts}: {shifted} of {args.loads} loads shifted")


if __name__ == "__main__":
    main()
