"""The institutions' scorecard: every body with its measures as implementer counted by verdict at
the deadline, each count a link to the list it counts, and what is only recommended kept apart."""
from __future__ import annotations

from urllib.parse import urljoin

import pytest

from conftest import soup
from napsite.model import LANGS
from napsite.statuses import VERDICT_ORDER

HERE = "http://site/{lang}/institutions/"


def listed(page) -> list[str]:
    return [th.get_text(strip=True) for th in page.select("table.all-measures tbody th")]


@pytest.mark.parametrize("lang", LANGS)
def test_every_count_is_its_list_and_the_verdicts_add_up(site_dir, real_model, lang):
    doc = soup(site_dir / lang / "institutions/index.html")
    rows = doc.select("table.scorecard tbody tr")
    assert len(rows) == len(real_model.institutions)
    verdicts = [v for v in VERDICT_ORDER if any(m.verdict == v for m in real_model.measures.values())]
    header = doc.select("table.scorecard thead th")
    assert len(header) == 3 + len(verdicts)
    by_name = {}
    for iid, body in real_model.institutions.items():
        by_name[body.label.shown(lang)[0]] = iid
    for tr in rows:
        iid = by_name[tr.th.a.get_text(strip=True)]
        own = [m for m in real_model.measures.values() if iid in m.implementers]
        only_recommended = [m for m in real_model.measures.values() if iid in m.recommended and iid not in m.implementers]
        cells = tr.select("td")
        expected = [len(own)] + [sum(m.verdict == v for m in own) for v in verdicts] + [len(only_recommended)]
        assert [int(c.get_text(strip=True)) for c in cells] == expected, iid
        assert sum(expected[1:-1]) == expected[0], iid  # every measure it carries out has one verdict
        for cell, n in zip(cells, expected):
            link = cell.a
            assert (link is not None) == (n > 0), (iid, cell)  # no link to an empty list
            if link:
                target = urljoin(HERE.format(lang=lang), link["href"]).removeprefix("http://site/")
                assert len(listed(soup(site_dir / target / "index.html"))) == n, (iid, target)


def test_the_scorecard_is_in_alphabetical_order_without_javascript(site_dir):
    from napsite.i18n import sort_key

    for lang in LANGS:
        names = [th.a.get_text(strip=True) for th in soup(site_dir / lang / "institutions/index.html").select(
            "table.scorecard tbody th")]
        assert names == sorted(names, key=lambda t: sort_key(t, lang))


def test_a_bodys_lists_lead_back_through_the_body_in_the_breadcrumbs(site_dir, real_model):
    for lang in LANGS:
        for sub in ("", "late/"):
            page = soup(site_dir / lang / "measures/institution/ministry-of-justice" / sub / "index.html")
            crumbs = [a.get_text(strip=True) for a in page.select("nav.crumbs a")]
            assert real_model.institutions["ministry-of-justice"].label.shown(lang)[0] in crumbs, (lang, sub)


def test_the_sites_name_keeps_its_years_together_and_the_home_links_are_a_list(site_dir):
    for lang in LANGS:
        page = soup(site_dir / lang / "index.html")
        assert page.select_one("a.brand span.nowrap").get_text() == "2016–2018"
        assert len(page.select("ul.jump.dotted > li > a")) == 3
