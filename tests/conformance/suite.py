"""The conformance suite: which jobs citekit and citeproc-js both render, and how to compare.

Each (style, format) job cites every item of ``items.json`` as a reader would meet it: a
first note at page 11, an intervening note (another work), a subsequent note at page 11, the
same page again (ibid.), another page (ibid. with a locator); then the bibliography.
The expected strings in ``expected/`` come from ``../shared/oracle/csl-reference``
(citeproc-js); ``scripts/conformance.py --regen`` writes them, and nothing else does.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
STYLES = (
    "chicago-notes-bibliography",
    "chicago-notes-bibliography-subsequent-ibid",
    "chicago-shortened-notes-bibliography",
    "chicago-author-date",
    "modern-language-association",
    "apa",
    "turabian-notes-bibliography",
)
FORMATS = ("text", "html")
FILLER = "westad2005global"


def items() -> list[dict[str, Any]]:
    """The suite's CSL-JSON items."""
    data: list[dict[str, Any]] = json.loads((HERE / "items.json").read_text(encoding="utf-8"))
    return data


def citations(ids: list[str]) -> list[list[dict[str, Any]]]:
    """The citation sequence: five notes per item, the second one citing another work."""
    out: list[list[dict[str, Any]]] = []
    for i in ids:
        out += [
            [{"id": i, "locator": "11", "label": "page"}],
            [{"id": FILLER if i != FILLER else ids[0]}],
            [{"id": i, "locator": "11", "label": "page"}],
            [{"id": i, "locator": "11", "label": "page"}],
            [{"id": i, "locator": "12", "label": "page"}],
        ]
    return out


def job(style: str, fmt: str, style_path: str | None = None) -> dict[str, Any]:
    """The job for one style and format (``style_path`` for the reference, which needs one)."""
    its = items()
    return {
        "style": style_path or style,
        "format": fmt,
        "items": its,
        "citations": citations([i["id"] for i in its]),
        "bibliography": True,
    }


def expected_path(style: str, fmt: str) -> Path:
    """Where the reference's answer for one job is kept."""
    return HERE / "expected" / f"{style}.{fmt}.json"


def normalise(slot: str, fmt: str) -> str:
    """What the issue allows to differ in HTML: the entry wrapper and entity spelling."""
    if fmt == "html":
        slot = re.sub(r'^<div class="csl-entry">(.*)</div>$', r"\1", slot.strip(), flags=re.S)
        slot = slot.replace("&#38;", "&amp;").replace("&#60;", "&lt;").replace("&#62;", "&gt;")
    return slot


def ledger() -> dict[str, str]:
    """Slots where citekit differs from the reference on purpose: slot id -> reason."""
    data: dict[str, str] = json.loads((HERE / "ledger.json").read_text(encoding="utf-8"))
    return {k: v for k, v in data.items() if not k.startswith("_")}


def slot_ids(style: str, fmt: str, n_cit: int, n_bib: int) -> list[str]:
    """Stable names for the slots of one job: ``style/fmt/c17`` or ``style/fmt/b3``."""
    return [f"{style}/{fmt}/c{i}" for i in range(n_cit)] + [
        f"{style}/{fmt}/b{i}" for i in range(n_bib)
    ]
