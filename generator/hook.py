"""The MkDocs hook: generates the story's pages in memory during `mkdocs build` and `serve`.

Pages are added as virtual files (nothing is written into docs/, so a watching server
never rebuilds twice). While serving, an invalid edit keeps the last good pages and puts
the errors in a banner on every page and in the log; the next valid save recovers.
While serving, a rebuild reuses what MkDocs made of each page whose inputs did not change
(generator/incremental.py); the output is the same as a full build's.
"""

from __future__ import annotations

import copy
import html
import logging
import os
from pathlib import Path
from types import ModuleType
from typing import Any

import jinja2
import pathspec.gitignore
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from generator import cache, incremental, nav, siteconfig, write
from generator.build import Generated, generate
from generator.diagnostic import Invalid

log = logging.getLogger("mkdocs.hooks.generator")
# While serving, a bad save is reported but must not count towards `strict` (MkDocs counts
# warnings and errors of the "mkdocs" loggers and would abort the rebuild, leaving the
# preview stuck): those messages go through a logger outside that hierarchy.
serve_log = logging.getLogger("generator.serve")

_state: dict[str, Any] = {"command": "build", "good": None, "errors": []}

pages = incremental.Cache()  # while serving: each page's last result, across rebuilds
REUSED_TEMPLATE = "generator-reused-page.html"  # an empty template for pages whose HTML is reused


class _Run:
    """The current build's incremental bookkeeping (serve only)."""

    build: incremental.Build | None = None
    search: list[incremental.SearchEntry] = []  # the search plugin's index entries
    seen = 0  # how many of them belong to pages already handled
    nav: Any = None
    markdown: dict[str, str] = {}  # src_uri -> the Markdown of a page whose conversion is reused
    entries: dict[str, list[incremental.SearchEntry]] = {}  # src_uri -> its new search entries


class _Warnings(logging.Handler):
    """Counts warnings from MkDocs during a build: results of a build that warned are not kept."""

    count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


_warnings = _Warnings(logging.WARNING)


def project_root(config: MkDocsConfig) -> Path:
    """The project: the folder holding docs/ (the config may be one derived into .cache/)."""
    return Path(config.docs_dir).resolve().parent


def on_startup(command: str, dirty: bool) -> None:
    _state["command"] = command


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    root = project_root(config)
    seeds_dir = root / "seeds"
    try:
        got = generate(seeds_dir, root, show_as="seeds")
    except Invalid as exc:
        lines = [d.format() for d in exc.diagnostics]
        keep_serving = _state["command"] == "serve" and _state["good"] is not None
        out = serve_log if keep_serving else log
        for d in exc.diagnostics:
            (out.error if d.severity == "error" else out.warning)(d.format())
        if keep_serving:
            _state["errors"] = lines
            out.error("the inputs have errors: still serving the last good pages")
        else:
            raise PluginError(f"{sum(d.severity == 'error' for d in exc.diagnostics)} error(s) in the inputs") from None
    else:
        for d in got.warnings:  # info, not warning: a repaired character must not fail --strict
            log.info(d.format())
        _state["good"], _state["errors"] = got, []
        os.environ.setdefault("SOURCE_DATE_EPOCH", got.source_date_epoch)  # unless the caller set it
        log.info("generator: " + got.summary())
    _begin(config)
    good: Generated = _state["good"]
    # The site's identity comes from the story, never from mkdocs.yml. The theme prints these both
    # raw and through `| e`: escaped once here, as Markup, they come out literally either way.
    config.site_name = Markup(html.escape(good.story.name))
    config.site_description = Markup(html.escape(good.story.description)) if good.story.description else None
    config.nav = nav.expand(config.nav, good)
    extra = nav.left_out(good)
    if extra:
        # Pages left out of a long nav are listed on their index page instead; say so, or --strict fails.
        old = [str(p.pattern) for p in config.not_in_nav.patterns] if config.not_in_nav else []
        config.not_in_nav = pathspec.gitignore.GitIgnoreSpec.from_lines([*old, *extra])
    return config


def _search_entries(config: MkDocsConfig) -> list[incremental.SearchEntry] | None:
    """The search index's entry list when every plugin is known (Material's search, hooks), else None:
    an unknown plugin may depend on every page being rendered, so nothing is reused then."""
    found = None
    for plugin in config.plugins.values():
        if isinstance(plugin, ModuleType):  # a hook
            continue
        entries = getattr(getattr(plugin, "search_index", None), "entries", None)
        if type(plugin).__module__ != "material.plugins.search.plugin" or not isinstance(entries, list):
            return None
        found = entries
    return found


def _begin(config: MkDocsConfig) -> None:
    """While serving, start this build's bookkeeping (after the search plugin's `on_config`)."""
    _Run.build = None
    search = _search_entries(config) if _state["command"] == "serve" else None
    if search is None:
        return
    source = Path(config.config_file_path).read_bytes() if config.config_file_path else b""
    site = incremental.digest(
        source, config.site_url, incremental.tree_stamp(config.theme.custom_dir), os.environ.get("SOURCE_DATE_EPOCH")
    )
    _Run.build, _Run.search, _Run.seen, _Run.markdown, _Run.entries = incremental.Build(pages, site), search, 0, {}, {}
    _warnings.count = 0
    logging.getLogger("mkdocs").addHandler(_warnings)


def _end() -> incremental.Build | None:
    run, _Run.build, _Run.nav = _Run.build, None, None
    _Run.search, _Run.markdown, _Run.entries = [], {}, {}
    logging.getLogger("mkdocs").removeHandler(_warnings)
    return run


def on_nav(nav: Any, config: MkDocsConfig, files: Files) -> Any:
    if _Run.build is not None:
        _Run.build.files = incremental.digest(sorted((f.src_uri, f.url, f.dest_uri, f.inclusion.name) for f in files))
        _Run.nav = nav
    return nav


def on_env(env: jinja2.Environment, config: MkDocsConfig, files: Files) -> jinja2.Environment:
    """The theme's compiled templates are kept: in memory across rebuilds (MkDocs loads the theme
    anew for each and would compile every template again: a third of a rebuild), and in
    .cache/jinja/ between builds (about 0.15 s of a fresh one; see `cache.Compiled`).
    While serving, every page is now populated: the pages whose finished HTML can be reused are chosen."""
    root = project_root(config)
    env.bytecode_cache = cache.Compiled(cache.folder(root, "jinja"))
    run = _Run.build
    if run is None:
        return env
    # A page whose finished HTML is reused skips the theme's template (it gets an empty one, and
    # `on_post_page` puts the kept HTML in) and the search plugin's parsing (no content to parse).
    env.loader = jinja2.ChoiceLoader([jinja2.DictLoader({REUSED_TEMPLATE: ""}), env.loader or jinja2.DictLoader({})])
    run.nav = incremental.nav_key(_Run.nav.items if _Run.nav is not None else [])
    _Run.seen = len(_Run.search)
    banner = tuple(_state["errors"])
    for f in files.documentation_pages():
        page = f.page
        if page is None or f.src_uri not in run.render_keys:
            continue
        if run.built(f.src_uri, page.url, page.title, page.meta, page.update_date, banner) is not None:
            page.meta["template"] = REUSED_TEMPLATE
            page.content = ""
    return env


def on_files(files: Files, config: MkDocsConfig) -> Files:
    good: Generated | None = _state["good"]
    if good is None:
        return files
    docs = Path(config.docs_dir)
    owned = set(good.files) | set(write.previous(docs)) | {write.MANIFEST}
    for f in list(files):
        if f.src_uri in owned:
            files.remove(f)
    for rel, content in good.files.items():
        files.append(File.generated(config, rel, content=content))
    # A project without assets of its own gets the installation's styles and scripts (no copies in it).
    assets = siteconfig.assets_dir(project_root(config))
    if assets.parent != docs.resolve():
        for path in sorted(p for p in assets.rglob("*") if p.is_file()):
            rel = "assets/" + path.relative_to(assets).as_posix()
            if files.get_file_from_path(rel) is None and not rel.startswith(("assets/cards/", "assets/vendor/")):
                files.append(File(rel, str(assets.parent), config.site_dir, config.use_directory_urls))
    return files


def on_page_markdown(markdown: str, page: Any, config: MkDocsConfig, files: Files) -> str:
    """The sitemap's `lastmod` is the page's own last update (front matter `updated`), not the build's."""
    updated = page.meta.get("updated")
    if isinstance(updated, str) and updated:
        page.update_date = updated
    run = _Run.build
    if run is None or page.file.inclusion.is_excluded():
        return markdown
    if run.rendered(page.file.src_uri, markdown) is None:
        return markdown
    _Run.markdown[page.file.src_uri] = markdown
    return ""  # converted in no time; `on_page_content` puts the kept result in


def on_page_content(html_: str, page: Any, config: MkDocsConfig, files: Files) -> str:
    run = _Run.build
    if run is None:
        return html_
    uri = page.file.src_uri
    if uri in _Run.markdown:
        kept = run.new_rendered[uri][1]
        page.markdown = _Run.markdown.pop(uri)
        page.toc, page._title_from_render = kept.toc, kept.title
        page.present_anchor_ids = set(kept.anchors) if kept.anchors is not None else None
        if kept.links is not None:
            linked = ((files.get_file_from_path(to), anchors) for to, anchors in kept.links.items())
            page.links_to_anchors = {f: dict(anchors) for f, anchors in linked if f is not None}
        return kept.content
    anchors = page.present_anchor_ids
    links = page.links_to_anchors
    run.keep_rendered(
        uri,
        incremental.Rendered(
            html_,
            page.toc,
            page._title_from_render,
            frozenset(anchors) if anchors is not None else None,
            {f.src_uri: dict(a) for f, a in links.items()} if links is not None else None,
        ),
    )
    return html_


def on_page_context(context: Any, page: Any, config: MkDocsConfig, nav: Any) -> Any:
    """Runs after the search plugin's: its new entries are this page's (or the kept ones are added)."""
    run = _Run.build
    if run is None:
        return context
    uri = page.file.src_uri
    reused = run.reused_page.get(uri)
    if reused is not None:
        _Run.search.extend(copy.deepcopy(list(reused.search)))
    else:
        _Run.entries[uri] = _Run.search[_Run.seen :]
    _Run.seen = len(_Run.search)
    return context


def on_post_page(output: str, page: Any, config: MkDocsConfig) -> str:
    run = _Run.build
    if run is not None:
        uri = page.file.src_uri
        reused = run.reused_page.get(uri)
        if reused is not None:
            return reused.html
        output = _with_banner(output)
        run.keep_built(uri, output, _Run.entries.pop(uri, []))
        return output
    return _with_banner(output)


def on_post_build(config: MkDocsConfig) -> None:
    run = _end()
    if run is not None and not _warnings.count:
        run.commit()
        log.info("generator: " + run.summary(len(run.render_keys)))


def on_build_error(error: Exception) -> None:
    _end()


def _with_banner(output: str) -> str:
    errors: list[str] = _state["errors"]
    if not errors:
        return output
    items = "".join(f"<li><code>{html.escape(e)}</code></li>" for e in errors)
    banner = (
        '<div class="gen-errors" role="alert"><p><strong>The last save has errors;'
        f" showing the last good version.</strong></p><ul>{items}</ul></div>"
    )
    at = output.find(">", output.find("<body")) + 1
    return output[:at] + banner + output[at:]
