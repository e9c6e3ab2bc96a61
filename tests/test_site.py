"""The fixture story (tests/fixtures/story/), built for real: strict build, clean tree, links that land."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.htmlpage import parse
from tests.project import ROOT, copy_project, run


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A committed copy of the project, built once."""
    root = copy_project(tmp_path_factory.mktemp("real"))
    shutil.copy2(ROOT / ".gitignore", root / ".gitignore")
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid"]
    subprocess.run([*git, "init", "-q"], cwd=root, check=True)
    subprocess.run([*git, "add", "-A"], cwd=root, check=True)
    subprocess.run([*git, "commit", "-qm", "copy"], cwd=root, check=True)
    result = run(root, "build")
    assert result.returncode == 0, result.stderr
    return root


def test_strict_build_has_no_warning_and_prints_a_summary(project: Path) -> None:
    result = run(project, "build")
    assert result.returncode == 0
    assert "WARNING" not in result.stderr and "warning" not in result.stderr.lower(), result.stderr
    line = result.stdout.strip().splitlines()[-1]
    assert re.match(r"built: \d+ sources, \d+ topics, \d+ events, \d+ quotes verified,", line) and line.endswith(
        " s"
    ), line


def test_build_leaves_git_status_clean(project: Path) -> None:
    status = subprocess.run(["git", "status", "--porcelain"], cwd=project, capture_output=True, text=True, check=True)
    assert status.stdout == ""
    assert (project / "docs" / "topics" / "energy-strikes-pause.md").is_file()  # the pages were written, just ignored


def _tree(path: Path) -> dict[str, str]:
    return {
        str(p.relative_to(path)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(path.rglob("*"))
        if p.is_file()
    }


def test_failed_check_and_build_change_nothing(project: Path) -> None:
    before = (_tree(project / "docs"), _tree(project / "site"))
    story = project / "seeds" / "story.yml"
    good = story.read_bytes()
    story.write_bytes(
        good.replace(b"Trump and Putin both spoke of improving", b"Trump and Putin both talked of improving")
    )
    try:
        for command in ("check", "build"):
            result = run(project, command)
            assert result.returncode == 1
            assert (
                "seeds/story.yml:" in result.stderr and "quote not found in source 'moscow-times-wire'" in result.stderr
            )
            assert "closest passage" in result.stderr and "Traceback" not in result.stderr
    finally:
        story.write_bytes(good)
    assert (_tree(project / "docs"), _tree(project / "site")) == before


def test_deleted_topic_pages_disappear(project: Path, tmp_path: Path) -> None:
    other = copy_project(tmp_path / "p", ROOT / "tests" / "fixtures" / "hostile" / "seeds")
    assert run(other, "build", "--pages-only").returncode == 0
    story = other / "seeds" / "story.yml"
    text = story.read_text(encoding="utf-8")
    start = text.index("  - id: tolls")
    story.write_text(text[:start] + text[text.index("  - id: cost") :], encoding="utf-8")
    result = run(other, "build")
    assert result.returncode == 0, result.stderr
    assert not (other / "docs" / "topics" / "tolls.md").exists()
    assert not (other / "site" / "topics" / "tolls").exists()
    assert (other / "docs" / "topics" / "cost.md").exists()


def _land(site: Path, page: Path, href: str) -> None:
    path, _, anchor = href.partition("#")
    target = (page.parent / path / "index.html").resolve() if path else page
    assert target.is_file(), f"{page}: {href}"
    assert anchor.startswith("p-") or anchor.startswith("h-"), href
    assert anchor in parse(target).ids, f"{page}: {href}"


def test_every_claim_links_to_an_existing_source_paragraph(project: Path) -> None:
    site = project / "site"
    checked = 0
    for rel, selector in (("timeline/index.html", "chip"), ("agreed/index.html", "chip")):
        page = site / rel
        for a in parse(page).find("a", selector):
            _land(site, page, a.attrs["href"])
            checked += 1
    for page in sorted((site / "topics").glob("*/index.html")):
        links = [
            a.attrs["href"]
            for a in parse(page).find("a")
            if "/sources/" in a.attrs.get("href", "") and "#" in a.attrs["href"]
        ]
        assert links, page
        for href in links:
            _land(site, page, href)
            checked += 1
    assert checked > 80


def test_timeline_and_table_show_every_item(project: Path) -> None:
    data = json.loads((project / "site" / "data" / "story.json").read_text(encoding="utf-8"))
    timeline = parse(project / "site" / "timeline" / "index.html")
    events = [e for e in timeline.find("li", "event")]
    assert [e.attrs["id"] for e in events] == [f"e-{e['id']}" for e in data["events"]]
    projected = [e for e in events if "event--projected" in e.attrs["class"]]
    assert [e.attrs["id"] for e in projected] == ["e-energy-truce-lapses"]
    assert "Thursday 17 April 2025" in projected[0].text and "Projected" in projected[0].text
    times = timeline.find("time")
    assert times[0].attrs["datetime"] == "2025-03-18" and times[0].text.startswith("Before Tuesday 18 March 2025")
    undated = [e for e in events if "Date not reported" in e.text]
    assert len(undated) == 2 and events[-2:] == undated  # never given a date, listed last
    table = parse(project / "site" / "agreed" / "index.html")
    assert len([r for r in table.find("tr") if "data-status" in r.attrs]) == len(data["topics"])


EXPECTED_PAIRS = [  # (start of the AFP block, start of the republication's block, class)
    ("Energy grid truce", "Energy grid truce", "identical"),
    ('"Vladimir Putin responded', "“Vladimir Putin responded", "typographic"),
    ("Here is a look", "Here’s a look", "reworded"),
    ("Immediate peace talks", "Immediate peace talks", "identical"),
    ("Warming ties", "Warming ties", "identical"),
    ('"A mutual interest', "“A mutual interest", "typographic"),
    ("'Cessation' of Ukraine aid", "‘Cessation’ of military", "reworded"),
    ("Putin also said", "Putin also said", "typographic"),
    ("Prisoner swap", "Prisoner swap", "identical"),
    ("Russia will also return", "Russia will also return", "typographic"),
    ("Things unsaid", "Things unsaid", "identical"),
    ("...And hockey", "Ice hockey matches", "reworded"),
    ("The Kremlin said Trump", "The Kremlin said Trump", "typographic"),
]


def test_seed_comparison_pairs_what_a_person_would(project: Path) -> None:
    data = json.loads((project / "site" / "data" / "comparison.json").read_text(encoding="utf-8"))
    (cmp,) = [c for c in data["comparisons"] if c["b"] == "newsfinale-copy"]
    assert (cmp["a"], cmp["b"]) == ("moscow-times-wire", "newsfinale-copy")
    got = sorted((p["a"]["text"], p["b"]["text"], p["class"]) for p in cmp["pairs"] if p["class"] != "same-fact")
    assert len(got) == len(EXPECTED_PAIRS)
    for a, b, kind in EXPECTED_PAIRS:
        assert any(x.startswith(a) and y.startswith(b) and k == kind for x, y, k in got), (a, b, kind)
    only_b = [p["text"] for p in cmp["unmatched"]["newsfinale-copy"]]
    assert any(t.startswith("Trump’s negotiation efforts") for t in only_b)
    same_fact_b = [p["b"]["text"] for p in cmp["pairs"] if p["class"] == "same-fact"]
    assert any("Keir Starmer" in t for t in only_b + same_fact_b)  # own words: never a near-copy pair
    assert not any("Keir Starmer" in y for _, y, _ in got)
    only_a = [p["text"] for p in cmp["unmatched"]["moscow-times-wire"]]
    assert "Kyiv, Europe left out?" in only_a
    page = parse(project / "site" / "sources" / "compare-moscow-times-wire-newsfinale-copy" / "index.html")
    assert page.find("ins") and page.find("del")
