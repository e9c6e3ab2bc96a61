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
