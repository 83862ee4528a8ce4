"""See the graph: `kg browse` serves an interactive page of it on 127.0.0.1, `kg view` writes
one entity's neighbourhood as a self-contained HTML file.

    from kg.browse import BrowseServer, view_file
    with open_store() as store, BrowseServer(store, port=0) as server:
        server.serve_forever()                       # the page at server.url
    Path("page.html").write_text(view_file(store, "Kazakhstan", depth=1))

    reads.py   every read of the graph the page makes (named, parameterised functions)
    server.py  the read-only HTTP server: the page and its JSON endpoints
    view.py    the snapshot a `kg view` file embeds
    page.py    the page: assets/page.html with app.js, app.css and Cytoscape.js inlined
    style.py   node and relationship colours from kg/browser/style.grass
"""

from __future__ import annotations

from kg.browse.server import BrowseServer
from kg.browse.view import view_file

__all__ = ["BrowseServer", "view_file"]
