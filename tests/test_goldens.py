"""Golden tests: every generated file of each fixture story matches its committed copy."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.goldens import rendered, stories


@pytest.mark.parametrize("fixture", stories(), ids=lambda p: p.name)
def test_generated_markdown_matches_goldens(fixture: Path) -> None:
    expected_dir = fixture / "expected"
    got = rendered(fixture)
    expected = {
        str(p.relative_to(expected_dir)): p.read_bytes().decode("utf-8") for p in expected_dir.rglob("*") if p.is_file()
    }
    assert sorted(got) == sorted(expected), "page set changed: run `make goldens` and review"
    for rel, text in got.items():
        assert text == expected[rel], f"{rel} differs from its golden: run `make goldens` and review the diff"


def test_goldens_cover_every_page_kind() -> None:
    kinds = {"index.md", "timeline.md", "agreed.md", "topics/index.md", "sources/index.md", "about.md"}
    for fixture in stories():
        pages = set(rendered(fixture))
        assert kinds <= pages
        assert any(p.startswith("topics/") and p != "topics/index.md" for p in pages)
        assert any(p.startswith("sources/compare-") for p in pages)
        assert {"data/story.json", "data/agreed.csv", "data/timeline.ics", "data/comparison.json"} <= pages
