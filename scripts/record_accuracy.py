"""Measure how many core fields citekit reads exactly from the record fixtures.

Each record ``tests/fixtures/records/<family>/<name>.txt`` has a hand-written
``<name>.expected.json``. The core fields are the ones a citation stands on: title, date,
archive, shelfmark, pages, translators, URL, author (issuer), recipient, type,
container-title and number. A field the expected item leaves out is expected to be absent.

    python scripts/record_accuracy.py             # every family except the held-out set
    python scripts/record_accuracy.py --heldout   # only tests/fixtures/records/heldout
    python scripts/record_accuracy.py -v          # also list each wrong field
    python scripts/record_accuracy.py --heldout --name 'late-*'   # some records only

The held-out records were written before the reader rules they measure and were not looked
at while the rules were written: their number is the honest one.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RECORDS = ROOT / "tests" / "fixtures" / "records"
#: Families that predate issue 13 (measured by tests/test_readers.py, not here).
OLD_FAMILIES = ("archive-page",)
HELDOUT = "heldout"

CORE_FIELDS = (
    "title",
    "issued",
    "archive",
    "archive_location",
    "page",
    "translator",
    "URL",
    "author",
    "recipient",
    "type",
    "container-title",
    "number",
)
_EMPTY: tuple[Any, ...] = (None, "", [], {})


def record_paths(heldout: bool = False) -> list[Path]:
    """The record fixtures of the main set, or of the held-out set."""
    if heldout:
        return sorted((RECORDS / HELDOUT).glob("*.txt"))
    return sorted(
        p for p in RECORDS.glob("*/*.txt") if p.parent.name not in (*OLD_FAMILIES, HELDOUT)
    )


def read_record(path: Path) -> tuple[dict[str, Any], Any, list[Any]]:
    """Read one record the way the command line does: (CSL-JSON, item, diagnostics)."""
    import citekit

    result = citekit.read([str(path)])
    if result.errors or not result.items:
        return {}, None, list(result.errors)
    (item,) = result.items
    return item.to_csl_json(with_facts=False), item, list(result.diagnostics)


def compare(path: Path) -> dict[str, tuple[bool, Any, Any]]:
    """For each core field of one record: (exact?, expected, got)."""
    expected = json.loads(path.with_suffix(".expected.json").read_text(encoding="utf-8"))
    got, _, _ = read_record(path)
    out = {}
    for field in CORE_FIELDS:
        want = expected.get(field)
        have = got.get(field)
        if want in _EMPTY and have in _EMPTY:
            out[field] = (True, want, have)
        else:
            out[field] = (want == have, want, have)
    return out


def measure(paths: list[Path], verbose: bool = False) -> dict[str, Any]:
    """Per-field and overall share of exact core fields, and the issuer count."""
    per_field = {f: [0, 0] for f in CORE_FIELDS}
    issuers = [0, 0]
    wrong: list[str] = []
    for path in paths:
        result = compare(path)
        for field, (ok, want, have) in result.items():
            per_field[field][1] += 1
            per_field[field][0] += ok
            if not ok:
                wrong.append(
                    f"{path.parent.name}/{path.stem}: {field}: want {want!r}, got {have!r}"
                )
        if result["author"][1] not in _EMPTY:
            issuers[1] += 1
            issuers[0] += result["author"][0]
    exact = sum(v[0] for v in per_field.values())
    total = sum(v[1] for v in per_field.values())
    return {
        "records": len(paths),
        "per_field": per_field,
        "exact": exact,
        "total": total,
        "issuers": issuers,
        "wrong": wrong if verbose else [],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--heldout", action="store_true", help="measure the held-out set")
    parser.add_argument("-v", "--verbose", action="store_true", help="list each wrong field")
    parser.add_argument("--name", default="*", help="only records whose file name matches")
    args = parser.parse_args(argv)
    paths = [p for p in record_paths(args.heldout) if p.match(f"{args.name}.txt")]
    report = measure(paths, args.verbose)
    name = "held-out" if args.heldout else "main"
    print(f"{name} set: {report['records']} records")
    for field, (ok, n) in report["per_field"].items():
        print(f"  {field:<16} {ok:>3}/{n:<3} {100 * ok / n:6.1f} %")
    print(
        f"overall: {report['exact']}/{report['total']} core fields exact "
        f"({100 * report['exact'] / report['total']:.1f} %)"
    )
    found, named = report["issuers"]
    print(f"issuer: {found}/{named} records whose title or signature names one")
    for line in report["wrong"]:
        print("  wrong: " + line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
