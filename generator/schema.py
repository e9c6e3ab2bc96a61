"""JSON Schema checks of the YAML documents, reported at the offending line (pure)."""

from __future__ import annotations

import difflib
import json
import re
from functools import cache
from importlib import resources
from typing import Any

import jsonschema

from generator.diagnostic import Diagnostic
from generator.yamldoc import Document, Path

_TYPE_NAMES = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "array": "a list",
    "object": "a mapping (key: value lines)",
    "null": "empty",
    "boolean": "true or false",
}


@cache
def schema(name: str) -> dict[str, Any]:
    text = resources.files("generator").joinpath("schemas", name).read_text(encoding="utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


def inlined(root: dict[str, Any]) -> dict[str, Any]:
    """`root` with each local `$ref` replaced by the definition it names, so that validating
    resolves no reference (resolving them was 40% of validating a story of a thousand topics).

    A reference alone becomes the definition; one with other keywords beside it becomes an
    `allOf` of the definition in its place, so that both still apply and an error is still
    reported against the definition's schema. A definition that refers to itself keeps its `$ref`.
    """
    defs: dict[str, Any] = root.get("$defs", {})

    def walk(node: Any, inside: tuple[str, ...]) -> Any:
        if isinstance(node, list):
            return [walk(x, inside) for x in node]
        if not isinstance(node, dict):
            return node
        ref = node.get("$ref")
        name = ref.removeprefix("#/$defs/") if isinstance(ref, str) and ref.startswith("#/$defs/") else None
        if name is None or name not in defs or name in inside:
            return {k: walk(v, inside) for k, v in node.items()}
        target = walk(defs[name], (*inside, name))
        if len(node) == 1:
            return target
        also = [walk(x, inside) for x in node.get("allOf", [])]  # an allOf beside the reference keeps its parts
        return dict(
            ("allOf", [target, *also]) if k == "$ref" else (k, walk(v, inside)) for k, v in node.items() if k != "allOf"
        )

    return {k: (v if k == "$defs" else walk(v, ())) for k, v in root.items()}


@cache
def validator_for(name: str) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(inlined(schema(name)))


_REQUIRED_TEXT = {
    "id",
    "file",
    "outlet",
    "title",
    "summary",
    "quote",
    "speaker",
    "text",
    "label",
    "standfirst",
    "description",
}
_ID_PATTERN = "^[a-z0-9][a-z0-9-]{0,63}$"


def _allowed_keys(error: jsonschema.ValidationError) -> list[str]:
    props = error.schema.get("properties", {}) if isinstance(error.schema, dict) else {}
    return sorted(props)


def _shown(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 60 else text[:57] + "..."


# Control characters (tab and newline aside) can only get into YAML text through escapes
# such as "\x7f" or a paste from a terminal; they are invisible on the page and break the
# pages' front matter, so they are refused where they were written.
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _control_characters(doc: Document) -> list[Diagnostic]:
    found: list[Diagnostic] = []

    def walk(value: Any, path: Path) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                walk(item, (*path, key))
        elif isinstance(value, list):
            for i, item in enumerate(value):
                walk(item, (*path, i))
        elif isinstance(value, str) and (bad := CONTROL.search(value)):
            where = ".".join(str(p) for p in path) or "the document"
            code = f"U+{ord(bad.group(0)):04X}"
            found.append(
                Diagnostic(
                    doc.at(path),
                    f"{where} contains the invisible control character {code}",
                    "delete it; it was probably pasted in by accident",
                )
            )

    walk(doc.data, ())
    return found


def check(doc: Document, schema_name: str) -> list[Diagnostic]:
    validator = validator_for(schema_name)
    found: list[Diagnostic] = _control_characters(doc)
    misspelt: set[tuple[Path, str]] = set()  # (mapping, intended key) already reported as a typo
    errors = sorted(
        validator.iter_errors(doc.data), key=lambda e: (e.validator == "required", [str(p) for p in e.absolute_path])
    )
    for error in errors:
        path: Path = tuple(error.absolute_path)
        where = ".".join(str(p) for p in path) or "the document"
        kind = error.validator
        if kind == "additionalProperties" and isinstance(error.instance, dict):
            allowed = _allowed_keys(error)
            for key in sorted(set(error.instance) - set(allowed)):
                close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
                hint = f"did you mean {close[0]!r}?" if close else "allowed keys: " + ", ".join(allowed)
                if close and close[0] not in error.instance:
                    misspelt.add((path, close[0]))
                found.append(Diagnostic(doc.key_at((*path, key)), f"unknown key {key!r} in {where}", hint))
            continue
        if kind == "required":
            missing = str(error.message).split("'")[1] if "'" in error.message else error.message
            if (path, missing) in misspelt:
                continue  # one mistake, one message: the typo's "did you mean" says it all
            found.append(
                Diagnostic(doc.at(path), f"missing required key {missing!r} in {where}", f"add `{missing}: ...` here")
            )
            continue
        pos = doc.at(path)
        if kind == "type":
            expected = error.validator_value
            names = [expected] if isinstance(expected, str) else list(expected)
            want = " or ".join(_TYPE_NAMES.get(n, n) for n in names)
            message = f"{where} must be {want}, not {_shown(error.instance)}"
            description = error.schema.get("description", "") if isinstance(error.schema, dict) else ""
            if "string" in names:
                hint = description or "quote text that YAML would read as a number, date or true/false"
            elif "object" in names:
                hint = "write `key: value` lines, indented under this key"
            elif "array" in names:
                hint = "write one `- item` line per entry, or [a, b] on one line"
            else:
                hint = f"write {want} here"
            if not path:
                name = schema_name.split(".")[0] + ".yml"
                shown = "nothing (the file is empty)" if error.instance is None else _shown(error.instance)
                message = f"{name} must hold `key: value` lines, not {shown}"
                hint = "the keys it takes are listed in generator/schemas/" + schema_name
        elif kind == "enum":
            options = ", ".join(str(v) for v in error.validator_value)
            close = difflib.get_close_matches(str(error.instance), [str(v) for v in error.validator_value], n=1)
            message = f"{where} is {_shown(error.instance)}, which is not one of: {options}"
            hint = f"did you mean {close[0]!r}?" if close else f"use one of: {options}"
        elif kind == "pattern":
            message = f"{where} is {_shown(error.instance)}, which is not in the expected form"
            description = error.schema.get("description", "") if isinstance(error.schema, dict) else ""
            hint = description or f"it must match {error.validator_value}"
            if error.validator_value == _ID_PATTERN and isinstance(error.instance, str):
                slug = re.sub(r"[^a-z0-9]+", "-", error.instance.lower()).strip("-")[:64]
                hint = "ids use lower-case letters, digits and hyphens" + (f": try {slug!r}" if slug else "")
        elif kind == "minLength":
            message = f"{where} is empty"
            hint = "write a value" + ("" if path and path[-1] in _REQUIRED_TEXT else " or remove the key")
        elif kind == "minItems":
            message = f"{where} is an empty list"
            hint = f"give at least {error.validator_value} item" + ("s" if error.validator_value != 1 else "")
        elif kind == "minimum" or kind == "maximum":
            message = f"{where} is {_shown(error.instance)}, out of range"
            hint = f"the {kind} is {error.validator_value}"
        else:
            message = f"{where}: {error.message}"
            hint = "see the schema in generator/schemas/" + schema_name
        found.append(Diagnostic(pos, message, hint))
    return found
