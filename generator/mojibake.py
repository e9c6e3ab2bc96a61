"""Mojibake: UTF-8 text once decoded with a single-byte code page, found and mended where certain (pure).

Three steps around ftfy, which repairs the lossless cases of the code pages it knows:

1. *Lost bytes.* Curly quotes, apostrophes and dashes are three UTF-8 bytes (E2 80 xx). Decoded
   with a code page that has no character for the last byte (Windows-874/TIS-620, -1253,
   -1252's undefined 0x9D...), that byte is dropped and only the lead byte's character (and
   perhaps the middle one's) remains: "word" + U+0E42 + "s". The lost character is inferred
   from where it stands: an apostrophe between letters, an opening or closing quotation mark
   by position, a dash between words. Each inference is reported with its column.
2. *ftfy* (run by the caller) repairs what is lossless in the code pages it knows.
3. *Lossless leftovers* in code pages ftfy does not try (Thai, Cyrillic, Greek ISO pages) are
   re-encoded and decoded as UTF-8 when the text around them is Latin.

Whatever still looks wrong is reported, never passed over: letters of another script inside a
Latin-script word or in an otherwise Latin text, and leftover mojibake pairs.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from functools import cache

CODE_PAGES = (
    "cp1252",
    "cp1250",
    "cp1251",
    "cp1253",
    "cp1254",
    "cp1257",
    "cp874",
    "mac_roman",
    *(f"iso8859_{n}" for n in (1, 2, 3, 4, 5, 7, 9, 10, 11, 13, 14, 15, 16)),
)
# Code pages of other scripts, whose lossless mojibake ftfy does not attempt.
_OTHER_SCRIPT_PAGES = ("cp874", "cp1251", "cp1253", "iso8859_5", "iso8859_7", "iso8859_11")
_C1 = "".join(chr(c) for c in range(0x80, 0xA0))
_OPENERS = " \t([{\u00a0"
_CLOSERS = " \t.,;:!?)]}\u00a0"


@dataclass(frozen=True)
class Finding:
    """One repair or one suspicious character, at a 1-based column of the line as received."""

    col: int
    repaired: bool  # True: mended (the message says into what); False: only reported
    message: str


@dataclass(frozen=True)
class Mended:
    text: str
    repaired: int  # characters mended
    findings: tuple[Finding, ...]


def _char(code_page: str, byte: int) -> str:
    return bytes([byte]).decode(code_page, "ignore")


@cache
def _lossy_pattern() -> re.Pattern[str]:
    """A lead character of E2 (perhaps with the middle byte 80's) followed by no trail character."""
    mids: dict[str, set[str]] = {}
    trails: dict[str, set[str]] = {}
    for cp in CODE_PAGES:
        lead, middle = _char(cp, 0xE2), _char(cp, 0x80)
        if not lead:
            continue
        mids.setdefault(lead, set()).update({middle} if middle and middle not in _C1 else set())
        trails.setdefault(lead, set()).update({_char(cp, b) for b in range(0x80, 0xC0)} - {""})
    alternatives = []
    for lead in sorted(mids):
        mid = f"[{re.escape(''.join(sorted(mids[lead])))}]?" if mids[lead] else ""
        not_trail = f"(?![{re.escape(''.join(sorted(trails[lead])) + _C1)}\ufffd])"
        alternatives.append(f"{re.escape(lead)}{mid}\ufffd*{not_trail}")
    return re.compile("|".join(alternatives))


@cache
def _markers() -> re.Pattern[str]:
    """Two characters that are the bytes of one UTF-8 character read with a Latin code page."""
    leads: set[str] = set()
    trails: set[str] = set()
    for cp in CODE_PAGES:
        if cp in _OTHER_SCRIPT_PAGES:
            continue
        leads |= {_char(cp, b) for b in (0xC2, 0xC3, 0xC5, 0xE2)}
        trails |= {_char(cp, b) for b in range(0x80, 0xC0)}
    trails -= {"", "\u00a0"}
    return re.compile(f"[{re.escape(''.join(sorted(leads - {''})))}][{re.escape(''.join(sorted(trails)))}]")


@functools.lru_cache(maxsize=8192)
def script(ch: str) -> str | None:
    """The script of a letter ("LATIN", "THAI"...), None for anything that is not a letter or mark."""
    if not unicodedata.category(ch).startswith(("L", "M")):
        return None
    name = unicodedata.name(ch, "")
    return name.split(" ", 1)[0] if name else None


def mostly_latin(text: str) -> bool:
    if text.isascii():  # the common case, decided without looking up every character
        return any(c.isalpha() for c in text)
    scripts = [script(c) for c in text]
    letters = [s for s in scripts if s is not None]
    return bool(letters) and sum(s == "LATIN" for s in letters) * 2 > len(letters)


def _infer(before: str, after: str) -> tuple[str, str] | None:
    """The likely lost character from its neighbours, and why."""
    if before.isalnum() and after.isalpha():
        return "\u2019", "an apostrophe between letters"
    if before in ("", *_OPENERS) and after and after not in _CLOSERS:
        if before in (" ", "\t", "\u00a0") and after in (" ", "\t"):
            return "\u2014", "a dash between words"
        return "\u201c", "an opening quotation mark"
    if before in (" ", "\t", "\u00a0") and after in (" ", "\t"):
        return "\u2014", "a dash between words"
    if before and before not in _OPENERS and after in ("", *_CLOSERS):
        return "\u201d", "a closing quotation mark"
    return None


def _show(ch: str) -> str:
    return f"U+{ord(ch):04X} {unicodedata.name(ch, '?')}"


def mend_lost_bytes(line: str, latin: bool) -> Mended:
    """Step 1: infer characters whose trailing bytes were lost. `latin`: the article is mostly Latin."""
    out: list[str] = []
    findings: list[Finding] = []
    repaired = 0
    last = 0
    for m in _lossy_pattern().finditer(line):
        found = m.group(0)
        lead_script = script(found[0])
        strong = len(found.rstrip("\ufffd")) > 1  # lead and middle byte both present
        if not strong and (not latin or lead_script in (None, "LATIN")):
            continue
        before = line[m.start() - 1] if m.start() else ""
        after = line[m.end()] if m.end() < len(line) else ""
        guess = _infer(before, after)
        if guess is None:
            continue
        char, why = guess
        out.append(line[last : m.start()] + char)
        last = m.end()
        repaired += 1
        findings.append(
            Finding(
                m.start() + 1,
                True,
                f"repaired {found!r} (a mis-decoded character whose last bytes were lost) as {char}: {why}",
            )
        )
    out.append(line[last:])
    return Mended("".join(out), repaired, tuple(findings))


def _plausible(char: str) -> bool:
    """What mojibake in Latin text usually was: Latin-1 or Latin Extended-A letters, quotes, dashes, the euro."""
    code = ord(char)
    return 0xA0 <= code <= 0x17F or 0x2010 <= code <= 0x2044 or code == 0x20AC


def _candidates(line: str, i: int, pages: tuple[str, ...]) -> list[tuple[str, str, str]]:
    """(chunk, code page, character) for each way the characters at `i` are one UTF-8 character's bytes."""
    found = []
    for cp in pages:
        for size in (3, 2, 4):
            chunk = line[i : i + size]
            try:
                char = chunk.encode(cp).decode("utf-8")
            except (UnicodeEncodeError, UnicodeDecodeError):
                continue
            if len(chunk) == size and len(char) == 1 and _plausible(char):
                found.append((chunk, cp, char))
                break
    return found


def mend_lossless(line: str, latin_pages: bool = True) -> Mended:
    """Step 3: runs of Thai, Cyrillic or Greek characters, or a pair that looks like mojibake in a Latin
    code page ftfy does not try (Baltic, Latin-9...), that are the bytes of one UTF-8 character.

    Where code pages disagree, a lower-case letter is preferred before a lower-case letter."""
    if line.isascii():  # nothing here can be the bytes of another character
        return Mended(line, 0, ())
    out: list[str] = []
    findings: list[Finding] = []
    markers = {m.start() for m in _markers().finditer(line)}
    i = 0
    while i < len(line):
        pages: tuple[str, ...] = _OTHER_SCRIPT_PAGES if script(line[i]) not in (None, "LATIN") else ()
        if not pages and latin_pages and i in markers:
            pages = CODE_PAGES
        found = _candidates(line, i, pages)
        if not found:
            out.append(line[i])
            i += 1
            continue
        after = line[i + len(found[0][0]) : i + len(found[0][0]) + 1]
        chunk, cp, char = min(found, key=lambda f: not (after.islower() and f[2].islower()))
        out.append(char)
        findings.append(Finding(i + 1, True, f"repaired {chunk!r} (UTF-8 read as {cp}) as {char}"))
        i += len(chunk)
    return Mended("".join(out), len(findings), tuple(findings))


def suspicious(text: str, latin: bool, raw: str) -> tuple[Finding, ...]:
    """Letters of another script in a Latin word or a Latin text, and leftover mojibake pairs.

    Columns point into `raw`, the line as received, where the character is found there.
    """
    found: list[Finding] = []
    seen: dict[str, int] = {}

    def col(i: int) -> int:
        ch = text[i]
        nth = seen.get(ch, 0)
        seen[ch] = nth + 1
        at = -1
        for _ in range(nth + 1):
            at = raw.find(ch, at + 1)
            if at < 0:
                return i + 1
        return at + 1

    if text.isascii():  # ASCII letters are Latin and every marker is outside ASCII: nothing to find
        return ()
    for word in re.finditer(r"\S+", text):
        if word.group(0).isascii():
            continue
        scripts = {script(c) for c in word.group(0)} - {None}
        mixed = "LATIN" in scripts and len(scripts) > 1
        for j, ch in enumerate(word.group(0)):
            s = script(ch)
            if s is None or s == "LATIN" or not (mixed or latin):
                continue
            where = "inside a Latin-script word" if mixed else "in an otherwise Latin text"
            found.append(Finding(col(word.start() + j), False, f"suspicious character {_show(ch)} {where}"))
    for m in _markers().finditer(text):
        found.append(
            Finding(
                col(m.start()), False, f"suspicious {m.group(0)!r}: looks like UTF-8 read with a single-byte code page"
            )
        )
    return tuple(sorted(found, key=lambda f: f.col))
