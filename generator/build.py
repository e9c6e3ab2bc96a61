"""Orchestration shared by the CLI and the MkDocs hook: inputs -> story -> files."""

from __future__ import annotations

import calendar
import hashlib
import re
import time
from dataclasses import dataclass
from pathlib import Path

import yaml

from generator import cache, render, seeds, siteconfig, story, write
from generator.diagnostic import Diagnostic, Invalid
from generator.model import Position, Story

TABLESORT = Path("node_modules") / "tablesort" / "dist" / "tablesort.min.js"
VENDOR = {"assets/vendor/tablesort.min.js": TABLESORT}


@dataclass(frozen=True)
class Generated:
    story: Story
    files: dict[str, str | bytes]  # path inside docs/ -> content
    warnings: list[Diagnostic]
    fingerprint: str
    seconds: float

    @staticmethod
    def summary_of(s: Story) -> str:
        quotes = sum(len(t.evidence) for t in s.topics) + sum(len(e.evidence) for e in s.events)
        return f"{len(s.sources)} sources, {len(s.topics)} topics, {len(s.events)} events, {quotes} quotes verified"

    @property
    def source_date_epoch(self) -> str:
        """Build dates (sitemap, gzip) come from the data, never the clock: reproducible output."""
        return str(calendar.timegm(self.story.updated.timetuple()))

    def summary(self) -> str:
        return self.summary_of(self.story)


def fingerprint(inputs: seeds.Inputs) -> str:
    h = hashlib.sha256()
    for name, data in sorted(inputs.yaml.items()):
        h.update(name.encode() + b"\0" + (data or b"") + b"\0")
    for name, data in sorted(inputs.articles.items()):
        h.update(name.encode() + b"\0" + data + b"\0")
    for name, why in sorted(inputs.refused.items()):
        h.update(name.encode() + b"\0" + why.encode() + b"\0")
    return h.hexdigest()


def vendor_files(root: Path) -> tuple[dict[str, str | bytes], list[Diagnostic]]:
    """Third-party browser code installed by npm at set-up time, published with the site."""

    out: dict[str, str | bytes] = {}
    problems: list[Diagnostic] = []
    for rel, src in VENDOR.items():
        path = root / src if (root / src).is_file() else siteconfig.INSTALL / src
        if path.is_file():
            out[rel] = path.read_bytes()
        else:
            problems.append(
                Diagnostic(Position(str(src)), "missing: the sortable table needs it", "run `npm ci` (make does this)")
            )
    return out, problems


def site_url(root: Path) -> str:
    """`site_url` from mkdocs.yml ("" where missing): the feed and share cards need it."""
    try:
        text = (root / "mkdocs.yml").read_text(encoding="utf-8")
    except OSError:
        return ""
    url = re.search(r"^site_url:[ \t]*[\"']?([^\"'\s#]+)", text, re.MULTILINE)
    return url.group(1) if url else ""


def config_file(root: Path) -> Path:
    """The MkDocs config to build `root` with: its own mkdocs.yml when that declares a theme, else one
    derived from the installation's (written to .cache/mkdocs.yml). Raises Invalid on an unreadable one."""
    own_path = root / "mkdocs.yml"
    try:
        own = siteconfig.read_config(own_path.read_text(encoding="utf-8")) if own_path.is_file() else {}
    except OSError as exc:
        problem = Diagnostic(Position("mkdocs.yml"), f"cannot read the configuration: {exc}", "check mkdocs.yml")
        raise Invalid([problem]) from None
    if siteconfig.own_look(own):
        return own_path
    base = siteconfig.read_config((siteconfig.INSTALL / "mkdocs.yml").read_text(encoding="utf-8"))
    derived = siteconfig.effective(own, base, root.resolve())
    Path(derived["docs_dir"]).mkdir(parents=True, exist_ok=True)  # MkDocs needs it, even before any page
    text = "# Derived by the generator from mkdocs.yml and the installation's look; do not edit.\n"
    write.put_files(
        root, {str(siteconfig.DERIVED): text + yaml.safe_dump(derived, allow_unicode=True, sort_keys=False)}
    )
    return root / siteconfig.DERIVED


TEMPLATES = Path(__file__).resolve().parent / "templates"


def templates_stamp() -> str:
    """The templates' names and modification times: cheap, and changes with every save."""
    return ",".join(f"{p.name}:{p.stat().st_mtime_ns}" for p in sorted(TEMPLATES.iterdir()))


_last: dict[str, Generated] = {}  # the latest result, keyed by what it was made from


def generate(seeds_dir: Path, root: Path, show_as: str | None = None) -> Generated:
    """Read and validate everything, then render every page in memory. Raises Invalid.

    `python -m generator build` generates, then runs MkDocs, whose hook asks again: the
    same inputs in the same process give back the same result instead of a second run.
    """
    start = time.perf_counter()
    inputs = seeds.read(seeds_dir, show_as)
    vendor, missing = vendor_files(root)
    key = fingerprint(inputs) + (show_as or "") + "".join(sorted(vendor)) + "".join(d.message for d in missing)
    key += templates_stamp()  # an edited template renders anew (Jinja reloads it)
    if key in _last:
        return _last[key]
    built, warnings = story.build(inputs)
    render.templates().bytecode_cache = cache.Compiled(cache.folder(root, "jinja"))
    site = render.Site(built, site_url(root))
    pages = render.site_pages(site)
    from generator import card, card_store  # Pillow loads only for a build that draws cards (not for check or suggest)

    files: dict[str, str | bytes] = dict(pages)
    try:
        files.update(card_store.drawn(render.card_texts(site, pages), root))
    except card.FontMissing as exc:
        raise Invalid([Diagnostic(Position("share cards"), str(exc), "run `make setup`")]) from None
    files.update(vendor)
    warnings = warnings + [Diagnostic(d.pos, d.message, d.hint, "warning") for d in missing]
    got = Generated(
        built,
        dict(sorted(files.items())),
        warnings,
        fingerprint(inputs),
        time.perf_counter() - start,
    )
    _last.clear()
    _last[key] = got
    return got
