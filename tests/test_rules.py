"""The rules that turn content into claims (status precedence, the deadline boundary, warnings)
and escaping of every text an editor types, each on a variant of the mini fixture built in memory."""
from __future__ import annotations

import json
from xml.etree import ElementTree as ET

import pytest

from conftest import FIXTURES, variant


# --- Status at the deadline: precedence ------------------------------------------------------------

def note(measure: str, date: str, status: str | None = None, assessed_by: str = "independent") -> str:
    level = f"status: {status}\nassessed_by: {assessed_by}\n" if status else ""
    return (f'---\nmeasure: "{measure}"\ndate: {date}\nreported_by: independent\npublisher: "Transparency Azerbaijan"\n{level}title: "A note"\n'
            "sources: [https://example.org/x]\n---\nWhat the source says.\n")


def file_date(date: str) -> str:
    return (date + "-00-00")[:10] if len(date) < 10 else date


def test_a_status_in_the_measure_file_wins_over_the_notes(tmp_path):
    site = variant(tmp_path, [("measures/1.1.yaml", 'period: "2016-2018"',
                               'period: "2016-2018"\nstatus: completed\nassessed_by: editorial')])
    doc = site.html("en/measures/1-1/")
    assert doc.select_one(".status-row .badge").get_text(" ", strip=True) == "● Completed by the deadline"
    assert "Status given: ◑ Substantial" in doc.select_one('[id="2017-06-01-1-1-substantial"] .note-meta').get_text(
        " ", strip=True)  # each note still shows what it said
    record = json.loads(site.files["data/measures.json"])["measures"][0]
    assert (record["verdict"], record["status_at_deadline"], record["status_at_deadline_assessed_by"],
            record["status_at_deadline_note"]) == ("completed", "completed", "editorial", None)


def test_a_note_cannot_overrule_the_measure_files_status(tmp_path):
    site = variant(tmp_path, [("progress/2018-06-01-2-1-2-done.en.md", None, note("2.1.2", "2018-06-01", "completed"))])
    m = site.site.measures["2.1.2"]
    assert (m.status, m.verdict, m.judgement.at_deadline.assessed_by) == ("limited", "due", "editorial")


def test_without_a_measure_file_status_the_latest_note_by_the_deadline_decides(mini):
    # 1.1's notes, newest first: substantial (government), no-evidence (independent), ...
    j = mini.site.measures["1.1"].judgement
    assert (j.at_deadline.status, j.at_deadline.note_key) == ("substantial", "2017-06-01-1-1-substantial")
    # 2.1.1 has nothing by its deadline: not assessed at the deadline, never a guess
    assert mini.site.measures["2.1.1"].status == "not-assessed"


def test_a_later_note_without_status_does_not_clear_an_earlier_status(tmp_path):
    site = variant(tmp_path, [("progress/2018-01-15-1-1-news.en.md", None, note("1.1", "2018-01-15"))])
    assert site.site.measures["1.1"].status == "substantial"
    assert [n.key for n in site.site.measures["1.1"].notes][0] == "2018-01-15-1-1-news"


# --- The deadline boundary: 31 December of the period's last year ----------------------------------

@pytest.mark.parametrize("date,status,verdict,later", [
    ("2016-12-31", "completed", "completed", None),  # the last day counts at the deadline
    ("2016-12", "completed", "completed", None),  # so does every day of December 2016 …
    ("2016", "completed", "completed", None),  # … and of 2016
    ("2017-01-01", "completed", "unknown", "completed"),  # a day later: a later development only
    ("2017-01", "completed", "unknown", "completed"),
    ("2017-01-01", "limited", "late", "limited"),  # unfinished after the deadline: late, with evidence
    ("2017", "not-started", "late", "not-started"),
    ("2016-12-31", "limited", "late", None),  # unfinished on the last day is late, and it is the status at the deadline
    ("2016-12", "limited", "unknown", None),  # December 2016 may mean the 1st: the work could still be done in time
])
def test_a_note_counts_at_the_deadline_only_if_every_day_it_may_mean_is_by_then(tmp_path, date, status, verdict,
                                                                                 later):
    site = variant(tmp_path, [(f"progress/{file_date(date)}-1-4-source.en.md", None, note("1.4", date, status))])
    m = site.site.measures["1.4"]  # period 2016, no other notes
    assert m.verdict == verdict
    assert (m.judgement.later.status if m.judgement.later else None) == later


@pytest.mark.parametrize("as_of,verdicts", [
    ("2018-12-31", {"1.1": "due", "2.1.2": "due"}),  # the deadline day itself: still due
    ("2019-01-01", {"1.1": "unknown", "2.1.2": "late"}),  # substantial before the deadline is no evidence of
])                                                          # lateness; the measure file's 'limited' judges the period
def test_a_measure_is_due_until_its_deadline_has_passed(tmp_path, as_of, verdicts):
    site = variant(tmp_path, [("site.yaml", "as_of: 2018-06-30", f"as_of: {as_of}")])
    assert {mid: site.site.measures[mid].verdict for mid in verdicts} == verdicts
    records = {r["id"]: r for r in json.loads(site.files["data/measures.json"])["measures"]}
    assert {mid: records[mid]["verdict"] for mid in verdicts} == verdicts
    assert records["1.5"]["verdict"] == "completed"  # completed by its deadline stays completed


def test_the_page_names_the_deadline_and_the_evidence(mini):
    doc = mini.html("en/measures/2-1-1/")
    assert doc.select_one("dl.judgement dt").get_text() == "At the deadline (31 December 2017)"
    assert doc.select_one(".status-row .badge")["title"] == "The measure was not completed in full by the deadline; below is who judged so, and from which source."
    evidence = doc.select_one("dl.judgement .evidence")
    assert evidence.get_text(" ", strip=True) == ("Evidence that it was not completed in full by the deadline: ○ Not started as of "
                                                  "January 2018 ; assessed by: our reading of the sources")
    assert mini.html("en/measures/1-1/").select_one("dl.judgement dt").get_text() == "At the deadline (31 December 2018)"


# --- Warnings an editor relies on ------------------------------------------------------------------

def test_a_note_with_an_empty_sources_list_warns_in_each_language(tmp_path):
    edits = [(f"progress/2016-09-01-1-1-limited.{lang}.md", "sources:\n  - https://example.org/source-2016-09-01\n",
              "sources:\n") for lang in ("az", "en")]
    site = variant(tmp_path, edits)
    warnings = [str(w).split("/content-0/", 1)[1] for w in site.problems.warnings]
    for lang in ("az", "en"):
        assert (f"progress/2016-09-01-1-1-limited.{lang}.md:8: warning: the note cites no source; add the "
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
    ("en/measures/1-1/", "article.note h3", "1 June 2017: " + TRICKY["note"]),
    ("en/measures/1-2/", "h1 span[lang=az]", TRICKY["az-only"]),
    ("en/sections/1/", "ul.measures .mt", TRICKY["measure"]),
    ("en/sections/1/", "h1", "1 " + TRICKY["section"]),
    ("en/institutions/ministry-c/", "h1", TRICKY["institution"]),
    ("en/institutions/", 'table.index th a[href="ministry-c/"]', TRICKY["institution"]),
    ("en/timeline/", "tr.group a", "1. " + TRICKY["section"]),
    ("en/", "h1", TRICKY["site"]),
    ("en/", ".notes-list li:nth-of-type(5) a", "1 June 2017 Measure 1.1: " + TRICKY["note"]),
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
    assert doc.select_one('meta[name="description"]')["content"] == f"Status: Not yet due. Substantial. {TRICKY['measure']}"
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


@pytest.mark.parametrize("date", ["2018-06-30", "2018-06", "2018"])
def test_a_note_dated_up_to_as_of_builds(tmp_path, date):
    """as_of is 2018-06-30: a later day is refused (test_bad_input), that day, its month and year are not."""
    name = f"progress/{file_date(date)}-1-4-source.en.md"
    site = variant(tmp_path, [(name, None, note("1.4", date, "completed"))])
    assert [n.key for n in site.site.measures["1.4"].notes] == [name[9:-6]]


def test_evidence_of_lateness_and_later_developments_are_told_apart(tmp_path):
    """9.4's case: not done by the deadline (the survey of January 2018), done long after (2019)."""
    site = variant(tmp_path, [("site.yaml", "as_of: 2018-06-30", "as_of: 2019-06-30"),  # a note is never after as_of
                              ("progress/2019-05-01-2-1-1-done.en.md", None, note("2.1.1", "2019-05-01", "completed"))])
    doc = site.html("en/measures/2-1-1/")
    assert [a["href"] for a in doc.select("dl.judgement .evidence a")] == ["#2018-01-00-2-1-1-survey"]
    assert [a["href"] for a in doc.select("dl.judgement .later-dev a")] == ["#2019-05-01-2-1-1-done"]
    assert doc.select_one(".status-row").get_text(" ", strip=True) == (
        "✕ Not completed by the deadline Later: ● Completed 1 May 2019")
    record = {r["id"]: r for r in json.loads(site.files["data/measures.json"])["measures"]}["2.1.1"]
    assert (record["verdict"], record["late_evidence_note"], record["later_status"], record["later_status_date"]) == (
        "late", "2018-01-00-2-1-1-survey", "completed", "2019-05-01")


# --- Amendments that change the implementers ------------------------------------------------------

def test_an_amendment_that_changes_the_implementer_lists_the_new_body_from_its_date(tmp_path):
    """7.1's rule on the mini fixture: the amendment's implementers replace the earlier ones from its
    date, on the measure page, both institution pages and in the data (factcheck 6-11 M10)."""
    site = variant(tmp_path, [("measures/1.5.yaml", "  - date: 2017-10-13\n",
                               "  - date: 2017-10-13\n    implementers: [ministry-q]\n")])
    for lang, until, since in (("en", "implementer until 13 October 2017", "implementer from 13 October 2017"),
                               ("az", "13 oktyabr 2017-ci il tarixinədək icraçı",
                                "13 oktyabr 2017-ci il tarixindən icraçı")):
        bodies = [li.get_text(" ", strip=True) for li in site.html(f"{lang}/measures/1-5/").select(".bodies li")]
        assert until in bodies[0] and since in bodies[1], bodies
        old = site.html(f"{lang}/institutions/ministry-e/").select_one('a[href$="measures/1-5/"]').parent
        new = site.html(f"{lang}/institutions/ministry-q/").select_one('a[href$="measures/1-5/"]').parent
        assert until in old.get_text(" ", strip=True) and since in new.get_text(" ", strip=True)
    data = {m["id"]: m for m in json.loads(site.text("data/measures.json"))["measures"]}
    assert data["1.5"]["implementers"] == ["ministry-e", "ministry-q"]
    assert data["1.5"]["amendments"][0]["implementers"] == ["ministry-q"]
    bodies = {i["id"]: i for i in json.loads(site.text("data/institutions.json"))["institutions"]}
    assert "1.5" in bodies["ministry-q"]["implementer_of"] and "1.5" in bodies["ministry-e"]["implementer_of"]


def test_an_amendment_naming_an_unknown_body_is_an_error(tmp_path):
    from napsite.build import build
    import shutil
    from conftest import FIXTURES as F
    content = tmp_path / "c"
    shutil.copytree(F / "mini", content)
    f = content / "measures/1.5.yaml"
    f.write_text(f.read_text("utf-8").replace("  - date: 2017-10-13\n", "  - date: 2017-10-13\n    implementers: [no-such-body]\n"), "utf-8")
    result = build(content, "https://mini.example/")
    assert any("unknown institution 'no-such-body'" in str(p) for p in result.problems.errors), result.problems
