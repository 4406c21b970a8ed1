"""`citekit check` findings and provenance notes, against reviewed expected outputs.

The expected provenance notes in tests/fixtures/provenance/ were written by citekit and read
line by line against the record (every fact, line number, the registry's archive and the
file's sha256, computed independently below); a change to them is a reviewed change.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import FIXTURES, SEED

from citekit.archives import archives, match_archive, public_url
from citekit.cli import main

CHECK = FIXTURES / "check"
PROV = FIXTURES / "provenance"


def run(*args: str) -> tuple[int, str, str]:
    r = CliRunner().invoke(main, list(args))
    return r.exit_code, r.stdout, r.stderr


def test_check_findings_for_every_kind() -> None:
    code, out, _ = run("check", "--json", str(CHECK))
    assert code == 1  # missing core fields are errors
    got = {(Path(f["file"]).name, f["line"], f["level"], f["code"]) for f in json.loads(out)}
    assert got == {
        ("amae-ambiguous.txt", 6, "warning", "ambiguous-archive"),
        ("missing-fields.txt", 6, "error", "missing-field"),
        ("odd-pages.json", None, "warning", "odd-pages"),
        ("title-mismatch-unknown-archive.txt", 2, "warning", "title-mismatch"),
        ("title-mismatch-unknown-archive.txt", 6, "info", "unknown-archive"),
        ("translation-no-translator.txt", 11, "warning", "translation-without-translator"),
    }
    messages = [f["message"] for f in json.loads(out) if f["code"] == "missing-field"]
    assert messages == ["no archive", "no shelfmark", "no URL"]


def test_check_seed_flags_the_staging_host_and_names_the_public_url() -> None:
    code, out, _ = run("check", str(SEED))
    assert code == 0
    assert out.strip() == (
        f"{SEED}:11: warning: the URL is on a staging or mirror host; the public URL is "
        "https://digitalarchive.wilsoncenter.org/document/118188 [staging-url]"
    )


def test_check_duplicates_and_date_disagreement_and_strict(tmp_path: Path) -> None:
    shutil.copy(SEED, tmp_path / "a.txt")
    text = SEED.read_text(encoding="utf-8").replace("**April 26, 1962**", "**April 27, 1962**")
    (tmp_path / "b.txt").write_text(text, encoding="utf-8")
    code, out, _ = run("check", str(tmp_path))
    assert code == 0
    assert f"{tmp_path / 'b.txt'}:3: warning: the header says 'April 27, 1962' but the " in out
    assert f"the same document (shelfmark and date) as {tmp_path / 'a.txt'} [duplicate]" in out
    code, _, _ = run("check", "--strict", str(tmp_path))
    assert code == 1


@pytest.mark.parametrize("fmt", ["text", "markdown", "html", "json"])
def test_provenance_golden(fmt: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(PROV)
    code, out, _ = run("provenance", "seed.txt", "--format", fmt, "--accessed", "2026-11-28")
    assert code == 0
    assert out == (PROV / f"seed.{fmt}").read_text(encoding="utf-8")


def test_provenance_facts_are_true_to_the_file() -> None:
    code, out, _ = run("provenance", str(SEED), "--format", "json")
    assert code == 0
    (note,) = json.loads(out)
    assert note["source"]["sha256"] == hashlib.sha256(SEED.read_bytes()).hexdigest()
    assert note["source"]["size"] == SEED.stat().st_size
    lines = SEED.read_text(encoding="utf-8").split("\n")
    for fact in note["facts"]:
        if fact["field"] in ("title", "URL", "original_language", "funders"):
            assert fact["text"][:20] in lines[fact["line"] - 1] or fact["field"] == "funders"
    assert note["holding"]["name"].startswith("Archive of the Ministry of Foreign Affairs")
    assert note["accessed"] is None  # no clock unless asked


def test_html_provenance_escapes_values(tmp_path: Path) -> None:
    rec = SEED.read_text(encoding="utf-8").replace(
        "Translated by Charles Kraus", "Translated by Charles <b>Kraus</b>"
    )
    (tmp_path / "x.txt").write_text(rec, encoding="utf-8")
    code, out, _ = run("provenance", str(tmp_path / "x.txt"), "--format", "html")
    assert code == 0 and "<b>Kraus" not in out and "&lt;b&gt;Kraus" in out


def test_registry_resolves_shared_and_unknown_abbreviations() -> None:
    assert len({a.name for a in archives()}) >= 30
    assert match_archive("AMAE, Fond 71", context="Romanian").archive is not None
    assert match_archive("AMAE, Fond 71", context="Romanian").archive.city == "Bucharest"  # type: ignore[union-attr]
    assert match_archive("AMAE, dossier 3").status == "ambiguous"
    assert match_archive("QQQX 1-2").status == "unknown"
    assert match_archive("AP RF, f. 3").archive.city == "Moscow"  # type: ignore[union-attr]
    assert public_url("http://wilson-center.drivingcreative.com/document/5?x=1") == (
        "https://digitalarchive.wilsoncenter.org/document/5?x=1"
    )
    # a host is a host in any case; a host's name in the path is not the host
    assert public_url("HTTP://Wilson-Center.DrivingCreative.com/document/5") == (
        "https://digitalarchive.wilsoncenter.org/document/5"
    )
    assert public_url("https://example.org/wilson-center.drivingcreative.com/5") is None
    assert public_url("https://digitalarchive.wilsoncenter.org/document/5") is None


def test_custom_template(tmp_path: Path) -> None:
    t = tmp_path / "mine.txt.j2"
    t.write_text("{{ key }} | {{ holding.name }} | {{ source.sha256[:8] }}\n", encoding="utf-8")
    code, out, _ = run("provenance", str(SEED), "--template", str(t))
    assert code == 0
    assert out.strip() == (
        "ministry1962reporting | Archive of the Ministry of Foreign Affairs of the People's "
        "Republic of China | a2607a6a"
    )
    t.write_text("{{ nosuchvar }}", encoding="utf-8")
    code, _, err = run("provenance", str(SEED), "--template", str(t))
    assert code == 1 and "nosuchvar" in err
