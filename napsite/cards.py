"""One share card per measure and language: the 1200×630 PNG a link preview shows.

A card shows the measure's number, its title (wrapped, cut with an ellipsis when it is too long),
the verdict's symbol and label in the card's language, and the site's name. It is drawn with the
DejaVu fonts kept in napsite/fonts (not the machine's), in a palette of fixed colour ramps, and
written without any timestamp or metadata: the same content gives the same bytes (with the same
Pillow and FreeType, which the build cache's key names), and a card is about 10–25 KB.
"""
from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from functools import cache
from pathlib import Path

FONTS = Path(__file__).resolve().parent / "fonts"
WIDTH, HEIGHT = 1200, 630
MARGIN = 80
BG, FG, MUTED, ACCENT = (243, 245, 248), (26, 26, 26), (79, 79, 79), (11, 92, 171)
# The colours of the site's verdict badges (static/style.css), a symbol beside each: never colour alone.
VERDICT_FILL = {"completed": (108, 197, 133), "late": (242, 184, 166), "unknown": (221, 221, 221),
                "due": (238, 238, 238)}
TITLE_SIZES = (60, 52, 46)  # the largest that fits in TITLE_LINES lines, else the smallest, cut
TITLE_LINES = 4
COMPRESS = 6  # zlib level: 9 makes files 7% smaller and takes 8 times as long


@dataclass(frozen=True)
class Card:
    """Everything a card shows, already in its language: the key it is cached under."""

    number: str  # "Measure 8.5"
    title: str
    symbol: str
    verdict: str  # the verdict's key, for its colour
    label: str  # the verdict's label
    site: str


@cache
def _font(bold: bool, size: int):
    from PIL import ImageFont

    return ImageFont.truetype(str(FONTS / ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")), size,
                              layout_engine=ImageFont.Layout.BASIC)


def version() -> str:
    """What else decides a card's bytes: this drawing code, the fonts, Pillow and FreeType."""
    import PIL
    from PIL import features

    h = hashlib.sha256(Path(__file__).read_bytes())
    for name in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"):
        h.update((FONTS / name).read_bytes())
    h.update(f"{PIL.__version__} {features.version('freetype2')}".encode())
    return h.hexdigest()[:16]


def wrap(text: str, font, width: int, lines: int) -> list[str]:
    """`text` in at most `lines` lines no wider than `width`; the last ends in '…' if text is left over."""
    words, out = text.split(), []
    while words and len(out) < lines:
        line = words.pop(0)
        if font.getlength(line) > width:  # one word wider than the card: the rest of it goes on
            cut = next(i for i in range(len(line), 0, -1) if font.getlength(line[:i]) <= width)
            line, rest = line[:cut], line[cut:]
            words.insert(0, rest)
        while words and font.getlength(line + " " + words[0]) <= width:
            line += " " + words.pop(0)
        out.append(line)
    if words:
        last = out[-1]
        while last and font.getlength(last + "…") > width:
            last = last.rsplit(" ", 1)[0] if " " in last else last[:-1]
        out[-1] = last.rstrip(" ,;:–-") + "…"
    return out


def _title_lines(title: str) -> tuple[list[str], object]:
    for size in TITLE_SIZES:
        font = _font(True, size)
        lines = wrap(title, font, WIDTH - 2 * MARGIN, TITLE_LINES)
        if not lines[-1].endswith("…") or size == TITLE_SIZES[-1]:
            return lines, font
    raise AssertionError  # pragma: no cover


_INKED = [0] + [255] * 255  # where any ink fell


@cache
def _shades(ramp: tuple) -> list[int]:
    """Coverage (0–255) -> the palette entry of the nearest step of `ramp`."""
    steps = len(ramp) - 1
    return [ramp[round(v * steps / 255)] for v in range(256)]


class _Canvas:
    """A palette image drawn without a quantizer: each kind of text (an ink on a ground) gets a ramp of
    palette entries, and a glyph's edge takes the entry nearest to how much of the pixel it covers.
    Only FreeType's coverage and fixed tables decide the bytes; no colour is searched for. At most
    16 entries, so that a pixel takes half a byte."""

    def __init__(self, ground: tuple) -> None:
        from PIL import Image, ImageDraw

        self.palette: list[tuple] = [ground]
        self.indices = Image.new("L", (WIDTH, HEIGHT), 0)
        self.draw = ImageDraw.Draw(self.indices)

    def colour(self, rgb: tuple) -> int:
        if rgb not in self.palette:
            self.palette.append(rgb)
        return self.palette.index(rgb)

    def text(self, xy: tuple, text: str, font, ink: tuple, ground: tuple, levels: int = 4) -> None:
        from PIL import Image, ImageDraw

        ramp = [self.colour(tuple(round(g + (i - g) * k / levels) for i, g in zip(ink, ground)))
                for k in range(levels + 1)]
        left, top, right, bottom = self.draw.textbbox(xy, text, font=font)
        coverage = Image.new("L", (right - left, bottom - top), 0)
        ImageDraw.Draw(coverage).text((xy[0] - left, xy[1] - top), text, font=font, fill=255)
        shades = coverage.point(_shades(tuple(ramp)))
        self.indices.paste(shades, (left, top), coverage.point(_INKED))

    def png(self) -> bytes:
        from PIL import Image

        assert len(self.palette) <= 16, self.palette
        image = Image.frombytes("P", (WIDTH, HEIGHT), self.indices.tobytes())
        image.putpalette([c for rgb in self.palette for c in rgb])
        out = io.BytesIO()
        image.save(out, "PNG", compress_level=COMPRESS, bits=4)
        return out.getvalue()


def draw(card: Card) -> bytes:
    canvas = _Canvas(BG)
    d = canvas.draw
    d.rectangle((0, 0, WIDTH, 24), fill=canvas.colour(ACCENT))
    canvas.text((MARGIN, 70), card.number, _font(True, 40), ACCENT, BG)
    lines, font = _title_lines(card.title)
    step = round(font.size * 1.2)
    y = 140
    for line in lines:
        canvas.text((MARGIN, y), line, font, FG, BG)
        y += step
    # the verdict: its symbol and label on a pill of the badge's colour, wrapped if it is long
    label_font = _font(True, 34)
    label = wrap(f"{card.symbol} {card.label}", label_font, WIDTH - 2 * MARGIN - 56, 2)
    pill_h = 28 + 44 * len(label)
    top = HEIGHT - 80 - pill_h
    pill_w = max(label_font.getlength(t) for t in label) + 56
    fill = VERDICT_FILL.get(card.verdict, VERDICT_FILL["unknown"])
    d.rounded_rectangle((MARGIN, top, MARGIN + pill_w, top + pill_h), radius=18, fill=canvas.colour(fill),
                        outline=canvas.colour(FG), width=2)
    for i, text in enumerate(label):
        canvas.text((MARGIN + 28, top + 14 + 44 * i), text, label_font, FG, fill, levels=3)
    canvas.text((MARGIN, HEIGHT - 62), card.site, _font(False, 28), MUTED, BG, levels=3)
    return canvas.png()


def file_name(lang: str, measure_idd: str, data: bytes) -> str:
    """The site path of a card, named by its bytes so that a host and a link preview may keep it for ever."""
    return f"static/share-{lang}-{measure_idd}.{hashlib.sha256(data).hexdigest()[:10]}.png"
