"""FIXES rows, the style and item phases: style rewrites, items made safe, rich text, dates read."""

from __future__ import annotations

from .table import CITEPROC_JS, Fix, case

ROWS: tuple[Fix, ...] = (
    Fix(
        "initialize",
        "style",
        "style_rewrites.fix_initialize",
        'cs:name initialize="false" is ignored; an inherited initialize-with still applies',
        "CSL 1.0.2, Name: initialize",
        case("initialize")
        + "; tests/test_fixes.py::test_and_term_spacing_and_initials_of_capitals_and_markup"
        + "; tests/test_fixes.py::test_initials_abbreviations_and_initialize_false_on_the_name",
        "PR text: docs/upstream/initialize-false.md, not submitted: no network",
    ),
    Fix(
        "quotes",
        "item",
        "prepare.smart_quotes",
        "straight quotes and apostrophes in fields stay straight",
        "citeproc-js behaviour (typographic quotes from straight ones)",
        case("quotes"),
        CITEPROC_JS,
    ),
    Fix(
        "html-escape",
        "item",
        "prepare.prepare_value",
        "field values reach HTML output unescaped (& and < print raw)",
        "CSL 1.0.2, Appendix VI (rich text: HTML output escapes text)",
        case("html-escape"),
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
        "dates",
        "item",
        "prepare.prepare_date",
        "raw, EDTF and malformed date-parts crash or vanish",
        "CSL-JSON schema, date variables (date-parts, raw, literal)",
        case("dates-raw") + "; tests/test_fixes.py::test_edtf_and_garbage_dates_never_crash",
    ),
    Fix(
        "csl-1.0.2",
        "item",
        "prepare.Source, sorting.Key",
        "CSL 1.0.2 name roles (director, compiler, ...) are read as strings and crash cs:names",
        "CSL 1.0.2, Appendix IV: name variables",
        case("csl-1.0.2"),
    ),
    Fix(
        "names-parse",
        "item",
        "prepare._prepare_name, name_parse.parse_name",
        'particles and suffixes left inside family/given ("van Gogh" sorts under v, '
        '"John, III Doe"); a quoted family name read as a quotation',
        "CSL 1.0.2, Name-part Order and Appendix IV Name Particles (citeproc-js parses "
        "particles out of family/given, a suffix after a comma in given, ',!' comma-suffix)",
        "tests/test_fixes.py::test_names_parsed_and_rendered_by_parts; CSL suite "
        "name_ParseNames, bugreports_parseName, magic_NameSuffixNoComma, "
        "magic_NameSuffixWithComma, name_ParticleCaps3, sort_LeadingApostropheOnNameParticle",
        CITEPROC_JS,
    ),
    Fix(
        "input-aliases",
        "item",
        "prepare.prepare_item (model.ZOTERO_FIELD_NAMES)",
        "journalAbbreviation in CSL-JSON is dropped: a journal's short form prints its full title",
        "citeproc-js reads journalAbbreviation as container-title-short and shortTitle as "
        "title-short when the item has none",
        case("input-aliases")
        + "; tests/test_fixes.py::test_zotero_field_names_read_as_citeproc_js_reads_them"
        + "; CSL suite magic_StripPeriodsTrueShortForm, bugreports_ContainerTitleShort",
        CITEPROC_JS,
    ),
    Fix(
        "raw-dates",
        "item",
        "prepare.prepare_date",
        'a date whose "raw" text cannot be parsed is dropped',
        "CSL-JSON: citeproc-js prints an unparseable raw date as a literal",
        "tests/test_fixes.py::test_seasons_raw_dates; CSL suite date_String",
        CITEPROC_JS,
    ),
    Fix(
        "labels-citation-label",
        "item",
        "citation_label.assign_labels, citation_label.Text, sorting.Key",
        "citation-label prints nothing unless the item has one: label styles print empty cites",
        "CSL 1.0.2, Appendix IV Variables: citation-label; citeproc-js's trigraph "
        "(Aaaa00:AaAa00:AaAA00:AAAA00), year suffix after the label",
        "tests/test_fixes.py::test_citation_label_trigraph_year_suffix_and_own_label; "
        "CSL suite disambiguate_CitationLabel*, disambiguate_Trigraph, magic_CitationLabel*",
        CITEPROC_JS,
    ),
    Fix(
        "names-implicit-name",
        "style",
        "style_rewrites.fix_initialize, substitute.Names.process",
        "a cs:names with no cs:name renders through a stock cs:name made while rendering: "
        "the style's initialize-with (moved onto each cs:name) and citekit's name fixes "
        'are lost ("Westad Odd Arne" for "Westad OA")',
        "CSL 1.0.2, Names (cs:name is optional; inheritable name options apply)",
        "tests/test_fixes.py::test_names_without_a_name_element_inherit_the_style_options",
    ),
    Fix(
        "punct-quote-form",
        "item",
        "richtext.outer_quote_form (via prepare.prepare_value), finish.flip_nested_quotes",
        "a field's straight double quotes print as outer marks even after its first quotation "
        "was single (en-US 'the Ministers' ... \"Leap Forward\": “…” … “…” for “…” … ‘…’)",
        "citeproc-js behaviour (the first quotation of a field sets its outer form)",
        "tests/test_fixes.py::test_first_quotation_of_a_field_sets_the_outer_form",
        CITEPROC_JS,
    ),
    Fix(
        "punct-narrow-space",
        "item",
        "richtext.narrow_spaces (via prepare.prepare_value)",
        "a space before : ; ? ! » or after « in a value or a style's text stays a plain space "
        '(citeproc-js: a narrow no-break space, "Disponible sur\u202f:")',
        "citeproc-js behaviour (French spacing of every value and term it writes)",
        "tests/test_fixes.py::test_values_and_terms_spaced_and_quoted_as_citeproc_js",
        CITEPROC_JS,
    ),
    Fix(
        "punct-affix-escape",
        "style",
        "finish.affixes_as_text (via style_rewrites.rewrite_style)",
        'a < or > in an affix reaches HTML output raw (prefix="&lt;" opens a tag)',
        "CSL 1.0.2, Affixes (plain text); HTML output escapes text",
        "tests/test_fixes.py::test_html_superscripts_and_affix_brackets",
    ),
    Fix(
        "ms-b-style-locale-base-dialect",
        "style",
        "loader.Style.set_locale_list",
        'a style\'s cs:locale for the primary dialect (xml:lang="en-US") is ignored for'
        ' another dialect (en-GB): "trans. by" from the en-GB file for the style\'s "trans."',
        "citeproc-js behaviour (localeConfigure: style locales '', language, primary dialect,"
        " exact tag, later ones winning); CSL 1.0.2 Locale Fallback names only the first two",
        "tests/test_fixes.py::test_style_locale_of_the_primary_dialect_serves_other_dialects",
        CITEPROC_JS,
    ),
)
