"""Reading the seeds directory: the only place the core's inputs come from disk.

Refuses article paths that escape the directory (absolute paths, `..`, symlinks pointing
outside), files that are too large, and files that are not regular files.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator import page

SOURCES_FILE = "sources.yml"
STORY_FILE = "story.yml"
MAX_ARTICLE_BYTES = 5 * 1024 * 1024


@dataclass(frozen=True)
class Inputs:
    """Everything the core needs, as bytes; `refused` explains files that could not be read."""

    root: str  # how to show the seeds directory in messages, e.g. "seeds"
    yaml: dict[str, bytes | None]  # SOURCES_FILE / STORY_FILE -> bytes, None if missing
    articles: dict[str, bytes] = field(default_factory=dict)  # as named in sources.yml
    refused: dict[str, str] = field(default_factory=dict)  # as named -> why it was not read
    files: tuple[str, ...] = ()  # names of the regular files in the seeds directory, for suggestions

    def show(self, name: str) -> str:
        return f"{self.root.rstrip('/')}/{name}" if self.root else name


def _article_names(sources: bytes | None) -> list[str]:
    if sources is None:
        return []
    try:  # only to learn which files to read: the loader reports what is wrong with the YAML
        data: Any = yaml.load(sources.decode("utf-8-sig"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (yaml.YAMLError, UnicodeDecodeError, ValueError, RecursionError):
        return []
    names: list[str] = []
    if isinstance(data, dict) and isinstance(data.get("sources"), list):
        for item in data["sources"]:
            if isinstance(item, dict) and isinstance(item.get("file"), str):
                names.append(item["file"])
                if page.is_page(item["file"]):  # a saved web page: its derived text is stored beside it
                    names.append(page.text_name(item["file"]))
    return names


def _read_article(root: Path, name: str) -> bytes | str:
    if not name or os.path.isabs(name) or name.startswith("~"):
        return "is an absolute path"
    target = root / name
    resolved_root = root.resolve()
    try:
        resolved = target.resolve()
    except (OSError, RuntimeError):
        return "cannot be resolved (a symlink loop?)"
    if resolved == resolved_root:
        return "is the seeds directory itself, not a file"
    if resolved_root not in resolved.parents:
        return "points outside the seeds directory" + (" through a symlink" if ".." not in Path(name).parts else "")
    if not target.exists():
        return "does not exist"
    if not resolved.is_file():
        return "is not a regular file"
    size = resolved.stat().st_size
    if size > MAX_ARTICLE_BYTES:
        return f"is {size / 1024 / 1024:.1f} MB, over the {MAX_ARTICLE_BYTES // 1024 // 1024} MB limit for one article"
    try:
        return resolved.read_bytes()
    except OSError as exc:
        return f"cannot be read ({exc.strerror})"


def read(seeds_dir: str | os.PathLike[str], show_as: str | None = None) -> Inputs:
    root = Path(seeds_dir)
    shown = show_as if show_as is not None else os.path.relpath(root) if root.is_absolute() else str(root)
    docs: dict[str, bytes | None] = {}
    for name in (SOURCES_FILE, STORY_FILE):
        path = root / name
        docs[name] = path.read_bytes() if path.is_file() else None
    articles: dict[str, bytes] = {}
    refused: dict[str, str] = {}
    for name in _article_names(docs[SOURCES_FILE]):
        got = _read_article(root, name)
        if isinstance(got, bytes):
            articles[name] = got
        else:
            refused[name] = got
    try:
        files = tuple(sorted(p.name for p in root.iterdir() if p.is_file() and p.name not in docs))
    except OSError:
        files = ()
    return Inputs(shown, docs, articles, refused, files)
