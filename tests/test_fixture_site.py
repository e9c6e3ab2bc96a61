"""The hostile fixture story built for real, by each renderer (`hostile_site`, tests/conftest.py):
text from YAML and articles stays literal text."""

from __future__ import annotations

import json
from pathlib import Path

from tests.htmlpage import Page, parse

HOSTILE_TAGS = {"b", "i", "u", "em", "img", "tags"}  # tags that only the fixture's text contains


def pages(site: Path) -> list[tuple[str, Page]]:
    return [(str(p.relative_to(site)), parse(p)) for p in sorted(site.rglob("*.html"))]


def test_no_markup_from_text_reaches_the_page(hostile_site: Path) -> None:
    for name, page in pages(hostile_site):
        content = [e for e in page.elements if any(i.startswith("article.") for i in e.inside)]
        assert not [e.tag for e in content if e.tag in HOSTILE_TAGS], name
        for e in page.find("script"):
            if e.attrs.get("type") == "application/ld+json":  # a data block, never run; <, >, & are \u-escaped
                assert "<" not in e.text and json.loads(e.text), name
                continue
            assert "alert" not in e.text and "x()" not in e.text and "r()" not in e.text, name
        for e in page.find("a"):
            assert not e.attrs.get("href", "").lower().startswith("javascript"), (name, e.attrs)
            assert not any(k.startswith("on") for k in e.attrs), (name, e.attrs)


def test_text_shows_literally(hostile_site: Path) -> None:
    home = parse(hostile_site / "index.html")
    h1 = home.find("h1")[0].text
    assert "<script>alert('t')</script>" in h1 and "{{ 7*7 }}" in h1 and "|" in h1
    topic = parse(hostile_site / "topics" / "bridge" / "index.html")
    body = " ".join(e.text for e in topic.find("article"))
    assert "[x](javascript:alert(1))" in body
    assert "{% if x %}" in topic.find("h1")[0].text
    title = (hostile_site / "index.html").read_text(encoding="utf-8")
    assert "<script>alert('t')</script>" not in title  # escaped in <title>, meta and nav too


def test_pipes_never_break_table_rows(hostile_site: Path) -> None:
    table = parse(hostile_site / "agreed" / "index.html")
    rows = [e for e in table.find("tr") if any(i.startswith("tbody") for i in e.inside)]
    assert len(rows) == 4
    header = table.find("th")
    cells = [e for e in table.find("td")]
    assert len(cells) == len(rows) * len(header)


def test_quote_links_reach_their_paragraphs(hostile_site: Path) -> None:
    topic = parse(hostile_site / "topics" / "deal" / "index.html")
    links = [
        e.attrs["href"] for e in topic.find("a") if "/sources/" in e.attrs.get("href", "") and "#p-" in e.attrs["href"]
    ]
    assert links
    for link in links:
        path, anchor = link.split("#")
        target = (hostile_site / "topics" / "deal" / path / "index.html").resolve()
        assert anchor in parse(target).ids, link
