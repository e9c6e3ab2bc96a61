"""Share cards kept between builds in `.cache/cards/` (see `cache`), drawn only when missing.

Drawing a card takes about 7 ms, so a story of 1,000 topics spent 7 s of every build on cards
whose text had not changed. A card is stored under the SHA-256 of everything its bytes depend
on: its title, glance line and site name, the source of `generator/card.py`, the Pillow version
and the font file. A changed title, a changed drawing or an upgraded Pillow therefore draws
anew; a stale card is never used. Missing cards are drawn by one process per core when there
are many (a first build of a large story), else in this process. A cached file that is not a
PNG is drawn again.
"""

from __future__ import annotations

import concurrent.futures
import functools
import hashlib
import json
import multiprocessing
import os
from collections.abc import Mapping
from pathlib import Path

from generator import cache, card
from generator.render import CardText

PARALLEL_FROM = 200  # fewer missing cards than this are drawn here: starting workers costs ~0.3 s
_PNG = b"\x89PNG\r\n\x1a\n"


def drawn(texts: Mapping[str, CardText], root: Path | None) -> dict[str, bytes]:
    """Each path's card, from the cache under `root` where present, drawn (and kept) otherwise."""
    folder = cache.folder(root, "cards")
    keys = {path: key(text) for path, text in texts.items()}
    out: dict[str, bytes] = {}
    missing: dict[str, CardText] = {}
    for path, text in texts.items():
        found = _read(folder, keys[path])
        if found is None:
            missing[path] = text
        else:
            out[path] = found
    for path, png in zip(missing, _draw_all(list(missing.values())), strict=True):
        out[path] = png
        cache.keep(folder, f"{keys[path]}.png", png)
    return out


def key(text: CardText) -> str:
    return hashlib.sha256((_salt() + json.dumps([text.title, text.glance, text.site_name])).encode()).hexdigest()


@functools.cache
def _salt() -> str:
    """What every card's bytes depend on besides its texts."""
    import PIL

    font = card.font_path()
    drawing = hashlib.sha256(Path(card.__file__).read_bytes()).hexdigest()
    return f"{drawing}\0{PIL.__version__}\0{font.name}\0{font.stat().st_size}\0"


def _read(folder: Path | None, name: str) -> bytes | None:
    data = cache.read(folder, f"{name}.png")
    return data if data is not None and data.startswith(_PNG) else None


def _draw_all(texts: list[CardText]) -> list[bytes]:
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    if len(texts) < PARALLEL_FROM or cores < 2:
        return [_draw(t) for t in texts]
    # "spawn": a fresh interpreter per worker, safe beside the threads of a serving process
    context = multiprocessing.get_context("spawn")
    with concurrent.futures.ProcessPoolExecutor(cores, mp_context=context) as pool:
        return list(pool.map(_draw, texts, chunksize=max(1, len(texts) // (cores * 4))))


@functools.lru_cache(maxsize=4096)
def _draw(text: CardText) -> bytes:
    """While serving, an edit redraws only the cards whose text changed (and the cache holds the rest)."""
    return card.png(text.title, text.glance, text.site_name)
