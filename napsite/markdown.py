"""Markdown to safe HTML: no raw HTML, only web and mail links, headings nested under the page's."""
from __future__ import annotations

import copy
from functools import lru_cache
from urllib.parse import urlsplit

from .memo import RESULTS


_SAFE_SCHEMES = {"http", "https", "mailto"}


def _validate_link(url: str) -> bool:
    scheme = urlsplit(url.strip()).scheme.lower()
    return scheme in _SAFE_SCHEMES or (scheme == "" and not url.strip().lower().startswith("//"))


def _make():
    from markdown_it import MarkdownIt  # here: a build whose texts are all in the cache never needs it

    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable(["table", "strikethrough"])
    md.disable("image")  # pictures would break the page-weight budget; link to them instead
    md.validateLink = _validate_link

    def link_open(renderer, tokens, idx, options, env):
        token = tokens[idx]
        href = token.attrGet("href") or ""
        if urlsplit(href).scheme in ("http", "https"):
            # on a copy: the parsed tokens are kept (and measured by too_large), never changed
            token = copy.copy(token)
            token.attrs = {**token.attrs, "rel": "external noopener", "class": "external"}
            return renderer.renderToken([token], 0, options, env)  # inline: no neighbour is consulted
        return renderer.renderToken(tokens, idx, options, env)

    md.add_render_rule("link_open", link_open)
    return md


@lru_cache(maxsize=1)
def _md():
    return _make()


@lru_cache(maxsize=16)  # too_large and then render read the same text: it is parsed once
def _parse(text: str) -> tuple:
    return tuple(_md().parse(text))


def render(text: str, top_level: int = 2) -> str:
    """Render `text`; its highest heading becomes <h{top_level}>, deeper ones follow, capped at h6."""
    return RESULTS(("html", text, top_level), lambda: _render(text, top_level))


def _render(text: str, top_level: int) -> str:
    tokens = list(_parse(text))
    levels = [int(t.tag[1]) for t in tokens if t.type == "heading_open"]
    if levels:
        shift = top_level - min(levels)
        for i, t in enumerate(tokens):
            if t.type in ("heading_open", "heading_close"):
                tokens[i] = copy.copy(t)  # the parsed tokens are shared: change a copy
                tokens[i].tag = f"h{min(6, int(t.tag[1]) + shift)}"
    return _md().renderer.render(tokens, _md().options, {})


# A note's HTML is copied into pages and feeds, so its size is bounded, not only its source's:
# reference links let a few bytes of Markdown repeat a long address thousands of times.
MAX_HTML_CHARS = 2_000_000
MAX_GROWTH = 50  # HTML characters per source character, beyond a first 100,000


def too_large(text: str) -> int | None:
    """The estimated size of the HTML of `text` when it is over the limits, else None.
    Estimated from the parsed tokens, so a hostile note is refused without building its HTML."""
    return RESULTS(("size", text), lambda: _too_large(text))


def _too_large(text: str) -> int | None:
    size = 0
    for token in _parse(text):
        size += len(token.tag) + 3 + (0 if token.children else len(token.content))  # <tag> or </tag>
        for child in token.children or ():
            size += len(child.tag) + 3 + len(child.content) + sum(len(str(v)) + 4 for v in (child.attrs or {}).values())
    return size if size > min(MAX_HTML_CHARS, 100_000 + MAX_GROWTH * len(text)) else None


def too_deep(text: str) -> int | None:
    """The line (from 1) where `text` nests deeper than markdown-it parses, else None. Past its
    maxNesting it drops the rest of the text without a word: 20 levels of '>' from e-mail quoting."""
    return RESULTS(("depth", text), lambda: _too_deep(text))


def _too_deep(text: str) -> int | None:
    deepest = _md().options["maxNesting"] - 1
    tokens = _parse(text)
    for token, after in zip(tokens, tokens[1:]):
        # a quote or list opened at the last level can hold nothing: its content was cut off
        if token.nesting == 1 and after.nesting == -1 and token.level >= deepest:
            return token.map[0] + 1 if token.map else 1
    return None
