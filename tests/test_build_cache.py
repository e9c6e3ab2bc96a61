"""The CLI and the MkDocs hook share one generation per set of inputs."""

from __future__ import annotations

from pathlib import Path

from generator.build import generate
from tests.project import ROOT, copy_project


def test_same_inputs_are_generated_once(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "p")
    first = generate(root / "seeds", ROOT, show_as="seeds")
    assert generate(root / "seeds", ROOT, show_as="seeds") is first
    story = root / "seeds" / "story.yml"
    text = story.read_text(encoding="utf-8")
    story.write_text(text.replace("Hockey matches", "Ice hockey matches"), encoding="utf-8")
    changed = generate(root / "seeds", ROOT, show_as="seeds")
    assert changed is not first
    assert "Ice hockey matches" in changed.files["topics/hockey.md"]
