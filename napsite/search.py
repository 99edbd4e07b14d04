"""The search index: Pagefind run over the rendered pages, in memory, after build().

`index(files)` takes the site as {path: bytes} and returns Pagefind's files as {path: bytes}
under pagefind/, so the CLI writes them with the rest of the site in one atomic swap and the
preview server can serve them from memory. Pagefind keeps one index per page language
(the html lang attribute). Only the main content marked data-pagefind-body is indexed.

Azerbaijani pages are indexed with the stems of their words (napsite.stem) added at the end of
their content, in the copy given to Pagefind only; the count of those words is kept as the
`stems` meta so that the search page never shows them as an excerpt. With them come the words as
typed without Azerbaijani letters (napsite.stem.fold): the search page folds every query, so
"seffafligin" and "şəffaflığın" are one search, and each finds the page in any form.
"""
from __future__ import annotations

import base64
import html
import json
import re
import subprocess
import tempfile
from html.parser import HTMLParser

from pathlib import Path

from .memo import RESULTS
from .stem import folded_text_words, folded_words, text_stems

FOLDER = "pagefind/"
BODY = re.compile(rb"<main\b[^>]*data-pagefind-body[^>]*>")
# Pagefind's own files that the site does not use: its ready-made interfaces and playground
UNUSED = re.compile(r"^pagefind-(ui|modular-ui|component-ui|highlight)\.(js|css)$|^playground/")


class _Text(HTMLParser):
    """The text inside the indexed element, without what Pagefind is told to ignore."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.weights: list[float] = []  # Pagefind's weight of each part: its heading's, or 1
        self._depth = 0  # inside data-pagefind-body
        self._skip = 0  # inside data-pagefind-ignore
        self._open: list[str] = []

    def handle_starttag(self, tag, attrs):
        names = {k for k, _ in attrs}
        if self._depth or "data-pagefind-body" in names:
            self._depth += 1
            self._open.append(tag)
            if self._skip or "data-pagefind-ignore" in names:
                self._skip += 1

    def handle_endtag(self, tag):
        if self._depth:
            self._depth -= 1
            if self._open:
                self._open.pop()
            if self._skip:
                self._skip -= 1

    def handle_startendtag(self, tag, attrs):
        pass  # void elements (<br/>, <img/>) hold no text and do not nest

    def handle_data(self, data):
        if self._depth and not self._skip:
            self.parts.append(data)
            headings = [HEADING_WEIGHT[t] for t in self._open if t in HEADING_WEIGHT]
            self.weights.append(headings[-1] if headings else 1)


# Pagefind's own weights for text in headings (its defaults), given to the folded words as well
HEADING_WEIGHT = {"h1": 7, "h2": 6, "h3": 5, "h4": 4, "h5": 3, "h6": 2}


VOID = ("area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr")


def _parsed(page: str) -> _Text:
    parser = _Text()
    # void elements written as <br> would otherwise count as an open tag
    parser.feed(re.sub(r"<(%s)\b([^>]*?)/?>" % "|".join(VOID), r"<\1\2/>", page))
    return parser


def indexed_text(page: str) -> str:
    return " ".join(parts.strip() for parts in _parsed(page).parts if parts.strip())


def indexed_parts(page: str) -> list[tuple[float, str]]:
    """The indexed text as (Pagefind's weight, text), in order: heading text weighs more."""
    parser = _parsed(page)
    return [(w, part.strip()) for w, part in zip(parser.weights, parser.parts) if part.strip()]


def with_stems(page: bytes) -> bytes:
    """The copy of an Azerbaijani page that Pagefind reads: its stems added at the end of main."""
    text = page.decode("utf-8")
    extra = RESULTS(("stems", page), lambda: _stems_block(text))  # kept in the build cache
    if not extra:
        return page
    return text.replace("</main>", extra + "</main>", 1).encode("utf-8")


def _stems_block(text: str) -> str:
    parts = indexed_parts(text)
    own = " ".join(part for _, part in parts)
    stems = text_stems(own)
    paragraphs = [("", stems)] if stems else []
    # the folded words, each with the weight of the heading or text it comes from, so that a folded
    # query ranks the pages as the same query typed with Azerbaijani letters does
    for weight, part in parts:
        words = folded_words(part)
        if words:
            paragraphs.append(("" if weight == 1 else f' data-pagefind-weight="{weight}"', words))
    paragraphs.append(("", folded_text_words(own)[1]))
    count = sum(len(words) for _, words in paragraphs)
    if not count:
        return ""
    return (f'<div data-pagefind-meta="stems:{count}">'
            + " ".join(f"<p{attr}>{html.escape(' '.join(words))}</p>" for attr, words in paragraphs if words)
            + "</div>")


NOTE = re.compile(rb'<article class="note" id="([^"]+)">((?:\s|<span[^>]*></span>)*)<h3>')  # former anchors


def _prepared(page: bytes) -> bytes:
    """The copy Pagefind reads. Pagefind links a match to the nearest heading with an id, so each
    note's id moves from its article to its heading: results then lead to the note itself."""
    page = NOTE.sub(rb'<article class="note">\2<h3 id="\1">', page)
    return with_stems(page) if b'<html lang="az"' in page[:200] else page


def prepare(path: str, data: bytes) -> None:
    """Do the indexing work on one page ahead of index() (the parallel renderer's processes call
    this): its result lands in memo.RESULTS, where index() finds it."""
    if path.endswith(".html") and BODY.search(data):
        _prepared(data)


def pages_to_index(files: dict[str, bytes]) -> dict[str, bytes]:
    return {path: data for path, data in sorted(files.items())
            if path.endswith(".html") and BODY.search(data)}


def index(files: dict[str, bytes]) -> dict[str, bytes]:
    """Pagefind's index and scripts for the site in `files`, as {path under pagefind/: bytes}."""
    pages = {path: _prepared(data) for path, data in pages_to_index(files).items()}
    # Pagefind's answer depends on nothing but these pages (and its version, which the build
    # cache's generator version covers): the same pages are not indexed twice.
    produced = RESULTS(("pagefind", tuple(pages.items())), lambda: _run_pagefind(pages))
    out = {FOLDER + f["path"]: base64.b64decode(f["content"]) for f in produced if not UNUSED.match(f["path"])}
    # Pagefind lists the languages in no fixed order; the same site must give the same bytes.
    entry = FOLDER + "pagefind-entry.json"
    out[entry] = json.dumps(json.loads(out[entry]), sort_keys=True, separators=(",", ":")).encode()
    return out


def _run_pagefind(pages: dict[str, bytes]) -> list[dict]:
    # The pages go to a private folder that Pagefind reads in one request (one by one, 200
    # pages would take 200 exchanges with the binary).
    with tempfile.TemporaryDirectory(prefix="napsite-search-") as folder:
        for path, data in pages.items():
            target = Path(folder, path)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        return _Service().index_folder(folder)


class _Service:
    """`pagefind --service`, spoken to directly: the same requests as the pagefind package's
    PagefindService and PagefindIndex send (NewIndex, AddDir, GetFiles), without its polling loop,
    which sleeps 0.1 s before reading each answer. Not their `async with` either: leaving that
    block writes the index into ./pagefind/."""

    def __init__(self) -> None:
        from pagefind.service import get_executable

        binary = get_executable()
        if binary is None:
            raise FileNotFoundError("Could not find pagefind binary")
        self.process = subprocess.Popen([str(binary), "--service"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=subprocess.DEVNULL)
        self.last_id = 0
        self.pending = b""

    def index_folder(self, folder: str) -> list[dict]:
        try:
            new = self.send({"type": "NewIndex", "config": {"keep_index_url": False}})
            self.send({"type": "AddDir", "index_id": new["index_id"], "path": folder, "glob": None})
            return self.send({"type": "GetFiles", "index_id": new["index_id"]})["files"]
        finally:
            self.process.stdin.close()
            self.process.terminate()
            self.process.wait()

    def send(self, payload: dict) -> dict:
        self.last_id += 1
        request = {"message_id": self.last_id, "payload": payload}
        self.process.stdin.write(base64.b64encode(json.dumps(request).encode("utf-8")) + b",")
        self.process.stdin.flush()  # the binary answers after the comma
        while True:
            answer = json.loads(base64.b64decode(self._read_message()))
            if answer is None:
                continue
            reply = answer.get("payload") or {}
            if reply.get("type") == "Error":
                raise RuntimeError(f"pagefind: {reply.get('message')}")
            if answer.get("message_id") == self.last_id:
                return reply

    def _read_message(self) -> bytes:
        chunks = [self.pending]
        while b"," not in chunks[-1]:
            chunk = self.process.stdout.read1(1 << 20)
            if not chunk:
                raise RuntimeError("pagefind stopped without answering")
            chunks.append(chunk)
        message, _, self.pending = b"".join(chunks).partition(b",")
        return message
