"""Output-neutral speed: answers that depend on the style alone, remembered; lists indexed.

citeproc-py asks its style tree the same structural questions on every render (XPath
searches for the enclosing layout, the names options, the substitute; the parsed
attributes of every ``cs:if``), and it scans lists that grow with the job (every earlier
cite, to decide "first" or "subsequent"; the bibliography's keys, to order a citation).
Rendering 10,000 items that way is quadratic. These classes answer each once, or in
constant time. Nothing here changes what is rendered: the conformance suite
(``tests/conformance``) runs with all of it on.

Two rules make the caches safe:

- An lxml element's Python object lives only while something refers to it; the next walk
  gets a new one with an empty ``__dict__``. The loader holds every element of a loaded
  style and of its locales (:func:`citekit.engine.loader.keep_alive`), so a cache in an
  element's ``__dict__`` lasts as long as the style. The tree is not changed after it
  loads, so structural answers stay true.
- Indexes sit beside the lists they index (:class:`~.cites.KeyList`,
  :class:`~.cites.CiteLog`) and are updated by the same calls that grow the lists.

Modules: :mod:`.elements` (per-element answers), :mod:`.choose` (compiled ``cs:if`` tests,
``cs:choose``, the position test), :mod:`.cites` (indexes, the bibliography object),
:mod:`.sort` (sort keys computed only to break ties).
"""
