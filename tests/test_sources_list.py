"""Text edits of sources.yml: every shape an editor may leave it in, comments kept (pure)."""

from __future__ import annotations

import pytest
import yaml

from generator.sources_list import references, with_entries, without_entry

ENTRIES = [
    [("id", "a"), ("file", "a.txt"), ("outlet", "A"), ("published", "unknown")],
    [("id", "b"), ("file", "b.txt")],
]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "# only a comment\n",
        "sources: []\n",
        "# header\nsources: [] # none yet\ncompare: []\n",
        "sources:\n# nothing yet\n",
        "sources:\n",
        "reference: x\n",
        "sources:\n  - id: x\n    file: x.txt\n\ncompare: []\n",
        "sources:\n- id: x\n  file: x.txt",
    ],
)
def test_entries_are_added_to_any_shape_and_comments_stay(text: str) -> None:
    out = with_entries(text, ENTRIES)
    data = yaml.safe_load(out)
    ids = [s["id"] for s in data["sources"]]
    assert ids[-2:] == ["a", "b"]
    for line in text.splitlines():
        if line.strip().startswith("#"):
            assert line.strip() in out  # comments kept
    if "compare" in text:
        assert data["compare"] == []


def test_removing_entries_keeps_the_rest_and_leaves_a_valid_file() -> None:
    text = with_entries("# c\nreference: a\nsources: []\n", ENTRIES)
    once = without_entry(text, "a")
    assert [s["id"] for s in yaml.safe_load(once)["sources"]] == ["b"] and "# c" in once
    assert yaml.safe_load(without_entry(once, "b"))["sources"] == []
    with pytest.raises(KeyError):
        without_entry(once, "nope")


def test_references_find_every_place_that_names_a_source() -> None:
    story = "topics:\n  - id: t\n    evidence:\n      - source: a\n    absent: [a, b]\nalignment:\n  - a: a#p-1\n"
    found = references("a", [("story.yml", story)])
    assert [(p.line, p.col) for p in found] == [(4, 17), (5, 14), (7, 8)]
