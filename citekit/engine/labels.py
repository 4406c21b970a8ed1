"""Labels and terms: when a label shows, its text case, and a missing term form's fallback."""

from __future__ import annotations

import re
from typing import Any

import citeproc.model as cmodel

from .numbers import is_plural_number
from .state import state_of

_TERM_FALLBACK: dict[str | None, tuple[str | None, ...]] = {
    "verb-short": ("verb", None),
    "verb": (None,),
    "symbol": ("short", None),
    "short": (None,),
}


class Label(cmodel.Label):  # type: ignore[misc]
    """``cs:label`` corrected."""

    def calls_variable(self) -> bool:
        """FIX(ms-b-label-not-variable): a label is a term for its group, not a variable.

        citeproc-js counts a ``cs:label`` neither as a variable tried nor as one rendered
        (CSL 1.0.2, Group: a group is suppressed when it calls variables and all are empty);
        citeproc-py counted a locator's label as a rendered variable, so ", S." stayed in a
        group whose page was empty.
        """
        return False

    def process(
        self,
        item: Any,
        variable: Any = None,
        plural: Any = None,
        context: Any = None,
        **kwargs: Any,
    ) -> Any:
        """FIX(empty-label): a label renders only when its variable is set (CSL 1.0.2).

        citeproc-py printed the bare term ("Edition") for newspapers without an edition.
        """
        if state_of(self).sorting is not None and plural is not None:
            return None  # FIX(sort-keys): role labels ("trans.") are not part of a sort key
        if plural is not None and variable:
            # a role's term has its CSL name (FIX(names-count-hyphen-roles))
            variable = variable.replace("_", "-")
        own = self.get("variable")
        if variable is None and own:
            if own == "locator":
                if not item.has_locator:
                    return None
            elif own.replace("-", "_") not in item.reference:
                return None
        return super().process(item, variable=variable, plural=plural, context=context, **kwargs)

    def _is_plural(self, item: Any) -> bool:
        """FIX(number-plurals): a label is plural when its value holds several numbers.

        ``number-of-*`` variables by their count; others as citeproc-js counts the numbers
        of a value (:func:`.numbers.is_plural_number`): "i-ix" is plural, "3-B" and an
        escaped "327\\-30" are not. citeproc-py counted digit runs.
        """
        variable = self.get("variable") or ""
        if variable == "locator":
            value = item.locator.identifier if item.has_locator else None
        else:
            value = item.reference.get(variable.replace("-", "_"))
        if value is None:
            return False
        if variable.startswith("number-of"):
            try:
                return int(str(value)) > 1
            except ValueError:
                pass
        return is_plural_number(str(value), str(self.get_single_term(name="and")))

    def markup(self, text: Any) -> Any:
        """FIX(label-case): ``text-case`` applies to a label inside ``cs:names`` too.

        citeproc-py renders a names element's label from the role term directly, so
        ``text-case="capitalize-first"`` (APA's "Trans.") was lost.
        """
        out = super().markup(text)
        case = self.get("text-case")
        if not out or case not in ("capitalize-first", "title", "capitalize-all"):
            return out
        s = str(out)
        if case == "capitalize-first":
            s = re.sub(r"[^\W\d_]", lambda m: m.group(0).upper(), s, count=1)
        else:
            s = re.sub(r"\b([^\W\d_])", lambda m: m.group(1).upper(), s)
        return cmodel.String(s)


class Locale(cmodel.Locale):  # type: ignore[misc]
    """A locale whose missing term forms fall back as CSL 1.0.2 says."""

    def get_term(self, name: str, form: Any = None, zero_padded: bool = False) -> Any:
        """FIX(term-fallback): verb-short -> verb -> long, symbol -> short -> long.

        citeproc-py printed nothing for a missing form (MLA lost "Spring" from seasonal dates).
        A form missing here is first looked for in the locales after this
        one (the locale file's "o. J." before the style locale's long "ohne Jahresangabe",
        as citeproc-js does), and ``form="long"`` is the long form (a style's
        ``<term name="accessed" form="long">`` was never found).
        """
        for attempt in (form, *_TERM_FALLBACK.get(form, ())):
            found = self._exact(name, attempt, zero_padded)
            if found is not None:
                return found
            if attempt == form and form is not None and self._later_has(name, form, zero_padded):
                break  # the next locale has the very form asked for
        raise IndexError(name)

    def _exact(self, name: str, form: Any, zero_padded: bool) -> Any:
        """The term in exactly this form (the long form with or without ``form="long"``)."""
        for attempt in (None, "long") if form in (None, "long") else (form,):
            try:
                return super().get_term(name, attempt, zero_padded=zero_padded)
            except IndexError:
                continue
        return None

    def _later_has(self, name: str, form: Any, zero_padded: bool) -> bool:
        """Whether a locale searched after this one has the term in this very form."""
        locales = getattr(getattr(self, "style", None), "locales", None) or []
        later = False
        for locale in locales:
            if locale is self:
                later = True
            elif later and locale._exact(name, form, zero_padded) is not None:
                return True
        return False
