"""Shared fixtures: sites built once per test session, and helpers to read them as a reader would."""
from __future__ import annotations

import functools
import http.server
import shutil
import subprocess
import threading
from contextlib import contextmanager
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from napsite import search
from napsite.build import build
from napsite.writer import write_site

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SUB_PATH_URL = "https://example.org/nap/"


def build_into(content: Path, output: Path, base_url: str | None = None, with_search: bool = False) -> Path:
    result = build(content, base_url)
    assert result.ok, "\n".join(map(str, result.problems.errors))
    files = {**result.files, **search.index(result.files)} if with_search else result.files
    write_site(files, output)
    return output


def run_cli(*args: str, cwd: Path = ROOT, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "build.py"), *args], cwd=cwd, capture_output=True,
                          text=True, timeout=120, env=env)


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text("utf-8"), "html.parser")


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory) -> Path:
    """The real content, built under a sub-path so that every link is tested where it is hardest."""
    return build_into(CONTENT, tmp_path_factory.mktemp("real") / "output", SUB_PATH_URL)


@pytest.fixture(scope="session")
def searchable_dir(tmp_path_factory) -> Path:
    """The real content with its Pagefind index, as `python build.py` writes it."""
    return build_into(CONTENT, tmp_path_factory.mktemp("search") / "output", "http://127.0.0.1/", with_search=True)


@contextmanager
def serving(root: Path, headers: dict | None = None):
    """A local web server over `root` on a free port, sending `headers` too; yields its address."""
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def end_headers(self):
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            super().end_headers()

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(root)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()


@pytest.fixture(scope="session")
def real_model():
    result = build(CONTENT)
    assert result.ok
    return result.site


@pytest.fixture(scope="session")
def mini_dir(tmp_path_factory) -> Path:
    return build_into(FIXTURES / "mini", tmp_path_factory.mktemp("mini") / "output", "https://mini.example/")


@pytest.fixture
def content_copy(tmp_path) -> Path:
    """A private copy of the real content, for tests that break it on purpose."""
    target = tmp_path / "content"
    shutil.copytree(CONTENT, target)
    return target


class Built:
    """A build held in memory, read as a reader would: no disk, so a variant costs ~50 ms."""

    def __init__(self, result):
        assert result.ok, "\n".join(map(str, result.problems.errors))
        self.files: dict[str, bytes] = result.files
        self.site = result.site
        self.problems = result.problems

    def text(self, path: str) -> str:
        return self.files[path + "index.html" if path.endswith("/") or path == "" else path].decode("utf-8")

    def html(self, path: str) -> BeautifulSoup:
        return BeautifulSoup(self.text(path), "html.parser")

    def pages(self, lang: str | None = None) -> list[str]:
        """Site paths of every HTML page ("en/measures/1-1/"), optionally of one language."""
        found = [p.removesuffix("index.html") for p in self.files if p.endswith(".html")]
        return sorted(p for p in found if lang is None or p.startswith(lang + "/"))


def variant(tmp_path: Path, edits=(), base: Path = FIXTURES / "mini", base_url: str | None = None) -> Built:
    """A copy of a fixture with `edits` applied, built in memory. An edit is (file, old, new): `old`
    must occur (else the fixture drifted), or is None to write `new` as the whole file."""
    content = tmp_path / f"content-{len(list(tmp_path.glob('content-*')))}"
    shutil.copytree(base, content)
    for path, old, new in edits:
        f = content / path
        if old is None:
            f.parent.mkdir(parents=True, exist_ok=True)
            f.write_text(new, "utf-8")
            continue
        text = f.read_text("utf-8")
        assert old in text, f"fixture drift: {old!r} not in {path}"
        f.write_text(text.replace(old, new, 1), "utf-8")
    return Built(build(content, base_url))


@pytest.fixture(scope="session")
def mini() -> Built:
    """The mini fixture built in memory (the same site as mini_dir, without the disk)."""
    return Built(build(FIXTURES / "mini", "https://mini.example/"))
