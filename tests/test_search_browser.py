"""Search in a real browser: Pagefind's own index and script, served under a strict Content
Security Policy, queried as a reader would (Debian's chromium through Playwright)."""
from __future__ import annotations


import pytest

from browsing import browser  # noqa: F401  (skips without chromium; fails under REQUIRE_BROWSER)


from conftest import serving  # noqa: E402
from napsite.stem import fold, query_form  # noqa: E402

# What the published site sends: no inline script or style anywhere; WebAssembly for Pagefind.
CSP = ("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; "
       "object-src 'none'; base-uri 'self'")


@pytest.fixture(scope="module")
def server(searchable_dir):
    with serving(searchable_dir, {"Content-Security-Policy": CSP}) as url:
        yield url


@pytest.fixture
def page(browser):
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.errors = []
    page.on("console", lambda m: page.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    yield page
    assert page.errors == []  # a CSP violation shows here
    page.close()


def found(page, server, lang: str, query: str) -> set[str]:
    """Every page Pagefind's index finds for `query`, as the search page would ask it."""
    page.goto(server + f"{lang}/search/")
    prepared = query_form(query) if lang == "az" else query  # as static/search.js prepares it
    urls = page.evaluate("""async (q) => {
        const pf = await import('/pagefind/pagefind.js'); await pf.init();
        const r = await pf.search(q); return Promise.all(r.results.map(x => x.data().then(d => d.url)));
    }""", prepared)
    return {u.strip("/") for u in urls}


def ui_search(page, server, lang: str, query: str):
    page.goto(server + f"{lang}/search/")
    page.fill("#q", query)
    page.wait_for_selector("#results .count, #results .none")
    return page


@pytest.mark.parametrize("lang,query,measure", [
    ("en", "ethical conduct", "8-5"), ("az", "etik davranış", "8-5"),
    ("en", "EITI", "7-1"), ("az", "MHŞT", "7-1"),
])
def test_a_known_word_finds_its_measure(page, server, lang, query, measure):
    assert f"{lang}/measures/{measure}" in found(page, server, lang, query)


@pytest.mark.parametrize("query,pages", [
    # "xidmətlərin" finds 5.7, which says only "xidməti", and 1.2, which says "xidmətlərin"
    ("xidmətlərin", {"1-2", "5-7", "8-6"}),
    ("xidmət", {"1-2", "1-3", "5-7"}),  # 1.2 and 1.3 say only "xidmətlərin"
    ("şəffaflığın", {"11-4", "5-1", "9-2"}),  # 11.4 says only "şəffaflıq", 5.1 only "şəffaflığının"
    ("şəffaflıq", {"5-1", "6-1-1", "9-2"}),  # none of them says "şəffaflıq"
])
def test_an_azerbaijani_word_in_any_form_finds_the_others(page, server, query, pages):
    assert {f"az/measures/{p}" for p in pages} <= found(page, server, "az", query)


def test_the_search_page_shows_results_with_excerpts(page, server):
    ui_search(page, server, "az", "xidmətlərin")
    hits = page.eval_on_selector_all("#results .hits > li", """lis => lis.map(li => [
        li.querySelector('a.hit').getAttribute('href'), li.querySelector('.excerpt').textContent])""")
    by_url = dict(hits)
    # 5.7 says "xidməti": the excerpt shows that, never the list of stems the index holds
    assert "xidməti" in by_url["/az/measures/5-7/"].split()
    assert all(len(text.split()) <= 30 for text in by_url.values())
    marked = page.eval_on_selector_all("#results .excerpt mark", "ms => ms.map(m => m.textContent)")
    assert marked and all("xidmət" in m.lower() for m in marked), marked  # "e-xidmət" too


def test_a_note_is_found_at_its_anchor(page, server):
    ui_search(page, server, "en", "ASAN Kommunal")
    subs = page.eval_on_selector_all("#results .subs a", "as => as.map(a => a.getAttribute('href'))")
    assert "/en/measures/8-10/#2019-00-00-8-10-asan-kommunal-centres-in-baku" in subs


@pytest.mark.parametrize("query", ["8.5", "8,5", "measure 8.5"])
def test_a_measure_number_lands_on_the_measure(page, server, query):
    ui_search(page, server, "en", query)
    assert page.get_attribute("#results .go a", "href") == "../measures/8-5/"
    page.press("#q", "Enter")
    page.wait_for_url("**/en/measures/8-5/")


def test_a_shared_search_address_with_a_number_opens_the_measure(page, server):
    page.goto(server + "az/search/?q=4.1.3")
    page.wait_for_url("**/az/measures/4-1-3/")


@pytest.mark.parametrize("query", ["qzxwv$&", "qzxwv$`b", "qzxwv$'"])
def test_a_query_with_dollar_patterns_is_shown_as_typed(page, server, query):
    ui_search(page, server, "en", query)
    template = page.get_attribute("form#search", "data-none")
    assert page.text_content("#results .none") == template.replace("{query}", query)


# --- Azerbaijani as people type it: without ə ı ş ç ö ü ğ ----------------------------------------

AZ_LETTERS = set("əışçöüğ")


def generated_words(real_model, count=25):
    """Words of the measures' Azerbaijani titles that hold an Azerbaijani letter, in the form the
    titles use (inflected), a fixed sample spread over the sorted list."""
    words = {w.strip('“”"\'.,;:()«»-–') for m in real_model.measures.values() for w in m.title.az.split()}
    words = sorted(w for w in words if w.isalpha() and len(w) >= 4 and AZ_LETTERS & set(w.lower()))
    assert len(words) > 3 * count
    step = len(words) / count
    return [words[int(i * step)] for i in range(count)]


def shown(page, server, lang: str, query: str, first: int = 5) -> tuple[str, list[str]]:
    """The count line and the first hits the search page shows for `query` typed in the box."""
    ui_search(page, server, lang, query)
    count = page.text_content("#results .count, #results .none")
    hrefs = page.eval_on_selector_all("#results a.hit", "as => as.map(a => a.getAttribute('href'))")
    return count, hrefs[:first]


def test_folded_and_correct_spellings_give_the_same_results_for_the_plans_own_words(page, server, real_model):
    words = generated_words(real_model)
    agree, differ = [], []
    for word in words:
        correct = shown(page, server, "az", word)
        typed = shown(page, server, "az", fold(word))
        assert correct[1], word  # a word of a title finds at least its measure
        (agree if typed == correct else differ).append((word, fold(word), correct, typed))
    assert differ == [] and len(agree) == len(words)


def test_the_measure_a_title_word_comes_from_is_found_by_the_folded_word(page, server, real_model):
    words = generated_words(real_model)
    for word in words:
        own = {m.id.replace(".", "-") for m in real_model.measures.values() if word in m.title.az.split()
               or any(x.strip('“”"\'.,;:()«»-–') == word for x in m.title.az.split())}
        hits = found(page, server, "az", fold(word))
        assert {f"az/measures/{i}" for i in own} <= hits, word


@pytest.mark.parametrize("typed,measure", [
    ("seffafliq", "9-2"), ("seffafligin", "5-1"), ("xidmetler", "1-2"), ("tedbir", "8-4"),
    ("reqabet mecellesi", "9-4"), ("satinalma", "5-6"), ("ozel", "9-1"),
])
def test_the_reviews_queries_find_their_measures(page, server, typed, measure):
    assert f"az/measures/{measure}" in found(page, server, "az", typed)


def test_satinalma_leads_with_public_procurement(page, server):
    count, hrefs = shown(page, server, "az", "satinalma")
    assert hrefs[0] == "/az/measures/5-6/"
    assert "/az/measures/2-3/" not in hrefs  # it matched only "sat"


def test_a_short_folded_word_does_not_match_every_word_it_starts(page, server):
    ozel = found(page, server, "az", "ozel")
    oz = found(page, server, "az", "öz")
    assert ozel == found(page, server, "az", "özəl")
    assert {"az/measures/9-1", "az/measures/9-2", "az/measures/9-3"} <= ozel
    assert len(ozel) <= len(oz) / 3  # "özəl", not every "öz"
    # a word in no page: Pagefind would stand in "öz" for it; the page says nothing was found
    count, hrefs = shown(page, server, "az", "ozelxq")
    assert hrefs == [] and page.is_visible("#results .none")
    # but a long stand-in is kept: a typo at the end of a long word still finds the word
    count, hrefs = shown(page, server, "az", "seffafliqx")
    assert hrefs


# --- results a reader can trust ------------------------------------------------------------------

def pagefind_count(page, lang: str, query: str) -> int:
    prepared = query_form(query) if lang == "az" else query
    return page.evaluate("""async (q) => {
        const pf = await import('/pagefind/pagefind.js'); await pf.init();
        return (await pf.search(q)).results.length; }""", prepared)


@pytest.mark.parametrize("lang,query,label", [("en", "corruption", "Results: "), ("az", "korrupsiya", "Nəticələr: ")])
def test_the_count_is_every_hit_and_show_more_reaches_them_all(page, server, lang, query, label):
    ui_search(page, server, lang, query)
    total = pagefind_count(page, lang, query)
    assert total > 20  # more than one page of hits (31 when the review counted)
    assert page.text_content("#results .count") == f"{label}{total}"
    assert page.locator("#results .hits > li").count() == 20
    while page.locator("#results button.more").count():
        before = page.locator("#results .hits > li").count()
        page.click("#results button.more")
        page.wait_for_function("n => document.querySelectorAll('#results .hits > li').length > n", arg=before)
        # the first new hit has the focus, so a keyboard reader goes on from there
        assert page.evaluate("document.activeElement.closest('li') === "
                             "document.querySelectorAll('#results .hits > li')[%d]" % before)
    hrefs = page.eval_on_selector_all("#results a.hit", "as => as.map(a => a.getAttribute('href'))")
    assert len(hrefs) == len(set(hrefs)) == total


@pytest.mark.parametrize("lang,more", [("en", "Show more results"), ("az", "Daha çox nəticə göstər")])
def test_the_show_more_button_speaks_the_pages_language(page, server, lang, more):
    ui_search(page, server, lang, "corruption" if lang == "en" else "korrupsiya")
    assert page.text_content("#results button.more") == more


@pytest.mark.parametrize("lang,text", [("en", "Searching…"), ("az", "Axtarılır…")])
def test_a_slow_first_search_says_it_is_searching(page, server, lang, text):
    import time

    def slow(route):
        time.sleep(0.6)
        route.continue_()

    page.route("**/pagefind/**", slow)
    page.goto(server + f"{lang}/search/")
    page.fill("#q", "budget" if lang == "en" else "büdcə")
    page.wait_for_selector("#results .searching")
    assert page.text_content("#results .searching") == text
    assert page.get_attribute("#results", "aria-live") == "polite"
    page.wait_for_selector("#results .count", timeout=20000)
    assert not page.locator("#results .searching").count()


def test_the_address_keeps_the_query_as_the_reader_types(page, server):
    page.goto(server + "az/search/")
    page.fill("#q", "seffafliq")
    page.wait_for_selector("#results .count")
    page.wait_for_function("() => location.search === '?q=seffafliq'")
    page.fill("#q", "şəffaflıq")
    page.wait_for_function("() => new URLSearchParams(location.search).get('q') === 'şəffaflıq'")
    page.fill("#q", "")
    page.wait_for_function("() => location.search === ''")
    assert page.evaluate("history.length") == 2  # replaced, not pushed: Back leaves the page


def test_an_address_with_a_query_runs_that_search(page, server):
    page.goto(server + "az/search/?q=" + "seffafliq")
    page.wait_for_selector("#results .count")
    assert page.input_value("#q") == "seffafliq"
    sent = [page.eval_on_selector_all("#results a.hit", "as => as.map(a => a.getAttribute('href'))")]
    ui_search(page, server, "az", "şəffaflıq")
    assert sent[0] == page.eval_on_selector_all("#results a.hit", "as => as.map(a => a.getAttribute('href'))")


def test_the_page_folds_every_word_of_the_content_as_the_build_does(page, real_model):
    """The search page's own script, run by chromium, folds and stems as napsite/stem.py does."""
    from conftest import ROOT
    from napsite.stem import folded_stems

    words = sorted({w.strip('“”"\'.,;:()«»-–') for m in real_model.measures.values()
                    for w in [*m.title.az.split(), *m.indicators.az.split()] + [x for n in m.notes for x in n.title.az.split()]})
    words = [w for w in words if w.isalpha()]
    assert len(words) > 500
    page.goto("about:blank")
    page.add_script_tag(content="var module = {exports: {}};")
    page.add_script_tag(path=str(ROOT / "static/search.js"))
    from_js = page.evaluate("ws => ws.map(w => [module.exports.fold(w), module.exports.foldedStems(w).sort(),"
                            " module.exports.prepare(w, 'az')])", words)
    from_py = [[fold(w), sorted(folded_stems(w)), query_form(w)] for w in words]
    assert [(w, js, py) for w, js, py in zip(words, from_js, from_py) if js != py] == []
