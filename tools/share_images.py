"""Draw the link-preview images (static/share-az.png, static/share-en.png), 1200 x 630 px.

Run once after changing the site's title: `python tools/share_images.py`; commit the PNGs. The build
only copies them (under content-hashed names). Needs Debian's chromium (playwright drives it)."""
from __future__ import annotations

import html
from pathlib import Path

import yaml
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
LINES = {
    "az": ("59 tədbir · 11 bölmə · 2016–2018", "Kim, nə vaxtadək icra etməli idi və mənbələr nə deyir"),
    "en": ("59 measures · 11 sections · 2016–2018", "Who carries out each, by when, and what sources say"),
}
PAGE = """<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><style>
html, body {{ margin: 0; width: 1200px; height: 630px; }}
body {{ box-sizing: border-box; padding: 72px 80px; background: #f3f5f8; color: #1a1a1a;
  font-family: "DejaVu Sans", "Noto Sans", sans-serif; display: flex; flex-direction: column; border-top: 24px solid #0b5cab; }}
.kicker {{ font-size: 30px; font-weight: 700; color: #0b5cab; margin: 0 0 28px; }}
h1 {{ font-size: 54px; line-height: 1.18; margin: 0; }}
.facts {{ margin-top: auto; font-size: 30px; }}
.sub {{ font-size: 26px; color: #4f4f4f; margin-top: 10px; }}
</style></head><body>
<p class="kicker">{short}</p>
<h1>{title}</h1>
<div class="facts">{facts}<div class="sub">{sub}</div>
</div>
</body></html>"""


def main() -> None:
    site = yaml.safe_load((ROOT / "content/site.yaml").read_text("utf-8"))
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": 1200, "height": 630})
        for lang, (facts, sub) in LINES.items():
            page.set_content(PAGE.format(lang=lang, short=html.escape(site["short_title"][lang]),
                                         title=html.escape(site["title"][lang]), facts=facts, sub=sub))
            page.screenshot(path=str(ROOT / f"static/share-{lang}.png"))
        browser.close()


if __name__ == "__main__":
    main()
