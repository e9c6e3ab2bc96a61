"""What a number measures: the noun phrase around a number in a sentence, from general English patterns (pure).

A value is compared with another only when both measure the same thing, so each number found by
`disagreement.facts` is given a `Subject`:

* `head`: the noun the number qualifies. After it: the last word of the noun run that follows
  ("a 90-minute phone call" -> "call", "a 15% fee on goods" -> "fee", "$750 billion worth of
  energy" -> "energy"). Else before it: "a fee of 15%" -> "fee", "the rate would be 15 percent"
  -> "rate", "talks that lasted about an hour" -> "talk". Pronouns give no head.
* `of`: the content words of the prepositional phrases that say whose or on what ("on steel and
  aluminium" -> {"steel", "aluminium"}, "on EU goods" -> {"eu", "good"}), and of a possessive before
  the head ("the EU's fee"). Goods, products, imports and exports are one word ("good"); where goods go
  is marked apart ("exports to the US" -> {"good", "to:us"}); a partitive says how much, not what ("a wide
  range of US exports" -> {"us", "good"}), and a list the clause goes on to name as included ("on most goods,
  including cheese and wine" -> {"good", "cheese", "wine"}). `names`: those written as names (whose goods).
* `state`: "prior" when the clause speaks of an earlier, threatened or hoped-for value ("threatened",
  "originally", "existing", "down from"), or of a current one that a change from it is given for ("from the
  current 25% to 15%"; a "current" value alone is the one in force on the article's day, and compared), "aim"
  for one hoped for, sought or proposed,
  "" otherwise; a value a change ends at and one it starts from
  are different facts.
* `change`: "by" when the number is the size of a change ("by 10 percentage points", "down 10 per cent",
  "a cut of 10%"), else "".

Words are lower-cased and singular ("fees" -> "fee"); names keep their letters ("U.S." -> "us").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
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
    r"\b(?:threat\w*|originally|original|previous(?:ly)?|earlier|existing|formerly|had\s+been"
    r"|down\s+from|up\s+from|instead\s+of|before|absent|would\s+have\s+been|prior)\b",
    re.I,
)
_CURRENT = re.compile(r"\bcurrent(?:ly)?\b", re.I)  # the value in force on the article's day ...
_CHANGED = re.compile(r"\bfrom\s+(?:the\s+|its\s+|their\s+)?current", re.I)  # ... unless one it changes from
_CHANGED_TO = re.compile(r"^[^.;:!?]{0,80}?\bto\s+(?:an?\s+|the\s+)?(?:\d|[$€£])")
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
    names: frozenset[str] = frozenset()  # the words of `of` written as names ("EU", "Ruritanian"): whose, not what

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


_PARTITIVE = set("range majority bulk number variety array host lot share part portion most".split())  # noqa: SIM905
_GOODS = set("good product import export item merchandise shipment".split())  # noqa: SIM905
_DESTINATION = ("to", "into")


def _object_word(word: str, destination: bool) -> str:
    """A whose-or-what word: goods, products, imports and exports are one class ("good"), and the place goods
    go to is marked apart from where they come from ("exports to the US": "to:us"; "US goods": "us")."""
    low = _norm(word)
    low = "good" if low in _GOODS else low
    return f"to:{low}" if destination else low


def _objects(tokens: list[re.Match[str]], i: int) -> set[str]:
    """Content words of prepositional phrases from token i on (their noun runs, determiners skipped); a
    partitive's run ("a wide range of", "the vast majority of") says how much, not what, and is left out."""
    found: set[str] = set()
    j = i
    destination = False
    while j < len(tokens):
        low = tokens[j][0].lower()
        follows = tokens[j + 1][0].lower() if j + 1 < len(tokens) else ""
        if low in ("and", "or") and (not found or not follows or follows in _DETERMINERS or follows == "to"):
            break  # "on steel and aluminium" goes on; "on steel and a 25% fee ...", "... and to buy" do not
        if low in _PREPOSITIONS or low in ("and", "or"):
            destination = low in _DESTINATION or (destination and low in ("and", "or"))
            k = j + 1
            while k < len(tokens) and tokens[k][0].lower() in _DETERMINERS:
                k += 1
            run = _run(tokens, k)
            after = tokens[k + len(run)][0].lower() if k + len(run) < len(tokens) else ""
            if not (run and _norm(run[-1]) in _PARTITIVE and after == "of"):
                found.update(_object_word(w, destination) for w in run)
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


_INCLUDING = re.compile(r",\s+(?:including|among\s+them|such\s+as)\s+(?P<list>[^.;:!?()\"]*)", re.I)


def _included(text: str, at: int) -> set[str]:
    """The content words of a list the clause ending at `at` goes on to name as included ("a 15% fee on most
    goods, including cars, cheese and wine" -> {"car", "cheese", "wine"}): what the amount applies to."""
    m = _INCLUDING.match(text, at)
    if not m:
        return set()
    found: set[str] = set()
    for item in re.split(r",\s*|\s+(?:and|or)\s+", m["list"]):
        run = _run(list(_TOKEN.finditer(item)), 0)
        found.update(_object_word(w, False) for w in run)
    return found


_AUX = r"(?:will|would|shall|are|is|were|was|have|has|had|could|may|might|must|can)"
_EXEMPT_BEFORE = re.compile(
    rf"\b(?:{_AUX}(?:\s*,[^,.;:]{{1,40}},)?(?:\s+(?:be|been|being|also|still|now|largely|mostly))*|be|been|being)"
    r"\s+(?P<verb>spared|exempt(?:ed)?|excluded|shielded)\s+from\s+(?:the\s+|a\s+|an\s+|any\s+)?$",
    re.I,
)
_OPENER = re.compile(r"(?:^|[:;]|\.\s)\s*", re.M)


def exempted(text: str, start: int) -> tuple[int, frozenset[str]] | None:
    """The things said to be spared from the amount at `start` ("Cheese will, for now, be spared from the 15%
    fee", "cheese and wine are exempted from a 15% fee"): where the words saying so begin, and the content
    words of the clause's subject, which must be all that comes before its verb. None if there is no such
    subject, or if the sentence says they are not spared."""
    m = _EXEMPT_BEFORE.search(text, 0, start)
    if not m or re.search(r"\b(?:not|never)\b|n't", m[0], re.I):
        return None
    opener = [o.end() for o in _OPENER.finditer(text, 0, m.start())]
    tokens = list(_TOKEN.finditer(text, opener[-1] if opener else 0, m.start()))
    k = 0
    while k < len(tokens) and tokens[k][0].lower() in _DETERMINERS:
        k += 1
    words: list[str] = []
    for t in tokens[k:]:
        if t[0].lower() in ("and", "or") and words:
            continue
        if not _content(t[0]) or _verbish(t[0]):
            return None
        words.append(t[0])
    return (m.start("verb"), frozenset(_object_word(w, False) for w in words)) if words else None


def clause_end(text: str, pos: int) -> int:
    """Where the clause going on at `pos` ends (a comma, stop, quote, dash or "but")."""
    hi = _CLAUSE_END.search(text, pos)
    return hi.start() if hi else len(text)


def objects_at(text: str, pos: int) -> frozenset[str]:
    """Whose-or-what words of the noun phrase at `pos` and the prepositional phrases after it, to the clause's
    end ("cars from Ruritania" -> {"car", "ruritania"})."""
    tokens = list(_TOKEN.finditer(text, pos, clause_end(text, pos)))
    k = 0
    while k < len(tokens) and tokens[k][0].lower() in _DETERMINERS:
        k += 1
    run = _run(tokens, k)
    return frozenset({_object_word(w, False) for w in run} | _objects(tokens, k + len(run)))


def subject(text: str, start: int, end: int) -> Subject:
    """What the number written at text[start:end] measures, from the clause that holds it."""
    lo, hi = _clause(text, start, end)
    after = list(_TOKEN.finditer(text, end, hi))
    before = list(_TOKEN.finditer(text, lo, start))
    link = before and before[-1][0].lower() in ("to", "at", "of", "from", "be", "is", "was")
    head, of = "", set[str]()
    named = _ZERO.match(text, start)  # "zero fees on EU cars": the rate its own span names
    named = named if named and named.end() == end else None
    run = [] if link or named else _run(after, 0)
    worth = [t[0].lower() for t in after[:2]] == ["worth", "of"]
    if named:
        head, of = _norm(named["noun"]), _objects(after, 0)
    elif worth and (run := _run(after, 2)):  # "$750 billion worth of energy"
        head, of = _head_of(run)
        of |= _objects(after, len(run) + 2)
    elif run:
        head, of = _head_of(run)
        of |= _objects(after, len(run))
    else:
        of = _objects(after, 0)
        head, more = _before(before)
        of |= more
    of |= _included(text, hi)
    words_before = text[lo:start]
    state = "prior" if _PRIOR.search(words_before) or _PRIOR.search(text, end, min(hi, end + 40)) else ""
    current = _CURRENT.search(words_before) or _CURRENT.search(text, end, min(hi, end + 40))
    if current and (_CHANGED.search(text, lo, hi) or _CHANGED_TO.match(text[end:])):
        state = "prior"  # "cut from the current 25% to 15%": the value a change starts from
    state = "aim" if _AIM.search(words_before) else state
    change = "by" if _CHANGE_BEFORE.search(text[max(lo, start - 30) : start]) else ""
    kept = frozenset(w for w in of if w and w != head)
    names = {_norm(t[0]) for t in _TOKEN.finditer(text, lo, hi) if t[0][0].isupper()}
    return Subject(head, kept, state, change, frozenset(w for w in kept if w.removeprefix("to:") in names))


def comparable(a: Subject, b: Subject) -> bool:
    """Both measure the same thing: one head (none is unknown: never compared), the same state and kind of
    change, and whose-or-what words that are the same or one within the other (a general and a narrower
    account). A narrower account by what ("on steel goods" against "on goods") needs the general one to name
    something beyond goods itself: a fee on goods at large and one on steel are a rule and its exception; one
    narrower by whose only ("on Ruritanian goods" against "on goods") is the same fee."""
    if not a.head or a.head != b.head or a.state != b.state or a.change != b.change:
        return False
    if a.of == b.of:
        return True
    if not (a.of and b.of and (a.of < b.of or b.of < a.of)):
        return False
    small, large = (a, b) if a.of < b.of else (b, a)
    return large.of - small.of <= large.names or bool(small.of - {"good"})


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
_ZERO = re.compile(  # "zero fees on", "eliminate (all) fees on": a rate of 0% on something, if "fee" is a rate
    r"(?<![\w-])(?:zero|eliminat\w*|abolish\w*|scrap(?:s|ped|ping)?|remov\w*)"
    r"\s+(?:(?:all|its|their|the)\s+)?(?P<noun>[A-Za-z]+)(?=\s+(?:on|for|against)\b)",
    re.I,
)
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


_ARTICLE_BEFORE = re.compile(r"\b(?:an?|the|its|their|this|that|any|each|every|another)\s+$", re.I)


def rate_nouns(texts: Iterable[str]) -> frozenset[str]:
    """The nouns the texts use for a rate: the head of a noun run right after a percentage that an article
    introduces or that is plural ("a 15% fee on goods", "the 15 per cent Ruritanian fee", "15% fees" ->
    "fee"; "rate" and "level" give way to the noun before them; "to 15% retroactive" gives nothing).
    Learned from the passages compared, so that no kind of story's vocabulary is written here."""
    found: set[str] = set()
    for text in texts:
        for m in _PERCENT.finditer(text):
            if "point" in m["unit"].lower():
                continue
            run = _run(list(_TOKEN.finditer(text, m.end(), min(len(text), m.end() + 60))), 0)
            if not run or run[-1][0].isupper():
                continue
            if _ARTICLE_BEFORE.search(text, 0, m.start()) or singular(run[-1].lower()) != run[-1].lower():
                found.add(_head_of(run)[0])
    return frozenset(found)


def amounts(text: str, rates: frozenset[str] = frozenset()) -> list[Amount]:
    """Percentages, percentage points and sums of money in `text`, in text order; "from X% to Y%" also gives
    the change between them in points, spanning both. A rate said to be none is 0%, spanning its noun, when
    that noun is one of `rates` (`rate_nouns`: "fee" where the passages speak of "a 15% fee"): "zero fees on",
    "eliminate (all) fees on", "abolish / scrap / remove fees on" (a bare "zero fee" says on what no more
    than "a 15% fee" would, but is not taken: it is mostly a slogan; "no fees on" is not read either)."""
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
    found += [Amount(m.start(), m.end(), "%", 0.0) for m in _ZERO.finditer(text) if _norm(m["noun"]) in rates]
    found.sort(key=lambda a: a.start)
    for a, b in zip(found, found[1:], strict=False):
        between = text[a.end : b.start]
        if a.unit == b.unit == "%" and re.fullmatch(r"\s+to\s+", between) and _FROM_TO.search(text[: a.start]):
            found.append(Amount(a.start, b.end, "pt", round(abs(a.value - b.value), 4), derived=True))
    return sorted(found, key=lambda a: (a.start, a.end))
