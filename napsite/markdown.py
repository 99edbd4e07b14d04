"""Markdown to safe HTML: no raw HTML, only web and mail links, headings nested under the page's."""
from __future__ import annotations

from functools import lru_cache
from urllib.parse import urlsplit

from markdown_it import MarkdownIt

_SAFE_SCHEMES = {"http", "https", "mailto"}


def _validate_link(url: str) -> bool:
    scheme = urlsplit(url.strip()).scheme.lower()
    return scheme in _SAFE_SCHEMES or (scheme == "" and not url.strip().lower().startswith("//"))


def _make() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable(["table", "strikethrough"])
    md.disable("image")  # pictures would break the page-weight budget; link to them instead
    md.validateLink = _validate_link

    def link_open(renderer, tokens, idx, options, env):
        token = tokens[idx]
        href = token.attrGet("href") or ""
        if urlsplit(href).scheme in ("http", "https"):
            token.attrSet("rel", "external noopener")
            token.attrSet("class", "external")
        return renderer.renderToken(tokens, idx, options, env)

    md.add_render_rule("link_open", link_open)
    return md


_MD = _make()


@lru_cache(maxsize=4096)  # the preview server re-renders only notes whose text changed
def render(text: str, top_level: int = 2) -> str:
    """Render `text`; its highest heading becomes <h{top_level}>, deeper ones follow, capped at h6."""
    tokens = _MD.parse(text)
    levels = [int(t.tag[1]) for t in tokens if t.type == "heading_open"]
    if levels:
        shift = top_level - min(levels)
        for t in tokens:
            if t.type in ("heading_open", "heading_close"):
                t.tag = f"h{min(6, int(t.tag[1]) + shift)}"
    return _MD.renderer.render(tokens, _MD.options, {})


# A note's HTML is copied into pages and feeds, so its size is bounded, not only its source's:
# reference links let a few bytes of Markdown repeat a long address thousands of times.
MAX_HTML_CHARS = 2_000_000
MAX_GROWTH = 50  # HTML characters per source character, beyond a first 100,000


def too_large(text: str) -> int | None:
    """The estimated size of the HTML of `text` when it is over the limits, else None.
    Estimated from the parsed tokens, so a hostile note is refused without building its HTML."""
    size = 0
    for token in _MD.parse(text):
        size += len(token.tag) + 3 + (0 if token.children else len(token.content))  # <tag> or </tag>
        for child in token.children or ():
            size += len(child.tag) + 3 + len(child.content) + sum(len(str(v)) + 4 for v in (child.attrs or {}).values())
    return size if size > min(MAX_HTML_CHARS, 100_000 + MAX_GROWTH * len(text)) else None
