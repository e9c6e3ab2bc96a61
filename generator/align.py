"""Pairing the blocks of two articles, and word-level diffs of a pair (pure).

Paragraphs pair first, one-to-one and in any order (a section may have moved), by the
similarity of their folded words; headings pair afterwards, by their own wording or by
the paragraphs their sections share. A paragraph that the other side split in two pairs
with the more similar part; the other part stays unpaired (one block, one pair, so the
shares and the rendering never count a block twice).
"""

from __future__ import annotations

import difflib
import heapq
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from generator.model import Article, Block, BlockKind
from generator.text import fold_word, folded_words, normalize_typography, words

THRESHOLD = 0.5  # blocks less similar than this stay unpaired
LINK = 0.5  # headings pair, whatever their wording, when this share of their sections' paragraphs pair
_CANDIDATES = 12  # per block, how many of the other side's blocks sharing most rare words get scored
_RARE = 50  # a word in more than max(_RARE, 3 * sqrt(blocks)) blocks is too common to find candidates
_SEQUENCE_WORDS = 4000  # above this many words, word order is not compared (difflib is quadratic)


class PairClass(StrEnum):
    IDENTICAL = "identical"  # same text after normalize_typography
    TYPOGRAPHIC = "typographic"  # same multiset of folded words: quotes, spelling, case, word order
    REWORDED = "reworded"  # paired, but the words differ
    SAME_FACT = "same-fact"  # different words, reporting the same topic or event (see `pair_facts`)
    ONLY_A = "only-a"
    ONLY_B = "only-b"


@dataclass(frozen=True)
class Pair:
    kind: PairClass
    a: Block | None
    b: Block | None
    similarity: float  # 0..1, 3 decimals; 1.0 when identical or typographic, 0.0 when only in one
    overridden: bool = False  # an editor's override decided this pair
    fact: str | None = None  # SAME_FACT: the topic or event id both report
    reviewed: bool = False  # SAME_FACT: both paragraphs are an editor's verified evidence of it


@dataclass(frozen=True)
class Comparison:
    a: str  # source id of side A
    b: str
    pairs: tuple[Pair, ...]  # A's reading order; B-only blocks follow the pair of the B block before them
    share_a_in_b: float  # share of A's paragraph characters in paired paragraphs, 0..1, 3 decimals
    share_b_in_a: float


@dataclass(frozen=True)
class _Prepared:
    block: Block
    pos: int  # position among its article's blocks
    place: float  # the same, 0..1
    norm: str
    words: tuple[str, ...]
    bag: Counter[str]


def _prepare(article: Article, folds: dict[str, str]) -> list[_Prepared]:
    """Blocks with their normalised text and folded words; `folds` memoises fold_word across calls."""
    n = max(len(article.blocks), 1)
    prepared = []
    for i, b in enumerate(article.blocks):
        folded = tuple(folds[w] if w in folds else folds.setdefault(w, fold_word(w)) for w in words(b.text))
        prepared.append(_Prepared(b, i, i / n, normalize_typography(b.text), folded, Counter(folded)))
    return prepared


def _score(x: _Prepared, y: _Prepared, floor: float = 0.0) -> float:
    """Mean of the Dice coefficient of the word multisets and difflib's ratio of the word sequences.

    The ratio never exceeds the Dice coefficient, so a Dice below `floor` is returned as is.
    """
    if x.norm == y.norm or (x.bag and x.bag == y.bag):
        return 1.0
    total = len(x.words) + len(y.words)
    if not total:
        return 0.0
    dice = 2 * sum((x.bag & y.bag).values()) / total
    if dice < floor or total > _SEQUENCE_WORDS:
        return dice
    return (dice + difflib.SequenceMatcher(None, x.words, y.words, autojunk=False).ratio()) / 2


def _classify(x: _Prepared, y: _Prepared, overridden: bool = False) -> Pair:
    if x.norm == y.norm:
        return Pair(PairClass.IDENTICAL, x.block, y.block, 1.0, overridden)
    if x.bag and x.bag == y.bag:
        return Pair(PairClass.TYPOGRAPHIC, x.block, y.block, 1.0, overridden)
    return Pair(PairClass.REWORDED, x.block, y.block, round(_score(x, y), 3), overridden)


_Edge = tuple[float, _Prepared, _Prepared]


def _edges(xs: Sequence[_Prepared], ys: Sequence[_Prepared]) -> list[_Edge]:
    """Candidate pairs scoring at least THRESHOLD, found through an inverted index of rare words."""
    postings: dict[str, list[int]] = defaultdict(list)
    exact: dict[str, list[int]] = defaultdict(list)
    for j, y in enumerate(ys):
        exact[y.norm].append(j)
        for word in y.bag:
            postings[word].append(j)
    cap = max(_RARE, 3 * math.isqrt(len(ys)))
    edges: list[_Edge] = []
    for x in xs:
        # A block with verbatim twins is scored against the twins nearest in position only.
        twins = exact.get(x.norm, ())
        candidates = heapq.nsmallest(_CANDIDATES, twins, key=lambda j: (abs(ys[j].place - x.place), j))
        if not candidates:
            hits: Counter[int] = Counter()
            for word in x.bag:
                found = postings.get(word)
                if found and len(found) <= cap:
                    hits.update(found)
            candidates = [j for j, _ in heapq.nsmallest(_CANDIDATES, hits.items(), key=lambda t: (-t[1], t[0]))]
        for j in sorted(candidates):
            score = _score(x, ys[j], THRESHOLD)
            if score >= THRESHOLD:
                edges.append((score, x, ys[j]))
    return edges


def _greedy(edges: Iterable[_Edge], taken_a: set[int], taken_b: set[int]) -> list[tuple[_Prepared, _Prepared]]:
    """Best first, one-to-one; ties go to the pair closest in position, then to the earliest."""
    chosen = []
    order = sorted(edges, key=lambda e: (-e[0], abs(e[1].place - e[2].place), e[1].pos, e[2].pos))
    for _, x, y in order:
        if x.pos not in taken_a and y.pos not in taken_b:
            taken_a.add(x.pos)
            taken_b.add(y.pos)
            chosen.append((x, y))
    return chosen


def _sections(side: Sequence[_Prepared]) -> tuple[dict[int, int], Counter[int]]:
    """Each paragraph's heading (by position), and how many paragraphs each heading has."""
    owner: dict[int, int] = {}
    size: Counter[int] = Counter()
    heading: int | None = None
    for p in side:
        if p.block.kind is BlockKind.HEADING:
            heading = p.pos
        elif heading is not None:
            owner[p.pos] = heading
            size[heading] += 1
    return owner, size


def _heading_edges(
    xs: list[_Prepared],
    ys: list[_Prepared],
    free: tuple[list[_Prepared], list[_Prepared]],
    paired: Sequence[tuple[_Prepared, _Prepared]],
) -> list[_Edge]:
    """Free headings score by their own wording plus the share of their sections' paragraphs that pair."""
    owner_a, size_a = _sections(xs)
    owner_b, size_b = _sections(ys)
    links: Counter[tuple[int, int]] = Counter()
    for x, y in paired:
        if x.pos in owner_a and y.pos in owner_b:
            links[owner_a[x.pos], owner_b[y.pos]] += 1
    own = {(x.pos, y.pos): score for score, x, y in _edges(*free)}
    edges: list[_Edge] = []
    for i, j in sorted(own.keys() | links.keys()):
        x, y = xs[i], ys[j]
        score = own[i, j] if (i, j) in own else _score(x, y)
        link = links[i, j] / max(1, min(size_a[i], size_b[j]))
        if score >= THRESHOLD or link >= LINK:
            edges.append((score + link, x, y))
    return edges


def _forced(
    xs: list[_Prepared], ys: list[_Prepared], overrides: Sequence[tuple[str, str | None]]
) -> dict[int, _Prepared | None]:
    """Editor overrides as {A position: B block or None}; unknown or already used anchors are skipped."""
    by_a = {x.block.anchor: x for x in reversed(xs)}
    by_b = {y.block.anchor: y for y in reversed(ys)}
    forced: dict[int, _Prepared | None] = {}
    used_b: set[int] = set()
    for a_anchor, b_anchor in overrides:
        x = by_a.get(a_anchor)
        y = by_b.get(b_anchor) if b_anchor is not None else None
        if x is None or x.pos in forced or (b_anchor is not None and (y is None or y.pos in used_b)):
            continue
        forced[x.pos] = y
        if y is not None:
            used_b.add(y.pos)
    return forced


def _share(pairs: Sequence[Pair], side: str) -> float:
    total = aligned = 0
    for pair in pairs:
        block = pair.a if side == "a" else pair.b
        if block is None or block.kind is not BlockKind.PARAGRAPH:
            continue
        total += len(block.text)
        if pair.a is not None and pair.b is not None:
            aligned += len(block.text)
    return round(aligned / total, 3) if total else 0.0


def _free(side: list[_Prepared], taken: set[int], kind: BlockKind) -> list[_Prepared]:
    return [p for p in side if p.block.kind is kind and p.pos not in taken]


def compare(
    a_id: str, a: Article, b_id: str, b: Article, overrides: Sequence[tuple[str, str | None]] = ()
) -> Comparison:
    """Pair the blocks of `a` and `b`. `overrides` are (A anchor, B anchor or None); unknown anchors are ignored."""
    folds: dict[str, str] = {}
    xs, ys = _prepare(a, folds), _prepare(b, folds)
    forced = _forced(xs, ys, overrides)
    taken_a = set(forced)
    taken_b = {y.pos for y in forced.values() if y is not None}
    manual = [(xs[i], y) for i, y in forced.items() if y is not None]
    para, head = BlockKind.PARAGRAPH, BlockKind.HEADING
    auto = _greedy(_edges(_free(xs, taken_a, para), _free(ys, taken_b, para)), taken_a, taken_b)
    free_headings = (_free(xs, taken_a, head), _free(ys, taken_b, head))
    auto += _greedy(_heading_edges(xs, ys, free_headings, manual + auto), taken_a, taken_b)

    decided: dict[int, Pair] = {x.pos: _classify(x, y) for x, y in auto}
    for i, y in forced.items():
        decided[i] = _classify(xs[i], y, True) if y else Pair(PairClass.ONLY_A, xs[i].block, None, 0.0, True)
    main = [decided.get(x.pos) or Pair(PairClass.ONLY_A, x.block, None, 0.0) for x in xs]

    # A B-only block follows the pair holding the B block before it; the first ones lead.
    slot_of_b = {y.pos: i for i, y in forced.items() if y is not None} | {y.pos: x.pos for x, y in auto}
    after: defaultdict[int, list[Pair]] = defaultdict(list)
    slot = -1
    for y in ys:
        if y.pos in slot_of_b:
            slot = slot_of_b[y.pos]
        else:
            after[slot].append(Pair(PairClass.ONLY_B, None, y.block, 0.0))
    pairs = list(after[-1])
    for k, pair in enumerate(main):
        pairs.append(pair)
        pairs.extend(after[k])
    return Comparison(a_id, b_id, tuple(pairs), _share(pairs, "a"), _share(pairs, "b"))


Report = tuple[str, bool]  # (topic or event id, verified by an editor)


def pair_facts(
    cmp: Comparison, a_reports: Mapping[str, Sequence[Report]], b_reports: Mapping[str, Sequence[Report]]
) -> Comparison:
    """Pair paragraphs left unpaired by wording that report the same topic or event (by anchor).

    Near-copy pairs are kept exactly as they are; only blocks in one source are considered.
    Best first: more items in common, then verified on both sides, then closer in position.
    """
    only_a = [p.a for p in cmp.pairs if p.kind is PairClass.ONLY_A and p.a is not None]
    only_b = [p.b for p in cmp.pairs if p.kind is PairClass.ONLY_B and p.b is not None]
    n_a, n_b = max(len(only_a), 1), max(len(only_b), 1)
    ranked: list[tuple[tuple[int, int, float, int, int], Block, Block, str, bool]] = []
    for i, x in enumerate(only_a):
        xs = dict(a_reports.get(x.anchor, ()))
        for j, y in enumerate(only_b):
            ys = dict(b_reports.get(y.anchor, ()))
            shared = sorted(xs.keys() & ys.keys())
            if not shared:
                continue
            both = [k for k in shared if xs[k] and ys[k]]
            fact = (both or shared)[0]
            key = (-len(shared), -len(both), abs(i / n_a - j / n_b), i, j)
            ranked.append((key, x, y, fact, bool(both)))
    ranked.sort(key=lambda r: r[0])
    used_a: set[str] = set()
    used_b: set[str] = set()
    partner: dict[str, tuple[Block, str, bool]] = {}
    for _, x, y, fact, reviewed in ranked:
        if x.anchor not in used_a and y.anchor not in used_b:
            used_a.add(x.anchor)
            used_b.add(y.anchor)
            partner[x.anchor] = (y, fact, reviewed)
    if not partner:
        return cmp
    pairs: list[Pair] = []
    for p in cmp.pairs:
        if p.kind is PairClass.ONLY_B and p.b is not None and p.b.anchor in used_b:
            continue
        if p.kind is PairClass.ONLY_A and p.a is not None and p.a.anchor in partner:
            y, fact, reviewed = partner[p.a.anchor]
            pairs.append(Pair(PairClass.SAME_FACT, p.a, y, 0.0, False, fact, reviewed))
            continue
        pairs.append(p)
    return Comparison(cmp.a, cmp.b, tuple(pairs), cmp.share_a_in_b, cmp.share_b_in_a)


_TOKEN = re.compile(r"\S+\s*|\s+")


def _key(token: str) -> str:
    return " ".join(folded_words(token)) or normalize_typography(token)


def word_diff(a_text: str, b_text: str) -> tuple[tuple[str, str], ...]:
    """Ops ("equal" | "del" | "ins", text): equal+del texts rebuild `a_text`, equal+ins rebuild `b_text`.

    Tokens are a word with its punctuation and the spaces after it, aligned by their folded
    form. A token that folds equal but is written differently (curly quotes, "U.S." vs
    "US", British spelling) cannot be "equal", as both texts must be rebuilt exactly: it
    becomes a "del" followed by an "ins" whose folded words are equal, which a renderer
    may show as a quiet typographic change. Adjacent changes merge into one del and one ins.
    """
    ta, tb = _TOKEN.findall(a_text), _TOKEN.findall(b_text)
    ops: list[tuple[str, str]] = []
    dels: list[str] = []
    inss: list[str] = []

    def keep(text: str) -> None:
        ops.extend((op, "".join(parts)) for op, parts in (("del", dels), ("ins", inss)) if "".join(parts))
        dels.clear()
        inss.clear()
        if not text:
            return
        if ops and ops[-1][0] == "equal":
            text = ops.pop()[1] + text
        ops.append(("equal", text))

    matcher = difflib.SequenceMatcher(None, [_key(t) for t in ta], [_key(t) for t in tb], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            dels.extend(ta[i1:i2])
            inss.extend(tb[j1:j2])
            continue
        for x, y in zip(ta[i1:i2], tb[j1:j2], strict=True):
            wx, wy = x.rstrip(), y.rstrip()
            if wx != wy:
                dels.append(x)
                inss.append(y)
                continue
            keep(wx)
            if x[len(wx) :] == y[len(wy) :]:
                keep(x[len(wx) :])
            else:
                dels.append(x[len(wx) :])
                inss.append(y[len(wy) :])
    keep("")
    return tuple(ops)
