"""`add-source`: copy an article into seeds/ untouched and append its entry to sources.yml.

The YAML file is appended to as text, so the editors' comments and order stay as they are.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

from generator import article, dating, page
from generator.model import Article
from generator.seeds import MAX_ARTICLE_BYTES, SOURCES_FILE

_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")


class Refused(Exception):
    """Why a source was not added: about an option (`where` is e.g. "--id") or about the file.

    `more` holds further problems found at the same time, all reported at once.
    """

    def __init__(
        self, where: str, message: str, hint: str, line: int = 1, col: int = 1, more: tuple[Refused, ...] = ()
    ) -> None:
        super().__init__(message)
        self.where, self.message, self.hint, self.line, self.col = where, message, hint, line, col
        self.more = more

    @property
    def usage(self) -> bool:
        return self.where.startswith("--")

    def format(self) -> str:
        if self.usage:
            text = (
                f"python -m generator add-source: error: argument {self.where}: {self.message}\n    hint: {self.hint}"
            )
        else:
            text = f"{self.where}:{self.line}:{self.col}: error: {self.message}\n    hint: {self.hint}"
        return "\n".join([text, *(m.format() for m in self.more)])


@dataclass(frozen=True)
class Added:
    copied: Path | None  # None: the file was already in seeds/
    sources_yml: Path
    previous_yml: bytes
    report: str
    derived: Path | None = None  # a saved page's derived text, written beside it


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _scalar(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # JSON strings are valid YAML scalars


def _refuse_all(problems: list[Refused]) -> None:
    if problems:
        raise Refused(
            problems[0].where,
            problems[0].message,
            problems[0].hint,
            problems[0].line,
            problems[0].col,
            tuple(problems[1:]),
        )


def _check_options(source_id: str | None, date: str | None, url: str | None) -> None:
    problems = []
    if source_id is not None and not _ID.match(source_id):
        problems.append(
            Refused("--id", f"{source_id!r} is not a valid id", "use lower-case letters, digits and hyphens")
        )
    if date is not None:
        try:
            dt.date.fromisoformat(date)
        except ValueError:
            problems.append(Refused("--date", f"{date!r} is not a date", "write YYYY-MM-DD"))
    if url is not None and not re.match(r"^https?://\S+$", url):
        problems.append(Refused("--url", f"{url!r} is not a web address", "start it with https://"))
    _refuse_all(problems)


def _read(path: Path) -> bytes:
    shown = str(path)
    if not path.is_file():
        raise Refused(shown, "no such file", "check the path to the article")
    data = path.read_bytes()
    if len(data) > MAX_ARTICLE_BYTES:
        raise Refused(
            shown, f"the file is {len(data) / 1024 / 1024:.1f} MB, over the limit", "is this the article's text?"
        )
    if not data.strip():
        raise Refused(shown, "the file is empty", "save the article's text into it first")
    if b"\x00" in data[:8192]:
        raise Refused(shown, "this is a binary file, not text", "save the article as plain UTF-8 text")
    return data


def _text(path: Path, data: bytes) -> str:
    try:
        return article.decode(data)
    except article.DecodeError as exc:
        guess = f" (it looks like {exc.guess})" if exc.guess else ""
        line = data[: exc.offset].count(b"\n") + 1
        col = exc.offset - (data.rfind(b"\n", 0, exc.offset) + 1) + 1
        message = f"not UTF-8 text{guess}: byte 0x{data[exc.offset]:02x}"
        raise Refused(
            str(path), message, "re-save the article as UTF-8; the tool never guesses an encoding", line, col
        ) from None


def _page_id(meta: page.Metadata) -> str | None:
    """An id from the page's address (its last path segment) or else its headline: a suggestion."""
    words: list[str] = []
    if meta.url:
        segment = urllib.parse.urlsplit(meta.url).path.rstrip("/").rsplit("/", 1)[-1]
        words = re.findall(r"[a-z0-9]+", segment.rsplit(".", 1)[0].lower())
    if not words and meta.headline:
        words = re.findall(r"[a-z0-9]+", meta.headline.lower())
    slug = ""
    for word in words:
        if len(slug) + len(word) + 1 > 48:
            break
        slug = f"{slug}-{word}" if slug else word
    return slug if _ID.match(slug) else None


def add(
    seeds_dir: Path,
    path: Path,
    source_id: str | None,
    outlet: str | None,
    headline: str | None,
    url: str | None,
    date: str | None,
    byline: str | None,
) -> Added:
    """Options given win; a saved web page (.html) fills in what they leave out from its own metadata."""
    shown = str(path)
    _check_options(source_id, date, url)
    data = _read(path)
    derived: page.Derived | None = None
    from_page: list[str] = []
    if page.is_page(path.name):
        try:
            derived = page.derive(data)
        except page.PageError as exc:
            raise Refused(shown, exc.message, exc.hint, exc.line, exc.col) from None
        meta = derived.metadata
        published = meta.published if meta.published and _is_date(meta.published) else None
        given = {"id": source_id, "outlet": outlet, "headline": headline, "url": url, "date": date, "byline": byline}
        found = {"id": _page_id(meta), "outlet": meta.outlet, "headline": meta.headline, "url": meta.url}
        found |= {"date": published, "byline": meta.byline}
        from_page = [key for key, value in found.items() if value and not given[key]]
        source_id, outlet, headline = source_id or found["id"], outlet or meta.outlet, headline or meta.headline
        url, date, byline = url or meta.url, date or published, byline or meta.byline
        parsed = article.parse(derived.text)
    else:
        parsed = article.parse(_text(path, data))
    missing = []
    needed = "required for a text file"
    if derived is None:  # a text file says nothing about itself: the options are required
        if not source_id:
            missing.append(Refused("--id", needed, "give a short name: lower-case letters, digits, hyphens"))
        if not outlet:
            missing.append(Refused("--outlet", needed, 'say who published it: --outlet "Name"'))
    else:
        if not outlet:
            no_outlet = "the page does not name its outlet (who published it)"
            missing.append(Refused(shown, no_outlet, 'give --outlet "Name"'))
        if not source_id:
            no_id = "the page has no address or headline to make an id from"
            missing.append(Refused(shown, no_id, "give one with --id short-name"))
    _refuse_all(missing)
    assert source_id is not None and outlet is not None
    target = seeds_dir / path.name
    in_place = target.exists() and target.resolve() == path.resolve()
    if target.exists() and not in_place:
        raise Refused(shown, f"{target} already exists", "rename the file or remove the old one")
    text_target = seeds_dir / page.text_name(path.name) if derived else None
    if text_target is not None and text_target.exists():
        raise Refused(
            shown, f"{text_target} already exists", "the page's text is stored there: rename the page or remove it"
        )
    yml = seeds_dir / SOURCES_FILE
    previous = yml.read_bytes()
    if re.search(rf"^\s*-?\s*id:\s*['\"]?{re.escape(source_id)}['\"]?\s*$", previous.decode("utf-8-sig"), re.M):
        where = "--id" if "id" not in from_page else shown
        raise Refused(where, f"a source with id {source_id!r} already exists", "choose another id with --id")
    entry = [f"  - id: {source_id}", f"    file: {_scalar(path.name)}", f"    outlet: {_scalar(outlet)}"]
    for key, value in (("headline", headline), ("url", url), ("byline", byline)):
        if value:
            entry.append(f"    {key}: {_scalar(value)}")
    entry.append(f"    published: {date or 'unknown'}")
    text = previous.decode("utf-8-sig")
    addition = ("" if text.endswith("\n") else "\n") + "\n" + "\n".join(entry) + "\n"
    if not in_place:
        shutil.copyfile(path, target)
    if derived is not None and text_target is not None:
        text_target.write_text(derived.text, encoding="utf-8", newline="\n")
    with open(yml, "a", encoding="utf-8") as handle:
        handle.write(addition)
    dated = dating.statements(parsed, dt.date.fromisoformat(date)) if date else ()
    report = _report(source_id, path, in_place, yml, parsed, from_page) + _dated_report(dated)
    return Added(None if in_place else target, yml, previous, report, text_target)


def _dated_report(dated: tuple[dating.Dated, ...]) -> str:
    """Candidate timeline events: each sentence naming a day, resolved against the publication date."""
    if not dated:
        return ""
    lines = [f"\n  dated statements ({len(dated)}), candidate timeline events (check before adding):"]
    for d in dated:
        sentence = d.sentence if len(d.sentence) <= 100 else d.sentence[:99] + "\u2026"
        lines.append(f"    \u00b6{d.paragraph} (line {d.line}): {d.words!r} = {d.date}: {sentence}")
    return "\n".join(lines)


def _is_date(value: str) -> bool:
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _report(source_id: str, path: Path, in_place: bool, yml: Path, parsed: Article, from_page: list[str]) -> str:
    kinds: dict[str, int] = {}
    for a in parsed.asides:
        kinds[a.kind] = kinds.get(a.kind, 0) + 1
    aside_text = ", ".join(f"{n} {k}" for k, n in sorted(kinds.items())) or "none"
    lines = [
        f"added {source_id}: "
        + ("" if in_place else f"copied {path.name} into {yml.parent}/ and ")
        + f"appended it to {yml}",
    ]
    if page.is_page(path.name):
        lines.append(f"  text derived from the page into {page.text_name(path.name)}")
        lines.append(f"  from the page: {', '.join(from_page) or 'nothing (every value was given)'}")
    lines.append(
        f"  {_count(len(parsed.paragraphs), 'paragraph')}, {_count(len(parsed.headings), 'heading')}, "
        f"set aside: {aside_text}" + (f", dateline {parsed.dateline!r}" if parsed.dateline else "")
    )
    if parsed.repaired:
        lines.append(f"  {_count(parsed.repaired, 'character')} repaired from a mis-decoded copy")
    notes = [article.note_position(w) for w in parsed.warnings]
    lines += [f"  line {line}:{col}: {message}" for line, col, message in notes]
    if not any(message.startswith("suspicious") for _, _, message in notes):
        lines.append("  suspicious characters: none")
    return "\n".join(lines)


def refresh(seeds_dir: Path, path: Path) -> str:
    """Store again the text derived from a page already in seeds/ and sources.yml (after an extractor upgrade)."""
    shown = str(path)
    data = _read(path)
    listed = _listed_files(seeds_dir / SOURCES_FILE)
    if not page.is_page(path.name) or path.resolve().parent != seeds_dir.resolve() or path.name not in listed:
        raise Refused(shown, "not a saved page listed in sources.yml", f"give the page's path inside {seeds_dir}/")
    try:
        derived = page.derive(data)
    except page.PageError as exc:
        raise Refused(shown, exc.message, exc.hint, exc.line, exc.col) from None
    target = seeds_dir / page.text_name(path.name)
    old = target.read_text(encoding="utf-8") if target.is_file() else ""
    diff = page.first_difference(old, derived.text)
    target.write_text(derived.text, encoding="utf-8", newline="\n")
    if diff is None:
        return f"{target}: unchanged"
    return f"{target}:{diff[0]}:{diff[1]}: stored the page's new text (first difference here); check the quotes"


def _listed_files(yml: Path) -> set[str]:
    found = re.findall(r"^\s*-?\s*file:\s*(.+?)\s*$", yml.read_text(encoding="utf-8-sig"), re.M)
    return {f.strip("'\"") for f in found}


def undo(added: Added) -> None:
    if added.copied is not None:
        added.copied.unlink(missing_ok=True)
    if added.derived is not None:
        added.derived.unlink(missing_ok=True)
    added.sources_yml.write_bytes(added.previous_yml)
