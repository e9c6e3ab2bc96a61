"""WordNet 3.0 against GloVe as the matcher's source of related words (measurement only).

    PYTHONPATH=.:/tmp/nltk-site NLTK_DATA=/tmp/nltk_data .venv/bin/python bench/bench_wordnet.py table glove wn-syn ...
    ... bench/bench_wordnet.py table --forced ...   # the floor's grid 0.8 only: related words always on
    ... bench/bench_wordnet.py pairs     # a few word pairs under each provider
    ... bench/bench_wordnet.py cost      # WordNet's load time and memory, and each provider's lookup time
    ... bench/bench_wordnet.py scale     # match._near on bench_scale's 1000 topics x 50 sources

Results (2-core machine, load under 2), all cells found/false over both stories and settings,
held out: glove 142/10, none 139/9, wn-syn 139/9 (the cross-validation turns it off: SIMILAR
1.0 in every fold), wn-near 139/9 (likewise), wn-first 140/9, union-syn 139/11, union-near
139/9, union-first 142/10; forced on: wn-syn 133/14, wn-near 123/13, union-syn 135/15.

Nothing in `generator/` changes: `related.neighbours` (what `match._near` calls) is replaced
by one of the providers below for the run, and tests/evaluation.py judges it with the same
leave-one-article-out cross-validation as bench/bench_paraphrase.py (the word-vector floor's
grid stays (0.8, 1.0): 1.0 is exact stems only, so the cross-validation may still turn the
related words off). NLTK and its WordNet data are not dependencies of the project: they must be
on PYTHONPATH and NLTK_DATA for this script only. Set-up used for the figures above:

    apt-get install -y wordnet-base wordnet-sense-index      # WordNet 3.0, Debian
    .venv/bin/pip install --target /tmp/nltk-site nltk==3.10.3
    mkdir -p /tmp/nltk_data/corpora/wordnet && cp /usr/share/wordnet/* /tmp/nltk_data/corpora/wordnet/

nltk refuses symlinks there, and Debian ships no `lexnames` file, which nltk needs: write it
into the same folder, one line per lexicographer file, "NN<TAB>name<TAB>part of speech
number", 00 adj.all 3 to 44 adj.ppl 3 in WordNet's order (lexnames(5WN) lists them).

Providers (a related pair's value plugs into the matcher's `sim ** SHARPNESS` weighting like a cosine):

- glove: the shipped `related.neighbours` (GloVe 6B 50d cosine, floor match.SIMILAR);
- wn-syn: a word of one stem and a word of the other share a WordNet synset, any part of
  speech (`wn.synsets`, which lemmatises with morphy): value SYNONYM (1.0);
- wn-near: wn-syn, plus a synset of one is a direct hypernym or hyponym of a synset of the
  other (value: their Wu-Palmer similarity, kept when at least the floor), plus a lemma of one
  is derivationally related to a lemma of the other (value DERIVED, 0.9);
- wn-first: wn-syn between the first (most frequent) sense of each word in each part of speech only;
- union-syn, union-near, union-first: GloVe's and that WordNet relation's pairs, the higher value of each;
- none: no related words (only the scorings with SIMILAR 1.0, exact stems).

A stem whose words include one of GloVe's COMMON most frequent words relates to nothing in
every provider, as shipped ("make", "take" share synsets with half the language); `--all-words`
lifts that for the WordNet providers.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from collections.abc import Callable, Iterable, Mapping
from functools import cache
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator import match, related  # noqa: E402
from tests import evaluation as ev  # noqa: E402

SYNONYM = 1.0  # a shared synset
DERIVED = 0.9  # derivationally related lemmas
COMMON_FILTER = True  # stems with one of GloVe's COMMON most frequent words relate to nothing (as shipped)
GLOVE = related.neighbours  # the shipped provider, kept before any patching

Neighbours = dict[str, list[tuple[str, float]]]


def _wn() -> Any:
    from nltk.corpus import wordnet as wn

    return wn


@cache
def _synsets(word: str, first: bool = False) -> tuple[Any, ...]:
    """`word`'s synsets, all of them or (`first`) only its first sense in each part of speech (WordNet lists a
    word's senses most frequent first, by the SemCor counts)."""
    if not first:
        return tuple(_wn().synsets(word))
    found = (_wn().synsets(word, pos) for pos in "nvar")
    return tuple(dict.fromkeys(got[0] for got in found if got))


@cache
def _expand(word: str, near: bool, first: bool = False) -> dict[str, float]:
    """The synsets `word` reaches, by name, with the value of reaching each: its own (SYNONYM) and, with
    `near`, their direct hypernyms and hyponyms (Wu-Palmer) and the synsets of derivationally related lemmas."""
    out: dict[str, float] = {}

    def put(key: str, value: float) -> None:
        if value > out.get(key, 0.0):
            out[key] = value

    own = _synsets(word, first)
    for s in own:
        put(s.name(), SYNONYM)
    if near:
        bases = {b for b in (_wn().morphy(word, p) for p in "nvar") if b}
        for s in own:
            for other in (*s.hypernyms(), *s.instance_hypernyms(), *s.hyponyms(), *s.instance_hyponyms()):
                put(other.name(), s.wup_similarity(other) or 0.0)
            for lemma in s.lemmas():
                if lemma.name().lower() in bases:
                    for d in lemma.derivationally_related_forms():
                        put(d.synset().name(), DERIVED)
    return out


def _eligible(forms: Mapping[str, Iterable[str]]) -> dict[str, set[str]]:
    """`forms` less the stems one of whose words is among GloVe's COMMON most frequent (with COMMON_FILTER)."""
    out = {s: set(ws) for s, ws in forms.items()}
    if not COMMON_FILTER:
        return out
    rank = related._rows(sorted({w for ws in out.values() for w in ws}))
    return {s: ws for s, ws in out.items() if not any(rank.get(w, related.COMMON) < related.COMMON for w in ws)}


def wordnet(near: bool, first: bool = False) -> Callable[..., Neighbours]:
    """A `related.neighbours` from WordNet: shared synsets, and with `near` the relations of `_expand`
    (`first`: of each word's first sense per part of speech only)."""

    def neighbours(
        sources: Mapping[str, Iterable[str]], targets: Mapping[str, Iterable[str]], floor: float
    ) -> Neighbours:
        index: dict[str, set[str]] = {}  # synset name -> target stems having it
        for stem, ws in _eligible(targets).items():
            for w in ws:
                for s in _synsets(w, first):
                    index.setdefault(s.name(), set()).add(stem)
        out: Neighbours = {}
        for stem, ws in _eligible(sources).items():
            best: dict[str, float] = {}
            for w in ws:
                for key, value in _expand(w, near, first).items():
                    if value < floor:
                        continue
                    for t in index.get(key, ()):
                        if t != stem and value > best.get(t, 0.0):
                            best[t] = value
            if best:
                out[stem] = sorted(best.items(), key=lambda p: (-p[1], p[0]))
        return out

    return neighbours


def union(*providers: Callable[..., Neighbours]) -> Callable[..., Neighbours]:
    def neighbours(
        sources: Mapping[str, Iterable[str]], targets: Mapping[str, Iterable[str]], floor: float
    ) -> Neighbours:
        best: dict[str, dict[str, float]] = {}
        for provider in providers:
            for s, near in provider(sources, targets, floor).items():
                mine = best.setdefault(s, {})
                for t, v in near:
                    mine[t] = max(mine.get(t, 0.0), v)
        return {s: sorted(m.items(), key=lambda p: (-p[1], p[0])) for s, m in best.items()}

    return neighbours


PROVIDERS: dict[str, Callable[..., Neighbours]] = {
    "glove": GLOVE,
    "wn-syn": wordnet(False),
    "wn-near": wordnet(True),
    "union-syn": union(GLOVE, wordnet(False)),
    "union-near": union(GLOVE, wordnet(True)),
    "wn-first": wordnet(False, first=True),
    "union-first": union(GLOVE, wordnet(False, first=True)),
    "none": GLOVE,  # never called: only the scorings with SIMILAR 1.0
}


def table(names: list[str], forced: bool = False) -> None:
    """The held-out table per provider; `forced`: the floor's grid without 1.0, so related words stay on."""
    data = [ev.labelled(name) for name in ev.STORIES]
    base = ev.cross_validate([p for d in data for p in ev.baseline_pairs(d)], [ev.BASELINE], [9.0])
    rows: dict[str, ev.Result] = {}
    for name in names:
        start = time.perf_counter()
        grid = tuple(s for s in ev.SCORINGS if s[0] >= 1.0) if name == "none" else ev.SCORINGS
        grid = tuple(s for s in grid if s[0] < 1.0 or name == "none") if forced else grid
        related.neighbours = PROVIDERS[name]
        try:
            rows[name] = ev.cross_validate([p for d in data for p in ev.pairs(d, grid)], grid)
        finally:
            related.neighbours = GLOVE
        got = rows[name]
        total = (sum(t.found for t in got.held_out.values()), sum(t.false for t in got.held_out.values()))
        print(f"{name}: {time.perf_counter() - start:.1f} s; chosen per held-out article {sorted(set(got.chosen))};")
        print(f"  on all articles {got.final}; all cells found/false {total[0]}/{total[1]}", flush=True)
    print("\n| story | setting | " + " | ".join(names) + " | TF-IDF |")
    print("|---|---|" + "---|" * (len(names) + 1))
    for key, t in base.held_out.items():
        cells = [f"{rows[n].held_out[key].found}/{t.clear} f{rows[n].held_out[key].false}/{t.negatives}" for n in names]
        print(f"| {key[0]} | {key[1]} | " + " | ".join(cells) + f" | {t.found}/{t.clear} f{t.false}/{t.negatives} |")


PAIRS = (
    ("truce", "ceasefire"),
    ("pause", "truce"),
    ("shipping", "maritime"),
    ("tariff", "duty"),
    ("automobiles", "cars"),
    ("levy", "tariff"),
)


def pairs() -> None:
    """Each pair's value under each provider at floor 0 (the matcher's floor is 0.8), and WordNet's best Wu-Palmer."""
    print("| pair | GloVe cosine | wn-syn | wn-near | wn-first | best Wu-Palmer of any synsets |")
    print("|---|---|---|---|---|---|")
    for a, b in PAIRS:
        fa, fb = match.forms([a]), match.forms([b])
        _, va = related.embed(fa)
        _, vb = related.embed(fb)
        cos = f"{float(va[0] @ vb[0]):.3f}" if len(va) and len(vb) else "-"
        cells = []
        for near, first in ((False, False), (True, False), (False, True)):
            got = wordnet(near, first)(fa, fb, 0.0)
            cells.append(f"{got[next(iter(got))][0][1]:.3f}" if got else "-")
        wups = [x.wup_similarity(y) or 0.0 for x in _synsets(a) for y in _synsets(b)]
        print(f"| {a}/{b} | {cos} | {' | '.join(cells)} | {max(wups, default=0.0):.3f} |")


def _rss_kib() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def cost() -> None:
    """WordNet's load, then each provider on Turnberry's own vocabularies (pool x items, as `match._near` asks)."""
    before = _rss_kib()
    start = time.perf_counter()
    wn = _wn()
    wn.ensure_loaded()
    wn.synsets("truce")
    print(
        f"WordNet via nltk: loaded in {time.perf_counter() - start:.2f} s, RSS +{(_rss_kib() - before) / 1024:.0f} MiB"
    )
    data = ev.labelled("eu-us-turnberry")
    s = data.curated
    pool = [p for src in s.sources for p in match.passages(src.id, src.article)]
    items = s.items()
    pool_forms = match.forms(p.quote for p in pool)
    item_forms = match.forms(text for item in items for text, _ in match.profile_texts(item, s))
    words = {w for ws in (*pool_forms.values(), *item_forms.values()) for w in ws}
    print(f"Turnberry (curated): {len(pool_forms)} sentence stems, {len(item_forms)} item stems, {len(words)} words")
    GLOVE(pool_forms, item_forms, match.SIMILAR)  # GloVe's load, outside the clock
    for name in ("glove", "wn-syn", "wn-near"):
        _synsets.cache_clear()
        _expand.cache_clear()
        times = []
        for _ in range(3):
            start = time.perf_counter()
            got = PROVIDERS[name](pool_forms, item_forms, match.SIMILAR)
            times.append(time.perf_counter() - start)
        n = sum(len(v) for v in got.values())
        print(f"{name}: cold {times[0] * 1000:.0f} ms, warm {min(times[1:]) * 1000:.0f} ms, {n} related pairs")
    # a larger real vocabulary: every text file of the repository's fixtures, examples and docs as "sentences"
    root = Path(__file__).resolve().parent.parent
    texts = [
        f.read_text(encoding="utf-8", errors="replace")
        for d in ("tests/fixtures", "examples", "docs")
        for f in sorted((root / d).rglob("*"))
        if f.suffix in (".md", ".txt", ".yml")
    ]
    big = match.forms(texts)
    n_words = len({w for ws in big.values() for w in ws})
    print(
        f"fixtures+examples+docs: {len(big)} stems, {n_words} words, against Turnberry's {len(item_forms)} item stems"
    )
    for name in ("glove", "wn-syn", "wn-first"):
        _synsets.cache_clear()
        _expand.cache_clear()
        related._rows(sorted({w for ws in big.values() for w in ws}))  # GloVe's pages read, outside the clock
        start = time.perf_counter()
        got = PROVIDERS[name](big, item_forms, match.SIMILAR)
        took = time.perf_counter() - start
        print(f"{name}: {took * 1000:.0f} ms cold ({took / n_words * 1e6:.0f} us a word), {len(got)} stems related")
    start = time.perf_counter()
    _synsets.cache_clear()
    for w in {w for ws in big.values() for w in ws}:
        _synsets(w)
    took = time.perf_counter() - start
    print(f"wn.synsets alone over those words: {took * 1000:.0f} ms ({took / n_words * 1e6:.0f} us a word)")
    print(f"max RSS of this process {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")


def scale(topics: int = 1000, sources: int = 50) -> None:
    """`match._near` on bench_scale's synthetic story (made-up words: WordNet and GloVe know few of them)."""
    import tempfile

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from bench_scale import write_seeds

    from generator import seeds, story

    _wn().ensure_loaded()
    with tempfile.TemporaryDirectory() as tmp:
        write_seeds(Path(tmp) / "seeds", topics, sources)
        built, _ = story.build(seeds.read(Path(tmp) / "seeds"))
    scores = match.score(built)  # GloVe loaded and its pages read, outside the clock
    pool, items = scores.pool, built.items()
    vocabulary = {t: k for k, t in enumerate(sorted({t for p in pool for t in p.terms}))}
    words = {w for ws in match.forms(p.quote for p in pool).values() for w in ws}
    print(f"{topics} topics x {sources} sources: {len(pool)} sentences, {len(words)} distinct words")
    for name in ("glove", "wn-syn", "wn-first", "union-syn"):
        _synsets.cache_clear()
        _expand.cache_clear()
        related.neighbours = PROVIDERS[name]
        try:
            start = time.perf_counter()
            near = match._near(pool, items, built, vocabulary)
            print(f"{name}: _near {time.perf_counter() - start:.2f} s, {len(near)} stems related")
        finally:
            related.neighbours = GLOVE


def main() -> None:
    global COMMON_FILTER, SYNONYM
    parser = argparse.ArgumentParser()
    parser.add_argument("what", choices=("table", "pairs", "cost", "scale"))
    parser.add_argument("providers", nargs="*", default=list(PROVIDERS))
    parser.add_argument("--all-words", action="store_true", help="no COMMON filter for the WordNet providers")
    parser.add_argument("--forced", action="store_true", help="related words always on (floor grid 0.8 only)")
    parser.add_argument("--synonym", type=float, default=SYNONYM, help="the value of a shared synset")
    args = parser.parse_intermixed_args()
    COMMON_FILTER = not args.all_words
    SYNONYM = args.synonym
    os.environ.setdefault("NLTK_DATA", "/tmp/nltk_data")
    {"table": lambda: table(args.providers, args.forced), "pairs": pairs, "cost": cost, "scale": scale}[args.what]()


if __name__ == "__main__":
    main()
