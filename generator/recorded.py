"""Differences between sources that an editor recorded (`differences:`): the only ones readers see (pure).

What the tool detects itself (`disagreement.py`) stays a review note for editors; an editor who
confirms one records it here, with each source's own words as a verified quote.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from generator.checker import Checker, broken
from generator.model import Account, Difference, Evidence
from generator.yamldoc import Document, Path

Verify = Callable[[Path, dict[str, Any]], Evidence | None]


def recorded(c: Checker, doc: Document, at: Path, raw: dict[str, Any], verify: Verify) -> tuple[Difference, ...]:
    """`differences:` of a topic or event: each with two or more accounts, from two or more sources, all verified."""
    out: list[Difference] = []
    for i, entry in enumerate(raw.get("differences") or []):
        here: Path = (*at, "differences", i)
        if not isinstance(entry, dict) or broken(c.found, doc, here):
            continue
        accounts: list[Account] = []
        for j, acc in enumerate(entry.get("accounts") or []):
            ev = verify((*here, "accounts", j), {**acc, "speaker": "-"})
            if ev is not None:
                accounts.append(Account(ev.source, ev.quote, ev.anchor, doc.at((*here, "accounts", j))))
        sources = {a.source for a in accounts}
        if len(accounts) == len(entry.get("accounts") or []) and len(sources) < 2:
            c.error(
                doc.key_at((*here, "accounts")),
                "a difference between sources needs the words of at least two sources",
                "quote each source's own account of the point",
            )
            continue
        if len(accounts) >= 2 and len(sources) >= 2:
            out.append(Difference(entry["about"], entry["note"], tuple(accounts), doc.at(here)))
    return tuple(out)
