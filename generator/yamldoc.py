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
# libyaml, where installed, composes the same nodes with the same marks several times
# faster; on any error the pure-Python loader runs again for its clearer messages.
_FAST = getattr(yaml, "CSafeLoader", None)


def _pos(path: str, node: yaml.Node | yaml.Token) -> Position:
    return Position(path, node.start_mark.line + 1, node.start_mark.column + 1)


# PyYAML's words for common slips, and what they usually mean to someone editing by hand.
_PLAIN_WORDS = (
    ("cannot start any token", "a tab or other character that cannot start a value here"),
    (
        "mapping values are not allowed here",
        "unexpected `key:` here: is this line indented more than it should be, or does an unquoted value contain ': '?",
    ),
    (
        "expected <block end>, but found '<block mapping start>'",
        "this line is indented differently from the lines above it",
    ),
    (
        "expected <block end>, but found '<block sequence start>'",
        "this list item is indented differently from the items above it",
    ),
    ("could not find expected ':'", "expected `key: value` here"),
)


def _runaway_quote(text: str, error_line: int) -> tuple[tuple[int, int], int, str] | None:
    """The last quoted value before `error_line` that spans lines: likely a quote left open.

    Quoted values over several lines are valid YAML but rare in hand-written seeds, so
    after a syntax error the opening quote is a better place to point at than where the
    parser finally gave up.
    """
    found = None
    try:
        for token in yaml.scan(text, Loader=_PLAIN):
            if token.start_mark.line + 1 > error_line:
                break
            if (
                isinstance(token, yaml.ScalarToken)
                and token.style in ('"', "'")
                and token.end_mark.line > token.start_mark.line
                and token.end_mark.line + 2 >= error_line
            ):
                start = token.start_mark
                found = ((start.line + 1, start.column + 1), token.end_mark.line + 1, str(token.style))
    except yaml.YAMLError:
        pass
    return found


MAX_DEPTH = 20  # the schemas nest at most 6 levels


def _aliases(text: str, path: str) -> list[Diagnostic]:
    """Where the text uses `*name`: each would repeat (and can multiply) a value written elsewhere."""
    found: list[Diagnostic] = []
    try:
        for token in yaml.scan(text, Loader=_PLAIN):
            if isinstance(token, yaml.AliasToken) and len(found) < 10:
                found.append(
                    Diagnostic(
                        _pos(path, token),
                        f"YAML aliases (*{token.value}) are not supported",
                        "write the value out where it is needed",
                    )
                )
    except yaml.YAMLError:
        pass
    return found or [Diagnostic(Position(path, 1, 1), "YAML aliases are not supported", "write values out in full")]


def load(text: str, path: str) -> Document:
    """Parse one YAML document; raise Invalid with positions on any syntax problem."""
    node = None
    if _FAST is not None:
        try:
            node = yaml.compose(text, Loader=_FAST)
        except yaml.YAMLError:
            node = None
    try:
        if node is None:
            node = yaml.compose(text, Loader=_PLAIN)
    except RecursionError:
        raise Invalid(
            [Diagnostic(Position(path, 1, 1), "YAML nested too deeply to read", "the seeds need only a few levels")]
        ) from None
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
        for raw, plain in _PLAIN_WORDS:
            if raw in (exc.problem or ""):
                problem = plain
                break
        if exc.context and "quoted scalar" in exc.context:
            problem = "the quote opened here is never closed"
            hint = "close the quote at the end of the value"
        runaway = _runaway_quote(text, line)
        if runaway is not None:
            (line, col), closed_on, quote = runaway
            kind = "double" if quote == '"' else "single"
            problem = f"the {kind} quote opened here is not closed on this line (it runs on to line {closed_on})"
            hint = (
                "close the quote at the end of the value; "
                "inside \"...\" write \\\" for a quote mark, inside '...' write ''"
            )
        raise Invalid([Diagnostic(Position(path, line, col), f"YAML syntax: {problem}", hint)]) from None
    except yaml.YAMLError as exc:
        raise Invalid([Diagnostic(Position(path, 1, 1), f"YAML syntax: {exc}", "fix the YAML syntax")]) from None
    positions: dict[Path, Position] = {}
    key_positions: dict[Path, Position] = {}
    problems: list[Diagnostic] = []
    constructor = yaml.constructor.SafeConstructor()

    ends: dict[Path, int] = {}
    seen: set[int] = set()
    aliased = False

    def build(n: yaml.Node, at: Path) -> Any:
        """The plain value of `n`; records its position and its last line (1-based).

        A block collection's end mark is where the next token starts (often the next
        item's `- `), so its last line is taken from its last child instead.
        """
        nonlocal aliased
        positions[at] = _pos(path, n)
        end = n.end_mark
        ends[at] = max(end.line + (1 if end.column else 0), n.start_mark.line + 1)
        if id(n) in seen:  # an alias (*name) brings back a node already read: refused below
            aliased = True
            return None
        seen.add(id(n))
        if isinstance(n, yaml.MappingNode | yaml.SequenceNode) and len(at) >= MAX_DEPTH:
            problems.append(
                Diagnostic(
                    _pos(path, n), f"nested more than {MAX_DEPTH} levels deep", "the seeds need only a few levels"
                )
            )
            return None
        if isinstance(n, yaml.MappingNode | yaml.SequenceNode) and not n.flow_style:
            ends[at] = n.start_mark.line + 1
        if isinstance(n, yaml.MappingNode):
            out: dict[str, Any] = {}
            for key_node, value_node in n.value:
                ends[at] = max(ends[at], key_node.start_mark.line + 1)
                if not isinstance(key_node, yaml.ScalarNode):
                    problems.append(
                        Diagnostic(_pos(path, key_node), "a key must be a plain word", "write `key: value`")
                    )
                    continue
                key = str(key_node.value)
                if key == "<<":
                    problems.append(
                        Diagnostic(_pos(path, key_node), "merge keys (<<) are not supported", "write the keys out")
                    )
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
                ends[at] = max(ends[at], ends[(*at, key)])
            return out
        if isinstance(n, yaml.SequenceNode):
            items = []
            for i, item in enumerate(n.value):
                items.append(build(item, (*at, i)))
                ends[at] = max(ends[at], ends[(*at, i)])
            return items
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
    if aliased:
        problems.extend(_aliases(text, path))
    if problems:
        raise Invalid(problems)
    return Document(path, data, positions, key_positions, ends)
