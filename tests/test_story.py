"""Validation on in-memory inputs: each error class reported at its exact line, all at once."""

from __future__ import annotations

import pytest

from generator.diagnostic import Invalid
from generator.seeds import Inputs
from generator.story import build

SOURCES = b"""reference: one
sources:
  - id: one
    file: one.txt
    outlet: One
    published: 2025-03-19
  - id: two
    file: two.txt
    outlet: Two
    published: unknown
"""
ARTICLES = {
    "one.txt": b"The council met on Tuesday.\nIt agreed a \xe2\x80\x9cnew bridge\xe2\x80\x9d for the town.\n",
    "two.txt": b"Only the second source says the mayor resigned.\n",
}
STORY = """story:
  title: T
  standfirst: S
  description: D
  updated: 2025-03-20
  sides:
    - id: council
      label: Council
topics:
  - id: bridge
    title: Bridge
    status: agreed
    summary: A bridge.
    evidence:
      - source: one
        quote: 'It agreed a "new bridge"'
        speaker: the article
events:
  - id: meeting
    date: 2025-03-18
    as_written: on Tuesday
    text: The council meets.
"""


def inputs(story: str, sources: bytes = SOURCES) -> Inputs:
    return Inputs("seeds", {"sources.yml": sources, "story.yml": story.encode()}, dict(ARTICLES))


def problems(story: str) -> list[str]:
    with pytest.raises(Invalid) as caught:
        build(inputs(story))
    return [d.format() for d in caught.value.diagnostics if d.severity == "error"]


def test_valid_story_builds_with_resolved_anchor() -> None:
    story, warnings = build(inputs(STORY))
    # its one event has no evidence: a draft, which is a warning (with its position), not an error
    assert [w.format().split(": warning: ")[1][:28] for w in warnings] == ["event 'meeting' is a draft: "]
    (evidence,) = story.topics[0].evidence
    assert evidence.anchor == story.sources[0].article.blocks[1].anchor


def test_quote_with_one_word_changed_shows_the_closest_passage() -> None:
    (msg,) = problems(STORY.replace('a "new bridge"', 'a "big bridge"'))
    assert msg.startswith("seeds/story.yml:16:16: error: quote not found in source 'one'")
    assert "closest passage in 'one'" in msg and "It agreed a" in msg and "% similar, line 2)" in msg


def test_quote_from_another_source_says_which() -> None:
    (msg,) = problems(STORY.replace("""'It agreed a "new bridge"'""", "the mayor resigned"))
    assert "quote not found in source 'one'; it occurs in 'two'" in msg
    assert "cite source 'two' instead" in msg


def test_weekday_that_does_not_match_the_date() -> None:
    (msg,) = problems(STORY.replace("on Tuesday", "on Wednesday"))
    assert msg.startswith("seeds/story.yml:21:17: error: 'on Wednesday' says Wednesday, but 2025-03-18 is a Tuesday")


def test_impossible_date_and_precision_contradiction_in_one_run() -> None:
    bad = (
        STORY.replace("date: 2025-03-18\n", "date: 2025-02-30\n")
        + "  - id: later\n    date: 2025-03-18\n    precision: month\n    text: x\n"
    )
    msgs = problems(bad)
    assert any(m.startswith("seeds/story.yml:20:11: error: impossible date '2025-02-30'") for m in msgs)
    assert any(m.startswith("seeds/story.yml:24:11: error: precision 'month' contradicts the full date") for m in msgs)


def test_id_reused_across_kinds() -> None:
    (msg,) = problems(STORY.replace("  - id: meeting", "  - id: bridge"))
    assert msg.startswith("seeds/story.yml:19:9: error: duplicate id 'bridge': already used by a topic at line 10")


def test_projection_from_a_missing_event() -> None:
    bad = STORY + "  - id: review\n    projected:\n      from: meting\n      days: 30\n    text: Review.\n"
    (msg,) = problems(bad)
    assert msg.startswith("seeds/story.yml:25:13: error: projected from event 'meting', which does not exist")
    assert "did you mean 'meeting'?" in msg


def test_projection_adds_days_to_its_base() -> None:
    story, _ = build(
        inputs(STORY + "  - id: review\n    projected:\n      from: meeting\n      days: 30\n    text: Review.\n")
    )
    review = [e for e in story.events if e.id == "review"][0]
    assert str(review.when.date) == "2025-04-17" and review.projected is not None


def test_unknown_key_wrong_type_and_unknown_source_all_at_once() -> None:
    bad = STORY.replace("    summary: A bridge.", "    sumary: A bridge.").replace("status: agreed", "status: [agreed]")
    bad = bad.replace("      - source: one", "      - source: on")
    msgs = problems(bad)
    assert any(
        m.startswith("seeds/story.yml:13:5: error: unknown key 'sumary'") and "did you mean 'summary'?" in m
        for m in msgs
    )
    assert any(m.startswith("seeds/story.yml:12:13: error: topics.0.status") for m in msgs)


def test_yaml_syntax_error_has_a_position() -> None:
    (msg,) = problems(STORY.replace("  title: T", "  title: 'T"))
    assert msg.startswith("seeds/story.yml:2:10: error: YAML syntax")


def test_pairwise_comparison_on_request() -> None:
    from generator import render

    three = SOURCES + b"  - id: three\n    file: three.txt\n    outlet: Three\n    published: unknown\n"
    three += b"compare:\n  - [two, three]\n  - [one, two]\n"
    data = inputs(STORY, three)
    data.articles["three.txt"] = b"The mayor resigned, the second source says.\n"
    story, _ = build(data)
    assert story.pairs == (("two", "three"),)  # the reference pair exists anyway
    pages = render.pages(story)
    assert {"sources/compare-one-two.md", "sources/compare-one-three.md", "sources/compare-two-three.md"} <= set(pages)
    assert "sources/compare-three-two.md" not in pages


def test_pairwise_comparison_with_unknown_or_same_source() -> None:
    bad = SOURCES + b"compare:\n  - [two, tow]\n  - [two, two]\n"
    with pytest.raises(Invalid) as caught:
        build(inputs(STORY, bad))
    msgs = [d.format() for d in caught.value.diagnostics]
    assert any(
        m.startswith("seeds/sources.yml:12:11: error: unknown source 'tow'") and "did you mean 'two'?" in m
        for m in msgs
    )
    assert any(m.startswith("seeds/sources.yml:13:5: error: source 'two' compared with itself") for m in msgs)



def _places(data: object, path: tuple[object, ...] = ()) -> list[tuple[tuple[object, ...], object]]:
    """(path of a mapping or list, key) of every value in `data`, the first entry of each list only."""
    if isinstance(data, dict):
        keys: list[object] = list(data)
    elif isinstance(data, list):
        keys = list(range(min(1, len(data))))
    else:
        return []
    out: list[tuple[tuple[object, ...], object]] = []
    for key in keys:
        out.append((path, key))
        out += _places(data[key], (*path, key))  # type: ignore[index]
    return out


@pytest.mark.parametrize("name", ["story", "sources"])
def test_inlined_schema_reports_what_the_schema_does(name: str) -> None:
    """References are inlined for speed (`schema.inlined`); every error must stay the same: where,
    which rule, the message and the description an error hint is taken from. Each value of the
    corpus story in turn is made of the wrong type, empty, not an id, or removed beside an unknown key."""
    from pathlib import Path

    import jsonschema

    from generator import schema, yamldoc

    plain = jsonschema.Draft202012Validator(schema.schema(f"{name}.schema.json"))
    fast = schema.validator_for(f"{name}.schema.json")
    assert "$ref" not in str({k: v for k, v in fast.schema.items() if k != "$defs"})
    file = Path(__file__).parent / "fixtures" / "corpus" / "seeds" / f"{name}.yml"
    doc = yamldoc.load(file.read_text(encoding="utf-8"), str(file)).data

    def errors(validator: jsonschema.Draft202012Validator) -> list[tuple[object, ...]]:
        return sorted(
            (tuple(map(str, e.absolute_path)), e.validator, e.message, str(e.schema.get("description", "")))
            for e in validator.iter_errors(doc)
        )

    assert errors(plain) == errors(fast) == []
    checked = 0
    for path, key in _places(doc):
        parent = doc
        for step in path:
            parent = parent[step]
        was = parent[key]
        for bad in (5, "", None, [], "NOT AN ID!", "drop"):
            if bad == "drop" and isinstance(parent, dict):
                del parent[key]
                parent["unknown_key"] = 1
            else:
                parent[key] = bad
            found = errors(plain)
            assert found == errors(fast), (path, key, bad)
            checked += bool(found)
            if bad == "drop" and isinstance(parent, dict):
                del parent["unknown_key"]
            parent[key] = was
    assert checked > 50


def test_inlining_keeps_siblings_and_self_references() -> None:
    import jsonschema

    from generator import schema

    root = {
        "$defs": {
            "short": {"type": "string", "maxLength": 3},
            "tree": {"type": "object", "properties": {"kids": {"type": "array", "items": {"$ref": "#/$defs/tree"}}}},
        },
        "type": "object",
        "properties": {
            "a": {"$ref": "#/$defs/short", "allOf": [{"minLength": 2}], "description": "two or three letters"},
            "b": {"$ref": "#/$defs/short"},
            "t": {"$ref": "#/$defs/tree"},
        },
    }
    out = schema.inlined(root)
    assert out["properties"]["a"] == {
        "allOf": [{"type": "string", "maxLength": 3}, {"minLength": 2}],
        "description": "two or three letters",
    }
    assert out["properties"]["b"] == {"type": "string", "maxLength": 3}
    assert out["properties"]["t"]["properties"]["kids"]["items"] == {"$ref": "#/$defs/tree"}  # recursion kept
    plain, fast = jsonschema.Draft202012Validator(root), jsonschema.Draft202012Validator(out)
    for doc in ({"a": "x"}, {"a": "xxxx"}, {"a": "xy", "b": 5}, {"t": {"kids": [{"kids": [1]}]}}, {"a": "ab"}):
        assert sorted(e.message for e in plain.iter_errors(doc)) == sorted(e.message for e in fast.iter_errors(doc))
    assert not list(fast.iter_errors({"a": "ab"})) and list(fast.iter_errors({"t": {"kids": [{"kids": [1]}]}}))
