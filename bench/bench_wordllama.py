"""A trained sentence embedding beside the matcher's terms: WordLlama (measurement only).

    PYTHONPATH=.:/tmp/wl-site .venv/bin/python bench/bench_wordllama.py

WordLlama's `l2_supercat` model (256 dimensions, MIT licence) ships its weights and tokenizer
inside the `wordllama` wheel on PyPI: nothing is fetched from a model hub. It is a static
embedding (a learned vector per token, averaged), trained for sentence similarity. It is not a
dependency of the project; set-up used for the figures in bench/RESULTS.md:

    .venv/bin/pip install --target /tmp/wl-site wordllama==0.4.0.post1
    # then delete from /tmp/wl-site what the venv already has (numpy, yaml, packaging,
    # requests, certifi, idna, charset_normalizer, click, urllib3), so that the venv's are used

Its loader looks for the packaged tokenizer under `tokenizer/` but the wheel has it under
`tokenizers/`; pointing its cache folder at the package's own folder finds both files.

Nothing in `generator/` changes. `match.score` is wrapped for the run: each topic's score in
each sentence gains BLEND x max(0, cosine - FLOOR), the cosine between the sentence's
embedding and the best of the topic's texts (`match.profile_texts`, as its terms are). The
pairs are then judged by tests/evaluation.py's leave-one-article-out cross-validation, with
(BLEND, FLOOR) in the grid beside the shipped scorings, so the cross-validation may turn it off;
each (BLEND, FLOOR) alone is also cross-validated. It prints, per story and setting, the AUC
(clear against not-reported pairs) of the shipped score, of the embedding alone, and the
held-out tallies.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator import match  # noqa: E402
from generator.model import Story  # noqa: E402
from tests import evaluation as ev  # noqa: E402

BLENDS = ((0.0, 0.0), (0.2, 0.0), (0.4, 0.0), (0.3, 0.1), (0.6, 0.1), (1.0, 0.1))
state = {"blend": 0.0, "floor": 0.0}
SHIPPED = match.score
PLAIN = ev.scoring  # the shipped scorings' context, kept before patching


@lru_cache(maxsize=1)
def _model() -> Any:
    import wordllama
    from wordllama import WordLlama

    return WordLlama.load(cache_dir=Path(wordllama.__file__).parent, disable_download=True)


@lru_cache(maxsize=200_000)
def _vector(text: str) -> Any:
    return _model().embed([text], norm=True)[0]


def _matrix(texts: list[str]) -> Any:
    return np.array([_vector(t) for t in texts]) if texts else np.zeros((0, 256))


def meaning(scores: match.Scores, story: Story, mine: list[int]) -> Any:
    """Sentence x scored item: the best cosine of each sentence with any of the item's texts."""
    sentences = _matrix([scores.pool[n].quote for n in mine])
    out = np.zeros((len(mine), len(scores.scored)))
    for k, i in enumerate(scores.scored):
        texts = [t for t, _ in match.profile_texts(scores.items[i], story)]
        if texts:
            out[:, k] = (sentences @ _matrix(texts).T).max(axis=1)
    return out


def blended(story: Story, sources: Any = None) -> match.Scores:
    scores = SHIPPED(story, sources)
    if state["blend"] <= 0:
        return scores
    for source, (mine, per_item) in scores.by_source.items():
        extra = np.maximum(meaning(scores, story, mine) - state["floor"], 0.0)
        scores.by_source[source] = (mine, per_item + state["blend"] * extra)
    return scores


Value = tuple[float, float, float, float, float]  # (SIMILAR, PIVOT, CONTEXT, BLEND, FLOOR)


@contextmanager
def scoring(value: Value) -> Iterator[None]:
    with PLAIN(value[:3]):
        state["blend"], state["floor"] = value[3:]
        try:
            yield
        finally:
            state["blend"], state["floor"] = 0.0, 0.0


def auc(pos: list[float], neg: list[float]) -> float:
    p, n = np.asarray(pos)[:, None], np.asarray(neg)[None, :]
    return float(((p > n).sum() + 0.5 * (p == n).sum()) / (p.size * n.size))


def main() -> None:
    match.score = blended  # type: ignore[assignment]
    ev.scoring = scoring  # type: ignore[assignment]
    grid = tuple((*s, *b) for s in ev.SCORINGS for b in BLENDS)
    pairs: list[ev.Pair] = []
    for name in ev.STORIES:
        pairs += ev.pairs(ev.labelled(name), grid)
    ev.scoring = PLAIN

    shipped = (0.8, 0.3, 0.5, 0.0, 0.0)
    alone = (0.8, 0.3, 0.5, 0.2, 0.0)  # the term score plus 0.2 x the cosine (where positive)
    print("AUC, clear against not reported: | story | setting | shipped score | embedding alone |")
    for key in sorted({(p.story, p.setting) for p in pairs}):
        mine = [p for p in pairs if (p.story, p.setting) == key]
        ship = {id(p): p.scores[shipped][0] for p in mine}
        emb = {id(p): (p.scores[alone][0] - ship[id(p)]) / 0.2 for p in mine}
        cells = [
            auc([float(d[id(p)].max()) for p in mine if p.clear], [float(d[id(p)].max()) for p in mine if not p.clear])
            for d in (ship, emb)
        ]
        print(f"| {key[0]} | {key[1]} | {cells[0]:.3f} | {cells[1]:.3f} |")

    def line(label: str, result: ev.Result) -> None:
        cells = {k: (t.found, t.false) for k, t in result.held_out.items()}
        total = (sum(t.found for t in result.held_out.values()), sum(t.false for t in result.held_out.values()))
        print(f"{label}: {cells} total {total[0]}/{total[1]}")

    print("\nHeld out (found, false):")
    both = ev.cross_validate(pairs, grid)
    line("(BLEND, FLOOR) in the grid", both)
    print("  chosen per held-out article:", Counter(p[0][3:] for p in both.chosen))
    for b in BLENDS:
        line(f"(BLEND, FLOOR) = {b}", ev.cross_validate(pairs, [g for g in grid if g[3:] == b]))


if __name__ == "__main__":
    main()
