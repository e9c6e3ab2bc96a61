"""Temporary copies of the project for tests that run the CLI (`--root`) or MkDocs.

The copy's story is the fixture story in tests/fixtures/story/ (a frozen copy of the first
story), not whatever `seeds/` holds: tests that name its topics and sources stay green in a
fork with a story of its own. Only what a build reads is copied: mkdocs.yml, seeds/, overrides/, docs/assets/ (without
the vendored files and share cards the generator writes) and generator/ (mkdocs.yml names the hook by a
path relative to itself); node_modules/ is symlinked.
"""

from __future__ import annotations

import atexit
import compileall
import functools
import hashlib
import json
import os
import py_compile
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
STORY = ROOT / "tests" / "fixtures" / "story" / "seeds"  # the fixture story the copies hold


def make(dest: Path, seeds: Path = STORY) -> Path:
    """A fresh project copy at `dest` (created) holding the story in `seeds`; returns `dest`.

    generator/ is copied too, not linked: commands run with the copy as working directory
    use that snapshot of the code (edits to the real package mid-test cannot mix two
    versions in one comparison), and `serve` watches it without seeing those edits.
    """
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy2(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copytree(seeds, dest / "seeds")
    shutil.copytree(ROOT / "overrides", dest / "overrides")
    shutil.copytree(
        ROOT / "docs" / "assets", dest / "docs" / "assets", ignore=shutil.ignore_patterns("vendor", "cards")
    )
    shutil.copytree(compiled(), dest / "generator")
    (dest / "node_modules").symlink_to(ROOT / "node_modules", target_is_directory=True)
    return dest


@functools.cache
def compiled() -> Path:
    """A snapshot of generator/ with its bytecode, made once per process: the copies run it with
    PYTHONDONTWRITEBYTECODE, so without it every command in a copy compiled the whole package from
    source (about 0.4 s a command, several times that on a busy machine). Checked-hash pycs: Python
    uses one only while its source's hash matches, so a test that edits a copy's code runs the edit."""
    tmp = Path(tempfile.mkdtemp(prefix="generator-compiled-"))
    atexit.register(shutil.rmtree, tmp, ignore_errors=True)
    code = tmp / "generator"
    shutil.copytree(ROOT / "generator", code, ignore=shutil.ignore_patterns("__pycache__"))
    invalidation = py_compile.PycInvalidationMode.CHECKED_HASH
    assert compileall.compile_dir(code, quiet=1, invalidation_mode=invalidation), "generator/ does not compile"
    return code


def replace_seeds(root: Path, seeds: Path) -> None:
    """Another story's seeds in place of the copy's."""
    shutil.rmtree(root / "seeds")
    shutil.copytree(seeds, root / "seeds")


def env() -> dict[str, str]:
    out = dict(os.environ)
    out.update(NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1", PYTHONUNBUFFERED="1")
    out.pop("SOURCE_DATE_EPOCH", None)
    return out


def run(root: Path, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """`python -m generator --root ROOT ARGS...`, output captured as text. The generator is the copy's own
    (the nearest folder at or above ROOT holding generator/: an example's project sits below it)."""
    here = env()
    code = next((p for p in (root, *root.parents) if (p / "generator" / "__init__.py").is_file()), None)
    if code is not None:
        here["PYTHONPATH"] = os.pathsep.join(filter(None, [str(code), here.get("PYTHONPATH", "")]))
    return subprocess.run(
        [PYTHON, "-m", "generator", "--root", str(root), *args],
        cwd=root,
        env=here,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def tree(path: Path) -> dict[str, str]:
    """Relative path -> sha256 of every file under `path` (symlinks by target)."""
    out: dict[str, str] = {}
    if not path.exists():
        return out
    for p in sorted(path.rglob("*")):
        if p.is_symlink():
            out[p.relative_to(path).as_posix()] = "-> " + os.readlink(p)
        elif p.is_file():
            out[p.relative_to(path).as_posix()] = hashlib.sha256(p.read_bytes()).hexdigest()
    return out


def outputs(root: Path) -> dict[str, dict[str, str]]:
    """What a build produces: the generated pages in docs/ (per its manifest) and site/."""
    docs = root / "docs"
    listed = json.loads((docs / ".generated.json").read_text()) if (docs / ".generated.json").is_file() else []
    generated = {rel: h for rel, h in tree(docs).items() if rel in listed or rel == ".generated.json"}
    return {"docs": generated, "site": tree(root / "site")}
