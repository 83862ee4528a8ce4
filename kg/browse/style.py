"""The page's colours, read from kg's Neo4j Browser stylesheet (kg/browser/style.grass), the one
place they are written.

    palette()   # {"nodes": {"Country": {"color": "#4C8EDA", "border": "#2870C2", "text": "#FFFFFF",
                #            "size": 65}, ...}, "relationships": {"MET_WITH": {"color": "#D9534F"}, ...}}

Rules apply as Browser applies them: `node`, then `node.Entity`, then a class's own rule, later
values winning (kg/browser/__init__.py), so a Country takes the Country colour.
"""

from __future__ import annotations

import functools
from typing import Any

from kg.core.ontology import load_ontology
from kg.neo4j_browser import stylesheet

# GraSS property -> the page's name for it
_NODE_KEYS = {"color": "color", "border-color": "border", "text-color-internal": "text", "diameter": "size"}
_RELATIONSHIP_KEYS = {"color": "color"}


def parse_grass(text: str) -> dict[str, dict[str, str]]:
    """selector -> {property: value}, as Browser reads GraSS: braces inside quotes (captions
    such as '{name}') are text, quotes are dropped."""
    rules: dict[str, dict[str, str]] = {}
    selector, body, inside, quoted = "", "", False, False
    for char in text:
        if char in "'\"":
            quoted = not quoted
        elif char == "{" and not quoted:
            inside = True
        elif char == "}" and not quoted:
            rules[selector.strip()] = _declarations(body)
            selector, body, inside = "", "", False
        elif inside:
            body += char
        else:
            selector += char
    return rules


def _declarations(body: str) -> dict[str, str]:
    props: dict[str, str] = {}
    for declaration in body.split(";"):
        name, sep, value = declaration.partition(":")
        if sep and name.strip():
            props[name.strip()] = value.strip()
    return props


def _pick(props: dict[str, str], keys: dict[str, str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for grass, name in keys.items():
        if grass in props:
            value = props[grass]
            out[name] = int(value.removesuffix("px")) if name == "size" else value
    return out


@functools.cache
def palette() -> dict[str, Any]:
    """Colours (and node diameters) per ontology class and per relation type."""
    rules = parse_grass(stylesheet())
    ontology = load_ontology()
    base = {**rules.get("node", {}), **rules.get("node.Entity", {})}
    nodes = {
        cls: _pick({**base, **rules.get(f"node.{cls}", {})}, _NODE_KEYS) for cls in ontology.concrete_classes
    }
    rel_base = rules.get("relationship", {})
    relationships = {
        name: _pick({**rel_base, **rules.get(f"relationship.{name}", {})}, _RELATIONSHIP_KEYS)
        for name in sorted(ontology.relations)
    }
    return {
        "node": _pick(base, _NODE_KEYS),
        "nodes": nodes,
        "relationship": _pick(rel_base, _RELATIONSHIP_KEYS),
        "relationships": relationships,
    }
