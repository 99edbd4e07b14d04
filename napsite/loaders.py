"""Reading content files into raw records that remember where every value came from.

This module and `writer` are the only ones that read or write files while building.
"""
from __future__ import annotations

import html

import os
import re
import stat
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from .memo import PARSED
from .problems import Problems

MAX_FILE_BYTES = 1_000_000
# Characters no reader can see and XML 1.0 forbids or HTML calls an error: C0 and C1 controls
# (tab and line breaks excepted), DEL, and the Unicode noncharacters. PDF and Word copy-paste
# brings in form feeds and vertical tabs; one of them made every feed invalid.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef"
                     + "".join(f"{chr(p * 0x10000 + 0xfffe)}{chr(p * 0x10000 + 0xffff)}" for p in range(17)) + "]")
# The same check in two quick steps (the one class above is slow to test, and this runs over every
# character of every file): the control characters in the Basic Multilingual Plane, and then,
# only in a text with characters beyond it, the whole class.
_BMP_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef\ufffe\uffff]")
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
# Characters a reader cannot see that change how the text around them reads or is found: soft
# hyphen, Arabic letter mark, Mongolian vowel separator, zero-width space/joiners, LRM/RLM, the
# bidi embeddings, overrides and isolates, word joiner and invisible operators, and a BOM inside
# the text. U+202E turns a title around on every page; U+200B splits a word so search misses it.
# Neither language of the site needs any of them (Azerbaijani has no joining letters).
# Characters that show nothing (or fill a gap with nothing) or turn the direction of text: soft
# hyphen, combining grapheme joiner, Arabic letter mark, Hangul fillers, Mongolian vowel separator,
# zero-width spaces and joiners, direction marks, embeddings, overrides and isolates, invisible
# operators, the byte order mark, and the tag characters (U+E0000–E007F).
DECEPTIVE = re.compile("[\u00ad\u034f\u061c\u115f\u1160\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064"
                       "\u2066-\u2069\u3164\ufeff\uffa0\U000e0000-\U000e007f]")
# The same characters written as HTML character references, which Markdown turns into them.
REFERENCE = re.compile(r"&(?:#[xX][0-9a-fA-F]{1,8}|#[0-9]{1,9}|[A-Za-z][A-Za-z0-9]{1,31});")
Key = tuple  # a path into a document: ("title", "az") or ("sources", 0)

_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BaseLoader):  # type: ignore[misc, valid-type]
    """Safe loading, with dates kept as text so that the schema sees what the editor typed."""

    yaml_implicit_resolvers = {
        first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }


@dataclass(frozen=True)
class Document:
    """One YAML document (a whole file, or a note's front matter) and the line of each value."""

    path: str
    data: Any
    lines: dict = field(default_factory=dict, compare=False, repr=False)
    source: str = field(default="", compare=False, repr=False)  # the YAML text: a key for memos

    def line(self, *key: Any) -> int:
        """The line of the deepest part of `key` that exists (the file's first line at worst)."""
        for end in range(len(key), -1, -1):
            if key[:end] in self.lines:
                return self.lines[key[:end]]
        return 1


@dataclass(frozen=True)
class MarkdownFile:
    path: str
    stem: str  # file name without ".<lang>.md"
    lang: str
    meta: Document
    body: str
    body_line: int


def display_path(path: Path) -> str:
    """A path as an editor would type it: relative to the working folder where possible."""
    text = os.fspath(path)
    parts = text.split("/")
    if "\\" in text or any(p in ("", ".", "..") for p in parts[1 if text.startswith("/") else 0:]):
        try:
            return os.path.relpath(path)
        except ValueError:  # another drive on Windows
            return text
    if not text.startswith("/"):
        return text  # already relative and plain: what relpath would return
    # A plain absolute path: its folder made relative once (relpath normalises both paths each time),
    # unless the working folder is inside the path, where the name itself becomes '..'
    cwd = os.getcwd()
    if cwd == text or cwd.startswith(text + "/"):
        return os.path.relpath(path)
    folder = _relative_folder("/".join(parts[:-1]) or "/", cwd)
    return parts[-1] if folder == "." else f"{folder}/{parts[-1]}"


@lru_cache(maxsize=256)
def _relative_folder(folder: str, cwd: str) -> str:
    return os.path.relpath(folder, cwd)


def control_characters(text: str) -> list[tuple[int, str]]:
    """(line, 'U+000C') of each invisible control character in `text`, at most one per line."""
    if not _BMP_CONTROL.search(text) and not (_ASTRAL.search(text) and CONTROL.search(text)):
        return []
    found: dict[int, str] = {}
    for m in CONTROL.finditer(text):
        found.setdefault(text.count("\n", 0, m.start()) + 1, f"U+{ord(m.group()):04X}")
    return sorted(found.items())


def deceptive_characters(text: str) -> list[tuple[int, str]]:
    """(line, 'U+202E') of each invisible or direction-changing character in `text`, typed or written
    as a character reference (&#x202e;, &shy;), at most one per line."""
    found: dict[int, str] = {}
    for m in DECEPTIVE.finditer(text):
        found.setdefault(text.count("\n", 0, m.start()) + 1, f"U+{ord(m.group()):04X}")
    if "&" in text:
        for m in REFERENCE.finditer(text):
            hidden = DECEPTIVE.search(html.unescape(m.group()))
            if hidden:
                found.setdefault(text.count("\n", 0, m.start()) + 1, f"U+{ord(hidden.group()):04X}, written {m.group()}")
    return sorted(found.items())


def deceptive_message(code: str) -> str:
    return (f"an invisible or direction-changing character ({code}), probably pasted from a web page or a "
            "word processor: it can make the text read backwards or hide inside a word so that search "
            "misses it; delete it (or retype the text around it)")


def report_control_characters(text: str, path: str, problems: Problems, first_line: int = 1) -> bool:
    """An error for each line with a control or deceptive character; True when there was none."""
    found = control_characters(text)
    for line, code in found[:10]:
        problems.error(path, line + first_line - 1, f"an invisible control character ({code}), probably pasted "
                       "from a PDF or a word processor; delete it (or retype the text around it)")
    hidden = deceptive_characters(text)
    for line, code in hidden[:10]:
        problems.error(path, line + first_line - 1, deceptive_message(code))
    return not found and not hidden


def is_symlink(path: Path) -> bool:
    try:
        return stat.S_ISLNK(path.lstat().st_mode)
    except OSError:
        return False


SYMLINK_MESSAGE = ("symbolic links are not allowed in content (they can lead outside the folder); "
                   "put the file itself here")


def read_text(path: Path, problems: Problems) -> str | None:
    shown = display_path(path)
    try:
        info = path.lstat()  # before reading: never follow a link or read a device to its end
        if stat.S_ISLNK(info.st_mode):
            problems.error(shown, 1, SYMLINK_MESSAGE)
            return None
        if not stat.S_ISREG(info.st_mode):
            problems.error(shown, 1, "this is not a plain file; content holds only text files")
            return None
        if info.st_size > MAX_FILE_BYTES:
            raise _TooLarge(info.st_size)
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        with open(fd, "rb") as f:
            raw = f.read(MAX_FILE_BYTES + 1)
        if len(raw) > MAX_FILE_BYTES:  # it grew after the check
            raise _TooLarge(len(raw))
    except _TooLarge as exc:
        problems.error(shown, 1, f"the file is {exc.size:,} bytes; content files must stay under "
                       f"{MAX_FILE_BYTES:,} bytes (split it, or remove pasted data)")
        return None
    except OSError as exc:
        problems.error(shown, 1, f"cannot read the file: {exc.strerror}")
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problems.error(shown, line, "the file is not UTF-8 text; save it again with the "
                       "encoding 'UTF-8' in your editor")
        return None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not report_control_characters(text, shown, problems):
        return None
    return text


class _TooLarge(Exception):
    def __init__(self, size: int):
        self.size = size


def parse_yaml(text: str, path: str, problems: Problems, first_line: int = 1) -> Document | None:
    """Parse one YAML document safely; None (and a problem) when it cannot be read."""
    return PARSED(("yaml", path, first_line, text), lambda found: _parse_yaml(text, path, found, first_line),
                  problems)


def _parse_yaml(text: str, path: str, problems: Problems, first_line: int) -> Document | None:
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return Document(path, None, {(): first_line}, text)
        lines: dict = {}
        if not _walk(node, (), lines, set(), path, problems, first_line):
            return None
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if exc.context_mark and "end of stream" in str(exc.problem):
            mark = exc.context_mark  # an unclosed quote or bracket: point at where it was opened
        line = (_last_written_line(text, mark.line) + first_line) if mark else first_line
        problems.error(path, line, f"this is not valid YAML: {exc.problem or exc.context} "
                       "(check the indentation, the colon after each key, and that quotes are closed)")
        return None
    except yaml.YAMLError as exc:
        problems.error(path, first_line, f"this is not valid YAML: {exc}")
        return None
    finally:
        loader.dispose()
    return Document(path, data, lines, text)


def _last_written_line(text: str, index: int) -> int:
    """The parser notices a missing colon only at the next token, which may be past the end of
    the file or on a blank line; the mistake is on the last line with text up to there."""
    lines = text.split("\n")
    while index > 0 and (index >= len(lines) or not lines[index].strip()):
        index -= 1
    return index


def _walk(node, key: Key, lines: dict, seen: set, path: str, problems: Problems, first: int) -> bool:
    """Record the line of every value; refuse aliases (they allow 'billion laughs' bombs)."""
    if id(node) in seen:
        problems.error(path, node.start_mark.line + first,
                       "YAML anchors and aliases (& and *) are not allowed in content; write the value out")
        return False
    seen.add(id(node))
    lines[key] = node.start_mark.line + first
    if isinstance(node, yaml.ScalarNode) and CONTROL.search(node.value):
        code = f"U+{ord(CONTROL.search(node.value).group()):04X}"
        problems.error(path, node.start_mark.line + first, f"an invisible control character ({code}) written "
                       "as an escape such as \\f or \\x01; delete it")
        return False
    if isinstance(node, yaml.ScalarNode) and DECEPTIVE.search(node.value):  # written as an escape: "\u202e"
        code = f"U+{ord(DECEPTIVE.search(node.value).group()):04X}"
        problems.error(path, node.start_mark.line + first, f"{deceptive_message(code)} (written as an escape)")
        return False
    if isinstance(node, yaml.MappingNode):
        names: dict = {}
        for k, v in node.value:
            name = k.value if isinstance(k, yaml.ScalarNode) else None
            if name in names:
                problems.error(path, k.start_mark.line + first,
                               f"the key '{name}' appears twice (first on line {names[name]}); keep one")
                return False
            names[name] = k.start_mark.line + first
            if not _walk(v, key + (name,), lines, seen, path, problems, first):
                return False
            lines[key + (name,)] = k.start_mark.line + first  # a field's line is its key's, not its value's
    elif isinstance(node, yaml.SequenceNode):
        for i, v in enumerate(node.value):
            if not _walk(v, key + (i,), lines, seen, path, problems, first):
                return False
    return True


def load_yaml_file(path: Path, problems: Problems) -> Document | None:
    text = read_text(path, problems)
    if text is None:
        return None
    return parse_yaml(text, display_path(path), problems)


def split_front_matter(text: str, path: str, problems: Problems) -> tuple[Document, str, int] | None:
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        problems.error(path, 1, "the file must start with front matter: a line '---', the fields "
                       "(measure:, date: …), then another line '---'")
        return None
    for end in range(1, len(lines)):
        if lines[end].strip() == "---":
            break
    else:
        problems.error(path, 1, "the front matter is not closed: add a line '---' after the last field")
        return None
    meta = parse_yaml("\n".join(lines[1:end]), path, problems, first_line=2)
    if meta is None:
        return None
    return meta, "\n".join(lines[end + 1:]), end + 2


def load_markdown_file(path: Path, problems: Problems) -> MarkdownFile | None:
    """`<stem>.<lang>.md` with YAML front matter."""
    shown = display_path(path)
    parts = path.name.rsplit(".", 2)
    if len(parts) != 3 or parts[2] != "md" or parts[1] not in ("az", "en"):
        problems.error(shown, 1, "the file name must end in '.az.md' or '.en.md' "
                       f"(for example '{parts[0]}.en.md')")
        return None
    text = read_text(path, problems)
    if text is None:
        return None
    split = split_front_matter(text, shown, problems)
    if split is None:
        return None
    meta, body, body_line = split
    return MarkdownFile(shown, parts[0], parts[1], meta, body, body_line)


@dataclass(frozen=True)
class RawContent:
    """Everything read from a content folder, before any cross-checking."""

    root: str
    site: Document | None
    sections: Document | None
    institutions: Document | None
    measures: tuple[Document, ...]
    notes: tuple[MarkdownFile, ...]
    pages: tuple[MarkdownFile, ...]
    searches: Document | None = None  # searches.yaml: optional, absent means no search to show
    # Measure files that exist but could not be read (already reported): their notes must not
    # be reported as "unknown measure" as well, since one mistake should give one error.
    unreadable_measures: tuple[str, ...] = ()

    @property
    def size(self) -> int:
        """Characters of content read: the measure against which the output's size is judged."""
        docs = [d for d in (self.site, self.sections, self.institutions, *self.measures) if d]
        return sum(len(d.source) for d in docs) + sum(len(m.meta.source) + len(m.body) for m in self.notes + self.pages)


def read_content(root: Path, problems: Problems) -> RawContent:
    def required(name: str) -> Document | None:
        path = root / name
        if not path.is_file() and not is_symlink(path):
            problems.error(display_path(path), 1, f"missing file: every content folder needs {name}")
            return None
        return load_yaml_file(path, problems)

    def files(folder: str, pattern: str) -> list[Path]:
        """The entries of a content subfolder; a link in place of the folder is not followed."""
        if is_symlink(root / folder):
            problems.error(display_path(root / folder), 1, SYMLINK_MESSAGE)
            return []
        return sorted((root / folder).glob(pattern)) if (root / folder).is_dir() else []

    measures, unreadable = [], []
    for p in files("measures", "*"):
        doc = _measure_file(p, problems)
        if doc is not None:
            measures.append(doc)
        elif p.suffix in (".yaml", ".yml") and p.is_file() and not p.name.startswith("."):
            unreadable.append(p.stem)
    notes = [m for p in files("progress", "*") if (m := _markdown(p, problems))]
    pages = [m for p in files("pages", "*") if (m := _markdown(p, problems))]
    searches = load_yaml_file(root / "searches.yaml", problems) if (root / "searches.yaml").is_file() else None
    return RawContent(display_path(root), required("site.yaml"), required("sections.yaml"),
                      required("institutions.yaml"), tuple(measures), tuple(notes), tuple(pages), searches,
                      tuple(unreadable))


def _content_file(path: Path, problems: Problems) -> bool:
    """Whether a folder entry is a content file to read: hidden files and folders are passed
    over, and a link is refused, since it could lead outside content/."""
    if path.name.startswith("."):
        return False
    if is_symlink(path):
        problems.error(display_path(path), 1, SYMLINK_MESSAGE)
        return False
    return not path.is_dir()


def _measure_file(path: Path, problems: Problems) -> Document | None:
    if not _content_file(path, problems):
        return None
    if path.suffix not in (".yaml", ".yml"):
        problems.error(display_path(path), 1, "a measure file must end in '.yaml' (for example '1.1.yaml')")
        return None
    return load_yaml_file(path, problems)


def _markdown(path: Path, problems: Problems) -> MarkdownFile | None:
    return load_markdown_file(path, problems) if _content_file(path, problems) else None
