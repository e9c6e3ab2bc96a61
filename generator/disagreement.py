"""Where the sources disagree: comparable facts per passage, differences per aspect (pure functions).

Facts (`facts`), from general English news patterns; quotes, dashes and odd spaces are folded first.

* duration: "90-minute", "1.5 hours", "an hour and a half", "30-day", "thirty days", "about a month",
  "month-long". Short ones key in minutes ("PT90M"), long ones in days ("P30D"; a week is 7 days, a month
  30, a year 365); the two kinds are never compared. A bare "a"/"an" counts only in "month-long", "an hour
  and a half" or after "for"/a qualifier ("for about a month"). Offsets ("two days after", "a week ago")
  and ages ("23-year-old") are no durations.
* count: a number and the first plural noun after it, within four words and before any function word:
  "23 wounded soldiers" keys "23 soldier"; "175 to be freed" has no noun, so no count. Numbers in
  dates or durations, years, percentages, money and ordinals are no counts.
* date: see `dates` ("19 March 2025", "today", a weekday read by the verb it modifies, "immediately" as the
  start of something); a date's kind (a deadline "by", a start of application "from", else the day something
  happens) is its `bound`, and a date governed by a future start verb ("will begin") has the subject "start".
  A weekday resolved with doubt is `doubtful` and never compared.
* amount: percentages, percentage points and money (`quantity.amounts`), each unit apart; a rate said to be
  none ("zero fees on", "eliminate fees on") is 0%, where the passages compared use its noun for a rate ("a 15%
  fee": `quantity.rate_nouns`). Something spared from an amount ("cheese will be spared from the 15% fee",
  `quantity.exempted`) has that amount with the bound "other than" on the clause's subject; "..., with the
  same rate (or the head's noun, "level") applying to X" is the value just stated, on X.
* scope (`scope`): "x and y" ("and:x|y"), the share an amount applies to ("on all goods": "share:all"), a sum
  said to be part of another ("$X earmarked for", "of which $X": "part:"), a sum given beside another as two
  items ("buy $X of gas and invest $Y": "apart:"), what a sum goes to ("for:") and an item added beside it
  ("as well as ...": "besides:").
* certainty (`certainty`): "finalized" against "preliminary"; "unclear whether <party>".
* attribution: the speaker of "X said", "said X" (after a comma or quote) and "according to X", X a
  capitalised name, whose "readout", "statement", "spokesperson"... stay out of the key: "the Ministry said",
  "according to the Ministry's readout", "a Ministry statement said" all key "ministry"; "U.S." keys "us".
* polarity: a denial ("did not come up", "was not discussed", "made no mention", "neither ... mentioned",
  "declined to", "rejected", "denied", "would not be included") keys "denied"; no denial is no fact.

Differences (`differences`): one per aspect, from pairwise comparisons, passages in input order.

* date, duration, count, number: passages of different sources only, facts of the same kind only (short
  or long durations; counts of the same noun; amounts of one unit, about the same thing: `quantity`; dates
  of one kind, and on an item of several events, `spans_events` (a topic), scheduled starts only); two
  passages differ when no value of one matches a value of the other. Durations match within a ratio of
  1.125 (28, 30 and 31 days all read as a month); counts match exactly unless qualified ("about 150");
  "more than" and "nearly" make open bounds, so "more than 90 minutes" agrees with 90 minutes and with two
  hours. A weekday agrees with a date on that weekday.
* attribution: two attributed passages that share no speaker, of different sources, with the same quoted
  words or the same estimate of a chance ("50-50": `estimates`, whose holders are attributions too).
  Speakers are the same when one name ends the other ("witkoff", "steve witkoff"); a role alone ("his
  spokesperson", "officials") is vague and agrees with anyone.
* polarity: a denying passage and a non-denying one, each naming its speakers, that share no speaker.
* scope: the same amount of the same thing on all against part of it ("on all goods", "on most goods"), or
  "x and y" in one source against "x y" in another (`scope.narrowed`), or a sum said to be part of another
  against the same sum beside another one as two separate sums (unless the part's own passage names its whole
  and that is not the other sum), or what a sum goes to ("$X in new schools") against the same thing another
  source adds beside that sum as a further item ("$X ..., as well as buying new schools"), unless that source
  also has the sum go to it.
* number, something spared from an amount: it agrees with any other value, and differs from that amount on
  a thing it names or lists ("a 15% fee on most goods, including cheese").
* certainty: "finalized" in one source against "preliminary" / "not yet confirmed" in another; or a party's
  stance called unclear by one source while another has that party speak (and deny nothing).
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import math
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace

from generator import certainty, dates, estimates, quantity, scope
from generator.quantity import Subject
from generator.speakers import Speakers


@dataclass(frozen=True)
class Passage:
    source: str
    anchor: str
    text: str
    dated: dt.date | None
    verified: bool = True
    side: str | None = None  # the side an editor tagged the quote with, if any


@dataclass(frozen=True)
class Fact:
    aspect: str
    key: str
    words: str
    bound: str = ""  # a qualifier: "", "about", "more than", "at least", "less than" or "at most"
    subject: Subject | None = None  # what a number measures (durations, counts, amounts)
    doubtful: bool = False  # a date resolved with doubt (from a weekday): never compared
    unit: str = ""  # an amount's unit: "%", "pt" or a currency code
    per_cent: bool = False  # a percentage written "per cent"/"percent"

    @property
    def words_name(self) -> str:
        """An attribution's speaker as written, without "said"/"according to"."""
        return _LABEL.sub("", self.words)


@dataclass(frozen=True)
class Difference:
    aspect: str
    summary: str
    readings: tuple[tuple[Passage, tuple[Fact, ...]], ...]

    @property
    def verified(self) -> bool:
        """Every passage involved is an editor's verified quote, not an automatic match."""
        return all(p.verified for p, _ in self.readings)


_ASPECTS = ("date", "duration", "count", "number", "scope", "estimate", "attribution", "polarity", "certainty")
_TOLERANCE = 1.125  # the larger of two matching durations is at most 12.5% above the smaller
_FOLD = str.maketrans(dict.fromkeys("\u2018\u2019\u2032", "'") | dict.fromkeys("\u201c\u201d\u201e\u2033", '"')
                      | dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2212", "-")
                      | dict.fromkeys("\u00a0\u2007\u2009\u202f", " "))  # fmt: skip

# Numbers and quantities. Word lists are split strings (noqa SIM905): a line each, not a line per word.
_ONES = "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen".split()  # noqa: SIM905
_ONES += ["sixteen", "seventeen", "eighteen", "nineteen"]
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()  # noqa: SIM905
_WORDS = "|".join(sorted(_ONES, key=len, reverse=True))
_NUM = rf"\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?|(?:{'|'.join(_TENS)})(?:-(?:{_WORDS}))?|{_WORDS}"
_QUALIFIERS = dict.fromkeys(("more than", "over", "upwards of"), "more than") | {"at least": "at least"}
_QUALIFIERS |= dict.fromkeys(("less than", "fewer than", "under"), "less than")
_QUALIFIERS |= dict.fromkeys(("up to", "nearly", "almost"), "at most")
_QUALIFIERS |= dict.fromkeys(("about", "around", "approximately", "roughly", "some", "close to"), "about")
_QUAL = rf"(?:(?P<qual>{'|'.join(sorted(_QUALIFIERS, key=len, reverse=True))})\s+)?"
_UNITS = {"minute": 1, "hour": 60, "day": 1, "week": 7, "fortnight": 14, "month": 30, "year": 365}
_DURATION = re.compile(
    rf"\b{_QUAL}(?:(?P<num>{_NUM}|half\s+an?|an?(?:\s+half)?)(?P<half>\s+and\s+a\s+half)?[\s-]+)?"
    rf"(?P<unit>{'|'.join(_UNITS)})(?P<plural>s)?(?P<half2>\s+and\s+a\s+half)?(?P<long>-long)?(?![\w-])",
    re.I,
)
_LENGTH_CUE = re.compile(r"\b(?:for|lasting|lasted|than|within)\s+$", re.I)
_OFFSET = re.compile(r"\s+(?:after|before|ago|later|earlier|since|prior)\b", re.I)
_SCALES = {"dozen": 12, "thousand": 1e3, "million": 1e6, "billion": 1e9}
_COUNT = re.compile(rf"(?<![\w$€£.,-]){_QUAL}(?P<num>{_NUM})(?P<scale>\s+(?:{'|'.join(_SCALES)}))?", re.I)
_FOLLOWING = re.compile(r"(?:\s+[A-Za-z][\w'-]*){1,4}")
_YEAR = re.compile(r"1[89]\d\d|2[01]\d\d")
_STOP = set("to of and or but will would were was are is be been have has had in on at by for from with".split())  # noqa: SIM905
_STOP |= set("who which that than as each per percent said says more after before ago into since while".split())  # noqa: SIM905
_IRREGULAR = {"people": "person", "men": "man", "women": "woman", "children": "child", "police": "police"}

# Speakers and denials.
_VERB = r"(?:said|says|announced|told|confirmed|stated|added|noted|claimed|insisted|wrote|posted|reported|declared"
_VERB += r"|denied|acknowledged|stressed|warned)"
_ADVERB = r"(?:also|later|then|earlier|previously)"
_ROLE = r"(?:readout|statement|spokes(?:person|man|woman|people)|press\s+(?:secretary|office|service)|officials?"
_ROLE += r"|aides?|sources?|account|summary|transcript|post)"
_NOT_NAME = r"(?:The|An?|But|And|In|On|So|Yet|Then|However|Meanwhile|Also|At|As|He|She|It|They|We|I|This|That"
_NOT_NAME += r"|His|Her|Its|Their)"
_WORD = r"(?:(?:[A-Z]\.){2,}|[A-Z](?:[\w'-]|\.(?=\w))*)"  # "U.S.", "Ministry's"
_NAME = rf"(?!{_NOT_NAME}\b){_WORD}(?:\s+(?:of\s+)?{_WORD}){{0,5}}"  # bounded: linear time on long capitalised runs
_OF_THE_CALL = r"(?:\s+of\s+the\s+(?:call|conversation|meeting|talks))?"
_SPEAKER = (rf"\b(?:(?:[Tt]he|[Aa]n?|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts)\s+)?(?P<name>{_NAME})?"
            rf"(?:(?:\s+|(?<=\s))(?P<role>{_ROLE}))?{_OF_THE_CALL}")  # fmt: skip
_ATTRIBUTIONS = (
    re.compile(rf"{_SPEAKER}\s+(?:{_ADVERB}\s+)?{_VERB}\b"),  # the Ministry said
    re.compile(rf"\b[Aa]ccording\s+to\s+{_SPEAKER}"),  # according to a Ministry statement
    re.compile(rf"[,\"]\s*(?P<verb>{_VERB})\s+{_SPEAKER}"),  # ," said the White House readout
)
_LABEL = re.compile(rf"^(?:[Aa]ccording\s+to|{_VERB})\s+|\s+(?:{_ADVERB}\s+)?{_VERB}$")
_DENIAL = re.compile(
    r"\b(?:(?:did|does|do|was|were|is|are|has|have|had|will|would|wo)\s*(?:not|n't)|never)\s+(?:\w+\s+){0,2}?"
    r"(?:(?:come|came|brought|bring)"
    r"\s+up|discuss\w*|mention\w*|rais\w+|address\w*|talk\w*\s+about|agree\w*|happen\w*|t[ao]ke?n?\s+place"
    r"|includ\w*|cover\w*|apply|applie\w*)\b"
    r"|\b(?:made\s+)?no\s+mention\b|\bneither\b[^.;]{0,120}?\b(?:mention|discuss|rais)\w*|\bdeclined\s+to\b"
    r"|\b(?:rejected|denied|refused)\b",
    re.I,
)

_Hit = tuple[int, int, str, str, str]  # start, end, aspect, key, bound
_Reading = tuple[Passage, tuple[Fact, ...]]


@functools.lru_cache(maxsize=65536)  # the same sentence reports several items
def facts(text: str, dated: dt.date | None, rates: frozenset[str] = frozenset()) -> tuple[Fact, ...]:
    """Every comparable fact of `text`, in text order; `words` are sliced from `text` as written. `rates`: the
    nouns of a rate in the passages compared (`quantity.rate_nouns`), for a rate said to be none."""
    folded = text.translate(_FOLD)  # one character for one, so offsets hold in `text`
    doubtful: set[tuple[int, int]] = set()
    amounts = quantity.amounts(folded, rates)
    hits = [*_durations(folded), *dates.hits(folded, dated, doubtful)]
    hits += _counts(folded, [(s, e) for s, e, *_ in hits] + [(a.start, a.end) for a in amounts])
    hits += [(a.start, a.end, "number", f"{_fmt(a.value)} {a.unit}", _qualifier(folded, a.start)) for a in amounts]
    hits += _attributions(folded)
    hits += [(m.start(), m.end(), "polarity", "denied", "") for m in _DENIAL.finditer(folded)]
    hits += scope.hits(folded, amounts)
    hits += certainty.hits(folded)
    hits += estimates.hits(folded)
    hits.sort(key=lambda h: (h[0], _ASPECTS.index(h[2]), h[1]))
    extra = {(a.start, a.end): a for a in amounts}
    out: list[tuple[int, int, Fact]] = []
    for s, e, aspect, key, bound in hits:
        subject = quantity.subject(folded, s, e) if aspect in ("duration", "count", "number") else None
        if aspect == "date":  # a scheduled start ("will begin on Monday") is one event however a topic spans
            subject = Subject("start" if dates.scheduled(folded, s) else "", frozenset())
        if aspect == "scope" and key.startswith("share:"):  # "a 15% fee on all goods": what the amount measures
            subject = quantity.subject(folded, *map(int, bound.split(":")[1:]))
        if aspect == "count" and subject:  # what is counted is the noun counted
            subject = replace(subject, head=key.partition(" ")[2])
        amount = extra.get((s, e)) if aspect == "number" else None
        if amount and amount.derived and subject:  # "from 145% to 30%": a change of 115 points
            subject = replace(subject, change="by")
        spared = quantity.exempted(folded, s) if amount and not amount.derived and subject else None
        if spared and subject:  # "cheese will be spared from the 15% fee": the fee on cheese is not 15%
            s, bound, subject = spared[0], "other than", replace(subject, of=subject.of | spared[1])
        unit, per_cent = (amount.unit, amount.per_cent) if amount else ("", False)
        out.append((s, e, Fact(aspect, key, text[s:e], bound, subject, (s, e) in doubtful, unit, per_cent)))
    out += _same_value(folded, text, out)
    return tuple(f for *_, f in sorted(out, key=lambda x: x[:2]))


_SAME = re.compile(
    r"\bthe\s+same\s+(?P<noun>[a-z]+)\s+(?:applying|applies|apply|applied|(?:will|would|to)\s+apply|goes|going)"
    r"\s+(?:to|for)\s+",
    re.I,
)


def _same_value(folded: str, text: str, found: list[tuple[int, int, Fact]]) -> list[tuple[int, int, Fact]]:
    """"A 15% fee on goods, with the same fee (rate, level) applying to cars": the value just stated (the last
    amount before it whose head is known; the noun must be that head, "rate" or "level"), on what follows; its
    words run from that value to the end of the clause."""
    out: list[tuple[int, int, Fact]] = []
    for m in _SAME.finditer(folded):
        before = [(s, f) for s, _, f in found if f.aspect == "number" and f.subject and s < m.start()]
        before = [(s, f) for s, f in before if f.subject and f.subject.head]
        if not before:
            continue
        start, last = before[-1]
        if not last.subject or quantity.singular(m["noun"].lower()) not in (last.subject.head, "rate", "level"):
            continue
        end = quantity.clause_end(folded, m.end())
        subject = replace(last.subject, of=quantity.objects_at(folded, m.end()))
        out.append((m.start(), end, replace(last, words=text[start:end], subject=subject)))
    return out


def _qualifier(text: str, start: int) -> str:
    m = re.search(rf"\b{_QUAL}$", text[max(0, start - 16) : start], re.I)
    return _QUALIFIERS.get((m["qual"] or "").lower(), "") if m else ""


def _number(word: str) -> float:
    word = word.lower().replace(",", "")
    if word in ("a", "an") or "half" in word:
        return 0.5 if "half" in word else 1.0
    if word[0].isdigit():
        return float(word)
    tens, _, ones = word.partition("-")
    if tens not in _TENS:
        tens, ones = "", word
    return (10 * _TENS.index(tens) + 20 if tens else 0) + (_ONES.index(ones) + 1 if ones else 0)


def _fmt(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:.2f}".rstrip("0")


def _durations(text: str) -> Iterator[_Hit]:
    for m in _DURATION.finditer(text):
        num, unit, half = m["num"], m["unit"].lower(), 0.5 if m["half"] or m["half2"] else 0.0
        if num is None and (not m["long"] or m["plural"]):
            continue
        bare = num and num.lower() in ("a", "an") and not (m["qual"] or half or m["long"])
        if (bare and not _LENGTH_CUE.search(text, max(0, m.start() - 16), m.start())) or _OFFSET.match(text, m.end()):
            continue
        value = (_number(num or "a") + half) * _UNITS[unit]
        start = m.start("unit") if m["long"] and (num or "a").lower() in ("a", "an") and not m["qual"] else m.start()
        key = f"PT{_fmt(value)}M" if unit in ("minute", "hour") else f"P{_fmt(value)}D"
        yield start, m.end(), "duration", key, _QUALIFIERS.get((m["qual"] or "").lower(), "")


def _singular(word: str) -> str | None:
    """The singular of a plural-looking noun, else None."""
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if len(word) <= 3 or not word.endswith("s") or word.endswith(("ss", "us", "is", "'s")):
        return None
    if word.endswith("ies"):
        return word[:-3] + "y"
    return word[:-2] if re.search(r"(?:ch|sh|x|z)es$", word) else word[:-1]


def _counts(text: str, taken: list[tuple[int, int]]) -> Iterator[_Hit]:
    for m in _COUNT.finditer(text):
        rest = _FOLLOWING.match(text, m.end())
        if not rest or any(s < m.end() and m.start() < e for s, e in taken) or _YEAR.fullmatch(m["num"]):
            continue
        for w in re.finditer(r"[A-Za-z][\w'-]*", rest[0]):
            if w[0].lower() in _STOP or w[0].lower().rstrip("s") in _UNITS:
                break
            noun = _singular(w[0].lower())
            if noun:
                value = _number(m["num"]) * _SCALES.get((m["scale"] or "").strip().lower(), 1)
                bound = _QUALIFIERS.get((m["qual"] or "").lower(), "")
                yield m.start(), m.end() + w.end(), "count", f"{_fmt(value)} {noun}", bound
                break


def _attributions(text: str) -> list[_Hit]:
    hits: list[_Hit] = []
    for rx in _ATTRIBUTIONS:
        for m in rx.finditer(text):
            name = re.sub(r"'s?$", "", m["name"] or "").lower().replace(".", "")
            key = " ".join(name.split()) or " ".join((m["role"] or "").lower().split())
            start = m.start("verb") if "verb" in rx.groupindex else m.start()
            if key:
                hits.append((start, m.end(), "attribution", key, ""))
    hits.sort()
    return [h for i, h in enumerate(hits) if h[3] not in {k for *_, k, _ in hits[:i]}]


def _kind(f: Fact) -> str:
    if f.aspect == "duration":
        return "short" if f.key.startswith("PT") else "long"
    if f.aspect == "number":  # a change "by 10 per cent" may be points: compared with points (and noted)
        by = f.subject is not None and f.subject.change == "by"
        return "pt" if by and f.unit in ("%", "pt") else f.unit
    return f.key.partition(" ")[2] if f.aspect == "count" else f.aspect


def _value(f: Fact) -> float:
    return float(f.key.split()[0] if f.aspect in ("count", "number") else f.key.lstrip("PT")[:-1])


def _comparable(a: Fact, b: Fact, spans_events: bool = False) -> bool:
    """Values about the same thing: the same kind and unit, and the same measured thing (see `quantity`).
    Durations of minutes or hours in one item's passages are one sitting's length whatever the noun
    ("call", "chat", "conversation"), so they need only both name something; longer ones need the same thing."""
    if a.aspect != b.aspect or _kind(a) != _kind(b):
        return False
    if a.aspect == "date":  # of one kind (a deadline, a scheduled start, a day); on a topic, scheduled starts only
        starts = a.subject is not None and b.subject is not None and a.subject.head == b.subject.head == "start"
        kind = a.bound == b.bound and (a.subject.head if a.subject else "") == (b.subject.head if b.subject else "")
        return kind and not (a.doubtful or b.doubtful) and (starts or not spans_events)
    sa, sb = a.subject, b.subject
    if sa is None or sb is None:
        return False
    if a.aspect == "duration" and _kind(a) == "short":
        return bool(sa.head and sb.head) and sa.state == sb.state
    return quantity.comparable(sa, sb)


def _interval(f: Fact) -> tuple[float, float, bool, bool]:
    """The values `f` allows: low, high, and whether each end is open; a plain or "about" value is widened so
    that two within the tolerance overlap (an "about" value by the tolerance again)."""
    value = _value(f)
    exact_wide = math.sqrt(_TOLERANCE) if f.aspect == "duration" else 1.0
    if f.bound == "about":
        exact_wide = max(exact_wide, 1.0) * _TOLERANCE
    if f.bound in ("", "about"):
        return value / exact_wide, value * exact_wide, False, False
    if f.bound in ("more than", "at least"):
        return value, math.inf, f.bound == "more than", True
    return 0.0, value, False, f.bound == "less than"


def _agree(a: Fact, b: Fact) -> bool:
    if a.aspect == "date":
        return dates.agree(a.key, b.key)
    if "other than" in (a.bound, b.bound):  # something spared from a value agrees with any other value
        return a.bound == b.bound or _value(a) != _value(b)
    lo_a, hi_a, open_lo_a, open_hi_a = _interval(a)
    lo_b, hi_b, open_lo_b, open_hi_b = _interval(b)
    if a.bound in ("", "about") and b.bound not in ("", "about"):  # a stated value against a bound: the value
        lo_a = hi_a = _value(a)
    if b.bound in ("", "about") and a.bound not in ("", "about"):
        lo_b = hi_b = _value(b)
    below = hi_a < lo_b or (hi_a == lo_b and (open_hi_a or open_lo_b))
    above = hi_b < lo_a or (hi_b == lo_a and (open_hi_b or open_lo_a))
    return not (below or above)


def _of(reading: _Reading, aspect: str) -> list[Fact]:
    return [f for f in reading[1] if f.aspect == aspect]


_Conflict = Callable[[_Reading, _Reading, Speakers], "tuple[list[Fact], list[Fact]] | None"]


def _value_conflict(aspect: str, spans_events: bool = False) -> _Conflict:
    def conflict(a: _Reading, b: _Reading, speakers: Speakers) -> tuple[list[Fact], list[Fact]] | None:
        if a[0].source == b[0].source:
            return None
        xs, ys = _of(a, aspect), _of(b, aspect)
        found: tuple[list[Fact], list[Fact]] = ([], [])
        same = functools.partial(_comparable, spans_events=spans_events)
        for x in xs:
            for y in ys:
                if not same(x, y) or _agree(x, y):
                    continue
                # a value that agrees with some comparable value of the other passage is no difference
                if any(same(x, z) and _agree(x, z) for z in ys) or any(same(z, y) and _agree(z, y) for z in xs):
                    continue
                found[0].append(x) if x not in found[0] else None
                found[1].append(y) if y not in found[1] else None
        return found if found[0] else None

    return conflict


_QUOTED = re.compile(r"[\"\u201c\u201d]([^\"\u201c\u201d]{12,})[\"\u201c\u201d]")
_SHARED_WORDS = 5  # quoted words in the same order that make two quotations one statement


def _quoted(text: str) -> set[tuple[str, ...]]:
    """Every run of `_SHARED_WORDS` words inside quotation marks, lower-cased."""
    grams: set[tuple[str, ...]] = set()
    for m in _QUOTED.finditer(text):
        words = re.findall(r"[a-z0-9]+", m[1].lower())
        grams |= {tuple(words[i : i + _SHARED_WORDS]) for i in range(len(words) - _SHARED_WORDS + 1)}
    return grams


def _attribution_conflict(a: _Reading, b: _Reading, speakers: Speakers) -> tuple[list[Fact], list[Fact]] | None:
    """The same statement credited to different speakers: the same quoted words (five in a row), or the same
    estimate of a chance ("50-50", see `estimates`), each passage naming its speakers, none of them one
    speaker. (The same value of a fact credited to two speakers is not enough: two people may well state one
    fact; an estimate is its maker's.)"""
    xs, ys = _of(a, "attribution"), _of(b, "attribution")
    if not xs or not ys or a[0].source == b[0].source:
        return None
    if any(speakers.same(x.words_name, y.words_name) for x in xs for y in ys):
        return None
    if _quoted(a[0].text) & _quoted(b[0].text):
        return xs, ys
    odds = {f.key for f in _of(a, "estimate")} & {f.key for f in _of(b, "estimate")}
    if not odds:
        return None
    return xs + [f for f in _of(a, "estimate") if f.key in odds], ys + [f for f in _of(b, "estimate") if f.key in odds]


def _by_attribution(a: _Reading, b: _Reading, speakers: Speakers) -> None:
    """Estimates are compared by who holds them (`_attribution_conflict`), not on their own."""
    return None


def _side(reading: _Reading, speakers: Speakers) -> set[str]:
    """The sides a passage speaks for: its editor's tag, else the sides its named speakers belong to."""
    if reading[0].side:
        return {reading[0].side}
    keys = {speakers.key(f.words_name) for f in _of(reading, "attribution")}
    return {k[5:] for k in keys if k.startswith("side:")}


def _polarity_conflict(a: _Reading, b: _Reading, speakers: Speakers) -> tuple[list[Fact], list[Fact]] | None:
    """One passage denies what the other reports, in the voice of another speaker (and another side, where
    both passages have one). Both must name their speakers: an outlet's own sentence ("the deal covers most
    goods") is set against no denial, since which of its words a denial touches cannot be told (measured on
    the development articles: every sentence of a topic joined one note against any denial in it)."""
    if bool(_denials(a)) == bool(_denials(b)):
        return None
    voices = [[f.words_name for f in _of(r, "attribution")] for r in (a, b)]
    if not voices[0] or not voices[1] or any(speakers.same(x, y) for x in voices[0] for y in voices[1]):
        return None
    sides = _side(a, speakers), _side(b, speakers)
    if sides[0] and sides[1] and sides[0] & sides[1]:
        return None
    return _denials(a), _denials(b)


_REFUSALS = ("reject", "declin", "refus")  # a refusal reports what happened; it denies nothing came up


def _denials(reading: _Reading) -> list[Fact]:
    return [f for f in _of(reading, "polarity") if not f.words.lower().startswith(_REFUSALS)]


def _scope_conflict(a: _Reading, b: _Reading, speakers: Speakers) -> tuple[list[Fact], list[Fact]] | None:
    """The same amount of the same thing on all against part of it, or "x and y" against "x y" (see `scope`)."""
    if a[0].source == b[0].source:
        return None
    found: tuple[list[Fact], list[Fact]] = ([], [])
    xs, ys = _of(a, "scope"), _of(b, "scope")
    for x in (f for f in xs if f.key.startswith("share:")):
        for y in (f for f in ys if f.key.startswith("share:")):
            same_value = x.bound.partition(":")[0] == y.bound.partition(":")[0]
            if x.key != y.key and same_value and x.subject and y.subject and quantity.comparable(x.subject, y.subject):
                found[0].append(x)
                found[1].append(y)
    for own, other, side in ((a, b, 0), (b, a, 1)):  # a part of another sum against one of two separate sums
        apart = {f.key[6:] for f in _of(other, "scope") if f.key.startswith("apart:")}
        for x in (f for f in _of(own, "scope") if f.key.startswith("part:") and f.key[5:] in apart):
            unit = x.key[5:].partition("=")[0]
            named = {f"{f.unit}={_value(f)}" for f in _of(own, "number") if f.unit == unit} - {x.key[5:]}
            if named and not named & apart:  # the whole it is part of is named, and is not the other's other sum
                continue
            found[side].append(x)
            found[1 - side].extend(f for f in _of(other, "scope") if f.key.startswith("apart:"))
    for own, other, side in ((a, b, 0), (b, a, 1)):  # what a sum goes to, against the same added beside it
        for x in (f for f in _of(own, "scope") if f.key.startswith("for:")):
            sum_, _, listed = x.key[4:].rpartition(":")
            goes = set(listed.split("+"))
            covering = [f for f in _of(other, "scope") if goes <= set(f.key.rpartition(":")[2].split("+"))]
            if any(f.key.startswith(f"for:{sum_}:") for f in covering):
                continue  # the other source has the sum go to it too
            beside = [f for f in covering if f.key.startswith(f"besides:{sum_}:")]
            if beside:
                found[side].append(x)
                found[1 - side].extend(beside)
    for own, other, side in ((a, b, 0), (b, a, 1)):
        for x in (f for f in _of(own, "scope") if f.key.startswith("and:")):
            words = scope.narrowed(x.key, own[0].text.translate(_FOLD), other[0].text.translate(_FOLD))
            if words:
                found[side].append(x)
                found[1 - side].append(Fact("scope", "nn:" + x.key[4:], words))
    return found if found[0] else None


def _certainty_conflict(a: _Reading, b: _Reading, speakers: Speakers) -> tuple[list[Fact], list[Fact]] | None:
    """Final against preliminary; or a party's stance called unclear by one source while another reports that
    party saying something (neither denying nor itself unclear)."""
    if a[0].source == b[0].source:
        return None
    found: tuple[list[Fact], list[Fact]] = ([], [])
    keys = [{f.key for f in _of(r, "certainty")} for r in (a, b)]
    for side, (x, y) in enumerate(((a, b), (b, a))):
        if "status:final" in keys[side] and "status:preliminary" in keys[1 - side]:
            found[side].extend(f for f in _of(x, "certainty") if f.key == "status:final")
            found[1 - side].extend(f for f in _of(y, "certainty") if f.key == "status:preliminary")
        for open_ in (f for f in _of(x, "certainty") if f.key == "unclear"):
            party = speakers.key(open_.bound)
            said = [f for f in _of(y, "attribution") if party and speakers.key(f.words_name) == party]
            if said and not _denials(y) and "unclear" not in keys[1 - side]:
                found[side].append(open_)
                found[1 - side].extend(said)
    return found if found[0] and found[1] else None


_CONFLICTS: dict[str, _Conflict] = {"attribution": _attribution_conflict, "polarity": _polarity_conflict}
_CONFLICTS["estimate"] = _by_attribution
_CONFLICTS |= {"scope": _scope_conflict, "certainty": _certainty_conflict}


def differences(
    passages: Sequence[Passage], speakers: Speakers | None = None, spans_events: bool = False
) -> tuple[Difference, ...]:
    """One Difference per aspect on which some passages disagree, in a fixed aspect order. `speakers` folds
    names that mean one speaker (a story's sides and aliases; countries by default). `spans_events`: the
    passages report an item of several events (a topic), so only scheduled starts are compared as dates."""
    speakers = speakers or _default_speakers()
    rates = quantity.rate_nouns(p.text.translate(_FOLD) for p in passages)
    readings = [(p, facts(p.text, p.dated, rates)) for p in passages]
    found: list[Difference] = []
    for aspect in _ASPECTS:
        conflict = _CONFLICTS.get(aspect) or _value_conflict(aspect, spans_events)
        involved: dict[int, set[Fact]] = {}
        for i, j in _pairs(readings, aspect):
            pair = conflict(readings[i], readings[j], speakers)
            if pair is not None:
                involved.setdefault(i, set()).update(pair[0])
                involved.setdefault(j, set()).update(pair[1])
        if involved:
            chosen = [(readings[i], _in_order(readings[i][1], involved[i])) for i in sorted(involved)]
            summary = _summary(aspect, chosen)
            found.append(Difference(aspect, summary, tuple((r[0], fs) for r, fs in chosen)))
    return tuple(found)


def _pairs(readings: list[_Reading], aspect: str) -> Iterable[tuple[int, int]]:
    """The pairs that can differ on `aspect`: both with such facts for a value; one for scope and certainty (the
    other's plain words may be the compound, or the party speaking); any pair for attribution and polarity."""
    having = [i for i, r in enumerate(readings) if _of(r, aspect)]
    if aspect in ("date", "duration", "count", "number"):
        return itertools.combinations(having, 2)
    if aspect in ("scope", "certainty"):
        return sorted({(min(i, j), max(i, j)) for i in having for j in range(len(readings)) if j != i})
    return itertools.combinations(range(len(readings)), 2)


def _in_order(facts: tuple[Fact, ...], involved: set[Fact]) -> tuple[Fact, ...]:
    """The involved facts in text order; facts made by a comparison (another passage's wording) last."""
    return tuple(f for f in facts if f in involved) + tuple(sorted(involved - set(facts), key=lambda f: f.words))


@functools.lru_cache(maxsize=1)
def _default_speakers() -> Speakers:
    return Speakers()


def _label(reading: _Reading) -> str:
    """Who speaks in a passage: its attributed speakers as written, else its source id."""
    names = [_LABEL.sub("", f.words) for f in _of(reading, "attribution")]
    names = [re.sub(r"^(The|An?) ", lambda m: m[0].lower(), n) for n in names]
    return " and ".join(dict.fromkeys(names)) or reading[0].source


def _shown(f: Fact) -> str:
    return dates.shown(f.key) if f.aspect == "date" and dates.ISO_KEY.fullmatch(f.key) else f.words


def _grouped(pairs: Iterable[tuple[str, str]]) -> str:
    groups: dict[str, dict[str, None]] = {}
    for value, who in pairs:
        groups.setdefault(value, {})[who] = None
    return " vs ".join(f"{value} ({'; '.join(who)})" for value, who in groups.items())


_SUM_SCOPES = {"part": "part of another sum", "apart": "separate sums", "for": "what it goes to"}
_SUM_SCOPES["besides"] = "an item beside it"


def _summary(aspect: str, chosen: list[tuple[_Reading, tuple[Fact, ...]]]) -> str:
    if aspect == "polarity":
        told = [_label(r) for r, fs in chosen if not fs]
        denied = [f'{_label(r)} ("{fs[0].words}")' for r, fs in chosen if fs]
        said = f"reported by {'; '.join(dict.fromkeys(told))} vs denied by {'; '.join(dict.fromkeys(denied))}"
        return f"Sources differ on whether it happened: {said}"
    if aspect == "scope" and all(f.key.startswith(tuple(_SUM_SCOPES)) for _, fs in chosen for f in fs):
        shown = " vs ".join(
            f"{'; '.join(dict.fromkeys(f.words for f in fs))} ({_label(r)}: {tags})"
            for r, fs in chosen
            for tags in ["; ".join(dict.fromkeys(_SUM_SCOPES[f.key.partition(":")[0]] for f in fs))]
        )
        return f"Sources differ on what a sum covers: {shown}"
    if aspect == "scope":
        shown = _grouped((", ".join(dict.fromkeys(f.words for f in fs)), _label(r)) for r, fs in chosen)
        return f"Sources differ on what it covers: {shown}"
    if aspect == "certainty":  # one group per stance: final, preliminary, left open, stated by the party
        stances: dict[str, tuple[dict[str, None], dict[str, None]]] = {}
        for r, fs in chosen:
            stance = next((f.key.removeprefix("status:") for f in fs if f.aspect == "certainty"), "stated")
            words, sources = stances.setdefault(stance, ({}, {}))
            words.update(dict.fromkeys(f.words for f in fs))
            sources[r[0].source] = None
        shown = " vs ".join(f"{'; '.join(w)} ({'; '.join(s)})" for w, s in stances.values())
        return f"Sources differ on whether it is settled: {shown}"
    if aspect == "attribution":
        odds = dict.fromkeys(f'"{f.words}"' for _, fs in chosen for f in fs if f.aspect == "estimate")
        what = f" (the estimate {', '.join(odds)})" if odds else ""
        return f"Sources differ on who said it{what}: {_grouped((_label(r), r[0].source) for r, _ in chosen)}"
    shown = _grouped((", ".join(dict.fromkeys(_shown(f) for f in fs)), _label(r)) for r, fs in chosen)
    if aspect == "count":
        nouns = dict.fromkeys(f.words.split()[-1].lower() for _, fs in chosen for f in fs)
        return f"Sources differ on the number of {' and '.join(nouns)}: {shown}"
    things = dict.fromkeys(f.subject.key() for _, fs in chosen for f in fs if f.subject and f.subject.head)
    about = f" ({'; '.join(things)})" if things and aspect in ("duration", "number") else ""
    note = ""
    if aspect == "number" and any(f.per_cent and _kind(f) == "pt" for _, fs in chosen for f in fs):
        note = ' (note: "per cent" written for a change that may be in percentage points)'
    return f"Sources differ on the {'amount' if aspect == 'number' else aspect}{about}: {shown}{note}"
