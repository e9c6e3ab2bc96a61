"""The pages paint before their scripts run, and nothing moves when the scripts do.

The theme's bundle and the explainer's scripts load with `defer` (overrides/main.html), so the
first paint no longer waits for them (Lighthouse counted them as render-blocking). What the
scripts add after that paint (the table filter, the sort icons and buttons) has its room kept
by explainer.css; without scripts, a <noscript> style gives that room back.

The first paint waits until the whole content is parsed (a <link rel=expect blocking=render> to
an empty marker at its end, overrides/main.html): before that, a browser short of CPU painted a
long table from its first rows and laid it out again with all of them, and the rows moved
(0.004-0.06; at 1280 px, CPU throttled 8x: the second example's /agreed/ built by MkDocs shifted in
4-9 of 20 loads, 0 of 20 with the marker under either renderer; `bench/layout_shift.py`). The test
checks that every page has it.

One shift is the theme's and is let through: on a wide screen the bundle gives the sidebars a
fixed height (until then they are as tall as the menu), so on a page shorter than its menu the
footer moves up a little (CLS 0.0014 on /topics/ at 1280 px; there is no sidebar on a phone), and under
Zensical the sidebar's menu list itself moves by about 0.001 (seen on a source page at 1280 px). Shifts under 0.0005 (a
sub-pixel nudge of a status badge was seen once, 0.0001) are below what this test is about: the
shifts it was written for measured 0.002-0.010.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import VIEWPORTS, new_context, visit
from tests.served import page_sample

# Every layout shift since the page started loading (buffered), with when and what moved (also bench/layout_shift.py).
SHIFTS = """() => new Promise(resolve => {
  const found = [], nav = performance.getEntriesByType("navigation")[0];
  new PerformanceObserver(list => {
    for (const e of list.getEntries()) {
      if (e.hadRecentInput || e.value < 0.0005) continue;
      const moved = (e.sources || []).map(s => s.node ? (s.node.nodeName + "." + (s.node.className || "")) : "?");
      // the theme's: the footer, and (Zensical, wide screens) the sidebar menu it gives a fixed height
      const theirs = m => m.startsWith("FOOTER.md-footer") || m.startsWith("UL.md-nav__list");
      if (moved.length && moved.every(theirs)) continue;
      found.push(`${e.value.toFixed(4)} at ${e.startTime.toFixed(0)} ms`
        + ` (domInteractive ${nav.domInteractive.toFixed(0)}): ${moved.join(", ")}`);
    }
  }).observe({type: "layout-shift", buffered: true});
  setTimeout(() => resolve(found), 300);
})"""


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_no_layout_shift_while_the_scripts_start(browser: Any, base_url: str, site_dir: Path, viewport: str) -> None:
    context, watch = new_context(browser, base_url, viewport)
    page = context.new_page()
    problems: list[str] = []
    try:
        for path in page_sample(site_dir):  # one page of each kind: the shifts come from templates and scripts
            visit(page, base_url + path)
            blocking = page.evaluate("[...document.scripts].filter(s => s.src && !s.defer && !s.async).map(s => s.src)")
            problems += [f"/{path}: script not deferred: {src}" for src in blocking]
            # the first paint waits for the whole content (overrides/main.html): a long table is laid out once
            waits = page.evaluate(
                """[...document.querySelectorAll('head link[rel=expect][blocking~=render]')]
                    .map(l => document.querySelector(new URL(l.href).hash))
                    .map(end => !!end && !!(document.querySelector('article, main')
                      .compareDocumentPosition(end) & Node.DOCUMENT_POSITION_FOLLOWING))"""
            )
            if waits != [True]:
                problems.append(f"/{path}: the first paint does not wait for the end of the content ({waits})")
            problems += [f"/{path}: layout shift {s}" for s in page.evaluate(SHIFTS)]
            problems += [f"/{path}: {p}" for p in watch.clear()]
    finally:
        context.close()
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_without_scripts_the_kept_room_is_given_back(browser: Any, base_url: str, viewport: str) -> None:
    context = browser.new_context(viewport=VIEWPORTS[viewport], java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(base_url + "agreed/")
        form = page.evaluate("document.querySelector('form.table-filter').getBoundingClientRect().height")
        assert form == 0, "the filter cannot work without scripts: it should take no room"
        icons = page.evaluate(
            """[...document.querySelectorAll('table.agreed-table thead th')]
                .map(th => getComputedStyle(th, '::after').display)"""
        )
        assert icons and all(d == "none" for d in icons), f"sort icons without sorting: {icons}"
        if viewport == "phone":  # the stacked table's bar of sort buttons: none without scripts
            shown = page.evaluate(
                "[...document.querySelectorAll('table.agreed-table thead th')].filter(th => th.getClientRects().length)"
                ".length"
            )
            assert shown == 0
    finally:
        context.close()
