"""The fast paths of the build give exactly what the slow ones gave: links, display paths, the
schema pre-check, rendering in several processes. (How fast they are is measured in bench/, not
asserted here.)"""
from __future__ import annotations

import os
import posixpath
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from napsite import render, schema
from napsite.build import build
from napsite.loaders import Document, display_path
from napsite.urls import relative

MINI = Path(__file__).resolve().parent / "fixtures" / "mini"


def relpath_link(from_path: str, to_path: str) -> str:
    """What urls.relative computed before it counted folders (posixpath.relpath)."""
    to_path, _, fragment = to_path.partition("#")
    from_dir = from_path if from_path.endswith("/") else posixpath.dirname(from_path)
    rel = posixpath.relpath(to_path or ".", from_dir or ".")
    if to_path.endswith("/") or to_path == "":
        rel = "./" if rel == "." else rel + "/"
    return rel + (f"#{fragment}" if fragment else "")


segment = st.sampled_from(["en", "az", "measures", "1-1", "1-10", "sections", "static", "style.css", "feed.xml",
                           "index.html", "data", "m"])
site_path = st.builds(lambda parts, slash: "/".join(parts) + ("/" if slash and parts else ""),
                      st.lists(segment, max_size=4), st.booleans())


@given(site_path, site_path, st.sampled_from(["", "#n-1", "#top"]))
@settings(max_examples=500, deadline=None)
def test_relative_links_are_those_relpath_made(source, target, fragment):
    assert relative.__wrapped__(source, target + fragment) == relpath_link(source, target + fragment)


def test_relative_link_examples():
    assert relative("en/measures/1-1/", "en/measures/1-2/") == "../1-2/"
    assert relative("en/measures/1-1/", "static/style.css") == "../../../static/style.css"
    assert relative("404.html", "en/") == "en/"
    assert relative("en/", "en/#latest") == "./#latest"


@pytest.mark.parametrize("path", ["content/progress/a.md", "content", "./content/x", "../x/y", "a//b", "a/./b",
                                  "a/b/", ".", "..", "/", "/tmp/x/y.md", str(Path.cwd()), str(Path.cwd() / "c"),
                                  str(Path.cwd().parent)])
def test_display_paths_are_those_relpath_made(path):
    assert display_path(Path(path) if path not in ("a/b/", "a//b", "./content/x") else path) == \
        os.path.relpath(path)


yaml_value = st.recursive(
    st.none() | st.booleans() | st.integers(-3, 3) | st.floats(allow_nan=False, width=16)
    | st.sampled_from(["", "1.1", "1.1\n", "2017", "2017-05", "x", "government", "completed", "https://a.b/c",
                       "https://", "az"]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
        st.sampled_from(["id", "measure", "date", "reported_by", "status", "assessed_by", "title", "sources",
                         "az", "en", "aliases", "section", "period", "name", "kind", "other"]), inner, max_size=5),
    max_leaves=12)


@given(st.sampled_from(schema.NAMES), yaml_value)
@settings(max_examples=1500, deadline=None)
def test_the_schema_pre_check_is_never_more_lenient_than_jsonschema(name, value):
    if schema._surely_valid(schema._schema(name), value, schema._schema(name)):
        assert not list(schema._validator(name).iter_errors(value))


def test_the_pre_check_passes_the_real_content():
    from napsite.loaders import read_content
    from napsite.problems import Problems

    raw = read_content(Path(__file__).resolve().parent.parent / "content", Problems())
    docs = [(raw.site, "site"), (raw.sections, "sections"), (raw.institutions, "institutions")]
    docs += [(d, "measure") for d in raw.measures] + [(n.meta, "note") for n in raw.notes]
    for doc, name in docs:
        assert isinstance(doc, Document)
        assert schema._surely_valid(schema._schema(name), doc.data, schema._schema(name)), doc.path


@pytest.fixture
def parallel(monkeypatch):
    """Rendering in processes from the first page on (the CLI does so only for large sites)."""
    monkeypatch.setattr(render, "PARALLEL_MIN", 2)


def test_pages_rendered_in_several_processes_are_the_same_bytes(parallel, monkeypatch):
    made = []
    in_parallel = render._in_parallel
    monkeypatch.setattr(render, "_in_parallel", lambda *args: made.append(in_parallel(*args)) or made[-1])
    one = build(MINI, workers=1)
    two = build(MINI, workers=2)
    assert one.ok and two.ok
    assert made and made[0] is not None  # the processes did render them
    assert two.files == one.files


def test_a_template_error_in_several_processes_is_reported_as_in_one(parallel, tmp_path):
    import shutil

    templates = tmp_path / "templates"
    shutil.copytree(render.TEMPLATES, templates)
    page = templates / "measure.html"
    page.write_text(page.read_text("utf-8").replace("id=measure.id)", "id=measure.no_such_field)", 1), "utf-8")
    render.reset()
    try:
        one = build(MINI, templates=templates, workers=1)
        two = build(MINI, templates=templates, workers=2)
    finally:
        render.reset()
    assert not one.ok and not two.ok
    assert [str(p) for p in two.problems.errors] == [str(p) for p in one.problems.errors]
    assert one.problems.errors[0].path == "templates/measure.html"


def test_the_pagefind_client_reads_an_answer_of_any_size():
    """The pagefind package's own reader stops at 2 MiB, and an index of 2,000 measures is a 23 MB
    answer: with it the build waited for ever. Our client reads until the closing comma."""
    import base64
    import io
    import json

    from napsite.search import _Service

    content = "A" * 5_000_000
    answer = {"message_id": 1, "payload": {"type": "GetFiles", "files": [{"path": "x", "content": content}]}}

    class Process:
        stdin = io.BytesIO()
        stdout = io.BufferedReader(io.BytesIO(base64.b64encode(json.dumps(answer).encode()) + b","))

    service = _Service.__new__(_Service)
    service.process, service.last_id, service.pending = Process(), 0, b""
    assert service.send({"type": "GetFiles", "index_id": 0})["files"][0]["content"] == content
    sent = Process.stdin.getvalue()
    assert sent.endswith(b",") and json.loads(base64.b64decode(sent[:-1]))["payload"]["type"] == "GetFiles"
