"""Ingestion: an article's bytes become headings, paragraphs and set-aside lines (pure)."""

from __future__ import annotations

import difflib
import hashlib
import re
import unicodedata

import ftfy

from generator import furniture, mojibake
from generator.model import Article, Aside, Block, BlockKind
from generator.text import normalize_typography

_FTFY = ftfy.TextFixerConfig(
    uncurl_quotes=False,
    fix_latin_ligatures=False,
    fix_character_width=False,
    fix_line_breaks=False,  # a line break inside a line becomes a space below, not a second line
    normalization="NFC",
    explain=True,
)
_STRIP = re.compile("[\u200b\u2060\ufeff]")
_BREAKS = re.compile("[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
_STEPS = {  # ftfy's step names, in the editors' words
    "remove_control_chars": "removed control characters",
    "remove_terminal_escapes": "removed terminal escape codes",
    "unescape_html": "decoded HTML entities",
    "fix_surrogates": "repaired broken characters",
}
_SUSPICIOUS = re.compile("[\ufffd\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]")


class DecodeError(ValueError):
    """The bytes are not UTF-8; `offset` is the first bad byte."""

    def __init__(self, offset: int, guess: str | None) -> None:
        super().__init__(offset)
        self.offset = offset
        self.guess = guess


def decode(data: bytes) -> str:
    """UTF-8 with or without a BOM; anything else raises DecodeError (we never guess evidence)."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        guess = None
        try:
            data.decode("cp1252")
            guess = "Windows-1252"
        except UnicodeDecodeError:
            pass
        raise DecodeError(exc.start, guess) from None


aside_kind = furniture.pattern_kind  # the furniture patterns alone, one signal among several
is_heading = furniture.is_heading


def repair(line: str) -> tuple[str, str | None]:
    """Fix mojibake and strip invisible characters; say what changed or still looks wrong.

    The result is one line: line-break characters inside it (U+2028, form feed...) become spaces.
    """
    fixed, notes, _ = mend(line)
    return fixed, "; ".join(note for _, note in notes) or None


def mend(line: str, latin_text: bool | None = None) -> tuple[str, list[tuple[int, str]], int]:
    """The repaired line, what was done or looks wrong (1-based column, note), and characters mended.

    `latin_text`: the whole article is Latin-script (letters of another script are then
    suspicious); None: judge by this line alone.
    """
    visible = _STRIP.sub("", line)
    lost = mojibake.mend_lost_bytes(visible, mojibake.mostly_latin(visible))
    if mojibake.mostly_latin(lost.text):  # before ftfy, which would read C1 controls as Windows-1252
        early = mojibake.mend_lossless(lost.text, latin_pages=False)
        lost = mojibake.Mended(early.text, lost.repaired + early.repaired, lost.findings + early.findings)
    explained = ftfy.fix_and_explain(lost.text, _FTFY)
    after_ftfy = _BREAKS.sub(" ", explained.text).strip()
    lossless = mojibake.mend_lossless(after_ftfy) if mojibake.mostly_latin(after_ftfy) else None
    fixed = lossless.text if lossless else after_ftfy
    notes: list[tuple[int, str]] = [(f.col, f.message) for f in lost.findings]
    repaired = lost.repaired
    steps = explained.explanation or ()
    if any(step in ("encode", "decode", "transcode") or "utf8" in name for step, name in steps):
        changed = sum(
            j2 - j1
            for op, _, _, j1, j2 in difflib.SequenceMatcher(
                None, lost.text, explained.text, autojunk=False
            ).get_opcodes()
            if op in ("replace", "insert")
        )
        repaired += changed
        notes.append((1, "repaired mojibake"))
    for step, name in explained.explanation or ():
        if step == "apply" and name in _STEPS and (1, _STEPS[name]) not in notes:
            notes.append((1, _STEPS[name]))
    if lossless:
        notes += [(1, f.message) for f in lossless.findings]  # columns of the line after ftfy: not the file's
        repaired += lossless.repaired
    if visible != line:
        notes.append((1, "removed zero-width characters"))
    if _BREAKS.search(explained.text.strip()):
        notes.append((1, "replaced line-break characters inside the line by spaces"))
    bad = _SUSPICIOUS.search(fixed)
    if bad:
        name = unicodedata.name(bad.group(0), f"U+{ord(bad.group(0)):04X}")
        at = line.find(bad.group(0))
        notes.insert(0, ((at if at >= 0 else bad.start()) + 1, f"suspicious character {name}"))
    latin = mojibake.mostly_latin(fixed) if latin_text is None else latin_text
    notes += [(f.col, f.message) for f in mojibake.suspicious(fixed, latin, line)]
    return fixed, notes, repaired


def note_position(note: str) -> tuple[int, int, str]:
    """("line 3:7: message" or "line 3: message") -> (3, 7, "message"); column 1 when not given."""
    where, _, message = note.partition(": ")
    line, _, col = where.removeprefix("line ").partition(":")
    return int(line), int(col or 1), message


def anchor_for(kind: BlockKind, text: str) -> str:
    key = normalize_typography(text).casefold()
    digest = hashlib.sha1(key.encode("utf-8")).hexdigest()[:8]
    return ("h-" if kind is BlockKind.HEADING else "p-") + digest


def parse(text: str) -> Article:
    """Split text into blocks and asides. Every non-blank line ends up in exactly one of them."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    candidates: list[tuple[int, str, str | None]] = []  # (line number, text, aside kind)
    warnings: list[str] = []
    repaired = 0
    latin = mojibake.mostly_latin(text)
    kept: list[tuple[int, str]] = []
    for number, raw in enumerate(lines, start=1):
        line, notes, mended = mend(raw, latin)
        repaired += mended
        warnings += [f"line {number}:{col}: {note}" for col, note in notes]
        if line:
            kept.append((number, line))
    for (number, _), judged in zip(kept, furniture.judge([line for _, line in kept]), strict=True):
        kind = judged.kind
        if kind is not None and kind.startswith("unreadable: "):
            warnings.append(f"line {number}:1: unreadable text, {kind[12:]}: set aside, never evidence")
            kind = "unreadable"
        if judged.prefix:  # furniture glued to the body text: an aside of its own
            candidates.append((number, judged.prefix, judged.prefix_kind))
        candidates.append((number, judged.text, kind))
        if judged.suffix:
            candidates.append((number, judged.suffix, judged.suffix_kind))

    # A heading-like line before the first paragraph and followed by a byline, date or
    # credit is the article's own headline: metadata, not body.
    headline_lines: set[int] = set()
    for i, (number, line, kind) in enumerate(candidates):
        if kind == "headline":
            break
        if kind is not None:
            continue
        if not is_heading(line):
            break
        nxt = candidates[i + 1][2] if i + 1 < len(candidates) else None
        if nxt in ("byline", "date", "credit"):
            headline_lines.add(number)
        break

    candidates = _embedded_posts(candidates)
    blocks: list[Block] = []
    asides: list[Aside] = []
    seen: dict[str, int] = {}
    for number, line, kind in candidates:
        if number in headline_lines and kind is None:
            asides.append(Aside("headline", line, number))
            continue
        if kind is not None:
            asides.append(Aside(kind, line, number))
            continue
        block_kind = BlockKind.HEADING if is_heading(line) else BlockKind.PARAGRAPH
        anchor = anchor_for(block_kind, line)
        seen[anchor] = seen.get(anchor, 0) + 1
        if seen[anchor] > 1:
            anchor = f"{anchor}-{seen[anchor]}"
        blocks.append(Block(block_kind, line, anchor, number, len(blocks)))
    first = next((b.text for b in blocks if b.kind is BlockKind.PARAGRAPH), "")
    found = furniture.DATELINE.match(first)
    dateline = found.group(1).strip() if found else None
    return Article(tuple(blocks), tuple(asides), tuple(warnings), repaired, dateline)


_MAX_POST = 300  # characters: a social post is short


def _embedded_posts(candidates: list[tuple[int, str, str | None]]) -> list[tuple[int, str, str | None]]:
    """An embedded post: its text just before its "— Name (@handle) date" line, and a cut-off
    preview ("…") just after, are the post's words, not the outlet's."""
    out = list(candidates)
    for i, (_, _, kind) in enumerate(candidates):
        if kind != "embed":
            continue
        if i > 0 and out[i - 1][2] is None and len(out[i - 1][1]) <= _MAX_POST:
            out[i - 1] = (out[i - 1][0], out[i - 1][1], "embedded-post")
        if i + 1 < len(out) and out[i + 1][2] is None and out[i + 1][1].endswith(("…", "...")):
            out[i + 1] = (out[i + 1][0], out[i + 1][1], "embedded-post")
    return out
