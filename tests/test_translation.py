"""The two languages side by side: blank translations, the government's own English, the
institution headings, the glossary's wording and the about pages."""
from __future__ import annotations

import re

import pytest
import yaml

from conftest import CONTENT, ROOT, run_cli, soup
from test_bad_input import edit


def page(folder, *parts):
    return soup(folder.joinpath(*parts, "index.html"))


# --- a blank translation is a missing translation ----------------------------------------------

def test_blank_en_in_the_fixture_is_shown_in_azerbaijani_and_marked(mini_dir):
    facts = page(mini_dir, "en", "measures", "1-2").select_one("dl.facts")
    indicator = [dd for dt, dd in zip(facts.select("dt"), facts.select("dd")) if dt.get_text() == "Evaluation indicators"][0]
    assert indicator.select_one('span[lang="az"]').get_text() == "Göstərici"
    assert indicator.select_one("small.untranslated").get_text() == "(not yet translated)"


def test_blank_en_in_the_fixture_warns_on_its_own_line():
    result = run_cli("check", "--content", str(ROOT / "tests/fixtures/mini"))
    assert result.returncode == 0, result.stderr
    assert ("tests/fixtures/mini/measures/1.2.yaml:7: warning: the indicators of measure 1.2: no English text yet"
            in result.stderr)


BLANKS = [("nothing after the colon", '  en:\n'), ("null", '  en: null\n'), ("empty quotes", '  en: ""\n'),
          ("spaces in quotes", '  en: "  "\n')]


@pytest.mark.parametrize("blank", [b[1] for b in BLANKS], ids=[b[0] for b in BLANKS])
def test_a_blank_measure_title_builds_with_a_warning_and_the_mark(blank, content_copy, tmp_path):
    f = content_copy / "measures/1.2.yaml"
    f.write_text(re.sub(r'^  en: "Improving.*\n', blank, f.read_text("utf-8"), count=1, flags=re.M), "utf-8")
    result = run_cli("--content", str(content_copy), "--output", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert "measures/1.2.yaml:5: warning: the title of measure 1.2: no English text yet" in result.stderr
    h1 = page(tmp_path / "out", "en", "measures", "1-2").h1
    assert h1.select_one('span[lang="az"]').get_text().startswith("“Elektron hökumət” portalına")
    assert "not yet translated" in h1.select_one("small.untranslated").get_text()


def test_blank_section_title_and_institution_name_warn_on_their_lines(content_copy, tmp_path):
    edit("sections.yaml", 'en: "Improving electronic services"', "en:")(content_copy)
    edit("institutions.yaml", 'en: "Ministry of Justice of the Republic of Azerbaijan"', "en: null")(content_copy)
    result = run_cli("--content", str(content_copy), "--output", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    sections = (content_copy / "sections.yaml").read_text("utf-8").splitlines()
    institutions = (content_copy / "institutions.yaml").read_text("utf-8").splitlines()
    s_line = sections.index("    en:") + 1
    i_line = institutions.index("    en: null") + 1
    assert f"sections.yaml:{s_line}: warning: section 1: no English text yet" in result.stderr
    assert f"institutions.yaml:{i_line}: warning: the name of 'ministry-of-justice': no English text yet" in result.stderr
    h1 = page(tmp_path / "out", "en", "institutions", "ministry-of-justice").h1
    assert h1.select_one('span[lang="az"]').get_text() == "Azərbaycan Respublikasının Ədliyyə Nazirliyi"


def test_a_text_blank_in_both_languages_is_an_error_with_its_line(content_copy, tmp_path):
    f = content_copy / "measures/1.3.yaml"
    text = f.read_text("utf-8")
    text = re.sub(r'^(title:\n)  az: .*\n  en: .*\n', r'\1  az:\n  en: null\n', text, count=1, flags=re.M)
    f.write_text(text, "utf-8")
    result = run_cli("check", "--content", str(content_copy))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "measures/1.3.yaml:3: the title of measure 1.3: there is no text in either language" in result.stderr


def test_a_list_where_text_belongs_is_still_an_error(content_copy):
    edit("measures/1.4.yaml", '  en: "Ensuring', '  en: ["Ensuring')(content_copy)
    f = content_copy / "measures/1.4.yaml"
    f.write_text(f.read_text("utf-8").replace('services"\n', 'services"]\n', 1), "utf-8")
    result = run_cli("check", "--content", str(content_copy))
    assert result.returncode == 1
    assert "measures/1.4.yaml:5: 'title.en': write the text in quotes, or leave it blank" in result.stderr


# --- the government's own English --------------------------------------------------------------

def test_translation_note_is_shown_in_each_language_with_its_source(mini_dir):
    en = page(mini_dir, "en", "measures", "2-1-1").select_one("aside.translation-note")
    assert en.h2.get_text() == "The government’s English version"
    assert "calls the Ministry of Villages the “Ministry of Rural Affairs”" in en.p.get_text()
    assert en.a["href"] == "https://example.org/government-english"
    az = page(mini_dir, "az", "measures", "2-1-1").select_one("aside.translation-note")
    assert az.h2.get_text() == "Hökumətin ingiliscə versiyası"
    assert az.p.get_text().startswith("Hökumətin ingiliscə mətnində Kənd Nazirliyi")
    assert not page(mini_dir, "en", "measures", "1-1").select_one("aside.translation-note")


def test_translation_note_needs_a_source(content_copy):
    f = content_copy / "measures/1.2.yaml"
    f.write_text(f.read_text("utf-8") + 'translation_note:\n  en: "Differs."\n  az: "Fərqlənir."\n', "utf-8")
    result = run_cli("check", "--content", str(content_copy))
    assert result.returncode == 1
    assert "measures/1.2.yaml:12: 'translation_note': the field 'source' is missing; add it" in result.stderr
