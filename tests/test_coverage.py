"""Coverage across independently written articles: states, the matcher, suggest, same-fact pairs."""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest
import yaml

from generator import align, coverage, match, quotes, render, seeds, story
from generator.model import Absence, Position
from tests.conftest import PROJECTS
from tests.project import copy_project, run
from tests.quality import LABELLED, measure

# What the matcher reaches on the four labelled development articles with the story's quotes
# (see bench/RESULTS.md; the targets, judged by leave-one-article-out on two stories,
# are in tests/test_paraphrase.py): a regression below this fails.
MIN_RECALL = 16 / 18  # 16/18, 0/24 measured since sentences are cut by pySBD (no regression below it; the
# issue's targets are held by tests/test_paraphrase.py)
MAX_FALSE = 0.03
MIN_PASSAGE = 0.9


@pytest.fixture(scope="module")
def labelled() -> story.Story:
    built, _ = story.build(seeds.read(LABELLED))
    return built


def test_matcher_quality_on_labelled_articles() -> None:
    q = measure()
    assert q.clear == 18 and q.negatives == 24
    assert q.recall >= MIN_RECALL, f"{q.line()}; missed {q.misses}"
    assert q.false_rate <= MAX_FALSE, f"{q.line()}; false {q.false_matches}"
    assert q.passage_rate >= MIN_PASSAGE, f"{q.line()}; wrong passages {q.wrong_passages}"


def test_every_suggested_quote_passes_the_quote_check(labelled: story.Story) -> None:
    found = match.suggest(labelled)
    assert found
    for m in found:
        block = quotes.locate(m.quote, labelled.source(m.source).article)
        assert block is not None and block.anchor == m.anchor, m


def test_suggest_is_deterministic_and_skips_cited_and_absent(labelled: story.Story) -> None:
    first = match.suggest(labelled)
    assert first == match.suggest(labelled)
    cited = {(i.id, e.source) for i in [*labelled.topics, *labelled.events] for e in i.evidence}
    assert not [m for m in first if (m.item, m.source) in cited]
    topic = labelled.topic("hockey-matches")
    marked = replace(topic, absent=(Absence("inquirer-report", None, Position("x")),))
    edited = replace(labelled, topics=tuple(marked if t.id == "hockey-matches" else t for t in labelled.topics))
    assert not [m for m in match.suggest(edited) if m.item == "hockey-matches" and m.source == "inquirer-report"]


def test_sentences_keep_abbreviations_and_cover_the_text() -> None:
    text = 'The U.S. said so. "We agree," Mr. Smith said! Then J. Doe left? Yes.'
    spans = match.sentences(text)
    assert [text[a:b] for a, b in spans] == [
        "The U.S. said so.",
        '"We agree," Mr. Smith said!',
        "Then J. Doe left?",
        "Yes.",
    ]


def test_terms_fold_spelling_stems_numbers_and_synonyms() -> None:
    assert match.terms("mobilisation")[0] == match.terms("mobilize")[0]
    assert match.terms("thirty")[0] == "30"
    assert "~ukrain" in match.terms("Ukrainian") and "~europ" in match.terms("European")
    # a demonym's place stems count only where the story's text uses them, and once
    known = frozenset({"europ", "canada"})
    assert match.resolve(Counter(match.terms("European")), known)["europ"] == 1
    assert "canada" in match.resolve(Counter(match.terms("Canadians")), known)
    assert not any(t.startswith("~") for t in match.resolve(Counter(match.terms("Ukrainian")), known))
    # words near each other pair in either order; an idiom counts as its meaning
    assert "meet_minist" in match.terms("ministers will meet") and "meet_minist" in match.terms("meet the ministers")
    assert match.terms("the of and") == []


def test_coverage_states_and_download(labelled: story.Story) -> None:
    cov = coverage.compute(labelled, match.suggest(labelled))
    cell = cov.cell("energy-strikes-pause", "moscow-times-wire")
    assert cell.state is coverage.State.QUOTED and cell.paragraph and cell.paragraph.startswith("¶")
    assert cov.cell("hockey-matches", "inquirer-report").state is coverage.State.UNREVIEWED
    assert cov.cell("energy-strikes-pause", "inquirer-report").suggestion is not None  # likely, but still unreviewed
    assert cov.cell("energy-strikes-pause", "inquirer-report").state is coverage.State.UNREVIEWED
    records = coverage.records(cov)
    assert len(records) == (len(labelled.topics) + len(labelled.events)) * len(labelled.sources)
    assert {r["state"] for r in records} <= {"quoted", "absent", "unreviewed"}
    assert all(r["paragraph"] is None for r in records if r["state"] != "quoted")


def test_pages_never_say_not_reported_without_an_editor(labelled: story.Story) -> None:
    pages = render.pages(labelled)  # no absences in this story: nothing may read as "not reported"
    for name, text in pages.items():
        if name.endswith(".md"):
            assert "Not covered" not in text and "cov--absent" not in text, name
    assert "automatic match" in pages["sources/index.md"]


def test_same_fact_pairs_for_independent_articles_only_touch_unpaired_blocks(labelled: story.Story) -> None:
    site = render.Site(labelled)
    by_pair = {(c.a, c.b): c for c in site.comparisons}
    independent = by_pair[("moscow-times-wire", "inquirer-report")]
    same = [p for p in independent.pairs if p.kind is align.PairClass.SAME_FACT]
    assert len(same) >= 3 and all(p.fact and p.a and p.b for p in same)
    copy = by_pair[("moscow-times-wire", "newsfinale-copy")]
    plain = align.compare(
        "moscow-times-wire",
        labelled.source("moscow-times-wire").article,
        "newsfinale-copy",
        labelled.source("newsfinale-copy").article,
    )
    kept = [p for p in copy.pairs if p.kind is not align.PairClass.SAME_FACT]
    assert [p for p in kept if p.a and p.b] == [p for p in plain.pairs if p.a and p.b]
    assert copy.share_a_in_b == plain.share_a_in_b


def test_absent_is_validated_with_positions(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "p", LABELLED)
    path = root / "seeds" / "story.yml"
    text = path.read_text(encoding="utf-8")
    text = text.replace(
        "  - id: hockey-matches\n",
        "  - id: hockey-matches\n    absent: [inquirer-reprot, moscow-times-wire, inquirer-report, inquirer-report]\n",
        1,
    )
    path.write_text(text, encoding="utf-8")
    result = run(root, "check")
    assert result.returncode == 1
    err = result.stderr
    assert re.search(r"seeds/story\.yml:\d+:\d+: error: unknown source 'inquirer-reprot'", err)
    assert "did you mean 'inquirer-report'?" in err
    assert "source 'moscow-times-wire' is marked absent but is quoted as evidence here" in err
    assert "source 'inquirer-report' is marked absent twice" in err
    assert "Traceback" not in err


def test_suggest_cli_json_yaml_and_paste_passes_check(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "p", LABELLED)
    out = run(root, "suggest", "--format", "json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data and {"item", "source", "paragraph", "quote", "score", "likely"} <= set(data[0])
    only = json.loads(
        run(
            root, "suggest", "--format", "json", "--source", "inquirer-report", "--topic", "energy-strikes-pause"
        ).stdout
    )
    assert only and {(d["item"], d["source"]) for d in only} == {("energy-strikes-pause", "inquirer-report")}
    pasted = run(root, "suggest", "--format", "yaml", "--topic", "energy-strikes-pause", "--source", "inquirer-report")
    entries = yaml.safe_load(pasted.stdout)
    assert entries and all(e["source"] == "inquirer-report" for e in entries)
    story_file = root / "seeds" / "story.yml"
    text = story_file.read_text(encoding="utf-8")
    at = text.index("    evidence:\n", text.index("  - id: energy-strikes-pause\n")) + len("    evidence:\n")
    block = "".join("      " + line + "\n" for line in pasted.stdout.splitlines())
    story_file.write_text(text[:at] + block + text[at:], encoding="utf-8")
    checked = run(root, "check", "--quiet")
    assert checked.returncode == 0, checked.stderr
    assert "not yet reviewed" not in checked.stderr
    assert run(root, "suggest", "--topic", "nope").returncode == 2


def test_check_warns_about_unreviewed_matches_with_positions(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "p", LABELLED)
    out = run(root, "check")
    assert out.returncode == 0, out.stderr
    assert re.search(r"seeds/story\.yml:\d+:\d+: warning: not yet reviewed: 'inquirer-report'", out.stderr)
    assert "more likely matches not yet reviewed" in out.stderr  # many: a count after the first ones
    assert "not yet reviewed" not in run(root, "check", "--quiet").stderr


def test_scores_are_the_best_cosine_of_any_unit(labelled: story.Story, monkeypatch: pytest.MonkeyPatch) -> None:
    """The matrix product in `suggest` gives what a direct cosine over each unit gives (exact words)."""
    monkeypatch.setattr(match, "SIMILAR", 1.0)
    monkeypatch.setattr(match, "CONTEXT", 0.0)  # each sentence alone, as computed below
    pool = [p for s in labelled.sources for p in match.passages(s.id, s.article)]
    known = frozenset(t for p in pool for t in p.terms if "_" not in t and not t.startswith(match.PLACE))
    pool = [replace(p, terms=match.resolve(p.terms, known)) for p in pool]
    idf = match._idf(pool)
    items = labelled.items()
    units = match._units(items, labelled, idf, known)
    vectors = {(p.source, p.quote): {t: (1 + math.log(c)) * idf[t] for t, c in p.terms.items()} for p in pool}
    pivot = sum(match._norm(v) for v in vectors.values()) / len(vectors)
    found = match.suggest(labelled)
    assert len(found) > 50
    for m in found[::7]:
        vec = vectors[m.source, m.quote]
        norm = (1 - match.PIVOT) * pivot + match.PIVOT * match._norm(vec)
        i = next(k for k, it in enumerate(items) if it.id == m.item)
        direct = max(
            u.weight * sum(w * u.vec.get(t, 0.0) for t, w in vec.items()) / (norm * u.norm)
            for u in units
            if u.item == i
        )
        assert m.score == pytest.approx(direct, abs=6e-4), m


def test_a_large_story_scored_with_sparse_matrices_gets_what_a_small_one_gets_with_arrays(
    labelled: story.Story, monkeypatch: pytest.MonkeyPatch
) -> None:
    dense = match.suggest(labelled)
    monkeypatch.setattr(match, "DENSE_CELLS", 0)  # as for a thousand topics: scipy's sparse matrices
    sparse = match.suggest(labelled)
    assert [(m.item, m.source, m.anchor, m.likely) for m in sparse] == [
        (m.item, m.source, m.anchor, m.likely) for m in dense
    ]
    assert all(a.score == pytest.approx(b.score, abs=1e-3) for a, b in zip(sparse, dense, strict=True))


@pytest.mark.parametrize("name", sorted(PROJECTS))
def test_suggest_json_is_the_json_encoder_s_byte_for_byte(name: str) -> None:
    """`suggest --format json` encodes each passage once and writes the lines itself: the result must be
    exactly `json_lines` of the records, on every project's story (likely and weak, topics and events)."""
    from generator import suggestions
    from generator.export import json_lines

    built, _ = story.build(seeds.read(PROJECTS[name] / "seeds"))
    # as if nothing were cited yet, so that likely passages are listed too
    built = replace(built, topics=tuple(replace(t, evidence=(), absent=()) for t in built.topics))
    found = match.suggest(built)
    assert {m.likely for m in found} == {True, False} and len({m.item for m in found}) > 1
    assert suggestions.render(built, found, "json") == json_lines(suggestions.records(built, found))
    assert suggestions.render(built, (), "json") == "[]\n"


@pytest.mark.parametrize(
    ("sentence", "who"),
    [
        ("The White House confirmed that the two leaders discussed it.", "The White House"),
        ("“It is a short distance,” Witkoff told Fox News.", "Witkoff"),
        ("According to the Kremlin readout, Putin agreed.", "the Kremlin readout"),
        ("“We agreed,” said the White House readout.", "the White House readout"),
        ("The two leaders spoke for 90 minutes.", "the article"),
    ],
)
def test_suggested_speaker_is_the_name_without_its_verb(sentence: str, who: str) -> None:
    from generator.suggestions import speaker

    assert speaker(sentence) == who
