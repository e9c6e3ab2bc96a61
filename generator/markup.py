"""The one place where text from articles and YAML is made safe for Markdown and HTML.

Every value a template prints goes through `escape` (the Jinja environment's finalize
hook) unless the code marks it as trusted markup. Characters that mean something to
Markdown, HTML, Jinja or Material's extensions become numeric character references, so a
`|` cannot end a table cell, `<script>` cannot run, `[x](javascript:...)` cannot become a
link and `{{ }}` stays literal. Whitespace collapses to one space, so no value can start a
new Markdown block.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from markupsafe import Markup

_SPECIAL = str.maketrans({c: f"&#{ord(c)};" for c in "&<>\"'`*_[]|{}#!\\~^+=:$%@"})
_SPACE = re.compile(r"\s+")


def escape(value: Any) -> Markup:
    """Literal text, safe anywhere in a page: in Markdown, in HTML and in attribute values."""
    if isinstance(value, Markup):
        return value
    if value is None:
        return Markup("")
    return _escaped(str(value))


@functools.lru_cache(maxsize=1 << 16)
def _escaped(text: str) -> Markup:
    """A large story prints the same outlets, labels and titles hundreds of thousands of times."""
    # Only the ASCII space is both whitespace and printable: a printable text without a double
    # space has nothing for the pattern to collapse (the common case, and a tenth of the cost).
    if not text.isprintable() or "  " in text:
        text = _SPACE.sub(" ", text)
    return Markup(text.translate(_SPECIAL))
