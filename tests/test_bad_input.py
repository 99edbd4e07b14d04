"""Everything an editor can get wrong: a clear `path:line: message`, exit 1, no traceback,
and the previous output left exactly as it was. Each case breaks a copy of the real content."""
from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path

import pytest

from conftest import run_cli
from napsite.cli import main


def edit(path: str, old: str, new: str):
    def apply(root: Path) -> None:
        f = root / path
        text = f.read_text("utf-8")
        assert old in text, f"fixture drift: {old!r} not in {path}"
        f.write_text(text.replace(old, new, 1), "utf-8")
    return apply


def write(path: str, data: bytes | str):
    def apply(root: Path) -> None:
        (root / path).write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return apply


def remove(*paths: str):
    def apply(root: Path) -> None:
        for path in paths:
            (root / path).unlink()
    return apply


def append(path: str, text: str):
    def apply(root: Path) -> None:
        with open(root / path, "a", encoding="utf-8") as f:
            f.write(text)
    return apply


NOTE = "progress/2017-06-30-8-5-mp-ethics-law-adopted.en.md"
BOMB = "a: &a ['x','x']\nb: &b [*a,*a]\nc: &c [*b,*b]\nd: [*c,*c]\n"

# (case, change, file the message must name, line, words the message must contain)
CASES = [
    ("unknown institution", edit("measures/1.2.yaml", "[ministry-of-communications]", "[ministry-of-comunications]"),
     "measures/1.2.yaml", 9, "did you mean 'ministry-of-communications'"),
    ("unknown recommended body", edit("measures/5.2.yaml", "recommended: [milli-majlis]", "recommended: [mili-majlis]"),
     "measures/5.2.yaml", 10, "unknown institution 'mili-majlis'"),
    ("bad status in a measure", edit("measures/1.1.yaml", 'period: "2016-2018"',
                                     'period: "2016-2018"\nstatus: done\nassessed_by: editorial'),
     "measures/1.1.yaml", 12, "use one of: no-evidence, not-started, limited, substantial, completed"),
    ("bad status in a note", edit(NOTE, "status: completed", "status: complete"),
     NOTE, 6, "did you mean 'completed'"),
    ("unknown kind of publisher in a note", edit(NOTE, "reported_by: press", "reported_by: media"),
     NOTE, 4, "'reported_by': 'media' is not allowed; use one of: government, press, independent"),
    ("a note without its publisher", edit(NOTE, 'publisher: "Report.az"\n', ""),
     NOTE, 2, "the field 'publisher' is missing; add it: the name of the body that published the source the "
              "note rests on, as its page names itself"),
    ("an empty publisher", edit(NOTE, 'publisher: "Report.az"', 'publisher: ""'),
     NOTE, 5, "'publisher': the name of the body that published the source the note rests on"),
    ("bad date in a note", edit(NOTE, "date: 2017-06-30", "date: 30.06.2017"),
     NOTE, 3, "YYYY-MM-DD"),
    ("impossible date", write("progress/2017-06-31-1-1-x.en.md",
                              '---\nmeasure: "1.1"\ndate: 2017-06-31\nreported_by: government\npublisher: "Ministry of Justice of the Republic of Azerbaijan"\n---\nx\n'),
     "progress/2017-06-31-1-1-x.en.md", 3, "not a real date"),
    ("note for an unknown measure", edit(NOTE, 'measure: "8.5"', 'measure: "8.55"'),
     NOTE, 2, "file name says measure"),
    ("id does not match file", edit("measures/3.2.yaml", 'id: "3.2"', 'id: "3.3"'),
     "measures/3.2.yaml", 1, "does not match the file name"),
    ("unquoted id", edit("measures/8.10.yaml", 'id: "8.10"', "id: 8.10"),
     "measures/8.10.yaml", 1, 'in quotes'),
    ("unknown section", edit("measures/2.1.yaml", 'section: "2"', 'section: "12"'),
     "measures/2.1.yaml", 2, "unknown section '12'"),
    ("wrong section for the number", edit("measures/2.1.yaml", 'section: "2"', 'section: "3"'),
     "measures/2.1.yaml", 2, "belongs to section '2'"),
    ("missing title", edit("measures/2.2.yaml", "title:", "titel:"),
     "measures/2.2.yaml", 3, "unknown field 'titel' (did you mean 'title'?)"),
    ("bad period", edit("measures/2.3.yaml", 'period: "2016-2017"', 'period: "2016 to 2017"'),
     "measures/2.3.yaml", 11, "\"2016\" or \"2016-2018\""),
    ("period backwards", edit("measures/2.3.yaml", 'period: "2016-2017"', 'period: "2017-2016"'),
     "measures/2.3.yaml", 11, "ends before it starts"),
    ("YAML syntax: bad indentation", edit("measures/2.4.yaml", "  en:", " en:"),
     "measures/2.4.yaml", 5, "not valid YAML"),
    # the parser only notices at the end of the file; the editor must be sent to the line itself
    ("YAML syntax: missing colon on the last line", edit("measures/3.2.yaml", 'period: "2017"', 'period "2017"'),
     "measures/3.2.yaml", 11, "not valid YAML: could not find expected ':'"),
    ("YAML syntax: unclosed quote", edit("measures/2.5.yaml", 'period: "2016-2017"', 'period: "2016-2017'),
     "measures/2.5.yaml", 11, "not valid YAML"),
    ("duplicate key", edit("measures/3.1.yaml", 'period: "2016-2018"', 'period: "2016-2018"\nperiod: "2016"'),
     "measures/3.1.yaml", 12, "the key 'period' appears twice (first on line 11); keep one"),
    ("alias bomb", write("measures/4.1.1.yaml", BOMB), "measures/4.1.1.yaml", 1, "anchors and aliases"),
    ("python object tag", write("measures/4.1.2.yaml", "id: !!python/object/apply:os.system ['echo hi']\n"),
     "measures/4.1.2.yaml", 1, "not valid YAML"),
    ("not UTF-8", write("measures/4.2.1.yaml", 'id: "4.2.1"\nsection: "4.2"\ntitle:\n  az: "\xe7\xfd"\n'.encode("latin-1")),
     "measures/4.2.1.yaml", 4, "not UTF-8"),
    ("empty measure file", write("measures/4.2.2.yaml", ""), "measures/4.2.2.yaml", 1, "expected a group of fields"),
    ("huge file", write("measures/4.2.3.yaml", "# " + "x" * 1_100_000 + "\n"), "measures/4.2.3.yaml", 1, "under 1,000,000 bytes"),
    ("note without front matter", write("progress/2017-01-01-1-1-bare.en.md", "Just text.\n"),
     "progress/2017-01-01-1-1-bare.en.md", 1, "must start with front matter"),
    ("front matter not closed", write("progress/2017-01-01-1-1-open.en.md", '---\nmeasure: "1.1"\ndate: 2017-01-01\n'),
     "progress/2017-01-01-1-1-open.en.md", 1, "not closed"),
    ("note date differs from file name", edit(NOTE.replace(".en.", ".az."), "date: 2017-06-30", "date: 2017-06-29"),
     NOTE.replace(".en.", ".az."), 3, "differs from the date 2017-06-30 in the file name"),
    ("languages disagree on status", edit(NOTE.replace(".en.", ".az."), "status: completed", "status: limited"),
     NOTE, 6, "differs between the language versions"),
    ("note file in a third language", write("progress/2017-01-01-1-1-x.ru.md", "---\n---\n"),
     "progress/2017-01-01-1-1-x.ru.md", 1, "'.az.md' or '.en.md'"),
    ("note file name with spaces", write("progress/2017 news.en.md", '---\nmeasure: "1.1"\ndate: 2017-01-01\nreported_by: government\npublisher: "Ministry of Justice of the Republic of Azerbaijan"\n---\nx\n'),
     "progress/2017 news.en.md", 1, "lower case ASCII"),
    ("source that is not a web address", edit(NOTE, "  - https://report.az", "  - report.az"),
     NOTE, 10, "full web address"),
    ("a note dated after as_of", write("progress/2031-02-03-1-2-a.en.md", '---\nmeasure: "1.2"\n'
                                       'date: 2031-02-03\nreported_by: government\npublisher: "Ministry of Justice of the Republic of Azerbaijan"\ntitle: "App released"\n'
                                       'sources: [https://a.b/]\n---\nx\n'),
     "progress/2031-02-03-1-2-a.en.md", 3, "the date 2031-02-03 is after as_of (2026-11-25, in site.yaml)"),
    ("a typo year with a status", write("progress/2071-00-00-1-2-a.en.md", '---\nmeasure: "1.2"\n'
                                        'date: 2071\nreported_by: independent\npublisher: "Transparency Azerbaijan"\nstatus: completed\n'
                                        'assessed_by: independent\ntitle: "App released"\n'
                                        'sources: [https://a.b/]\n---\nx\n'),
     "progress/2071-00-00-1-2-a.en.md", 3, "correct the date, or move as_of forward"),
    # a second entry with a taken id (renaming azersu instead would also, rightly, orphan its measure)
    ("duplicate institution id", edit("institutions.yaml", "- id: azersu",
                                      '- id: azerishig\n  kind: body\n  name: {az: "x", en: "x"}\n- id: azersu'),
     "institutions.yaml", 201, "the institution id 'azerishig' is used twice"),
    ("institution id with a path separator", edit("institutions.yaml", "- id: azersu", "- id: ../azersu"),
     "institutions.yaml", 201, "lower case letters, digits and dashes"),
    ("a measure claimed twice by an alias", edit("measures/1.3.yaml", 'period: "2016-2018"', 'period: "2016-2018"\naliases: ["1.4"]'),
     "measures/1.3.yaml", 12, "already the id or an alias"),
    ("base_url without a slash", edit("site.yaml", '.netlify.app/"', '.netlify.app"'), "site.yaml", 2, "ending in '/'"),
    ("site.yaml missing", lambda root: (root / "site.yaml").unlink(), "site.yaml", 1, "missing file"),
    ("about page missing", remove("pages/about.az.md", "pages/about.en.md"), "pages", 1,
     "missing the about page: add pages/about.az.md and pages/about.en.md"),
    ("a measure with no bodies", edit("measures/1.2.yaml", "implementers: [ministry-of-communications]",
                                      "implementers: []"),
     "measures/1.2.yaml", 1, "a measure needs at least one body under 'implementers' or 'recommended'"),
    ("a body listed twice", edit("measures/1.3.yaml", "central-and-local-executive-authorities]",
                                 "ministry-of-communications]"),
     "measures/1.3.yaml", 9, "'implementers': the list names the same item twice; keep each once"),
    ("page name with capitals", write("pages/About-Us.en.md", "---\ntitle: x\n---\nx\n"),
     "pages/About-Us.en.md", 1, "a page name is lower case letters, digits and dashes"),
    ("measure file that is not YAML", write("measures/1.1.txt", "x"),
     "measures/1.1.txt", 1, "a measure file must end in '.yaml' (for example '1.1.yaml')"),
    ("a note still in its example title", write("progress/2017-01-01-1-1-x.en.md", '---\nmeasure: "1.1"\n'
                                                'date: 2017-01-01\nreported_by: government\ntitle: Short title\npublisher: "Ministry of Justice of the Republic of Azerbaijan"\n'
                                                'sources: [https://a.b/]\n---\nx\n'),
     "progress/2017-01-01-1-1-x.en.md", 5, "the note still has the example text from new-note"),
    ("front matter that is not YAML", write("progress/2017-01-01-1-1-x.en.md", '---\nmeasure: "1.1\ndate: 2017-01-01\n---\nx\n'),
     "progress/2017-01-01-1-1-x.en.md", 2, "not valid YAML"),
    ("a measure file that is a broken link", lambda root: (root / "measures/9.9.yaml").symlink_to(root / "nowhere"),
     "measures/9.9.yaml", 1, "symbolic links are not allowed in content"),
    ("a note dated after as_of", write("progress/2031-02-03-1-2-a.en.md", '---\nmeasure: "1.2"\n'
                                       'date: 2031-02-03\nreported_by: government\npublisher: "Ministry of Justice of the Republic of Azerbaijan"\ntitle: "App released"\n'
                                       'sources: [https://a.b/]\n---\nx\n'),
     "progress/2031-02-03-1-2-a.en.md", 3, "the date 2031-02-03 is after as_of (2026-11-25, in site.yaml)"),
    ("a typo year with a status", write("progress/2071-00-00-1-2-a.en.md", '---\nmeasure: "1.2"\n'
                                        'date: 2071\nreported_by: independent\npublisher: "Transparency Azerbaijan"\nstatus: completed\n'
                                        'assessed_by: independent\ntitle: "App released"\n'
                                        'sources: [https://a.b/]\n---\nx\n'),
     "progress/2071-00-00-1-2-a.en.md", 3, "correct the date, or move as_of forward"),
    # a second entry with a taken id (renaming section 2 instead would also, rightly, orphan its measures)
    ("duplicate section id", append("sections.yaml", '\n- id: "1"\n  title: {az: "x", en: "x"}\n'),
     "sections.yaml", 90, "section '1' is listed twice (also on line 4)"),
]


def fingerprint(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def good_output(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("good") / "output"
    assert run_cli("--output", str(out)).returncode == 0
    return out


def test_there_are_at_least_25_cases():
    assert len(CASES) >= 25


def error_lines(stderr: str) -> list[str]:
    """The `path:line: message` lines that are errors (not warnings, not the closing count)."""
    return [l for l in stderr.splitlines() if re.match(r"^\S.*:\d+: (?!warning: )", l)]


@pytest.mark.parametrize("case,change,path,line,words", CASES, ids=[c[0] for c in CASES])
def test_bad_input_is_reported_plainly_and_loses_nothing(case, change, path, line, words, content_copy,
                                                          good_output, tmp_path, capsys):
    """In-process (so coverage sees it); `build.py` itself is run as a program elsewhere."""
    out = tmp_path / "output"
    shutil.copytree(good_output, out)
    before = fingerprint(out)
    change(content_copy)
    assert main(["--content", str(content_copy), "--output", str(out)]) == 1
    stderr = capsys.readouterr().err
    errors = error_lines(stderr)
    assert len(errors) == 1, f"one mistake must give exactly one error line, got:\n{stderr}"
    assert path in errors[0] and words in errors[0], f"expected '{path}' and '{words}' in:\n{stderr}"
    assert f"{path}:{line}: " in errors[0], f"expected line {line} in:\n{stderr}"
    assert stderr.rstrip().endswith("1 error: nothing was written; the previous output is unchanged.")
    assert fingerprint(out) == before, "a failed build must leave the previous output untouched"
    assert main(["check", "--content", str(content_copy)]) == 1
    checked = capsys.readouterr().err
    assert error_lines(checked) == errors and checked.rstrip().endswith("\n1 error.")


WARNINGS = [
    ("page in one language", remove("pages/about.az.md"), "pages/about.en.md", 1,
     "no az version of this page yet (about.az.md); the other language is shown, marked as not yet translated"),
    ("section without measures", append("sections.yaml", '\n- id: "12"\n  title: {az: "x", en: "x"}\n'),
     "sections.yaml", 90, "section 12 has no measures yet"),
]


@pytest.mark.parametrize("case,change,path,line,words", WARNINGS, ids=[w[0] for w in WARNINGS])
def test_gaps_are_warnings_that_still_build(case, change, path, line, words, content_copy, capsys):
    change(content_copy)
    assert main(["check", "--content", str(content_copy)]) == 0
    err = capsys.readouterr().err
    assert error_lines(err) == []
    assert f"{path}:{line}: warning: {words}" in err


def test_all_problems_are_reported_in_one_run(content_copy):
    edit("measures/1.2.yaml", "[ministry-of-communications]", "[ministry-of-comunications]")(content_copy)
    edit(NOTE, "status: completed", "status: complete")(content_copy)
    edit("measures/5.2.yaml", "recommended: [milli-majlis]", "recommended: [mili-majlis]")(content_copy)
    result = run_cli("check", "--content", str(content_copy))
    assert result.returncode == 1
    errors = [l for l in result.stderr.splitlines() if ".yaml:" in l or ".md:" in l]
    assert len(errors) == 3  # two unknown institutions and the bad status, all at once
    assert errors == sorted(errors, key=lambda l: (l.split(":")[0], int(l.split(":")[1])))


def test_missing_translation_is_a_warning_not_an_error(content_copy):
    edit("measures/1.2.yaml", '  en: "Improving', '  # en: "Improving')(content_copy)
    result = run_cli("check", "--content", str(content_copy))
    assert result.returncode == 0
    assert "measures/1.2.yaml:3: warning: the title of measure 1.2: no English text yet" in result.stderr


def test_bad_usage_exits_2():
    assert run_cli("--base-url", "example.org").returncode == 2
    assert run_cli("frobnicate").returncode == 2


def test_bom_and_windows_line_endings_just_work(content_copy, tmp_path):
    for path in ("measures/1.1.yaml", NOTE):
        f = content_copy / path
        f.write_bytes(b"\xef\xbb\xbf" + f.read_bytes().replace(b"\n", b"\r\n"))
    result = run_cli("--content", str(content_copy), "--output", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "out/en/measures/8-5/index.html").read_text("utf-8")
    assert 'id="2017-06-30-8-5-mp-ethics-law-adopted"' in page and "\r" not in page


def test_an_interrupted_write_leaves_the_previous_site(tmp_path, monkeypatch):
    """Ctrl-C (or a crash) half-way through writing: the last good output stays whole."""
    from pathlib import Path as P

    from napsite.build import build
    from napsite.writer import write_site

    out = tmp_path / "output"
    files = build(P("content")).files
    write_site(files, out)
    before = fingerprint(out)
    written = []
    real = P.write_bytes

    def interrupted(self, data):
        written.append(self)
        if len(written) > 100:
            raise KeyboardInterrupt
        return real(self, data)

    monkeypatch.setattr(P, "write_bytes", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_site(files, out)
    monkeypatch.undo()
    assert fingerprint(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [".output-lock", "output"], \
        "no half-written folder is left behind (the lock file stays, empty)"
