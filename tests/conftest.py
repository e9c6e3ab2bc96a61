"""Shared fixtures: every project's site and the hostile fixture story, each built once per test
session by each renderer (MkDocs with Material, and Zensical), in a copy of the project.

A *project* is the repository root (the story in `seeds/`) or any `examples/NAME/` directory
holding its own `seeds/` and `mkdocs.yml`: a new example is picked up without a change here.
Tests that take `built_site` run against every project's build by each renderer; they assert
what holds for any story. `hostile_site` is the fixture story, for story-specific checks.

Under pytest-xdist every worker asks for the same builds: the first to ask builds into the
session's shared temporary directory under a file lock, the others wait for it and reuse it.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests import projcopy

ROOT = Path(__file__).resolve().parent.parent
RENDERERS = ("mkdocs", "zensical")
HOSTILE = ROOT / "tests" / "fixtures" / "hostile" / "seeds"
STORY = projcopy.STORY  # a frozen copy of the first story, for tests that name its topics and sources
BUILD_SECONDS = 600  # a generous deadline for one build, also on a busy machine


def projects(root: Path = ROOT) -> dict[str, Path]:
    """Name -> directory of every project in the repository: 'root', then each example."""
    found = {"root": root}
    examples = root / "examples"
    if examples.is_dir():
        for d in sorted(examples.iterdir()):
            if (d / "seeds").is_dir() and (d / "mkdocs.yml").is_file():
                found[d.name] = d
    return found


PROJECTS = projects()
SITES = [f"{name}-{renderer}" for name in PROJECTS for renderer in RENDERERS]


def copy_of(project: Path, dest: Path, seeds: Path | None = None, repo: Path = ROOT) -> Path:
    """A copy of the repository's build inputs at `dest`, with `project` (in `repo`) at its own
    place in it (an example's mkdocs.yml may point up to the repository's overrides/); returns
    the copy's project directory."""
    projcopy.make(dest, ROOT / "seeds")
    root = dest
    if project != repo:
        root = dest / project.relative_to(repo)
        skip = shutil.ignore_patterns("site", ".site.*", ".zensical", ".cache", ".build.lock", "__pycache__")
        shutil.copytree(project, root, ignore=skip, symlinks=True)
    if seeds is not None:
        projcopy.replace_seeds(root, seeds)
    return root


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # waits for another worker's build of the same site
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def shared_dir(factory: pytest.TempPathFactory) -> Path:
    """The session's temporary directory common to all xdist workers (each has its own below it)."""
    base = factory.getbasetemp()
    return (base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base) / "shared-sites"


def build_once(
    factory: pytest.TempPathFactory, name: str, project: Path, renderer: str, seeds: Path | None = None
) -> Path:
    """`python -m generator build --renderer R` on a copy of `project`, once per session; returns its site/."""
    if renderer == "zensical":
        pytest.importorskip("zensical", reason="Zensical is not installed: run `make test`, which installs it")
    where = shared_dir(factory) / name
    with _locked(where.with_suffix(".lock")):
        done = where / "built"
        if done.is_file():
            return Path(done.read_text(encoding="utf-8"))
        shutil.rmtree(where, ignore_errors=True)
        root = copy_of(project, where / "repo", seeds)
        result = projcopy.run(root, "build", "--renderer", renderer, timeout=BUILD_SECONDS)
        assert result.returncode == 0, f"{name}: build failed:\n{result.stdout}\n{result.stderr}"
        assert "WARNING" not in result.stderr, result.stderr
        done.write_text(str(root / "site"), encoding="utf-8")
        return root / "site"


@pytest.fixture(scope="session", params=SITES)
def built_site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every project's site, once per renderer (ids: PROJECT-RENDERER, e.g. root-mkdocs)."""
    name, _, renderer = str(request.param).rpartition("-")
    return build_once(tmp_path_factory, request.param, PROJECTS[name], renderer)


@pytest.fixture(scope="session")
def mkdocs_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository root's site built with MkDocs (the same build `built_site` shares)."""
    return build_once(tmp_path_factory, "root-mkdocs", ROOT, "mkdocs")


@pytest.fixture(scope="session")
def zensical_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository root's site built with Zensical (the same build `built_site` shares)."""
    return build_once(tmp_path_factory, "root-zensical", ROOT, "zensical")


@pytest.fixture(scope="session", params=RENDERERS)
def hostile_site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The hostile fixture story (markup and quotes in every field), built once per renderer."""
    return build_once(tmp_path_factory, f"hostile-{request.param}", ROOT, request.param, HOSTILE)


@pytest.fixture(scope="session", params=RENDERERS)
def story_site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture story (tests/fixtures/story/), built once per renderer: for tests that name its ids."""
    return build_once(tmp_path_factory, f"story-{request.param}", ROOT, request.param, STORY)
