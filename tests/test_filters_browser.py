"""Filters that combine, in a real browser: any combination of status, level, section, deadline,
implementer and "only those not completed by the deadline" is one address on the table of all
measures, which lists exactly the measures the open data says fit it — opened as a link, after
Back and after a reload. On a pre-built filter page the other groups count within its list and
lead to the combination. Expected lists come from data/measures.json, never from the page."""
from __future__ import annotations

import itertools
import json
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest

from browsing import browser  # noqa: F401  (skips without chromium; fails under REQUIRE_BROWSER)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    from conftest import CONTENT, build_into, serving

    root = build_into(CONTENT, tmp_path_factory.mktemp("filters") / "output", "http://127.0.0.1/")
    measures = json.loads((root / "data/measures.json").read_text("utf-8"))["measures"]
    with serving(root) as url:
        yield url, measures


def fits(m: dict, params: dict) -> bool:
    checks = {"status": lambda v: m["verdict"] == v, "level": lambda v: m["status"] == v,
              "section": lambda v: m["section"].split(".")[0] == v, "due": lambda v: str(m["period_end"]) == v,
              "institution": lambda v: v in m["implementers"]}
    return all(checks[k](v) for k, v in params.items())


def shown(page) -> list[str]:
    return page.eval_on_selector_all("table.all-measures tbody tr:not([hidden]) th", "ths => ths.map(t => t.textContent.trim())")


def combinations(measures: list[dict]) -> list[dict]:
    """Every section × deadline × implementer that some measure has, and each with 'late', plus
    status × section pairs: made from the data, not picked by hand."""
    found = set()
    for m in measures:
        for body in m["implementers"]:
            found.add((("section", m["section"].split(".")[0]), ("due", str(m["period_end"])), ("institution", body)))
        found.add((("status", m["verdict"]), ("section", m["section"].split(".")[0])))
    out = [dict(c) for c in sorted(found)]
    out += [{**c, "status": "late"} for c in out if "institution" in c][:20]
    return out


def test_every_combination_is_an_address_that_lists_the_right_measures(browser, site):
    url, measures = site
    page = browser.new_page()
    combos = combinations(measures)
    assert len(combos) > 60
    for params in combos:
        page.goto(f"{url}en/measures/?{urlencode(params)}")
        expected = [m["id"] for m in measures if fits(m, params)]
        assert shown(page) == expected, params
        for name, value in params.items():
            assert page.input_value(f"#live-filter select[name={name}]") == value
    page.close()


def test_the_form_writes_the_address_and_back_and_reload_show_what_it_says(browser, site):
    url, measures = site
    page = browser.new_page()
    page.goto(url + "az/measures/")
    page.select_option("#live-filter select[name=section]", "8")
    page.select_option("#live-filter select[name=due]", "2017")
    page.select_option("#live-filter select[name=institution]", "ministry-of-justice")
    params = {"section": "8", "due": "2017", "institution": "ministry-of-justice"}
    assert {k: v[0] for k, v in parse_qs(urlsplit(page.url).query).items()} == params
    expected = [m["id"] for m in measures if fits(m, params)]
    assert shown(page) == expected and expected
    link = page.get_attribute("#live-filter .selection-link", "href")
    assert parse_qs(urlsplit(link).query) == {k: [v] for k, v in params.items()}
    page.click(f"table.all-measures tbody tr:not([hidden]) th a")
    page.go_back()
    assert shown(page) == expected
    page.reload()
    assert shown(page) == expected
    page.select_option("#live-filter select[name=institution]", "")
    assert "institution" not in parse_qs(urlsplit(page.url).query)
    page.close()


def test_an_address_from_before_the_status_select_still_works(browser, site):
    """?late=1 (the former "late only" box) is the status "not completed by the deadline"."""
    url, measures = site
    page = browser.new_page()
    page.goto(url + "en/measures/?institution=ministry-of-justice&late=1")
    assert page.input_value("#live-filter select[name=status]") == "late"
    assert shown(page) == [m["id"] for m in measures if fits(m, {"institution": "ministry-of-justice", "status": "late"})]
    page.close()


def test_an_unknown_or_stale_value_in_the_address_is_ignored(browser, site):
    url, measures = site
    page = browser.new_page()
    page.goto(url + "en/measures/?institution=no-such-body&section=8")
    assert page.input_value("#live-filter select[name=institution]") == ""
    assert shown(page) == [m["id"] for m in measures if fits(m, {"section": "8"})]
    page.close()


@pytest.mark.parametrize("view,own", [("section/8", {"section": "8"}), ("due/2017", {"due": "2017"}),
                                      ("institution/ministry-of-justice", {"institution": "ministry-of-justice"}),
                                      ("status/unknown", {"status": "unknown"}),
                                      ("institution/ministry-of-economy/unknown",
                                       {"institution": "ministry-of-economy", "status": "unknown"})])
def test_a_filter_pages_other_groups_count_within_it_and_lead_to_the_combination(browser, site, view, own):
    url, measures = site
    page = browser.new_page()
    page.goto(f"{url}en/measures/{view}/")
    own_groups = set(own)
    links = page.eval_on_selector_all("nav.filters a[data-group], nav.filters a.empty", """as => as.map(a => ({
        group: a.dataset.group, value: a.dataset.value, href: a.getAttribute('href'),
        count: a.parentNode.querySelector('.count').textContent}))""")
    assert links
    for link in links:
        if link["group"] in own_groups:
            continue
        params = {**own, link["group"]: link["value"]}
        n = sum(fits(m, params) for m in measures)
        assert link["count"] == f"({n})", link
        if n == 0:
            assert link["href"] is None, link  # no link to an empty list
        else:
            assert {k: v[0] for k, v in parse_qs(urlsplit(link["href"]).query).items()} == params
    followed = next(x for x in links if x["group"] not in own_groups and x["href"])
    page.goto(f"{url}en/measures/{view}/{followed['href']}")
    assert shown(page) == [m["id"] for m in measures if fits(m, {**own, followed["group"]: followed["value"]})]
    page.close()


def test_without_javascript_a_filter_page_keeps_its_whole_plan_counts_and_single_filter_links(browser, site):
    url, measures = site
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(url + "en/measures/section/8/")
    links = page.eval_on_selector_all("nav.filters a[data-group]", """as => as.map(a => ({
        group: a.dataset.group, value: a.dataset.value, href: a.getAttribute('href'),
        count: a.parentNode.querySelector('.count').textContent}))""")
    for link in links:
        assert "?" not in link["href"]
        assert link["count"] == f"({sum(fits(m, {link['group']: link['value']}) for m in measures)})"
    # the list comes first, its filters after it, folded
    assert page.evaluate("document.querySelector('table.all-measures').compareDocumentPosition("
                         "document.querySelector('nav.filters')) & Node.DOCUMENT_POSITION_FOLLOWING")
    assert page.eval_on_selector_all("nav.filters details[open]", "ds => ds.length") == 0
    context.close()


def test_the_scorecard_sorts_by_any_column(browser, site):
    url, measures = site
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(url + "en/institutions/")
    page.click("table.scorecard thead th:nth-child(2) button")
    counts = page.eval_on_selector_all("table.scorecard tbody td:nth-of-type(1)", "tds => tds.map(t => +t.textContent)")
    assert counts == sorted(counts, reverse=True) and counts[0] > counts[-1]
    assert page.get_attribute("table.scorecard thead th:nth-child(2)", "aria-sort") == "descending"
    page.click("table.scorecard thead th:nth-child(2) button")
    counts = page.eval_on_selector_all("table.scorecard tbody td:nth-of-type(1)", "tds => tds.map(t => +t.textContent)")
    assert counts == sorted(counts)
    page.click("table.scorecard thead th:nth-child(1) button")  # back to the order of names
    assert page.get_attribute("table.scorecard thead th:nth-child(1)", "aria-sort") in ("ascending", "descending")
    page.close()


def test_the_language_switch_keeps_the_note_the_search_and_the_choice(browser, site):
    url, measures = site
    page = browser.new_page()
    note = next(m["notes"][0] for m in measures if m["notes"])
    measure = next(m for m in measures if m["notes"])
    page.goto(f"{url}en/measures/{measure['id'].replace('.', '-')}/#{note}")
    page.hover("a.switch")
    assert page.get_attribute("a.switch", "href").endswith(f"/az/measures/{measure['id'].replace('.', '-')}/#{note}")
    page.click("a.switch")
    assert page.url.endswith(f"#{note}") and "/az/" in page.url
    page.goto(url + "az/measures/?section=8&due=2017")
    page.click("a.switch")
    assert urlsplit(page.url).path.endswith("/en/measures/") and parse_qs(urlsplit(page.url).query) == {
        "section": ["8"], "due": ["2017"]}
    assert page.input_value("#live-filter select[name=section]") == "8"
    page.close()


def test_an_empty_combination_says_how_the_others_stand_never_a_bare_nought(browser, site):
    url, measures = site
    page = browser.new_page()
    body = next(b for b in sorted({i for m in measures for i in m["implementers"]})
                if not any(b in m["implementers"] and m["verdict"] == "late" for m in measures))
    page.goto(f"{url}en/measures/?institution={body}&status=late")
    assert shown(page) == []
    text = page.text_content("#live-filter .empty-choice")
    assert page.is_visible("#live-filter .empty-choice") and text.startswith("No measure fits all these choices.")
    own = [m for m in measures if body in m["implementers"]]
    unknown = sum(m["verdict"] == "unknown" for m in own)
    assert f"Deadline passed; no source found on completion: {unknown}" in text
    page.select_option("#live-filter select[name=status]", "")
    assert not page.is_visible("#live-filter .empty-choice")
    page.close()


def test_on_a_phone_the_scorecards_sort_buttons_are_visible(browser, site):
    url, _ = site
    page = browser.new_page(viewport={"width": 360, "height": 740})
    page.goto(url + "az/institutions/")
    boxes = page.eval_on_selector_all("table.scorecard button.sort", "bs => bs.map(b => b.getBoundingClientRect().height)")
    assert boxes and all(h >= 24 for h in boxes)  # nothing takes focus that cannot be seen
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.close()
