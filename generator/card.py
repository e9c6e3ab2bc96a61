"""Share cards: the 1200x630 PNG a page names as its `og:image`, drawn from its title.

`png(title, glance, site_name)` returns the image's bytes and touches no file but the font:
the title wrapped to at most four lines (the type shrinks for a long title; a title that still
does not fit ends in an ellipsis), the optional status-at-a-glance line under it, and the site
name at the foot, dark on white under an indigo band (every text colour passes WCAG AA on the
background; see `CONTRAST`).

The same inputs give the same bytes: Pillow writes no time or text chunk unless asked, the
colours are mapped onto one fixed palette without dithering, and the text is laid out with
Pillow's own basic layout, never with libraqm, which Pillow uses only where the machine has
FriBiDi (so the glyphs would otherwise depend on the machine). The palette keeps the files small
(about 10-25 KB; the aim is 60 KB at most). The bytes are those of the pinned Pillow wheel, whose
FreeType and zlib they depend on.

The font is Noto Sans (SIL Open Font Licence 1.1) from the PyPI package `fontpkg-noto-sans`,
pinned in requirements.lock, so `make setup` provides it on any machine with no system package
and nothing is fetched at run time. It was chosen over the other packaged fonts for its coverage
(Latin with every accent, Greek, Cyrillic, Vietnamese, typographic quotes and dashes), its
licence and because it is kept up to date; DejaVu is packaged on PyPI only inside a rinohtype
add-on. The file is a variable font: the title is set at weight 700, the rest at 400 and 600.
A missing font raises `FontMissing`, whose message is one line that says how to install it.
"""

from __future__ import annotations

import io
import zlib
from functools import cache
from importlib import resources
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 1200, 630
MARGIN = 80  # left and right; every glyph stays inside [MARGIN, WIDTH - MARGIN]
BAND = 18  # the coloured band along the top edge
TITLE_TOP = 92
TITLE_SIZES = (72, 64, 58, 52, 46, 42)  # tried in turn until the title fits
TITLE_LINES = 4
GLANCE_SIZE = 32
GLANCE_LINES = 2
SITE_SIZE = 30
RULE_Y = 530  # the thin rule over the site name
LEADING = 1.2
ELLIPSIS = "\u2026"

WHITE = (255, 255, 255)
INK = (26, 28, 40)  # the title: 16.9:1 on white
GREY = (66, 66, 66)  # the glance line: 10.4:1
INDIGO = (40, 53, 147)  # band, rule and site name (Material's indigo 800): 10.4:1
RULE = (197, 202, 233)  # indigo 100: decoration only, carries no text
CONTRAST = {"title": INK, "glance": GREY, "site": INDIGO}  # each tested against WHITE

FONT_PACKAGE = "fontpkg_noto_sans"
FONT_FILE = "NotoSans[wdth,wght].ttf"


class FontMissing(Exception):
    """The card font is not installed; the message is one line for the person building."""


def png(title: str, glance: str | None = None, site_name: str = "") -> bytes:
    """The share card of a page: a 1200x630 PNG with its title, glance line and site name."""
    image = Image.new("RGB", (WIDTH, HEIGHT), WHITE)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, WIDTH - 1, BAND - 1), fill=INDIGO)
    width = WIDTH - 2 * MARGIN

    bottom = RULE_Y - 36  # the lowest pixel the title and glance line may reach
    glance_text = _squash(glance or "")
    if glance_text:
        font = _font(GLANCE_SIZE, 400)
        lines = _wrap(glance_text, font, width, GLANCE_LINES)
        step = round(GLANCE_SIZE * LEADING)
        top = bottom - step * len(lines)
        for i, line in enumerate(lines):
            draw.text((MARGIN, top + i * step), line, font=font, fill=GREY)
        bottom = top - 28

    size, lines = _fit_title(_squash(title), width, bottom - TITLE_TOP)
    font = _font(size, 700)
    step = round(size * LEADING)
    for i, line in enumerate(lines):
        draw.text((MARGIN, TITLE_TOP + i * step), line, font=font, fill=INK)

    draw.rectangle((MARGIN, RULE_Y, WIDTH - MARGIN - 1, RULE_Y + 2), fill=RULE)
    site = _squash(site_name)
    if site:
        font = _font(SITE_SIZE, 600)
        draw.text((MARGIN, RULE_Y + 26), _wrap(site, font, width, 1)[0], font=font, fill=INDIGO)

    out = io.BytesIO()
    # zlib's run-length strategy suits a flat card: 1.7 ms against 4.0 ms for the default
    # strategy at level 6 (30 ms at level 9), for files about a quarter larger (19 KB, not 15 KB).
    image.quantize(palette=_palette(), dither=Image.Dither.NONE).save(
        out, "PNG", compress_level=6, compress_type=zlib.Z_RLE
    )
    return out.getvalue()


def _fit_title(title: str, width: int, height: int) -> tuple[int, list[str]]:
    """The largest size at which the whole title fits; else the smallest, cut with an ellipsis."""
    for size in TITLE_SIZES:
        font = _font(size, 700)
        lines = _lines(title, font, width, TITLE_LINES)
        if len(lines) <= TITLE_LINES and _block(font, len(lines)) <= height:
            return size, lines
    size = TITLE_SIZES[-1]
    font = _font(size, 700)
    most = TITLE_LINES
    while most > 1 and _block(font, most) > height:
        most -= 1
    return size, _wrap(title, font, width, most)


def _block(font: ImageFont.FreeTypeFont, lines: int) -> int:
    """The height of `lines` lines: a step between each two, ascent and descent for the last."""
    ascent, descent = font.getmetrics()
    return round(font.size * LEADING) * (lines - 1) + ascent + descent


def _wrap(text: str, font: ImageFont.FreeTypeFont, width: int, most: int | None) -> list[str]:
    """`text` in lines no wider than `width`; with `most`, lines past it are dropped and the last
    kept line ends in an ellipsis."""
    lines = _lines(text, font, width, most)
    if most is None or len(lines) <= most:
        return lines
    kept = lines[:most]
    last = kept[-1]
    while last and font.getlength(last.rstrip() + ELLIPSIS) > width:
        last = last[:-1]
    kept[-1] = last.rstrip(" ,;:-\u2013\u2014") + ELLIPSIS
    return kept


def _lines(text: str, font: ImageFont.FreeTypeFont, width: int, most: int | None) -> list[str]:
    """Greedy word wrap; a word wider than the line is broken between characters. With `most`,
    wrapping stops once there are more lines than that (the rest would be dropped)."""
    lines: list[str] = []
    line = ""
    for word in text.split(" "):
        if most is not None and len(lines) > most:
            return lines
        candidate = f"{line} {word}" if line else word
        if font.getlength(candidate) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        while font.getlength(word) > width:
            cut = _longest_prefix(word, font, width)
            lines.append(word[:cut])
            word = word[cut:]
        line = word
    if line or not lines:
        lines.append(line)
    return lines


def _longest_prefix(word: str, font: ImageFont.FreeTypeFont, width: int) -> int:
    """How many leading characters of `word` fit in `width` (at least one)."""
    low, high = 1, len(word)
    while low < high:
        mid = (low + high + 1) // 2
        if font.getlength(word[:mid]) <= width:
            low = mid
        else:
            high = mid - 1
    return low


def _squash(text: str) -> str:
    """One line: runs of whitespace (newlines, tabs, no-break spaces) become one space."""
    return " ".join(text.split())


@cache
def _font(size: int, weight: int) -> ImageFont.FreeTypeFont:
    font = ImageFont.truetype(str(font_path()), size, layout_engine=ImageFont.Layout.BASIC)
    font.set_variation_by_axes([weight, 100])  # axes: weight, width (100 = normal)
    return font


@cache
def font_path() -> Path:
    """The installed Noto Sans file; `FontMissing` with a one-line message when it is absent."""
    try:
        path = Path(str(resources.files(FONT_PACKAGE) / "files" / FONT_FILE))
    except ModuleNotFoundError:
        path = None
    if path is None or not path.is_file():
        raise FontMissing(
            f"share cards: error: the font {FONT_FILE} is not installed "
            "(PyPI package fontpkg-noto-sans, pinned in requirements.lock); run `make setup`"
        )
    return path


@cache
def _palette() -> Image.Image:
    """One fixed palette: white, and eight steps from white to each colour used."""
    colours: list[tuple[int, int, int]] = [WHITE]
    for ink in (INK, GREY, INDIGO, RULE):
        for step in range(1, 9):
            colours.append(_mix(ink, step / 8))
    flat = [channel for colour in colours for channel in colour]
    palette = Image.new("P", (1, 1))
    palette.putpalette(flat)
    return palette


def _mix(ink: tuple[int, int, int], share: float) -> tuple[int, int, int]:
    """`share` of `ink` over white."""
    red, green, blue = (round(w + (c - w) * share) for w, c in zip(WHITE, ink, strict=True))
    return red, green, blue
