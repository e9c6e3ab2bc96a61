"""Edit-to-browser time under `serve`: from saving seeds/story.yml to the open page showing it.

    .venv/bin/python bench/edit_to_browser.py [--runs 5]

Works on a throw-away copy of the project (tests/projcopy.py), so seeds/ is never touched:
starts `python -m generator --root COPY serve --dev-addr 127.0.0.1:PORT`, opens the home page
in Playwright (Debian's Chromium), then N times appends a new word to the standfirst in the
copy's seeds/story.yml and measures, wall clock, until the page (reloaded by MkDocs' live
reload) shows that word. Prints each time and the median.
"""

from __future__ import annotations

import argparse
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path
from typing import IO, Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from lighthouse import site_prefix  # noqa: E402

from tests import projcopy  # noqa: E402

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
STANDFIRST = re.compile(r"^(\s*standfirst:\s*>-?\s*\n)([ \t]+\S[^\n]*)", re.MULTILINE)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def with_word(story: str, word: str) -> str:
    """The story YAML with `word` added to the end of the standfirst's first line."""
    changed, n = STANDFIRST.subn(lambda m: f"{m.group(1)}{m.group(2)} {word}", story, count=1)
    if n != 1:
        sys.exit("no folded `standfirst: >-` block found in seeds/story.yml")
    return changed


def wait_for_server(url: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    sys.exit(f"serve did not answer at {url} within {timeout:.0f} s")


MILESTONES = {"Detected file changes": "seen", "Documentation built in": "built", "Reloading browsers": "reload"}


def read_builds(stream: IO[str], builds: list[float], events: list[tuple[float, str]]) -> None:
    """MkDocs' rebuild times, and when (perf_counter) each milestone of a rebuild reached us."""
    for line in stream:
        now = time.perf_counter()
        found = re.search(r"Documentation built in ([0-9.]+) seconds", line)
        if found:
            builds.append(float(found.group(1)))
        for text, name in MILESTONES.items():
            if text in line:
                events.append((now, name))


def milestones(events: list[tuple[float, str]], start: float, end: float) -> str:
    """E.g. "seen +0.08, built +0.30, reload +0.30": each milestone's first time after the save."""
    firsts: dict[str, float] = {}
    for at, name in list(events):
        if start <= at <= end and name not in firsts:
            firsts[name] = at - start
    return ", ".join(f"{name} +{t:.2f}" for name, t in firsts.items())


def shows(page: Any, word: str) -> bool:
    try:
        return bool(page.evaluate("w => document.body && document.body.innerText.includes(w)", word))
    except Exception:  # the page is reloading: its context went away mid-call
        return False


def main() -> None:
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--renderer", choices=("mkdocs", "zensical"), default="mkdocs")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="edit-to-browser-") as tmp:
        copy = projcopy.make(Path(tmp) / "project")
        story = copy / "seeds" / "story.yml"
        original = story.read_text(encoding="utf-8")
        port = free_port()
        base = f"http://127.0.0.1:{port}{site_prefix(copy)}"
        server = subprocess.Popen(
            [
                *(sys.executable, "-m", "generator", "--root", str(copy), "serve"),
                *("--dev-addr", f"127.0.0.1:{port}", "--renderer", args.renderer),
            ],
            cwd=copy,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )
        builds: list[float] = []  # MkDocs' own "Documentation built in N seconds", one per rebuild
        events: list[tuple[float, str]] = []
        threading.Thread(target=read_builds, args=(server.stderr, builds, events), daemon=True).start()
        times = []
        try:
            wait_for_server(base)
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
                page = browser.new_page()
                page.goto(base, wait_until="load")
                time.sleep(1)
                for i in range(args.runs):
                    word = f"edit{i}x{os.getpid()}"
                    start = time.perf_counter()
                    story.write_text(with_word(original, word), encoding="utf-8")
                    while not shows(page, word):
                        if time.perf_counter() - start > 30:
                            sys.exit(f"run {i + 1}: the page did not show the edit within 30 s")
                        time.sleep(0.01)
                    end = time.perf_counter()
                    times.append(end - start)
                    built = f"MkDocs rebuild {builds[-1]:.2f} s; " if builds else ""
                    print(f"run {i + 1}: {times[-1]:.2f} s ({built}{milestones(events, start, end)})", flush=True)
                    time.sleep(1.5)  # let the server settle before the next edit
                browser.close()
        finally:
            story.write_text(original, encoding="utf-8")
            os.killpg(server.pid, signal.SIGTERM)  # the server we started, and only its children
            server.wait(timeout=20)
    print(f"\nmedian of {len(times)}: {statistics.median(times):.2f} s (min {min(times):.2f}, max {max(times):.2f})")


if __name__ == "__main__":
    main()
