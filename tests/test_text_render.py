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
