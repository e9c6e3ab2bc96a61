"""Golden files: the generated Markdown of each fixture story, committed next to its seeds.

Refresh after an intended change, then review the diff:

    make goldens        (or: .venv/bin/python -m tests.goldens)
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from generator import render, seeds, story

FIXTURES = Path(__file__).parent / "fixtures"


def stories() -> list[Path]:
    """Fixture stories with golden files: those with an expected/ folder (make one to add a story)."""
    return sorted(p for p in FIXTURES.iterdir() if (p / "seeds").is_dir() and (p / "expected").is_dir())


def rendered(fixture: Path) -> dict[str, str]:
    built, _ = story.build(seeds.read(fixture / "seeds", show_as="seeds"))
    return render.pages(built)


def refresh() -> None:
    for fixture in stories():
        expected = fixture / "expected"
        shutil.rmtree(expected, ignore_errors=True)
        for rel, text in rendered(fixture).items():
            target = expected / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(text.encode("utf-8"))
        print(f"refreshed {expected}", file=sys.stderr)


if __name__ == "__main__":
    refresh()
