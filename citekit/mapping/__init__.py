"""Field tables shared by each format's reader and writer.

One module per format (:mod:`.bibtex`, :mod:`.ris`) holds the rows that say which CSL
variable travels in which of the format's fields, and for which item types; the reader in
:mod:`citekit.readers` and the writer in :mod:`citekit.export` both walk the same rows, so a
field cannot be written one way and read another. :mod:`.lines` carries whatever a format
has no field for as ``Key: value`` lines (Zotero's Extra convention), the same way for every
format.
"""
