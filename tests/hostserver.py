"""A small stand-in for Netlify, for tests: serves a built site under a path prefix with the
headers and redirects that netlify.toml declares (read with tomllib, not from napsite), the
measure aliases of output/_redirects, and 404.html with status 404.

Where two header rules set the same header, their values are joined with ", " as Cloudflare
Pages (and, by reports, Netlify) do, so an overlap in netlify.toml shows up as a wrong value."""
from __future__ import annotations

import http.server
import mimetypes
import threading
import tomllib
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import unquote, urlsplit

from napsite.hosting import Rule

ROOT = Path(__file__).resolve().parent.parent
NETLIFY_TOML = ROOT / "netlify.toml"


def netlify_config(path: Path = NETLIFY_TOML) -> dict:
    with open(path, "rb") as f:
        return tomllib.load(f)


def header_rules(config: dict) -> list[Rule]:
    return [Rule(h["for"], dict(h["values"])) for h in config.get("headers", [])]


def headers_for(rules: list[Rule], path: str) -> dict:
    sent: dict = {}
    for rule in rules:
        if rule.matches(path):
            for name, value in rule.headers.items():
                sent[name] = f"{sent[name]}, {value}" if name in sent else value
    return sent


def alias_redirects(site: Path) -> dict[str, tuple[str, int]]:
    out = {}
    file = site / "_redirects"
    for line in file.read_text("utf-8").splitlines() if file.exists() else []:
        if line.strip() and not line.startswith("#"):
            source, target, status = line.split()
            out[source] = (target, int(status.rstrip("!")))
    return out


def first_language(accept: str) -> str:
    """Netlify compares the first language the browser lists, its first two letters."""
    return accept.split(",")[0].strip()[:2].lower()


class Handler(http.server.BaseHTTPRequestHandler):
    site: Path
    prefix: str
    rules: list[Rule]
    redirects: list[dict]
    aliases: dict

    def log_message(self, *args) -> None:  # keep test output clean
        pass

    def do_HEAD(self) -> None:
        self._serve(body=False)

    def do_GET(self) -> None:
        self._serve(body=True)

    def _serve(self, body: bool) -> None:
        url_path = unquote(urlsplit(self.path).path)
        if not url_path.startswith(self.prefix):
            return self._send(404, "text/plain", b"outside the site's prefix", {}, body)
        path = "/" + url_path[len(self.prefix):]
        for r in self.redirects:
            lang = first_language(self.headers.get("Accept-Language", ""))
            wanted = r.get("conditions", {}).get("Language")
            if r["from"] == path and (wanted is None or lang in wanted):
                return self._redirect(r["to"], r.get("status", 301), path, body)
        if path in self.aliases or path + "/" in self.aliases:
            target, status = self.aliases.get(path) or self.aliases[path + "/"]
            return self._redirect(target, status, path, body)
        file = (self.site / path.lstrip("/")).resolve()
        if not file.is_relative_to(self.site):
            return self._send(404, "text/plain", b"no", {}, body)
        if file.is_dir():
            if not path.endswith("/"):
                return self._redirect(path + "/", 301, path, body)
            file = file / "index.html"
        status = 200
        if not file.is_file():
            status, file = 404, self.site / "404.html"
        kind = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        if kind.startswith("text/") or kind.endswith(("xml", "json")):
            kind += "; charset=utf-8"
        self._send(status, kind, file.read_bytes(), headers_for(self.rules, path), body)

    def _redirect(self, target: str, status: int, path: str, body: bool) -> None:
        headers = headers_for(self.rules, path)
        headers["Location"] = self.prefix + target.lstrip("/")
        self._send(status, "text/plain", b"", headers, body)

    def _send(self, status: int, kind: str, data: bytes, headers: dict, body: bool) -> None:
        self.send_response(status)
        headers = dict(headers)
        self.send_header("Content-Type", headers.pop("Content-Type", kind))
        self.send_header("Content-Length", str(len(data)))
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        if body:
            self.wfile.write(data)


@contextmanager
def serving(site: Path, prefix: str = "/", config: dict | None = None):
    """Yields the base address, e.g. http://127.0.0.1:PORT/nap/."""
    config = config or netlify_config()
    attrs = dict(site=site.resolve(), prefix=prefix, rules=header_rules(config),
                 redirects=config.get("redirects", []), aliases=alias_redirects(site))
    handler = type("SiteHandler", (Handler,), attrs)
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}{prefix}"
    finally:
        httpd.shutdown()
        httpd.server_close()
