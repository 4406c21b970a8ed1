"""The command line, run in-process: outputs, errors and exit statuses."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import SEED

from citekit.cli import main

CHICAGO_BIB = (
    "Ministry of Foreign Affairs. “Reporting the Contents of Vice Minister Zhang Hanfu’s "
    "Discussion with the Soviet Ambassador on 24 April 1962.” Translated by Charles Kraus. "
    "April 26, 1962. PRC FMA 118-01154-07, pp. 11–12. Wilson Center Digital Archive. "
    "https://digitalarchive.wilsoncenter.org/document/118188."
)


def run(*args: str, input: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), input=input)
    return result.exit_code, result.stdout, result.stderr


def test_cite_prints_the_chicago_bibliography_entry() -> None:
    # Expected string: citeproc-js (../shared/oracle) on the same item and style, see
    # tests/conformance; every part the issue names is in it.
    code, out, err = run("cite", str(SEED))
    assert code == 0, err
    assert out.strip() == CHICAGO_BIB


def test_cite_without_paths_uses_documents_folder(tmp_path: Path) -> None:
    (tmp_path / "documents").mkdir()
    shutil.copy(SEED, tmp_path / "documents" / SEED.name)
    code, out, _ = run("cite")
    assert code == 0 and out.strip() == CHICAGO_BIB


def test_cite_without_paths_or_documents_uses_the_bundled_example() -> None:
    code, out, _ = run("cite")
    assert code == 0 and "PRC FMA 118-01154-07" in out


def test_cite_notes_mla_apa_and_html() -> None:
    code, out, _ = run("cite", str(SEED), "--notes")
    assert code == 0 and out.startswith("Ministry of Foreign Affairs, “Reporting")
    code, out, _ = run("cite", str(SEED), "--style", "apa")
    assert code == 0 and "(C. Kraus, Trans.; pp. 11–12)" in out
    code, out, _ = run("cite", str(SEED), "--style", "mla", "--format", "html")
    assert code == 0 and out.startswith('<div class="csl-entry">Ministry of Foreign Affairs.')


def test_renamed_style_ids_resolve() -> None:
    code, out, _ = run("cite", str(SEED), "--style", "chicago-fullnote-bibliography")
    assert code == 0 and out.strip() == CHICAGO_BIB


def test_export_csl_json_gives_the_issue_fields() -> None:
    code, out, _ = run("export", str(SEED), "--to", "csl-json")
    assert code == 0
    (item,) = json.loads(out)
    assert item["issued"] == {"date-parts": [[1962, 4, 26]]}
    assert item["archive"] == "Wilson Center Digital Archive"
    assert item["archive_location"] == "PRC FMA 118-01154-07"
    assert item["page"] == "11-12"
    assert item["translator"] == [{"family": "Kraus", "given": "Charles"}]
    assert item["URL"] == "https://digitalarchive.wilsoncenter.org/document/118188"
    assert "Pages: 11-12" in item["note"]


def test_provenance_names_checksum_archive_and_chain() -> None:
    code, out, _ = run("provenance", str(SEED))
    assert code == 0
    assert "a2607a6a5b7f1ea87ee5b8ca7f7f6c387388617a17fd3f87de195ab52bd28487" in out
    assert "Ministry of Foreign Affairs of the People's Republic of China, Beijing" in out
    assert "Charles Kraus" in out and "Chinese" in out and "MacArthur Foundation" in out
    assert "https://wilson-center-digital-archive.dvincitest.com/document/118188" in out


def test_show_and_styles() -> None:
    code, out, _ = run("show", str(SEED))
    assert code == 0 and "archive_location: PRC FMA 118-01154-07" in out
    code, out, _ = run("show", str(SEED), "--json")
    assert code == 0 and json.loads(out)[0]["citekit"]["facts"]
    code, out, _ = run("styles")
    assert code == 0 and "chicago-notes-bibliography" in out
    code, out, _ = run("styles", "turabian notes")
    assert code == 0 and "turabian-notes-bibliography" in out


def test_missing_file_is_one_line_exit_1() -> None:
    code, _, err = run("cite", "nope.txt")
    assert code == 1
    assert err.strip() == "citekit: error: nope.txt: no such file (hint: check the path)"
    assert "Traceback" not in err


def test_batch_reports_each_bad_file_and_carries_on(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02" * 50)
    shutil.copy(SEED, tmp_path / "good.txt")
    code, out, err = run("cite", str(tmp_path))
    assert code == 1
    assert "PRC FMA 118-01154-07" in out
    lines = [ln for ln in err.splitlines() if ln.startswith("citekit: error:")]
    assert len(lines) == 2
    assert any("empty.txt" in ln and "empty" in ln for ln in lines)
    assert any("bin.txt" in ln and "binary" in ln for ln in lines)


def test_unknown_style_exit_1_with_suggestions() -> None:
    code, _, err = run("cite", str(SEED), "--style", "chicago-notes-bibliograph")
    assert code == 1
    assert "unknown style" in err and "chicago-notes-bibliography" in err


def test_usage_error_keeps_click_exit_2() -> None:
    code, _, _ = run("cite", "--format", "pdf")
    assert code == 2


def test_output_is_written_atomically_and_never_over_an_input(tmp_path: Path) -> None:
    target = tmp_path / "refs.json"
    code, _, _ = run("export", str(SEED), "--to", "csl-json", "-o", str(target))
    assert code == 0 and json.loads(target.read_text())[0]["page"] == "11-12"
    copy = tmp_path / "in.txt"
    shutil.copy(SEED, copy)
    before = copy.read_bytes()
    code, _, err = run("export", str(copy), "--to", "ris", "-o", str(copy))
    assert code == 1 and "refusing to write over an input file" in err
    assert copy.read_bytes() == before


def test_process_job_from_stdin() -> None:
    job = {
        "style": "chicago-ibid",
        "format": "text",
        "items": [
            {
                "id": "Doc1",
                "type": "manuscript",
                "title": "Cable",
                "archive": "A",
                "translator": [{"family": "Kraus", "given": "Charles"}],
            }
        ],
        "citations": [
            [{"id": "Doc1", "locator": "3", "label": "page"}],
            [{"id": "Doc1", "locator": "3", "label": "page"}],
        ],
    }
    code, out, err = run("process", "-", input=json.dumps(job))
    assert code == 0, err
    data = json.loads(out)
    assert data["citations"][1] == "Ibid."


def test_process_missing_item_is_an_error() -> None:
    job = {"style": "apa", "items": [], "citations": [[{"id": "gone"}]]}
    code, _, err = run("process", "-", input=json.dumps(job))
    assert code == 1 and "'gone'" in err


def test_items_a_style_leaves_out_of_its_bibliography_print_their_note() -> None:
    from conftest import FIXTURES

    record = FIXTURES / "records/archive-page/no-citation-section.txt"
    code, out, err = run("cite", str(record))
    assert code == 0
    assert out.startswith("Polish Embassy in Beijing, “Telegram from the Polish Embassy")
    assert "leaves this item out of its bibliography" in err


def _many_records(folder: Path, n: int) -> None:
    text = SEED.read_text(encoding="utf-8")
    for i in range(n):
        (folder / f"r{i:04d}.txt").write_text(
            text.replace("Reporting the Contents", f"Report {i} on the Contents"), encoding="utf-8"
        )


def test_progress_bar_on_a_terminal_only_and_never_with_quiet(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from citekit.cli import progress

    _many_records(tmp_path, 120)  # 120 files to read, 240 pieces to render
    piped = CliRunner().invoke(main, ["cite", str(tmp_path)])
    assert piped.exit_code == 0 and "Rendering" not in piped.stderr
    monkeypatch.setattr(progress, "stderr_is_terminal", lambda: True)
    shown = CliRunner().invoke(main, ["cite", str(tmp_path)])
    assert shown.exit_code == 0
    assert "Rendering" in shown.stderr and "100%" in shown.stderr
    assert "Reading" not in shown.stderr  # 120 files: quick, no bar
    assert shown.stdout == piped.stdout  # the bar never touches the output
    quiet = CliRunner().invoke(main, ["--quiet", "cite", str(tmp_path)])
    assert quiet.exit_code == 0 and "Rendering" not in quiet.stderr


def _record(title: str, number: int) -> str:
    """The seed record with another title and another document number (URL)."""
    text = SEED.read_text(encoding="utf-8").replace(
        "Reporting the Contents of Vice Minister Zhang Hanfu", title
    )
    return text.replace("118188", str(number))


def test_keys_depend_on_the_document_alone(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    shutil.copy(SEED, folder / "zz-seed.txt")
    (folder / "m-other.txt").write_text(_record("Reporting the Border Talks", 4), "utf-8")
    code, out, err = run("keys", str(folder), "--json")
    assert code == 0, err
    before = {r["file"].rsplit("/", 1)[1]: r["key"] for r in json.loads(out)}
    # Same formula: the document whose identity hash sorts first keeps the bare key.
    assert before == {
        "zz-seed.txt": "ministry1962reporting-96b4",
        "m-other.txt": "ministry1962reporting",
    }
    # Other records, some sorting before these files, some with keys of their own: the
    # keys already given do not move.
    (folder / "a-first.txt").write_text(_record("Notes on Something Else", 5), "utf-8")
    (folder / "b.json").write_text(json.dumps([{"id": "ministry1962", "title": "X"}]))
    code, out, _ = run("keys", str(folder), "--json")
    after = {r["file"].rsplit("/", 1)[1]: r["key"] for r in json.loads(out)}
    assert {f: after[f] for f in before} == before
    assert after["a-first.txt"] == "ministry1962notes" and after["b.json"] == "ministry1962"


def test_keys_never_from_the_translator_mojibake_or_a_given_name(tmp_path: Path) -> None:
    unsigned = tmp_path / "u.json"
    unsigned.write_text(
        json.dumps(
            [
                {
                    "type": "manuscript",
                    "title": "The Cable about Trade",
                    "issued": {"date-parts": [[1984]]},
                    "translator": [{"family": "Kato", "given": "Tomoko"}],
                },
                {
                    "type": "manuscript",
                    "title": "Letter",
                    "issued": {"date-parts": [[1984]]},
                    "author": [{"given": "Tomoko"}, {"family": "KatÅ\x8d", "given": "T."}],
                },
            ]
        ),
        "utf-8",
    )
    code, out, err = run("keys", str(unsigned), "--json")
    assert code == 0, err
    assert [r["key"] for r in json.loads(out)] == ["cable1984trade", "kato1984letter"]


def test_keys_pinned_in_a_keys_file_and_in_the_input(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    shutil.copy(SEED, folder / "seed.txt")
    code, out, err = run("keys", str(folder), "--pin")
    assert code == 0 and "pinned 1 keys in" in err
    pins = (folder / "citekit.keys").read_text("utf-8")
    assert "ministry1962reporting\t" in pins
    (folder / "citekit.keys").write_text(pins.replace("ministry1962reporting\t", "zhang62\t"))
    code, out, _ = run("keys", str(folder))
    assert out.startswith("zhang62 ")
    code, out, _ = run("export", str(folder), "--to", "csl-json", "-o", str(tmp_path / "r.json"))
    # A key in the input wins over the formula when the export is read back.
    code, out, _ = run("keys", str(tmp_path / "r.json"), "--json")
    assert json.loads(out)[0]["key"] == "zhang62"


def test_styles_search_words_acronyms_and_aliases() -> None:
    code, out, _ = run("styles", "chicago", "notes")  # the example in its own help
    assert code == 0 and out.startswith("chicago-notes-bibliography ")
    assert "(alias: chicago, chicago-notes)" in out.splitlines()[0]
    code, out, _ = run("styles", "mla")
    assert code == 0 and out.startswith("modern-language-association ")
    code, out, _ = run("styles", "modern language association")
    assert "modern-language-association " in out


def test_quiet_and_verbose_after_the_command_and_repeated_warnings_summarised(
    tmp_path: Path,
) -> None:
    text = SEED.read_text("utf-8").replace("https://wilson-center-digital-archive", "x")
    text = "\n".join(ln for ln in text.splitlines() if "wilson" not in ln.lower())
    for i in range(8):
        (tmp_path / f"r{i}.txt").write_text(text.replace("118188", str(i)), "utf-8")
    code, _, err = run("cite", str(tmp_path))
    assert code == 0
    summary = [ln for ln in err.splitlines() if "(x 8)" in ln]
    assert summary and all(ln.endswith("; --verbose for all") for ln in summary)
    assert f"first in {tmp_path / 'r0.txt'}" in summary[0]
    _, _, err_v = run("cite", str(tmp_path), "--verbose")
    assert "(x 8)" not in err_v and err_v.count("r7.txt") >= 1
    code, _, err_q = run("cite", str(tmp_path), "-q")
    assert code == 0 and err_q == ""


def test_a_markdown_notes_file_is_no_record(tmp_path: Path) -> None:
    notes = tmp_path / "notes.md"
    notes.write_text("# My notes\n\nThoughts on the crisis [@kim1949letter].\n")
    code, out, err = run("cite", str(notes))
    assert code == 1 and out == ""
    assert f"{notes}: a Markdown file that is not an archive record" in err
    assert "citekit render" in err


def test_shell_completion_offers_style_aliases(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("_CITEKIT_COMPLETE", "bash_complete")
    monkeypatch.setenv("COMP_WORDS", "citekit cite --style chicago-i")
    monkeypatch.setenv("COMP_CWORD", "3")
    r = CliRunner().invoke(main, [], prog_name="citekit")
    assert "plain,chicago-ibid" in r.stdout.splitlines()


def test_export_watch_rewrites_the_output_when_a_record_changes(tmp_path: Path) -> None:
    import threading
    import time

    folder = tmp_path / "docs"
    folder.mkdir()
    record = folder / "a.txt"
    shutil.copy(SEED, record)
    out = tmp_path / "refs.bib"
    done: dict[str, Any] = {}

    def watch() -> None:
        done["r"] = CliRunner().invoke(
            main,
            ["export", str(folder), "--to", "bibtex", "-o", str(out), "--watch",
             "--watch-limit", "1"],
        )  # fmt: skip

    thread = threading.Thread(target=watch, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not out.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert "Reporting the Contents" in out.read_text("utf-8")
    # Edit until the watcher (started just after the first write) sees an edit: bounded.
    n = 0
    while thread.is_alive() and time.monotonic() < deadline:
        n += 1
        text = SEED.read_text("utf-8").replace("Reporting the Contents", f"Reporting Edit {n}")
        record.write_text(text, "utf-8")
        thread.join(0.5)
    assert not thread.is_alive()
    assert "Reporting Edit" in out.read_text("utf-8")
    err = done["r"].stderr
    assert done["r"].exit_code == 0, err
    assert f"citekit: rewrote {out} (1 items) after a change to a.txt" in err
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]  # atomic writes


def test_watch_needs_an_output_file(tmp_path: Path) -> None:
    code, _, err = run("export", str(SEED), "--to", "ris", "--watch")
    assert code == 2 and "--watch needs -o FILE" in err


def test_cite_prints_the_bibliography_in_the_styles_order(tmp_path: Path) -> None:
    # The order and numbers are citeproc-js's (../shared/oracle on these items): MLA sorts by
    # author, IEEE numbers in input order with the number set off by a space.
    items = [
        {"id": "z", "type": "book", "title": "Last", "author": [{"family": "Zed", "given": "Q"}]},
        {"id": "a", "type": "book", "title": "First", "author": [{"family": "Abel", "given": "A"}]},
    ]
    path = tmp_path / "items.json"
    path.write_text(json.dumps(items), encoding="utf-8")
    code, out, err = run("cite", str(path), "--style", "modern-language-association")
    assert code == 0, err
    assert out.splitlines() == ["Abel, A. First.", "Zed, Q. Last."]
    code, out, err = run("cite", str(path), "--style", "ieee")
    assert code == 0, err
    assert out.splitlines() == ["[1] Q. Zed, Last.", "[2] A. Abel, First."]
