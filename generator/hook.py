"""The MkDocs hook: generates the story's pages in memory during `mkdocs build` and `serve`.

Pages are added as virtual files (nothing is written into docs/, so a watching server
never rebuilds twice). While serving, an invalid edit keeps the last good pages and puts
the errors in a banner on every page and in the log; the next valid save recovers.
"""

from __future__ import annotations

import html
import logging
import os
from pathlib import Path
from typing import Any

import jinja2
import jinja2.bccache
import pathspec.gitignore
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from generator import build, nav, write
from generator.build import Generated, generate
from generator.diagnostic import Invalid

log = logging.getLogger("mkdocs.hooks.generator")
# While serving, a bad save is reported but must not count towards `strict` (MkDocs counts
# warnings and errors of the "mkdocs" loggers and would abort the rebuild, leaving the
# preview stuck): those messages go through a logger outside that hierarchy.
serve_log = logging.getLogger("generator.serve")

_state: dict[str, Any] = {"command": "build", "good": None, "errors": []}


def on_startup(command: str, dirty: bool) -> None:
    _state["command"] = command


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    root = Path(config.config_file_path or ".").resolve().parent
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
    good: Generated = _state["good"]
    config.nav = nav.expand(config.nav, good)
    extra = nav.left_out(good)
    if extra:
        # Pages left out of a long nav are listed on their index page instead; say so, or --strict fails.
        old = [str(p.pattern) for p in config.not_in_nav.patterns] if config.not_in_nav else []
        config.not_in_nav = pathspec.gitignore.GitIgnoreSpec.from_lines([*old, *extra])
    return config


class _Compiled(jinja2.BytecodeCache):
    """The theme's compiled templates, kept for the life of the process (see `on_env`)."""

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        data = build.THEME_BYTECODE.get(bucket.key)
        if data is not None:
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        build.THEME_BYTECODE[bucket.key] = bucket.bytecode_to_string()


def on_env(env: jinja2.Environment, config: MkDocsConfig, files: Files) -> jinja2.Environment:
    """While serving, MkDocs loads the theme anew for every rebuild and compiles every template
    again (about a third of a rebuild); their bytecode is kept instead. Jinja checks each
    template's source against its checksum, so an edited override still compiles anew."""
    env.bytecode_cache = _Compiled()
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
    return files


def on_page_markdown(markdown: str, page: Any, config: MkDocsConfig, files: Files) -> str:
    """The sitemap's `lastmod` is the page's own last update (front matter `updated`), not the build's."""
    updated = page.meta.get("updated")
    if isinstance(updated, str) and updated:
        page.update_date = updated
    return markdown


def on_post_page(output: str, page: Any, config: MkDocsConfig) -> str:
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
