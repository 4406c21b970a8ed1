"""Rich text in field values: CSL-JSON's HTML-like markup, kept as markup through rendering.

FIX(rich-text): CSL-JSON values may carry ``<i>``, ``<b>``, ``<sup>``, ``<sub>``, ``<sc>``,
``<span style="font-variant:small-caps;">``, ``<span class="nocase">`` and
``<span class="nodecor">`` (CSL 1.0.2, Appendix VI "Rich text markup within fields";
citeproc-js reads the same tags). citeproc-py knows only ``nocase`` and passes the rest
through raw. citekit turns each *paired* tag into a private-use marker character when an
item is prepared (:func:`mark`): markers have no case, so text case, period stripping and
the rest of citeproc-py leave them alone, and what is left of the value (an unpaired
``<``, a ``&``) is plain text, escaped like any other. When the output is finished
(:func:`render`), the markers become HTML for the formatting in effect where they stand:
italics inside italics flip to ``font-style:normal`` (and back), bold and small caps the
same way, ``nodecor`` undoes every decoration in effect (citeproc-js's flip-flop, CSL
1.0.2 "Formatting"); plain-text output drops them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import citeproc.model as cmodel

#: A tag's name -> its opening and closing marker (private-use characters).
MARKERS: dict[str, tuple[str, str]] = {
    "i": ("\ue010", "\ue011"),
    "b": ("\ue012", "\ue013"),
    "sc": ("\ue014", "\ue015"),
    "sup": ("\ue016", "\ue017"),
    "sub": ("\ue018", "\ue019"),
    "nocase": ("\ue01a", "\ue01b"),
    "nodecor": ("\ue01c", "\ue01d"),
    # a style's explicit "normal" (see :class:`Formatted`)
    "style-normal": ("\ue0c2", "\ue0c3"),
    "variant-normal": ("\ue0c4", "\ue0c5"),
    "weight-normal": ("\ue0c6", "\ue0c7"),
    "baseline": ("\ue0c8", "\ue0c9"),
}
NOCASE_OPEN, NOCASE_CLOSE = MARKERS["nocase"]
#: Markup whose words text case leaves alone (citeproc-js: ``nodecor`` and an implicit
#: ``nocase`` for small caps, superscript and subscript).
_PROTECTING = ("nocase", "nodecor", "sc", "sup", "sub")
CASE_PROTECTED = frozenset(MARKERS[n][0] for n in _PROTECTING)
#: Their closing markers.
CASE_PROTECTED_CLOSE = frozenset(MARKERS[n][1] for n in _PROTECTING)
#: Quotation marks found in a field (paired by :func:`.prepare.smart_quotes`): open and
#: close of a straight or typographic double pair, of a straight single pair, of a
#: typographic single pair. The output's marks come from the locale when the output is
#: finished (:func:`.finish.flip_nested_quotes`).
QUOTE_MARKERS = ("\ue003", "\ue004", "\ue005", "\ue006", "\ue008", "\ue009")
#: Straight double and single quotation markers swapped (see :func:`outer_quote_form`).
_SWAP_FORMS = str.maketrans(
    {
        QUOTE_MARKERS[0]: QUOTE_MARKERS[2],
        QUOTE_MARKERS[1]: QUOTE_MARKERS[3],
        QUOTE_MARKERS[2]: QUOTE_MARKERS[0],
        QUOTE_MARKERS[3]: QUOTE_MARKERS[1],
    }
)
_OPENERS = {o: name for name, (o, _) in MARKERS.items()}
_CLOSERS = {c: name for name, (_, c) in MARKERS.items()}
ALL_MARKERS = frozenset(_OPENERS) | frozenset(_CLOSERS)
_STRIP = str.maketrans(dict.fromkeys(ALL_MARKERS, None))
#: Any marker: most finished texts have none, and are given back as they are.
_ANY_MARKER = re.compile("[" + "".join(re.escape(c) for c in sorted(ALL_MARKERS)) + "]")

_TAG = re.compile(
    r"<(?P<close>/)?(?P<simple>i|b|sc|sup|sub)>"
    r"|<span\s+class=[\"'](?P<cls>nocase|nodecor)[\"']\s*>"
    r"|<span\s+style=[\"']\s*font-variant\s*:\s*small-caps;?\s*[\"']\s*>"
    r"|</span>"
)

#: The decoration each HTML opening tag of the finished output sets.
_STYLE_TAGS: dict[str, tuple[str, str]] = {
    "<i>": ("font-style", "italic"),
    "<b>": ("font-weight", "bold"),
    '<span style="font-variant:small-caps;">': ("font-variant", "small-caps"),
    '<span style="font-style:normal;">': ("font-style", "normal"),
    '<span style="font-weight:normal;">': ("font-weight", "normal"),
    '<span style="font-variant:normal;">': ("font-variant", "normal"),
}
#: A marked decoration: its property, its value and its plain HTML.
_DECOR = {
    "i": ("font-style", "italic", "<i>", "</i>"),
    "b": ("font-weight", "bold", "<b>", "</b>"),
    "sc": ("font-variant", "small-caps", '<span style="font-variant:small-caps;">', "</span>"),
}
_OUTPUT_TOKEN = re.compile(
    r"</?(?:i|b|sup|sub|u|l)>|<span[^>]*>|</span>|[" + "".join(sorted(ALL_MARKERS)) + "]"
)


def mark(value: str) -> str:
    """The value with each paired markup tag replaced by its marker; other text untouched."""
    if "<" not in value:
        return value
    tokens: list[tuple[int, int, str, bool]] = []  # start, end, name, is closing
    for m in _TAG.finditer(value):
        if m.group("simple"):
            tokens.append((m.start(), m.end(), m.group("simple"), bool(m.group("close"))))
        elif m.group("cls"):
            tokens.append((m.start(), m.end(), m.group("cls"), False))
        elif m.group().startswith("</"):
            tokens.append((m.start(), m.end(), "/span", True))
        else:
            tokens.append((m.start(), m.end(), "sc-span", False))
    paired: dict[int, str] = {}  # token index -> marker
    stack: list[int] = []
    for n, (_, _, name, closing) in enumerate(tokens):
        if not closing:
            stack.append(n)
            continue
        if not stack:
            continue
        top = tokens[stack[-1]][2]
        spanned = top in ("nocase", "nodecor", "sc-span")
        if (name == "/span" and spanned) or name == top:
            opened = stack.pop()
            kind = "sc" if top == "sc-span" else top
            paired[opened], paired[n] = MARKERS[kind]
    if not paired:
        return value
    out: list[str] = []
    last = 0
    for n, (start, end, _, _) in enumerate(tokens):
        if n in paired:
            out.append(value[last:start])
            out.append(paired[n])
            last = end
    out.append(value[last:])
    return "".join(out)


def outer_quote_form(value: str) -> str:
    """FIX(punct-quote-form): the first quotation of a value sets which form is the outer one.

    citeproc-js takes the form (single or double) of a field's first quotation for its
    outer form and the other form for the inner one, so in ``'the Ministers' ... "Leap
    Forward"`` the single quotes print as outer marks and the later double quotes, though
    at the top, as inner ones (en-US “the Ministers” … ‘Leap Forward’). The markers of
    :func:`.prepare.smart_quotes` say double (outer at the top) and single (inner at the
    top, :func:`.finish.flip_nested_quotes`): a value whose first quotation is single has
    its two forms swapped.
    """
    double, single = value.find(QUOTE_MARKERS[0]), value.find(QUOTE_MARKERS[2])
    if single == -1 or (double != -1 and double < single):
        return value
    return value.translate(_SWAP_FORMS)


#: Follows a quotation that more of its value follows: punctuation after it is the value's own.
IN_VALUE = "\ue0c1"
_CLOSING_QUOTES = QUOTE_MARKERS[1] + QUOTE_MARKERS[3] + QUOTE_MARKERS[5]
_RUN = _CLOSING_QUOTES + "".join(c for _, c in MARKERS.values())
_QUOTE_INSIDE = re.compile(f"([{_CLOSING_QUOTES}][{_RUN}]*)(?=[^{_RUN}])", re.S)


_BEFORE_NARROW = re.compile(" ([:;?!\u00bb])")


def narrow_spaces(value: str) -> str:
    """FIX(punct-narrow-space): French spacing, as citeproc-js writes every value and term.

    A space before ``:``, ``;``, ``?``, ``!`` or ``»`` and after ``«`` becomes a narrow
    no-break space (U+202F), in any locale ("His « Anonymous » Life"; a French style's
    ``value="Disponible sur : "``); affixes and delimiters keep theirs.
    """
    if " " not in value:
        return value
    return _BEFORE_NARROW.sub("\u202f\\1", value).replace("\u00ab ", "\u00ab\u202f")


def quotations(value: str) -> str:
    """The value's quotations in their forms (:func:`outer_quote_form`), those inside marked.

    FIX(punct-quote-inside): citeproc-js moves a period or comma into a quotation only where
    pieces join (an affix, a delimiter after the field), never inside one value ("‘God
    willing’. Another"; a cite prefix "'quote', "). A quotation that more of the value
    follows is marked with :data:`IN_VALUE` (removed when the output is finished), so
    :func:`.finish.move_punctuation_in_quotes` leaves the punctuation after it alone.
    """
    value = outer_quote_form(value)
    if not any(c in value for c in _CLOSING_QUOTES):
        return value
    return _QUOTE_INSIDE.sub(lambda m: m.group(1) + IN_VALUE, value)


def strip(text: str) -> str:
    """The text without markers (plain-text output, sort keys)."""
    return text.translate(_STRIP)


def render(text: str, html_out: bool) -> str:
    """The finished output with its markers as HTML (flip-flopped) or, in text, dropped."""
    if not html_out:
        return strip(text)
    if _ANY_MARKER.search(text) is None:  # (a regular expression: no Python call per character)
        return text
    out: list[str] = []
    # One entry per open element: (marker name or None, closing HTML, decorations it sets).
    stack: list[tuple[str | None, str, dict[str, str]]] = []
    last = 0
    for m in _OUTPUT_TOKEN.finditer(text):
        out.append(text[last : m.start()])
        last = m.end()
        tok = m.group()
        if tok in _OPENERS:
            out.append(_open_marker(_OPENERS[tok], stack))
        elif tok in _CLOSERS:
            out.append(_close_marker(_CLOSERS[tok], stack))
        elif tok.startswith("</"):
            out.append(tok)
            for n in range(len(stack) - 1, -1, -1):
                if stack[n][0] is None:
                    del stack[n]
                    break
        else:
            out.append(tok)
            prop = _STYLE_TAGS.get(tok)
            stack.append((None, "", dict([prop]) if prop else {}))
    out.append(text[last:])
    out.extend(close for name, close, _ in reversed(stack) if name is not None)
    return "".join(out)


_EXPLICIT_NORMAL = {
    "style-normal": "font-style",
    "variant-normal": "font-variant",
    "weight-normal": "font-weight",
}


class Formatted(cmodel.Formatted):  # type: ignore[misc]
    """FIX(punct-explicit-normal): a style's explicit ``font-style="normal"`` (and the like).

    citeproc-py prints nothing for it. citeproc-js undoes the decoration where one is in
    effect (an element with ``font-style="normal"`` in an italic group prints
    ``<span style="font-style:normal;">``) and prints nothing where none is; an explicit
    ``vertical-align="baseline"`` always prints ``<span style="baseline">``. The output is
    wrapped in markers that :func:`render` resolves against the decorations around them.
    """

    @staticmethod
    def ck_applies(attrib: Mapping[str, str]) -> bool:
        """Only an element with an explicit normal (see :mod:`.loader`)."""
        return any(attrib.get(attr) == normal for _, attr, normal in _EXPLICIT)

    def format(self, string: Any) -> Any:
        """citeproc-py's formatting, then the markers of the explicit normals."""
        out = super().format(string)
        if out is None:
            return out
        attrib = self.attrib
        for name, attr, normal in _EXPLICIT:
            if attrib.get(attr) == normal:
                opener, closer = MARKERS[name]
                out = opener + out + closer
        return out


_EXPLICIT = (
    ("style-normal", "font-style", "normal"),
    ("variant-normal", "font-variant", "normal"),
    ("weight-normal", "font-weight", "normal"),
    ("baseline", "vertical-align", "baseline"),
)


def _in_effect(stack: list[tuple[str | None, str, dict[str, str]]], prop: str) -> str:
    for _, _, decor in reversed(stack):
        if prop in decor:
            return decor[prop]
    return "normal"


def _open_marker(name: str, stack: list[tuple[str | None, str, dict[str, str]]]) -> str:
    if name in _EXPLICIT_NORMAL:
        prop = _EXPLICIT_NORMAL[name]
        if _in_effect(stack, prop) == "normal":
            stack.append((name, "", {}))
            return ""
        stack.append((name, "</span>", {prop: "normal"}))
        return f'<span style="{prop}:normal;">'
    if name == "baseline":
        stack.append((name, "</span>", {}))
        return '<span style="baseline">'
    if name == "nocase":
        stack.append((name, "", {}))
        return ""
    if name in ("sup", "sub"):
        stack.append((name, f"</{name}>", {}))
        return f"<{name}>"
    if name == "nodecor":
        opened, closes, decor = [], [], {}
        for prop in ("font-style", "font-variant", "font-weight"):
            if _in_effect(stack, prop) != "normal":
                opened.append(f'<span style="{prop}:normal;">')
                closes.append("</span>")
                decor[prop] = "normal"
        stack.append((name, "".join(closes), decor))
        return "".join(opened)
    prop, value, html_open, html_close = _DECOR[name]
    if _in_effect(stack, prop) == value:
        stack.append((name, "</span>", {prop: "normal"}))
        return f'<span style="{prop}:normal;">'
    stack.append((name, html_close, {prop: value}))
    return html_open


def _close_marker(name: str, stack: list[tuple[str | None, str, dict[str, str]]]) -> str:
    for n in range(len(stack) - 1, -1, -1):
        if stack[n][0] == name:
            close = stack[n][1]
            del stack[n]
            return close
    return ""
