"""The passages that report each topic or event, and where they disagree (pure).

A reading is a source's own sentence on an item: each verified quote widened to the whole
sentences that hold it (so "the Kremlin said" after a quote stays with it), and each likely
automatic match, marked as not verified. `disagreement` compares them.
"""

from __future__ import annotations

import datetime as dt

from generator import disagreement
from generator.coverage import Coverage
from generator.match import sentences
from generator.model import Block, Event, Story, Topic
from generator.text import find_span


def widen(block: Block, quote: str) -> str:
    """The sentences of `block` that the quote overlaps, exactly as written; the quote itself if not found."""
    span = find_span(block.text, quote)
    if span is None:
        return quote
    parts = [block.text[a:b] for a, b in sentences(block.text) if a < span[1] and span[0] < b]
    return " ".join(parts) or quote


def readings(story: Story, cov: Coverage, item: Topic | Event) -> list[disagreement.Passage]:
    blocks = {s.id: {b.anchor: b for b in s.article.blocks} for s in story.sources}
    dated = {s.id: s.published for s in story.sources}
    out: list[disagreement.Passage] = []
    seen: set[tuple[str, str]] = set()
    for e in item.evidence:
        text = widen(blocks[e.source][e.anchor], e.quote)
        if (e.source, text) not in seen:
            seen.add((e.source, text))
            out.append(disagreement.Passage(e.source, e.anchor, text, dated[e.source] or _story_day(story), True))
    for c in cov.row(item.id):
        m = c.suggestion
        if m is not None and (m.source, m.quote) not in seen:
            seen.add((m.source, m.quote))
            out.append(disagreement.Passage(m.source, m.anchor, m.quote, dated[m.source] or _story_day(story), False))
    return out


def _story_day(story: Story) -> dt.date | None:
    """An undated source's relative days resolve against the first dated event of the timeline."""
    for e in story.events:
        if e.when.date is not None and e.projected is None and e.when.precision.value == "day":
            return e.when.date
    return None


def disagreements(story: Story, cov: Coverage) -> dict[str, tuple[disagreement.Difference, ...]]:
    out: dict[str, tuple[disagreement.Difference, ...]] = {}
    for item in [*story.topics, *story.events]:
        found = disagreement.differences(readings(story, cov, item))
        if found:
            out[item.id] = found
    return out
