"""Files kept between builds under `.cache/` in the project (share cards, compiled templates).

An edge beside the writer: it reads and writes that folder only. Everything in it is named
by what it was made from, so a stale entry is never used; an entry is written whole or not
at all (a temporary file renamed over it). A cache that cannot be read or written only costs
the time to make its content again: it is never an error.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import jinja2
import jinja2.bccache

FOLDER = Path(".cache")


def folder(root: Path | None, name: str) -> Path | None:
    """`.cache/<name>` under the project root, or None (nothing kept) without a root."""
    return root / FOLDER / name if root is not None else None


def read(where: Path | None, name: str) -> bytes | None:
    if where is None:
        return None
    try:
        return (where / name).read_bytes()
    except OSError:
        return None


def keep(where: Path | None, name: str, data: bytes) -> None:
    if where is None:
        return
    tmp = None
    try:
        where.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=where, prefix=".tmp-")
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, where / name)
    except OSError:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)


COMPILED: dict[str, bytes] = {}  # every compiled template of this process, by Jinja's key (name and file)


class Compiled(jinja2.BytecodeCache):
    """Compiled Jinja templates (the theme's and the generator's), kept in memory for the life of
    the process (MkDocs loads the theme anew for every rebuild while serving) and in `where`
    between processes: a fresh build need not compile them again.

    Jinja names each entry by the template's name and file and checks it against the template's
    source checksum and its own version, so an edited template or an upgraded Jinja compiles anew.
    """

    def __init__(self, where: Path | None) -> None:
        self.where = where

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        data = COMPILED.get(bucket.key)
        if data is None:
            data = read(self.where, f"{bucket.key}.cache")
        if data is not None:
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        data = bucket.bytecode_to_string()
        if COMPILED.get(bucket.key) != data:
            COMPILED[bucket.key] = data
            keep(self.where, f"{bucket.key}.cache", data)
