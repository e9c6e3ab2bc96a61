"""Sentences of a text: the one splitter the matcher, suggestions, readings and dating use (pure).

Boundaries come from pySBD (rule-based "Golden Rules" segmentation: abbreviations, initials,
numbers, quotations; nothing downloaded). Two guards keep a quote whole where pySBD still
cuts: a piece ending in a title before a name ("Pres."), an initial ("J."), a dotted
abbreviation ("U.S.", "p.m.") or "No." before a number is joined to the next piece. Joining
can only make a sentence longer, never cut a quote, and a joined sentence still verifies.

Each distinct text is segmented once per process (an article's paragraphs are read by
several rooms); a text with no possible boundary inside it is one sentence without asking
pySBD, which keeps a large story fast.
"""

from __future__ import annotations

import functools
import re

import pysbd
from pysbd.lang.english import English

# Titles and the like, which precede a name: pySBD's own list and a few it lacks.
_TITLES = frozenset(English.Abbreviation.PREPOSITIVE_ABBREVIATIONS) | {"pres", "sen", "gov", "rep", "amb", "supt"}
_BEFORE_NUMBER = frozenset(English.Abbreviation.NUMBER_ABBREVIATIONS)
# A possible boundary: a full stop, ! ? or … (with closing quotes or brackets) before a space.
_POSSIBLE = re.compile(r"[.!?\u2026][\"'\u201d\u2019)\]]*\s+\S")
_LAST_TOKEN = re.compile(r"(\S+)\s*$")
_DOTTED = re.compile(r"^(?:\(?)(?:[^\W\d_]\.){2,}$")  # U.S. p.m. E.U.
_INITIAL = re.compile(r"^\(?[^\W\d_]\.$")


def _cut_inside(piece: str, following: str) -> bool:
    """Whether the boundary after `piece` falls inside an abbreviation (so the pieces belong together)."""
    last = _LAST_TOKEN.search(piece)
    if last is None:
        return False
    token = last.group(1)
    if not token.endswith("."):
        return False  # "!", "?", a closing quote or bracket after the stop: a real end
    if _DOTTED.match(token) or _INITIAL.match(token):
        return True
    word = token[:-1].lower().lstrip("(")
    if word in _TITLES and following[:1].isupper():
        return True
    return word in _BEFORE_NUMBER and following[:1].isdigit()


@functools.lru_cache(maxsize=1)
def _segmenter() -> pysbd.Segmenter:
    return pysbd.Segmenter(language="en", clean=False)


@functools.lru_cache(maxsize=131072)
def spans(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) spans of the sentences of `text`, whitespace trimmed, in order, covering all of it."""
    stripped = text.strip()
    if not stripped:
        return ()
    lead = len(text) - len(text.lstrip())
    if not _POSSIBLE.search(text, lead, lead + len(stripped)):
        return ((lead, lead + len(stripped)),)
    pieces = _segmenter().segment(text)
    out: list[tuple[int, int]] = []
    at = 0
    joined = False
    for i, piece in enumerate(pieces):
        found = text.find(piece, at)
        start = found if found >= 0 else at
        end = start + len(piece)
        at = end
        a = start + (len(piece) - len(piece.lstrip()))
        b = start + len(piece.rstrip())
        if b <= a:
            continue
        if joined and out:
            out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
        following = pieces[i + 1].lstrip() if i + 1 < len(pieces) else ""
        joined = bool(following) and _cut_inside(piece, following)
    return tuple(out)


def sentences(text: str) -> list[str]:
    """The sentences of `text`, exactly as written."""
    return [text[a:b] for a, b in spans(text)]
