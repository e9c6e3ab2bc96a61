"""`add-source`: copy an article into seeds/ untouched and append its entry to sources.yml.

The YAML file is appended to as text, so the editors' comments and order stay as they are.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from generator import article
from generator.seeds import MAX_ARTICLE_BYTES, SOURCES_FILE

_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")


class Refused(Exception):
    """Why a source was not added: about an option (`where` is e.g. "--id") or about the file."""

    def __init__(self, where: str, message: str, hint: str, line: int = 1, col: int = 1) -> None:
        super().__init__(message)
        self.where, self.message, self.hint, self.line, self.col = where, message, hint, line, col

    @property
    def usage(self) -> bool:
        return self.where.startswith("--")

    def format(self) -> str:
        if self.usage:
            return (
                f"python -m generator add-source: error: argument {self.where}: {self.message}\n    hint: {self.hint}"
            )
        return f"{self.where}:{self.line}:{self.col}: error: {self.message}\n    hint: {self.hint}"


@dataclass(frozen=True)
class Added:
    copied: Path | None  # None: the file was already in seeds/
    sources_yml: Path
    previous_yml: bytes
    report: str


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _scalar(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # JSON strings are valid YAML scalars


def add(
    seeds_dir: Path,
    path: Path,
    source_id: str,
    outlet: str,
    headline: str | None,
    url: str | None,
    date: str | None,
    byline: str | None,
) -> Added:
    shown = str(path)
    if not _ID.match(source_id):
        raise Refused("--id", f"{source_id!r} is not a valid id", "use lower-case letters, digits and hyphens")
    if date is not None:
        try:
            dt.date.fromisoformat(date)
        except ValueError:
            raise Refused("--date", f"{date!r} is not a date", "write YYYY-MM-DD") from None
    if url is not None and not re.match(r"^https?://\S+$", url):
        raise Refused("--url", f"{url!r} is not a web address", "start it with https://")
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
    try:
        parsed = article.parse(article.decode(data))
    except article.DecodeError as exc:
        guess = f" (it looks like {exc.guess})" if exc.guess else ""
        line = data[: exc.offset].count(b"\n") + 1
        col = exc.offset - (data.rfind(b"\n", 0, exc.offset) + 1) + 1
        message = f"not UTF-8 text{guess}: byte 0x{data[exc.offset]:02x}"
        raise Refused(
            shown, message, "re-save the article as UTF-8; the tool never guesses an encoding", line, col
        ) from None
    target = seeds_dir / path.name
    in_place = target.exists() and target.resolve() == path.resolve()
    if target.exists() and not in_place:
        raise Refused(shown, f"{target} already exists", "rename the file or remove the old one")
    yml = seeds_dir / SOURCES_FILE
    previous = yml.read_bytes()
    if re.search(rf"^\s*-?\s*id:\s*['\"]?{re.escape(source_id)}['\"]?\s*$", previous.decode("utf-8-sig"), re.M):
        raise Refused("--id", f"a source with id {source_id!r} already exists", "choose another id")
    entry = [f"  - id: {source_id}", f"    file: {_scalar(path.name)}", f"    outlet: {_scalar(outlet)}"]
    for key, value in (("headline", headline), ("url", url), ("byline", byline)):
        if value:
            entry.append(f"    {key}: {_scalar(value)}")
    entry.append(f"    published: {date or 'unknown'}")
    text = previous.decode("utf-8-sig")
    addition = ("" if text.endswith("\n") else "\n") + "\n" + "\n".join(entry) + "\n"
    if not in_place:
        shutil.copyfile(path, target)
    with open(yml, "a", encoding="utf-8") as handle:
        handle.write(addition)
    kinds: dict[str, int] = {}
    for a in parsed.asides:
        kinds[a.kind] = kinds.get(a.kind, 0) + 1
    aside_text = ", ".join(f"{n} {k}" for k, n in sorted(kinds.items())) or "none"
    lines = [
        f"added {source_id}: "
        + ("" if in_place else f"copied {path.name} into {seeds_dir}/ and ")
        + f"appended it to {yml}",
        f"  {_count(len(parsed.paragraphs), 'paragraph')}, {_count(len(parsed.headings), 'heading')}, "
        f"set aside: {aside_text}",
    ]
    lines += [f"  suspicious: {w}" for w in parsed.warnings] or ["  suspicious characters: none"]
    return Added(None if in_place else target, yml, previous, "\n".join(lines))


def undo(added: Added) -> None:
    if added.copied is not None:
        added.copied.unlink(missing_ok=True)
    added.sources_yml.write_bytes(added.previous_yml)
