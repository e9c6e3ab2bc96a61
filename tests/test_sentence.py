"""Sentences: one abbreviation-aware splitter (pySBD plus two guards), checked on every real article."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.article import decode, parse
from generator.sentence import sentences, spans

ARTICLES = sorted((Path(__file__).parent / "fixtures" / "articles").rglob("*.txt"))
# A sentence must not end in an abbreviation or an initial: "U.S.", "Mr.", "No.", "J.", "p.m."
_ABBREVIATION_END = re.compile(r"(?:^|\s|\()(?:(?:[^\W\d_]\.){2,}|[A-Z]\.|Mr\.|Mrs\.|Ms\.|Dr\.|No\.|St\.|Pres\.)$")


def test_there_are_real_articles_of_both_stories() -> None:
    assert len(ARTICLES) >= 18 and any("eu-us-turnberry" in str(p) for p in ARTICLES)


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.name)
def test_no_sentence_of_a_real_article_ends_inside_an_abbreviation(path: Path) -> None:
    article = parse(decode(path.read_bytes()))
    for block in article.blocks:
        found = spans(block.text)
        assert found, block.text
        # the spans cover the block in order, only whitespace between them
        assert found[0][0] == 0 and found[-1][1] == len(block.text.rstrip())
        for (_, b), (a, _) in zip(found, found[1:], strict=False):
            assert block.text[b:a].strip() == "", (block.text[b:a], block.text)
        for a, b in found[:-1]:
            assert not _ABBREVIATION_END.search(block.text[a:b]), block.text[a:b]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The U.S. and the E.U. agreed. Then they left.", ["The U.S. and the E.U. agreed.", "Then they left."]),
        ("They invest in the U.S. The deal holds.", ["They invest in the U.S. The deal holds."]),
        ("Mr. Smith met Pres. Jones at No. 10. He left.", ["Mr. Smith met Pres. Jones at No. 10.", "He left."]),
        (
            "Donald J. Trump spoke. Talks began at 5 p.m. Monday.",
            ["Donald J. Trump spoke.", "Talks began at 5 p.m. Monday."],
        ),
        ('"We won." She left! Why? Because.', ['"We won."', "She left!", "Why?", "Because."]),
        ("  One sentence without an end  ", ["One sentence without an end"]),
        ("", []),
    ],
)
def test_sentences(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_the_same_sentence_twice_gets_its_own_span() -> None:
    text = "It rained. It rained. Then it stopped."
    assert spans(text) == ((0, 10), (11, 21), (22, 38))
