"""The build as CI and editors meet it: deterministic, atomic, catalogs complete, server live."""
from __future__ import annotations

import hashlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from babel.messages.pofile import read_po

from conftest import CONTENT, ROOT, build_into, run_cli
from napsite.i18n import az_lower, az_upper, sort_key


def digest(folder: Path) -> dict:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_same_content_builds_byte_identical_output(tmp_path):
    a = build_into(CONTENT, tmp_path / "a")
    b = build_into(CONTENT, tmp_path / "b")
    assert digest(a) == digest(b)


def test_a_successful_build_replaces_the_output_whole(tmp_path, content_copy):
    out = tmp_path / "output"
    (content_copy / "pages/extra.en.md").write_text("---\ntitle: Extra\n---\nSoon gone.\n", "utf-8")
    assert run_cli("--content", str(content_copy), "--output", str(out)).returncode == 0
    assert (out / "en/extra/index.html").is_file()
    (content_copy / "pages/extra.en.md").unlink()
    assert run_cli("--content", str(content_copy), "--output", str(out)).returncode == 0
    assert not (out / "en/extra/index.html").exists(), "a page of an earlier build is not left behind"
    assert (out / "az/index.html").is_file()
    assert [p.name for p in tmp_path.glob(".output-*")] == [".output-lock"], "no staging folder left behind"


def test_every_ui_string_is_translated_into_azerbaijani():
    with open(ROOT / "i18n/az/LC_MESSAGES/messages.po", "rb") as f:
        catalog = read_po(f)
    with open(ROOT / "i18n/messages.pot", "rb") as f:
        template = read_po(f)
    missing = [m.id for m in template if m.id and (m.id not in catalog or not all(
        (catalog[m.id].string,) if isinstance(catalog[m.id].string, str) else catalog[m.id].string))]
    assert missing == []
    assert not [m.id for m in catalog if m.id and m.fuzzy]


def test_catalog_template_is_up_to_date(tmp_path):
    """Every string in the templates and code is in messages.pot (re-run pybabel extract if not)."""
    out = tmp_path / "messages.pot"
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", "extract", "-F", "babel.cfg", "-k", "N_",
                    "--no-location", "--sort-output", "--omit-header", "-o", str(out), "."],
                   cwd=ROOT, check=True, capture_output=True)
    with open(out, "rb") as f:
        fresh = {m.id for m in read_po(f) if m.id}
    with open(ROOT / "i18n/messages.pot", "rb") as f:
        kept = {m.id for m in read_po(f) if m.id}
    assert fresh == kept


def test_azerbaijani_casing_and_order():
    assert az_lower("İSTİQLAL") == "istiqlal" and az_lower("IŞIQ") == "ışıq"
    assert az_upper("işıq") == "İŞIQ"
    words = ["qaz", "kənd", "ılıq", "ilk", "xalq", "hava", "əmək", "elm", "çay", "cəm"]
    assert sorted(words, key=lambda w: sort_key(w, "az")) == ["cəm", "çay", "elm", "əmək", "hava", "xalq",
                                                               "ılıq", "ilk", "kənd", "qaz"]


def test_new_note_writes_a_pair_that_builds(tmp_path):
    import shutil

    content = tmp_path / "content"
    shutil.copytree(ROOT / "tests/fixtures/mini", content)
    result = run_cli("new-note", "1.2", "--date", "2018-03-01", "--slug", "Mobile app", "--content", str(content))
    assert result.returncode == 0, result.stderr
    made = sorted((content / "progress").glob("2018-03-01-*"))
    assert [p.name for p in made] == ["2018-03-01-1-2-mobile-app.az.md", "2018-03-01-1-2-mobile-app.en.md"]
    untouched = run_cli("check", "--content", str(content))
    assert untouched.returncode == 1, "the example text must never reach readers"
    # what kind of source the note reports has no default
    assert "2018-03-01-1-2-mobile-app.en.md:4: 'reported_by': 'None' is not allowed" in untouched.stderr
    # nor has its publisher's name
    assert "2018-03-01-1-2-mobile-app.en.md:5: 'publisher': the name of the body that published" in untouched.stderr
    for note in made:
        text = note.read_text("utf-8").replace("reported_by: ", "reported_by: independent ")
        note.write_text(text.replace("publisher: ", 'publisher: "Transparency Azerbaijan" ', 1), "utf-8")
    untouched = run_cli("check", "--content", str(content))
    assert untouched.returncode == 1, "the example text must never reach readers"
    assert "2018-03-01-1-2-mobile-app.en.md:6: the note still has the example text" in untouched.stderr
    from napsite.notes import BODIES, TITLES

    for note, lang in zip(made, ["az", "en"]):  # what an editor does next
        text = note.read_text("utf-8").replace(TITLES[lang], "Mobile app").replace(BODIES[lang], "A fact.")
        note.write_text(text.replace("#  - https://…", "  - https://example.org/evidence"), "utf-8")
    assert run_cli("check", "--content", str(content)).returncode == 0
    month = run_cli("new-note", "1.2", "--date", "2018-01", "--slug", "survey", "--content", str(content))
    assert month.returncode == 0 and (content / "progress/2018-01-00-1-2-survey.en.md").is_file()
    assert "date: 2018-01\n" in (content / "progress/2018-01-00-1-2-survey.en.md").read_text("utf-8")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as r:
        return r.read().decode("utf-8")


def test_preview_server_rebuilds_on_edit_and_shows_errors(tmp_path):
    import shutil

    content = tmp_path / "content"
    shutil.copytree(ROOT / "tests/fixtures/mini", content)
    port = _free_port()
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    proc = subprocess.Popen([sys.executable, str(ROOT / "build.py"), "--content", str(content),
                             "serve", "--port", str(port)], cwd=tmp_path,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        url = f"http://127.0.0.1:{port}/en/measures/1-1/"

        def wait_for(text: str) -> str:
            deadline = time.time() + 30
            while time.time() < deadline:
                try:
                    page = _get(url)
                    if text in page:
                        return page
                except OSError:
                    pass
                time.sleep(0.2)
            raise AssertionError(f"{text!r} never appeared")

        page = wait_for("First measure")
        assert "livereload" in page  # injected while serving
        assert f"http://127.0.0.1:{port}/en/measures/1-1/" in page  # the preview's own address …
        measure = content / "measures/1.1.yaml"
        measure.write_text(measure.read_text().replace("First measure", "Renamed measure"))
        wait_for("Renamed measure")
        measure.write_text(measure.read_text().replace("[ministry-c,", "[ministry-cc,"))
        errors = wait_for("The content has 1 error")
        assert "measures/1.1.yaml:9: unknown institution" in errors
        measure.write_text(measure.read_text().replace("[ministry-cc,", "[ministry-c,"))
        wait_for("Renamed measure")
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    # … is never written anywhere: the preview lives in memory, so output/ only ever holds
    # what build.py made for publishing, and the server cannot delete a file.
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before


def _edits():
    note = "progress/2017-06-30-8-5-mp-ethics-law-adopted"
    return {
        "note body": [(f"{note}.en.md", "Law No. 766-VQ", "Law No. 766-VQ (edited)")],
        "note status": [(f"{note}.{lang}.md", "status: completed", "status: substantial") for lang in ("az", "en")],
        "note title": [(f"{note}.en.md", 'title: "', 'title: "Edited: ')],
        "measure title": [("measures/1.1.yaml", "Improving", "Reworking")],
        "institution name": [("institutions.yaml", "Ministry of Justice of", "The Ministry of Justice of")],
        "section title": [("sections.yaml", "Improving electronic services", "Better electronic services")],
        "about page": [("pages/about.en.md", "## About this site", "## About this website")],
    }


def test_a_cached_rebuild_after_edits_equals_a_full_build(tmp_path):
    """The preview server re-renders only pages whose inputs changed; that must never go stale."""
    import shutil

    from napsite.build import build
    from napsite.render import RenderCache

    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    cache = RenderCache()
    assert build(content, cache=cache).ok
    for name, changes in _edits().items():
        for path, old, new in changes:
            f = content / path
            assert old in f.read_text("utf-8"), name
            f.write_text(f.read_text("utf-8").replace(old, new, 1), "utf-8")
        cached, full = build(content, cache=cache), build(content)
        assert cached.ok, (name, [str(p) for p in cached.problems.errors])
        assert cached.files == full.files, f"stale output after editing the {name}"
