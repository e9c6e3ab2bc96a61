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

import yaml

from generator import article, dating, page, sources_list
from generator.model import Article
from generator.seeds import MAX_ARTICLE_BYTES, SOURCES_FILE, STORY_FILE

_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")


class Refused(Exception):
    """Why a source was not added: about an option (`where` is e.g. "--id") or about the file.

    `more` holds further problems found at the same time, all reported at once.
    """

    def __init__(
        self,
        where: str,
        message: str,
        hint: str,
        line: int = 1,
        col: int = 1,
        more: tuple[Refused, ...] = (),
        command: str = "add-source",
    ) -> None:
        super().__init__(message)
        self.where, self.message, self.hint, self.line, self.col = where, message, hint, line, col
        self.more = more
        self.command = command  # the command whose argument `where` is

    @property
    def usage(self) -> bool:
        """About an argument of the command (an option, "--id", or remove-source's "ID"), not a file."""
        return self.where.startswith("--") or self.where == "ID"

    def format(self) -> str:
        if self.usage:
            text = (
                f"python -m generator {self.command}: error: argument {self.where}: {self.message}"
                f"\n    hint: {self.hint}"
            )
        else:
            text = f"{self.where}:{self.line}:{self.col}: error: {self.message}\n    hint: {self.hint}"
        return "\n".join([text, *(m.format() for m in self.more)])


@dataclass(frozen=True)
class Added:
    copied: tuple[Path, ...]  # the files written into seeds/ (articles, saved pages' derived texts)
    sources_yml: Path
    previous_yml: bytes
    report: str


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
    if path.is_dir():
        raise Refused(shown, "is a folder, not an article", "name the article files in it (e.g. DIR/*.txt)")
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


def prepare(
    seeds_dir: Path,
    path: Path,
    source_id: str | None,
    outlet: str | None,
    headline: str | None,
    url: str | None,
    date: str | None,
    byline: str | None,
) -> Pending:
    """Read and check one article and work out its entry, writing nothing.

    Options given win; a saved web page (.html) fills in what they leave out from its own metadata."""
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
    entry = [("id", source_id), ("file", _scalar(path.name)), ("outlet", _scalar(outlet))]
    for key, value in (("headline", headline), ("url", url), ("byline", byline)):
        if value:
            entry.append((key, _scalar(value)))
    entry.append(("published", date or "unknown"))
    dated = dating.statements(parsed, dt.date.fromisoformat(date)) if date else ()
    report = _report(source_id, path, in_place, seeds_dir / SOURCES_FILE, parsed, from_page) + _dated_report(dated)
    id_from = "--id" if "id" not in from_page else shown
    return Pending(path, source_id, id_from, tuple(entry), in_place, derived.text if derived else None, report)


@dataclass(frozen=True)
class Pending:
    """A source checked and ready to add: its file, its entry for sources.yml and the report to print."""

    path: Path
    id: str
    id_from: str  # where the id came from, for an error: "--id" or the file
    entry: tuple[tuple[str, str], ...]
    in_place: bool
    derived_text: str | None
    report: str


def add_all(seeds_dir: Path, pending: list[Pending]) -> Added:
    """Copy every article and write every entry, in one go: all of them, or (on a problem) none."""
    yml = seeds_dir / SOURCES_FILE
    previous = yml.read_bytes() if yml.is_file() else b""
    text = previous.decode("utf-8-sig")
    problems: list[Refused] = []
    seen: set[str] = set()
    for p in pending:
        if p.id in seen or re.search(rf"^\s*-?\s*id:\s*['\"]?{re.escape(p.id)}['\"]?\s*$", text, re.M):
            problems.append(
                Refused(p.id_from, f"a source with id {p.id!r} already exists", "choose another id with --id")
            )
        seen.add(p.id)
    names = [p.path.name for p in pending]
    for p in pending:
        if names.count(p.path.name) > 1:
            problems.append(Refused(str(p.path), f"two articles named {p.path.name!r}", "rename one of them"))
    _refuse_all(problems)
    try:
        new_text = sources_list.with_entries(text, [p.entry for p in pending])
    except (sources_list.Unsupported, yaml.YAMLError) as exc:
        raise Refused(
            str(yml), f"cannot add to this file: {exc}", "fix seeds/sources.yml first (check tells where)"
        ) from None
    copied: list[Path] = []
    try:
        for p in pending:
            target = seeds_dir / p.path.name
            if not p.in_place:
                shutil.copyfile(p.path, target)
                copied.append(target)
            if p.derived_text is not None:
                text_target = seeds_dir / page.text_name(p.path.name)
                text_target.write_text(p.derived_text, encoding="utf-8", newline="\n")
                copied.append(text_target)
        yml.write_text(new_text, encoding="utf-8")
    except BaseException:
        for path in copied:
            path.unlink(missing_ok=True)
        if yml.is_file() or previous:
            yml.write_bytes(previous)
        raise
    return Added(tuple(copied), yml, previous, "\n".join(p.report for p in pending))


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
    for path in added.copied:
        path.unlink(missing_ok=True)
    added.sources_yml.write_bytes(added.previous_yml)


def default_id(path: Path) -> str:
    """An id made from a file's name: `Reuters Call 2.txt` -> `reuters-call-2`."""
    slug = re.sub(r"[^a-z0-9]+", "-", path.stem.lower()).strip("-")[:64].strip("-")
    return slug or "source"


@dataclass(frozen=True)
class Removed:
    files: dict[Path, bytes]  # what was deleted, kept in memory to put back
    sources_yml: Path
    previous_yml: bytes
    report: str


def remove(seeds_dir: Path, source_id: str) -> Removed:
    """Take a source out of sources.yml and delete its files, unless anything cites or marks it (then every place)."""
    yml, story_yml = seeds_dir / SOURCES_FILE, seeds_dir / STORY_FILE
    previous = yml.read_bytes()
    text = previous.decode("utf-8-sig")
    story_text = story_yml.read_text(encoding="utf-8-sig") if story_yml.is_file() else ""
    places = sources_list.references(source_id, [(str(story_yml), story_text), (str(yml), text)])
    places = [p for p in places if not (p.path == str(yml) and _is_reference_line(text, p.line))]
    if places:
        first, *rest = [
            Refused(p.path, f"names source {source_id!r}", "remove or change this first", p.line, p.col) for p in places
        ]
        first.message = f"source {source_id!r} is still cited or marked here ({len(places)} places)"
        raise Refused(first.where, first.message, first.hint, first.line, first.col, tuple(rest))
    try:
        entries = yaml.safe_load(text) or {}
        entry = next(e for e in entries.get("sources") or [] if isinstance(e, dict) and e.get("id") == source_id)
        new_text = sources_list.without_entry(text, source_id)
    except (StopIteration, KeyError, AttributeError):
        raise Refused(
            "ID",
            f"no source {source_id!r} in {yml}",
            "python -m generator check lists the sources",
            command="remove-source",
        ) from None
    except yaml.YAMLError:
        raise Refused(str(yml), "cannot read the sources file", "fix it first (check tells where)") from None
    new_text = re.sub(rf"^reference:\s*['\"]?{re.escape(source_id)}['\"]?\s*(#.*)?\n", "", new_text, flags=re.M)
    name = str(entry.get("file") or "")
    paths = [seeds_dir / name] + ([seeds_dir / page.text_name(name)] if page.is_page(name) else [])
    files = {p: p.read_bytes() for p in paths if p.is_file() and p.resolve().parent == seeds_dir.resolve()}
    yml.write_text(new_text, encoding="utf-8")
    for p in files:
        p.unlink()
    gone = ", ".join(p.name for p in files) or "no file"
    return Removed(files, yml, previous, f"removed source {source_id!r} from {yml} and deleted {gone}")


def restore(removed: Removed) -> None:
    for path, data in removed.files.items():
        path.write_bytes(data)
    removed.sources_yml.write_bytes(removed.previous_yml)


def _is_reference_line(text: str, line: int) -> bool:
    lines = text.splitlines()
    return 0 < line <= len(lines) and lines[line - 1].lstrip().startswith("reference:")
