"""Every main page in Chromium, served with the headers of netlify.toml: no Content Security
Policy violation, and the stylesheet really applies (a blocked one would leave the page bare)."""
from __future__ import annotations

import pytest

from browsing import browser  # noqa: F401  (skips without chromium; fails under REQUIRE_BROWSER)

from conftest import CONTENT, build_into
from hostserver import serving


PAGES = ["", "index.html", "{lang}/", "{lang}/measures/4-1-3/", "{lang}/sections/4/", "{lang}/institutions/",
         "{lang}/institutions/ministry-of-justice/", "{lang}/timeline/", "{lang}/about/", "{lang}/no-such-page/",
         "{lang}/measures/", "{lang}/measures/status/late/", "{lang}/search/", "{lang}/data/"]

# Recorded before any page script runs; the listener is added by the browser, not the page, so
# the policy does not apply to it.
RECORD_VIOLATIONS = """
window.__csp = [];
document.addEventListener('securitypolicyviolation',
  e => window.__csp.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline')));
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("csp") / "output"
    root.mkdir()
    with serving(root) as base:
        # built for the server's own address, so the pages' absolute addresses (canonical,
        # og:image) name this server too
        build_into(CONTENT, root, base)
        yield base, root


def visit(browser, url: str, lands_on: str | None = None, locale: str = "en-GB") -> tuple[list[str], object]:
    page = browser.new_page(locale=locale)
    console: list[str] = []
    page.on("console", lambda m: console.append(m.text) if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: console.append(str(e)))
    page.add_init_script(RECORD_VIOLATIONS)
    page.goto(url, wait_until="load")
    if lands_on and page.url != lands_on:  # the root page's meta refresh; its violations reach the console
        page.wait_for_url(lands_on, wait_until="load")
    assert page.url == (lands_on or url)
    return console + page.evaluate("window.__csp"), page


@pytest.mark.parametrize("lang", ["az", "en"])
@pytest.mark.parametrize("path", PAGES)
def test_page_loads_under_the_policy_with_no_violation(browser, site, path, lang):
    base, _ = site
    # "/" answers by the browser's language; index.html (for hosts without redirects) sends to az/
    lands_on = {"": base + f"{lang}/", "index.html": base + "az/"}.get(path)
    locale = {"az": "az-AZ", "en": "en-GB"}[lang]
    problems, page = visit(browser, base + path.format(lang=lang), lands_on, locale)
    # The 404 answer itself is logged by Chromium as a failed resource: that is the point of it.
    problems = [p for p in problems if not ("404" in p and "no-such-page" in path)]
    assert problems == []
    assert page.evaluate("getComputedStyle(document.querySelector('header.top')).borderBottomStyle") == "solid"
    assert page.evaluate("document.querySelector('link[rel=icon]').href").split("/")[-1].startswith("favicon.")
    page.close()


def test_the_policy_is_really_enforced(browser, site):
    """The check above can fail: a page with an inline style and script is caught both ways."""
    base, root = site
    (root / "en" / "canary.html").write_text(
        '<!doctype html><html lang="en"><title>c</title><p style="color:red">x</p>'
        '<script>document.title = "ran"</script></html>', "utf-8")
    problems, page = visit(browser, base + "en/canary.html")
    assert page.title() == "c"
    assert any(p.startswith("script-src") for p in page.evaluate("window.__csp"))
    assert any(p.startswith("style-src") for p in page.evaluate("window.__csp"))
    assert any("Content Security Policy" in p for p in problems)
    page.close()


def test_the_404_page_is_styled_on_a_host_other_than_its_base_url(browser, tmp_path):
    """Built for the published address, served here: its stylesheet and icon must come from this
    host, as on www., a new domain or http:// before the HSTS redirect (the policy says 'self')."""
    root = tmp_path / "output"
    build_into(CONTENT, root)  # site.yaml's base_url, https://open-government-az.netlify.app/
    with serving(root) as base:
        problems, page = visit(browser, base + "en/missing/page/")
        problems = [p for p in problems if "404" not in p]  # the missing page's own answer
        assert problems == []
        assert page.evaluate("getComputedStyle(document.querySelector('header.top')).borderBottomStyle") == "solid"
        assert page.evaluate("document.querySelector('link[rel=icon]').href").startswith(base + "static/favicon.")
        page.close()
