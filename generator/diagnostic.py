"""Problems found in the inputs, phrased for editors: `path:line:col: error: message` plus a hint."""

from __future__ import annotations

from dataclasses import dataclass

from generator.model import Position


@dataclass(frozen=True)
class Diagnostic:
    pos: Position
    message: str
    hint: str = ""
    severity: str = "error"  # "error" or "warning"

    def format(self) -> str:
        """`path:line:col: severity: message`, then an indented hint line; 1:1 when only the file is known."""
        where = f"{self.pos.path}:{self.pos.line or 1}:{self.pos.col or 1}"
        text = f"{where}: {self.severity}: {self.message}"
        if self.hint:
            text += f"\n    hint: {self.hint}"
        return text

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.pos.path, self.pos.line, self.pos.col, self.message)


class Invalid(Exception):
    """Raised by the loader when the inputs have errors; carries every problem found."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        super().__init__(f"{len(diagnostics)} problem(s)")
        self.diagnostics = sorted(diagnostics, key=Diagnostic.sort_key)


def errors(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    return [d for d in diagnostics if d.severity == "error"]
