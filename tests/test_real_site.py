"""The real plan, built under a sub-path, read as a reader and a journalist would."""
from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
import yaml

from conftest import CONTENT, ROOT, SUB_PATH_URL, soup
from napsite.i18n import AZ_ALPHABET, az_lower

MEASURES = sorted(CONTENT.glob("measures/*.yaml"))
LANGS = ("az", "en")


def measure_data():
    return [yaml.safe_load(p.read_text("utf-8")) for p in MEASURES]


def test_the_plan_has_59_measures_in_11_sections():
    data = measure_data()
    assert len(data) == 59
    assert {d["id"].split(".")[0] for d in data} == {str(i) for i in range(1, 12)}


@pytest.mark.parametrize("lang", LANGS)
def test_every_measure_page_shows_number_title_period_and_institutions(site_dir, real_model, lang):
    for d in measure_data():
        page = soup(site_dir / lang / "measures" / d["id"].replace(".", "-") / "index.html")
        assert page.html["lang"] == lang
        assert d["id"] in page.select_one(".kicker").get_text()
        assert page.h1.get_text(" ", strip=True) == " ".join(d["title"][lang].split())
        period = d["period"].replace("-", "–")
        assert page.select_one("dd.period").get_text(strip=True) == period
        # bodies an amendment makes implementers follow the plan's own (7.1, from 13 October 2017)
        amended = [i for a in d.get("amendments", ()) for i in a.get("implementers", ()) if i not in d["implementers"]]
        bodies = d["implementers"] + amended + d.get("recommended", [])
        linked = [a["href"].rstrip("/").split("/")[-1] for a in page.select(".bodies a")]
        assert linked == bodies
        names = [a.get_text(" ", strip=True) for a in page.select(".bodies a")]
        expected = [real_model.institutions[i].name.get(lang) for i in bodies]
        assert names == expected


def test_measure_texts_keep_the_plans_wording():
    """Each Azerbaijani title and indicator stands in the original plan, word for word."""
    plan = " ".join((ROOT / "sources" / "plan-2016-2018.az.txt").read_text("utf-8").split())
    plan = plan.replace("Internet resurslarda", "İnternet resurslarda")  # the one slip mended (Latin I)
    for d in measure_data():
        assert " ".join(d["title"]["az"].split()) in plan, d["id"]
        assert " ".join(d["indicators"]["az"].split()) in plan, d["id"]


def test_every_measure_is_translated():
    for d in measure_data():
        assert d["title"]["en"] and d["indicators"]["en"], d["id"]


def test_pages_named_by_the_contract_exist(site_dir, real_model):
    for lang in LANGS:
        for path in ["", "institutions/", "timeline/", "about/"]:
            assert (site_dir / lang / path / "index.html").is_file(), path
        assert len(list((site_dir / lang / "measures").glob("*/index.html"))) == 59
        assert len(list((site_dir / lang / "sections").glob("*/index.html"))) == 11
        for iid in real_model.institutions:
            assert (site_dir / lang / "institutions" / iid / "index.html").is_file()
    for path in ["index.html", "404.html", "sitemap.xml", "robots.txt", "data/measures.json", "data/measures.csv"]:
        assert (site_dir / path).is_file(), path


def test_every_institution_is_named_by_some_measure(real_model):
    used = {i for m in real_model.measures.values() for i in m.implementers + m.recommended}
    assert used == set(real_model.institutions)


def test_the_plans_split_between_implementers_and_recommended_is_kept(real_model):
    m = real_model.measures
    assert m["5.2"].implementers == () and m["5.2"].recommended == ("milli-majlis",)
    assert m["1.8"].recommended == ("municipalities",)
    assert m["4.1.3"].recommended == ("anti-corruption-commission",)
    assert m["10.1"].implementers == ("ministry-of-justice", "relevant-central-executive-authorities")


def _html_files(site_dir: Path):
    return sorted(site_dir.rglob("*.html"))


def test_every_internal_link_and_fragment_resolves(site_dir):
    ids: dict[Path, set] = {}
    for page in _html_files(site_dir):
        if page.name == "404.html":
            continue  # served at any address, it links from the root; checked below
        doc = soup(page)
        for a in doc.select("a[href], link[href]"):
            href = a["href"]
            if urlsplit(href).scheme:
                assert not href.startswith(SUB_PATH_URL) or a.name == "link" or "embed" in str(a.parent), href
                continue
            assert not href.startswith("/"), f"{page}: root-relative link {href} breaks under a sub-path"
            target_url = urljoin(page.relative_to(site_dir).as_posix(), href)
            path, _, fragment = target_url.partition("#")
            target = site_dir / unquote(path)
            if path == "" or path.endswith("/"):
                target = target / "index.html"
                assert href.split("#")[0] == "" or href.split("#")[0].endswith("/"), f"{page}: {href} must end in /"
            assert target.is_file(), f"{page.relative_to(site_dir)}: broken link {href}"
            if fragment and target.suffix == ".html":
                if target not in ids:
                    ids[target] = {el["id"] for el in soup(target).select("[id]")}
                assert fragment in ids[target], f"{page}: missing fragment {href}"


@pytest.mark.parametrize("lang", LANGS)
def test_head_has_lang_title_canonical_and_reciprocal_hreflang(site_dir, lang):
    short_title = yaml.safe_load((CONTENT / "site.yaml").read_text("utf-8"))["short_title"][lang]
    for page in (site_dir / lang).rglob("index.html"):
        doc = soup(page)
        rel = page.relative_to(site_dir).as_posix().removesuffix("index.html")
        assert doc.html["lang"] == lang
        assert doc.title and doc.title.get_text(strip=True)
        assert doc.select_one('link[rel="canonical"]')["href"] == SUB_PATH_URL + rel
        alternates = {l["hreflang"]: l["href"] for l in doc.select('link[rel="alternate"][hreflang]')}
        assert set(alternates) == {"az", "en", "x-default"}
        assert alternates[lang] == SUB_PATH_URL + rel
        assert alternates["x-default"] == alternates["az"], "x-default is the default language, az"
        assert doc.title.get_text().endswith(" — " + short_title), "the page's own language in its title"
        other = "en" if lang == "az" else "az"
        other_page = site_dir / alternates[other].removeprefix(SUB_PATH_URL) / "index.html"
        back = {l["hreflang"]: l["href"] for l in soup(other_page).select('link[rel="alternate"][hreflang]')}
        assert back[lang] == SUB_PATH_URL + rel, "hreflang pairs must point at each other"
        switch = doc.select_one("a.switch")
        assert switch["hreflang"] == other and switch["lang"] == other
        assert urljoin(SUB_PATH_URL + rel, switch["href"]) == alternates[other]


def test_pager_follows_plan_order_from_first_to_last(site_dir, real_model):
    ids = list(real_model.measures)
    for i, mid in enumerate(ids):
        nav = soup(site_dir / "en/measures" / mid.replace(".", "-") / "index.html").select_one("nav.pager")
        links = {a["rel"][0]: a["href"] for a in nav.select("a")}
        expected = {}
        if i:
            expected["prev"] = "../" + ids[i - 1].replace(".", "-") + "/"
        if i + 1 < len(ids):
            expected["next"] = "../" + ids[i + 1].replace(".", "-") + "/"
        assert links == expected, mid


def test_breadcrumbs_lead_home(site_dir):
    doc = soup(site_dir / "en/measures/4-1-3/index.html")
    crumbs = [li.get_text(strip=True) for li in doc.select(".crumbs li")]
    assert crumbs == ["Plan", "Section 4", "Measure 4.1.3"]


def test_section_pages_show_subsections_and_ogp_codes(site_dir):
    doc = soup(site_dir / "en/sections/4/index.html")
    assert doc.select_one("#s4-1 h2").get_text(" ", strip=True).startswith("4.1")
    codes = [a.get_text() for a in doc.select(".ogp a")]
    assert codes == ["AZ0041", "AZ0042"]
    assert doc.select_one(".ogp a")["href"].endswith("/commitments/AZ0041/")
    assert len(doc.select("#s4-1 ul.measures > li")) == 3


def test_az_institution_index_follows_the_azerbaijani_alphabet(site_dir):
    names = [a.get_text(" ", strip=True) for a in soup(site_dir / "az/institutions/index.html").select("table.index th a")]
    letters = [az_lower(n.lstrip("“"))[0] for n in names]
    ranks = [AZ_ALPHABET.index(ch) for ch in letters]
    assert ranks == sorted(ranks), letters
    assert names.index("Ədliyyə Nazirliyi") > names.index("Dövlət Neft Fondu")
    assert names.index("İqtisadiyyat Nazirliyi") > names.index("Hesablama Palatası")


def test_en_institution_index_is_in_english_order(site_dir):
    names = [a.get_text(" ", strip=True) for a in soup(site_dir / "en/institutions/index.html").select("table.index th a")]
    assert names == sorted(names, key=str.lower)


def test_institution_page_lists_both_roles_with_counts(site_dir):
    doc = soup(site_dir / "en/institutions/milli-majlis/index.html")
    assert doc.select_one("#impl-h").get_text(strip=True) == "Implementer of 0 measures"
    assert doc.select_one("#rec-h").get_text(strip=True) == "Recommended to it: 6 measures"
    assert len(doc.select("#rec-h ~ ul.measures > li")) == 6


def test_timeline_draws_each_period_as_a_bar(site_dir):
    doc = soup(site_dir / "en/timeline/index.html")
    rows = {tr.th.select_one(".num").get_text(strip=True): tr for tr in doc.select("table.gantt tbody tr:not(.group)")}
    assert len(rows) == 59
    assert rows["1.7"].select_one("td[colspan]")["colspan"] == "1"
    assert len(rows["1.7"].find_all("td")) == 3  # 2016 empty, 2017 bar, 2018 empty
    assert rows["1.1"].select_one("td[colspan]")["colspan"] == "3"
    due = [h.get_text(" ", strip=True) for h in doc.select("h3") if h.get_text().startswith("Due")]
    assert len(due) == 3


def test_sitemap_lists_every_page_with_alternates(site_dir):
    xml = (site_dir / "sitemap.xml").read_text("utf-8")
    locs = re.findall(r"<loc>(.*?)</loc>", xml)
    assert len(locs) == len(list(site_dir.glob("??/**/index.html")))
    assert all(loc.startswith(SUB_PATH_URL) for loc in locs)
    assert xml.count('hreflang="x-default"') == len(locs)
    assert f"Sitemap: {SUB_PATH_URL}sitemap.xml" in (site_dir / "robots.txt").read_text()


def test_open_data_has_every_measure_in_both_languages(site_dir):
    data = json.loads((site_dir / "data/measures.json").read_text("utf-8"))
    assert len(data["measures"]) == 59
    first = data["measures"][0]
    assert first["id"] == "1.1" and first["title_az"] and first["title_en"]
    assert first["url_en"] == SUB_PATH_URL + "en/measures/1-1/"
    rows = list(csv.DictReader(io.StringIO((site_dir / "data/measures.csv").read_text("utf-8-sig"))))
    assert len(rows) == 59 and rows[-1]["id"] == "11.6"
    by_id = {d["id"]: d for d in measure_data()}
    for record, row in zip(data["measures"], rows, strict=True):
        d = by_id[record["id"]]
        for lang in LANGS:
            assert record[f"title_{lang}"] == row[f"title_{lang}"] == d["title"][lang].strip(), record["id"]
            assert record[f"indicators_{lang}"] == d["indicators"][lang].strip(), record["id"]
        implementers = d["implementers"] + [i for a in d.get("amendments", ()) for i in a.get("implementers", ())
                                            if i not in d["implementers"]]  # 7.1's amendment adds the Commission
        assert record["implementers"] == implementers and record["recommended"] == d.get("recommended", [])
        assert row["implementers"] == "; ".join(implementers)


def test_root_sends_readers_to_azerbaijani_by_default(site_dir):
    doc = soup(site_dir / "index.html")
    assert doc.select_one('meta[http-equiv="refresh"]')["content"].endswith("url=az/")
    assert {a["href"] for a in doc.select("main a")} == {"az/", "en/"}


def test_not_found_page_links_from_the_root_under_the_base_path(site_dir):
    doc = soup(site_dir / "404.html")
    hrefs = [a["href"] for a in doc.select("a[href], link[href]") if not a["href"].startswith("#")]
    assert hrefs and all(h.startswith("/nap/") for h in hrefs), hrefs  # SUB_PATH_URL's path, on any host


def test_content_schemas_are_published_and_describe_the_data(site_dir):
    from jsonschema import Draft202012Validator

    schema = json.loads((site_dir / "data/schema/measure.schema.json").read_text("utf-8"))
    validator = Draft202012Validator(schema)
    for d in measure_data():
        assert not list(validator.iter_errors(d)), d["id"]
    names = sorted(p.name for p in (site_dir / "data/schema").iterdir())
    assert names == sorted(f"{n}.schema.json" for n in ("institutions", "measure", "note", "page", "searches", "sections",
                                                         "site", "notes-data", "institutions-data"))
