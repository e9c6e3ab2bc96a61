"""Shared by the validators: the problem collector, YAML loading with schema checks, error spans (pure)."""

from __future__ import annotations

import datetime as dt

from generator import schema, yamldoc
from generator.diagnostic import Diagnostic, Invalid
from generator.model import Position
from generator.seeds import Inputs
from generator.yamldoc import Document, Path


class Checker:
    """Collects every problem of one run, and the ids seen so far across all kinds."""

    def __init__(self, inputs: Inputs) -> None:
        self.inputs = inputs
        self.found: list[Diagnostic] = []
        self.ids: dict[str, tuple[str, Position]] = {}

    def error(self, pos: Position, message: str, hint: str) -> None:
        self.found.append(Diagnostic(pos, message, hint))

    def warn(self, pos: Position, message: str, hint: str) -> None:
        self.found.append(Diagnostic(pos, message, hint, "warning"))

    def claim(self, kind: str, ident: str, pos: Position) -> None:
        """Ids are unique across kinds, so `#id` and page names never collide."""
        if ident in self.ids:
            other_kind, other = self.ids[ident]
            same = "another " + kind if other_kind == kind else f"a {other_kind}"
            where = f"line {other.line}" if other.path == pos.path else f"{other.path} line {other.line}"
            self.error(pos, f"duplicate id {ident!r}: already used by {same} at {where}", "pick a new id")
        else:
            self.ids[ident] = (kind, pos)

    def known(self, kind: str, raw: object, pos: Position) -> str | None:
        """An item skipped for its own errors still has an id: references to it are not errors too."""
        ident = raw.get("id") if isinstance(raw, dict) else None
        if isinstance(ident, str) and ident not in self.ids:
            self.ids[ident] = (kind, pos)
            return ident
        return None

    def date(self, doc: Document, path: Path, text: str) -> dt.date | None:
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            self.error(doc.at(path), f"impossible date {text!r}", "use a real calendar date as YYYY-MM-DD")
            return None


def load_doc(inputs: Inputs, name: str, checker: Checker) -> Document | None:
    shown = inputs.show(name)
    raw = inputs.yaml.get(name)
    if raw is None:
        checker.error(Position(shown), "file is missing", f"create {shown}")
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        checker.error(
            Position(shown, line, col), f"not UTF-8 text: byte 0x{raw[exc.start]:02x}", "save the file as UTF-8"
        )
        return None
    try:
        doc = yamldoc.load(text, shown)
    except Invalid as exc:
        checker.found.extend(exc.diagnostics)
        return None
    problems = schema.check(doc, name.replace(".yml", ".schema.json"))
    checker.found.extend(problems)
    if problems and not isinstance(doc.data, dict):
        return None
    return doc


def broken(found: list[Diagnostic], doc: Document, path: Path) -> bool:
    """True when a schema error lies inside `path`: skip building that item."""
    start, end = doc.span(path)
    return any(d.pos.path == doc.path and d.severity == "error" and start <= d.pos.line <= end for d in found)


def broken_key(c: Checker, doc: Document, key: str) -> bool:
    start, end = doc.key_at((key,)).line, doc.span((key,))[1]
    return any(d.pos.path == doc.path and d.severity == "error" and start <= d.pos.line <= end for d in c.found)
