"""JSON Schema checks of the YAML documents, reported at the offending line (pure)."""

from __future__ import annotations

import difflib
import json
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


def _allowed_keys(error: jsonschema.ValidationError) -> list[str]:
    props = error.schema.get("properties", {}) if isinstance(error.schema, dict) else {}
    return sorted(props)


def _shown(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 60 else text[:57] + "..."


def check(doc: Document, schema_name: str) -> list[Diagnostic]:
    validator = jsonschema.Draft202012Validator(schema(schema_name))
    found: list[Diagnostic] = []
    for error in sorted(validator.iter_errors(doc.data), key=lambda e: [str(p) for p in e.absolute_path]):
        path: Path = tuple(error.absolute_path)
        where = ".".join(str(p) for p in path) or "the document"
        kind = error.validator
        if kind == "additionalProperties" and isinstance(error.instance, dict):
            allowed = _allowed_keys(error)
            for key in sorted(set(error.instance) - set(allowed)):
                close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
                hint = f"did you mean {close[0]!r}?" if close else "allowed keys: " + ", ".join(allowed)
                found.append(Diagnostic(doc.key_at((*path, key)), f"unknown key {key!r} in {where}", hint))
            continue
        if kind == "required":
            missing = str(error.message).split("'")[1] if "'" in error.message else error.message
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
            hint = "quote text that YAML would read as a number, date or true/false" if "string" in names else ""
        elif kind == "enum":
            options = ", ".join(str(v) for v in error.validator_value)
            close = difflib.get_close_matches(str(error.instance), [str(v) for v in error.validator_value], n=1)
            message = f"{where} is {_shown(error.instance)}, which is not one of: {options}"
            hint = f"did you mean {close[0]!r}?" if close else f"use one of: {options}"
        elif kind == "pattern":
            message = f"{where} is {_shown(error.instance)}, which is not in the expected form"
            description = error.schema.get("description", "") if isinstance(error.schema, dict) else ""
            hint = description or f"it must match {error.validator_value}"
        elif kind in ("minLength", "minItems"):
            message = f"{where} is empty"
            hint = "write a value or remove the key"
        elif kind == "minimum" or kind == "maximum":
            message = f"{where} is {_shown(error.instance)}, out of range"
            hint = f"the {kind} is {error.validator_value}"
        else:
            message = f"{where}: {error.message}"
            hint = "see the schema in generator/schemas/" + schema_name
        found.append(Diagnostic(pos, message, hint))
    return found
