"""The command line, the preview server's WSGI app and the writer, in-process (so coverage sees
them; test_build.py runs them as programs too)."""
from __future__ import annotations

import mimetypes
import re
import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES
from napsite import cli
from napsite.serve import Preview
from napsite.writer import MANIFEST, write_site

MINI = FIXTURES / "mini"


@pytest.fixture
def mini_copy(tmp_path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(MINI, target)
    return target


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


# --- The preview server's WSGI app ------------------------------------------------------------------

class Call:
    def __init__(self, app, path: str):
        self.status, self.headers = None, {}
        self.body = b"".join(app({"PATH_INFO": path, "HTTP_HOST": "127.0.0.1:8000"}, self.start_response))

    def start_response(self, status, headers):
        self.status, self.headers = status, dict(headers)


@pytest.fixture
def preview(tmp_path) -> Preview:
    p = Preview(tmp_path / "content", "http://127.0.0.1:8000/")
    p.files = {"index.html": b"root", "en/timeline/index.html": b"timeline", "404.html": b"<h1>missing</h1>",
               "static/style.1.css": b"css", "en/feed.xml": b"<feed/>", "en/measures/1-1/badge.svg": b"<svg/>",
               "data/measures.json": b"{}", "data/measures.csv": b"id\n", "robots.txt": b"User-agent: *\n",
               "static/font.woff9": b"?"}
    return p


def test_a_folder_without_its_slash_is_redirected_once_to_the_slash(preview):
    call = Call(preview.app, "/en/timeline")
    assert call.status == "301 Moved Permanently"
    assert call.headers["Location"] == "/en/timeline/"
    follow = Call(preview.app, call.headers["Location"])
    assert (follow.status, follow.body) == ("200 OK", b"timeline")


def test_pages_are_served_with_their_length_and_never_cached(preview):
    call = Call(preview.app, "/en/timeline/")
    assert call.headers == {"Content-Type": "text/html; charset=utf-8", "Content-Length": "8",
                            "Cache-Control": "no-store"}
    assert Call(preview.app, "/").body == b"root"
    assert Call(preview.app, "").body == b"root"


@pytest.mark.parametrize("path,kind", [
    ("/static/style.1.css", "text/css; charset=utf-8"),
    ("/en/measures/1-1/badge.svg", "image/svg+xml; charset=utf-8"),
    ("/data/measures.json", "application/json"),
    ("/data/measures.csv", "text/csv; charset=utf-8"),
    ("/robots.txt", "text/plain; charset=utf-8"),
    ("/static/font.woff9", "application/octet-stream"),
])
def test_content_types(preview, path, kind):
    call = Call(preview.app, path)
    assert call.status == "200 OK" and call.headers["Content-Type"] == kind


def test_feeds_are_served_as_xml_in_utf8(preview):
    kind = Call(preview.app, "/en/feed.xml").headers["Content-Type"]
    assert kind == f"{mimetypes.guess_type('feed.xml')[0]}; charset=utf-8"
    assert kind.split(";")[0] in ("application/xml", "text/xml")


def test_an_unknown_address_gets_the_sites_404_page(preview):
    call = Call(preview.app, "/en/nowhere/")
    assert (call.status, call.body) == ("404 Not Found", b"<h1>missing</h1>")
    assert call.headers["Content-Type"] == "text/html; charset=utf-8"
    del preview.files["404.html"]
    assert Call(preview.app, "/x").body == b"not found"


def test_while_the_content_has_errors_every_address_shows_them_escaped(preview):
    preview.errors = ["measures/1.1.yaml:9: unknown institution '<ministry>' & more"]
    call = Call(preview.app, "/en/timeline/")
    page = call.body.decode("utf-8")
    assert call.status == "200 OK"
    assert "<h1>The content has 1 error</h1>" in page
    assert "<code>measures/1.1.yaml:9: unknown institution &#x27;&lt;ministry&gt;&#x27; &amp; more</code>" in page
    preview.errors.append("b.yaml:1: x")
    assert "<h1>The content has 2 errors</h1>" in Call(preview.app, "/anything").body.decode("utf-8")


def test_rebuilds_keep_the_last_good_site_and_recover(mini_copy, capsys):
    preview = Preview(mini_copy, "http://127.0.0.1:8000/")
    preview.rebuild()
    assert not preview.errors and "rebuilt in" in capsys.readouterr().err
    good = dict(preview.files)
    measure = mini_copy / "measures/1.1.yaml"
    measure.write_text(measure.read_text("utf-8").replace("[ministry-c,", "[ministry-cc,"), "utf-8")
    preview.rebuild()
    assert len(preview.errors) == 1 and "measures/1.1.yaml:9: unknown institution 'ministry-cc'" in preview.errors[0]
    assert "showing them in the browser" in capsys.readouterr().err
    assert preview.files == good  # the last good site, ready for when the error is fixed
    measure.write_text(measure.read_text("utf-8").replace("First measure", "Renamed").replace("ministry-cc,",
                                                                                              "ministry-c,"), "utf-8")
    preview.rebuild_all()
    assert not preview.errors
    assert b"Renamed" in Call(preview.app, "/en/measures/1-1/").body
    assert "rebuilt in" in capsys.readouterr().err


def test_the_preview_notices_a_folder_moved_away_and_back_with_its_old_times(mini_copy, tmp_path):
    """livereload's own watcher counted an unseen file only when modified after the server started."""
    import os

    from napsite.serve import _server

    watcher = _server(Preview(mini_copy, "http://127.0.0.1:8000/")).watcher
    runs = []
    watcher.watch(str(mini_copy), lambda: runs.append(1), delay=0.1)
    measures = mini_copy / "measures"
    for f in measures.iterdir():
        os.utime(f, ns=(1_000_000_000, 1_000_000_000))  # files from long before the server started
    watcher.examine()
    runs.clear()
    assert watcher.examine() == (None, None) and runs == []  # nothing changed: no rebuild
    measures.rename(tmp_path / "away")
    assert watcher.examine()[0] and len(runs) == 1
    (tmp_path / "away").rename(measures)
    assert watcher.examine()[0] and len(runs) == 2  # the files came back with their old times
    (mini_copy / ".1.1.yaml.swp").write_text("an editor's swap file")
    assert watcher.examine() == (None, None) and len(runs) == 2


# --- The command line ----------------------------------------------------------------------------

def test_check_reports_no_errors_and_counts_warnings(capsys):
    assert cli.main(["check", "--content", str(MINI)]) == 0
    err = capsys.readouterr().err
    assert err.rstrip().endswith(f"{MINI}: no errors (2 warnings)")
    assert err.count("warning: ") == 2


def test_build_writes_the_site_under_the_base_url_it_is_given(tmp_path, capsys):
    out = tmp_path / "site"
    assert cli.main(["--content", str(MINI), "--output", str(out), "--base-url", "https://x.example/sub"]) == 0
    assert re.search(r"built \d+ pages \(\d+ files, search index included\) into ", capsys.readouterr().err)
    page = (out / "en/measures/1-1/index.html").read_text("utf-8")
    assert '<link rel="canonical" href="https://x.example/sub/en/measures/1-1/">' in page


def test_a_content_error_exits_1_and_writes_nothing(mini_copy, tmp_path, capsys):
    (mini_copy / "site.yaml").unlink()
    out = tmp_path / "site"
    assert cli.main(["--content", str(mini_copy), "--output", str(out)]) == 1
    assert capsys.readouterr().err.rstrip().endswith("1 error: nothing was written; the previous output is unchanged.")
    assert not out.exists()


@pytest.mark.parametrize("argv,message", [
    (["--base-url", "example.org"], "--base-url must be a full address starting with http:// or https://"),
    (["frobnicate"], "invalid choice: 'frobnicate'"),
    (["serve", "--port", "eighty"], "'eighty' is not a port number; use one from 1 to 65535"),
    (["new-note"], "the following arguments are required: measure"),
])
def test_a_wrong_command_line_exits_2_with_a_message(argv, message, capsys):
    with pytest.raises(SystemExit) as stop:
        cli.main(argv)
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_a_missing_content_folder_exits_2(tmp_path, capsys):
    assert cli.main(["--content", str(tmp_path / "nope")]) == 2
    assert capsys.readouterr().err == f"{tmp_path / 'nope'}: no such content folder\n"


def test_ctrl_c_stops_quietly(monkeypatch, capsys):
    def interrupted(args):
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "_build", interrupted)
    assert cli.main(["--content", str(MINI)]) == 130
    assert capsys.readouterr().err == "stopped\n"


def test_serve_gets_the_folders_host_port_and_base_url(monkeypatch, tmp_path):
    import napsite.serve

    seen = []
    monkeypatch.setattr(napsite.serve, "serve", lambda *args: seen.append(args) or 0)
    assert cli.main(["--content", str(MINI), "serve"]) == 0
    assert seen[-1] == (MINI, "127.0.0.1", 8000, None)
    assert cli.main(["--base-url", "https://x.example/", "serve", "--content", str(MINI), "--port", "8123",
                     "--host", "0.0.0.0"]) == 0
    assert seen[-1] == (MINI, "0.0.0.0", 8123, "https://x.example/")


def test_new_note_refuses_unknown_measures_bad_dates_and_existing_files(mini_copy, capsys):
    assert cli.main(["new-note", "9.9", "--content", str(mini_copy)]) == 2
    assert f"unknown measure '9.9': there is no {mini_copy}/measures/9.9.yaml" in capsys.readouterr().err
    assert cli.main(["new-note", "1.2", "--date", "10.05.2017", "--content", str(mini_copy)]) == 2
    assert "'10.05.2017' is not a date; write it as YYYY-MM-DD" in capsys.readouterr().err
    assert cli.main(["new-note", "1.1", "--date", "2016-05-01", "--slug", "start", "--content", str(mini_copy)]) == 1
    assert "2016-05-01-1-1-start.az.md already exists; choose another --slug" in capsys.readouterr().err
    assert cli.main(["new-note", "1.2", "--date", "2017-05", "--slug", "Law No. 766-VQ", "--content",
                     str(mini_copy)]) == 0
    assert sorted(p.name for p in (mini_copy / "progress").glob("2017-05-00-*")) == [
        "2017-05-00-1-2-law-no-766-vq.az.md", "2017-05-00-1-2-law-no-766-vq.en.md"]  # digits kept, month-only date


def test_a_new_note_with_text_but_no_sources_builds_with_a_warning_for_each_file(mini_copy, capsys):
    from napsite.notes import BODIES, TITLES

    assert cli.main(["new-note", "1.2", "--date", "2018-03-01", "--slug", "Mobile app!", "--content",
                     str(mini_copy)]) == 0
    wrote = capsys.readouterr().out.splitlines()
    assert [w.rsplit("/", 1)[1] for w in wrote] == ["2018-03-01-1-2-mobile-app.az.md", "2018-03-01-1-2-mobile-app.en.md"]
    for lang in ("az", "en"):
        note = mini_copy / f"progress/2018-03-01-1-2-mobile-app.{lang}.md"
        text = note.read_text("utf-8").replace(TITLES[lang], "App").replace(BODIES[lang], "A fact.")
        text = text.replace("publisher:", 'publisher: "Transparency Azerbaijan"', 1)
        note.write_text(text.replace("reported_by:", "reported_by: independent", 1), "utf-8")
    assert cli.main(["check", "--content", str(mini_copy)]) == 0
    err = capsys.readouterr().err
    for lang in ("az", "en"):
        line = (mini_copy / f"progress/2018-03-01-1-2-mobile-app.{lang}.md").read_text("utf-8").splitlines().index(
            "sources:") + 1
        assert (f"progress/2018-03-01-1-2-mobile-app.{lang}.md:{line}: warning: the note cites no source; add the "
                "evidence under 'sources:' so that readers can check it") in err


# --- The writer ----------------------------------------------------------------------------------

def test_write_site_replaces_the_folder_whole_and_leaves_nothing_behind(tmp_path):
    """The swap, the manifest and interrupted runs are tested in test_safety.py."""
    out = tmp_path / "out"
    write_site({"a/index.html": b"1", "b.txt": b"2"}, out)
    assert {k: v for k, v in tree(out).items() if k != MANIFEST} == {"a/index.html": b"1", "b.txt": b"2"}
    write_site({"c.txt": b"3"}, out)
    assert {k: v for k, v in tree(out).items() if k != MANIFEST} == {"c.txt": b"3"}
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith(".out-lock")) == ["out"]
    assert oct(out.stat().st_mode & 0o777) == "0o755"


def test_a_failed_write_keeps_the_last_good_site(tmp_path, monkeypatch):
    out = tmp_path / "out"
    write_site({"good.txt": b"good"}, out)
    before = tree(out)

    def broken(*args):
        raise OSError("disk full")

    monkeypatch.setattr("napsite.writer.os.chmod", broken)
    with pytest.raises(OSError):
        write_site({"bad.txt": b"bad"}, out)
    assert tree(out) == before
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith(".out-lock")) == ["out"]


# --- The claims sheet (tools/claims.py) -------------------------------------------------------------

def _claims_module():
    import importlib.util
    from conftest import ROOT
    spec = importlib.util.spec_from_file_location("claims", ROOT / "tools" / "claims.py")
    claims = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(claims)
    return claims


def _claims(capsys, *args) -> tuple[int, str]:
    code = _claims_module().main(list(args))
    return code, capsys.readouterr().out


def test_claims_sheet_shows_what_the_measure_page_says_in_both_languages(capsys, tmp_path):
    from bs4 import BeautifulSoup
    from napsite.build import build
    files = build(MINI).files
    code, out = _claims(capsys, "--content", str(MINI), "1.2")
    assert code == 0
    blocks = {b.split("\n", 1)[0]: b for b in out.strip().split("\n\n")}
    assert set(blocks) == {next(b for b in blocks if b.startswith(f"== 1.2 [{lang}]")) for lang in ("az", "en")}
    for lang in ("az", "en"):
        page = BeautifulSoup(files[f"{lang}/measures/1-2/index.html"].decode(), "html.parser")
        text = next(b for h, b in blocks.items() if h.startswith(f"== 1.2 [{lang}]"))
        as_read = _claims_module()._text  # the page's text on one line
        verdict, later = as_read(page.select_one(".status-row .badge")), as_read(page.select_one("dd.later-dev"))
        assert verdict and later and verdict in text and later in text
        assert as_read(page.select_one(f"#cite-{lang}")) in text
        assert f"(/{lang}/measures/status/unknown/)" in text  # the filter page that lists it, with its count
        count = as_read(BeautifulSoup(files[f"{lang}/measures/status/unknown/index.html"].decode(),
                                      "html.parser").select_one("#count"))
        assert count in text


def test_claims_sheet_one_language_and_unknown_measure(capsys):
    code, out = _claims(capsys, "--content", str(MINI), "--lang", "en", "1.2")
    assert code == 0 and "== 1.2 [en]" in out and "[az]" not in out
    code, _ = _claims(capsys, "--content", str(MINI), "9.9.9")
    assert code == 1


def test_claims_sheet_runs_on_the_real_content(capsys):
    """Every measure, both languages: 59 × 2 blocks; 7.1 names the Commission from its amendment's date."""
    code, out = _claims(capsys)
    assert code == 0
    assert out.count("\n== ") + out.startswith("== ") == 118
    block = out.split("== 7.1 [en]", 1)[1].split("\n\n", 1)[0]
    assert "Extractive Industries Transparency Commission (implementer from 13 October 2017)" in block
