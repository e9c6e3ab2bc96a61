"""The only module that changes files: generated pages into docs/, the built site into site/.

Both are swapped in only after everything was rendered or built, under a lock, with
SIGINT/SIGTERM held back during the few renames, so a failed, interrupted or concurrent
run never leaves a half-written tree.
"""

from __future__ import annotations

import contextlib
import ctypes
import fcntl
import json
import os
import secrets
import shutil
import signal
from collections.abc import Iterator, Mapping
from pathlib import Path

MANIFEST = ".generated.json"


@contextlib.contextmanager
def lock(path: Path) -> Iterator[None]:
    """One build at a time: a second one waits for the first to finish."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@contextlib.contextmanager
def _uninterrupted() -> Iterator[None]:
    signals = {signal.SIGINT, signal.SIGTERM}
    old = signal.pthread_sigmask(signal.SIG_BLOCK, signals)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def previous(docs_dir: Path) -> list[str]:
    try:
        listed = json.loads((docs_dir / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return [p for p in listed if isinstance(p, str)] if isinstance(listed, list) else []


def _safe(docs_dir: Path, rel: str) -> Path:
    target = (docs_dir / rel).resolve()
    if docs_dir.resolve() not in target.parents:
        raise ValueError(f"refusing to write outside {docs_dir}: {rel}")
    return target


def write_pages(docs_dir: Path, files: Mapping[str, str | bytes]) -> int:
    """Stage every file, then move changed ones into place and remove pages no longer generated.

    Returns how many files changed. Unchanged files keep their modification time, so a
    watching server sees nothing to rebuild.
    """
    docs_dir.mkdir(parents=True, exist_ok=True)
    stage = _fresh(docs_dir, ".staging-")
    try:
        stage.mkdir(mode=0o700)  # made inside the `try`: a Ctrl-C at any point leaves no staging directory
        moves: list[tuple[Path, Path]] = []
        for rel, content in sorted(files.items()):
            data = content.encode("utf-8") if isinstance(content, str) else content
            target = _safe(docs_dir, rel)
            if target.is_file() and target.read_bytes() == data:
                continue
            staged = stage / rel
            staged.parent.mkdir(parents=True, exist_ok=True)
            staged.write_bytes(data)
            moves.append((staged, target))
        stale = [p for p in previous(docs_dir) if p not in files]
        manifest = stage / MANIFEST
        manifest.write_text(json.dumps(sorted(files), indent=1) + "\n", encoding="utf-8")
        with _uninterrupted():
            for staged, target in moves:
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(staged, target)
            for rel in stale:
                with contextlib.suppress(OSError, ValueError):
                    _safe(docs_dir, rel).unlink()
            os.replace(manifest, docs_dir / MANIFEST)
        for rel in stale:  # drop directories the stale pages leave empty
            parent = (docs_dir / rel).parent
            while parent != docs_dir and parent.is_dir() and not any(parent.iterdir()):
                parent.rmdir()
                parent = parent.parent
        return len(moves) + len(stale)
    finally:
        shutil.rmtree(stage, ignore_errors=True)


def put_files(directory: Path, files: Mapping[str, str | bytes]) -> None:
    """Write files into a directory nobody reads yet (a site being built, before `swap_site`)."""
    for rel, content in sorted(files.items()):
        target = _safe(directory, rel)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)


def _fresh(parent: Path, prefix: str) -> Path:
    """A new, unused name in `parent` for a directory of our own (nothing is created)."""
    while True:
        path = parent / f"{prefix}{secrets.token_hex(6)}"
        if not path.exists():
            return path


def new_site_dir(site_dir: Path) -> Path:
    """The name of a directory beside site/ to build into, not made yet: the caller holds the name before
    it makes the directory (`make_dir`), so a signal between the two never leaves one behind nameless."""
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    return _fresh(site_dir.parent, f".{site_dir.name}.new-")


def make_dir(path: Path) -> None:
    path.mkdir(mode=0o700)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two directories in one atomic step (Linux renameat2); False where unsupported."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    done = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange)
    return bool(done == 0)


def swap_site(built: Path, site_dir: Path) -> None:
    """Replace site/ by the finished build.

    One atomic exchange where the system has it, so even SIGKILL leaves either the old or
    the new tree; elsewhere two renames that SIGINT/SIGTERM cannot split (and `recover`
    puts the old tree back if a kill lands between them).
    """
    old = site_dir.parent / f".{site_dir.name}.old-{os.getpid()}"
    with _uninterrupted():
        if site_dir.is_dir() and not site_dir.is_symlink() and _exchange(built, site_dir):
            os.replace(built, old)
        else:
            if site_dir.exists():
                os.replace(site_dir, old)
            os.replace(built, site_dir)
    shutil.rmtree(old, ignore_errors=True)


def recover(docs_dir: Path, site_dir: Path) -> list[Path]:
    """Clear what a killed run left behind; call with the lock held. Returns what was removed.

    Staging and half-built directories are deleted; if a kill fell between the two renames
    of the fallback swap (no site/, an old tree beside it), the old tree is put back first.
    """
    removed: list[Path] = []
    olds = sorted(site_dir.parent.glob(f".{site_dir.name}.old-*"))
    if not site_dir.exists() and olds:
        os.replace(olds[-1], site_dir)
        olds = olds[:-1]
    leftovers = [*olds, *site_dir.parent.glob(f".{site_dir.name}.new-*")]
    if docs_dir.is_dir():
        leftovers += docs_dir.glob(".staging-*")
    for path in leftovers:
        shutil.rmtree(path, ignore_errors=True)
        removed.append(path)
    return removed


def discard(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)
