"""YAML text to plain values plus the line and column of every value (pure).

Dates stay strings here (the model decides what a date is), so an impossible date is an
editor's error with a position, not a crash inside the YAML library.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

from generator.diagnostic import Diagnostic, Invalid
from generator.model import Position

Path = tuple[str | int, ...]


@dataclass(frozen=True)
class Document:
    path: str
    data: Any
    positions: dict[Path, Position]  # value positions
    key_positions: dict[Path, Position]  # where a mapping key was written
    ends: dict[Path, int]  # last line of each value

    def span(self, path: Path) -> tuple[int, int]:
        """First and last line of the value at `path`."""
        return self.at(path).line, self.ends.get(path, 10**9)

    def at(self, path: Path) -> Position:
        """The position of the value at `path`, or of its nearest written ancestor."""
        while path:
            if path in self.positions:
                return self.positions[path]
            path = path[:-1]
        return self.positions.get((), Position(self.path, 1, 1))

    def key_at(self, path: Path) -> Position:
        return self.key_positions.get(path) or self.at(path)


_PLAIN = yaml.SafeLoader


def _pos(path: str, node: yaml.Node) -> Position:
    return Position(path, node.start_mark.line + 1, node.start_mark.column + 1)


def load(text: str, path: str) -> Document:
    """Parse one YAML document; raise Invalid with positions on any syntax problem."""
    try:
        node = yaml.compose(text, Loader=_PLAIN)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if exc.context_mark and exc.context and "quoted scalar" in exc.context:
            mark = exc.context_mark  # point at the quote that was never closed
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = exc.problem or exc.context or "invalid YAML"
        hint = "check indentation (spaces only, no tabs) and that every quote is closed"
        lines = text.splitlines()
        near = lines[max(0, line - 2) : line + 1]
        if any("\t" in n for n in near):
            hint = "YAML does not allow tabs for indentation: use spaces"
        if exc.context and exc.problem:
            problem = f"{exc.problem} ({exc.context})"
        raise Invalid([Diagnostic(Position(path, line, col), f"YAML syntax: {problem}", hint)]) from None
    except yaml.YAMLError as exc:
        raise Invalid([Diagnostic(Position(path, 1, 1), f"YAML syntax: {exc}", "fix the YAML syntax")]) from None
    positions: dict[Path, Position] = {}
    key_positions: dict[Path, Position] = {}
    problems: list[Diagnostic] = []
    constructor = yaml.constructor.SafeConstructor()

    ends: dict[Path, int] = {}

    def build(n: yaml.Node, at: Path) -> Any:
        positions[at] = _pos(path, n)
        end = n.end_mark
        ends[at] = end.line + (1 if end.column else 0)
        if isinstance(n, yaml.MappingNode):
            out: dict[str, Any] = {}
            for key_node, value_node in n.value:
                if not isinstance(key_node, yaml.ScalarNode):
                    problems.append(Diagnostic(_pos(path, key_node), "a key must be a plain word", "write `key: value`"))
                    continue
                key = str(key_node.value)
                if key == "<<":
                    problems.append(Diagnostic(_pos(path, key_node), "merge keys (<<) are not supported", "write the keys out"))
                    continue
                if key in out:
                    problems.append(
                        Diagnostic(
                            _pos(path, key_node),
                            f"duplicate key {key!r}",
                            f"{key!r} is already set on line {key_positions[(*at, key)].line}; keep one",
                        )
                    )
                    continue
                key_positions[(*at, key)] = _pos(path, key_node)
                out[key] = build(value_node, (*at, key))
            return out
        if isinstance(n, yaml.SequenceNode):
            return [build(item, (*at, i)) for i, item in enumerate(n.value)]
        assert isinstance(n, yaml.ScalarNode)
        if n.tag.endswith(":timestamp") or n.tag.endswith(":str"):
            return str(n.value)
        try:
            return constructor.construct_object(n)
        except (yaml.YAMLError, ValueError, TypeError):
            return str(n.value)

    if node is None:
        return Document(path, None, {(): Position(path, 1, 1)}, {}, {})
    data = build(node, ())
    if problems:
        raise Invalid(problems)
    return Document(path, data, positions, key_positions, ends)
