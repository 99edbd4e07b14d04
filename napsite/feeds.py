"""Atom feeds of progress notes: the whole site, one measure, one institution's measures."""
from __future__ import annotations

import datetime as dt
import html
import re
from xml.etree import ElementTree as ET

from . import i18n
from .model import LANGS, Note, PartialDate, Site
from .urls import absolute, path_for

ATOM = "http://www.w3.org/2005/Atom"
# A feed is read by machines that fetch it again and again: it carries the latest notes only,
# and a long note as a summary with a link, so that one note cannot make every feed huge.
MAX_ENTRIES = 50
MAX_CONTENT_CHARS = 20_000
SUMMARY_CHARS = 600
# Entry ids never depend on the host, so moving the site does not make readers see every note again.
ID_AUTHORITY = "tag:open-government-az,2016"


def _stamp(day: dt.date | PartialDate) -> str:
    """Atom needs an instant; a note dated to a month or a year is stamped with the first instant
    of that period (2018-01 -> 2018-01-01T00:00:00Z), the one rule docs/editing.md states."""
    first = day.first_day() if isinstance(day, PartialDate) else day
    return f"{first.isoformat()}T00:00:00Z"


def sub(parent, tag: str, text: str | None = None, **attrs) -> ET.Element:
    el = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
    if text is not None:
        el.text = text
    return el


def head(site: Site, lang: str, feed_id: str, title: str, self_path: str, page_path: str,
         updated: str) -> ET.Element:
    """An Atom feed's own elements, shared by the notes' feeds and the changes feed (napsite/changes.py)."""
    ET.register_namespace("", ATOM)
    root = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": lang})
    sub(root, "id", f"{ID_AUTHORITY}:{feed_id}/{lang}")
    sub(root, "title", title)
    sub(root, "link", rel="self", type="application/atom+xml", href=absolute(site.base_url, self_path))
    sub(root, "link", rel="alternate", type="text/html", href=absolute(site.base_url, page_path))
    sub(root, "updated", updated)
    # The feed's author is this tracker, which writes the notes (each cites its own publisher), not the plan.
    author = sub(root, "author")
    sub(author, "name", site.short_title.shown(lang)[0])
    sub(author, "uri", absolute(site.base_url, path_for("home", lang)))
    return root


def serialised(root: ET.Element) -> bytes:
    ET.indent(root)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="utf-8") + b"\n"


def feed(site: Site, lang: str, notes: list[Note], self_path: str, page_path: str,
         title: str, feed_id: str) -> bytes:
    _ = i18n.translations(lang).gettext
    own = [n for n in notes if lang in n.langs][:MAX_ENTRIES]  # notes come newest first
    latest = max((n.date for n in own), default=None) or site.adopted or site.as_of
    root = head(site, lang, feed_id, title, self_path, page_path, _stamp(latest))
    for n in own:
        entry = sub(root, "entry")
        sub(entry, "id", f"{ID_AUTHORITY}:note/{n.key}/{lang}")
        heading = n.title.get(lang) or _("Progress on measure %(id)s") % {"id": n.measure_id}
        sub(entry, "title", f"{n.measure_id}: {heading}")
        href = absolute(site.base_url, path_for("measure", lang, n.measure_id.replace(".", "-")) + "#" + n.key)
        sub(entry, "link", rel="alternate", type="text/html", href=href)
        sub(entry, "updated", _stamp(n.date))
        sub(entry, "published", _stamp(n.date))
        body = n.body_html.get(lang)
        if len(body) <= MAX_CONTENT_CHARS:
            sub(entry, "content", body, type="html")
        else:
            sub(entry, "summary", _summary(body))
    return serialised(root)


def _summary(body_html: str) -> str:
    """The start of a long note as plain text."""
    text = " ".join(html.unescape(re.sub(r"<[^>]*>", " ", body_html)).split())
    return text if len(text) <= SUMMARY_CHARS else text[: SUMMARY_CHARS - 1].rsplit(" ", 1)[0] + " …"


def all_feeds(site: Site, cache) -> dict[str, bytes]:
    """Every feed; `cache` (render.RenderCache) keeps a feed whose notes and titles are unchanged."""
    out = {}
    wanted = []  # (path, page path, title, feed id, notes)
    for lang in LANGS:
        _ = i18n.translations(lang).gettext
        plan_title = site.short_title.shown(lang)[0]
        wanted.append((lang, path_for("feed", lang), path_for("home", lang), plan_title, "notes", site.notes))
        for m in site.measures.values():
            wanted.append((lang, path_for("measure_feed", lang, m.idd), path_for("measure", lang, m.idd),
                           _("Measure %(id)s") % {"id": m.id} + " — " + plan_title, f"measure/{m.id}", m.notes))
        for inst in site.institutions.values():
            ids = {m.id for role in ("implementers", "recommended") for m in site.measures_of(inst.id, role)}
            wanted.append((lang, path_for("institution_feed", lang, inst.id), path_for("institution", lang, inst.id),
                           inst.name.shown(lang)[0], f"institution/{inst.id}",
                           tuple(n for n in site.notes if n.measure_id in ids)))
    everywhere = (site.base_url, site.title, site.adopted, site.as_of)
    for lang, path, page, title, feed_id, notes in wanted:
        out[path] = cache.get(path, (title, notes, everywhere), lambda: feed(
            site, lang, list(notes), path, page, title, feed_id))
    return out
