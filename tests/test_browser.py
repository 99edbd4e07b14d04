"""Pages in a real browser (Debian's chromium through Playwright) with axe-core: no WCAG
violations, no sideways scrolling and no console errors, at phone and desktop widths."""
from __future__ import annotations

import functools
import http.server
import os
import threading
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists():
    if os.environ.get("REQUIRE_BROWSER"):
        raise RuntimeError("REQUIRE_BROWSER is set but /usr/bin/chromium is missing: apt-get install chromium")
    pytest.skip("Debian's chromium is not installed", allow_module_level=True)

from axe_playwright_python.sync_playwright import Axe  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

# Flags that let chromium run as root on a machine without a network (see the env notes).
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]
PAGES = ["{lang}/", "{lang}/sections/4/", "{lang}/measures/4-1-3/", "{lang}/institutions/", "{lang}/timeline/"]
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
def browser():
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        yield b
        b.close()


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
