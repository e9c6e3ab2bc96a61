"""Whether a fact is settled: a final agreement against a preliminary one, a stance left open against one stated
(pure, general English patterns).

* status: "finalized" (said of the past or present: not "will be finalized", "once finalized", "not finalized")
  keys "status:final"; "preliminary", "provisional", "tentative", "in
  principle", "not yet confirmed/signed/agreed..." and "yet to be confirmed..." key "status:preliminary".
* an open question about a named party: "it is unclear whether Ruritania will join" keys "unclear" with the
  party's name ("Ruritania") as `bound`; `disagreement` sets it against a passage in which that party speaks.
"""

from __future__ import annotations

import re

_Hit = tuple[int, int, str, str, str]  # start, end, aspect, key, bound

_FINAL = re.compile(r"\bfinali[sz]ed\b", re.I)
_NOT_YET = re.compile(  # "will be finalized", "once finalized", "not finalized": not (yet) final
    r"\b(?:will|would|shall|to|once|until|till|could|should|may|might|must|if|when|before|not|n't|never|yet)\b"
    r"(?:\s+\w+){0,2}\s*$",
    re.I,
)
_SETTLE = r"(?:confirmed|finali[sz]ed|signed|agreed|approved|ratified|concluded)"
_PRELIMINARY = re.compile(
    rf"\b(?:preliminary|provisional|tentative|in\s+principle)\b|\bnot\s+yet\s+(?:been\s+)?{_SETTLE}\b"
    rf"|\byet\s+to\s+be\s+{_SETTLE}\b",
    re.I,
)
_NAME = r"(?:[A-Z](?:[\w'-]|\.(?=\w))*\.?)"
_OPEN = re.compile(
    r"\b(?:unclear|not\s+clear|uncertain|unknown|not\s+known)\s+(?:whether|if)\s+(?:the\s+)?"
    rf"(?P<name>{_NAME}(?:\s+{_NAME}){{0,5}})"
)


def hits(text: str) -> list[_Hit]:
    found: list[_Hit] = [
        (m.start(), m.end(), "certainty", "status:final", "")
        for m in _FINAL.finditer(text)
        if not _NOT_YET.search(text, max(0, m.start() - 30), m.start())
    ]
    found += [(m.start(), m.end(), "certainty", "status:preliminary", "") for m in _PRELIMINARY.finditer(text)]
    found += [(m.start(), m.end(), "certainty", "unclear", m["name"]) for m in _OPEN.finditer(text)]
    return found
