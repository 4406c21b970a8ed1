"""Phase 1: the style's XML, checked and corrected before citeproc-py's classes see it.

A rewrite is the right tool when citeproc-py reads an attribute from the wrong place (an
inherited option it never looks up); everything else is an element override.
"""

from __future__ import annotations

import io
from collections.abc import Mapping

from lxml import etree

from ..errors import StyleError
from .finish import affixes_as_text

CSL_NS = "http://purl.org/net/xbiblio/csl"
NS = {"cs": CSL_NS}

#: The private attribute on a ``cs:name`` that :func:`fix_initialize` wrote out for a
#: ``cs:names`` without one: inside ``cs:substitute`` the outer names' name applies instead.
IMPLICIT_NAME = "citekit-implicit"

#: The private attribute :func:`fix_initialize` leaves on a ``cs:name`` with
#: ``initialize="false"``: the mark its initials are spaced with (read by
#: :class:`citekit.engine.names.Name`).
INITIALS_WITH = "citekit-initials-with"


def safe_parser() -> etree.XMLParser:
    """An XML parser that never resolves entities, loads a DTD or touches the network."""
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
    )


def rewrite_style(xml: bytes, source: str) -> bytes:
    """Parse a style safely and apply the style-level fixes; return the new XML.

    Raises:
        StyleError: the file is not CSL XML, or carries a DOCTYPE (entity tricks).
    """
    try:
        tree = etree.parse(io.BytesIO(xml), safe_parser())
    except etree.XMLSyntaxError as exc:
        raise StyleError(
            f"not a CSL style: {exc.msg}", source=source, line=exc.lineno or None
        ) from None
    if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:
        raise StyleError(
            "the style has a DOCTYPE; CSL styles have none, and citekit refuses "
            "entity declarations",
            source=source,
        )
    root = tree.getroot()
    if root.tag != f"{{{CSL_NS}}}style":
        raise StyleError("not a CSL style (the root element is not <style>)", source=source)
    fix_initialize(root)
    affixes_as_text(root)
    return bytes(etree.tostring(root, encoding="utf-8", xml_declaration=True))


def fix_initialize(root: etree._Element) -> None:
    """FIX(initialize): citeproc-py ignores ``cs:name initialize="false"``.

    CSL: ``initialize="false"`` keeps given names whole even when ``initialize-with`` is
    inherited (Chicago 18 and MLA set it on the style and switch it off per name). citeproc-py
    only looks at ``initialize-with``. So push the inherited ``initialize-with`` down onto every
    ``cs:name`` that does not switch it off, and take it away from the ancestors.
    """
    # FIX(names-implicit-name): a cs:names with no cs:name renders with a default one:
    # write it out, so that the inherited options reach it and citekit's class renders it
    # (citeproc-py inserts a stock element while rendering). Marked: in a substitution
    # the outer names element's cs:name applies instead.
    for names in root.iter(f"{{{CSL_NS}}}names"):
        outer = names.getparent()
        in_substitute = outer is not None and outer.tag == f"{{{CSL_NS}}}substitute"
        if not in_substitute and names.find("cs:name", NS) is None:
            names.insert(0, etree.Element(f"{{{CSL_NS}}}name", {IMPLICIT_NAME: "true"}))
    holders = [root, *root.findall("cs:citation", NS), *root.findall("cs:bibliography", NS)]
    inherited: dict[etree._Element, str | None] = {}
    for holder in holders:
        inherited[holder] = holder.get("initialize-with")
    for name in root.iter(f"{{{CSL_NS}}}name"):
        if name.get("initialize") == "false":
            # Keep the mark for spacing initials the name already has ("L.W." -> "L. W.").
            # An empty mark counts: initials run together ("M.E." -> "ME").
            mark = name.get("initialize-with")
            if mark is None:
                mark = _inherited_value(name, root, inherited)
            if "initialize-with" in name.attrib:
                del name.attrib["initialize-with"]
            if mark is not None:
                name.set(INITIALS_WITH, mark)
            continue
        if name.get("initialize-with") is not None:
            continue
        value = _inherited_value(name, root, inherited)
        if value is not None:
            name.set("initialize-with", value)
    for holder in holders:
        if "initialize-with" in holder.attrib:
            del holder.attrib["initialize-with"]


def _inherited_value(
    name: etree._Element, root: etree._Element, inherited: Mapping[etree._Element, str | None]
) -> str | None:
    """Find the ``initialize-with`` a ``cs:name`` inherits (macros inherit the root's)."""
    node = name.getparent()
    while node is not None:
        if node in inherited and inherited[node] is not None:
            return inherited[node]
        node = node.getparent()
    return inherited.get(root)
