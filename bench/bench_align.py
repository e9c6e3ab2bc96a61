"""Benchmark `generator.align.compare` on synthetic articles; prints a Markdown table.

    .venv/bin/python bench/bench_align.py

Each case compares sources 1..N-1 against source 0 (the reference). Sources are
variants of the reference: paragraphs kept, respelled, reworded, dropped, added, and one
section moved. Words follow a Zipf law over a fixed vocabulary, like real prose. Time is
measured without tracemalloc (which slows Python down), peak memory in a second run.
"""

from __future__ import annotations

import random
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.align import compare  # noqa: E402
from generator.article import parse  # noqa: E402
from generator.model import Article  # noqa: E402

VOCABULARY = 4000
PARAGRAPHS = 40
SECTION = 5  # paragraphs per heading


def vocabulary(rng: random.Random) -> list[str]:
    letters = "abcdefghijklmnopqrstuvwxyz"
    words: set[str] = set()
    while len(words) < VOCABULARY:
        words.add("".join(rng.choice(letters) for _ in range(rng.randint(2, 10))))
    return sorted(words)


class Writer:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.words = vocabulary(self.rng)
        self.weights = [1 / (rank + 1) for rank in range(VOCABULARY)]

    def sentence(self, n: int) -> list[str]:
        return self.rng.choices(self.words, self.weights, k=n)

    def paragraph(self) -> str:
        words = self.sentence(self.rng.randint(15, 60))
        words[0] = words[0].capitalize()
        if self.rng.random() < 0.3:
            words[2] = '"' + words[2]
            words[6] = words[6] + '",'
        return " ".join(words) + "."

    def heading(self) -> str:
        return " ".join(self.sentence(self.rng.randint(2, 5))).capitalize()

    def reference(self, paragraphs: int) -> list[str]:
        lines: list[str] = []
        for i in range(paragraphs):
            if i % SECTION == 0:
                lines.append(self.heading())
            lines.append(self.paragraph())
        return lines

    def variant(self, lines: list[str]) -> list[str]:
        out: list[str] = []
        for line in lines:
            roll = self.rng.random()
            if roll < 0.08:
                continue  # dropped
            if roll < 0.16:
                words = line.split()
                for k in self.rng.sample(range(len(words)), max(1, len(words) // 4)):
                    words[k] = self.sentence(1)[0]
                line = " ".join(words)  # reworded
            elif roll < 0.30:
                line = line.replace('"', "\u201c", 1).replace('"', "\u201d", 1)  # typography
            out.append(line)
            if self.rng.random() < 0.08:
                out.append(self.paragraph())  # added
        if len(out) > 2 * SECTION:  # one section moved to the end
            start = self.rng.randrange(0, len(out) - SECTION)
            out = out[:start] + out[start + SECTION :] + out[start : start + SECTION]
        return out


def article(lines: list[str]) -> Article:
    return parse("\n\n".join(lines))


def measure(run: Callable[[], object]) -> tuple[float, float]:
    """(seconds, peak MiB) of one call."""
    start = time.perf_counter()
    run()
    seconds = time.perf_counter() - start
    tracemalloc.start()
    run()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return seconds, peak / 2**20


def main() -> None:
    rows = []
    for n in (2, 10, 50):
        writer = Writer(1)
        ref_lines = writer.reference(PARAGRAPHS)
        ref = article(ref_lines)
        others = [article(writer.variant(ref_lines)) for _ in range(n - 1)]
        chars = len("\n\n".join(b.text for b in ref.blocks))

        def run_many(others: list[Article] = others, ref: Article = ref) -> object:
            return [compare("s0", ref, f"s{i}", other) for i, other in enumerate(others, start=1)]

        seconds, peak = measure(run_many)
        rows.append((f"{n} sources x {PARAGRAPHS} paragraphs", n - 1, chars, seconds, peak))

    writer = Writer(1)
    ref_lines = []
    while sum(len(line) + 2 for line in ref_lines) < 2**20:
        ref_lines.extend(writer.reference(SECTION * 20))
    big_a, big_b = article(ref_lines), article(writer.variant(ref_lines))
    chars = len("\n\n".join(b.text for b in big_a.blocks))
    seconds, peak = measure(lambda: compare("a", big_a, "b", big_b))
    rows.append((f"1 MB pair ({len(big_a.paragraphs)} paragraphs)", 1, chars, seconds, peak))

    print("| case | comparisons | reference chars | wall time (s) | peak memory (MiB) |")
    print("|---|---:|---:|---:|---:|")
    for case, comparisons, size, seconds, peak in rows:
        print(f"| {case} | {comparisons} | {size:,} | {seconds:.3f} | {peak:.1f} |")


if __name__ == "__main__":
    main()
