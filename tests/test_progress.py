"""Progress notes, statuses, summaries and feeds, on the small fixture site that exercises them all."""
from __future__ import annotations

import feedparser

from conftest import soup


def measure(mini_dir, lang, idd):
    return soup(mini_dir / lang / "measures" / idd / "index.html")


def test_notes_are_newest_first_with_ids_dates_and_kinds_of_source(mini_dir):
    doc = measure(mini_dir, "en", "1-1")
    notes = doc.select("article.note")
    assert [n["id"] for n in notes] == ["2017-06-01-1-1-substantial", "2017-03-01-1-1-ngo",
                                        "2016-09-01-1-1-limited", "2016-05-01-1-1-start"]
    assert notes[0].time["datetime"] == "2017-06-01"
    assert notes[0].time.get_text() == "1 June 2017"  # British English
    meta = [n.select_one(".note-meta").get_text(" ", strip=True) for n in notes[:2]]
    assert meta[0].startswith("Reported by: Ministry of Justice of the Republic of Azerbaijan (a state body’s own "
                              "publication) · Status given: ◑ Substantial · assessed by: government")
    assert meta[1].startswith("Reported by: Transparency Azerbaijan (a civil-society, academic or international source) · "
                              "Status given: – No evidence · assessed by: independent source")
    assert notes[0].select_one(".note-meta a")["href"] == "#2017-06-01-1-1-substantial"


def test_a_note_without_status_shows_its_kind_of_source_and_no_assessor(mini_dir):
    note = measure(mini_dir, "en", "2-1-1").select_one('[id="2018-02-01-2-1-1-news"]')
    assert note.select_one(".note-meta").get_text(" ", strip=True) == (
        "Reported by: AZERTAC (a news outlet) · Link to this note")
    assert not note.select(".assessed, [data-assessed-by]")


def test_an_editorial_status_is_shown_as_our_reading_in_both_languages(mini_dir):
    for lang, words in (("en", "assessed by: our reading of the sources"),
                        ("az", "qiymətləndirən: bu sayt (mənbələrə dair bizim şərhimiz)")):
        note = measure(mini_dir, lang, "2-1-1").select_one('[id="2018-01-00-2-1-1-survey"]')
        assert words in note.select_one(".note-meta").get_text(" ", strip=True)


def test_dates_are_formatted_for_each_language(mini_dir):
    assert measure(mini_dir, "az", "1-1").select_one("article.note time").get_text() == "1 iyun 2017"
    # British English, in the notes and in the page chrome alike
    assert measure(mini_dir, "en", "1-1").select_one("article.note time").get_text() == "1 June 2017"
    footer = measure(mini_dir, "en", "1-1").select_one("footer").get_text(" ", strip=True)
    assert "Sources last checked on 30 June 2018." in footer
    assert "approved on 27 April 2016" in footer


def test_a_month_only_date_shows_the_month_and_never_a_day(mini_dir):
    for lang, shown in (("en", "January 2018"), ("az", "Yanvar 2018")):  # a heading begins with a capital (az-ui review M9)
        note = measure(mini_dir, lang, "2-1-1").select_one('[id="2018-01-00-2-1-1-survey"]')
        assert note.h3.time.get_text() == shown
        assert note.h3.time["datetime"] == "2018-01"
    # in running text Azerbaijani writes the year as an ordinal with "il"
    evidence = measure(mini_dir, "az", "2-1-1").select_one(".evidence").get_text(" ", strip=True)
    assert "yanvar 2018-ci il tarixinə" in evidence


def test_a_year_only_date_shows_the_year(mini_dir):
    note = measure(mini_dir, "en", "1-2").select_one('[id="2017-00-00-1-2-annual"]')
    assert note.h3.time.get_text() == "2017" and note.h3.time["datetime"] == "2017"


def test_an_old_anchor_still_lands_on_the_renamed_note(mini_dir):
    doc = measure(mini_dir, "en", "2-1-1")
    old = doc.find(id="2018-01-01-2-1-1-survey")
    assert old is not None and old.find_parent("article")["id"] == "2018-01-00-2-1-1-survey"


def test_status_at_the_deadline_and_later_developments_are_shown_apart(mini_dir):
    # 1.2 (2016): completed only in December 2017, so not "completed" at its deadline
    doc = measure(mini_dir, "en", "1-2")
    assert doc.select_one(".status-row .badge").get_text(" ", strip=True) == (
        "? Deadline passed; no source found on completion")
    assert doc.select_one("dd.at-deadline").get_text(" ", strip=True).startswith(
        "? Deadline passed; no source found on completion")
    later = doc.select_one("dd.later-dev").get_text(" ", strip=True)
    assert later.startswith("● Completed as of 1 December 2017") and "independent source" in later


def test_late_means_a_source_shows_the_work_was_not_done(mini_dir):
    doc = measure(mini_dir, "en", "2-1-1")  # 2017; a January 2018 note finds it not started
    assert doc.select_one(".status-row .vd-late").get_text(" ", strip=True) == "✕ Not completed by the deadline"
    evidence = doc.select_one(".evidence")
    assert evidence.a["href"] == "#2018-01-00-2-1-1-survey"
    assert "Not started" in evidence.get_text()


def test_a_note_on_the_last_day_counts_at_the_deadline(mini_dir):
    doc = measure(mini_dir, "en", "1-5")
    assert doc.select_one(".status-row").get_text(" ", strip=True) == "● Completed by the deadline"
    assert doc.select_one("dd.at-deadline a")["href"] == "#2017-12-31-1-5-last-day"


def test_status_badges_do_not_rely_on_colour(mini_dir):
    badge = measure(mini_dir, "en", "1-1").select_one(".last-known .badge")
    assert badge.get_text(" ", strip=True) == "◑ Substantial"  # a shape and a word, whatever the colour
    assert "vd-due" in measure(mini_dir, "en", "1-1").select_one(".status-row .badge")["class"]


def test_a_measure_file_status_wins_and_names_its_assessor(mini_dir):
    text = measure(mini_dir, "en", "2-1-2").select_one("dd.at-deadline").get_text(" ", strip=True)
    assert "◔ Limited (set in the measure file for the whole period); assessed by: our reading" in text


def test_sentences_match_the_notes(mini_dir):
    searched = measure(mini_dir, "en", "1-3").select_one(".searched").get_text(" ", strip=True)
    assert searched == ("Our searches of a collection of stored public web pages, aimed at OGP, GRECO, and Turan, found "
                        "no public report on this measure (as of 30 June 2018).")
    az = measure(mini_dir, "az", "1-3").select_one(".searched").get_text(" ", strip=True)
    assert az.endswith("(30 iyun 2018-ci il tarixinə).") and "OGP, GRECO və Turan mənbələrinə" in az
    assert measure(mini_dir, "en", "1-4").select_one(".no-source")
    no_source = [m for m in ("1-1", "1-2", "1-3", "1-4", "1-5", "2-1-1", "2-1-2")
                 if measure(mini_dir, "en", m).select_one(".no-source")]
    assert no_source == ["1-4", "2-1-2"]  # exactly the measures with no notes and no recorded search
    assert not measure(mini_dir, "en", "1-2").select_one(".no-level")  # its notes give a level


def test_one_language_note_is_shown_marked_with_its_language(mini_dir):
    note = measure(mini_dir, "en", "1-2").select_one("article.note")
    assert "Only in Azerbaijani" in note.get_text()
    assert note.select_one('div[lang="az"]').get_text(strip=True) == "Yalnız Azərbaycan dilində olan qeyd."
    assert note.select_one('h3 span[lang="az"]').get_text().startswith("Elektron xidmətlərin vahid portalda")
    assert measure(mini_dir, "az", "1-1").select_one('[id="2017-03-01-1-1-ngo"] div[lang="en"]')


def test_missing_translation_is_marked_and_tagged(mini_dir):
    h1 = measure(mini_dir, "en", "1-2").h1
    assert h1.select_one('span[lang="az"]').get_text() == "Yalnız Azərbaycan dilində adı olan tədbir"
    assert "not yet translated" in h1.get_text()


def test_markdown_never_injects_html_or_script(mini_dir):
    note = measure(mini_dir, "en", "1-1").select_one('[id="2017-03-01-1-1-ngo"]')
    assert not note.find("script")
    assert "<script>" in note.get_text()  # shown as text, harmless
    assert not [a for a in note.select("a[href]") if a["href"].lower().startswith(("javascript:", "data:"))]
    assert note.find("h4").get_text() == "A heading inside a note"  # nested under the note's h3


def test_sources_link_to_an_archived_copy(mini_dir):
    items = measure(mini_dir, "en", "1-1").select('[id="2017-06-01-1-1-substantial"] .sources li a')
    assert items[0]["href"] == "https://example.org/source-2017-06-01"
    assert items[1]["href"] == "https://web.archive.org/web/20170601/https://example.org/source-2017-06-01"
    assert "external" in items[0]["rel"]


def test_summaries_count_late_and_no_evidence_apart(mini_dir):
    home = soup(mini_dir / "en/index.html")
    assert [s.get_text() for s in home.select(".chart .lbl")] == [
        "● Completed by the deadline — 1", "✕ Not completed by the deadline — 1",
        "? Deadline passed; no source found on completion — 3", "○ Not yet due — 2"]
    assert [li.get_text(" ", strip=True) for li in home.select("ul.totals li")] == [
        "7 measures", "completed by the deadline: 1", "not completed by the deadline: 1",
        "deadline passed, no source found on completion: 3", "not yet due: 2"]
    section = [s.get_text() for s in soup(mini_dir / "en/sections/2/index.html").select(".chart .lbl")]
    assert section == ["● Completed by the deadline — 0", "✕ Not completed by the deadline — 1",
                       "? Deadline passed; no source found on completion — 0", "○ Not yet due — 1"]
    az = [li.get_text(" ", strip=True) for li in soup(mini_dir / "az/index.html").select("ul.totals li")]
    assert az[2] == "müddətində tamamlanmayıb: 1"


def test_badge_svg_and_embed_snippet_carry_the_deadline_and_later(mini_dir):
    svg = (mini_dir / "en/measures/1-2/badge.svg").read_text("utf-8")
    assert svg.startswith("<svg")
    assert "Measure 1.2: Deadline passed; no source found on completion · later: Completed (2017)" in svg  # text alternative
    assert ">? Deadline passed; no source found on completion · later: Completed (2017)</text>" in svg  # drawn, with its symbol
    snippet = measure(mini_dir, "en", "2-1-2").select_one("#embed-code").get_text()
    assert 'src="https://mini.example/en/measures/2-1-2/badge.svg"' in snippet


def test_amendments_are_shown_with_date_and_source(mini_dir):
    item = measure(mini_dir, "en", "1-5").select_one("ul.amendments li")
    assert item.time["datetime"] == "2017-10-13" and item.time.get_text() == "13 October 2017"
    assert "The implementer was changed." in item.get_text()
    assert item.select_one("a.external")["href"] == "https://example.org/amendment-2017-10-13"


def test_open_data_carries_the_deadline_and_later_status(mini_dir):
    import json

    data = {m["id"]: m for m in json.loads((mini_dir / "data/measures.json").read_text("utf-8"))["measures"]}
    assert data["1.2"]["verdict"] == "unknown" and data["1.2"]["status_at_deadline"] is None
    assert (data["1.2"]["later_status"], data["1.2"]["later_status_date"],
            data["1.2"]["later_status_assessed_by"]) == ("completed", "2017-12-01", "independent")
    assert data["2.1.1"]["verdict"] == "late"
    assert data["2.1.1"]["late_evidence_note"] == "2018-01-00-2-1-1-survey"
    assert data["2.1.1"]["late_evidence_date"] == "2018-01"
    assert data["1.5"]["amendments"][0]["date"] == "2017-10-13"
    assert "overdue" not in data["1.1"]



def test_aliases_redirect_to_the_measure(mini_dir):
    doc = soup(mini_dir / "en/measures/2-9/index.html")
    assert doc.select_one('meta[http-equiv="refresh"]')["content"] == "0; url=../2-1-1/"


def test_feeds_are_valid_atom_with_stable_ids(mini_dir):
    feed = feedparser.parse((mini_dir / "en/feed.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "atom10"
    ids = [e.id for e in feed.entries]
    assert "tag:open-government-az,2016:note/2017-06-01-1-1-substantial/en" in ids
    assert len(ids) == 8  # the English notes; the Azerbaijani-only note is in az/feed.xml
    az = feedparser.parse((mini_dir / "az/feed.xml").read_bytes())
    assert len(az.entries) == 8 and not az.bozo
    # a note known to the month or the year is stamped with the first instant of that period
    stamps = {e.id.split("/")[1]: e.updated for e in feed.entries}
    assert stamps["2018-01-00-2-1-1-survey"] == "2018-01-01T00:00:00Z"
    assert stamps["2017-00-00-1-2-annual"] == "2017-01-01T00:00:00Z"
    one = feedparser.parse((mini_dir / "en/measures/1-1/feed.xml").read_bytes())
    assert len(one.entries) == 4 and not one.bozo
    inst = feedparser.parse((mini_dir / "en/institutions/ministry-c/feed.xml").read_bytes())
    assert {e.link.split("#")[0] for e in inst.entries} == {"https://mini.example/en/measures/1-1/"}


def test_pages_link_their_feeds(mini_dir):
    links = measure(mini_dir, "en", "1-1").select('link[type="application/atom+xml"]')
    assert [l["href"] for l in links] == ["../../feed.xml", "feed.xml"]
    inst = soup(mini_dir / "en/institutions/ministry-c/index.html")
    assert inst.select('link[type="application/atom+xml"]')[1]["href"] == "feed.xml"


def test_timeline_lists_notes_by_year_and_month(mini_dir):
    doc = soup(mini_dir / "en/timeline/index.html")
    heads = [h.get_text() for h in doc.select("#notes ~ h3, #notes ~ h4")]
    assert heads[:5] == ["2018", "February 2018", "January 2018", "2017", "December 2017"]
    assert "Month not known" in heads  # the note dated only "2017"
    az = [h.get_text() for h in soup(mini_dir / "az/timeline/index.html").select("#notes ~ h4")]
    assert "İyun 2017" in az and "Fevral 2018" in az  # capitalised the Azerbaijani way


def test_home_lists_latest_notes(mini_dir):
    items = soup(mini_dir / "en/index.html").select(".notes-list li")
    assert items[0].get_text(" ", strip=True).startswith("1 February 2018")


def test_az_institutions_follow_the_azerbaijani_alphabet(mini_dir):
    names = [a.get_text() for a in soup(mini_dir / "az/institutions/index.html").select("table.index th a")]
    assert names == ["Cəmiyyət Nazirliyi", "Çay Nazirliyi", "Elm Nazirliyi", "Ədliyyə Nazirliyi",
                     "Hesablama Palatası", "Xarici İşlər Nazirliyi", "Işıq Nazirliyi", "İqtisadiyyat Nazirliyi",
                     "Kənd Nazirliyi", "Qaz Nazirliyi", "Şuralar"]
