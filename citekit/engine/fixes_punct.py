"""FIXES rows of the punctuation, quotes and markup corrections (display, finish, richtext).

Kept apart from :mod:`.fixes` so that no module grows past its size; :mod:`.fixes` appends
them to :data:`.fixes.FIXES` (each row: the fields of :class:`.fixes.Fix`).
"""

from __future__ import annotations

_CITEPROC_JS = "not filed: citeproc-js behaviour rather than a CSL rule"

PUNCT_ROWS: tuple[dict[str, str], ...] = (
    {
        "id": "punct-display-text",
        "phase": "output",
        "where": "display.assemble, display.settle",
        "cause": (
            "text output joins a bibliography's divisions with one space where there is "
            'none (bmj "1 Westad" for "1  Westad") and leaks the marks of a nested division'
        ),
        "spec": (
            "CSL 1.0.2, Display; citeproc-js text format (left-margin + space, block a new "
            "line, indent a new line and four spaces; a nested display ignored)"
        ),
        "proof": "tests/test_fixes.py::test_display_divisions_in_text_output",
        "upstream": _CITEPROC_JS,
    },
    {
        "id": "punct-quote-form",
        "phase": "item",
        "where": "richtext.outer_quote_form (via prepare.prepare_value), finish.flip_nested_quotes",
        "cause": (
            "a field's straight double quotes print as outer marks even after its first "
            "quotation was single (en-US 'the Ministers' ... \"Leap Forward\": “…” … “…” for "
            "“…” … ‘…’)"
        ),
        "spec": "citeproc-js behaviour (the first quotation of a field sets its outer form)",
        "proof": "tests/test_fixes.py::test_first_quotation_of_a_field_sets_the_outer_form",
        "upstream": _CITEPROC_JS,
    },
    {
        "id": "punct-quote-inside",
        "phase": "output",
        "where": (
            "richtext.quotations (via prepare.prepare_value), finish.move_punctuation_in_quotes"
        ),
        "cause": (
            "punctuation-in-quote moves a field's own comma or period into its quotation "
            '("“A,” b" for "“A”, b") and never into a quotation with inner marks only '
            "(‘Leap Forward’. for ‘Leap Forward.’)"
        ),
        "spec": (
            "CSL 1.0.2, Locale Options: punctuation-in-quote (affixes and delimiters only);"
            " citeproc-js moves into any quotation that ends a field"
        ),
        "proof": "tests/test_fixes.py::test_punctuation_moves_into_quotes_only_where_pieces_join",
        "upstream": _CITEPROC_JS,
    },
    {
        "id": "punct-in-quote-marks",
        "phase": "output",
        "where": "finish.move_punctuation_in_quotes, finish.finish",
        "cause": (
            "punctuation-in-quote leaves ! and ? outside the quote and drops a comma after "
            'a quote ending in ?: "“Why?” P" for "“Why?,” P", "“exclamation”!" for '
            '"“exclamation!”"'
        ),
        "spec": (
            "CSL 1.0.2, Locale Options: punctuation-in-quote; citeproc-js moves . , ! ? and"
            " merges the marks inside the quote"
        ),
        "proof": "tests/test_fixes.py::test_marks_moved_into_quotes_merge_there",
        "upstream": _CITEPROC_JS,
    },
    {
        "id": "punct-spaces",
        "phase": "output",
        "where": "finish.finish",
        "cause": (
            "every run of whitespace collapses to one space: a style's newline delimiter "
            "next to a newline value, a no-break space next to a space"
        ),
        "spec": "citeproc-js behaviour (only doubled spaces where pieces join are dropped)",
        "proof": "tests/test_fixes.py::test_marks_moved_into_quotes_merge_there",
        "upstream": _CITEPROC_JS,
    },
    {
        "id": "punct-narrow-space",
        "phase": "item",
        "where": "richtext.narrow_spaces (via prepare.prepare_value)",
        "cause": (
            "a space before : ; ? ! » or after « in a value or a style's text stays a plain"
            ' space (citeproc-js: a narrow no-break space, "Disponible sur :")'
        ),
        "spec": "citeproc-js behaviour (French spacing of every value and term it writes)",
        "proof": "tests/test_fixes.py::test_values_and_terms_spaced_and_quoted_as_citeproc_js",
        "upstream": _CITEPROC_JS,
    },
    {
        "id": "punct-term-text",
        "phase": "engine",
        "where": "values.Text",
        "cause": (
            'a term prints as the locale writes it: a straight apostrophe (fr "à '
            "l'adresse\") where citeproc-js prints ’"
        ),
        "spec": "citeproc-js behaviour (a term is read as rich text, like a value)",
        "proof": "tests/test_fixes.py::test_values_and_terms_spaced_and_quoted_as_citeproc_js",
        "upstream": _CITEPROC_JS,
    },
    {
        "id": "punct-superscript-chars",
        "phase": "output",
        "where": "finish.superscript_chars",
        "cause": (
            "HTML output keeps superscript characters (² ™) where citeproc-js writes <sup>2</sup>"
        ),
        "spec": "citeproc-js behaviour (its HTML text escape)",
        "proof": "tests/test_fixes.py::test_html_superscripts_and_affix_brackets",
        "upstream": _CITEPROC_JS,
    },
    {
        "id": "punct-affix-escape",
        "phase": "style",
        "where": "finish.affixes_as_text (via style_rewrites.rewrite_style)",
        "cause": 'a < or > in an affix reaches HTML output raw (prefix="&lt;" opens a tag)',
        "spec": "CSL 1.0.2, Affixes (plain text); HTML output escapes text",
        "proof": "tests/test_fixes.py::test_html_superscripts_and_affix_brackets",
    },
    {
        "id": "punct-explicit-normal",
        "phase": "output",
        "where": "richtext.Formatted, richtext.render",
        "cause": (
            'font-style="normal" (font-weight, font-variant) prints nothing inside an italic'
            ' (bold, small-caps) group; vertical-align="baseline" prints nothing'
        ),
        "spec": "CSL 1.0.2, Formatting; citeproc-js undoes a decoration in effect",
        "proof": "tests/test_fixes.py::test_explicit_normal_and_seam_at_a_division",
        "upstream": _CITEPROC_JS,
    },
    {
        "id": "punct-seam-division",
        "phase": "output",
        "where": "finish.merge_punctuation",
        "cause": ('a period after "n.d." at the end of a display division stays ("n.d.</b>.")'),
        "spec": "citeproc-js behaviour (a suffix that repeats the last mark is dropped)",
        "proof": "tests/test_fixes.py::test_explicit_normal_and_seam_at_a_division",
        "upstream": _CITEPROC_JS,
    },
)
