"""JSON-LD on measure pages: what the page is about (the measure, part of the plan and of the open
data), in the page's language, and a date named for what it is. On the real site and the mini fixture."""
from __future__ import annotations

import json

from conftest import SUB_PATH_URL, soup

LANGS = ("az", "en")


def blocks(doc) -> list[dict]:
    return [json.loads(s.string) for s in doc.select("script[type='application/ld+json']")]


def page_ld(doc) -> dict:
    (found,) = [d for d in blocks(doc) if d["@type"] == "WebPage"]
    return found


def test_every_measure_page_says_which_measure_it_is_about(site_dir, real_model):
    for lang in LANGS:
        for m in real_model.measures.values():
            url = f"{SUB_PATH_URL}{lang}/measures/{m.idd}/"
            doc = soup(site_dir / lang / "measures" / m.idd / "index.html")
            ld = page_ld(doc)  # parses as JSON, and there is exactly one
            assert ld["@context"] == "https://schema.org"
            assert (ld["url"], ld["@id"], ld["inLanguage"]) == (url, url, lang)
            measure = ld["mainEntity"]
            assert (measure["identifier"], measure["name"], measure["url"]) == (m.id, m.title.shown(lang)[0], url)
            assert m.id in ld["name"] and measure["name"] in ld["name"]
            assert measure["temporalCoverage"] == (f"{m.start}/{m.end}" if m.start != m.end else str(m.start))
            plan, dataset = measure["isPartOf"]
            assert plan["name"] == real_model.title.shown(lang)[0] and plan["url"] == f"{SUB_PATH_URL}{lang}/"
            assert dataset["@type"] == "Dataset" and dataset["url"] == f"{SUB_PATH_URL}{lang}/data/"
            names = {d["contentUrl"].rsplit("/", 1)[1] for d in dataset["distribution"]}
            assert {"measures.csv", "measures.json", "open-government-az.xlsx"} <= names
            for d in dataset["distribution"]:
                assert (site_dir / d["contentUrl"].removeprefix(SUB_PATH_URL)).is_file()
            # the only date is the day the sources were last checked, named as such
            assert ld["lastReviewed"] == real_model.as_of.isoformat()
            assert "dateModified" not in json.dumps(ld)
            # the breadcrumbs are still there, beside it
            assert [d["@type"] for d in blocks(doc)].count("BreadcrumbList") == 1


def test_the_measure_names_the_same_dataset_as_the_data_page(site_dir):
    measure = page_ld(soup(site_dir / "en/measures/8-5/index.html"))["mainEntity"]["isPartOf"][1]
    (dataset,) = [d for d in blocks(soup(site_dir / "en/data/index.html")) if d["@type"] == "Dataset"]
    assert measure["@id"] == dataset["@id"] == SUB_PATH_URL + "en/data/#dataset"
    assert measure["distribution"] == dataset["distribution"]


def test_json_ld_is_a_data_block_that_cannot_end_early(mini):
    # a data block is never run, so CSP's script-src does not apply to it; '<' is escaped in it,
    # so no text in it can close the element
    doc = mini.html("en/measures/1-2/")
    scripts = doc.select("script:not([src])")
    assert scripts and all(s.get("type") == "application/ld+json" for s in scripts)
    for s in scripts:
        assert "<" not in s.string
    ld = page_ld(doc)
    # 1.2 has no English title: the Azerbaijani one stands in, and says so
    assert ld["inLanguage"] == "en" and ld["mainEntity"]["inLanguage"] == "az"
