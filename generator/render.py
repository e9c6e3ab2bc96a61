"""Story to pages: decides what goes on each page; the templates decide how it looks (pure)."""

from __future__ import annotations

import datetime as dt
import functools
import html
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

import jinja2
from markupsafe import Markup

from generator import align, coverage, dates, export, match
from generator.coverage import Cell, State
from generator.markup import escape
from generator.model import Block, Difference, Event, Evidence, Precision, Source, StatusDef, Step, Story, Topic, When
from generator.text import find_span, folded_words

CLASS_LABELS = {
    align.PairClass.IDENTICAL: "Identical",
    align.PairClass.TYPOGRAPHIC: "Same words (typography, spelling or word order differ)",
    align.PairClass.REWORDED: "Reworded",
    align.PairClass.SAME_FACT: "Same fact, own words",
    align.PairClass.ONLY_A: "Only in",
    align.PairClass.ONLY_B: "Only in",
}


GRID_CELLS = 2500  # past this many topic x source cells the Sources page shows a tally per source, not the grid
COPY_SHARE = 0.3  # a source with this share of its paragraph text found in another is not an independent report


def page_url(page: str) -> str:
    """The directory URL MkDocs gives a Markdown page: `topics/x.md` -> `topics/x/`."""
    if page == "index.md":
        return ""
    base = page[:-3]
    return (base[: -len("index")] if base.endswith("/index") or base == "index" else base + "/").lstrip("/")


def href(from_page: str, to_page: str, anchor: str = "") -> Markup:
    """A relative link between two pages that works at a domain root and under a sub-path."""
    rel = _relative(from_page, to_page)
    return _trusted(rel + (f"#{anchor}" if anchor else ""))


@functools.lru_cache(maxsize=1 << 16)
def _relative(from_page: str, to_page: str) -> str:
    """What `posixpath.relpath` gives for the two URLs (generated paths are already normal, so no
    file system call is needed: relpath's `abspath` was most of a large build's link cost)."""
    here = page_url(from_page).split("/")
    there = (page_url(to_page) if to_page.endswith(".md") else to_page).split("/")
    here, there = [p for p in here if p], [p for p in there if p]
    common = 0
    while common < len(here) and common < len(there) and here[common] == there[common]:
        common += 1
    rel = "/".join([".."] * (len(here) - common) + there[common:])
    if not rel:
        return "./"
    return rel + ("/" if to_page.endswith(".md") and not rel.endswith("/") else "")


_URL_SAFE = re.compile(r"[A-Za-z0-9\-._~/#?=]*")


def _trusted(url: str) -> Markup:
    """Links built from validated ids and anchors print as they are; anything else is escaped."""
    return Markup(url) if _URL_SAFE.fullmatch(url) else escape(url)


format_date = dates.day_month_year


_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass(frozen=True)
class ShownDate:
    iso: str | None  # value for <time datetime>
    text: str


def shown_when(when: When) -> ShownDate:
    """Dates as honest as the sources, written out in English without the locale."""
    d = when.date
    if d is None:
        return ShownDate(None, "Date not reported")
    if when.precision is Precision.MONTH:
        return ShownDate(f"{d.year:04d}-{d.month:02d}", f"{_MONTHS[d.month - 1]} {d.year}")
    day = f"{_DAYS[d.weekday()]} {format_date(d)}"
    if when.precision is Precision.BEFORE:
        return ShownDate(d.isoformat(), f"Before {day}")
    if when.precision is Precision.AFTER:
        return ShownDate(d.isoformat(), f"After {day}")
    iso = d.isoformat() + (f"T{when.time}" if when.time else "")
    return ShownDate(iso, day + (f", {when.time}" if when.time else ""))


def since(when: When | None) -> str:
    """When a status began, for a sentence: "on 18 March 2025", "after 17 April 2025", "in April 2025"."""
    if when is None or when.date is None:
        return "at a date the sources do not give"
    if when.precision is Precision.MONTH:
        return f"in {_MONTHS[when.date.month - 1]} {when.date.year}"
    word = {Precision.BEFORE: "before", Precision.AFTER: "after"}.get(when.precision, "on")
    return f"{word} {format_date(when.date)}"


def templates() -> jinja2.Environment:
    """The generator's template environment (the build gives it a cache of compiled templates)."""
    return _env()


@cache
def _env() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("generator", "templates"),
        autoescape=True,  # macros then return markup; every printed value still passes `escape`
        finalize=escape,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["date"] = format_date
    env.filters["when"] = shown_when
    env.filters["since"] = since
    # Front matter: MkDocs themes print page.meta without escaping, so escape for HTML here.
    env.filters["yaml"] = lambda v: Markup(json.dumps(html.escape(" ".join(str(v).split())), ensure_ascii=False))
    return env


@dataclass(frozen=True)
class FeedEntry:
    id: Markup  # absolute, stable: its kind, date and order among that day's entries of its kind
    kind: str  # "update" or "correction"
    date: dt.date
    title: str
    text: str
    link: Markup  # absolute URL of what it changed


@dataclass(frozen=True)
class TermEnd:
    """The end of an agreement's term on the timeline: projected, or moved by a later extension."""

    topic: Topic
    date: dt.date
    step: Step  # the step that set this end
    moved_to: dt.date | None  # the new end, when an extension moved this one


class Site:
    """Everything one story needs to render; computed once, shared by every page.

    Drafts (topics and events without evidence yet) are left out: readers see only sourced items.
    """

    def __init__(self, story: Story, site_url: str = "", site_name: str = "") -> None:
        story = drafts_left_out(story)
        self.story = story
        self.site_url = site_url  # absolute base for the feed and share cards; "" when mkdocs.yml has none
        self.site_name = site_name or story.name  # printed on the share cards
        self.sources = {s.id: s for s in story.sources}
        ref = self.sources.get(story.reference)
        self.comparisons: list[align.Comparison] = []
        for s in story.sources:
            if ref is not None and s.id != ref.id:
                self.comparisons.append(align.compare(ref.id, ref.article, s.id, s.article, self._overrides(s.id)))
        for a, b in story.pairs:  # pairwise comparisons on request only: N sources never cost N(N-1)/2
            sa, sb = self.sources[a], self.sources[b]
            self.comparisons.append(align.compare(a, sa.article, b, sb.article, self._overrides(b, a)))
        self.labels: dict[tuple[str, str], str] = {}
        for src in story.sources:
            for anchor, label in match.labels(src.article).items():
                self.labels[(src.id, anchor)] = label
        self.cov = coverage.compute(story, match.suggest(story))
        reports = self._reports()
        self.comparisons = [align.pair_facts(c, reports[c.a], reports[c.b]) for c in self.comparisons]
        self._events_of: dict[str, list[Event]] = {t.id: [] for t in story.topics}
        for ev in story.events:
            for tid in dict.fromkeys(ev.topics):
                self._events_of.setdefault(tid, []).append(ev)
        self.cited: dict[tuple[str, str], list[tuple[Topic | Event, Evidence]]] = {}
        for t in story.topics:
            for e in t.evidence:
                self.cited.setdefault((e.source, e.anchor), []).append((t, e))
        for ev in story.events:
            for e in ev.evidence:
                self.cited.setdefault((e.source, e.anchor), []).append((ev, e))

    def _reports(self) -> dict[str, dict[str, list[align.Report]]]:
        """Per source, per paragraph: the items it reports, verified (quoted) or by a likely automatic match."""
        out: dict[str, dict[str, list[align.Report]]] = {s.id: {} for s in self.story.sources}
        for item in self.story.items():
            for e in item.evidence:
                out[e.source].setdefault(e.anchor, []).append((item.id, True))
            for c in self.cov.row(item.id):
                if c.suggestion is not None and c.state is State.UNREVIEWED:
                    out[c.source].setdefault(c.suggestion.anchor, []).append((item.id, False))
        return out

    def item_title(self, item_id: str) -> str:
        for t in self.story.topics:
            if t.id == item_id:
                return t.title
        for e in self.story.events:
            if e.id == item_id:
                return "Timeline: " + e.text
        return item_id

    def item_href(self, page: str, item_id: str) -> Markup:
        if any(t.id == item_id for t in self.story.topics):
            return self.topic_href(page, item_id)
        return href(page, "timeline.md", f"e-{item_id}")

    def copies(self, source_id: str) -> list[tuple[Source, float, align.Comparison]]:
        """Sources this one largely shares its text with: (other, share of this source found there, comparison)."""
        out = []
        for c in self.comparisons:
            if source_id in (c.a, c.b):
                mine, other = (c.share_a_in_b, c.b) if c.a == source_id else (c.share_b_in_a, c.a)
                if mine >= COPY_SHARE:
                    out.append((self.sources[other], mine, c))
        return out

    def _overrides(self, other: str, ref: str | None = None) -> list[tuple[str, str | None]]:
        """Editors' pairings between `ref` (the reference by default) and `other`, either way round."""
        ref = ref or self.story.reference
        out: list[tuple[str, str | None]] = []
        for o in self.story.overrides:
            if o.a_source == ref and o.b_source in (other, ""):
                out.append((o.a_anchor, o.b_anchor))
            elif o.a_source == other and o.b_source == ref and o.b_anchor:
                out.append((o.b_anchor, o.a_anchor))
        return out

    # -- links -------------------------------------------------------------------------
    def source_page(self, source_id: str) -> str:
        return f"sources/{source_id}.md"

    def evidence_href(self, page: str, e: Evidence) -> Markup:
        return href(page, self.source_page(e.source), e.anchor)

    def topic_href(self, page: str, topic_id: str) -> Markup:
        return href(page, f"topics/{topic_id}.md")

    def compare_page(self, c: align.Comparison) -> str:
        return f"sources/compare-{c.a}-{c.b}.md"

    def by_source(self, evidence: Sequence[Evidence]) -> list[tuple[str, list[Evidence]]]:
        """Evidence grouped by source, in story source order, each group in reading order."""
        order = {s.id: i for i, s in enumerate(self.story.sources)}
        groups: dict[str, list[Evidence]] = {}
        for e in evidence:
            if all(x.anchor != e.anchor for x in groups.get(e.source, [])):  # one chip per paragraph
                groups.setdefault(e.source, []).append(e)
        return [
            (sid, sorted(items, key=self._reading_order))
            for sid, items in sorted(groups.items(), key=lambda g: order[g[0]])
        ]

    def block_label(self, source_id: str, anchor: str) -> str:
        """How readers find a block: "¶5" is the fifth paragraph, "§2" the second heading."""
        return self.labels.get((source_id, anchor), "¶")

    def paragraph_number(self, e: Evidence) -> str:
        return self.block_label(e.source, e.anchor)

    def _reading_order(self, e: Evidence) -> int:
        for b in self.sources[e.source].article.blocks:
            if b.anchor == e.anchor:
                return b.index
        return 0

    # -- facts -------------------------------------------------------------------------
    def coverage(self, item: Topic | Event) -> list[tuple[Source, Cell]]:
        """Each source's state for the item: quoted, absent (an editor checked) or not yet reviewed."""
        return [(self.sources[c.source], c) for c in self.cov.row(item.id)]

    def own_words(self, topic: Topic) -> list[tuple[Source, Cell]]:
        """Quoted sources first, then automatic matches, then the rest; story order within each."""
        rank = {State.QUOTED: 0, State.UNREVIEWED: 1, State.ABSENT: 2}
        return sorted(self.coverage(topic), key=lambda sc: rank[sc[1].state] + (sc[1].suggestion is None) * 0.5)

    def quotes_from(self, topic: Topic, source_id: str) -> list[Evidence]:
        return sorted((e for e in topic.evidence if e.source == source_id), key=self._reading_order)

    def differences(self, item: Topic | Event) -> tuple[Difference, ...]:
        """What readers are shown: the differences editors recorded, a topic's events included. Never a guess."""
        own = item.differences
        if isinstance(item, Topic):
            own += tuple(d for e in self.topic_events(item) for d in e.differences)
        return own

    # -- statuses ----------------------------------------------------------------------
    def status(self, status_id: str) -> StatusDef:
        return self.story.status(status_id)

    def support(self, topic: Topic) -> str | None:
        """ "according to <side>" when every quote supporting the current status is one side's word."""
        current = topic.history[-1].evidence if topic.changed is not None else topic.evidence
        if topic.extended is not None:
            current = topic.extended.evidence
        sides = {e.side for e in current if e.for_status}
        if len(sides) != 1 or None in sides:
            return None
        side = self.story.side(next(iter(sides)) or "")
        return f"according to {side.label}" if side else None

    def status_text(self, topic: Topic) -> str:
        """The status in words, as the table, the topic page and the share card give it."""
        text = self.status(topic.status).label
        support = self.support(topic)
        if support:
            text += ", " + support
        if topic.extended is not None and topic.until is not None:
            text += "; extended to " + format_date(topic.until)
        elif topic.until is not None:
            text += ("; projected to end " if topic.history[-1].projected else "; until ") + format_date(topic.until)
        return text

    def side_quotes(self, topic: Topic, side_id: str) -> list[Evidence]:
        return [e for e in topic.evidence if e.side == side_id]

    def term_ends(self) -> list[TermEnd]:
        """Each end of a term the story records: earlier ones moved by an extension, the latest projected."""
        out: list[TermEnd] = []
        for t in self.story.topics:
            ends = [(s, s.until) for s in t.history if s.until is not None]
            for k, (step, until) in enumerate(ends):
                if k and until == ends[k - 1][1]:
                    continue
                later = next((u for _, u in ends[k + 1 :] if u != until), None)
                assert until is not None
                out.append(TermEnd(t, until, step, later))
        return out

    def timeline(self) -> list[Event | TermEnd]:
        """The timeline: events and the ends of terms, by date (undated events last)."""
        entries: list[tuple[tuple[int, int, int], int, Event | TermEnd]] = [
            (e.when.sort_key(), k, e) for k, e in enumerate(self.story.events)
        ]
        for k, end in enumerate(self.term_ends()):
            entries.append(((end.date.toordinal(), 3, 0), len(entries) + k, end))
        return [e for _, _, e in sorted(entries, key=lambda x: (x[0], x[1]))]

    def page_items(self, page: str) -> frozenset[str] | None:
        """The topics, events and sources a page shows on its own (None: the whole story)."""
        story = self.story
        if page.startswith("topics/") and page != "topics/index.md":
            tid = page.removeprefix("topics/").removesuffix(".md")
            return frozenset({tid, *(e.id for e in self._events_of.get(tid, ()))})
        if page == "timeline.md":
            return frozenset(e.id for e in story.events)
        if page.startswith("sources/") and page.removeprefix("sources/").removesuffix(".md") in self.sources:
            return frozenset({page.removeprefix("sources/").removesuffix(".md")})
        for c in self.comparisons:
            if page == self.compare_page(c):
                return frozenset({c.a, c.b})
        return None

    def updated(self, page: str) -> dt.date:
        """When the page last changed: the latest update touching what it shows, from the data alone."""
        return self.story.last_update(self.page_items(page))

    def statuses(self) -> list[StatusDef]:
        """Statuses a reader meets on this site: those a topic has or had, in the story's order."""
        used = {t.status for t in self.story.topics} | {s.status for t in self.story.topics for s in t.history}
        return [s for s in self.story.statuses if s.id in used]

    def glance(self) -> str:
        """The current statuses in one line, e.g. "6 agreed · 1 not agreed · 2 lapsed"."""
        parts = []
        for status in self.statuses():
            n = sum(1 for t in self.story.topics if t.status == status.id)
            if n:
                parts.append(f"{n} {status.label.lower()}")
        return " · ".join(parts) or "Nothing published yet"

    def since(self) -> dt.date | None:
        """ "What's new since ...": the date before the latest update (the previous update, or first publication);
        None when no update is later than that date (an update dated on the day of first publication)."""
        ups = self.story.updates
        if not ups:
            return None
        earlier = [u.date for u in ups if u.date < ups[0].date]
        when = max(earlier, default=self.story.published)
        return when if when is not None and any(u.date > when for u in ups) else None

    def absolute(self, page: str, anchor: str = "") -> Markup:
        """The page's absolute URL under `site_url` (feeds and share cards need absolute links)."""
        url = self.site_url.rstrip("/") + "/" + (page_url(page) if page.endswith(".md") else page)
        return Markup(html.escape(url + (f"#{anchor}" if anchor else ""), quote=True))

    def _item_page(self, item_id: str) -> tuple[str, str]:
        if item_id in self.sources:
            return self.source_page(item_id), ""
        if any(t.id == item_id for t in self.story.topics):
            return f"topics/{item_id}.md", ""
        return "timeline.md", f"e-{item_id}"

    def feed_entries(self) -> list[FeedEntry]:
        """Updates and corrections, newest first; ids stable as long as entries are only appended."""
        out: list[FeedEntry] = []
        seen: dict[tuple[str, dt.date], int] = {}
        dated = [("update", u.date, u.text, u.items[0] if u.items else None, u.pos.line) for u in self.story.updates]
        dated += [("correction", c.date, c.text, c.topic, c.pos.line) for c in self.story.corrections]
        for kind, date, text, item, _ in sorted(dated, key=lambda d: (d[1], d[4])):
            n = seen[kind, date] = seen.get((kind, date), 0) + 1
            link = self.absolute(*self._item_page(item)) if item else self.absolute("about.md", f"{kind}s")
            title = ("Correction: " if kind == "correction" else "") + text.split(". ")[0].rstrip(".")
            out.append(
                FeedEntry(self.absolute("feed.xml", f"{kind}-{date.isoformat()}-{n}"), kind, date, title, text, link)
            )
        return out[::-1]

    def item_link(self, page: str, item_id: str) -> tuple[str, Markup]:
        """(title, href) of a topic, event or source named by an update."""
        if item_id in self.sources:
            return self.sources[item_id].label, href(page, self.source_page(item_id))
        return self.item_title(item_id), self.item_href(page, item_id)

    def block_href(self, page: str, source_id: str, anchor: str) -> Markup:
        return href(page, self.source_page(source_id), anchor)

    def cell(self, page: str, source: Source, c: Cell) -> Markup:
        """One source's state for one topic or event (written here, not in a macro: a large story has many)."""
        outlet = escape(source.label)
        if c.state is State.QUOTED:
            return Markup(
                f'<a class="cov cov--quoted" href="{self.block_href(page, source.id, c.anchor or "")}">'
                f'<span aria-hidden="true">✔</span> Quoted<span class="visually-hidden"> from {outlet}</span>, '
                f"{escape(c.paragraph or '')}</a>"
            )
        if c.state is State.ABSENT:
            why = "article read in full by an editor" if c.read_in_full else "checked by an editor"
            return Markup(
                '<span class="cov cov--absent"><span aria-hidden="true">✘</span> Not reported '
                f'<span class="cov__why">({why})</span></span>'
            )
        out = '<span class="cov cov--open"><span aria-hidden="true">?</span> Not yet reviewed</span>'
        m = c.suggestion if c.state is State.UNREVIEWED else None
        if m is not None:
            out += (
                f' <a class="auto-match" href="{self.block_href(page, source.id, m.anchor)}" '
                f'title="Found by the computer, not checked by an editor: {escape(m.quote)}">automatic match'
                f'<span class="visually-hidden"> in {outlet}</span>, {escape(m.paragraph)}</a>'
            )
        return Markup(out)

    def grid_fits(self) -> bool:
        """Whether the topic x source grid fits on one page (1,000 topics x 50 sources would be 28 MB)."""
        return len(self.story.topics) * len(self.story.sources) <= GRID_CELLS

    def tallies(self) -> list[tuple[Source, dict[str, int]]]:
        """Per source, how many topics are quoted, automatically matched, checked absent, not yet reviewed."""
        counts = {s.id: {"quoted": 0, "auto": 0, "absent": 0, "open": 0} for s in self.story.sources}
        for t in self.story.topics:
            for c in self.cov.row(t.id):
                n = counts[c.source]
                if c.state is State.QUOTED:
                    n["quoted"] += 1
                elif c.state is State.ABSENT:
                    n["absent"] += 1
                else:
                    n["open"] += 1
                    n["auto"] += c.suggestion is not None
        return [(s, counts[s.id]) for s in self.story.sources]

    def sourcing(self, topic: Topic) -> str:
        """How sure: how many sources are quoted on the topic, how many were checked, whose words are quoted."""
        cells = self.coverage(topic)
        quoting = [s.label for s, c in cells if c.state is State.QUOTED]
        absent = sum(1 for _, c in cells if c.state is State.ABSENT)
        open_ = len(cells) - len(quoting) - absent
        total = len(cells)
        text = f"Quoted from {len(quoting)} of {total} sources" if total > 1 else "Quoted from the source"
        if len(quoting) < total:
            text += " (" + ", ".join(quoting) + ")"
        quoted = [side.label for side in self.story.sides if any(e.side == side.id for e in topic.evidence)]
        if quoted:
            text += "; quoting " + " and ".join(quoted)
        if absent:
            text += f"; {absent} checked and found not to report it"
        if open_:
            text += f"; {open_} not yet reviewed"
        return text + "."

    def topic_events(self, topic: Topic) -> list[Event]:
        return list(self._events_of.get(topic.id, ()))

    def corrections(self, topic_id: str | None = None) -> list[Any]:
        return [c for c in self.story.corrections if topic_id is None or c.topic == topic_id]

    def only_in_one(self) -> list[tuple[Topic, Source, bool]]:
        """Topics quoted from one source; True when every other source was checked and does not report it."""
        out = []
        for t in self.story.topics:
            cells = self.coverage(t)
            quoting = [s for s, c in cells if c.state is State.QUOTED]
            if len(quoting) == 1 and len(cells) > 1:
                confirmed = all(c.state is State.ABSENT for s, c in cells if s is not quoting[0])
                out.append((t, quoting[0], confirmed))
        return out

    def highlighted(self, source: Source, block: Block, page: str) -> Markup:
        """A block's text with each quote cited from it marked and linked to its topic or event."""
        text = block.text
        spans: list[tuple[int, int, str, str]] = []
        for item, e in self.cited.get((source.id, block.anchor), []):
            span = find_span(text, e.quote)
            target: str = (
                self.topic_href(page, item.id) if isinstance(item, Topic) else href(page, "timeline.md", f"e-{item.id}")
            )
            title = item.title if isinstance(item, Topic) else "Timeline: " + item.text
            if span and not any(s < span[1] and span[0] < t for s, t, _, _ in spans):
                spans.append((span[0], span[1], target, title))
        spans.sort()
        out: list[str] = []
        at = 0
        for start, end, target, title in spans:
            out.append(escape(text[at:start]))
            out.append(f'<mark class="cited">{escape(text[start:end])}</mark>')
            out.append(f'<a class="cited-link" href="{escape(target)}" title="{escape(title)}">[{escape(title)}]</a>')
            at = end
        out.append(escape(text[at:]))
        return Markup("".join(out))


def diff_markup(a_text: str, b_text: str) -> tuple[Markup, Markup]:
    """Both sides of a pair with word-level changes marked; spelling/typography-only changes marked quietly."""
    ops = list(align.word_diff(a_text, b_text))
    left: list[str] = []
    right: list[str] = []
    for i, (op, text) in enumerate(ops):
        if op == "equal":
            left.append(escape(text))
            right.append(escape(text))
            continue
        partner = ops[i + 1] if op == "del" and i + 1 < len(ops) else ops[i - 1] if op == "ins" and i else None
        quiet = (
            partner is not None
            and {op, partner[0]} == {"del", "ins"}
            and folded_words(text) == folded_words(partner[1])
        )
        cls = ' class="typo"' if quiet else ""
        if op == "del":
            left.append(f"<del{cls}>{escape(text)}</del>")
        else:
            right.append(f"<ins{cls}>{escape(text)}</ins>")
    return Markup("".join(left)), Markup("".join(right))


def card_path(page: str) -> str:
    """Where a page's share card is published, from the site's root: `topics/x.md` -> assets/cards/topics-x.png."""
    slug = page.removesuffix(".md").replace("/", "-")
    return f"assets/cards/{'home' if slug == 'index' else slug}.png"


def _page(template: str, page: str, site: Site, **values: Any) -> str:
    return (
        _env()
        .get_template(template)
        .render(
            page=page,
            site=site,
            story=site.story,
            href=href,
            by_topic_page=by_topic_page,
            updated=site.updated(page),
            card=card_path(page),
            **values,
        )
    )


_TITLE = re.compile(r'^title: (".*")$', re.MULTILINE)


@dataclass(frozen=True)
class CardText:
    """What a page's share card shows (drawn by `card.png`)."""

    title: str
    glance: str | None  # the statuses at a glance, on the home, table and topic pages
    site_name: str


def card_texts(site: Site, pages: dict[str, str]) -> dict[str, CardText]:
    """The share card of every page: its title, and the statuses at a glance on the home, table and topic pages."""
    out: dict[str, CardText] = {}
    for page, text in pages.items():
        found = _TITLE.search(text) if page.endswith(".md") else None
        if found is None:
            continue
        title = html.unescape(json.loads(found.group(1)))
        glance: str | None = None
        if page in ("index.md", "agreed.md"):
            glance = site.glance()
        elif page.startswith("topics/") and page != "topics/index.md":
            topic = site.story.topic(page.removeprefix("topics/").removesuffix(".md"))
            glance = site.status_text(topic)
            if topic.changed is not None and topic.was is not None:
                was = site.status(topic.was).label.lower()
                glance += f" {since(topic.changed.when)} (was {was})"
        out[card_path(page)] = CardText(title, glance, site.site_name)
    return out


def cards(site: Site, pages: dict[str, str]) -> dict[str, bytes]:
    """Every page's share card, drawn (no cache on disk)."""
    from generator import card_store  # here: Pillow loads only when cards are drawn (not for check or suggest)

    return card_store.drawn(card_texts(site, pages), None)


def pages(story: Story) -> dict[str, str]:
    """Every generated file, keyed by its path inside docs/; sorted for deterministic output."""
    return site_pages(Site(story))


def site_pages(site: Site) -> dict[str, str]:
    story = site.story
    out: dict[str, str] = {}
    out["index.md"] = _page("home.md.j2", "index.md", site, counts=_counts(site), takeaways=_takeaways(story))
    out["timeline.md"] = _page("timeline.md.j2", "timeline.md", site)
    out["agreed.md"] = _page("table.md.j2", "agreed.md", site, statuses=site.statuses())
    out["topics/index.md"] = _page("topics.md.j2", "topics/index.md", site)
    for t in story.topics:
        page = f"topics/{t.id}.md"
        out[page] = _page("topic.md.j2", page, site, topic=t)
    out["sources/index.md"] = _page("sources.md.j2", "sources/index.md", site)
    for s in story.sources:
        page = site.source_page(s.id)
        out[page] = _page("source.md.j2", page, site, source=s)
    for c in site.comparisons:
        page = site.compare_page(c)
        out[page] = _page(
            "compare.md.j2",
            page,
            site,
            cmp=c,
            a=site.sources[c.a],
            b=site.sources[c.b],
            diff=diff_markup,
            labels=CLASS_LABELS,
        )
    out["about.md"] = _page("about.md.j2", "about.md", site, statuses=site.statuses())
    parts = by_topic_parts(site)
    for n, topics in enumerate(parts, 1):
        page = by_topic_page(n)
        out[page] = _page(
            "by_topic.md.j2", page, site, labels=coverage.STATE_LABELS, topics=topics, part=n, parts=len(parts)
        )
    if site.site_url:
        out["feed.xml"] = _page("feed.xml.j2", "feed.xml", site)
    out.update(export.files(story, site.comparisons, site.cov))
    return dict(sorted(out.items()))


def by_topic_page(part: int) -> str:
    """"Who reported what" is one page, or for a large story several: sources/by-topic.md, by-topic-2.md, ..."""
    return "sources/by-topic.md" if part == 1 else f"sources/by-topic-{part}.md"


def by_topic_parts(site: Site) -> list[Sequence[Topic]]:
    """The topics of each "who reported what" page: every topic on one page while the grid fits on one."""
    topics = site.story.topics
    per_page = len(topics) if site.grid_fits() else max(1, GRID_CELLS // max(1, len(site.story.sources)))
    return [topics[i : i + per_page] for i in range(0, len(topics), max(1, per_page))] or [()]


def _counts(site: Site) -> list[tuple[StatusDef, int]]:
    counts = [(s, sum(1 for t in site.story.topics if t.status == s.id)) for s in site.statuses()]
    return [(s, n) for s, n in counts if n]


def drafts_left_out(story: Story) -> Story:
    """The story readers see: topics and events with evidence (drafts stay in story.yml until sourced)."""
    topics = tuple(t for t in story.topics if not t.draft)
    if len(topics) == len(story.topics) and not any(e.draft for e in story.events):
        return story
    kept = {t.id for t in topics}
    bases = {e.projected.base for e in story.events if e.projected is not None}  # a projection needs its base
    events = tuple(
        replace(e, topics=tuple(t for t in e.topics if t in kept))
        for e in story.events
        if not e.draft or e.id in bases
    )
    return replace(story, topics=topics, events=events)


def _takeaways(story: Story) -> Sequence[Topic]:
    ranked = sorted((t for t in story.topics if t.takeaway is not None), key=lambda t: (t.takeaway or 0, t.id))
    return ranked[:4]
