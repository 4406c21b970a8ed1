"""Per-element caches: structural answers each element remembers in its ``__dict__``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import citeproc.model as cmodel

from . import markup, seams

MISSING = object()

_FORMAT_DEFAULTS = (
    ("font-style", "normal"),
    ("font-variant", "normal"),
    ("font-weight", "normal"),
    ("text-decoration", "none"),
    ("vertical-align", "baseline"),
)


class Element(cmodel.SomewhatObjectifiedElement):  # type: ignore[misc]
    """Every citekit element: root, layout, macros, child lookups and XPath answered once.

    A subclass of citeproc-py's base of all elements (not of ``CitationStylesElement``, whose
    direct subclasses citeproc-py's own class lookup enumerates).
    """

    def get_root(self) -> Any:
        """The root element (the style, or a locale), remembered."""
        d = self.__dict__
        root = d.get("_ck_root")
        if root is None:
            root = d["_ck_root"] = self.getroottree().getroot()
        return root

    def xpath_search(self, expression: str) -> Any:
        """An XPath search from this element, remembered per expression."""
        d = self.__dict__
        cache = d.get("_ck_xpath")
        if cache is None:
            cache = d["_ck_xpath"] = {}
        found = cache.get(expression)
        if found is None:
            found = cache[expression] = self.xpath(expression, namespaces=self.nsmap)
        return found

    def get_macro(self, name: str) -> Any:
        """The style's macro of that name, found once per name."""
        root = self.get_root()
        macros = root.__dict__.get("_ck_macros")
        if macros is None:
            macros = root.__dict__["_ck_macros"] = {}
        macro = macros.get(name)
        if macro is None:
            macro = macros[name] = root.xpath_search(f"cs:macro[@name='{name}'][1]")[0]
        return macro

    def get_layout(self) -> Any:
        """The ``cs:layout`` this element is in, remembered."""
        d = self.__dict__
        layout = d.get("_ck_layout")
        if layout is None:
            layout = d["_ck_layout"] = self.xpath_search("./ancestor-or-self::cs:layout[1]")[0]
        return layout

    def get_locale_option(self, name: str) -> Any:
        """A locale option (``punctuation-in-quote``), read once per style."""
        cache = self.get_root().__dict__.setdefault("_ck_locale_options", {})
        if name not in cache:
            cache[name] = super().get_locale_option(name)
        return cache[name]

    def get_term(self, name: str, *args: Any, **kwargs: Any) -> Any:
        """A term of the style's locales (or None), found once per style and arguments.

        citeproc-py searches the locales in order on every call; the answer depends on the
        style's locales alone, so the style's root remembers it. A ``cs:locale`` has its own
        ``get_term`` (another signature, raising IndexError): it is passed on untouched.
        """
        if isinstance(self, cmodel.Locale):
            return super().get_term(name, *args, **kwargs)
        root = self.get_root()
        cache = root.__dict__.get("_ck_terms_found")
        if cache is None:
            if isinstance(root, cmodel.Locale):  # an element of a locale file: uncached
                return super().get_term(name, *args, **kwargs)
            cache = root.__dict__["_ck_terms_found"] = {}
        key = (name, args, tuple(sorted(kwargs.items())) if kwargs else ())
        found = cache.get(key, MISSING)
        if found is MISSING:
            found = cache[key] = super().get_term(name, *args, **kwargs)
        return found

    def get_single_term(self, name: str, *args: Any, **kwargs: Any) -> Any:
        """A term's singular text ("" when there is none), found once per element and question.

        Kept per element, not per style: an element's class may look terms up its own way
        (a label's fallback forms), and the text differs with the formatter (text, HTML).
        """
        d = self.__dict__
        cache = d.get("_ck_single_terms")
        if cache is None:
            cache = d["_ck_single_terms"] = {}
        key = (self.get_formatter(), name, args, tuple(sorted(kwargs.items())) if kwargs else ())
        found = cache.get(key, MISSING)
        if found is MISSING:
            found = cache[key] = super().get_single_term(name, *args, **kwargs)
        return found

    def get_formatter(self) -> Any:
        """The style's output formatter (citeproc-py's lookup, the root found once)."""
        root = self.get_root()
        return root.style.formatter if isinstance(root, cmodel.Locale) else root.formatter

    def calls_variable(self) -> Any:
        """Whether the element renders a variable (for ``cs:group``), asked once."""
        d = self.__dict__
        value = d.get("_ck_calls", MISSING)
        if value is MISSING:
            value = d["_ck_calls"] = super().calls_variable()
        return value

    def __getattr__(self, name: str) -> Any:
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


def children(element: Any) -> list[tuple[Any, bool]]:
    """An element's children, each with whether it is a ``cs:choose``, listed once."""
    d = element.__dict__
    found: list[tuple[Any, bool]] | None = d.get("_ck_children")
    if found is None:
        found = d["_ck_children"] = [
            (child, isinstance(child, cmodel.Choose)) for child in element.iterchildren()
        ]
    return found


class Parent(cmodel.Parent):  # type: ignore[misc]
    """citeproc-py's ``Parent.render_children`` over a remembered list of children."""

    def render_children(self, item: Any, delimiter: str = "", **kwargs: Any) -> Any:
        """Render the children, joined with ``delimiter`` (restates 0.11.1's body)."""
        output = []
        for child, is_choose in children(self):
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
            # citeproc-py's join gives a lone piece back as it is
            return output[0] if len(output) == 1 else seams.join(output, delimiter)
        return None


class Text(cmodel.Text):  # type: ignore[misc]
    """``Text.process`` without raising and catching an exception for an item with no language."""

    def process(self, item: Any, context: Any = None, **kwargs: Any) -> Any:
        """Render the text's variable, macro, term or value (as 0.11.1 does)."""
        d = self.__dict__
        kind = d.get("_ck_kind")
        if kind is None:
            a = self.attrib
            kind = d["_ck_kind"] = next(
                (k for k in ("variable", "macro", "term", "value") if k in a), ""
            )
        if not kind:
            return super().process(item, context=context, **kwargs)
        if context is None:
            context = self
        language = dict.get(item.reference, "language")
        if language is None:
            language = d.get("_ck_language")
            if language is None:
                language = d["_ck_language"] = self.get_root().get("default-locale", "en")[:2]
        else:
            language = language[:2]
        if kind == "variable":
            text = self._variable(item, context)
        elif kind == "macro":
            macro = d.get("_ck_macro")
            if macro is None:
                macro = d["_ck_macro"] = self.get_macro(self.get("macro"))
            text = macro.render(item, context)
        elif kind == "term":
            text = self._term(item)
        else:
            text = cmodel.String(self.preformat(self.get("value")))
        return text, language

    def render(self, item: Any, context: Any = None, **kwargs: Any) -> Any:
        """Render the text; a plain one (see :meth:`_plain`) the short way.

        ``<text macro="m"/>`` alone (a 10,000-item MLA job renders a quarter of a million)
        or ``<text variable="v"/>``: the long way looks up the item's language and passes
        the text through mark-up steps that all give it back; only the affixing step
        (:meth:`wrap`, which notes that something printed) is kept. 0.96 of the
        instructions of 150 Chicago items, 0.98 of MLA's (``bench/ab.py --instructions``,
        groups included: :class:`citekit.engine.groups.Group`).
        """
        d = self.__dict__
        plain = d.get("_ck_plain")
        if plain is None:
            plain = d["_ck_plain"] = self._plain()
        if plain is False:
            return super().render(item, context=context, **kwargs)
        if context is None:
            context = self
        if plain is True:  # a variable: the value as Text._variable reads it, affixed
            text = self._variable(item, context)
            if not text:
                return None
            return self.wrap(str(text) if isinstance(text, int | float) else text)
        text = plain.render(item, context)  # the macro
        return self.wrap(text) if text else None

    def _plain(self) -> Any:
        """For a plain ``<text>``: its macro, or True for a variable; else False.

        Plain: no attribute but ``macro``, or ``variable`` (and ``form``), and no
        correction of this element's class renders, processes or marks up a text (the
        corrections of reading a variable, ``_variable``, are called as before).
        """
        names = set(self.attrib)
        if names != {"macro"} and not {"variable"} <= names <= {"variable", "form"}:
            return False
        if not _bare(self) or not plain_class(type(self), Text):
            return False
        return self.get_macro(self.get("macro")) if "macro" in names else True

    def _variable(self, item: Any, context: Any) -> Any:
        """The variable's value (restates 0.11.1's ``Text._variable``, attributes read once)."""
        d = self.__dict__
        spec = d.get("_ck_variable")
        if spec is None:
            spec = d["_ck_variable"] = (self.get("variable"), self.tag, self.get("form") == "short")
        variable, tag, short = spec
        repressed = context.get_layout().repressed
        if tag in repressed and variable in repressed[tag]:
            return None
        if short:
            short_variable = variable + "-short"
            if short_variable.replace("-", "_") in item.reference:
                variable = short_variable
        if variable.startswith("page"):
            return self._process(item.reference.page, variable)
        if variable == "citation-number":
            return item.number
        if variable == "locator":
            en_dash = self.unicode_character("EN DASH")
            return str(item.locator.identifier).replace("-", en_dash)
        return item.reference[variable.replace("-", "_")]

    def markup(self, text: Any, language: Any) -> Any:
        """The text affixed; a bare element's periods, case, formatting and quotes skipped.

        citeproc-py passes every text through ``strip_periods``, ``case``, ``format`` and
        ``quote`` before ``wrap``; an element with none of their attributes, whose class has
        no correction of them (:func:`_bare`), gets its text back from each (a number as a
        string, from ``format``).
        """
        if not text:
            return None
        d = self.__dict__
        bare = d.get("_ck_bare")
        if bare is None:
            bare = d["_ck_bare"] = _bare(self)
        if bare:
            return self.wrap(str(text) if isinstance(text, int | float) else text)
        return super().markup(text, language)


def plain_class(cls: type, own: type, steps: tuple[str, ...] = ()) -> bool:
    """Whether an element of class ``cls`` may render the short way ``own`` takes.

    Yes when no class of ``cls`` but ``own``, citeproc-py's and the speed caches' renders,
    processes or marks up a text, or defines one of ``steps``: no correction acts on what
    the short way skips.
    """
    for layer in cls.__mro__:
        if layer is own or layer.__module__ in (cmodel.__name__, __name__, markup.__name__):
            continue
        if any(step in vars(layer) for step in ("render", "process", "markup", *steps)):
            return False
    return True


#: The attributes that make ``strip_periods``, ``case``, ``format`` or ``quote`` act.
_MARKUP_ATTRIBUTES = ("strip-periods", "text-case", "quotes", *(n for n, _ in _FORMAT_DEFAULTS))
#: The methods :meth:`Text.markup` skips for a bare text.
_MARKUP_STEPS = ("strip_periods", "case", "format", "quote")


def _bare(text: Any) -> bool:
    """Whether a ``cs:text`` has none of the attributes of the markup steps, nor a correction.

    Every class of its own that defines one of the steps must be citeproc-py's (which does
    nothing without the attributes) or a speed cache of this package: a correction of a step
    (:mod:`.text_case`, :mod:`.richtext`) makes the text not bare.
    """
    if any(name in text.attrib for name in _MARKUP_ATTRIBUTES):
        return False
    # citeproc-py's quote reads this option first (and would fail without it); once read,
    # it reads the same every time (see markup.Quoted)
    text.get_locale_option("punctuation-in-quote").lower()
    for cls in type(text).__mro__:
        if cls.__module__ in (cmodel.__name__, __name__, markup.__name__):
            continue
        if any(step in vars(cls) for step in _MARKUP_STEPS):
            return False
    return True


class Formatted(cmodel.Formatted):  # type: ignore[misc]
    """``Formatted.format`` that returns at once for an element with no formatting."""

    def format(self, string: Any) -> Any:
        """Apply the element's font and decoration attributes, if it has any."""
        d = self.__dict__
        plain = d.get("_ck_plain")
        if plain is None:
            attrib = self.attrib
            plain = d["_ck_plain"] = all(
                attrib.get(name, default) == default for name, default in _FORMAT_DEFAULTS
            )
        if plain:
            return str(string) if isinstance(string, int | float) else string
        return super().format(string)


class Names(cmodel.Names):  # type: ignore[misc]
    """``cs:names``: the delimiter between its roles, found once per context."""

    def get_parent_delimiter(self, context: Any = None) -> Any:
        """The citation's or bibliography's ``names-delimiter`` (an XPath and a read)."""
        d = self.__dict__
        found = d.get("_ck_parent_delimiter")
        if found is None:
            found = d["_ck_parent_delimiter"] = {}
        if context not in found:
            found[context] = super().get_parent_delimiter(context)
        return found[context]


class Name(cmodel.Name):  # type: ignore[misc]
    """A ``cs:name`` option (from the name, else its citation or bibliography), read once."""

    def get_option(self, name: str, context: Any = None, sort_options: Any = None) -> Any:
        """The option's value; a sort key's own options are not remembered."""
        if sort_options is not None and name in sort_options:
            return super().get_option(name, context, sort_options)
        d = self.__dict__
        cache = d.get("_ck_name_options")
        if cache is None:
            cache = d["_ck_name_options"] = {}
        key = (context if context is not None else self, name)
        value = cache.get(key, MISSING)
        if value is MISSING:
            value = cache[key] = super().get_option(name, context, None)
        return value


OptionReader = Callable[[Any, str, Any, Any], Any]
#: An option no correction changes: from the cache.
_read_cached: OptionReader = Name.get_option

#: Per composed ``cs:name`` class: for each option some correction may change, the
#: outermost correction of ``get_option`` that names it.
_OPTION_READERS: dict[type, dict[str, OptionReader]] = {}


def option_readers(cls: type) -> dict[str, OptionReader]:
    """For each option the corrections in ``cls`` may change, where reading it starts.

    That is the outermost correction naming it in its ``ck_options``: the corrections
    outside it would only pass the call on. Found once per class.

    Raises:
        TypeError: a class of ``cls`` corrects ``get_option`` without naming its options.
    """
    found = _OPTION_READERS.get(cls)
    if found is None:
        found = {}
        for layer in cls.__mro__:
            if "get_option" not in vars(layer) or layer in (NameOptions, Name):
                continue
            if layer.__module__ == cmodel.__name__:
                continue
            options = vars(layer).get("ck_options")
            if options is None:
                raise TypeError(f"{layer.__qualname__}.get_option names no ck_options")
            for option in options:
                found.setdefault(option, vars(layer)["get_option"])
        _OPTION_READERS[cls] = found
    return found


class NameOptions(cmodel.Name):  # type: ignore[misc]
    """A ``cs:name`` option read through the corrections that may change it, and no others.

    ``cs:name`` reads some twenty options per rendering, each through every correction's
    ``get_option`` (subsequent et-al, added names, counts, after-inverted-name), though each
    acts on a few options only. Each says which (``ck_options``): an option starts at the
    outermost correction that names it (:func:`option_readers`); one that none names goes
    straight to :class:`Name`'s cache. The outermost layer of ``cs:name``.
    """

    def get_option(self, name: str, context: Any = None, sort_options: Any = None) -> Any:
        """The option's value.

        An option no correction names, read before, is read from :class:`Name`'s cache
        here (a name renders with some twenty such reads; the call saved is most of each).
        """
        readers = _OPTION_READERS.get(type(self))
        if readers is None:
            readers = option_readers(type(self))
        reader = readers.get(name)
        if reader is not None:
            return reader(self, name, context, sort_options)
        if sort_options is None or name not in sort_options:
            cache = self.__dict__.get("_ck_name_options")
            if cache is not None:
                value = cache.get((context if context is not None else self, name), MISSING)
                if value is not MISSING:
                    return value
        return _read_cached(self, name, context, sort_options)


class Term(cmodel.Term):  # type: ignore[misc]
    """A term's singular text, read once per output format."""

    @property
    def single(self) -> Any:
        """The singular form (as citeproc-py's property)."""
        cache = self.__dict__.setdefault("_ck_single", {})
        formatter = self.get_formatter()
        if formatter not in cache:
            cache[formatter] = cmodel.Term.single.fget(self)
        return cache[formatter]


class Locale(cmodel.Locale):  # type: ignore[misc]
    """A locale's options and terms, each looked up (by XPath) once."""

    def get_option(self, name: str) -> Any:
        """A style option of the locale (``punctuation-in-quote``)."""
        cache = self.__dict__.setdefault("_ck_options", {})
        if name not in cache:
            try:
                cache[name] = super().get_option(name)
            except IndexError:
                cache[name] = MISSING
        if cache[name] is MISSING:
            raise IndexError(name)
        return cache[name]

    def get_term(self, name: str, form: Any = None, zero_padded: bool = False) -> Any:
        """A term of the locale; IndexError when it has none (as citeproc-py)."""
        cache = self.__dict__.setdefault("_ck_terms", {})
        key = (name, form, zero_padded)
        if key not in cache:
            try:
                cache[key] = super().get_term(name, form, zero_padded=zero_padded)
            except IndexError:
                cache[key] = MISSING
        if cache[key] is MISSING:
            raise IndexError(name)
        return cache[key]
