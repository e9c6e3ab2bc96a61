"""Shared fixtures: the real site and the hostile fixture story, built once per test session by
each renderer (MkDocs with Material, and Zensical); tests that take `built_site` or
`hostile_site` run against both builds."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests import projcopy

ROOT = Path(__file__).resolve().parent.parent
RENDERERS = ("mkdocs", "zensical")
HOSTILE = ROOT / "tests" / "fixtures" / "hostile" / "seeds"


@pytest.fixture(scope="session")
def mkdocs_site() -> Path:
    """`python -m generator build` run once from the project directory; returns site/."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "generator", "build"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, f"build failed:\n{result.stdout}\n{result.stderr}"
    return ROOT / "site"


def _build_copy(dest: Path, renderer: str, seeds: Path | None = None) -> Path:
    """`python -m generator build --renderer R` on a copy of the project; returns its site/."""
    root = projcopy.make(dest)
    if seeds is not None:
        projcopy.replace_seeds(root, seeds)
    result = projcopy.run(root, "build", "--renderer", renderer, timeout=300)
    assert result.returncode == 0, f"{renderer} build failed:\n{result.stdout}\n{result.stderr}"
    assert "WARNING" not in result.stderr, result.stderr
    return root / "site"


@pytest.fixture(scope="session")
def zensical_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site built once with Zensical, in a copy of the project (site/ is the MkDocs build's)."""
    pytest.importorskip("zensical", reason="Zensical is not installed: run `make test`, which installs it")
    return _build_copy(tmp_path_factory.mktemp("zensical") / "project", "zensical")


@pytest.fixture(scope="session", params=RENDERERS)
def built_site(request: pytest.FixtureRequest) -> Path:
    """The real site, once per renderer."""
    return Path(request.getfixturevalue(f"{request.param}_site"))


@pytest.fixture(scope="session", params=RENDERERS)
def hostile_site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The hostile fixture story (markup and quotes in every field), built once per renderer."""
    if request.param == "zensical":
        pytest.importorskip("zensical", reason="Zensical is not installed: run `make test`, which installs it")
    return _build_copy(tmp_path_factory.mktemp(f"hostile-{request.param}") / "project", request.param, HOSTILE)
