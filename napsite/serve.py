"""The preview server: the same build() as the CLI, served from memory with live reload.

Rebuilds pass a RenderCache, so after a content edit only the pages that show what changed
are rendered again, and only files whose bytes changed are written to output/.

Pages are served from the last good build held in memory, so the livereload script is added
only on the way to the browser and never written into output/. While the content has errors,
every page shows them instead, and output/ keeps the last good site.
"""
from __future__ import annotations

import mimetypes
import sys
import threading
import time
from html import escape
from pathlib import Path

from . import search
from .build import build
from .render import ROOT, RenderCache, reset
from .writer import update_site


class Preview:
    def __init__(self, content: Path, output: Path, base_url: str):
        self.content, self.output, self.base_url = content, output, base_url
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
        result = build(self.content, self.base_url, cache=self.cache)
        for p in result.problems.errors + result.problems.warnings:
            print(p, file=sys.stderr)
        if result.ok:
            with self._lock:
                index = {k: v for k, v in self.files.items() if k.startswith(search.FOLDER)}
                files = {**result.files, **index}  # the last index stays until the new one is ready
                changed = update_site(files, self.output, self.files or None)
                self.files, self.errors = files, []
            self._index_soon()
            print(f"rebuilt in {(time.perf_counter() - started) * 1000:.0f} ms; {len(changed)} files changed",
                  file=sys.stderr)
        else:
            self.errors = [str(p) for p in result.problems.errors] or ["the build produced no files"]
            print(f"{len(self.errors)} errors: showing them in the browser; {self.output}/ is unchanged",
                  file=sys.stderr)

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
                files = {k: v for k, v in self.files.items() if not k.startswith(search.FOLDER)}
                files.update(index)
                update_site(files, self.output, self.files)
                self.files = files

    def app(self, environ, start_response):
        """A WSGI app over the in-memory site."""
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
<p>Fix the file and line named below and save it: this page reloads by itself.
The last good site is still in <code>{escape(str(self.output))}/</code>.</p>
<ul>{items}</ul></main></body></html>""".encode("utf-8")


def serve(content: Path, output: Path, host: str, port: int, base_url: str | None) -> int:
    from livereload import Server

    preview = Preview(content, output, base_url or f"http://{host}:{port}/")
    preview.rebuild()
    server = Server(preview.app)
    server.watch(str(content), preview.rebuild, delay=0.1)
    for folder in ("templates", "i18n", "static"):
        server.watch(str(ROOT / folder), preview.rebuild_all, delay=0.1)
    print(f"serving on http://{host}:{port}/ — edit files and the page reloads; Ctrl-C stops", file=sys.stderr)
    server.serve(host=host, port=port, open_url_delay=None, restart_delay=0)
    return 0
