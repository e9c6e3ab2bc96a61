"""The CLI and the MkDocs hook share one generation per set of inputs."""

from __future__ import annotations

from pathlib import Path

import pytest

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
    assert "Ice hockey matches" in changed.files["topics/hockey-matches.md"]


def test_compiled_templates_are_kept_between_processes_and_an_edit_compiles_anew(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import jinja2

    from generator import cache

    source = {"page.j2": "Hello {{ name }}"}
    where = tmp_path / ".cache" / "jinja"

    def fresh() -> tuple[jinja2.Environment, list[str]]:
        compiled: list[str] = []

        class Counting(jinja2.Environment):
            def _compile(self, source: str, filename: str) -> object:  # type: ignore[override]
                compiled.append(filename)
                return super()._compile(source, filename)

        env = Counting(loader=jinja2.DictLoader(source))
        monkeypatch.setattr(cache, "COMPILED", {})  # a new process: nothing in memory
        env.bytecode_cache = cache.Compiled(where)
        return env, compiled

    env, compiled = fresh()
    assert env.get_template("page.j2").render(name="a") == "Hello a" and len(compiled) == 1
    assert len(list(where.glob("*.cache"))) == 1
    env, compiled = fresh()
    assert env.get_template("page.j2").render(name="b") == "Hello b" and not compiled  # read back
    source["page.j2"] = "Goodbye {{ name }}"
    env, compiled = fresh()
    assert env.get_template("page.j2").render(name="c") == "Goodbye c" and len(compiled) == 1
    (where / next(where.glob("*.cache")).name).write_bytes(b"garbage")
    env, compiled = fresh()
    assert env.get_template("page.j2").render(name="d") == "Goodbye d" and len(compiled) == 1
