"""The paraphrase matcher on the two labelled stories: the held-out table, the TF-IDF baseline, the separation.

    .venv/bin/python bench/bench_paraphrase.py

The same measurement as tests/test_paraphrase.py (tests/evaluation.py), printed as a table.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests import evaluation as ev  # noqa: E402


def separation(pairs: list[ev.Pair], params: ev.Params) -> str:
    """Quantiles of each pair's best sentence that may be likely under `params` (0 when none may)."""
    out = []
    for key in sorted({(p.story, p.setting) for p in pairs}):
        mine = [p for p in pairs if (p.story, p.setting) == key]
        clear = np.array([max(ev.reach(p, params), 0.0) for p in mine if p.clear])
        neg = np.array([max(ev.reach(p, params), 0.0) for p in mine if not p.clear])
        cells = (*np.quantile(clear, [0.0, 0.1, 0.25, 0.5]), *np.quantile(neg, [0.5, 0.9, 0.95, 1.0]))
        out.append(f"| {key[0]} | {key[1]} | " + " | ".join(f"{x:.3f}" for x in cells) + " |")
    return "\n".join(out)


def wilson(k: int, n: int, z: float = 1.96) -> str:
    """The 95% Wilson score interval of k successes in n trials, as "lo-hi%"."""
    if not n:
        return "-"
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return f"{max(centre - half, 0.0):.0%}-{min(centre + half, 1.0):.0%}"


def one_story_out(
    pairs: list[ev.Pair], scorings: list[ev.Scoring], rescues: list[float]
) -> dict[tuple[str, str], ev.Tally]:
    """Each story judged with the values chosen on the other story's articles alone: a story nobody tuned on."""
    out = {}
    for held in sorted({p.story for p in pairs}):
        params = ev.choose([p for p in pairs if p.story != held], scorings, rescues)
        for setting in ("cold", "quotes"):
            mine = [p for p in pairs if p.story == held and p.setting == setting]
            out[held, setting] = ev.tally([(p, p.likely(*params)) for p in mine])
    return out


def main() -> None:
    start = time.perf_counter()
    ours: list[ev.Pair] = []
    base: list[ev.Pair] = []
    for name in ev.STORIES:
        data = ev.labelled(name)
        ours += ev.pairs(data)
        base += ev.baseline_pairs(data)
    mine, theirs = ev.cross_validate(ours), ev.cross_validate(base, [ev.BASELINE], [9.0])
    print("| story | setting | matcher | TF-IDF |\n|---|---|---|---|")
    for key, t in mine.held_out.items():
        print(f"| {key[0]} | {key[1]} | {t.cell()} | {theirs.held_out[key].cell()} |")
    print("\n95% Wilson intervals of the matcher's held-out rates (pairs of one article are not independent:")
    print("the true uncertainty is wider)\n| story | setting | found | false |\n|---|---|---|---|")
    for key, t in mine.held_out.items():
        print(f"| {key[0]} | {key[1]} | {wilson(t.found, t.clear)} | {wilson(t.false, t.negatives)} |")
    print("\nLeave one story out: each story judged with the values chosen on the other story alone")
    print("| story | setting | matcher | TF-IDF |\n|---|---|---|---|")
    lo, lo_base = (
        one_story_out(ours, list(ev.SCORINGS), list(ev.RESCUE_GRID)),
        one_story_out(base, [ev.BASELINE], [9.0]),
    )
    for key, t in lo.items():
        print(f"| {key[0]} | {key[1]} | {t.cell()} | {lo_base[key].cell()} |")
    print("\nchosen per held-out article:", sorted(set(mine.chosen)))
    print("chosen on all articles:", mine.final, "TF-IDF:", theirs.final)
    print("\nBest eligible sentence per pair (chosen on all articles): quantiles of clear and not-reported pairs")
    print("| story | setting | clear min | 10% | 25% | median | not reported median | 90% | 95% | max |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    print(separation(ours, mine.final))
    print(f"\n{time.perf_counter() - start:.1f} s")


if __name__ == "__main__":
    main()
