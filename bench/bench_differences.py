"""The difference detector against hand labels: real differences found, missed, and false notes, per story.

    .venv/bin/python bench/bench_differences.py            # both development sets
    .venv/bin/python bench/bench_differences.py --verbose  # every note and every miss

Inputs (tests/fixtures/labels/): `differences.yml` (real differences with each account's passage, and
tempting non-differences) and each story's topic table (`first-story.yml`, `eu-us-turnberry.yml`: which
body paragraphs of which article report which topic). Per topic, the passages compared are the sentences of
every labelled paragraph, plus the sentence holding each labelled account (as an editor's evidence would
be), each with the side the label gives it. A note found by the detector counts as a real difference when
at least two of its passages, from two different articles, hold accounts of that difference; any other note
is false. Each article's day is its date prefix, else its `published:` in the story's sources.yml (as the
site reads it). Items that are no topic of the story's table count as timeline events; on a topic (several
events) only scheduled starts are compared as dates (as on the site).
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator import disagreement  # noqa: E402
from generator.match import sentences  # noqa: E402
from generator.speakers import Speakers  # noqa: E402

LABELS = ROOT / "tests" / "fixtures" / "labels"
ARTICLES = {"first-story": ROOT / "tests" / "fixtures" / "articles", "eu-us-turnberry": ROOT / "tests" / "fixtures" / "articles" / "eu-us-turnberry"}  # fmt: skip  # noqa: E501
TABLES = {"first-story": "first-story.yml", "eu-us-turnberry": "eu-us-turnberry.yml"}
_PREFIX = re.compile(r"^\s*date (\d{4}-\d{2}-\d{2}) ")
_FOLD = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"})


def _squash(text: str) -> str:
    return " ".join(text.translate(_FOLD).split()).casefold()


@dataclass
class Result:
    story: str
    real: int
    found: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)
    notes: list[tuple[str, disagreement.Difference, str | None]] = field(default_factory=list)  # item, note, label

    @property
    def false(self) -> int:
        return sum(1 for *_, label in self.notes if label is None)


def _published(story: str) -> dict[str, dt.date]:
    """Each file's publication day from the story's sources.yml, where known (as the site reads it)."""
    listed = yaml.safe_load((ARTICLES[story] / "sources.yml").read_text(encoding="utf-8"))
    entries = listed["sources"] if isinstance(listed, dict) else listed
    return {e["file"]: e["published"] for e in entries if isinstance(e.get("published"), dt.date)}


def _lines(path: Path, published: dt.date | None = None) -> tuple[list[str], dt.date | None]:
    """The file's lines without the date prefix, and its day: the prefix's, else `published`."""
    text = path.read_text(encoding="utf-8")
    m = _PREFIX.match(text)
    return [_PREFIX.sub("", line) for line in text.splitlines()], dt.date.fromisoformat(m[1]) if m else published


def _sentences_of(line: str, passage: str | None = None) -> list[str]:
    """The sentences of a paragraph; with `passage`, those it overlaps (the whole sentence of a quote)."""
    spans = [line[a:b] for a, b in sentences(line)]
    if passage is None:
        return spans
    want = _squash(passage)
    hits = [s for s in spans if _squash(s) in want or want in _squash(s)]
    return hits or [s for s in spans if want[:30] in _squash(s) or want[-30:] in _squash(s)]


def passages_by_item(story: str) -> tuple[dict[str, list[disagreement.Passage]], set[str], Speakers]:
    labels = yaml.safe_load((LABELS / "differences.yml").read_text(encoding="utf-8"))["stories"][story]
    table = yaml.safe_load((LABELS / TABLES[story]).read_text(encoding="utf-8"))
    topics = {t["id"] for t in table["topics"]}
    speakers = Speakers([(s["id"], [s["label"], *s.get("aliases", [])]) for s in table["sides"]])
    files: dict[str, tuple[list[str], dt.date | None]] = {}
    published = _published(story)

    def load(name: str) -> tuple[list[str], dt.date | None]:
        if name not in files:
            files[name] = _lines(ARTICLES[story] / name, published.get(name))
        return files[name]

    out: dict[str, dict[tuple[str, str], disagreement.Passage]] = {}

    def add(item: str, name: str, text: str, side: str | None) -> None:
        key = (name, text)
        seen = out.setdefault(item, {})
        if key not in seen or (side and not seen[key].side):
            seen[key] = disagreement.Passage(name.removesuffix(".txt"), name, text, load(name)[1], True, side)

    for name, entry in table["articles"].items():
        lines, _ = load(name)
        for kind in ("clear", "arguable"):
            for item, numbers in (entry.get(kind) or {}).items():
                for n in numbers:
                    opening = _squash(str(entry["paragraphs"][n]))
                    line = next((ln for ln in lines if _squash(ln).startswith(opening)), None)
                    for sentence in _sentences_of(line) if line else []:
                        add(item, name, sentence, None)
    for group in ("differences", "not_differences"):
        for label in labels[group]:
            for account in label["accounts"]:
                lines, _ = load(account["file"])
                line = next((ln for ln in lines if _squash(account["passage"]) in _squash(ln)), None)
                for sentence in _sentences_of(line, account["passage"]) if line else []:
                    add(label["topic"], account["file"], sentence, account.get("side"))
    return {item: list(found.values()) for item, found in out.items()}, topics, speakers


def _matches(d: disagreement.Difference, label: dict) -> bool:
    files = {
        p.anchor
        for p, _ in d.readings
        for a in label["accounts"]
        if a["file"] == p.anchor
        and (_squash(a["passage"]) in _squash(p.text) or _squash(p.text) in _squash(a["passage"]))
    }
    return len(files) >= 2


def measure(story: str) -> Result:
    labels = yaml.safe_load((LABELS / "differences.yml").read_text(encoding="utf-8"))["stories"][story]
    by_item, topics, speakers = passages_by_item(story)
    result = Result(story, len(labels["differences"]))
    matched: set[str] = set()
    for item, passages in by_item.items():
        for d in disagreement.differences(passages, speakers, spans_events=item in topics):
            label = next((lab["id"] for lab in labels["differences"] if _matches(d, lab)), None)
            matched |= {lab["id"] for lab in labels["differences"] if _matches(d, lab)}
            result.notes.append((item, d, label))
    result.found = [lab["id"] for lab in labels["differences"] if lab["id"] in matched]
    result.missed = [lab["id"] for lab in labels["differences"] if lab["id"] not in matched]
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    for story in TABLES:
        r = measure(story)
        print(f"{story}: {len(r.found)}/{r.real} real differences found, {len(r.missed)} missed; "
              f"{len(r.notes)} notes, {r.false} false")  # fmt: skip
        if args.verbose:
            for item, d, label in r.notes:
                print(f"  [{label or 'FALSE'}] {item}: {d.summary}")
            for m in r.missed:
                print(f"  [missed] {m}")


if __name__ == "__main__":
    main()
