"""Where a built site's pages are, and the sub-path it is served under (site_url in mkdocs.yml).

Shared by the browser tests and the benchmarks, which serve site/ as GitHub Pages does.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import yaml


class _YamlLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, ignoring MkDocs' own tags (!ENV, !!python/name:...)."""


_YamlLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def site_prefix(project: Path) -> str:
    """The path part of mkdocs.yml's site_url, e.g. '/explainer/' ('/' when there is none)."""
    config = yaml.load((project / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_YamlLoader) or {}
    path = urlsplit(str(config.get("site_url") or "/")).path or "/"
    return path if path.endswith("/") else path + "/"


def page_paths(site: Path) -> list[str]:
    """Every page of the site as a URL path relative to the site root: '', 'timeline/', ..., '404.html'."""
    pages = []
    for index in sorted(site.rglob("index.html")):
        rel = index.parent.relative_to(site).as_posix()
        pages.append("" if rel == "." else rel + "/")
    return [*pages, "404.html"]


def page_kind(path: str) -> str:
    """The template a page comes from, read from its address: top-level pages are each their own
    kind; below sources/ and topics/, every page of one folder is one kind, and the generator's
    comparison pages (sources/compare-...) are a kind of their own."""
    parts = path.strip("/").split("/")
    if len(parts) < 2:
        return path
    return parts[0] + ("/compare-*" if parts[1].startswith("compare-") else "/*")


def page_sample(site: Path, largest: bool = True) -> list[str]:
    """Every kind of page at least once: each top-level page, and of every other kind its first page
    and (with `largest`) its largest (the most content, so the most to go wrong), in page_paths order."""
    paths = page_paths(site)
    size = {p: (site / p / "index.html").stat().st_size if p.endswith("/") or not p else 0 for p in paths}
    kinds: dict[str, list[str]] = {}
    for p in paths:
        kinds.setdefault(page_kind(p), []).append(p)
    chosen = {group[0] for group in kinds.values()}
    if largest:
        chosen |= {max(group, key=lambda q: (size[q], q)) for group in kinds.values()}
    return [p for p in paths if p in chosen]
