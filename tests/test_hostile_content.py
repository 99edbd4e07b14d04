"""Careless or hostile content, as the security review tried it: every case ends in a `path:line`
error that `check` and `build` report alike, or in output that every strict parser accepts."""
from __future__ import annotations

import csv
import io
import json
import os
import re
import xml.dom.minidom
from pathlib import Path

import pytest

from conftest import CONTENT, ROOT
from napsite import links, markdown
from napsite.build import build
from napsite.cli import main

NOTE = "progress/2017-06-30-8-5-mp-ethics-law-adopted.en.md"


def note_like(content: Path, slug: str, body: str | None = None, title: str | None = None,
              sources: list[str] | None = None, lang: str = "en") -> str:
    """A new note of measure 8.5 made from a real one, so it has every field the schema wants."""
    text = (content / NOTE.replace(".en.", f".{lang}.")).read_text("utf-8")
    front, old_body = text.split("\n---\n", 1)
    if title is not None:
        front = re.sub(r'(?m)^title: .*$', lambda _: f"title: {title}", front)
    if sources is not None:
        front = re.sub(r"(?ms)^sources:\n(  - .*?\n)+", "", front + "\n").rstrip("\n")
        front += "\nsources:\n" + "".join(f"  - {json.dumps(s)}\n" for s in sources)
        front = front.rstrip("\n")
    name = f"progress/2017-06-30-8-5-{slug}.{lang}.md"
    (content / name).write_text(front + "\n---\n" + (old_body if body is None else body), "utf-8")
    return name


def check_and_build(content: Path, tmp_path: Path, capsys) -> tuple[int, list[str], int, list[str]]:
    """Both commands in-process; their problem lines (path:line: message) for comparison."""
    def lines(err: str) -> list[str]:
        return [l for l in err.splitlines() if re.match(r"^\S.*:\d+: ", l)]

    checked = main(["check", "--content", str(content)])
    check_err = capsys.readouterr().err
    built = main(["--content", str(content), "--output", str(tmp_path / "out")])
    build_err = capsys.readouterr().err
    return checked, lines(check_err), built, lines(build_err)


def assert_refused(content, tmp_path, capsys, path: str, line: int | None, words: str):
    checked, check_lines, built, build_lines = check_and_build(content, tmp_path, capsys)
    assert (checked, built) == (1, 1), (check_lines, build_lines)
    assert check_lines == build_lines, "check and build must agree"
    hits = [l for l in check_lines if path in l and words in l]
    assert hits, f"expected {path} and {words!r} in {check_lines}"
    if line is not None:
        assert any(f"{path}:{line}:" in l for l in hits), hits
    assert not (tmp_path / "out").exists()


# --- control characters ------------------------------------------------------------------------

@pytest.mark.parametrize("char", ["\f", "\v", "\x00", "\x1b", "\x08", "\uffff", "\x85"])
def test_a_control_character_in_a_note_body_is_refused_with_its_line(char, content_copy, tmp_path, capsys):
    name = note_like(content_copy, "pasted", body=f"Text pasted from a PDF\n\nwith a{char}form feed.\n")
    body_line = (content_copy / name).read_text("utf-8").split("\n").index("Text pasted from a PDF") + 1
    assert_refused(content_copy, tmp_path, capsys, name, body_line + 2, f"U+{ord(char):04X}")


@pytest.mark.parametrize("escape", ["\\f", "\\x01", "\\0", "\\uFFFE"])
def test_a_control_character_written_as_a_yaml_escape_is_refused(escape, content_copy, tmp_path, capsys):
    name = note_like(content_copy, "escaped", title=f'"Pasted{escape} title"')
    line = next(i for i, l in enumerate((content_copy / name).read_text("utf-8").split("\n"), 1)
                if l.startswith("title:"))
    assert_refused(content_copy, tmp_path, capsys, name, line, "control character")


def test_a_control_character_in_the_site_title_is_refused(content_copy, tmp_path, capsys):
    site = content_copy / "site.yaml"
    site.write_text(site.read_text("utf-8").replace('en: "National', 'en: "National\\f', 1), "utf-8")
    assert_refused(content_copy, tmp_path, capsys, "site.yaml", None, "control character")


# --- invisible and direction-changing characters in any text ------------------------------------

def _line_of(path: Path, needle: str) -> int:
    return next(i for i, l in enumerate(path.read_text("utf-8").split("\n"), 1) if needle in l)


# (file, text replaced, replacement): each field kind, the character typed or written as an escape
HIDDEN = [
    ("measures/1.2.yaml", 'en: "Improving the mobile', 'en: "\\u202eImproving the mobile', "U+202E"),
    ("measures/1.2.yaml", 'en: "Improving the mobile', 'en: "\u202eImproving the mobile', "U+202E"),
    ("measures/1.2.yaml", 'en: "Measures taken to improve', 'en: "Measures ta\u200bken to improve', "U+200B"),
    ("institutions.yaml", 'en: "Cabinet of Ministers of', 'en: "Cabinet of\u2066 Ministers of', "U+2066"),
    ("sections.yaml", 'en: "Improving electronic services"', 'en: "Improving electronic\\u200d services"', "U+200D"),
    ("site.yaml", 'en: "Open Government Plan', 'en: "Open Government\ufeff Plan', "U+FEFF"),
    (NOTE, "title: ", "title: \u202a", "U+202A"),
    (NOTE.replace(".en.", ".az."), "title: ", "title: \u2060", "U+2060"),
]


@pytest.mark.parametrize("path,old,new,code", HIDDEN, ids=[
    "measure title escape", "measure title", "indicators", "institution name", "section title escape",
    "site short title", "note title", "az note title"])
def test_an_invisible_or_direction_changing_character_in_any_text_is_refused(
        path, old, new, code, content_copy, tmp_path, capsys):
    f = content_copy / path
    text = f.read_text("utf-8")
    assert old in text, old
    f.write_text(text.replace(old, new, 1), "utf-8")
    assert_refused(content_copy, tmp_path, capsys, path, _line_of(f, new), f"direction-changing character ({code})")


def test_an_invisible_character_in_a_note_body_is_refused_with_its_line(content_copy, tmp_path, capsys):
    name = note_like(content_copy, "zwsp", body="First paragraph.\n\nA hid\u200bden word.\n")
    assert_refused(content_copy, tmp_path, capsys, name, _line_of(content_copy / name, "hid\u200bden"), "U+200B")


@pytest.mark.parametrize("written,code", [("&#x202e;", "U+202E"), ("&#8203;", "U+200B"), ("&shy;", "U+00AD"),
                                          ("&zwj;", "U+200D"), ("&#xE0041;", "U+E0041")])
def test_a_hidden_character_written_as_a_reference_in_markdown_is_refused(content_copy, tmp_path, capsys, written, code):
    """Markdown turns &#x202e; into the character itself: the reference counts as the character."""
    name = note_like(content_copy, "ref", body=f"First paragraph.\n\nA hid{written}den word.\n")
    assert_refused(content_copy, tmp_path, capsys, name, _line_of(content_copy / name, written), code)


def test_other_invisible_fillers_are_refused_too():
    from napsite import loaders

    for char in "\u034f\u115f\u1160\u3164\uffa0\U000e0001\U000e007f\u180e\u00ad":
        assert loaders.deceptive_characters(f"a\nb{char}c") == [(2, f"U+{ord(char):04X}")], hex(ord(char))
    assert loaders.deceptive_characters("Tom &amp; Jerry &#x259; &eacute;") == []  # references to visible letters


def test_source_links_and_texts_share_one_rule_for_hidden_characters():
    from napsite import loaders

    assert links.DECEPTIVE is loaders.DECEPTIVE
    for char in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200b\u200c\u200d\u2060\ufeff":
        assert loaders.deceptive_characters(f"a\nb{char}c") == [(2, f"U+{ord(char):04X}")]
    assert loaders.deceptive_characters("Azərbaycan Respublikası, “Elektron hökumət” — 2016–2018") == []


# --- every XML file the real site has parses strictly --------------------------------------------

def test_every_feed_sitemap_and_badge_is_well_formed_xml(site_dir):
    files = sorted(site_dir.rglob("*.xml")) + sorted(site_dir.rglob("*.svg"))
    assert len(files) > 300
    for path in files:
        xml.dom.minidom.parse(str(path))  # expat: raises on any character XML 1.0 forbids
    assert xml.dom.minidom.parse(str(site_dir / "sitemap.xml")).documentElement.tagName == "urlset"


def test_every_html_page_is_free_of_control_characters(site_dir):
    from napsite.loaders import CONTROL

    for path in site_dir.rglob("*.html"):
        assert not CONTROL.search(path.read_text("utf-8")), path


# --- CSV -----------------------------------------------------------------------------------------

def test_csv_cells_that_spreadsheets_would_run_are_neutralised(content_copy):
    for mid, old, new in (("1.1", 'en: "Improving', 'en: "=HYPERLINK(\\"https://evil.example/?\\",\\"x\\") Improving'),
                          ("1.3", 'az: "', 'az: "+1+1 '), ("1.4", 'az: "', 'az: "-2+3 '),
                          ("1.2", 'indicators:\n  az: "', 'indicators:\n  az: "@SUM(1+1) ')):
        f = content_copy / f"measures/{mid}.yaml"
        text = f.read_text("utf-8")
        assert old in text, (mid, old)
        f.write_text(text.replace(old, new, 1), "utf-8")
    result = build(content_copy)
    assert result.ok
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(result.files["data/measures.csv"].decode("utf-8-sig")))}
    assert rows["1.1"]["title_en"].startswith("'=HYPERLINK(")
    assert rows["1.3"]["title_az"].startswith("'+1+1 ")
    assert rows["1.4"]["title_az"].startswith("'-2+3 ")
    assert rows["1.2"]["indicators_az"].startswith("'@SUM(1+1) ")
    assert all(not v[:1] in "=+-@" for r in rows.values() for v in r.values() if v)
    data = json.loads(result.files["data/measures.json"])
    assert [m["title_en"] for m in data["measures"] if m["id"] == "1.1"][0].startswith("=HYPERLINK(")


# --- output size ---------------------------------------------------------------------------------

def test_a_note_that_would_expand_into_megabytes_is_refused(content_copy, tmp_path, capsys):
    url = "https://example.org/" + "a" * 2000
    name = note_like(content_copy, "amplified", body=f"[r]: {url}\n\n" + "[r] " * 3000 + "\n")
    assert (content_copy / name).stat().st_size < 20_000
    assert_refused(content_copy, tmp_path, capsys, name, None, "characters of HTML")


def test_a_long_honest_note_builds_and_feeds_carry_a_summary(content_copy):
    prose = "The ministry reported progress on the portal, with figures for each quarter. " * 400
    note_like(content_copy, "long-report", body=prose + "\n")
    assert markdown.too_large(prose) is None
    result = build(content_copy)
    assert result.ok, [str(p) for p in result.problems.errors]
    feed = result.files["en/measures/8-5/feed.xml"].decode()
    entry = feed[feed.index("2017-06-30-8-5-long-report"):]
    entry = entry[: entry.index("</entry>")]
    assert "<summary>The ministry reported progress" in entry and "<content" not in entry
    assert len(entry) < 2_000
    assert "The ministry reported progress" in result.files["en/measures/8-5/index.html"].decode()


def test_feeds_carry_the_latest_50_notes(real_model):
    from napsite import feeds

    data = feeds.feed(real_model, "en", list(real_model.notes) * 3, "en/feed.xml", "en/", "t", "notes")
    assert data.count(b"<entry>") == feeds.MAX_ENTRIES


def test_an_output_far_larger_than_the_content_stops_the_build(content_copy, monkeypatch):
    from napsite import build as build_module

    monkeypatch.setattr(build_module, "OUTPUT_BASE", 0)
    monkeypatch.setattr(build_module, "OUTPUT_GROWTH", 5)
    result = build(content_copy)
    assert not result.ok and not result.files
    assert "more than 5 times its content" in str(result.problems.errors[0])


# --- nesting deeper than the Markdown parser goes --------------------------------------------

@pytest.mark.parametrize("deep", [">" * 20_000 + " deep", "> " * 20 + "deep", "- " * 30 + "deep"],
                         ids=["20,000 quotes", "20 quotes", "30 lists"])
def test_markdown_nested_too_deep_is_refused_with_its_line(deep, content_copy, tmp_path, capsys):
    name = note_like(content_copy, "forwarded", body=f"The ministry wrote:\n\n{deep}\n")
    line = _line_of(content_copy / name, deep[:40])
    assert_refused(content_copy, tmp_path, capsys, name, line, "nested too deep")


def test_a_page_nested_too_deep_is_refused(content_copy, tmp_path, capsys):
    page = content_copy / "pages/about.en.md"
    page.write_text(page.read_text("utf-8") + "\n" + "> " * 25 + "lost\n", "utf-8")
    assert_refused(content_copy, tmp_path, capsys, "pages/about.en.md", _line_of(page, "> > > "), "nested too deep")


def test_markdown_nested_as_deep_as_it_can_show_is_kept():
    text = "> " * 19 + "kept\n\n" + "- " * 9 + "item\n"
    assert markdown.too_deep(text) is None
    assert "kept" in markdown.render(text) and "item" in markdown.render(text)


# --- symbolic links and special files ----------------------------------------------------------

def test_a_linked_page_outside_content_is_refused_and_not_published(content_copy, tmp_path, capsys):
    secret = tmp_path / "outside.md"
    secret.write_text('---\ntitle: "Internal"\n---\nSECRET-TOKEN\n', "utf-8")
    (content_copy / "pages/leak.en.md").symlink_to(secret)
    assert_refused(content_copy, tmp_path, capsys, "pages/leak.en.md", 1, "symbolic links are not allowed")


def test_a_device_is_never_read(content_copy, tmp_path, capsys):
    (content_copy / "measures/9.9.yaml").symlink_to("/dev/zero")
    assert_refused(content_copy, tmp_path, capsys, "measures/9.9.yaml", 1, "symbolic links are not allowed")


def test_a_linked_folder_is_neither_followed_nor_listed(content_copy, tmp_path, capsys):
    import shutil

    shutil.rmtree(content_copy / "progress")
    (content_copy / "progress").symlink_to("/etc")
    checked, check_lines, built, build_lines = check_and_build(content_copy, tmp_path, capsys)
    assert check_lines == build_lines
    assert [l for l in check_lines if "/etc" in l or "passwd" in l] == []
    assert any("progress:1: symbolic links are not allowed" in l for l in check_lines)


def test_the_size_is_checked_before_reading(content_copy, tmp_path, capsys, monkeypatch):
    big = content_copy / "measures/9.9.yaml"
    with open(big, "wb") as f:
        f.truncate(50_000_000)  # sparse: large to stat, never read
    reads = []
    real = os.read

    monkeypatch.setattr(os, "read", lambda fd, n: reads.append(n) or real(fd, n))
    assert_refused(content_copy, tmp_path, capsys, "measures/9.9.yaml", 1, "50,000,000 bytes")
    assert all(n <= 1_000_001 for n in reads)


# --- collisions ------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["timeline", "institutions", "measures", "sections"])
def test_a_free_page_cannot_take_a_generated_address(name, content_copy, tmp_path, capsys):
    for lang in ("az", "en"):
        (content_copy / f"pages/{name}.{lang}.md").write_text('---\ntitle: "Replaced"\n---\nx\n', "utf-8")
    assert_refused(content_copy, tmp_path, capsys, f"pages/{name}.en.md", 1, "belongs to pages the site makes")


def test_two_files_for_one_measure_name_both(content_copy, tmp_path, capsys):
    text = (content_copy / "measures/1.1.yaml").read_text("utf-8")
    (content_copy / "measures/1.1.yml").write_text(text.replace("Improving the", "HIJACKED Improving the"), "utf-8")
    assert_refused(content_copy, tmp_path, capsys, "measures/1.1.yml", 1,
                   "measure 1.1 is defined twice (")
    checked, lines, _, _ = check_and_build(content_copy, tmp_path, capsys)
    assert any("measures/1.1.yaml and " in l and "measures/1.1.yml)" in l for l in lines), lines


# --- check and build agree -------------------------------------------------------------------

# the line of the first body in the real institutions.yaml (after its header comment)
FIRST_BODY = next(i for i, l in enumerate((CONTENT / "institutions.yaml").read_text("utf-8").split("\n"), 1)
                  if l == "- id: cabinet-of-ministers")


def test_an_id_too_long_for_a_file_name_is_a_content_error(content_copy, tmp_path, capsys):
    long_id = "a" * 300
    for path in [content_copy / "institutions.yaml", *sorted((content_copy / "measures").glob("*.yaml"))]:
        path.write_text(path.read_text("utf-8").replace("cabinet-of-ministers", long_id), "utf-8")
    assert_refused(content_copy, tmp_path, capsys, "institutions.yaml", FIRST_BODY, "at most 80")


# --- values are matched whole ------------------------------------------------------------------

@pytest.mark.parametrize("path,old,new,line", [
    ("site.yaml", 'base_url: "https://open-government-az.netlify.app/"',
     'base_url: "https://open-government-az.netlify.app/\\n"', 2),
    ("institutions.yaml", "- id: cabinet-of-ministers", '- id: "cabinet-of-ministers\\n"', FIRST_BODY),
    ("measures/1.1.yaml", 'id: "1.1"', 'id: "1.1\\n"', 1),
], ids=["base url", "institution id", "measure id"])
def test_a_trailing_line_break_never_slips_past_a_pattern(path, old, new, line, content_copy, tmp_path, capsys):
    f = content_copy / path
    assert old in f.read_text("utf-8")
    f.write_text(f.read_text("utf-8").replace(old, new, 1), "utf-8")
    assert_refused(content_copy, tmp_path, capsys, path, line, "")


def test_an_alias_and_a_source_with_a_trailing_line_break_are_refused(content_copy, tmp_path, capsys):
    f = content_copy / "measures/1.1.yaml"
    f.write_text(f.read_text("utf-8") + 'aliases: ["9.9\\n"]\n', "utf-8")
    name = note_like(content_copy, "newline", sources=["https://example.org/report.pdf\n"])
    checked, lines, built, _ = check_and_build(content_copy, tmp_path, capsys)
    assert (checked, built) == (1, 1)
    assert any("measures/1.1.yaml:" in l and "aliases.0" in l for l in lines), lines
    assert any(name in l and "sources.0" in l for l in lines), lines


def test_every_schema_pattern_means_the_whole_value():
    from napsite.schema import SCHEMA_DIR, _python_pattern

    def patterns(node):
        if isinstance(node, dict):
            if isinstance(node.get("pattern"), str):
                yield node["pattern"]
            for v in node.values():
                yield from patterns(v)
        elif isinstance(node, list):
            for v in node:
                yield from patterns(v)

    found = [p for f in SCHEMA_DIR.glob("*.json") for p in patterns(json.loads(f.read_text()))]
    assert len(found) >= 8
    for p in found:
        assert "$" not in p[:-1], f"only a final $ is made strict: {p}"
        assert p.endswith("$") or p == "^https?://", p  # institutions' url: shown nowhere
        assert _python_pattern(p).pattern.endswith("\\Z") or not p.endswith("$")


# --- source links that deceive ------------------------------------------------------------------

@pytest.mark.parametrize("url,words", [
    ("https://example.org/\u202efdp.exe", "U+202E"),
    ("https://example.org/re\u200bport.pdf", "U+200B"),
    ("https://www.president.az-en-articles-view-open-government-report@evil.example/x.pdf", "really leads to evil.example"),
    ("https://user:pass@example.org/x.pdf", "really leads to example.org"),
    ("https://example.org:port/x.pdf", "not a valid web address"),
], ids=["right-to-left override", "zero-width space", "user-info", "password", "bad port"])
def test_a_deceptive_source_is_refused_with_its_line(url, words, content_copy, tmp_path, capsys):
    name = note_like(content_copy, "deceptive", sources=["https://example.org/fine.pdf", url])
    line = (content_copy / name).read_text("utf-8").split("\n").index("sources:") + 3
    assert_refused(content_copy, tmp_path, capsys, name, line, words)


def test_each_source_shows_its_real_host(content_copy):
    url = "https://president.\u0430z/en/articles/view/12345-a-long-address-of-a-report-about-the-plan.pdf"
    note_like(content_copy, "homoglyph", sources=[url])
    result = build(content_copy)
    assert result.ok, [str(p) for p in result.problems.errors]
    from bs4 import BeautifulSoup

    page = BeautifulSoup(result.files["en/measures/8-5/index.html"], "html.parser")
    shown = [a.get_text() for a in page.select("ul.sources a.external")]
    assert "president.xn--z-7sb/en/articles/view/12345-a-long-address-of-a-rep…" in shown
    assert "report.az/en/domestic-politics/milli-majlis-adopts-a-law…" in shown
    assert links.source_label("https://e.org/") == "e.org"


def test_a_note_file_name_with_a_line_break_is_refused(content_copy, tmp_path, capsys):
    name = note_like(content_copy, "decree")
    (content_copy / name).rename(content_copy / name.replace("-decree.en.md", "-decree\n.en.md"))
    checked, lines, built, _ = check_and_build(content_copy, tmp_path, capsys)
    assert (checked, built) == (1, 1)
    assert any("the file name must be" in l for l in lines), lines


def test_a_translation_note_source_is_held_to_the_same_rules(content_copy, tmp_path, capsys):
    f = content_copy / "measures/2.1.yaml"
    f.write_text(f.read_text("utf-8") + 'translation_note:\n  en: "x"\n  source: "https://www.president.az-x@evil.example/"\n',
                 "utf-8")
    assert_refused(content_copy, tmp_path, capsys, "measures/2.1.yaml", None, "really leads to evil.example")


def test_an_amendment_source_is_held_to_the_same_rules(content_copy, tmp_path, capsys):
    f = content_copy / "measures/2.1.yaml"
    f.write_text(f.read_text("utf-8") + 'amendments:\n  - date: 2017-10-13\n    text: {az: "x", en: "x"}\n'
                 '    sources: ["https://example.org/\u202efdp.exe"]\n', "utf-8")
    assert_refused(content_copy, tmp_path, capsys, "measures/2.1.yaml", None, "U+202E")
