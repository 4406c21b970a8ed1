"""Loading a style: a safe parser and citekit's own element classes, nothing of citeproc-py changed.

citeproc-py binds CSL elements to its classes through an lxml class lookup that
``CitationStylesXML.__init__`` builds for each file it parses. citekit builds its own
lookup (:func:`lookup`), mapping each CSL tag to a class composed, once, from the overrides
in :data:`OVERRIDES` and citeproc-py's class for that tag: every correction is a method that
calls ``super()``, and a style parsed by citeproc-py itself uses citeproc-py's classes
untouched. Locales are parsed the same way (:class:`Style` replaces ``set_locale_list``,
which would otherwise load them with citeproc-py's classes).

:data:`OVERRIDES` is ordered outermost first: a class earlier in the list wraps one later
(the speed caches come last, so the corrections wrap the faster paths).

A layer whose concern can only apply to elements with certain attributes (``display``,
``text-case``, ...) says so with a static method ``ck_applies(attrib) -> bool`` next to its
code. When a style is loaded, each element gets the class composed (once per set of layers
that apply) without the others (:func:`specialise`): an element renders through the layers
that can act on it, not through every layer of its tag (each of which would call
``super()`` to do nothing).
"""

from __future__ import annotations

import io
import os
import warnings
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

import citeproc
import citeproc.model as cmodel
from citeproc import CitationStylesStyle
from lxml import etree

from ..errors import RenderError, StyleError
from . import (
    citation_label,
    dates,
    disambiguate,
    display,
    groups,
    labels,
    macros,
    name_count,
    name_parts,
    names,
    numbers,
    positions,
    richtext,
    sorting,
    substitute,
)
from . import text_case as case
from . import values as style_values
from .caches import choose, elements, markup, seams
from .caches import sort as fast_sort
from .state import RenderState
from .style_rewrites import CSL_NS, rewrite_style, safe_parser
from .styles import resolve_style

#: The citeproc-py release the overrides were written against (they use private methods).
CITEPROC_VERSION = "0.11.1"

#: Every element override, outermost first (see the module docstring).
OVERRIDES: tuple[type, ...] = (
    # output-neutral speed that must see a call before the corrections
    elements.NameOptions,
    # engine corrections, by concern
    substitute.Layout,
    substitute.Names,
    substitute.Substitute,
    substitute.Text,
    substitute.If,
    substitute.Else,
    positions.If,
    positions.Layout,
    positions.Names,
    positions.Text,
    positions.Affixed,
    positions.Label,
    disambiguate.If,
    disambiguate.Date,
    disambiguate.DatePart,
    disambiguate.Name,
    positions.Name,
    name_count.Name,
    sorting.Name,
    names.Name,
    name_parts.Name,
    dates.Date,
    dates.DatePart,
    numbers.If,
    numbers.FormatNumber,
    numbers.Number,
    numbers.Text,
    labels.Label,
    labels.Locale,
    case.TextCased,
    sorting.Key,
    display.Text,
    display.Group,
    display.Date,
    display.Number,
    display.Names,
    groups.Group,
    citation_label.Text,
    style_values.Text,
    richtext.Formatted,
    macros.Macro,
    # output-neutral speed
    choose.If,
    choose.Choose,
    fast_sort.Sort,
    elements.Parent,
    elements.Text,
    elements.Formatted,
    markup.Affixed,
    seams.Delimited,
    markup.Quoted,
    markup.StrippedPeriods,
    elements.Names,
    elements.Name,
    elements.Term,
    elements.Locale,
    elements.Element,
)


def check_citeproc() -> None:
    """Refuse to render with a citeproc-py the overrides were not written for.

    Raises:
        RenderError: another citeproc-py release is installed.
    """
    if citeproc.__version__ != CITEPROC_VERSION:
        raise RenderError(
            f"citekit's engine was written for citeproc-py {CITEPROC_VERSION}, "
            f"but {citeproc.__version__} is installed",
            hint=f"pip install citeproc-py=={CITEPROC_VERSION}",
        )


def _stock_base(override: type) -> type:
    """The citeproc-py class an override extends."""
    for cls in override.__mro__[1:]:
        if cls.__module__ == cmodel.__name__:
            return cls
    raise TypeError(f"{override.__name__} extends no citeproc-py class")


#: Tags whose attributes change while a style renders: citeproc-py (and
#: :class:`.dates.DatePart`) copy the calling style's ``cs:date-part`` attributes onto a
#: localized date's part. Their classes hold every layer, whatever the attributes say.
_CHANGING_ATTRIBUTES = frozenset({"date-part"})


@cache
def _layers() -> dict[str, tuple[type, tuple[type, ...]]]:
    """Each CSL tag's citeproc-py class and the overrides that extend it, outermost first."""
    targets = [(override, _stock_base(override)) for override in (Style, *OVERRIDES)]
    found: dict[str, tuple[type, tuple[type, ...]]] = {}
    for stock in cmodel.CitationStylesElement.__subclasses__():
        if stock.__module__ != cmodel.__name__:
            continue
        tag = stock.__name__.replace("_", "-").lower()
        found[tag] = (stock, tuple(o for o, base in targets if issubclass(stock, base)))
    return found


@cache
def _compose(stock: type, bases: tuple[type, ...]) -> type:
    """The class of these layers over citeproc-py's class, made once per combination."""
    return type(stock.__name__, (*bases, stock), {"__module__": __name__})


def applies(override: type, attrib: Mapping[str, str]) -> bool:
    """Whether an override can act on an element with these attributes (its ``ck_applies``)."""
    test = getattr(override, "ck_applies", None)
    return test is None or bool(test(attrib))


def class_for(tag: str, attrib: Mapping[str, str]) -> type:
    """The class of a CSL element: its tag's layers that can act on it, then citeproc-py's."""
    stock, layers = _layers()[tag]
    if tag not in _CHANGING_ATTRIBUTES:
        layers = tuple(o for o in layers if applies(o, attrib))
    return _compose(stock, layers)


def element_classes() -> dict[str, type]:
    """Each CSL tag's class with all of its layers (what an element with every attribute gets)."""
    return {tag: _compose(stock, layers) for tag, (stock, layers) in _layers().items()}


_CSL_PREFIX = "{" + CSL_NS + "}"


@cache
def _by_tag() -> dict[str, tuple[str, type, bool]]:
    """Per namespaced CSL tag: its local name, full class, whether a layer asks for attributes.

    If none does (or the tag's attributes change while rendering), every element of the
    tag gets the class with every layer, without a look at its attributes.
    """
    found = {}
    for tag, (_, layers) in _layers().items():
        asks = tag not in _CHANGING_ATTRIBUTES and any(
            getattr(o, "ck_applies", None) is not None for o in layers
        )
        found[_CSL_PREFIX + tag] = (tag, element_classes()[tag], asks)
    return found


#: The class of each (tag, attributes) met so far: styles and locales repeat both a lot.
#: Emptied when it holds :data:`_CHOSEN_MAX` (a process that loads thousands of styles).
_CHOSEN: dict[tuple[str, tuple[tuple[str, str], ...]], type] = {}
_CHOSEN_MAX = 100_000


def specialise(element: Any) -> None:
    """Give an element the class of its tag's layers that can act on it (see the module doc).

    The parser makes every element of a tag with all of the tag's layers (lxml's namespace
    lookup, in C); :func:`keep_alive` then hands each element that a layer asks about its
    class for its attributes. (A Python lookup at parse time would pay a call per element
    of every style and locale file, for the many tags no layer asks about too.)
    """
    found = _by_tag().get(element.tag)
    if found is None or not found[2]:
        return
    items = tuple(element.attrib.items())
    key = (found[0], items)
    chosen = _CHOSEN.get(key)
    if chosen is None:
        if len(_CHOSEN) >= _CHOSEN_MAX:
            _CHOSEN.clear()
        chosen = _CHOSEN[key] = class_for(found[0], dict(items))
    if element.__class__ is not chosen:
        element.__class__ = chosen


@cache
def lookup() -> etree.ElementNamespaceClassLookup:
    """Citekit's class lookup for the CSL namespace (unknown tags: citeproc-py's base class)."""
    found = etree.ElementNamespaceClassLookup()
    namespace = found.get_namespace(CSL_NS)
    # Not a citekit subclass: citeproc-py's own lookup maps every direct subclass of
    # CitationStylesElement to a tag, and a citekit class must never appear there.
    namespace[None] = cmodel.CitationStylesElement
    namespace.update(element_classes())
    return found


def parse(source: Any) -> etree._ElementTree:
    """Parse a style or locale file safely into citekit's element classes."""
    parser = safe_parser()
    parser.set_element_class_lookup(lookup())
    return etree.parse(source, parser)


class Style(cmodel.Style):  # type: ignore[misc]
    """``cs:style``, whose locales are parsed into citekit's classes too."""

    def set_locale_list(self, output_locale: str, validate: bool = True) -> None:
        """The locales to search, in CSL's order (restates 0.11.1's ``Style.set_locale_list``)."""
        self.locales: list[Any] = []
        system_added: set[str] = set()

        def add_instyle(locale: str | None) -> None:
            expr = f'./cs:locale[@xml:lang="{locale}"]' if locale else "./cs:locale[not(@xml:lang)]"
            results = self.xpath_search(expr)
            if results:
                (element,) = results
                self.locales.append(element)

        def add_system(locale: str) -> None:
            if locale not in system_added:
                path = Path(citeproc.LOCALES_PATH) / f"locales-{locale}.xml"
                try:
                    self.locales.append(parse(os.fspath(path)).getroot())
                except OSError:
                    raise ValueError(f"'{locale}' is not a known locale") from None
                system_added.add(locale)

        add_instyle(output_locale)
        language = output_locale.split("-")[0]
        # FIX(ms-b-style-locale-base-dialect): the style's locale for the language's primary
        # dialect (en-US for en-GB) ranks after the exact one and before the bare language,
        # as citeproc-js's localeConfigure applies them.
        base = citeproc.PRIMARY_DIALECTS.get(language)
        if base and base != output_locale:
            add_instyle(base)
        add_instyle(language)
        add_instyle(None)
        if output_locale in citeproc.LANGUAGE_NAMES:
            add_system(output_locale)
        if language in citeproc.PRIMARY_DIALECTS:
            add_system(citeproc.PRIMARY_DIALECTS[language])
        add_system("en-US")
        for locale in self.locales:
            locale.style = self


class LoadedStyle(CitationStylesStyle):  # type: ignore[misc]
    """A style parsed into citekit's classes, holding its job's :class:`RenderState`."""

    def __init__(self, xml: bytes, locale: str | None = None) -> None:
        # Not CitationStylesXML.__init__: that parses with citeproc-py's own lookup.
        self.xml = parse(io.BytesIO(xml))
        self.root = self.xml.getroot()
        self.state = RenderState()
        self.root.render_state = self.state
        self.root.set_locale_list(locale or self.root.get("default-locale", "en-US"))
        keep_alive(self)


def keep_alive(style: Any) -> None:
    """Hold a Python object for every element of the style and its locales.

    lxml makes a new Python object (with an empty ``__dict__``) each time an element no
    longer referred to is reached again; the caches and the render state live in those
    dicts, so they must live as long as the style. The objects held get their classes for
    their attributes here (:func:`specialise`); one made again would have its tag's full
    class, which renders the same.
    """
    found = list(style.root.iter())
    for locale in getattr(style.root, "locales", ()):
        found.extend(locale.iter())
    for element in found:
        specialise(element)
    style.citekit_elements = found


def _style_xml(path: str) -> bytes:
    """The rewritten XML of a style file, cached while the file is unchanged."""
    stat = os.stat(path)
    return _rewritten(path, stat.st_mtime_ns, stat.st_size)


@cache
def _rewritten(path: str, _mtime_ns: int, _size: int) -> bytes:
    return rewrite_style(Path(path).read_bytes(), path)


def check_locale(locale: str) -> None:
    """Refuse a locale tag that citeproc-py has no locale file for.

    Raises:
        StyleError: the tag names no locale (the hint lists some that exist).
    """
    language = locale.split("-")[0]
    if locale in citeproc.LANGUAGE_NAMES or language in citeproc.PRIMARY_DIALECTS:
        return
    known = sorted(citeproc.LANGUAGE_NAMES)
    raise StyleError(
        f"unknown locale {locale!r}",
        hint=f"a locale tag such as en-GB, de-DE or fr-FR; {len(known)} are known: "
        + ", ".join(known[:6])
        + ", ...",
    )


def load_style(name: str | None, locale: str | None = None) -> LoadedStyle:
    """Resolve and load a style (its XML cached by file), with the style-level fixes applied.

    Each call gives a new style object: a job's render state is its own. ``locale``, if
    given, replaces the style's ``default-locale`` (as citeproc-js does with a forced
    ``lang``, and Zotero when the user picks a language): a British thesis in Chicago.

    Raises:
        StyleError: unknown style or locale, unreadable or malformed file.
        RenderError: the installed citeproc-py is not the one the engine was written for.
    """
    check_citeproc()
    if locale:
        check_locale(locale)
    ref = resolve_style(name)
    try:
        xml = _style_xml(str(ref.path))
    except OSError as exc:
        raise StyleError(f"cannot read the style: {exc.strerror}", source=str(ref.path)) from None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return LoadedStyle(xml, locale)
    except (ValueError, etree.XMLSyntaxError, IndexError, KeyError, AttributeError) as exc:
        raise StyleError(
            f"citeproc-py cannot load this style: {exc}", source=str(ref.path)
        ) from None


def is_note_style(name: str | None) -> bool:
    """Say whether a style renders citations as notes (Chicago notes, Turabian)."""
    return bool(load_style(name).root.get("class") == "note")
