"""Search: the Azerbaijani stems, the same in Python and in the search page's script, and the
Pagefind index the build writes for each language. tests/test_search_browser.py queries it."""
from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest

from conftest import ROOT, soup
from napsite.search import indexed_text, with_stems
from napsite.stem import fold, folded_query_stem, folded_stems, folded_text_words, query_form, query_stem, stems, text_stems


@pytest.mark.parametrize("inflected,base", [
    ("xidmətlərin", "xidmət"),  # plural + genitive
    ("xidmətləri", "xidmət"),
    ("şəffaflığın", "şəffaflıq"),  # q softened to ğ before a vowel, and back
    ("şəffaflığı", "şəffaflıq"),
    ("köməyi", "kömək"),  # k softened to y
    ("məlumatların", "məlumat"),
    ("vətəndaşların", "vətəndaş"),
    ("müraciətlərə", "müraciət"),
    ("qanunvericiliyin", "qanunvericilik"),
    ("hesabatlarda", "hesabat"),
    ("portalı", "portal"),
])
def test_an_inflected_word_reaches_its_base_form(inflected, base):
    assert base in stems(inflected)
    assert query_stem(inflected) == query_stem(base) == base


@pytest.mark.parametrize("inflected,base", [
    ("xidmetlerin", "xidmet"), ("seffafligin", "seffafliq"), ("seffafligi", "seffafliq"), ("komeyi", "komek"),
    ("melumatlarin", "melumat"), ("vetendaslarin", "vetendas"), ("muracietlere", "muraciet"),
    ("qanunvericiliyin", "qanunvericilik"), ("hesabatlarda", "hesabat"), ("portali", "portal"),
])
def test_a_folded_word_reaches_its_folded_base_form(inflected, base):
    assert base in folded_stems(inflected)
    assert folded_query_stem(inflected) == folded_query_stem(base) == base


@pytest.mark.parametrize("typed,correct", [
    ("seffafliq", "şəffaflıq"), ("seffafligin", "şəffaflığın"), ("xidmetler", "xidmətlər"), ("tedbir", "tədbir"),
    ("reqabet mecellesi", "rəqabət məcəlləsi"), ("satinalma", "satınalma"), ("ozel", "özəl"),
    ("INFORMASIYA", "İNFORMASİYA"), ("cox", "çox"), ("guclendirilmesi", "gücləndirilməsi"), ("Sura", "Şura"),
])
def test_a_query_typed_without_azerbaijani_letters_is_the_same_search(typed, correct):
    assert fold(correct) == fold(typed).replace("ı", "i")
    assert query_form(typed) == query_form(correct)


def test_folding_maps_the_letters_people_type_without_the_layout():
    assert fold("Şəffaflığın") == "seffafligin"
    assert fold("ÇÖÜĞİIƏ") == "cougiie"
    assert fold("İnformasiya") == "informasiya"  # not i + combining dot


def test_the_folded_words_are_what_pagefind_does_not_read_itself():
    shadow, folded = folded_text_words("Xidmətlərin şura və xidmət şura")
    # ə and ı are kept by Pagefind: their folded words go in, once for each time they occur
    assert shadow == ["xidmetlerin", "ve", "xidmet"]
    # ş is folded by Pagefind already ("şura" is read as "sura"), so only its stem is added
    assert folded == ["sur", "xidmetler"]


def test_stems_keep_short_words_and_use_azerbaijani_case_rules():
    assert stems("ad") == {"ad"}
    assert stems("elektron") == {"elektron"}
    assert "informasiya" in stems("İnformasiya")  # İ -> i, not i̇
    assert stems("ASAN") == {"asan"}  # I-less, but lower-cased


def test_text_stems_are_only_the_forms_the_text_lacks():
    assert text_stems("Xidmətlərin şəffaflığı və xidmət") == ["xidmətlər", "şəffaflıq"]


def test_indexed_copy_carries_the_stems_and_counts_them():
    page = ('<html lang="az"><body><main data-pagefind-body><h1>Şəffaflığın artırılması</h1>'
            '<p data-pagefind-ignore>xidmətlərin</p><br><p>Xidmətlərin</p></main></body></html>').encode()
    assert indexed_text(page.decode()) == "Şəffaflığın artırılması Xidmətlərin"
    copy = soup_of(with_stems(page))
    extra = copy.select_one("main > div[data-pagefind-meta]")
    words = extra.get_text().split()
    assert extra["data-pagefind-meta"] == f"stems:{len(words)}"
    assert {"şəffaflıq", "xidmət", "xidmətlər"} <= set(words)
    # and the folded words, those of the heading with the heading's weight
    assert {"seffafliq", "xidmet", "xidmetler", "xidmetlerin"} <= set(words)
    assert copy.select_one('main > div p[data-pagefind-weight="7"]').get_text().split() == [
        "seffafligin", "artirilmasi"]


def soup_of(data: bytes):
    from bs4 import BeautifulSoup
    return BeautifulSoup(data.decode(), "html.parser")


NODE = shutil.which("node")

# A placeholder filled by a string: "$&" or "$`" in the query is then read as a replacement pattern
PATTERN_REPLACEMENT = re.compile(r"""\.replace\(\s*(["'])\{\w+\}\1\s*,(?!\s*function\s*\()""")


@pytest.mark.parametrize("script", [p.name for p in sorted((ROOT / "static").glob("*.js"))])
def test_scripts_fill_placeholders_with_functions_not_patterns(script):
    """Searching for a$`b showed "Nothing found for “aNothing found for “b”"."""
    text = (ROOT / "static" / script).read_text("utf-8")
    assert not [text.count("\n", 0, m.start()) + 1 for m in PATTERN_REPLACEMENT.finditer(text)], script


def test_the_placeholder_rule_catches_a_string_replacement():
    assert PATTERN_REPLACEMENT.search('d.none.replace("{query}", query)')
    assert not PATTERN_REPLACEMENT.search('d.none.replace("{query}", function () { return query; })')


@pytest.mark.skipif(NODE is None, reason="node is not installed")
def test_the_search_script_stems_every_word_of_the_content_as_the_build_does(real_model):
    """The query side (static/search.js) and the index side (napsite/stem.py) must agree."""
    words = sorted({w for m in real_model.measures.values() for w in
                    [*m.title.az.split(), *m.indicators.az.split()] + [x for n in m.notes for x in n.title.az.split()]})
    words = [w.strip('“”"\'.,;:()«»-–') for w in words]
    words = sorted({w for w in words if w.isalpha()})
    assert len(words) > 500
    script = ("const s = require(process.argv[1]); const words = JSON.parse(require('fs').readFileSync(0));"
              "console.log(JSON.stringify(words.map(w => [s.stems(w).sort(), s.queryStem(w), s.fold(w),"
              " s.foldedStems(w).sort(), s.foldedQueryStem(w), s.prepare(w, 'az')])));")
    run = subprocess.run([NODE, "-e", script, str(ROOT / "static/search.js")], input=json.dumps(words),
                         capture_output=True, text=True, timeout=60, check=True)
    from_js = json.loads(run.stdout)
    from_py = [[sorted(stems(w)), query_stem(w), fold(w), sorted(folded_stems(w)), folded_query_stem(w),
                query_form(w)] for w in words]
    mismatched = [(w, js, py) for w, js, py in zip(words, from_js, from_py) if js != py]
    assert mismatched == []


def test_the_index_has_every_searchable_page_in_each_language(searchable_dir, real_model):
    entry = json.loads((searchable_dir / "pagefind/pagefind-entry.json").read_text())
    expected = len(real_model.measures) + len(real_model.sections) + len(real_model.institutions) + len(real_model.pages)
    assert {lang: v["page_count"] for lang, v in entry["languages"].items()} == {"az": expected, "en": expected}
    assert (searchable_dir / "pagefind/pagefind.js").is_file()
    # Pagefind's ready-made interfaces are not used (the page has its own, without inline code)
    assert not list((searchable_dir / "pagefind").glob("pagefind-ui*"))


@pytest.mark.parametrize("lang", ["az", "en"])
def test_search_page_explains_itself_without_javascript(searchable_dir, real_model, lang):
    doc = soup(searchable_dir / lang / "search/index.html")
    assert doc.select_one("form#search").has_attr("hidden")  # shown by the script, which makes it work
    assert doc.select_one("#needs-js").get_text(strip=True)
    links = [a["href"] for a in doc.select(".browse a")]
    assert links[0] == "../measures/"
    assert len(links) == 1 + len(real_model.measures)
    assert doc.select_one("script[src]")["src"].startswith("../../static/search.")
    assert not doc.select("script:not([src]):not([type='application/ld+json']), style, [style]")
    form = doc.select_one("form#search")
    assert form["data-bundle"] == "../../pagefind/" and form["data-measure-url"] == "../measures/{id}/"
    assert form["data-measures"].split() == list(real_model.measures)


def test_only_main_content_of_measures_sections_institutions_and_pages_is_indexed(site_dir):
    for path, indexed in [("en/measures/8-5/", True), ("en/sections/8/", True), ("en/about/", True),
                          ("en/institutions/milli-majlis/", True), ("en/", False), ("en/measures/", False),
                          ("en/timeline/", False), ("en/search/", False)]:
        assert bool(soup(site_dir / path / "index.html").select("main[data-pagefind-body]")) == indexed, path


def test_indexing_returns_files_and_writes_none(tmp_path, monkeypatch):
    from napsite.search import index

    monkeypatch.chdir(tmp_path)
    page = (b'<!doctype html><html lang="en"><head><title>t</title></head><body>'
            b'<main data-pagefind-body><h1>Ethics rules</h1></main></body></html>')
    files = index({"en/measures/8-5/index.html": page, "en/timeline/index.html": page.replace(b" data-pagefind-body", b"")})
    assert "pagefind/pagefind-entry.json" in files and "pagefind/pagefind.js" in files
    assert json.loads(files["pagefind/pagefind-entry.json"])["languages"]["en"]["page_count"] == 1
    assert list(tmp_path.iterdir()) == []  # nothing left behind in the working folder


def test_a_notes_anchor_moves_to_its_heading_in_the_indexed_copy_only():
    from napsite.search import _prepared
    page = (b'<html lang="en"><body><main data-pagefind-body><article class="note" id="2018-01-00-2-1-1-survey">\n'
            b'<span id="2018-01-01-2-1-1-survey" class="former-anchor"></span>\n<h3>January 2018</h3></article>'
            b'</main></body></html>')
    assert b'<article class="note">\n<span id="2018-01-01-2-1-1-survey" class="former-anchor"></span>\n' \
           b'<h3 id="2018-01-00-2-1-1-survey">' in _prepared(page)
