"""`add-source`: a new article joins the site without any code change; a refused one changes nothing."""

from __future__ import annotations

import codecs
import datetime
import json
import re
from pathlib import Path

import pytest
import yaml

from tests import projcopy

NEW_ID = "wire-copy"

# Paragraphs shared with the reference article (so the comparison pairs them), one reworded,
# and one of its own; a boilerplate line that ingestion must set aside.
ARTICLE_LINES = [
    "Share and Follow",
    "Wire copy of the call",
    "The main win for Trump as he seeks to broker an end to the fighting was an agreement to halt attacks "
    "on the power grid for 30 days.",
    "The leaders also agreed to start negotiations on a maritime ceasefire for the Black Sea and, eventually, "
    "a full truce.",
    "Trump and Putin both talked about improving ties between their two countries, the readouts showed.",
    "Markets in the region reacted calmly to the news on Wednesday morning, traders said.",
]


def article_bytes() -> bytes:
    """UTF-8 with a byte-order mark and CRLF line ends, as some Windows tools save."""
    return codecs.BOM_UTF8 + "\r\n\r\n".join(ARTICLE_LINES).encode("utf-8") + b"\r\n"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return projcopy.make(tmp_path / "project")


def add(root: Path, path: Path, *extra: str) -> tuple[int, str, str]:
    done = projcopy.run(root, "add-source", str(path), *extra)
    return done.returncode, done.stdout, done.stderr


@pytest.mark.slow
def test_new_source_appears_everywhere(project: Path, tmp_path: Path) -> None:
    root = project
    yml = root / "seeds" / "sources.yml"
    before = yml.read_bytes()
    new = tmp_path / "wire.txt"
    new.write_bytes(article_bytes())

    code, out, err = add(
        root,
        new,
        "--id",
        NEW_ID,
        "--outlet",
        "A Wire Service",
        "--headline",
        "What was agreed",
        "--url",
        "https://example.com/wire",
        "--date",
        "2025-03-19",
        "--byline",
        "Staff",
    )
    assert code == 0, out + err
    assert "Traceback" not in err
    assert re.search(r"4 paragraphs, 1 heading, set aside: 1 share", out), out
    assert (root / "seeds" / "wire.txt").read_bytes() == new.read_bytes()  # copied untouched: BOM and CRLF kept

    # sources.yml: comments, order and every old byte kept; the new entry appended and well-formed
    after = yml.read_bytes()
    assert after.startswith(before)
    assert after.decode("utf-8").count("#") == before.decode("utf-8").count("#")
    data = yaml.safe_load(after)
    old_ids = [s["id"] for s in yaml.safe_load(before)["sources"]]
    assert [s["id"] for s in data["sources"]] == [*old_ids, NEW_ID]
    entry = data["sources"][-1]
    assert entry == {
        "id": NEW_ID,
        "file": "wire.txt",
        "outlet": "A Wire Service",
        "headline": "What was agreed",
        "url": "https://example.com/wire",
        "byline": "Staff",
        "published": datetime.date(2025, 3, 19),
    }

    done = projcopy.run(root, "build")
    assert done.returncode == 0, done.stdout + done.stderr
    assert re.match(rf"built: {len(old_ids) + 1} sources,", done.stdout)

    site = root / "site"
    page = (site / "sources" / NEW_ID / "index.html").read_text(encoding="utf-8")
    assert "A Wire Service" in page
    assert "Markets in the region reacted calmly" in page
    assert "\ufeff" not in page and "\r" not in page

    reference = data["reference"]
    compare = site / "sources" / f"compare-{reference}-{NEW_ID}" / "index.html"
    assert compare.is_file(), sorted(p.name for p in (site / "sources").iterdir())
    assert "Markets in the region reacted calmly" in compare.read_text(encoding="utf-8")

    comparisons = json.loads((site / "data" / "comparison.json").read_text(encoding="utf-8"))["comparisons"]
    ours = [c for c in comparisons if c["b"] == NEW_ID]
    assert len(ours) == 1 and ours[0]["a"] == reference
    paired = [p["b"]["text"] for p in ours[0]["pairs"] if p.get("b")]
    unpaired = [b["text"] for b in ours[0]["unmatched"][NEW_ID]]
    assert sorted(paired + unpaired) == sorted(ARTICLE_LINES[1:])  # every body line once; boilerplate is not body
    assert ARTICLE_LINES[5] in unpaired
    kinds = {p["class"] for p in ours[0]["pairs"] if p.get("b") and p["b"]["text"] == ARTICLE_LINES[2]}
    assert kinds == {"identical"}

    index = (site / "sources" / "index.html").read_text(encoding="utf-8")
    assert "A Wire Service" in index


def seeds_state(root: Path) -> dict[str, str]:
    return projcopy.tree(root / "seeds")


@pytest.mark.parametrize(
    ("case", "content", "args", "exit_code", "message"),
    [
        ("bad id", "ok", ["--id", "Wire_Copy"], 2, "argument --id: 'Wire_Copy' is not a valid id"),
        ("taken id", "ok", ["--id", "moscow-times-wire"], 2, "a source with id 'moscow-times-wire' already exists"),
        ("bad date", "ok", ["--date", "2025-02-30"], 2, "argument --date: '2025-02-30' is not a date"),
        ("bad url", "ok", ["--url", "example.com"], 2, "argument --url: 'example.com' is not a web address"),
        ("binary", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", [], 1, ":1:1: error: this is a binary file, not text"),
        ("empty", b"", [], 1, ":1:1: error: the file is empty"),
        (
            "cp1252",
            "Caf\u00e9 talks \u201cresume\u201d today.\n".encode("cp1252"),
            [],
            1,
            ":1:4: error: not UTF-8 text (it looks like Windows-1252): byte 0xe9",
        ),
        ("no paragraphs", "Share and Follow\n", [], 1, "has no paragraphs"),
        ("missing", None, [], 1, ":1:1: error: no such file"),
        ("folder", "folder", [], 1, ":1:1: error: is a folder, not an article"),
        ("same name", "ok", ["--same-name"], 1, "already exists"),
    ],
)
def test_refused_add_leaves_seeds_unchanged(
    project: Path, tmp_path: Path, case: str, content: str | bytes | None, args: list[str], exit_code: int, message: str
) -> None:
    root = project
    before = seeds_state(root)
    name = "000_a19ae72b406553ce.txt" if "--same-name" in args else "new.txt"
    new = tmp_path / "incoming" / name
    new.parent.mkdir()
    if content == "ok":
        new.write_bytes(article_bytes())
    elif content == "folder":
        new.mkdir()
    elif content is not None:
        new.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    options = [a for a in args if a != "--same-name"]
    if "--id" not in options:
        options += ["--id", NEW_ID]
    code, out, err = add(root, new, "--outlet", "Somebody", *options)
    assert code == exit_code, out + err
    assert message in err, err
    assert "Traceback" not in out + err
    assert re.search(r"^    hint: \S", err, re.M), err
    assert seeds_state(root) == before


def test_add_a_file_already_in_seeds(project: Path) -> None:
    """An editor who dropped the file into seeds/ first can still add it."""
    root = project
    inside = root / "seeds" / "dropped.txt"
    inside.write_bytes(article_bytes())
    code, out, err = add(root, inside, "--id", NEW_ID, "--outlet", "Somebody")
    assert code == 0, out + err
    assert inside.read_bytes() == article_bytes()
    assert yaml.safe_load((root / "seeds" / "sources.yml").read_bytes())["sources"][-1]["file"] == "dropped.txt"


def test_sources_yml_comments_survive_a_second_add(project: Path, tmp_path: Path) -> None:
    root = project
    yml = root / "seeds" / "sources.yml"
    original = yml.read_text(encoding="utf-8")
    for n in (1, 2):
        new = tmp_path / f"wire{n}.txt"
        new.write_bytes(article_bytes())
        code, out, err = add(root, new, "--id", f"{NEW_ID}-{n}", "--outlet", f"Wire {n}")
        assert code == 0, out + err
    text = yml.read_text(encoding="utf-8")
    assert text.startswith(original)
    assert [s["id"] for s in yaml.safe_load(text)["sources"]][-2:] == [f"{NEW_ID}-1", f"{NEW_ID}-2"]
