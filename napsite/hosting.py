"""What the web server must send with the site: the one place that holds the header policy.

The build writes it into the output as `_headers` and `_redirects` (read by Netlify and
Cloudflare Pages); `netlify.toml` and `deploy/nginx.conf` say the same by hand, and tests hold
both to this module, so a header changed here and forgotten there fails the suite.

The preview server (`build.py serve`) sends none of this on purpose: it adds the livereload
script to every page and shows content errors with an inline style, and it only ever serves the
editor's own machine.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .model import LANGS, Site
from .urls import path_for

# Scripts, styles, images, fonts and fetches only from the site itself. The only script the site
# ships is the search bundle, which compiles its WebAssembly index: 'wasm-unsafe-eval' allows
# exactly that and no eval() of JavaScript. No 'unsafe-inline' anywhere: a Markdown or
# translation mistake that slipped HTML into a page still could not run or restyle it.
CSP = "; ".join([
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "style-src 'self'",
    "img-src 'self'",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])

SECURITY = {
    "Content-Security-Policy": CSP,
    # No includeSubDomains: the site may live on a sub-domain of an organisation's domain, whose
    # other hosts are not ours to force onto HTTPS.
    "Strict-Transport-Security": "max-age=31536000",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",  # frame-ancestors for browsers that predate it
    # Readers follow links to ministries' sites; those need not learn they came from a tracker.
    "Referrer-Policy": "no-referrer",
    "Permissions-Policy": "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
                          "microphone=(), payment=(), usb=()",
}

IMMUTABLE = "public, max-age=31536000, immutable"  # names carry a content hash: a change is a new name
REVALIDATE = "public, max-age=0, must-revalidate"  # pages, feeds, data: fresh on the next visit
ATOM = "application/atom+xml; charset=utf-8"


@dataclass(frozen=True)
class Rule:
    """Headers for the paths a pattern matches, in Netlify's notation (`*` matches anything)."""

    pattern: str
    headers: dict

    def matches(self, path: str) -> bool:
        return _regexp(self.pattern).match(path) is not None


def rules() -> list[Rule]:
    """Every rule, in the order written out. Each Cache-Control is set by exactly one rule: hosts
    join the values of overlapping rules with commas, which would give two max-ages."""
    # pagefind/: the search index, written after the pages (napsite/search.py). Its chunks carry
    # content hashes, but pagefind.js and the entry file do not: revalidated, they cost a 304.
    fresh = ["/", "/index.html", "/404.html", "/robots.txt", "/sitemap.xml", "/.napsite-output", "/data/*",
             "/pagefind/*",
             *(f"/{lang}/*" for lang in LANGS)]
    return [Rule("/*", SECURITY),
            Rule("/static/*", {"Cache-Control": IMMUTABLE}),
            *(Rule(p, {"Cache-Control": REVALIDATE}) for p in fresh),
            Rule("/*/feed.xml", {"Content-Type": ATOM})]


def headers_for(path: str) -> dict:
    """What a host applying rules() sends for one URL path (used by the tests' server)."""
    sent: dict = {}
    for rule in rules():
        if rule.matches(path):
            sent.update(rule.headers)
    return sent


def headers_file() -> str:
    """`_headers` for Netlify and Cloudflare Pages."""
    blocks = []
    for rule in rules():
        blocks.append(rule.pattern + "\n" + "".join(f"  {k}: {v}\n" for k, v in rule.headers.items()))
    return "# Written by the build from napsite/hosting.py; netlify.toml says the same.\n" + "\n".join(blocks)


@dataclass(frozen=True)
class Redirect:
    source: str
    target: str
    status: int


def alias_redirects(site: Site) -> list[Redirect]:
    """A measure's former ids, answered with a permanent redirect where the host supports it (the
    HTML redirect pages stay for hosts that do not)."""
    out = []
    for m in site.measures.values():
        for alias in m.aliases:
            for lang in LANGS:
                out.append(Redirect("/" + path_for("measure", lang, alias.replace(".", "-")),
                                    "/" + path_for("measure", lang, m.idd), 301))
    return sorted(out, key=lambda r: r.source)


def redirects_file(site: Site) -> str:
    """`_redirects`: the `!` makes Netlify redirect although the old address has an HTML page."""
    lines = [f"{r.source} {r.target} {r.status}!" for r in alias_redirects(site)]
    return "# Written by the build from the measures' aliases (napsite/hosting.py).\n" + "".join(
        line + "\n" for line in lines)


def root_redirects(default_lang: str) -> list[tuple[str, str | None]]:
    """Where `/` sends a reader: (target, browser language or None for everyone else). Netlify
    compares the first language the browser asks for; the root page's links serve the rest."""
    others = [(path_for("home", lang), lang) for lang in LANGS if lang != default_lang]
    return [("/" + target, lang) for target, lang in others] + [("/" + path_for("home", default_lang), None)]


def host_files(site: Site) -> dict[str, bytes]:
    return {"_headers": headers_file().encode("utf-8"), "_redirects": redirects_file(site).encode("utf-8")}


def _regexp(pattern: str) -> re.Pattern:
    """Netlify's reading of a `for` path: a segment `*` matches any rest, even nothing."""
    parts = []
    for part in filter(None, pattern.split("/")):
        parts.append("?(.*)" if part == "*" else ".*".join(map(re.escape, part.split("*"))))
    return re.compile("^/" + "/".join(parts) + "/?$", re.IGNORECASE)
