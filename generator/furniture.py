"""Page furniture: which lines of a text article are not the outlet's article text (pure).

Each line is judged by general signals, not by a list of the cases seen so far:

- **shape**: a known furniture pattern (`PATTERNS`: share links, bylines, "Related:", a credit
  "Name / AGENCY" ...), kept as one signal among the others;
- **a date or time without a verb**: what is left of the line once dates, times, time zones and
  "published", "updated", "at" are taken out is nothing ("Published July 27, 2025 at 2:14 PM EDT",
  "Friday, 12 September, 2025", "March 18, 8:01 PM");
- **a credit at the end**: a trailing "(Name/Agency)", "Name via Agency Images", "... / AGENCY";
  a line of punctuation only; a line of one to three capitalised names beside other furniture;
- **position**: lines before a dateline paragraph ("CITY, Region —") near the top are the
  page's header (headline, bylines, captions, site furniture); a date glued to the start of the
  first line, or a "--Agency" credit glued to the end of the last, is split off; a short,
  heading-shaped last line ("More to come") heads nothing;
- **what a heading-shaped line says**: one that opens in lower case ("breaking"), an all-capitals
  line of four words or more (a link to another story), one addressed to the reader ("Sign up
  for our emails"), one made mostly of function words, or a "Label: value" pair;
- **repetition**: a heading-shaped line printed again (a repeated headline: the first copy is the
  headline);
- **readability**: a line with replacement characters, or a long one with almost no function
  words of any language (Latin-script scrambled text), is unreadable: set aside and reported, never evidence.
"""

from __future__ import annotations

import functools
import importlib.util
import re
from dataclasses import dataclass
from pathlib import Path

from generator.mojibake import mostly_latin

_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
_WEEKDAYS = "monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun"
_DATE_LINE = re.compile(
    rf"^(?:(?:{_WEEKDAYS}),?\s+)?(?:"
    rf"(?:{_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTHS})\.?,?\s+\d{{4}}"
    r"|\d{4}-\d{2}-\d{2}"
    r"|\d{1,2}/\d{1,2}/\d{2,4}"
    r")(?:[,\s]+\d{1,2}[:.]\d{2}\s*(?:am|pm|a\.m\.|p\.m\.)?(?:\s+[A-Z]{2,5})?)?\.?$",
    re.IGNORECASE,
)
_DAY = rf"(?:(?:{_MONTHS})\.?\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+(?:{_MONTHS})\.?,?\s+\d{{4}})"
_READ_TIME = r"\d{1,3}\s*-?\s*min(?:ute)?s?\.?\s+read"
_PICTURE_WORDS = r"photos?|photograph|image|picture|pictured|pool|file"

# (kind, pattern): the shapes furniture was first recognised by; the first that matches wins.
PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("skip-link", re.compile(r"^skip to (the )?(main )?(content|navigation|article|story)$", re.I)),
    ("byline", re.compile(rf"^by\s+[^.!?]{{1,80}}?\s+(?:{_DAY}[^.!?]{{0,40}}|{_READ_TIME})$", re.I)),
    ("reading-time", re.compile(rf"^{_READ_TIME}$", re.I)),
    (
        "note",
        re.compile(
            r"^(this (is a )?(developing|breaking)( news)? (story|news)|this (story|article|report) (has been|was|"
            r"will be|is being) updated)\b[^\n]{0,120}$",
            re.I,
        ),
    ),
    ("caption", re.compile(rf"\([^()]*\b({_PICTURE_WORDS})\b[^()]*\)\.?$", re.I)),
    ("embed", re.compile(r"^a post shared by .{1,60}\(@[\w.]{1,30}\)", re.I)),
    ("share", re.compile(r"^(share( and follow| this( article| story)?)?|follow us|share on \w+)$", re.I)),
    (
        "related",
        re.compile(r"^(related( articles?| stor(y|ies)| content| coverage| reading)?|read more|see also)\s*:", re.I),
    ),
    ("original-url", re.compile(r"^(original|source)\s+(url|link|article)\s*:", re.I)),
    ("source-credit", re.compile(r"^source\s*:\s*\S[^.!?]{0,40}\.?$", re.I)),
    ("read-more", re.compile(r"^(read|see|view) the (full|original|complete|whole) (report|story|article)\b", re.I)),
    ("embed", re.compile(r"^[\u2014\u2013-]\s*[^()]{1,60}\(@\w{1,30}\)")),
    ("additional-reporting", re.compile(r"^(with )?(additional )?(reporting|writing|editing) by\b", re.I)),
    ("byline", re.compile(r"^[Bb][Yy]\s+[A-Z][\w.'\u2019-]*(\s+(and\s+)?[A-Z][\w.'\u2019-]*,?){0,5}$")),
    ("date", _DATE_LINE),
    ("credit", re.compile(r"^((photo|image|picture)( credit)?\s*:|\((photo|image)s? by\b|credit\s*:)", re.I)),
    ("credit", re.compile(r"^[^\s/][^/]{0,60}(\s/\s[^/]{1,40}){1,4}$")),
)

_FINAL_PUNCTUATION = tuple('.!,;:"\u201d\u2019\u2026)]')
_MAX_HEADING_WORDS = 14

# A date, a time or a time zone, and the words that go with them on a "published" line.
_DATE_TOKEN = re.compile(
    rf"\b(?:{_MONTHS}|{_WEEKDAYS})\b\.?|\b\d{{4}}-\d{{2}}-\d{{2}}\b|\b\d{{1,2}}[:.]\d{{2}}\b|\b\d{{1,4}}(?:st|nd|rd|th)?\b"
    r"|\b(?:a\.m\.|p\.m\.|am|pm)|\b[A-Z]{2,4}T\b|\bUTC\b|\bGMT\b",
    re.I,
)
_DATE_CORE = re.compile(rf"\b(?:{_MONTHS}|{_WEEKDAYS})\b|\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}:\d{{2}}", re.I)
_DATE_FILLER = frozenset("date dated published updated posted modified last first at on of the time".split())  # noqa: SIM905
# A date glued to the start of the first line, perhaps with its byline or copyright line.
_ISO_OR_DAY = rf"(?:\d{{4}}-\d{{2}}-\d{{2}}|{_DAY})"
_LEADING_DATE = re.compile(
    rf"^(?P<prefix>\s*(?:(?:date|published|updated|posted)\s*:?\s*)?{_ISO_OR_DAY}(?:,?\s+(?:at\s+)?\d{{1,2}}[:.]\d{{2}}"
    r"(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{2,5})?)?\s+)(?P<rest>\S.*)$",
    re.I,
)
_BYLINE_OR_COPYRIGHT = re.compile(
    r"^(?:by\s+[A-Z][^.!?]{0,60}|(?:\u00a9|\(c\)|copyright)\s*\d{4}\b[^.!?]{0,60})$", re.I
)
# "... end of sentence. --Agency" / "— Agency" glued to the end of the last line.
_TRAILING_CREDIT = re.compile(
    r"(?<=[.!?\"\u201d\u2019])(?P<suffix>\s+(?:--|\u2014|\u2013)\s*[A-Z][\w&.'-]*(?:\s[A-Z][\w&.'-]*){0,2})$"
)
# A credit ending a line: "(Name/Agency)", "Name via Agency Images", "... / AGENCY".
_CREDIT_END = re.compile(
    r"\([^()]{0,60}[^\W\d_]\s*/\s*[A-Z][^()]{0,60}\)\.?$"
    r"|\b[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*)*\s+via\s+[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,3}\.?$"
    r"|\s/\s*[A-Z][A-Z.&-]{1,10}\.?$"
)
_NAME_ONLY = re.compile(r"^[A-Z][\w.'\u2019-]*(?:\s+[A-Z][\w.'\u2019-]*){0,2}$")
_LABEL_VALUE = re.compile(r"^[A-Z][\w ]{0,24}:\s*\S[^!?]{0,30}(?<!\.)$")
_READER = re.compile(r"\b(?:our|your|you|sign\s+up|subscribe)\b", re.I)
_QUOTE_OPEN = tuple("\"'\u201c\u2018\u00ab")
# The first paragraph of an article often opens "CITY, Region (Agency) —".
DATELINE = re.compile(
    r"^([A-Z][A-Z.'’-]+(?: (?:[A-Z][A-Z.'’-]+|and))?(?: [A-Z][A-Z.'’-]+){0,3}"
    r"(?:,\s*[A-Z][\w.]+(?: [A-Z\d][\w.]*){0,2})?"
    r"(?:\s*[—–-]{1,2}\s*)?(?:\s*\([A-Za-z. ]{1,20}\))?)\s*[—–-]{1,2}\s*\S"
)
_HEADER_REACH = 15  # a dateline this far down (in non-blank lines) still opens the article
_WORD = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)?")
_UNREADABLE_WORDS = 12  # a line this long with almost no function words is not language
_FUNCTION_SHARE = 0.05


@dataclass(frozen=True)
class Judged:
    """One line's verdict: `kind` None is body; `prefix`/`suffix` furniture glued to body text."""

    kind: str | None
    text: str  # the body text (the whole line when nothing is split off)
    prefix: str = ""
    suffix: str = ""
    prefix_kind: str = "date"
    suffix_kind: str = "credit"


def pattern_kind(line: str) -> str | None:
    for kind, pattern in PATTERNS:
        if pattern.search(line):
            return kind
    return None


def is_heading(line: str) -> bool:
    """These sources mark subheadings as short lines without final punctuation."""
    return len(line.split()) <= _MAX_HEADING_WORDS and not line.endswith(_FINAL_PUNCTUATION)


@functools.lru_cache(maxsize=1)
def _languages() -> tuple[Path, ...]:
    """jusText's stoplists (the function words of 100 languages), English first; found without importing jusText."""
    spec = importlib.util.find_spec("justext")
    if spec is None or not spec.submodule_search_locations:
        return ()
    paths = sorted((Path(next(iter(spec.submodule_search_locations))) / "stoplists").glob("*.txt"))
    return tuple(sorted(paths, key=lambda p: p.stem != "English"))


@functools.cache
def _stoplist(path: Path) -> frozenset[str]:
    return frozenset(w.strip().lower() for w in path.read_text(encoding="utf-8").splitlines() if w.strip())


@functools.lru_cache(maxsize=65536)
def function_share(text: str, enough: float = 1.0) -> float:
    """The share of words that are function words, in the language that has most of them.

    Languages are tried English first, each loaded when first needed; the search stops once a
    language reaches `enough`.
    """
    found = [w.lower() for w in _WORD.findall(text)]
    best = 0.0
    if not found:
        return best
    for path in _languages():
        stop = _stoplist(path)
        best = max(best, sum(w in stop for w in found) / len(found))
        if best >= enough:
            break
    return best


def unreadable(text: str) -> str | None:
    """Why `text` cannot be read as language, or None."""
    bad = text.count("\ufffd")
    if bad >= 3 or (bad and bad * 20 >= len(text)):
        return f"{bad} replacement characters"
    found = _WORD.findall(text)
    if (
        len(found) >= _UNREADABLE_WORDS
        and mostly_latin(text)
        and function_share(text, _FUNCTION_SHARE) < _FUNCTION_SHARE
    ):
        return "almost no function words of any language (scrambled text?)"
    return None


def _date_only(line: str) -> bool:
    """A date or time and nothing a sentence needs: no verb, no noun left over."""
    if not _DATE_CORE.search(line):
        return False
    rest = _DATE_TOKEN.sub(" ", line)
    left = [w for w in _WORD.findall(rest) if w.lower() not in _DATE_FILLER]
    return not left and len(line) <= 80


def _heading_furniture(line: str, last: bool) -> str | None:
    """A heading-shaped line that is not a subheading."""
    if line.startswith(_QUOTE_OPEN):
        return None  # a quotation, perhaps cut off: the article's words
    found = _WORD.findall(line)
    if not found:
        return "fragment"
    if line[0].isalpha() and line[0].islower():
        return "label"
    if len(found) >= 4 and line.upper() == line and line.lower() != line:
        return "link"
    if _READER.search(line):
        return "promo"
    if _LABEL_VALUE.match(line) and len(found) <= 6:
        return "label"
    if last or (3 <= len(found) <= 5 and function_share(line) == 1.0):
        return "note"
    return None


def judge(lines: list[str]) -> list[Judged]:
    """A verdict for each of an article's non-blank lines, in order."""
    out = [Judged(pattern_kind(line), line) for line in lines]
    if not lines:
        return out
    # A date glued to the first line: split off, or the whole line with its byline or copyright.
    first = _LEADING_DATE.match(lines[0])
    if first and out[0].kind is None:
        if _BYLINE_OR_COPYRIGHT.match(first["rest"]):
            out[0] = Judged("date", lines[0])
        else:
            out[0] = Judged(None, first["rest"], prefix=first["prefix"].strip())
    # A credit glued to the end of the last line.
    tail = _TRAILING_CREDIT.search(out[-1].text)
    if tail and out[-1].kind is None and len(lines) > 1:
        out[-1] = Judged(None, out[-1].text[: tail.start()], out[-1].prefix, tail["suffix"].strip())
    seen: set[str] = set()
    for i, j in enumerate(out):
        line = j.text
        if j.kind is None:
            kind = None
            if line in seen and is_heading(line):
                kind = "repeat"
                first_at = next(k for k in range(i) if out[k].text == line)
                if is_heading(line) and all(is_heading(out[k].text) or out[k].kind for k in range(first_at)):
                    out[first_at] = Judged("headline", lines[first_at])  # a heading printed twice at the top
            elif _date_only(line):
                kind = "date"
            elif _CREDIT_END.search(line) or not _WORD.search(line):
                kind = "credit"
            elif why := unreadable(line):
                kind = "unreadable: " + why
            elif is_heading(line):
                kind = _heading_furniture(line, last=i == len(out) - 1 and any(not is_heading(o.text) for o in out[:i]))
            if kind:
                out[i] = Judged(kind, lines[i])
        seen.add(line)
    _header(out, lines)
    _credit_names(out, lines)
    return out


def _header(out: list[Judged], lines: list[str]) -> None:
    """Lines before a dateline paragraph near the top are the page's header, not the article."""
    body = [i for i, j in enumerate(out) if j.kind is None]
    for i in body[:_HEADER_REACH]:
        if DATELINE.match(out[i].text) and not is_heading(out[i].text):
            before = [k for k in range(i) if out[k].kind is None]
            shaped = [k for k in before if is_heading(out[k].text)]
            headline = max(shaped, key=lambda k: (len(out[k].text.split()), -k), default=None)
            for k in before:
                out[k] = Judged("headline" if k == headline else "header", lines[k])
            return


def _credit_names(out: list[Judged], lines: list[str]) -> None:
    """One to three capitalised names alone on a line, beside furniture: a credit or a byline."""
    for i, j in enumerate(out):
        if j.kind is not None or not _NAME_ONLY.match(j.text):
            continue
        near = [out[k].kind for k in (i - 1, i + 1) if 0 <= k < len(out)]
        if any(k not in (None, "headline") for k in near) and function_share(j.text, 1e-9) == 0:
            out[i] = Judged("credit", lines[i])
