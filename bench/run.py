"""Run every benchmark in turn and print their tables; copy them into bench/RESULTS.md by hand.

    make bench            (or: .venv/bin/python bench/run.py [NAME ...])

Benchmarks measure; they never fail a build. Run them on an otherwise idle machine.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ORDER = ["bench_align", "bench_coverage", "bench_scale", "build_time", "edit_to_browser", "weight", "lighthouse"]


def main(names: list[str]) -> int:
    status = 0
    for name in names or ORDER:
        script = HERE / f"{name}.py"
        print(f"\n## {name}\n", flush=True)
        result = subprocess.run([sys.executable, str(script)], cwd=HERE.parent)
        status = status or result.returncode
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
