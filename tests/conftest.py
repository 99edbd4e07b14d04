"""Shared fixtures: sites built once per test session, and helpers to read them as a reader would."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from napsite.build import build
from napsite.writer import write_site

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SUB_PATH_URL = "https://example.org/nap/"


def build_into(content: Path, output: Path, base_url: str | None = None) -> Path:
    result = build(content, base_url)
    assert result.ok, "\n".join(map(str, result.problems.errors))
    write_site(result.files, output)
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
