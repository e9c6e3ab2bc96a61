"""Estimates of a chance, and who holds them (pure, general English patterns).

An estimate of how likely something is belongs to whoever makes it, so the same estimate credited to different
speakers by two outlets is an attribution difference (`disagreement` compares them), unlike a fact of an
agreement, which both sides may well state.

* estimate: odds written as two shares of 100 after a word of chance ("the chances of success at 50-50", "the
  likelihood of a deal was about 50 - 50"), "fifty-fifty", or a percentage chance ("a 30% chance",
  "a 70 per cent probability"): keyed "odds:<first share>" ("odds:50", "odds:30").
* holder: in a sentence with an estimate, the subject of a verb of judging ("the minister described / put / estimated
  / rated ... the chances") and a group agreeing on it ("the two had spoken, agreeing that the odds were ...");
  each an attribution hit, the name as written.
"""

from __future__ import annotations

import re

_Hit = tuple[int, int, str, str, str]  # start, end, aspect, key, bound

_CHANCE = r"(?:chances?|odds|likelihood|probability|prospects?)"
_SHARES = re.compile(
    rf"\b{_CHANCE}\b[^.;:!?]{{0,60}}?(?<![\d.,-])(?P<a>\d{{1,2}})\s*[-/]\s*(?P<b>\d{{1,2}})(?![\d%-]|[.,]\d)", re.I
)
_FIFTY = re.compile(r"\bfifty[\s-]fifty\b", re.I)
_PERCENT = re.compile(rf"(?<![\d.,])(?P<a>\d{{1,2}})\s?(?:%|per\s?cent|percent)\s+{_CHANCE}\b", re.I)
_NAME = r"(?:(?:[A-Z]\.){2,}|[A-Z][\w'-]*)(?:\s+(?:von\s+der\s+|de\s+)?(?:(?:[A-Z]\.){2,}|[A-Z][\w'-]*)){0,3}"
_GROUP = r"(?:[Tt]he\s+two|[Bb]oth)(?:\s+(?:leaders|sides|men|women|countries|governments|parties))?"
_JUDGE = re.compile(
    rf"(?P<who>(?<![\w.])(?!(?:The|A|An|But|And|Before|After|In|On|When|While|As)\b){_NAME}|{_GROUP})\s+"
    r"(?:(?:had|has|have|also|then|later)\s+)?(?:describe[sd]|puts?|estimate[sd]|rate[sd]|place[sd]|pegs|pegged|gave|gives|saw|sees|judge[sd])\b"
)
_AGREEING = re.compile(
    rf"(?P<who>{_GROUP}|(?<![\w.])(?!(?:The|A|An|But|And|Before|After|In|On|When|While|As)\b){_NAME})\b"
    r"[^.;:!?,]{0,80},\s+(?:agreeing|saying|adding|estimating|acknowledging)\b"
)


def hits(text: str) -> list[_Hit]:
    """The estimates of `text` (aspect "estimate") and, where there is one, their holders (aspect
    "attribution", keyed by the name lower-cased), in text order."""
    found: list[_Hit] = []
    for m in _SHARES.finditer(text):
        if int(m["a"]) + int(m["b"]) == 100:
            found.append((m.start("a"), m.end("b"), "estimate", f"odds:{int(m['a'])}", ""))
    found += [(m.start(), m.end(), "estimate", "odds:50", "") for m in _FIFTY.finditer(text)]
    found += [(m.start(), m.end(), "estimate", f"odds:{int(m['a'])}", "") for m in _PERCENT.finditer(text)]
    if not found:
        return []
    first = min(s for s, *_ in found)
    for rx in (_JUDGE, _AGREEING):
        for m in rx.finditer(text, 0, first):
            key = " ".join(m["who"].lower().replace(".", "").split())
            found.append((m.start("who"), m.end("who"), "attribution", key, ""))
    return sorted(found)
