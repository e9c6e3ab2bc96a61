"""A throw-away copy of the project, so tests can build other stories without touching ours."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def copy_project(dest: Path, seeds: Path | None = None) -> Path:
    """mkdocs.yml, overrides/, hand-written docs/ and node_modules (linked), plus a seeds/ directory."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy2(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copytree(ROOT / "overrides", dest / "overrides", dirs_exist_ok=True)
    shutil.copytree(ROOT / "generator", dest / "generator", ignore=shutil.ignore_patterns("__pycache__"), dirs_exist_ok=True)
    tracked = subprocess.run(["git", "ls-files", "docs"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    for rel in tracked:
        (dest / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / rel, dest / rel)
    if not (dest / "node_modules").exists():
        os.symlink(ROOT / "node_modules", dest / "node_modules")
    shutil.copytree(seeds or ROOT / "seeds", dest / "seeds", dirs_exist_ok=True)
    return dest


def run(root: Path, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """`python -m generator --root ROOT ARGS...` as an editor would run it."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "generator", "--root", str(root), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
    )
