"""Any story: its own statuses, terms and extensions, evidence roles, recorded differences, drafts,
sources read in full, events over several days, an empty story (pure core, in-memory fixture stories)."""

from __future__ import annotations

import feedparser

from generator import render
from generator.coverage import State
from generator.story import build
from tests.test_story import inputs

SOURCES = b"""sources:
  - id: one
    file: one.txt
    outlet: One
    published: 2025-03-19
  - id: two
    file: two.txt
    outlet: Two
    published: 2025-04-20
    reviewed: 2025-04-21
"""
ARTICLES = {
    "one.txt": b"The council met on Tuesday.\nIt agreed a pause on tolls for 30 days, the mayor said.\n"
    b"The meeting lasted two hours, the clerk said.\n",
    "two.txt": b"The toll pause was extended to May 31, the mayor said.\nThe meeting lasted three hours.\n",
}
STORY = """story:
  title: The toll pause
  site_name: Tolls
  updated: 2025-04-21
  sides:
    - id: council
      label: The council
    - id: town
      label: The town
  statuses:
    - id: agreed
      label: Agreed
      symbol: "A"
      means: Both agreed.
    - id: open
      label: Still open
      symbol: "?"
      means: Nobody has decided.
topics:
  - id: pause
    title: Toll pause
    status: agreed
    since: 2025-03-18
    term: {days: 30}
    summary: A pause on tolls.
    evidence:
      - source: one
        quote: It agreed a pause on tolls for 30 days
        speaker: the mayor
        side: council
    history:
      - status: agreed
        date: 2025-04-20
        until: 2025-05-31
        note: Extended.
        evidence:
          - source: two
            quote: The toll pause was extended to May 31
            speaker: the mayor
            side: council
    differences:
      - about: duration
        note: The sources give different lengths for the meeting.
        accounts:
          - source: one
            quote: The meeting lasted two hours
          - source: two
            quote: The meeting lasted three hours
  - id: fees
    title: Fees
    status: open
    summary: Not yet sourced.
events:
  - id: meeting
    date: 2025-03-17
    end: 2025-03-18
    text: The council meets over two days.
    evidence:
      - source: one
        quote: The council met on Tuesday.
        speaker: the article
updates:
  - date: 2025-04-21
    text: The pause was extended to 31 May.
    items: [pause]
"""


def _inputs(story: str = STORY, sources: bytes = SOURCES):  # type: ignore[no-untyped-def]
    got = inputs(story, sources)
    got.articles.clear()
    got.articles.update(ARTICLES)
    return got


def test_statuses_terms_drafts_and_reviewed_sources() -> None:
    story, warnings = build(_inputs())
    pause, fees = story.topics
    assert [s.id for s in story.statuses] == ["agreed", "open"]
    assert pause.status == "agreed" and pause.changed is None
    assert pause.history[0].until is not None and pause.history[0].until.isoformat() == "2025-04-16"
    assert pause.history[0].projected and pause.until is not None and pause.until.isoformat() == "2025-05-31"
    assert pause.extended is pause.history[1]
    assert fees.draft
    assert any("topic 'fees' is a draft" in w.message for w in warnings)
    assert story.events[0].end is not None and story.events[0].end.isoformat() == "2025-03-18"
    assert story.name == "Tolls"


def test_pages_show_the_extension_the_one_side_label_and_recorded_differences_only() -> None:
    story, _ = build(_inputs())
    site = render.Site(story, "https://example.org/tolls/")
    pages = render.site_pages(site)
    assert "topics/fees.md" not in pages and "Fees" not in pages["agreed.md"]  # the draft is left out
    table, topic, timeline = pages["agreed.md"], pages["topics/pause.md"], pages["timeline.md"]
    for page in (table, topic):
        assert "Agreed, according to The council; extended to 31 May 2025" in page
    assert "Projected end, then extended" in timeline and "Did not end then: extended to 31 May 2025" in timeline
    assert "Projected end</span>" in timeline  # the new end, still projected
    assert "17 March 2025</time> to <time" in timeline  # the two-day meeting
    assert "Sources differ" in topic and "The meeting lasted three hours" in topic
    assert "No statement from The town is quoted here." in topic
    assert "Not reported by the sources" not in "".join(v for v in pages.values() if isinstance(v, str))
    feed = feedparser.parse(pages["feed.xml"])
    assert [e.title for e in feed.entries] == ["The pause was extended to 31 May"]
    assert "Still open" not in table  # the legend lists only statuses in use
    cell = site.cov.cell("meeting", "two")
    assert cell.state is State.ABSENT and cell.read_in_full


def test_status_without_support_unknown_status_and_one_source_difference_are_errors() -> None:
    context = STORY.replace(
        "            side: council\n", "            side: council\n            supports: context\n"
    ).replace("        side: council\n    history:", "        side: council\n        supports: context\n    history:")
    assert any("no supporting quote" in p for p in problems_of(context))
    assert any("unknown status 'agred'" in p for p in problems_of(STORY.replace("status: open", "status: agred")))
    one = STORY.replace(
        "          - source: two\n            quote: The meeting lasted three hours",
        "          - source: one\n            quote: the clerk said",
    )
    assert any("at least two sources" in p for p in problems_of(one))


def problems_of(story: str) -> list[str]:
    try:
        build(_inputs(story))
    except Exception as exc:  # Invalid
        return [d.format() for d in getattr(exc, "diagnostics", []) if d.severity == "error"]
    return []


def test_an_empty_story_is_valid_and_renders_a_placeholder_site() -> None:
    empty = "story:\n  title: Nothing yet\n  updated: 2025-01-01\n  sides: []\ntopics: []\n"
    story, _ = build(_inputs(empty, b"sources: []\n"))
    pages = render.site_pages(render.Site(story))
    assert "Nothing to publish yet" in pages["index.md"]
    assert "No source has been added yet." in pages["sources/index.md"]
    # no heading over nothing: takeaways are the editors' choice (`takeaway:`), events theirs too
    assert "Key takeaways" not in pages["index.md"] and 'class="takeaways"' not in pages["index.md"]
    assert "No event is on the timeline yet." in pages["timeline.md"]
    assert 'class="timeline"' not in pages["timeline.md"]


def test_sources_of_one_outlet_are_named_apart() -> None:
    """Readers tell two articles of one outlet apart: by date where the dates differ, else by id; an outlet
    of its own keeps its name."""
    import dataclasses
    import datetime as dt

    from generator.story import named

    story, _ = build(_inputs(STORY))
    base = story.sources[0]

    def source(id_: str, outlet: str, published: dt.date | None) -> object:
        return dataclasses.replace(base, id=id_, outlet=outlet, published=published, name="")

    by_date = named(
        (
            source("ap-1", "AP", dt.date(2025, 7, 27)),
            source("ap-2", "ap ", dt.date(2025, 8, 21)),
            source("npr", "NPR", None),
        )
    )
    assert [s.label for s in by_date] == ["AP (27 July 2025)", "ap (21 August 2025)", "NPR"]
    by_id = named((source("ap-1", "AP", dt.date(2025, 7, 27)), source("ap-2", "AP", None)))
    assert [s.label for s in by_id] == ["AP (ap-1)", "AP (ap-2)"]
    assert [s.outlet for s in by_id] == ["AP", "AP"]  # the outlet itself is kept (feeds, JSON-LD, downloads)
    # on the pages: the sources page's list and its table, a topic's sources
    same = SOURCES.replace(b"outlet: Two", b"outlet: One")
    story, _ = build(_inputs(STORY, same))
    pages = render.site_pages(render.Site(story))
    names = [s.label for s in story.sources]
    assert len(set(names)) == len(names) == 2 and all(n.startswith("One (") for n in names)
    for n in names:
        assert f'<th scope="col">{n}</th>' in pages["sources/index.md"]
