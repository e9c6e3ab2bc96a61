"""The code stays as the style guide asks: ruff clean and fully typed (mypy --strict)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def test_ruff_finds_nothing() -> None:
    command = [BIN / "ruff", "check", "generator", "tests", "bench"]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_strict_on_the_generator() -> None:
    result = subprocess.run([BIN / "mypy"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_no_story_words_in_the_generator() -> None:
    """The next story is new YAML and articles: the generator names no person, place or outlet of this one."""
    words = ["putin", "trump", "kremlin", "moscow", "zelensk", "ukrain", "russia", "black sea", "afp"]
    words += ["ceasefire", "truce", "tariff", "turnberry", "leyen", "brussels", "pharmaceutical"]  # nor the next
    for path in (ROOT / "generator").rglob("*"):
        if path.is_file() and path.suffix in {".py", ".j2", ".json", ".html"}:
            text = path.read_text(encoding="utf-8").lower()
            assert not [w for w in words if w in text], path
