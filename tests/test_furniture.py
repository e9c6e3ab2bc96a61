"""Page furniture measured against hand labels on every real article of both stories.

`fixtures/articles/furniture.yml` was written before the classifier was tuned. Two numbers per
story, both must be 0: body lines set aside, and furniture lines (or glued furniture) kept as
body, i.e. quotable. Print the table: `.venv/bin/python -m tests.test_furniture`.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from generator import furniture
from generator.article import decode, parse
from generator.quotes import locate

ARTICLES = Path(__file__).parent / "fixtures" / "articles"
LABELS = yaml.safe_load((ARTICLES / "furniture.yml").read_text(encoding="utf-8"))["articles"]


def story_of(name: str) -> str:
    return name.split("/")[0] if "/" in name else "first story"


def errors(name: str) -> tuple[int, int, list[str], list[str], int, int]:
    """(body lines, furniture lines, body set aside, furniture kept, ...) for one labelled article."""
    label = LABELS[name] or {}
    text = decode((ARTICLES / name).read_bytes())
    parsed = parse(text)
    raw = text.replace("\r\n", "\n").split("\n")
    lines = {n for n, line in enumerate(raw, start=1) if line.strip()}
    furniture_lines = set(label.get("furniture", []))
    headline = set(label.get("headline", []))
    glued = {**label.get("prefix", {}), **label.get("suffix", {})}
    body = lines - furniture_lines - headline
    in_blocks = {b.line: b.text for b in parsed.blocks}
    set_aside = [f"{name}:{n}: {raw[n - 1][:60]!r}" for n in sorted(body) if n not in in_blocks]
    kept = [f"{name}:{n}: {raw[n - 1][:60]!r}" for n in sorted(furniture_lines) if n in in_blocks]
    for n, piece in glued.items():
        if n in in_blocks and piece.strip() in in_blocks[n]:
            kept.append(f"{name}:{n}: glued {piece.strip()!r} kept in the paragraph")
    return len(body), len(furniture_lines) + len(glued), set_aside, kept, len(headline), len(parsed.blocks)


@pytest.mark.parametrize("name", sorted(LABELS))
def test_no_body_line_set_aside_and_no_furniture_quotable(name: str) -> None:
    _, _, set_aside, kept, _, _ = errors(name)
    assert set_aside == [], "body lines set aside"
    assert kept == [], "furniture kept as body"


def test_every_real_article_is_labelled() -> None:
    found = {str(p.relative_to(ARTICLES)) for p in ARTICLES.rglob("*.txt")}
    assert found == set(LABELS)


@pytest.mark.parametrize("name", sorted(n for n in LABELS if "furniture" in (LABELS[n] or {})))
def test_no_furniture_line_is_quotable(name: str) -> None:
    """The quote check itself finds no furniture line (nor its first half) in the article."""
    text = decode((ARTICLES / name).read_bytes())
    parsed = parse(text)
    raw = text.replace("\r\n", "\n").split("\n")
    for n in LABELS[name]["furniture"]:
        line = raw[n - 1].strip()
        if len(line) > 3:
            assert locate(line, parsed) is None, (n, line)


@pytest.mark.parametrize(
    ("line", "set_aside"),
    [
        # Shapes met on articles nobody had labelled (issue 21), as lines: furniture...
        ("A woman walks past the closed market on Monday. (Contributor/Getty Images)", True),
        ("Soldiers at the border crossing. Name Surname/AFP via Getty Images", True),
        ("Image: Name Surname / AFP", True),
        ("March 18, 8:01 PM", True),
        ("Updated 10:42 AM EDT", True),
        ("breaking", True),
        ("Get the latest news from around the world. Sign up for our emails", True),
        ("/", True),
        # ... and the article's own words
        ("Energy purchases", False),
        ("The talks resumed on Monday, officials said.", False),
        ('"We are trying', False),
        ("Talks in Geneva", False),
    ],
)
def test_line_shapes(line: str, set_aside: bool) -> None:
    text = f"The first paragraph of the article says what happened.\n{line}\nThe last one says more."
    assert all(b.line != 2 for b in parse(text).blocks) == set_aside, parse(text)


def test_more_to_come_at_the_end_is_a_note() -> None:
    parsed = parse("A paragraph of the article, as written.\nAnother paragraph, as written.\nMore to come")
    assert [a.kind for a in parsed.asides] == ["note"]


def test_scrambled_text_is_set_aside_and_reported() -> None:
    scrambled = "Xqvt plorm zekdu vafrin tolsk mebru qintaf dorvek sulpa ventrik oblad murfen gretz kolvan."
    parsed = parse(f"A real paragraph of the article, with the words a language has.\n{scrambled}\n")
    assert [b.line for b in parsed.blocks] == [1]
    assert [a.kind for a in parsed.asides] == ["unreadable"]
    assert any(w.startswith("line 2:1: unreadable text") for w in parsed.warnings)


def test_replacement_characters_are_unreadable() -> None:
    assert furniture.unreadable("Th\ufffd talks \ufffdnded with \ufffd deal.")
    assert furniture.unreadable("A replacement \ufffd character in a sentence of some length.") is None


def test_another_language_is_not_scrambled() -> None:
    french = "Les deux parties ont conclu un accord sur les droits de douane après des mois de négociations."
    assert furniture.unreadable(french) is None


def main() -> None:
    totals: dict[str, list[int]] = {}
    for name in sorted(LABELS):
        body, furn, set_aside, kept, headlines, _ = errors(name)
        t = totals.setdefault(story_of(name), [0, 0, 0, 0, 0, 0])
        t[0] += 1
        t[1] += body
        t[2] += furn
        t[3] += headlines
        t[4] += len(set_aside)
        t[5] += len(kept)
        for e in set_aside + kept:
            print("  ", e)
    print("| story | articles | body lines | furniture lines (+ glued) | headlines | body set aside | furniture kept |")
    print("|---|---|---|---|---|---|---|")
    for story, t in totals.items():
        print(f"| {story} | {' | '.join(str(x) for x in t)} |")


if __name__ == "__main__":
    main()
