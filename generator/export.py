"""Machine-readable downloads: the dataset as JSON, the table as CSV, the timeline as iCalendar (pure)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Sequence
from typing import Any

import icalendar

from generator import align, coverage
from generator.model import Difference, Evidence, Precision, Story, When


def _evidence(e: Evidence) -> dict[str, Any]:
    return {
        "source": e.source,
        "quote": e.quote,
        "speaker": e.speaker,
        "side": e.side,
        "supports": e.supports,
        "paragraph": e.anchor,
    }


def _difference(d: Difference) -> dict[str, Any]:
    return {
        "about": d.about,
        "note": d.note,
        "accounts": [{"source": a.source, "quote": a.quote, "paragraph": a.anchor} for a in d.accounts],
    }


def _when(w: When | None) -> dict[str, Any] | None:
    if w is None:
        return None
    return {"date": w.date.isoformat() if w.date else None, "precision": w.precision.value, "as_written": w.as_written}


def story_json(story: Story) -> str:
    data = {
        "title": story.title,
        "standfirst": story.standfirst,
        "description": story.description,
        "updated": story.updated.isoformat(),
        "published": story.published.isoformat() if story.published else None,
        "sides": [{"id": s.id, "label": s.label} for s in story.sides],
        "reference": story.reference,
        "sources": [
            {
                "id": s.id,
                "outlet": s.outlet,
                "headline": s.headline,
                "url": s.url,
                "published": s.published.isoformat() if s.published else None,
                "byline": s.byline,
                "credit": s.credit,
                "provenance": s.provenance,
                "paragraphs": [{"id": b.anchor, "kind": b.kind.value, "text": b.text} for b in s.article.blocks],
            }
            for s in story.sources
        ],
        "topics": [
            {
                "id": t.id,
                "title": t.title,
                "status": t.status,
                "status_label": story.status(t.status).label,
                "until": t.until.isoformat() if t.until else None,
                "summary": t.summary,
                "said": dict(t.positions),
                "evidence": [_evidence(e) for e in t.evidence],
                "differences": [_difference(d) for d in t.differences],
                "history": [
                    {
                        "status": s.status,
                        "since": _when(s.when),
                        "until": s.until.isoformat() if s.until else None,
                        "note": s.note,
                        "evidence": [_evidence(e) for e in s.evidence],
                    }
                    for s in t.history
                ],
            }
            for t in story.topics
        ],
        "events": [
            {
                "id": e.id,
                "date": e.when.date.isoformat() if e.when.date else None,
                "precision": e.when.precision.value,
                "time": e.when.time,
                "as_written": e.when.as_written,
                "text": e.text,
                "end": e.end.isoformat() if e.end else None,
                "projected": {"from": e.projected.base, "days": e.projected.days} if e.projected else None,
                "topics": list(e.topics),
                "evidence": [_evidence(x) for x in e.evidence],
                "reported": {
                    "outcome": e.reported.outcome.value,
                    "text": e.reported.text,
                    "when": _when(e.reported.when),
                    "evidence": [_evidence(x) for x in e.reported.evidence],
                }
                if e.reported
                else None,
            }
            for e in story.events
        ],
        "corrections": [{"date": c.date.isoformat(), "text": c.text, "topic": c.topic} for c in story.corrections],
        "updates": [
            {
                "date": u.date.isoformat(),
                "text": u.text,
                "items": list(u.items),
                "evidence": [_evidence(e) for e in u.evidence],
            }
            for u in story.updates
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def table_csv(story: Story) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(
        ["topic", "title", "status", "status_label", "until", *[f"{s.label} said" for s in story.sides], "sources"]
    )
    for t in story.topics:
        sources = sorted({e.source for e in t.evidence})
        writer.writerow(
            [
                t.id,
                t.title,
                t.status,
                story.status(t.status).label,
                t.until.isoformat() if t.until else "",
                *[t.position(s.id) or "" for s in story.sides],
                " ".join(sources),
            ]
        )
    return out.getvalue()


def timeline_ics(story: Story, uid_domain: str = "explainer.invalid") -> str:
    """All-day events for day-precision dates; approximate and undated events are left out.

    Written with `icalendar` (escaping, CRLF line ends, folding at 75 octets); DTSTAMP is the
    story's `updated` day, never the clock, so the same inputs give the same bytes.
    """
    stamp = dt.datetime.combine(story.updated, dt.time(), tzinfo=dt.UTC)
    cal = icalendar.Calendar()
    cal.add("version", "2.0")
    cal.add("prodid", "-//explainer-generator//EN")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", icalendar.vText(story.title))  # TEXT: commas escaped
    for e in story.events:
        if e.when.date is None or e.when.precision is not Precision.DAY:
            continue
        event = icalendar.Event()
        event.add("uid", f"{e.id}@{uid_domain}")
        event.add("dtstamp", stamp)
        event.add("dtstart", e.when.date)
        event.add("dtend", (e.end or e.when.date) + dt.timedelta(days=1))  # all-day: the day after the last
        event.add("summary", ("Projected: " if e.projected else "") + e.text)
        event.add("status", "TENTATIVE" if e.projected else "CONFIRMED")
        if e.projected:
            note = f"Projected: {e.projected.days} days after event {e.projected.base}; "
            if e.reported is None:
                note += "not reported by the sources."
            else:
                note += f"later reported ({e.reported.outcome.value}): {e.reported.text}."
            event.add("description", note)
            event.add("categories", ["Projected"])
        cal.add_component(event)
    data: bytes = cal.to_ical()
    return data.decode("utf-8")


def comparison_json(comparisons: Sequence[align.Comparison]) -> str:
    def block(b: Any) -> dict[str, Any] | None:
        return None if b is None else {"id": b.anchor, "kind": b.kind.value, "text": b.text}

    data = {
        "comparisons": [
            {
                "a": c.a,
                "b": c.b,
                "share_a_in_b": c.share_a_in_b,
                "share_b_in_a": c.share_b_in_a,
                "pairs": [
                    {
                        "class": p.kind.value,
                        "similarity": p.similarity,
                        "a": block(p.a),
                        "b": block(p.b),
                        "overridden": p.overridden,
                        **({"fact": p.fact, "reviewed": p.reviewed} if p.fact else {}),
                    }
                    for p in c.pairs
                    if p.a is not None and p.b is not None
                ],
                "unmatched": {
                    c.a: [block(p.a) for p in c.pairs if p.b is None and p.a is not None],
                    c.b: [block(p.b) for p in c.pairs if p.a is None and p.b is not None],
                },
            }
            for c in comparisons
        ]
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


# one compact JSON value, UTF-8 kept: one encoder for every line (`json.dumps` with options makes one a call)
encode_line = json.JSONEncoder(ensure_ascii=False).encode


def json_lines(records: Sequence[object]) -> str:
    """A JSON list with one compact object per line: readable, diffable, and written by the C encoder."""
    if not records:
        return "[]\n"
    return "[\n" + ",\n".join(map(encode_line, records)) + "\n]\n"


def coverage_json(cov: coverage.Coverage) -> str:
    return json_lines(coverage.records(cov))


def files(story: Story, comparisons: Sequence[align.Comparison], cov: coverage.Coverage) -> dict[str, str]:
    return {
        "data/coverage.json": coverage_json(cov),
        "data/story.json": story_json(story),
        "data/agreed.csv": table_csv(story),
        "data/timeline.ics": timeline_ics(story),
        "data/comparison.json": comparison_json(comparisons),
    }
