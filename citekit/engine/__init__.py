"""citekit's CSL engine: citeproc-py, corrected to print what citeproc-js prints.

citeproc-py renders; citekit changes nothing of it. A style is parsed with citekit's own
lxml class lookup (:mod:`.loader`), which builds each CSL element from citekit subclasses
of citeproc-py's element classes, so every correction is an override that calls
``super()``, and stock citeproc-py in the same process renders as stock. The modules follow
the phases of a rendering job:

- :mod:`.job` the job and result types (``Cite``, ``Cluster``, ``Output``);
- :mod:`.styles` finding a style (no citeproc import: ``citekit styles`` stays fast);
- :mod:`.style_rewrites` the style XML, corrected when it loads;
- :mod:`.prepare` the items, made safe for citeproc-py (quotes, HTML, dates, CSL 1.0.2 roles);
- :mod:`.richtext` rich text in values (``<i>``, ``nocase``, ...) kept as markup to the end;
- :mod:`.loader` the safe parser and the private class lookup composed from the overrides;
- :mod:`.state` the one :class:`~.state.RenderState` a job carries;
- engine overrides by concern:
  names: :mod:`.name_parse` (particles and suffixes read out of family/given),
  :mod:`.name_parts` (a name rendered part by part), :mod:`.names` (initials, given names
  shown), :mod:`.name_count` (how many names show: et-al, ``form="count"``, names in sort
  keys), :mod:`.substitute`;
  cites: :mod:`.positions` (first, subsequent, ibid, near-note; term capitals),
  :mod:`.disambiguate` and :mod:`.disambiguate_names` (year suffixes, added names and given
  names), :mod:`.citation_label` (trigraph labels), :mod:`.collapse` (cite collapsing and
  grouping);
  values: :mod:`.dates`, :mod:`.numbers`, :mod:`.ordinals`, :mod:`.labels`,
  :mod:`.text_case`, :mod:`.values`, :mod:`.sorting`, :mod:`.display` (bibliography
  divisions);
- :mod:`.citations` citeproc-py's cite, citation and locator objects as citekit builds them;
- :mod:`.finish` output passes (markup, locale quotes, punctuation), with
  :mod:`.superscripts` (superscript characters as ``<sup>`` in HTML);
- :mod:`.bibliography` the bibliography (locator-free, subsequent-author-substitute);
- :mod:`.pipeline` :func:`~.pipeline.render`, the job from items to finished strings;
- :mod:`.caches` output-neutral speed (structural caches, indexes, a lazy sort);
- :mod:`.fixes` the FIXES table: every correction, why, where the spec says so, its proof.

Nothing here is imported by ``import citekit``: :mod:`citekit.api` loads the engine (and with
it citeproc-py and lxml) on first use.
"""
