"""Text edits of sources.yml that keep the editors' comments and layout, and what cites a source (pure).

`add-source` and `remove-source` change the file as text, not by dumping YAML, so comments, order and
quoting stay as the editors wrote them. Whatever the list looks like (block items, `sources: []`, no
`sources:` key yet, only comments), the result is block items at the list's own indentation.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import yaml

from generator.diagnostic import Invalid
from generator.model import Position
from generator.yamldoc import load


class Unsupported(Exception):
    """The file is valid YAML, but not in a shape these edits can keep intact."""


def _sources_node(text: str) -> tuple[yaml.Node | None, yaml.Node | None]:
    """The `sources` key and value nodes (None, None when the file has no `sources:` yet)."""
    root = yaml.compose(text, Loader=yaml.SafeLoader) if text.strip() else None
    if root is None:
        return None, None
    if not isinstance(root, yaml.MappingNode):
        raise Unsupported("sources.yml is not a mapping")
    for key, value in root.value:
        if isinstance(key, yaml.ScalarNode) and key.value == "sources":
            return key, value
    return None, None


def with_entries(text: str, entries: Sequence[Sequence[tuple[str, str]]]) -> str:
    """`text` with each entry (its keys and YAML-ready values, `id` first) appended to the sources list."""
    key, value = _sources_node(text)
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    indent = 2
    if isinstance(value, yaml.SequenceNode) and value.value and not value.flow_style:
        indent = value.value[0].start_mark.column - 2
    elif isinstance(value, yaml.SequenceNode) and value.value:
        raise Unsupported("the sources are written as a flow list [a, b]; write them as block items (- id: ...)")
    block: list[str] = []
    for entry in entries:
        pad = " " * indent
        block.append("\n")
        for k, (name, val) in enumerate(entry):
            block.append(f"{pad}{'- ' if k == 0 else '  '}{name}: {val}\n")
    if key is None or value is None:
        return "".join(lines) + "sources:\n" + "".join(block).lstrip("\n")
    if isinstance(value, yaml.ScalarNode) or (isinstance(value, yaml.SequenceNode) and not value.value):
        # `sources:`, `sources: []` or `sources: null`: the key's line holds no items; items go right after it.
        line = key.start_mark.line
        head = lines[line][: value.start_mark.column] if value.start_mark.line == line else lines[line]
        tail = lines[line][value.end_mark.column :] if value.end_mark.line == line else ""
        comment = tail.strip()
        new_line = head.rstrip() + (" " + comment if comment.startswith("#") else "") + "\n"
        return "".join(lines[:line]) + new_line + "".join(block).lstrip("\n") + "".join(lines[line + 1 :])
    end = value.value[-1].end_mark.line
    end = end if value.value[-1].end_mark.column == 0 else end + 1
    while end > value.value[-1].start_mark.line + 1 and lines[end - 1].strip() == "":
        end -= 1
    return "".join(lines[:end]) + "".join(block) + "".join(lines[end:])


def without_entry(text: str, source_id: str) -> str:
    """`text` without the entry of `source_id` (and the blank lines before it). Raises KeyError if absent."""
    _, value = _sources_node(text)
    if not isinstance(value, yaml.SequenceNode):
        raise KeyError(source_id)
    lines = text.splitlines(keepends=True)
    for k, item in enumerate(value.value):
        ident = dict((n.value, v.value) for n, v in item.value) if isinstance(item, yaml.MappingNode) else {}
        if ident.get("id") != source_id:
            continue
        start = item.start_mark.line
        nxt = value.value[k + 1].start_mark.line if k + 1 < len(value.value) else None
        end = item.end_mark.line if item.end_mark.column == 0 else item.end_mark.line + 1
        if nxt is not None:
            end = min(end, nxt)
        while end > start and lines[end - 1].strip() == "":
            end -= 1
        while start > 0 and lines[start - 1].strip() == "":
            start -= 1
        if k == 0:  # the first item: keep the blank lines between it and the next one out too
            while end < len(lines) and lines[end].strip() == "":
                end += 1
        kept = lines[:start] + lines[end:]
        if not [v for j, v in enumerate(value.value) if j != k]:
            # the last source: leave an empty list, so the file stays valid
            return re.sub(r"^(\s*sources:)\s*$", r"\1 []", "".join(kept), count=1, flags=re.M)
        return "".join(kept)
    raise KeyError(source_id)


def references(source_id: str, files: Sequence[tuple[str, str]]) -> list[Position]:
    """Every place in the given YAML files (name, text) that names the source: a value equal to its id,
    or `id#anchor` (a pairing); `id:` keys of sources.yml itself are not references."""
    out: list[Position] = []
    for name, text in files:
        try:
            doc = load(text, name)
        except Invalid:
            continue
        for path, pos in sorted(doc.positions.items(), key=lambda kv: (kv[1].line, kv[1].col)):
            value = _value(doc.data, path)
            if not isinstance(value, str) or (value != source_id and not value.startswith(source_id + "#")):
                continue
            if path and path[-1] == "id" and len(path) == 3 and path[0] == "sources":
                continue  # the source's own entry
            out.append(pos)
    return out


def _value(data: object, path: tuple[str | int, ...]) -> object:
    for step in path:
        try:
            data = data[step]  # type: ignore[index]
        except (KeyError, IndexError, TypeError):
            return None
    return data
