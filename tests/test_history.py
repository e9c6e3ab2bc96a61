"""A developing story: status history, updates log, projections resolved, per-page dates, the feed."""

from __future__ import annotations

import dataclasses
import datetime as dt

import feedparser
import pytest

from generator import render
from generator.model import Outcome, Status
from generator.story import build
from tests.test_story import inputs, problems

HISTORY = """story:
  title: T
  standfirst: S
  description: D
  published: 2025-03-19
  updated: 2025-04-02
  sides:
    - id: council
      label: Council
topics:
  - id: bridge
    title: Bridge
    status: agreed
    since: 2025-03-18
    summary: A bridge.
    evidence:
      - source: one
        quote: 'It agreed a "new bridge"'
        speaker: the article
    history:
      - status: lapsed
        date: 2025-03-25
        precision: after
        as_written: some days later
        note: The plan lapsed.
        evidence:
          - source: two
            quote: the mayor resigned
            speaker: the article
  - id: other
    title: Other
    status: demand
    summary: Another point.
    evidence:
      - source: one
        quote: The council met on Tuesday.
        speaker: the article
events:
  - id: meeting
    date: 2025-03-18
    as_written: on Tuesday
    text: The council meets.
  - id: deadline
    projected:
      from: meeting
      days: 7
    text: The offer would expire.
    topics: [bridge]
    reported:
      outcome: confirmed
      text: It expired
      evidence:
        - source: two
          quote: Only the second source
          speaker: the article
updates:
  - date: 2025-03-26
    text: The bridge plan lapsed.
    items: [bridge, deadline]
    evidence:
      - source: two
        quote: the mayor resigned
        speaker: the article
  - date: 2025-04-02
    text: Wording of another point.
    items: [other]
corrections:
  - date: 2025-04-01
    text: A name was misspelt.
    topic: other
"""


@pytest.fixture(scope="module")
def story():  # type: ignore[no-untyped-def]
    built, _ = build(inputs(HISTORY))
    return built


def test_history_keeps_every_status_and_the_last_is_current(story) -> None:  # type: ignore[no-untyped-def]
    bridge = story.topic("bridge")
    assert [s.status for s in bridge.history] == [Status.AGREED, Status.LAPSED]
    assert bridge.status == Status.LAPSED
    assert bridge.history[0].when.date == dt.date(2025, 3, 18)
    assert bridge.changed is bridge.history[-1] and bridge.changed.when.as_written == "some days later"
    assert {e.source for e in bridge.evidence} == {"one", "two"}  # a later status's evidence counts as quoted
    assert story.topic("other").history == () and story.topic("other").changed is None


def test_projection_resolved_and_updates_newest_first(story) -> None:  # type: ignore[no-untyped-def]
    deadline = next(e for e in story.events if e.id == "deadline")
    assert deadline.when.date == dt.date(2025, 3, 25)  # still the projected date
    assert deadline.reported is not None and deadline.reported.outcome is Outcome.CONFIRMED
    assert deadline.reported.when.date is None
    assert [u.date for u in story.updates] == [dt.date(2025, 4, 2), dt.date(2025, 3, 26)]


def test_last_updated_per_page_comes_from_the_data(story) -> None:  # type: ignore[no-untyped-def]
    site = render.Site(story, "https://example.org/sub/")
    assert site.updated("topics/bridge.md") == dt.date(2025, 3, 26)
    assert site.updated("topics/other.md") == dt.date(2025, 4, 2)  # the update, after the correction
    assert site.updated("timeline.md") == dt.date(2025, 3, 26)  # the update naming event `deadline`
    assert site.updated("sources/one.md") == dt.date(2025, 3, 19)  # untouched: first published
    assert site.updated("index.md") == dt.date(2025, 4, 2)
    pages = render.site_pages(site)
    assert 'updated: "2025-03-26"' in pages["topics/bridge.md"]
    assert 'dateModified: "2025-03-26"' in pages["topics/bridge.md"]


def test_pages_show_history_projection_and_updates(story) -> None:  # type: ignore[no-untyped-def]
    pages = render.site_pages(render.Site(story, "https://example.org/sub/"))
    topic = pages["topics/bridge.md"]
    history = topic[topic.index("## Status over time") : topic.index("## What each side said")]
    assert history.index("status--agreed") < history.index("status--lapsed")
    assert topic.index("status--lapsed") < topic.index("## Status over time")  # the current status on top
    assert "some days later" in topic
    table = pages["agreed.md"]
    assert "status-change" in table and "was agreed" in table
    assert '<time datetime="2025-03-25">' in table  # changed after that day
    timeline = pages["timeline.md"]
    assert "<dt>Projected</dt>" in timeline and "date not given" in timeline and "It expired" in timeline
    home = pages["index.md"]
    assert "What&#39;s new since 26 March 2025" in home or "What's new since 26 March 2025" in home
    assert "Wording of another point" in home and "The bridge plan lapsed" not in home
    about = pages["about.md"]
    assert about.count('<li><time datetime="2025-') >= 3  # both updates and the correction


def test_feed_parses_with_absolute_links_and_stable_ids(story) -> None:  # type: ignore[no-untyped-def]
    site = render.Site(story, "https://example.org/sub/")
    xml = render.site_pages(site)["feed.xml"]
    feed = feedparser.parse(xml)
    assert not feed.bozo, feed.bozo_exception
    assert feed.feed.title.endswith(": updates")
    assert [e.link for e in feed.entries] == [
        "https://example.org/sub/topics/other/",
        "https://example.org/sub/topics/other/",
        "https://example.org/sub/topics/bridge/",
    ]
    assert feed.entries[1].title.startswith("Correction: ")
    ids = [e.id for e in feed.entries]
    assert len(set(ids)) == 3 and all(i.startswith("https://example.org/sub/feed.xml#") for i in ids)
    again = render.site_pages(render.Site(story, "https://example.org/sub/"))["feed.xml"]
    assert again == xml  # no clock
    assert "feed.xml" not in render.site_pages(render.Site(story))  # no site_url: no feed with relative ids


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("        date: 2025-03-25\n", "        date: 2025-03-10\n", "story.yml:22:15: error: 2025-03-10 is not after"),
        (
            "      - status: lapsed\n",
            "      - status: agreed\n",
            "story.yml:21:17: error: status 'agreed' is the status",
        ),
        ("    items: [bridge, deadline]\n", "    items: [bridge, deadlin]\n", "did you mean 'deadline'?"),
        ("  - date: 2025-04-02\n", "  - date: 2025-04-09\n", "after the story's `updated` date 2025-04-02"),
        ("  published: 2025-03-19\n", "  published: 2025-05-01\n", "story.yml:5:14: error: first published"),
        (
            "  - id: meeting\n    date",
            "  - id: meeting\n    reported: {outcome: confirmed, text: x, evidence: "
            "[{source: one, quote: met, speaker: a}]}\n    date",
            "`reported` resolves a projected event",
        ),
        ("            quote: the mayor resigned\n", "            quote: the mayor stayed\n", "quote not found"),
    ],
)
def test_bad_history_is_reported_with_its_position(old: str, new: str, expected: str) -> None:
    assert old in HISTORY
    found = problems(HISTORY.replace(old, new, 1))
    assert any(expected in p for p in found), found


def test_every_page_gets_a_share_card_with_its_title_and_status(story) -> None:  # type: ignore[no-untyped-def]
    import io

    from PIL import Image

    from generator import card

    site = render.Site(story, "https://example.org/sub/", "Site name")
    pages = render.site_pages(site)
    cards = render.cards(site, pages)
    md = [p for p in pages if p.endswith(".md")]
    assert sorted(cards) == sorted(render.card_path(p) for p in md)
    for page in md:
        assert f'image: "{render.card_path(page)}"' in pages[page]
        png = cards[render.card_path(page)]
        assert Image.open(io.BytesIO(png)).size == (1200, 630) and len(png) <= 60_000
    assert site.glance() == "1 one side's demand or condition · 1 lapsed"
    # the status at a glance is drawn: the same title with another status is another image
    assert (
        card.png("Bridge", "Lapsed after 25 March 2025 (was agreed)", "Site name")
        == cards["assets/cards/topics-bridge.png"]
    )
    assert render.cards(site, pages) == cards  # deterministic


def test_an_update_on_the_day_of_first_publication_is_still_listed(story) -> None:  # type: ignore[no-untyped-def]
    """No "What's new since" heading over an empty list: an update dated on the day the story was first
    published is listed under a plain "What's new"."""
    latest = story.updates[0]
    same_day = dataclasses.replace(story, published=latest.date, updates=(latest,))
    site = render.Site(same_day, "https://example.org/sub/")
    assert site.since() is None
    home = render.site_pages(site)["index.md"]
    assert "## What&#39;s new\n" in home or "## What's new\n" in home
    assert home.count('<ul class="updates">\n<li>') == 1
