"""Share cards (generator/card.py): size, dimensions, determinism, fit, and the font."""

from __future__ import annotations

import hashlib
import io
import struct
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageDraw

from generator import cache, card, card_store
from generator.render import CardText

ROOT = Path(__file__).resolve().parent.parent
SITE = "Ukraine–Russia ceasefire talks explained"
GLANCE = "6 agreed · 1 not agreed · 2 demands · 2 not addressed"
TYPICAL = "What was agreed vs. what wasn’t"
LONG = (
    "Energy truce: the 30-day pause on strikes against energy infrastructure, agreed on 18 March 2025, "
    "lapsed after 17 April without an extension, and nobody — in Moscow, Kyiv or Washington — announced "
    "a renewal, a replacement or even a date by which one might be discussed again"
)
UNICODE = "Çà et là: “Zelenskyy’s” Überraschungsangriffsvorbereitungsmaßnahmenkatalogsverzeichnis — déjà vu"
ONE_WORD = "W" * 200  # no space anywhere: must be broken between characters
KILOBYTES_60 = 60 * 1024


def _image(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def _chunks(data: bytes) -> Iterator[bytes]:
    """The chunk types of a PNG, in order."""
    at = 8
    while at < len(data):
        (length,) = struct.unpack(">I", data[at : at + 4])
        yield data[at + 4 : at + 8]
        at += 12 + length


def _drawn_box(data: bytes, without: bytes) -> tuple[int, int, int, int]:
    """Bounding box of the pixels that differ between two cards: what one draws that the other does not."""
    box = ImageChops.difference(_image(data).convert("RGB"), _image(without).convert("RGB")).getbbox()
    assert box is not None
    return box


def test_png_signature_dimensions_and_palette() -> None:
    data = card.png(TYPICAL, GLANCE, SITE)
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    image = _image(data)
    assert image.format == "PNG"
    assert image.size == (1200, 630)
    assert image.mode == "P"


@pytest.mark.parametrize("title", [TYPICAL, LONG, UNICODE, ONE_WORD, ""])
def test_small(title: str) -> None:
    assert len(card.png(title, GLANCE, SITE)) <= KILOBYTES_60


def test_no_chunk_that_could_vary() -> None:
    """Only image data: no time, text or physical-size chunk."""
    assert set(_chunks(card.png(TYPICAL, GLANCE, SITE))) <= {b"IHDR", b"PLTE", b"IDAT", b"IEND"}


def test_deterministic_in_one_process() -> None:
    assert card.png(UNICODE, GLANCE, SITE) == card.png(UNICODE, GLANCE, SITE)


def test_deterministic_across_interpreters() -> None:
    code = "\n".join(
        [
            "import hashlib, sys",
            "from generator import card",
            "print(hashlib.sha256(card.png(*sys.argv[1:])).hexdigest())",
        ]
    )
    done = subprocess.run(
        [sys.executable, "-c", code, UNICODE, GLANCE, SITE],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONHASHSEED": "12345", "PATH": ""},
    )
    assert done.stdout.strip() == hashlib.sha256(card.png(UNICODE, GLANCE, SITE)).hexdigest()


def test_every_input_shows() -> None:
    plain = card.png(TYPICAL)
    assert card.png("What was agreed vs. what was not") != plain
    assert card.png(TYPICAL, GLANCE) != plain
    assert card.png(TYPICAL, "5 agreed · 2 not agreed") != card.png(TYPICAL, GLANCE)
    assert card.png(TYPICAL, site_name=SITE) != plain
    assert card.png(TYPICAL, "") == plain  # an empty glance line is no glance line


def test_whitespace_in_titles_is_one_space() -> None:
    assert card.png("What was\n agreed\t") == card.png("What was agreed")


@pytest.mark.parametrize("title", [TYPICAL, LONG, UNICODE, ONE_WORD])
@pytest.mark.parametrize("glance", [None, GLANCE + " · " + GLANCE + " · " + GLANCE])
def test_text_stays_inside_the_margins_and_its_area(title: str, glance: str | None) -> None:
    site = SITE * 3
    title_box = _drawn_box(card.png(title, glance, site), card.png("", glance, site))
    site_box = _drawn_box(card.png("", None, site), card.png("", None, ""))
    boxes = [title_box, site_box]
    if glance:
        glance_box = _drawn_box(card.png("", glance, site), card.png("", None, site))
        boxes.append(glance_box)
        assert title_box[3] < glance_box[1]  # the title ends above the glance line
        assert glance_box[3] < card.RULE_Y
    for left, top, right, bottom in boxes:
        assert left >= card.MARGIN
        assert right <= card.WIDTH - card.MARGIN
        assert top >= card.BAND
        assert bottom <= card.HEIGHT - 20
    assert title_box[3] < card.RULE_Y
    assert site_box[1] > card.RULE_Y + 2


def test_long_titles_shrink_then_end_in_an_ellipsis() -> None:
    width = card.WIDTH - 2 * card.MARGIN
    size, lines = card._fit_title(TYPICAL, width, 400)
    assert size == card.TITLE_SIZES[0]
    assert card.ELLIPSIS not in "".join(lines)
    size, lines = card._fit_title(" ".join(["agreement"] * 14), width, 400)
    assert card.TITLE_SIZES[0] > size > card.TITLE_SIZES[-1]
    assert card.ELLIPSIS not in "".join(lines)
    size, lines = card._fit_title(LONG, width, 330)
    assert size == card.TITLE_SIZES[-1]
    assert len(lines) <= card.TITLE_LINES
    assert lines[-1].endswith(card.ELLIPSIS)
    assert all(card._font(size, 700).getlength(line) <= width for line in lines)


def test_a_word_wider_than_the_line_is_broken() -> None:
    font = card._font(card.TITLE_SIZES[-1], 700)
    lines = card._wrap(ONE_WORD, font, 1040, None)
    assert len(lines) > 1
    assert "".join(lines) == ONE_WORD
    assert all(font.getlength(line) <= 1040 for line in lines)


@pytest.mark.parametrize("weight", [400, 600, 700])
def test_the_font_covers_accents_quotes_and_other_scripts(weight: int) -> None:
    font = card._font(40, weight)

    def drawn(char: str) -> bytes:
        image = Image.new("L", (80, 80))
        ImageDraw.Draw(image).text((10, 10), char, font=font, fill=255)
        return image.tobytes()

    missing = drawn("\ue000")  # private use, not in the font: drawn as its empty box
    for char in "éàçüßœøłğşńž“”‘’„«»—–…·ЁЖяΩλ€":
        assert drawn(char) != missing, char


def test_contrast_meets_wcag_aa() -> None:
    def luminance(colour: tuple[int, int, int]) -> float:
        def linear(channel: int) -> float:
            c = channel / 255
            return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

        red, green, blue = (linear(c) for c in colour)
        return 0.2126 * red + 0.7152 * green + 0.0722 * blue

    background = luminance(card.WHITE)
    for role, colour in card.CONTRAST.items():
        ratio = (background + 0.05) / (luminance(colour) + 0.05)
        assert ratio >= 4.5, (role, ratio)


def test_a_missing_font_is_one_clear_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(card, "FONT_PACKAGE", "no_such_font_package")
    card.font_path.cache_clear()
    card._font.cache_clear()
    try:
        with pytest.raises(card.FontMissing) as caught:
            card.png(TYPICAL)
        message = str(caught.value)
        assert "\n" not in message
        assert "fontpkg-noto-sans" in message
        assert "make setup" in message
    finally:
        card.font_path.cache_clear()
        card._font.cache_clear()


# -- the cache between builds (generator/card_store.py) ---------------------------------------


def _texts(n: int, tag: str) -> dict[str, CardText]:
    return {f"assets/cards/{tag}-{i}.png": CardText(f"{tag} title number {i}", "Agreed", "Site") for i in range(n)}


def test_cards_are_drawn_once_then_read_back_from_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    texts = _texts(3, "cached")
    first = card_store.drawn(texts, tmp_path)
    assert len(list((tmp_path / cache.FOLDER / "cards").glob("*.png"))) == 3
    card_store._draw.cache_clear()

    def refuse(*args: object) -> bytes:
        raise AssertionError("drawn again although cached")

    monkeypatch.setattr(card, "png", refuse)
    assert card_store.drawn(texts, tmp_path) == first


def test_a_changed_title_or_a_damaged_cache_file_is_drawn_anew(tmp_path: Path) -> None:
    texts = _texts(2, "damaged")
    first = card_store.drawn(texts, tmp_path)
    name = card_store.key(texts["assets/cards/damaged-0.png"])
    (tmp_path / cache.FOLDER / "cards" / f"{name}.png").write_bytes(b"not a png")
    again = card_store.drawn(texts, tmp_path)
    assert again == first  # redrawn, same bytes
    assert (tmp_path / cache.FOLDER / "cards" / f"{name}.png").read_bytes() == first["assets/cards/damaged-0.png"]
    changed = {"assets/cards/damaged-0.png": CardText("damaged title number 0, edited", "Agreed", "Site")}
    assert card_store.drawn(changed, tmp_path)["assets/cards/damaged-0.png"] != first["assets/cards/damaged-0.png"]


def test_a_cache_that_cannot_be_written_only_costs_the_drawing(tmp_path: Path) -> None:
    blocker = tmp_path / ".cache"
    blocker.write_text("a file where the cache folder would go")
    texts = _texts(2, "unwritable")
    got = card_store.drawn(texts, tmp_path)
    assert set(got) == set(texts) and all(png.startswith(b"\x89PNG") for png in got.values())
    assert blocker.read_text() == "a file where the cache folder would go"


def test_many_missing_cards_drawn_by_worker_processes_are_the_same_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    texts = _texts(6, "parallel")
    serial = {path: card.png(t.title, t.glance, t.site_name) for path, t in texts.items()}
    monkeypatch.setattr(card_store, "PARALLEL_FROM", 2)
    monkeypatch.setattr(card_store.os, "sched_getaffinity", lambda pid: {0, 1}, raising=False)
    assert card_store.drawn(texts, tmp_path) == serial
