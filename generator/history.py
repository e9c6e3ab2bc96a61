"""A developing story over time: status histories, the updates log, projections resolved (pure).

Every function validates its part of `story.yml` into models and reports problems through
the Checker at `path:line:col`; nothing here reads files or the clock.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Callable, Sequence
from typing import Any

from generator import timeline
from generator.checker import Checker, broken
from generator.model import Evidence, Outcome, Precision, Reported, Status, Step, Update, When
from generator.yamldoc import Document, Path

EvidenceFn = Callable[[Path, dict[str, Any]], Evidence | None]


def _evidence(at: Path, raw: dict[str, Any], evidence: EvidenceFn) -> tuple[Evidence, ...]:
    found = [evidence((*at, "evidence", j), e) for j, e in enumerate(raw.get("evidence") or [])]
    return tuple(e for e in found if e)


def status_ok(c: Checker, doc: Document, at: Path, value: str, known: Sequence[str]) -> bool:
    """A status id the story declares (`story.statuses`, or the default five)."""
    known = [str(k) for k in known]
    if value in known:
        return True
    close = difflib.get_close_matches(value, known, n=1)
    c.error(
        doc.at(at),
        f"unknown status {value!r}",
        f"did you mean {close[0]!r}?"
        if close
        else "statuses: " + ", ".join(known) + " (declare others under story.statuses)",
    )
    return False


def _term(
    c: Checker, doc: Document, at: Path, raw: dict[str, Any], since: dt.date | None
) -> tuple[dt.date | None, bool]:
    """The first status's term: `until` a date, or a length (`term: {days: N}`) counted from `since`."""
    if "until" in raw and "term" in raw:
        c.error(doc.key_at((*at, "term")), "`until` and `term` both give the term's end", "keep one of them")
    if "until" in raw:
        until = c.date(doc, (*at, "until"), raw["until"])
        if until and since and until < since:
            c.error(
                doc.at((*at, "until")), f"{until.isoformat()} is before `since` {since.isoformat()}", "check the dates"
            )
        return until, False
    if "term" in raw:
        if since is None:
            c.error(doc.key_at((*at, "term")), "a term's length needs `since`, the day it starts", "add `since:`")
            return None, False
        return since + dt.timedelta(days=raw["term"]["days"] - 1), True
    return None, False


def steps(
    c: Checker,
    doc: Document,
    at: Path,
    raw: dict[str, Any],
    first: tuple[Evidence, ...],
    evidence: EvidenceFn,
    known: Sequence[str] = tuple(Status),
) -> tuple[Step, ...]:
    """A topic's statuses, oldest first: `status` (from `since`, if given), then each `history` entry.

    Dates must rise; each entry must change the status or the end of its term (`until`: an
    extension), and cite its evidence. Empty when the topic has no history and no term.
    """
    later = raw.get("history") or []
    if not later and "until" not in raw and "term" not in raw:
        return ()
    since = c.date(doc, (*at, "since"), raw["since"]) if "since" in raw else None
    until, projected = _term(c, doc, at, raw, since)
    out = [
        Step(raw["status"], When(since, Precision.DAY) if since else None, None, first, doc.at(at), until, projected)
    ]
    for j, entry in enumerate(later):
        here: Path = (*at, "history", j)
        if broken(c.found, doc, here):
            continue
        status_ok(c, doc, (*here, "status"), entry["status"], known)
        when = timeline.when(c, doc, here, entry)
        previous = out[-1]
        new_until = c.date(doc, (*here, "until"), entry["until"]) if "until" in entry else None
        if entry["status"] == previous.status and (new_until is None or new_until == previous.until):
            c.error(
                doc.at((*here, "status")),
                f"status {entry['status']!r} is the status it already had",
                "a history entry records a change of status, or of its term with a new `until:`; "
                "edit the earlier entry's evidence instead",
            )
        if entry["status"] != previous.status and "until" not in entry:
            new_until = None
        if when.date and previous.when and previous.when.date and when.date <= previous.when.date:
            c.error(
                doc.at((*here, "date")),
                f"{when.date.isoformat()} is not after the previous status's date {previous.when.date.isoformat()}",
                "list the history oldest first, each entry later than the one before",
            )
        out.append(
            Step(entry["status"], when, entry.get("note"), _evidence(here, entry, evidence), doc.at(here), new_until)
        )
    return tuple(out)


def reported(
    c: Checker, doc: Document, at: Path, raw: dict[str, Any], projected: bool, evidence: EvidenceFn
) -> Reported | None:
    """`reported:` of an event: what the sources said later about a projected date."""
    entry = raw.get("reported")
    if entry is None or broken(c.found, doc, (*at, "reported")):
        return None
    here: Path = (*at, "reported")
    if not projected:
        c.error(
            doc.key_at(here),
            "`reported` resolves a projected event, and this event is not projected",
            "give the event its reported date instead, or add `projected:`",
        )
        return None
    return Reported(
        Outcome(entry["outcome"]),
        entry["text"],
        timeline.when(c, doc, here, entry),
        _evidence(here, entry, evidence),
        doc.at(here),
    )


def updates(
    c: Checker, doc: Document, known: list[str], check_items: bool, updated: dt.date | None, evidence: EvidenceFn
) -> tuple[Update, ...]:
    """The updates log, newest first: dates real and not after `story.updated`, items known, evidence verified.

    `known`: the ids an update may name as what it changed (topics, events, sources);
    `check_items` is False when the sources could not be read (no cascade of unknown ids).
    """
    out: list[Update] = []
    for i, raw in enumerate(doc.data.get("updates") or []):
        at: Path = ("updates", i)
        if not isinstance(raw, dict) or broken(c.found, doc, at):
            continue
        date = c.date(doc, (*at, "date"), raw["date"])
        if date and updated and date > updated:
            c.error(
                doc.at((*at, "date")),
                f"update dated {date.isoformat()}, after the story's `updated` date {updated.isoformat()}",
                f"set story.updated to {date.isoformat()} or later",
            )
        for j, item in enumerate(raw.get("items") or []):
            if check_items and item not in known:
                close = difflib.get_close_matches(item, known, n=1)
                c.error(
                    doc.at((*at, "items", j)),
                    f"unknown topic, event or source {item!r}",
                    f"did you mean {close[0]!r}?" if close else "name a topic, event or source id",
                )
        if date:
            out.append(
                Update(date, raw["text"], tuple(raw.get("items") or []), _evidence(at, raw, evidence), doc.at(at))
            )
    out.sort(key=lambda u: (u.date, u.pos.line), reverse=True)
    return tuple(out)
