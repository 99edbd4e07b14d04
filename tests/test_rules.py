"""The rules that turn content into claims (status precedence, the deadline boundary, warnings)
and escaping of every text an editor types, each on a variant of the mini fixture built in memory."""
from __future__ import annotations

import datetime as dt
import json
from xml.etree import ElementTree as ET

import pytest

from conftest import FIXTURES, variant


# --- Status precedence ------------------------------------------------------------------------

def test_a_status_in_the_measure_file_wins_over_the_notes(tmp_path):
    site = variant(tmp_path, [("measures/1.1.yaml", 'period: "2016-2018"', 'period: "2016-2018"\nstatus: completed')])
    doc = site.html("en/measures/1-1/")
    assert doc.select_one(".status-row .badge").get_text(" ", strip=True) == "● Completed"
    rows = [dd.get_text(" ", strip=True) for dd in doc.select("dl.assessments dd")]
    assert rows == ["◑ Substantial as of June 1, 2017", "– No evidence as of March 1, 2017"]  # the notes' own
    record = json.loads(site.files["data/measures.json"])["measures"][0]
    assert (record["status"], record["official_status"], record["independent_status"]) == (
        "completed", "substantial", "no-evidence")


def test_without_a_declared_status_the_latest_note_that_sets_one_decides(mini):
    # 1.1's notes, newest first: substantial (government), no-evidence (independent), ...
    assert mini.site.measures["1.1"].status == "substantial"
    # 2.1.1's only note sets no status: not assessed, never a guess
    assert mini.site.measures["2.1.1"].status == "not-assessed"
    assert mini.site.measures["2.1.1"].official is None and mini.site.measures["2.1.1"].independent is None


def test_a_later_note_without_status_does_not_clear_an_earlier_status(tmp_path):
    note = "---\nmeasure: \"1.1\"\ndate: 2018-01-15\ntitle: \"Later news\"\nsources: [https://example.org/x]\n---\nNews.\n"
    site = variant(tmp_path, [("progress/2018-01-15-1-1-news.en.md", None, note)])
    assert site.site.measures["1.1"].status == "substantial"
    assert [n.key for n in site.site.measures["1.1"].notes][0] == "2018-01-15-1-1-news"


# --- The deadline boundary: a measure is late only after 31 December of its last year ----------------

def build_as_of(tmp_path, monkeypatch, day: dt.date):
    """The mini site as it stands on `day` (the content's own 'today')."""
    epoch = int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc).timestamp())
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(epoch))
    return variant(tmp_path)


@pytest.mark.parametrize("day,late", [(dt.date(2017, 12, 31), False), (dt.date(2018, 1, 1), True)])
def test_a_measure_is_overdue_from_the_day_after_its_period(tmp_path, monkeypatch, day, late):
    site = build_as_of(tmp_path, monkeypatch, day)
    doc = site.html("en/measures/2-1-1/")  # period 2017, no status
    assert bool(doc.select_one(".status-row .overdue")) is late
    assert site.site.measures["2.1.1"].overdue is late
    records = {r["id"]: r for r in json.loads(site.files["data/measures.json"])["measures"]}
    assert records["2.1.1"]["overdue"] is late
    assert records["1.2"]["overdue"] is False  # completed: never overdue, though its period (2016) is over
    assert records["1.1"]["overdue"] is False  # runs to 2018
    total = site.html("en/").select_one(".totals").get_text()
    assert total == ("4 measures; 1 overdue." if late else "4 measures.")


def test_after_the_plan_only_completed_measures_are_not_overdue(tmp_path, monkeypatch):
    site = build_as_of(tmp_path, monkeypatch, dt.date(2019, 1, 1))
    assert {m.id: m.overdue for m in site.site.measures.values()} == {
        "1.1": True, "1.2": False, "2.1.1": True, "2.1.2": True}  # substantial and limited are not done
    label = site.html("en/measures/1-1/").select_one(".overdue")
    assert label["title"] == "The period ended on 31 December 2018 and no source says the measure was completed."
    assert site.html("en/").select_one(".totals").get_text() == "4 measures; 3 overdue."


def test_the_overdue_label_names_the_last_day_of_the_period(mini):
    label = mini.html("en/measures/2-1-1/").select_one(".overdue")
    assert label.get_text(" ", strip=True) == "⚠ Overdue"
    assert label["title"] == "The period ended on 31 December 2017 and no source says the measure was completed."


# --- Warnings an editor relies on ------------------------------------------------------------------

def test_a_note_with_an_empty_sources_list_warns_in_each_language(tmp_path):
    edits = [(f"progress/2016-09-01-1-1-limited.{lang}.md", "sources:\n  - https://example.org/source-2016-09-01\n",
              "sources:\n") for lang in ("az", "en")]
    site = variant(tmp_path, edits)
    warnings = [str(w).split("/content-0/", 1)[1] for w in site.problems.warnings]
    for lang in ("az", "en"):
        assert (f"progress/2016-09-01-1-1-limited.{lang}.md:6: warning: the note cites no source; add the "
                "evidence under 'sources:' so that readers can check it") in warnings


def test_the_mini_fixture_warns_only_about_its_deliberate_gaps(mini):
    got = sorted(str(w).split("mini/", 1)[1] for w in mini.problems.warnings)
    assert got == [
        "measures/1.2.yaml:3: warning: the title of measure 1.2: no English text yet; the other language is "
        "shown, marked as not yet translated",
        "measures/1.2.yaml:7: warning: the indicators of measure 1.2: no English text yet; the other language is "
        "shown, marked as not yet translated"]


# --- Escaping: every text an editor types is shown as text --------------------------------------------

TRICKY = {
    "measure": "First <b>measure</b> & “you”",
    "indicator": "Indicator <i>one</i> & two",
    "institution": "Ministry of <b>Society</b> & Co",
    "section": "First <b>section</b> & more",
    "note": "Sub<b>stantial</b> & done",
    "page": "About <b>the</b> plan & more",
    "site": "Small <b>test</b> plan & co",
    "az-only": "Yalnız <b>Azərbaycan</b> & tədbir",
}


@pytest.fixture(scope="module")
def tricky(tmp_path_factory):
    t = TRICKY
    return variant(tmp_path_factory.mktemp("tricky"), [
        ("measures/1.1.yaml", 'en: "First measure"', f'en: "{t["measure"]}"'),
        ("measures/1.1.yaml", 'en: "Indicator"', f'en: "{t["indicator"]}"'),
        ("measures/1.2.yaml", '"Yalnız Azərbaycan dilində adı olan tədbir"', f'"{t["az-only"]}"'),
        ("institutions.yaml", '"Ministry of Society"', f'"{t["institution"]}"'),
        ("sections.yaml", '"First section"', f'"{t["section"]}"'),
        ("progress/2017-06-01-1-1-substantial.en.md", 'title: "Substantial"', f'title: "{t["note"]}"'),
        ("pages/about.en.md", 'title: "About the plan"', f'title: "{t["page"]}"'),
        ("site.yaml", 'en: "Small test plan"', f'en: "{t["site"]}"'),
    ])


def test_no_page_turns_typed_text_into_markup(tricky):
    for path in tricky.pages():
        doc = tricky.html(path)
        assert not doc.find(["b", "i"]), f"{path}: text became markup"


@pytest.mark.parametrize("path,selector,text", [
    ("en/measures/1-1/", "h1", TRICKY["measure"]),
    ("en/measures/1-1/", "dl.facts dd:nth-of-type(3)", TRICKY["indicator"]),
    ("en/measures/1-1/", "ul.bodies li a", TRICKY["institution"]),
    ("en/measures/1-1/", "dl.facts dd a", "1 " + TRICKY["section"]),
    ("en/measures/1-1/", "article.note h3", "June 1, 2017: " + TRICKY["note"]),
    ("en/measures/1-2/", "h1 span[lang=az]", TRICKY["az-only"]),
    ("en/sections/1/", "ul.measures .mt", TRICKY["measure"]),
    ("en/sections/1/", "h1", "1 " + TRICKY["section"]),
    ("en/institutions/ministry-c/", "h1", TRICKY["institution"]),
    ("en/institutions/", 'table.index th a[href="ministry-c/"]', TRICKY["institution"]),
    ("en/timeline/", "tr.group a", "1. " + TRICKY["section"]),
    ("en/", "h1", TRICKY["site"]),
    ("en/", ".notes-list li:nth-of-type(3) a", "June 1, 2017 · Measure 1.1: " + TRICKY["note"]),
    ("en/about/", "h1", TRICKY["page"]),
    ("en/about/", ".crumbs li[aria-current]", TRICKY["page"]),
    ("en/institutions/ministry-c/", ".crumbs li[aria-current]", TRICKY["institution"]),
    ("en/about/", "header a.brand", TRICKY["site"]),
])
def test_typed_text_is_shown_literally(tricky, path, selector, text):
    assert " ".join(tricky.html(path).select_one(selector).get_text().split()) == text


def test_titles_and_descriptions_show_typed_text_literally(tricky):
    doc = tricky.html("en/measures/1-1/")
    assert doc.title.get_text() == f"Measure 1.1: {TRICKY['measure']} — {TRICKY['site']}"
    assert doc.select_one('meta[name="description"]')["content"] == TRICKY["measure"]
    assert tricky.html("en/about/").title.get_text() == f"{TRICKY['page']} — {TRICKY['site']}"


def test_feeds_and_data_carry_typed_text_literally(tricky):
    atom = "{http://www.w3.org/2005/Atom}"
    feed = ET.fromstring(tricky.files["en/measures/1-1/feed.xml"])
    assert feed.findtext(f"{atom}author/{atom}name") == TRICKY["site"]
    assert feed.find(f"{atom}entry").findtext(f"{atom}title") == "1.1: " + TRICKY["note"]
    inst = ET.fromstring(tricky.files["en/institutions/ministry-c/feed.xml"])
    assert inst.findtext(f"{atom}title") == TRICKY["institution"]
    data = json.loads(tricky.files["data/measures.json"])
    assert data["measures"][0]["title_en"] == TRICKY["measure"]
    assert data["institutions"]["ministry-c"]["name_en"] == TRICKY["institution"]
    assert TRICKY["measure"] in tricky.files["data/measures.csv"].decode("utf-8-sig")


def test_the_fixture_itself_is_unchanged():
    """The tricky texts live only in variants: the mini fixture stays what other tests pin."""
    assert 'en: "First measure"' in (FIXTURES / "mini/measures/1.1.yaml").read_text("utf-8")
