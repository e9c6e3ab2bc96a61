"""`suggest` output: likely passages as text, as evidence entries ready to paste, or as JSON (pure)."""

from __future__ import annotations

from collections.abc import Sequence

import yaml

from generator import disagreement
from generator.export import json_lines
from generator.match import Match
from generator.model import Story


def speaker(quote: str) -> str:
    """Who the sentence says is speaking, as a first guess for `speaker:`; "the article" when nobody is named."""
    for f in disagreement.facts(quote, None):
        if f.aspect == "attribution":
            return f.words
    return "the article"


def render(story: Story, found: Sequence[Match], fmt: str) -> str:
    items = {i.id: i for i in story.items()}
    if fmt == "json":
        topics = {t.id for t in story.topics}
        data = [
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
        return json_lines(data)
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
