"""Pages in a real browser (Debian's chromium through Playwright) with axe-core: no WCAG
violations, no sideways scrolling and no console errors, at phone and desktop widths."""
from __future__ import annotations

import functools
import http.server
import threading

import pytest

from browsing import browser  # noqa: F401  (skips without chromium; fails under REQUIRE_BROWSER)

from axe_playwright_python.sync_playwright import Axe  # noqa: E402

PAGES = ["{lang}/", "{lang}/sections/4/", "{lang}/measures/4-1-3/", "{lang}/institutions/", "{lang}/timeline/",
         "{lang}/measures/", "{lang}/measures/institution/ministry-of-communications/late/", "{lang}/search/",
         "{lang}/data/", "{lang}/measures/8-10/", "{lang}/measures/institution/milli-majlis/recommended/",
         "{lang}/changes/", "{lang}/changes/corrections/"]  # the record of changes (4-1-3 shows its history)
# The small fixture has notes in one language only: their "(not yet translated)" mark must wrap too.
MINI_PAGES = ["{lang}/", "{lang}/timeline/", "{lang}/measures/1-1/", "{lang}/measures/1-2/"]
VIEWPORTS = [(360, 740), (1280, 800)]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    from conftest import CONTENT, build_into

    root = build_into(CONTENT, tmp_path_factory.mktemp("browser") / "output", "http://127.0.0.1/")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(root))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


@pytest.fixture(scope="module")
def mini_server(tmp_path_factory):
    from conftest import FIXTURES, build_into, serving

    with serving(build_into(FIXTURES / "mini", tmp_path_factory.mktemp("mini-browser") / "output")) as url:
        yield url


@pytest.mark.parametrize("width,height", VIEWPORTS)
@pytest.mark.parametrize("lang", ["az", "en"])
@pytest.mark.parametrize("page_path", PAGES)
def test_page_is_accessible_and_fits(browser, server, page_path, lang, width, height):
    page = browser.new_page(viewport={"width": width, "height": height})
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(server + page_path.format(lang=lang))
    violations = Axe().run(page).response["violations"]
    assert [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in violations] == []
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), "sideways scrolling"
    assert errors == []
    page.close()


def test_tap_targets_are_at_least_44px_high(browser, server):
    page = browser.new_page(viewport={"width": 360, "height": 740})
    page.goto(server + "en/measures/4-1-3/")
    small = page.evaluate("""[...document.querySelectorAll('header a, nav a, ul.measures a, .bodies a')]
        .filter(a => a.getBoundingClientRect().height < 44 && a.getBoundingClientRect().height > 0)
        .map(a => a.textContent.trim())""")
    page.close()
    assert small == []


@pytest.mark.parametrize("lang", ["az", "en"])
@pytest.mark.parametrize("page_path", MINI_PAGES)
def test_one_language_notes_do_not_make_a_phone_scroll_sideways(browser, mini_server, page_path, lang):
    page = browser.new_page(viewport={"width": 360, "height": 740})
    page.goto(mini_server + page_path.format(lang=lang))
    if page_path == "{lang}/timeline/":  # lists the notes of both languages, each marked where it is missing
        assert page.locator(".untranslated").count() >= 1
    wide = page.evaluate("""[...document.querySelectorAll('main *')]
        .filter(e => e.getBoundingClientRect().right > window.innerWidth + 0.5).map(e => e.outerHTML.slice(0, 80))""")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), wide
    page.close()


@pytest.mark.parametrize("lang, name", [("az", "Açıq hökumət planı 2016–2018"), ("en", "Open Government Plan 2016–2018")])
def test_the_site_name_in_the_header_reads_with_its_space(browser, server, lang, name):
    """The years are kept on one line; a flex header once dropped the space before them ("planı2016–2018")."""
    page = browser.new_page(viewport={"width": 360, "height": 740})
    page.goto(server + f"{lang}/measures/8-2/")
    shown = page.inner_text("header a.brand")
    # the gap on screen between the last word and the years is at least a space's width
    gap = page.evaluate("""() => {
        const years = document.querySelector('header a.brand .nowrap');
        const words = document.createRange();
        words.setStart(years.parentNode.firstChild, 0); words.setEnd(years.parentNode.firstChild,
            years.parentNode.firstChild.textContent.trimEnd().length);
        const line = [...words.getClientRects()].pop();
        return years.getBoundingClientRect().top > line.top + 1 ? 99 : years.getBoundingClientRect().left - line.right; }""")
    page.close()
    assert " ".join(shown.split()) == name and gap >= 3


def test_latest_notes_keep_the_date_on_one_line_at_360px(browser, server):
    page = browser.new_page(viewport={"width": 360, "height": 740})
    page.goto(server + "en/")
    lines = page.eval_on_selector_all(".notes-list time", """ts => ts.map(t =>
        Math.round(t.getBoundingClientRect().height / parseFloat(getComputedStyle(t).lineHeight)))""")
    page.close()
    assert lines and set(lines) == {1}


def test_the_live_filter_narrows_the_table_like_the_filter_pages(browser, server):
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(server + "en/measures/")
    page.select_option("#live-filter select[name=institution]", "ministry-of-communications")
    page.select_option("#live-filter select[name=status]", "late")  # one control for the verdict, no "late only" twin
    shown = page.eval_on_selector_all("table.all-measures tbody tr:not([hidden]) th", "ths => ths.map(t => t.textContent.trim())")
    page.goto(server + "en/measures/institution/ministry-of-communications/late/")
    expected = page.eval_on_selector_all("table.all-measures tbody th", "ths => ths.map(t => t.textContent.trim())")
    page.close()
    assert shown == expected and expected


def test_the_live_filter_narrows_by_implementer_only(browser, server):
    """A body is offered only as implementer, and its rows are the ones its implementer page lists:
    measures only recommended to it (the Milli Majlis, the Commission on Combating Corruption) are not."""
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(server + "en/measures/")
    options = page.eval_on_selector_all("#live-filter select[name=institution] option", "os => os.map(o => o.value)")
    page.select_option("#live-filter select[name=institution]", "ministry-of-justice")
    shown = page.eval_on_selector_all("table.all-measures tbody tr:not([hidden]) th", "ths => ths.map(t => t.textContent.trim())")
    page.goto(server + "en/measures/institution/ministry-of-justice/")
    expected = page.eval_on_selector_all("table.all-measures tbody th", "ths => ths.map(t => t.textContent.trim())")
    page.close()
    assert "ministry-of-justice" in options
    assert "milli-majlis" not in options and "anti-corruption-commission" not in options
    assert shown == expected and "8.2" in expected


def test_the_citation_copies_with_javascript(browser, server):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(server + "en/measures/8-5/")
    button = page.locator('button[data-copy="cite-en"]')
    assert button.is_visible()
    button.click()
    page.wait_for_function("document.querySelector('button[data-copy=cite-en]').textContent === 'Copied'")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == page.text_content("#cite-en").strip()
    context.close()


def test_a_measure_prints_on_a4_with_its_address_and_date(browser, server):
    page = browser.new_page()
    page.goto(server + "en/measures/8-5/")
    page.emulate_media(media="print")
    hidden = page.evaluate("""['.top nav', '.crumbs', '.embed', '.pager', '.cite button']
        .map(s => document.querySelector(s)).map(e => !e || getComputedStyle(e).display === 'none')""")
    assert all(hidden)
    footer = page.text_content(".print-only")
    assert "en/measures/8-5/" in footer and footer.endswith("Sources last checked: 25 November 2026")
    assert page.is_visible(".print-only")
    after = page.evaluate("getComputedStyle(document.querySelector('.sources a.external'), '::after').content")
    assert after.startswith('" <http')
    pdf = page.pdf(format="A4")
    page.close()
    assert pdf[:4] == b"%PDF" and pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages") <= 4
