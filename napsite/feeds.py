"""Atom feeds of progress notes: the whole site, one measure, one institution's measures."""
from __future__ import annotations

import datetime as dt
from xml.etree import ElementTree as ET

from . import i18n
from .model import Note, Site
from .urls import absolute, path_for

ATOM = "http://www.w3.org/2005/Atom"
# Entry ids never depend on the host, so moving the site does not make readers see every note again.
ID_AUTHORITY = "tag:open-government-az,2016"


def _stamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def feed(site: Site, envs: dict, lang: str, notes: list[Note], self_path: str, page_path: str,
         title: str, feed_id: str) -> bytes:
    _ = i18n.translations(lang).gettext
    ET.register_namespace("", ATOM)
    root = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": lang})
    own = [n for n in notes if lang in n.langs]

    def sub(parent, tag, text=None, **attrs):
        el = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
        if text is not None:
            el.text = text
        return el

    sub(root, "id", f"{ID_AUTHORITY}:{feed_id}/{lang}")
    sub(root, "title", title)
    sub(root, "link", rel="self", type="application/atom+xml", href=absolute(site.base_url, self_path))
    sub(root, "link", rel="alternate", type="text/html", href=absolute(site.base_url, page_path))
    latest = max((n.date for n in own), default=site.adopted or site.as_of)
    sub(root, "updated", _stamp(latest))
    author = sub(root, "author")
    sub(author, "name", site.title.shown(lang)[0])
    for n in own:
        entry = sub(root, "entry")
        sub(entry, "id", f"{ID_AUTHORITY}:note/{n.key}/{lang}")
        heading = n.title.get(lang) or _("Progress on measure %(id)s") % {"id": n.measure_id}
        sub(entry, "title", f"{n.measure_id}: {heading}")
        href = absolute(site.base_url, path_for("measure", lang, n.measure_id.replace(".", "-")) + "#" + n.key)
        sub(entry, "link", rel="alternate", type="text/html", href=href)
        sub(entry, "updated", _stamp(n.date))
        sub(entry, "published", _stamp(n.date))
        sub(entry, "content", n.body_html.get(lang), type="html")
    ET.indent(root)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="utf-8") + b"\n"


def all_feeds(site: Site, envs: dict) -> dict[str, bytes]:
    out = {}
    for lang in envs:
        _ = i18n.translations(lang).gettext
        out[path_for("feed", lang)] = feed(site, envs, lang, list(site.notes), path_for("feed", lang),
                                           path_for("home", lang), site.short_title.shown(lang)[0], "notes")
        for m in site.measures.values():
            out[path_for("measure_feed", lang, m.idd)] = feed(
                site, envs, lang, list(m.notes), path_for("measure_feed", lang, m.idd), path_for("measure", lang, m.idd),
                _("Measure %(id)s") % {"id": m.id} + " — " + site.short_title.shown(lang)[0], f"measure/{m.id}")
        for inst in site.institutions.values():
            ids = {m.id for role in ("implementers", "recommended") for m in site.measures_of(inst.id, role)}
            notes = [n for n in site.notes if n.measure_id in ids]
            out[path_for("institution_feed", lang, inst.id)] = feed(
                site, envs, lang, notes, path_for("institution_feed", lang, inst.id),
                path_for("institution", lang, inst.id), inst.name.shown(lang)[0], f"institution/{inst.id}")
    return out
