"""Search in a real browser: Pagefind's own index and script, served under a strict Content
Security Policy, queried as a reader would (Debian's chromium through Playwright)."""
from __future__ import annotations


import pytest

from browsing import browser  # noqa: F401  (skips without chromium; fails under REQUIRE_BROWSER)


from conftest import serving  # noqa: E402
from napsite.stem import query_stem  # noqa: E402

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
    prepared = " ".join(query_stem(w) for w in query.split()) if lang == "az" else query
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
