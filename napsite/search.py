"""The search index: Pagefind run over the rendered pages, in memory, after build().

`index(files)` takes the site as {path: bytes} and returns Pagefind's files as {path: bytes}
under pagefind/, so the CLI writes them with the rest of the site in one atomic swap and the
preview server can serve them from memory. Pagefind keeps one index per page language
(the html lang attribute). Only the main content marked data-pagefind-body is indexed.

Azerbaijani pages are indexed with the stems of their words (napsite.stem) added at the end of
their content, in the copy given to Pagefind only; the count of those words is kept as the
`stems` meta so that the search page never shows them as an excerpt.
"""
from __future__ import annotations

import asyncio
import html
import json
import re
import tempfile
from html.parser import HTMLParser

from pathlib import Path

from .stem import text_stems

FOLDER = "pagefind/"
BODY = re.compile(rb"<main\b[^>]*data-pagefind-body[^>]*>")
# Pagefind's own files that the site does not use: its ready-made interfaces and playground
UNUSED = re.compile(r"^pagefind-(ui|modular-ui|component-ui|highlight)\.(js|css)$|^playground/")


class _Text(HTMLParser):
    """The text inside the indexed element, without what Pagefind is told to ignore."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._depth = 0  # inside data-pagefind-body
        self._skip = 0  # inside data-pagefind-ignore

    def handle_starttag(self, tag, attrs):
        names = {k for k, _ in attrs}
        if self._depth or "data-pagefind-body" in names:
            self._depth += 1
            if self._skip or "data-pagefind-ignore" in names:
                self._skip += 1

    def handle_endtag(self, tag):
        if self._depth:
            self._depth -= 1
            if self._skip:
                self._skip -= 1

    def handle_startendtag(self, tag, attrs):
        pass  # void elements (<br/>, <img/>) hold no text and do not nest

    def handle_data(self, data):
        if self._depth and not self._skip:
            self.parts.append(data)


VOID = ("area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr")


def indexed_text(page: str) -> str:
    parser = _Text()
    # void elements written as <br> would otherwise count as an open tag
    parser.feed(re.sub(r"<(%s)\b([^>]*?)/?>" % "|".join(VOID), r"<\1\2/>", page))
    return " ".join(parts.strip() for parts in parser.parts if parts.strip())


def with_stems(page: bytes) -> bytes:
    """The copy of an Azerbaijani page that Pagefind reads: its stems added at the end of main."""
    text = page.decode("utf-8")
    stems = text_stems(indexed_text(text))
    if not stems:
        return page
    extra = (f'<div data-pagefind-meta="stems:{len(stems)}">' f"<p>{html.escape(' '.join(stems))}</p></div>")
    return text.replace("</main>", extra + "</main>", 1).encode("utf-8")


NOTE = re.compile(rb'<article class="note" id="([^"]+)">((?:\s|<span[^>]*></span>)*)<h3>')  # former anchors


def _prepared(page: bytes) -> bytes:
    """The copy Pagefind reads. Pagefind links a match to the nearest heading with an id, so each
    note's id moves from its article to its heading: results then lead to the note itself."""
    page = NOTE.sub(rb'<article class="note">\2<h3 id="\1">', page)
    return with_stems(page) if b'<html lang="az"' in page[:200] else page


def pages_to_index(files: dict[str, bytes]) -> dict[str, bytes]:
    return {path: data for path, data in sorted(files.items())
            if path.endswith(".html") and BODY.search(data)}


def index(files: dict[str, bytes]) -> dict[str, bytes]:
    """Pagefind's index and scripts for the site in `files`, as {path under pagefind/: bytes}."""
    return asyncio.run(_index(pages_to_index(files)))


async def _index(pages: dict[str, bytes]) -> dict[str, bytes]:
    from pagefind.index import IndexConfig
    from pagefind.service import PagefindService

    # The pages go to a private folder that Pagefind reads in one request: its Python service
    # waits 0.1 s for every answer, so adding 200 pages one by one would take 20 s.
    with tempfile.TemporaryDirectory(prefix="napsite-search-") as folder:
        for path, data in pages.items():
            target = Path(folder, path)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(_prepared(data))
        # Not `async with PagefindIndex()`: leaving that block writes the index into ./pagefind/
        service = await PagefindService().launch()
        try:
            pf = await service.create_index(IndexConfig(keep_index_url=False))
            await pf.add_directory(folder)
            produced = await pf.get_files()
        finally:
            await service.close()
    out = {FOLDER + f["path"]: f["content"] for f in produced if not UNUSED.match(f["path"])}
    # Pagefind lists the languages in no fixed order; the same site must give the same bytes.
    entry = FOLDER + "pagefind-entry.json"
    out[entry] = json.dumps(json.loads(out[entry]), sort_keys=True, separators=(",", ":")).encode()
    return out
