"""FIXES rows, names: parsing, name parts, initials, counts, et-al, substitution, disambiguation."""

from __future__ import annotations

from .table import CITEPROC_JS, Fix, case

ROWS: tuple[Fix, ...] = (
    Fix(
        "names-affixes-each",
        "engine",
        "name_parts.Name._dress",
        "cs:name's affixes and formatting wrapped the list of names, where Zotero wraps each"
        ' name ("Li/Wang" where Zotero prints "Li/ Wang" for prefix=" ")',
        "citeproc-js behaviour (CSL 1.0.2, Name: affixes and formatting)",
        "tests/test_fixes.py::test_each_name_takes_the_name_elements_affixes_and_formatting",
        CITEPROC_JS,
    ),
    Fix(
        "disambiguate-inverted",
        "engine",
        "names._Inversion",
        "a short name shown whole to tell two people apart lost name-as-sort-order"
        ' ("Balázs Szalontai" where Zotero prints "Szalontai, Balázs")',
        "CSL 1.0.2, Disambiguation (add-givenname); citeproc-js renders the expanded name long",
        "tests/test_fixes.py::test_a_short_name_shown_whole_keeps_its_inversion",
        CITEPROC_JS,
    ),
    Fix(
        "names-nbsp-given",
        "engine",
        "name_parts._given_space",
        "in French, Russian and Czech a no-break space in initialize-with did not carry to the"
        ' space after the given name ("J. Chen" where Zotero prints "J.\\u00a0Chen")',
        "citeproc-js behaviour (its name rendering, languages fr, ru, cs)",
        "tests/test_fixes.py::test_no_break_space_after_the_given_name_in_french",
        CITEPROC_JS,
    ),
    Fix(
        "substitute",
        "engine",
        "substitute.Names, substitute.Substitute, substitute.Text, substitute.Layout",
        "a substituted cs:names does not inherit cs:name/cs:label; substituted variables "
        "print again later in the entry",
        "CSL 1.0.2, Names: Substitute (shorthand inherits; substituted variables suppressed)",
        case("substitute"),
    ),
    Fix(
        "substitute-choose",
        "engine",
        "substitute.If, substitute.Else",
        "inside cs:substitute a cs:choose renders every branch child, run together",
        "CSL 1.0.2, Names: Substitute (cs:choose allowed; first non-empty child wins)",
        case("substitute-choose"),
    ),
    Fix(
        "suppress-author",
        "engine",
        "positions.Names.render, citations.CitationItem",
        "the cite option suppress-author is ignored",
        "CSL-JSON citation items: suppress-author (citeproc-js)",
        case("suppress-author"),
    ),
    Fix(
        "author-only",
        "engine",
        "positions.Names.render, citations.CitationItem",
        "the cite option author-only is ignored",
        "CSL-JSON citation items: author-only (citeproc-js)",
        case("author-only"),
    ),
    Fix(
        "disambiguate",
        "engine",
        "disambiguate.disambiguate, disambiguate.If, names.Name",
        'no disambiguation at all; disambiguate="true" is always true',
        "CSL 1.0.2, Disambiguation (add-givenname, year suffix, disambiguate condition)",
        f"{case('disambiguate')}, {case('givenname')}, {case('year-suffix')}",
        "not filed: upstream PR #215 covers the same ground",
    ),
    Fix(
        "implicit-year-suffix",
        "engine",
        "disambiguate.Date, disambiguate.DatePart",
        "a style that never prints year-suffix gets no suffix at all",
        "CSL 1.0.2, Disambiguation: disambiguate-add-year-suffix (after the first year of issued)",
        case("implicit-year-suffix"),
    ),
    Fix(
        "add-names",
        "engine",
        "disambiguate.Name, disambiguate_names.ByCite",
        "disambiguate-add-names is ignored: look-alike cites keep their et-al abbreviation",
        "CSL 1.0.2, Disambiguation: disambiguate-add-names",
        case("add-names"),
    ),
    Fix(
        "disambiguate-short-form",
        "engine",
        "positions.If._position, disambiguate.cite_alone",
        "ambiguity is judged on the first-note form instead of the short form",
        "CSL 1.0.2, Disambiguation (citeproc-js compares the subsequent form)",
        case("disambiguate-short-form"),
        CITEPROC_JS,
    ),
    Fix(
        "han-names",
        "engine",
        "name_parts.Name._order",
        "Han-script names spaced and punctuated like Western ones",
        "CSL 1.0.2, Name-part Order (non-Romanic names: family first, no separator)",
        case("han-names"),
    ),
    Fix(
        "initials",
        "engine",
        "names.Name.initialize, names.Name.process",
        '"Hon-yong" initialises to "H.-. yong ."; existing initials not spaced',
        "CSL 1.0.2, Name: initialize-with, initialize-with-hyphen",
        case("initials")
        + "; tests/test_fixes.py::test_initials_of_hyphenated_given_names"
        + "; tests/test_fixes.py::test_and_term_spacing_and_initials_of_capitals_and_markup"
        + "; CSL suite name_LongAbbreviation, name_InTextMarkupInitialize",
    ),
    Fix(
        "subsequent-author-substitute",
        "engine",
        "names.Name.render, author_substitute.substitute_repeated",
        "subsequent-author-substitute is ignored",
        "CSL 1.0.2, Bibliography-specific options: Reference Grouping",
        case("subsequent-author-substitute"),
    ),
    Fix(
        "sas-delimiter-period",
        "engine",
        "author_substitute.mark_end",
        'the delimiter after replaced names was lost where it had run into their period ("———'
        ' 1994" for "———. 1994")',
        "CSL 1.0.2, Bibliography-specific options: Reference Grouping",
        "CSL suite fullstyles_ChicagoAuthorDateSimple; "
        "tests/test_fixes.py::test_the_delimiter_after_substituted_names_is_kept",
    ),
    Fix(
        "sort-keys",
        "engine",
        "sorting.Key, names.Name.process, labels.Label.process",
        "sort keys compared raw (punctuation, quotes, case, role labels count)",
        "CSL 1.0.2, Sorting",
        case("sort-keys"),
    ),
    Fix(
        "initials-spacing",
        "engine",
        "disambiguate_names.global_given_names",
        "J.J. and J. J. of one family name are taken for two people and expanded",
        "CSL 1.0.2, Disambiguation: Add Given Names (citeproc-js compares initials unspaced)",
        "tests/test_fixes.py::test_open_range_ampersand_pages_crowded_initials_initials_spacing",
        CITEPROC_JS,
    ),
    Fix(
        "after-inverted-name",
        "engine",
        "names.Name.get_option",
        'delimiter-precedes-last/-et-al="after-inverted-name" gives no delimiter',
        "CSL 1.0.2, Name: Name Delimiters (delimiter-precedes-et-al, delimiter-precedes-last)",
        "tests/test_fixes.py::test_delimiter_after_inverted_name; CSL suite "
        "name_AfterInvertedName (with names added by disambiguate-add-names)",
    ),
    Fix(
        "names-parts",
        "engine",
        "name_parts.Name",
        "name-part formatting and case applied to particles as one run with the family "
        'name ("VAN DER MEER"); suffix outside the family affixes; no demoting of the '
        'non-dropping particle; "d’ Jones", "al- One"; comma-suffix ignored; "Banksy" -> "B."',
        "CSL 1.0.2, Name-part Order, Name-part Formatting, demote-non-dropping-particle",
        "tests/test_fixes.py::test_names_parsed_and_rendered_by_parts; CSL suite "
        "name_FormattingOfParticles, name_ParticlesDemoteNonDroppingNever, "
        "name_namepartAffixes, name_HyphenatedNonDroppingParticle1, "
        "name_ParsedNonDroppingParticleWithApostrophe, decorations_AndTermUnaffectedBy"
        "NameDecorations, name_ArticularWithComma, name_OnlyGivenname, "
        "name_WithNonBreakingSpace",
    ),
    Fix(
        "names-count-count",
        "engine",
        "name_count.Name.process, name_count.Name.markup",
        'name form="count" ignores et-al-min, and the counts of several roles print side by '
        'side ("32" for 3 authors and 2 editors)',
        'CSL 1.0.2, Name: form "count" (the number of names that would otherwise be rendered)',
        "tests/test_fixes.py::test_name_count_and_names_in_sort_keys; CSL suite name_Author*Count*",
    ),
    Fix(
        "names-count-sort-keys",
        "engine",
        "name_count.Name.process, sorting.Key._macro_keys",
        "a name list in a sort key keeps every name whatever names-min/-use-first/-use-last "
        "say; a substitution in one key hides the variable from the item's later keys",
        "CSL 1.0.2, Sorting (cs:key names-min, names-use-first, names-use-last); citeproc-js "
        "starts every key afresh",
        "tests/test_fixes.py::test_name_count_and_names_in_sort_keys; CSL suite "
        "sort_NamesUseLast, sort_NumberOfAuthorsAsKey, sort_AguStyle*",
    ),
    Fix(
        "names-count-hyphen-roles",
        "engine",
        "substitute.Names.process, labels.Label.process",
        "a name role with a hyphen (container-author, collection-editor, reviewed-author, "
        "original-author, ...) prints nothing: citeproc-py asks for it by its CSL name but "
        "keeps it under the Python one (container_author)",
        "CSL 1.0.2, Appendix IV (Name Variables)",
        "tests/test_fixes.py::test_name_roles_with_a_hyphen; CSL suite bugreports_ByBy",
    ),
    Fix(
        "disambig-by-cite-steps",
        "engine",
        "disambiguate_names.ByCite, disambiguate.disambiguate, names.WholeGiven",
        "add-names/-givenname decided apart, for all names at once; long forms never expand",
        "CSL 1.0.2, Disambiguation: by-cite rule (names and given names name by name)",
        "tests/test_fixes.py::test_by_cite_steps_and_useful_initials",
        CITEPROC_JS,
    ),
    Fix(
        "disambig-initials-help",
        "engine",
        "disambiguate_names.global_given_names",
        "-with-initials rules add initials that tell no one apart (C. Smith, Cecil/Charles)",
        "CSL 1.0.2, Disambiguation: givenname-disambiguation-rule",
        "tests/test_fixes.py::test_by_cite_steps_and_useful_initials",
    ),
    Fix(
        "disambig-etal-subsequent",
        "engine",
        "disambiguate.Name",
        "et-al-subsequent-min/-use-first unused; 3 names, et-al-use-first 3: 'et al.' follows",
        "CSL 1.0.2, Name: et-al-subsequent-* (ambiguity judged on the subsequent form)",
        "tests/test_fixes.py::test_et_al_subsequent_in_later_cites_and_in_disambiguation",
    ),
    Fix(
        "names-and-spacing",
        "engine",
        "name_parts.Name.get_single_term, name_parts.Name._tighten",
        'an "and" term in a non-Latin script is spaced like "and" ("山田太郎 と 田中花子")',
        "citeproc-js behaviour (the and term is spaced only when it starts with a letter of "
        "a Latin-like script or &)",
        "tests/test_fixes.py::test_and_term_spacing_and_initials_of_capitals_and_markup; "
        "CSL suite name_HebrewAnd",
        CITEPROC_JS,
    ),
    Fix(
        "labels-sort-particle",
        "engine",
        "sorting.Key._macro_keys, sorting.Name.process",
        'demote-non-dropping-particle="sort-only": "van Beethoven" sorts under V in a macro key',
        "CSL 1.0.2, Options: demote-non-dropping-particle (sort-only demotes when sorting)",
        "tests/test_fixes.py::test_sort_particles_numbers_and_date_ranges",
        CITEPROC_JS,
    ),
    Fix(
        "names-count-et-al",
        "engine",
        "name_count.Name.process",
        'et-al: "et al." after an uncut list, a bare "et al." for et-al-use-first 0, a cut '
        "with no et-al-use-first set, too many names before the et-al-use-last ellipsis, a "
        "space before 等; et-al-subsequent-min/-use-first ignored",
        "CSL 1.0.2, Name: et-al-min, et-al-use-first, et-al-subsequent-*, et-al-use-last",
        "tests/test_fixes.py::test_et_al_abbreviation; tests/test_fixes.py::"
        "test_et_al_subsequent; CSL suite etal_*, bugreports_EtAlSubsequent",
    ),
    Fix(
        "names-count-substitute",
        "engine",
        "substitute.Substitute.render, substitute.Names.markup",
        "cs:substitute goes past an empty term; a title substituted for the names takes their "
        "affixes; subsequent-author-substitute never compares a substituted title",
        "CSL 1.0.2, Reference Grouping; citeproc-js (a term ends the substitution, affixes)",
        "tests/test_fixes.py::test_substitute_stops_text_stands_bare_and_is_recorded; "
        "CSL suite substitute_SubstituteOnlyOnceTermEmpty, name_SubstitutePartialEach",
    ),
    Fix(
        "disambig-collapse-splice",
        "engine",
        "collapse.Plan.before, collapse.join",
        "collapsed cites joined by a fixed rule, not by citeproc-js's splice delimiters",
        "CSL 1.0.2, Citation-specific Options: Cite Grouping and Collapsing",
        "tests/test_fixes.py::test_collapse_delimiters_spliced_as_citeproc_js_does",
        CITEPROC_JS,
    ),
    Fix(
        "disambig-accessed",
        "engine",
        "disambiguate.Date",
        "cites differing only by accessed date count as told apart: no year suffix",
        "citeproc-js behaviour; CSL 1.0.2, Disambiguation: disambiguate-add-year-suffix",
        "tests/test_fixes.py::test_accessed_date_does_not_tell_cites_apart",
        CITEPROC_JS,
    ),
    Fix(
        "disambig-incremental",
        "engine",
        "disambiguate.If, disambiguate._extra_text",
        'all disambiguate="true" conditions hold at once, not one more at a time',
        "citeproc-js behaviour; CSL 1.0.2, Choose: disambiguate",
        "tests/test_fixes.py::test_disambiguate_conditions_tried_one_at_a_time",
        CITEPROC_JS,
    ),
    Fix(
        "positions-etal-subsequent",
        "engine",
        "positions.Name",
        "et-al-subsequent-min and et-al-subsequent-use-first are ignored: a later cite lists"
        " as many names as the first",
        "CSL 1.0.2, Name: et-al-subsequent-min, et-al-subsequent-use-first",
        case("positions-etal-subsequent") + "; CSL suite bugreports_EtAlSubsequent",
    ),
)
