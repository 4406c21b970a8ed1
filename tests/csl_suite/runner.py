"""Run the official CSL processor test suite through citekit, as the suite's own runner does.

The fixtures (``processor-tests/humans/*.txt``) are read from the shared copy beside the
repository (``../shared/csl-test-suite``, or ``$CITEKIT_CSL_SUITE``); they are never copied
into the project. Each fixture becomes one citekit job and its output is compared with the
fixture's ``RESULT`` exactly (after newline normalisation only), as citeproc-test-runner does:

- ``CITATION-ITEMS``: one citation per line, each cluster made as citeproc-js's
  ``makeCitationCluster`` makes it: every item of the fixture is known to the engine, but a
  cluster has no position in a document (so each cite is first unless it gives its
  ``position``, ``near-note`` and ``first-reference-note-number``, which the job then takes).
- ``CITATIONS``: the calls build a document (each call inserts a citation between the
  ``citationsPre`` and ``citationsPost`` it names, with their note numbers); the result lists
  the document's citations in order, ``>>[i] `` for those the last call rendered anew (new or
  changed text) and ``..[i] `` for the others.
- neither: one citation citing every item.
- ``MODE`` bibliography: ``<div class="csl-bib-body">`` with one ``  <div class="csl-entry">``
  line per entry; the bibliography holds every item, or, with ``CITATIONS``, the cited ones.

citekit is driven through its engine's job types only (``render``, ``Cite``, ``Cluster``; see
:func:`engine`). What a fixture needs that the job cannot say (abbreviations, ...) is
recorded in the fixture's ``gaps``; the fixture is still run and, where the missing piece
matters, fails.

    python tests/csl_suite/runner.py                 # summary per category
    python tests/csl_suite/runner.py --update        # rewrite passing.txt and stock-only.txt
    python tests/csl_suite/runner.py -v 'collapse_*' # expected and actual of some fixtures
    python tests/csl_suite/runner.py --json out.json # every fixture's result, for analysis
"""

from __future__ import annotations

import argparse
import fnmatch
import importlib
import json
import os
import re
import signal
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType, ModuleType
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
PASSING = HERE / "passing.txt"
STOCK_ONLY = HERE / "stock-only.txt"
TIMEOUT = 10.0  # seconds per fixture: one hang must not stall CI
_CSL_NS = "{http://purl.org/net/xbiblio/csl}"

#: citeproc-js's position numbers (a fixture's cite may give one) as CSL names them.
_POSITIONS = {
    "0": "first",
    "1": "subsequent",
    "2": "ibid",
    "3": "ibid-with-locator",
    "first": "first",
    "subsequent": "subsequent",
    "ibid": "ibid",
    "ibid-with-locator": "ibid-with-locator",
}

#: Sections the job API has no way to express (citeproc-test-runner reads them).
_UNSUPPORTED_SECTIONS = (
    "ABBREVIATIONS",
    "BIBENTRIES",
    "BIBSECTION",
    "INPUT2",
    "LANGPARAMS",
    "MULTIAFFIX",
    "OPTIONS",
)


def engine() -> ModuleType:
    """citekit's CSL engine module (``render``, ``Cite``, ``Cluster``): the one import to change.

    ``citekit.engine.pipeline`` is the module :mod:`citekit.api` renders through.
    """
    return importlib.import_module("citekit.engine.pipeline")


def suite_dir() -> Path:
    """The ``csl-test-suite`` folder: ``$CITEKIT_CSL_SUITE`` or ``shared/`` beside a parent."""
    env = os.environ.get("CITEKIT_CSL_SUITE")
    if env:
        return Path(env)
    for parent in ROOT.parents:
        candidate = parent / "shared" / "csl-test-suite"
        if candidate.is_dir():
            return candidate
    return ROOT.parent / "shared" / "csl-test-suite"


def fixture_paths(folder: Path | None = None) -> list[Path]:
    """Every fixture file of ``processor-tests/humans``, by name."""
    base = (folder or suite_dir()) / "processor-tests" / "humans"
    return sorted(base.glob("*.txt"))


def baseline(folder: Path | None = None) -> dict[str, dict[str, str]]:
    """``baseline.json``'s statuses: fixture -> {"citeproc-js": ..., "citeproc-py-0.11.1": ...}."""
    data = json.loads(((folder or suite_dir()) / "baseline.json").read_text(encoding="utf-8"))
    fixtures: dict[str, dict[str, str]] = data["fixtures"]
    return fixtures


# --------------------------------------------------------------------------------------------
# Reading a fixture

_OPEN = re.compile(r"^.*>>=+\s([A-Z0-9-]+)\s.*=>>")
_CLOSE = re.compile(r"^.*<<=+\s([A-Z0-9-]+)\s.*=<<")
_JSON_SECTIONS = {
    "INPUT",
    "CITATION-ITEMS",
    "CITATIONS",
    "BIBENTRIES",
    "BIBSECTION",
    "ABBREVIATIONS",
    "OPTIONS",
    "LANGPARAMS",
    "MULTIAFFIX",
    "INPUT2",
}


@dataclass
class Fixture:
    """One fixture file, its sections parsed (JSON sections decoded)."""

    name: str
    sections: dict[str, Any]

    @property
    def mode(self) -> str:
        return str(self.sections["MODE"]).strip()

    @property
    def csl(self) -> str:
        return str(self.sections["CSL"])

    @property
    def items(self) -> list[dict[str, Any]]:
        """The ``INPUT`` items by id; one without an id gets its place as id (jobs need ids)."""
        by_id: dict[str, dict[str, Any]] = {}
        for n, item in enumerate(self.sections["INPUT"]):
            # citeproc-test-runner looks items up by id: of two with one id, the last wins.
            key = str(item["id"]) if "id" in item else str(n)
            by_id[key] = {**item, "id": item.get("id", key)}
        return list(by_id.values())

    @property
    def result(self) -> str:
        return str(self.sections.get("RESULT", ""))


def parse_fixture(path: Path) -> Fixture:
    """Read a fixture as citeproc-test-runner does: sections between open and close lines.

    Raises:
        ValueError: a section is opened inside another or closed by the wrong name.
    """
    raw = path.read_text(encoding="utf-8-sig")
    sections: dict[str, list[str]] = {}
    current: str | None = None
    for line in re.split(r"\r\n|\n", raw):
        if (m := _OPEN.match(line)) is not None:
            if current is not None:
                raise ValueError(f"{path.name}: {m.group(1)} opened inside {current}")
            current = m.group(1)
            sections[current] = []
        elif (m := _CLOSE.match(line)) is not None:
            if m.group(1) != current:
                raise ValueError(f"{path.name}: {m.group(1)} closed, {current} open")
            current = None
        elif current is not None:
            sections[current].append(line)
    parsed: dict[str, Any] = {}
    for key, lines in sections.items():
        text = "\n".join(lines)
        parsed[key] = json.loads(text) if key in _JSON_SECTIONS else text
    return Fixture(path.stem, parsed)


# --------------------------------------------------------------------------------------------
# Turning a fixture into citekit jobs


@dataclass
class Outcome:
    """What citekit made of one fixture."""

    name: str
    passed: bool
    expected: str
    actual: str
    error: str | None = None  # an exception or a timeout, instead of output
    gaps: list[str] = field(default_factory=list)  # what the job API could not say
    seconds: float = 0.0


class _Timeout(Exception):
    pass


@contextmanager
def _time_limit(seconds: float) -> Iterator[None]:
    """Raise :class:`_Timeout` in this (main) thread after ``seconds``; a no-op elsewhere."""
    if seconds <= 0 or not hasattr(signal, "setitimer"):
        yield
        return

    def _alarm(_signum: int, _frame: FrameType | None) -> None:
        raise _Timeout(f"no answer within {seconds:g} s")

    try:
        old = signal.signal(signal.SIGALRM, _alarm)
    except ValueError:  # not the main thread
        yield
        return
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def _has_sort(csl: str, area: str) -> bool:
    try:
        root = ET.fromstring(csl.encode("utf-8"))
    except ET.ParseError:
        return False
    el = root.find(f"{_CSL_NS}{area}")
    return el is not None and el.find(f"{_CSL_NS}sort") is not None


class _Job:
    """One fixture's citekit calls: the style file, the items, the cite conversion."""

    def __init__(self, fixture: Fixture, style_path: str) -> None:
        self.fixture = fixture
        self.style = style_path
        self.eng = engine()
        self.gaps: list[str] = []

    def gap(self, what: str) -> None:
        if what not in self.gaps:
            self.gaps.append(what)

    def cite(self, data: Mapping[str, Any], *, outside: bool = False) -> Any:
        """One cite of the fixture as a job's ``Cite``.

        ``outside``: the cite is rendered outside any document (``makeCitationCluster``),
        where citeproc-js finds no positions: a cite is where it says it is, else first.
        """
        for key in data:
            if key not in (
                "id",
                "position",
                "near-note",
                "first-reference-note-number",
                "locator",
                "label",
                "prefix",
                "suffix",
                "suppress-author",
                "author-only",
            ):
                self.gap(f"cite key {key!r}")
        locator = data.get("locator")
        has_locator = locator not in (None, "")
        placed: dict[str, Any] = {}
        if outside or "position" in data:
            position = _POSITIONS.get(str(data.get("position", 0)))
            if position is None:
                self.gap(f"position {data.get('position')!r}")
                position = "subsequent"
            first_note = data.get("first-reference-note-number")
            placed = {
                "position": position,
                "near_note": bool(data.get("near-note")),
                "first_note": int(first_note) if first_note else None,
            }
        return self.eng.Cite(
            id=str(data["id"]),
            locator=str(locator) if has_locator else None,
            label=str(data.get("label") or "page") if has_locator else None,
            prefix=data.get("prefix") or None,
            suffix=data.get("suffix") or None,
            suppress_author=bool(data.get("suppress-author")),
            author_only=bool(data.get("author-only")),
            **placed,
        )

    def render(
        self,
        items: Sequence[Mapping[str, Any]],
        clusters: Sequence[Any],
        *,
        bibliography: bool,
        registry: Sequence[str] | None = None,
    ) -> Any:
        kwargs = {} if registry is None else {"registry": registry}
        return self.eng.render(
            items,
            style=self.style,
            fmt="html",
            clusters=clusters,
            bibliography=bibliography,
            **kwargs,
        )

    # ----------------------------------------------------------------------------------------

    def run(self) -> str:
        fx = self.fixture
        for section in _UNSUPPORTED_SECTIONS:
            if section in fx.sections:
                self.gap(f"section {section}")
        mode = fx.mode.split("-")
        if mode[1:]:
            self.gap(f"mode {fx.mode}")
        if "CITATIONS" in fx.sections:
            lines, items = self._document()
        else:
            lines, items = self._clusters(), fx.items
        if mode[0] != "bibliography":
            return "\n".join(lines)
        out = self.render(items, [], bibliography=True)
        body = "".join(f"  {entry}\n" for entry in out.bibliography)
        return f'<div class="csl-bib-body">\n{body}</div>'

    def _clusters(self) -> list[str]:
        """``CITATION-ITEMS`` (or one cite of every item): each cluster on its own.

        citeproc-js's ``makeCitationCluster`` renders a cluster with every item registered
        (for disambiguation) but outside any document: no cluster is "subsequent" to another.
        So each cluster is its own job over all the items.
        """
        fx = self.fixture
        raw = fx.sections.get("CITATION-ITEMS")
        if raw is None:
            raw = [[{"id": i["id"]} for i in self._registry_order()]]
        texts = []
        registered = [str(i["id"]) for i in fx.items]  # updateItems: every item, input order
        for cluster in raw:
            cites = tuple(self.cite(c, outside=True) for c in cluster)
            cl = [self.eng.Cluster(cites, 1)]
            out = self.render(fx.items, cl, bibliography=False, registry=registered)
            texts.append(out.citations[0])
        return texts

    def _registry_order(self) -> Sequence[Mapping[str, Any]]:
        """The items in citeproc-js's registry order: input order, or the bibliography's sort."""
        items = self.fixture.items
        if not _has_sort(self.fixture.csl, "bibliography"):
            return items
        out = self.render(items, [], bibliography=True)
        ids = [str(i) for i in out.bibliography_ids]
        rank = {i: n for n, i in enumerate(ids)}
        return sorted(items, key=lambda i: rank.get(str(i["id"]), len(ids)))

    def _document(self) -> tuple[list[str], Sequence[Mapping[str, Any]]]:
        """``CITATIONS``: build the document call by call; mark what the last call changed."""
        calls = self.fixture.sections["CITATIONS"]
        by_id: dict[str, Mapping[str, Any]] = {}
        notes: dict[str, int] = {}
        order: list[str] = []
        states: list[list[tuple[str, int]]] = []
        for citation, pre, post in calls:
            cid = str(citation["citationID"])
            by_id[cid] = citation
            props = citation.get("properties") or {}
            for key in props:
                if key != "noteIndex":
                    self.gap(f"citation property {key!r}")
            notes[cid] = int(props.get("noteIndex") or 0)
            for other, note in [*pre, *post]:
                notes[str(other)] = int(note or 0)
            order = [str(p[0]) for p in pre] + [cid] + [str(p[0]) for p in post]
            states.append([(c, notes[c]) for c in order])
        final = self._render_state(states[-1], by_id)
        before = self._render_state(states[-2], by_id) if len(states) > 1 else {}
        last = str(calls[-1][0]["citationID"])
        # citeproc-js renders anew a citation whose text or cites' positions changed, and
        # every citation of an item whose first-reference-note-number changed.
        moved = {
            new.id
            for cid, (_, placed) in final.items()
            if cid in before
            for old, new in zip(before[cid][1], placed, strict=False)
            if old.first_note != new.first_note
        }
        moved |= self._recounted(states, by_id)
        lines = []
        for n, (cid, _) in enumerate(states[-1]):
            text, placed = final[cid]
            changed = (
                cid == last
                or cid not in before
                or before[cid] != final[cid]
                or any(p.id in moved for p in placed)
            )
            lines.append(f"{'>>' if changed else '..'}[{n}] {text}")
        cited: list[str] = []
        for cid, _ in states[-1]:
            for c in by_id[cid]["citationItems"]:
                if str(c["id"]) not in cited:
                    cited.append(str(c["id"]))
        by_item = {str(i["id"]): i for i in self.fixture.items}
        return lines, [by_item[i] for i in cited if i in by_item]

    def _recounted(
        self, states: list[list[tuple[str, int]]], by_id: Mapping[str, Mapping[str, Any]]
    ) -> set[str]:
        """Items whose citations citeproc-js renders anew because their count crossed two.

        In a note style that tests ``disambiguate``, an item cited in one citation and then
        in two or more (or the other way) has every citation of it rendered again.
        """
        if len(states) < 2 or 'disambiguate="true"' not in self.fixture.csl:
            return set()
        if not re.search(r"<style[^>]*class=\"note\"", self.fixture.csl):
            return set()

        def counts(state: list[tuple[str, int]]) -> Counter[str]:
            found: Counter[str] = Counter()
            for cid, _ in state:
                found.update({str(c["id"]) for c in by_id[cid]["citationItems"]})
            return found

        before, after = counts(states[-2]), counts(states[-1])
        return {i for i in after if i in before and (before[i] < 2) != (after[i] < 2)}

    def _render_state(
        self, state: list[tuple[str, int]], by_id: Mapping[str, Mapping[str, Any]]
    ) -> dict[str, tuple[str, tuple[Any, ...]]]:
        """Render a document state (citations with note numbers) with the items it cites.

        Each citation's text and where its cites stood (``Output.placements``).
        """
        clusters = []
        cited: list[str] = []
        for cid, note in state:
            cites = tuple(self.cite(c) for c in by_id[cid]["citationItems"])
            clusters.append(self.eng.Cluster(cites, note))  # 0: a citation in the text
            for c in cites:
                if c.id not in cited:
                    cited.append(c.id)
        by_item = {str(i["id"]): i for i in self.fixture.items}
        items = [by_item[i] for i in cited if i in by_item]
        out = self.render(items, clusters, bibliography=False)
        placed = getattr(out, "placements", None) or [()] * len(out.citations)
        return {
            cid: (text, where)
            for (cid, _), text, where in zip(state, out.citations, placed, strict=True)
        }


@contextmanager
def _one_process() -> Iterator[None]:
    """Keep citekit from forking workers: fixtures are tiny and the timer is per process."""
    old = os.environ.get("CITEKIT_JOBS")
    os.environ["CITEKIT_JOBS"] = "1"
    try:
        yield
    finally:
        if old is None:
            del os.environ["CITEKIT_JOBS"]
        else:
            os.environ["CITEKIT_JOBS"] = old


def normalise(output: str) -> str:
    """citekit's output as the suite spells it: ``\\n`` newlines, ``&#38;`` for an ampersand.

    citeproc-test-runner compares strings exactly after normalising newlines. citeproc-js
    writes an ampersand in HTML as ``&#38;``, citeproc-py as ``&amp;``: the same character,
    spelled two ways, so the runner (like citeproc-py's own test runner, and the baseline's
    stock citeproc-py figures) reads ``&amp;`` as ``&#38;``; likewise ``&lt;``/``&gt;`` as
    citeproc-js's ``&#60;``/``&#62;`` (a ``<`` that is text, not markup). Nothing else is
    normalised.
    """
    return (
        output.replace("\r\n", "\n")
        .replace("&amp;", "&#38;")
        .replace("&lt;", "&#60;")
        .replace("&gt;", "&#62;")
    )


def run_fixture(fixture: Fixture, workdir: Path, timeout: float = TIMEOUT) -> Outcome:
    """Run one fixture through citekit and compare with its ``RESULT``."""
    style = workdir / f"{fixture.name}.csl"  # one file per fixture: styles are cached by path
    style.write_text(fixture.csl, encoding="utf-8")
    expected = fixture.result.replace("\r\n", "\n")
    job = _Job(fixture, str(style))
    start = time.perf_counter()
    try:
        with _time_limit(timeout):
            actual = normalise(job.run())
    except _Timeout as exc:
        return Outcome(fixture.name, False, expected, "", f"timeout: {exc}", job.gaps, timeout)
    except Exception as exc:  # the engine may raise anything; the fixture fails and says why
        return Outcome(
            fixture.name,
            False,
            expected,
            "",
            f"{type(exc).__name__}: {exc}",
            job.gaps,
            time.perf_counter() - start,
        )
    return Outcome(
        fixture.name,
        actual == expected,
        expected,
        actual,
        None,
        job.gaps,
        time.perf_counter() - start,
    )


def run_all(paths: Sequence[Path] | None = None, timeout: float = TIMEOUT) -> dict[str, Outcome]:
    """Run fixtures (all by default) through citekit: name -> outcome."""
    results: dict[str, Outcome] = {}
    with tempfile.TemporaryDirectory(prefix="citekit-csl-suite-") as tmp, _one_process():
        for path in paths if paths is not None else fixture_paths():
            try:
                fixture = parse_fixture(path)
            except (ValueError, KeyError) as exc:
                results[path.stem] = Outcome(path.stem, False, "", "", f"unreadable: {exc}")
                continue
            results[fixture.name] = run_fixture(fixture, Path(tmp), timeout)
    return results


def read_list(path: Path) -> list[str]:
    """A committed fixture list: one name a line, ``#`` comments."""
    if not path.is_file():
        return []
    lines = path.read_text(encoding="utf-8").splitlines()
    return [ln.split()[0] for ln in lines if ln.strip() and not ln.startswith("#")]


def stock_only(results: Mapping[str, Outcome], base: Mapping[str, Mapping[str, str]]) -> list[str]:
    """Fixtures stock citeproc-py 0.11.1 passes (baseline.json) and citekit fails."""
    return sorted(
        name
        for name, status in base.items()
        if status.get("citeproc-py-0.11.1") == "pass"
        and not (name in results and results[name].passed)
    )


def write_lists(results: Mapping[str, Outcome], base: Mapping[str, Mapping[str, str]]) -> None:
    passing = sorted(n for n, r in results.items() if r.passed)
    PASSING.write_text(
        "# CSL test-suite fixtures citekit passes: a ratchet (tests/test_csl_suite.py).\n"
        "# Regenerate with: python tests/csl_suite/runner.py --update\n"
        + "".join(f"{n}\n" for n in passing),
        encoding="utf-8",
    )
    STOCK_ONLY.write_text(
        "# Fixtures stock citeproc-py 0.11.1 passes (baseline.json) that citekit fails.\n"
        "# The goal is none; this list may only shrink (tests/test_csl_suite.py).\n"
        "# Regenerate with: python tests/csl_suite/runner.py --update\n"
        + "".join(f"{n}\n" for n in stock_only(results, base)),
        encoding="utf-8",
    )


def category(name: str) -> str:
    return name.split("_", 1)[0]


def summary(results: Mapping[str, Outcome], base: Mapping[str, Mapping[str, str]]) -> str:
    """Pass counts per category beside citeproc-js's and stock citeproc-py's."""
    total: Counter[str] = Counter()
    ours: Counter[str] = Counter()
    js: Counter[str] = Counter()
    stock: Counter[str] = Counter()
    for name in results:
        cat = category(name)
        total[cat] += 1
        ours[cat] += results[name].passed
        js[cat] += base.get(name, {}).get("citeproc-js") == "pass"
        stock[cat] += base.get(name, {}).get("citeproc-py-0.11.1") == "pass"
    rows = [f"{'category':<14} {'fixtures':>8} {'citekit':>8} {'stock':>6} {'js':>5}"]
    for cat in sorted(total, key=lambda c: (-total[c], c)):
        rows.append(f"{cat:<14} {total[cat]:>8} {ours[cat]:>8} {stock[cat]:>6} {js[cat]:>5}")
    n = sum(total.values())
    p = sum(ours.values())
    rows.append(
        f"{'total':<14} {n:>8} {p:>8} {sum(stock.values()):>6} {sum(js.values()):>5}"
        f"   citekit {p}/{n} = {100 * p / max(n, 1):.1f} %"
    )
    return "\n".join(rows)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("patterns", nargs="*", help="fixture names or globs (default: all)")
    parser.add_argument("--update", action="store_true", help="rewrite the committed lists")
    parser.add_argument("-v", "--verbose", action="store_true", help="print failures in full")
    parser.add_argument("--json", metavar="FILE", help="write every outcome as JSON")
    parser.add_argument("--timeout", type=float, default=TIMEOUT, help="seconds per fixture")
    args = parser.parse_args(argv)
    paths = fixture_paths()
    if not paths:
        print(f"no fixtures under {suite_dir()} (set CITEKIT_CSL_SUITE)", file=sys.stderr)
        return 1
    if args.patterns:
        paths = [p for p in paths if any(fnmatch.fnmatch(p.stem, g) for g in args.patterns)]
    start = time.perf_counter()
    results = run_all(paths, args.timeout)
    elapsed = time.perf_counter() - start
    base = baseline()
    if args.verbose:
        for r in results.values():
            if not r.passed:
                print(f"--- {r.name}" + (f"  [gaps: {', '.join(r.gaps)}]" if r.gaps else ""))
                print("expected:\n" + r.expected)
                print("actual:\n" + (r.actual if r.error is None else f"({r.error})"))
    if args.json:
        Path(args.json).write_text(
            json.dumps({n: vars(r) for n, r in results.items()}, ensure_ascii=False, indent=1),
            encoding="utf-8",
        )
    print(summary(results, {n: base.get(n, {}) for n in results}))
    print(f"{len(results)} fixtures in {elapsed:.1f} s")
    if args.update:
        if args.patterns:
            print("--update needs the whole suite (no patterns)", file=sys.stderr)
            return 1
        write_lists(results, base)
        print(f"wrote {PASSING.relative_to(ROOT)} and {STOCK_ONLY.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
