"""The iCalendar download, written with `icalendar`: hostile text survives a round trip, bytes never vary."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import icalendar

from generator import export, seeds, story
from generator.model import Story

ROOT = Path(__file__).resolve().parent.parent


def _story(name: str) -> Story:
    base = ROOT / "tests" / "fixtures" / name / "seeds" if name != "real" else ROOT / "seeds"
    built, _ = story.build(seeds.read(base, "seeds"))
    return built


def test_hostile_text_round_trips_in_folded_crlf_lines() -> None:
    s = _story("hostile")
    i = next(i for i, e in enumerate(s.events) if e.when.date and e.when.precision.value == "day")
    long = dataclasses.replace(s.events[i], text="Überraschung, Ärger; \\ «quotes» " * 8)
    s = dataclasses.replace(s, events=(*s.events[:i], long, *s.events[i + 1 :]))
    raw = export.timeline_ics(s).encode("utf-8")
    lines = raw.split(b"\r\n")
    assert lines[-1] == b"" and all(len(line) <= 75 for line in lines), "RFC 5545: CRLF lines of at most 75 octets"
    cal = icalendar.Calendar.from_ical(raw)
    assert str(cal["X-WR-CALNAME"]) == s.title
    events = {str(e["UID"]).split("@")[0]: e for e in cal.walk("VEVENT")}
    for e in s.events:
        if e.id in events:
            assert str(events[e.id]["SUMMARY"]).removeprefix("Projected: ") == e.text
    assert long.id in events


def test_same_story_same_bytes_and_the_stamp_comes_from_the_data() -> None:
    s = _story("real")
    first = export.timeline_ics(s)
    assert export.timeline_ics(s) == first
    later = export.timeline_ics(dataclasses.replace(s, updated=s.updated + dt.timedelta(days=1)))
    assert later != first and f"DTSTAMP:{s.updated:%Y%m%d}T000000Z" in first
