"""FIXES: every correction citekit makes to citeproc-py 0.11.1, in one table.

Each row says what is corrected (``id``, the name of its ``FIX(<id>)`` markers in the
code), in which phase and where (``where``), why (``cause``), which rule it follows
(``spec``: a section of the CSL 1.0.2 specification, or the reference engine's behaviour
when the spec is silent), what proves it (``proof``: the case of that id in
``tests/conformance/fixes.json``, checked against citeproc-js and against stock
citeproc-py by ``tests/test_fixes.py``, or a named test) and whether it has gone upstream
(``upstream``). ``tests/test_fixes.py`` keeps the table, the markers and the cases in step.

Adding a fix: write the override (a subclass of the citeproc-py class in the module of
its concern, calling ``super()``), list it in :data:`citekit.engine.loader.OVERRIDES`
(outermost first), mark it ``FIX(<id>)``, add its row here and its case to
``scripts/fix_cases.py`` (then ``python scripts/fix_cases.py``). Removing one when
upstream fixes the cause: delete the override, the row and the case.
"""

from __future__ import annotations

from dataclasses import dataclass

#: The phases of a job, in order (see :mod:`citekit.engine`).
PHASES = ("style", "item", "engine", "output")

_NOT_FILED = "not filed"
_CITEPROC_JS = "not filed: citeproc-js behaviour rather than a CSL rule"


@dataclass(frozen=True)
class Fix:
    """One row of the table."""

    id: str
    phase: str
    where: str
    cause: str
    spec: str
    proof: str
    upstream: str = _NOT_FILED


def _case(fix_id: str) -> str:
    return f"tests/conformance/fixes.json case {fix_id!r}"


FIXES: tuple[Fix, ...] = (
    Fix(
        "initialize",
        "style",
        "style_rewrites.fix_initialize",
        'cs:name initialize="false" is ignored; an inherited initialize-with still applies',
        "CSL 1.0.2, Name: initialize",
        _case("initialize")
        + "; tests/test_fixes.py::test_initials_abbreviations_and_initialize_false_on_the_name",
        "PR text: docs/upstream/initialize-false.md, not submitted: no network",
    ),
    Fix(
        "quotes",
        "item",
        "prepare.smart_quotes",
        "straight quotes and apostrophes in fields stay straight",
        "citeproc-js behaviour (typographic quotes from straight ones)",
        _case("quotes"),
        _CITEPROC_JS,
    ),
    Fix(
        "html-escape",
        "item",
        "prepare.prepare_value",
        "field values reach HTML output unescaped (& and < print raw)",
        "CSL 1.0.2, Appendix VI (rich text: HTML output escapes text)",
        _case("html-escape"),
    ),
    Fix(
        "rich-text",
        "item",
        "richtext.mark, richtext.render (via prepare.prepare_value, finish.finish)",
        "markup in field values (<i>, <b>, <sc>, nocase, ...) printed as text or dropped",
        "CSL 1.0.2, Appendix VI (rich text markup within fields); Formatting (flip-flop)",
        "tests/test_fixes.py::test_rich_text_markup_is_markup_and_flips; CSL suite flipflop_*",
    ),
    Fix(
        "text-value",
        "engine",
        "values.Text.process",
        "a style's literal text keeps straight quotes and prints markup as text",
        "citeproc-js behaviour (cs:text value read as rich text, quotes as quotation marks)",
        "tests/test_fixes.py::test_style_text_value_quotes_are_quotation_marks; "
        "CSL suite flipflop_QuotesInFieldNotOnNode, flipflop_QuotesNodeLevelMarkup",
        _CITEPROC_JS,
    ),
    Fix(
        "dates",
        "item",
        "prepare.prepare_date",
        "raw, EDTF and malformed date-parts crash or vanish",
        "CSL-JSON schema, date variables (date-parts, raw, literal)",
        _case("dates-raw") + "; tests/test_fixes.py::test_edtf_and_garbage_dates_never_crash",
    ),
    Fix(
        "csl-1.0.2",
        "item",
        "prepare.Source, sorting.Key",
        "CSL 1.0.2 name roles (director, compiler, ...) are read as strings and crash cs:names",
        "CSL 1.0.2, Appendix IV: name variables",
        _case("csl-1.0.2"),
    ),
    Fix(
        "substitute",
        "engine",
        "substitute.Names, substitute.Substitute, substitute.Text, substitute.Layout",
        "a substituted cs:names does not inherit cs:name/cs:label; substituted variables "
        "print again later in the entry",
        "CSL 1.0.2, Names: Substitute (shorthand inherits; substituted variables suppressed)",
        _case("substitute"),
    ),
    Fix(
        "substitute-choose",
        "engine",
        "substitute.If, substitute.Else",
        "inside cs:substitute a cs:choose renders every branch child, run together",
        "CSL 1.0.2, Names: Substitute (cs:choose allowed; first non-empty child wins)",
        _case("substitute-choose"),
    ),
    Fix(
        "note-index",
        "engine",
        "positions.If._position",
        "ibid across a gap in note numbers (the author's own notes between)",
        "CSL 1.0.2, Choose: position (ibid: the immediately preceding cite)",
        _case("note-index"),
    ),
    Fix(
        "position-registry",
        "engine",
        "positions.Layout.render_citation",
        "a cite that printed nothing is not counted as cited",
        "citeproc-js behaviour (its registry counts every cite)",
        "tests/test_fixes.py::test_position_registry_a_cite_that_prints_nothing_still_counts",
        _CITEPROC_JS,
    ),
    Fix(
        "suppress-author",
        "engine",
        "positions.Names.render, citations.CitationItem",
        "the cite option suppress-author is ignored",
        "CSL-JSON citation items: suppress-author (citeproc-js)",
        _case("suppress-author"),
    ),
    Fix(
        "author-only",
        "engine",
        "positions.Names.render, citations.CitationItem",
        "the cite option author-only is ignored",
        "CSL-JSON citation items: author-only (citeproc-js)",
        _case("author-only"),
    ),
    Fix(
        "ibid-same-locator",
        "engine",
        "citations.Locator",
        "locators compare by identity: the same page twice is ibid-with-locator",
        "CSL 1.0.2, Choose: position (ibid vs. ibid-with-locator)",
        _case("ibid-same-locator"),
        "PR text: docs/upstream/locator-equality.md, not submitted: no network",
    ),
    Fix(
        "disambiguate",
        "engine",
        "disambiguate.disambiguate, disambiguate.If, names.Name",
        'no disambiguation at all; disambiguate="true" is always true',
        "CSL 1.0.2, Disambiguation (add-givenname, year suffix, disambiguate condition)",
        f"{_case('disambiguate')}, {_case('givenname')}, {_case('year-suffix')}",
        "not filed: upstream PR #215 covers the same ground",
    ),
    Fix(
        "implicit-year-suffix",
        "engine",
        "disambiguate.Date, disambiguate.DatePart",
        "a style that never prints year-suffix gets no suffix at all",
        "CSL 1.0.2, Disambiguation: disambiguate-add-year-suffix (after the first year of issued)",
        _case("implicit-year-suffix"),
    ),
    Fix(
        "add-names",
        "engine",
        "disambiguate.Name, disambiguate._add_names_for",
        "disambiguate-add-names is ignored: look-alike cites keep their et-al abbreviation",
        "CSL 1.0.2, Disambiguation: disambiguate-add-names",
        _case("add-names"),
    ),
    Fix(
        "disambiguate-short-form",
        "engine",
        "positions.If._position, disambiguate.cite_alone",
        "ambiguity is judged on the first-note form instead of the short form",
        "CSL 1.0.2, Disambiguation (citeproc-js compares the subsequent form)",
        _case("disambiguate-short-form"),
        _CITEPROC_JS,
    ),
    Fix(
        "han-names",
        "engine",
        "names.Name.process",
        "Han-script names spaced and punctuated like Western ones",
        "CSL 1.0.2, Name-part Order (non-Romanic names: family first, no separator)",
        _case("han-names"),
    ),
    Fix(
        "initials",
        "engine",
        "names.Name.initialize, names.Name.process",
        '"Hon-yong" initialises to "H.-. yong ."; existing initials not spaced',
        "CSL 1.0.2, Name: initialize-with, initialize-with-hyphen",
        _case("initials"),
    ),
    Fix(
        "subsequent-author-substitute",
        "engine",
        "names.Name.render, bibliography.bibliography",
        "subsequent-author-substitute is ignored",
        "CSL 1.0.2, Bibliography-specific options: Reference Grouping",
        _case("subsequent-author-substitute"),
    ),
    Fix(
        "date-ranges",
        "engine",
        "dates.Date.render_date_range",
        "ranges drop the year, repeat parts or crash",
        "CSL 1.0.2, Date: Date Ranges",
        _case("date-ranges"),
    ),
    Fix(
        "sort-dates",
        "engine",
        "dates.Date.process",
        "a date in a sort macro sorts by its words",
        "CSL 1.0.2, Sorting (date variables compare as dates)",
        _case("sort-dates"),
    ),
    Fix(
        "numeric-ranges",
        "engine",
        "numbers.If.re_numeric",
        '"11-12" is not numeric, so the plural label is lost',
        "CSL 1.0.2, Choose: is-numeric; Number (ranges, lists)",
        _case("numeric-ranges"),
        "PR text: docs/upstream/numeric-ranges.md, not submitted: no network",
    ),
    Fix(
        "page-ranges",
        "engine",
        "numbers.FormatNumber._format_last_page, numbers.FormatNumber._page_range",
        'minimal-two cuts "3-55" to "3–5"; "100-4" is not completed; "N110-5" is taken for a range',
        "CSL 1.0.2, Appendix V: Page Range Formats",
        _case("page-ranges") + "; tests/test_fixes.py::test_page_ranges_abbreviated_and_prefixed",
    ),
    Fix(
        "empty-label",
        "engine",
        "labels.Label.process; labels.Label.calls_variable",
        "a label whose variable is empty prints its bare term; a label keeps its group",
        "CSL 1.0.2, Label (only if the variable is non-empty); Group (a label is no variable)",
        _case("empty-label") + "; tests/test_fixes.py::test_label_is_no_variable_of_its_group",
    ),
    Fix(
        "label-case",
        "engine",
        "labels.Label.markup",
        "text-case on a cs:label inside cs:names is lost",
        "CSL 1.0.2, Label; Formatting: Text-case",
        _case("label-case"),
    ),
    Fix(
        "term-fallback",
        "engine",
        "labels.Locale.get_term",
        "a missing term form falls back in its own locale first, or prints nothing",
        "CSL 1.0.2, Terms (form fallback after the other locales; form long is long)",
        _case("term-fallback") + "; tests/test_fixes.py::test_term_forms_across_locales",
    ),
    Fix(
        "title-case",
        "engine",
        "text_case.TextCased",
        "title case capitalises prepositions, lower-cases after hyphens, ignores nocase",
        "CSL 1.0.2, Text-case: Title case conversion (stop words)",
        _case("title-case") + "; CSL suite textcase_*",
    ),
    Fix(
        "sort-keys",
        "engine",
        "sorting.Key, names.Name.process, labels.Label.process",
        "sort keys compared raw (punctuation, quotes, case, role labels count)",
        "CSL 1.0.2, Sorting",
        _case("sort-keys"),
    ),
    Fix(
        "bib-locator",
        "engine",
        "bibliography.bibliography",
        "the last cite's locator leaks into the bibliography entry",
        "CSL 1.0.2, Bibliography (entries describe the item, not a cite)",
        _case("bib-locator"),
    ),
    Fix(
        "nested-quotes",
        "output",
        "finish.flip_nested_quotes",
        "quotes inside quotes do not alternate; quote marks ignore the locale",
        "CSL 1.0.2, Formatting: quotes (open-quote ... close-inner-quote terms)",
        _case("nested-quotes") + "; tests/test_fixes.py::test_quote_marks_come_from_the_locale",
    ),
    Fix(
        "punct-in-quote",
        "output",
        "finish.move_punctuation_in_quotes",
        "commas and periods stay outside closing quotes in en-US",
        "CSL 1.0.2, Locale Options: punctuation-in-quote",
        _case("punct-in-quote"),
    ),
    Fix(
        "punct-seam",
        "output",
        "finish.merge_punctuation",
        'punctuation doubled where pieces join ("it?.", "ed..", "<i>reference.</i>.")',
        "citeproc-js behaviour (its punctuation merge table); CSL 1.0.2 leaves it open",
        "tests/test_fixes.py::test_punctuation_merges_at_seams; CSL suite punctuation_*",
        _CITEPROC_JS,
    ),
    Fix(
        "ibid-case",
        "output",
        "finish.finish",
        'a note that starts with "ibid." starts in lower case',
        "citeproc-js behaviour; Chicago Manual of Style 14.34",
        _case("ibid-case"),
        _CITEPROC_JS,
    ),
    Fix(
        "registry-order",
        "engine",
        "pipeline.render, pipeline._render_citations",
        "citation numbers count in order of first citation while the bibliography keeps the"
        " input order (the text's [2] is another work than the list's [2])",
        "CSL 1.0.2, Rendering Elements: citation-number; citeproc-js registry order",
        _case("registry-order"),
    ),
    Fix(
        "cite-order",
        "engine",
        "positions.ordered_cites",
        "cites of an unsorted citation are put in the bibliography's order",
        "CSL 1.0.2, Sorting (cites are sorted only by cs:citation's cs:sort)",
        _case("cite-order"),
    ),
    Fix(
        "display",
        "output",
        "display.Displayed (display.Text, display.Group, display.Date, display.Number, "
        "display.Names), display.second_field, display.assemble",
        "display and second-field-align are ignored: the number runs into the entry",
        "CSL 1.0.2, Display and Whitespace (second-field-align); citeproc-js HTML divisions",
        _case("display"),
    ),
    Fix(
        "collapse",
        "engine",
        "collapse.join, positions.Layout.render_citation",
        "cs:citation collapse and cite grouping are ignored: (Kraus 1962; Kraus 1963), 1,2,3",
        "CSL 1.0.2, Citation-specific Options: Cite Grouping, Cite Collapsing",
        _case("collapse") + "; tests/csl_suite (collapse_*, sort_CiteGroupDelimiter)",
    ),
    Fix(
        "first-reference-note-number",
        "engine",
        "positions.Text._variable",
        'first-reference-note-number prints nothing ("supra note ." where "supra note 2")',
        "CSL 1.0.2, Appendix IV Variables: first-reference-note-number",
        _case("first-reference-note-number"),
    ),
    Fix(
        "near-note-distance",
        "engine",
        "caches.choose.If._near_note",
        "the near-note test raises KeyError when cs:citation does not set near-note-distance",
        "CSL 1.0.2, Citation-specific Options: Note Distance (default 5)",
        _case("near-note-distance"),
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
        "entry-spaces",
        "output",
        "finish.finish, bibliography.bibliography",
        "an HTML bibliography entry loses a leading or trailing space citeproc-js keeps",
        "citeproc-js behaviour (HTML entries are not trimmed; text entries are)",
        "tests/test_fixes.py::test_entry_spaces_kept_in_html_trimmed_in_text",
        _CITEPROC_JS,
    ),
    Fix(
        "open-ranges",
        "engine",
        "dates.Date.render_date_range",
        "an open date range (1987 to no end) prints as a single date",
        "CSL 1.0.2, Date ranges; citeproc-js prints the start and the delimiter (1987–)",
        "tests/test_fixes.py::test_open_range_ampersand_pages_crowded_initials_initials_spacing",
    ),
    Fix(
        "number-ampersand",
        "engine",
        "numbers.FormatNumber._process",
        "an HTML-escaped & in a number list is split inside its entity (&amp; amp;)",
        "CSL 1.0.2, Number (ranges and lists joined by & are numeric)",
        "tests/test_fixes.py::test_open_range_ampersand_pages_crowded_initials_initials_spacing",
    ),
    Fix(
        "initials-spacing",
        "engine",
        "disambiguate._global_given_names",
        "J.J. and J. J. of one family name are taken for two people and expanded",
        "CSL 1.0.2, Disambiguation: Add Given Names (citeproc-js compares initials unspaced)",
        "tests/test_fixes.py::test_open_range_ampersand_pages_crowded_initials_initials_spacing",
        _CITEPROC_JS,
    ),
    Fix(
        "after-inverted-name",
        "engine",
        "names.Name.get_option",
        'delimiter-precedes-last/-et-al="after-inverted-name" gives no delimiter',
        "CSL 1.0.2, Name: Name Delimiters (delimiter-precedes-et-al, delimiter-precedes-last)",
        "tests/test_fixes.py::test_delimiter_after_inverted_name",
    ),
    Fix(
        "ordinals",
        "engine",
        "ordinals.ordinals; numbers.Number; dates.DatePart",
        "ordinal terms: match, gender-form and a style locale's own ordinal set are ignored",
        "CSL 1.0.2, Ordinal Suffixes",
        "tests/test_fixes.py::test_ordinals_superscripts; CSL suite number_*Ordinal*",
    ),
    Fix(
        "superscripts",
        "output",
        "superscripts.mark_superscripts",
        "superscript characters (ª, ², ʳᵉ) stay characters in HTML output",
        "citeproc-js: <sup> of the base character (Unicode TR30 folding)",
        "tests/test_fixes.py::test_ordinals_superscripts; CSL suite magic_SuperscriptChars",
        _CITEPROC_JS,
    ),
    Fix(
        "seasons",
        "engine",
        "dates.DatePart._month",
        'months 13-24 and a "season" field print nothing or crash; bad months print a term',
        "CSL 1.0.2, Date-part (season terms); citeproc-js reads months 13-24 as seasons",
        "tests/test_fixes.py::test_seasons_raw_dates; CSL suite date_Season*",
        _CITEPROC_JS,
    ),
    Fix(
        "raw-dates",
        "item",
        "prepare.prepare_date",
        'a date whose "raw" text cannot be parsed is dropped',
        "CSL-JSON: citeproc-js prints an unparseable raw date as a literal",
        "tests/test_fixes.py::test_seasons_raw_dates; CSL suite date_String",
        _CITEPROC_JS,
    ),
    Fix(
        "date-delimiter",
        "engine",
        "dates.Date._joiner",
        "a localized date's delimiter is lost (2January1999); ranges use the wrong delimiter",
        "CSL 1.0.2, Date (localized dates; Date Ranges: the largest differing part's)",
        "tests/test_fixes.py::test_seasons_raw_dates; date_RangeDelimiter",
    ),
    Fix(
        "number-lists",
        "engine",
        "numbers.FormatNumber._process; numbers.Text; numbers.Number; labels.Label._is_plural",
        'every hyphen of a number is a range ("3\\–B"); labels count digit runs ("page i-ix")',
        "CSL 1.0.2, Number (ranges and lists), Label (plural); citeproc-js's number parsing",
        "tests/test_fixes.py::test_number_lists; CSL suite number_PlainHyphen*, label_Plural*",
    ),
    Fix(
        "no-printed-form",
        "output",
        "finish.citation_text",
        'a citation that prints nothing reads "[NO_PRINTED_FORM]"',
        "citeproc-js: [CSL STYLE ERROR: reference with no printed form.]",
        "CSL suite date_DateNoDateNoTest; tests/test_fixes.py::test_no_printed_form",
        _CITEPROC_JS,
    ),
)
