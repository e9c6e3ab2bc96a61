"""What a number measures: the noun phrase around a number in a sentence, from general English patterns (pure).

A value is compared with another only when both measure the same thing, so each number found by
`disagreement.facts` is given a `Subject`:

* `head`: the noun the number qualifies. After it: the last word of the noun run that follows
  ("a 90-minute phone call" -> "call", "a 15% fee on goods" -> "fee", "$750 billion worth of
  energy" -> "energy"). Else before it: "a fee of 15%" -> "fee", "the rate would be 15 percent"
  -> "rate", "talks that lasted about an hour" -> "talk". Pronouns give no head.
* `of`: the content words of the prepositional phrases that say whose or on what ("on steel and
  aluminium" -> {"steel", "aluminium"}, "on EU goods" -> {"eu", "good"}), and of a possessive before
  the head ("the EU's fee").
* `state`: "prior" when the clause speaks of an earlier, threatened, hoped-for or current value
  ("threatened", "originally", "existing", "down from"), "aim" for one hoped for, sought or proposed,
  "" otherwise; a value a change ends at and one it starts from
  are different facts.
* `change`: "by" when the number is the size of a change ("by 10 percentage points", "down 10 per cent",
  "a cut of 10%"), else "".

Words are lower-cased and singular ("fees" -> "fee"); names keep their letters ("U.S." -> "us").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_DETERMINERS = set(
    ["a", "an", "the", "this", "that", "these", "those", "its", "their", "his", "her", "our", "your", "some", "any", "all", "most", "many", "much", "each", "every"]  # noqa: E501
)  # noqa: SIM905
_DETERMINERS |= set("nearly almost about around roughly virtually no other another such both".split())  # noqa: SIM905
_FUNCTION = set(
    ["to", "of", "and", "or", "but", "nor", "will", "would", "shall", "should", "can", "could", "may", "might", "must", "were", "was", "are", "is", "be", "been", "being"]  # noqa: E501
)  # noqa: SIM905
_FUNCTION |= set("have has had do does did in on at by for from with into onto over under as than then so if".split())  # noqa: SIM905
_FUNCTION |= set("who whom whose which that what when where while because since after before said says told".split())  # noqa: SIM905
_FUNCTION |= set("not no also just only more less up down per percent cent it they he she we i you them us".split())  # noqa: SIM905
_FUNCTION |= set("there here now yet still even how why across between against until unless once though".split())  # noqa: SIM905
_PRONOUNS = set("it they he she we i you this that these those which who what one".split())  # noqa: SIM905
_UNIT_WORDS = set("minute hour day week fortnight month year percent cent point billion million trillion".split())  # noqa: SIM905
_UNIT_WORDS |= set("thousand dozen bn tn worth level".split())  # noqa: SIM905
_PREPOSITIONS = ("on", "for", "of", "from", "into", "including", "to", "in", "against")
_PRIOR = re.compile(
    r"\b(?:threat\w*|originally|original|previous(?:ly)?|earlier|existing|current(?:ly)?|formerly|had\s+been"
    r"|down\s+from|up\s+from|instead\s+of|before|absent|would\s+have\s+been|prior)\b",
    re.I,
)
_AIM = re.compile(r"\b(?:hop(?:ed|ing)|wanted|sought|proposed|demand(?:ed|ing)|ask(?:ed|ing)\s+for)\b", re.I)
_CHANGE_BEFORE = re.compile(
    r"\b(?:by|down|up|cut\s+of|reduction\s+of|increase\s+of|rise\s+of|drop\s+of|fall\s+of|fell|rose)\s+(?:\w+\s+)?$",
    re.I,
)
_CLAUSE_END = re.compile(
    r"(?<!\b[A-Z])\.(?!\d)|[;:!?()\"\u201c\u201d]|,(?!\d)|\s-\s|\s(?:but|while|whereas|although)\s", re.I
)
_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|[A-Za-z][A-Za-z'\u2019]*(?:-[A-Za-z]+)*")
_IRREGULAR = {"people": "person", "men": "man", "women": "woman", "children": "child", "talks": "talk"}


@dataclass(frozen=True)
class Subject:
    head: str
    of: frozenset[str]
    state: str = ""
    change: str = ""

    def key(self) -> str:
        """A readable form: "fee on eu, good", "call", "(prior) fee"."""
        text = self.head + (f" on {', '.join(sorted(self.of))}" if self.of else "")
        return ("(prior) " if self.state else "") + ("(change) " if self.change else "") + text


def singular(word: str) -> str:
    """The singular of a lower-case word that looks plural; other words as they are."""
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if len(word) <= 3 or not word.endswith("s") or word.endswith(("ss", "us", "is", "'s")):
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    return word[:-2] if re.search(r"(?:ch|sh|x|z)es$", word) else word[:-1]


def _norm(word: str) -> str:
    word = word.replace("\u2019", "'")
    word = re.sub(r"'s?$", "", word)
    if re.fullmatch(r"(?:[A-Z]\.){2,}|[A-Z]{2,5}", word):
        return word.replace(".", "").lower()  # "U.S." and "US" -> "us"; never singularised
    return singular(word.lower())


def _content(word: str) -> bool:
    if re.fullmatch(r"(?:[A-Z]\.){2,}|[A-Z]{2,5}", word):
        return True  # "US", "U.S.", "EU": a name, not the pronoun
    low = word.lower()
    return low not in _FUNCTION and low not in _DETERMINERS and singular(low) not in _UNIT_WORDS


def _bounds(text: str, start: int, end: int) -> tuple[int, int]:
    lo = max((m.end() for m in _CLAUSE_END.finditer(text, 0, start)), default=0)
    hi = _CLAUSE_END.search(text, end)
    return lo, hi.start() if hi else len(text)


def _verbish(word: str) -> bool:
    low = word.lower()
    return low.endswith(("ed", "ly")) or low in ("be", "is", "was", "are", "were", "stays", "remain", "remains")


def _run(tokens: list[re.Match[str]], i: int) -> list[str]:
    """The noun run from token i on: content words up to a function word, at most four."""
    out: list[str] = []
    for t in tokens[i : i + 4]:
        if not _content(t[0]) or _verbish(t[0]) or (out and t[0].lower().endswith("ing")):
            break
        out.append(t[0])
    return out


def _objects(tokens: list[re.Match[str]], i: int) -> set[str]:
    """Content words of prepositional phrases from token i on (their noun runs, determiners skipped)."""
    found: set[str] = set()
    j = i
    while j < len(tokens):
        low = tokens[j][0].lower()
        if low in ("and", "or") and (not found or j + 1 >= len(tokens) or tokens[j + 1][0].lower() in _DETERMINERS):
            break  # "on steel and aluminium" goes on; "on steel and a 25% fee ..." does not
        if low in _PREPOSITIONS or low in ("and", "or"):
            k = j + 1
            while k < len(tokens) and tokens[k][0].lower() in _DETERMINERS:
                k += 1
            run = _run(tokens, k)
            found.update(_norm(w) for w in run)
            j = k + max(len(run), 1)
            continue
        if low in _FUNCTION or _verbish(tokens[j][0]):
            break
        j += 1
    return found - {"worth"}


_LINK = set(
    ["to", "at", "of", "from", "by", "be", "is", "was", "are", "were", "been", "being", "would", "will", "shall", "remain", "remains", "remained", "stay", "stays"]  # noqa: E501
)  # noqa: SIM905
_LINK |= set("stand stands stood set around about some nearly almost a an the than more less over under worth".split())  # noqa: SIM905
_COPULA = set("be is was are were been being remain remains remained stay stays stand stands stood".split())  # noqa: SIM905
_RELATIVE = ("that", "which", "who")


def _head_of(run: list[str]) -> tuple[str, set[str]]:
    """The head of a noun run and its name-like modifiers; "fee rate" and "fee level" head "fee"."""
    words = [_norm(w) for w in run]
    if len(words) > 1 and words[-1] in ("rate", "level"):
        words.pop()
    return words[-1], {w for w, raw in zip(words[:-1], run, strict=False) if raw[0].isupper() or raw.endswith("'s")}


def _before(before: list[re.Match[str]]) -> tuple[str, set[str]]:
    """The head a number after it measures: "a fee of 15%", "fees on imports from the EU to 15%",
    "the rate would be 15%" (the clause's subject), "talks that lasted an hour"."""
    words = [t[0] for t in before]
    k = len(words) - 1
    copula = False
    while k >= 0 and words[k].lower() in _LINK:
        copula |= words[k].lower() in _COPULA
        k -= 1
    if copula:  # "the fee rate applying to imports from the EU would be 15 percent": the clause's subject
        i = 0
        while i < len(words) and words[i].lower() in _DETERMINERS:
            i += 1
        run = _run(before, i)
        if not run:
            return "", set()
        head, of = _head_of(run)
        return head, of | _objects(before, i + len(run))
    if k >= 0 and _verbish(words[k]):  # "talks that (only) lasted about an hour"
        while k >= 0 and (_verbish(words[k]) or words[k].lower() in ("only", "also", "just")):
            k -= 1
        if k < 0 or words[k].lower() not in _RELATIVE:
            return "", set()
        k -= 1
    segments: list[list[str]] = [[]]
    while k >= 0:
        low = words[k].lower()
        if low in _PREPOSITIONS:
            segments.append([])
        elif _content(words[k]) and not _verbish(words[k]):
            segments[-1].insert(0, words[k])
        elif low not in _DETERMINERS:
            break
        k -= 1
    runs = [s for s in segments if s]
    if not runs:
        return "", set()
    head, of = _head_of(runs[-1])
    return head, of | {_norm(w) for r in runs[:-1] for w in r}


def _clause(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause around [start, end); a relative clause ("the talks, that lasted an hour,") joins the one before."""
    lo, hi = _bounds(text, start, end)
    first = _TOKEN.search(text, lo, start)
    if first and first[0].lower() in _RELATIVE and lo > 0:
        lo = _bounds(text, lo - 1, lo - 1)[0]
    return lo, hi


def subject(text: str, start: int, end: int) -> Subject:
    """What the number written at text[start:end] measures, from the clause that holds it."""
    lo, hi = _clause(text, start, end)
    after = list(_TOKEN.finditer(text, end, hi))
    before = list(_TOKEN.finditer(text, lo, start))
    link = before and before[-1][0].lower() in ("to", "at", "of", "from", "be", "is", "was")
    head, of = "", set[str]()
    run = [] if link else _run(after, 0)
    worth = [t[0].lower() for t in after[:2]] == ["worth", "of"]
    if worth and (run := _run(after, 2)):  # "$750 billion worth of energy"
        head, of = _head_of(run)
        of |= _objects(after, len(run) + 2)
    elif run:
        head, of = _head_of(run)
        of |= _objects(after, len(run))
    else:
        of = _objects(after, 0)
        head, more = _before(before)
        of |= more
    words_before = text[lo:start]
    state = "prior" if _PRIOR.search(words_before) or _PRIOR.search(text, end, min(hi, end + 40)) else ""
    state = "aim" if _AIM.search(words_before) else state
    change = "by" if _CHANGE_BEFORE.search(text[max(lo, start - 30) : start]) else ""
    return Subject(head, frozenset(w for w in of if w and w != head), state, change)


def comparable(a: Subject, b: Subject) -> bool:
    """Both measure the same thing: one head (none is unknown: never compared), the same state and kind of
    change, and whose-or-what words that are the same or one within the other (a general and a narrower account)."""
    if not a.head or a.head != b.head or a.state != b.state or a.change != b.change:
        return False
    return a.of == b.of or (bool(a.of) and bool(b.of) and (a.of < b.of or b.of < a.of))


# Amounts: percentages, percentage points and money, each in its own unit (never compared across units).
_DEC = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:[.,]\d{1,2}(?!\d))?|\d+"
_PERCENT = re.compile(
    rf"(?<![\w.,$€£])(?P<num>{_DEC})\s?(?P<unit>%|per\s?cent\b|percent\b|percentage[\s-]+points?\b|basis\s+points?\b)",
    re.I,
)
_SCALES = {"thousand": 1e3, "million": 1e6, "mn": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9, "b": 1e9}
_SCALES |= {"trillion": 1e12, "tn": 1e12, "trn": 1e12}
# a scale may be plural before a possessive: "$750 billions' worth"
_SCALE = r"(?:\s?(?P<scale>trillion|billion|million|thousand|trn|tn|bn|mn|m|b)(?:(?<=ion)s'?)?(?![\w-]))?"
_CURRENCIES = {"$": "USD", "us$": "USD", "usd": "USD", "€": "EUR", "eur": "EUR", "£": "GBP", "gbp": "GBP"}
_CURRENCIES |= {"dollar": "USD", "euro": "EUR", "pound": "GBP"}
_MONEY = re.compile(rf"(?<!\w)(?P<cur>US\$|\$|€|£|(?:USD|EUR|GBP)\s?)(?P<num>{_DEC}){_SCALE}", re.I)
_MONEY_WORD = re.compile(rf"(?<![\w.,$€£])(?P<num>{_DEC}){_SCALE}\s+(?P<cur>dollar|euro|pound)s?\b", re.I)
_FROM_TO = re.compile(r"\bfrom\s+(?:an?\s+|the\s+)?$", re.I)


def number(word: str) -> float:
    """A written number: "1,200" is 1200, "27,5" (a decimal comma) 27.5."""
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", word):
        return float(word.replace(",", ""))
    return float(word.replace(",", "."))


@dataclass(frozen=True)
class Amount:
    start: int
    end: int
    unit: str  # "%", "pt" (percentage points) or a currency code
    value: float
    per_cent: bool = False  # a percentage written "per cent"/"percent" (outlets use it for points too)
    derived: bool = False  # "from 145% to 30%": the change between, in points


def amounts(text: str) -> list[Amount]:
    """Percentages, percentage points and sums of money in `text`, in text order; "from X% to Y%" also gives
    the change between them in points, spanning both."""
    found: list[Amount] = []
    for m in _PERCENT.finditer(text):
        unit = m["unit"].lower()
        value = number(m["num"]) / (100 if unit.startswith("basis") else 1)
        points = "point" in unit
        found.append(Amount(m.start(), m.end(), "pt" if points else "%", value, unit[0] in "pP" and not points))
    for rx in (_MONEY, _MONEY_WORD):
        for m in rx.finditer(text):
            if any(a.start < m.end() and m.start() < a.end for a in found):
                continue
            code = _CURRENCIES[m["cur"].strip().lower()]
            found.append(
                Amount(m.start(), m.end(), code, number(m["num"]) * _SCALES.get((m["scale"] or "").lower(), 1))
            )
    found.sort(key=lambda a: a.start)
    for a, b in zip(found, found[1:], strict=False):
        between = text[a.end : b.start]
        if a.unit == b.unit == "%" and re.fullmatch(r"\s+to\s+", between) and _FROM_TO.search(text[: a.start]):
            found.append(Amount(a.start, b.end, "pt", round(abs(a.value - b.value), 4), derived=True))
    return sorted(found, key=lambda a: (a.start, a.end))
