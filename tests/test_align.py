from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.align import Comparison, Pair, PairClass, compare, word_diff
from generator.article import decode, parse
from generator.model import Article, BlockKind

ROOT = Path(__file__).resolve().parent.parent
IDENT, TYPO, REWORD, ONLY_A, ONLY_B = (
    PairClass.IDENTICAL,
    PairClass.TYPOGRAPHIC,
    PairClass.REWORDED,
    PairClass.ONLY_A,
    PairClass.ONLY_B,
)


def art(*lines: str) -> Article:
    return parse("\n\n".join(lines))


def kinds(c: Comparison) -> list[tuple[PairClass, str | None, str | None]]:
    return [(p.kind, p.a.text if p.a else None, p.b.text if p.b else None) for p in c.pairs]


def pair_of(c: Comparison, a_start: str) -> Pair:
    found = [p for p in c.pairs if p.a is not None and p.a.text.startswith(a_start)]
    assert len(found) == 1, a_start
    return found[0]


def pair_of_b(c: Comparison, b_start: str) -> Pair:
    found = [p for p in c.pairs if p.b is not None and p.b.text.startswith(b_start)]
    assert len(found) == 1, b_start
    return found[0]


def rebuild(ops: tuple[tuple[str, str], ...]) -> tuple[str, str]:
    a = "".join(t for op, t in ops if op in ("equal", "del"))
    b = "".join(t for op, t in ops if op in ("equal", "ins"))
    return a, b


def assert_complete(c: Comparison, a: Article, b: Article) -> None:
    """Every block of each side appears exactly once, A's in reading order."""
    assert [p.a for p in c.pairs if p.a is not None] == list(a.blocks)
    assert sorted(p.b.index for p in c.pairs if p.b is not None) == [blk.index for blk in b.blocks]
    for p in c.pairs:
        assert (p.a is None) == (p.kind is ONLY_B)
        assert (p.b is None) == (p.kind is ONLY_A)
        assert 0.0 <= p.similarity <= 1.0


HEAD = "Talks resume"
P1 = "The two delegations met on Monday in Geneva to discuss a ceasefire along the river."
P2 = "Officials said a prisoner exchange involving 40 soldiers would take place next week."
P3 = "Analysts warned that the agreement could collapse if shelling continued near the port."


def test_identical_articles() -> None:
    a = art(HEAD, P1, P2)
    c = compare("x", a, "y", art(HEAD, P1, P2))
    assert [k for k, _, _ in kinds(c)] == [IDENT, IDENT, IDENT]
    assert all(p.similarity == 1.0 and not p.overridden for p in c.pairs)
    assert (c.a, c.b, c.share_a_in_b, c.share_b_in_a) == ("x", "y", 1.0, 1.0)


@pytest.mark.parametrize(
    ("a_text", "b_text"),
    [
        ('"We will meet soon," said the minister.', "\u201cWe will meet soon,\u201d the minister said."),
        ("Talks on normalisation of relations will continue.", "Talks on normalization of relations will continue."),
        ("The U.S. envoy will organise the summit.", "The US envoy will organize the summit."),
        ("''Nothing was agreed,'' an aide said.", "\u201cNothing was agreed,\u201d an aide said."),
        ("He said \u2018maybe\u2019 to the offer.", "He said 'maybe' to the offer."),
    ],
)
def test_typographic_only_differences(a_text: str, b_text: str) -> None:
    c = compare("a", art(a_text), "b", art(b_text))
    assert len(c.pairs) == 1
    assert c.pairs[0].kind in (TYPO, IDENT)
    assert c.pairs[0].similarity == 1.0


def test_quote_styles_alone_are_identical_after_normalisation() -> None:
    c = compare("a", art('"Yes," he said.'), "b", art("\u201cYes,\u201d he said."))
    assert c.pairs[0].kind is IDENT


def test_reworded_paragraph() -> None:
    b_text = "The two delegations met on Tuesday in Geneva to discuss a truce along the river."
    c = compare("a", art(P1), "b", art(b_text))
    (p,) = c.pairs
    assert p.kind is REWORD
    assert 0.5 <= p.similarity < 1.0
    assert p.a is not None and p.b is not None and p.b.text == b_text


def test_only_in_one_and_insertion_order() -> None:
    extra = "A spokesman declined to comment on the talks when reached by telephone."
    first = "Markets rose sharply after the announcement on both sides of the border."
    c = compare("a", art(P1, P3, P2), "b", art(first, P1, extra, P2))
    assert kinds(c) == [
        (ONLY_B, None, first),  # before any paired B block: at the start
        (IDENT, P1, P1),
        (ONLY_B, None, extra),  # right after the pair holding the B block before it
        (ONLY_A, P3, None),
        (IDENT, P2, P2),
    ]
    only = [p for p in c.pairs if p.kind in (ONLY_A, ONLY_B)]
    assert all(p.similarity == 0.0 for p in only)
    assert c.share_a_in_b == round((len(P1) + len(P2)) / (len(P1) + len(P2) + len(P3)), 3)
    assert c.share_b_in_a == round((len(P1) + len(P2)) / (len(P1) + len(P2) + len(extra) + len(first)), 3)


def test_reordered_sections_still_pair() -> None:
    a = art("Prisoners", P2, "Geneva", P1, "Risks", P3)
    b = art("Risks", P3, "Geneva", P1, "Prisoners", P2)
    c = compare("a", a, "b", b)
    assert [k for k, _, _ in kinds(c)] == [IDENT] * 6
    assert [p.a.text for p in c.pairs if p.a] == ["Prisoners", P2, "Geneva", P1, "Risks", P3]
    assert all(p.a.text == p.b.text for p in c.pairs if p.a and p.b)


def test_renamed_heading_pairs_through_its_section() -> None:
    a = art("Hockey matches", P1, "Other news", P2)
    b = art("...And sport", P1, "Unrelated heading here", P3)
    c = compare("a", a, "b", b)
    renamed = pair_of(c, "Hockey")
    assert renamed.kind is REWORD and renamed.b is not None and renamed.b.text == "...And sport"
    assert renamed.similarity < 0.5
    # Headings whose sections share nothing and whose words differ stay apart.
    assert pair_of(c, "Other news").kind is ONLY_A
    assert pair_of_b(c, "Unrelated").kind is ONLY_B


def test_split_paragraph_pairs_the_larger_part() -> None:
    first = "The two delegations met on Monday in Geneva to discuss a ceasefire along the river and the coast."
    second = "They agreed to meet again."
    c = compare("a", art(first[:-1] + ", and " + second[0].lower() + second[1:]), "b", art(first, second))
    assert [k for k, _, _ in kinds(c)] == [REWORD, ONLY_B]
    assert c.pairs[0].b is not None and c.pairs[0].b.text == first
    assert c.pairs[1].b is not None and c.pairs[1].b.text == second


@pytest.mark.parametrize("side", ["a", "b"])
def test_empty_article_on_either_side(side: str) -> None:
    full, empty = art(HEAD, P1), art("")
    a, b = (empty, full) if side == "a" else (full, empty)
    c = compare("a", a, "b", b)
    assert [k for k, _, _ in kinds(c)] == ([ONLY_B, ONLY_B] if side == "a" else [ONLY_A, ONLY_A])
    assert (c.share_a_in_b, c.share_b_in_a) == (0.0, 0.0)
    assert compare("a", empty, "b", empty).pairs == ()


def test_headings_only_and_odd_input_do_not_crash() -> None:
    c = compare("a", art("One", "Two"), "b", art("Two", "Three"))
    assert kinds(c)[1] == (IDENT, "Two", "Two")
    assert (c.share_a_in_b, c.share_b_in_a) == (0.0, 0.0)
    mojibake = art("The minister said \u00e2\u20ac\u0153yes\u00e2\u20ac\u009d to the plan.", "\u2026", "''")
    assert_complete(
        compare("a", mojibake, "b", art('The minister said "yes" to the plan.')),
        mojibake,
        art('The minister said "yes" to the plan.'),
    )


def test_overrides_force_pair_and_unpair() -> None:
    a, b = art(P1, P2), art(P3, P2)
    auto = compare("a", a, "b", b)
    assert [k for k, _, _ in kinds(auto)] == [ONLY_B, ONLY_A, IDENT]
    forced = compare(
        "a", a, "b", b, [(a.blocks[0].anchor, b.blocks[0].anchor), (a.blocks[1].anchor, None), ("p-unknown", None)]
    )
    assert kinds(forced) == [(REWORD, P1, P3), (ONLY_B, None, P2), (ONLY_A, P2, None)]
    assert [p.overridden for p in forced.pairs] == [True, False, True]
    assert forced.pairs[0].similarity < 0.5
    # An unknown B anchor drops the override instead of unpairing the A block.
    assert compare("a", a, "b", b, [(a.blocks[1].anchor, "p-nothere")]) == auto


def test_override_of_identical_blocks_is_classified_normally() -> None:
    a, b = art(P1), art(P1)
    (p,) = compare("a", a, "b", b, [(a.blocks[0].anchor, b.blocks[0].anchor)]).pairs
    assert (p.kind, p.similarity, p.overridden) == (IDENT, 1.0, True)


def test_duplicate_paragraphs_pair_in_order() -> None:
    said = "It said the talks were constructive and would continue."
    c = compare("a", art(said, P1, said), "b", art(said, P1, said))
    assert [(p.a.index, p.b.index) for p in c.pairs if p.a and p.b] == [(0, 0), (1, 1), (2, 2)]


def test_compare_is_deterministic() -> None:
    a, b = art(HEAD, P1, P2, P3), art(P3, HEAD, P2, "Something else entirely here, in a paragraph.")
    assert compare("a", a, "b", b) == compare("a", a, "b", b)


def test_word_diff_examples() -> None:
    a = "Here is a look at what the U.S. and Russian leaders agreed."
    b = "Here\u2019s a look at what the US and Russian leaders agreed upon."
    ops = word_diff(a, b)
    assert rebuild(ops) == (a, b)
    assert ("equal", "a look at what the ") in ops
    assert ("del", "U.S. ") in ops and ("ins", "US ") in ops  # folds equal, written differently
    assert word_diff("same text", "same text") == (("equal", "same text"),)
    assert word_diff("", "") == ()
    assert word_diff("", "new") == (("ins", "new"),)
    assert word_diff("a  b", "a b") == (("equal", "a"), ("del", "  "), ("ins", " "), ("equal", "b"))


def test_generator_has_no_story_words() -> None:
    source = (ROOT / "generator" / "align.py").read_text(encoding="utf-8").lower()
    for word in ("putin", "kremlin", "moscow", "trump", "zelensk", "ukrain"):
        assert word not in source


_ALPHABET = st.sampled_from(
    list("ab cd\u2019'\"\u201c\u201d.,?\n-\u2014\u00e9\u0301") + ["U.S.", "isation", "the ", "\n\n"]
)
_TEXT = st.lists(_ALPHABET, max_size=60).map("".join) | st.text(max_size=80)


@settings(max_examples=150, deadline=None)
@given(_TEXT, _TEXT)
def test_property_compare_never_crashes_and_word_diff_rebuilds(a_text: str, b_text: str) -> None:
    assert rebuild(word_diff(a_text, b_text)) == (a_text, b_text)
    a, b = parse(a_text), parse(b_text)
    c = compare("a", a, "b", b)
    assert_complete(c, a, b)
    assert 0.0 <= c.share_a_in_b <= 1.0 and 0.0 <= c.share_b_in_a <= 1.0
    for p in c.pairs:
        if p.a is not None and p.b is not None:
            assert rebuild(word_diff(p.a.text, p.b.text)) == (p.a.text, p.b.text)


def seed(name: str) -> Article:
    """A real article of the fixture story (a frozen copy of the first story: a fork's seeds/ has others)."""
    return parse(decode((ROOT / "tests" / "fixtures" / "story" / "seeds" / name).read_bytes()))


def test_real_seeds() -> None:
    a, b = seed("003_bad2af0e90df0263.txt"), seed("000_a19ae72b406553ce.txt")
    c = compare("003", a, "000", b)
    assert_complete(c, a, b)
    for start in ("Energy grid truce", "Immediate peace talks", "Warming ties", "Prisoner swap", "Things unsaid"):
        assert pair_of(c, start).kind is IDENT, start
    for start in (
        '"Vladimir Putin responded positively',
        '"A mutual interest',
        "Putin also said an",
        "Russia will also return 23",
        "The Kremlin said Trump had",
    ):
        assert pair_of(c, start).kind is TYPO, start
    look = pair_of(c, "Here is a look")
    assert look.kind is REWORD and look.b is not None and look.b.text.startswith("Here\u2019s a look")
    for a_heading, b_heading in (
        ("'Cessation' of Ukraine aid", "\u2018Cessation\u2019 of military"),
        ("...And hockey", "Ice hockey"),
    ):
        p = pair_of(c, a_heading)
        assert p.kind is REWORD and p.b is not None and p.b.text.startswith(b_heading), a_heading
        assert p.a is not None and p.a.kind is BlockKind.HEADING and p.b.kind is BlockKind.HEADING
    for start in (
        "Kyiv, Europe left out?",
        "The main win for Trump",
        "Some points were notable",
        "In a closely watched",
    ):
        assert pair_of(c, start).kind is ONLY_A, start
    for start in (
        "But Putin stopped short",
        "The war has killed",
        "Ukraine and its Western allies",
        "On Wednesday, Zelenskyy",
        "Speaking to Trump",
        "Trump\u2019s negotiation efforts",
        "\u201cWe\u2019ll continue",
    ):
        assert pair_of_b(c, start).kind is ONLY_B, start
    # B-only blocks sit after the pair holding the B block before them.
    order = [(p.a and p.a.text[:12], p.b and p.b.text[:12]) for p in c.pairs]
    talks = order.index(("Immediate pe", "Immediate pe"))
    assert order[talks + 1] == (None, "But Putin st")
    assert 0.2 < c.share_a_in_b < c.share_b_in_a < 0.6
