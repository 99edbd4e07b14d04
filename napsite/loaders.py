"""Reading content files into raw records that remember where every value came from.

This module and `writer` are the only ones that read or write files while building.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .memo import PARSED
from .problems import Problems

MAX_FILE_BYTES = 1_000_000
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
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)


def read_text(path: Path, problems: Problems) -> str | None:
    shown = display_path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        problems.error(shown, 1, f"cannot read the file: {exc.strerror}")
        return None
    if len(raw) > MAX_FILE_BYTES:
        problems.error(shown, 1, f"the file is {len(raw):,} bytes; content files must stay under "
                       f"{MAX_FILE_BYTES:,} bytes (split it, or remove pasted data)")
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problems.error(shown, line, "the file is not UTF-8 text; save it again with the "
                       "encoding 'UTF-8' in your editor")
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n")


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
        line = (mark.line + first_line) if mark else first_line
        problems.error(path, line, f"this is not valid YAML: {exc.problem or exc.context} "
                       "(check the indentation, the colon after each key, and that quotes are closed)")
        return None
    except yaml.YAMLError as exc:
        problems.error(path, first_line, f"this is not valid YAML: {exc}")
        return None
    finally:
        loader.dispose()
    return Document(path, data, lines, text)


def _walk(node, key: Key, lines: dict, seen: set, path: str, problems: Problems, first: int) -> bool:
    """Record the line of every value; refuse aliases (they allow 'billion laughs' bombs)."""
    if id(node) in seen:
        problems.error(path, node.start_mark.line + first,
                       "YAML anchors and aliases (& and *) are not allowed in content; write the value out")
        return False
    seen.add(id(node))
    lines[key] = node.start_mark.line + first
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
    # Measure files that exist but could not be read (already reported): their notes must not
    # be reported as "unknown measure" as well, since one mistake should give one error.
    unreadable_measures: tuple[str, ...] = ()


def read_content(root: Path, problems: Problems) -> RawContent:
    def required(name: str) -> Document | None:
        path = root / name
        if not path.is_file():
            problems.error(display_path(path), 1, f"missing file: every content folder needs {name}")
            return None
        return load_yaml_file(path, problems)

    def files(folder: str, pattern: str) -> list[Path]:
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
    return RawContent(display_path(root), required("site.yaml"), required("sections.yaml"),
                      required("institutions.yaml"), tuple(measures), tuple(notes), tuple(pages),
                      tuple(unreadable))


def _measure_file(path: Path, problems: Problems) -> Document | None:
    if path.name.startswith(".") or path.is_dir():
        return None
    if path.suffix not in (".yaml", ".yml"):
        problems.error(display_path(path), 1, "a measure file must end in '.yaml' (for example '1.1.yaml')")
        return None
    return load_yaml_file(path, problems)


def _markdown(path: Path, problems: Problems) -> MarkdownFile | None:
    if path.name.startswith(".") or path.is_dir():
        return None
    return load_markdown_file(path, problems)
