"""The timeline tells verdicts apart without colour (WCAG 1.4.1): a symbol on every bar, the verdict
in words for a screen reader, and a legend naming every verdict the bars use; titles on wider
screens; the part below the fold is laid out only when it is scrolled to."""
from __future__ import annotations

from conftest import soup
from napsite.statuses import VERDICT_ORDER, VERDICTS

LANGS = ("az", "en")
LABELS = {"az": {"completed": "Müddətində tamamlanıb", "late": "Müddətində tamamlanmayıb",
                 "unknown": "Müddəti keçib; tamamlanması barədə mənbə tapılmayıb", "due": "Müddəti hələ bitməyib"},
          "en": {key: info.label for key, info in VERDICTS.items()}}


def bars(doc):
    return doc.select("table.gantt td[colspan] .span")


def test_every_bar_shows_its_verdicts_symbol_and_says_it(site_dir, real_model):
    for lang in LANGS:
        doc = soup(site_dir / lang / "timeline/index.html")
        rows = doc.select("table.gantt tbody tr:not(.group)")
        assert len(rows) == len(bars(doc)) == len(real_model.measures)
        for tr in rows:
            m = real_model.measures[tr.th.select_one(".num").get_text()]
            bar = tr.select_one("td[colspan] .span")
            assert f"vd-{m.verdict}" in bar["class"]
            symbol = bar.select_one('[aria-hidden="true"]')
            assert symbol.get_text().strip() == VERDICTS[m.verdict].symbol  # seen, not read out
            assert bar.select_one(".visually-hidden").get_text() == ": " + LABELS[lang][m.verdict]  # read out
            assert m.period in bar.get_text()
            # the title is in the row header's link, for every width and every screen reader
            assert tr.th.a.select_one(".tt").get_text(" ", strip=True).startswith(m.title.shown(lang)[0][:20])


def test_the_legend_names_every_verdict_the_bars_use_and_only_those(site_dir, real_model):
    used = {m.verdict for m in real_model.measures.values()}
    for lang in LANGS:
        doc = soup(site_dir / lang / "timeline/index.html")
        legend = doc.select(".legend li")
        assert [li["data-verdict"] for li in legend] == [v for v in VERDICT_ORDER if v in used]
        for li in legend:
            key = li["data-verdict"]
            assert li.select_one(f".span.vd-{key}").get_text() == VERDICTS[key].symbol
            assert li.get_text(" ", strip=True) == f"{VERDICTS[key].symbol} {LABELS[lang][key]}"
        assert doc.select_one(".legend")["aria-labelledby"] == "legend-h"
        # the legend comes before the bars it explains
        assert str(doc).index('class="legend"') < str(doc).index('class="gantt"')


def test_the_mini_fixtures_four_verdicts_each_have_a_legend_entry(mini):
    doc = mini.html("az/timeline/")
    assert [li["data-verdict"] for li in doc.select(".legend li")] == ["completed", "late", "unknown", "due"]
    assert doc.select_one("#legend-h").get_text() == "Zolaqlar nəyi göstərir"


def test_below_the_fold_is_deferred_and_the_page_is_smaller(site_dir):
    css = next((site_dir / "static").glob("style.*.css")).read_text("utf-8")
    assert ".deferred { content-visibility: auto;" in css
    assert ".deferred { content-visibility: visible; }" in css  # printed whole
    for lang in LANGS:
        doc = soup(site_dir / lang / "timeline/index.html")
        assert [s.h2["id"] for s in doc.select("main section.deferred")] == ["due-h", "notes"]
        # what the review measured: 1,423 elements (1,453 by this count) before the symbols,
        # the titles and the legend were added
        assert len(doc.find_all(True)) < 1450


def test_in_a_browser_titles_show_on_wide_screens_and_symbols_everywhere(site_dir):
    import pytest

    browsing = pytest.importorskip("browsing")  # skips without chromium, as every browser test does
    from conftest import serving
    from playwright.sync_api import sync_playwright

    with serving(site_dir) as base, sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(browsing.CHROMIUM), args=browsing.FLAGS)
        try:
            for width, titles in ((360, False), (1280, True)):
                page = b.new_page(viewport={"width": width, "height": 800})
                page.goto(base + "en/timeline/")
                shown = page.eval_on_selector_all("table.gantt .tt", "ts => ts.map(t => t.getBoundingClientRect().width > 50)")
                assert len(shown) == 59 and set(shown) == {titles}, width
                symbols = page.eval_on_selector_all("table.gantt td[colspan] .span > [aria-hidden=true]",
                                                    "ss => ss.map(s => s.getBoundingClientRect().width > 0)")
                assert len(symbols) == 59 and all(symbols), width
                assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
                page.close()
        finally:
            b.close()
