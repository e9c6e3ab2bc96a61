"""A weekday named in a sentence, resolved to a day by the verb it modifies (pure).

"said on Monday" is the past: the latest Monday on or before publication. "will meet on
Monday" is the future: the next Monday after it. "by Wednesday", "until Wednesday", "the
deadline Friday" are deadlines: the next Wednesday on or after it. "last Monday" is before
publication, "next Monday" after it, whatever the verb.

The verb is found without a model: from the weekday, the nearest verb group to its left in
the sentence (or to its right when the weekday opens its clause: "On Tuesday, the ministry
replied"), read by its auxiliary and form: will / shall / 'll / is set to: future; has / had /
was / were, a past form ("said", "met", "agreed"): past; would / could / may, an infinitive or
a participle ("to impose ... beginning Friday", "following a call on Tuesday"): not settled.
When the clause does not settle it, the answer is **ambiguous**, with both candidates (the
latest such day on or before publication and the next after it); an ambiguous day is never
used to say that sources differ. So is a past verb naming the day after publication (a time
zone apart, or a week before?).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from generator.sentence import spans

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

_TOKEN = re.compile(r"(?:[A-Za-z]\.){2,}|[A-Za-z]+(?:['\u2019][A-Za-z]+)?|[;:,\u2014\u2013()]")
_CLAUSE_MARK = frozenset(",;:\u2014\u2013()")
_FUTURE_AUX = frozenset({"will", "shall", "won't", "wont"})
_MODAL = frozenset({"would", "could", "might", "may", "should", "can", "must"})
_PAST_AUX = frozenset({"has", "have", "had", "was", "were", "did", "hasn't", "haven't", "wasn't", "weren't", "didn't"})
_PRESENT_BE = frozenset({"is", "are", "am", "be", "being", "been"})
_SCHEDULED = frozenset({"set", "due", "expected", "scheduled", "going", "slated", "poised", "plans", "planned", "aims"})
_ADVERB = frozenset({"not", "also", "then", "later", "already", "still", "just", "now", "never", "again", "n't"})
# Common irregular past forms: English grammar, not any story's words.
_IRREGULAR_PAST = frozenset(
    """said told met spoke struck took gave made came went held began saw knew thought brought bought
    sought fought caught taught found left felt kept meant sent spent built lost paid sold stood understood
    wrote rose fell drew flew grew threw chose broke woke drove rode ran won hit cut put set let shut quit
    led read heard hid bid became forgot got sat shook swore tore wore withdrew overtook undertook""".split()  # noqa: SIM905
)
_NOT_PAST_ED = frozenset({"need", "speed", "indeed", "hundred", "proceed", "exceed", "succeed", "embed", "shed", "red"})
_DEADLINE = frozenset({"by", "until", "till", "before", "deadline"})
_OPENERS = frozenset({"on", "by", "last", "next", "this", "coming", "early", "late", "and", "but", "then", "since"})
_LEFT_REACH = 40  # tokens: a verb further away does not govern the weekday


@dataclass(frozen=True)
class DayReading:
    """What a weekday in a sentence means, given the publication day.

    `date` is the day when the clause settles it (then `candidates == (date,)`); when it does not,
    `ambiguous` is true, `date` is None and `candidates` holds the day before and the day after
    publication that it could be, earlier first. `reading` says why: "past", "future", "deadline",
    "last", "next", "this", or "unsettled".
    """

    date: dt.date | None
    ambiguous: bool
    candidates: tuple[dt.date, ...]
    reading: str

    def key(self) -> str:
        """The comparable key: the ISO day, or "ambiguous:<earlier>|<later>"."""
        if self.date is not None:
            return self.date.isoformat()
        return "ambiguous:" + "|".join(d.isoformat() for d in self.candidates)


def _on_or_before(day: int, ref: dt.date) -> dt.date:
    return ref - dt.timedelta((ref.weekday() - day) % 7)


def _after(day: int, ref: dt.date) -> dt.date:
    return ref + dt.timedelta((day - ref.weekday()) % 7 or 7)


def _settled(date: dt.date, reading: str) -> DayReading:
    return DayReading(date, False, (date,), reading)


def _ambiguous(earlier: dt.date, later: dt.date, reading: str = "unsettled") -> DayReading:
    return DayReading(None, True, (earlier, later), reading)


def _verb_class(tokens: list[str], i: int) -> str | None:
    """The tense of the verb group whose last word is tokens[i], or None if tokens[i] is no verb."""
    word = tokens[i].lower().replace("\u2019", "'")
    if word.endswith("'ll") or word in ("won't", "wont"):
        return "future"
    is_word = tokens[i][:1].islower()
    past_form = word in _IRREGULAR_PAST or (word.endswith("ed") and len(word) > 3 and word not in _NOT_PAST_ED)
    participle = word.endswith("ing") and len(word) > 5
    auxiliary = word in _FUTURE_AUX | _MODAL | _PAST_AUX | _PRESENT_BE
    if not auxiliary and not (is_word and (past_form or participle)):
        return None
    group = [word]
    k = i - 1
    while k >= 0 and len(group) < 5:
        w = tokens[k].lower().replace("\u2019", "'")
        if w.endswith("'ll"):
            w = "will"
        if w in _FUTURE_AUX or w in _MODAL or w in _PAST_AUX or w in _PRESENT_BE or w in _ADVERB or w == "to":
            group.append(w)
            k -= 1
            continue
        if w in _SCHEDULED and group[-1] == "to":
            group.append(w)
        break
    aux = set(group[1:])
    if word in _FUTURE_AUX or aux & _FUTURE_AUX or (aux & _SCHEDULED and "to" in aux):
        return "future"
    if word in _MODAL or aux & _MODAL:
        return "unsettled"
    if "to" in aux:
        return "unsettled"  # an infinitive: "threatened to impose ... Friday"
    if word in _PAST_AUX or aux & _PAST_AUX:
        return "past"
    if past_form:
        return "past"
    return "unsettled"  # a participle or a noun ("following", "meeting"), or "is"


def _nearest_verb(tokens: list[str], start: int, step: int, stop: int) -> str | None:
    i = start
    while (i > stop) if step < 0 else (i < stop):
        found = _verb_class(tokens, i)
        if found:
            return found
        i += step
    return None


def tense(sentence: str, start: int) -> str:
    """How the verb modified by the weekday at `start` in `sentence` places it: past, future, or unsettled."""
    before = _TOKEN.findall(sentence[:start])
    after = _TOKEN.findall(sentence[start:])[1:]  # without the weekday itself
    tokens = before + after
    at = len(before)  # where the weekday was
    # A weekday opening its clause ("On Tuesday, the ministry replied", ", and Monday, drones attacked")
    k = at - 1
    while k >= 0 and tokens[k].lower() in _OPENERS:
        k -= 1
    fronted = k < 0 or tokens[k] in _CLAUSE_MARK
    left = _nearest_verb(tokens, at - 1, -1, max(-1, at - 1 - _LEFT_REACH))
    right = _nearest_verb(tokens, at, 1, len(tokens))
    found = (right or left) if fronted else (left or right)
    return found or "unsettled"


def resolve(text: str, start: int, end: int, published: dt.date) -> DayReading:
    """The weekday at text[start:end] ("Monday"), read in its sentence, resolved against the day of publication."""
    day = WEEKDAYS.index(text[start:end].lower())
    a, b = next(((a, b) for a, b in spans(text) if a <= start < b), (0, len(text)))
    sentence, start = text[a:b], start - a
    words = [w.lower() for w in _TOKEN.findall(sentence[:start])[-3:]]
    before, after = _on_or_before(day, published), _after(day, published)
    prev = words[-1] if words else ""
    if prev == "last":
        return _settled(_on_or_before(day, published - dt.timedelta(1)), "last")
    if prev in ("next", "coming"):
        return _settled(after, "next")
    if prev in _DEADLINE or "deadline" in words:
        if day == published.weekday():
            return _ambiguous(published, after, "deadline")
        return _settled(after, "deadline")
    reading = tense(sentence, start)
    if reading == "past":
        if (published + dt.timedelta(1)).weekday() == day:
            return _ambiguous(before, published + dt.timedelta(1), "past")  # a time zone apart, or a week before?
        return _settled(before, "past")
    if reading == "future":
        if day == published.weekday():
            return _ambiguous(published, after, "future")  # later today, or in a week?
        return _settled(after, "future")
    if prev == "this":
        monday = published - dt.timedelta(published.weekday())
        return _settled(monday + dt.timedelta(day), "this")
    return _ambiguous(before, after)
