"""Wide tables with many sources: a story of twelve sources (tests/fixtures/wide-tables/), long outlet
names and long topic titles, built once for this module and driven in Chromium at 1280 and 360 px.

On the agreed table, the Sources page (the coverage grid) and "who reported what", in the light and
the dark scheme: no word is broken across two lines, the page itself never scrolls sideways, and
axe-core (WCAG 2.2 AA and best practices) finds nothing. While a table scrolls sideways its first
column stays in view, on an opaque background whose text keeps its contrast.

Self-contained on purpose (its own build, server and browser): the shared conftest files are being
reworked, and this module needs a project of its own, not the site the other browser tests share.
"""

from __future__ import annotations

import functools
import http.server
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import SiteServer, visit

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "wide-tables"
WIDTHS = {1280: 800, 360: 740}
PAGES = ("agreed/", "sources/", "sources/by-topic/")
AXE_OPTIONS = {
    "resultTypes": ["violations"],
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]},
    "rules": {"target-size": {"enabled": True}},
}

# Every word of the tables' cells (and of the outlets' words on "who reported what") that the
# browser set on more than one line. A word ends at a space, or just after a hyphen, dash or slash
# (a line may break there); text only for assistive technology (clipped to 1 px) is left out.
BROKEN_WORDS_JS = r"""
(selector) => {
  const broken = [];
  const word = /[^\s\-\u2010-\u2014\/]+[\-\u2010-\u2014\/]?/g;
  for (const cell of document.querySelectorAll(selector)) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.parentElement.closest(".visually-hidden")) continue;
      for (const m of node.data.matchAll(word)) {
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const rects = [...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0);
        const lines = new Set(rects.map((r) => Math.round(r.top + r.height / 2)));
        if (lines.size > 1) broken.push(m[0] + " (" + lines.size + " lines)");
      }
    }
  }
  return broken;
}
"""
CELLS = ".table-wrap th, .table-wrap td, ul.own-words > li"


@pytest.fixture(scope="module")
def wide_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The twelve-source story as a project of its own (seeds/ and a small mkdocs.yml), built."""
    root = tmp_path_factory.mktemp("wide") / "project"
    shutil.copytree(FIXTURE, root / "seeds")
    (root / "mkdocs.yml").write_text("site_name: Explainer\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "generator", "--root", str(root), "build"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return root / "site"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the stdlib's name
        pass


@pytest.fixture(scope="module")
def wide_url(wide_site: Path) -> Iterator[str]:
    server = SiteServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(wide_site)))
    threading.Thread(target=server.serve_forever, name="wide-site", daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def chromium(browser: Any) -> Any:
    """The session's one Chromium (tests/browser/conftest.py): a second sync Playwright in the same
    worker is refused."""
    return browser


def open_page(chromium: Any, width: int, scheme: str) -> tuple[Any, Any, list[str]]:
    context = chromium.new_context(
        viewport={"width": width, "height": WIDTHS[width]}, color_scheme=scheme, reduced_motion="reduce"
    )
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(f"console error: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(f"uncaught exception: {e}"))
    return context, page, errors


def axe(page: Any) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    found = Axe().run(page, options=AXE_OPTIONS).response["violations"]
    return [f"{v['id']} ({v['impact']}): {v['help']}; at {[n['target'] for n in v['nodes'][:5]]}" for v in found]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", sorted(WIDTHS))
def test_wide_pages_break_no_word_and_never_scroll_sideways(
    chromium: Any, wide_url: str, width: int, scheme: str
) -> None:
    context, page, errors = open_page(chromium, width, scheme)
    problems: list[str] = []
    try:
        for path in PAGES:
            visit(page, wide_url + path)
            assert page.locator(CELLS).count() >= 12, f"/{path}: no table or list of outlets found"
            problems += [f"/{path}: broken word: {w}" for w in page.evaluate(BROKEN_WORDS_JS, CELLS)]
            sw, iw = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
            if sw > iw:
                problems.append(f"/{path}: the page scrolls sideways: scrollWidth {sw} > innerWidth {iw}")
            problems += [f"/{path}: axe: {v}" for v in axe(page)]
            problems += [f"/{path}: {e}" for e in errors]
            errors.clear()
    finally:
        context.close()
    assert not problems, f"{len(problems)} problem(s) at {width} px, {scheme}:\n" + "\n".join(problems)


def test_wide_pages_hide_the_side_bars(chromium: Any, wide_url: str) -> None:
    """At 1280 px the wide pages give the side bars' room to the content."""
    context, page, _ = open_page(chromium, 1280, "light")
    try:
        for path in PAGES:
            visit(page, wide_url + path)
            hidden = page.evaluate(
                "[...document.querySelectorAll('.md-sidebar')].every((s) => s.getBoundingClientRect().width === 0)"
            )
            content = page.evaluate("document.querySelector('.md-content').getBoundingClientRect().width")
            assert hidden, f"/{path}: a side bar is shown"
            assert content > 1100, f"/{path}: the content is {content} px wide"
    finally:
        context.close()


def parse_rgba(value: str) -> tuple[float, float, float, float]:
    numbers = [float(n) for n in re.findall(r"[\d.]+", value)]
    return (numbers[0], numbers[1], numbers[2], numbers[3] if len(numbers) > 3 else 1.0)


def luminance(rgb: tuple[float, float, float]) -> float:
    def channel(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(fg: str, bg: str) -> float:
    *f, alpha = parse_rgba(fg)
    b = parse_rgba(bg)[:3]
    seen = tuple(alpha * f[i] + (1 - alpha) * b[i] for i in range(3))  # the text as painted over the background
    hi, lo = sorted((luminance(seen), luminance(b)), reverse=True)  # type: ignore[arg-type]
    return (hi + 0.05) / (lo + 0.05)


STICKY_JS = """
(wrap) => {
  wrap.style.maxWidth = "30rem";  // narrow enough that any table scrolls, whatever the story
  wrap.scrollLeft = wrap.scrollWidth;
  const left = wrap.getBoundingClientRect().left;
  return [...wrap.querySelectorAll("tr")].map((tr) => {
    const cell = tr.cells[0];
    // scroll the page (not the table) to the row, without the theme's smooth scrolling
    window.scrollBy({top: cell.getBoundingClientRect().top - window.innerHeight / 3, behavior: "instant"});
    const box = cell.getBoundingClientRect();
    const hit = document.elementFromPoint(box.left + 4, box.top + 8);
    const text = cell.querySelector("a") || cell;
    return {
      scrolled: wrap.scrollLeft,
      hit: hit ? hit.tagName + "." + hit.className : null,
      offset: Math.round(box.left - left),
      onTop: !!hit && cell.contains(hit),
      background: getComputedStyle(cell).backgroundColor,
      color: getComputedStyle(text).color,
    };
  });
}
"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", ["agreed/", "sources/"])
def test_first_column_stays_in_view_on_an_opaque_background(
    chromium: Any, wide_url: str, path: str, scheme: str
) -> None:
    context, page, _ = open_page(chromium, 1280, scheme)
    try:
        visit(page, wide_url + path)
        rows = page.locator(".table-wrap").first.evaluate(STICKY_JS)
    finally:
        context.close()
    assert rows and rows[0]["scrolled"] > 0, "the table did not scroll sideways"
    for row in rows:
        assert row["offset"] == 0, f"the first column moved {row['offset']} px with the scroll"
        assert row["onTop"], f"the first column is painted under the scrolled cells: {row['hit']}"
        assert parse_rgba(row["background"])[3] == 1, f"the first column's background {row['background']} is not opaque"
        ratio = contrast(row["color"], row["background"])
        assert ratio >= 4.5, f"text {row['color']} on {row['background']}: contrast {ratio:.2f}"


@pytest.mark.parametrize("path", ["agreed/", "sources/"])
def test_phone_keeps_the_stacked_rows(chromium: Any, wide_url: str, path: str) -> None:
    """At 360 px a row is a card of labelled cells, nothing sticky, nothing scrolling sideways."""
    context, page, _ = open_page(chromium, 360, "light")
    try:
        visit(page, wide_url + path)
        cells = page.locator(".table-wrap tbody td").evaluate_all(
            "(cells) => cells.map((c) => [getComputedStyle(c).display, getComputedStyle(c).position,"
            " getComputedStyle(c, '::before').content])"
        )
        wrap = page.locator(".table-wrap").first.evaluate("(w) => [w.scrollWidth, w.clientWidth]")
    finally:
        context.close()
    assert cells
    for display, position, label in cells:
        assert (display, position) == ("block", "static")
        assert label not in ("none", "normal", ""), "a stacked cell lost its label"
    assert wrap[0] <= wrap[1], f"the stacked table scrolls sideways: {wrap}"


def test_broken_word_check_finds_a_broken_word(chromium: Any) -> None:
    """The check is real: a word forced to break inside a narrow cell is found; a hyphen break is not."""
    page = chromium.new_page()
    try:
        page.set_content(
            '<div class="table-wrap"><table><tr><td style="width:3em;word-break:break-all">Extraordinarily</td>'
            '<td style="width:3em">drought-sharing</td></tr></table></div>'
        )
        found = page.evaluate(BROKEN_WORDS_JS, CELLS)
    finally:
        page.close()
    assert len(found) == 1 and found[0].startswith("Extraordinarily")
