"""The read-only web server of `kg browse`: the page, and JSON answers from kg.browse.reads.

    with BrowseServer(store, port=0) as server:      # 127.0.0.1 only; port 0: any free port
        print(server.url)
        server.serve_forever()                       # until Ctrl-C or server.shutdown()

GET /                   the page (kg.browse.page)
GET /api/search         ?q=            the entity a name, alias, acronym or misspelling means, or suggestions
GET /api/suggest        ?q=            entities whose name or an alias starts with q
GET /api/neighbourhood  ?id=&depth=&limit=
GET /api/evidence       ?subject=&relation=&object=[&FILTERS&offset=&limit=]
GET /api/timeline       ?id=[&FILTERS]  (FILTERS: relations=&modalities=&since=&until=&min_confidence=)
GET /api/path           ?from=&to=
GET /api/dyad           ?a=&b=[&min_confidence=]  events between two entities by month and quad class

Parameters are values only: no query text comes from the page, and every read is one of
kg.browse.reads. A bad request gets a 4xx, an engine failure a 5xx, each with one line of JSON,
{"error": "..."}; nothing is printed on the console but one line for a 5xx (a traceback only
with KG_DEBUG=1). Requests whose Host is not this server's own address are refused (a page
on another site cannot reach it through DNS rebinding), and so is every method but GET/HEAD.
"""

from __future__ import annotations

import json
import os
import sys
import threading
import traceback
from collections.abc import Callable
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from kg.browse import reads
from kg.browse.page import content_security_policy, render_page
from kg.browse.shapes import Filters, NotFound
from kg.core.errors import ArgumentError, KgError
from kg.core.graph import QueryError, StoreUnavailable
from kg.resolution.lookup import AmbiguousEntity

HOST = "127.0.0.1"
MAX_PARAM = 1000  # characters in one parameter value


class BadRequest(ArgumentError):
    """A request the server cannot read (unknown or repeated parameter, not a number)."""


Params = dict[str, str]
Route = tuple[Callable[[Any, Params], Any], tuple[str, ...], tuple[str, ...]]  # handler, required, optional
_FILTERS = ("relations", "modalities", "since", "until", "min_confidence")


def _int(params: Params, name: str, default: int) -> int:
    text = params.get(name)
    if text is None or text == "":
        return default
    try:
        return int(text)
    except ValueError:
        raise BadRequest(f"{name} must be a whole number, got {text[:40]!r}") from None


def _filters(params: Params) -> Filters:
    return Filters.parse(*(params.get(name) for name in _FILTERS))


def _search(store: Any, p: Params) -> Any:
    return reads.search(store, p["q"]).to_dict()


def _suggest(store: Any, p: Params) -> Any:
    return [s.to_dict() for s in reads.suggest(store, p["q"])]


def _neighbourhood(store: Any, p: Params) -> Any:
    return reads.neighbourhood(
        store, p["id"], depth=_int(p, "depth", 1), limit=_int(p, "limit", reads.NEIGHBOURS)
    ).to_dict()


def _evidence(store: Any, p: Params) -> Any:
    return reads.evidence(
        store,
        p["subject"],
        p["relation"],
        p["object"],
        _filters(p),
        offset=_int(p, "offset", 0),
        limit=_int(p, "limit", reads.EVIDENCE_PAGE),
    ).to_dict()


def _timeline(store: Any, p: Params) -> Any:
    return [event.to_dict() for event in reads.timeline(store, p["id"], _filters(p))]


def _dyad(store: Any, p: Params) -> Any:
    return reads.dyad(store, p["a"], p["b"], _filters(p))


def _path(store: Any, p: Params) -> Any:
    return reads.path(store, p["from"], p["to"]).to_dict()


ROUTES: dict[str, Route] = {
    "/api/search": (_search, ("q",), ()),
    "/api/suggest": (_suggest, ("q",), ()),
    "/api/neighbourhood": (_neighbourhood, ("id",), ("depth", "limit")),
    "/api/evidence": (_evidence, ("subject", "relation", "object"), (*_FILTERS, "offset", "limit")),
    "/api/timeline": (_timeline, ("id",), _FILTERS),
    "/api/path": (_path, ("from", "to"), ()),
    "/api/dyad": (_dyad, ("a", "b"), ("min_confidence",)),
}


def parse_params(query: str, required: tuple[str, ...], optional: tuple[str, ...]) -> Params:
    """The query string as {name: value}: each name known and given once, required ones present."""
    try:
        raw = parse_qs(query, keep_blank_values=True, strict_parsing=False, max_num_fields=50)
    except ValueError as exc:
        raise BadRequest(f"unreadable query string: {exc}") from None
    known = (*required, *optional)
    params: Params = {}
    for name, values in raw.items():
        if name not in known:
            raise BadRequest(f"unknown parameter {name!r}; this endpoint takes: {', '.join(known)}")
        if len(values) > 1:
            raise BadRequest(f"parameter {name!r} is given {len(values)} times")
        if len(values[0]) > MAX_PARAM or "\x00" in values[0]:
            raise BadRequest(f"parameter {name!r} is too long or holds a NUL character")
        params[name] = values[0]
    missing = [name for name in required if not params.get(name, "").strip()]
    if missing:
        raise BadRequest(f"missing parameter {missing[0]!r}; this endpoint needs: {', '.join(required)}")
    return params


def status_of(exc: BaseException) -> HTTPStatus:
    """How a failure answers: the user's request (4xx) or the graph (5xx)."""
    if isinstance(exc, StoreUnavailable):
        return HTTPStatus.SERVICE_UNAVAILABLE
    if isinstance(exc, QueryError):
        return HTTPStatus.INTERNAL_SERVER_ERROR
    if isinstance(exc, (NotFound, AmbiguousEntity)):
        return HTTPStatus.NOT_FOUND
    if isinstance(exc, KgError):
        return HTTPStatus.BAD_REQUEST
    return HTTPStatus.INTERNAL_SERVER_ERROR


def _one_line(text: str) -> str:
    return " ".join(str(text).split())[:500]


class _Handler(BaseHTTPRequestHandler):
    server: _HTTPServer
    server_version = "kg-browse"
    sys_version = ""
    protocol_version = "HTTP/1.1"

    # -- methods -------------------------------------------------------------------------------
    def do_GET(self) -> None:  # noqa: N802 (the name http.server calls)
        self._answer()

    do_HEAD = do_GET  # noqa: N815 (_send leaves the body out)

    def _refuse_method(self) -> None:
        self.close_connection = True  # its body, if any, is not read
        self._json(
            HTTPStatus.METHOD_NOT_ALLOWED,
            {"error": f"{self.command} is not allowed: the server is read-only"},
            extra={"Allow": "GET, HEAD", "Connection": "close"},
        )

    do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = do_TRACE = do_CONNECT = _refuse_method  # noqa: N815

    # -- answering -----------------------------------------------------------------------------
    def _answer(self) -> None:
        app = self.server.app
        host = self.headers.get("Host", "")
        if host.lower() not in app.hosts:
            self._json(
                HTTPStatus.MISDIRECTED_REQUEST,
                {"error": f"this server answers only to {app.url} (Host {host[:100]!r})"},
            )
            return
        url = urlsplit(self.path)
        if url.path in ("/", "/index.html"):
            self._send(
                HTTPStatus.OK,
                app.page.encode("utf-8"),
                "text/html; charset=utf-8",
                {"Content-Security-Policy": app.csp},
            )
            return
        route = ROUTES.get(url.path)
        if route is None:
            self._json(HTTPStatus.NOT_FOUND, {"error": f"no such page or endpoint: {url.path[:100]}"})
            return
        handler, required, optional = route
        try:
            params = parse_params(url.query, required, optional)
            with app.lock:
                if app.closed:
                    raise StoreUnavailable("the server is stopping")
                body = handler(app.store, params)
        except Exception as exc:  # every failure is one line of JSON, never a traceback
            code = status_of(exc)
            message = (
                _one_line(str(exc))
                if isinstance(exc, KgError)
                else f"internal error ({type(exc).__name__}); run with KG_DEBUG=1 for details"
            )
            if code >= 500 and not app.closed:
                app.log(f"error: {url.path}: {_one_line(str(exc)) or type(exc).__name__}", exc)
            self._json(code, {"error": message})
            return
        self._json(HTTPStatus.OK, body)

    def _json(self, code: HTTPStatus, body: Any, extra: dict[str, str] | None = None) -> None:
        data = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        self._send(code, data, "application/json; charset=utf-8", extra)

    def _send(
        self, code: HTTPStatus, data: bytes, content_type: str, extra: dict[str, str] | None = None
    ) -> None:
        self.send_response(code)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        for name, value in (extra or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """http.server's own errors (a malformed request line, a header too long) as JSON too."""
        try:
            self._json(
                HTTPStatus(code),
                {"error": _one_line(message or HTTPStatus(code).phrase)},
                extra={"Connection": "close"},
            )
        except OSError:
            pass
        self.close_connection = True

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 (http.server's name)
        pass  # quiet: the console is the user's, not an access log


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    app: BrowseServer

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that went away mid-answer (a closed tab) is not an error worth a word;
        anything else is one line (a traceback with KG_DEBUG=1)."""
        exc = sys.exc_info()[1]
        if isinstance(exc, (ConnectionError, TimeoutError)):
            return
        self.app.log(f"error: {type(exc).__name__}: {_one_line(str(exc))}", exc)


class BrowseServer:
    """The page and its API over one store, on 127.0.0.1."""

    def __init__(self, store: Any, port: int = 0, *, source: str = "") -> None:
        self.store = store
        self.lock = threading.Lock()  # one read at a time: a store's client is not shared safely
        self.page = render_page(title="kg browse", source=source)
        self.csp = content_security_policy(self.page)
        self.httpd = _HTTPServer((HOST, port), _Handler)
        self.httpd.app = self
        self.port = self.httpd.server_address[1]
        self.url = f"http://{HOST}:{self.port}/"
        self.hosts = {f"{HOST}:{self.port}", f"localhost:{self.port}"}
        self.closed = False
        self._errors = sys.stderr

    def log(self, line: str, exc: BaseException | None = None) -> None:
        if exc is not None and os.environ.get("KG_DEBUG", "") not in ("", "0"):
            traceback.print_exception(exc, file=self._errors)
        print(f"kg browse: {line}", file=self._errors, flush=True)

    def serve_forever(self) -> None:
        self.httpd.serve_forever(poll_interval=0.2)

    def shutdown(self) -> None:
        """Stop serve_forever (from another thread)."""
        self.httpd.shutdown()

    def close(self) -> None:
        """Stop listening; a read under way finishes before this returns (the store may then
        be closed), and requests still waiting get a 503."""
        self.httpd.server_close()
        with self.lock:
            self.closed = True

    def __enter__(self) -> BrowseServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def start_thread(self) -> threading.Thread:
        """serve_forever in a daemon thread (tests, the benchmark); stop with shutdown()."""
        thread = threading.Thread(target=self.serve_forever, name="kg-browse", daemon=True)
        thread.start()
        return thread
