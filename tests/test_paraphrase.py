"""The matcher on two labelled stories, judged by leave-one-article-out (see tests/evaluation.py).

Issue 21's targets, with the curated quotes: at least 95% of clear pairs found, at most 3%
false; from a cold start (titles and summaries only): at least 85% found, at most 5% false;
and better than a plain TF-IDF cosine on every cell. `test_issue_targets` states them per cell:
a cell that meets them fails if it falls below; the others (TARGETS_NOT_MET) are expected to
fail (strict: one fails loudly once it meets them, so its mark is removed);
`test_no_regression_and_more_found_than_tf_idf` holds the figures
of round 4 (bench/RESULTS.md; "with quotes" on Turnberry is the editor's curated story,
examples/eu-us-trade, since round 2). Print the table: `.venv/bin/python bench/bench_paraphrase.py`.
"""

from __future__ import annotations

from collections import Counter

import pytest

from generator import match, related
from tests import evaluation as ev

TARGETS = {"quotes": (0.95, 0.03), "cold": (0.85, 0.05)}
# measured (found, false) per (story, setting), held out: bench/RESULTS.md, "Paraphrase, round 4"
MEASURED = {
    ("first-story", "cold"): (17, 0),
    ("first-story", "quotes"): (17, 0),
    ("eu-us-turnberry", "cold"): (52, 5),
    ("eu-us-turnberry", "quotes"): (56, 5),
}
# cells where TF-IDF makes fewer false matches than the matcher (it also finds fewer): the known gap
TF_IDF_FEWER_FALSE = {("eu-us-turnberry", "cold")}


@pytest.fixture(scope="module")
def judged() -> tuple[ev.Result, ev.Result]:
    ours: list[ev.Pair] = []
    base: list[ev.Pair] = []
    for name in ev.STORIES:
        data = ev.labelled(name)
        ours += ev.pairs(data)
        base += ev.baseline_pairs(data)
    return ev.cross_validate(ours), ev.cross_validate(base, [ev.BASELINE], [9.0])


# the cells that do not meet issue 21's targets yet: strict, so that meeting one fails until it is moved out
TARGETS_NOT_MET = {("first-story", "quotes"), ("eu-us-turnberry", "cold"), ("eu-us-turnberry", "quotes")}


@pytest.mark.parametrize(
    "cell",
    [
        pytest.param(k, marks=pytest.mark.xfail(strict=True, reason="issue 21's target not met (bench/RESULTS.md)"))
        if k in TARGETS_NOT_MET
        else k
        for k in sorted(MEASURED)
    ],
    ids="-".join,
)
def test_issue_targets(judged: tuple[ev.Result, ev.Result], cell: tuple[str, str]) -> None:
    ours, base = judged
    t, b = ours.held_out[cell], base.held_out[cell]
    recall, false = TARGETS[cell[1]]
    assert t.recall >= recall and t.false_rate <= false, f"{cell}: {t.cell()}"
    assert t.found >= b.found and t.false <= b.false, f"{cell}: ours {t.cell()}, TF-IDF {b.cell()}"


def test_no_regression_and_more_found_than_tf_idf(judged: tuple[ev.Result, ev.Result]) -> None:
    ours, base = judged
    assert set(ours.held_out) == set(MEASURED)
    for key, t in ours.held_out.items():
        found, false = MEASURED[key]
        assert t.found >= found and t.false <= false, f"{key}: {t.cell()}"
        b = base.held_out[key]
        assert t.found > b.found, f"{key}: ours {t.cell()}, TF-IDF {b.cell()}"
        assert t.false <= b.false or key in TF_IDF_FEWER_FALSE, f"{key}: ours {t.cell()}, TF-IDF {b.cell()}"


def test_distinct_terms_weigh_a_topic_by_its_own_words(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(match, "DISTINCT", 4.0)  # measured in round 2, shipped off (bench/RESULTS.md)
    own = {"a": Counter({"car": 30, "15pct": 10, "trump": 10}), "b": Counter({"drug": 30, "15pct": 10, "trump": 10})}
    weights = match._distinct(own)
    # a word only one topic uses outweighs one every topic shares alike
    assert weights["a"]["car"] > 2 * weights["a"]["trump"]
    assert weights["a"]["trump"] == pytest.approx(weights["b"]["trump"])


def test_a_percentage_is_one_term_with_its_number() -> None:
    assert match.terms("15%")[0] == match.terms("15 per cent")[0] == match.terms("15 percent")[0]
    assert match.terms("25 per cent")[0] != match.terms("15%")[0]
    assert "cent" not in match.terms("a 15 per cent tariff")


def test_related_words_come_from_general_word_vectors() -> None:
    near = related.neighbours(
        {"truce": {"truce"}, "aluminum": {"aluminum"}}, {"ceasefir": {"ceasefire"}, "aluminium": {"aluminium"}}, 0.8
    )
    assert [t for t, _ in near["truce"]] == ["ceasefir"]
    assert [t for t, _ in near["aluminum"]] == ["aluminium"]
    # the most frequent words relate to nothing: "came" and "took" are close in any corpus
    assert related.neighbours({"came": {"came"}}, {"took": {"took"}}, 0.5) == {}


def test_word_rows_are_glove_s_first_row_of_each_word() -> None:
    loaded = related._vectors()
    assert loaded is not None
    names = loaded[0].to_pylist()
    first: dict[str, int] = {}
    for row, name in enumerate(names):
        first.setdefault(name, row)
    wanted = sorted({*names[::997], *names[:50], names[-1], "no-such-word-here", "truce", "ceasefire"})
    assert related._rows(wanted) == {w: first[w] for w in wanted if w in first}
    assert related._rows([]) == {}


def test_a_topic_owns_the_words_of_its_title_and_summary_no_sibling_has() -> None:
    from generator.model import Position, Topic

    def topic(id_: str, title: str, summary: str) -> Topic:
        return Topic(id_, title, "open", summary, (), (), None, Position("story.yml", 1, 1))

    items = [
        topic("harbour", "Harbour fees", "Ships pay a 10% fee, Anna van Dijk said in Rotterdam."),
        topic("rail", "Rail fares", "A 10% rise in fares for commuters"),
    ]
    own = match._own(items, frozenset())
    assert {"harbor", "fee", "ship"} <= own[0] and "10pct" not in own[0]
    assert "commut" in own[1] and "fare" in own[1] and "10pct" not in own[1]
    # names in a summary say who and where, not what: not a topic's own (its title is kept whole)
    assert not {"anna", "van", "dijk", "rotterdam"} & own[0]


def test_a_sentence_counts_for_each_topic_it_names_and_not_for_one_it_only_shares_words_with() -> None:
    import numpy as np

    score = np.array([0.9, 0.2, 0.3])  # the best topic, one named in passing, one sharing common words only
    rival = np.array([0.9, 0.9, 0.9])
    own = np.array([0.1, 0.1, 0.0])
    others_named = np.array([True, True, True])
    assert match.topic_share(score, rival, own, others_named, 0.7, 0.06).tolist() == [True, True, False]
    # with nothing named, the relative rule alone decides
    assert match.topic_share(score, rival, np.zeros(3), np.zeros(3, bool), 0.7, 0.06).tolist() == [True, False, False]


def test_a_topic_definition_weighs_its_words_without_their_rarity() -> None:
    """A title and summary weigh each word by how few topics share it, not by how rare it is among sentences."""
    data = ev.labelled("first-story")
    s = ev.cold(data.story)
    pool = [p for src in s.sources for p in match.passages(src.id, src.article)]
    known = frozenset(t for p in pool for t in p.terms if "_" not in t and not t.startswith(match.PLACE))
    idf = match._idf(pool)
    doubled = {t: 2 * v for t, v in idf.items()}
    plain, scaled = match._units(s.items(), s, idf, known), match._units(s.items(), s, doubled, known)
    assert [u.vec for u in plain] == [u.vec for u in scaled]
    # a quote is a reporter's sentence: its rare words count double when rarity does
    q = data.curated
    plain, scaled = match._units(q.items(), q, idf, known), match._units(q.items(), q, doubled, known)
    assert [u.vec for u in plain] != [u.vec for u in scaled]


def test_a_sentence_carries_a_share_of_its_neighbours_in_the_paragraph(monkeypatch: pytest.MonkeyPatch) -> None:
    import numpy as np

    data = ev.labelled("eu-us-turnberry")
    s, source = data.setting("cold", "euronews_daily8.txt")
    monkeypatch.setattr(match, "CONTEXT", 0.0)
    alone = match.score(s, [source])
    monkeypatch.setattr(match, "CONTEXT", 0.5)
    around = match.score(s, [source])
    mine, before = alone.by_source[source]
    _, after = around.by_source[source]
    anchors = [alone.pool[n].block.anchor for n in mine]
    single = np.array([anchors.count(a) == 1 for a in anchors])
    assert single.any() and (~single).any()
    assert np.allclose(after[single], before[single])  # a sentence alone in its paragraph: unchanged
    assert (after[~single] >= before[~single] - 1e-12).all() and (after[~single] > before[~single]).any()
