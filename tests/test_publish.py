"""Publishing: the Pages workflow, a project-page sub-path, offline use, metadata, downloads,
reproducible builds and portability to ProperDocs.

Most tests read the real site built once per session (`built_site`). The reproducibility,
hook and ProperDocs tests build temporary copies of the project (tests/projcopy.py).
"""

from __future__ import annotations

import calendar
import csv
import datetime as dt
import gzip
import http.server
import io
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

import feedparser
import pytest
import yaml
from PIL import Image

from tests import projcopy

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
WORKFLOW = ROOT / ".github" / "workflows" / "pages.yml"


def _tag(loader: yaml.SafeLoader, tag: str, node: yaml.Node) -> Any:
    """MkDocs' YAML tags: `!ENV [NAME, ..., default]` as MkDocs reads it; other tags as nothing."""
    if tag != "!ENV":
        return None
    if isinstance(node, yaml.SequenceNode):
        *names, default = loader.construct_sequence(node)
    else:
        names, default = [loader.construct_scalar(node)], None  # type: ignore[arg-type]
    return next((os.environ[n] for n in names if n in os.environ), default)


def _config(config: Path = ROOT / "mkdocs.yml") -> dict[str, Any]:
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("", _tag)
    return yaml.load(config.read_text(encoding="utf-8"), Loader=Loader) or {}


SITE_URL = str(_config()["site_url"])  # e.g. https://example.github.io/explainer/ (the repository root's)
PREFIX = urlsplit(SITE_URL).path  # the project page's sub-path, e.g. /explainer/


# -- small readers ------------------------------------------------------------------------


@dataclass
class Html(HTMLParser):
    """Tags with their attributes, the ids on the page, and the text of each <script> and <style>."""

    tags: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)
    scripts: list[tuple[dict[str, str], str]] = field(default_factory=list)
    styles: list[str] = field(default_factory=list)
    _open: tuple[str, dict[str, str]] | None = None

    def __post_init__(self) -> None:
        HTMLParser.__init__(self, convert_charrefs=True)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        self.tags.append((tag, a))
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "a" and "name" in a:
            self.ids.add(a["name"])
        if tag in ("script", "style"):
            self._open = (tag, a)
            if tag == "script":
                self.scripts.append((a, ""))
            else:
                self.styles.append("")

    def handle_endtag(self, tag: str) -> None:
        if self._open and self._open[0] == tag:
            self._open = None

    def handle_data(self, data: str) -> None:
        if self._open is None:
            return
        if self._open[0] == "script":
            a, text = self.scripts[-1]
            self.scripts[-1] = (a, text + data)
        else:
            self.styles[-1] += data

    def all(self, tag: str) -> list[dict[str, str]]:
        return [a for t, a in self.tags if t == tag]

    def meta(self, key: str) -> list[str]:
        """Contents of <meta property=key> or <meta name=key>."""
        return [a.get("content", "") for a in self.all("meta") if key in (a.get("property"), a.get("name"))]

    def jsonld(self) -> list[Any]:
        return [json.loads(text) for a, text in self.scripts if a.get("type") == "application/ld+json"]


def read_html(text: str) -> Html:
    page = Html()
    page.feed(text)
    page.close()
    return page


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def content_pages(site: Path) -> list[Path]:
    """Every page but 404.html: the pages of the sitemap."""
    return [p for p in html_pages(site) if p.relative_to(site).as_posix() != "404.html"]


def site_url(site: Path) -> str:
    """The site_url of the project `site` was built from (its mkdocs.yml is next to its site/)."""
    config = site.parent / "mkdocs.yml"
    if not config.is_file():
        return SITE_URL
    return str(_config(config).get("site_url") or SITE_URL)


def page_url(site: Path, page: Path) -> str:
    """The canonical URL of a built page: site/topics/x/index.html -> site_url(site) + 'topics/x/'."""
    rel = page.parent.relative_to(site).as_posix()
    return site_url(site) + ("" if rel == "." else rel + "/")


def seeds(site: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    """The story a built site was made from (its project's seeds/ are next to its site/)."""
    root = site.parent if (site.parent / "seeds").is_dir() else ROOT
    story = yaml.safe_load((root / "seeds" / "story.yml").read_text(encoding="utf-8"))
    sources = yaml.safe_load((root / "seeds" / "sources.yml").read_text(encoding="utf-8"))
    return story, sources


def _srcset(value: str) -> list[str]:
    return [part.strip().split()[0] for part in value.split(",") if part.strip()]


def resource_refs(tag: str, a: dict[str, str]) -> list[str]:
    """URLs a browser fetches for this tag when the page loads (links to follow are separate)."""
    out: list[str] = []
    if tag in ("script", "img", "iframe", "embed", "audio", "video", "source", "track", "input") and a.get("src"):
        out.append(a["src"])
    if tag in ("img", "source") and a.get("srcset"):
        out += _srcset(a["srcset"])
    if tag == "video" and a.get("poster"):
        out.append(a["poster"])
    if tag == "object" and a.get("data"):
        out.append(a["data"])
    if tag == "link" and a.get("href"):
        rels = set(a.get("rel", "").lower().split())
        if rels & LOADED_RELS:
            out.append(a["href"])
    return out


LOADED_RELS = {
    "stylesheet",
    "icon",
    "shortcut",
    "apple-touch-icon",
    "mask-icon",
    "preload",
    "modulepreload",
    "prefetch",
    "preconnect",
    "dns-prefetch",
    "manifest",
    "prerender",
}

CSS_URL = re.compile(r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^)'"\s]*))\s*\)""", re.I)
CSS_IMPORT = re.compile(r"""@import\s+(?:url\(\s*)?["']?([^"')\s;]+)""", re.I)


def css_refs(text: str) -> list[str]:
    refs = [next(g for g in m.groups() if g is not None) for m in CSS_URL.finditer(text)]
    return refs + [m.group(1) for m in CSS_IMPORT.finditer(text)]


def is_external(url: str) -> bool:
    return bool(re.match(r"(?i)^\s*(https?:)?//", url))


# -- 1. the GitHub Pages workflow -------------------------------------------------------------


def test_workflow_passes_actionlint_and_the_workflow_schema() -> None:
    lint = subprocess.run(
        [str(BIN / "actionlint"), "-no-color", str(WORKFLOW)], capture_output=True, text=True, timeout=120
    )
    assert lint.returncode == 0, lint.stdout + lint.stderr
    schema = subprocess.run(
        [str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.github-workflows", str(WORKFLOW)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert schema.returncode == 0, schema.stdout + schema.stderr


def test_actionlint_would_catch_a_broken_workflow(tmp_path: Path) -> None:
    """The lint above can fail: a wrong permission value and an unknown output are findings."""
    broken = tmp_path / ".github" / "workflows" / "pages.yml"
    broken.parent.mkdir(parents=True)
    text = WORKFLOW.read_text(encoding="utf-8")
    assert "pages: write" in text and "steps.deployment.outputs.page_url" in text
    broken.write_text(
        text.replace("pages: write", "pages: writ").replace("outputs.page_url", "outputs.page_uri"), encoding="utf-8"
    )
    lint = subprocess.run(
        [str(BIN / "actionlint"), "-no-color", str(broken)], capture_output=True, text=True, timeout=120
    )
    assert lint.returncode != 0 and "writ" in lint.stdout, lint.stdout + lint.stderr


def test_workflow_builds_every_change_and_deploys_only_main_with_least_permissions() -> None:
    wf = yaml.load(WORKFLOW.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)  # `on` stays a string
    assert set(wf["on"]) >= {"push", "pull_request"} and wf["on"]["push"]["branches"] == ["main"]
    assert wf["permissions"] == {"contents": "read"}
    build, deploy = wf["jobs"]["build"], wf["jobs"]["deploy"]
    assert build["permissions"] == {"contents": "read"}
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["needs"] == "build"
    for condition in (
        deploy["if"],
        next(s for s in build["steps"] if "upload-pages-artifact" in s.get("uses", ""))["if"],
    ):
        assert "github.event_name != 'pull_request'" in condition and "github.ref == 'refs/heads/main'" in condition
    assert deploy["concurrency"]["group"] == "pages" and deploy["environment"]["name"] == "github-pages"
    steps = [*build["steps"], *deploy["steps"]]
    uses = [s["uses"] for s in steps if "uses" in s]
    for action in uses:
        assert re.fullmatch(r"[\w.-]+/[\w.-]+@v\d+(\.\d+){0,2}", action), f"not pinned to a version tag: {action}"
    names = {u.split("@")[0] for u in uses}
    assert {
        "actions/checkout",
        "actions/setup-python",
        "actions/setup-node",
        "actions/configure-pages",
        "actions/upload-pages-artifact",
        "actions/deploy-pages",
    } <= names
    build_uses = {s["uses"].split("@")[0] for s in build["steps"] if "uses" in s}
    assert not build_uses & {"actions/configure-pages", "actions/deploy-pages"}, "the Pages API is the deploy job's"
    python = next(s for s in build["steps"] if s.get("uses", "").startswith("actions/setup-python"))
    assert python["with"]["python-version"] == "3.11"
    upload = next(s for s in build["steps"] if s.get("uses", "").startswith("actions/upload-pages-artifact"))
    assert upload["with"]["path"] == "site"
    runs = [s["run"].strip() for s in build["steps"] if "run" in s]
    assert runs == ["make check", "make build"], runs
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(
        r"^build:.*\n\t\$\(BIN\)/python -m generator --root \$\(ROOT\) build --renderer \$\(RENDERER\)$", makefile, re.M
    ), "make build no longer builds with --strict"
    assert re.search(r"^RENDERER \?= mkdocs$", makefile, re.M), "the Pages workflow builds with MkDocs unless told"


# -- 2. a project page: the site under a sub-path ------------------------------------------------


class _SubPath(http.server.SimpleHTTPRequestHandler):
    """Serves site/ under /explainer/ only; anything missing gets 404.html with status 404, as on Pages."""

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass

    def send_head(self) -> Any:
        if not unquote(urlsplit(self.path).path).startswith(PREFIX):
            self.send_error(404)
            return None
        return super().send_head()

    def translate_path(self, path: str) -> str:
        return super().translate_path("/" + unquote(urlsplit(path).path)[len(PREFIX) :])

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        if code != 404:
            super().send_error(code, message, explain)
            return
        body = (Path(self.directory) / "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def served(built_site: Path) -> Iterator[str]:
    """http://127.0.0.1:PORT/explainer/ serving site/ from a thread."""
    handler = type("Handler", (_SubPath,), {})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), lambda *a: handler(*a, directory=str(built_site)))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}{PREFIX}"
    finally:
        server.shutdown()
        server.server_close()


@dataclass
class Got:
    status: int
    url: str  # after redirects
    type: str
    body: bytes


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any) -> None:
        return None


_OPENER = urllib.request.build_opener(_NoRedirect)


def fetch(url: str, cache: dict[str, Got]) -> Got:
    if url not in cache:
        try:
            with _OPENER.open(url, timeout=120) as r:
                cache[url] = Got(r.status, r.geturl(), r.headers.get_content_type(), r.read())
        except urllib.error.HTTPError as e:
            cache[url] = Got(e.code, url, e.headers.get_content_type(), e.read())
    return cache[url]


def search_index(page: Html) -> str:
    """Where the theme's search fetches its index from, relative to the site: Material's or Zensical's."""
    generator = page.meta("generator")
    return "search.json" if generator and generator[0].startswith("zensical") else "search/search_index.json"


@dataclass
class Crawl:
    origin: str
    cache: dict[str, Got] = field(default_factory=dict)
    parsed: dict[str, Html] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    pages: set[str] = field(default_factory=set)
    checked: int = 0

    def page(self, url: str) -> Html:
        if url not in self.parsed:
            self.parsed[url] = read_html(fetch(url, self.cache).body.decode("utf-8"))
        return self.parsed[url]

    def check(self, base: str, ref: str, what: str) -> str | None:
        """Resolve `ref` as a browser would on `base`; returns the target if it is an HTML page of the site."""
        if ref.strip().startswith("#"):  # this page's own anchor: nothing is fetched
            self.checked += 1
            if ref.strip() != "#" and unquote(ref.strip()[1:]) not in self.page(base).ids:
                self.problems.append(f"{urlsplit(base).path}: {what} {ref!r}: no such id on the page")
            return None
        url = urljoin(base, ref.strip())
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or f"{parts.scheme}://{parts.netloc}" != self.origin:
            return None  # data:, mailto:, other hosts: not this test's business
        self.checked += 1
        where = f"{urlsplit(base).path}: {what} {ref!r}"
        if not parts.path.startswith(PREFIX):
            self.problems.append(f"{where} leaves the sub-path ({parts.path})")
            return None
        target = parts._replace(fragment="", query="").geturl()
        got = fetch(target, self.cache)
        if got.status != 200:
            self.problems.append(f"{where} -> HTTP {got.status}")
            return None
        if parts.fragment and got.type == "text/html":
            if unquote(parts.fragment) not in self.page(target).ids:
                self.problems.append(f"{where}: no id {parts.fragment!r} on {parts.path}")
        elif parts.fragment:
            self.problems.append(f"{where}: #fragment on a {got.type} file")
        if got.type == "text/css":
            for inner in css_refs(got.body.decode("utf-8")):
                self.check(target, inner, "css url()")
        return target if got.type == "text/html" else None

    def visit(self, url: str) -> list[str]:
        """Check every link, asset and anchor of one page; returns the pages it links to."""
        self.pages.add(url)
        page = self.page(url)
        found: list[str] = []
        for tag, a in page.tags:
            for ref in resource_refs(tag, a):
                self.check(url, ref, f"<{tag}>")
            if tag == "a" and a.get("href") and not a["href"].startswith(("mailto:", "tel:")):
                if a["href"].lower().startswith("javascript:"):
                    self.problems.append(f"{url}: javascript: link")
                target = self.check(url, a["href"], "<a href>")
                if target:
                    found.append(target)
            if tag == "link" and {"prev", "next"} & set(a.get("rel", "").split()):
                target = self.check(url, a["href"], f"<link rel={a['rel']}>")
                if target:
                    found.append(target)
        for style in page.styles:
            for ref in css_refs(style):
                self.check(url, ref, "<style> url()")
        for a, text in page.scripts:  # Material's own config: the search worker and its index
            if a.get("id") == "__config":
                config = json.loads(text)
                base = urljoin(url, config["base"])
                base += "" if base.endswith("/") else "/"  # as both bundles do
                self.check(url, config["search"], "search worker")
                self.check(base, search_index(page), "search index")
        return found


def test_every_link_asset_and_anchor_resolves_under_a_sub_path(built_site: Path, served: str) -> None:
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(served))
    crawl = Crawl(origin)
    todo = [served]
    while todo:
        url = todo.pop()
        if url in crawl.pages:
            continue
        todo += [t for t in crawl.visit(url) if t not in crawl.pages]
        canonical = [a["href"] for a in crawl.page(url).all("link") if a.get("rel") == "canonical"]
        expected = site_url(built_site) + urlsplit(url).path[len(urlsplit(site_url(built_site)).path) :]
        if canonical != [expected]:
            crawl.problems.append(f"{url}: canonical {canonical} instead of {expected}")
    assert not crawl.problems, "\n".join(crawl.problems)
    reached = {urlsplit(u).path for u in crawl.pages}
    expected_pages = {
        PREFIX + p.parent.relative_to(built_site).as_posix().removeprefix(".") for p in content_pages(built_site)
    }
    expected_pages = {p if p.endswith("/") else p + "/" for p in expected_pages}
    assert reached == expected_pages, f"not reached by links: {sorted(expected_pages - reached)}"
    assert crawl.checked > 500  # every page's assets, nav links and evidence anchors


def test_sitemap_lists_every_page_and_each_resolves_under_the_sub_path(built_site: Path, served: str) -> None:
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locs = [e.text or "" for e in ET.parse(built_site / "sitemap.xml").getroot().findall("s:url/s:loc", ns)]
    assert sorted(locs) == sorted(page_url(built_site, p) for p in content_pages(built_site))
    cache: dict[str, Got] = {}
    for loc in locs:
        assert loc.startswith(site_url(built_site))
        got = fetch(served + loc[len(site_url(built_site)) :], cache)
        assert got.status == 200 and got.type == "text/html", loc
    with gzip.open(built_site / "sitemap.xml.gz") as gz:
        assert gz.read() == (built_site / "sitemap.xml").read_bytes()


@pytest.mark.parametrize("missing", ["no-such-page", "no/such/deep/page/", "topics/no-such-topic/", "assets/x/y/z.css"])
def test_404_page_works_at_any_depth(built_site: Path, served: str, missing: str) -> None:
    url = served + missing
    got = fetch(url, {})
    assert got.status == 404 and got.body == (built_site / "404.html").read_bytes()
    crawl = Crawl("{0.scheme}://{0.netloc}".format(urlsplit(served)))
    crawl.cache[url] = got
    crawl.visit(url)
    assert not crawl.problems, "\n".join(crawl.problems)
    page = crawl.page(url)
    assert page.all("link") and any(a.get("rel") == "stylesheet" for a in page.all("link"))
    assert crawl.checked > 20


def test_outside_the_sub_path_nothing_is_served(served: str) -> None:
    """The server is a faithful stand-in: a link that left /explainer/ would be caught above."""
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(served))
    assert fetch(origin + "/index.html", {}).status == 404
    assert fetch(origin + "/assets/explainer.css", {}).status == 404
    assert fetch(served + "assets/explainer.css", {}).status == 200


# -- 3. offline and private: nothing is loaded from another host -------------------------------------

JS_URL = re.compile(r"""["'`](https?://[^"'`\s]*)""")


@dataclass(frozen=True)
class Dormant:
    """A URL in third-party JavaScript that is only fetched when `active(site)` is true."""

    prefix: str
    why: str
    active: Callable[[Path], bool]


def _any_page_has(site: Path, pattern: str) -> bool:
    return any(re.search(pattern, p.read_text(encoding="utf-8")) for p in html_pages(site))


DORMANT = [  # the theme's bundle (Material's or Zensical's): each URL sits behind a condition this site never meets
    Dormant(
        "https://api.github.com/",
        "repository facts: only with repo_url set",
        lambda site: "repo_url" in _config() or _any_page_has(site, r'data-md-component="source"'),
    ),
    Dormant(
        "https://${",
        "GitLab repository facts: only with repo_url set",
        lambda site: "repo_url" in _config() or _any_page_has(site, r'data-md-component="source"'),
    ),
    Dormant(
        "https://unpkg.com/mermaid@",
        "diagrams: only on a page with a .mermaid block",
        lambda site: _any_page_has(site, r'class="[^"]*\bmermaid\b'),
    ),
    Dormant(  # Zensical's bundle: code blocks run in the browser
        "https://unpkg.com/ace-builds@",
        "code editor: only on a page with a .pyodide block",
        lambda site: _any_page_has(site, r'class="[^"]*\bpyodide\b'),
    ),
    Dormant(
        "https://cdn.jsdelivr.net/pyodide/",
        "Python in the browser: only on a page with a .pyodide block",
        lambda site: _any_page_has(site, r'class="[^"]*\bpyodide\b'),
    ),
    Dormant(
        "https://unpkg.com/pyodide@",
        "Python in the browser: only on a page with a .pyodide block",
        lambda site: _any_page_has(site, r'class="[^"]*\bpyodide\b'),
    ),
    Dormant(  # Zensical's bundle: image zoom
        "https://unpkg.com/glightbox@",
        "lightbox: only on a page with a .glightbox element",
        lambda site: _any_page_has(site, r'class="[^"]*\bglightbox\b'),
    ),
    Dormant(
        "http://www.w3.org/",
        "XML namespace names (SVG, MathML, XHTML): identifiers, never fetched",
        lambda site: False,
    ),
    Dormant(
        "https://unpkg.com/resize-observer-polyfill",
        "polyfill: only where ResizeObserver is missing",
        lambda site: False,
    ),  # every browser Material supports has ResizeObserver (since 2020)
]


def test_no_page_stylesheet_or_script_loads_anything_from_another_host(built_site: Path) -> None:
    found: list[str] = []
    files = [p for p in sorted(built_site.rglob("*")) if p.suffix in (".html", ".css", ".js", ".svg", ".webmanifest")]
    assert files
    for path in files:
        rel = path.relative_to(built_site).as_posix()
        text = path.read_text(encoding="utf-8")
        if re.search(r"fonts\.(googleapis|gstatic)\.com", text):
            found.append(f"{rel}: Google Fonts")
        if path.suffix in (".html", ".svg"):
            page = read_html(text)
            for tag, a in page.tags:
                refs = resource_refs(tag, a) + ([a["href"]] if tag in ("use", "image") and "href" in a else [])
                refs += [r for r in css_refs(a.get("style", ""))]
                found += [f"{rel}: <{tag}> loads {r}" for r in refs if is_external(r)]
                if tag == "meta" and a.get("http-equiv", "").lower() == "refresh" and "http" in a.get("content", ""):
                    found.append(f"{rel}: meta refresh to {a['content']}")
            for style in page.styles:
                found += [f"{rel}: <style> loads {r}" for r in css_refs(style) if is_external(r)]
            for a, script in page.scripts:
                if a.get("type", "text/javascript") in ("text/javascript", "module", "application/javascript"):
                    found += [f"{rel}: inline script uses {u}" for u in JS_URL.findall(script)]
        elif path.suffix == ".css":
            found += [f"{rel}: loads {r}" for r in css_refs(text) if is_external(r)]
        elif path.suffix == ".js":
            for url in JS_URL.findall(text):
                material = rel.startswith("assets/javascripts/bundle.")
                dormant = next((d for d in DORMANT if material and url.startswith(d.prefix)), None)
                if dormant is None:
                    found.append(f"{rel}: script may fetch {url}")
                elif dormant.active(built_site):
                    found.append(f"{rel}: {url} is fetched now: {dormant.why}")
    assert not found, "\n".join(found)


def test_the_offline_scan_can_fail(built_site: Path, tmp_path: Path) -> None:
    """The same scan on a copy with a web font, a CDN script, a CSS @import and an unknown fetch."""
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    index = site / "index.html"
    index.write_text(
        index.read_text(encoding="utf-8").replace(
            "</head>",
            '<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto">'
            '<script src="//cdn.example.org/x.js"></script><style>@import url(https://cdn.example.org/a.css);</style></head>',
        ),
        encoding="utf-8",
    )
    (site / "assets" / "explainer.js").write_text('fetch("https://tracker.example.org/p");\n', encoding="utf-8")
    with pytest.raises(AssertionError) as failed:
        test_no_page_stylesheet_or_script_loads_anything_from_another_host(site)
    message = str(failed.value)
    for needle in ("Google Fonts", "//cdn.example.org/x.js", "https://cdn.example.org/a.css", "tracker.example.org"):
        assert needle in message


THEME_CREDITS = {  # "Made with Material for MkDocs" / "Made with Zensical" in the footer
    "https://squidfunk.github.io/mkdocs-material/",
    "https://zensical.org/",
}


def test_outbound_links_are_only_the_sources(built_site: Path) -> None:
    """External <a href> are fine (never loaded); they are the source articles and the theme's credit."""
    _, sources = seeds(built_site)
    allowed = {s["url"] for s in sources["sources"] if s.get("url")} | THEME_CREDITS
    outbound = set()
    for page in html_pages(built_site):
        for a in read_html(page.read_text(encoding="utf-8")).all("a"):
            if is_external(a.get("href", "")):
                outbound.add(a["href"])
    assert outbound and outbound <= allowed, sorted(outbound - allowed)


# -- 4. metadata -----------------------------------------------------------------------------


def test_site_url_is_a_project_page() -> None:
    """The sub-path tests above mean something only if the site lives below the host's root."""
    assert SITE_URL.startswith("https://") and PREFIX.endswith("/") and PREFIX.count("/") >= 2, SITE_URL
    assert _config()["theme"]["font"] is False  # no Google Fonts


def test_every_page_names_the_site_once_in_its_title(built_site: Path) -> None:
    """The browser's tab and search results: "Page - Site", and the site's name alone where the page's
    title is the site's (the home page, whose title is the story's; 404), never "Site - Site"."""
    from tests.htmlpage import parse

    story, _ = seeds(built_site)
    site_name = " ".join((story["story"].get("site_name") or story["story"]["title"]).split())
    for path in [*content_pages(built_site), built_site / "404.html"]:
        (title,) = [" ".join(e.text.split()) for e in parse(path).find("title")]
        where = path.relative_to(built_site).as_posix()
        assert title == site_name or (
            title.endswith(" - " + site_name) and title.removesuffix(" - " + site_name) != site_name
        ), f"{where}: {title!r}"
    assert [e.text for e in parse(built_site / "index.html").find("title")] == [site_name]


def test_every_page_has_description_canonical_open_graph_and_twitter_card(built_site: Path) -> None:
    story, _ = seeds(built_site)
    site_name = story["story"].get("site_name") or story["story"]["title"]  # the story names the site
    for path in content_pages(built_site):
        page = read_html(path.read_text(encoding="utf-8"))
        where = path.relative_to(built_site).as_posix()
        url = page_url(built_site, path)
        assert [a["href"] for a in page.all("link") if a.get("rel") == "canonical"] == [url], where
        (description,) = page.meta("description")
        (title,) = page.meta("og:title")
        assert description and title, where
        assert page.meta("og:description") == [description] == page.meta("twitter:description"), where
        assert page.meta("twitter:title") == [title] and page.meta("twitter:card") == ["summary_large_image"], where
        (image,) = page.meta("og:image")
        assert page.meta("twitter:image") == [image] and image.startswith(site_url(built_site)), where
        assert page.meta("og:image:alt") == [title], where
        card = Image.open(built_site / image.removeprefix(site_url(built_site)))  # the card is published, 1200 x 630
        assert card.format == "PNG" and card.size == (1200, 630), where
        assert (built_site / image.removeprefix(site_url(built_site))).stat().st_size <= 60_000, where
        assert page.meta("og:url") == [url] and page.meta("og:site_name") == [site_name], where
        assert page.meta("og:type") == (["website"] if url == site_url(built_site) else ["article"]), where
        for value in (title, description):
            assert "&#" not in value and "&amp;" not in value and "&quot;" not in value, (
                f"{where}: double-escaped {value!r}"
            )
    home = read_html((built_site / "index.html").read_text(encoding="utf-8"))
    assert home.meta("og:title") == [" ".join(story["story"]["title"].split())]
    described = story["story"].get("description") or story["story"]["title"]
    assert home.meta("description") == [" ".join(described.split())]
    missing = read_html((built_site / "404.html").read_text(encoding="utf-8"))
    assert missing.meta("og:title") == [site_name] and missing.meta("og:description") and missing.meta("twitter:card")
    assert not [a for a in missing.all("link") if a.get("rel") == "canonical"], "a 404 page has no canonical address"


def test_feed_parses_and_links_back_to_pages_that_exist(built_site: Path) -> None:
    for path in content_pages(built_site):  # every page links the feed, relative (it works under any prefix)
        page = read_html(path.read_text(encoding="utf-8"))
        (link,) = [a["href"] for a in page.all("link") if a.get("type") == "application/atom+xml"]
        assert urljoin(page_url(built_site, path), link) == site_url(built_site) + "feed.xml", path
    feed = feedparser.parse((built_site / "feed.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    story, _ = seeds(built_site)
    logged = story.get("updates") or story.get("corrections")
    assert bool(feed.entries) == bool(logged), "the story's updates and corrections are the feed"
    for entry in feed.entries:
        assert entry.id.startswith(site_url(built_site) + "feed.xml#") and entry.updated_parsed, entry.id
        target = built_site / entry.link.removeprefix(site_url(built_site)).split("#")[0] / "index.html"
        assert entry.link.startswith(site_url(built_site)) and target.is_file(), entry.link
    if story.get("updates"):
        assert [e.title for e in feed.entries][0].split(",")[0] in " ".join(story["updates"][0]["text"].split())


def test_every_page_has_an_article_json_ld_citing_its_sources(built_site: Path) -> None:
    story, sources = seeds(built_site)
    by_id = {s["id"]: s for s in sources["sources"]}
    updated = str(story["story"]["updated"])
    dates = {str(story["story"].get("published", updated)), updated} | {
        str(u["date"]) for u in story.get("updates", [])
    }
    latest = max(dates - {str(story["story"].get("published", updated))}, default=updated)
    latest_items = {i for u in story.get("updates", []) if str(u["date"]) == latest for i in u.get("items", [])}
    latest_items &= {t["id"] for t in story["topics"]}
    sitemap = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    lastmod = dict(re.findall(r"<loc>([^<]*)</loc>\s*<lastmod>([^<]*)</lastmod>", sitemap))
    topic_sources = {
        t["id"]: {e["source"] for e in t["evidence"] + [e for s in t.get("history", []) for e in s["evidence"]]}
        for t in story["topics"]
    }
    for path in content_pages(built_site):
        page = read_html(path.read_text(encoding="utf-8"))
        where = path.relative_to(built_site).as_posix()
        blocks = page.jsonld()
        assert len(blocks) == 1, where
        (ld,) = blocks
        assert ld["@context"] == "https://schema.org" and ld["@type"] in ("Article", "NewsArticle"), where
        assert ld["headline"] == page.meta("og:title")[0] and ld["description"] == page.meta("description")[0], where
        # the page's own last update, from the data: the sitemap and the page agree
        assert ld["dateModified"] in dates and ld["dateModified"] == lastmod[page_url(built_site, path)], where
        if where.removeprefix("topics/").rstrip("/").removesuffix("/index.html") in latest_items:
            assert ld["dateModified"] == latest, "the latest update touching this topic dates its page"
        assert ld["url"] == ld["mainEntityOfPage"] == page_url(built_site, path), where
        if "datePublished" in ld:
            assert dt.date.fromisoformat(ld["datePublished"]) <= dt.date.fromisoformat(updated)
        cited = []
        for c in ld["citation"]:
            assert c["@type"] in ("NewsArticle", "Article", "CreativeWork") and c["name"], where
            assert c["publisher"]["@type"] == "Organization", where
            match = [
                s for s in by_id.values() if s.get("url") == c.get("url") and s["outlet"] == c["publisher"]["name"]
            ]
            assert len(match) == 1, f"{where}: cites something that is not a source: {c}"
            s = match[0]
            assert c.get("headline") == s.get("headline") and c["name"] == (s.get("headline") or s["outlet"]), where
            if isinstance(s.get("published"), dt.date):
                assert c["datePublished"] == s["published"].isoformat()
            cited.append(s["id"])
        parts = path.relative_to(built_site).parts
        if parts[0] == "topics" and parts[1] in topic_sources:
            expected = topic_sources[parts[1]]
        elif parts[0] == "sources" and parts[1] in by_id:
            expected = {parts[1]}
        elif parts[0] == "sources" and parts[1].startswith("compare-"):
            expected = {i for i in by_id if i in parts[1]}
        else:
            expected = set(by_id)
        assert set(cited) == expected and len(cited) == len(expected), where
    assert not read_html((built_site / "404.html").read_text(encoding="utf-8")).jsonld()


def test_hostile_text_stays_inert_in_metadata(hostile_site: Path) -> None:
    """The fixture story with markup and quotes in every field: metadata equals the text, never runs."""
    hostile = ROOT / "tests" / "fixtures" / "hostile" / "seeds"
    story = yaml.safe_load((hostile / "story.yml").read_text(encoding="utf-8"))
    sources = yaml.safe_load((hostile / "sources.yml").read_text(encoding="utf-8"))
    site = hostile_site
    home = read_html((site / "index.html").read_text(encoding="utf-8"))
    title = " ".join(story["story"]["title"].split())
    assert "<script>" in title and home.meta("og:title") == [title] == home.meta("twitter:title")
    (ld,) = home.jsonld()
    assert ld["headline"] == title
    assert {c["publisher"]["name"] for c in ld["citation"]} == {s["outlet"] for s in sources["sources"]}
    assert {c.get("url") for c in ld["citation"]} == {s.get("url") for s in sources["sources"]}
    for path in html_pages(site):
        page = read_html(path.read_text(encoding="utf-8"))
        for a, text in page.scripts:
            if a.get("type") == "application/ld+json":
                assert "<" not in text and "json" in a["type"], f"{path}: JSON-LD must escape '<'"
                json.loads(text)
            else:
                assert "alert(" not in text and "alert" not in a.get("src", ""), f"{path}: story text in a script"


# -- 5. data downloads ---------------------------------------------------------------------------


def test_story_json_is_the_dataset(built_site: Path) -> None:
    story, sources = seeds(built_site)
    data = json.loads((built_site / "data" / "story.json").read_text(encoding="utf-8"))
    assert data["title"] == story["story"]["title"]
    assert data["description"] == story["story"]["description"]
    assert data["updated"] == str(story["story"]["updated"])
    assert [t["id"] for t in data["topics"]] == [t["id"] for t in story["topics"]]
    # the current status is the last of the topic's history; every earlier one stays in the data
    current = [(t.get("history") or [t])[-1]["status"] for t in story["topics"]]
    assert [t["status"] for t in data["topics"]] == current
    for topic, published in zip(story["topics"], data["topics"], strict=True):  # each status change, as recorded
        if topic.get("history"):
            steps = [topic["status"]] + [h["status"] for h in topic["history"]]
            assert [s["status"] for s in published["history"]] == steps, topic["id"]
    events = {e["id"]: e for e in data["events"]}
    for event in story["events"]:
        if event.get("reported"):  # a projection resolved by later reporting
            published = events[event["id"]]
            assert published["projected"] and published["reported"]["outcome"] == event["reported"]["outcome"]
            assert published["reported"]["evidence"], event["id"]
    assert [u["date"] for u in data.get("updates", [])] == [str(u["date"]) for u in story.get("updates") or []]
    assert [s["id"] for s in data["sources"]] == [s["id"] for s in sources["sources"]]
    assert sorted(e["id"] for e in data["events"]) == sorted(e["id"] for e in story["events"])
    for t in data["topics"]:
        for e in t["evidence"]:
            paragraphs = next(s for s in data["sources"] if s["id"] == e["source"])["paragraphs"]
            assert any(p["id"] == e["paragraph"] for p in paragraphs), e


def test_agreed_csv_has_a_header_and_one_row_per_topic(built_site: Path) -> None:
    story, _ = seeds(built_site)
    raw = (built_site / "data" / "agreed.csv").read_bytes()
    assert raw.endswith(b"\r\n") and not raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8"), newline="")))
    sides = [s["label"] for s in story["story"]["sides"]]
    assert rows[0] == ["topic", "title", "status", "status_label", "until", *[f"{s} said" for s in sides], "sources"]
    body = rows[1:]
    assert [r[0] for r in body] == [t["id"] for t in story["topics"]]
    for row, topic in zip(body, story["topics"], strict=True):
        assert len(row) == len(rows[0])
        assert row[2] == (topic.get("history") or [topic])[-1]["status"]  # the current status
        cited = topic.get("evidence", []) + [e for step in topic.get("history", []) for e in step["evidence"]]
        assert set(row[-1].split()) == {e["source"] for e in cited}


def test_timeline_ics_parses_with_all_day_and_marked_projected_events(built_site: Path) -> None:
    icalendar = pytest.importorskip("icalendar")
    raw = (built_site / "data" / "timeline.ics").read_bytes()
    lines = raw.split(b"\r\n")
    assert lines[-1] == b"" and all(len(line) <= 75 for line in lines), "RFC 5545: CRLF lines of at most 75 octets"
    cal = icalendar.Calendar.from_ical(raw)
    events = list(cal.walk("VEVENT"))
    data = json.loads((built_site / "data" / "story.json").read_text(encoding="utf-8"))
    dated = [e for e in data["events"] if e["date"] and e["precision"] == "day"]
    assert [str(e["UID"]).split("@")[0] for e in events] == [e["id"] for e in dated]
    assert len({str(e["UID"]) for e in events}) == len(events)
    for event, expected in zip(events, dated, strict=True):
        start, end = event["DTSTART"], event["DTEND"]
        assert start.params.get("VALUE") == "DATE" and end.params.get("VALUE") == "DATE"
        assert type(start.dt) is dt.date and start.dt.isoformat() == expected["date"]
        last = dt.date.fromisoformat(expected["end"]) if expected.get("end") else start.dt
        assert end.dt - last == dt.timedelta(days=1)  # all-day: DTEND is the day after the last
        summary = str(event["SUMMARY"])
        if expected["projected"]:
            assert summary.startswith("Projected: ") and str(event["STATUS"]) == "TENTATIVE"
            assert "Projected" in event.get("CATEGORIES").cats
        else:
            assert not summary.startswith("Projected") and str(event["STATUS"]) == "CONFIRMED"
        assert summary.removeprefix("Projected: ") == " ".join(expected["text"].split())
        assert event["DTSTAMP"].dt.date().isoformat() == data["updated"]  # from the data, not the clock
    projected = [e for e in data["events"] if e["projected"]]
    assert all(any(x["id"] == e["id"] for x in dated) for e in projected if e["date"] and e["precision"] == "day")


def test_comparison_json_pairs_real_paragraphs(built_site: Path) -> None:
    data = json.loads((built_site / "data" / "comparison.json").read_text(encoding="utf-8"))
    story = json.loads((built_site / "data" / "story.json").read_text(encoding="utf-8"))
    paragraphs = {s["id"]: {p["id"]: p["text"] for p in s["paragraphs"]} for s in story["sources"]}
    assert len(data["comparisons"]) == len(story["sources"]) - 1
    for c in data["comparisons"]:
        assert c["a"] == story["reference"] and c["b"] in paragraphs
        assert 0 <= c["share_a_in_b"] <= 1 and 0 <= c["share_b_in_a"] <= 1
        for p in c["pairs"]:
            assert p["class"] in {"identical", "typographic", "reworded", "same-fact"}
            assert (
                paragraphs[c["a"]][p["a"]["id"]] == p["a"]["text"]
                and paragraphs[c["b"]][p["b"]["id"]] == p["b"]["text"]
            )
        for side in (c["a"], c["b"]):
            assert all(paragraphs[side][b["id"]] == b["text"] for b in c["unmatched"][side])


def test_about_page_links_every_download(built_site: Path) -> None:
    about = read_html((built_site / "about" / "index.html").read_text(encoding="utf-8"))
    links = {a["href"] for a in about.all("a") if "download" in a}
    assert links == {
        f"../data/{n}" for n in ("story.json", "agreed.csv", "timeline.ics", "comparison.json", "coverage.json")
    }


# -- 7. reproducible builds ------------------------------------------------------------------------

FIXED_DAY = dt.date(2025, 6, 1)  # not today: proves the dates come from the data, not the clock


def _copy_with_updated(dest: Path, day: dt.date) -> Path:
    root = projcopy.make(dest)
    story = root / "seeds" / "story.yml"
    text, n = re.subn(
        r"(?m)^(  updated:\s*)\S+", rf"\g<1>{day.isoformat()}", story.read_text(encoding="utf-8"), count=1
    )
    assert n == 1, "seeds/story.yml has no `updated:` under `story:`"
    # The rest of the story's own dates move with it: first published the day before, updates that day.
    text = re.sub(r"(?m)^(  published:\s*)\S+", rf"\g<1>{(day - dt.timedelta(days=1)).isoformat()}", text, count=1)
    text = re.sub(r"(?m)^(  - date:\s*)\S+", rf"\g<1>{day.isoformat()}", text)
    story.write_text(text, encoding="utf-8")
    return root


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def _assert_dated_by_the_data(site: Path, day: dt.date) -> None:
    lastmods = set(re.findall(r"<lastmod>([^<]*)</lastmod>", (site / "sitemap.xml").read_text(encoding="utf-8")))
    # each page's own last update: the story's `updated` day, or the first publication the day before
    assert day.isoformat() in lastmods and lastmods <= {day.isoformat(), (day - dt.timedelta(days=1)).isoformat()}
    header = (site / "sitemap.xml.gz").read_bytes()[:10]
    assert int.from_bytes(header[4:8], "little") == calendar.timegm(day.timetuple()), "gzip mtime"


def test_two_builds_in_different_directories_are_byte_identical(tmp_path: Path) -> None:
    one = _copy_with_updated(tmp_path / "a" / "first-copy", FIXED_DAY)
    two = _copy_with_updated(tmp_path / "elsewhere" / "deeper" / "second", FIXED_DAY)
    for root in (one, two):
        result = projcopy.run(root, "build")  # SOURCE_DATE_EPOCH unset: the CLI derives it
        assert result.returncode == 0, result.stderr
    first, second = _files(one / "site"), _files(two / "site")
    assert sorted(first) == sorted(second)
    differ = [rel for rel in first if first[rel] != second[rel]]
    assert not differ, f"differ between two builds: {differ}"
    assert {"sitemap.xml.gz", "search/search_index.json", "data/timeline.ics"} <= set(first)
    _assert_dated_by_the_data(one / "site", FIXED_DAY)
    for root in (one, two):
        needles = {str(root).encode(), str(root.resolve()).encode(), str(tmp_path).encode(), str(ROOT).encode()}
        for rel, data in _files(root / "site").items():
            leaked = [n for n in needles if n in data]
            assert not leaked, f"{rel} contains the build path {leaked}"


@pytest.fixture(scope="module")
def hook_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, subprocess.CompletedProcess[str]]:
    """Plain `mkdocs build` (the hook makes the pages), without SOURCE_DATE_EPOCH or NO_MKDOCS_2_WARNING."""
    root = _copy_with_updated(tmp_path_factory.mktemp("hook") / "project", FIXED_DAY)
    env = projcopy.env()
    env.pop("NO_MKDOCS_2_WARNING", None)
    out = root / "out"
    result = subprocess.run(
        [str(BIN / "mkdocs"), "build", "--strict", "-d", str(out)],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    return out, result


BANNER = re.compile(r"end of life|NO_MKDOCS_2_WARNING|ProperDocs|MkDocs 2\.0|Zensical", re.I)


def test_plain_mkdocs_build_shows_the_banner_that_make_hides(
    hook_build: tuple[Path, subprocess.CompletedProcess[str]],
) -> None:
    """Positive control for the banner check below: without the variable, Material prints it."""
    _, result = hook_build
    assert BANNER.search(result.stdout + result.stderr)


def test_make_build_prints_no_alarming_banner() -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_MKDOCS_2_WARNING", "MAKEFLAGS", "MAKELEVEL", "MFLAGS")}
    result = subprocess.run(
        # -o: the set-up is not redone here (it would run `npm ci`, which empties node_modules under
        # the other worker's builds, and pip on a shared .venv); `make test` did it before the suite
        ["make", "--no-print-directory", "-o", ".venv/.installed", "-o", "node_modules/.installed", "build"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert not BANNER.search(result.stdout + result.stderr), result.stdout + result.stderr
    assert "WARNING" not in result.stdout + result.stderr


def test_plain_mkdocs_build_is_dated_by_the_data(hook_build: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    out, _ = hook_build
    _assert_dated_by_the_data(out, FIXED_DAY)


# -- 8. portability: ProperDocs ---------------------------------------------------------------------


def test_properdocs_builds_the_same_site(mkdocs_site: Path, tmp_path: Path) -> None:
    """ProperDocs (pinned in requirements-dev.lock; its module is `properdocs`, so it sits beside
    MkDocs in the test venv without touching it) builds the same pages from the same mkdocs.yml."""
    pytest.importorskip("properdocs")
    root = projcopy.make(tmp_path / "project", ROOT / "seeds")  # the published story, as mkdocs_site
    out = tmp_path / "properdocs-site"
    env = {**projcopy.env(), "PYTHONPATH": str(root)}  # the hook imports `generator` from the copy
    result = subprocess.run(
        [sys.executable, "-m", "properdocs", "build", "--strict", "-f", "mkdocs.yml", "-d", str(out)],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert "generator: " in result.stderr, "the hook did not run"
    assert "ProperDocs" in read_html(_files(out)["index.html"].decode("utf-8")).meta("generator")[0]
    ours, theirs = _files(mkdocs_site), _files(out)
    pages = sorted(p for p in ours if p.endswith(".html"))
    assert sorted(p for p in theirs if p.endswith(".html")) == pages
    assert sorted(theirs) == sorted(ours)
    for rel in [p for p in ours if p.startswith("data/")] + ["assets/vendor/tablesort.min.js"]:
        assert theirs[rel] == ours[rel], rel
    for rel in pages:
        a, b = read_html(ours[rel].decode("utf-8")), read_html(theirs[rel].decode("utf-8"))
        assert [x.get("content") for x in a.all("meta") if x.get("name") != "generator"] == [
            x.get("content") for x in b.all("meta") if x.get("name") != "generator"
        ], rel
        assert a.jsonld() == b.jsonld() and a.ids == b.ids, rel
