"""Dates in a sentence, keyed for comparison, and what each is the date of (pure, general English patterns).

Keys: "2025-03-19" for "19 March 2025", "March 19" (in the year nearest the article's day), "2025-03-19",
"today"/"yesterday"/"tomorrow" and a weekday read by the verb it modifies (`weekday.resolve`); a weekday its
clause does not place keys "ambiguous:<earlier>|<later>" and is in doubt. Without the article's day, words
stay unresolved ("weekday:sunday", "today", "--03-19"). "immediately" is a date only as the start of something
("will begin immediately", "takes effect immediately"); "immediately gave the order" is none.

Kind (the fact's `bound`): "by" for a deadline ("by 1 August", "until Friday", "the deadline Friday"), "from"
for the day something starts to apply ("as of 1 August", "retroactive to August 1"), "" for the day something
happens. A date governed by a future start verb ("will begin", "will take place", "is set to open") is a
`scheduled` start. Dates of different kinds, or a start against another day, are different events.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from generator import weekday

_Hit = tuple[int, int, str, str, str]  # start, end, aspect, key, bound

_MONTHS = "january february march april may june july august september october november december".split()  # noqa: SIM905
_WEEKDAYS = "monday tuesday wednesday thursday friday saturday sunday".split()  # noqa: SIM905
_MONTH = "(?P<month>" + "|".join(rf"{m[:3].title()}(?:{m[3:]})?" for m in _MONTHS).replace("Sep", "Sept?") + r")\.?"
_DATE_RXS = (
    re.compile(r"\b(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})\b"),
    re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}(?:,?\s+(?P<year>\d{{4}}))?\b"),
    re.compile(rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<year>\d{{4}})\b)?"),
)
_RELATIVE = re.compile(r"\b(?P<rel>today|tonight|yesterday|tomorrow)\b", re.I)
_SHIFT = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}
_IMMEDIATELY = re.compile(r"(?<!not )\bimmediately\b(?!\s+(?:clear|known|obvious|after|before|following))", re.I)
_WEEKDAY = re.compile(rf"\b(?:(?P<mod>(?i:next|last|this|coming|on))\s+)?(?P<day>{'|'.join(_WEEKDAYS).title()})\b")
ISO_KEY = re.compile(r"\d{4}-\d{2}-\d{2}")
# What a date is of: a deadline ("by 1 August") or a start ("as of 1 August") is another event than the day
# something happened; a future start verb ("will begin", "will take place") makes the date a scheduled start.
_BY = re.compile(r"\b(?:by|until|till|before|no\s+later\s+than|deadline(?:\s+of)?)\s+(?:the\s+|on\s+)?$", re.I)
_FROM = re.compile(
    r"\b(?:as\s+of|from|starting|effective|retroactive(?:ly)?\s+to|backdated\s+to|beginning)\s+(?:on\s+)?$", re.I
)
_START = re.compile(
    r"\b(?:will|would|shall|'ll|(?:is|are|was|were)\s+(?:set|due|expected|scheduled|slated)\s+to)\s+(?:\w+\s+){0,2}?"
    r"(?:begin|start|commence|open|resume|convene|take\s+place|be\s+held|get\s+under\s*way|kick\s+off|take\s+effect"
    r"|come\s+into\s+force)\b(?P<gap>[^.;:!?]*)$",
    re.I,
)
_STARTS = re.compile(r"\b(?:begins?|starts?|takes?\s+effect|comes?\s+into\s+force)\s+$", re.I)
_GOVERNED_ELSEWHERE = re.compile(r"\b\w+ing\b|\b(?:after|before|since|when|said|says)\b", re.I)


def scheduled(text: str, start: int) -> bool:
    """The date at `start` says when something will begin: a future start verb governs it ("will begin
    immediately", "talks, which will take place in the capital on Sunday"), with no other verb between."""
    m = _START.search(text, max(0, start - 90), start)
    return m is not None and not _GOVERNED_ELSEWHERE.search(m["gap"])


def _date_kind(text: str, start: int) -> str:
    """ "by" for a deadline, "from" for the day something starts to apply, "" for the day something happens."""
    before = text[max(0, start - 30) : start]
    return "by" if _BY.search(before) else "from" if _FROM.search(before) else ""


def hits(text: str, dated: dt.date | None, doubtful: set[tuple[int, int]]) -> Iterator[_Hit]:
    """Every date of `text` (folded), keyed as in the module docstring, its kind as `bound`; the spans of the
    dates resolved with doubt are added to `doubtful`."""
    taken: list[tuple[int, int]] = []
    for rx in _DATE_RXS:
        for m in rx.finditer(text):
            month = m["month"]
            number = int(month) if month.isdigit() else [n[:3] for n in _MONTHS].index(month[:3].lower()) + 1
            years = [int(m["year"])] if m["year"] else [dated.year + i for i in (-1, 0, 1)] if dated else [2000]
            days = [d for y in years if (d := _valid(y, number, int(m["day"])))]
            if not days:
                continue
            day = min(days, key=lambda d: abs(d - (dated or d)))  # a year-less date: the year nearest `dated`
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            taken.append((m.start(), m.end()))
            key = day.isoformat() if dated or m["year"] else day.strftime("--%m-%d")
            yield m.start(), m.end(), "date", key, _date_kind(text, m.start())
    for m in _RELATIVE.finditer(text):
        word = m["rel"].lower()
        key = (dated + dt.timedelta(_SHIFT[word])).isoformat() if dated else word
        yield m.start(), m.end(), "date", key, _date_kind(text, m.start())
    for m in _IMMEDIATELY.finditer(text):  # a date only as the start of something ("will begin immediately")
        if scheduled(text, m.start()) or _STARTS.search(text, max(0, m.start() - 30), m.start()):
            yield m.start(), m.end(), "date", "immediately", ""
    for m in _WEEKDAY.finditer(text):
        name = m["day"].lower()
        kind = _date_kind(text, m.start())
        if dated is None:
            key, doubt = f"weekday:{name}", True
        else:
            reading = weekday.resolve(text, m.start("day"), m.end("day"), dated)
            key, doubt, kind = reading.key(), reading.ambiguous, "by" if reading.reading == "deadline" else kind
        if doubt:
            doubtful.add((m.start(), m.end()))
        yield m.start(), m.end(), "date", key, kind


def _valid(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def agree(a: str, b: str) -> bool:
    """Dates agree when equal, or equal on what both say (weekday; month and day); other words only with themselves."""
    if a == b or a.startswith("ambiguous:") or b.startswith("ambiguous:"):
        return True  # a weekday its clause does not place is never a difference
    for x, y in ((a, b), (b, a)):
        if y.startswith("weekday:") and ISO_KEY.fullmatch(x):
            return _WEEKDAYS[dt.date.fromisoformat(x).weekday()] == y[8:]
    named = [k for k in (a, b) if k[0] in "-0123456789"]
    if len(named) == 2:
        return (a.startswith("--") or b.startswith("--")) and a[-6:] == b[-6:]
    return not (named and "immediately" in (a, b))


def day_month_year(d: dt.date) -> str:
    """A reader's date, the same in any locale: "23 March 2025"."""
    return f"{d.day} {_MONTHS[d.month - 1].title()} {d.year}"


def shown(key: str) -> str:
    """An ISO key as a reader's date: "Sunday 23 March 2025"."""
    d = dt.date.fromisoformat(key)
    return f"{_WEEKDAYS[d.weekday()].title()} {day_month_year(d)}"
