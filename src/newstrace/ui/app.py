"""The local web UI as a WSGI app over one store, read-only: stories, a story's timeline, an article
with its marks, a copy beside its source, claims, the quarantine.

Standard library only (wsgiref): nothing to install, nothing to start but ``newstrace serve``. Each
request opens the store read-only and closes it, so an ``ingest`` can run between two clicks; while one
holds the file the page says so. It listens on 127.0.0.1 unless told otherwise.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, quote
from wsgiref import simple_server

import duckdb

from newstrace.api import claims_in, trace_in
from newstrace.model import Passage
from newstrace.store import corpus
from newstrace.store.db import Store
from newstrace.ui import pages
from newstrace.ui.layout import SECURITY_HEADERS, STYLE

CLAIMS_SHOWN = 500


@dataclass(frozen=True, slots=True)
class Response:
    status: str
    body: str
    content_type: str = "text/html; charset=utf-8"
    location: str | None = None  # for a redirect


def _not_found(what: str) -> Response:
    return Response("404 Not Found", pages.error_page("404 Not Found", what))


def _passages(store: Store, source: str, copy: str) -> list[Passage]:
    """Aligned passages of a pair as (span in source, span in copy)."""
    m = corpus.match_between(store.con, source, copy)
    if m is None:
        return []
    return list(m.passages) if m.a == source else [Passage(p.b, p.a) for p in m.passages]


class App:
    """``App(db)`` is a WSGI callable; ``serve`` runs it."""

    def __init__(self, db: str | Path):
        self.db = Path(db)
        self.routes: list[tuple[re.Pattern, Callable[..., Response]]] = [
            (re.compile(r"/"), self.index),
            (re.compile(r"/story/([^/]+)"), self.story),
            (re.compile(r"/story/([^/]+)/compare/([^/]+)"), self.compare),
            (re.compile(r"/article/([^/]+)"), self.article),
            (re.compile(r"/claims"), self.claims),
            (re.compile(r"/find"), self.find),
            (re.compile(r"/quarantine"), self.quarantine),
        ]

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        # PEP 3333: PATH_INFO arrives URL-decoded as latin-1; the URL's bytes were UTF-8
        path = environ.get("PATH_INFO", "/").encode("latin-1", "replace").decode("utf-8", "replace")
        res = self.respond(environ.get("REQUEST_METHOD", "GET"), path, parse_qs(environ.get("QUERY_STRING", "")))
        data = res.body.encode("utf-8")
        headers = [("Content-Type", res.content_type), ("Content-Length", str(len(data))),
                   ("Cache-Control", "no-store"), *SECURITY_HEADERS]
        start_response(res.status, headers + ([("Location", res.location)] if res.location else []))
        return [b"" if environ.get("REQUEST_METHOD") == "HEAD" else data]

    def respond(self, method: str, path: str, query: dict[str, list[str]]) -> Response:
        if method not in ("GET", "HEAD"):
            return Response("405 Method Not Allowed", pages.error_page("405", "this UI only reads"))
        if path == "/static/style.css":
            return Response("200 OK", STYLE, "text/css; charset=utf-8")
        for pattern, handler in self.routes:
            if m := pattern.fullmatch(path):
                if not self.db.exists():
                    return Response("503 Service Unavailable", pages.error_page(
                        "no store", f"no store at {self.db}: run `newstrace ingest` (or `newstrace demo`) first"))
                try:
                    with Store(self.db, read_only=True) as store:
                        return handler(store, *m.groups(), query=query)
                except duckdb.IOException as exc:  # another process holds the file for writing
                    return Response("503 Service Unavailable", pages.error_page("store busy", str(exc)))
        return _not_found(f"no page at {path}")

    def index(self, store: Store, *, query: dict) -> Response:
        page = query.get("page", ["0"])[0]
        n = min(int(page), 10**9) if page.isdigit() else 0
        shown, total = corpus.stories_page(store.con, n * pages.STORIES_PER_PAGE, pages.STORIES_PER_PAGE)
        return Response("200 OK", pages.index_page(store.summary(), shown, total, n))

    def story(self, store: Store, story_id: str, *, query: dict) -> Response:
        story = trace_in(store, story_id)
        return Response("200 OK", pages.story_page(story)) if story else _not_found(f"no story {story_id}")

    def compare(self, store: Store, story_id: str, page_id: str, *, query: dict) -> Response:
        story = trace_in(store, story_id)
        member = next((m for m in story.members if m.page_id == page_id), None) if story else None
        if member is None or not member.copied_from:
            return _not_found(f"story {story_id} has no copy {page_id}")
        source, copy = store.article(member.copied_from), store.article(page_id)
        if source is None or copy is None:
            return _not_found(f"page {member.copied_from} or {page_id} is not in the store")
        return Response("200 OK", pages.compare_page(story, member, source, copy,
                                                     _passages(store, member.copied_from, page_id)))

    def article(self, store: Store, page_id: str, *, query: dict) -> Response:
        a = store.article(page_id)
        return Response("200 OK", pages.article_page(a)) if a else _not_found(f"no article {page_id}")

    def claims(self, store: Store, *, query: dict) -> Response:
        about = query.get("about", [""])[0]
        rows = list(itertools.islice(claims_in(store, about=about or None), CLAIMS_SHOWN + 1))
        return Response("200 OK", pages.claims_page(rows, about, CLAIMS_SHOWN))

    def find(self, store: Store, *, query: dict) -> Response:
        """A page by URL, page id or source pointer: its story if it has one, else the page itself."""
        ref = query.get("ref", [""])[0].strip()
        story = corpus.story_for(store.con, ref) if ref else None
        ids = store.find_page_ids(ref) if ref and story is None else []
        target = f"/story/{quote(story.id, safe='')}" if story else f"/article/{quote(ids[0], safe='')}" if ids else None
        if target is None:
            return _not_found(f"no page or story in the store is {ref!r}")
        return Response("303 See Other", pages.error_page("303 See Other", target), location=target)

    def quarantine(self, store: Store, *, query: dict) -> Response:
        return Response("200 OK", pages.quarantine_page(store.quarantine()))


def make_server(db: str | Path, host: str = "127.0.0.1", port: int = 8765) -> simple_server.WSGIServer:
    """The UI bound to ``host:port`` (port 0: any free one), not yet serving."""
    return simple_server.make_server(host, port, App(db))


def serve(db: str | Path, host: str = "127.0.0.1", port: int = 8765,
          on_ready: Callable[[str], None] | None = None) -> None:
    """Serve the UI until interrupted."""
    with make_server(db, host, port) as server:
        if on_ready:
            on_ready(f"http://{host}:{server.server_port}/")
        server.serve_forever()
