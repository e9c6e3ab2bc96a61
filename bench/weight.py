"""Page weight: bytes and requests per page, raw and gzipped, cold cache; prints a Markdown table.

    .venv/bin/python bench/weight.py

Each page is loaded in a fresh Playwright context (Debian's Chromium, 1280x800) from the
gzip-serving loopback server of bench/lighthouse.py, and waits for the network to go quiet, so
the search worker's fetches are counted too. "gzip" is what went over the wire (the server
compresses text with gzip level 6, as a CDN would); "raw" is the decoded size. The budget column
leaves out the search index (search/search_index.json), which grows with the site.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from lighthouse import ROOT, ensure_site, pages, serve  # noqa: E402

BUDGET = 100 * 1024  # bytes gzipped per page, without the search index
SEARCH_INDEX = "search/search_index.json"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]


def weigh(browser: Any, url: str) -> list[tuple[str, int, int]]:
    """(url, raw bytes, bytes on the wire) for every request the page made."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    finished: list[Any] = []
    context.on("requestfinished", lambda request: finished.append(request))
    page.goto(url, wait_until="networkidle")
    rows = []
    for request in finished:
        response = request.response()
        raw = len(response.body()) if response else 0
        wire = request.sizes()["responseBodySize"]
        rows.append((request.url, raw, wire))
    context.close()
    return rows


def main() -> None:
    from playwright.sync_api import sync_playwright

    site = ROOT / "site"
    ensure_site(site)
    print("| page | requests | raw KiB | gzip KiB | gzip KiB without search index | within 100 KB |")
    print("|---|---:|---:|---:|---:|---|")
    heaviest: dict[str, int] = {}
    with serve(site) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        for path in pages(site):
            rows = weigh(browser, base + path)
            raw = sum(r for _, r, _ in rows)
            wire = sum(w for _, _, w in rows)
            budgeted = sum(w for u, _, w in rows if not u.endswith(SEARCH_INDEX))
            for u, _, w in rows:
                name = u.removeprefix(base)
                heaviest[name] = max(heaviest.get(name, 0), w)
            print(
                f"| /{path} | {len(rows)} | {raw / 1024:.1f} | {wire / 1024:.1f} | {budgeted / 1024:.1f} "
                f"| {'yes' if budgeted <= BUDGET else 'NO'} |",
                flush=True,
            )
        browser.close()
    print("\nLargest files on the wire (gzip KiB):\n")
    for name, w in sorted(heaviest.items(), key=lambda kv: -kv[1])[:8]:
        print(f"- {name}: {w / 1024:.1f}")


if __name__ == "__main__":
    main()
