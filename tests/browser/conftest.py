"""Real-browser fixtures: the built site served on loopback, and one Chromium for the whole session.

The site is served under the path of `site_url` (as GitHub Pages serves a project site), so
the absolute links MkDocs writes into 404.html resolve; a missing path gets 404.html with
status 404, as on Pages. Chromium is Debian's (/usr/bin/chromium); no browser is downloaded.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import shutil
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.conftest import PROJECTS, SITES, build_once
from tests.served import site_prefix

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
VIEWPORTS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 360, "height": 740}}
SCHEMES = {"light": "default", "dark": "slate"}  # prefers-color-scheme -> the theme's data-md-color-scheme
ONCE_EACH = (("phone", "dark"), ("desktop", "light"))  # (viewport, scheme): each width and each palette once
SCREENSHOTS = ROOT / "test-output" / "screenshots"
# How long a browser action or wait may take before the test fails: an event that takes
# milliseconds on an idle machine, with room for a machine busy with other work.
WAIT_MS = 120_000

HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if HERE in Path(str(item.path)).parents:
            item.add_marker(pytest.mark.browser)


# The browser checks run on every project's site, with both renderers.
BROWSER_SITES = SITES


@pytest.fixture(scope="session", params=BROWSER_SITES)
def site_dir(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every project's built site, once per renderer (tests/conftest.py's builds, shared by the
    workers): or $EXPLAINER_SITE if set (an existing build, e.g. a Pages artifact; then only once)."""
    if os.environ.get("EXPLAINER_SITE"):
        if request.param != BROWSER_SITES[0]:
            pytest.skip("EXPLAINER_SITE names one build")
        site = Path(os.environ["EXPLAINER_SITE"]).resolve()
        assert (site / "index.html").is_file(), f"EXPLAINER_SITE={site} holds no built site"
        return site
    name, _, renderer = str(request.param).rpartition("-")
    return build_once(tmp_path_factory, request.param, PROJECTS[name], renderer)


@pytest.fixture(scope="session")
def story(site_dir: Path) -> dict[str, Any]:
    """The story as the site publishes it (data/story.json)."""
    data: dict[str, Any] = json.loads((site_dir / "data" / "story.json").read_text(encoding="utf-8"))
    return data


class _Handler(http.server.SimpleHTTPRequestHandler):
    prefix = "/"

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the stdlib's name
        pass

    def translate_path(self, path: str) -> str:
        clean = urlsplit(path).path
        if not clean.startswith(self.prefix):
            return os.path.join(self.directory, "\0missing")  # outside the site: 404
        return super().translate_path("/" + clean[len(self.prefix) :])

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


class SiteServer(http.server.ThreadingHTTPServer):
    """The test server: a request the browser gave up on (it navigated away) is not an error to print."""

    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        if isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            return
        super().handle_error(request, client_address)


@pytest.fixture(scope="session")
def base_url(site_dir: Path) -> Iterator[str]:
    """http://127.0.0.1:PORT/<site_url path>/ serving site_dir, on an ephemeral port."""
    prefix = site_prefix(site_dir.parent) if (site_dir.parent / "mkdocs.yml").is_file() else site_prefix(ROOT)
    handler = type("Handler", (_Handler,), {"prefix": prefix})
    server = SiteServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site_dir)))
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}{prefix}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """One headless Debian Chromium for the session."""
    sync_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).is_file():
        pytest.fail(f"Chromium not found at {CHROMIUM}; run `make chromium`")
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


# WCAG 2.2 AA, which axe's default run leaves out: its defaults stop at 2.1, so target size
# (2.5.8, small links set too close together, which Lighthouse checks) would go untested.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
AXE_OPTIONS = {
    "resultTypes": ["violations"],
    "runOnly": {"type": "tag", "values": AXE_TAGS},
    "rules": {"target-size": {"enabled": True}},
}


def axe_violations(page: Any) -> list[str]:
    """axe-core on the page as it is now: WCAG 2.0, 2.1 and 2.2 A and AA and axe's best practices,
    every impact level, one readable line (plus axe's hint) per violated rule."""
    from axe_playwright_python.sync_playwright import Axe

    found = Axe().run(page, options=AXE_OPTIONS).response["violations"]
    return [
        f"{v['id']} ({v['impact']}): {v['help']}; at {', '.join(str(n['target']) for n in v['nodes'][:5])}"
        + (f"\n      {v['nodes'][0].get('failureSummary', '')}".replace("\n", "\n      ") if v["nodes"] else "")
        for v in found
    ]


@dataclass
class Watch:
    """What went wrong on the network and in the console of a browser context, page by page."""

    origin: str
    problems: list[str] = field(default_factory=list)

    def clear(self) -> list[str]:
        out, self.problems = self.problems, []
        return out


def new_context(browser: Any, base_url: str, viewport: str = "desktop", scheme: str = "light") -> tuple[Any, Watch]:
    """A fresh context (own storage) that records console errors, failed requests and other hosts.

    A request the browser cancels itself (net::ERR_ABORTED) is not a problem: a test goes on to the
    next page (a click, a goto) or closes the context once a page has loaded, while the page may
    still be loading something (the theme's search worker). Any other failure is one; a request to
    another host is aborted and reported as such.
    """
    context = browser.new_context(viewport=VIEWPORTS[viewport], color_scheme=scheme, reduced_motion="reduce")
    context.set_default_timeout(WAIT_MS)
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(base_url))
    watch = Watch(origin)

    def route(r: Any) -> None:
        url = r.request.url
        if url.startswith((origin + "/", "data:", "blob:")):
            r.continue_()
        else:
            watch.problems.append(f"request to another host: {url}")
            r.abort()

    def on_response(response: Any) -> None:
        if response.status >= 400:
            watch.problems.append(f"HTTP {response.status}: {response.url}")

    context.route("**/*", route)

    def on_failed(request: Any) -> None:
        if request.failure != "net::ERR_ABORTED" and request.url.startswith(origin + "/"):
            watch.problems.append(f"request failed ({request.failure}): {request.url}")

    context.on("requestfailed", on_failed)
    context.on("response", on_response)

    def on_console(message: Any) -> None:
        if message.type == "error":
            watch.problems.append(f"console error: {message.text} at {message.location}")

    context.on("console", on_console)
    context.on("weberror", lambda e: watch.problems.append(f"uncaught exception: {e.error}"))
    return context, watch


def zensical(site_dir: Path) -> bool:
    """Whether Zensical built the site (its search is a dialog of its own, in a shadow root)."""
    return 'name="generator" content="zensical' in (site_dir / "index.html").read_text(encoding="utf-8")


def visit(page: Any, url: str) -> None:
    """Go to `url` and wait until it is loaded: its deferred scripts have run and its fonts are in.

    Not "networkidle": that waits half a second of quiet after every page, which on a suite of
    hundreds of page visits is minutes of a worker doing nothing."""
    page.goto(url, wait_until="load")
    page.evaluate("document.fonts.ready.then(() => document.fonts.status)")


@pytest.fixture()
def desktop(browser: Any, base_url: str) -> Iterator[tuple[Any, Watch]]:
    """A light-scheme desktop page; the test fails if it logged an error or a request failed."""
    context, watch = new_context(browser, base_url)
    page = context.new_page()
    yield page, watch
    context.close()
    assert not watch.problems, "\n".join(watch.problems)
