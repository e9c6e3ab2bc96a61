"""A project copy holding another story's seeds: `tests.projcopy` plus a seeds swap."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.projcopy import ROOT, make, run

__all__ = ["ROOT", "copy_project", "run"]


def copy_project(dest: Path, seeds: Path | None = None) -> Path:
    """A fresh copy of the project at `dest`, with `seeds` (default: the fixture story, tests/fixtures/story/)."""
    make(dest)
    if seeds is not None:
        shutil.rmtree(dest / "seeds")
        shutil.copytree(seeds, dest / "seeds")
    return dest
