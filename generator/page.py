"""A saved web page: the article's text and the metadata the page carries (pure).

The HTML is the evidence, kept byte for byte; the text the site and the quote check use is
derived from it by `derive` (trafilatura, with fixed options, then one line per paragraph or
heading, a blank line between) and stored beside it as `<name>.txt`. `check` derives it
again and compares, so a change of extractor that changes the text is caught.
"""

from __future__ import annotations

import codecs
import json
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

from generator.text import normalize_typography

SUFFIXES = (".html", ".htm")
_ARTICLE_TYPES = {"NewsArticle", "Article", "ReportageNewsArticle", "AnalysisNewsArticle", "BlogPosting", "Report"}
_ARTICLE_TYPES |= {"OpinionNewsArticle", "BackgroundNewsArticle", "LiveBlogPosting", "ScholarlyArticle"}
_MIN_PARAGRAPHS = 2
_MIN_WORDS = 40


class PageError(ValueError):
    """Why a page gives no article text, at a 1-based line and column of the page."""

    def __init__(self, message: str, hint: str, line: int = 1, col: int = 1) -> None:
        super().__init__(message)
        self.message, self.hint, self.line, self.col = message, hint, line, col


@dataclass(frozen=True)
class Metadata:
    """What the page says about itself; None where it says nothing."""

    headline: str | None = None
    outlet: str | None = None
    byline: str | None = None
    published: str | None = None  # YYYY-MM-DD, the date as the page writes it (its own time zone)
    url: str | None = None


@dataclass(frozen=True)
class Derived:
    text: str  # one line per paragraph or heading, blank lines between, final newline
    metadata: Metadata


def is_page(name: str) -> bool:
    return name.lower().endswith(SUFFIXES)


def text_name(name: str) -> str:
    """Where the derived text of page `name` is stored: `story.html` -> `story.txt`."""
    stem = name.rsplit(".", 1)[0]
    return f"{stem}.txt"


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM) unless the page declares another charset; never guessed."""
    head = data[:4096].decode("ascii", "replace")
    declared = re.search(r"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", head, re.I)
    encoding = "utf-8-sig"
    if declared:
        try:
            encoding = codecs.lookup(declared.group(1)).name
        except LookupError:
            raise PageError(
                f"the page declares an unknown charset {declared.group(1)!r}", "re-save the page as UTF-8"
            ) from None
        if encoding == "utf-8":
            encoding = "utf-8-sig"
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise PageError(
            f"not {encoding.removesuffix('-sig').upper()} text: byte 0x{data[exc.start]:02x}",
            "save the page again from the browser (Web page, HTML only); the tool never guesses an encoding",
            line,
            col,
        ) from None


class _Head(HTMLParser):
    """Collects <meta>, <link rel=canonical>, JSON-LD, the first <time datetime>, <title> and <h1>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}
        self.canonical: str | None = None
        self.json_ld: list[str] = []
        self.time: str | None = None
        self.title = ""
        self.h1 = ""
        self._in: str | None = None
        self._buffer: list[str] = []
        self._h1_done = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k.lower(): v or "" for k, v in attrs}
        if tag == "meta":
            key = (a.get("property") or a.get("name") or a.get("itemprop") or "").lower()
            if key and a.get("content", "").strip():
                self.meta.setdefault(key, a["content"].strip())
        elif tag == "link" and "canonical" in a.get("rel", "").lower().split() and a.get("href"):
            self.canonical = self.canonical or a["href"].strip()
        elif tag == "time" and a.get("datetime") and self.time is None:
            self.time = a["datetime"].strip()
        elif tag == "script" and a.get("type", "").lower() == "application/ld+json":
            self._in, self._buffer = "ld", []
        elif tag == "title" and not self.title:
            self._in, self._buffer = "title", []
        elif tag == "h1" and not self._h1_done:
            self._in, self._buffer = "h1", []

    def handle_data(self, data: str) -> None:
        if self._in:
            self._buffer.append(data)

    def handle_endtag(self, tag: str) -> None:
        text = "".join(self._buffer)
        if self._in == "ld" and tag == "script":
            self.json_ld.append(text)
        elif self._in == "title" and tag == "title":
            self.title = " ".join(text.split())
        elif self._in == "h1" and tag == "h1":
            self.h1, self._h1_done = " ".join(text.split()), True
        else:
            return
        self._in = None


def _ld_objects(value: Any) -> list[dict[str, Any]]:
    if isinstance(value, list):
        return [o for v in value for o in _ld_objects(v)]
    if isinstance(value, dict):
        return [value, *_ld_objects(value.get("@graph"))]
    return []


def _ld_article(blocks: list[str]) -> dict[str, Any] | None:
    for block in blocks:
        try:
            data = json.loads(block)
        except ValueError:
            continue  # a broken JSON-LD block says nothing; the other sources of metadata remain
        for obj in _ld_objects(data):
            types = obj.get("@type")
            names = set(types) if isinstance(types, list) else {types}
            if names & _ARTICLE_TYPES:
                return obj
    return None


def _name(value: Any) -> str | None:
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, dict):
        return _name(value.get("name"))
    if isinstance(value, list):
        names = [n for n in (_name(v) for v in value) if n]
        return " and ".join([", ".join(names[:-1]), names[-1]]) if len(names) > 1 else (names[0] if names else None)
    return None


def _url(value: Any) -> str | None:
    if isinstance(value, dict):
        value = value.get("@id") or value.get("url")
    if isinstance(value, str) and re.match(r"^https?://\S+$", value.strip()):
        return value.strip()
    return None


def _day(value: Any) -> str | None:
    if isinstance(value, str):
        found = re.match(r"^\s*(\d{4}-\d{2}-\d{2})", value)
        return found.group(1) if found else None
    return None


def metadata(html: str) -> Metadata:
    head = _Head()
    head.feed(html)
    head.close()
    ld = _ld_article(head.json_ld) or {}
    m = head.meta

    def first(*values: str | None) -> str | None:
        return next((v for v in values if v), None)

    author = m.get("author") or m.get("article:author")
    return Metadata(
        headline=first(_name(ld.get("headline")), m.get("og:title"), m.get("twitter:title"), head.h1 or None),
        outlet=first(_name(ld.get("publisher")), m.get("og:site_name"), m.get("application-name")),
        byline=first(_name(ld.get("author")), author if author and not _url(author) else None),
        published=first(
            _day(ld.get("datePublished")),
            _day(m.get("article:published_time")),
            _day(m.get("datepublished")),
            _day(head.time),
        ),
        url=first(_url(head.canonical), _url(ld.get("mainEntityOfPage")), _url(ld.get("url")), _url(m.get("og:url"))),
    )


def body(html: str, headline: str | None) -> list[str]:
    """The article's paragraphs and headings, one string each, by trafilatura with fixed options."""
    import trafilatura  # here, not at the top: only saved pages need it, and it takes 0.1-0.2 s to load

    extracted = trafilatura.extract(
        html,
        output_format="txt",
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_links=False,
        favor_precision=True,
        deduplicate=False,
        with_metadata=False,
    )
    lines = [" ".join(line.split()) for line in (extracted or "").splitlines()]
    lines = [line for line in lines if line]
    if lines and headline and normalize_typography(lines[0]).casefold() == normalize_typography(headline).casefold():
        lines = lines[1:]  # the headline is metadata
    return lines


def derive(data: bytes) -> Derived:
    """Text and metadata of a saved page; PageError when it holds no article."""
    html = decode(data)
    meta = metadata(html)
    lines = body(html, meta.headline)
    paragraphs = [line for line in lines if re.search(r"[.!?\"\u201d\u2019)]$", line)]
    words = sum(len(p.split()) for p in paragraphs)
    if len(paragraphs) < _MIN_PARAGRAPHS or words < _MIN_WORDS:
        found = f"{len(paragraphs)} paragraph{'s' if len(paragraphs) != 1 else ''} of {words} words"
        raise PageError(
            f"no article text found in this page ({found})",
            "save the article's own page, not a section front, search result or login page",
        )
    return Derived("\n\n".join(lines) + "\n", meta)


def refresh_hint(shown: str) -> str:
    return (
        f"if the page now yields different text (a new extractor version), review the difference, store the new "
        f"text with `python -m generator add-source {shown} --refresh` and check the quotes against it"
    )


def first_difference(expected: str, found: str) -> tuple[int, int, str, str] | None:
    """Where `found` first differs from `expected`: 1-based line and column and the two lines there."""
    if expected == found:
        return None
    want, got = expected.split("\n"), found.split("\n")
    for number, (a, b) in enumerate(zip(want, got, strict=False), start=1):
        if a != b:
            col = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
            return number, col + 1, a, b
    number = min(len(want), len(got)) + 1
    return number, 1, (want[number - 1] if number <= len(want) else ""), (got[number - 1] if number <= len(got) else "")


def verify(data: bytes, stored: bytes | None) -> tuple[int, int, str, str] | None:
    """Compare the stored derived text with a fresh derivation; the first difference, or None.

    Raises PageError when the page no longer yields an article at all.
    """
    fresh = derive(data).text
    try:
        text = (stored or b"").decode("utf-8")
    except UnicodeDecodeError:
        text = ""
    return first_difference(fresh, text)
