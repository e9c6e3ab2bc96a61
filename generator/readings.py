"""The passages that report each topic or event, and where they disagree (pure).

A reading is a source's own sentence on an item: each verified quote widened to the whole
sentences that hold it (so "the ministry said" after a quote stays with it), and each likely
automatic match, marked as not verified. `disagreement` compares them.
"""

from __future__ import annotations

import datetime as dt

from generator import disagreement
from generator.coverage import Coverage
from generator.model import Block, Event, Story, Topic
from generator.sentence import spans as sentences
from generator.speakers import Speakers
from generator.text import find_span

AUTOMATIC = 10  # automatic matches compared per item, best first (passages are compared pairwise)


def widen(block: Block, quote: str) -> str:
    """The sentences of `block` that the quote overlaps, exactly as written; the quote itself if not found."""
    span = find_span(block.text, quote)
    if span is None:
        return quote
    parts = [block.text[a:b] for a, b in sentences(block.text) if a < span[1] and span[0] < b]
    return " ".join(parts) or quote


def readings(
    cov: Coverage, item: Topic | Event, blocks: dict[str, dict[str, Block]], dated: dict[str, dt.date | None]
) -> list[disagreement.Passage]:
    """`blocks`: each source's blocks by anchor; `dated`: the day each source's relative days resolve against."""
    out: list[disagreement.Passage] = []
    seen: set[tuple[str, str]] = set()
    # A later status (a lapse, a renewal) is another fact than the one the topic first reported.
    later = (
        {(e.source, e.quote) for step in item.history[1:] for e in step.evidence} if isinstance(item, Topic) else set()
    )
    for e in item.evidence:
        if (e.source, e.quote) in later:
            continue
        text = widen(blocks[e.source][e.anchor], e.quote)
        if (e.source, text) not in seen:
            seen.add((e.source, text))
            out.append(disagreement.Passage(e.source, e.anchor, text, dated[e.source], True, e.side))
    suggested = sorted((c.suggestion for c in cov.row(item.id) if c.suggestion), key=lambda m: -m.score)
    for m in suggested[:AUTOMATIC]:
        if (m.source, m.quote) not in seen:
            seen.add((m.source, m.quote))
            out.append(disagreement.Passage(m.source, m.anchor, m.quote, dated[m.source], False))
    return out


# Who said it, and whether it came up, differ in a way worth a reader's attention only between
# the sides of the story (one capital's version against the other's), as the editors tag evidence.
_BETWEEN_SIDES = frozenset({"attribution", "polarity"})


# A refusal ("rejected", "declined to") is what a not-agreed topic reports, not a denial that it came up.
_REFUSALS = ("reject", "declin", "refus")


def _worth(item: Topic | Event, d: disagreement.Difference) -> bool:
    sides = {(e.source, e.anchor): e.side for e in item.evidence if e.side}
    if d.aspect == "polarity":
        denying = {
            sides.get((p.source, p.anchor))
            for p, facts in d.readings
            if any(f.key == "denied" and not f.words.lower().startswith(_REFUSALS) for f in facts)
        }
        asserting = {sides.get((p.source, p.anchor)) for p, facts in d.readings if not facts and p.verified}
        return bool(denying - {None}) and bool((asserting - {None}) - denying)
    return True


def speakers(story: Story) -> Speakers:
    """The story's sides, each named by its id, label and `aliases:` (countries come with `Speakers`)."""
    return Speakers([(s.id, [s.label, *getattr(s, "aliases", ())]) for s in story.sides])


def _squash(text: str) -> str:
    return " ".join(text.split()).casefold()


def recorded(item: Topic | Event, d: disagreement.Difference, story: Story | None = None) -> bool:
    """An editor already recorded it: a `differences:` entry of the item (or, given the story, of a topic of
    the event or an event of the topic: the topic's page shows both) whose quotes overlap the passages of
    at least two of the difference's sources."""
    entries = list(getattr(item, "differences", ()))
    if story is not None and isinstance(item, Topic):
        entries += [x for e in story.events if item.id in e.topics for x in e.differences]
    elif story is not None and isinstance(item, Event):
        entries += [x for t in story.topics if t.id in item.topics for x in t.differences]
    for entry in entries:
        hit = {
            p.source
            for p, _ in d.readings
            for a in entry.accounts
            if a.source == p.source and (_squash(a.quote) in _squash(p.text) or _squash(p.text) in _squash(a.quote))
        }
        if len(hit) >= 2:
            return True
    return False


def disagreements(story: Story, cov: Coverage) -> dict[str, tuple[disagreement.Difference, ...]]:
    out: dict[str, tuple[disagreement.Difference, ...]] = {}
    blocks = {s.id: {b.anchor: b for b in s.article.blocks} for s in story.sources}
    # Relative days resolve against a source's own publication day only: resolved against a guess (the story's
    # first event), a weekday would be a date resolved with doubt, and such a date never makes sources differ.
    dated = {s.id: s.published for s in story.sources}
    names = speakers(story)
    for item in story.items():
        # a topic spans several events, each with its own day: only scheduled starts are compared as dates
        detected = disagreement.differences(readings(cov, item, blocks, dated), names, isinstance(item, Topic))
        found = tuple(d for d in detected if _worth(item, d) and not recorded(item, d, story))
        if found:
            out[item.id] = found
    return out
