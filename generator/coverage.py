"""Who reported what: the one place that decides what a reader may be told as fact (pure).

For every topic or timeline event and every source, one of three states:

- *quoted*: an editor's verified evidence, linked to its paragraph;
- *absent*: an editor has confirmed (`absent:` in story.yml) that the source does not report it;
- *unreviewed*: neither. The site never says "not reported" for this state. When the
  matcher finds a likely passage it travels with the cell as `suggestion`, always labelled
  as automatic and never counted as evidence.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from generator.match import Match, labels
from generator.model import Event, Story, Topic


class State(StrEnum):
    QUOTED = "quoted"
    ABSENT = "absent"
    UNREVIEWED = "unreviewed"


STATE_LABELS = {
    State.QUOTED: "Quoted",
    State.ABSENT: "Not reported (checked by an editor)",
    State.UNREVIEWED: "Not yet reviewed",
}


@dataclass(frozen=True)
class Cell:
    item: str  # topic or event id
    kind: str  # "topic" or "event"
    source: str
    state: State
    anchor: str | None  # the paragraph of the first quote, in reading order; None unless quoted
    paragraph: str | None  # its label, "¶3"
    suggestion: Match | None  # an automatic likely match: for unreviewed cells, and (for editors) read-in-full ones
    read_in_full: bool = False  # absent because an editor read the whole article (`reviewed:`), not marked one by one
    possible: Match | None = None  # read in full, yet the matcher finds a likely passage: a note for editors only


@dataclass(frozen=True)
class Coverage:
    cells: tuple[Cell, ...]  # items in story order (topics, then events), sources in story order

    def row(self, item: str) -> tuple[Cell, ...]:
        return self._rows.get(item, ())

    def cell(self, item: str, source: str) -> Cell:
        for c in self.row(item):
            if c.source == source:
                return c
        raise KeyError((item, source))

    @functools.cached_property
    def _rows(self) -> dict[str, tuple[Cell, ...]]:
        rows: dict[str, list[Cell]] = {}
        for c in self.cells:
            rows.setdefault(c.item, []).append(c)
        return {k: tuple(v) for k, v in rows.items()}

    def suggestions(self) -> tuple[Cell, ...]:
        return tuple(c for c in self.cells if c.suggestion is not None or c.possible is not None)


def compute(story: Story, matches: Iterable[Match]) -> Coverage:
    likely: dict[tuple[str, str], Match] = {}
    for m in matches:
        if m.likely and ((m.item, m.source) not in likely or m.score > likely[m.item, m.source].score):
            likely[m.item, m.source] = m
    numbers = {s.id: labels(s.article) for s in story.sources}
    order = {s.id: {b.anchor: b.index for b in s.article.blocks} for s in story.sources}
    cells: list[Cell] = []
    items: Sequence[Topic | Event] = story.items()
    for item in items:
        kind = "topic" if isinstance(item, Topic) else "event"
        absent = {a.source for a in item.absent}
        for s in story.sources:
            quoted = sorted((e.anchor for e in item.evidence if e.source == s.id), key=lambda a: order[s.id][a])
            if quoted:
                cells.append(Cell(item.id, kind, s.id, State.QUOTED, quoted[0], numbers[s.id][quoted[0]], None))
            elif s.id in absent:
                cells.append(Cell(item.id, kind, s.id, State.ABSENT, None, None, None))
            elif s.reviewed is not None:
                found = likely.get((item.id, s.id))
                cells.append(Cell(item.id, kind, s.id, State.ABSENT, None, None, None, True, found))
            else:
                cells.append(Cell(item.id, kind, s.id, State.UNREVIEWED, None, None, likely.get((item.id, s.id))))
    return Coverage(tuple(cells))


def records(cov: Coverage) -> list[dict[str, Any]]:
    """The coverage download (data/coverage.json): one object per item and source."""
    out: list[dict[str, Any]] = []
    for c in cov.cells:
        rec: dict[str, Any] = {
            "item": c.item,
            "kind": c.kind,
            "source": c.source,
            "state": c.state.value,
            "paragraph": c.anchor,
            "paragraph_label": c.paragraph,
        }
        if c.read_in_full:
            rec["read_in_full"] = True
        if c.suggestion is not None:
            m = c.suggestion
            rec["automatic_match"] = {
                "paragraph": m.anchor,
                "paragraph_label": m.paragraph,
                "quote": m.quote,
                "score": m.score,
                "reviewed": False,
            }
        out.append(rec)
    return out
