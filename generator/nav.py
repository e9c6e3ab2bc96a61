"""The site's navigation with one entry per topic and source (pure): for the MkDocs hook and the Zensical config."""

from __future__ import annotations

import html
from typing import Any

from generator.build import Generated

NAV_LIMIT = 100  # entries per nav section; see `expand`


def expand(nav: list[Any] | None, got: Generated) -> list[Any]:
    """mkdocs.yml's nav with the topic and source pages listed under their index pages."""
    # Themes print nav titles without escaping: escape text from the YAML here.
    topics = [{html.escape(t.title): f"topics/{t.id}.md"} for t in got.story.topics]
    sources: list[Any] = [{html.escape(s.label): f"sources/{s.id}.md"} for s in got.story.sources]
    compares = [p for p in got.files if p.startswith("sources/compare-")]
    # Every page renders the whole nav: past NAV_LIMIT entries a section's pages would make
    # the build quadratic (1,000 topics: 36 s of 38 s in the nav), so the section keeps only
    # its index page, which lists them all.
    if len(topics) > NAV_LIMIT:
        topics = []
    if len(sources) > NAV_LIMIT:
        sources, compares = [], []
    out: list[Any] = []
    for item in nav or []:
        if isinstance(item, dict) and len(item) == 1:
            ((title, value),) = item.items()
            if value == "topics/index.md":
                out.append({title: ["topics/index.md", *topics]})
                continue
            if value == "sources/index.md":
                extra = [p for p in ("sources/by-topic.md",) if p in got.files]
                out.append({title: ["sources/index.md", *extra, *sources, *compares]})
                continue
        out.append(item)
    return out


def left_out(got: Generated) -> list[str]:
    """Patterns (gitignore style) of the pages a long nav leaves out; their index pages list them.

    The later parts of a large story's "who reported what" are reached from its first part."""
    out = [
        f"/{section}/*.md"
        for section, n in (("topics", len(got.story.topics)), ("sources", len(got.story.sources)))
        if n > NAV_LIMIT
    ]
    if "sources/by-topic-2.md" in got.files and "/sources/*.md" not in out:
        out.append("/sources/by-topic-*.md")
    return out
