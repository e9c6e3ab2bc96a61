"""Text from the web: ingestion and rendering hold for any Unicode text (Hypothesis).

- `article.parse` never crashes and never drops or duplicates body text: every non-blank
  line, after repair, appears exactly once across blocks and asides, in order.
- Mojibake, odd quotes, NBSP, zero-width characters and right-to-left text are repaired
  where ftfy can, warned about otherwise.
- `render.pages` never crashes for arbitrary text in any field, and field text never
  injects markup into the pages.
"""

from __future__ import annotations

import datetime as dt
import html
import re

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator import article, quotes, render, schema
from generator.model import (
    Correction,
    Event,
    Evidence,
    Position,
    Precision,
    Projection,
    Side,
    Source,
    Status,
    Story,
    Topic,
    When,
)
from generator.text import normalize_typography

# Characters web text is full of, mixed with anything at all.
TRICKY = list(
    "ab .,:;!?\"'`\t\r\n-/|#*_[](){}<>&"
    "\u00a0\u200b\u200c\u200d\u2060\ufeff\u00ad"  # NBSP and invisible characters
    "\u2018\u2019\u201c\u201d\u201e\u00ab\u00bb\u2013\u2014\u2026"  # typography
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f"  # bidirectional controls
    "\u05e9\u05dc\u05d5\u05dd\u0627\u0644\u0633\u0644\u0627\u0645"  # Hebrew and Arabic letters
    "\u00e2\u20ac\u0153\u009d\u00c3\u00a9\ufffd"  # pieces of mojibake
    "\u0085\u2028\u2029\x0b\x0c\x1c\x00\x7f"  # odd line and control characters
)
web_text = st.one_of(
    st.text(),
    st.text(alphabet=st.sampled_from(TRICKY), max_size=200),
    st.lists(st.text(alphabet=st.sampled_from(TRICKY), max_size=40), max_size=8).map("\n".join),
    st.lists(
        st.sampled_from(
            [
                "By AFP",
                "Share and Follow",
                "March 19, 2025",
                "Related article: Something",
                "A heading",
                "A paragraph that ends with a full stop.",
                "\u00e2\u20ac\u0153Quoted\u00e2\u20ac\u009d, he said.",
                "",
                "   ",
            ]
        ),
        max_size=10,
    ).map("\r\n".join),
)


def physical_lines(text: str) -> list[str]:
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(web_text)
def test_parse_keeps_every_line_exactly_once_in_order(text: str) -> None:
    parsed = article.parse(text)
    expected = []
    for number, raw in enumerate(physical_lines(text), start=1):
        fixed, _ = article.repair(raw)
        if fixed:
            expected.append((number, fixed))
    got = sorted([(b.line, b.text) for b in parsed.blocks] + [(a.line, a.text) for a in parsed.asides])
    assert got == expected
    assert [b.line for b in parsed.blocks] == sorted(b.line for b in parsed.blocks)
    assert [b.index for b in parsed.blocks] == list(range(len(parsed.blocks)))
    assert len({b.anchor for b in parsed.blocks}) == len(parsed.blocks)
    for block in parsed.blocks:
        assert block.text == block.text.strip() and block.text
        assert "\n" not in block.text and "\r" not in block.text
        assert not re.search("[\u200b\u2060\ufeff]", block.text)


@settings(max_examples=200, deadline=None)
@given(web_text)
def test_decode_and_parse_any_utf8_bytes(text: str) -> None:
    data = text.encode("utf-8", "surrogatepass") if not re.search("[\ud800-\udfff]", text) else b""
    assert article.parse(article.decode(data)) is not None


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300))
def test_decode_refuses_or_accepts_but_never_crashes(data: bytes) -> None:
    try:
        text = article.decode(data)
    except article.DecodeError as exc:
        assert 0 <= exc.offset < len(data)
    else:
        article.parse(text)


# -- repairs, by example -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "fixed", "note"),
    [
        ("\u00e2\u20ac\u0153Hello,\u00e2\u20ac\u009d she said.", "\u201cHello,\u201d she said.", "repaired mojibake"),
        ("Here\u00e2\u20ac\u2122s a look.", "Here\u2019s a look.", "repaired mojibake"),
        ("Caf\u00c3\u00a9 talks resumed.", "Caf\u00e9 talks resumed.", "repaired mojibake"),
        ("Zero\u200bwidth\u2060joined.", "Zerowidthjoined.", "removed zero-width characters"),
        ("\ufeffThe body starts here.", "The body starts here.", "removed zero-width characters"),
        ("Two\u2028lines in one.", "Two lines in one.", "replaced line-break characters inside the line by spaces"),
        ("Tom &amp; Jerry", "Tom & Jerry", "decoded HTML entities"),
        ("A stray \x07bell.", "A stray bell.", "removed control characters"),
        ("Odd \u2018single\u2019 and ''double'' quotes.", "Odd \u2018single\u2019 and ''double'' quotes.", None),
        ("Right\u00a0here.", "Right\u00a0here.", None),
        (
            "\u05e9\u05dc\u05d5\u05dd and \u0633\u0644\u0627\u0645 stay as they are.",
            "\u05e9\u05dc\u05d5\u05dd and \u0633\u0644\u0627\u0645 stay as they are.",
            "suspicious character U+05E9 HEBREW LETTER SHIN in an otherwise Latin text",
        ),
        (
            "\u05e9\u05dc\u05d5\u05dd \u05e9\u05dc\u05d5\u05dd and",
            "\u05e9\u05dc\u05d5\u05dd \u05e9\u05dc\u05d5\u05dd and",
            None,
        ),
    ],
)
def test_repair(raw: str, fixed: str, note: str | None) -> None:
    """Letters of another script are kept, and reported when the text around them is Latin."""
    got, said = article.repair(raw)
    assert got == fixed
    assert (said or "").startswith(note or "") and bool(said) == bool(note)


@pytest.mark.parametrize(
    ("raw", "warning"),
    [
        ("A replacement \ufffd character.", "suspicious character REPLACEMENT CHARACTER"),
        ("Hidden \u202edirection\u202c change.", "suspicious character RIGHT-TO-LEFT OVERRIDE"),
        ("Only \ufffd and \u202e together\u202c.", "suspicious character REPLACEMENT CHARACTER"),
    ],
)
def test_what_cannot_be_repaired_is_warned(raw: str, warning: str) -> None:
    parsed = article.parse("First paragraph, plain.\n" + raw + "\n")
    assert [w for w in parsed.warnings if w.startswith("line 2:")], parsed.warnings
    assert any(warning in w for w in parsed.warnings), parsed.warnings
    assert len(parsed.blocks) == 2  # warned, but kept


@pytest.mark.parametrize(
    ("quote", "text"),
    [
        ("\u201cAs a goodwill gesture,\u201d it said.", '"As a goodwill gesture," it said.'),
        ("''As a goodwill gesture,'' it said.", "\u201cAs a goodwill gesture,\u201d it said."),
        ("the country\u2019s \u2018rearmament\u2019", "the country's 'rearmament'"),
        ("more than 90 minutes", "more than 90\u00a0minutes"),
        ("a 30-day pause", "a 30\u2011day pause"),
    ],
)
def test_quotes_match_across_typography(quote: str, text: str) -> None:
    parsed = article.parse(f"Heading\nSome other paragraph first.\nIn full: {text} The end.\n")
    found = quotes.locate(quote, parsed)
    assert found is not None and found.text.startswith("In full:")
    assert quotes.locate(quote.replace("a", "o"), parsed) is None  # a changed word is not typography


# -- rendering arbitrary field text --------------------------------------------------------

HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "{{ config }}",
    "{% raw %}",
    "[click](javascript:alert(1))",
    "# Not a heading",
    "| a | b |",
    "*stars* and _underscores_ and `ticks`",
    "\u202eevil\u202c",
    "---",
    "<!-- comment",
    "&amp; &lt;",
    "\\",
    '" onmouseover="x',
]
# What validation lets through: any text without control characters (story.yml refuses those).
VALID_TRICKY = [c for c in TRICKY if not schema.CONTROL.search(c)]
field = st.one_of(
    st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=60),
    st.text(alphabet=st.sampled_from(VALID_TRICKY), min_size=1, max_size=60),
    st.sampled_from(HOSTILE),
)
ids = st.from_regex(r"[a-z][a-z0-9-]{0,8}", fullmatch=True)


@st.composite
def stories(draw: st.DrawFn) -> Story:
    body = draw(st.lists(field, min_size=1, max_size=6))
    sources = []
    names = draw(st.lists(ids, min_size=1, max_size=3, unique=True))
    for n, sid in enumerate(names):
        # Every source has at least one plain paragraph, so evidence has somewhere to point.
        text = "\n".join([*draw(st.permutations(body)), f"Plain paragraph number {n}, with words."])
        parsed = article.parse(text)
        sources.append(
            Source(
                id=f"s-{sid}",
                file=f"{sid}.txt",
                outlet=draw(field),
                headline=draw(st.none() | field),
                url=draw(st.none() | st.just('https://example.com/a?b=<c>&d="e"')),
                published=draw(st.none() | st.dates(dt.date(2000, 1, 1), dt.date(2030, 12, 31))),
                byline=draw(st.none() | field),
                credit=draw(st.none() | field),
                provenance=draw(st.none() | field),
                article=parsed,
                pos=Position("seeds/sources.yml", n + 1, 5),
            )
        )
    sides = (Side("left", draw(field)), Side("right", draw(field)))

    def evidence() -> Evidence:
        src = draw(st.sampled_from(sources))
        block = draw(st.sampled_from(src.article.blocks))
        start = draw(st.integers(0, max(0, len(block.text) - 1)))
        quote = block.text[start:].strip() or block.text
        if quotes.locate(quote, src.article) is None:
            quote = block.text
        return Evidence(
            src.id,
            quote,
            draw(field),
            draw(st.sampled_from([None, "left", "right"])),
            block.anchor,
            Position("s", 1, 1),
        )

    topic_ids = draw(st.lists(ids, min_size=1, max_size=3, unique=True))
    topics = tuple(
        Topic(
            id=f"t-{tid}",
            title=draw(field),
            status=draw(st.sampled_from(list(Status))),
            summary=draw(field),
            positions=tuple((s.id, draw(field)) for s in sides if draw(st.booleans())),
            evidence=tuple(evidence() for _ in range(draw(st.integers(1, 2)))),
            takeaway=i + 1 if draw(st.booleans()) else None,
            pos=Position("seeds/story.yml", 10 + i, 5),
        )
        for i, tid in enumerate(topic_ids)
    )
    day = dt.date(2025, 3, 18)
    events = [
        Event(
            id="e-first",
            when=When(
                day,
                draw(st.sampled_from([Precision.DAY, Precision.BEFORE, Precision.AFTER, Precision.MONTH])),
                draw(st.none() | st.just("09:30")),
                draw(st.none() | field),
            ),
            text=draw(field),
            topics=(topics[0].id,),
            evidence=(evidence(),),
            projected=None,
            pos=Position("seeds/story.yml", 40, 5),
        ),
        Event(
            "e-unknown", When(None, Precision.UNKNOWN), draw(field), (), (), None, Position("seeds/story.yml", 44, 5)
        ),
        Event(
            "e-later",
            When(day + dt.timedelta(days=30), Precision.DAY),
            draw(field),
            (),
            (),
            Projection("e-first", 30),
            Position("s", 48, 5),
        ),
    ]
    corrections = (
        Correction(dt.date(2025, 3, 20), draw(field), draw(st.none() | st.just(topics[0].id)), Position("s", 50, 5)),
    )
    return Story(
        title=draw(field),
        standfirst=draw(field),
        updated=dt.date(2025, 3, 21),
        description=draw(field),
        sides=sides,
        reference=sources[0].id,
        sources=tuple(sources),
        topics=topics,
        events=tuple(events),
        corrections=corrections if draw(st.booleans()) else (),
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(stories())
def test_rendering_never_crashes_and_never_injects_markup(story: Story) -> None:
    pages = render.pages(story)
    assert "index.md" in pages
    for topic in story.topics:
        assert f"topics/{topic.id}.md" in pages
    for path, content in pages.items():
        assert isinstance(content, str), path
        if not path.endswith(".md"):
            continue
        front, body = split_front_matter(content)
        meta = yaml.safe_load(front)  # arbitrary text never breaks the front matter ...
        assert isinstance(meta, dict) and isinstance(meta.get("title"), str), path
        if path == "index.md":
            assert " ".join(html.unescape(meta["title"]).split()) == " ".join(
                story.title.split()
            )  # ... and survives it
        assert "<script>alert" not in body, path  # ... nor injects markup into the page
        assert "<img src=x" not in body, path
        assert "](javascript:" not in body, path
        assert "{{ config }}" not in body and "{% raw %}" not in body, path


def split_front_matter(page: str) -> tuple[str, str]:
    assert page.startswith("---\n"), page[:80]
    end = page.index("\n---\n", 4)
    return page[4:end], page[end + 5 :]


def test_normalize_typography_is_idempotent_on_hostile_text() -> None:
    for text in HOSTILE:
        once = normalize_typography(text)
        assert normalize_typography(once) == once
