"""What a fact covers: "A and B" against "A B", all against most (pure, general English patterns).

Two outlets may give the same value for something and still differ on what it covers:

* a coordination against a compound: "a pause on energy and infrastructure" covers two things, "a pause on
  energy infrastructure" one (the compound must be written in lower case: a common noun phrase, not a name;
  neither passage may also hold the other's form, and the compound's passage may not name its first word
  alone: "aircraft, aircraft parts" lists aircraft too);
* a share: the same amount "on all goods" against "on most goods" ("nearly all", "the vast majority of",
  "some", "many" are a part; "all", "every", "each" the whole);
* a part of another sum against a sum of its own: a sum of money "earmarked / set aside / allocated / reserved
  for" something, "of which $X", "$X of that / of the total" is part of a larger sum ("part:<unit>=<value>");
  the same sum in another source beside a second sum of that currency, joined as two items ("buy $X of gas
  and invest $Y", "$X ... as well as $Y"), is one of two separate sums ("apart:<unit>=<value>");
* what a sum goes to against something added beside it: the noun phrases of the prepositional phrases that
  follow a sum of money ("invest $X in the region, in new schools and in roads": "for:<unit>=<value>:school")
  against those of a phrase another source adds after the sum as a further item ("invest $X in the region, as
  well as buying new schools": "besides:<unit>=<value>:buying+school").

`hits` gives the facts of one passage (`disagreement.facts` keys them); `narrowed` compares two passages.
"""

from __future__ import annotations

import re

from generator.quantity import Amount

_Hit = tuple[int, int, str, str, str]  # start, end, aspect, key, bound

_FUNCTION = set("the a an and or but of to in on at by for from with into as than that this these".split())  # noqa: SIM905
_FUNCTION |= set("those its their his her our was were are is be been will would has have had not".split())  # noqa: SIM905
_FUNCTION |= set("also more most less all some any each every both other such new said says".split())  # noqa: SIM905
_AND = re.compile(r"\b(?P<x>[A-Za-z]{3,})\s+and\s+(?P<y>[A-Za-z]{3,})\b")
_SHARE = re.compile(
    r"\b(?:on|for|to|of|across|in)\s+(?P<q>all|every|each|most|many|some|(?:nearly|almost|virtually)\s+all"
    r"|the\s+(?:vast\s+|great\s+)?majority\s+of|the\s+bulk\s+of)(?![\w-])",
    re.I,
)
_CLAUSE_END = re.compile(r"[,;:.!?()\"]")
_PART_AFTER = re.compile(
    r"\s+(?:(?:is|was|are|were|being|been|to\s+be)\s+)?(?:earmarked|set\s+aside|allocated|reserved|designated"
    r"|ring-?fenced)\s+(?:for|to)\b"
    r"|\s+of\s+(?:that|this|it|which|the\s+(?:total|sum|amount|money|funds?|funding|package|investment))\b",
    re.I,
)
_PART_BEFORE = re.compile(r"\bof\s+which\s+(?:some\s+|about\s+|around\s+|nearly\s+)?$", re.I)
_JOINED = re.compile(r"\b(?:and|as\s+well\s+as|plus|in\s+addition\s+to|on\s+top\s+of)\b", re.I)
_WHOLE = ("all", "every", "each")


def hits(text: str, amounts: list[Amount]) -> list[_Hit]:
    """Coordinations of two content words ("and:x|y") and the share an amount applies to ("share:all" or
    "share:part", bound "<unit>=<value>:<start>:<end>" of the amount)."""
    found: list[_Hit] = []
    for m in _AND.finditer(text):
        x, y = m["x"].lower(), m["y"].lower()
        if x not in _FUNCTION and y not in _FUNCTION and x != y:
            found.append((m.start(), m.end(), "scope", f"and:{x}|{y}", ""))
    for a in amounts:
        end = _CLAUSE_END.search(text, a.end)
        q = _SHARE.search(text, a.end, min(end.start() if end else len(text), a.end + 60))
        if q:
            share = "all" if q["q"].lower() in _WHOLE else "part"
            found.append((a.start, q.end(), "scope", f"share:{share}", f"{a.unit}={a.value}:{a.start}:{a.end}"))
    return found + _parts(text, amounts) + _uses(text, amounts)


def _parts(text: str, amounts: list[Amount]) -> list[_Hit]:
    """Sums of money said to be part of a larger sum ("part:", spanning the words that say so), and sums given
    beside another of the same currency as two items ("apart:", spanning both), keyed "<unit>=<value>"."""
    money = [a for a in amounts if a.unit not in ("%", "pt") and not a.derived]
    found: list[_Hit] = []
    whole = []
    for a in money:
        after, before = _PART_AFTER.match(text, a.end), _PART_BEFORE.search(text, 0, a.start)
        if after or before:
            start, end = (before.start() if before else a.start), (after.end() if after else a.end)
            found.append((start, end, "scope", f"part:{a.unit}={a.value}", ""))
        else:
            whole.append(a)
    for a, b in zip(whole, whole[1:], strict=False):
        between = text[a.end : b.start]
        if a.unit == b.unit and a.value != b.value and _JOINED.search(between) and not re.search(r"[;:!?]", between):
            found += [(a.start, b.end, "scope", f"apart:{x.unit}={x.value}", "") for x in (a, b)]
    return found


_BESIDES = re.compile(r"\b(?:as\s+well\s+as|in\s+addition\s+to|along\s+with|besides)\b", re.I)
_USE = re.compile(r"\b(?:in|into|on|for)\s+(?:(?:the|a|an|its|their)\s+)?", re.I)
_ITEM_END = re.compile(r"[,;:!?()\"]|\.(?:\s|$)|\s(?:and|or|to|that|which|who|with|by)\s", re.I)
_WORD = re.compile(r"[A-Za-z][\w'-]*")
_MODIFIERS = set("more than some major large vast big huge new further additional".split())  # noqa: SIM905


def _words(phrase: str) -> list[str]:
    """The content words of a phrase, lower-cased, a plural's final s dropped; size and newness left out."""
    out = []
    for w in _WORD.findall(phrase):
        low = w.lower()
        if low not in _FUNCTION and low not in _MODIFIERS:
            out.append(low[:-1] if len(low) > 3 and low.endswith("s") and not low.endswith("ss") else low)
    return out


def _uses(text: str, amounts: list[Amount]) -> list[_Hit]:
    """What each sum of money goes to ("for:": the prepositional phrases after it, names left out: where, not
    what), and what a source adds after it as a further item ("besides:"), keyed "<unit>=<value>:<words>"."""
    found: list[_Hit] = []
    for a in (a for a in amounts if a.unit not in ("%", "pt") and not a.derived):
        stop = re.search(r"[;!?]|(?<![A-Z])\.(?:\s|$)", text[a.end :])
        end = a.end + stop.start() if stop else len(text)
        besides = _BESIDES.search(text, a.end, end)
        own_end = besides.start() if besides else end
        for m in _USE.finditer(text, a.end, own_end):
            item_end = _ITEM_END.search(text, m.end(), own_end)
            phrase = text[m.end() : item_end.start() if item_end else own_end]
            words = _words(phrase)
            if words and not phrase[:1].isupper():
                found.append((a.start, m.end() + len(phrase), "scope", f"for:{a.unit}={a.value}:{'+'.join(words)}", ""))
        if besides:
            words = _words(text[besides.end() : end])
            if words:
                found.append((a.start, end, "scope", f"besides:{a.unit}={a.value}:{'+'.join(words)}", ""))
    return found


def narrowed(key: str, own: str, other: str) -> str | None:
    """The compound `other` writes for the coordination `key` ("and:x|y") of `own`, as written: "x y" in lower
    case in `other`, which never names x on its own ("x, x y and z" lists both) nor says "x and y", while `own`
    never says "x y"."""
    x, y = key[4:].split("|")
    m = re.search(rf"\b{x}\s+{y}\b", other)
    if not m or re.search(rf"\b{x}\b(?!\s+{y}\b)", other, re.I) or re.search(rf"\b{x}\s+{y}\b", own, re.I):
        return None
    return m[0]
