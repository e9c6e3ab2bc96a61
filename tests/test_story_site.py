"""The fixture story (tests/fixtures/story/, a frozen copy of the first story) built for real by each
renderer: where its sources differ, same facts in independent outlets' own words, a republication named."""

from __future__ import annotations

import json
from pathlib import Path


def test_topic_page_shows_where_sources_differ_with_their_words(story_site: Path) -> None:
    aid = (story_site / "topics" / "aid-conditions" / "index.html").read_text(encoding="utf-8")
    assert "Sources differ" in aid and "did not come up in the conversation" in aid
    talks = (story_site / "topics" / "black-sea-navigation" / "index.html").read_text(encoding="utf-8")
    assert "Sources differ" in talks and "Jeddah" in talks and "immediately" in talks


def test_independent_outlet_comparison_pairs_same_facts(story_site: Path) -> None:
    data = json.loads((story_site / "data" / "comparison.json").read_text(encoding="utf-8"))
    cmp = next(c for c in data["comparisons"] if c["b"] == "inquirer-report")
    same = [p for p in cmp["pairs"] if p["class"] == "same-fact"]
    assert len(same) >= 3 and all(p["fact"] for p in same)
    compare = story_site / "sources" / "compare-moscow-times-wire-inquirer-report" / "index.html"
    html = compare.read_text(encoding="utf-8")
    assert "Same fact, own words" in html


def test_republication_is_named_on_both_source_pages(story_site: Path) -> None:
    for source in ("moscow-times-wire", "newsfinale-copy"):
        html = (story_site / "sources" / source / "index.html").read_text(encoding="utf-8")
        assert "Shares much of its text with" in html, source
    independent = (story_site / "sources" / "inquirer-report" / "index.html").read_text(encoding="utf-8")
    assert "Shares much of its text with" not in independent
