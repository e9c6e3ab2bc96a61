"""Command line: parses arguments, calls the core and the writer, prints results. Nothing else."""

from __future__ import annotations

import argparse
import datetime as dt
import difflib
import gc
import logging
import os
import re
import signal
import sys
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from generator import match, project, review, seeds, sources_file, suggestions, write
from generator.build import Generated, config_file, generate, vendor_files
from generator.diagnostic import Diagnostic, Invalid
from generator.model import Story
from generator.story import build as validate

EXIT_INVALID = 1
EXIT_USAGE = 2
RENDERERS = ("mkdocs", "zensical")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m generator",
        description="Check the curated story and build the explainer site from it.",
    )
    parser.add_argument(
        "--root", default=".", help="project directory holding seeds/, docs/ and mkdocs.yml (default: .)"
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    c = sub.add_parser("check", help="validate seeds/ and report every problem; writes nothing")
    c.add_argument(
        "--quiet",
        action="store_true",
        help="do not print review notes (likely matches not yet reviewed, places where sources differ)",
    )
    g = sub.add_parser(
        "suggest", help="list the passages of each source that most likely report each topic or event it does not cite"
    )
    g.add_argument("--source", metavar="ID", help="only this source")
    g.add_argument("--topic", metavar="ID", help="only this topic or event")
    g.add_argument(
        "--format",
        choices=("text", "yaml", "json"),
        default="text",
        help="text (default), yaml (evidence entries ready to paste) or json (every candidate, with its score)",
    )
    d = sub.add_parser(
        "differences", help="list where sources seem to differ, for editors to record under differences:"
    )
    d.add_argument("--topic", metavar="ID", help="only this topic or event")
    d.add_argument(
        "--format", choices=("text", "yaml"), default="text", help="text (default) or yaml (entries ready to paste)"
    )
    b = sub.add_parser("build", help="validate, write the generated pages into docs/ and build site/ with --strict")
    b.add_argument("--pages-only", action="store_true", help="write the Markdown pages but do not run MkDocs")
    b.add_argument(
        "--renderer", choices=RENDERERS, default="mkdocs", help="mkdocs (default, Material theme) or zensical"
    )
    s = sub.add_parser("serve", help="build and serve the site with live reload")
    s.add_argument(
        "--dev-addr",
        default="127.0.0.1:8000",
        type=_address,
        metavar="HOST:PORT",
        help="address to serve on (default: 127.0.0.1:8000)",
    )
    s.add_argument(
        "--renderer", choices=RENDERERS, default="mkdocs", help="mkdocs (default, Material theme) or zensical"
    )
    n = sub.add_parser("new", help="start a new explainer project in DIR (seeds/ skeleton, mkdocs.yml)")
    n.add_argument("dir", metavar="DIR", help="the new project's directory: new or empty")
    n.add_argument("--title", required=True, help="the story's title")
    n.add_argument(
        "--side",
        action="append",
        default=[],
        type=_side,
        metavar="ID:LABEL",
        help="a party to the story, e.g. us:Washington (repeat for each; sides can also be added later)",
    )
    a = sub.add_parser(
        "add-source", help="copy articles into seeds/ and add their metadata to seeds/sources.yml (all or none)"
    )
    a.add_argument("path", metavar="PATH", nargs="+", help="articles: UTF-8 text files or saved web pages (.html)")
    a.add_argument(
        "--id",
        help="new source id: lower-case letters, digits and hyphens (a page: from its address; several "
        "files: from each file's name)",
    )
    a.add_argument("--outlet", help="who published it (a page: its site name; several text files: all of them)")
    a.add_argument("--refresh", action="store_true", help="store again the text derived from a page already in seeds/")
    a.add_argument("--headline", help="the article's headline")
    a.add_argument("--url", help="where it was published")
    a.add_argument("--date", help="publication date, YYYY-MM-DD (default: unknown)")
    a.add_argument("--byline", help="the author or agency")
    r = sub.add_parser(
        "remove-source", help="remove a source and its files from seeds/, unless the story still cites or marks it"
    )
    r.add_argument("source_id", metavar="ID", help="the source's id")
    return parser


def _side(text: str) -> tuple[str, str]:
    sid, sep, label = text.partition(":")
    if not sep or not re.fullmatch(r"[a-z0-9][a-z0-9-]{0,63}", sid) or not label.strip():
        raise argparse.ArgumentTypeError(f"{text!r} is not ID:LABEL (e.g. us:Washington; the id in lower case)")
    return sid, label.strip()


def _address(text: str) -> str:
    host, _, port = text.rpartition(":")
    if not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise argparse.ArgumentTypeError(f"{text!r} is not HOST:PORT, e.g. 127.0.0.1:8000")
    return text


def _report(diagnostics: Sequence[Diagnostic]) -> None:
    for d in diagnostics:
        print(d.format(), file=sys.stderr)


def _invalid(exc: Invalid) -> None:
    _report(exc.diagnostics)
    n = sum(d.severity == "error" for d in exc.diagnostics)
    print(f"{n} error{'s' if n != 1 else ''}; nothing was written", file=sys.stderr)


def _generate(root: Path) -> Generated | None:
    try:
        got = generate(root / "seeds", root, show_as=os.path.relpath(root / "seeds"))
    except Invalid as exc:
        _invalid(exc)
        return None
    _report(got.warnings)
    return got


def _validate(root: Path) -> tuple[Story, list[Diagnostic]] | None:
    """The story, validated without rendering a page; None (errors reported) when it is invalid."""
    try:
        return validate(seeds.read(root / "seeds", os.path.relpath(root / "seeds")))
    except Invalid as exc:
        _invalid(exc)
        return None


def check(root: Path, quiet: bool = False, report: str | None = None) -> int:
    """Validation only: no page is rendered. The review notes (matcher, disagreements) unless `quiet`.

    `report` (what add-source or remove-source did) is printed only once the checks pass."""
    valid = _validate(root)
    if valid is None:
        return EXIT_INVALID
    story, warnings = valid
    if report:
        print(report)
    _report(warnings + [Diagnostic(d.pos, d.message, d.hint, "warning") for d in vendor_files(root)[1]])
    if not quiet:
        kept, rest = review.summarize(review.of_story(story))
        _report(kept)
        if rest:
            print(rest, file=sys.stderr)
    empty = "" if any(not t.draft for t in story.topics) else " (nothing to publish yet)"
    print(f"ok: {Generated.summary_of(story)}{empty}")
    return 0


def suggest(root: Path, source: str | None, item: str | None, fmt: str) -> int:
    """Validation only (no pages rendered), then the matcher."""
    valid = _validate(root)
    if valid is None:
        return EXIT_INVALID
    story, warnings = valid
    _report(warnings)
    gc.freeze()  # the story lives to the end: the collector need not walk it again at every collection
    known_items = [i.id for i in story.items()]
    for value, known, what in (
        (source, [s.id for s in story.sources], "source"),
        (item, known_items, "topic or event"),
    ):
        if value is not None and value not in known:
            close = difflib.get_close_matches(value, known, n=1)
            hint = f"did you mean {close[0]!r}?" if close else f"known: {', '.join(known[:12])}"
            print(f"python -m generator suggest: error: unknown {what} {value!r}\n    hint: {hint}", file=sys.stderr)
            return EXIT_USAGE
    found = match.suggest(story, [source] if source else None, [item] if item else None)
    print(suggestions.render(story, found, fmt), end="")
    return 0


def differences(root: Path, item: str | None, fmt: str) -> int:
    """Validation only (no pages rendered), then the detector's notes not yet recorded by an editor."""
    from generator import coverage, detected, readings

    valid = _validate(root)
    if valid is None:
        return EXIT_INVALID
    story, warnings = valid
    _report(warnings)
    known = [i.id for i in story.items()]
    if item is not None and item not in known:
        close = difflib.get_close_matches(item, known, n=1)
        hint = f"did you mean {close[0]!r}?" if close else f"known: {', '.join(known[:12])}"
        print(
            f"python -m generator differences: error: unknown topic or event {item!r}\n    hint: {hint}",
            file=sys.stderr,
        )
        return EXIT_USAGE
    found = readings.disagreements(story, coverage.compute(story, match.suggest(story)))
    print(detected.render(story, {k: v for k, v in found.items() if item in (None, k)}, fmt), end="")
    return 0


def _mkdocs_build(root: Path, site_dir: Path) -> bool:
    """Run MkDocs in this process (no second interpreter start-up) with --strict."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError

    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s - %(message)s"))
    handler.setLevel(logging.WARNING)
    mk = logging.getLogger("mkdocs")
    mk.addHandler(handler)
    mk.setLevel(logging.INFO)
    try:
        config = load_config(str(config_file(root)), strict=True, site_dir=str(site_dir.resolve()))
        mkdocs_build(config)
    except Invalid as exc:
        _report(exc.diagnostics)
        return False
    except (Abort, ConfigurationError, SystemExit) as exc:
        print(f"mkdocs: {exc}", file=sys.stderr)
        return False
    finally:
        mk.removeHandler(handler)
    return True


def _zensical_build(root: Path, got: Generated) -> Path | None:
    """Write the derived config and docs tree into .zensical/, build it with Zensical, finish the
    sitemap; returns the built site (not yet in place), or None after printing why not."""
    from generator import zensical_site as zs

    work = root / zs.WORK
    try:
        write.write_pages(work, zs.work_files(root, got))
    except Invalid as exc:
        _report(exc.diagnostics)
        return None
    except OSError as exc:
        print(f"mkdocs.yml: error: cannot read the configuration: {exc.strerror or exc}", file=sys.stderr)
        return None
    built = work / "site"
    write.discard(built)  # Zensical adds to an existing site/; start empty so removed pages go
    failed = zs.run_build(work / zs.CONFIG)
    if failed is None and not (built / "index.html").is_file():
        failed = "Zensical wrote no site"
    if failed is not None:
        write.discard(built)
        print(f"zensical: error: {failed}", file=sys.stderr)
        return None
    sitemap = (built / "sitemap.xml").read_text(encoding="utf-8")
    write.put_files(built, zs.finishing(sitemap, got, zs.site_url(root)))
    return built


def build(root: Path, pages_only: bool, renderer: str = "mkdocs") -> int:
    """Validate, build the site into a new directory, then put pages and site in place.

    MkDocs renders the generated pages from memory (the hook), so site/ is built before
    docs/ changes: a failed MkDocs build leaves both as they were.
    """
    start = time.perf_counter()
    docs, site = root / "docs", root / "site"
    with write.lock(root / ".build.lock"):
        write.recover(docs, site)
        got = _generate(root)
        if got is None:
            return EXIT_INVALID
        os.environ.setdefault("SOURCE_DATE_EPOCH", got.source_date_epoch)
        tmp = None
        try:
            if not pages_only and renderer == "zensical":
                tmp = _zensical_build(root, got)
                if tmp is None:
                    print("build failed; docs/ and site/ are unchanged", file=sys.stderr)
                    return EXIT_INVALID
            elif not pages_only:
                tmp = write.new_site_dir(site)
                write.make_dir(tmp)  # named first: the `finally` below discards it whenever the build stops
                if not _mkdocs_build(root, tmp):
                    print("build failed; docs/ and site/ are unchanged", file=sys.stderr)
                    return EXIT_INVALID
            changed = write.write_pages(docs, got.files)
            if tmp is not None:
                write.swap_site(tmp, site)
                tmp = None
        finally:
            if tmp is not None:
                write.discard(tmp)
    pages = sum(1 for p in got.files if p.endswith(".md"))
    seconds = time.perf_counter() - start
    print(f"built: {got.summary()}, {pages} pages written ({changed} changed), {seconds:.2f} s")
    return 0


# MkDocs polls the watched files every 0.5 s; a save then waits 0.25 s on average before the
# rebuild starts. The watched trees are small (a scan takes about a millisecond), so poll ten
# times as often. After a change MkDocs waits until nothing more changed for BUILD_DELAY
# (its default: 0.1 s), so that a save touching several files rebuilds once; a little longer
# than one poll still catches a save that two scans see half each.
POLL_SECONDS = 0.05
BUILD_DELAY = 0.06
# The theme's bundles carry a hash of their content in their names (main.57a0d79d.min.css): the
# browser may keep them over live reloads, which then fetch (and compile) only what can change.
IMMUTABLE = re.compile(r"\.[0-9a-f]{8}\.min\.(?:css|js)$")


def _cannot_listen(dev_addr: str, exc: OSError) -> int:
    host, _, port = dev_addr.rpartition(":")
    print(
        f"python -m generator serve: error: cannot listen on {dev_addr}: {exc.strerror or exc}"
        f"\n    hint: another server may be running there; try --dev-addr {host}:{int(port) + 1}",
        file=sys.stderr,
    )
    return EXIT_USAGE


def _keep_theme_files() -> None:
    """While serving, MkDocs looks through every file of the theme on each rebuild to find its
    static files: Material has some 14,000 (its icons), about 50 ms. Which files those are is
    kept instead, per theme directories and content of the overrides (the installed theme does
    not change while serving); files in docs/ still take precedence, as in MkDocs."""
    from mkdocs.structure.files import File, Files

    from generator.incremental import digest, tree_stamp

    find = Files.add_files_from_theme
    found: dict[str, list[tuple[str, str | None]]] = {}

    def add_files_from_theme(self: Files, env: Any, config: Any) -> None:
        theme = config.theme
        key = digest(theme.dirs, theme.static_templates, tree_stamp(theme.custom_dir))
        if key not in found:
            alone = Files([])
            find(alone, env, config)  # MkDocs' own choice, made once
            found.clear()
            found[key] = [(f.src_uri, f.src_dir) for f in alone]
        for uri, src_dir in found[key]:
            if self.get_file_from_path(uri) is None:
                self.append(File(uri, src_dir, config.site_dir, config.use_directory_urls))

    Files.add_files_from_theme = add_files_from_theme  # type: ignore[method-assign]


def _keep_compiled_templates() -> None:
    """Every theme environment MkDocs makes while serving keeps its compiled templates across
    rebuilds; besides the pages' (see the hook's `on_env`), the search plugin's three look-ups of
    its language settings, about 15 ms a rebuild."""
    from mkdocs.theme import Theme

    from generator import cache

    make = Theme.get_env

    def get_env(self: Theme) -> Any:
        env = make(self)
        env.bytecode_cache = cache.Compiled(None)
        return env

    Theme.get_env = get_env  # type: ignore[method-assign]


def _zensical_serve(root: Path, dev_addr: str) -> int:
    from generator import preview

    got = _generate(root)
    if got is None:
        return EXIT_INVALID
    try:
        preview.serve(root, got, dev_addr)
    except Invalid as exc:  # mkdocs.yml unreadable
        _invalid(exc)
        return EXIT_INVALID
    except ImportError:
        print("python -m generator serve: error: Zensical is not installed", file=sys.stderr)
        print("    hint: `make serve RENDERER=zensical` installs it", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        pass
    return 0


def serve(root: Path, dev_addr: str, renderer: str = "mkdocs") -> int:
    from generator.preview import until_interrupted  # Ctrl-C ends either preview promptly

    return until_interrupted(lambda: _serve(root, dev_addr, renderer))


def _serve(root: Path, dev_addr: str, renderer: str) -> int:
    from generator.preview import port_free

    busy = port_free(dev_addr)  # before the first build: a busy port is known at once, not a build later
    if busy is not None:
        return _cannot_listen(dev_addr, busy)
    if renderer == "zensical":
        return _zensical_serve(root, dev_addr)
    from mkdocs.commands import serve as serve_module
    from mkdocs.livereload import LiveReloadServer

    class _QuickPolling(LiveReloadServer):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            kwargs.setdefault("polling_interval", POLL_SECONDS)
            super().__init__(*args, **kwargs)
            self.build_delay = BUILD_DELAY

        def serve_request(self, environ: dict[str, Any], start_response: Any) -> Any:
            if not IMMUTABLE.search(environ.get("PATH_INFO", "")):
                return super().serve_request(environ, start_response)

            def start(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
                if status.startswith("200"):
                    headers = [*headers, ("Cache-Control", "max-age=86400, immutable")]
                return start_response(status, headers, exc_info)

            return super().serve_request(environ, start)

    serve_module.LiveReloadServer = _QuickPolling  # type: ignore[attr-defined]
    _keep_theme_files()
    _keep_compiled_templates()
    mkdocs_serve = serve_module.serve

    got = _generate(root)
    if got is None:
        return EXIT_INVALID
    os.environ.setdefault("SOURCE_DATE_EPOCH", got.source_date_epoch)
    logging.basicConfig(level=logging.INFO, format="%(levelname)-7s -  %(message)s")
    try:
        mkdocs_serve(str(config_file(root)), dev_addr=dev_addr, livereload=True)
    except KeyboardInterrupt:
        pass
    except OSError as exc:
        return _cannot_listen(dev_addr, exc)
    return 0


def new(args: argparse.Namespace) -> int:
    """A new project in an empty (or new) directory; on any problem, nothing is written."""
    target = Path(args.dir)
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        what = "is not a directory" if not target.is_dir() else "is not empty"
        print(
            f"python -m generator new: error: {args.dir} {what}\n    hint: name a new or empty directory",
            file=sys.stderr,
        )
        return EXIT_USAGE
    ids = [sid for sid, _ in args.side]
    twice = sorted({sid for sid in ids if ids.count(sid) > 1})
    if twice:
        print(
            f"python -m generator new: error: side {twice[0]!r} given twice\n    hint: one --side per party",
            file=sys.stderr,
        )
        return EXIT_USAGE
    files = project.files(target, args.title, args.side, dt.date.today())
    created = not target.exists()
    try:
        write.put_files(target, files)
    except OSError as exc:
        if created:
            write.discard(target)
        else:
            for rel in files:
                (target / rel).unlink(missing_ok=True)
        print(f"{args.dir}: error: cannot write the project: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_INVALID
    print(f"created a new explainer in {args.dir}: " + ", ".join(sorted(files)))
    print(f"next: python -m generator --root {args.dir} add-source ARTICLE...  (then check, suggest, serve)")
    return 0


def add_source(root: Path, args: argparse.Namespace) -> int:
    paths = [Path(p) for p in args.path]
    try:
        if args.refresh:
            if len(paths) > 1:
                raise sources_file.Refused("--refresh", "takes one page at a time", "name one saved page")
            print(sources_file.refresh(root / "seeds", paths[0]))
            return check(root)
        if len(paths) > 1:
            one = [o for o in ("id", "headline", "url", "byline") if getattr(args, o)]
            if one:
                raise sources_file.Refused(
                    f"--{one[0]}", "names one article, and several were given", "add that article on its own"
                )
        pending, problems = [], []
        for path in paths:
            try:
                sid = args.id or (sources_file.default_id(path) if len(paths) > 1 and path.suffix != ".html" else None)
                pending.append(
                    sources_file.prepare(
                        root / "seeds", path, sid, args.outlet, args.headline, args.url, args.date, args.byline
                    )
                )
            except sources_file.Refused as exc:
                problems.append(exc)
        if problems:
            raise sources_file.Refused(
                problems[0].where,
                problems[0].message,
                problems[0].hint,
                problems[0].line,
                problems[0].col,
                tuple(m for p in problems for m in (p.more if p is problems[0] else (p, *p.more))),
            )
        added = sources_file.add_all(root / "seeds", pending)
    except sources_file.Refused as exc:
        print(exc.format(), file=sys.stderr)
        if len(paths) > 1:
            print("no source was added; seeds/ is as before", file=sys.stderr)
        return EXIT_USAGE if exc.usage else EXIT_INVALID
    status = EXIT_INVALID
    try:
        status = check(root, report=added.report)
    finally:  # also on Ctrl-C: sources are added whole and valid, or not at all
        if status != 0:
            sources_file.undo(added)
            print("not added: the checks failed (above); seeds/ is as before", file=sys.stderr)
    return status


def remove_source(root: Path, source_id: str) -> int:
    try:
        removed = sources_file.remove(root / "seeds", source_id)
    except sources_file.Refused as exc:
        print(exc.format(), file=sys.stderr)
        print(f"source {source_id!r} was not removed", file=sys.stderr)
        return EXIT_USAGE if exc.usage else EXIT_INVALID
    status = EXIT_INVALID
    try:
        status = check(root, quiet=True, report=removed.report)
    finally:
        if status != 0:
            sources_file.restore(removed)
            print(f"source {source_id!r} was not removed: the checks failed (above)", file=sys.stderr)
    return status


class Terminated(BaseException):
    """SIGTERM, raised like Ctrl-C so that clean-up code runs."""


def _terminate(signum: int, frame: object) -> None:
    raise Terminated()


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command != "new" and not (Path(args.root) / "seeds").is_dir():
        parser.error(f"no seeds directory in {args.root!r}: run from the project directory or pass --root DIR")
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _terminate)
    try:
        return _run(args)
    except Terminated:
        print("terminated; nothing half-written was left behind", file=sys.stderr)
        return 128 + signal.SIGTERM
    except KeyboardInterrupt:
        print("interrupted; nothing half-written was left behind", file=sys.stderr)
        return 130


def _run(args: argparse.Namespace) -> int:
    root = Path(args.root)
    if args.command == "check":
        return check(root, args.quiet)
    if args.command == "suggest":
        return suggest(root, args.source, args.topic, args.format)
    if args.command == "differences":
        return differences(root, args.topic, args.format)
    if args.command == "build":
        return build(root, args.pages_only, args.renderer)
    if args.command == "serve":
        return serve(root, args.dev_addr, args.renderer)
    if args.command == "new":
        return new(args)
    if args.command == "remove-source":
        return remove_source(root, args.source_id)
    return add_source(root, args)
