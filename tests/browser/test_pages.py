"""Every built page, at desktop and phone width, in the light and the dark palette.

For each page: no console error, no failed request, no request to another host; axe-core
finds no violation of any impact; the page never scrolls sideways. A full-page screenshot of
each goes to test-output/screenshots/<viewport>-<scheme>/ for a human to look at.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import SCHEMES, SCREENSHOTS, axe_violations, new_context
from tests.served import page_paths


def shot_name(path: str) -> str:
    return (path.strip("/").replace("/", "__") or "index").removesuffix(".html") + ".png"


@pytest.mark.parametrize("scheme", sorted(SCHEMES))
@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_every_page_is_clean(browser: Any, base_url: str, site_dir: Path, viewport: str, scheme: str) -> None:
    context, watch = new_context(browser, base_url, viewport, scheme)
    page = context.new_page()
    shots = SCREENSHOTS / f"{viewport}-{scheme}"
    shots.mkdir(parents=True, exist_ok=True)
    problems: list[str] = []
    paths = page_paths(site_dir)
    try:
        for path in paths:
            page.goto(base_url + path, wait_until="networkidle")
            found = watch.clear()
            palette = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
            if palette != SCHEMES[scheme]:
                found.append(f"palette is {palette!r}, expected {SCHEMES[scheme]!r}")
            found += axe_violations(page)
            width = page.evaluate("[document.scrollingElement.scrollWidth, window.innerWidth]")
            if width[0] > width[1]:
                found.append(f"scrolls sideways: scrollWidth {width[0]} > innerWidth {width[1]}")
            page.screenshot(path=shots / shot_name(path), full_page=True)
            found += watch.clear()
            problems += [f"/{path}: {p}" for p in found]
    finally:
        context.close()
    assert len(paths) > 10 and "404.html" in paths
    assert not problems, f"{len(problems)} problem(s) at {viewport} {scheme}:\n" + "\n".join(problems)


def test_axe_checks_wcag_2_2_target_size(browser: Any) -> None:
    """The rule set really includes WCAG 2.2's target size: two tiny links side by side fail it."""
    page = browser.new_page()
    try:
        page.set_content(
            '<!doctype html><html lang="en"><head><title>t</title></head><body><main><p>'
            '<a href="#a" style="display:inline-block;width:8px;height:8px;font-size:6px">a</a>'
            '<a href="#b" style="display:inline-block;width:8px;height:8px;font-size:6px">b</a>'
            "</p></main></body></html>"
        )
        assert any(v.startswith("target-size") for v in axe_violations(page))
    finally:
        page.close()
