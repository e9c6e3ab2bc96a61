"""`suggest` output: likely passages as text, as evidence entries ready to paste, or as JSON (pure)."""

from __future__ import annotations

from collections.abc import Sequence

import yaml

from generator import disagreement
from generator.export import encode_line, json_lines
from generator.match import Match
from generator.model import Story


def speaker(quote: str) -> str:
    """Who the sentence says is speaking, as a first guess for `speaker:` (the name as written, without
    "said" or "according to"); "the article" when nobody is named."""
    for f in disagreement.facts(quote, None):
        if f.aspect == "attribution" and f.words_name:
            return f.words_name
    return "the article"


def records(story: Story, found: Sequence[Match]) -> list[dict[str, object]]:
    """The candidates as `suggest --format json` lists them."""
    topics = {t.id for t in story.topics}
    return [
        {
            "item": m.item,
            "kind": "topic" if m.item in topics else "event",
            "source": m.source,
            "paragraph": m.paragraph,
            "anchor": m.anchor,
            "line": m.line,
            "quote": m.quote,
            "score": m.score,
            "likely": m.likely,
        }
        for m in found
    ]


def _json(story: Story, found: Sequence[Match]) -> str:
    """`json_lines(records(story, found))`, byte for byte, with each item's and each passage's
    fields encoded once: a passage is a candidate for many items (a story of 1,000 topics and 50
    sources lists 170,000 candidates of about 10,000 sentences), and encoding every copy of its
    sentence was a fifth of `suggest`'s time there."""
    if not found:
        return json_lines([])
    topics = {t.id for t in story.topics}
    heads: dict[str, str] = {}
    bodies: dict[tuple[str, str, str, int, str], str] = {}
    lines = []
    for m in found:
        head = heads.get(m.item)
        if head is None:
            kind = "topic" if m.item in topics else "event"
            head = heads[m.item] = encode_line({"item": m.item, "kind": kind})[:-1]
        where = (m.source, m.paragraph, m.anchor, m.line, m.quote)
        body = bodies.get(where)
        if body is None:
            fields = dict(zip(("source", "paragraph", "anchor", "line", "quote"), where, strict=True))
            body = bodies[where] = encode_line(fields)[1:-1]
        lines.append(f'{head}, {body}, "score": {float(m.score)!r}, "likely": {"true" if m.likely else "false"}}}')
    return "[\n" + ",\n".join(lines) + "\n]\n"


def render(story: Story, found: Sequence[Match], fmt: str) -> str:
    items = {i.id: i for i in story.items()}
    if fmt == "json":
        return _json(story, found)
    out: list[str] = []
    current = None
    for m in found:
        if fmt == "yaml" and not m.likely:
            continue
        if m.item != current:
            current = m.item
            pos = items[m.item].pos
            if fmt == "yaml":
                out.append(f"# {m.item} ({pos}): paste the entries that report it under its `evidence:`")
            else:
                out.append(f"{m.item} ({pos})")
        if fmt == "yaml":
            entry = {"source": m.source, "quote": m.quote, "speaker": speaker(m.quote)}
            text = yaml.safe_dump([entry], allow_unicode=True, sort_keys=False, width=10_000)
            out.append(f"# {m.paragraph}, score {m.score:.2f}\n" + text.rstrip("\n"))
        else:
            mark = "likely" if m.likely else "weak  "
            out.append(f"  {mark} {m.score:.2f}  {m.source} {m.paragraph} (line {m.line}): {m.quote}")
    if not out:
        return "no likely matches: every source either cites each item or was marked absent\n" if fmt == "yaml" else ""
    return "\n".join(out) + "\n"
