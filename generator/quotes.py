"""Finding an evidence quote in an article, or the passage closest to it (pure)."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from generator.model import Article, Block
from generator.text import normalize_typography


@dataclass(frozen=True)
class Near:
    block: Block
    passage: str
    similarity: float


_SEEN: dict[int, tuple[Article, tuple[str, ...]]] = {}


def _normalized(article: Article) -> tuple[str, ...]:
    """Each block's normalised text, computed once per article (a story cites each source many times).

    Keyed by identity: hashing a whole article per quote would cost more than it saves.
    """
    hit = _SEEN.get(id(article))
    if hit is None or hit[0] is not article:
        if len(_SEEN) >= 256:
            _SEEN.clear()
        hit = _SEEN[id(article)] = (article, tuple(normalize_typography(b.text) for b in article.blocks))
    return hit[1]


def locate(quote: str, article: Article) -> Block | None:
    """The block holding `quote`, comparing typography-normalised text."""
    needle = normalize_typography(quote)
    if not needle:
        return None
    for block, text in zip(article.blocks, _normalized(article), strict=True):
        if needle in text:
            return block
    return None


def closest(quote: str, article: Article) -> Near | None:
    """The passage of `article` most like `quote`, with a 0..1 similarity."""
    needle = normalize_typography(quote)
    qwords = needle.split()
    if not qwords or not article.blocks:
        return None
    wanted = set(w.lower() for w in qwords)

    def overlap(block: Block) -> int:
        return len(wanted & set(w.lower() for w in normalize_typography(block.text).split()))

    candidates = sorted(article.blocks, key=lambda b: (-overlap(b), b.index))[:5]
    best: Near | None = None
    n = len(qwords)
    for block in candidates:
        bwords = normalize_typography(block.text).split()
        sizes = {max(1, n - 2), n, n + 2} if len(bwords) > n else {len(bwords)}
        for size in sorted(sizes):
            for start in range(0, max(1, len(bwords) - size + 1)):
                passage = " ".join(bwords[start : start + size])
                ratio = difflib.SequenceMatcher(None, needle, passage, autojunk=False).ratio()
                if best is None or ratio > best.similarity + 1e-9:
                    best = Near(block, passage, round(ratio, 2))
    return best
