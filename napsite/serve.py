"""The preview server: the same build() as the CLI, served from memory with live reload.

It writes no files at all. Its pages carry the preview's own address (http://127.0.0.1:PORT/)
in feeds and canonical links, so they must never mix with the output/ that `build.py` makes
for publishing; and a server that writes nothing cannot delete anything either.

Rebuilds pass a RenderCache, so after a content edit only the pages that show what changed
are rendered again. While the content has errors, every page shows them instead.

It answers only requests addressed to itself: a Host header naming another site (DNS
rebinding, where a hostile page's own name points at 127.0.0.1) gets 421, and the live-reload
socket accepts only pages of this server as its origin.
"""
from __future__ import annotations

import ipaddress
import mimetypes
import os
import socket
import sys
import threading
import time
from html import escape
from pathlib import Path
from urllib.parse import urlsplit

from . import search
from .build import build
from .render import ROOT, RenderCache, reset


def own_host(host_header: str | None, host: str, port: int) -> bool:
    """True when a Host header (or an Origin's netloc) names this server: our port, and our
    --host, 'localhost' or an IP literal. A DNS name other than --host could be rebound to us."""
    if not host_header:
        return False
    try:
        parts = urlsplit("//" + host_header)
        name, their_port = parts.hostname, parts.port or 80
    except ValueError:
        return False
    if their_port != port or not name:
        return False
    if name in (host.lower(), "localhost"):
        return True
    try:
        ipaddress.ip_address(name)
        return True
    except ValueError:
        return False


def own_origin(origin: str | None, host: str, port: int) -> bool:
    if not origin:
        return False
    parts = urlsplit(origin)
    return parts.scheme == "http" and own_host(parts.netloc, host, port)


class Preview:
    def __init__(self, content: Path, base_url: str, host: str = "127.0.0.1", port: int = 8000):
        self.content, self.base_url, self.host, self.port = content, base_url, host, port
        self.files: dict[str, bytes] = {}  # the pages, and the search index once made
        self.errors: list[str] = []
        self.cache = RenderCache()
        # Pagefind takes about a second: it runs after each rebuild in the background, so an edit
        # shows at once and search catches up. One run at a time; the latest pages win.
        self._lock = threading.Lock()
        self._index_wanted = threading.Event()
        self._indexer: threading.Thread | None = None

    def rebuild_all(self) -> None:
        """After a change to templates, catalogs or static files: nothing rendered before is kept."""
        reset()
        self.cache = RenderCache()
        self.rebuild()

    def rebuild(self) -> None:
        started = time.perf_counter()
        result = build(self.content, self.base_url, cache=self.cache, preview=True)
        for p in result.problems.errors + result.problems.warnings:
            print(p, file=sys.stderr)
        if result.ok:
            with self._lock:
                index = {k: v for k, v in self.files.items() if k.startswith(search.FOLDER)}
                files = {**result.files, **index}  # the last index stays until the new one is ready
                changed = sum(1 for rel, data in files.items() if self.files.get(rel) != data)
                changed += len(self.files.keys() - files.keys())
                self.files, self.errors = files, []
            self._index_soon()
            print(f"rebuilt in {(time.perf_counter() - started) * 1000:.0f} ms; {changed} files changed",
                  file=sys.stderr)
        else:
            self.errors = [str(p) for p in result.problems.errors] or ["the build produced no files"]
            print(f"{len(self.errors)} errors: showing them in the browser", file=sys.stderr)

    def _index_soon(self) -> None:
        self._index_wanted.set()
        if self._indexer is None or not self._indexer.is_alive():
            self._indexer = threading.Thread(target=self._index_loop, daemon=True)
            self._indexer.start()

    def _index_loop(self) -> None:
        while self._index_wanted.is_set():
            self._index_wanted.clear()
            with self._lock:
                pages = {k: v for k, v in self.files.items() if not k.startswith(search.FOLDER)}
            try:
                index = search.index(pages)
            except Exception as exc:  # search is a convenience while previewing: say so and go on
                print(f"search index not updated: {exc}", file=sys.stderr)
                continue
            with self._lock:
                if self.errors or self._index_wanted.is_set():
                    continue  # newer pages are on their way; index those instead
                self.files = {**{k: v for k, v in self.files.items() if not k.startswith(search.FOLDER)}, **index}

    def app(self, environ, start_response):
        """A WSGI app over the in-memory site."""
        if not own_host(environ.get("HTTP_HOST"), self.host, self.port):
            return self._respond(start_response, "421 Misdirected Request", "text/plain; charset=utf-8",
                                 b"This preview server answers only to its own address.\n")
        path = environ.get("PATH_INFO", "/").lstrip("/")
        if self.errors:
            return self._respond(start_response, "200 OK", "text/html; charset=utf-8", self._error_page())
        if path.endswith("/") or path == "":
            path += "index.html"
        if path not in self.files and path + "/index.html" in self.files:
            start_response("301 Moved Permanently", [("Location", "/" + path + "/")])
            return [b""]
        if path not in self.files:
            return self._respond(start_response, "404 Not Found", "text/html; charset=utf-8",
                                 self.files.get("404.html", b"not found"))
        kind = mimetypes.guess_type(path)[0] or "application/octet-stream"
        if kind.startswith("text/") or kind in ("image/svg+xml", "application/xml"):
            kind += "; charset=utf-8"
        return self._respond(start_response, "200 OK", kind, self.files[path])

    @staticmethod
    def _respond(start_response, status, kind, body: bytes):
        start_response(status, [("Content-Type", kind), ("Content-Length", str(len(body))),
                                ("Cache-Control", "no-store")])
        return [body]

    def _error_page(self) -> bytes:
        items = "\n".join(f"<li><code>{escape(e)}</code></li>" for e in self.errors)
        return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Content errors</title>
<style>body{{font:1rem/1.5 system-ui,sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem}}
li{{margin:.5rem 0;padding:.5rem;background:#fff3f3;border-left:4px solid #b00020;list-style:none}}
code{{white-space:pre-wrap}}</style></head>
<body><main><h1>The content has {len(self.errors)} error{'s' if len(self.errors) != 1 else ''}</h1>
<p>Fix the file and line named below and save it: this page reloads by itself.</p>
<ul>{items}</ul></main></body></html>""".encode("utf-8")


def serve(content: Path, host: str, port: int, base_url: str | None) -> int:
    problem = _cannot_listen(host, port)
    if problem:
        print(problem, file=sys.stderr)
        return 2
    preview = Preview(content, base_url or f"http://{host}:{port}/", host, port)
    preview.rebuild()
    server = _server(preview)
    server.watch(str(content), preview.rebuild, delay=0.1)
    for folder in ("templates", "i18n", "static"):
        server.watch(str(ROOT / folder), preview.rebuild_all, delay=0.1)
    print(f"serving on http://{host}:{port}/ — edit files and the page reloads; Ctrl-C stops", file=sys.stderr)
    try:
        server.serve(host=host, port=port, open_url_delay=None, restart_delay=0)
    except OSError as exc:  # the port was taken between the check and now
        print(f"cannot serve on {host}:{port}: {exc.strerror or exc}; try another --port", file=sys.stderr)
        return 2
    return 0


def _cannot_listen(host: str, port: int) -> str | None:
    """Why the server could not listen on host:port, said as a usage error, or None."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except (socket.gaierror, UnicodeError):
        return f"--host {host}: not an address of this machine; use 127.0.0.1 (the default)"
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server itself will
        try:
            probe.bind(address)
        except OSError as exc:
            if exc.errno == 98:  # EADDRINUSE
                return f"port {port} is already in use (another preview?); use another, e.g. --port {port + 1}"
            return f"cannot listen on {host}:{port}: {exc.strerror}; try --host 127.0.0.1 or another --port"
    return None


def _server(preview: Preview):
    """livereload's Server, with every handler checking that a request is addressed to us."""
    from livereload import Server
    from livereload.handlers import LiveReloadHandler, LiveReloadJSHandler
    from livereload.server import LiveScriptContainer, LiveScriptInjector
    from tornado import escape as tornado_escape
    from tornado import web

    def guarded(base):
        class Guarded(base):
            def prepare(self):
                if not own_host(self.request.host, preview.host, preview.port):
                    raise web.HTTPError(421)
                return super().prepare()

            def check_origin(self, origin):  # used by the websocket handshake only
                return own_origin(origin, preview.host, preview.port)
        return Guarded

    class GuardedServer(Server):
        def application(self, port, host, liveport=None, debug=None, live_css=True):
            LiveReloadHandler.watcher = self.watcher
            LiveReloadHandler.live_css = live_css
            script = tornado_escape.utf8(
                '<script>(function(){var s=document.createElement("script");'
                f's.src="/livereload.js?port={port}";document.head.appendChild(s);}})();</script>')

            class Transform(LiveScriptInjector):
                pass
            Transform.script = script
            handlers = [(r"/livereload", guarded(LiveReloadHandler)),
                        (r"/livereload.js", guarded(LiveReloadJSHandler)),
                        (r".*", web.FallbackHandler, {"fallback": LiveScriptContainer(preview.app, script)})]
            web.Application(handlers=handlers, debug=False, transforms=[Transform]).listen(port, address=host)

    return GuardedServer(preview.app, watcher=_watcher())


def listing(folder: str) -> frozenset:
    """(path, mtime in ns, size) of every file under `folder`, hidden ones (editors' swap files)
    left out, as the build leaves them out."""
    found = set()
    for top, dirs, names in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in names:
            if not name.startswith("."):
                path = os.path.join(top, name)
                try:
                    info = os.lstat(path)
                except OSError:  # removed while listing: the next poll sees it gone
                    continue
                found.add((path, info.st_mtime_ns, info.st_size))
    return frozenset(found)


def _watcher():
    """livereload's Watcher, deciding by the whole listing of each watched folder. Its own check
    counts a file it has not seen only when modified after the server started, so content moved
    away and back with its old times went unnoticed and the preview kept showing the errors."""
    from livereload.watcher import Watcher

    class ListingWatcher(Watcher):
        def __init__(self):
            super().__init__()
            self._listings: dict[str, frozenset] = {}

        def watch(self, path, func=None, delay=0, ignore=None):
            super().watch(path, func, delay, ignore)
            self._listings[path] = listing(path)

        def is_changed(self, path, ignore=None):
            now = listing(path)
            changed = now != self._listings.get(path)
            self._listings[path] = now
            if changed:
                self.filepath = path  # what livereload reloads the browser for
            return changed

    return ListingWatcher()
