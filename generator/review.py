"""What an editor should look at next: likely matches not yet reviewed, and where sources differ (pure)."""

from __future__ import annotations

from generator import coverage, disagreement, match, readings
from generator.coverage import Coverage
from generator.diagnostic import Diagnostic
from generator.match import labels
from generator.model import Story

SHOWN = 10  # notes of one kind printed one by one; past this, a count


def notes(story: Story, cov: Coverage, differences: dict[str, tuple[disagreement.Difference, ...]]) -> list[Diagnostic]:
    pos = {i.id: i.pos for i in story.items()}
    numbers = {s.id: labels(s.article) for s in story.sources}
    outlets = {s.id: s.outlet for s in story.sources}
    out: list[Diagnostic] = []
    for c in cov.suggestions():
        m = c.suggestion or c.possible
        assert m is not None
        if c.possible is not None:
            out.append(
                Diagnostic(
                    pos[c.item],
                    f"read in full, but may report it: {c.source!r} ({outlets[c.source]}) {m.paragraph} may report "
                    f"{c.kind} {c.item!r} (automatic match, score {m.score:.2f}), and it is shown as not reported",
                    f'"{m.quote}" - cite it as evidence, or mark the source under `absent:` with a note to confirm',
                    "warning",
                )
            )
            continue
        out.append(
            Diagnostic(
                pos[c.item],
                f"not yet reviewed: {c.source!r} ({outlets[c.source]}) {m.paragraph} may report {c.kind} "
                f"{c.item!r} (automatic match, score {m.score:.2f})",
                f'"{m.quote}" - cite it as evidence, or mark the source under `absent:`; '
                f"python -m generator suggest --topic {c.item} --source {c.source} --format yaml",
                "warning",
            )
        )
    for item, found in differences.items():
        for d in found:
            where = ", ".join(f"{p.source} {numbers[p.source].get(p.anchor, '')}" for p, _ in d.readings)
            auto = "" if d.verified else " (involves automatic matches: not shown to readers until quoted)"
            out.append(Diagnostic(pos[item], f"sources differ: {d.summary}{auto}", f"see {where}", "warning"))
    return sorted(out, key=Diagnostic.sort_key)


def of_story(story: Story) -> list[Diagnostic]:
    """The notes of a story on their own, without rendering its pages (for `check`)."""
    cov = coverage.compute(story, match.suggest(story))
    return notes(story, cov, readings.disagreements(story, cov))


def summarize(found: list[Diagnostic], shown: int = SHOWN) -> tuple[list[Diagnostic], str | None]:
    """At most `shown` notes of each kind, and a line counting the rest."""
    kept: list[Diagnostic] = []
    left = {"not yet reviewed": 0, "sources differ": 0}
    seen = {"not yet reviewed": 0, "sources differ": 0}
    for d in found:
        kind = "sources differ" if d.message.startswith("sources differ") else "not yet reviewed"
        seen[kind] += 1
        if seen[kind] <= shown:
            kept.append(d)
        else:
            left[kind] += 1
    if not any(left.values()):
        return kept, None
    parts = []
    if left["not yet reviewed"]:
        parts.append(f"{left['not yet reviewed']} more likely matches not yet reviewed (python -m generator suggest)")
    if left["sources differ"]:
        parts.append(f"{left['sources differ']} more places where sources differ")
    return kept, "and " + "; ".join(parts)
