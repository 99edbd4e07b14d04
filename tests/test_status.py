"""Statuses a journalist can quote: who assessed each one, judged when, and dates at the precision known."""
from __future__ import annotations

import datetime as dt
import json
import os

import pytest

from conftest import CONTENT, build_into, run_cli, soup
from napsite.i18n import date, date_in_text, year_suffix
from napsite.judgement import judge
from napsite.model import Assessment, Note, PartialDate, Text

AS_OF = dt.date(2026, 11, 25)


# --- dates ---------------------------------------------------------------------------------

def test_partial_dates_parse_sort_and_show_their_precision():
    day, month, year = PartialDate.parse("2018-01-30"), PartialDate.parse("2018-01"), PartialDate.parse("2018")
    assert sorted([day, PartialDate.parse("2017-12-31"), year, month]) == [
        PartialDate(2017, 12, 31), year, month, day]
    assert [d.iso() for d in (day, month, year)] == ["2018-01-30", "2018-01", "2018"]
    assert [d.file_part() for d in (day, month, year)] == ["2018-01-30", "2018-01-00", "2018-00-00"]
    assert (month.first_day(), month.last_day()) == (dt.date(2018, 1, 1), dt.date(2018, 1, 31))
    assert year.last_day() == dt.date(2018, 12, 31) and PartialDate(2016, 2).last_day() == dt.date(2016, 2, 29)
    assert PartialDate.from_file_name("2018-01-00") == month
    for bad in ("2018-13", "2017-06-31", "30.06.2017", "18"):
        with pytest.raises(ValueError):
            PartialDate.parse(bad)
    with pytest.raises(ValueError):
        PartialDate.from_file_name("2018-00-05")  # a day without a month


@pytest.mark.parametrize("value, en, az", [
    ("2018-01-30", "30 January 2018", "30 yanvar 2018"),
    ("2018-01", "January 2018", "yanvar 2018"),
    ("2017", "2017", "2017"),
])
def test_dates_show_only_what_is_known(value, en, az):
    assert (date(PartialDate.parse(value), "en"), date(PartialDate.parse(value), "az")) == (en, az)


def test_azerbaijani_dates_in_running_text_carry_the_year_suffix_and_il():
    assert date_in_text(dt.date(2016, 4, 27), "az") == "27 aprel 2016-cı il"
    assert date_in_text(PartialDate(2018, 1), "az") == "yanvar 2018-ci il"
    assert date_in_text(PartialDate(2017), "az") == "2017-ci il"
    assert date_in_text(dt.date(2016, 4, 27), "en") == "27 April 2016"


# The suffix follows the vowel of the year's last spoken number word.
SUFFIX = {1: "ci", 2: "ci", 3: "cü", 4: "cü", 5: "ci", 6: "cı", 7: "ci", 8: "ci", 9: "cu"}
TENS = {10: "cu", 20: "ci", 30: "cu", 40: "cı", 50: "ci", 60: "cı", 70: "ci", 80: "ci", 90: "cı"}


def test_year_suffix_for_every_year_of_the_century():
    assert {y: year_suffix(y) for y in (2016, 2017, 2018, 2019, 2020, 2023, 2024, 2010, 2000, 2040, 2100)} == {
        2016: "-cı", 2017: "-ci", 2018: "-ci", 2019: "-cu", 2020: "-ci", 2023: "-cü", 2024: "-cü",
        2010: "-cu", 2000: "-ci", 2040: "-cı", 2100: "-cü"}
    for year in range(2000, 2100):
        expected = "-" + (SUFFIX[year % 10] if year % 10 else TENS[year % 100] if year % 100 else "ci")
        assert year_suffix(year) == expected, year


# --- the deadline rule ---------------------------------------------------------------------

def note(key: str, when: str, status: str | None, by: str | None = "editorial", part: bool = False) -> Note:
    return Note(key=key, measure_id="1.1", date=PartialDate.parse(when), reported_by="independent",
                status=status, assessed_by=by if status else None, sources=(), title=Text(), body_html=Text(),
                part=part)


def judged(*notes: Note, declared: Assessment | None = None, end: int = 2017, as_of: dt.date = AS_OF):
    return judge(end, declared, tuple(sorted(notes, key=lambda n: n.date, reverse=True)), as_of)


def test_a_note_dated_on_the_last_day_counts_at_the_deadline_and_one_a_day_later_does_not():
    on = judged(note("a", "2017-12-31", "completed"))
    assert on.verdict == "completed" and on.at_deadline.note_key == "a" and on.later is None
    after = judged(note("b", "2018-01-01", "completed"))
    assert after.verdict == "unknown" and after.at_deadline is None and after.later.note_key == "b"


def test_a_month_or_year_counts_at_the_deadline_only_if_it_ends_by_then():
    assert judged(note("m", "2017-12", "completed")).verdict == "completed"
    assert judged(note("y", "2017", "completed")).verdict == "completed"
    assert judged(note("y", "2018", "completed")).verdict == "unknown"


def test_late_needs_a_source_dated_on_or_after_the_deadline():
    # limited in February 2017: the work could still have been finished by the end of 2017
    early = judged(note("early", "2017-02-14", "limited"))
    assert early.verdict == "unknown" and early.at_deadline.status == "limited"
    # limited on the last day, or any time after it: the work was not done in time
    assert judged(note("last", "2017-12-31", "limited")).verdict == "late"
    late = judged(note("later", "2019-06-19", "not-started", "independent"), note("more", "2020-10", "not-started"))
    assert late.verdict == "late" and late.late_evidence.note_key == "later" and late.later.note_key == "more"
    # a year-only note that could fall before the deadline is no evidence of lateness
    assert judged(note("y", "2017", "limited")).verdict == "unknown"


def test_completion_after_the_deadline_is_a_later_development_not_a_status_at_the_deadline():
    j = judged(note("draft", "2023-09-11", "limited"), note("signed", "2024-01-23", "completed"))
    assert j.verdict == "late" and j.late_evidence.note_key == "draft"
    assert (j.later.status, j.later.note_key) == ("completed", "signed")


def test_a_measure_file_status_wins_over_the_notes():
    declared = Assessment("limited", None, "independent")
    j = judged(note("a", "2017-06-01", "completed"), declared=declared)
    assert j.at_deadline == declared and j.verdict == "late" and j.late_evidence == declared
    done = judged(note("a", "2017-06-01", "limited"), declared=Assessment("completed", None, "government"))
    assert done.verdict == "completed"
    # while the period runs, a declared status is not yet evidence of lateness
    assert judged(declared=declared, as_of=dt.date(2017, 6, 1)).verdict == "due"


@pytest.mark.parametrize("status", ["no-evidence", "not-started", "limited", "substantial"])
def test_a_part_left_undone_after_the_deadline_makes_the_measure_late_but_gives_it_no_level(status):
    """scope: part (8.2: GRECO judged the declarations of MPs, judges and prosecutors, not every official's)."""
    j = judged(note("part", "2019-06-19", status, part=True))
    assert j.verdict == "late" and j.late_evidence.note_key == "part" and j.late_evidence.part
    assert j.at_deadline is None and j.later is None, "a part's status is no level for the whole measure"
    # before the deadline a part's status is no evidence either way, and no level
    early = judged(note("early", "2017-03-01", status, part=True))
    assert early.verdict == "unknown" and early.at_deadline is None and early.late_evidence is None
    # a whole-measure status still sets the levels beside it
    both = judged(note("part", "2019-06-19", status, part=True), note("whole", "2020-01", "limited"))
    assert (both.late_evidence.note_key, both.later.note_key) == ("part", "whole") and not both.later.part


def test_nothing_known_is_due_before_the_deadline_and_unknown_after():
    assert judged(as_of=dt.date(2017, 12, 31)).verdict == "due"
    assert judged(as_of=dt.date(2018, 1, 1)).verdict == "unknown"


# --- editors' mistakes ---------------------------------------------------------------------

NOTE = "progress/2017-06-30-8-5-mp-ethics-law-adopted.en.md"


def _check(content):
    return run_cli("check", "--content", str(content), cwd=content.parent)


def test_a_status_without_assessor_is_an_error_naming_the_fix(content_copy):
    for lang in ("az", "en"):
        path = content_copy / NOTE.replace(".en.", f".{lang}.")
        path.write_text(path.read_text("utf-8").replace("assessed_by: editorial\n", ""), "utf-8")
    result = _check(content_copy)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert (f"content/{NOTE}:6: a status needs 'assessed_by' (there is no default): add a line assessed_by: "
            "government, independent or editorial") in result.stderr


def test_a_part_of_a_measure_cannot_be_completed_on_its_own(content_copy):
    for lang in ("az", "en"):
        path = content_copy / NOTE.replace(".en.", f".{lang}.")
        path.write_text(path.read_text("utf-8").replace("assessed_by: editorial\n",
                                                        "assessed_by: editorial\nscope: part\n"), "utf-8")
    result = _check(content_copy)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    az = NOTE.replace(".en.", ".az.")
    line = (content_copy / az).read_text("utf-8").splitlines().index("scope: part") + 1
    assert f"content/{az}:{line}: a part of a measure cannot be 'completed' on its own" in result.stderr


def test_scope_must_agree_between_the_languages_and_needs_a_status(content_copy):
    en = content_copy / NOTE
    en.write_text(en.read_text("utf-8").replace("assessed_by: editorial\n", "assessed_by: editorial\nscope: part\n"),
                  "utf-8")
    result = _check(content_copy)
    assert result.returncode == 1 and "'scope' differs between the language versions" in result.stderr
    bare = content_copy / "progress/2017-02-14-1-1-332-of-458-services-integrated.en.md"
    bare.write_text(bare.read_text("utf-8").replace("---\n", "---\nscope: part\n", 1), "utf-8")
    assert "scope" in _check(content_copy).stderr


def test_a_note_without_reported_by_is_an_error(content_copy):
    path = content_copy / NOTE
    path.write_text(path.read_text("utf-8").replace("reported_by: press\n", ""), "utf-8")
    result = _check(content_copy)
    assert result.returncode == 1
    assert (f"content/{NOTE}:2: the front matter: the field 'reported_by' is missing; add it: what kind of "
            "body published the source the note rests on: government (a state body's own publication: a "
            "ministry's site, president.az, e-qanun.az), press (a news outlet, state news agencies such as "
            "AZERTAC or Trend included) or independent") in result.stderr


def test_the_file_name_date_must_match_the_front_matter(content_copy):
    path = content_copy / NOTE
    path.write_text(path.read_text("utf-8").replace("date: 2017-06-30", "date: 2017-06"), "utf-8")
    result = _check(content_copy)
    assert result.returncode == 1
    assert (f"content/{NOTE}:3: the date 2017-06 differs from the date 2017-06-30 in the file name; "
            "for date: 2017-06 the file name starts 2017-06-00-") in result.stderr


def test_a_search_for_an_unknown_measure_names_the_line(content_copy):
    (content_copy / "searches.yaml").write_text(
        '- measure: "3.1"\n  date: 2026-11-25\n  searched: [OGP]\n'
        '- measure: "3.9"\n  date: 2026-11-25\n  searched: [OGP]\n', "utf-8")
    result = _check(content_copy)
    assert result.returncode == 1
    assert "content/searches.yaml:4: unknown measure '3.9'" in result.stderr


def test_a_search_is_shown_on_a_measure_without_notes(content_copy, tmp_path):
    (content_copy / "searches.yaml").write_text(
        '- measure: "3.1"\n  date: 2026-11-25\n  searched: [OGP, GRECO, Turan]\n', "utf-8")
    assert run_cli("--content", str(content_copy), "--output", str(tmp_path / "o")).returncode == 0
    text = soup(tmp_path / "o/en/measures/3-1/index.html").select_one(".searched").get_text(" ", strip=True)
    assert text == ("Our searches of a collection of stored public web pages, aimed at OGP, GRECO, and Turan, found no "
                    "public report on this measure (as of 25 November 2026).")


def test_a_search_beside_notes_says_it_found_nothing_beyond_them(content_copy, tmp_path):
    """1.3 has only a baseline note from 2015; the searches for 2016-2018 found nothing (factcheck 1-5 M8)."""
    (content_copy / "searches.yaml").write_text(
        '- measure: "1.3"\n  date: 2026-11-25\n  searched: [OGP, Turan]\n', "utf-8")
    result = run_cli("--content", str(content_copy), "--output", str(tmp_path / "o"))
    assert result.returncode == 0 and "searches.yaml" not in result.stderr
    for lang, words in (("en", "found no public report on this measure other than those in the notes below "
                               "(as of 25 November 2026)."),
                        ("az", "aşağıdakı qeydlərdə göstərilənlərdən başqa dərc olunmuş hesabat tapılmayıb "
                               "(25 noyabr 2026-cı il tarixinə).")):
        page = soup(tmp_path / "o" / lang / "measures/1-3/index.html")
        assert page.select_one(".searched").get_text(" ", strip=True).endswith(words)
        assert not page.select_one(".no-source") and page.select(".note")


def test_an_alias_used_twice_is_an_error(content_copy):
    twin = "aliases: [2017-01-01-2-2-erc-monitoring-report]"
    for lang in ("az", "en"):
        p = content_copy / f"progress/2017-00-00-2-4-erc-monitoring-report.{lang}.md"
        p.write_text(p.read_text("utf-8").replace("aliases: [2017-01-01-2-4-erc-monitoring-report]", twin), "utf-8")
    result = _check(content_copy)
    assert result.returncode == 1
    assert ("content/progress/2017-00-00-2-4-erc-monitoring-report.az.md:9: the alias "
            "'2017-01-01-2-2-erc-monitoring-report' is already the name or an alias of "
            "content/progress/2017-00-00-2-2-erc-monitoring-report.az.md") in result.stderr


# --- the real site -------------------------------------------------------------------------

def test_9_4_is_not_completed_at_its_deadline_and_its_2024_adoption_is_a_later_development(site_dir, real_model):
    m = real_model.measures["9.4"]
    assert m.verdict == "late" and m.status != "completed"
    assert (m.judgement.later.status, m.judgement.later.date.iso()) == ("completed", "2024-01-23")
    for lang, late, later in (("en", "Not completed by the deadline", "Completed"),
                              ("az", "Müddətində tamamlanmayıb", "Tamamlanıb")):
        page = soup(site_dir / lang / "measures/9-4/index.html")
        row = page.select_one(".status-row").get_text(" ", strip=True)
        assert late in row and later in page.select_one("dd.later-dev").get_text()
    data = {r["id"]: r for r in json.loads((site_dir / "data/measures.json").read_text("utf-8"))["measures"]}
    assert data["9.4"]["verdict"] == "late" and data["9.4"]["later_status"] == "completed"
    assert data["9.4"]["later_status_date"] == "2024-01-23"


def test_no_page_labels_an_editorial_or_independent_status_as_government(site_dir, real_model):
    kinds = {n.key: n.assessed_by for n in real_model.notes if n.status}
    assert "editorial" in set(kinds.values())  # since 8.2 is our reading (factcheck 6-11 H1), no independent one
    for lang, gov in (("en", "government"), ("az", "hökumət")):
        for page in (site_dir / lang / "measures").glob("*/index.html"):
            for el in soup(page).select("[data-assessed-by]"):
                text = el.get_text(" ", strip=True)
                who = el["data-assessed-by"]
                if who != "government":
                    assert gov not in text.lower().split("qiymətləndirən:")[-1].split("assessed by:")[-1], (page, text)
                if who == "editorial":
                    assert ("our reading of the sources" if lang == "en" else "bizim şərhimiz") in text


def test_every_note_on_the_real_site_says_what_kind_of_source_it_reports(real_model):
    assert {n.reported_by for n in real_model.notes} == {"government", "press", "independent"}
    assert all(n.publisher for n in real_model.notes)
    erc = [n for n in real_model.notes if "erc-monitoring" in n.key]
    assert len(erc) == 7 and {n.reported_by for n in erc} == {"independent"}


def test_home_counts_late_and_no_evidence_apart(site_dir, real_model):
    verdicts = [m.verdict for m in real_model.measures.values()]
    late, unknown, done = verdicts.count("late"), verdicts.count("unknown"), verdicts.count("completed")
    assert late + unknown + done == 59 and late >= 4 and done >= 1
    items = [li.get_text(" ", strip=True) for li in soup(site_dir / "en/index.html").select("ul.totals li")]
    assert items == ["59 measures", f"completed by the deadline: {done}", f"not completed by the deadline: {late}",
                     f"deadline passed, no source found on completion: {unknown}"]
    assert "overdue" not in (site_dir / "en/index.html").read_text("utf-8").lower()


def test_no_source_sentence_only_on_measures_without_notes(site_dir, real_model):
    for m in real_model.measures.values():
        page = soup(site_dir / "en/measures" / m.idd / "index.html")
        assert bool(page.select_one(".no-source")) == (not m.notes and not m.search), m.id
        assert bool(page.select_one(".searched")) == bool(m.search), m.id
        text = page.get_text(" ", strip=True)
        if m.notes:
            assert "No source found" not in text and "no source we have found says how far" not in text.lower()
            assert bool(page.select_one(".no-level")) == (not m.has_levels), m.id


def test_8_2_shows_greco_finding_as_our_reading_of_a_part_of_the_measure(real_model, site_dir):
    """GRECO rates recommendations on MPs, judges and prosecutors, not measure 8.2: the status is our
    reading of a part, so 8.2 is late with no completion level, at the deadline or later (fresh read H1)."""
    m = real_model.measures["8.2"]
    j = m.judgement
    assert m.verdict == "late" and j.late_evidence.assessed_by == "editorial" and j.late_evidence.part
    assert j.at_deadline is None and j.later is None and m.status == "not-assessed"
    assert all(n.part for n in m.notes if n.status)
    # GRECO found the measures "still lacking" and the MPs' recommendation "not implemented"; no source says work
    # had not begun, so the part's status is "no evidence", not "not started" (review-fc M3)
    assert {n.status for n in m.notes if n.status} == {"no-evidence"}
    for n in m.notes:
        assert "not started" not in n.body_html.en and "had not started" not in n.body_html.en, n.key
        assert "başlanmayıb" not in n.body_html.az, n.key
    # the evidence is said as a finding about a part, never as the bare badge "No evidence" beside "Evidence that…"
    # (second fresh read M1), and no badge's explanation speaks of the whole measure
    for lang, words in (("en", "a part of the measure was found not completed in full (the status given for that "
                               "part only: No evidence)"),
                        ("az", "tədbirin bir hissəsinin tam icra edilmədiyi müəyyən edilib (yalnız həmin hissəyə "
                               "verilən status: Sübut yoxdur)")):
        page = soup(site_dir / lang / "measures/8-2/index.html")
        assert words in page.select_one(".evidence").get_text(" ", strip=True)
        assert not page.select(".evidence .badge, .note-meta .assessed .badge")
        assert not page.select(".later-dev") and not page.select(".status-row .later")
    row = next(r for r in json.loads((site_dir / "data/measures.json").read_text("utf-8"))["measures"]
               if r["id"] == "8.2")
    assert (row["late_evidence_scope"], row["later_status"], row["status"]) == ("part", None, "not-assessed")


def test_a_level_the_site_maps_from_a_source_is_never_labelled_independent(real_model):
    """A note that says the site itself turns a finding into a level is our reading, whoever reported it."""
    for n in real_model.notes:
        en = n.body_html.en.lower()
        if n.status and ("this site shows that as" in en or "we show that as" in en):
            assert n.assessed_by == "editorial", n.key


def test_the_later_status_comes_from_the_latest_note_that_gives_one(real_model, site_dir):
    """1.6: the 2022 nationwide e-admission note, not the 2021 one-district pilot (factcheck 1-5 H1)."""
    m = real_model.measures["1.6"]
    assert (m.verdict, m.judgement.late_evidence.note_key) == ("late", "2021-08-02-1-6-baku-kindergarten-e-admission")
    later = m.judgement.later
    assert (later.note_key, later.status, later.assessed_by) == (
        "2022-07-18-1-6-nationwide-preschool-e-admission", "completed", "editorial")
    for lang, word in (("en", "18 July 2022"), ("az", "2022")):
        assert word in soup(site_dir / lang / "measures/1-6/index.html").select_one("dd.later-dev").get_text()
    for m in real_model.measures.values():
        after = [n for n in m.notes if n.status and not n.part and n.date.last_day() > m.deadline]
        assert (m.judgement.later.note_key if m.judgement.later else None) == (after[0].key if after else None)


def test_8_1_note_does_not_conclude_more_than_the_measure_asks(real_model):
    """8.1 asks for drafting; the undated draft leaves it unknown (factcheck 6-11 H2)."""
    m = real_model.measures["8.1"]
    assert m.verdict == "unknown"
    for n in m.notes:
        assert "not completed" not in n.body_html.en and "başa çatdırılmayıb" not in n.body_html.az
        assert "drafting was done within 2016–2018 is not known" in n.body_html.en


def test_no_note_on_a_completed_measure_still_calls_the_completion_unconfirmed(real_model):
    """6.2.3: the second-reading note points to the law of 31 May 2017 (F202), as the later note does."""
    for m in real_model.measures.values():
        if m.verdict == "completed":
            for n in m.notes:
                assert "not confirmed" not in n.body_html.en, n.key
                assert "təsdiqlənmir" not in n.body_html.az and "təsdiq olunmur" not in n.body_html.az, n.key
    older = next(n for n in real_model.measures["6.2.3"].notes if "second-reading" in n.key)
    assert "31 May 2017" in older.body_html.en and "31 may 2017" in older.body_html.az


def test_4_1_3_reason_rests_on_sources_dated_by_its_deadline(real_model):
    """The 2016 note no longer argues from a 2017 project or a 2018 report (factcheck 1-5 H2), and it sets no
    level: no fact supports 'substantial, not fully' at the 2016 deadline (review-fc H1), so no 4.1.3 note has one."""
    m = real_model.measures["4.1.3"]
    assert not any(n.status or n.assessed_by for n in m.notes)
    n = next(n for n in m.notes if n.key == "2016-09-09-4-1-3-dialogue-platform-founded")
    assert "Eurasia Partnership" not in n.body_html.en and "Avrasiya" not in n.body_html.az
    assert not any("id=477" in s for s in n.sources)
    assert "not fully" not in n.body_html.en and "tam deyil" not in n.body_html.az
    assert "work continuing" in n.body_html.en and "davam etdiyini" in n.body_html.az


@pytest.mark.parametrize("key", ["2016-00-00-1-1-portal-usage-first-half-2016",
                                 "2019-00-00-8-10-asan-kommunal-centres-in-baku",
                                 "2018-00-00-11-6-eap-csf-study-on-ogp-recommendations"])
def test_undated_sources_are_dated_to_the_year_only(real_model, key):
    """No invented month or day (factcheck 1-5 M6, 6-11 M1, M2): the old names stay as aliases."""
    n = next(n for n in real_model.notes if n.key == key)
    assert n.date.precision == "year"
    assert any(a.startswith(f"{n.date.year}-") and a != key for a in n.aliases)


def test_no_note_dates_itself_to_an_earliest_possible_month(real_model):
    for n in real_model.notes:
        assert "earliest month" not in n.body_html.en, n.key


def test_5_1_gives_the_laws_own_date_and_number_in_both_languages(real_model):
    n = next(n for n in real_model.measures["5.1"].notes if "chamber-of-accounts" in n.key)
    for lang, day in (("en", "29 June 2018"), ("az", "29 iyun 2018")):
        assert day in n.body_html.get(lang) and "1199-VQ" in n.title.get(lang)
    assert "5 sentyabr 2018-ci ildə qəbul edilib" not in n.body_html.az
    assert "https://cis-legislation.com/document.fwx?rgn=124702" in n.sources


def test_about_pages_date_the_competition_code_by_parliament_and_signature(real_model):
    """F48: third reading 8 December 2023, signed 23 January 2024 (factcheck 6-11 M6)."""
    about = real_model.pages["about"].body_html
    assert "passed by parliament only in December 2023 and signed into law in January 2024" in about.en
    assert "2023-cü ilin dekabrında Milli Məclisdə qəbul edilib" in about.az
    assert "adopted only in January 2024" not in about.en and "yalnız 2024-cü ilin yanvarında qəbul" not in about.az


def test_4_1_3_is_not_completed_on_its_founding_day(real_model):
    m = real_model.measures["4.1.3"]
    assert m.verdict != "completed"
    assert not any(n.status == "completed" for n in m.notes)


def test_7_1_shows_its_amendment_on_the_page_and_in_the_data(site_dir, real_model):
    amendment = real_model.measures["7.1"].amendments[0]
    assert amendment.date.iso() == "2017-10-13" and "http://en.apa.az/print/266146" in amendment.sources
    item = soup(site_dir / "en/measures/7-1/index.html").select_one("ul.amendments li")
    assert item.time.get_text() == "13 October 2017"
    data = {r["id"]: r for r in json.loads((site_dir / "data/measures.json").read_text("utf-8"))["measures"]}
    assert data["7.1"]["amendments"][0]["date"] == "2017-10-13"


def test_7_1_implementer_after_the_amendment_is_the_transparency_commission(site_dir, real_model):
    """F09: from 13 October 2017 the Extractive Industries Transparency Commission, not SOFAZ, is the
    implementer; both are listed, each with its dates (factcheck 6-11 M10)."""
    m = real_model.measures["7.1"]
    eitc = "extractive-industries-transparency-commission"
    assert m.implementers == ("state-oil-fund", eitc)
    assert m.term("state-oil-fund").until.iso() == "2017-10-13" and m.term(eitc).since.iso() == "2017-10-13"
    assert real_model.measures_of(eitc, "implementers") == [m]
    for lang, since in (("en", "implementer from 13 October 2017"), ("az", "13 oktyabr 2017-ci il tarixindən icraçı")):
        bodies = soup(site_dir / lang / "measures/7-1/index.html").select(".bodies li")
        assert since in bodies[1].get_text(" ", strip=True)
        assert since in soup(site_dir / lang / "institutions" / eitc / "index.html").select_one(".term").get_text()
    bodies = {i["id"]: i for i in json.loads((site_dir / "data/institutions.json").read_text("utf-8"))["institutions"]}
    assert bodies[eitc]["implementer_of"] == ["7.1"]


def test_renamed_notes_keep_their_old_anchors(site_dir):
    page = soup(site_dir / "en/measures/5-2/index.html")
    old = page.find(id="2018-01-01-5-2-open-budget-survey-2017-participation")
    assert old.find_parent("article")["id"] == "2018-01-30-5-2-open-budget-survey-2017-participation"


def test_no_note_carries_a_placeholder_day(real_model):
    """1 January and 31 December were placeholders; only facts that give them may keep them."""
    real_days = {"2017-01-01-4-1-2-single-window-foreign-grants", "2016-12-31-5-2-ibp-tracker-end-2016",
                 "2016-12-31-5-3-ibp-tracker-end-2016", "2016-12-31-5-4-ibp-tracker-end-2016"}
    for n in real_model.notes:
        if n.date.precision == "day" and (n.date.month, n.date.day) in ((1, 1), (12, 31)):
            assert n.key in real_days, n.key


def test_as_of_is_the_date_in_site_yaml_on_every_page(site_dir):
    for lang, text in (("en", "Sources last checked on 25 November 2026."),
                       ("az", "Mənbələr sonuncu dəfə 25 noyabr 2026-cı il tarixində yoxlanılıb.")):
        for page in [site_dir / lang / "index.html", site_dir / lang / "measures/1-1/index.html"]:
            assert soup(page).select_one("footer .as-of").get_text(" ", strip=True) == text
    assert json.loads((site_dir / "data/measures.json").read_text("utf-8"))["as_of"] == "2026-11-25"


def test_a_build_never_moves_as_of(tmp_path):
    env = dict(os.environ, SOURCE_DATE_EPOCH="1514764800")  # 2018-01-01
    assert run_cli("--content", str(CONTENT), "--output", str(tmp_path / "o"), env=env).returncode == 0
    assert "Sources last checked on 25 November 2026." in (tmp_path / "o/en/index.html").read_text("utf-8")


@pytest.mark.parametrize("lang, reading, retired", [
    ("en", "our reading of the sources", "These statuses are the site's own assessment"),
    ("az", "mənbələrə dair bizim şərhimiz", "Bu statuslar IRM-in deyil, saytın öz qiymətləndirməsidir"),
])
def test_about_page_explains_the_deadline_rule_and_who_judged(site_dir, lang, reading, retired):
    """The page the home page links as 'how statuses are set' must describe the rules the site
    follows: judged at the deadline, late only with evidence, and an assessor for every status."""
    text = soup(site_dir / lang / "about/index.html").select_one("main").get_text(" ", strip=True)
    assert reading in text
    assert retired not in text  # the old claim that every status is the editors' own
    assert ("9.4" in text) and ("2024" in text)  # the worked example of a later development


def test_an_unknown_verdict_after_an_earlier_status_does_not_deny_it(site_dir, real_model):
    """A status before the deadline, nothing after: the page must not say that no source speaks to whether the
    work was done (factcheck 1-5 M2, 6-11 L16). 4.1.3 was that case until its 2016 note lost its level
    (review-fc H1): it now has none, so its page says that no source speaks to it."""
    m413 = real_model.measures["4.1.3"]
    assert m413.verdict == "unknown" and m413.judgement.at_deadline is None and not m413.has_levels
    for lang, earlier, none in (("en", "The latest status given before the deadline is shown below",
                                 "no source we have found says whether"),
                                ("az", "Son müddətdən əvvəl verilmiş sonuncu status aşağıda göstərilir",
                                 "tapdığımız mənbələrin heç biri")):
        for m in real_model.measures.values():
            if m.verdict != "unknown":
                continue
            page = soup(site_dir / lang / "measures" / m.idd / "index.html")
            text = page.select_one("dd.at-deadline").get_text(" ", strip=True)
            title = page.select_one(".status-row .badge")["title"]
            if m.judgement.at_deadline:
                assert earlier in text and none not in text and earlier in title, (lang, m.id)
            else:
                assert none in text and earlier not in text, (lang, m.id)


def test_an_earlier_status_is_shown_as_such_when_nothing_follows_it(content_copy, tmp_path):
    """The branch above that no real measure reaches since review-fc H1: a copy of the content in which
    4.1.3's 2016 note keeps a pre-deadline status must show that status as the latest before the deadline."""
    for lang in ("az", "en"):
        path = content_copy / "progress" / f"2016-09-09-4-1-3-dialogue-platform-founded.{lang}.md"
        text = path.read_text("utf-8")
        path.write_text(text.replace('publisher: "Report.az"\n',
                                     'publisher: "Report.az"\nstatus: substantial\nassessed_by: editorial\n', 1), "utf-8")
    out = build_into(content_copy, tmp_path / "out", "https://example.org/")
    for lang, earlier, none in (("en", "The latest status given before the deadline is shown below",
                                 "no source we have found says whether"),
                                ("az", "Son müddətdən əvvəl verilmiş sonuncu status aşağıda göstərilir",
                                 "tapdığımız mənbələrin heç biri")):
        page = soup(out / lang / "measures/4-1-3/index.html")
        text = page.select_one("dd.at-deadline").get_text(" ", strip=True)
        assert earlier in text and none not in text and earlier in page.select_one(".status-row .badge")["title"]
