"""No page says two things that contradict each other, whatever notes a measure has (issue 17).

Hypothesis writes the notes of one measure of the mini fixture (2.1.1: period 2017, implemented by
two ministries, recommended to two others): any number, any dates at any precision, any status,
assessor and scope. The measure is judged by the real rule and its pages rendered by the real
templates, in both languages; then each page is read as a reader would read it.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

import pytest
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings, strategies as st

from conftest import ROOT
from napsite.build import check
from napsite.i18n import translations
from napsite.judgement import judge
from napsite.model import STATUSES, Note, PartialDate, Text
from napsite.problems import Problems
from napsite.render import Assets, render_site
from napsite.routes import plan
from napsite.statuses import VERDICTS

MID, IMPLEMENTER, RECOMMENDED = "2.1.1", "ministry-i", "ministry-k"
# the sentence that says no source speaks to completion, as each language's pages print it
NO_SOURCE = {lang: str(translations(lang).gettext(VERDICTS["unknown"].explanation)) for lang in ("az", "en")}


@pytest.fixture(scope="module")
def mini_site():
    problems, site = check(ROOT / "tests/fixtures/mini")
    assert site is not None and not problems.errors
    return site


def _date(year: int, month: int, day: int) -> str:
    return f"{year}" if not month else f"{year}-{month:02d}" if not day else f"{year}-{month:02d}-{day:02d}"


dates = st.builds(_date, st.integers(2016, 2018), st.integers(0, 12), st.integers(0, 28)).filter(
    lambda d: PartialDate.parse(d).first_day() <= dt.date(2018, 6, 30))  # the fixture's as_of
statuses = st.one_of(st.none(), st.sampled_from(STATUSES))


@st.composite
def notes(draw):
    made = []
    for k in range(draw(st.integers(0, 5))):
        status = draw(statuses)
        part = status not in (None, "completed") and draw(st.booleans())
        made.append(Note(key=f"2017-01-01-2-1-1-n{k}", measure_id=MID,
                         date=PartialDate.parse(draw(dates)), reported_by="independent", status=status,
                         assessed_by=draw(st.sampled_from(["government", "independent", "editorial"])) if status
                         else None, sources=(), title=Text(az=f"q{k}", en=f"n{k}"),
                         body_html=Text(az="<p>m</p>", en="<p>t</p>"), publisher="P", part=part))
    return tuple(sorted(made, key=lambda n: n.date, reverse=True))


def _pages(site, drawn):
    m = site.measures[MID]
    judged = replace(m, notes=drawn, judgement=judge(m.end, m.declared, drawn, site.as_of))
    others = tuple(n for n in site.notes if n.measure_id != MID)
    site = replace(site, measures={**site.measures, MID: judged},
                   notes=tuple(sorted(others + drawn, key=lambda n: n.date, reverse=True)))
    wanted = [r for r in plan(site) if (r.kind, r.key) in {("measure", m.idd), ("institution", IMPLEMENTER),
                                                            ("institution", RECOMMENDED)}]
    problems = Problems()
    files = render_site(site, Assets.load(), problems, routes=wanted)
    assert not problems.errors
    page = {path: BeautifulSoup(body, "html.parser") for path, body in files.items() if path.endswith(".html")}
    return judged, page


def _level_shown(dd) -> str | None:
    badge = dd.select_one(".assessment .badge") if dd else None
    return next((c[3:] for c in badge["class"] if c.startswith("st-")), None) if badge else None


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow])
@given(drawn=notes())
def test_no_page_contradicts_itself(mini_site, drawn):
    m, page = _pages(mini_site, drawn)
    after = [n for n in drawn if n.status and not n.part and n.date.last_day() > m.deadline]
    for lang in ("az", "en"):
        doc = page[f"{lang}/measures/2-1-1/index.html"]
        text = doc.get_text(" ", strip=True)
        verdict = next(c[3:] for c in doc.select_one(".status-row .badge")["class"] if c.startswith("vd-"))
        at = doc.select_one("dd.at-deadline")
        # a level at the deadline is never shown beside "no source says whether it was done"
        if m.judgement.at_deadline:
            assert NO_SOURCE[lang] not in text
        if m.judgement.at_deadline or m.judgement.later:
            assert not doc.select_one(".no-level"), "a level is shown, so the notes do give one"
        # a status that judges a part of the measure is never its level, at the deadline or later
        later = doc.select_one(".status-row .later .badge")
        if later is not None:
            assert m.judgement.later and not m.judgement.later.part
        if at is not None and _level_shown(at) and m.judgement.at_deadline is None:
            assert m.judgement.late_evidence and m.judgement.late_evidence.part is not None
        # the later status is the latest one set after the deadline, never an older one
        if after:
            assert later is not None and f"st-{after[0].status}" in later["class"]
            assert doc.select_one(".status-row .later time")["datetime"] == after[0].date.iso()
        else:
            assert later is None
        # "late" always shows its evidence, and the evidence is a note on this page (or the measure file)
        if verdict == "late":
            evidence = doc.select_one(".evidence")
            assert evidence is not None
            link = evidence.select_one("a[href^='#']")
            if link is not None:
                # the evidence is a note on this page whose date cannot fall before the deadline: a status
                # that may predate it (a year-only "2017" for a 2017 deadline) shows nothing late
                cited = doc.find(id=link["href"][1:])
                when = PartialDate.parse(cited.select_one("h3 time")["datetime"])
                assert when.first_day() >= m.deadline
        else:
            assert not doc.select_one(".evidence")
        # "completed by the deadline" needs a completed level dated by the deadline
        if verdict == "completed":
            assert _level_shown(at) == "completed"
        # the page's verdict is the one the rule gives
        assert verdict == m.verdict
    for lang in ("az", "en"):
        # lateness belongs to implementers: the recommended body's page never counts 2.1.1 as its late measure
        rec = page[f"{lang}/institutions/{RECOMMENDED}/index.html"]
        assert not rec.select(f"a[href*='institution/{RECOMMENDED}/late']")
        assert not [li for li in rec.select(".count-late") if re.search(r"[1-9]", li.get_text())]
        imp = page[f"{lang}/institutions/{IMPLEMENTER}/index.html"]
        late_counts = [li.get_text() for li in imp.select(".count-late")]
        if m.verdict == "late":
            assert late_counts and re.search(r"[1-9]", late_counts[0]), "the implementer's page counts it late"
