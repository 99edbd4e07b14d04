"""Every promise of the site contract, pinned to exact values on the mini fixture (built in
memory once per session): URLs and the links between them, heads, labels and their language,
open data, feeds, sitemap. Where a bug would change what a reader gets, a test here fails."""
from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
import yaml
from babel.messages.pofile import read_po

from conftest import FIXTURES, ROOT

MINI = FIXTURES / "mini"
BASE = "https://mini.example/"
ATOM = "{http://www.w3.org/2005/Atom}"
MEASURE_IDS = ["1.1", "1.2", "1.3", "1.4", "1.5", "2.1.1", "2.1.2"]


def _catalog() -> dict[str, str]:
    with open(ROOT / "i18n/az/LC_MESSAGES/messages.po", "rb") as f:
        return {m.id: m.string for m in read_po(f) if m.id and isinstance(m.id, str) and m.string}


CATALOG = _catalog()


def az(msgid: str, **values) -> str:
    """The Azerbaijani UI string for `msgid`, as the catalog has it: the tests pin that the right
    string is used and translated, and stay true when a translator improves the wording."""
    return CATALOG[msgid] % values if values else CATALOG[msgid]


def content_measures() -> dict[str, dict]:
    """The measure files as an editor wrote them, read without the generator."""
    return {d["id"]: d for d in (yaml.safe_load(p.read_text("utf-8")) for p in sorted(MINI.glob("measures/*.yaml")))}


# --- Every page the contract names, and only those --------------------------------------------------

def test_the_mini_site_has_exactly_the_contracts_pages(mini):
    insts = sorted(i["id"] for i in yaml.safe_load((MINI / "institutions.yaml").read_text("utf-8")))
    expected = {"", "404.html"}
    filters = re.compile(r"^(az|en)/measures/(due|institution|level|section|status)/")  # the journalists' views
    for lang in ("az", "en"):
        expected |= {f"{lang}/", f"{lang}/institutions/", f"{lang}/timeline/", f"{lang}/about/", f"{lang}/measures/",
                     f"{lang}/data/", f"{lang}/search/",
                     f"{lang}/sections/1/", f"{lang}/sections/2/", f"{lang}/measures/2-9/"}
        expected |= {f"{lang}/measures/{m.replace('.', '-')}/" for m in MEASURE_IDS}
        expected |= {f"{lang}/institutions/{i}/" for i in insts}
    assert {p for p in mini.pages() if not filters.match(p)} == expected
    assert any(filters.match(p) for p in mini.pages())
    for lang in ("az", "en"):
        assert f"{lang}/feed.xml" in mini.files
        for m in MEASURE_IDS:
            assert f"{lang}/measures/{m.replace('.', '-')}/feed.xml" in mini.files
            assert f"{lang}/measures/{m.replace('.', '-')}/badge.svg" in mini.files
        assert all(f"{lang}/institutions/{i}/feed.xml" in mini.files for i in insts)


def test_robots_and_root(mini):
    assert mini.text("robots.txt") == f"User-agent: *\nAllow: /\nSitemap: {BASE}sitemap.xml\n"
    root = mini.html("")
    assert root.html["lang"] == "az"
    assert root.select_one('meta[http-equiv="refresh"]')["content"] == "0; url=az/"
    assert [(a["href"], a.get("hreflang")) for a in root.select("main a")] == [("az/", "az"), ("en/", "en")]


# --- Heads: title, canonical, hreflang with x-default at the default language -----------------------

TITLES = {
    "": "Kiçik sınaq planı",  # the root: the plan's name once, not "name — name"
    "en/": "Plan at a glance — Small test plan",
    "az/": az("Plan at a glance") + " — Kiçik sınaq planı",
    "en/about/": "About the plan — Small test plan",
    "az/about/": "Plan haqqında — Kiçik sınaq planı",
    "en/institutions/": "Institutions — Small test plan",
    "az/institutions/": az("Institutions") + " — Kiçik sınaq planı",
    "en/institutions/ministry-c/": "Ministry of Society — Small test plan",
    "az/institutions/ministry-c/": "Cəmiyyət Nazirliyi — Kiçik sınaq planı",
    "en/measures/1-1/": "Measure 1.1: First measure — Small test plan",
    "az/measures/1-1/": az("Measure %(id)s", id="1.1") + ": Birinci tədbir — Kiçik sınaq planı",
    "en/measures/1-2/": "Measure 1.2: Yalnız Azərbaycan dilində adı olan tədbir — Small test plan",
    "en/sections/2/": "Section 2: Second section — Small test plan",
    "az/sections/2/": az("Section %(id)s", id="2") + ": İkinci bölmə — Kiçik sınaq planı",
    "en/timeline/": "Timeline — Small test plan",
    "az/timeline/": az("Timeline") + " — Kiçik sınaq planı",
    "404.html": az("Page not found") + " · Page not found — Kiçik sınaq planı",  # one page for both languages
}


@pytest.mark.parametrize("path", TITLES)
def test_each_kind_of_page_has_its_own_title_in_its_own_language(mini, path):
    assert mini.html(path).title.get_text() == TITLES[path]


@pytest.mark.parametrize("lang", ["az", "en"])
def test_content_pages_are_titled_by_their_own_heading(mini, lang):
    for path in mini.pages(lang):
        doc = mini.html(path)
        if doc.select_one("article.prose"):
            assert doc.title.get_text().startswith(doc.h1.get_text(strip=True) + " — ")


def test_every_head_points_at_both_languages_and_x_default_at_azerbaijani(mini):
    for path in mini.pages():
        doc = mini.html(path)
        links = {l["hreflang"]: l["href"] for l in doc.select('link[rel="alternate"][hreflang]')}
        if path == "404.html":  # served at any missing address: no canonical, no language versions
            assert links == {} and doc.select_one('link[rel="canonical"]') is None
            assert doc.select_one("a.switch")["href"] == "/en/"  # the switch leads to the other home, on this host
            continue
        if path == "":  # the root's language versions are the two homes
            az, en = "az/", "en/"
        else:
            az, en = "az" + path[2:], "en" + path[2:]
        assert links == {"az": BASE + az, "en": BASE + en, "x-default": BASE + az}, path
        assert doc.select_one('link[rel="canonical"]')["href"] == BASE + path
        assert doc.html["lang"] == ("az" if path in ("", "404.html") else path[:2])


def test_the_sitemap_lists_every_real_page_once_with_x_default_at_azerbaijani(mini):
    root = ET.fromstring(mini.files["sitemap.xml"])
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    locs = []
    for url in root.findall("s:url", ns):
        loc = url.find("s:loc", ns).text
        locs.append(loc)
        links = {l.get("hreflang"): l.get("href") for l in url.findall("x:link", ns)}
        az = BASE + "az/" + loc.removeprefix(BASE)[3:]
        assert links == {"az": az, "en": BASE + "en/" + loc.removeprefix(BASE)[3:], "x-default": az}
    pages = [BASE + p for p in mini.pages() if p not in ("", "404.html") and "/2-9/" not in p]  # no redirects
    assert sorted(locs) == sorted(pages) and len(set(locs)) == len(locs)


# --- Links between pages keep their targets and fragments -------------------------------------------

def test_pager_links_each_measure_to_its_plan_order_neighbours(mini):
    def pager(idd):
        nav = mini.html(f"en/measures/{idd}/").select_one("nav.pager")
        return [(a["rel"][0], a["href"], a.get_text(strip=True)) for a in nav.select("a")]

    assert pager("1-1") == [("next", "../1-2/", "Measure 1.2 →")]
    assert pager("1-2") == [("prev", "../1-1/", "← Measure 1.1"), ("next", "../1-3/", "Measure 1.3 →")]
    assert pager("1-5") == [("prev", "../1-4/", "← Measure 1.4"), ("next", "../2-1-1/", "Measure 2.1.1 →")]
    assert pager("2-1-1") == [("prev", "../1-5/", "← Measure 1.5"), ("next", "../2-1-2/", "Measure 2.1.2 →")]
    assert pager("2-1-2") == [("prev", "../2-1-1/", "← Measure 2.1.1")]


def test_note_links_keep_their_anchor(mini):
    home = [a["href"] for a in mini.html("en/").select(".notes-list a")]
    assert home == ["measures/2-1-1/#2018-02-01-2-1-1-news", "measures/2-1-1/#2018-01-00-2-1-1-survey",
                    "measures/1-5/#2017-12-31-1-5-last-day", "measures/1-2/#2017-12-01-1-2-done",
                    "measures/1-1/#2017-06-01-1-1-substantial"]
    timeline = [a["href"] for a in mini.html("az/timeline/").select(".notes-list a")]
    assert timeline == ["../" + h for h in home] + [
        "../measures/1-1/#2017-03-01-1-1-ngo", "../measures/1-2/#2017-00-00-1-2-annual",
        "../measures/1-1/#2016-09-01-1-1-limited", "../measures/1-1/#2016-05-01-1-1-start"]
    assert [a["href"] for a in mini.html("en/measures/1-1/").select("dl.judgement a")] == [
        "#2017-06-01-1-1-substantial"]
    assert [a["href"] for a in mini.html("en/measures/2-1-1/").select("dl.judgement a")] == [
        "#2018-01-00-2-1-1-survey"]


def test_a_measure_in_a_subsection_links_to_the_subsection_on_its_section_page(mini):
    doc = mini.html("en/measures/2-1-1/")
    link = doc.select_one("dl.facts dd a")
    assert link["href"] == "../../sections/2/#s2-1" and link.get_text(" ", strip=True) == "2.1 Subsection"
    assert [a["href"] for a in doc.select(".crumbs a")] == ["../../", "../../sections/2/"]
    assert mini.html("en/sections/2/").select_one("#s2-1 h2").get_text(" ", strip=True) == "2.1 Subsection"
    timeline = [a["href"] for a in mini.html("en/timeline/").select("tr.group a")]
    assert timeline == ["../sections/1/", "../sections/2/"]


def test_header_footer_and_switch_links(mini):
    doc = mini.html("az/institutions/ministry-c/")
    assert [a["href"] for a in doc.select("header nav a")] == ["../../", "../../measures/", "../", "../../timeline/",
                                                               "../../about/", "../../search/"]
    assert [a.get_text() for a in doc.select("header nav a")] == [
        az("Plan"), az("All measures"), az("Institutions"), az("Timeline"), az("About"), az("Search")]
    assert doc.select_one("a.switch")["href"] == "../../../en/institutions/ministry-c/"
    switch = doc.select_one("a.switch")
    assert (switch.get_text(), switch["lang"], switch["hreflang"]) == ("English", "en", "en")
    assert [a["href"] for a in doc.select("footer a")] == ["../../feed.xml", "../../data/", "../../../data/measures.csv"]
    assert doc.select_one("link[rel=stylesheet]")["href"].startswith("../../../static/style.")
    assert mini.html("en/measures/2-9/").select_one('meta[http-equiv="refresh"]')["content"] == "0; url=../2-1-1/"


def test_the_404_page_links_from_the_root_on_any_host(mini):
    """Served at any depth, so not relative; and not with the host, which the CSP's 'self' would
    block wherever the site is served under another name (www, a new domain, http)."""
    doc = mini.html("404.html")
    hrefs = [a["href"] for a in doc.select("a[href], link[href]") if not a["href"].startswith("#")]
    loaded = [l["href"] for l in doc.select("link[rel=stylesheet], link[rel=icon]")]
    assert hrefs and all(h.startswith("/") and not h.startswith("//") for h in hrefs), hrefs
    assert "/az/" in hrefs and "/en/" in hrefs
    assert len(loaded) == 2 and all(h.startswith("/static/") for h in loaded), loaded


# --- Labels and their language -------------------------------------------------------------------

def _own_language(node, default: str) -> str:
    for parent in [node] + list(node.parents):
        if getattr(parent, "attrs", None) and parent.get("lang"):
            return parent["lang"]
    return default


@pytest.mark.parametrize("lang", ["az", "en"])
def test_no_ui_text_shows_in_the_other_language(mini, lang):
    """An az page shows no English UI string and an en page no Azerbaijani one, except inside an
    element that says it is in the other language."""
    catalog = {k: v for k, v in CATALOG.items() if k != v and "%(" not in k and len(k) > 2}
    foreign = set(catalog) if lang == "az" else set(catalog.values())
    for path in mini.pages(lang) + ([""] if lang == "az" else []):
        doc = mini.html(path)
        for node in doc.find_all(string=True):
            text = node.strip()
            if text in foreign and _own_language(node.parent, lang) == lang:
                pytest.fail(f"{path}: {text!r} is shown in the wrong language")
        for el in doc.find_all(attrs={"title": True}) + doc.find_all(attrs={"aria-label": True}):
            for attr in ("title", "aria-label"):
                if el.get(attr) in foreign and _own_language(el, lang) == lang:
                    pytest.fail(f"{path}: {attr}={el.get(attr)!r} is in the wrong language")


def test_headings_of_every_kind_of_page_are_translated(mini):
    assert mini.html("az/institutions/").h1.get_text() == az("Institutions") == "Qurumlar"
    assert mini.html("az/timeline/").h1.get_text() == az("The plan over time")
    assert mini.html("az/measures/2-9/").h1.get_text() == az("This measure has moved")
    assert mini.html("404.html").h1.get_text() == az("Page not found")
    assert mini.html("az/measures/1-1/").select_one(".kicker").get_text() == az("Measure %(id)s", id="1.1")
    assert [h.get_text() for h in mini.html("az/measures/1-1/").select("h2")] == [
        az("Status at the deadline, and after it"), az("Progress notes"), az("Cite this measure"), az("Embed the status")]


VERDICT_LABELS = ["Completed by the deadline", "Not completed by the deadline",
                  "Deadline passed; no source found on completion", "Not yet due"]


def test_verdict_labels_symbols_and_counts_on_the_home_chart(mini):
    counts = [1, 1, 3, 2]
    symbols = ["●", "✕", "?", "○"]
    assert [t.get_text() for t in mini.html("en/").select(".chart .lbl")] == [
        f"{sym} {label} — {n}" for sym, label, n in zip(symbols, VERDICT_LABELS, counts)]
    assert [t.get_text() for t in mini.html("az/").select(".chart .lbl")] == [
        f"{sym} {az(label)} — {n}" for sym, label, n in zip(symbols, VERDICT_LABELS, counts)]
    assert [li.get_text() for li in mini.html("en/").select(".totals li")] == [
        "7 measures", "completed by the deadline: 1", "not completed by the deadline: 1",
        "deadline passed, no source found on completion: 3", "not yet due: 2"]
    bars = [(r.get("class")[1], r["width"]) for r in mini.html("en/").select("rect.bar")]
    assert bars == [("vd-completed", "45.8"), ("vd-late", "45.8"), ("vd-unknown", "137.3"), ("vd-due", "91.5")]


HEADLINES = {"1-1": "○ Not yet due", "1-2": "? Deadline passed; no source found on completion Later: ● Completed "
             "1 December 2017", "1-3": "? Deadline passed; no source found on completion",
             "1-5": "● Completed by the deadline",
             "2-1-1": "✕ Not completed by the deadline Later: ○ Not started January 2018", "2-1-2": "○ Not yet due"}


@pytest.mark.parametrize("idd", HEADLINES)
def test_the_headline_of_each_measure(mini, idd):
    assert mini.html(f"en/measures/{idd}/").select_one(".status-row").get_text(" ", strip=True) == HEADLINES[idd]


def test_the_headline_in_azerbaijani(mini):
    row = mini.html("az/measures/2-1-1/").select_one(".status-row")
    assert row.select_one(".badge").get_text(" ", strip=True) == "✕ " + az("Not completed by the deadline")
    assert row.select_one(".later time").get_text() == "yanvar 2018"


def test_embeddable_badges_say_the_measure_and_verdict_in_their_language(mini):
    svg = ET.fromstring(mini.files["az/measures/2-1-2/badge.svg"])
    label = az("Measure %(id)s", id="2.1.2")
    assert svg.get("aria-label") == f"{label}: {az('Not yet due')}"  # no symbol read aloud (az-ui review L19)
    assert [t.text for t in svg.iter("{http://www.w3.org/2000/svg}text")] == [label, "○ " + az("Not yet due")]
    en = ET.fromstring(mini.files["en/measures/1-5/badge.svg"])
    assert [t.text for t in en.iter("{http://www.w3.org/2000/svg}text")] == ["Measure 1.5",
                                                                             "● Completed by the deadline"]


def test_institution_pages_count_both_roles(mini):
    doc = mini.html("en/institutions/ministry-c/")
    assert doc.select_one("#impl-h").get_text() == "Implementer of 2 measures"
    assert [a["href"] for a in doc.select("#impl-h ~ ul.measures a")] == ["../../measures/1-1/",
                                                                          "../../measures/2-1-2/"]
    assert doc.select_one("#rec-h").get_text() == "Recommended to it: 0 measures"
    councils = mini.html("en/institutions/councils/")
    assert councils.select_one(".group-note")
    assert councils.select_one("#rec-h").get_text() == "Recommended to it: 1 measure"
    rows = {tr.th.a.get_text(): [td.get_text() for td in tr.select("td")]
            for tr in mini.html("en/institutions/").select("tbody tr")}
    # the scorecard: implementer, then its measures by verdict (completed, late, unknown, due), then recommended
    assert rows["Ministry of Society"] == ["2", "0", "0", "0", "2", "0"]
    assert rows["Councils"] == ["0", "0", "0", "0", "0", "1"]


def test_timeline_bars_and_due_years(mini):
    doc = mini.html("en/timeline/")
    assert [th.get_text() for th in doc.select("thead th.y")] == ["2016", "2017", "2018"]
    rows = {tr.th.select_one(".num").get_text(): [(td.get("colspan"), td.get_text()) for td in tr.select("td")]
            for tr in doc.select("tbody tr:not(.group)")}
    # each bar: the verdict's symbol, the period, and the verdict in words for a screen reader
    unknown = "? 2016: Deadline passed; no source found on completion"
    one_2016 = [("1", unknown), (None, ""), (None, "")]
    assert rows == {"1.1": [("3", "○ 2016–2018: Not yet due")], "1.2": one_2016, "1.3": one_2016, "1.4": one_2016,
                    "1.5": [(None, ""), ("1", "● 2017: Completed by the deadline"), (None, "")],
                    "2.1.1": [(None, ""), ("1", "✕ 2017: Not completed by the deadline"), (None, "")],
                    "2.1.2": [(None, ""), ("2", "○ 2017–2018: Not yet due")]}
    heads = [tr.th.get_text() for tr in doc.select("tbody tr:not(.group)")]
    assert heads[0] == "1.1 First measure" and heads[1] == ("1.2 Yalnız Azərbaycan dilində adı olan tədbir "
                                                            "(not yet translated)")
    due = [(h.get_text(" ", strip=True), [a["href"] for a in h.find_next("ul").select("a")])
           for h in doc.select("h3") if h.get_text().startswith("Due")]
    assert due == [("Due by the end of 2016 (3 measures)", ["../measures/1-2/", "../measures/1-3/", "../measures/1-4/"]),
                   ("Due by the end of 2017 (2 measures)", ["../measures/1-5/", "../measures/2-1-1/"]),
                   ("Due by the end of 2018 (2 measures)", ["../measures/1-1/", "../measures/2-1-2/"])]


def test_about_page_headings_start_below_its_title(mini):
    doc = mini.html("en/about/")
    assert [h.name + ":" + h.get_text() for h in doc.select("article.prose h1, article.prose h2, "
                                                            "article.prose h3")] == ["h1:About the plan",
                                                                                     "h2:Introduction"]
    assert mini.html("az/about/").select_one("article.prose h2").get_text() == "Giriş"


# --- Open data: every field against the content it comes from ----------------------------------------

CSV_COLUMNS = ["id", "section", "title_az", "title_en", "indicators_az", "indicators_en",
               "implementers", "implementers_az", "implementers_en", "recommended", "recommended_az", "recommended_en",
               "period_start", "period_end", "deadline", "verdict", "verdict_az", "verdict_en",
               "status", "status_az", "status_en", "status_at_deadline",
               "status_at_deadline_date", "status_at_deadline_assessed_by", "status_at_deadline_note",
               "late_evidence_status", "late_evidence_date", "late_evidence_assessed_by", "late_evidence_note",
               "late_evidence_scope",
               "later_status", "later_status_date", "later_status_assessed_by", "later_status_note", "status_changed",
               "notes", "amendments", "url_az", "url_en"]


JUDGED = ("deadline", "verdict", "status", "status_at_deadline", "status_at_deadline_date",
          "status_at_deadline_assessed_by", "status_at_deadline_note", "late_evidence_status", "late_evidence_date",
          "late_evidence_assessed_by", "late_evidence_note", "later_status", "later_status_date",
          "later_status_assessed_by", "later_status_note")
_ = (None,) * 4
JUDGEMENTS = {  # as of 2018-06-30, the mini fixture's as_of
    "1.1": ("2018-12-31", "due", "substantial", "substantial", "2017-06-01", "government", "2017-06-01-1-1-substantial",
            *_, *_),
    "1.2": ("2016-12-31", "unknown", "not-assessed", *_, *_, "completed", "2017-12-01", "independent",
            "2017-12-01-1-2-done"),
    "1.3": ("2016-12-31", "unknown", "not-assessed", *_, *_, *_),
    "1.4": ("2016-12-31", "unknown", "not-assessed", *_, *_, *_),
    "1.5": ("2017-12-31", "completed", "completed", "completed", "2017-12-31", "government", "2017-12-31-1-5-last-day",
            *_, *_),
    "2.1.1": ("2017-12-31", "late", "not-assessed", *_, "not-started", "2018-01", "editorial",
              "2018-01-00-2-1-1-survey", "not-started", "2018-01", "editorial", "2018-01-00-2-1-1-survey"),
    "2.1.2": ("2018-12-31", "due", "limited", "limited", None, "editorial", None, *_, *_),  # set in the measure file
}


def test_open_data_fields_equal_the_content(mini):
    data = json.loads(mini.files["data/measures.json"])
    source = content_measures()
    assert [r["id"] for r in data["measures"]] == MEASURE_IDS
    for r in data["measures"]:
        d = source[r["id"]]
        start, _, end = d["period"].partition("-")
        assert r["section"] == d["section"]
        assert (r["title_az"], r["title_en"]) == (d["title"].get("az") or "", d["title"].get("en") or "")
        assert (r["indicators_az"], r["indicators_en"]) == (d["indicators"].get("az") or "",
                                                            d["indicators"].get("en") or "")
        assert r["implementers"] == d.get("implementers", []) and r["recommended"] == d.get("recommended", [])
        assert (r["period_start"], r["period_end"]) == (int(start), int(end or start))
        idd = r["id"].replace(".", "-")
        assert (r["url_az"], r["url_en"]) == (f"{BASE}az/measures/{idd}/", f"{BASE}en/measures/{idd}/")
    by_id = {r["id"]: r for r in data["measures"]}
    judged = {mid: tuple(by_id[mid][k] for k in JUDGED) for mid in MEASURE_IDS}
    assert judged == JUDGEMENTS
    assert by_id["1.1"]["notes"] == ["2017-06-01-1-1-substantial", "2017-03-01-1-1-ngo", "2016-09-01-1-1-limited",
                                     "2016-05-01-1-1-start"]
    assert by_id["1.4"]["notes"] == [] and by_id["1.2"]["notes"] == ["2017-12-01-1-2-done", "2017-00-00-1-2-annual"]
    assert data["title"] == {"az": "Kiçik sınaq planı", "en": "Small test plan"}
    assert data["as_of"] == "2018-06-30"  # site.yaml's date, never a note's
    assert data["institutions"]["ministry-schwa"] == {"kind": "body", "name_az": "Ədliyyə Nazirliyi",
                                                      "name_en": "Ministry of Justice"}
    assert data["institutions"]["councils"]["kind"] == "group"


def test_csv_has_the_published_columns_and_the_same_values_as_json(mini):
    raw = mini.files["data/measures.csv"]
    assert raw.startswith("\ufeff".encode("utf-8"))
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert list(rows[0]) == CSV_COLUMNS
    assert rows[4]["amendments"] == "2017-10-13: The implementer was changed."
    data = json.loads(mini.files["data/measures.json"])["measures"]
    for row, record in zip(rows, data, strict=True):
        for key in CSV_COLUMNS:
            value = record[key]
            if key == "amendments":  # a cell per amendment: its date and English text
                value = [f"{a['date']}: {a['text_en']}" for a in value]
            expected = "; ".join(value) if isinstance(value, list) else "" if value is None else str(value)
            assert row[key] == expected, (record["id"], key)


# --- Feeds: every field ---------------------------------------------------------------------------

def _feed(mini, path):
    root = ET.fromstring(mini.files[path])
    entries = [{child.tag.removeprefix(ATOM): (child.get("href") if child.tag == ATOM + "link" else child.text)
                for child in e} for e in root.findall(ATOM + "entry")]
    return root, entries


def test_a_measure_feed_field_by_field(mini):
    root, entries = _feed(mini, "en/measures/1-1/feed.xml")
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    assert root.findtext(ATOM + "id") == "tag:open-government-az,2016:measure/1.1/en"
    assert root.findtext(ATOM + "title") == "Measure 1.1 — Small test plan"
    assert [(l.get("rel"), l.get("href")) for l in root.findall(ATOM + "link")] == [
        ("self", BASE + "en/measures/1-1/feed.xml"), ("alternate", BASE + "en/measures/1-1/")]
    assert root.findtext(ATOM + "updated") == "2017-06-01T00:00:00Z"  # the newest note of this feed
    assert root.findtext(f"{ATOM}author/{ATOM}name") == "Small test plan"
    assert entries[-1] == {
        "id": "tag:open-government-az,2016:note/2016-05-01-1-1-start/en", "title": "1.1: Not started",
        "link": BASE + "en/measures/1-1/#2016-05-01-1-1-start", "updated": "2016-05-01T00:00:00Z",
        "published": "2016-05-01T00:00:00Z", "content": "<p>Work has not begun.</p>\n"}


@pytest.mark.parametrize("path", ["en/feed.xml", "az/feed.xml", "en/measures/1-1/feed.xml",
                                  "az/institutions/ministry-c/feed.xml"])
def test_every_feed_entry_is_dated_by_its_note(mini, path):
    _, entries = _feed(mini, path)
    assert entries
    for e in entries:
        year, month, day = re.search(r"note/(\d{4})-(\d{2})-(\d{2})-", e["id"]).groups()
        first = f"{year}-{month.replace('00', '01')}-{day.replace('00', '01')}"  # 2018-01 -> its first day
        assert e["updated"] == e["published"] == f"{first}T00:00:00Z", e["id"]
        assert e["link"].endswith("#" + e["id"].split("/")[1])
    assert [e["updated"] for e in entries] == sorted((e["updated"] for e in entries), reverse=True)


def test_feed_languages_titles_and_an_empty_feed(mini):
    az_root, az = _feed(mini, "az/feed.xml")
    _, en = _feed(mini, "en/feed.xml")
    assert az_root.findtext(ATOM + "title") == "Kiçik sınaq planı"
    assert az_root.findtext(ATOM + "updated") == "2018-02-01T00:00:00Z"
    assert [e["title"] for e in az] == ["2.1.1: Xəbər", "2.1.1: Yanvar sorğusu", "1.5: Son gün tamamlanıb",
                                        "1.2: Elektron xidmətlərin vahid portalda göstərilməsi tamamlanıb: nazirliklərin "
                                        "hesabatlarına görə (https://www.e-gov.az/az/services/read/3/0)",
                                        "1.1: Əhəmiyyətli", "1.2: İllik hesabat", "1.1: Məhdud",
                                        "1.1: Başlanmayıb"]  # the en-only note is not here
    assert [e["title"] for e in en] == ["2.1.1: News", "2.1.1: January survey", "1.5: Completed on the last day",
                                        "1.1: Substantial", "1.1: Monitors found nothing", "1.2: Annual report",
                                        "1.1: Limited", "1.1: Not started"]  # the az-only note is not here
    assert [e["updated"] for e in en][1:6] == ["2018-01-01T00:00:00Z", "2017-12-31T00:00:00Z", "2017-06-01T00:00:00Z",
                                               "2017-03-01T00:00:00Z", "2017-01-01T00:00:00Z"]  # month, day, year
    inst, _ = _feed(mini, "az/institutions/ministry-schwa/feed.xml")
    assert inst.findtext(ATOM + "title") == "Ədliyyə Nazirliyi"
    assert inst.findtext(ATOM + "id") == "tag:open-government-az,2016:institution/ministry-schwa/az"
    empty, entries = _feed(mini, "en/measures/2-1-2/feed.xml")
    assert entries == [] and empty.findtext(ATOM + "updated") == "2016-04-27T00:00:00Z"  # the adoption date


def test_lists_of_measures_show_each_verdict_later_development_and_period(mini):
    items = [" ".join(li.get_text(" ", strip=True).split()) for li in mini.html("en/sections/1/").select("ul.measures > li")]
    assert items == [
        "1.1 First measure ○ Not yet due 2016–2018",
        "1.2 Yalnız Azərbaycan dilində adı olan tədbir (not yet translated) ? Deadline passed; no source found on "
        "completion Later: ● Completed 1 December 2017 2016",
        "1.3 Searched measure ? Deadline passed; no source found on completion 2016",
        "1.4 Measure without notes ? Deadline passed; no source found on completion 2016",
        "1.5 Measure completed on time ● Completed by the deadline 2017"]
