"""Who is speaking: names that mean the same speaker folded to one key (pure, after the data is read once).

A country, its adjective and its capital are one speaker ("U.S.", "American", "Washington"), from a general
resource (the `countryinfo` package's data: names, alternative spellings, demonyms, capitals, ISO codes of every
country).
A story's sides add their own names (`story.sides[].label` and `aliases`): a side whose names include a
country's takes all of that country's names too. Roles ("readout", "spokesperson", "officials") and
possessives are not part of a name: "the Ministry's readout" and "a Ministry statement" are the Ministry.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable, Sequence
from importlib import resources

_ROLE = re.compile(
    r"\b(?:readout|statement|spokes(?:person|man|woman|people)|press\s+(?:secretary|office|service)|officials?"
    r"|aides?|sources?|account|summary|transcript|post|delegation|government|administration|leader|president"
    r"|office|ministry|team)s?\b",
    re.I,
)
_LEAD = re.compile(r"^(?:the|a|an|his|her|its|their)\s+", re.I)
_CODE = re.compile(r"(?:[A-Z]\.){2,}|[A-Z]{2,3}")


def _fold(name: str) -> str:
    """Lower-cased, dots and possessives dropped, spaces single: "the U.S.'s" -> "us"."""
    name = name.replace("\u2019", "'")
    name = re.sub(r"'s?\b", "", name)
    return " ".join(name.replace(".", "").lower().split())


@functools.lru_cache(maxsize=1)
def countries() -> tuple[tuple[str, ...], ...]:
    """Each country's names, its usual name first, most populous country first (a name two countries
    share, such as a demonym, then means the first): from the `countryinfo` package's data (pinned),
    read here without its lookup code: name, other spellings, demonym, capital and ISO codes."""
    out: list[tuple[int, tuple[str, ...]]] = []
    for entry in resources.files("countryinfo").joinpath("data").iterdir():
        if not entry.name.endswith(".json"):
            continue
        data = json.loads(entry.read_text(encoding="utf-8"))
        names = [data.get("name") or "", *(data.get("altSpellings") or []), data.get("demonym") or ""]
        capitals = data.get("capital") or []
        for capital in capitals if isinstance(capitals, list) else [capitals]:
            if isinstance(capital, str):
                names += [capital, re.sub(r"\s+D\.?C\.?$", "", capital)]
        iso = data.get("ISO") or {}
        names += [iso.get("alpha2") or "", iso.get("alpha3") or ""]
        kept = tuple(dict.fromkeys(n.strip() for n in names if isinstance(n, str) and n.strip()))
        if kept:
            out.append((-int(data.get("population") or 0), kept))
    return tuple(names for _, names in sorted(out))


class Speakers:
    """Folds a speaker's name to a key: "side:ID" for a story side, "country:NAME", else the name itself."""

    def __init__(self, sides: Iterable[tuple[str, Sequence[str]]] = ()) -> None:
        self._exact: dict[str, str] = {}  # all-caps codes ("US", "UK"), matched as written
        self._names: dict[str, str] = {}  # folded names, matched as whole words
        groups = [(f"country:{names[0]}", names) for names in countries()]
        sides = list(sides)
        side_of: dict[str, str] = {}
        for side, names in sides:
            for n in names:
                side_of[_fold(_LEAD.sub("", n))] = f"side:{side}"
        for key, names in groups:  # a country that is (part of) a side belongs to it
            folded = {_fold(n) for n in names if not _CODE.fullmatch(n)} | {n.lower() for n in names}
            owner = next((side_of[f] for f in sorted(folded) if f in side_of), key)
            for n in names:
                self._add(n, owner)
        for side, names in sides:
            for n in names:
                self._add(n, f"side:{side}", override=True)

    def _add(self, name: str, key: str, override: bool = False) -> None:
        if _CODE.fullmatch(name) and "." not in name:
            self._exact.setdefault(name, key) if not override else self._exact.__setitem__(name, key)
        folded = _fold(_LEAD.sub("", name))
        short_code = _CODE.fullmatch(name) and "." not in name and len(folded) <= 2 and not override
        if len(folded) >= 2 and not short_code and (override or folded not in self._names):
            self._names[folded] = key

    def key(self, name: str) -> str:
        """The speaker `name` is: a side's or a country's key when one of their names is in it, else the name
        without roles and articles, lower-cased ("steve witkoff"); "" for a role alone ("officials")."""
        bare = _LEAD.sub("", re.sub(r"\s+of\s+the\s+\w+$", "", name.strip()))  # "readout of the call"
        for word in re.findall(r"(?:[A-Z]\.){2,}|\b[A-Z]{2,3}\b", bare):
            if word.replace(".", "") in self._exact or word in self._exact:
                return self._exact.get(word) or self._exact[word.replace(".", "")]
        folded = _fold(bare)
        words = folded.split()
        for size in range(len(words), 0, -1):  # the longest name inside it: "the white house press office"
            for i in range(len(words) - size + 1):
                hit = self._names.get(" ".join(words[i : i + size]))
                if hit:
                    return hit
        if _ROLE.search(bare) and not re.search(r"\b[A-Z]", _ROLE.sub("", bare)):
            return ""  # a role alone, however qualified: "a senior official", "officials"
        return _fold(_ROLE.sub("", bare))

    def same(self, a: str, b: str) -> bool:
        """One speaker: the same key, one name ending the other ("witkoff", "steve witkoff"), or a role alone."""
        ka, kb = self.key(a), self.key(b)
        if not ka or not kb or ka == kb:
            return True
        if ka.startswith(("side:", "country:")) or kb.startswith(("side:", "country:")):
            return False
        return ka.endswith(" " + kb) or kb.endswith(" " + ka)
