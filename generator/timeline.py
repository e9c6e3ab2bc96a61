"""Timeline events: dates as precise as the sources, weekdays checked, projections computed (pure)."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable
from typing import Any

from generator.checker import Checker, broken
from generator.model import Absence, Event, Evidence, Precision, Projection, When
from generator.yamldoc import Document, Path

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def when(c: Checker, doc: Document, at: Path, raw: dict[str, Any]) -> When:
    text = raw.get("date")
    precision = Precision(raw.get("precision", "day" if text else "unknown"))
    as_written = raw.get("as_written")
    time = raw.get("time")
    if text is None:
        if precision is not Precision.UNKNOWN:
            c.error(
                doc.at((*at, "precision")),
                f"precision {precision.value!r} needs a date",
                "add `date:` or use precision: unknown",
            )
        return When(None, Precision.UNKNOWN, time, as_written)
    if precision is Precision.UNKNOWN:
        c.error(
            doc.at((*at, "precision")),
            "precision 'unknown' contradicts the date given",
            "remove the date or set a precision",
        )
        return When(None, Precision.UNKNOWN, time, as_written)
    if precision is Precision.MONTH:
        if not re.fullmatch(r"\d{4}-\d{2}", text):
            c.error(
                doc.at((*at, "date")),
                f"precision 'month' contradicts the full date {text!r}",
                "write the month as YYYY-MM, or use precision: day",
            )
            return When(None, Precision.UNKNOWN)
        date = c.date(doc, (*at, "date"), text + "-01")
    else:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            c.error(
                doc.at((*at, "date")),
                f"precision {precision.value!r} needs a full date, not {text!r}",
                "write YYYY-MM-DD, or use precision: month",
            )
            return When(None, Precision.UNKNOWN)
        date = c.date(doc, (*at, "date"), text)
    if date and as_written:
        named = [d for d in _WEEKDAYS if re.search(rf"\b{d}\b", as_written, re.I)]
        actual = _WEEKDAYS[date.weekday()]
        if named and named[0] != actual and precision is Precision.DAY:
            c.error(
                doc.at((*at, "as_written")),
                f"{as_written!r} says {named[0].title()}, but {date.isoformat()} is a {actual.title()}",
                "check the date against the article's own date",
            )
    if time and precision is not Precision.DAY:
        c.error(doc.at((*at, "time")), "a time needs a day-precision date", "remove the time or give the exact day")
    return When(date, precision, time, as_written)


def _end(c: Checker, doc: Document, at: Path, raw: dict[str, Any], start: When) -> dt.date | None:
    """The last day of an event held over several days: after its first day, which must be exact."""
    if "end" not in raw:
        return None
    end = c.date(doc, (*at, "end"), raw["end"])
    if end is None:
        return None
    if start.date is None or start.precision is not Precision.DAY:
        c.error(doc.at((*at, "end")), "a last day needs an exact first day", "give `date:` with day precision")
        return None
    if end <= start.date:
        c.error(
            doc.at((*at, "end")),
            f"last day {end.isoformat()} is not after the first day {start.date.isoformat()}",
            "remove `end:` for a one-day event",
        )
        return None
    return end


def events(
    c: Checker,
    doc: Document,
    known_topics: set[str],
    topic_ids: set[str],
    evidence: Callable[[Path, dict[str, Any]], Evidence | None],
    absences: Callable[[Path, list[Any], set[str]], tuple[Absence, ...]],
) -> list[Event]:
    """Every event with its date resolved: as written, or projected from another event."""
    data = doc.data
    raw_events = [
        (i, r)
        for i, r in enumerate(data.get("events") or [])
        if isinstance(r, dict) and not broken(c.found, doc, ("events", i))
    ]
    skipped_events = {
        c.known("event", r, doc.at(("events", i, "id")))
        for i, r in enumerate(data.get("events") or [])
        if not isinstance(r, dict) or broken(c.found, doc, ("events", i))
    }
    for i, raw in raw_events:
        c.claim("event", raw["id"], doc.at(("events", i, "id")))
    whens: dict[str, When] = {}
    pending: dict[str, tuple[int, dict[str, Any]]] = {}
    for i, raw in raw_events:
        if "projected" in raw:
            if "date" in raw or "precision" in raw:
                c.error(
                    doc.key_at(("events", i, "projected")),
                    "a projected event takes its date from `projected`",
                    "remove `date`/`precision` or `projected`",
                )
            pending[raw["id"]] = (i, raw)
        else:
            whens[raw["id"]] = when(c, doc, ("events", i), raw)
    for _ in range(len(pending)):
        for eid, (_, raw) in list(pending.items()):
            base = raw["projected"]["from"]
            if base in whens:
                bw = whens[base]
                date = bw.date + dt.timedelta(days=raw["projected"]["days"]) if bw.date else None
                whens[eid] = When(date, bw.precision if date else Precision.UNKNOWN)
                del pending[eid]
    for i, raw in pending.values():
        base = raw["projected"]["from"]
        if base in skipped_events:
            continue  # that event has errors of its own
        known = [e for e, _ in ((r["id"], 0) for _, r in raw_events)]
        close = difflib.get_close_matches(base, known, n=1)
        why = "is part of a cycle" if base in known else "does not exist"
        c.error(
            doc.at(("events", i, "projected", "from")),
            f"projected from event {base!r}, which {why}",
            f"did you mean {close[0]!r}?" if close and base not in known else "project from an event with a date",
        )
    events: list[Event] = []
    for i, raw in raw_events:
        at = ("events", i)
        for j, t in enumerate(raw.get("topics", [])):
            if t not in known_topics:
                close = difflib.get_close_matches(t, sorted(topic_ids), n=1)
                c.error(
                    doc.at((*at, "topics", j)),
                    f"unknown topic {t!r}",
                    f"did you mean {close[0]!r}?" if close else "name a topic id",
                )
        ev = [evidence((*at, "evidence", j), e) for j, e in enumerate(raw.get("evidence", []))]
        proj = Projection(raw["projected"]["from"], raw["projected"]["days"]) if "projected" in raw else None
        absent = absences((*at, "absent"), raw.get("absent") or [], {e.source for e in ev if e})
        start = whens.get(raw["id"], When(None, Precision.UNKNOWN))
        end = _end(c, doc, at, raw, start)
        events.append(
            Event(
                raw["id"],
                whens.get(raw["id"], When(None, Precision.UNKNOWN)),
                raw["text"],
                tuple(raw.get("topics", [])),
                tuple(e for e in ev if e),
                proj,
                doc.at(at),
                absent,
                end=end,
            )
        )
    events.sort(key=lambda e: (e.when.sort_key(), e.pos.line))
    return events
