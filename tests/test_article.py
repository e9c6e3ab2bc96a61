"""Ingestion: headings, paragraphs, set-aside lines, encodings and stable anchors."""

from __future__ import annotations

import pytest

from generator.article import DecodeError, aside_kind, decode, parse
from generator.model import BlockKind


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Share and Follow", "share"),
        ("Related article: Something Else Entirely", "related"),
        ("Original url: https://example.com/a", "original-url"),
        ("Alexei Druzhinin / POOL / TASS", "credit"),
        ("Photo: Jane Doe", "credit"),
        ("By AFP", "byline"),
        ("By Jane Doe and John Roe", "byline"),
        ("March 19, 2025", "date"),
        ("19 March 2025", "date"),
        ("Wednesday, March 19, 2025 10:30 am", "date"),
        ("With additional reporting by Agence France-Presse and Reuters.", "additional-reporting"),
        ("The leaders spoke by phone.", None),
        ("Energy grid truce", None),
        ("By the way, nobody agreed.", None),
    ],
)
def test_each_boilerplate_kind(line: str, kind: str | None) -> None:
    assert aside_kind(line) == kind


def test_headings_and_paragraphs_with_and_without_blank_lines() -> None:
    packed = parse("Intro paragraph here.\nA heading\nFirst paragraph.\nSecond paragraph.\n")
    spaced = parse("\n\nIntro paragraph here.\n\nA heading\n\nFirst paragraph.\n\n\nSecond paragraph.\n\n")
    for article in (packed, spaced):
        assert [(b.kind, b.text) for b in article.blocks] == [
            (BlockKind.PARAGRAPH, "Intro paragraph here."),
            (BlockKind.HEADING, "A heading"),
            (BlockKind.PARAGRAPH, "First paragraph."),
            (BlockKind.PARAGRAPH, "Second paragraph."),
        ]
    assert [b.anchor for b in packed.blocks] == [b.anchor for b in spaced.blocks]


def test_question_heading_and_quoted_paragraph() -> None:
    article = parse('Kyiv left out?\n\n"Groups are being set up for this purpose."\n')
    assert [b.kind for b in article.blocks] == [BlockKind.HEADING, BlockKind.PARAGRAPH]


def test_bom_crlf_and_stray_spaces() -> None:
    raw = "\ufeff  \r\n Title line \r\nA paragraph, with a comma.  \r\n\r\n".encode()
    article = parse(decode(raw))
    assert [b.text for b in article.blocks] == ["Title line", "A paragraph, with a comma."]
    assert article.blocks[1].line == 3


def test_headline_before_byline_is_metadata() -> None:
    article = parse("Big Story Headline\n\nBy AFP\n\nMarch 19, 2025\n\nThe body starts here.\n")
    assert [(a.kind, a.text) for a in article.asides] == [
        ("headline", "Big Story Headline"),
        ("byline", "By AFP"),
        ("date", "March 19, 2025"),
    ]
    assert [b.text for b in article.blocks] == ["The body starts here."]


def test_anchor_survives_a_paragraph_added_above() -> None:
    before = parse("First paragraph.\nSecond paragraph.\n")
    after = parse("A new lead paragraph.\nFirst paragraph.\nSecond paragraph.\n")
    assert before.blocks[1].anchor == after.blocks[2].anchor
    assert before.blocks[1].anchor.startswith("p-")


def test_anchor_ignores_typography_and_repeats_get_a_suffix() -> None:
    curly = parse("\u201cQuoted,\u201d he said.\n").blocks[0].anchor
    straight = parse('"Quoted," he said.\n').blocks[0].anchor
    assert curly == straight
    twice = parse("Same words.\nSame words.\n")
    assert twice.blocks[1].anchor == twice.blocks[0].anchor + "-2"


def test_mojibake_is_repaired_and_reported() -> None:
    broken = "It\u2019s \u2018fine\u2019, she said.".encode().decode("cp1252")
    assert "\u00e2\u20ac" in broken
    article = parse(broken + "\n")
    assert article.blocks[0].text == "It\u2019s \u2018fine\u2019, she said."
    assert article.warnings == ("line 1:1: repaired mojibake",)
    assert article.repaired == 3  # the apostrophe and two quotation marks, three characters each in the copy


def test_zero_width_removed_and_bidi_warned() -> None:
    article = parse("Zero\u200bwidth here.\nRight \u202eto left.\n")
    assert article.blocks[0].text == "Zerowidth here."
    assert any("RIGHT-TO-LEFT OVERRIDE" in w for w in article.warnings)


def test_non_utf8_is_refused_with_position_and_guess() -> None:
    with pytest.raises(DecodeError) as caught:
        decode("caf\u00e9 \u201cquoted\u201d".encode("cp1252"))
    assert caught.value.offset == 3
    assert caught.value.guess == "Windows-1252"


def test_real_seed_sets_aside_its_metadata() -> None:
    from pathlib import Path

    seed = Path(__file__).parent / "fixtures" / "story" / "seeds" / "003_bad2af0e90df0263.txt"
    article = parse(decode(seed.read_bytes()))
    kinds = [a.kind for a in article.asides]
    assert kinds == ["headline", "byline", "date", "credit", "related", "original-url"]
    assert len(article.paragraphs) == 20 and len(article.headings) == 8
