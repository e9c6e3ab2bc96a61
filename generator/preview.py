"""Live preview under Zensical: watch the inputs, rewrite only the pages that changed, let Zensical rebuild.

Zensical's own server watches the docs tree in `.zensical/` and rebuilds when a file there
changes. This module watches what Zensical does not know about (seeds/, the page templates,
mkdocs.yml and the hand-written files of docs/), regenerates on a save and writes only the
files whose content changed: one save, one rebuild, and a save that changes nothing rebuilds
nothing (no loop: Zensical's output is not watched). An invalid save prints its errors and
puts them in a banner on every page over the last good content; the next valid save recovers.

`until_interrupted` runs either renderer's preview so that Ctrl-C always ends it promptly.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from types import FrameType

from generator import write
from generator import zensical_site as zs
from generator.build import TEMPLATES, Generated, generate
from generator.diagnostic import Invalid

POLL_SECONDS = 0.1  # as `serve` with MkDocs
# A save may take more than one write (an editor truncates the file, then writes it): once a change is
# seen, the files must stay as they are this long before they are read, as MkDocs waits (its build delay).
SETTLE_SECONDS = 0.06
# After Ctrl-C the servers get this long to shut down cleanly; then the process ends anyway.
GRACE_SECONDS = 1.0


def stamps(root: Path) -> dict[str, int]:
    """Modification time and size of every watched file: a save changes one of them."""
    out: dict[str, int] = {}
    owned = set(write.previous(root / "docs"))
    for top in (root / "seeds", TEMPLATES, root / "docs"):
        if not top.is_dir():
            continue
        for path in top.rglob("*"):
            rel = path.relative_to(top).as_posix()
            if top.name == "docs" and (rel in owned or rel == write.MANIFEST or rel.startswith(".staging-")):
                continue
            try:
                st = path.stat()
            except OSError:  # removed while listing
                continue
            if path.is_file():
                out[str(path)] = st.st_mtime_ns ^ st.st_size
    config = root / "mkdocs.yml"
    if config.is_file():
        out[str(config)] = config.stat().st_mtime_ns
    return out


class Preview:
    """The last good pages and the current errors; `update` regenerates and writes what changed."""

    def __init__(self, root: Path, good: Generated, say: Callable[[str], None]) -> None:
        self.root, self.good, self.say = root, good, say
        self.errors: list[str] = []
        self.work = root / zs.WORK

    def write(self) -> int:
        return write.write_pages(self.work, zs.work_files(self.root, self.good, self.errors))

    def update(self) -> None:
        seeds_dir = self.root / "seeds"
        try:
            got = generate(seeds_dir, self.root, show_as=os.path.relpath(seeds_dir))
        except Invalid as exc:
            self.errors = [d.format() for d in exc.diagnostics]
            for line in self.errors:
                self.say(line)
            self.say("the inputs have errors: still serving the last good pages")
        else:
            for d in got.warnings:
                self.say(d.format())
            self.good, self.errors = got, []
            self.say("generator: " + got.summary())
        try:
            changed = self.write()
        except Invalid as exc:
            for d in exc.diagnostics:
                self.say(d.format())
            return
        self.say(f"{changed} file(s) changed" if changed else "no page changed: nothing to rebuild")

    def watch(self, stop: threading.Event) -> None:
        before = stamps(self.root)
        self.say("watching for changes: seeds/, the page templates, mkdocs.yml, docs/")
        while not stop.wait(POLL_SECONDS):
            now = stamps(self.root)
            if now == before:
                continue
            while not stop.wait(SETTLE_SECONDS):  # until the save is over: one change, read whole
                again = stamps(self.root)
                if again == now:
                    break
                now = again
            before = now
            self.say("Detected file changes")
            self.update()


def port_free(dev_addr: str) -> OSError | None:
    """Whether the address can be listened on (Zensical's own error would be a panic)."""
    host, _, port = dev_addr.rpartition(":")
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((host.strip("[]"), int(port)))
        except OSError as exc:
            return exc
    return None


def serve(root: Path, good: Generated, dev_addr: str) -> None:
    """Write the pages, start watching, then run Zensical's server until interrupted."""
    import zensical

    def say(line: str) -> None:
        print(line, file=sys.stderr, flush=True)

    preview = Preview(root, good, say)
    preview.write()
    stop = threading.Event()
    watcher = threading.Thread(target=preview.watch, args=(stop,), name="preview-watch", daemon=True)
    watcher.start()
    options = {"dev_addr": dev_addr, "open": False, "strict": False}
    config = str((preview.work / zs.CONFIG).resolve())
    # Zensical's server runs in native code and does not return to Python on Ctrl-C; in a
    # thread of its own it leaves this one free to take the signal and end the process.
    server = threading.Thread(target=zensical.serve, args=(config, options), name="zensical-serve", daemon=True)
    server.start()
    try:
        while server.is_alive():
            server.join(0.2)
    finally:
        stop.set()
        watcher.join(timeout=GRACE_SECONDS / 2)  # a save being written out finishes first


def _flush() -> None:
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # closed, or the reader went away
            stream.flush()


def until_interrupted(run: Callable[[], int]) -> int:
    """`run()` (a preview server, either renderer) until it returns or Ctrl-C, which ends the
    process with status 0 within GRACE_SECONDS whatever it is doing: idle, mid-build, mid-reload,
    a browser connected.

    Ctrl-C counts even where the shell that started the preview ignored SIGINT (a background
    job). It raises KeyboardInterrupt in the main thread, so the servers shut down as they
    would; a second Ctrl-C, or GRACE_SECONDS without the shutdown finishing, ends the process at
    once. Interrupted, the process leaves through `os._exit` after the clean-up: the interpreter's
    own shutdown could wait on threads still inside a renderer's native code (Zensical's). No
    child process is started, so none is left behind.
    """
    if threading.current_thread() is not threading.main_thread():  # signals reach the main thread only
        return run()
    interrupted = threading.Event()

    def give_up() -> None:
        time.sleep(GRACE_SECONDS)
        _flush()
        os._exit(0)

    def on_sigint(signum: int, frame: FrameType | None) -> None:
        if interrupted.is_set():
            _flush()
            os._exit(0)
        interrupted.set()
        threading.Thread(target=give_up, name="preview-deadline", daemon=True).start()
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGINT, on_sigint)
    try:
        status = run()
    except KeyboardInterrupt:
        status = 0
    finally:
        signal.signal(signal.SIGINT, previous)
    if interrupted.is_set():
        _flush()
        os._exit(status)
    return status
