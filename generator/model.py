"""Typed, frozen models: what the loader hands to the renderers.

Raw YAML never travels past `generator.story`; everything downstream sees these.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum


@dataclass(frozen=True)
class Position:
    """Where a value came from: a file and a 1-based line and column."""

    path: str
    line: int = 0
    col: int = 0

    def __str__(self) -> str:
        if self.line:
            return f"{self.path}:{self.line}:{self.col}"
        return self.path


class BlockKind(StrEnum):
    HEADING = "heading"
    PARAGRAPH = "paragraph"


@dataclass(frozen=True)
class Block:
    """One heading or paragraph of an article's body, in reading order.

    `text` is the repaired text as shown to readers; `anchor` is derived from
    the content alone, so a paragraph added above does not move it.
    """

    kind: BlockKind
    text: str
    anchor: str
    line: int  # 1-based line in the article file
    index: int  # position among the article's blocks (0-based)


@dataclass(frozen=True)
class Aside:
    """A line that ingestion set aside as boilerplate or metadata."""

    kind: str  # e.g. "share", "related", "original-url", "credit", "byline", "date", "additional-reporting"
    text: str
    line: int


@dataclass(frozen=True)
class Article:
    """The parsed text of one source file."""

    blocks: tuple[Block, ...]
    asides: tuple[Aside, ...] = ()
    warnings: tuple[str, ...] = ()  # what repair changed or could not fix, per line
    repaired: int = 0  # characters mended from a mis-decoded (mojibake) copy
    dateline: str | None = None  # e.g. "CITY" when the first paragraph opens "CITY — ..."; kept in it

    @property
    def paragraphs(self) -> tuple[Block, ...]:
        return tuple(b for b in self.blocks if b.kind is BlockKind.PARAGRAPH)

    @property
    def headings(self) -> tuple[Block, ...]:
        return tuple(b for b in self.blocks if b.kind is BlockKind.HEADING)

    @property
    def repairs(self) -> tuple[str, ...]:
        """The notes of characters mended from a mis-decoded copy, "line N:C: repaired ..."."""
        return tuple(w for w in self.warnings if w.partition(": ")[2].startswith("repaired"))


@dataclass(frozen=True)
class Source:
    id: str
    file: str  # path relative to the seeds directory
    outlet: str
    headline: str | None
    url: str | None
    published: dt.date | None  # None: unknown
    byline: str | None
    credit: str | None
    provenance: str | None
    article: Article
    pos: Position
    reviewed: dt.date | None = None  # an editor read the whole article on this day
    name: str = ""  # how readers tell it apart: the outlet, with its date or id when outlets repeat (`story.named`)

    @property
    def label(self) -> str:
        """The source as readers see it named: its outlet, unless another source has the same outlet."""
        return self.name or self.outlet


class Status(StrEnum):
    """The default statuses, for a story that declares none of its own (`story.statuses`)."""

    AGREED = "agreed"
    NOT_AGREED = "not-agreed"
    DEMAND = "demand"
    NOT_ADDRESSED = "not-addressed"
    LAPSED = "lapsed"


@dataclass(frozen=True)
class StatusDef:
    """One status a story uses: its id, how readers see it and what it means."""

    id: str
    label: str  # e.g. "Agreed"
    symbol: str  # e.g. "✔", shown before the label
    means: str  # one sentence for the legend and the about page


DEFAULT_STATUSES = (
    StatusDef(Status.AGREED, "Agreed", "\u2714", "The sides agreed on it, as the sources report."),
    StatusDef(Status.NOT_AGREED, "Not agreed", "\u2718", "Sought or discussed, but not agreed."),
    StatusDef(
        Status.DEMAND, "One side's demand or condition", "\u2691", "A demand or condition put forward by one side only."
    ),
    StatusDef(
        Status.NOT_ADDRESSED,
        "Not addressed",
        "\u25cb",
        "Left out or unresolved: the sources note it was not addressed.",
    ),
    StatusDef(
        Status.LAPSED, "Lapsed", "\u25d1", "Agreed for a time, then ended without being renewed, as later reports say."
    ),
)


@dataclass(frozen=True)
class Side:
    id: str
    label: str  # e.g. "Washington"
    aliases: tuple[str, ...] = ()  # other names of this side as a speaker ("American", "the White House")


@dataclass(frozen=True)
class Evidence:
    source: str  # source id
    quote: str  # verbatim, as the editors typed it
    speaker: str  # who is speaking as the article attributes it
    side: str | None  # side id this quote reports, if any
    anchor: str  # anchor of the paragraph that holds the quote (resolved by the loader)
    pos: Position
    supports: str = "status"  # what it supports: the item's "status", or only "context"

    @property
    def for_status(self) -> bool:
        return self.supports == "status"


@dataclass(frozen=True)
class Account:
    """One source's own words in a difference an editor recorded (a verified quote)."""

    source: str
    quote: str
    anchor: str
    pos: Position


@dataclass(frozen=True)
class Difference:
    """A difference between sources, confirmed by an editor: the only kind readers are shown."""

    about: str  # number | duration | date | speaker | occurrence | scope
    note: str
    accounts: tuple[Account, ...]
    pos: Position


@dataclass(frozen=True)
class Absence:
    """An editor's confirmation that a source does not report a topic or event."""

    source: str  # source id
    note: str | None  # why, in the editor's words (optional)
    pos: Position


@dataclass(frozen=True)
class Step:
    """One status of a topic, from a date on (None: from the start), with the evidence for it.

    `until` is the last day of the status's term, when it has one (`projected`: counted from a
    start and a length, not reported); a step that keeps the status and moves `until` is an extension.
    """

    status: str
    when: When | None
    note: str | None
    evidence: tuple[Evidence, ...]
    pos: Position
    until: dt.date | None = None
    projected: bool = False


@dataclass(frozen=True)
class Topic:
    id: str
    title: str
    status: str  # the current status (a StatusDef id): the last step of `history`
    summary: str
    positions: tuple[tuple[str, str], ...]  # (side id, what that side said), in story side order
    evidence: tuple[Evidence, ...]
    takeaway: int | None  # rank on the home page (1 first), None if not a takeaway
    pos: Position
    absent: tuple[Absence, ...] = ()  # sources an editor confirmed do not report it
    history: tuple[Step, ...] = ()  # every status it has had, oldest first (empty: `status` all along)
    differences: tuple[Difference, ...] = ()  # recorded by editors

    def position(self, side: str) -> str | None:
        return dict(self.positions).get(side)

    @property
    def draft(self) -> bool:
        """No verified evidence yet: left out of the site until it has some."""
        return not self.evidence

    @property
    def changed(self) -> Step | None:
        """The step that set the current status, when the status has changed since the one before."""
        steps = [s for i, s in enumerate(self.history) if i == 0 or s.status != self.history[i - 1].status]
        return steps[-1] if len(steps) > 1 else None

    @property
    def was(self) -> str | None:
        """The status before the current one, when it has changed."""
        changed = self.changed
        if changed is None:
            return None
        i = self.history.index(changed)
        return self.history[i - 1].status

    @property
    def until(self) -> dt.date | None:
        """The last day of the current status's term, when it has one."""
        return self.history[-1].until if self.history else None

    @property
    def extended(self) -> Step | None:
        """The latest step that moved the end of the current status's term, keeping the status."""
        for i in range(len(self.history) - 1, 0, -1):
            step, before = self.history[i], self.history[i - 1]
            if step.status != before.status:
                return None
            if step.until != before.until:
                return step
        return None


class Precision(StrEnum):
    DAY = "day"
    MONTH = "month"
    BEFORE = "before"
    AFTER = "after"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class When:
    """A date as honest as the sources: exact day, month only, before/after a day, or unknown."""

    date: dt.date | None
    precision: Precision
    time: str | None = None  # "HH:MM" local time as reported, when known
    as_written: str | None = None  # the words the article used, e.g. "Tuesday"

    def sort_key(self) -> tuple[int, int, int]:
        if self.date is None:
            return (10**9, 0, 0)
        order = {Precision.BEFORE: 0, Precision.MONTH: 1, Precision.DAY: 1, Precision.AFTER: 2}[self.precision]
        minutes = 0
        if self.time:
            h, m = self.time.split(":")
            minutes = int(h) * 60 + int(m)
        return (self.date.toordinal(), order, minutes)


@dataclass(frozen=True)
class Projection:
    base: str  # event id
    days: int


class Outcome(StrEnum):
    CONFIRMED = "confirmed"
    CONTRADICTED = "contradicted"


@dataclass(frozen=True)
class Reported:
    """What the sources later reported about a projected event."""

    outcome: Outcome
    text: str
    when: When  # as the sources give it (often unknown)
    evidence: tuple[Evidence, ...]
    pos: Position


@dataclass(frozen=True)
class Event:
    id: str
    when: When
    text: str
    topics: tuple[str, ...]
    evidence: tuple[Evidence, ...]
    projected: Projection | None
    pos: Position
    absent: tuple[Absence, ...] = ()
    reported: Reported | None = None  # a projection resolved by later reporting
    end: dt.date | None = None  # last day, for an event held over several days
    differences: tuple[Difference, ...] = ()  # recorded by editors

    @property
    def draft(self) -> bool:
        """No verified evidence yet and not projected from another event: left out of the site."""
        return not self.evidence and self.projected is None


@dataclass(frozen=True)
class Correction:
    date: dt.date
    text: str
    topic: str | None
    pos: Position


@dataclass(frozen=True)
class Update:
    """An editorial update: what changed in the story and when (a correction fixes an error instead)."""

    date: dt.date
    text: str
    items: tuple[str, ...]  # ids of the topics, events and sources it changed
    evidence: tuple[Evidence, ...]
    pos: Position


@dataclass(frozen=True)
class PairOverride:
    """An editor's fix to an automatic pairing: these two blocks belong together (or `b` is None: unpaired)."""

    a_source: str
    a_anchor: str
    b_source: str
    b_anchor: str | None
    pos: Position


@dataclass(frozen=True)
class Story:
    title: str
    standfirst: str
    updated: dt.date
    description: str
    sides: tuple[Side, ...]
    reference: str  # source id the others are compared against
    sources: tuple[Source, ...]
    topics: tuple[Topic, ...]
    events: tuple[Event, ...]
    corrections: tuple[Correction, ...] = ()
    overrides: tuple[PairOverride, ...] = ()
    pairs: tuple[tuple[str, str], ...] = ()  # comparisons requested beyond each source vs the reference
    updates: tuple[Update, ...] = ()  # newest first
    published: dt.date | None = None  # first published: the date of pages no update touched
    site_name: str = ""  # short name of the site ("" : the title)
    statuses: tuple[StatusDef, ...] = DEFAULT_STATUSES

    @property
    def name(self) -> str:
        """The site's name: `site_name`, else the title."""
        return self.site_name or self.title

    def status(self, status_id: str) -> StatusDef:
        for s in self.statuses:
            if s.id == status_id:
                return s
        return StatusDef(status_id, status_id, "?", "")

    def side(self, side_id: str) -> Side | None:
        return next((s for s in self.sides if s.id == side_id), None)

    def items(self) -> tuple[Topic | Event, ...]:
        """Topics, then timeline events: everything a source can report."""
        return (*self.topics, *self.events)

    def last_update(self, ids: frozenset[str] | None = None) -> dt.date:
        """The latest update or correction touching any of `ids` (None: the whole story, `updated`).

        Never the clock: a page no update touched was last updated when first published.
        """
        if ids is None:
            return self.updated
        dates = [u.date for u in self.updates if ids.intersection(u.items)]
        dates += [c.date for c in self.corrections if c.topic in ids]
        return max(dates, default=self.published or self.updated)

    def source(self, source_id: str) -> Source:
        for s in self.sources:
            if s.id == source_id:
                return s
        raise KeyError(source_id)

    def topic(self, topic_id: str) -> Topic:
        for t in self.topics:
            if t.id == topic_id:
                return t
        raise KeyError(topic_id)
