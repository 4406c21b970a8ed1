"""Archive-page records: every fixture read against its hand-written expected item."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from conftest import FIXTURES, SEED

from citekit.readers import read_paths

CASES = sorted((FIXTURES / "records" / "archive-page").glob("*.txt"))


def test_there_are_at_least_fifteen_record_fixtures() -> None:
    assert len(CASES) >= 15


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_record_reads_as_expected(path: Path) -> None:
    expected_path = path.with_suffix(".expected.json")
    assert expected_path.exists(), f"write {expected_path.name} by hand for this record"
    expected = json.loads(expected_path.read_text(encoding="utf-8"))
    result = read_paths([str(path)])
    assert not result.errors
    (item,) = result.items
    got = item.to_csl_json(with_facts=False)
    for key in ("type", "title", "archive", "archive_location", "page", "URL", "language"):
        assert got.get(key) == expected[key], key
    assert got.get("issued") == expected["issued"]
    for role in ("translator", "author", "recipient"):
        assert got.get(role, []) == expected.get(role, []), role
    assert item.original_language == expected["original_language"]
    assert list(item.funders) == expected["funders"]
    contributors = [[c.name.display, c.role] for c in item.contributors]
    assert contributors == expected.get("contributors", [])
    if "extra" in expected:
        assert dict(item.extra) == expected["extra"]
    if "notes" in expected:
        assert list(item.notes) == expected["notes"]
    codes = {d.code for d in result.diagnostics}
    for code in expected.get("warnings", []):
        assert code in codes


def test_seed_record_core_fields() -> None:
    (item,) = read_paths([str(SEED)]).items
    data = item.to_csl_json()
    assert data["title"] == (
        "Reporting the Contents of Vice Minister Zhang Hanfu's Discussion with the Soviet "
        "Ambassador on 24 April 1962"
    )
    assert data["issued"] == {"date-parts": [[1962, 4, 26]]}
    assert data["archive"] == "Wilson Center Digital Archive"
    assert data["archive_location"] == "PRC FMA 118-01154-07"
    assert data["page"] == "11-12"
    assert data["translator"] == [{"family": "Kraus", "given": "Charles"}]
    assert data["URL"] == "https://wilson-center-digital-archive.dvincitest.com/document/118188"
    assert data["author"] == [{"literal": "Ministry of Foreign Affairs"}]
    assert "Original Language: Chinese" in data["note"]
    assert "language" in data and data["language"] == "en"


def test_facts_name_their_source_lines() -> None:
    (item,) = read_paths([str(SEED)]).items
    lines = {f.field: f.line for f in item.facts}
    assert lines["title"] == 10
    assert lines["URL"] == 11
    assert lines["original_language"] == 23
    assert lines["author"] == 43


def test_keys_are_unique_in_one_batch(tmp_path: Path) -> None:
    a = tmp_path / "a.txt"
    b = tmp_path / "b.txt"
    a.write_bytes(SEED.read_bytes())
    b.write_bytes(SEED.read_bytes())
    keys = [i.key for i in read_paths([str(tmp_path)]).items]
    assert keys == ["ministry1962reporting", "ministry1962reporting-96b4"]  # by document, then path


def test_csl_json_reader_keeps_unknown_fields_and_case_of_ids(tmp_path: Path) -> None:
    p = tmp_path / "x.json"
    p.write_text(
        json.dumps(
            [
                {
                    "id": "Kraus1962A",
                    "type": "manuscript",
                    "title": "T",
                    "custom-thing": 3,
                    "issued": {"raw": "1962-04"},
                }
            ]
        )
    )
    result = read_paths([str(p)])
    (item,) = result.items
    assert item.id == "Kraus1962A" and item.key == "Kraus1962A"
    assert item.extra["custom-thing"] == "3"
    assert item.issued is not None and item.issued.parts == ((1962, 4),)


@pytest.mark.parametrize("alias_first", [True, False])
def test_csl_json_both_spellings_of_a_field_the_csl_name_wins(
    tmp_path: Path, alias_first: bool
) -> None:
    """A field under both spellings: the CSL name is used whichever comes first.

    "shortTitle" beside "title-short", as the engine and citeproc-js read them
    (FIX(input-aliases)); the other value is kept in extra, and a warning says so.
    """
    pairs = [("shortTitle", "Zotero's"), ("title-short", "CSL's")]
    data = {"id": "a", "type": "manuscript", "title": "T"}
    data.update(pairs if alias_first else pairs[::-1])
    p = tmp_path / "x.json"
    p.write_text(json.dumps([data]), encoding="utf-8")
    result = read_paths([str(p)])
    (item,) = result.items
    assert item.title_short == "CSL's"
    assert item.extra["shortTitle"] == "Zotero's"
    (warning,) = [d for d in result.diagnostics if "shortTitle" in d.message]
    assert "also given as title-short, which is used" in warning.message
    # alone, the alias is read as the field
    p.write_text(json.dumps([{"id": "a", "title": "T", "shortTitle": "S"}]), encoding="utf-8")
    assert read_paths([str(p)]).items[0].title_short == "S"


def test_a_folder_lists_its_records_as_pathlib_would(tmp_path: Path, monkeypatch: Any) -> None:
    """Folder listing (os.walk, for speed) names the same files, spelled the same, as the
    ``Path.rglob`` listing it replaced: hidden names skipped at any depth, unknown suffixes
    and links to folders left out, "." and "./x/" spelled as pathlib spells them."""
    from citekit.readers import INPUT_SUFFIXES, iter_paths

    for name in ("a/x.txt", "a/.hid/y.txt", ".h/z.txt", "b/c/w.JSON", "b/.q.txt", "b/c/n.pdf"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    (tmp_path / "top.bib").write_text("x", encoding="utf-8")
    (tmp_path / "link").symlink_to(tmp_path / "b")
    (tmp_path / "broken.txt").symlink_to(tmp_path / "missing")
    monkeypatch.chdir(tmp_path)

    def by_pathlib(p: str) -> list[str]:
        return sorted(
            str(f)
            for f in Path(p).rglob("*")
            if f.is_file()
            and f.suffix.lower() in INPUT_SUFFIXES
            and not any(part.startswith(".") for part in f.relative_to(p).parts)
        )

    for folder in (".", "./", str(tmp_path), str(tmp_path) + "/", "b", "./b/", "a/../b"):
        assert list(iter_paths([folder])) == by_pathlib(folder), folder
    assert list(iter_paths(["."])) == ["a/x.txt", "b/c/w.JSON", "top.bib"]
