"""Lighthouse on every page of the built site, mobile and desktop presets; prints a Markdown table.

    .venv/bin/python bench/lighthouse.py [--pages timeline/ agreed/ ...] [--presets mobile desktop]

The site (site/, built first if missing) is served on loopback the way GitHub Pages serves it:
under the path of `site_url`, gzip for text, `Cache-Control: max-age=600`, 404.html for a
missing path. Lighthouse is the npm package pinned below, installed on first use into
bench/node_modules (gitignored), and drives Debian's Chromium (CHROME_PATH=/usr/bin/chromium).
Lighthouse 13 needs Node 22; Debian 12 has Node 20, so this pins the last 12.x release.
Reports (JSON) go to bench/out/lighthouse/.
"""

from __future__ import annotations

import argparse
import contextlib
import email.utils
import gzip
import http.server
import json
import mimetypes
import os
import shutil
import statistics
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.served import page_paths as pages  # noqa: E402
from tests.served import site_prefix  # noqa: E402

BENCH = ROOT / "bench"
LIGHTHOUSE_VERSION = "12.8.2"
LIGHTHOUSE = BENCH / "node_modules" / ".bin" / "lighthouse"
CHROME = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run --disable-sync"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
GZIP_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml", "application/xml")


def ensure_site(site: Path) -> None:
    if not (site / "index.html").is_file():
        subprocess.run([sys.executable, "-m", "generator", "build"], cwd=ROOT, check=True)


class PagesHandler(http.server.BaseHTTPRequestHandler):
    """GET/HEAD of a static tree as GitHub Pages serves it (gzip, short cache, 404.html)."""

    site: Path
    prefix: str
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the stdlib's name
        pass

    def _file(self) -> Path | None:
        path = unquote(urlsplit(self.path).path)
        if not path.startswith(self.prefix):
            return None
        rel = path[len(self.prefix) :]
        target = (self.site / rel).resolve()
        if self.site.resolve() not in (target, *target.parents):
            return None
        if target.is_dir():
            if not path.endswith("/"):
                return None
            target = target / "index.html"
        return target if target.is_file() else None

    def do_HEAD(self) -> None:  # noqa: N802 - the stdlib's name
        self._send(body=False)

    def do_GET(self) -> None:  # noqa: N802 - the stdlib's name
        self._send(body=True)

    def _send(self, body: bool) -> None:
        target = self._file()
        status = 200
        if target is None:
            status, target = 404, self.site / "404.html"
        data = target.read_bytes()
        kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        if kind.startswith("text/") or kind == "application/javascript":
            kind += "; charset=utf-8"
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Cache-Control", "max-age=600")
        self.send_header("Last-Modified", email.utils.formatdate(target.stat().st_mtime, usegmt=True))
        if kind.startswith(GZIP_TYPES):
            self.send_header("Vary", "Accept-Encoding")
            if "gzip" in self.headers.get("Accept-Encoding", ""):
                data = gzip.compress(data, compresslevel=6, mtime=0)
                self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if body:
            self.wfile.write(data)


@contextlib.contextmanager
def serve(site: Path, prefix: str | None = None) -> Iterator[str]:
    """Serve `site` on 127.0.0.1 (ephemeral port); yields the site's base URL."""
    prefix = prefix or site_prefix(ROOT)
    handler = type("Handler", (PagesHandler,), {"site": site, "prefix": prefix})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}{prefix}"
    finally:
        server.shutdown()
        server.server_close()


def ensure_lighthouse() -> None:
    if LIGHTHOUSE.exists():
        return
    npm = shutil.which("npm")
    if npm is None:
        sys.exit("npm not found: install Node.js and npm")
    subprocess.run(
        [
            npm,
            "install",
            "--prefix",
            str(BENCH),
            "--no-save",
            "--no-audit",
            "--no-fund",
            f"lighthouse@{LIGHTHOUSE_VERSION}",
        ],
        check=True,
    )


def run_lighthouse(url: str, preset: str, out: Path) -> dict[str, Any]:
    """Scores (0-100) per category and a few metrics for one page and preset."""
    args = [
        str(LIGHTHOUSE),
        url,
        "--output=json",
        f"--output-path={out}",
        f"--chrome-flags={CHROME_FLAGS}",
        f"--only-categories={','.join(CATEGORIES)}",
        "--quiet",
    ]
    if preset == "desktop":
        args.append("--preset=desktop")
    subprocess.run(args, check=True, env={**os.environ, "CHROME_PATH": CHROME}, timeout=300)
    report = json.loads(out.read_text(encoding="utf-8"))
    scores: dict[str, Any] = {c: round(100 * (report["categories"][c]["score"] or 0)) for c in CATEGORIES}
    audits = report["audits"]
    scores["lcp_ms"] = audits["largest-contentful-paint"]["numericValue"]
    scores["tbt_ms"] = audits["total-blocking-time"]["numericValue"]
    scores["cls"] = audits["cumulative-layout-shift"]["numericValue"]
    scores["failed"] = [
        f"{a['id']} ({c})"
        for c in CATEGORIES
        if c != "performance"
        for ref in report["categories"][c]["auditRefs"]
        if ref["weight"] > 0
        for a in [audits[ref["id"]]]
        if a["score"] is not None and a["score"] < 1
    ]
    return scores


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--pages", nargs="*", help="URL paths relative to the site root (default: every page)")
    parser.add_argument("--presets", nargs="*", default=["mobile", "desktop"], choices=["mobile", "desktop"])
    args = parser.parse_args()
    ensure_site(args.site)
    ensure_lighthouse()
    out = BENCH / "out" / "lighthouse"
    out.mkdir(parents=True, exist_ok=True)
    version = subprocess.run([CHROME, "--version"], capture_output=True, text=True).stdout.strip()
    print(f"Lighthouse {LIGHTHOUSE_VERSION}, {version}\n")
    print("| page | preset | perf | a11y | best practices | SEO | LCP (ms) | TBT (ms) | CLS | failed audits |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---|")
    results = []
    with serve(args.site) as base:
        for path in args.pages or pages(args.site):
            for preset in args.presets:
                name = (path.strip("/").replace("/", "__") or "index").removesuffix(".html")
                s = run_lighthouse(base + path, preset, out / f"{name}.{preset}.json")
                results.append((path, preset, s))
                print(
                    f"| /{path} | {preset} | {s['performance']} | {s['accessibility']} | {s['best-practices']} "
                    f"| {s['seo']} | {s['lcp_ms']:.0f} | {s['tbt_ms']:.0f} | {s['cls']:.3f} "
                    f"| {', '.join(s['failed']) or '-'} |",
                    flush=True,
                )
    print()
    for preset in args.presets:
        got = [s for _, p, s in results if p == preset]
        if got:
            summary = ", ".join(
                f"{c} min {min(s[c] for s in got)} / median {statistics.median(s[c] for s in got):g}"
                for c in CATEGORIES
            )
            print(f"{preset}: {summary}")


if __name__ == "__main__":
    main()
