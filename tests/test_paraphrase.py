"""The matcher on two labelled stories, judged by leave-one-article-out (see tests/evaluation.py).

Issue 21's targets, with the curated quotes: at least 95% of clear pairs found, at most 3%
false; from a cold start (titles and summaries only): at least 85% found, at most 5% false;
and better than a plain TF-IDF cosine on every cell. `test_issue_targets` states the targets
and is expected to fail until the matcher meets them (strict: it fails loudly once it does,
so the mark is removed); `test_no_regression` holds the figures measured on 2026-12-07.
"""

from __future__ import annotations

import pytest

from generator import related
from tests import evaluation as ev

TARGETS = {"quotes": (0.95, 0.03), "cold": (0.85, 0.05)}
# measured (found, false) per (story, setting), held out: bench/RESULTS.md, "Paraphrase (issue 21)"
MEASURED = {
    ("first-story", "cold"): (15, 0),
    ("first-story", "quotes"): (16, 0),
    ("eu-us-turnberry", "cold"): (44, 6),
    ("eu-us-turnberry", "quotes"): (45, 6),
}


@pytest.fixture(scope="module")
def judged() -> tuple[ev.Result, ev.Result]:
    ours: list[ev.Pair] = []
    base: list[ev.Pair] = []
    for name in ev.STORIES:
        data = ev.labelled(name)
        ours += ev.pairs(data)
        base += ev.baseline_pairs(data)
    return ev.cross_validate(ours), ev.cross_validate(base, [1.0])


@pytest.mark.xfail(strict=True, reason="issue 21's targets are not met yet (bench/RESULTS.md)")
def test_issue_targets(judged: tuple[ev.Result, ev.Result]) -> None:
    ours, base = judged
    for (name, setting), t in ours.held_out.items():
        recall, false = TARGETS[setting]
        assert t.recall >= recall and t.false_rate <= false, f"{name} {setting}: {t.cell()}"


def test_no_regression_and_better_than_tf_idf(judged: tuple[ev.Result, ev.Result]) -> None:
    ours, base = judged
    assert set(ours.held_out) == set(MEASURED)
    for key, t in ours.held_out.items():
        found, false = MEASURED[key]
        assert t.found >= found and t.false <= false, f"{key}: {t.cell()}"
        b = base.held_out[key]
        assert t.found >= b.found and t.false <= b.false and (t.found, -t.false) > (b.found, -b.false), (
            f"{key}: ours {t.cell()}, TF-IDF {b.cell()}"
        )


def test_related_words_come_from_general_word_vectors() -> None:
    near = related.neighbours(
        {"truce": {"truce"}, "aluminum": {"aluminum"}}, {"ceasefir": {"ceasefire"}, "aluminium": {"aluminium"}}, 0.8
    )
    assert [t for t, _ in near["truce"]] == ["ceasefir"]
    assert [t for t, _ in near["aluminum"]] == ["aluminium"]
    # the most frequent words relate to nothing: "came" and "took" are close in any corpus
    assert related.neighbours({"came": {"came"}}, {"took": {"took"}}, 0.5) == {}
