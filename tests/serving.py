"""A `python -m generator serve` subprocess on a project copy, for the live-preview tests and
the Ctrl-C stress benchmark: its output line by line, waits that end on an event (a line
printed, the process gone) with a generous deadline, and Ctrl-C as a terminal sends it.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests import projcopy

DEADLINE = 120.0  # seconds: for an event that takes a second on an idle machine, also on a busy one
STOP_SECONDS = 2.0  # Ctrl-C ends a preview within this (the README's promise), measured by bench/interrupt.py
STOP_DEADLINE = 20.0  # what the suite allows: a busy machine may not run the server for seconds


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def group_members(pgid: int) -> list[int]:
    """Processes still alive in process group `pgid` (a server and anything it started)."""
    out = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        if int(fields[2]) == pgid and fields[0] != "Z":
            out.append(int(entry.name))
    return out


class Server:
    """`serve --renderer R` on the project at `root`, in a session of its own, on a free port."""

    def __init__(self, root: Path, renderer: str = "mkdocs") -> None:
        self.port = free_port()
        self.renderer = renderer
        self.lines: list[str] = []
        self.changed = threading.Condition()
        self.proc = subprocess.Popen(
            [
                *(projcopy.PYTHON, "-m", "generator", "--root", str(root), "serve"),
                *("--dev-addr", f"127.0.0.1:{self.port}", "--renderer", renderer),
            ],
            cwd=root,
            env=projcopy.env(),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            with self.changed:
                self.lines.append(line.rstrip("\n"))
                self.changed.notify_all()
        with self.changed:  # end of output: the process is gone
            self.changed.notify_all()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/explainer/"

    @property
    def output(self) -> str:
        return "\n".join(self.lines)

    def count(self, text: str) -> int:
        return sum(text in line for line in list(self.lines))

    def wait_for(self, what: str, ok: Callable[[], bool], timeout: float = DEADLINE) -> None:
        """Until `ok()` holds, checked on every line of output; fails fast if the server dies or a rebuild fails."""
        deadline = time.monotonic() + timeout
        with self.changed:
            while not ok():
                if self.count("An error happened during the rebuild"):
                    raise AssertionError(f"a rebuild failed while waiting for {what}:\n{self.output}")
                if not self.reader.is_alive():
                    self.proc.wait()
                    raise AssertionError(
                        f"server exited ({self.proc.returncode}) while waiting for {what}:\n{self.output}"
                    )
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}:\n{self.output}")
                self.changed.wait(min(left, 1.0))

    def get(self, page: str) -> str:
        with urllib.request.urlopen(self.url + page, timeout=DEADLINE) as response:  # noqa: S310 (a local server)
            body: bytes = response.read()
        return body.decode("utf-8")

    def get_when(self, page: str, ok: Callable[[str], bool], timeout: float = DEADLINE) -> str:
        """The page once it is served and `ok(html)` holds: a rebuild's end is printed before every
        page of it is in place (Zensical writes some after), so a page may briefly be missing or old;
        and when a save changes the derived config (a title in the navigation), Zensical restarts
        its server ("Reloading..."), which refuses connections for some 50 ms."""
        deadline = time.monotonic() + timeout
        while True:
            html = None
            with contextlib.suppress(urllib.error.URLError, ConnectionError):  # HTTPError is a URLError
                html = self.get(page)
            if html is not None and ok(html):
                return html
            if self.proc.poll() is not None:
                exited = f"server exited ({self.proc.returncode})"
                raise AssertionError(f"{exited} while waiting for /{page}:\n{self.output}")
            if time.monotonic() > deadline:
                raise AssertionError(f"/{page} never became as expected:\n{(html or '(missing)')[:2000]}")
            time.sleep(0.1)

    def interrupt(self) -> float:
        """Ctrl-C as a terminal sends it (SIGINT to the process group); returns the seconds until the
        server had exited (killed after DEADLINE; then its status is -9)."""
        start = time.monotonic()
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGINT)
            try:
                self.proc.wait(timeout=DEADLINE)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=DEADLINE)
        took = time.monotonic() - start
        self.reader.join(timeout=DEADLINE)
        return took

    stop = interrupt

    def left_behind(self) -> list[int]:
        """Processes of the server's session still alive after it ended (killed, so none outlive the test)."""
        alive = group_members(self.proc.pid)
        for pid in alive:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        return alive


def started(srv: Server) -> None:
    """Until the server has built the site once and listens."""
    if srv.renderer == "zensical":
        srv.wait_for("the server to start", lambda: srv.count("Serving ") >= 1 and srv.count(" found") >= 1)
    else:
        srv.wait_for("the server to start", lambda: srv.count("Serving on") >= 1)


STATES = ("idle", "building", "reloading", "browser")
RENDERERS = ("mkdocs", "zensical")
# what each renderer prints when a rebuild starts and when it has finished
BUILD_STARTED = {"mkdocs": "Building documentation", "zensical": "file(s) changed"}
BUILD_DONE = {"mkdocs": "Documentation built in", "zensical": " found"}


def edit(root: Path, renderer: str, n: int) -> None:
    """A save that changes the site whatever the story: MkDocs rebuilds on a hand-written style
    sheet's change (a page outside the nav is a warning, fatal under --strict); Zensical copies
    assets without a rebuild, so for it, a hand-written page."""
    if renderer == "mkdocs":
        with (root / "docs" / "assets" / "explainer.css").open("a", encoding="utf-8") as css:
            css.write(f"/* saved {n} */\n")
    else:
        (root / "docs" / "interrupt-check.md").write_text(f"# Check\n\nSaved {n} times.\n", encoding="utf-8")


def interrupt_in(
    root: Path, renderer: str, state: str, n: int, browser: Any = None, limit: float = STOP_SECONDS
) -> tuple[float, str | None]:
    """A fresh server on `root`, Ctrl-C in `state` (`browser`: a Playwright browser, for that state);
    returns (seconds from Ctrl-C to exit, what went wrong or None). `n` makes each save differ."""
    srv = Server(root, renderer)
    page = None
    try:
        started(srv)
        if state in ("building", "reloading"):
            before = srv.count(BUILD_DONE[renderer] if state == "reloading" else BUILD_STARTED[renderer])
            edit(root, renderer, n)
            marker = BUILD_DONE[renderer] if state == "reloading" else BUILD_STARTED[renderer]
            srv.wait_for(state, lambda: srv.count(marker) > before)
        elif state == "browser":
            page = browser.new_page()
            page.goto(srv.url, wait_until="load")
    except AssertionError as exc:
        srv.interrupt()
        return 0.0, f"did not reach {state}: {exc}"
    took = srv.interrupt()
    if page is not None:
        page.close()
    left = srv.left_behind()
    problem = None
    if srv.proc.returncode != 0:
        problem = f"exit status {srv.proc.returncode}"
    elif took > limit:
        problem = f"took {took:.2f} s"
    elif left:
        problem = f"left processes {left}"
    if problem:
        problem += "; last lines: " + " / ".join(srv.lines[-4:])
    return took, problem
