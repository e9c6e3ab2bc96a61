"""A fork with its own story in `seeds/` stays green, and every project in the repository is tested.

- No test names a topic, event or source of the story in `seeds/` unless a fixture story under
  tests/fixtures/ has it too (then the test is about that fixture); the tests of the published
  site (any project's build) name none at all: they assert what holds for any story.
- Every `examples/NAME/` directory with its own `seeds/` and `mkdocs.yml` is a project of its
  own, built and checked like the repository root (tests/conftest.py).
"""

from __future__ import annotations

import io
import re
import tokenize
from pathlib import Path

import yaml

from tests.conftest import HOSTILE, PROJECTS, ROOT, copy_of, projects

TESTS = ROOT / "tests"
# the tests of the published site: they run on whatever story each project's seeds/ hold
PUBLISHED_SITE = ["conftest.py", "test_publish.py", "test_coverage_site.py", "browser/"]


def story_ids(seeds: Path) -> set[str]:
    """The ids of a story's topics, events and sources."""
    ids: set[str] = set()
    story = seeds / "story.yml"
    if story.is_file():
        data = yaml.safe_load(story.read_text(encoding="utf-8")) or {}
        ids |= {str(item["id"]) for key in ("topics", "events") for item in data.get(key) or [] if "id" in item}
    sources = seeds / "sources.yml"
    if sources.is_file():
        data = yaml.safe_load(sources.read_text(encoding="utf-8")) or {}
        ids |= {str(item["id"]) for item in data.get("sources") or [] if "id" in item}
    return ids


def named_in(path: Path, ids: set[str]) -> set[str]:
    """The ids a Python file names: a string literal that is the id ("some-topic"), or holds it as
    a path segment ("topics/some-topic/"). An id that is an ordinary word ("copy", "before") is
    not counted inside a sentence."""
    found: set[str] = set()
    segment = re.compile(r"(?<=/)[\w-]+|[\w-]+(?=[/#])")
    for token in tokenize.generate_tokens(io.StringIO(path.read_text(encoding="utf-8")).readline):
        if token.type == tokenize.STRING:
            text = token.string.lstrip("rbuRBUfF").strip("'\"")
            found |= ids & ({text} | set(segment.findall(text)))
    return found


def test_no_test_depends_on_the_story_in_seeds() -> None:
    published = story_ids(ROOT / "seeds")
    assert published, "seeds/ holds no ids: the check would prove nothing"
    fixtures = set().union(*(story_ids(d) for d in TESTS.glob("fixtures/**/") if (d / "story.yml").is_file()))
    problems = []
    for path in sorted(TESTS.rglob("*.py")):
        rel = path.relative_to(TESTS).as_posix()
        about_any_story = any(rel == p or rel.startswith(p) for p in PUBLISHED_SITE)
        named = named_in(path, published if about_any_story else published - fixtures)
        if named:
            problems.append(f"tests/{rel}: {sorted(named)}")
    assert not problems, "tests naming the story in seeds/ (a fork's story would fail them):\n" + "\n".join(problems)


def test_the_check_finds_a_story_id(tmp_path: Path) -> None:
    sample = tmp_path / "test_sample.py"
    sample.write_text(
        'PAGE = "topics/some-topic/"\nID = "other"\nWORDS = "a copy of it"\n# some-topic in a comment\n',
        encoding="utf-8",
    )
    assert named_in(sample, {"some-topic", "other", "copy", "absent"}) == {"some-topic", "other"}


def test_every_example_with_seeds_and_config_is_a_project(tmp_path: Path) -> None:
    assert next(iter(PROJECTS)) == "root" and PROJECTS["root"] == ROOT
    for name, seeds, config in [
        ("beta", True, True),
        ("alpha", True, True),
        ("notes", False, True),
        ("bare", True, False),
    ]:
        d = tmp_path / "examples" / name
        d.mkdir(parents=True)
        if seeds:
            (d / "seeds").mkdir()
        if config:
            (d / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    found = projects(tmp_path)
    assert list(found) == ["root", "alpha", "beta"]
    assert found["alpha"] == tmp_path / "examples" / "alpha"


def test_an_example_is_copied_to_its_place_beside_the_generator(tmp_path: Path) -> None:
    """An example's mkdocs.yml may point up to the repository's overrides/: its copy keeps the layout,
    without the example's build output."""
    example = tmp_path / "repo" / "examples" / "fake"
    (example / "site").mkdir(parents=True)
    (example / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    (example / "seeds").mkdir()
    for f in HOSTILE.iterdir():
        (example / "seeds" / f.name).write_bytes(f.read_bytes())
    copied = copy_of(example, tmp_path / "copy", repo=tmp_path / "repo")
    assert copied == tmp_path / "copy" / "examples" / "fake"
    assert (tmp_path / "copy" / "generator").is_dir() and (tmp_path / "copy" / "overrides").is_dir()
    assert story_ids(copied / "seeds") == story_ids(HOSTILE) and not (copied / "site").exists()
    assert story_ids(tmp_path / "copy" / "seeds") == story_ids(ROOT / "seeds")
