"""Speed for citeproc-py: remember what depends on the style alone, index what grows.

citeproc-py asks its style tree the same structural questions on every render (XPath
searches for the enclosing layout, the names options, the substitute; the parsed
attributes of every ``cs:if``), and it scans lists that grow with the job (every earlier
cite, to decide "first" or "subsequent"; the bibliography's keys, to order a citation).
Rendering 10,000 items that way is quadratic. Profiling a Chicago job put most of the time
in those places; this module answers each once, or in constant time.

Nothing here changes what is rendered: the conformance suite (``tests/conformance``) runs
with all of it on. Behaviour fixes live in :mod:`citekit.render.csl`, which installs these
first, and is with this module the only code that touches citeproc.

Two rules make the caches safe:

- An lxml element's Python object lives only while something refers to it; the next walk
  gets a new one with an empty ``__dict__``. :func:`keep_alive` holds every element of a
  loaded style (and of its locales), so a cache in an element's ``__dict__`` lasts as long
  as the style. The tree is not changed after it loads, so structural answers stay true.
- Indexes sit beside the lists they index (:class:`KeyList`, :class:`CiteLog`) and are
  updated by the same calls that grow the lists.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from functools import cmp_to_key
from typing import Any

import citeproc.model as cmodel
from citeproc import CitationItem, CitationStylesBibliography

_MISSING = object()


class KeyList(list[str]):
    """The bibliography's item keys, with constant-time ``in`` and ``index``.

    citeproc-py orders every citation's cites by ``keys.index`` and checks ``key in keys``
    for every registration: quadratic in the number of items.
    """

    def __init__(self, keys: Any = ()) -> None:
        super().__init__(keys)
        self._pos = {k: n for n, k in reversed(list(enumerate(self)))}

    def append(self, key: str) -> None:
        """Add a key at the end, indexing its first position."""
        self._pos.setdefault(key, len(self))
        super().append(key)

    def __contains__(self, key: object) -> bool:
        return key in self._pos

    def index(self, key: str, *args: Any) -> int:
        """The first position of ``key``, as ``list.index``."""
        if args:
            return super().index(key, *args)
        try:
            return self._pos[key]
        except KeyError:
            raise ValueError(f"{key!r} is not in list") from None


class CiteLog(list[Any]):
    """The cites rendered so far, in document order, with the set of their keys.

    citeproc-py decides "first" or "subsequent" by scanning every earlier cite.
    """

    def __init__(self) -> None:
        super().__init__()
        self.seen: set[str] = set()

    def append(self, cite: Any) -> None:
        """Log a rendered cite."""
        self.seen.add(cite.key)
        super().append(cite)


class Bibliography(CitationStylesBibliography):  # type: ignore[misc]
    """citeproc-py's bibliography object with indexed keys and cite log."""

    def __init__(self, style: Any, source: Any, fmt: Any) -> None:
        super().__init__(style, source, fmt)
        self.keys = KeyList()
        self._cites = CiteLog()

    def sort(self) -> None:
        """Sort the items in the style's bibliography order, and index the new key order."""
        super().sort()
        self.keys = KeyList(self.keys)


def keep_alive(style: Any) -> None:
    """Hold a Python object for every element of the style and its locales (see above)."""
    elements = list(style.root.iter())
    for locale in getattr(style.root, "locales", ()):
        elements.extend(locale.iter())
    style.citekit_elements = elements


def install() -> None:
    """Patch citeproc-py's hot paths; called once by :mod:`citekit.render.csl`."""
    element = cmodel.CitationStylesElement

    def get_root(self: Any) -> Any:
        d = self.__dict__
        root = d.get("_ck_root")
        if root is None:
            root = d["_ck_root"] = self.getroottree().getroot()
        return root

    def xpath_search(self: Any, expression: str) -> Any:
        d = self.__dict__
        cache = d.get("_ck_xpath")
        if cache is None:
            cache = d["_ck_xpath"] = {}
        found = cache.get(expression)
        if found is None:
            found = cache[expression] = self.xpath(expression, namespaces=self.nsmap)
        return found

    def get_macro(self: Any, name: str) -> Any:
        return self.get_root().xpath_search(f"cs:macro[@name='{name}'][1]")[0]

    def get_layout(self: Any) -> Any:
        d = self.__dict__
        layout = d.get("_ck_layout")
        if layout is None:
            layout = d["_ck_layout"] = self.xpath_search("./ancestor-or-self::cs:layout[1]")[0]
        return layout

    element.get_root = get_root
    element.xpath_search = xpath_search
    element.get_macro = get_macro
    element.get_layout = get_layout

    def memo_calls(original: Any) -> Any:
        def calls_variable(self: Any) -> Any:
            d = self.__dict__
            value = d.get("_ck_calls", _MISSING)
            if value is _MISSING:
                value = d["_ck_calls"] = original(self)
            return value

        return calls_variable

    for cls in (cmodel.Parent, cmodel.Text):
        cls.calls_variable = memo_calls(cls.calls_variable)

    def reference(self: Any) -> Any:
        d = self.__dict__
        ref = d.get("_ck_ref")
        if ref is None:
            ref = d["_ck_ref"] = self.citation.bibliography.source[self.key]
        return ref

    CitationItem.reference = property(reference)
    cmodel.If.citekit_compile = _compile_if
    cmodel.If.citekit_passes = _if_passes
    cmodel.If.render = _if_render
    cmodel.Choose.render = _choose_render
    cmodel.If._position = _position
    cmodel.Sort.sort = _sort
    cmodel.Formatted.format = _plain_format(cmodel.Formatted.format)
    cmodel.Locale.get_option = _memo_option(cmodel.Locale.get_option)

    def get_locale_option(self: Any, name: str) -> Any:
        cache = self.get_root().__dict__.setdefault("_ck_locale_options", {})
        if name not in cache:
            cache[name] = original_locale_option(self, name)
        return cache[name]

    original_locale_option = element.get_locale_option
    element.get_locale_option = get_locale_option

    def find_child(self: Any, name: str) -> Any:
        # citeproc-py reads child elements as attributes (`style.citation`, `names.name`).
        if name.startswith("__"):
            raise AttributeError(name)
        d = self.__dict__
        cache = d.get("_ck_find")
        if cache is None:
            cache = d["_ck_find"] = {}
        if name not in cache:
            cache[name] = self.find("cs:" + name, self.nsmap)
        return cache[name]

    cmodel.SomewhatObjectifiedElement.__getattr__ = find_child
    cmodel.Parent.render_children = _render_children
    cmodel.Term.single = property(_memo_single(cmodel.Term.single.fget))
    cmodel.Name.get_option = _memo_name_option(cmodel.Name.get_option)
    cmodel.Group.process = _group_process
    cmodel.Text.process = _text_process(cmodel.Text.process)


def _children(self: Any) -> list[tuple[Any, bool]]:
    """An element's children, each with whether it is a ``cs:choose``, listed once."""
    d = self.__dict__
    children: list[tuple[Any, bool]] | None = d.get("_ck_children")
    if children is None:
        children = d["_ck_children"] = [
            (child, isinstance(child, cmodel.Choose)) for child in self.iterchildren()
        ]
    return children


def _group_process(self: Any, item: Any, context: Any = None, **kwargs: Any) -> Any:
    """citeproc-py's ``Group.process`` (a group with variables shows only if one rendered)."""
    output = []
    variable_called = variable_rendered = False
    delimiter = self.get("delimiter", "")
    for child, is_choose in _children(self):
        calls = child.calls_variable()
        variable_called = variable_called or calls
        try:
            if is_choose:
                text = child.render(item, context=context, delimiter=delimiter, **kwargs)
            else:
                text = child.render(item, context=context, **kwargs)
            if text is not None:
                output.append(text)
                variable_rendered = variable_rendered or calls
        except cmodel.VariableError:
            pass
    if output and (not variable_called or variable_rendered):
        return self.join(output)
    raise cmodel.VariableError


def _text_process(original: Any) -> Any:
    """``Text.process`` without raising and catching an exception for an item with no language."""

    def process(self: Any, item: Any, context: Any = None, **kwargs: Any) -> Any:
        d = self.__dict__
        kind = d.get("_ck_kind")
        if kind is None:
            a = self.attrib
            kind = d["_ck_kind"] = next(
                (k for k in ("variable", "macro", "term", "value") if k in a), ""
            )
        if not kind:
            return original(self, item, context=context, **kwargs)
        if context is None:
            context = self
        language = dict.get(item.reference, "language")
        if language is None:
            language = self.get_root().get("default-locale", "en")
        language = language[:2]
        if kind == "variable":
            text = self._variable(item, context)
        elif kind == "macro":
            text = self.get_macro(self.get("macro")).render(item, context)
        elif kind == "term":
            text = self._term(item)
        else:
            text = cmodel.String(self.preformat(self.get("value")))
        return text, language

    return process


def _render_children(self: Any, item: Any, delimiter: str = "", **kwargs: Any) -> Any:
    """citeproc-py's ``Parent.render_children`` over a remembered list of children."""
    output = []
    for child, is_choose in _children(self):
        try:
            if is_choose:
                text = child.render(item, delimiter=delimiter, **kwargs)
            else:
                text = child.render(item, **kwargs)
            if text is not None:
                output.append(text)
        except cmodel.VariableError:
            pass
    if output:
        return cmodel.join(output, delimiter)
    return None


_FORMAT_DEFAULTS = (
    ("font-style", "normal"),
    ("font-variant", "normal"),
    ("font-weight", "normal"),
    ("text-decoration", "none"),
    ("vertical-align", "baseline"),
)


def _plain_format(original: Any) -> Any:
    """``Formatted.format`` that returns at once for an element with no formatting."""

    def format_text(self: Any, string: Any) -> Any:
        d = self.__dict__
        plain = d.get("_ck_plain")
        if plain is None:
            attrib = self.attrib
            plain = d["_ck_plain"] = all(
                attrib.get(name, default) == default for name, default in _FORMAT_DEFAULTS
            )
        if plain:
            return str(string) if isinstance(string, int | float) else string
        return original(self, string)

    return format_text


def _memo_name_option(original: Any) -> Any:
    """A ``cs:name`` option (from the name, else its citation or bibliography), read once."""

    def get_option(self: Any, name: str, context: Any = None, sort_options: Any = None) -> Any:
        if sort_options is not None and name in sort_options:
            return original(self, name, context, sort_options)  # a sort key's own option
        cache = self.__dict__.setdefault("_ck_name_options", {})
        key = (context if context is not None else self, name)
        if key not in cache:
            cache[key] = original(self, name, context, None)
        return cache[key]

    return get_option


def _memo_single(original: Any) -> Any:
    """A term's singular text, read once per output format."""

    def single(self: Any) -> Any:
        cache = self.__dict__.setdefault("_ck_single", {})
        formatter = self.get_formatter()
        if formatter not in cache:
            cache[formatter] = original(self)
        return cache[formatter]

    return single


def _memo_option(original: Any) -> Any:
    """A locale's style option (``punctuation-in-quote``), read once."""

    def get_option(self: Any, name: str) -> Any:
        cache = self.__dict__.setdefault("_ck_options", {})
        if name not in cache:
            try:
                cache[name] = original(self, name)
            except IndexError:
                cache[name] = _MISSING
        if cache[name] is _MISSING:
            raise IndexError(name)
        return cache[name]

    return get_option


def _sort(self: Any, items: Any, context: Any) -> list[Any]:
    """Sort as citeproc-py does (key by key, its comparison), computing keys only for ties.

    citeproc-py renders every sort key of every item before comparing. A bibliography's
    second key (the title, after the author) decides only among entries whose first keys
    are equal, and the later keys almost never; rendering them is most of the sort's cost.
    """
    keys = [
        (key, key.get("sort", "ascending").lower() == "descending")
        for key in self.findall("cs:key", self.nsmap)
    ]
    return _sort_from(list(items), keys, 0, context)


def _sort_from(items: list[Any], keys: list[tuple[Any, bool]], k: int, context: Any) -> list[Any]:
    if k == len(keys) or len(items) < 2:
        return items
    key, descending = keys[k]
    values = key.sort_keys(items, context)
    compare = _key_comparison(descending)

    def by_value(a: tuple[Any, Any], b: tuple[Any, Any]) -> int:
        return compare(a[1], b[1])

    pairs = sorted(zip(items, values, strict=True), key=cmp_to_key(by_value))
    out: list[Any] = []
    run = [pairs[0]]
    for pair in pairs[1:]:
        if compare(run[-1][1], pair[1]) == 0:
            run.append(pair)
            continue
        out += _sort_from([item for item, _ in run], keys, k + 1, context)
        run = [pair]
    out += _sort_from([item for item, _ in run], keys, k + 1, context)
    return out


def _key_comparison(descending: bool) -> Callable[[Any, Any], int]:
    """citeproc-py's comparison of one sort key: case folded, numbers as numbers, empty last."""

    def compare(left: Any, right: Any) -> int:
        if left is None or right is None:
            return (left is None) - (right is None)
        with contextlib.suppress(AttributeError):
            left, right = str(left.lower()), str(right.lower())
        with contextlib.suppress(ValueError):
            left, right = int(str(left)), int(str(right))
        result = int(left > right) - int(left < right)
        return -result if descending else result

    return compare


def _compile_if(self: Any) -> Callable[[Any, Any], bool]:
    """Turn a ``cs:if``'s attributes into one test function, once per element.

    The result is citeproc-py's: every test gives one boolean per value it names, and
    ``match`` (all, any, none) combines them. The two commonest shapes, a ``type`` test and
    a ``variable`` test alone, get a direct function.
    """
    a = self.attrib
    types = tuple(t.lower() for t in a["type"].split()) if "type" in a else ()
    variables = tuple(v.replace("-", "_") for v in a["variable"].split()) if "variable" in a else ()
    others = [n for n in ("is-numeric", "is-uncertain-date", "locator", "position") if n in a]
    match = a.get("match") or "all"
    if types and not variables and not others:
        if match == "any":
            return lambda item, context: _kind(item) in types
        if match == "none":
            return lambda item, context: _kind(item) not in types
        single = types[0] if len(set(types)) == 1 else None
        return lambda item, context: single is not None and _kind(item) == single
    if variables and not types and not others and "locator" not in variables:
        if match == "any":
            return lambda item, context: any(v in item.reference for v in variables)
        if match == "none":
            return lambda item, context: not any(v in item.reference for v in variables)
        return lambda item, context: all(v in item.reference for v in variables)

    def test(item: Any, context: Any) -> bool:
        results: list[Any] = []
        if types:
            kind = _kind(item)
            results += [t == kind for t in types]
        if variables:
            ref = item.reference
            results += [("locator" in item) if v == "locator" else (v in ref) for v in variables]
        if "is-numeric" in others:
            results += self._is_numeric(item)
        if "is-uncertain-date" in others:
            results += self._is_uncertain_date(item)
        if "locator" in others:
            results += self._locator(item)
        if "position" in others:
            results += self._position(item, context)
        if match == "any":
            return any(results)
        if match == "none":
            return not any(results)
        return all(results)

    return test


def _kind(item: Any) -> Any:
    """The item's CSL type, read past citeproc-py's attribute-to-key lookup (every item has one)."""
    return dict.get(item.reference, "type")


def _if_test(self: Any) -> Callable[[Any, Any], bool]:
    """A ``cs:if``'s compiled test (see :func:`_compile_if`), made once per element."""
    d = self.__dict__
    test: Callable[[Any, Any], bool] | None = d.get("_ck_test")
    if test is None:
        test = d["_ck_test"] = self.citekit_compile()
    return test


def _if_passes(self: Any, item: Any, context: Any = None) -> bool:
    """Whether a ``cs:if`` or ``cs:else-if`` holds, by citeproc-py's tests."""
    return bool(_if_test(self)(item, context))


def _if_render(
    self: Any, item: Any, context: Any = None, delimiter: str = "", **kwargs: Any
) -> Any:
    if not self.citekit_passes(item, context):
        raise cmodel.ConditionFailed
    return self.render_children(item, context=context, delimiter=delimiter, **kwargs)


def _choose_render(
    self: Any, item: Any, context: Any = None, delimiter: str = "", **kwargs: Any
) -> Any:
    """``cs:choose``: the first branch that holds, tested without raising an exception."""
    d = self.__dict__
    branches = d.get("_ck_branches")
    if branches is None:
        branches = d["_ck_branches"] = [
            (branch, _if_test(branch) if isinstance(branch, cmodel.If) else None)
            for branch in self.getchildren()
        ]
    for branch, test in branches:
        if test is None:  # cs:else
            return branch.render(item, context=context, delimiter=delimiter, **kwargs)
        if test(item, context):  # cs:if and cs:else-if
            return branch.render_children(item, context=context, delimiter=delimiter, **kwargs)
    return None


def _position(self: Any, item: Any, context: Any) -> list[bool]:
    """citeproc-py's position test, with "cited before?" answered from :class:`CiteLog`."""
    if context is None:
        context = self
    if context.xpath_search("./ancestor::*[self::cs:bibliography]"):
        return [False]
    cites = context.get_layout().getparent().cites
    last_cite: Any = cites[-1] if cites else None
    seen = getattr(cites, "seen", None)
    if seen is None:
        seen = {cite.key for cite in cites}
    already_cited = item.key in seen
    possibly_ibid = (
        already_cited
        and last_cite is not None
        and item.key == last_cite.key
        and (item.citation is last_cite.citation or len(last_cite.citation.cites) == 1)
    )
    results = []
    for position in self.get("position").split():
        result = False
        if position == "first":
            result = not already_cited
        elif position == "subsequent":
            result = already_cited
        elif possibly_ibid and position == "ibid":
            result = item.has_locator or not last_cite.has_locator
        elif possibly_ibid and position == "ibid-with-locator":
            result = (item.has_locator and not last_cite.has_locator) or (
                item.has_locator and last_cite.has_locator and item.locator != last_cite.locator
            )
        elif already_cited and position == "near-note":
            max_distance = int(self.get_root().get_option("near-note-distance"))
            citations = 1
            last_citation = None
            for cite in reversed(cites):
                if citations > max_distance:
                    break  # citeproc-py walked on to the first cite; the answer stays False
                if item.key == cite.key:
                    result = True
                    break
                if cite.citation is not last_citation:
                    citations += 1
                    last_citation = cite.citation
        results.append(result)
    return results
