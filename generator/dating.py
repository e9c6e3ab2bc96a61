"""Dated statements of an article: its day words resolved against its publication date (pure).

"on Tuesday", "Wednesday", "on Sunday", "yesterday", "March 19" come resolved by the same rules
the disagreement check uses (`disagreement.facts`; a weekday by the verb it modifies,
`weekday.resolve`: "said on Monday" the past, "will meet on Monday" the future, "by Wednesday" a
deadline after publication). A weekday its clause does not place is listed as ambiguous, with
both candidate days. "this month", "last month", "this week", "last week" resolve to a month or
the Monday of a week. They are offered to editors as candidate timeline events, never published.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from generator import disagreement
from generator.model import Article
from generator.sentence import spans

_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_AMBIGUOUS = "ambiguous:"
_PERIOD = re.compile(r"\b(?P<mod>this|last|past|next)\s+(?P<unit>week|month)\b", re.I)


@dataclass(frozen=True)
class Dated:
    paragraph: int  # 1-based among the article's paragraphs (its ¶ number)
    line: int  # in the article file
    sentence: str
    words: str  # as written, e.g. "on Sunday"
    date: str  # "YYYY-MM-DD", "YYYY-MM" (a month), "week of YYYY-MM-DD" (its Monday) or "ambiguous (A or B)"
    ambiguous: bool = False  # a weekday its clause does not place: never a fact
    candidates: tuple[str, ...] = ()  # the days it could be (ISO, earlier first) when ambiguous


def _period(mod: str, unit: str, published: dt.date) -> str:
    step = {"this": 0, "last": -1, "past": -1, "next": 1}[mod.lower()]
    if unit.lower() == "week":
        monday = published - dt.timedelta(published.weekday()) + dt.timedelta(weeks=step)
        return f"week of {monday.isoformat()}"
    month = published.year * 12 + published.month - 1 + step
    return f"{month // 12:04d}-{month % 12 + 1:02d}"


def statements(article: Article, published: dt.date) -> tuple[Dated, ...]:
    """Every sentence of the body with a day, month or week it names, resolved, in reading order."""
    found: list[tuple[int, int, Dated]] = []
    for number, block in enumerate(article.paragraphs, start=1):
        for start, end in spans(block.text):
            sentence = block.text[start:end]
            for fact in disagreement.facts(sentence, published):
                if fact.aspect == "date" and _ISO.match(fact.key):
                    at = start + sentence.find(fact.words)
                    found.append((number, at, Dated(number, block.line, sentence, fact.words, fact.key)))
                elif fact.aspect == "date" and fact.key.startswith(_AMBIGUOUS):
                    at = start + sentence.find(fact.words)
                    both = tuple(fact.key.removeprefix(_AMBIGUOUS).split("|"))
                    shown = f"ambiguous ({' or '.join(both)})"
                    found.append((number, at, Dated(number, block.line, sentence, fact.words, shown, True, both)))
            for m in _PERIOD.finditer(sentence):
                date = _period(m["mod"], m["unit"], published)
                found.append((number, start + m.start(), Dated(number, block.line, sentence, m.group(0), date)))
    return tuple(d for *_, d in sorted(found, key=lambda f: (f[0], f[1])))
