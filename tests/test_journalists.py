"""What a journalist on deadline needs: all measures in one table with filters that have their own
addresses, a citation, link previews, and the open data documented. On the real site."""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
from urllib.parse import urljoin

import jsonschema
import pytest

from conftest import ROOT, SUB_PATH_URL, soup
from napsite.datafields import INSTITUTION_FIELDS, MEASURE_FIELDS, NOTE_FIELDS

LANGS = ("az", "en")


def listed(page) -> list[str]:
    """The measure numbers a table page lists, in order."""
    return [th.get_text(strip=True) for th in page.select("table.all-measures tbody th[scope=row]")]


def expected_views(model) -> dict[str, list[str]]:
    """Every filter address and the measures it must list, worked out from the model directly."""
    ms = list(model.measures.values())
    views = {}
    for verdict in {m.verdict for m in ms}:
        views[f"status/{verdict}"] = [m.id for m in ms if m.verdict == verdict]
    for level in {m.status for m in ms}:
        views[f"level/{level}"] = [m.id for m in ms if m.status == level]
    for s in model.sections:
        views[f"section/{s.id}"] = [m.id for m in ms if m.id.split(".")[0] == s.id]
    for year in {m.end for m in ms}:
        views[f"due/{year}"] = [m.id for m in ms if m.end == year]
    for iid in model.institutions:  # a body's measures are the ones it must carry out; lateness is theirs
        views[f"institution/{iid}"] = [m.id for m in ms if iid in m.implementers]
        if views[f"institution/{iid}"]:
            views[f"institution/{iid}/late"] = [m.id for m in ms if iid in m.implementers and m.late]
            for verdict in ("completed", "unknown", "due"):  # each count of the scorecard has its list
                ids = [m.id for m in ms if iid in m.implementers and m.verdict == verdict]
                if ids:
                    views[f"institution/{iid}/{verdict}"] = ids
        recommended = [m.id for m in ms if iid in m.recommended and iid not in m.implementers]
        if recommended:
            views[f"institution/{iid}/recommended"] = recommended
    return views


def test_the_table_lists_all_59_measures_with_every_column(site_dir, real_model):
    for lang in LANGS:
        page = soup(site_dir / lang / "measures/index.html")
        assert listed(page) == list(real_model.measures)
        assert len(page.select("table.all-measures thead th")) == 8  # with the last status change (issue 20)
    row = soup(site_dir / "en/measures/index.html").select_one('tr:has(a[href="8-5/"])')
    cells = [c.get_text(" ", strip=True) for c in row.find_all(["th", "td"])]
    assert cells[0] == "8.5" and cells[1].startswith("Drafting and adopting rules of ethical conduct")
    assert cells[2] == "● Completed by the deadline ● Completed" and cells[6] == "2016–2017"
    assert cells[4] == "no change"  # its status has not changed since the record of changes starts
    assert cells[7] == str(len(real_model.measures["8.5"].notes))
    # a body's name narrows the table to it, in the role the row gives it
    assert row.select_one('a[href="institution/milli-majlis/recommended/"]')
    assert not row.select_one('a[href="institution/milli-majlis/"]')


@pytest.mark.parametrize("lang", LANGS)
def test_every_filtered_view_lists_exactly_the_right_measures(site_dir, real_model, lang):
    views = expected_views(real_model)
    folders = [p.parent.relative_to(site_dir / lang / "measures") for p in (site_dir / lang / "measures").rglob("index.html")]
    on_disk = {f.as_posix() for f in folders if len(f.parts) > 1}  # measure pages are one level deep
    assert on_disk == set(views)
    for key, ids in views.items():
        page = soup(site_dir / lang / "measures" / key / "index.html")
        assert listed(page) == ids, key
        count = page.select_one("#count").get_text(" ", strip=True)
        assert count.startswith(str(len(ids))), key


def test_one_institutions_late_measures_are_one_click_away(site_dir, real_model):
    late = expected_views(real_model)["institution/ministry-of-communications/late"]
    assert late  # the real plan has some: the view is not empty by accident
    page = soup(site_dir / "en/measures/institution/ministry-of-communications/index.html")
    link = page.select_one(".late-link a")
    assert link["href"] == "late/" and f"({len(late)})" in link.get_text()
    late_page = soup(site_dir / "en/measures/institution/ministry-of-communications/late/index.html")
    name = real_model.institutions["ministry-of-communications"].label.en
    assert late_page.h1.get_text(strip=True) == f"Measures assigned to the {name} not completed by the deadline"
    assert listed(late_page) == late
    assert all(tr.select_one(".vd-late") for tr in late_page.select("table.all-measures tbody tr"))


def test_filter_links_lead_to_their_pages_with_counts(site_dir, real_model):
    page = soup(site_dir / "az/measures/index.html")
    links = {a["href"]: a for a in page.select("nav.filters a")}
    views = expected_views(real_model)
    by_verdict = ("/late", "/completed", "/unknown", "/due")  # a body's lists by verdict are linked from its pages
    assert set(links) == {f"{k}/" for k in views  # no implementer entry for a body that carries out nothing
                          if not (k.startswith("institution/") and (k.endswith(by_verdict) or not views[k]))}
    institutions = [a.get_text(strip=True) for a in page.select('nav.filters a[data-group="institution"]')]
    from napsite.i18n import sort_key
    assert institutions == sorted(institutions, key=lambda t: sort_key(t, "az"))
    # the live filter is there for the script, hidden until it runs, and the script is external
    assert page.select_one("form#live-filter").has_attr("hidden")
    assert page.select_one("script[src]")["src"].startswith("../../static/filter.")


def test_every_page_has_share_tags_and_no_inline_code(site_dir):
    pages = sorted(site_dir.rglob("*.html"))
    assert len(pages) > 380
    for path in pages:
        doc = soup(path)
        meta = {m.get("property") or m.get("name"): m.get("content", "") for m in doc.select("meta[content]")}
        for key in ("og:title", "og:description", "og:url", "og:image", "og:type", "og:locale",
                    "twitter:card", "twitter:title", "twitter:description", "twitter:image", "description"):
            assert meta.get(key, "").strip(), (path, key)
        image = meta["og:image"].removeprefix(SUB_PATH_URL)
        assert (site_dir / image).is_file() and image.startswith("static/share-"), path
        assert meta["og:title"] != meta["og:site_name"]
        # a strict Content-Security-Policy allows no inline script or style
        assert not doc.select("script:not([src]):not([type='application/ld+json']), style, [style]"), path
        for ld in doc.select("script[type='application/ld+json']"):
            json.loads(ld.string)


def test_a_measure_shares_its_title_and_status(site_dir):
    doc = soup(site_dir / "en/measures/8-5/index.html")
    meta = {m.get("property") or m.get("name"): m["content"] for m in doc.select("meta[content]")}
    assert meta["og:description"] == ("Status: Completed by the deadline. Drafting and adopting rules of ethical "
                                      "conduct for members of the Milli Majlis of the Republic of Azerbaijan")
    assert meta["og:title"].startswith("Measure 8.5: Drafting")
    assert meta["og:url"] == SUB_PATH_URL + "en/measures/8-5/" and meta["og:type"] == "article"
    assert meta["og:image"].startswith(SUB_PATH_URL + "static/share-en-8-5.")  # its own card (tests/test_cards.py)
    assert meta["og:locale"] == "en_GB"
    az = {m.get("property"): m["content"] for m in soup(site_dir / "az/measures/8-5/index.html").select("meta[property]")}
    assert az["og:description"].startswith("Status: ") and "Azərbaycan Respublikasının Milli Məclisi" in az["og:description"]
    assert az["og:image"].startswith(SUB_PATH_URL + "static/share-az-8-5.")


def test_share_images_are_1200_by_630_png():
    import struct
    for lang in LANGS:
        data = (ROOT / f"static/share-{lang}.png").read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
        assert struct.unpack(">II", data[16:24]) == (1200, 630)


def ld(doc, kind: str) -> dict:
    found = [json.loads(s.string) for s in doc.select("script[type='application/ld+json']")]
    return next(d for d in found if d["@type"] == kind)


def test_breadcrumbs_and_dataset_as_json_ld(site_dir):
    crumbs = ld(soup(site_dir / "en/measures/8-5/index.html"), "BreadcrumbList")["itemListElement"]
    assert [(c["position"], c["name"], c["item"]) for c in crumbs] == [
        (1, "Plan", SUB_PATH_URL + "en/"), (2, "Section 8", SUB_PATH_URL + "en/sections/8/"),
        (3, "Measure 8.5", SUB_PATH_URL + "en/measures/8-5/")]
    for page in ("en/index.html", "az/data/index.html"):
        dataset = ld(soup(site_dir / page), "Dataset")
        assert dataset["license"] == "https://creativecommons.org/licenses/by/4.0/"
        urls = [d["contentUrl"] for d in dataset["distribution"]]
        assert {u.rsplit("/", 1)[1] for u in urls} == {"measures.csv", "measures.json", "notes.json",
                                                      "institutions.json", "notes.csv", "institutions.csv",
                                                      "open-government-az.xlsx"}
        for u in urls:
            assert (site_dir / u.removeprefix(SUB_PATH_URL)).is_file()


def test_cite_block_in_both_languages_with_the_content_date(site_dir, real_model):
    doc = soup(site_dir / "az/measures/8-5/index.html")
    az, en = doc.select_one("#cite-az"), doc.select_one("#cite-en")
    assert az["lang"] == "az" and en["lang"] == "en"
    assert az.get_text() == ("Açıq hökumətin təşviqinə dair 2016–2018-ci illər üçün Milli Fəaliyyət Planı, tədbir 8.5: "
                             "“Azərbaycan Respublikasının Milli Məclisi deputatının etik davranış qaydalarının "
                             "hazırlanması və qəbul edilməsi”. " + real_model.short_title.az + ", "
                             f"{SUB_PATH_URL}az/measures/8-5/ (mənbələrin son yoxlanışı: 25 noyabr 2026-cı il; "
                             "səhifənin məzmununun son dəyişməsi: 2 dekabr 2026-cı il).")
    assert en.get_text().endswith(f"{SUB_PATH_URL}en/measures/8-5/ (sources last checked: 25 November 2026; "
                                  "page content last changed: 2 December 2026).")
    assert [b["data-copy"] for b in doc.select(".cite button[hidden]")] == ["cite-az", "cite-en"]


def test_every_citation_and_print_line_gives_the_day_the_sources_were_checked_named_as_such(site_dir, real_model):
    """Not the newest note's event date, which read as the page's date (13 April 2015 for 1.3,
    before the plan existed; 29 October 2020 for 8.2 beside a site checked in 2026)."""
    from napsite.i18n import date_in_text
    named = {"az": "mənbələrin son yoxlanışı: ", "en": "sources last checked: "}
    printed = {"az": "Mənbələrin son yoxlanışı: ", "en": "Sources last checked: "}
    changed = {"az": "səhifənin məzmununun son dəyişməsi: %s", "en": "page content last changed: %s"}
    unchanged = {"az": "səhifənin məzmununda %s tarixindən bəri dəyişiklik qeydə alınmayıb",
                 "en": "no change to the page's content recorded since %s"}
    record = json.loads((site_dir / "data/changes.json").read_text("utf-8"))
    changes, start = record["changes"], dt.date.fromisoformat(record["from"]["date"])
    assert any(c["measure"] == "8.2" for c in changes)
    for m in real_model.measures.values():
        for lang in ("az", "en"):
            doc = soup(site_dir / f"{lang}/measures/{m.idd}/index.html")
            day = date_in_text(real_model.as_of, lang)
            for cite_lang in ("az", "en"):
                text = doc.select_one(f"#cite-{cite_lang}").get_text()
                # two dates, each named as what it is: the sources' check, and the page's last change on the record
                last = next((dt.date.fromisoformat(c["commit"]["date"]) for c in changes if c["measure"] == m.id), None)
                second = (changed[cite_lang] % date_in_text(last, cite_lang) if last else
                          unchanged[cite_lang] % date_in_text(start, cite_lang))
                assert text.endswith(f"({named[cite_lang]}{date_in_text(real_model.as_of, cite_lang)}; {second})."), (
                    m.id, lang, text)
            assert doc.select_one(".print-only").get_text().endswith(printed[lang] + day), (m.id, lang)


def test_every_footer_links_the_data_page(site_dir):
    for path in sorted(site_dir.rglob("index.html")):
        rel = path.relative_to(site_dir).as_posix()
        if rel.count("/") < 1:
            continue  # the root page only sends readers on
        lang = rel.split("/")[0]
        targets = [urljoin(rel, a["href"]) for a in soup(path).select("footer a")]
        assert f"{lang}/data/" in targets, rel
    assert soup(site_dir / "en/measures/8-5/index.html").select_one('footer a[href="../../data/"]')


def test_data_files_hold_every_measure_and_note_in_both_languages(site_dir, real_model):
    notes = json.loads((site_dir / "data/notes.json").read_text("utf-8"))
    institutions = json.loads((site_dir / "data/institutions.json").read_text("utf-8"))
    measures = json.loads((site_dir / "data/measures.json").read_text("utf-8"))
    for data, name in ((notes, "notes-data"), (institutions, "institutions-data")):
        schema = json.loads((site_dir / f"data/schema/{name}.schema.json").read_text())
        jsonschema.Draft202012Validator(schema).validate(data)
    assert [n["id"] for n in notes["notes"]] == [n.key for n in real_model.notes]
    for record, note in zip(notes["notes"], real_model.notes):
        assert record["measure"] == note.measure_id and record["date"] == note.date.iso()
        assert record["date_precision"] == note.date.precision and record["reported_by"] == note.reported_by
        for lang in note.langs:
            assert record[f"title_{lang}"] and record[f"text_{lang}"], (note.key, lang)
        assert "<" not in record["text_en"] + record["text_az"]
        assert record["url_en"].endswith(f"/en/measures/{note.measure_id.replace('.', '-')}/#{note.key}")
    both = [r for r in notes["notes"] if r["text_az"] and r["text_en"]]
    assert len(both) >= len(notes["notes"]) - 2
    assert [i["id"] for i in institutions["institutions"]] == list(real_model.institutions)
    justice = next(i for i in institutions["institutions"] if i["id"] == "ministry-of-justice")
    assert justice["implementer_of"] == [m.id for m in real_model.measures_of("ministry-of-justice", "implementers")]
    assert [m["id"] for m in measures["measures"]] == list(real_model.measures)
    assert measures["licence"] == notes["licence"] == "CC BY 4.0"
    rows = list(csv.DictReader(io.StringIO((site_dir / "data/measures.csv").read_text("utf-8-sig"))))
    assert [r["id"] for r in rows] == list(real_model.measures)
    # every field the files hold is documented on the data page, in file order, in both languages
    assert list(rows[0]) == list(measures["measures"][0]) == [f for f, _ in MEASURE_FIELDS]
    assert list(notes["notes"][0]) == [f for f, _ in NOTE_FIELDS]
    assert list(institutions["institutions"][0]) == [f for f, _ in INSTITUTION_FIELDS]
    for lang in LANGS:
        page = soup(site_dir / lang / "data/index.html")
        documented = [[c.get_text(strip=True) for c in t.select("tbody th code")] for t in page.select("table.fields")]
        assert documented == [[f for f, _ in fields] for fields in (MEASURE_FIELDS, NOTE_FIELDS, INSTITUTION_FIELDS)]
        assert all(td.get_text(strip=True) for td in page.select("table.fields td"))
        assert "CC BY 4.0" in page.select_one("#licence + p").get_text()


def test_source_links_show_the_real_host_first(mini_dir):
    doc = soup(mini_dir / "en/measures/1-1/index.html")
    link = doc.select_one("ul.sources a.external")
    assert link["href"] == "https://example.org/source-2017-06-01"
    assert link.get_text() == "example.org/source-2017-06-01"  # napsite/links.py: the real host first


def test_latest_notes_put_the_date_above_the_title_without_a_stray_dot(mini_dir):
    item = soup(mini_dir / "en/index.html").select_one(".notes-list li")
    assert item.select_one("time.when").get_text() == "1 February 2018"
    assert item.select_one(".what").get_text(" ", strip=True).startswith("Measure 2.1.1:")
    assert "·" not in item.get_text()
