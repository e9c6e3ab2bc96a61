"""Zensical as a second renderer: what the MkDocs hook does inside MkDocs, done around Zensical.

Zensical reads mkdocs.yml but runs no hooks, so for Zensical:

- the generated pages go into a private docs tree, `.zensical/docs/` (ignored by git), beside
  copies of the hand-written files of `docs/` (assets), instead of being added in memory;
- the navigation the hook expands (one entry per topic and source) goes into a derived
  config, `.zensical/mkdocs.yml`: mkdocs.yml with that nav, those directories and no hooks;
- after the build, the site gets what MkDocs' sitemap has and Zensical's lacks: a
  `<lastmod>` from the data on every URL, and `sitemap.xml.gz`;
- while serving, the error banner is put into the pages' Markdown (there is no page hook).

Pure functions build the contents; `write.py` writes them; `build` and `serve` call Zensical.
"""

from __future__ import annotations

import contextlib
import gzip
import html
import io
import os
import posixpath
import re
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import yaml

from generator import nav, siteconfig, write
from generator.build import Generated
from generator.diagnostic import Invalid

WORK = ".zensical"  # under the project root: the derived config, the docs tree, the site being built
CONFIG = "mkdocs.yml"  # inside WORK
DROPPED = ("hooks", "watch", "INHERIT")  # hooks do not run; the CLI watches, not Zensical


def read_config(text: str, show_as: str = "mkdocs.yml") -> dict[str, Any]:
    """mkdocs.yml as a mapping. Raises Invalid with the position of a YAML error."""
    return siteconfig.read_config(text, show_as)


def derive_config(base: Mapping[str, Any], got: Generated, overrides: str | None) -> dict[str, Any]:
    """The config Zensical builds from, relative to WORK: mkdocs.yml with the hook's nav and no hooks.

    `overrides` is the theme's custom_dir as a path relative to WORK (None: none).
    """
    out = {k: v for k, v in base.items() if k not in DROPPED}
    out["docs_dir"], out["site_dir"] = "docs", "site"
    out["nav"] = nav.expand(base.get("nav"), got)
    # the site's identity comes from the story, never from mkdocs.yml; escaped here once, as the MkDocs hook
    # does: the theme prints it raw in places (the overrides then print it as it is)
    out["site_name"] = html.escape(got.story.name)
    out["site_description"] = html.escape(got.story.description)
    theme = dict(out.get("theme") or {})
    # Zensical's default "modern" look differs from Material's (its own fonts, icons, a tinted
    # active nav entry that fails colour contrast); "classic" is Material's look.
    theme.setdefault("variant", "classic")
    if overrides is None:
        theme.pop("custom_dir", None)
    else:
        theme["custom_dir"] = overrides
    out["theme"] = theme
    left_out = nav.left_out(got)
    if left_out:
        out["not_in_nav"] = "\n".join([*str(base.get("not_in_nav") or "").splitlines(), *left_out])
    return out


def banner(errors: Sequence[str]) -> str:
    """The serve banner (the same markup the MkDocs hook puts after <body>), as raw HTML in Markdown."""
    items = "".join(f"<li><code>{html.escape(e)}</code></li>" for e in errors)
    return (
        '<div class="gen-errors" role="alert" markdown="0"><p><strong>The last save has errors;'
        f" showing the last good version.</strong></p><ul>{items}</ul></div>\n\n"
    )


_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
_TAG = re.compile(r"<[A-Za-z][^<>]*>")
_URL_ATTR = re.compile(r"""(\s(?:href|src)=)(["'])([^"'<>]*)\2""")
_NOT_RELATIVE = re.compile(r"^(?:#|/|[A-Za-z][A-Za-z0-9+.-]*:|$)")


def source_relative(href: str, page: str) -> str:
    """A link written for MkDocs' directory URLs, relative to the page's URL, made relative to
    its Markdown file, which is how Zensical reads links in raw HTML too.

    MkDocs leaves raw HTML alone; Zensical resolves its links against the source file and
    rewrites them for the output: `../topics/x/` on timeline.md (served at timeline/) would
    end up one level too high. Index pages are served from their own directory: unchanged.
    """
    if _NOT_RELATIVE.match(href) or posixpath.basename(page) == "index.md":
        return href
    cut = min((i for i in (href.find("?"), href.find("#")) if i >= 0), default=len(href))
    path, rest = href[:cut], href[cut:]
    folder = posixpath.dirname(page)
    served_at = posixpath.join(folder, posixpath.splitext(posixpath.basename(page))[0])
    target = posixpath.normpath(posixpath.join(served_at, path))
    out = posixpath.relpath(target, folder or ".")
    if path.endswith("/") and not out.endswith("/"):
        out += "/"
    return out + rest


def links_for_zensical(page: str, markdown: str) -> str:
    """Every relative href/src inside a real tag of a page made relative to its file (escaped text stays)."""

    def attr(m: re.Match[str]) -> str:
        # Zensical reads the value as written: `https&#58;//` (how markup.py writes a URL) would look relative.
        value = html.escape(source_relative(html.unescape(m.group(3)), page))
        return m.group(1) + m.group(2) + value + m.group(2)

    return _TAG.sub(lambda t: _URL_ATTR.sub(attr, t.group(0)), markdown)


def with_banner(files: Mapping[str, str | bytes], errors: Sequence[str]) -> dict[str, str | bytes]:
    """Every Markdown page with the banner first, after its front matter."""
    if not errors:
        return dict(files)
    top = banner(errors)
    out: dict[str, str | bytes] = {}
    for rel, content in files.items():
        if rel.endswith(".md") and isinstance(content, str):
            m = _FRONT_MATTER.match(content)
            at = m.end() if m else 0
            content = content[:at] + top + content[at:]
        out[rel] = content
    return out


def static_files(docs_dir: Path, generated: Mapping[str, object]) -> dict[str, bytes]:
    """The hand-written files of docs/ (styles, scripts): everything the generator does not write."""
    owned = set(generated) | set(write.previous(docs_dir)) | {write.MANIFEST}
    out: dict[str, bytes] = {}
    if not docs_dir.is_dir():
        return out
    for path in sorted(docs_dir.rglob("*")):
        rel = path.relative_to(docs_dir).as_posix()
        if path.is_file() and rel not in owned and not rel.startswith(".staging-"):
            out[rel] = path.read_bytes()
    return out


def site_url(root: Path, config_name: str = "mkdocs.yml") -> str:
    """site_url from the config ('' when unset or unreadable: the sitemap then keeps the story's date)."""
    try:
        value = read_config((root / config_name).read_text(encoding="utf-8"), config_name).get("site_url")
    except (OSError, Invalid):
        return ""
    return str(value or "")


def work_files(
    root: Path, got: Generated, errors: Sequence[str] = (), config_name: str = "mkdocs.yml"
) -> dict[str, str | bytes]:
    """Everything under WORK for one build: the derived config and the docs tree. Raises Invalid."""
    own_path = root / config_name
    base = read_config(own_path.read_text(encoding="utf-8"), config_name) if own_path.is_file() else {}
    if not siteconfig.own_look(base):
        install = read_config((siteconfig.INSTALL / "mkdocs.yml").read_text(encoding="utf-8"))
        base = siteconfig.effective(base, install, root.resolve())
    theme = base.get("theme") or {}
    custom = theme.get("custom_dir") if isinstance(theme, dict) else None
    overrides = os.path.relpath(root / str(custom), root / WORK) if custom else None
    config = derive_config(base, got, overrides)
    files: dict[str, str | bytes] = {CONFIG: yaml.safe_dump(config, allow_unicode=True, sort_keys=False)}
    pages = {
        rel: links_for_zensical(rel, content) if rel.endswith(".md") and isinstance(content, str) else content
        for rel, content in with_banner(got.files, errors).items()
    }
    assets = siteconfig.assets_dir(root)
    shared = {
        rel: data
        for rel, data in static_files(assets.parent, got.files).items()
        if rel.startswith("assets/") and not rel.startswith(("assets/cards/", "assets/vendor/"))
    }
    shared = {} if assets.parent == root / "docs" else shared
    docs = {**shared, **static_files(root / str(base.get("docs_dir") or "docs"), got.files), **pages}
    files.update({f"docs/{rel}": content for rel, content in docs.items()})
    return files


_UPDATED = re.compile(r"^updated: *[\"']?(\d{4}-\d{2}-\d{2})[\"']? *$", re.M)


def page_updates(files: Mapping[str, str | bytes]) -> dict[str, str]:
    """Each page's URL path (`topics/x/`) -> its own last update, from the front matter's `updated`
    (the MkDocs hook gives it to MkDocs as the page's `update_date`)."""
    out: dict[str, str] = {}
    for rel, content in files.items():
        if not rel.endswith(".md") or not isinstance(content, str):
            continue
        front = _FRONT_MATTER.match(content)
        found = _UPDATED.search(front.group(0)) if front else None
        if found:
            stem = rel.removesuffix(".md")
            path = stem.removesuffix("index") if stem == "index" or stem.endswith("/index") else stem + "/"
            out[path] = found.group(1)
    return out


def finishing(sitemap: str, got: Generated, site_url: str = "") -> dict[str, str | bytes]:
    """sitemap.xml with a <lastmod> on every URL, as MkDocs writes it (the page's own update,
    else the story's), and its reproducible gzip."""
    day = got.story.updated.isoformat()
    updates = page_updates(got.files)

    def lastmod(m: re.Match[str]) -> str:
        url = m.group(2)
        path = url[len(site_url) :] if site_url and url.startswith(site_url) else url
        return f"{m.group(1)}<loc>{url}</loc>{m.group(1)}<lastmod>{updates.get(path, day)}</lastmod>"

    text = re.sub(r"(\s*)<loc>([^<]*)</loc>(?!\s*<lastmod>)", lastmod, sitemap)
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", filename="", mtime=int(got.source_date_epoch)) as gz:
        gz.write(text.encode("utf-8"))
    return {"sitemap.xml": text, "sitemap.xml.gz": buf.getvalue()}


@contextlib.contextmanager
def _quiet_stdout() -> Iterator[None]:
    """Zensical prints progress from native code; keep stdout for our summary line (errors go to stderr)."""
    import sys

    sys.stdout.flush()
    saved = os.dup(1)
    try:
        os.dup2(2, 1)
        yield
    finally:
        os.dup2(saved, 1)
        os.close(saved)


def run_build(config: Path) -> str | None:
    """`zensical build --strict` in this process; returns None, or why it failed."""
    try:
        import zensical
    except ImportError:
        return "Zensical is not installed (run `make build RENDERER=zensical`, which installs it)"
    try:
        with _quiet_stdout():
            zensical.build(str(config.resolve()), {"strict": True, "clean": False})
    except (RuntimeError, OSError, ValueError) as exc:
        return str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    except SystemExit as exc:  # click's ClickException is raised as such from config parsing
        return f"configuration error ({exc})"
    except Exception as exc:  # ConfigurationError (a click exception) and anything else Zensical raises
        message = getattr(exc, "message", None) or str(exc)
        return message.splitlines()[0] if message else type(exc).__name__
    return None
