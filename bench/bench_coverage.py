"""Coverage benchmark: matcher quality on the labelled articles, and `suggest` at scale.

    .venv/bin/python bench/bench_coverage.py          # both
    .venv/bin/python bench/bench_coverage.py --quick  # quality and 100 topics x 10 sources only

Quality: topic x article pairs of tests/fixtures/articles/labels.yml found (recall), false
matches among the pairs not reported, and whether the best likely passage is a labelled
paragraph. Scale: `python -m generator suggest --format json` on synthetic stories
(bench_scale's writer), in a fresh interpreter, best of 3, and the matcher alone in process.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from bench_scale import machine, make_project, write_seeds  # noqa: E402

from generator import match, seeds, story  # noqa: E402
from tests.quality import measure  # noqa: E402


def scale(topics: int, sources: int) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        root = make_project(Path(tmp) / "p")
        write_seeds(root / "seeds", topics, sources)
        built, _ = story.build(seeds.read(root / "seeds"))
        start = time.perf_counter()
        found = match.suggest(built)
        inside = time.perf_counter() - start
        walls = []
        for _ in range(3):
            start = time.perf_counter()
            done = subprocess.run(
                [sys.executable, "-m", "generator", "--root", str(root), "suggest", "--format", "json"],
                capture_output=True,
                cwd=HERE.parent,
            )
            walls.append(time.perf_counter() - start)
            if done.returncode != 0:
                raise SystemExit(done.stderr.decode()[-2000:])
        return f"| {topics} | {sources} | {min(walls):.2f} | {inside:.2f} | {len(found)} |"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    print(f"machine: {machine()}\n")
    print("quality on tests/fixtures/articles:", measure().line(), "\n")
    print("| topics | sources | `suggest --format json` wall s (best of 3) | matcher alone s | candidates |")
    print("|---|---|---|---|---|")
    cases = [(100, 10)] if args.quick else [(100, 10), (1000, 50)]
    for topics, sources in cases:
        print(scale(topics, sources), flush=True)


if __name__ == "__main__":
    main()
