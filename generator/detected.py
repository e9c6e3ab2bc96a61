"""`differences` output: detected differences as text, or as `differences:` entries ready to paste (pure).

Each entry has the shape of story.yml's `differences:` on a topic or event (`about`, `note`, `accounts` of
`source` and `quote`); each quote is the exact sentence of its source, so the quote check passes as pasted.
What the detector found is a suggestion: an editor decides whether it is a difference and rewrites the note.
"""

from __future__ import annotations

from collections.abc import Mapping

import yaml

from generator import disagreement
from generator.model import Story

ABOUT = {"date": "date", "duration": "duration", "count": "number", "number": "number"}
ABOUT |= {"attribution": "speaker", "polarity": "occurrence", "scope": "scope", "certainty": "occurrence"}


def entry(d: disagreement.Difference) -> dict[str, object]:
    """One `differences:` entry: one account per passage, in input order."""
    accounts = [{"source": p.source, "quote": p.text} for p, _ in d.readings]
    return {"about": ABOUT[d.aspect], "note": d.summary, "accounts": accounts}


def render(story: Story, found: Mapping[str, tuple[disagreement.Difference, ...]], fmt: str) -> str:
    items = {i.id: i for i in story.items()}
    out: list[str] = []
    for item_id in (i.id for i in story.items() if i.id in found):
        pos = items[item_id].pos
        if fmt == "yaml":
            out.append(f"# {item_id} ({pos.path}:{pos.line}): paste what is a difference under its `differences:`")
            text = yaml.safe_dump([entry(d) for d in found[item_id]], allow_unicode=True, sort_keys=False, width=10_000)
            out.append(text.rstrip("\n"))
            continue
        out.append(f"{item_id} ({pos.path}:{pos.line}:{pos.col or 1})")
        for d in found[item_id]:
            auto = "" if d.verified else " [involves automatic matches]"
            out.append(f"  {ABOUT[d.aspect]}: {d.summary}{auto}")
            for p, _ in d.readings:
                out.append(f"    {p.source}: {p.text}")
    if not out:
        return "# no detected differences left to review\n" if fmt == "yaml" else ""
    return "\n".join(out) + "\n"
