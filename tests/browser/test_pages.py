"""Every built page, at desktop and phone width, in the light and the dark palette.

Every page is checked at phone width in the dark palette (a reader on a phone is who the site is
for first); on the root project's MkDocs site, at the three other pairings, one page of each kind
is (tests/served.py's page_sample: every top-level page, and the first and the largest source,
comparison and topic page). Other sites are checked on that sample at desktop width in the light
palette too, so each width and each palette once: Zensical renders the same Markdown through its
own templates, and another project puts other content in the same templates; their other two
pairings add no template (they cost 100 s of the suite for Zensical, 48 s for the second example).
Checking all four pairings on every page of every site took more than half of the suite's time.

For each page: no console error, no failed request, no request to another host; axe-core
finds no violation of any impact; the page never scrolls sideways. A full-page screenshot of
each page with a problem goes to test-output/screenshots/<viewport>-<scheme>/ for a human to look
at; with EXPLAINER_SCREENSHOTS=1, of every page (they cost a third of the test's time).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import ONCE_EACH, SCHEMES, SCREENSHOTS, axe_violations, new_context, visit, zensical
from tests.served import page_paths, page_sample

EVERY_PAGE = {("phone", "dark")}  # the pairing that visits every page


def shot_name(path: str) -> str:
    return (path.strip("/").replace("/", "__") or "index").removesuffix(".html") + ".png"


@pytest.mark.parametrize("scheme", sorted(SCHEMES))
@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_every_page_is_clean(
    browser: Any, base_url: str, site_dir: Path, viewport: str, scheme: str, request: pytest.FixtureRequest
) -> None:
    if request.node.callspec.params["site_dir"] != "root-mkdocs" and (viewport, scheme) not in ONCE_EACH:
        pytest.skip("sites other than the root project's MkDocs one: each width and each palette once")
    context, watch = new_context(browser, base_url, viewport, scheme)
    page = context.new_page()
    shots = SCREENSHOTS / f"{viewport}-{scheme}"
    shots.mkdir(parents=True, exist_ok=True)
    problems: list[str] = []
    every = (viewport, scheme) in EVERY_PAGE and not zensical(site_dir)
    paths = page_paths(site_dir) if every else page_sample(site_dir)
    try:
        for path in paths:
            visit(page, base_url + path)
            found = watch.clear()
            palette = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
            if palette != SCHEMES[scheme]:
                found.append(f"palette is {palette!r}, expected {SCHEMES[scheme]!r}")
            found += axe_violations(page)
            width = page.evaluate("[document.scrollingElement.scrollWidth, window.innerWidth]")
            if width[0] > width[1]:
                found.append(f"scrolls sideways: scrollWidth {width[0]} > innerWidth {width[1]}")
            found += watch.clear()
            if found or os.environ.get("EXPLAINER_SCREENSHOTS"):
                page.screenshot(path=shots / shot_name(path), full_page=True)
            problems += [f"/{path}: {p}" for p in found]
    finally:
        context.close()
    assert "404.html" in paths and (len(paths) > 10 or not every)
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
