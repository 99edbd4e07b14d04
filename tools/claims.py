"""The claims sheet: every sentence the site asserts about each measure, per language, in one short block.

    python tools/claims.py                 # all 59 measures, both languages
    python tools/claims.py --lang en 4.1.3 # one measure, English only
    python tools/claims.py --content tests/fixtures/mini 1.2

A reviewer reads 59 × 2 blocks instead of 400 pages. Nothing here decides anything: the site is built
in memory by the generator itself (napsite.build: the same model, judgement, routes, templates and
catalogs), and each block is read off the pages it made: the measure's own page (verdict at the deadline,
evidence, later developments, who judged and as of when, the search line, implementers, amendments, the
citation), then every list page that shows the measure, with its heading and count (filter pages, section
page, institution pages and the role the measure has there). Exit status 1 when the content has errors
or a measure id is unknown.
"""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from napsite.build import build  # noqa: E402
from napsite.model import LANGS  # noqa: E402
from napsite.routes import plan  # noqa: E402
from napsite.urls import output_file  # noqa: E402


def _text(el) -> str:
    """The element's text as a reader sees it: one line, no space the markup added before punctuation."""
    if el is None:
        return ""
    text = " ".join(el.get_text(" ", strip=True).split())
    return re.sub(r"\( ", "(", re.sub(r" ([:;,.)])", r"\1", text))


def _page(files: dict, path: str) -> BeautifulSoup:
    return BeautifulSoup(files[output_file(path)].decode("utf-8"), "html.parser")


def listings(routes, measure) -> list:
    """The list pages that show the measure: (route, where on the page) in the plan's order."""
    found = []
    for r in routes:
        c = r.context
        if r.kind in ("measures", "measures_view") and any(row.measure.id == measure.id for row in c["rows"]):
            found.append((r, "#count"))
        elif r.kind == "section" and measure.id in c["section"].all_measure_ids():
            found.append((r, None))
        elif r.kind == "institution":
            if measure in c["implementer_of"]:
                found.append((r, "#impl-h"))
            elif measure in c["recommended_for"]:
                found.append((r, "#rec-h"))
    return found


def block(files: dict, routes, measure, lang: str) -> list[str]:
    page = _page(files, next(r.path for r in routes if r.kind == "measure" and r.lang == lang
                                 and r.key == measure.idd))
    lines = [f"== {measure.id} [{lang}] {_text(page.h1)}"]
    lines.append(f"  Badge: {_text(page.select_one('.status-row'))}")
    judged = page.select_one("section.judged")
    for dt in judged.select("dl.judgement > dt"):
        dd = dt.find_next_sibling("dd")
        for p in dd.select("p"):
            lines.append(f"  {_text(dt)}: {_text(p)}")
    for p in judged.select("p.searched, p.no-source, p.no-level"):
        lines.append(f"  {_text(p)}")
    facts = page.select_one("dl.facts")
    for dt in facts.select("dt"):
        dd = dt.find_next_sibling("dd")
        if dd.select("ul.bodies, ul.amendments"):
            items = "; ".join(_text(li) for li in dd.select("li"))
            lines.append(f"  {_text(dt)}: {items}")
        else:
            lines.append(f"  {_text(dt)}: {_text(dd)}")
    notes = page.select("article.note")
    if notes:
        lines.append(f"  Progress notes: {len(notes)}")
        for art in notes:
            meta = art.select_one(".note-meta")
            for a in meta.select('a[href^="#"]'):  # "Link to this note" is no claim
                a.decompose()
            meta = _text(meta).rstrip(" ·")
            lines.append(f"    - {_text(art.select_one('h3'))} | {meta}")
    lines.append(f"  Citation: {_text(page.select_one(f'#cite-{lang}'))}")
    lines.append("  Listed under:")
    for r, where in listings([r for r in routes if r.lang == lang], measure):
        listing = _page(files, r.path)
        heading = _text(listing.h1)
        if where == "#count":
            heading += f" — {_text(listing.select_one('#count'))}"
        elif where:
            heading += f" › {_text(listing.select_one(where))}"
            term = listing.select_one(f'{where} ~ ul a[href$="/measures/{measure.idd}/"]')
            small = term.find_next_sibling("small", class_="term") if term else None
            if small:
                heading += f" {_text(small)}"
        lines.append(f"    - {heading} (/{r.path})")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("measures", nargs="*", metavar="MEASURE", help="measure ids, e.g. 4.1.3 (default: all)")
    parser.add_argument("--lang", choices=LANGS, help="one language only (default: both)")
    parser.add_argument("--content", type=Path, default=ROOT / "content", help="the content folder")
    args = parser.parse_args(argv)
    result = build(args.content)
    if not result.ok:
        for p in result.problems.errors:
            print(p, file=sys.stderr)
        return 1
    site = result.site
    unknown = [m for m in args.measures if m not in site.measures]
    if unknown:
        print(f"unknown measure(s): {', '.join(unknown)}", file=sys.stderr)
        return 1
    routes = plan(site)
    chosen = [site.measures[m] for m in args.measures] if args.measures else list(site.measures.values())
    out = []
    for m in chosen:
        for lang in ([args.lang] if args.lang else LANGS):
            out.extend(block(result.files, routes, m, lang))
            out.append("")
    sys.stdout.write("\n".join(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
