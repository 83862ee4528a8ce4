"""The page of `kg browse` and `kg view`: one HTML document with its JavaScript and CSS inlined.

    html = render_page()                     # the server's page: it asks /api/... for data
    html = render_page(data=snapshot_dict)   # a file with its data embedded, no server needed

Every asset ships in kg/browse/assets (package data): page.html (the template), app.js,
app.css, and Cytoscape.js (cytoscape.min.js, its version in CYTOSCAPE_VERSION, its licence in
cytoscape.LICENSE). Nothing is fetched at run time, and the page says so to the browser: its
Content-Security-Policy allows only its own inline scripts (by hash), inline styles, data:
images and, for the server's page, requests to the server it came from.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import json
from importlib.resources import files
from typing import Any

from kg import __version__
from kg.browse.style import palette
from kg.core.model import DEFAULT_MIN_CONFIDENCE
from kg.core.ontology import load_ontology

# The Cytoscape.js build in assets/ (npm pack cytoscape@3.34.4; dist/cytoscape.min.js, sha256
# 081591ab735b2b6a3b31a3c60f8f3a3e2fee8c92939e0c7820ad1208571b6cd8).
CYTOSCAPE_VERSION = "3.34.4"
ASSETS = ("page.html", "app.js", "app.css", "cytoscape.min.js", "cytoscape.LICENSE")


@functools.cache
def asset(name: str) -> str:
    """The text of one file of kg/browse/assets."""
    if name not in ASSETS:
        raise ValueError(f"no asset {name!r}")
    return files("kg.browse").joinpath("assets", name).read_text(encoding="utf-8")


def script_json(value: Any) -> str:
    """JSON that can sit inside a <script> element: no '<', '>' or '&' that HTML would read."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def _text(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def render_page(data: dict[str, Any] | None = None, *, title: str = "kg browse", source: str = "") -> str:
    """The page; with `data` (a snapshot: kg.browse.snapshot), a file that needs no server."""
    ontology = load_ontology()
    boot: dict[str, Any] = {
        "mode": "server" if data is None else "file",
        "palette": palette(),
        "modalities": list(ontology.modalities),
        "min_confidence": DEFAULT_MIN_CONFIDENCE,
        # each quad class with its event relations, for the legend of edge colours
        "quad_classes": {
            quad: sorted(n for n, r in ontology.relations.items() if r.quad_class == quad)
            for quad in dict.fromkeys(r.quad_class for r in ontology.relations.values() if r.quad_class)
        },
        # each event relation's intensity (-10 conflict ... +10 cooperation), for the dyad chart
        "goldstein": {n: r.goldstein for n, r in ontology.relations.items() if r.goldstein is not None},
        "relations": sorted(ontology.relations),
        "version": __version__,
        "data": data,
    }
    scripts = (asset("cytoscape.min.js"), asset("app.js"))
    connect = "'self'" if data is None else "'none'"
    csp = (
        f"default-src 'none'; script-src {' '.join(_hash(s) for s in scripts)}; "
        f"style-src 'unsafe-inline'; img-src data:; connect-src {connect}; base-uri 'none'; "
        "form-action 'none'"
    )
    fields: dict[str, str] = {
        "CSP": csp,
        "VERSION": __version__,
        "TITLE": _text(title),
        "MODE": boot["mode"],
        "SOURCE": _text(source),
        "CSS": asset("app.css"),
        "BOOT": script_json(boot),
        "CYTOSCAPE": scripts[0],
        "APP": scripts[1],
    }
    template = asset("page.html")
    # one pass, so that nothing inserted is read again as a placeholder
    parts = template.split("{{")
    out = [parts[0]]
    for part in parts[1:]:
        name, sep, rest = part.partition("}}")
        if not sep or name not in fields:
            raise ValueError(f"page.html: unknown placeholder {{{{{name}}}}}")
        out.append(fields[name] + rest)
    return "".join(out)


def content_security_policy(page: str) -> str:
    """The policy a rendered page declares (the server sends it as a header too)."""
    marker = 'http-equiv="Content-Security-Policy" content="'
    start = page.index(marker) + len(marker)
    return page[start : page.index('"', start)]
