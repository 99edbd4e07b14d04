"""Machine-readable outputs: open data (JSON, CSV, schemas), sitemap, robots.txt. Sorted, no timestamps."""
from __future__ import annotations

import csv
import io
import json
import re
from functools import lru_cache
from html import unescape
from pathlib import Path
from xml.etree import ElementTree as ET

from . import datapackage, schema, spreadsheet
from .datafields import LICENCE
from .i18n import translations
from .model import LANGS, Assessment, Note, Site
from .statuses import STATUS_INFO, VERDICTS
from .routes import Route
from .urls import absolute, path_for

SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML = "http://www.w3.org/1999/xhtml"
DATA_SCHEMAS = Path(__file__).with_name("schemas") / "data"


@lru_cache(maxsize=4)
def _labels(lang: str) -> dict[str, dict[str, str]]:
    """The verdicts' and levels' names in `lang`, as the pages give them, for the columns beside the codes."""
    gettext = translations(lang).gettext
    return {"verdict": {k: gettext(v.label) for k, v in VERDICTS.items()},
            "status": {k: gettext(v.label) for k, v in STATUS_INFO.items()}}


def _names(site: Site, ids, lang: str) -> list[str]:
    return [getattr(site.institutions[i].name, lang) for i in ids]


def measure_records(site: Site) -> list[dict]:
    records = []
    az, en = _labels("az"), _labels("en")
    for m in site.measures.values():
        j = m.judgement
        records.append({
            "id": m.id, "section": m.section_id,
            "title_az": m.title.az, "title_en": m.title.en,
            "indicators_az": m.indicators.az, "indicators_en": m.indicators.en,
            "implementers": list(m.implementers),
            "implementers_az": _names(site, m.implementers, "az"), "implementers_en": _names(site, m.implementers, "en"),
            "recommended": list(m.recommended),
            "recommended_az": _names(site, m.recommended, "az"), "recommended_en": _names(site, m.recommended, "en"),
            "period_start": m.start, "period_end": m.end,
            # Judged as the IRM judges: at the deadline; what happened later is kept apart.
            "deadline": m.deadline.isoformat(), "verdict": m.verdict,
            "verdict_az": az["verdict"][m.verdict], "verdict_en": en["verdict"][m.verdict],
            "status": m.status, "status_az": az["status"][m.status], "status_en": en["status"][m.status],
            **_assessment("status_at_deadline", j.at_deadline),
            **_assessment("late_evidence", j.late_evidence),
            "late_evidence_scope": _scope(j.late_evidence),
            **_assessment("later_status", j.later),
            "status_changed": _status_changed(site, m.id),
            "notes": [n.key for n in m.notes],
            "amendments": [{"date": a.date.iso(), "text_az": a.text.az, "text_en": a.text.en,
                            "sources": list(a.sources), "implementers": list(a.implementers)} for a in m.amendments],
            "url_az": absolute(site.base_url, path_for("measure", "az", m.idd)),
            "url_en": absolute(site.base_url, path_for("measure", "en", m.idd)),
        })
    return records


def _status_changed(site: Site, measure_id: str) -> str | None:
    """The day its verdict or level last changed on this site (the record of changes), else None."""
    change = site.history.last_status_change(measure_id) if site.history else None
    return change.commit.date.isoformat() if change else None


def plain_text(html: str) -> str:
    """Rendered note HTML as text a spreadsheet can hold: tags out, one line per paragraph."""
    text = re.sub(r"</(p|li|h[1-6]|ul|ol|blockquote)>", "\n", html)
    text = unescape(re.sub(r"<[^>]+>", "", text))
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())


def note_record(site: Site, n: Note) -> dict:
    """One note in notes.json: this and measure_records are where the model meets the open data."""
    page = path_for("measure", "{lang}", n.measure_id.replace(".", "-")) + "#" + n.key
    return {
        "id": n.key, "measure": n.measure_id, "date": n.date.iso(), "date_precision": n.date.precision,
        "reported_by": n.reported_by, "publisher": n.publisher, "status": n.status, "assessed_by": n.assessed_by,
        "scope": _scope(n) if n.status else None, "sources": list(n.sources),
        "title_az": n.title.az, "title_en": n.title.en,
        "text_az": plain_text(n.body_html.az), "text_en": plain_text(n.body_html.en),
        "url_az": absolute(site.base_url, page.format(lang="az")),
        "url_en": absolute(site.base_url, page.format(lang="en")),
    }


def notes_json(site: Site) -> bytes:
    data = {"as_of": site.as_of.isoformat(), "licence": LICENCE, "notes": [note_record(site, n) for n in site.notes]}
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def institutions_json(site: Site) -> bytes:
    records = []
    for i in site.institutions.values():
        records.append({
            "id": i.id, "kind": i.kind, "name_az": i.name.az, "name_en": i.name.en,
            "short_az": i.short.az, "short_en": i.short.en,
            "implementer_of": [m.id for m in site.measures_of(i.id, "implementers")],
            "recommended": [m.id for m in site.measures_of(i.id, "recommended")],
            "url_az": absolute(site.base_url, path_for("institution", "az", i.id)),
            "url_en": absolute(site.base_url, path_for("institution", "en", i.id)),
        })
    data = {"as_of": site.as_of.isoformat(), "licence": LICENCE, "institutions": records}
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def _assessment(prefix: str, a: Assessment | None) -> dict:
    """A status with when, by whom and from which note; all None where there is none."""
    return {prefix if prefix != "late_evidence" else "late_evidence_status": a.status if a else None,
            f"{prefix}_date": a.date.iso() if a and a.date else None,
            f"{prefix}_assessed_by": a.assessed_by if a else None,
            f"{prefix}_note": (a.note_key or None) if a else None}


def _scope(a: Assessment | Note | None) -> str | None:
    """What a status judges: the whole measure, or a part of it (scope: part)."""
    return None if a is None else "part" if a.part else "whole"


def measures_json(site: Site) -> bytes:
    # as_of: the date the sources were last checked (site.yaml), not the date of any build.
    data = {"title": {"az": site.title.az, "en": site.title.en}, "as_of": site.as_of.isoformat(), "licence": LICENCE,
            "institutions": {i.id: {"kind": i.kind, "name_az": i.name.az, "name_en": i.name.en}
                             for i in site.institutions.values()},
            "measures": measure_records(site)}
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def csv_cell(value):
    """Text a spreadsheet would run as a formula (=, +, -, @, or a tab or line break first) gets a
    leading apostrophe, as OWASP advises: Excel and LibreOffice then show it as text. The JSON
    keeps the text as it is."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r", "\n"):
        return "'" + value
    return value


def measures_csv(site: Site) -> bytes:
    records = measure_records(site)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(records[0]), lineterminator="\n")
    writer.writeheader()
    for r in records:
        writer.writerow({k: csv_cell(_cell(v)) for k, v in r.items()})
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")  # the BOM lets spreadsheet programs see UTF-8


def _cell(value):
    """A CSV cell: lists joined with '; ', amendments as 'date: English text'."""
    if isinstance(value, list):
        return "; ".join(f"{v['date']}: {v['text_en']}" if isinstance(v, dict) else v for v in value)
    return value


def sitemap(site: Site, routes: list[Route]) -> bytes:
    ET.register_namespace("", SITEMAP)
    ET.register_namespace("xhtml", XHTML)
    root = ET.Element(f"{{{SITEMAP}}}urlset")
    for r in routes:
        if r.kind in ("root", "404") or r.template == "redirect.html":
            continue
        url = ET.SubElement(root, f"{{{SITEMAP}}}url")
        ET.SubElement(url, f"{{{SITEMAP}}}loc").text = absolute(site.base_url, r.path)
        for lang in LANGS:
            ET.SubElement(url, f"{{{XHTML}}}link", rel="alternate", hreflang=lang,
                          href=absolute(site.base_url, r.alternate(lang)))
        ET.SubElement(url, f"{{{XHTML}}}link", rel="alternate", hreflang="x-default",
                      href=absolute(site.base_url, r.alternate(site.default_lang)))
    ET.indent(root)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="utf-8") + b"\n"


def all_exports(site: Site, routes: list[Route], cache) -> dict[str, bytes]:
    """Open data, sitemap and robots.txt; `cache` (render.RenderCache) keeps what did not change."""
    data_key = (tuple(site.measures.values()), tuple(site.institutions.values()), site.title, site.as_of,
                site.base_url, tuple(_status_changed(site, m) for m in site.measures))
    out = {"data/measures.json": cache.get("data/measures.json", data_key, lambda: measures_json(site)),
           "data/measures.csv": cache.get("data/measures.csv", data_key, lambda: measures_csv(site)),
           "data/notes.json": cache.get("data/notes.json", (site.notes, site.as_of, site.base_url),
                                        lambda: notes_json(site)),
           "data/institutions.json": cache.get("data/institutions.json", data_key, lambda: institutions_json(site)),
           "data/notes.csv": cache.get("data/notes.csv", (site.notes, site.base_url),
                                       lambda: spreadsheet.table_csv(spreadsheet.tables(site)["notes"])),
           "data/institutions.csv": cache.get("data/institutions.csv", data_key,
                                              lambda: spreadsheet.table_csv(spreadsheet.tables(site)["institutions"])),
           "data/open-government-az.xlsx": cache.get("data/open-government-az.xlsx", (data_key, site.notes),
                                                     lambda: spreadsheet.workbook(site)),
           "data/datapackage.json": cache.get("data/datapackage.json", (site.title, site.as_of, site.base_url),
                                              lambda: datapackage.describe(site)),
           "sitemap.xml": cache.get("sitemap.xml", (site.base_url, site.default_lang, tuple(r.path for r in routes)),
                                    lambda: sitemap(site, routes)),
           "robots.txt": f"User-agent: *\nAllow: /\nSitemap: {absolute(site.base_url, 'sitemap.xml')}\n".encode()}
    out.update({f"data/schema/{name}": data for name, data in schema.schema_files().items()})
    out.update({f"data/schema/{p.name}": p.read_bytes() for p in sorted(DATA_SCHEMAS.glob("*.json"))})
    return out
