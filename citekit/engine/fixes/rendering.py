"""FIXES rows, rendering: positions, collapsing, dates, numbers, labels, sorting, bibliography."""

from __future__ import annotations

from .table import CITEPROC_JS, Fix, case

ROWS: tuple[Fix, ...] = (
    Fix(
        "text-value",
        "engine",
        "values.Text.process",
        "a style's literal text keeps straight quotes and prints markup as text",
        "citeproc-js behaviour (cs:text value read as rich text, quotes as quotation marks)",
        "tests/test_fixes.py::test_style_text_value_quotes_are_quotation_marks; "
        "CSL suite flipflop_QuotesInFieldNotOnNode, flipflop_QuotesNodeLevelMarkup",
        CITEPROC_JS,
    ),
    Fix(
        "note-index",
        "engine",
        "positions.place, positions.If._position",
        "ibid across a gap in note numbers (the author's own notes between); positions that"
        " ignore notes: in-text citations, several citations in one note, note numbers that"
        " go back, near-note counted in citations instead of notes",
        "CSL 1.0.2, Choose: position (ibid: the immediately preceding cite); citeproc-js's"
        " registry for the details",
        case("note-index") + "; CSL suite position_IbidInText, position_NearNoteSameNote,"
        " position_IbidWithMultipleSoloCitesInBackref",
    ),
    Fix(
        "position-registry",
        "engine",
        "positions.Layout.render_citation",
        "a cite that printed nothing is not counted as cited",
        "citeproc-js behaviour (its registry counts every cite)",
        "tests/test_fixes.py::test_position_registry_a_cite_that_prints_nothing_still_counts",
        CITEPROC_JS,
    ),
    Fix(
        "ibid-same-locator",
        "engine",
        "citations.Locator",
        "locators compare by identity: the same page twice is ibid-with-locator",
        "CSL 1.0.2, Choose: position (ibid vs. ibid-with-locator)",
        case("ibid-same-locator"),
        "PR text: docs/upstream/locator-equality.md, not submitted: no network",
    ),
    Fix(
        "locator-label-parse",
        "engine",
        "citations.read_label (via pipeline._cite)",
        'a locator written with its label ("fol. 186") prints the cite\'s label before it',
        "citeproc-js reads a leading abbreviation of its list (CSL.LOCATOR_LABELS_MAP) as "
        "the label, whatever label the cite gives (its number parser for labels other than "
        "page)",
        case("locator-label-parse")
        + "; tests/test_fixes.py::test_a_locator_opening_with_a_label_abbreviation"
        + "; CSL suite locator_TrickyEntryForPlurals",
        CITEPROC_JS,
    ),
    Fix(
        "sub-verbo-label",
        "engine",
        "citations.label_name (via pipeline._cite)",
        'a cite labelled "sub verbo" prints no label',
        'citeproc-js behaviour (it takes CSL 1.0\'s "sub verbo" as "sub-verbo")',
        case("sub-verbo-label") + "; tests/test_fixes.py::test_a_locator_is_read_as_a_field_is",
        CITEPROC_JS,
    ),
    Fix(
        "locator-rich-text",
        "engine",
        "citations.locator_text (via pipeline._cite)",
        "a locator's straight quotes, apostrophes and markup print as typed",
        "citeproc-js behaviour (the locator is rich text, as a field is)",
        case("locator-rich-text")
        + "; tests/test_fixes.py::test_a_locator_is_read_as_a_field_is"
        + "; CSL suite bugreports_MovePunctuationInsideQuotesForLocator",
        CITEPROC_JS,
    ),
    Fix(
        "is-numeric-locator",
        "engine",
        "numbers.If._is_numeric",
        'is-numeric="locator" never holds: Chicago prints a numeric chapter or line '
        'without its label ("3" for "chap. 3")',
        "CSL 1.0.2, Choose: is-numeric (the locator is a number variable of the cite)",
        case("is-numeric-locator")
        + "; tests/test_fixes.py::test_is_numeric_asks_the_cites_locator",
        CITEPROC_JS,
    ),
    Fix(
        "date-ranges",
        "engine",
        "dates.Date.render_date_range",
        "ranges drop the year, repeat parts or crash",
        "CSL 1.0.2, Date: Date Ranges",
        case("date-ranges"),
    ),
    Fix(
        "sort-dates",
        "engine",
        "dates.Date.process",
        "a date in a sort macro sorts by its words",
        "CSL 1.0.2, Sorting (date variables compare as dates)",
        case("sort-dates"),
    ),
    Fix(
        "numeric-ranges",
        "engine",
        "numbers.If.re_numeric",
        '"11-12" is not numeric, so the plural label is lost',
        "CSL 1.0.2, Choose: is-numeric; Number (ranges, lists)",
        case("numeric-ranges"),
        "PR text: docs/upstream/numeric-ranges.md, not submitted: no network",
    ),
    Fix(
        "page-ranges",
        "engine",
        "numbers.FormatNumber._format_last_page, numbers.FormatNumber._page_range",
        'minimal-two cuts "3-55" to "3–5"; "100-4" is not completed; "N110-5" is taken for a range',
        "CSL 1.0.2, Appendix V: Page Range Formats",
        case("page-ranges") + "; tests/test_fixes.py::test_page_ranges_abbreviated_and_prefixed",
    ),
    Fix(
        "empty-label",
        "engine",
        "labels.Label.process; labels.Label.calls_variable",
        "a label whose variable is empty prints its bare term; a label keeps its group",
        "CSL 1.0.2, Label (only if the variable is non-empty); Group (a label is no variable)",
        case("empty-label") + "; tests/test_fixes.py::test_label_is_no_variable_of_its_group",
    ),
    Fix(
        "label-case",
        "engine",
        "labels.Label.markup",
        "text-case on a cs:label inside cs:names is lost",
        "CSL 1.0.2, Label; Formatting: Text-case",
        case("label-case"),
    ),
    Fix(
        "term-fallback",
        "engine",
        "labels.Locale.get_term",
        "a missing term form falls back in its own locale first, or prints nothing",
        "CSL 1.0.2, Terms (form fallback after the other locales; form long is long)",
        case("term-fallback") + "; tests/test_fixes.py::test_term_forms_across_locales",
    ),
    Fix(
        "bib-locator",
        "engine",
        "bibliography.bibliography",
        "the last cite's locator leaks into the bibliography entry",
        "CSL 1.0.2, Bibliography (entries describe the item, not a cite)",
        case("bib-locator"),
    ),
    Fix(
        "ibid-case",
        "engine",
        "positions.Text._term, positions.Affixed.wrap, positions.Layout.render_citation,"
        " bibliography.bibliography",
        'a term that opens a note or an entry keeps its lower case ("ibid.", "ebd.")',
        "citeproc-js behaviour (a term with nothing printed before it in a note-style citation"
        " or an entry is capitalised, before its text-case); CSL 1.0.2, Terms",
        case("ibid-case") + "; CSL suite magic_CapitalizeFirstOccurringTerm,"
        " magic_TermCapitalizationWithPrefix, position_ResetNoteNumbers",
        CITEPROC_JS,
    ),
    Fix(
        "registry-order",
        "engine",
        "pipeline.render, pipeline._render_citations",
        "citation numbers count in order of first citation while the bibliography keeps the"
        " input order (the text's [2] is another work than the list's [2])",
        "CSL 1.0.2, Rendering Elements: citation-number; citeproc-js registry order",
        case("registry-order"),
    ),
    Fix(
        "cite-order",
        "engine",
        "positions.ordered_cites",
        "cites of an unsorted citation are put in the bibliography's order",
        "CSL 1.0.2, Sorting (cites are sorted only by cs:citation's cs:sort)",
        case("cite-order"),
    ),
    Fix(
        "collapse",
        "engine",
        "collapse.join, positions.Layout.render_citation",
        "cs:citation collapse and cite grouping are ignored: (Kraus 1962; Kraus 1963), 1,2,3",
        "CSL 1.0.2, Citation-specific Options: Cite Grouping, Cite Collapsing",
        case("collapse") + "; tests/csl_suite (collapse_*, sort_CiteGroupDelimiter)",
    ),
    Fix(
        "first-reference-note-number",
        "engine",
        "positions.Text._variable",
        'first-reference-note-number prints nothing ("supra note ." where "supra note 2")',
        "CSL 1.0.2, Appendix IV Variables: first-reference-note-number",
        case("first-reference-note-number"),
    ),
    Fix(
        "near-note-distance",
        "engine",
        "caches.choose.If._near_note",
        "the near-note test raises KeyError when cs:citation does not set near-note-distance",
        "CSL 1.0.2, Citation-specific Options: Note Distance (default 5)",
        case("near-note-distance"),
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
        "ordinals",
        "engine",
        "ordinals.ordinals; numbers.Number; dates.DatePart",
        "ordinal terms: match, gender-form and a style locale's own ordinal set are ignored",
        "CSL 1.0.2, Ordinal Suffixes",
        "tests/test_fixes.py::test_ordinals_superscripts; CSL suite number_*Ordinal*",
    ),
    Fix(
        "seasons",
        "engine",
        "dates.DatePart._month",
        'months 13-24 and a "season" field print nothing or crash; bad months print a term',
        "CSL 1.0.2, Date-part (season terms); citeproc-js reads months 13-24 as seasons",
        "tests/test_fixes.py::test_seasons_raw_dates; CSL suite date_Season*",
        CITEPROC_JS,
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
        "labels-sort-collation",
        "engine",
        "caches.sort.collation_key",
        'numbers in keys compare as text ("Report 10" before "Report 9"), an empty key first',
        "citeproc-js behaviour (keys compared by localeCompare with numeric collation)",
        "tests/test_fixes.py::test_sort_particles_numbers_and_date_ranges",
        CITEPROC_JS,
    ),
    Fix(
        "labels-sort-dates",
        "engine",
        "sorting.date_key, dates.Date._sort_parts",
        "a date range sorts after a single date of its first year; a macro date keys by all parts",
        "CSL 1.0.2, Sorting (dates); citeproc-js keys start and end, the parts shown",
        "tests/test_fixes.py::test_sort_particles_numbers_and_date_ranges; "
        "CSL suite sort_ConditionalMacroDates",
        CITEPROC_JS,
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
        "positions-affix-delimiter",
        "engine",
        "positions.Layout._delimiter",
        'the delimiter doubles the punctuation of a cite\'s affix ("Book A; . He said")',
        "citeproc-js behaviour (a prefix opening with ;., takes the delimiter's place, a"
        " suffix closing with one keeps only its space)",
        case("positions-affix-delimiter") + "; CSL suite position_IbidWithPrefixFullStop,"
        " affix_WithCommas, magic_SuppressLayoutDelimiterIfPrefixComma",
        CITEPROC_JS,
    ),
    Fix(
        "positions-note-label",
        "engine",
        "positions.Label",
        'the label of first-reference-note-number is not printed ("(2)" for "(n 2)")',
        "CSL 1.0.2, Label (a number variable's label is the term of its name)",
        case("positions-note-label"),
    ),
    Fix(
        "positions-probe-note",
        "engine",
        "positions.first_notes, positions.Text._variable",
        "a short form told apart only by first-reference-note-number is taken for ambiguous"
        ' ("Westad, The Global Cold War (n 2)" for "Westad (n 2)")',
        "citeproc-js behaviour (its ambiguity check prints the item's first note number)",
        case("positions-probe-note") + "; CSL suite disambiguate_BasedOnSubsequentFormWithBackref2",
        CITEPROC_JS,
    ),
    Fix(
        "ms-b-macro-implicit-group",
        "engine",
        "macros.Macro",
        'a macro whose variables are all empty still prints its terms and values ("in: "'
        " before a missing container title)",
        "citeproc-js behaviour (a cs:text macro call is an implicit cs:group, CSL 1.0.2 Group"
        " suppression; cs:choose transparent)",
        "tests/test_fixes.py::test_macro_with_empty_variables_prints_nothing",
    ),
    Fix(
        "group-choose-transparent",
        "engine",
        "groups.Group",
        'a term printed by a cs:choose branch keeps a group whose variables are all empty ("n.d."'
        " after an uncertain date that the style chose not to print)",
        "CSL 1.0.2, Group (suppression); citeproc-js judges a choose by the branch that holds",
        "tests/test_fixes.py::test_a_term_from_a_choose_branch_does_not_keep_an_empty_group",
        CITEPROC_JS,
    ),
    Fix(
        "ms-a-sort-macro-date",
        "engine",
        "sorting.Key._macro_keys, dates.Date.process",
        "a sort macro holding a date keys by all it prints (names, a URL after the year),"
        " so items of the same year sort by the rest",
        "citeproc-js behaviour (a sort macro with a cs:date of its own keys by the dates it"
        " renders alone; CSL 1.0.2, Sorting, is silent)",
        "tests/test_fixes.py::test_sort_macro_with_its_own_date_keys_by_the_date_alone",
        CITEPROC_JS,
    ),
)
