"""Print citekit's agreement with citeproc-js on the conformance suite, per style and overall.

python scripts/conformance.py            # compare with the committed expected strings
python scripts/conformance.py --regen    # ask ../shared/oracle/csl-reference again (node)
python scripts/conformance.py -v         # also print every differing slot
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("suite", ROOT / "tests" / "conformance" / "suite.py")
assert _spec and _spec.loader
suite = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(suite)

# The reference engine: $CITEKIT_ORACLE, else ../shared beside the checkout.
ORACLE = Path(os.environ.get("CITEKIT_ORACLE", ROOT.parent / "shared" / "oracle" / "csl-reference"))


def regen() -> None:
    from citekit.engine.styles import resolve_style

    for style in suite.STYLES:
        for fmt in suite.FORMATS:
            job = suite.job(style, fmt, str(resolve_style(style).path))
            out = subprocess.run(
                [str(ORACLE)], input=json.dumps(job), capture_output=True, text=True, check=True
            )
            ref = json.loads(out.stdout)
            path = suite.expected_path(style, fmt)
            path.parent.mkdir(parents=True, exist_ok=True)
            data = {
                "engine": ref["engine"],
                "citations": ref["citations"],
                "bibliography": ref["bibliography"],
            }
            path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", "utf-8")
            print(f"wrote {path.relative_to(ROOT)}", file=sys.stderr)


def compare(verbose: bool) -> float:
    import citekit

    ledger = suite.ledger()
    total = same = 0
    for style in suite.STYLES:
        s_total = s_same = 0
        for fmt in suite.FORMATS:
            ref = json.loads(suite.expected_path(style, fmt).read_text("utf-8"))
            mine = citekit.process(suite.job(style, fmt))
            exp = ref["citations"] + ref["bibliography"]
            got = mine["citations"] + mine["bibliography"]
            ids = suite.slot_ids(style, fmt, len(ref["citations"]), len(ref["bibliography"]))
            for sid, a, b in zip(ids, exp, got + [""] * (len(exp) - len(got)), strict=True):
                s_total += 1
                ok = suite.normalise(a, fmt) == suite.normalise(b, fmt)
                s_same += ok
                if not ok and verbose:
                    tag = " (ledger)" if sid in ledger else ""
                    print(f"{sid}{tag}\n  reference: {a}\n  citekit:   {b}")
        total += s_total
        same += s_same
        print(f"{style:<45} {s_same:>5}/{s_total:<5} {100 * s_same / s_total:6.2f} %")
    print(f"{'overall':<45} {same:>5}/{total:<5} {100 * same / total:6.2f} %")
    print(f"ledger (differences kept on purpose): {len(ledger)} slots")
    return same / total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--regen", action="store_true")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    if args.regen:
        regen()
    compare(args.verbose)


if __name__ == "__main__":
    main()
