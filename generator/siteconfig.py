"""Which MkDocs configuration a project builds with, and the look it gets from the installation (pure).

A project is its `seeds/` and a small `mkdocs.yml` (`python -m generator new` writes one): the
site's address and other settings of its own, no theme. The look (Material, `overrides/`, the
styles and scripts of `docs/assets/`, the hook) comes from the generator's installation, so one
installation serves many projects and none of them copies theme files. A project whose
`mkdocs.yml` declares a `theme` of its own (the repository's root does) is built with it as it is.

The site's name and description come from `story.yml` (the hook sets them), never from here.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from generator.diagnostic import Diagnostic, Invalid
from generator.model import Position

INSTALL = Path(__file__).resolve().parent.parent  # the generator's installation: mkdocs.yml, overrides/, docs/assets/
DERIVED = Path(".cache") / "mkdocs.yml"  # under a project root: the config MkDocs reads for a project without a theme


class _Loader(yaml.SafeLoader):
    """mkdocs.yml as MkDocs reads it: `!ENV NAME` or `!ENV [NAME, ..., default]`; other tags refused."""


def _env_tag(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    if isinstance(node, yaml.SequenceNode):
        *names, default = loader.construct_sequence(node)
    else:
        names, default = [loader.construct_scalar(node)], None  # type: ignore[arg-type]
    return next((os.environ[str(n)] for n in names if str(n) in os.environ), default)


_Loader.add_constructor("!ENV", _env_tag)


def read_config(text: str, show_as: str = "mkdocs.yml") -> dict[str, Any]:
    """mkdocs.yml as a mapping (empty text: an empty mapping). Raises Invalid with the position of a YAML error."""
    try:
        data = yaml.load(text, Loader=_Loader)  # noqa: S506 - a SafeLoader with one extra tag
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        pos = Position(show_as, mark.line + 1, mark.column + 1) if mark else Position(show_as)
        what = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        problem = Diagnostic(pos, f"cannot read the configuration: {what}", "fix the YAML of mkdocs.yml")
        raise Invalid([problem]) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise Invalid([Diagnostic(Position(show_as, 1, 1), "the configuration is not a mapping", "see mkdocs.yml")])
    return data


def own_look(own: Mapping[str, Any]) -> bool:
    """A project whose mkdocs.yml declares its theme is built with that config as it is."""
    return "theme" in own


def effective(own: Mapping[str, Any], base: Mapping[str, Any], root: Path, install: Path = INSTALL) -> dict[str, Any]:
    """The config of a project without a theme of its own: the installation's, with the project's settings
    on top; every path absolute (the installation's look, the project's pages and site)."""
    out = {k: v for k, v in base.items() if k not in ("site_name", "site_description", "site_url")}
    out.update({k: v for k, v in own.items() if k not in ("docs_dir", "site_dir", "hooks", "theme")})
    out["site_name"] = own.get("site_name") or base.get("site_name") or "Explainer"
    out["docs_dir"] = str(root / str(own.get("docs_dir") or "docs"))
    out["site_dir"] = str(root / str(own.get("site_dir") or "site"))
    theme = dict(base.get("theme") or {})
    if theme.get("custom_dir"):
        theme["custom_dir"] = str(install / str(theme["custom_dir"]))
    out["theme"] = theme
    out["hooks"] = [str(install / str(h)) for h in base.get("hooks") or []]
    out["watch"] = [str(root / "seeds")]
    return out


def assets_dir(root: Path, install: Path = INSTALL) -> Path:
    """Where the site's styles and scripts come from: the project's docs/assets/, else the installation's."""
    own = root / "docs" / "assets" / "explainer.css"
    return own.parent if own.is_file() else install / "docs" / "assets"
