"""Progress notes, statuses, summaries and feeds, on the small fixture site that exercises them all."""
from __future__ import annotations

import feedparser

from conftest import soup


def measure(mini_dir, lang, idd):
    return soup(mini_dir / lang / "measures" / idd / "index.html")


def test_notes_are_newest_first_with_ids_dates_and_assessors(mini_dir):
    doc = measure(mini_dir, "en", "1-1")
    notes = doc.select("article.note")
    assert [n["id"] for n in notes] == ["2017-06-01-1-1-substantial", "2017-03-01-1-1-ngo",
                                        "2016-09-01-1-1-limited", "2016-05-01-1-1-start"]
    assert notes[0].time["datetime"] == "2017-06-01"
    assert notes[0].time.get_text() == "1 June 2017"
    assert "Government" in notes[0].select_one(".note-meta").get_text()
    assert "Independent" in notes[1].select_one(".note-meta").get_text()
    assert notes[0].select_one(".note-meta a")["href"] == "#2017-06-01-1-1-substantial"


def test_dates_are_formatted_for_each_language(mini_dir):
    assert measure(mini_dir, "az", "1-1").select_one("article.note time").get_text() == "1 iyun 2017"
    # British English, in the notes and in the page chrome alike
    assert measure(mini_dir, "en", "1-1").select_one("article.note time").get_text() == "1 June 2017"
    footer = measure(mini_dir, "en", "1-1").select_one("footer").get_text(" ", strip=True)
    assert "Information as of 1 February 2018." in footer
    assert "approved on 27 April 2016" in footer


def test_official_and_independent_status_shown_side_by_side(mini_dir):
    doc = measure(mini_dir, "en", "1-1")
    rows = doc.select("dl.assessments dd")
    labels = [dt.get_text() for dt in doc.select("dl.assessments dt")]
    assert labels == ["Government", "Independent"]
    assert "Substantial" in rows[0].get_text() and "1 June 2017" in rows[0].get_text()
    assert "No evidence" in rows[1].get_text() and "1 March 2017" in rows[1].get_text()
    # the headline follows the latest note that sets a status
    assert doc.select_one(".status-row .badge").get_text(" ", strip=True) == "◑ Substantial"


def test_status_badges_do_not_rely_on_colour(mini_dir):
    badge = measure(mini_dir, "en", "2-1-2").select_one(".status-row .badge")
    assert badge.get_text(" ", strip=True) == "◔ Limited"  # a shape and a word, whatever the colour
    assert "not-assessed" in measure(mini_dir, "en", "2-1-1").select_one(".status-row .badge")["class"][1]


def test_overdue_is_computed_from_the_content_date(mini_dir):
    # the latest note is dated 2018-02-01: 1.2 (2016, completed) is not overdue; 2.1.1 (2017, no status) is
    assert measure(mini_dir, "en", "2-1-1").select_one(".overdue")
    assert not measure(mini_dir, "en", "1-2").select_one(".overdue")
    assert not measure(mini_dir, "en", "1-1").select_one(".overdue")  # runs to 2018


def test_one_language_note_is_shown_marked_with_its_language(mini_dir):
    note = measure(mini_dir, "en", "1-2").select_one("article.note")
    assert "Only in Azerbaijani" in note.get_text()
    assert note.select_one('div[lang="az"]').get_text(strip=True) == "Yalnız Azərbaycan dilində olan qeyd."
    assert note.select_one('h3 span[lang="az"]').get_text() .startswith("Elektron xidmətlərin vahid portalda")
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


def test_summaries_count_every_status(mini_dir):
    title = soup(mini_dir / "en/index.html").select_one(".chart svg title").get_text()
    assert title == ("Not yet assessed: 1; No evidence: 0; Not started: 0; Limited: 1; Substantial: 1; "
                     "Completed: 1")
    section = soup(mini_dir / "en/sections/2/index.html").select_one(".chart svg title").get_text()
    assert "Limited: 1" in section and "Not yet assessed: 1" in section


def test_badge_svg_and_embed_snippet(mini_dir):
    svg = (mini_dir / "en/measures/2-1-2/badge.svg").read_text("utf-8")
    assert "Measure 2.1.2: Limited" in svg and svg.startswith("<svg")
    snippet = measure(mini_dir, "en", "2-1-2").select_one("#embed-code").get_text()
    assert 'src="https://mini.example/en/measures/2-1-2/badge.svg"' in snippet


def test_aliases_redirect_to_the_measure(mini_dir):
    doc = soup(mini_dir / "en/measures/2-9/index.html")
    assert doc.select_one('meta[http-equiv="refresh"]')["content"] == "0; url=../2-1-1/"


def test_feeds_are_valid_atom_with_stable_ids(mini_dir):
    feed = feedparser.parse((mini_dir / "en/feed.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "atom10"
    ids = [e.id for e in feed.entries]
    assert "tag:open-government-az,2016:note/2017-06-01-1-1-substantial/en" in ids
    assert len(ids) == 5  # the English notes; the Azerbaijani-only note is in az/feed.xml
    az = feedparser.parse((mini_dir / "az/feed.xml").read_bytes())
    assert len(az.entries) == 5 and not az.bozo
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
    assert heads[:3] == ["2018", "February 2018", "2017"]


def test_home_lists_latest_notes(mini_dir):
    items = soup(mini_dir / "en/index.html").select(".notes-list li")
    assert items[0].get_text(" ", strip=True).startswith("1 February 2018")


def test_az_institutions_follow_the_azerbaijani_alphabet(mini_dir):
    names = [a.get_text() for a in soup(mini_dir / "az/institutions/index.html").select("table.index th a")]
    assert names == ["Cəmiyyət Nazirliyi", "Çay Nazirliyi", "Elm Nazirliyi", "Ədliyyə Nazirliyi",
                     "Hesablama Palatası", "Xarici İşlər Nazirliyi", "Işıq Nazirliyi", "İqtisadiyyat Nazirliyi",
                     "Kənd Nazirliyi", "Qaz Nazirliyi", "Şuralar"]
