"""From the seeds' bytes to one frozen, validated Story, or every problem at once (pure)."""

from __future__ import annotations

import difflib
from dataclasses import replace
from typing import Any

from generator import article as article_mod
from generator import dates, history, quotes, recorded, timeline
from generator import page as page_mod
from generator.checker import Checker, broken, broken_key, load_doc
from generator.diagnostic import Diagnostic, Invalid, errors
from generator.model import (
    DEFAULT_STATUSES,
    Absence,
    Article,
    Correction,
    Evidence,
    PairOverride,
    Position,
    Side,
    Source,
    StatusDef,
    Story,
    Topic,
)
from generator.seeds import SOURCES_FILE, STORY_FILE, Inputs
from generator.text import normalize_typography
from generator.yamldoc import Document, Path


def named(sources: tuple[Source, ...]) -> tuple[Source, ...]:
    """`sources`, each named so that readers can tell it apart: its outlet, or, where several sources share
    an outlet (two articles of one agency, a follow-up), the outlet with its publication date when those
    dates all differ ("AP (27 July 2025)"), else with its id ("AP (ap-followup)")."""
    groups: dict[str, list[Source]] = {}
    for s in sources:
        groups.setdefault(" ".join(s.outlet.split()).casefold(), []).append(s)
    names: dict[str, str] = {}
    for group in groups.values():
        if len(group) < 2:  # an outlet of its own keeps its name
            continue
        days = [s.published for s in group]
        by_date = all(days) and len(set(days)) == len(days)
        for s in group:
            outlet, d = " ".join(s.outlet.split()), s.published
            names[s.id] = f"{outlet} ({dates.day_month_year(d)})" if by_date and d else f"{outlet} ({s.id})"
    return tuple(replace(s, name=names[s.id]) if s.id in names else s for s in sources)


def _source(c: Checker, doc: Document, i: int, raw: dict[str, Any]) -> Source | None:
    at: Path = ("sources", i)
    c.claim("source", raw["id"], doc.at((*at, "id")))
    name = raw["file"]
    pos = doc.at((*at, "file"))
    article: Article | None = None
    if name in c.inputs.refused:
        c.error(pos, f"article {name!r} {c.inputs.refused[name]}", _refusal_hint(c.inputs, name))
    elif name not in c.inputs.articles:
        c.error(pos, f"article {name!r} was not read", "check the file name")
    else:
        data = c.inputs.articles[name]
        shown = c.inputs.show(name)
        missing = False
        if page_mod.is_page(name):
            text = _page(c, pos, name, data)
            missing, data, shown = text is None, text or b"", c.inputs.show(page_mod.text_name(name))
        if missing:
            pass  # a saved page whose derived text is missing or differs: reported by _page
        elif not data.strip():
            c.error(pos, f"article {name!r} is empty", f"paste the article's text into {shown}")
        elif b"\x00" in data[:8192]:
            c.error(pos, f"article {name!r} is a binary file, not text", "save the article as plain UTF-8 text (.txt)")
        else:
            try:
                article = article_mod.parse(article_mod.decode(data))
            except article_mod.DecodeError as exc:
                line = data[: exc.offset].count(b"\n") + 1
                col = exc.offset - (data.rfind(b"\n", 0, exc.offset) + 1) + 1
                guess = f" (it looks like {exc.guess})" if exc.guess else ""
                c.error(
                    Position(shown, line, col),
                    f"not UTF-8 text{guess}: byte 0x{data[exc.offset]:02x}",
                    "re-save the article as UTF-8; the tool never guesses an encoding for evidence",
                )
            else:
                if not article.paragraphs:
                    c.error(pos, f"article {name!r} has no paragraphs", "is this the right file?")
                for note in article.warnings:
                    line, col, message = article_mod.note_position(note)
                    c.warn(Position(shown, line, col), message, "check this line against the original")
    published = None
    if raw["published"] != "unknown":
        published = c.date(doc, (*at, "published"), raw["published"])
    reviewed = c.date(doc, (*at, "reviewed"), raw["reviewed"]) if "reviewed" in raw else None
    if article is None:
        return None
    return Source(
        id=raw["id"],
        file=name,
        outlet=raw["outlet"],
        headline=raw.get("headline"),
        url=raw.get("url"),
        published=published,
        byline=raw.get("byline"),
        credit=raw.get("credit"),
        provenance=raw.get("provenance"),
        article=article,
        pos=doc.at(at),
        reviewed=reviewed,
    )


def _page(c: Checker, pos: Position, name: str, data: bytes) -> bytes | None:
    """A saved web page: its stored derived text, once the page is shown to still yield exactly that text."""
    text_name = page_mod.text_name(name)
    stored, shown = c.inputs.articles.get(text_name), c.inputs.show(text_name)
    try:
        diff = page_mod.verify(data, stored)
    except page_mod.PageError as exc:
        c.error(Position(c.inputs.show(name), exc.line, exc.col), exc.message, exc.hint)
        return None
    if stored is None:
        c.error(pos, f"the text derived from {name!r} is missing ({shown})", page_mod.refresh_hint(c.inputs.show(name)))
    elif diff:
        line, col, want, got = diff
        c.error(
            Position(shown, line, col),
            f"differs from the text {name!r} yields now: {got[col - 1 : col + 59]!r} where the page gives "
            f"{want[col - 1 : col + 59]!r}",
            page_mod.refresh_hint(c.inputs.show(name)),
        )
    return stored if stored is not None and not diff else None


def _refusal_hint(inputs: Inputs, name: str) -> str:
    why = inputs.refused[name]
    if why == "does not exist":
        close = difflib.get_close_matches(name, list(inputs.files), n=1, cutoff=0.5)
        return f"did you mean {close[0]!r}?" if close else f"put the file in {inputs.root}/ or correct the name"
    if " MB" in why:
        return "keep only the article's own text in the file (one article per source)"
    if "regular file" in why or "directory itself" in why:
        return f"name a .txt file inside {inputs.root}/"
    return f"copy the article into {inputs.root}/ (add-source does this) and name it relative to that directory"


def _evidence(
    c: Checker, doc: Document, at: Path, raw: dict[str, Any], sources: dict[str, Source], sides: set[str] | None
) -> Evidence | None:
    sid = raw["source"]
    if sid not in sources:
        if sources and (sid not in c.ids or c.ids[sid][0] != "source"):
            close = [k for k in sources if k.startswith(sid)] or difflib.get_close_matches(sid, list(sources), n=1)
            hint = f"did you mean {close[0]!r}?" if close else "known sources: " + ", ".join(sources)
            c.error(doc.at((*at, "source")), f"unknown source {sid!r}", hint)
        return None
    side = raw.get("side")
    if side is not None and sides is not None and side not in sides:
        c.error(doc.at((*at, "side")), f"unknown side {side!r}", "sides: " + ", ".join(sorted(sides)))
    quote = raw["quote"]
    block = quotes.locate(quote, sources[sid].article)
    pos = doc.at((*at, "quote"))
    if block is None:
        needle = normalize_typography(quote)
        aside = next(
            (a for a in sources[sid].article.asides if needle and needle in normalize_typography(a.text)), None
        )
        if aside is not None:
            c.error(
                pos,
                f"quote is not in the body of source {sid!r}: line {aside.line} was set aside as {aside.kind}",
                "quote the article's own paragraphs or headings; "
                "headlines, bylines, credits and links are not evidence",
            )
            return None
        elsewhere = [
            (s.id, found) for s in sources.values() if s.id != sid and (found := quotes.locate(quote, s.article))
        ]
        message = f"quote not found in source {sid!r}"
        if elsewhere:
            message += "; it occurs in " + ", ".join(f"{e!r} (line {b.line})" for e, b in elsewhere)
            c.error(pos, message, f"cite source {elsewhere[0][0]!r} instead, or quote the words as {sid!r} has them")
            return None
        near = quotes.closest(quote, sources[sid].article)
        hint = "copy the words exactly (typography may differ)"
        if near:
            hint = (
                f'closest passage in {sid!r} ({near.similarity:.0%} similar, line {near.block.line}): "{near.passage}"'
            )
        c.error(pos, message, hint)
        return None
    return Evidence(sid, quote, raw["speaker"], side, block.anchor, doc.at(at), raw.get("supports", "status"))


def absences(
    c: Checker, doc: Document, at: Path, raw: list[Any], sources: dict[str, Source], cited: set[str]
) -> tuple[Absence, ...]:
    """`absent:` of a topic or event: known sources, each once, none that the item also quotes."""
    out: list[Absence] = []
    for j, entry in enumerate(raw):
        sid, note = (entry, None) if isinstance(entry, str) else (entry.get("source"), entry.get("note"))
        pos = doc.at((*at, j) if isinstance(entry, str) else (*at, j, "source"))
        if not isinstance(sid, str):
            continue
        if sid not in sources:
            if sources and (sid not in c.ids or c.ids[sid][0] != "source"):  # no cascade from a broken sources.yml
                close = difflib.get_close_matches(sid, list(sources), n=1)
                c.error(pos, f"unknown source {sid!r}", f"did you mean {close[0]!r}?" if close else "name a source id")
        elif sid in cited:
            c.error(
                pos,
                f"source {sid!r} is marked absent but is quoted as evidence here",
                "remove it from `absent:` or remove its evidence",
            )
        elif any(a.source == sid for a in out):
            c.error(pos, f"source {sid!r} is marked absent twice", "list each source once")
        else:
            out.append(Absence(sid, note, pos))
    return tuple(out)


def build(inputs: Inputs) -> tuple[Story, list[Diagnostic]]:
    """Validate everything; return the story and its warnings, or raise Invalid with all errors."""
    c = Checker(inputs)
    sdoc = load_doc(inputs, SOURCES_FILE, c)
    tdoc = load_doc(inputs, STORY_FILE, c)
    sources: dict[str, Source] = {}
    reference = ""
    if sdoc is not None and isinstance(sdoc.data, dict):
        for i, raw in enumerate(sdoc.data.get("sources") or []):
            if broken(c.found, sdoc, ("sources", i)):
                c.known("source", raw, sdoc.at(("sources", i, "id")))
            elif isinstance(raw, dict):
                src = _source(c, sdoc, i, raw)
                if src and src.id not in sources:
                    sources[src.id] = src
        reference = sdoc.data.get("reference") or next(iter(sources), "")
        listed = isinstance(sdoc.data.get("sources"), list)  # otherwise that error says it all
        if listed and isinstance(reference, str) and reference and reference not in c.ids:
            c.error(sdoc.at(("reference",)), f"unknown source {reference!r}", "name one of the sources below")
    pairs = _pairs(c, sdoc, sources, reference) if sdoc is not None and isinstance(sdoc.data, dict) else ()
    story = None
    if tdoc is not None and isinstance(tdoc.data, dict) and sdoc is not None:
        story = _story(c, tdoc, sources, reference)
        story = replace(story, pairs=pairs) if story is not None else None
    problems = errors(c.found)
    if problems or story is None:
        raise Invalid(
            c.found
            if problems
            else [
                *c.found,
                Diagnostic(Position(inputs.show(STORY_FILE)), "nothing to build", "the story needs sources and topics"),
            ]
        )
    return story, sorted(c.found, key=Diagnostic.sort_key)


def _pairs(c: Checker, doc: Document, sources: dict[str, Source], reference: str) -> tuple[tuple[str, str], ...]:
    """Comparisons asked for by name; the reference pairs exist anyway, so they are not repeated."""
    out: list[tuple[str, str]] = []
    for i, pair in enumerate(doc.data.get("compare") or []):
        if broken(c.found, doc, ("compare", i)) or not isinstance(pair, list) or len(pair) != 2:
            continue
        a, b = pair
        for j, sid in enumerate(pair):
            if sid not in c.ids:
                close = difflib.get_close_matches(sid, list(sources), n=1)
                c.error(
                    doc.at(("compare", i, j)),
                    f"unknown source {sid!r}",
                    f"did you mean {close[0]!r}?" if close else "name two source ids",
                )
        if a == b:
            c.error(doc.at(("compare", i)), f"source {a!r} compared with itself", "name two different sources")
        elif a in sources and b in sources and reference not in (a, b) and (a, b) not in out and (b, a) not in out:
            out.append((a, b))
    return tuple(out)


def _story(c: Checker, doc: Document, sources: dict[str, Source], reference: str) -> Story | None:
    data = doc.data
    head = data.get("story") if isinstance(data.get("story"), dict) else None
    sides: list[Side] = []
    side_ids: set[str] | None = None  # None: the head has errors of its own, so sides are not checked
    statuses: tuple[StatusDef, ...] = DEFAULT_STATUSES
    if head and not broken_key(c, doc, "story"):
        for j, s in enumerate(head.get("sides") or []):
            c.claim("side", s["id"], doc.at(("story", "sides", j, "id")))
            sides.append(Side(s["id"], s["label"], tuple(s.get("aliases") or ())))
        side_ids = {s.id for s in sides}
        statuses = _statuses(c, doc, head)
    status_ids = [s.id for s in statuses]
    topics: list[Topic] = []
    skipped_topics: set[str | None] = set()

    def evidence(at: Path, raw: dict[str, Any]) -> Evidence | None:
        return _evidence(c, doc, at, raw, sources, side_ids)

    for i, raw in enumerate(data.get("topics") or []):
        at: Path = ("topics", i)
        if not isinstance(raw, dict) or broken(c.found, doc, at):
            skipped_topics.add(c.known("topic", raw, doc.at((*at, "id"))))
            continue
        c.claim("topic", raw["id"], doc.at((*at, "id")))
        history.status_ok(c, doc, (*at, "status"), raw["status"], status_ids)
        ev = [
            _evidence(c, doc, (*at, "evidence", j), e, sources, side_ids)
            for j, e in enumerate(raw.get("evidence") or [])
        ]
        said = raw.get("said") or {}
        for key in said:
            if side_ids is not None and key not in side_ids:
                close = difflib.get_close_matches(key, sorted(side_ids), n=1)
                c.error(
                    doc.key_at((*at, "said", key)),
                    f"unknown side {key!r}",
                    f"did you mean {close[0]!r}?" if close else "sides: " + ", ".join(sorted(side_ids)),
                )
        positions = tuple((s.id, said[s.id]) for s in sides if s.id in said)
        absent = absences(c, doc, (*at, "absent"), raw.get("absent") or [], sources, {e.source for e in ev if e})
        quoted = tuple(e for e in ev if e)
        steps = history.steps(c, doc, at, raw, quoted, evidence, status_ids)
        topic = Topic(
            raw["id"],
            raw["title"],
            steps[-1].status if steps else raw["status"],
            raw["summary"],
            positions,
            quoted + tuple(e for step in steps[1:] for e in step.evidence),
            raw.get("takeaway"),
            doc.at(at),
            absent,
            steps,
            recorded.recorded(c, doc, at, raw, evidence),
        )
        _topic_support(c, doc, at, raw, topic, side_ids)
        topics.append(topic)
    topic_ids = {t.id for t in topics}
    known_topics = topic_ids | {t for t in skipped_topics if t}
    events = timeline.events(
        c,
        doc,
        known_topics,
        topic_ids,
        evidence,
        lambda at, raw, cited: absences(c, doc, at, raw, sources, cited),
    )
    by_id = {e.id: k for k, e in enumerate(events)}
    for i, raw in enumerate(data.get("events") or []):
        if isinstance(raw, dict) and "reported" in raw and raw.get("id") in by_id:
            k = by_id[raw["id"]]
            found = history.reported(c, doc, ("events", i), raw, events[k].projected is not None, evidence)
            if found is not None:
                events[k] = replace(events[k], reported=found, evidence=events[k].evidence + found.evidence)
    for i, raw in enumerate(data.get("events") or []):
        if isinstance(raw, dict) and raw.get("id") in by_id and not broken(c.found, doc, ("events", i)):
            k = by_id[raw["id"]]
            found_diffs = recorded.recorded(c, doc, ("events", i), raw, evidence)
            if found_diffs:
                events[k] = replace(events[k], differences=found_diffs)
            if events[k].draft:
                c.warn(
                    doc.at(("events", i)),
                    f"event {raw['id']!r} is a draft: no evidence yet, so the site leaves it out",
                    "cite a source under `evidence:` (`python -m generator suggest --topic "
                    f"{raw['id']}` lists likely sentences)",
                )
    corrections: list[Correction] = []
    for i, raw in enumerate(data.get("corrections") or []):
        at = ("corrections", i)
        if not isinstance(raw, dict) or broken(c.found, doc, at):
            continue
        date = c.date(doc, (*at, "date"), raw["date"])
        if raw.get("topic") and raw["topic"] not in known_topics:
            c.error(doc.at((*at, "topic")), f"unknown topic {raw['topic']!r}", "name a topic id")
        if date:
            corrections.append(Correction(date, raw["text"], raw.get("topic"), doc.at(at)))
    corrections.sort(key=lambda k: (k.date, k.pos.line), reverse=True)
    overrides = _overrides(c, doc, sources)
    if head is None or broken_key(c, doc, "story"):
        return None
    updated = c.date(doc, ("story", "updated"), head["updated"])
    published = c.date(doc, ("story", "published"), head["published"]) if "published" in head else None
    if published and updated and published > updated:
        c.error(
            doc.at(("story", "published")),
            f"first published {published.isoformat()}, after the story's `updated` date {updated.isoformat()}",
            "`published` is the first publication; `updated` the latest change",
        )
    # Ids of items skipped for their own errors count as known: no cascade of "unknown" errors.
    known = [k for k, (kind, _) in c.ids.items() if kind in ("topic", "event", "source")]
    log = history.updates(c, doc, known, bool(sources), updated, evidence)
    if updated is None:
        return None
    return Story(
        title=head["title"],
        standfirst=head.get("standfirst", ""),
        updated=updated,
        description=head.get("description", ""),
        sides=tuple(sides),
        reference=reference,
        sources=named(tuple(sources.values())),
        topics=tuple(topics),
        events=tuple(events),
        corrections=tuple(corrections),
        overrides=overrides,
        updates=log,
        published=published,
        site_name=head.get("site_name", ""),
        statuses=statuses,
    )


def _statuses(c: Checker, doc: Document, head: dict[str, Any]) -> tuple[StatusDef, ...]:
    """The story's own statuses (`story.statuses`), each id once; the default five when it declares none."""
    raw = head.get("statuses")
    if not raw:
        return DEFAULT_STATUSES
    out: list[StatusDef] = []
    for j, entry in enumerate(raw):
        if any(s.id == entry["id"] for s in out):
            c.error(
                doc.at(("story", "statuses", j, "id")), f"status {entry['id']!r} is declared twice", "declare each once"
            )
            continue
        out.append(StatusDef(entry["id"], entry["label"], entry["symbol"], entry["means"]))
    return tuple(out)


def _topic_support(
    c: Checker, doc: Document, at: Path, raw: dict[str, Any], topic: Topic, side_ids: set[str] | None
) -> None:
    """A draft (no evidence) is a warning; a status no quote supports is an error; a side quoted but not
    summed up, a warning."""
    if topic.draft:
        c.warn(
            doc.at(at),
            f"topic {topic.id!r} is a draft: no evidence yet, so the site leaves it out",
            f"cite a source under `evidence:` (`python -m generator suggest --topic {topic.id}` "
            "lists likely sentences)",
        )
        return
    current = topic.history[-1].evidence if len(topic.history) > 1 else topic.evidence
    if current and not any(e.for_status for e in current):
        c.error(
            doc.at((*at, "status")) if len(topic.history) <= 1 else topic.history[-1].pos,
            f"status {topic.status!r} of topic {topic.id!r} has no supporting quote: "
            "every quote is `supports: context`",
            "cite at least one quote that supports the status (`supports: status` is the default)",
        )
    said = raw.get("said") or {}
    for side in sorted({e.side for e in topic.evidence if e.side} - set(said)):
        if side_ids is not None and side in side_ids:
            c.warn(
                doc.at(at),
                f"side {side!r} is quoted in the evidence of topic {topic.id!r} but has no `said:` line",
                f"sum up what {side!r} said under `said: {{{side}: ...}}`; the page shows its quotes meanwhile",
            )


def _overrides(c: Checker, doc: Document, sources: dict[str, Source]) -> tuple[PairOverride, ...]:
    out: list[PairOverride] = []
    for i, raw in enumerate(doc.data.get("alignment") or []):
        at: Path = ("alignment", i)
        if not isinstance(raw, dict) or broken(c.found, doc, at):
            continue
        ends: list[tuple[str, str] | None] = []
        for key in ("a", "b"):
            ref = raw.get(key)
            if ref is None:
                ends.append(None)
                continue
            sid, anchor = ref.split("#", 1)
            if sid not in sources:
                c.error(doc.at((*at, key)), f"unknown source {sid!r}", "known sources: " + ", ".join(sources))
            elif anchor not in {b.anchor for b in sources[sid].article.blocks}:
                c.error(
                    doc.at((*at, key)),
                    f"no paragraph #{anchor} in source {sid!r}",
                    "copy the anchor from the source page",
                )
            ends.append((sid, anchor))
        a, b = ends
        if a is not None:
            out.append(PairOverride(a[0], a[1], b[0] if b else "", b[1] if b else None, doc.at(at)))
    return tuple(out)
