"""Command line: parses arguments, calls the core and the writer, prints results. Nothing else."""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from generator import sources_file, write
from generator.build import Generated, generate
from generator.diagnostic import Diagnostic, Invalid

EXIT_INVALID = 1


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m generator",
        description="Check the curated story and build the explainer site from it.",
    )
    parser.add_argument("--root", default=".", help="project directory holding seeds/, docs/ and mkdocs.yml (default: .)")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    sub.add_parser("check", help="validate seeds/ and report every problem; writes nothing")
    b = sub.add_parser("build", help="validate, write the generated pages into docs/ and build site/ with --strict")
    b.add_argument("--pages-only", action="store_true", help="write the Markdown pages but do not run MkDocs")
    s = sub.add_parser("serve", help="build and serve the site with live reload")
    s.add_argument("--dev-addr", default="127.0.0.1:8000", help="address to serve on (default: 127.0.0.1:8000)")
    a = sub.add_parser("add-source", help="copy an article into seeds/ and add its metadata to seeds/sources.yml")
    a.add_argument("path", metavar="PATH", help="the article's text file")
    a.add_argument("--id", required=True, help="new source id: lower-case letters, digits and hyphens")
    a.add_argument("--outlet", required=True, help="who published it")
    a.add_argument("--headline", help="the article's headline")
    a.add_argument("--url", help="where it was published")
    a.add_argument("--date", help="publication date, YYYY-MM-DD (default: unknown)")
    a.add_argument("--byline", help="the author or agency")
    return parser


def _report(diagnostics: Sequence[Diagnostic]) -> None:
    for d in diagnostics:
        print(d.format(), file=sys.stderr)


def _generate(root: Path) -> Generated | None:
    try:
        got = generate(root / "seeds", root, show_as=os.path.relpath(root / "seeds"))
    except Invalid as exc:
        _report(exc.diagnostics)
        n = sum(d.severity == "error" for d in exc.diagnostics)
        print(f"{n} error{'s' if n != 1 else ''}; nothing was written", file=sys.stderr)
        return None
    _report(got.warnings)
    return got


def check(root: Path) -> int:
    got = _generate(root)
    if got is None:
        return EXIT_INVALID
    print(f"ok: {got.summary()}")
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
        config = load_config(str(root / "mkdocs.yml"), strict=True, site_dir=str(site_dir))
        mkdocs_build(config)
    except (Abort, ConfigurationError, SystemExit) as exc:
        print(f"mkdocs: {exc}", file=sys.stderr)
        return False
    finally:
        mk.removeHandler(handler)
    return True


def build(root: Path, pages_only: bool) -> int:
    start = time.perf_counter()
    with write.lock(root / ".build.lock"):
        got = _generate(root)
        if got is None:
            return EXIT_INVALID
        os.environ.setdefault("SOURCE_DATE_EPOCH", _epoch(got))
        changed = write.write_pages(root / "docs", got.files)
        if not pages_only:
            site = root / "site"
            tmp = write.new_site_dir(site)
            ok = False
            try:
                ok = _mkdocs_build(root, tmp)
                if ok:
                    write.swap_site(tmp, site)
            finally:
                if not ok:
                    write.discard(tmp)
            if not ok:
                print("build failed; site/ is unchanged", file=sys.stderr)
                return EXIT_INVALID
    pages = sum(1 for p in got.files if p.endswith(".md"))
    seconds = time.perf_counter() - start
    print(f"built: {got.summary()}, {pages} pages written ({changed} changed), {seconds:.2f} s")
    return 0


def _epoch(got: Generated) -> str:
    import calendar

    return str(calendar.timegm(got.story.updated.timetuple()))


def serve(root: Path, dev_addr: str) -> int:
    from mkdocs.commands.serve import serve as mkdocs_serve

    got = _generate(root)
    if got is None:
        return EXIT_INVALID
    os.environ.setdefault("SOURCE_DATE_EPOCH", _epoch(got))
    logging.basicConfig(level=logging.INFO, format="%(levelname)-7s -  %(message)s")
    try:
        mkdocs_serve(str(root / "mkdocs.yml"), dev_addr=dev_addr, livereload=True)
    except KeyboardInterrupt:
        pass
    return 0


def add_source(root: Path, args: argparse.Namespace) -> int:
    try:
        added = sources_file.add(root / "seeds", Path(args.path), args.id, args.outlet, args.headline, args.url, args.date, args.byline)
    except sources_file.Refused as exc:
        print(f"{exc.where}: error: {exc.message}\n    hint: {exc.hint}", file=sys.stderr)
        return EXIT_INVALID
    print(added.report)
    status = check(root)
    if status != 0:
        sources_file.undo(added)
        print("the new source was not kept; seeds/ is as before", file=sys.stderr)
    return status


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    root = Path(args.root)
    if not (root / "seeds").is_dir():
        print(f"{root / 'seeds'}: error: no seeds directory here\n    hint: run from the project directory or pass --root", file=sys.stderr)
        return 2
    if args.command == "check":
        return check(root)
    if args.command == "build":
        return build(root, args.pages_only)
    if args.command == "serve":
        return serve(root, args.dev_addr)
    return add_source(root, args)
