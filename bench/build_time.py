"""Full build time: `make build` run N times (default 5), wall clock; prints the median.

    .venv/bin/python bench/build_time.py [--runs 5] [--renderer mkdocs|zensical] [--no-make] [--root DIR]

Each run is the README's command as an editor types it: make (dependencies already installed),
the generator (validate, write pages) and MkDocs --strict into site/. Also shows the time the
generator reports for itself (its last line, "built: ..., N.NN s"), which leaves out make and
interpreter start-up. `--renderer zensical` builds with Zensical (`make build RENDERER=zensical`);
`--no-make` times `python -m generator build` itself, e.g. in a copy of the project (`--root`)
that has no .venv of its own.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--renderer", choices=("mkdocs", "zensical"), default="mkdocs")
    parser.add_argument("--no-make", action="store_true", help="run `python -m generator build` without make")
    parser.add_argument("--root", type=Path, default=ROOT, help="project directory (default: this one)")
    args = parser.parse_args()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if args.no_make:
        command = [sys.executable, "-m", "generator", "build", "--renderer", args.renderer]
        what = f"python -m generator build --renderer {args.renderer}"
    else:
        command = ["make", "-s", "build", f"RENDERER={args.renderer}"]
        what = f"make build RENDERER={args.renderer}"
    subprocess.run(command, cwd=args.root, env=env, check=True, capture_output=True)  # warm-up
    walls, own = [], []
    for i in range(args.runs):
        start = time.perf_counter()
        done = subprocess.run(command, cwd=args.root, env=env, check=True, capture_output=True, text=True)
        walls.append(time.perf_counter() - start)
        said = re.search(r"built: .*, ([0-9.]+) s\s*$", done.stdout)
        own.append(float(said.group(1)) if said else float("nan"))
        print(f"run {i + 1}: {what} {walls[-1]:.2f} s (generator says {own[-1]:.2f} s)", flush=True)
    wall, gen = statistics.median(walls), statistics.median(own)
    print(f"\nmedian of {args.runs}: {what} {wall:.2f} s, generator {gen:.2f} s")
    print(f"min {min(walls):.2f} s, max {max(walls):.2f} s")


if __name__ == "__main__":
    main()
