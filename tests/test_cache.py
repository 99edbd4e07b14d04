"""The command line's build cache (.napsite-cache/): a cached build is byte for byte the build
`--no-cache` makes, after every kind of edit an editor or a developer makes, with the same
problems reported at the same path:line.

Each test works on a private copy of the program (build.py, napsite/, templates/, i18n/,
static/) with the mini fixture as its content, so that templates, catalogs, the stylesheet
and the program itself can be edited without touching the project."""
from __future__ import annotations

import pickle
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
    "catalog": ("i18n/az/LC_MESSAGES/messages.po", 'msgstr "Zaman xətti"', 'msgstr "Zaman cədvəli"'),
    "stylesheet": ("static/style.css", "--bg: #ffffff;", "--bg: #fffffe;"),
    # the program itself: feed ids are made here, so every feed changes
    "generator version": ("napsite/feeds.py", 'ID_AUTHORITY = "tag:open-government-az,2016"',
                          'ID_AUTHORITY = "tag:open-government-az,2016-b"'),
}


@pytest.mark.parametrize("kind", sorted(EDITS))
def test_a_cached_build_after_an_edit_is_the_clean_build(project, kind):
    before, first = cached_equals_clean(project)  # the first run fills the cache
    assert (project / ".napsite-cache" / "pages.pickle").is_file()
    for path, old, new in EDITS[kind] if isinstance(EDITS[kind], list) else [EDITS[kind]]:
        edit(project / path, old, new)
    after, _ = cached_equals_clean(project)
    changed = {name for name in after if before.get(name) != after[name]}
    assert changed, f"the {kind} edit changed no output file"


def test_the_cache_is_used_and_invalidated_only_as_needed(project):
    """A rebuild with nothing changed takes every page from the cache; a template edit makes
    none of them reusable; a content edit leaves the other measures' pages alone."""
    run(project, "cached")
    saved = pickle.loads((project / ".napsite-cache" / "pages.pickle").read_bytes()[32:])  # after its 32-byte MAC
    page = "en/measures/1-5/"  # kept by address, as the preview server's cache
    assert saved["pages"][page][1] == (project / "cached" / page / "index.html").read_bytes()
    edit(project / NOTE, "Much was done.", "Much more was done.")
    run(project, "cached")
    again = pickle.loads((project / ".napsite-cache" / "pages.pickle").read_bytes()[32:])  # after its 32-byte MAC
    assert again["pages"][page] == saved["pages"][page]  # measure 1.5 does not show the note
    assert again["pages"]["en/measures/1-1/"] != saved["pages"]["en/measures/1-1/"]
    edit(project / "templates/base.html", "<footer class=\"bottom\">", "<footer class=\"bottom\" data-x>")
    run(project, "cached")
    third = pickle.loads((project / ".napsite-cache" / "pages.pickle").read_bytes()[32:])  # after its 32-byte MAC
    assert third["presentation"] != again["presentation"]
    assert b"data-x" in third["pages"][page][1]


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
    for name in ("content.pickle", "pages.pickle"):
        (project / ".napsite-cache" / name).write_bytes(b"not a pickle")
    cached_equals_clean(project)
    (project / ".napsite-cache" / "pages.pickle").write_bytes(pickle.dumps({"generator": "someone else"}))
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


@pytest.mark.parametrize("committed", [False, True])
def test_a_planted_pickle_in_the_cache_is_never_loaded(project, tmp_path, committed):
    reference = run(project, "out-ref", "--no-cache")
    assert reference.returncode == 0, reference.stderr
    folder = project / ".napsite-cache"
    folder.mkdir(exist_ok=True)
    marker = tmp_path / "PWNED"
    for name in ("content.pickle", "pages.pickle"):
        # with and without 32 leading bytes where the MAC would be
        (folder / name).write_bytes(b"\0" * 32 + pickle.dumps({"generator": "x", "p": _Payload(marker)}))
    if committed:
        subprocess.run(["git", "init", "-q"], cwd=project, check=True)
        subprocess.run(["git", "add", "-f", ".napsite-cache"], cwd=project, check=True)
    for cmd in (["check"], []):
        result = subprocess.run([sys.executable, "build.py", *cmd, *([] if cmd else ["--output", "out-test"])],
                                cwd=project, capture_output=True, text=True, timeout=120,
                                env={**__import__("os").environ, "PYTHONPATH": str(Path(__file__).parent)})
        assert result.returncode == 0, result.stderr
        assert not marker.exists()
        if committed:
            assert sum("git tracks files in the build cache" in line
                       for line in result.stderr.splitlines()) == 1
    assert files(project / "out-test") == files(project / "out-ref")


def test_any_flipped_byte_in_the_cache_gives_the_clean_build(project):
    assert run(project, "out-ref", "--no-cache").returncode == 0
    assert run(project, "out-warm").returncode == 0
    folder = project / ".napsite-cache"
    for path in sorted(folder.glob("*.pickle")):
        original = path.read_bytes()
        for i in (0, 31, 32, len(original) // 2, len(original) - 1):
            damaged = bytearray(original)
            damaged[i] ^= 0x01
            path.write_bytes(bytes(damaged))
            result = run(project, "out-test")
            assert result.returncode == 0, result.stderr
            assert files(project / "out-test") == files(project / "out-ref"), (path.name, i)
            path.write_bytes(original)
