"""The small rules everything else stands on, tested directly: each runs in well under a second,
so a mutation harness (bench/mutants.py) reaches a verdict on most mutants before any build."""
from __future__ import annotations

import datetime as dt

import pytest

from napsite import markdown
from napsite.i18n import az_lower, az_upper, date, month, number, sort_key
from napsite.model import Institution, Measure, Section, Text, idd
from napsite.problems import Problem, Problems, did_you_mean
from napsite.statuses import ASSESSORS, ORDER, STATUS_INFO, VERDICT_ORDER, VERDICTS
from napsite.urls import absolute, output_file, path_for, path_of, relative


# --- Markdown: headings nested under the page's, safe links, no raw HTML ----------------------

@pytest.mark.parametrize("text,top,html", [
    ("## A\n### B", 2, "<h2>A</h2>\n<h3>B</h3>\n"),  # the about page starts at ##: it must stay h2
    ("# A", 4, "<h4>A</h4>\n"),  # a note's own heading sits under the note's h3
    ("### A\n#### B", 4, "<h4>A</h4>\n<h5>B</h5>\n"),
    ("# a\n## b\n### c", 5, "<h5>a</h5>\n<h6>b</h6>\n<h6>c</h6>\n"),  # capped at h6
    ("no heading", 2, "<p>no heading</p>\n"),
])
def test_markdown_headings_keep_their_nesting_under_the_page(text, top, html):
    assert markdown.render(text, top_level=top) == html


@pytest.mark.parametrize("text,html", [
    ("[x](https://a.b/)", '<p><a href="https://a.b/" rel="external noopener" class="external">x</a></p>\n'),
    ("[x](http://a.b/)", '<p><a href="http://a.b/" rel="external noopener" class="external">x</a></p>\n'),
    ("[x](mailto:a@b.c)", '<p><a href="mailto:a@b.c">x</a></p>\n'),  # not "external": no new context
    ("[x](../y)", '<p><a href="../y">x</a></p>\n'),
    ("[x](javascript:alert(1))", "<p>[x](javascript:alert(1))</p>\n"),
    ("[x](JavaScript:alert(1))", "<p>[x](JavaScript:alert(1))</p>\n"),
    ("[x](data:text/html,hi)", "<p>[x](data:text/html,hi)</p>\n"),
    ("[x](//evil.example/)", "<p>[x](//evil.example/)</p>\n"),  # scheme-relative: another host
    ("<b>x</b> & y", "<p>&lt;b&gt;x&lt;/b&gt; &amp; y</p>\n"),
    ("<script>x</script>", "<p>&lt;script&gt;x&lt;/script&gt;</p>\n"),
    ("x <!-- c -->", "<p>x &lt;!-- c --&gt;</p>\n"),
    ("![i](https://a.b/p.png)", '<p>!<a href="https://a.b/p.png" rel="external noopener" class="external">i</a></p>\n'),
    ("~~gone~~", "<p><s>gone</s></p>\n"),
])
def test_markdown_links_and_markup_are_safe(text, html):
    assert markdown.render(text) == html


# --- URLs: the contract's shapes and links that work from any page -------------------------------

def test_every_url_shape_of_the_contract():
    assert [path_for(k, "en", "1-1") for k in ("home", "section", "measure", "badge", "measure_feed", "institutions",
                                                "institution", "institution_feed", "timeline", "page", "feed")] == [
        "en/", "en/sections/1-1/", "en/measures/1-1/", "en/measures/1-1/badge.svg", "en/measures/1-1/feed.xml",
        "en/institutions/", "en/institutions/1-1/", "en/institutions/1-1/feed.xml", "en/timeline/", "en/1-1/",
        "en/feed.xml"]


def test_model_objects_have_their_pages():
    m = Measure("4.1.3", "4.1", Text(), Text(), (), (), 2016, 2016)
    assert path_of(m, "az") == "az/measures/4-1-3/"
    assert path_of(Section("4", Text(), "", ()), "en") == "en/sections/4/"
    assert path_of(Section("4.1", Text(), "", ()), "en") == "en/sections/4/#s4-1"  # a subsection is a part
    assert path_of(Institution("milli-majlis", "body", Text(), Text()), "en") == "en/institutions/milli-majlis/"
    with pytest.raises(TypeError):
        path_of("1.1", "en")
    assert idd("11.6") == "11-6"


@pytest.mark.parametrize("src,dst,link", [
    ("en/", "en/measures/1-1/#x", "measures/1-1/#x"),  # a note's anchor survives
    ("en/", "en/sections/2/#s2-1", "sections/2/#s2-1"),
    ("en/measures/1-1/", "en/measures/1-2/", "../1-2/"),
    ("en/measures/1-1/", "en/measures/1-1/", "./"),
    ("en/measures/1-1/", "en/measures/1-1/#n", "./#n"),
    ("en/measures/1-1/", "en/measures/1-1/feed.xml", "feed.xml"),
    ("en/measures/1-1/", "az/measures/1-1/", "../../../az/measures/1-1/"),
    ("en/", "static/site.css", "../static/site.css"),
    ("", "az/", "az/"),
    ("", "static/favicon.svg", "static/favicon.svg"),
    ("en/timeline/", "en/", "../"),
    ("en/timeline/", "en/#latest", "../#latest"),
])
def test_relative_links(src, dst, link):
    assert relative(src, dst) == link


def test_output_files_and_absolute_addresses():
    assert output_file("") == "index.html"
    assert output_file("en/") == "en/index.html"
    assert output_file("en/feed.xml") == "en/feed.xml"
    assert output_file("404.html") == "404.html"
    assert absolute("https://example.org/nap/", "en/measures/1-1/") == "https://example.org/nap/en/measures/1-1/"


# --- Statuses: six levels that can be told apart without colour --------------------------------

def test_status_levels_are_in_order_with_distinct_symbols_and_labels():
    assert ORDER == ("not-assessed", "no-evidence", "not-started", "limited", "substantial", "completed")
    assert [STATUS_INFO[k].symbol for k in ORDER] == ["?", "–", "○", "◔", "◑", "●"]
    assert [STATUS_INFO[k].label for k in ORDER] == ["No level given", "No evidence", "Not started", "Limited",
                                                     "Substantial", "Completed"]
    assert len({STATUS_INFO[k].explanation for k in ORDER}) == 6
    assert all(STATUS_INFO[k].key == k for k in ORDER)
    assert ASSESSORS == {"government": "government (a state body about its own work)",
                         "independent": "independent source", "editorial": "our reading of the sources"}
    assert [VERDICTS[k].symbol for k in VERDICT_ORDER] == ["●", "✕", "?", "○"]  # four shapes for four verdicts
    assert [VERDICTS[k].label for k in VERDICT_ORDER] == ["Completed by the deadline", "Not completed by the deadline",
                                                          "Deadline passed; no source found on completion",
                                                          "Not yet due"]


# --- Languages -------------------------------------------------------------------------------

def test_text_falls_back_to_the_other_language_and_says_which():
    assert Text(az="a", en="e").shown("en") == ("e", "en")
    assert Text(az="a").shown("en") == ("a", "az")
    assert Text(en="e").shown("az") == ("e", "en")
    assert Text().shown("az") == ("", "en")


def test_institution_label_is_the_short_name_where_there_is_one():
    inst = Institution("x", "group", Text(az="Uzun ad", en="Long name"), Text(en="LN"))
    assert inst.label == Text(az="Uzun ad", en="LN")
    assert inst.is_group and not Institution("y", "body", Text(), Text()).is_group


def test_azerbaijani_casing_pairs():
    assert az_lower("İ") == "i" and az_lower("I") == "ı"
    assert az_upper("i") == "İ" and az_upper("ı") == "I"
    assert az_upper("şəffaflıq") == "ŞƏFFAFLIQ" and az_lower("ŞƏFFAFLIQ") == "şəffaflıq"
    assert az_upper("içində") == "İÇİNDƏ"


@pytest.mark.parametrize("words", [
    ["ev", "ez", "əl"],  # e < ə: folding ə into e would put "əl" between them
    ["cəza", "cuna", "çay"],  # c-words before ç
    ["gül", "ğ", "hava", "xalq"],
    ["ıldırım", "ilan", "jurnal", "kitab", "qələm", "lalə"],
    ["on", "öz", "pul"],
    ["su", "şəhər", "tut"],
    ["un", "üzüm", "vaxt"],
])
def test_azerbaijani_alphabetical_order(words):
    assert sorted(reversed(words), key=lambda w: sort_key(w, "az")) == words


def test_a_shorter_word_sorts_before_a_longer_one_it_starts():
    names = ["Alim Palatası", "Ali Məhkəmə", "Ali", "Alim"]
    assert sorted(names, key=lambda w: sort_key(w, "az")) == ["Ali", "Ali Məhkəmə", "Alim", "Alim Palatası"]
    assert sorted(names, key=lambda w: sort_key(w, "en")) == ["Ali", "Ali Məhkəmə", "Alim", "Alim Palatası"]


def test_sort_key_ignores_case_and_quotes():
    assert sort_key("“Azərsu”", "az") == sort_key("azərsu", "az")
    assert sort_key("İqtisadiyyat", "az") == sort_key("iqtisadiyyat", "az")
    assert sorted(["Zebra", "apple", "Émile"], key=lambda w: sort_key(w, "en")) == ["apple", "Émile", "Zebra"]


def test_dates_and_numbers_by_babel():
    day = dt.date(2017, 6, 1)
    assert date(day, "az") == "1 iyun 2017"
    assert month(day, "az") == "iyun 2017"
    assert month(day, "en") == "June 2017"
    assert date(day, "en", "short") != date(day, "az", "short")
    assert number(1234, "en") == "1,234"
    assert number(1234, "az") == "1.234"


# --- Problems: what an editor reads ------------------------------------------------------------

def test_problems_are_sorted_by_file_and_line_and_printed_plainly():
    p = Problems()
    p.warning("b.yaml", 3, "w")
    p.error("b.yaml", 10, "late")
    p.error("a.yaml", 0, "no line")  # a missing line becomes line 1, never 0
    p.error("b.yaml", 2, "early")
    assert [str(e) for e in p.errors] == ["a.yaml:1: no line", "b.yaml:2: early", "b.yaml:10: late"]
    assert [str(w) for w in p.warnings] == ["b.yaml:3: warning: w"]
    assert bool(p) and not bool(Problems())
    only_warnings = Problems()
    only_warnings.extend([Problem("c", 1, "m", "warning")])
    assert not only_warnings and len(only_warnings.all) == 1


def test_did_you_mean_names_a_near_miss_only():
    assert did_you_mean("ministry-of-justise", ["ministry-of-justice", "milli-majlis"]) == \
        " (did you mean 'ministry-of-justice'?)"
    assert did_you_mean("zzz", ["ministry-of-justice"]) == ""


# --- Corners the content rarely reaches ---------------------------------------------------------

def test_schema_names_the_allowed_fields_when_nothing_is_close():
    from napsite import schema
    from napsite.loaders import parse_yaml

    found = Problems()
    doc = parse_yaml('base_url: "https://x.example/"\ntitle: {az: "", en: "x"}\nfoo: 1\nas_of: 2018-01-01\n',
                     "site.yaml", found)
    assert not schema.validate(doc, "site", found)
    assert [str(e) for e in found.errors] == [  # an empty text is a missing translation, not an error
        "site.yaml:3: unknown field 'foo' (allowed: base_url, default_language, title, short_title, adopted, as_of, repository, "
        "history_from)"]


def test_a_document_line_falls_back_to_the_nearest_known_key():
    from napsite.loaders import Document

    doc = Document("x.yaml", {}, {(): 3, ("a",): 5})
    assert doc.line("a", "b", 0) == 5 and doc.line("zzz") == 3
    assert Document("x.yaml", {}).line("a") == 1


def test_the_memo_forgets_everything_when_full_but_keeps_reporting(monkeypatch):
    from napsite import memo

    monkeypatch.setattr(memo, "LIMIT", 2)
    m, calls = memo.Memo(), []

    def compute(found):
        calls.append(1)
        found.warning("f", 1, "w")
        return len(calls)

    seen = Problems()
    assert [m(k, compute, seen) for k in ("a", "a", "b", "c", "a")] == [1, 1, 2, 3, 4]
    assert len(seen.warnings) == 5  # a hit reports its problems again


def test_a_language_without_a_catalog_shows_the_english_strings(tmp_path):
    from napsite.i18n import translations

    assert translations("en", tmp_path).gettext("Institutions") == "Institutions"


def test_a_site_finds_sections_and_subsections_by_id(mini):
    assert mini.site.section("2.1").title.en == "Subsection"
    with pytest.raises(KeyError):
        mini.site.section("9")
    assert list(mini.site.measures["1.1"].years()) == [2016, 2017, 2018]
    assert list(mini.site.years()) == [2016, 2017, 2018]


def test_template_mistakes_name_the_template_and_line(tmp_path, mini):
    import shutil

    from napsite.render import TEMPLATES, Assets, render_site

    for broken, expected in [("{% if %}", "templates/timeline.html:1: "), ("{% block main %}{{ nothing.here }}{% endblock %}",
                                                                             "templates/timeline.html:1: UndefinedError")]:
        folder = tmp_path / str(len(list(tmp_path.iterdir())))
        shutil.copytree(TEMPLATES, folder)
        (folder / "timeline.html").write_text('{% extends "base.html" %}' + broken, "utf-8")
        found = Problems()
        assert render_site(mini.site, Assets.load(), found, folder) == {}
        assert len(found.errors) == 1 and str(found.errors[0]).startswith(expected), found.errors


def test_english_names_a_body_with_the_and_a_group_or_a_brand_without():
    from napsite.model import Institution, Text

    ministry = Institution("m", "body", Text(az="Ədliyyə Nazirliyi", en="Ministry of Justice"), Text())
    brand = Institution("a", "body", Text(az="Azərsu", en="Azersu"), Text(), "none")
    group = Institution("g", "group", Text(az="Bələdiyyələr", en="municipalities"), Text())
    forced = Institution("h", "group", Text(az="X", en="Relevant councils"), Text(), "the")
    capital = Institution("l", "group", Text(az="Yerli icra hakimiyyəti orqanları", en="Local executive authorities"), Text())
    assert [i.in_sentence("en") for i in (ministry, brand, group, forced, capital)] == [
        "the Ministry of Justice", "Azersu", "municipalities", "the relevant councils", "local executive authorities"]
    assert ministry.in_sentence("az") == "Ədliyyə Nazirliyi"  # Azerbaijani has no article
