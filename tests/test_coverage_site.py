"""Every project's site, built once per renderer: coverage as readers see it agrees with the download and
never overclaims (for any story; what the fixture story must show is in test_story_site.py)."""

from __future__ import annotations

import json
from pathlib import Path

STATE_CLASS = {"quoted": "cov--quoted", "absent": "cov--absent", "unreviewed": "cov--open"}


def test_coverage_table_agrees_with_the_download(built_site: Path) -> None:
    records = json.loads((built_site / "data" / "coverage.json").read_text(encoding="utf-8"))
    topics = [r for r in records if r["kind"] == "topic"]
    html = (built_site / "sources" / "index.html").read_text(encoding="utf-8")
    table = html[html.index('class="coverage-matrix"') : html.index("</table>", html.index('class="coverage-matrix"'))]
    rows = [row for row in table.split("<tr>")[2:]]
    shown = [cell.split("</td>")[0] for row in rows for cell in row.split("<td")[1:]]
    assert len(shown) == len(topics)
    for record, cell in zip(topics, shown, strict=True):
        assert STATE_CLASS[record["state"]] in cell, (record, cell[:200])
        if record["state"] == "quoted":
            assert f'#{record["paragraph"]}"' in cell
        if record.get("automatic_match"):
            assert "automatic match" in cell


def test_no_page_says_not_covered_and_absences_come_from_the_editors(built_site: Path) -> None:
    records = json.loads((built_site / "data" / "coverage.json").read_text(encoding="utf-8"))
    assert {r["state"] for r in records} <= {"quoted", "absent", "unreviewed"}
    for path in built_site.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert "Not covered" not in text and "Not in</span>" not in text, path


def test_no_page_shows_a_detected_difference(built_site: Path) -> None:
    """What the detector finds is a review note (`check`, `differences`); only editors' `differences:` are shown."""
    for path in built_site.rglob("*.html"):
        assert "Sources differ on " not in path.read_text(encoding="utf-8"), path
