"""Incremental rebuilds for `serve`: what MkDocs made of a page is reused while nothing it depends on changed.

MkDocs' own `--dirty` cannot do this for us: files generated in memory always count as
modified, a page that is skipped keeps a stale nav, and the search index of a dirty build
lists only the pages rebuilt. Here every page still takes part in every build (nav, sitemap,
anchor checks, search index, the file written into the site), but two costly steps are
skipped when their inputs did not change:

1. Markdown to HTML (`Page.render`), keyed on the page's Markdown and source path, every
   file's URL (links resolve against them) and the site key below;
2. the theme's template and the search plugin's reading of the page, keyed on (1), the page's
   metadata and dates, the whole nav (titles, URLs, order), the error banner and the site key.

The site key is the configuration file, the theme's override files, the site URL and the build
date. Results are kept in memory for the life of the server and only from a build that finished
without a warning (a page that warned is rendered, and warns, again); the theme's installed
templates and the Markdown extensions are taken to stay as they are while serving. The hook
(generator/hook.py) wires this into MkDocs' events.
"""

from __future__ import annotations

import copy
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SearchEntry = dict[str, Any]


def digest(*parts: object) -> str:
    """One key for several values: bytes as they are, anything else by its repr."""
    h = hashlib.sha256()
    for part in parts:
        data = part if isinstance(part, bytes) else repr(part).encode()
        h.update(len(data).to_bytes(8, "big") + data)
    return h.hexdigest()


def tree_stamp(folder: str | None) -> str:
    """Every file under `folder` (e.g. the theme's overrides) by path and content; "" for none."""
    if not folder or not Path(folder).is_dir():
        return ""
    root = Path(folder)
    files = sorted(p for p in root.rglob("*") if p.is_file())
    return digest(*((p.relative_to(root).as_posix(), p.read_bytes()) for p in files))


def nav_key(items: Iterable[Any]) -> str:
    """The nav as the theme shows it: every section, page and link with its title and URL, in order."""

    def walk(nodes: Iterable[Any]) -> list[object]:
        return [
            (type(n).__name__, n.title, getattr(n, "url", None), walk(n.children) if n.children else None)
            for n in nodes
        ]

    return digest(walk(items))


@dataclass(frozen=True)
class Rendered:
    """What `Page.render` made of a page's Markdown."""

    content: str
    toc: Any
    title: str | None  # the first heading, MkDocs' fallback title
    anchors: frozenset[str] | None  # the ids on the page, for MkDocs' anchor checks
    links: dict[str, dict[str, str]] | None  # linked file (src_uri) -> {anchor: the link as written}


@dataclass(frozen=True)
class Built:
    """A finished page: the HTML written to the site and its entries in the search index."""

    html: str
    search: tuple[SearchEntry, ...]


@dataclass
class Cache:
    """The latest result of each page (by src_uri) with the key it was made under."""

    rendered: dict[str, tuple[str, Rendered]] = field(default_factory=dict)
    built: dict[str, tuple[str, Built]] = field(default_factory=dict)

    def clear(self) -> None:
        self.rendered.clear()
        self.built.clear()


@dataclass
class Build:
    """One build's look-ups and new results; `commit` keeps the results once the build succeeded."""

    cache: Cache
    site: str  # digest of the configuration, theme overrides, site URL and build date
    files: str = ""  # digest of every file's URL; set once MkDocs has them
    nav: str = ""  # digest of the nav; set once every page has its title
    render_keys: dict[str, str] = field(default_factory=dict)
    page_keys: dict[str, str] = field(default_factory=dict)
    new_rendered: dict[str, tuple[str, Rendered]] = field(default_factory=dict)
    new_built: dict[str, tuple[str, Built]] = field(default_factory=dict)
    reused_render: set[str] = field(default_factory=set)
    reused_page: dict[str, Built] = field(default_factory=dict)

    def render_key(self, uri: str, markdown: str) -> str:
        key = digest(self.site, self.files, uri, markdown)
        self.render_keys[uri] = key
        return key

    def rendered(self, uri: str, markdown: str) -> Rendered | None:
        """The earlier Markdown-to-HTML result of this page, if its inputs are unchanged."""
        key = self.render_key(uri, markdown)
        old = self.cache.rendered.get(uri)
        if old is None or old[0] != key:
            return None
        self.reused_render.add(uri)
        self.new_rendered[uri] = old
        return old[1]

    def keep_rendered(self, uri: str, rendered: Rendered) -> None:
        if uri in self.render_keys:
            self.new_rendered[uri] = (self.render_keys[uri], rendered)

    def built(self, uri: str, *page_inputs: object) -> Built | None:
        """The earlier finished page, if nothing it depends on changed (the page's own inputs besides
        its Markdown are passed in: metadata, dates, title, banner)."""
        key = digest(self.nav, self.render_keys.get(uri), uri, *page_inputs)
        self.page_keys[uri] = key
        old = self.cache.built.get(uri)
        if old is None or old[0] != key:
            return None
        self.reused_page[uri] = old[1]
        self.new_built[uri] = old
        return old[1]

    def keep_built(self, uri: str, html: str, search: Iterable[SearchEntry]) -> None:
        if uri in self.page_keys:
            self.new_built[uri] = (self.page_keys[uri], Built(html, tuple(copy.deepcopy(list(search)))))

    def commit(self) -> None:
        """Keep this build's results, and only those (pages gone from the site are forgotten)."""
        self.cache.rendered = dict(self.new_rendered)
        self.cache.built = dict(self.new_built)

    def summary(self, pages: int) -> str:
        return (
            f"incremental: {len(self.reused_page)} of {pages} pages reused, "
            f"{len(self.reused_render)} Markdown conversions reused"
        )
