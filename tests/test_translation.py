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


# --- the English version published with the plan (the government's English) --------------------------------------------------------------

def test_translation_note_is_shown_in_each_language_with_its_source(mini_dir):
    en = page(mini_dir, "en", "measures", "2-1-1").select_one("aside.translation-note")
    assert en.h2.get_text() == "The English version published with the plan"
    assert "calls the Ministry of Villages the “Ministry of Rural Affairs”" in en.p.get_text()
    assert en.a["href"] == "https://example.org/government-english"
    az = page(mini_dir, "az", "measures", "2-1-1").select_one("aside.translation-note")
    assert az.h2.get_text() == "Planla birlikdə dərc olunmuş ingiliscə versiya"
    assert az.p.get_text().startswith("Hökumətin ingiliscə mətnində Kənd Nazirliyi")
    assert not page(mini_dir, "en", "measures", "1-1").select_one("aside.translation-note")


def test_translation_note_needs_a_source(content_copy):
    f = content_copy / "measures/1.2.yaml"
    f.write_text(f.read_text("utf-8") + 'translation_note:\n  en: "Differs."\n  az: "Fərqlənir."\n', "utf-8")
    result = run_cli("check", "--content", str(content_copy))
    assert result.returncode == 1
    assert "measures/1.2.yaml:12: 'translation_note': the field 'source' is missing; add it" in result.stderr


def test_the_real_measures_say_where_the_published_english_differs(site_dir):
    record = (ROOT / "sources/government-english.md").read_text("utf-8")
    noted = {}
    for f in sorted((CONTENT / "measures").glob("*.yaml")):
        data = yaml.safe_load(f.read_text("utf-8"))
        if "translation_note" in data:
            noted[data["id"]] = data["translation_note"]
            assert data["translation_note"]["source"] in record, "every difference shown is recorded with its source"
    assert sorted(noted) == ["1.1", "1.4"]
    aside = page(site_dir, "en", "measures", "1-1").select_one("aside.translation-note")
    assert "“Decree №191”" in aside.get_text() and "No. 191 of 24 November 2011" in aside.get_text()
    assert aside.a["href"].startswith("https://docsbay.net/national-action-plan-for-2016-2018")
    assert "“Decree №191”" in page(site_dir, "az", "measures", "1-1").select_one("aside.translation-note").get_text()


# --- institution pages: who recommends to whom ----------------------------------------------------

def test_az_institution_headings_say_what_the_count_is(site_dir):
    doc = page(site_dir, "az", "institutions", "milli-majlis")
    assert doc.select_one("#impl-h").get_text(strip=True) == "İcraçısı olduğu tədbirlər: 0"
    assert doc.select_one("#rec-h").get_text(strip=True) == "İştirakı tövsiyə olunan tədbirlər: 6"
    justice = page(site_dir, "az", "institutions", "ministry-of-justice")
    assert justice.select_one("#rec-h").get_text(strip=True) == "İştirakı tövsiyə olunan tədbirlər: 0"


def test_no_az_institution_page_says_a_count_was_recommended(site_dir):
    pages = sorted((site_dir / "az/institutions").glob("*/index.html"))
    assert len(pages) == len(yaml.safe_load((CONTENT / "institutions.yaml").read_text("utf-8")))
    for p in pages:
        headings = [h.get_text(" ", strip=True) for h in soup(p).select("h2")]
        assert not [h for h in headings if re.search(r"\d+ tədbir(in icraçısı| tövsiyə edilib)", h)], p


def test_az_institutions_index_heading_and_columns(site_dir):
    doc = page(site_dir, "az", "institutions")
    assert doc.h1.get_text() == "Qurumlar"
    headers = [th.get_text(" ", strip=True) for th in doc.select("table.index thead th")]
    assert headers[:2] == ["Qurum", "İcraçı"] and headers[-1] == "Tövsiyə"
    assert "✕ müddətində tamamlanmayıb" in headers  # the scorecard's verdicts as the summaries name them
    assert doc.select_one("p.lead").get_text().startswith("Planda adı çəkilən bütün qurumlar əlifba sırası ilə verilib.")


def test_the_commission_is_called_by_its_name_in_english(site_dir):
    doc = page(site_dir, "en", "institutions")
    names = [a.get_text(" ", strip=True) for a in doc.select("table.index th a")]
    assert "Commission on Combating Corruption" in names and "Anti-Corruption Commission" not in names


# --- the glossary's wording ---------------------------------------------------------------------

RETIRED = {  # wording the translation review retired, and what replaced it
    "made to work": "made operational / put into operation",
    "ensure that it works": "keep it running",
    "gymnasiums": "gymnasium schools",
    "of a financial nature": "financial information (financial disclosure)",
    "work of the electronic sections": "operation of the web sections",
    "the anti-corruption topic": "anti-corruption as a topic",
    "accountability in the private sector": "responsibility in the private sector",
    "Transparent recruitment": "Ensuring transparency in recruitment",
}


def english_texts():
    for f in sorted((CONTENT / "measures").glob("*.yaml")):
        data = yaml.safe_load(f.read_text("utf-8"))
        for field in ("title", "indicators"):
            yield data["id"], (data.get(field) or {}).get("en") or ""
    for s in yaml.safe_load((CONTENT / "sections.yaml").read_text("utf-8")):
        for sec in [s, *s.get("subsections", [])]:
            yield f"section {sec['id']}", sec["title"]["en"]


def test_english_never_uses_the_retired_glossary_wording():
    texts = list(english_texts())
    assert len(texts) == 59 * 2 + 15  # 11 sections and 4 subsections
    for where, text in texts:
        for old, new in RETIRED.items():
            assert old.lower() not in text.lower(), f"{where}: '{old}' is retired; write '{new}'"
        # "members of municipalities" is kept only as the bracketed gloss of "municipal councillors"
        assert "members of municipalities" not in text.replace("municipal councillors (members of municipalities)", ""), where
        # "müraciət" is an appeal only in 8.7 (entrepreneurs' appeals); elsewhere a request
        if where != "8.7":
            assert "appeal" not in text.lower().replace("appeal council", ""), where


def test_the_glossary_rows_give_the_new_wording():
    rows = {r.split("|")[1].strip(): r.split("|")[2].strip()
            for r in (ROOT / "docs/glossary.md").read_text("utf-8").splitlines() if r.startswith("| ") and r.count("|") >= 4}
    assert rows["fəaliyyətinin təmin edilməsi (of a service or system)"] == "made operational / ensuring that … operates"
    assert rows["müraciət; müraciətlərə baxılması"] == "request; handling of requests"
    assert rows["bələdiyyə üzvləri"] == "municipal councillors (members of municipalities)"
    assert rows["məsuliyyət"] == "responsibility"


def test_the_two_garden_path_titles_read_one_way(real_model):
    assert real_model.measures["11.3"].title.en.startswith("Including in the annual reports of the Cabinet of Ministers")
    assert "Action Plan; designation by state bodies" in real_model.measures["11.1"].title.en
    assert real_model.measures["6.2.3"].title.en.endswith("for municipal councillors (members of municipalities)")


# --- the about pages ----------------------------------------------------------------------------

PLAN = (ROOT / "sources/plan-2016-2018.az.txt").read_text("utf-8")


def about(site_dir, lang):
    return page(site_dir, lang, "about").select_one("main")


def test_az_about_page_is_called_what_the_menu_calls_it(site_dir):
    doc = page(site_dir, "az", "about")
    assert doc.h1.get_text() == "Plan haqqında"
    assert doc.title.get_text() == "Plan haqqında — Açıq hökumət planı 2016–2018"
    assert doc.select_one("main h2").get_text() == "Planın girişi"
    assert page(site_dir, "en", "about").h1.get_text() == "About the plan"


@pytest.mark.parametrize("lang,lead", [("az", "Planın girişindən (orijinal mətn):"),
                                       ("en", "From the plan's introduction (the site's translation):")])
def test_about_pages_mark_the_plans_own_text(site_dir, lang, lead):
    main = about(site_dir, lang)
    intro = main.find("p", string=lead)
    assert intro is not None, "the plan's text is introduced as the plan's"
    quote = intro.find_next_sibling()
    assert quote.name == "blockquote" and len(quote.find_all("p")) == 5
    assert "148 [sic" in quote.get_text()
    note = quote.find_next_sibling("p")
    assert note.em.get_text() in ("Editor's note:", "Redaktorun qeydi:")
    assert "140" in note.get_text()
    assert any(a["href"].startswith("https://report.az/en/industry/azerbaijan-takes-the-40th-place") for a in note.find_all("a"))
    if lang == "az":  # the quote is the plan's own words, apart from the bracketed editor's mark
        plan = re.sub(r"\s", "", PLAN)  # the source text lost some spaces in extraction
        for p in quote.find_all("p"):
            text = re.sub(r" \[sic: [^\]]*\]", "", p.get_text())
            assert re.sub(r"\s", "", text.replace("2016–2018", "2016-2018")) in plan, text[:60]


@pytest.mark.parametrize("lang", ["az", "en"])
def test_about_pages_link_the_published_english_and_explain_the_terms(site_dir, lang):
    main = about(site_dir, lang)
    hrefs = [a["href"] for a in main.find_all("a")]
    assert "http://ogp.org.az/index.php/action-plan/" in hrefs
    own = main.find(lambda t: t.name == "p" and re.match("(The English on this site|Saytdakı ingiliscə mətn)", t.get_text()))
    assert own is not None, "the paragraph on the site's own English stands on its own"
    assert ("the site's own translation" if lang == "en" else "bizim öz tərcüməmizdir") in own.get_text()
    assert "http://ogp.org.az/index.php/action-plan/" in [a["href"] for a in own.find_all("a")]
    text = main.get_text(" ")
    assert ("“inactive”" in text and "“suspended”" in text) if lang == "en" else ("“qeyri-aktiv”" in text and "“dayandırılmış”" in text)
    assert "https://opengovpartnership.org/about/news-and-events/azerbaijan-suspension-extended-bosnia-and-herzegovina-and-trinidad-and-tobago" in hrefs


def test_about_pages_fixes_of_the_translation_review(site_dir):
    en = about(site_dir, "en").get_text(" ")
    assert "State bodies have made projects and initiatives to promote open government a priority" in en
    assert "had developed three action plans" in en and "delivered" not in en
    assert "16 in favour and 3 against, with 3 abstentions, and that the main reason" in en
    az = about(site_dir, "az").get_text(" ")
    assert "OGP" not in az.replace("Open Government Partnership, OGP", ""), "one abbreviation (AHT) on the az page"


def test_the_facts_record_the_correction_of_the_148(site_dir):
    facts = (ROOT / "sources/progress-facts.md").read_text("utf-8")
    context = facts[facts.index("## A. Context"):facts.index("## B.")]
    block = context[context.index("### F90"):]
    assert "140" in block and "148" in block
    assert "https://report.az/en/industry/azerbaijan-takes-the-40th-place-in-ranking-of-global-competitiveness/" in block


# --- the editor's guides ------------------------------------------------------------------------

@pytest.mark.parametrize("guide", ["docs/editing.md", "docs/editing.az.md"])
def test_the_guides_translation_note_example_builds(guide, content_copy, tmp_path):
    text = (ROOT / guide).read_text("utf-8")
    example = re.search(r"```yaml\n(translation_note:\n.*?)```", text, re.S).group(1)
    f = content_copy / "measures/2.1.yaml"
    f.write_text(f.read_text("utf-8") + example, "utf-8")
    result = run_cli("--content", str(content_copy), "--output", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    aside = page(tmp_path / "out", "en", "measures", "2-1").select_one("aside.translation-note")
    assert aside.p.get_text().startswith("The English version published with the plan …")


def test_the_az_guide_passages_the_review_found_unclear_are_rewritten():
    guide = (ROOT / "docs/editing.az.md").read_text("utf-8")
    for unclear in ("olduğu kimi dərc etmir", "başlıq hissəsi", "planın yalnız tövsiyə edə\nbildiyi qurumlar",
                    "# or: group", "# optional:", "**bold**", "[link text]", "id-ni", "qurma jurnalında"):
        assert unclear not in guide, unclear
    assert "nümunə mətn qalarsa, sayt\n     qurulmur və səhv mesajı göstərilir" in guide
    assert "commit edin (yadda saxlayın)" in guide


def test_az_pages_write_the_partnership_out_and_use_polite_forms(site_dir):
    measure = page(site_dir, "az", "measures", "1-1")
    assert "Açıq Hökumət Tərəfdaşlığı öhdəliyi AZ0038" in measure.select_one("dl.facts").get_text()
    assert "AHT öhdəliyi" not in measure.get_text()
    assert measure.select_one("a.skip").get_text() == "Əsas məzmuna keçin"
    ogp = page(site_dir, "az", "sections", "1").select_one("p.ogp").get_text(" ", strip=True)
    assert ogp == "Açıq Hökumət Tərəfdaşlığı öhdəliyi: AZ0038"
    assert page(site_dir, "az", "timeline").h1.get_text() == "Planın icra qrafiki"
    assert measure.select_one("a.brand").get_text() == "Açıq hökumət planı 2016–2018"


def test_az_notes_say_our_reading_with_a_genitive_not_an_accusative():
    """"şərh" is a noun: "mənbələrə dair bizim şərhimiz", never "bizim mənbəni/mənbələri şərhimiz"
    (az-ui review M5); and İkisahil begins with a dotted capital (M8)."""
    from conftest import CONTENT

    for f in sorted((CONTENT / "progress").glob("*.az.md")):
        text = f.read_text("utf-8")
        assert not re.search(r"mənbə(ni|ləri) şərhimiz", text, re.IGNORECASE), f.name
        assert "Ikisahil" not in text, f.name
