"""Hostile and malformed input: one clear line, exit 1, nothing read that was not given,
nothing damaged, no traceback."""

from __future__ import annotations

import contextlib
import json
import os
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SEED
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from citekit.errors import CitekitError
from citekit.readers import READERS, read_text
from citekit.textio import decode

SECRET = "TOP-SECRET-LOCAL-FILE-CONTENT"


def run(*args: str, input: str | None = None) -> tuple[int, str, str]:
    r = CliRunner().invoke(main_cli(), list(args), input=input)
    return r.exit_code, r.stdout, r.stderr


def main_cli():  # type: ignore[no-untyped-def]
    from citekit.cli import main

    return main


def one_line_error(err: str, name: str) -> None:
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert len(lines) == 1, err
    assert lines[0].startswith("citekit: error:") and name in lines[0]
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("name", "data", "says"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"  \n\n\t\n", "empty"),
        ("garbage.txt", bytes(range(256)) * 40, "binary"),
        ("broken.json", b'[{"id": "a", "title": ', "malformed JSON"),
        ("notitle.txt", b"**Summary:**\n\nNothing here.\n", "no title"),
        ("notcsl.json", b'"just a string"', "not CSL-JSON"),
        ("unknown.dat", b"hello there\nthis is prose", "not a format"),
        ("badbib.bib", b"@article{x, title = {unclosed\n", "BibTeX"),
    ],
)
def test_malformed_files_give_one_line_and_exit_1(
    tmp_path: Path, name: str, data: bytes, says: str
) -> None:
    p = tmp_path / name
    p.write_bytes(data)
    code, _, err = run("cite", str(p))
    assert code == 1
    one_line_error(err, name)
    assert says in err


def test_truncated_record_reads_what_is_there(tmp_path: Path) -> None:
    text = SEED.read_text(encoding="utf-8")
    p = tmp_path / "cut.txt"
    p.write_text(text[: text.index("Wilson Center Digital Archive, PRC")], encoding="utf-8")
    code, out, err = run("show", str(p))
    assert code == 0 and "Traceback" not in err
    assert "Reporting the Contents" in out


def test_large_file_is_refused_quickly_and_the_limit_is_configurable(tmp_path: Path) -> None:
    p = tmp_path / "huge.txt"
    with p.open("wb") as fh:
        fh.truncate(60 * 1024 * 1024)  # 60 MB (sparse)
    t = time.perf_counter()
    code, _, err = run("cite", str(p))
    assert time.perf_counter() - t < 5
    assert code == 1
    one_line_error(err, "huge.txt")
    assert "limit" in err and "CITEKIT_MAX_BYTES" in err
    small = tmp_path / "seed.txt"
    small.write_bytes(SEED.read_bytes())
    os.environ["CITEKIT_MAX_BYTES"] = "100"
    try:
        code, _, err = run("cite", str(small))
    finally:
        del os.environ["CITEKIT_MAX_BYTES"]
    assert code == 1 and "100-byte limit" in err


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_file_larger_than_its_stat_is_read_whole_and_held_to_the_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A named pipe's size reads 0: what it holds is read on past the size, to the limit.

    read_input reads a file's stat'ed size and one byte more, and only then the rest: a file
    that grew, or one whose size the system does not know (a pipe, /dev/stdin), is whole.
    """
    import threading

    from citekit.errors import InputError
    from citekit.textio import read_input

    data = SEED.read_bytes()

    def through_a_pipe(limit: str) -> object:
        pipe = tmp_path / f"record-{limit}.txt"
        os.mkfifo(pipe)
        monkeypatch.setenv("CITEKIT_MAX_BYTES", limit)

        def feed() -> None:
            with contextlib.suppress(BrokenPipeError), pipe.open("wb") as fh:
                fh.write(data)

        writer = threading.Thread(target=feed)
        writer.start()
        try:
            return read_input(str(pipe))
        except InputError as exc:
            return exc
        finally:
            with contextlib.suppress(OSError):  # a reader gone early: let the writer finish
                os.close(os.open(pipe, os.O_RDONLY | os.O_NONBLOCK))
            writer.join(timeout=5)

    whole = through_a_pipe(str(10 * len(data)))
    assert getattr(whole, "text", None) == data.decode("utf-8")
    refused = through_a_pipe(str(len(data) - 1))
    assert isinstance(refused, InputError) and "limit" in str(refused)


def test_json_nested_past_the_limit_is_refused_at_the_limit(tmp_path: Path) -> None:
    from citekit.readers.csl_json import MAX_DEPTH, _depth

    assert [_depth(v) for v in (1, [], [1], [[]], {"a": {"b": "c"}}, [[1], 2])] == [
        1, 1, 2, 2, 3, 3,
    ]  # fmt: skip
    # the item is one level, its lists `levels` more, the leaf inside them one more
    for levels, refused in ((MAX_DEPTH - 2, False), (MAX_DEPTH - 1, True)):
        note: object = "deepest"
        for _ in range(levels):
            note = [note]
        path = tmp_path / f"d{levels}.json"
        path.write_text(json.dumps({"id": "a", "type": "book", "title": "T", "x": note}))
        code, _, err = run("cite", str(path))
        assert (code == 1 and f"deeper than {MAX_DEPTH}" in err) is refused, err


def test_deeply_nested_and_enormous_json(tmp_path: Path) -> None:
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000)
    code, _, err = run("cite", str(deep))
    assert code == 1
    one_line_error(err, "deep.json")
    wide = tmp_path / "wide.json"
    wide.write_text(
        json.dumps([{"id": f"i{n}", "type": "book", "title": "T" * 50} for n in range(20_000)])
    )
    code, out, _ = run("export", str(wide), "--to", "csl-json")
    assert code == 0 and len(json.loads(out)) == 20_000


@pytest.mark.parametrize(
    "encoding",
    ["utf-8", "utf-8-sig", "utf-16", "cp1252"],
)
def test_encodings_and_line_endings(tmp_path: Path, encoding: str) -> None:
    text = SEED.read_text(encoding="utf-8").replace("Charles Kraus", "Jürgen Kraus")
    for newline in ("\n", "\r\n", "\r"):
        p = tmp_path / f"r-{encoding}-{len(newline)}-{ord(newline[0])}.txt"
        p.write_bytes(text.replace("\n", newline).encode(encoding))
        code, out, err = run("show", str(p))
        assert code == 0, err
        assert "translator: Kraus, Jürgen" in out
        assert ("Windows-1252" in err) == (encoding == "cp1252")


def _style_with(doctype: str, tmp_path: Path) -> Path:
    from citekit.engine.styles import resolve_style

    xml = resolve_style("apa").path.read_text(encoding="utf-8")
    xml = xml.replace('<?xml version="1.0" encoding="utf-8"?>', "", 1)
    p = tmp_path / "evil.csl"
    p.write_text(doctype + xml.replace("<title>", "<title>&x;", 1), encoding="utf-8")
    return p


def test_external_entity_never_reads_a_local_file(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET)
    style = _style_with(f'<!DOCTYPE style [<!ENTITY x SYSTEM "file://{secret}">]>', tmp_path)
    code, out, err = run("cite", str(SEED), "--style", str(style))
    assert code == 1 and SECRET not in out + err
    one_line_error(err, "evil.csl")


def test_entity_bomb_is_refused_fast(tmp_path: Path) -> None:
    bomb = '<!DOCTYPE style [<!ENTITY a "aaaaaaaaaa">' + "".join(
        f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(8)
    )
    bomb += '<!ENTITY x "&i;">]>'
    style = _style_with(bomb, tmp_path)
    t = time.perf_counter()
    code, _, err = run("cite", str(SEED), "--style", str(style))
    assert time.perf_counter() - t < 1.0
    assert code == 1
    one_line_error(err, "evil.csl")


def test_malformed_style_is_one_line(tmp_path: Path) -> None:
    p = tmp_path / "broken.csl"
    p.write_text("<style><citation>")
    code, _, err = run("cite", str(SEED), "--style", str(p))
    assert code == 1
    one_line_error(err, "broken.csl")


def _hostile_record(tmp_path: Path) -> Path:
    text = SEED.read_text(encoding="utf-8").replace(
        "Reporting the Contents of Vice Minister Zhang",
        "Reporting <script>alert(1)</script> & {Contents} 100% @Vice \\Minister_Zhang",
    )
    text = text.replace("Translated by Charles Kraus.", "Translated by Charles Kraus.\nTI  - x")
    p = tmp_path / "hostile.txt"
    p.write_text(text, encoding="utf-8")
    return p


def test_html_outputs_escape_field_values(tmp_path: Path) -> None:
    p = _hostile_record(tmp_path)
    for args in (
        ["cite", "--format", "html"],
        ["cite", "--notes", "--format", "html"],
        ["provenance", "--format", "html"],
    ):
        code, out, _ = run(*args, str(p))
        assert code == 0
        assert "<script>" not in out and "&lt;script&gt;" in out


def test_bibtex_escapes_specials_and_reads_back_identical(tmp_path: Path) -> None:
    p = _hostile_record(tmp_path)
    code, bib, _ = run("export", str(p), "--to", "biblatex")
    assert code == 0
    assert r"\{Contents\}" in bib and r"100\%" in bib and r"\textbackslash{}" in bib
    out = tmp_path / "x.bib"
    out.write_text(bib, encoding="utf-8")
    code, shown, _ = run("show", "--json", str(out))
    assert code == 0
    (back,) = json.loads(shown)
    (orig,) = json.loads(run("show", "--json", str(p))[1])
    assert back["title"] == orig["title"]


def test_ris_fields_cannot_be_split_by_newlines(tmp_path: Path) -> None:
    data = [
        {
            "id": "x",
            "type": "manuscript",
            "title": "Line one\nER  - \nTY  - JOUR",
            "abstract": "a\r\nb",
        }
    ]
    p = tmp_path / "x.json"
    p.write_text(json.dumps(data))
    code, ris, _ = run("export", str(p), "--to", "ris")
    assert code == 0
    tags = [line[:6] for line in ris.splitlines()]
    assert tags.count("TY  - ") == 1 and tags.count("ER  -") == 1
    assert "TI  - Line one ER  -  TY  - JOUR" in ris


def test_failed_write_leaves_existing_file_untouched(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    target.write_text("precious")
    code, _, _ = run("export", str(tmp_path / "missing.txt"), "--to", "csl-json", "-o", str(target))
    assert code == 1
    assert target.read_text() == "precious"
    assert [f.name for f in tmp_path.iterdir()] == ["out.json"]  # no temporary files left


def test_batch_writes_the_good_and_names_each_bad(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "good.txt").write_bytes(SEED.read_bytes())
    (tmp_path / "in" / "bad1.json").write_text("{")
    (tmp_path / "in" / "bad2.txt").write_text("")
    out = tmp_path / "refs.json"
    code, _, err = run("export", str(tmp_path / "in"), "--to", "csl-json", "-o", str(out))
    assert code == 1
    assert len(json.loads(out.read_text())) == 1
    assert "bad1.json" in err and "bad2.txt" in err


# -- fuzzing: the only outcomes are items or citekit's own error ----------------------------

RECORDISH = st.lists(
    st.sampled_from(
        [
            "**April 26, 1962**",
            "**Citation:**",
            "**Summary:**",
            "**Credits:**",
            '"',
            "“",
            '"Title", April 26, 1962, Wilson Center Digital Archive, PRC FMA 1-2, 3.',
            "Translated by A B and C D.",
            "<https://x.org/1>",
            "Obtained by",
            ", ",
            "c. ",
            "**Original Language:**",
            "Chinese",
            "**Contents:**",
            "Translation - English",
            "",
            "1962*",
            "\\*",
            "undated",
            "; and",
            "ll. 1-2",
            "[",
            "]",
            "Ministry of Foreign Affairs",
        ]
    ),
    max_size=30,
).map("\n".join)


def _outcome(text: str, name: str, fmt: str | None = None) -> None:
    try:
        tf = decode(text.encode("utf-8", "surrogatepass"), name)
        items, _ = read_text(tf, fmt)
    except CitekitError:
        return
    except UnicodeEncodeError:
        return
    for item in items:
        item.to_csl_json()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400), st.sampled_from([None, *sorted(READERS)]))
def test_fuzz_arbitrary_text_every_reader(text: str, fmt: str | None) -> None:
    _outcome(text, "fuzz.txt", fmt)


@settings(max_examples=200, deadline=None)
@given(RECORDISH)
def test_fuzz_near_valid_records(text: str) -> None:
    _outcome(text, "near.txt", "archive-page")


@settings(max_examples=100, deadline=None)
@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=20),
        lambda c: (
            st.lists(c, max_size=4)
            | st.dictionaries(
                st.sampled_from(
                    [
                        "id",
                        "type",
                        "title",
                        "author",
                        "issued",
                        "page",
                        "date-parts",
                        "family",
                        "literal",
                        "raw",
                        "note",
                    ]
                ),
                c,
                max_size=5,
            )
        ),
        max_leaves=20,
    )
)
def test_fuzz_near_valid_csl_json(value: object) -> None:
    _outcome(json.dumps(value), "near.json", "csl-json")
