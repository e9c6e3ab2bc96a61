"""What a fact covers: "A and B" against "A B", all against most (pure, general English patterns).

Two outlets may give the same value for something and still differ on what it covers:

* a coordination against a compound: "a pause on energy and infrastructure" covers two things, "a pause on
  energy infrastructure" one (the compound must be written in lower case: a common noun phrase, not a name;
  neither passage may also hold the other's form, and the compound's passage may not name its first word
  alone: "aircraft, aircraft parts" lists aircraft too);
* a share: the same amount "on all goods" against "on most goods" ("nearly all", "the vast majority of",
  "some", "many" are a part; "all", "every", "each" the whole).

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
