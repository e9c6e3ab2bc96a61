"""A new explainer project: the files `python -m generator new` writes (pure).

A project is a story's `seeds/` (a commented `story.yml` skeleton and an empty `sources.yml`) and a
small `mkdocs.yml` with the site's own settings. The look comes from the generator's installation
(see `siteconfig.py`), so nothing of the theme is copied into the project.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Sequence
from pathlib import Path

from generator.seeds import SOURCES_FILE, STORY_FILE
from generator.siteconfig import INSTALL

SCHEMAS = INSTALL / "generator" / "schemas"


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def files(root: Path, title: str, sides: Sequence[tuple[str, str]], today: dt.date) -> dict[str, str]:
    """Every file of a new project at `root`, by path relative to it."""
    schema = os.path.relpath(SCHEMAS, root.resolve() / "seeds")
    if sides:
        side_lines = "".join(f"    - id: {sid}\n      label: {_q(label)}\n" for sid, label in sides)
        sides_yaml = "  sides:\n" + side_lines
    else:
        sides_yaml = "  sides: []    # the parties, e.g. - {id: us, label: Washington}\n"
    story = f"""# yaml-language-server: $schema={schema}/story.schema.json
#
# The key points of this story, curated by the editors. Every quote must occur in the source it
# cites (typography such as curly quotes may differ); `python -m generator check` verifies it.
# Topics and events without evidence are drafts: `check` warns, the site leaves them out.

story:
  title: {_q(title)}
  # site_name: A short name for the header and browser tab (default: the title)
  # standfirst: Two or three sentences under the headline.
  # description: One sentence for search engines and link previews.
  updated: {today.isoformat()}
{sides_yaml}
  # Statuses: the default five are agreed, not-agreed, demand, not-addressed, lapsed.
  # Declare your own instead when they fit the story better:
  # statuses:
  #   - id: agreed
  #     label: Agreed
  #     symbol: "✔"
  #     means: Both sides said they agreed to it.

topics: []
# A topic, once you have a source for it (`python -m generator suggest --topic ID` helps):
#  - id: a-short-id
#    title: What it is about
#    status: agreed
#    summary: One or two sentences in your own words.
#    takeaway: 1                        # optional: listed under "Key takeaways" on the home page, 1 first
#    said:
#      side-id: What that side said.
#    evidence:
#      - source: source-id
#        quote: the exact words of the article
#        speaker: who says it, as the article attributes it
#        side: side-id                  # optional: whose position it reports
#        supports: status               # or context: quoted, but not support for the status

events: []
# A timeline event:
#  - id: talks
#    date: YYYY-MM-DD
#    end: YYYY-MM-DD                    # optional: last day of a meeting held over several days
#    text: What happened.
#    topics: [a-short-id]
#    evidence: [...]
"""
    sources = f"""# yaml-language-server: $schema={schema}/sources.schema.json
#
# The articles this explainer is built from. Add them with
#   python -m generator add-source ARTICLE.html OTHER.txt ... (see its --help)
# The files it copies into this folder are the evidence: never edit them.
# `reviewed: YYYY-MM-DD` on an entry says an editor read the whole article that day: every topic and
# event it does not cite is then shown as not reported by it.

sources: []
"""
    mkdocs = """# This site's own settings. Its name and description come from seeds/story.yml, and its look
# (theme, styles, scripts) from the generator installed: nothing of the theme is copied here.
# `python -m generator build` and `serve` add them (declare a `theme:` here to use your own instead).
site_name: Explainer
# The address the site will be published at (the feed and share cards need it), e.g.
# site_url: https://<user>.github.io/<repository>/
"""
    ignore = "site/\ndocs/\n.cache/\n.zensical/\n.build.lock\n.site.*\n"
    return {
        f"seeds/{STORY_FILE}": story,
        f"seeds/{SOURCES_FILE}": sources,
        "mkdocs.yml": mkdocs,
        ".gitignore": ignore,
    }
