"""Each measure's own share card: a 1200×630 PNG per measure and language, drawn at build time,
the same bytes for the same content, named on the measure page's og:image and twitter:image."""
from __future__ import annotations

import io
import shutil
import struct
import subprocess
import sys

from PIL import Image

from conftest import FIXTURES, ROOT, SUB_PATH_URL, Built, soup, variant
from napsite import cards
from napsite.build import build
from napsite.render import RenderCache

LANGS = ("az", "en")
LIMIT = 60_000  # bytes: a preview image that loads at once on a slow phone


def meta(doc) -> dict:
    return {m.get("property") or m.get("name"): m.get("content", "") for m in doc.select("meta[content]")}


def card_of(built: Built, path: str) -> str:
    """The address of the card a page's tags name."""
    return meta(built.html(path))["og:image"]


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def test_every_measure_page_names_its_own_card_in_both_languages(site_dir, real_model):
    sizes = []
    for lang in LANGS:
        for m in real_model.measures.values():
            doc = soup(site_dir / lang / "measures" / m.idd / "index.html")
            tags = meta(doc)
            image = tags["og:image"].removeprefix(SUB_PATH_URL)
            assert image.startswith(f"static/share-{lang}-{m.idd}.") and image.endswith(".png"), image
            assert tags["twitter:image"] == tags["og:image"]
            data = (site_dir / image).read_bytes()
            assert png_size(data) == (1200, 630) and (tags["og:image:width"], tags["og:image:height"]) == ("1200", "630")
            assert len(data) < LIMIT, (image, len(data))
            Image.open(io.BytesIO(data)).verify()  # a whole, valid PNG, not only its header
            sizes.append(len(data))
            # the words say what the card shows: the number, the title and the verdict
            alt = tags["og:image:alt"]
            assert alt == tags["twitter:image:alt"]
            assert m.id in alt and m.title.shown(lang)[0] in alt, alt
    assert len(sizes) == 2 * len(real_model.measures) == 118
    cards_on_disk = sorted(p.name for p in (site_dir / "static").glob("share-*-*.png"))
    assert len(cards_on_disk) == len(sizes)  # no card that no page names


def test_other_pages_keep_the_sites_card(site_dir):
    for lang in LANGS:
        for page in ("", "measures/", "timeline/", "institutions/ministry-of-justice/"):
            tags = meta(soup(site_dir / lang / page / "index.html"))
            assert tags["og:image"].removeprefix(SUB_PATH_URL).startswith(f"static/share-{lang}."), page
            assert tags["og:image:alt"] == tags["twitter:image:alt"] != ""


def test_the_card_shows_the_verdict_in_the_pages_language(site_dir):
    az = meta(soup(site_dir / "az/measures/8-5/index.html"))
    en = meta(soup(site_dir / "en/measures/8-5/index.html"))
    assert "Müddətində tamamlanıb" in az["og:image:alt"] and "Tədbir 8.5" in az["og:image:alt"]
    assert "Completed by the deadline" in en["og:image:alt"] and "Measure 8.5" in en["og:image:alt"]
    assert az["og:image"] != en["og:image"]


def test_the_same_content_gives_the_same_card_bytes(mini, tmp_path):
    again = Built(build(FIXTURES / "mini", "https://mini.example/"))
    ours = {p: d for p, d in mini.files.items() if p.startswith("static/share-") and p.count("-") >= 2}
    assert len(ours) == 2 * len(mini.site.measures)
    assert ours == {p: d for p, d in again.files.items() if p in ours}
    # and in a fresh process, written to disk by the command line
    out = tmp_path / "out"
    subprocess.run([sys.executable, str(ROOT / "build.py"), "--no-cache", "--content", str(FIXTURES / "mini"),
                    "--output", str(out), "--base-url", "https://mini.example/"], check=True, capture_output=True,
                   cwd=ROOT, timeout=120)
    assert {p: (out / p).read_bytes() for p in ours} == ours


def test_the_card_changes_when_the_verdict_does_and_only_then(tmp_path, mini):
    before = card_of(mini, "en/measures/1-4/")
    assert mini.site.measures["1.4"].verdict == "unknown"
    note = ('---\nmeasure: "1.4"\ndate: 2016-12-31\nreported_by: independent\npublisher: "Example"\nstatus: completed\n'
            'assessed_by: independent\ntitle: "Done"\nsources: [https://example.org/x]\n---\nDone in time.\n')
    done = variant(tmp_path, [("progress/2016-12-31-1-4-done.en.md", None, note)], base_url="https://mini.example/")
    assert done.site.measures["1.4"].verdict == "completed"
    after = card_of(done, "en/measures/1-4/")
    assert after != before
    old = mini.files[before.removeprefix("https://mini.example/")]
    new = done.files[after.removeprefix("https://mini.example/")]
    assert new != old and png_size(new) == (1200, 630)
    # a note that leaves the verdict as it was leaves the card as it was
    news = note.replace("status: completed\nassessed_by: independent\n", "").replace("2016-12-31", "2018-01-15")
    same = variant(tmp_path, [("progress/2018-01-15-1-4-news.en.md", None, news)], base_url="https://mini.example/")
    assert same.site.measures["1.4"].verdict == "unknown" and card_of(same, "en/measures/1-4/") == before


def test_a_card_is_drawn_again_only_when_what_it_shows_changes(tmp_path, monkeypatch):
    drawn = []
    real = cards.draw
    monkeypatch.setattr(cards, "draw", lambda card: drawn.append(card) or real(card))
    cache = RenderCache()
    assert build(FIXTURES / "mini", cache=cache).ok
    assert len(drawn) == 14
    drawn.clear()
    assert build(FIXTURES / "mini", cache=cache).ok
    assert drawn == []  # nothing changed: no card drawn
    content = tmp_path / "mini"
    shutil.copytree(FIXTURES / "mini", content)
    f = content / "measures/1.4.yaml"
    f.write_text(f.read_text("utf-8").replace('en: "Measure without notes"', 'en: "Measure without any notes"'), "utf-8")
    (content / "progress/2018-01-15-1-1-news.en.md").write_text(
        '---\nmeasure: "1.1"\ndate: 2018-01-15\nreported_by: independent\npublisher: "Example"\ntitle: "News"\n'
        "sources: [https://example.org/x]\n---\nNews.\n", "utf-8")
    assert build(content, cache=cache).ok
    assert [(c.number, c.title) for c in drawn] == [("Measure 1.4", "Measure without any notes")]


def test_long_titles_are_wrapped_and_cut_with_an_ellipsis():
    font = cards._font(True, 46)
    lines = cards.wrap("word " * 200, font, 1040, 4)
    assert len(lines) == 4 and lines[-1].endswith("…") and all(font.getlength(x) <= 1040 for x in lines)
    assert cards.wrap("Short title", font, 1040, 4) == ["Short title"]
    one = cards.wrap("x" * 300, font, 1040, 2)  # one word wider than the card is broken, not overflowing
    assert len(one) == 2 and all(font.getlength(x) <= 1040 for x in one)
    data = cards.draw(cards.Card("Tədbir 10.2", "Şəffaflıq, İctimai şuraların ğ ç ö ü ı ə " * 20, "✕", "late",
                                 "Müddətində tamamlanmayıb", "Açıq hökumət planı 2016–2018"))
    assert png_size(data) == (1200, 630) and len(data) < LIMIT


def test_the_fonts_are_the_projects_own():
    assert (cards.FONTS / "DejaVuSans.ttf").is_file() and (cards.FONTS / "DejaVuSans-Bold.ttf").is_file()
    assert "Bitstream" in (cards.FONTS / "LICENSE").read_text("utf-8")
    assert "/usr/share" not in (ROOT / "napsite/cards.py").read_text("utf-8")
