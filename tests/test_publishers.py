"""Who published each note's source (issue 17): `reported_by` says what kind of body the publisher is
(government, press or independent) and `publisher` names it. tests/publishers.yaml says, for every site
the notes cite, who publishes it and what kind of body that is; every real note is held to it."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from urllib.parse import urlparse

import openpyxl
import pytest
import yaml

from conftest import CONTENT, soup
from napsite.model import REPORTERS, Note

TABLE = yaml.safe_load((Path(__file__).parent / "publishers.yaml").read_text("utf-8"))


def _host(url: str) -> str:
    host = urlparse(url).netloc.lower().rstrip(".")
    return host.removeprefix("www.")


def _front_matters() -> dict[str, dict[str, dict]]:
    """stem -> lang -> front matter, read straight from content/progress/."""
    notes: dict[str, dict[str, dict]] = {}
    for path in sorted((CONTENT / "progress").glob("*.md")):
        stem, lang, _ = path.name.rsplit(".", 2)
        notes.setdefault(stem, {})[lang] = yaml.safe_load(path.read_text("utf-8").split("---\n")[1])
    return notes


NOTES = _front_matters()


def test_the_table_is_consistent():
    assert set(TABLE["publishers"].values()) == set(REPORTERS)
    for name in [*TABLE["sites"].values(), *TABLE["documents"]]:
        assert name in TABLE["publishers"], name
    assert not set(TABLE["sites"]) & set(TABLE["mirrors"])
    # honest about state media: a state-owned news agency is press, not government
    for agency in ("APA", "Trend", "Report.az", "Turan", "MENAFN", "AzVision.az"):
        assert TABLE["publishers"][agency] == "press", agency


def test_every_real_note_names_its_publisher_and_both_files_of_a_pair_agree():
    assert len(NOTES) >= 100
    for stem, versions in NOTES.items():
        assert set(versions) == {"az", "en"}, stem
        az, en = versions["az"], versions["en"]
        assert az["reported_by"] in REPORTERS, stem
        assert isinstance(az["publisher"], str) and az["publisher"].strip(), stem
        assert (az["reported_by"], az["publisher"]) == (en["reported_by"], en["publisher"]), stem


@pytest.mark.parametrize("stem", sorted(NOTES))
def test_reported_by_is_the_kind_of_the_publisher_of_one_of_the_notes_sources(stem):
    fm = NOTES[stem]["en"]
    hosts = [_host(url) for url in fm.get("sources") or ()]
    unknown = [h for h in hosts if h not in TABLE["sites"] and h not in TABLE["mirrors"]]
    assert not unknown, f"{stem}: add these sites to tests/publishers.yaml with their publisher and kind: {unknown}"
    publishers = {TABLE["sites"][h] for h in hosts if h in TABLE["sites"]}
    if any(h in TABLE["mirrors"] for h in hosts):  # a copy of a document: its issuer published it
        publishers |= set(TABLE["documents"])
    assert fm["publisher"] in publishers, f"{stem}: publisher {fm['publisher']!r} publishes none of {hosts}"
    assert fm["reported_by"] == TABLE["publishers"][fm["publisher"]], stem
    if fm["reported_by"] == "press":  # a press note rests on a news site it cites, never on a mirror
        assert any(TABLE["sites"].get(h) == fm["publisher"] for h in hosts), stem


def test_the_notes_the_reviews_named_are_labelled_by_their_publisher():
    expect = {  # factcheck 6-11 M5, translation review M21, factcheck 1-5 L11/L12, sources review F201
        "2017-01-13-8-5-mp-ethics-law-being-drafted": ("press", "AzVision.az"),
        "2017-06-30-8-5-mp-ethics-law-adopted": ("press", "Report.az"),
        "2017-05-16-6-2-3-municipal-ethics-law-second-reading": ("press", "Report.az"),
        "2023-10-20-9-4-competition-code-second-reading": ("press", "MENAFN"),
        "2024-01-23-9-4-competition-code-signed-into-law": ("press", "MENAFN"),
        "2021-02-18-9-4-competition-code-still-being-reworked": ("press", "Azerbaijan News Gazette"),
        "2017-10-20-9-5-criminal-code-amended-by-law-816-vqd": ("press", "Audit.az"),
        "2019-02-11-11-3-cabinet-2018-report-scheduled": ("press", "neqliyyat.com"),
        "2018-03-16-11-3-cabinet-2017-report-on-majlis-agenda": ("government", "Milli Majlis of the Republic of Azerbaijan"),
        "2019-02-19-2-3-buildings-not-commissioned-2019": ("press", "Turan"),
        "2019-06-19-8-5-greco-welcomes-mp-ethics-law": ("press", "Turan"),
        "2018-12-06-6-2-1-goychay-ethics-trainings-for-municipal-servants": ("independent", "Bələdiyyələrin fəaliyyətinin təbliği"),
        "2017-02-00-4-1-3-platform-regional-presentations":  # review-fc M1
            ("independent", "Open Government Initiative Government – Civil Society Dialogue Platform"),
        "2017-08-01-4-1-3-platform-project-results":  # review-fc M1
            ("independent", "Open Government Initiative Government – Civil Society Dialogue Platform"),
        "2017-05-22-4-1-3-platform-meeting-membership": ("government", "Commission on Combating Corruption of the Republic of Azerbaijan"),
        "2016-00-00-4-1-1-ngo-council-2016-activity-report":
            ("government", "Council on State Support to Non-Governmental Organizations under the President of the Republic of Azerbaijan"),
        "2017-06-29-4-1-2-ogp-credits-grant-one-stop-shop": ("independent", "Open Government Partnership"),
    }
    for stem, (kind, name) in expect.items():
        for lang in ("az", "en"):
            assert (NOTES[stem][lang]["reported_by"], NOTES[stem][lang]["publisher"]) == (kind, name), (stem, lang)
    kinds = {fm["en"]["reported_by"] for fm in NOTES.values()}
    assert kinds == set(REPORTERS)


def test_the_model_carries_the_publisher(real_model):
    by_key = {n.key: n for n in real_model.notes}
    assert len(by_key) == len(NOTES)
    for stem, versions in NOTES.items():
        assert (by_key[stem].reported_by, by_key[stem].publisher) == (versions["en"]["reported_by"],
                                                                        versions["en"]["publisher"])


def test_the_language_of_a_publishers_name():
    def lang(name):
        return Note(key="k", measure_id="1.1", date=None, reported_by="press", status=None, assessed_by=None,
                    sources=(), title=None, body_html=None, publisher=name).publisher_lang
    assert lang("Ədliyyə Nazirliyi") == "az" and lang("İki Sahil") == "az"
    assert lang("Ministry of Justice of the Republic of Azerbaijan") == "en"
    assert lang("AZERTAC") is None and lang("Report.az") is None


# --- the measure page ------------------------------------------------------------------------------

def _meta(mini_dir, lang, idd, key):
    note = soup(mini_dir / lang / "measures" / idd / "index.html").select_one(f'[id="{key}"]')
    return note.select_one(".note-meta .reported")


def test_the_page_shows_the_publisher_and_its_kind_in_both_languages(mini_dir):
    cases = {
        ("en", "2-1-1", "2018-02-01-2-1-1-news"): "Reported by: AZERTAC (a news outlet)",
        ("az", "2-1-1", "2018-02-01-2-1-1-news"): "Dərc edən: AZERTAC (xəbər agentliyi / media)",
        ("en", "1-1", "2017-03-01-1-1-ngo"): "Reported by: Transparency Azerbaijan (a civil-society, academic or international source)",
        ("en", "1-1", "2017-06-01-1-1-substantial"):
            "Reported by: Ministry of Justice of the Republic of Azerbaijan (a state body’s own publication)",
        ("az", "1-1", "2017-06-01-1-1-substantial"):
            "Dərc edən: Ministry of Justice of the Republic of Azerbaijan (dövlət qurumunun öz nəşri)",
        ("az", "2-1-1", "2018-01-00-2-1-1-survey"): "Dərc edən: Open Government Partnership (vətəndaş cəmiyyəti, akademik və ya beynəlxalq mənbə)",
        ("en", "1-1", "2016-09-01-1-1-limited"): "Reported by: Ədliyyə Nazirliyi (a state body’s own publication)",
    }
    for (lang, idd, key), text in cases.items():
        reported = _meta(mini_dir, lang, idd, key)
        assert reported.get_text(" ", strip=True) == text, (lang, key)
    kinds = {_meta(mini_dir, "en", i, k)["data-reported-by"] for (_, i, k) in cases}
    assert kinds == set(REPORTERS)


def test_a_publishers_name_in_the_other_language_is_marked(mini_dir):
    def publisher(lang, idd, key):
        return _meta(mini_dir, lang, idd, key).select_one(".publisher")
    assert publisher("az", "1-1", "2017-06-01-1-1-substantial")["lang"] == "en"
    assert publisher("en", "1-1", "2017-06-01-1-1-substantial").get("lang") is None
    assert publisher("en", "1-1", "2016-09-01-1-1-limited")["lang"] == "az"
    assert publisher("az", "1-1", "2016-09-01-1-1-limited").get("lang") is None
    for lang in ("az", "en"):  # a brand reads the same in both
        assert publisher(lang, "2-1-1", "2018-02-01-2-1-1-news").get("lang") is None


def test_a_publishers_name_is_text_not_html(tmp_path):
    from conftest import variant
    site = variant(tmp_path, [(f"progress/2018-02-01-2-1-1-news.{lang}.md", 'publisher: "AZERTAC"',
                               'publisher: "<b>AZERTAC</b>"') for lang in ("az", "en")])
    html = site.text("en/measures/2-1-1/")
    assert "&lt;b&gt;AZERTAC&lt;/b&gt;" in html and "<b>AZERTAC</b>" not in html


# --- the open data ---------------------------------------------------------------------------------

def test_notes_json_csv_and_xlsx_carry_the_publisher(mini_dir):
    data = mini_dir / "data"
    records = json.loads((data / "notes.json").read_text("utf-8"))["notes"]
    by_id = {r["id"]: r for r in records}
    assert (by_id["2018-02-01-2-1-1-news"]["reported_by"], by_id["2018-02-01-2-1-1-news"]["publisher"]) == (
        "press", "AZERTAC")
    assert all(r["publisher"] for r in records)
    rows = list(csv.DictReader(io.StringIO((data / "notes.csv").read_text("utf-8-sig"))))
    assert [(r["id"], r["reported_by"], r["publisher"]) for r in rows] == [
        (r["id"], r["reported_by"], r["publisher"]) for r in records]
    sheet = openpyxl.load_workbook(data / "open-government-az.xlsx")["notes"]
    head, *body = list(sheet.iter_rows(values_only=True))
    at = head.index("publisher")
    assert head[at - 1] == "reported_by"
    assert [row[at] for row in body] == [r["publisher"] for r in records]
    package = json.loads((data / "datapackage.json").read_text("utf-8"))
    fields = {f["name"]: f for r in package["resources"] if r["name"] == "notes" for f in r["schema"]["fields"]}
    assert fields["reported_by"]["constraints"]["enum"] == list(REPORTERS)
    assert "press (a news outlet" in fields["reported_by"]["description"]
    assert fields["publisher"]["constraints"]["required"] is True
