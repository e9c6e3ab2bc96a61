"""Pure helpers: typography folding, quote spans, links between pages, honest dates, escaping."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.markup import escape
from generator.model import Precision, When
from generator.render import href, shown_when
from generator.text import find_span, folded_words, normalize_typography


def test_typography_only_is_folded() -> None:
    assert normalize_typography("\u201cIt\u2019s\u201d \u2014 fine\u2026  ok") == '"It\'s" - fine... ok'
    assert normalize_typography("''quoted''") == '"quoted"'
    assert normalize_typography("Normalisation") != normalize_typography("normalization")


def test_folded_words_ignore_spelling_case_and_abbreviation_dots() -> None:
    assert folded_words("U.S. normalisation, organise") == folded_words("US Normalization organize")
    assert sorted(folded_words('"X," the Kremlin said.')) == sorted(folded_words('"X," said the Kremlin.'))


def test_find_span_maps_back_to_the_original_text() -> None:
    text = "He said \u201cstop  now\u201d \u2014 twice."
    start, end = find_span(text, '"stop now" - twice') or (0, 0)
    assert text[start:end] == "\u201cstop  now\u201d \u2014 twice"
    assert find_span(text, "not there") is None


@pytest.mark.parametrize(
    ("src", "dst", "anchor", "want"),
    [
        ("index.md", "timeline.md", "", "timeline/"),
        ("index.md", "agreed.md", "", "agreed/"),
        ("timeline.md", "sources/a.md", "p-1", "../sources/a/#p-1"),
        ("topics/x.md", "sources/a.md", "p-1", "../../sources/a/#p-1"),
        ("topics/x.md", "topics/y.md", "", "../y/"),
        ("topics/index.md", "topics/y.md", "", "y/"),
        ("sources/index.md", "about.md", "", "../about/"),
        ("about.md", "data/story.json", "", "../data/story.json"),
        ("timeline.md", "timeline.md", "e-1", "./#e-1"),
    ],
)
def test_relative_links_between_pages(src: str, dst: str, anchor: str, want: str) -> None:
    assert str(href(src, dst, anchor)) == want


def test_dates_are_as_precise_as_the_sources() -> None:
    d = dt.date(2025, 3, 18)
    assert shown_when(When(d, Precision.DAY)).text == "Tuesday 18 March 2025"
    assert shown_when(When(d, Precision.DAY, "14:05")).iso == "2025-03-18T14:05"
    assert shown_when(When(d, Precision.BEFORE)).text == "Before Tuesday 18 March 2025"
    assert shown_when(When(dt.date(2025, 3, 1), Precision.MONTH)).iso == "2025-03"
    assert shown_when(When(None, Precision.UNKNOWN)).iso is None


def test_unknown_dates_sort_last_and_before_sorts_first() -> None:
    d = dt.date(2025, 3, 18)
    keys = [When(None, Precision.UNKNOWN), When(d, Precision.AFTER), When(d, Precision.DAY), When(d, Precision.BEFORE)]
    assert sorted(keys, key=When.sort_key) == [keys[3], keys[2], keys[1], keys[0]]


@pytest.mark.parametrize(
    "text", ["a | b", "<script>x</script>", "`code`", "*em*", "[x](javascript:alert(1))", "{{ x }}", "{% if %}", "a\nb"]
)
def test_escape_leaves_no_markup_characters(text: str) -> None:
    out = str(escape(text))
    assert not set(out) & set("|<>`*[]{}\n")
    import html

    assert html.unescape(out) == text.replace("\n", " ")


def test_relative_links_agree_with_relpath_for_every_pair_of_pages() -> None:
    import itertools
    import posixpath

    from generator.render import page_url

    pages = ["index.md", "about.md", "topics/index.md", "topics/x.md", "sources/by-topic.md", "sources/a.md"]
    pages += ["a/b/c.md", "a/b/index.md", "a/index.md", "sources/a/x.md"]
    files = ["data/story.json", "assets/cards/topics-x.png", "feed.xml"]
    for src, dst in itertools.product(pages, pages + files):
        here = page_url(src).rstrip("/") or "."
        there = (page_url(dst) if dst.endswith(".md") else dst) or "."
        want = posixpath.relpath(there, here)
        want = "./" if want == "." else want + ("/" if dst.endswith(".md") else "")
        assert str(href(src, dst)) == want, (src, dst)


def test_a_large_story_gets_a_tally_per_source_and_who_reported_what_in_parts(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from pathlib import Path

    from generator import nav, render, seeds, story
    from generator.build import Generated

    fixture = Path(__file__).parent / "fixtures" / "hostile" / "seeds"
    built, _ = story.build(seeds.read(fixture, show_as="seeds"))
    assert len(built.topics) >= 3
    small = render.pages(built)
    assert "coverage-matrix" in small["sources/index.md"] and "sources/by-topic-2.md" not in small
    monkeypatch.setattr(render, "GRID_CELLS", len(built.sources))  # one topic's row to a page
    pages = render.pages(built)
    sources = pages["sources/index.md"]
    assert "coverage-matrix" not in sources and "coverage-tally" in sources
    assert f"{len(built.topics)} topics and {len(built.sources)} sources" in sources
    parts = [render.by_topic_page(n) for n in range(1, len(built.topics) + 1)]
    assert [p for p in pages if p.startswith("sources/by-topic")] == sorted(parts)
    for n, (part, topic) in enumerate(zip(parts, built.topics, strict=True), 1):
        text = pages[part]
        assert f"(part {n} of {len(parts)})" in text and f'<h2 id="{topic.id}">' in text
        assert sum(f'<h2 id="{t.id}">' in text for t in built.topics) == 1  # each topic on one part only
        assert '<span aria-current="page">Part' in text
        others = [render.href(part, p) for p in parts if p != part]
        assert all(f'href="{h}"' in text for h in others)
    got = Generated(built, dict(pages), [], "", 0.0)
    assert nav.left_out(got) == ["/sources/by-topic-*.md"]
