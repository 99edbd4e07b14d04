"""The command line's build cache (.napsite-cache/): a cached build is byte for byte the build
`--no-cache` makes, after every kind of edit an editor or a developer makes, with the same
problems reported at the same path:line.

Each test works on a private copy of the program (build.py, napsite/, templates/, i18n/,
static/) with the mini fixture as its content, so that templates, catalogs, the stylesheet
and the program itself can be edited without touching the project."""
from __future__ import annotations

import base64
import json
import marshal
import os
import pickle
import time
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MINI = Path(__file__).resolve().parent / "fixtures" / "mini"


@pytest.fixture
def project(tmp_path) -> Path:
    copy = tmp_path / "project"
    copy.mkdir()
    shutil.copy2(ROOT / "build.py", copy / "build.py")
    for folder in ("napsite", "templates", "i18n", "static"):
        shutil.copytree(ROOT / folder, copy / folder, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    shutil.copytree(MINI, copy / "content")
    return copy


def run(project: Path, output: str, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "build.py", "--output", output, *extra], cwd=project,
                          capture_output=True, text=True, timeout=120)


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def problems(result: subprocess.CompletedProcess) -> list[str]:
    """What the build reported, without the line that says how long it took."""
    return [line for line in result.stderr.splitlines() if not line.startswith("built ")]


def cached_equals_clean(project: Path) -> tuple[dict, subprocess.CompletedProcess]:
    """Build with the cache and without it; both must succeed and agree byte for byte."""
    cached = run(project, "cached")
    clean = run(project, "clean", "--no-cache")
    assert cached.returncode == clean.returncode == 0, cached.stderr + clean.stderr
    assert problems(cached) == problems(clean)
    built = files(project / "cached")
    assert built == files(project / "clean")
    return built, cached


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), "utf-8")


NOTE = "content/progress/2017-06-01-1-1-substantial.en.md"
EDITS = {
    "note body": (NOTE, "Much was done.", "Much more was done."),
    "note title": (NOTE, 'title: "Substantial"', 'title: "Mostly done"'),
    "note status": [(NOTE, "status: substantial", "status: completed"),
                    (NOTE.replace(".en.", ".az."), "status: substantial", "status: completed")],
    "measure": ("content/measures/1.2.yaml", "Göstərici", "Yeni göstərici"),
    "institution": ("content/institutions.yaml", "Ministry of Tea", "Ministry of Black Tea"),
    "section": ("content/sections.yaml", "First section", "The first section"),
    "site.yaml": ("content/site.yaml", "Small test plan", "A small test plan"),
    "page": ("content/pages/about.en.md", "This is a test site.", "This is a small test site."),
    "searches.yaml": ("content/searches.yaml", "[OGP, GRECO, Turan]", "[OGP, GRECO, Turan, APA]"),
    "template": ("templates/base.html", "<footer class=\"bottom\">", "<footer class=\"bottom\" data-edited>"),
    "catalog": ("i18n/az/LC_MESSAGES/messages.po", 'msgstr "İcra qrafiki"', 'msgstr "İcra təqvimi"'),
    "stylesheet": ("static/style.css", "--bg: #ffffff;", "--bg: #fffffe;"),
    # the program itself: feed ids are made here, so every feed changes
    "generator version": ("napsite/feeds.py", 'ID_AUTHORITY = "tag:open-government-az,2016"',
                          'ID_AUTHORITY = "tag:open-government-az,2016-b"'),
}


@pytest.mark.parametrize("kind", sorted(EDITS))
def test_a_cached_build_after_an_edit_is_the_clean_build(project, kind):
    before, first = cached_equals_clean(project)  # the first run fills the cache
    assert (project / ".napsite-cache" / "pages.json").is_file()
    for path, old, new in EDITS[kind] if isinstance(EDITS[kind], list) else [EDITS[kind]]:
        edit(project / path, old, new)
    after, _ = cached_equals_clean(project)
    changed = {name for name in after if before.get(name) != after[name]}
    assert changed, f"the {kind} edit changed no output file"


def stored_pages(project: Path) -> dict:
    """pages.json: plain JSON, each entry [digest of its key, base64 of its bytes, MAC]."""
    return json.loads((project / ".napsite-cache" / "pages.json").read_bytes())


def test_the_cache_is_used_and_invalidated_only_as_needed(project):
    """A rebuild with nothing changed takes every page from the cache; a template edit makes
    none of them reusable; a content edit leaves the other measures' pages alone."""
    run(project, "cached")
    saved = stored_pages(project)
    page = "en/measures/1-5/"  # kept by address, as the preview server's cache
    assert saved["entries"][page][1] == base64.b64encode((project / "cached" / page / "index.html").read_bytes()).decode()
    edit(project / NOTE, "Much was done.", "Much more was done.")
    run(project, "cached")
    again = stored_pages(project)
    assert again["entries"][page] == saved["entries"][page]  # measure 1.5 does not show the note
    assert again["entries"]["en/measures/1-1/"] != saved["entries"]["en/measures/1-1/"]
    edit(project / "templates/base.html", "<footer class=\"bottom\">", "<footer class=\"bottom\" data-x>")
    run(project, "cached")
    third = stored_pages(project)
    assert third["header"]["presentation"] != again["header"]["presentation"]
    assert b"data-x" in base64.b64decode(third["entries"][page][1])


def test_errors_are_the_same_with_the_cache_and_the_last_output_stays(project):
    cached_equals_clean(project)
    before = files(project / "cached")
    edit(project / NOTE, "status: substantial", "status: finished")
    cached = run(project, "cached")
    clean = run(project, "clean", "--no-cache")
    assert cached.returncode == clean.returncode == 1
    assert cached.stderr == clean.stderr
    assert f"{NOTE}:5: 'status': 'finished' is not allowed" in cached.stderr
    assert files(project / "cached") == before


def test_a_damaged_or_foreign_cache_is_ignored(project):
    cached_equals_clean(project)
    for name in ("results.json", "pages.json"):
        (project / ".napsite-cache" / name).write_bytes(b"not JSON")
    cached_equals_clean(project)
    (project / ".napsite-cache" / "pages.json").write_text(json.dumps({"format": 2, "header": {"generator": "x"}}))
    cached_equals_clean(project)
    shutil.rmtree(project / ".napsite-cache")  # safe to delete at any time
    cached_equals_clean(project)


def test_no_cache_neither_reads_nor_writes_it_and_check_writes_nothing(project):
    run(project, "clean", "--no-cache")
    assert not (project / ".napsite-cache").exists()
    subprocess.run([sys.executable, "build.py", "check"], cwd=project, capture_output=True, timeout=120)
    assert not (project / ".napsite-cache").exists()


def test_output_may_not_be_the_cache_folder(project):
    result = run(project, ".napsite-cache")
    assert result.returncode == 2
    assert "the build cache" in result.stderr


class _Payload:
    """Unpickling this writes a file: the file must never appear."""

    def __init__(self, target: Path) -> None:
        self.target = str(target)

    def __reduce__(self):
        return (Path.write_text, (Path(self.target), "CODE RAN"))


CACHE_FILES = ("results.json", "pages.json", "content.pickle", "pages.pickle")  # this format's and the pickled one's


@pytest.mark.parametrize("committed", [False, True])
def test_a_planted_payload_in_the_cache_is_never_run(project, tmp_path, committed):
    """Pickled and marshalled payloads, and JSON entries with made-up MACs, in every place a cache
    file has ever been kept: none is run, and the build is the clean one."""
    reference = run(project, "out-ref", "--no-cache")
    assert reference.returncode == 0, reference.stderr
    folder = project / ".napsite-cache"
    folder.mkdir(exist_ok=True)
    marker = tmp_path / "PWNED"
    pickled = pickle.dumps({"generator": "x", "p": _Payload(marker)})
    code = compile(f"open({str(marker)!r}, 'w').write('CODE RAN')", "<payload>", "exec")
    forged = json.dumps({"format": 2, "header": {"generator": "x"}, "mac": "0" * 64,
                         "entries": {"en/index.html": ["00", base64.b64encode(b"forged").decode(), "0" * 64]}})
    for name, blob in zip(CACHE_FILES, (pickled, b"\0" * 32 + pickled, marshal.dumps(code), forged.encode())):
        (folder / name).write_bytes(blob)  # with and without 32 leading bytes where format 1 kept its MAC
    (folder / "templates.marshal").write_bytes(marshal.dumps({("base.html", "x"): code}))
    if committed:
        subprocess.run(["git", "init", "-q"], cwd=project, check=True)
        subprocess.run(["git", "add", "-f", ".napsite-cache"], cwd=project, check=True)
    for cmd in (["check"], []):
        result = subprocess.run([sys.executable, "build.py", *cmd, *([] if cmd else ["--output", "out-test"])],
                                cwd=project, capture_output=True, text=True, timeout=120,
                                env={**os.environ, "PYTHONPATH": str(Path(__file__).parent)})
        assert result.returncode == 0, result.stderr
        assert not marker.exists()
        if committed:
            assert sum("git tracks files in the build cache" in line
                       for line in result.stderr.splitlines()) == 1
    assert files(project / "out-test") == files(project / "out-ref")


def test_the_cache_holds_data_only():
    """Nothing in the cache module can turn a file into code or objects: no pickle or marshal
    loading, only JSON (the pickles of _Digests are hashed and thrown away)."""
    source = (ROOT / "napsite" / "cache.py").read_text("utf-8")
    for call in ("pickle.load", "marshal.load", "Unpickler", "shelve", "eval(", "exec("):
        assert call not in source, call


def test_any_flipped_byte_in_the_cache_gives_the_clean_build(project):
    assert run(project, "out-ref", "--no-cache").returncode == 0
    assert run(project, "out-warm").returncode == 0
    folder = project / ".napsite-cache"
    paths = sorted(folder.glob("*.json"))
    assert [p.name for p in paths] == ["pages.json", "results.json"]
    for path in paths:
        original = path.read_bytes()
        for i in (0, len(original) // 4, len(original) // 2, 3 * len(original) // 4, len(original) - 3):
            damaged = bytearray(original)
            damaged[i] ^= 0x01
            path.write_bytes(bytes(damaged))
            result = run(project, "out-test")
            assert result.returncode == 0, result.stderr
            assert files(project / "out-test") == files(project / "out-ref"), (path.name, i)
            path.write_bytes(original)


def test_a_changed_entry_is_a_miss_and_the_others_are_still_used(project):
    """Each entry's MAC covers its key and its bytes: an entry given another page's bytes (a
    valid file otherwise) is rendered again, the rest of the cache still serves."""
    assert run(project, "out-ref", "--no-cache").returncode == 0
    assert run(project, "out-warm").returncode == 0
    saved = stored_pages(project)
    entries = saved["entries"]
    entries["en/measures/1-5/"][1] = entries["en/measures/1-1/"][1]  # the bytes of another page
    (project / ".napsite-cache" / "pages.json").write_text(json.dumps(saved))
    assert run(project, "out-test").returncode == 0
    assert files(project / "out-test") == files(project / "out-ref")
    again = stored_pages(project)
    assert again["entries"]["en/measures/1-1/"] == entries["en/measures/1-1/"]


def test_leftover_temporary_files_of_a_killed_build_are_removed(project):
    """A build killed while it saves leaves `.pages.json-…`; the next build that saves removes
    such files once they are a minute old (a younger one may be another build's, being written)."""
    folder = project / ".napsite-cache"
    folder.mkdir()
    old, young = folder / ".pages.json-abc123", folder / ".results.json-def456"
    old_format = folder / ".pages.pickle-ghi789"
    for path in (old, young, old_format):
        path.write_bytes(b"partial")
    hour_ago = time.time() - 3600
    for path in (old, old_format):
        os.utime(path, (hour_ago, hour_ago))
    mine = folder / "notes.txt"  # not a file the cache writes: left alone
    mine.write_text("mine")
    os.utime(mine, (hour_ago, hour_ago))
    assert run(project, "out").returncode == 0
    assert not old.exists() and not old_format.exists()
    assert young.exists() and mine.read_text() == "mine"


def _clean_build_with(project: Path, prepare) -> None:
    """Whatever `prepare` puts in the cache folder, the build ends well and equals a clean one."""
    assert run(project, "out-ref", "--no-cache").returncode == 0
    prepare(project / ".napsite-cache")
    result = run(project, "out-test")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert files(project / "out-test") == files(project / "out-ref")


def test_cache_files_of_the_wrong_kind_are_no_cache(project, tmp_path):
    """Deep JSON, a FIFO, a link to /dev/zero, a file far larger than any cache: a miss each, in time."""
    def prepare(folder: Path) -> None:
        folder.mkdir(exist_ok=True)
        (folder / "results.json").write_text("[" * 100_000 + "]" * 100_000)
        os.mkfifo(folder / "pages.json")
    _clean_build_with(project, prepare)
    shutil.rmtree(project / ".napsite-cache")

    def prepare_big(folder: Path) -> None:
        folder.mkdir(exist_ok=True)
        (folder / "results.json").symlink_to("/dev/zero")
        with (folder / "pages.json").open("wb") as f:
            f.truncate(600 * 2**20)  # sparse: costs no disk
    _clean_build_with(project, prepare_big)


def test_a_cache_folder_that_is_a_link_is_never_followed(project, tmp_path):
    """A .napsite-cache pointing into the content folder would have filled it with cache files."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (project / ".napsite-cache").symlink_to(elsewhere)
    result = run(project, "out")
    assert result.returncode == 0
    assert "is a symbolic link" in result.stderr
    assert list(elsewhere.iterdir()) == []


def test_without_a_private_place_for_the_key_the_build_goes_on_without_the_cache(project, tmp_path):
    env = {**os.environ, "HOME": str(tmp_path / "no" / "home"), "XDG_CACHE_HOME": ""}
    result = subprocess.run([sys.executable, "build.py", "--output", "out"], cwd=project, capture_output=True,
                            text=True, timeout=120, env=env)
    assert result.returncode == 0, result.stderr
    assert "no private place for the cache's key" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "no").exists()  # nothing made above the home folder
    env["XDG_CACHE_HOME"] = str(tmp_path / "a-file")
    (tmp_path / "a-file").write_text("not a folder")
    result = subprocess.run([sys.executable, "build.py", "check"], cwd=project, capture_output=True, text=True,
                            timeout=120, env=env)
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
