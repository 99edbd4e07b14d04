"""Nothing lost, ever: no command line makes the generator delete or overwrite what it did not
write. Every case runs on a temporary copy of the project with a canary file in each folder
that must survive, never on the real worktree."""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT, run_cli
from napsite import writer
from napsite.build import build
from napsite.cli import main

PROJECT_PARTS = ("build.py", "napsite", "templates", "static", "i18n", "content", "docs", "README.md")


def fingerprint(folder: Path) -> dict:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "dir"
            for p in sorted(folder.rglob("*")) if "__pycache__" not in p.parts}


@pytest.fixture
def project(tmp_path) -> Path:
    """A copy of the project inside a parent folder, a canary in every folder worth protecting."""
    copy = tmp_path / "parent" / "project"
    copy.mkdir(parents=True)
    for name in PROJECT_PARTS:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, copy / name, ignore=shutil.ignore_patterns("__pycache__", "screenshots"))
        else:
            shutil.copy2(source, copy / name)
    for folder in ("", ".git", ".venv", "content", "docs", "templates", "i18n", "static"):
        (copy / folder).mkdir(exist_ok=True)
        (copy / folder / "CANARY.txt").write_text("unsaved work\n")
    (tmp_path / "parent" / "CANARY.txt").write_text("a sibling project\n")
    (tmp_path / "home").mkdir()
    (tmp_path / "home" / "CANARY.txt").write_text("the user's files\n")
    return copy


def run_copy(project: Path, *args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    env = dict(os.environ, HOME=str(project.parent.parent / "home"))
    return subprocess.run([sys.executable, "build.py", *args], cwd=project, capture_output=True, text=True,
                          timeout=timeout, env=env)


DANGEROUS = {  # --output value -> words the refusal must contain
    "content": "content folder",
    ".": "working folder",
    "./": "working folder",
    "..": "project folder",
    "../..": "project folder",
    "docs": "did not write",
    "README.md": "is a file",
    "templates": "templates",
    "content/measures": "content folder",
    "i18n/az": "translations",
    "/": "root of a file system",
}


@pytest.mark.parametrize("output", list(DANGEROUS), ids=list(DANGEROUS))
def test_build_refuses_an_output_it_did_not_make(project, output):
    before = fingerprint(project.parent.parent)
    result = run_copy(project, "--output", output)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert DANGEROUS[output] in result.stderr and "Nothing was written" in result.stderr
    assert fingerprint(project.parent.parent) == before, "nothing may change anywhere"


def test_a_new_folder_at_the_root_is_refused_as_an_unset_variable_would_make(project, capsys):
    """--output "$UNSET/site" is /site: refused, with no folder and no lock file made at /."""
    shown = "/napsite-unset-variable-site"
    assert not Path(shown).exists()
    with pytest.raises(writer.UnsafeOutput, match="new folder at the root of the file system"):
        writer.check_output(Path(shown), writer.protected_folders())
    try:
        assert main(["--content", str(project / "content"), "--output", shown]) == 2
        err = capsys.readouterr().err
        assert "is a variable in front of it unset?" in err and "Nothing was written" in err
        assert not Path(shown).exists() and not Path(f"/.{shown[1:]}-lock").exists()
    finally:  # should the guard ever fail, leave nothing at the root
        shutil.rmtree(shown, ignore_errors=True)
        Path(f"/.{shown[1:]}-lock").unlink(missing_ok=True)
    writer.check_output(Path("/tmp/napsite-not-at-the-root/site"), writer.protected_folders())  # deeper is fine
    with pytest.raises(writer.UnsafeOutput, match="new folder at the root"):  # "$UNSET/a/site": two levels new
        writer.check_output(Path("/napsite-unset-variable-a/site"), writer.protected_folders())


def test_a_mount_point_is_refused_before_anything_is_made(tmp_path):
    """An empty mount point (/dev/shm) cannot be swapped whole: refused at once, no lock file beside it."""
    mount = next((Path(p) for p in ("/dev/shm", "/run", "/proc") if os.path.ismount(p)), None)
    if mount is None:
        pytest.skip("no mount point to try")
    with pytest.raises(writer.UnsafeOutput, match="mount point"):
        writer.check_output(mount, writer.protected_folders())
    assert not (mount.parent / f".{mount.name}-lock").exists()


def test_the_site_is_readable_by_any_user_whatever_the_umask(tmp_path, capsys):
    """Under umask 077 nginx, running as another user, answered 403 for every page."""
    out = tmp_path / "out"
    old = os.umask(0o077)
    try:
        assert main(["--no-cache", "--content", str(ROOT / "tests/fixtures/mini"), "--output", str(out)]) == 0
    finally:
        os.umask(old)
    modes = {p.relative_to(out).as_posix(): oct(p.stat().st_mode & 0o777) for p in out.rglob("*")}
    assert modes["en"] == modes["en/measures"] == "0o755" and modes["en/index.html"] == "0o644"
    assert oct(out.stat().st_mode & 0o777) == "0o755"
    assert {m for p, m in modes.items() if (out / p).is_dir()} == {"0o755"}
    assert {m for p, m in modes.items() if (out / p).is_file()} == {"0o644"}, modes


def test_an_empty_output_or_content_is_a_usage_error_not_the_working_folder(project):
    before = fingerprint(project)
    for args in (["--output", ""], ["--output", " "], ["--content", ""], ["check", "--content", ""]):
        result = run_copy(project, *args)
        assert result.returncode == 2, (args, result.stderr)
        assert "an empty folder name" in result.stderr and "Traceback" not in result.stderr
    assert fingerprint(project) == before


def test_home_and_an_ancestor_of_the_working_folder_are_refused(project, monkeypatch, capsys):
    home = project.parent.parent / "home"
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.chdir(project / "docs")
    before = fingerprint(project.parent.parent)
    assert main(["--content", str(project / "content"), "--output", str(home)]) == 2
    assert "your home folder" in capsys.readouterr().err
    assert main(["--content", str(project / "content"), "--output", str(project)]) == 2
    assert "the working folder" in capsys.readouterr().err
    assert fingerprint(project.parent.parent) == before


def test_an_output_with_files_the_build_did_not_write_is_refused(project, tmp_path, capsys):
    out = tmp_path / "site"
    assert main(["--content", str(project / "content"), "--output", str(out)]) == 0
    (out / "en" / "my-notes.txt").write_text("mine")
    before = fingerprint(out)
    assert main(["--content", str(project / "content"), "--output", str(out)]) == 2
    assert "en/my-notes.txt" in capsys.readouterr().err
    assert fingerprint(out) == before
    (out / "en" / "my-notes.txt").unlink()
    (out / "en" / "elsewhere").symlink_to(project)
    assert main(["--content", str(project / "content"), "--output", str(out)]) == 2
    assert "en/elsewhere" in capsys.readouterr().err
    assert (project / "CANARY.txt").exists()


def test_a_forged_or_symlinked_output_is_refused(project, tmp_path, capsys):
    (project / "docs" / writer.MANIFEST).write_text('{"kind": "something else", "files": []}')
    assert main(["--content", str(project / "content"), "--output", str(project / "docs")]) == 2
    link = tmp_path / "link"
    link.symlink_to(tmp_path / "nowhere")
    assert main(["--content", str(project / "content"), "--output", str(link)]) == 2
    assert "symbolic link" in capsys.readouterr().err
    assert (project / "docs" / "CANARY.txt").exists()


def test_library_callers_get_the_same_guard(project):
    files = build(project / "content").files
    with pytest.raises(writer.UnsafeOutput):
        writer.write_site(files, project / "docs")
    with pytest.raises(writer.UnsafeOutput):
        writer.write_site(files, ROOT / "templates")
    assert (project / "docs" / "CANARY.txt").exists()


def test_serve_writes_nothing_and_refuses_output(project, monkeypatch):
    """The old server deleted every file in --output that the build did not produce."""
    before = fingerprint(project.parent.parent)
    for output in (".", "content", "output"):
        result = run_copy(project, "--output", output, "serve", "--port", "1")
        assert result.returncode == 2 and "writes no files" in result.stderr, result.stderr
    assert fingerprint(project.parent.parent) == before


def test_serve_in_the_project_folder_changes_no_file(project):
    port = _free_port()
    before = fingerprint(project.parent.parent)
    env = dict(os.environ, HOME=str(project.parent.parent / "home"))
    proc = subprocess.Popen([sys.executable, "build.py", "serve", "--port", str(port)], cwd=project, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        _wait_for_page(f"http://127.0.0.1:{port}/en/")
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    assert fingerprint(project.parent.parent) == before


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for_page(url: str) -> str:
    import urllib.request

    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as r:
                return r.read().decode("utf-8")
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"{url} never answered")


# --- the swap, interruptions, concurrency -------------------------------------------------------

@pytest.fixture(scope="module")
def files() -> dict:
    return build(ROOT / "tests/fixtures/mini").files


def test_output_is_the_old_or_the_new_site_when_the_old_one_is_being_deleted(tmp_path, files, monkeypatch):
    out = tmp_path / "output"
    writer.write_site(files, out)
    changed = dict(files, **{"en/index.html": b"new"})

    def killed(folder):
        raise KeyboardInterrupt

    monkeypatch.setattr(writer, "_remove_ours", killed)
    with pytest.raises(KeyboardInterrupt):
        writer.write_site(changed, out)
    monkeypatch.undo()
    assert (out / "en/index.html").read_bytes() == b"new", "the swap was done: the new site is in place"
    leftovers = [p.name for p in tmp_path.glob(".output-new-*")]
    assert len(leftovers) == 1, "the old site, not yet deleted"
    writer.write_site(changed, out)
    assert not list(tmp_path.glob(".output-new-*")), "cleaned at the next start"


def test_a_kill_between_two_renames_is_repaired_at_the_next_start(tmp_path, files):
    """Where RENAME_EXCHANGE is missing: SIGKILL between the renames, then the next build."""
    out = tmp_path / "output"
    writer.write_site(files, out)
    before = fingerprint(out)
    script = f"""
import os, sys
sys.path.insert(0, {str(ROOT)!r})
from pathlib import Path
from napsite import writer
from napsite.build import build
files = build(Path({str(ROOT / 'tests/fixtures/mini')!r})).files
writer._exchange = lambda a, b: False
real, calls = os.rename, []
def rename(a, b):
    calls.append(a)
    real(a, b)
    if len(calls) == 1:
        os.kill(os.getpid(), 9)
os.rename = rename
writer.write_site(dict(files, **{{"en/index.html": b"new"}}), Path({str(out)!r}))
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert result.returncode == -9, result.stderr
    assert not out.exists(), "the window the fallback has"
    writer._clean_leftovers(out.resolve())
    assert fingerprint(out) == before, "the old site is back, whole"
    assert sorted(p.name for p in tmp_path.iterdir()) == [".output-lock", "output"]


def test_exchange_leaves_no_moment_without_a_site(tmp_path, files, monkeypatch):
    """On Linux the swap is one atomic exchange: the two-rename path is never taken."""
    out = tmp_path / "output"
    writer.write_site(files, out)
    monkeypatch.setattr(writer.os, "rename", lambda *a: pytest.fail("rename used while output exists"))
    writer.write_site(dict(files, **{"en/index.html": b"new"}), out)
    assert (out / "en/index.html").read_bytes() == b"new"


def test_leftovers_of_killed_builds_are_removed_only_when_ours(tmp_path, files):
    out = tmp_path / "output"
    ours = tmp_path / ".output-new-abc123"
    (ours / "en").mkdir(parents=True)
    (ours / writer.STAGING_MARK).touch()
    (ours / "en/index.html").write_text("half")
    empty = tmp_path / ".output-new-empty"
    empty.mkdir()
    theirs = tmp_path / ".output-new-mine"
    theirs.mkdir()
    (theirs / "CANARY.txt").write_text("not ours")
    writer.write_site(files, out)
    assert not ours.exists() and not empty.exists()
    assert (theirs / "CANARY.txt").read_text() == "not ours"


def test_concurrent_builds_take_turns(tmp_path):
    out = tmp_path / "output"
    procs = [subprocess.Popen([sys.executable, str(ROOT / "build.py"), "--content", str(ROOT / "tests/fixtures/mini"),
                               "--output", str(out)], cwd=ROOT, stderr=subprocess.PIPE, text=True)
             for _ in range(3)]
    results = [(p.wait(timeout=120), p.stderr.read()) for p in procs]
    for code, err in results:
        assert code == 0 and "Traceback" not in err, err
    written, pages = writer.read_manifest(out), frozenset(build(ROOT / "tests/fixtures/mini").files)
    assert pages <= written and "pagefind/pagefind-entry.json" in written
    assert all(p.startswith("pagefind/") for p in written - pages)  # the search index, and only it
    assert sorted(p.name for p in tmp_path.iterdir()) == [".output-lock", "output"]


# --- usage mistakes: a message and exit 2, never a traceback -------------------------------------

USAGE = {  # arguments -> words of the message
    "bad port": (["serve", "--port", "99999"], "not a port number"),
    "negative port": (["serve", "--port", "-1"], "not a port number"),
    "bad host": (["serve", "--host", "no such host"], "--host no such host"),
    "bad measure id": (["new-note", "../site", "--date", "2017-05-10"], "not a measure id"),
    "a measure id with a newline": (["new-note", "1.1\n"], "not a measure id"),
    "no content folder": (["check", "--content", "nowhere"], "no such content folder"),
    "a base url with a line break": (["--base-url", "https://example.org/\n", "check"], "without spaces"),
    "an empty base url": (["--base-url", "", "check"], "must be a full address"),
}


@pytest.mark.parametrize("case", list(USAGE), ids=list(USAGE))
def test_usage_mistakes_exit_2_with_a_message(case, capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    args, words = USAGE[case]
    try:
        code = main(args)
    except SystemExit as exc:  # argparse's own errors
        code = exc.code
    assert code == 2
    assert words in capsys.readouterr().err
    assert not list((ROOT / "content/progress").glob("*site*")), "new-note wrote nothing"


def test_new_note_never_writes_through_a_link(tmp_path, capsys):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "tests/fixtures/mini", content, ignore=shutil.ignore_patterns("progress"))
    (tmp_path / "elsewhere").mkdir()
    (content / "progress").symlink_to(tmp_path / "elsewhere")
    with pytest.raises(SystemExit) as stop:
        main(["new-note", "1.1", "--content", str(content), "--date", "2017-05-10"])
    assert stop.value.code == 2 and "symbolic link" in capsys.readouterr().err
    assert list((tmp_path / "elsewhere").iterdir()) == []


def test_source_date_epoch_is_ignored_even_out_of_range(monkeypatch, capsys):
    """The site's dates come from site.yaml (as_of) alone; the variable cannot crash a build."""
    for value in ("99999999999999", "-5", "tomorrow"):
        monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
        assert main(["check", "--content", str(ROOT / "tests/fixtures/mini")]) == 0


def test_a_port_in_use_is_said_plainly(tmp_path):
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = run_cli("--content", str(ROOT / "tests/fixtures/mini"), "serve", "--port", str(port), cwd=tmp_path)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert f"port {port} is already in use" in result.stderr and f"--port {port + 1}" in result.stderr


@pytest.mark.parametrize("while_indexing", [False, True], ids=["writing the site", "indexing for search"])
def test_a_write_error_is_a_message_not_a_traceback(tmp_path, capsys, monkeypatch, while_indexing):
    def full(self, data):
        raise OSError(28, "No space left on device", str(self))

    if not while_indexing:  # the search index is made in a temporary folder before the site is written
        monkeypatch.setattr("napsite.search.index", lambda files: {})
    else:  # Pagefind really runs: not its answer for these pages kept from an earlier build in this process
        from napsite.memo import Results

        monkeypatch.setattr("napsite.search.RESULTS", Results())
    monkeypatch.setattr(Path, "write_bytes", full)
    assert main(["--content", str(ROOT / "tests/fixtures/mini"), "--output", str(tmp_path / "o")]) == 1
    assert "No space left on device" in capsys.readouterr().err
    # nothing is left behind but, once the writer has started, its lock file
    assert [p.name for p in tmp_path.iterdir()] == ([] if while_indexing else [".o-lock"])


def test_ctrl_c_at_any_moment_is_a_stop_not_a_traceback(tmp_path):
    """SIGINT sent at random moments, start-up included: exit 130 or a finished build, never a traceback."""
    import random
    import signal

    rng = random.Random(9)
    out = tmp_path / "output"
    reached = 0
    for i in range(7):
        proc = subprocess.Popen([sys.executable, str(ROOT / "build.py"), "--content",
                                 str(ROOT / "tests/fixtures/mini"), "--output", str(out)],
                                cwd=ROOT, stderr=subprocess.PIPE, text=True)
        time.sleep(rng.uniform(0.0, 0.6))
        proc.send_signal(signal.SIGINT)
        err = proc.communicate(timeout=60)[1]
        if "Fatal Python error: init_import_site" in err or (proc.returncode == -signal.SIGINT and not err):
            continue  # Python's own start-up, before the first line of build.py: out of the program's reach
        reached += 1
        assert "Traceback" not in err, err
        # -SIGINT: after the program ended, while Python shut down; the build had finished
        assert proc.returncode in (0, 130, -signal.SIGINT), (proc.returncode, err)
        assert proc.returncode != 130 or err.strip().endswith("stopped"), err
        if out.exists():
            assert writer.read_manifest(out), "whatever is there is a whole site"
    assert reached >= 4


# --- the preview server answers only to itself -------------------------------------------------

def test_preview_answers_only_its_own_host_name():
    from napsite.serve import Preview, own_origin

    preview = Preview(ROOT / "tests/fixtures/mini", "http://127.0.0.1:8123/", "127.0.0.1", 8123)
    preview.rebuild()
    statuses = {}
    for host in ("127.0.0.1:8123", "localhost:8123", "[::1]:8123", "evil.example:8123", "evil.example",
                 "127.0.0.1:80", "", "127.0.0.1.nip.io:8123"):
        preview.app({"PATH_INFO": "/en/", "HTTP_HOST": host}, lambda s, h: statuses.setdefault(host, s))
    assert {h for h, s in statuses.items() if s.startswith("200")} == {"127.0.0.1:8123", "localhost:8123",
                                                                         "[::1]:8123"}
    assert statuses["evil.example:8123"].startswith("421")
    assert own_origin("http://localhost:8123", "127.0.0.1", 8123)
    assert not own_origin("https://evil.example", "127.0.0.1", 8123)
    assert not own_origin("http://evil.example:8123", "127.0.0.1", 8123)
    assert not own_origin("null", "127.0.0.1", 8123)


def test_live_reload_accepts_only_its_own_origin(tmp_path):
    import socket

    port = _free_port()
    proc = subprocess.Popen([sys.executable, str(ROOT / "build.py"), "--content", str(ROOT / "tests/fixtures/mini"),
                             "serve", "--port", str(port)], cwd=tmp_path,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def handshake(host: str, origin: str) -> str:
        with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
            s.sendall((f"GET /livereload HTTP/1.1\r\nHost: {host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                       f"Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                       f"Origin: {origin}\r\n\r\n").encode())
            return s.recv(200).decode("latin-1").split("\r\n")[0]

    try:
        _wait_for_page(f"http://127.0.0.1:{port}/en/")
        own = f"127.0.0.1:{port}"
        assert " 101 " in handshake(own, f"http://{own}")
        assert " 403 " in handshake(own, "https://evil.example")
        assert " 421 " in handshake(f"evil.example:{port}", f"http://evil.example:{port}")
    finally:
        proc.terminate()
        proc.wait(timeout=10)


# --- translations are text ---------------------------------------------------------------------

def test_a_script_in_a_translation_is_shown_as_text(tmp_path, monkeypatch):
    from napsite import i18n, render

    shutil.copytree(ROOT / "i18n", tmp_path / "i18n")
    po = tmp_path / "i18n/az/LC_MESSAGES/messages.po"
    text = po.read_text("utf-8")
    start = text.index('msgstr "', text.index('msgid "Measure %(id)s"')) + len('msgstr "')
    po.write_text(text[:start] + "<script>alert(2)</script> " + text[start:], "utf-8")
    real = i18n.translations.__wrapped__
    monkeypatch.setattr(i18n, "translations", lambda lang, folder=tmp_path / "i18n": real(lang, folder))
    render.environment.cache_clear()
    try:
        files = build(ROOT / "tests/fixtures/mini").files
    finally:
        render.environment.cache_clear()
    page, badge = files["az/measures/1-1/index.html"].decode(), files["az/measures/1-1/badge.svg"].decode()
    assert "<script>alert" not in page and "<script>alert" not in badge
    assert page.count("&lt;script&gt;alert(2)&lt;/script&gt; ") >= 4  # shown as text where the string is used
    assert "&lt;script&gt;alert(2)&lt;/script&gt; " in badge


def test_catalogs_hold_text_only():
    from babel.messages.pofile import read_po

    from napsite.loaders import CONTROL

    for lang in ("az", "en"):
        with open(ROOT / f"i18n/{lang}/LC_MESSAGES/messages.po", "rb") as f:
            for m in read_po(f):
                if not m.id:
                    continue  # the header
                ids = m.id if isinstance(m.id, tuple) else (m.id,)
                strings = m.string if isinstance(m.string, tuple) else (m.string,)
                for s in strings:
                    assert not (set("<>&") & set(s)) - set("".join(ids)), (lang, m.id, s)
                    assert not CONTROL.search(s), (lang, m.id)
