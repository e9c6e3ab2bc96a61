"""The matcher measured against hand-labelled articles (shared by the coverage test and bench/)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from generator import match, seeds, story

LABELLED = Path(__file__).resolve().parent / "fixtures" / "articles"


@dataclass
class Quality:
    clear: int = 0  # labelled pairs a person finds plainly reported
    found: int = 0  # of those, pairs with a likely match
    right_passage: int = 0  # of those found, best likely passage in a labelled paragraph
    negatives: int = 0  # pairs not reported (arguable ones left out)
    false: int = 0  # of those, pairs with a likely match
    misses: list[str] = field(default_factory=list)
    false_matches: list[str] = field(default_factory=list)
    wrong_passages: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.found / self.clear if self.clear else 0.0

    @property
    def false_rate(self) -> float:
        return self.false / self.negatives if self.negatives else 0.0

    @property
    def passage_rate(self) -> float:
        return self.right_passage / self.found if self.found else 0.0

    def line(self) -> str:
        return (
            f"recall {self.found}/{self.clear} ({self.recall:.1%}), "
            f"false {self.false}/{self.negatives} ({self.false_rate:.1%}), "
            f"right passage {self.right_passage}/{self.found} ({self.passage_rate:.1%})"
        )


def measure(directory: Path = LABELLED) -> Quality:
    """Topic x article pairs: found, missed and false, against labels.yml in `directory`."""
    built, _ = story.build(seeds.read(directory))
    labels = yaml.safe_load((directory / "labels.yml").read_text(encoding="utf-8"))["articles"]
    by_file = {s.file: s for s in built.sources}
    found = match.suggest(built, [by_file[f].id for f in labels], [t.id for t in built.topics])
    q = Quality()
    for name, lab in labels.items():
        src = by_file[name]
        for topic in built.topics:
            likely = [m for m in found if m.item == topic.id and m.source == src.id and m.likely]
            where = f"{src.id} x {topic.id}"
            if topic.id in (lab.get("clear") or {}):
                q.clear += 1
                if not likely:
                    q.misses.append(where)
                    continue
                q.found += 1
                block = next(b for b in src.article.blocks if b.anchor == likely[0].anchor)
                if any(block.text.startswith(opening) for opening in lab["clear"][topic.id]):
                    q.right_passage += 1
                else:
                    q.wrong_passages.append(f"{where}: {likely[0].quote[:60]}")
            elif topic.id not in (lab.get("arguable") or {}):
                q.negatives += 1
                if likely:
                    q.false += 1
                    q.false_matches.append(f"{where}: {likely[0].quote[:60]}")
    return q
