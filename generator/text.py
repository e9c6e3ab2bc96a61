"""Text normalisation shared by quote checking and comparison (pure functions)."""

from __future__ import annotations

import re
import unicodedata

# Typography only: the characters editors and outlets swap freely.
_TYPOGRAPHY = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u0060": "'",
        "\u00b4": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\u00a0": " ",
        "\u2007": " ",
        "\u202f": " ",
        "\u2009": " ",
        "\u200a": " ",
        "\u2026": "...",
    }
)
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_SPACES = re.compile(r"\s+")
_DOUBLED_SINGLE = re.compile(r"''")


def normalize_typography(text: str) -> str:
    """Fold quotes, apostrophes, dashes, spaces and ellipses; nothing else changes.

    Two single quotes (``''``), as some scrapers write a double quote, count as one ``"``.
    """
    text = unicodedata.normalize("NFC", text)
    text = _INVISIBLE.sub("", text)
    text = text.translate(_TYPOGRAPHY)
    text = _DOUBLED_SINGLE.sub('"', text)
    return _SPACES.sub(" ", text).strip()


_WORD = re.compile(r"[^\W_]+(?:['.][^\W_]+)*\.?", re.UNICODE)

# British -> American endings; compared after lower-casing. Deliberately small and generic.
_SPELLING = (
    (re.compile(r"isation(s?)$"), r"ization\1"),
    (re.compile(r"is(e|ed|es|ing)$"), r"iz\1"),
    (re.compile(r"yse(d|s)?$"), r"yze\1"),
    (re.compile(r"our(s|ed|ing|ite|ites)?$"), r"or\1"),
    (re.compile(r"([^e])tre(s?)$"), r"\1ter\2"),
    (re.compile(r"ogue(s?)$"), r"og\1"),
    (re.compile(r"ence$"), r"ense"),
    (re.compile(r"ll(ed|ing|er)$"), r"l\1"),
)


def words(text: str) -> list[str]:
    """Words as written (case kept), punctuation dropped; apostrophes and inner dots stay."""
    return [
        m.group(0).rstrip(".") if m.group(0).count(".") == 1 else m.group(0)
        for m in _WORD.finditer(normalize_typography(text))
    ]


def fold_word(word: str) -> str:
    """A word's spelling-insensitive key: case, dots in abbreviations and British endings folded."""
    w = word.lower().replace(".", "").replace("'", "")
    if len(w) > 5:
        for pattern, repl in _SPELLING:
            new = pattern.sub(repl, w)
            if new != w:
                return new
    return w


def folded_words(text: str) -> list[str]:
    return [fold_word(w) for w in words(text)]


def find_span(haystack: str, needle: str) -> tuple[int, int] | None:
    """Where `needle` occurs in `haystack` comparing typography-normalised text, as indices into `haystack`."""
    exact = haystack.find(needle) if needle else -1
    if exact >= 0:
        return exact, exact + len(needle)
    norm: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(haystack):
        folded = normalize_typography(ch) if not ch.isspace() else " "
        if _INVISIBLE.fullmatch(ch):
            continue
        for piece in folded or (" " if ch.isspace() else ""):
            if piece == " " and norm and norm[-1] == " ":
                continue
            norm.append(piece)
            origin.append(i)
    text = "".join(norm)
    target = normalize_typography(needle)
    at = text.find(target)
    if not target or at < 0:
        return None
    end = at + len(target) - 1
    return origin[at], origin[end] + 1
