"""FIXES rows, output: display divisions, markup, locale quotes, punctuation, text case."""

from __future__ import annotations

from .table import CITEPROC_JS, Fix, case

ROWS: tuple[Fix, ...] = (
    Fix(
        "sas-first-names-empty",
        "engine",
        "substitute.Names._first_came_out_empty",
        "subsequent-author-substitute replaced later names of an entry whose first cs:names"
        " printed nothing (an empty editor macro before the translator), which Zotero keeps",
        "citeproc-js behaviour (CSL 1.0.2 leaves which names are compared open)",
        "tests/test_fixes.py::test_an_entry_whose_first_names_print_nothing_is_not_substituted",
        CITEPROC_JS,
    ),
    Fix(
        "title-case",
        "engine",
        "text_case.TextCased",
        "title case capitalises prepositions, lower-cases after hyphens, ignores nocase",
        "CSL 1.0.2, Text-case: Title case conversion (stop words)",
        case("title-case")
        + "; CSL suite textcase_*"
        + "; tests/test_fixes.py::test_title_case_as_citeproc_js_cases_archival_titles",
    ),
    Fix(
        "nested-quotes",
        "output",
        "finish.flip_nested_quotes",
        "quotes inside quotes do not alternate; quote marks ignore the locale",
        "CSL 1.0.2, Formatting: quotes (open-quote ... close-inner-quote terms)",
        case("nested-quotes") + "; tests/test_fixes.py::test_quote_marks_come_from_the_locale",
    ),
    Fix(
        "punct-in-quote",
        "output",
        "finish.move_punctuation_in_quotes",
        "commas and periods stay outside closing quotes in en-US",
        "CSL 1.0.2, Locale Options: punctuation-in-quote",
        case("punct-in-quote"),
    ),
    Fix(
        "punct-seam",
        "output",
        "finish.merge_punctuation",
        'punctuation doubled where pieces join ("it?.", "ed..", "<i>reference.</i>.")',
        "citeproc-js behaviour (its punctuation merge table); CSL 1.0.2 leaves it open",
        "tests/test_fixes.py::test_punctuation_merges_at_seams; CSL suite punctuation_*",
        CITEPROC_JS,
    ),
    Fix(
        "display",
        "output",
        "display.Displayed (display.Text, display.Group, display.Date, display.Number, "
        "display.Names), display.second_field, display.assemble",
        "display and second-field-align are ignored: the number runs into the entry",
        "CSL 1.0.2, Display and Whitespace (second-field-align); citeproc-js HTML divisions",
        case("display"),
    ),
    Fix(
        "case-plain-str",
        "engine",
        "text_case.TextCased.case",
        "text-case on a plain str (a roman number, an unformatted macro) raises AttributeError",
        "CSL 1.0.2, Formatting: Text-case (applies to any rendered text)",
        "tests/test_fixes.py::test_text_case_on_plain_text_and_default_near_note_distance",
    ),
    Fix(
        "case-macro-call",
        "engine",
        "text_case.TextCased.case",
        "text-case on a macro call cases the macro's output, which Zotero leaves as it is",
        "CSL 1.0.2, Formatting: Text-case (citekit follows citeproc-js, not the rule)",
        "tests/test_fixes.py::test_text_case_on_a_macro_call_is_left_as_citeproc_js_leaves_it",
        CITEPROC_JS,
    ),
    Fix(
        "entry-spaces",
        "output",
        "finish.finish, bibliography.bibliography",
        "an HTML bibliography entry loses a leading or trailing space citeproc-js keeps",
        "citeproc-js behaviour (HTML entries are not trimmed; text entries are)",
        "tests/test_fixes.py::test_entry_spaces_kept_in_html_trimmed_in_text",
        CITEPROC_JS,
    ),
    Fix(
        "superscripts",
        "output",
        "superscripts.mark_superscripts",
        "superscript characters (ª, ², ʳᵉ) stay characters in HTML output",
        "citeproc-js: <sup> of the base character (Unicode TR30 folding)",
        "tests/test_fixes.py::test_ordinals_superscripts; CSL suite magic_SuperscriptChars",
        CITEPROC_JS,
    ),
    Fix(
        "labels-no-printed-form",
        "output",
        "bibliography.bibliography",
        "an empty entry of a numeric style is dropped, so the list skips a citation number",
        "citeproc-js behaviour (numeric mode prints N. [CSL STYLE ERROR: ...] in its place)",
        "tests/test_fixes.py::test_numeric_entry_with_no_printed_form_keeps_its_number; "
        "CSL suite sort_OmittedBibRefMixedNumericStyle",
        CITEPROC_JS,
    ),
    Fix(
        "labels-display-margin",
        "output",
        "display.assemble, display.second_field",
        "second-field-align text output: one space after the margin; a label's right part "
        "keeps a prefix space citeproc-js drops",
        "citeproc-js behaviour (text format: left margin + ' '; after a citation label the "
        "right-inline text starts at its first character)",
        "tests/test_fixes.py::test_second_field_margin_spaces",
        CITEPROC_JS,
    ),
    Fix(
        "punct-display-text",
        "output",
        "display.assemble, display.settle",
        "text output joins a bibliography's divisions with one space where there is none (bmj "
        '"1 Westad" for "1  Westad") and leaks the marks of a nested division',
        "CSL 1.0.2, Display; citeproc-js text format (left-margin + space, block a new line, "
        "indent a new line and four spaces; a nested display ignored)",
        "tests/test_fixes.py::test_display_divisions_in_text_output",
        CITEPROC_JS,
    ),
    Fix(
        "punct-quote-inside",
        "output",
        "richtext.quotations (via prepare.prepare_value), finish.move_punctuation_in_quotes",
        'punctuation-in-quote moves a field\'s own comma or period into its quotation ("“A,” b" '
        'for "“A”, b") and never into a quotation with inner marks only (‘Leap Forward’. for '
        "‘Leap Forward.’)",
        "CSL 1.0.2, Locale Options: punctuation-in-quote (affixes and delimiters only); "
        "citeproc-js moves into any quotation that ends a field",
        "tests/test_fixes.py::test_punctuation_moves_into_quotes_only_where_pieces_join",
        CITEPROC_JS,
    ),
    Fix(
        "punct-in-quote-marks",
        "output",
        "finish.move_punctuation_in_quotes, finish.finish",
        "punctuation-in-quote leaves ! and ? outside the quote and drops a comma after a quote "
        'ending in ?: "“Why?” P" for "“Why?,” P", "“exclamation”!" for "“exclamation!”"',
        "CSL 1.0.2, Locale Options: punctuation-in-quote; citeproc-js moves . , ! ? and merges "
        "the marks inside the quote",
        "tests/test_fixes.py::test_marks_moved_into_quotes_merge_there",
        CITEPROC_JS,
    ),
    Fix(
        "punct-spaces",
        "output",
        "finish.finish",
        "every run of whitespace collapses to one space: a style's newline delimiter next to a "
        "newline value, a no-break space next to a space",
        "citeproc-js behaviour (only doubled spaces where pieces join are dropped)",
        "tests/test_fixes.py::test_marks_moved_into_quotes_merge_there",
        CITEPROC_JS,
    ),
    Fix(
        "punct-term-text",
        "engine",
        "values.Text",
        'a term prints as the locale writes it: a straight apostrophe (fr "à l\'adresse") where '
        "citeproc-js prints ’",
        "citeproc-js behaviour (a term is read as rich text, like a value)",
        "tests/test_fixes.py::test_values_and_terms_spaced_and_quoted_as_citeproc_js",
        CITEPROC_JS,
    ),
    Fix(
        "punct-explicit-normal",
        "output",
        "richtext.Formatted, richtext.render",
        'font-style="normal" (font-weight, font-variant) prints nothing inside an italic (bold,'
        ' small-caps) group; vertical-align="baseline" prints nothing',
        "CSL 1.0.2, Formatting; citeproc-js undoes a decoration in effect",
        "tests/test_fixes.py::test_explicit_normal_and_seam_at_a_division",
        CITEPROC_JS,
    ),
    Fix(
        "punct-seam-division",
        "output",
        "finish.merge_punctuation",
        'a period after "n.d." at the end of a display division stays ("n.d.</b>.")',
        "citeproc-js behaviour (a suffix that repeats the last mark is dropped)",
        "tests/test_fixes.py::test_explicit_normal_and_seam_at_a_division",
        CITEPROC_JS,
    ),
    Fix(
        "no-printed-form",
        "output",
        "finish.citation_text",
        'a citation that prints nothing reads "[NO_PRINTED_FORM]"',
        "citeproc-js: [CSL STYLE ERROR: reference with no printed form.]",
        "CSL suite date_DateNoDateNoTest; tests/test_fixes.py::test_no_printed_form",
    ),
    Fix(
        "ms-a-style-quotes-no-nest",
        "output",
        "finish.flip_nested_quotes",
        "the style's quotes nested in the style's quotes alternate (\"“‘Title.’”\" for a"
        ' quotes="true" macro call around a quoted title)',
        "citeproc-js behaviour (only a field's own quotations alternate, against the quotes"
        " around them; CSL 1.0.2, Formatting: quotes, is silent on nesting)",
        "tests/test_fixes.py::test_style_quotes_inside_style_quotes_do_not_alternate",
        CITEPROC_JS,
    ),
)
