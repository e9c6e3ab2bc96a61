"""A `python -m generator serve` subprocess on a project copy, for the live-preview tests and
the Ctrl-C stress benchmark: its output line by line, waits that end on an event (a line
printed, the process gone) with a generous deadline, and Ctrl-C as a terminal sends it.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import threading
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

from tests import projcopy

DEADLINE = 120.0  # seconds: for an event that takes a second on an idle machine, also on a busy one
STOP_SECONDS = 2.0  # Ctrl-C ends a preview within this (the README's promise)


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
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        return alive


def started(srv: Server) -> None:
    """Until the server has built the site once and listens."""
    if srv.renderer == "zensical":
        srv.wait_for("the server to start", lambda: srv.count("Serving ") >= 1 and srv.count(" found") >= 1)
    else:
        srv.wait_for("the server to start", lambda: srv.count("Serving on") >= 1)
