"""The record of changes as readers and programs get it: a plain description of each change in
each language, the Atom feed <lang>/changes.xml and data/changes.json (napsite/history.py makes
the record)."""
from __future__ import annotations

import json
from dataclasses import dataclass

from markupsafe import Markup, escape

from . import i18n
from .datafields import LICENCE
from .feeds import ID_AUTHORITY, head, serialised, sub
from .history import FILTERS, Change, History
from .model import LANGS, Site
from .statuses import ASSESSORS, N_, STATUS_INFO, VERDICTS
from .urls import absolute, path_for

MAX_ENTRIES = 100

SAID = {
    "method": N_("Method changed: each status is now judged at the end of the measure’s period, as OGP’s "
                 "Independent Reporting Mechanism judges completion. Under the earlier method this page gave "
                 "the latest status of any note, %(old)s; by the new one: %(new)s"),
    "verdict": N_("Verdict changed from %(old)s to %(new)s"),
    "level": N_("Level at the deadline changed from %(old)s to %(new)s"),
    "later": N_("Later development changed from %(old)s to %(new)s"),
    "later_added": N_("Later development given: %(new)s"),
    "later_removed": N_("Later development removed: %(old)s"),
    "note_added": N_("Note added: %(title)s"),
    "note_removed": N_("Note removed: %(title)s"),
    "note_corrected": N_("Note corrected: %(title)s"),
    "note_moved": N_("Note corrected: %(title)s (its date and address changed; the old link still leads to it)"),
    "wording": N_("Wording corrected: %(title)s"),
    "wording_many": N_("Wording corrected in %(n)s notes: %(title)s"),
    "implementers": N_("Implementers changed from %(old)s to %(new)s"),
    "recommended": N_("The bodies it is recommended to changed"),
    "period": N_("Period changed from %(old)s to %(new)s"),
    "text": N_("The measure’s text or indicators corrected"),
    "amendment": N_("Plan amendment recorded or corrected"),
}
CORRECTED = N_("Corrected on %(date)s: this page said %(old)s until then.")
CORRECTED_METHOD = N_("Corrected on %(date)s, when the method changed: this page said %(old)s until then.")
CORRECTED_HERE = N_("Corrected in this preview, not yet committed: the published page says %(old)s.")
UNCOMMITTED = N_("not yet committed (preview only)")
FILTER_NAMES = {"all": N_("All changes"), "verdicts": N_("Verdicts and levels"), "notes": N_("Notes"),
                "corrections": N_("Corrections"), "plan": N_("The plan’s text and implementers"),
                "wording": N_("Wording")}


def _status(value: str, lang: str, by: bool = True) -> str:
    """'limited|editorial' or 'completed|editorial|2022-07-18' as words ('' as no level given);
    without `by`, who judged it is left out (both sides of the change name the same judge)."""
    _ = i18n.translations(lang).gettext
    if not value:
        return _(STATUS_INFO["not-assessed"].label)
    parts = value.split("|")
    words = [_(ASSESSORS[parts[1]])] if by and len(parts) > 1 and parts[1] else []
    if len(parts) > 2 and parts[2]:
        from .model import PartialDate

        words.append(i18n.date(PartialDate.parse(parts[2]), lang))
    return f"{_(STATUS_INFO[parts[0]].label)} ({', '.join(words)})" if words else _(STATUS_INFO[parts[0]].label)


def _bodies(site: Site, ids: str, lang: str) -> str:
    names = [site.institutions[i].label.shown(lang)[0] if i in site.institutions else i for i in ids.split()]
    return ", ".join(names) or "—"


def _title(change: Change, lang: str) -> tuple[str, str]:
    """The note's title in `lang` (or the other language's, with its lang), else its key."""
    own = change.title_az if lang == "az" else change.title_en
    if own:
        return own, lang
    other = change.title_en if lang == "az" else change.title_az
    return (other, "en" if lang == "az" else "az") if other else (change.new or change.old, lang)


@dataclass(frozen=True)
class _Titled:
    """Another note of a grouped change, as _title reads it."""

    title_az: str
    title_en: str
    new: str
    old: str = ""


def describe(change: Change, site: Site, lang: str, markup: bool = False):
    """What the change did, in `lang`: plain text, or (markup=True) HTML with a note title in the
    other language marked with its lang."""
    _ = i18n.translations(lang).gettext
    kind, old, new = change.kind, change.old, change.new
    values = {"old": old, "new": new, "title": ""}
    if kind == "verdict":
        values.update(old=_(VERDICTS[old].label), new=_(VERDICTS[new].label))
    elif kind == "method":
        values.update(old=f"“{_status(old, lang)}”", new=f"“{_(VERDICTS[new].label)}”")
    elif kind == "level" or kind == "later":
        by = not old or not new or old.split("|")[1] != new.split("|")[1]  # the judge named only where it changed
        values.update(old=_status(old, lang, by), new=_status(new, lang, by))
        kind = "later_added" if kind == "later" and not old else "later_removed" if kind == "later" and not new else kind
    elif kind == "implementers":
        if "/" in old:
            kind = "recommended"
        values.update(old=_bodies(site, old, lang), new=_bodies(site, new, lang))
    elif kind.startswith("note") or kind == "wording":
        if kind == "note_corrected" and old != new:
            kind = "note_moved"
        keys = new.split() or old.split()
        titles = [_title(c, lang) for c in [change] + [_Titled(az, en, k) for (az, en), k in zip(change.more, keys[1:])]]
        if change.more:
            kind, values["n"] = "wording_many", i18n.number(len(titles), lang)
        shown = [Markup('<span lang="%s">%s</span>') % (tl, t) if markup and tl != lang else t for t, tl in titles]
        values["title"] = Markup("; ").join(shown) if markup else "; ".join(shown)
    if markup:
        return Markup(escape(_(SAID[kind]))) % {k: v if isinstance(v, Markup) else escape(v)
                                                for k, v in values.items()}
    return _(SAID[kind]) % values


def corrected_line(change: Change, lang: str) -> str:
    """'Corrected on 2 December 2026: this page said Completed by the deadline until then.'"""
    _ = i18n.translations(lang).gettext
    same_level = change.old.split("|")[0] == change.new.split("|")[0]  # then only who judged it changed: say who
    old = _(VERDICTS[change.old].label) if change.kind == "verdict" else _status(change.old, lang, by=same_level)
    if change.commit.uncommitted:
        return _(CORRECTED_HERE) % {"old": f"“{old}”"}
    line = CORRECTED_METHOD if change.kind == "method" else CORRECTED
    return _(line) % {"date": i18n.date(change.commit.date, lang), "old": f"“{old}”"}


@dataclass(frozen=True)
class Record:
    """What a measure page shows of the record of changes (history.History)."""

    changes: tuple  # this measure's changes (history.Change), newest first
    start: object  # history.Commit: where the record starts
    repository: str
    correction: object = None  # the latest change of its verdict or level, said under its status
    status_change: object = None  # the latest change of its verdict, level or later status


def measure_record(site: Site, measure_id: str) -> Record | None:
    h = site.history
    if h is None:
        return None
    return Record(h.of(measure_id), h.start, h.repository, h.last_correction(measure_id),
                  h.last_status_change(measure_id))


def change_pages(site: Site) -> list[tuple[str, str, dict, tuple]]:
    """(kind, key, context, deps) of <lang>/changes/ and of one page per kind of change, the filter
    that needs no script; none without a record."""
    h = site.history
    if h is None:
        return []
    counts = tuple((name, len(h.in_filter(name))) for name in FILTERS)
    bodies = tuple(site.institutions.values())  # their names are in the descriptions
    pages = [("changes", "", dict(record=h, shown=h.changes, current="all", counts=counts), (h, bodies))]
    for name in FILTERS:
        pages.append(("changes_kind", name, dict(record=h, shown=h.in_filter(name), current=name, counts=counts),
                      (h, bodies, name)))
    return pages


def by_month(changes: tuple[Change, ...]) -> list[tuple[object, list[Change]]]:
    """[(first day of the month, its changes), …], newest first, as the changes pages list them."""
    months: dict = {}
    for c in changes:
        months.setdefault(c.commit.date.replace(day=1), []).append(c)
    return list(months.items())


def page_url(site: Site, change: Change, lang: str) -> str:
    return absolute(site.base_url, path_for("changes", lang)) + "#" + change.anchor


def feed(site: Site, history: History, lang: str) -> bytes:
    _ = i18n.translations(lang).gettext
    root = head(site, lang, "changes", _("Changes to this site") + " — " + site.short_title.shown(lang)[0],
                path_for("changes_feed", lang), path_for("changes", lang),
                history.changes[0].commit.stamp if history.changes else history.start.stamp)
    for c in history.changes[:MAX_ENTRIES]:
        entry = sub(root, "entry")
        sub(entry, "id", f"{ID_AUTHORITY}:change/{c.commit.id}/{c.measure_id}/{c.kind}/{c.old}/{c.new}/{lang}")
        mark = f" ({_('correction')})" if c.correction else ""
        sub(entry, "title", f"{c.measure_id}: {describe(c, site, lang)}{mark}")
        sub(entry, "link", rel="alternate", type="text/html", href=page_url(site, c, lang))
        sub(entry, "updated", c.commit.stamp)
        sub(entry, "published", c.commit.stamp)
        reason = escape(c.commit.subject)
        link = history.commit_url(c.commit)
        commit = Markup('<a href="%s">%s</a>') % (link, c.commit.id[:10]) if link else escape(c.commit.id[:10])
        body = Markup("<p>%s</p><p>%s <span lang=\"en\">%s</span></p>") % (
            describe(c, site, lang, markup=True), Markup(escape(_("Reason (commit %(id)s):"))) % {"id": commit}, reason)
        sub(entry, "content", str(body), type="html")
    return serialised(root)


def changes_json(site: Site, history: History) -> bytes:
    def commit(c):
        return {"id": c.id, "date": c.date.isoformat(), "time": c.stamp, "message": c.subject,
                "url": history.commit_url(c) or None}

    records = [{"measure": c.measure_id, "kind": c.kind, "group": c.group, "correction": c.correction,
                "old": c.old, "new": c.new, **{f"description_{lang}": describe(c, site, lang) for lang in LANGS},
                "commit": commit(c.commit),
                **{f"url_{lang}": page_url(site, c, lang) for lang in LANGS}} for c in history.changes]
    data = {"licence": LICENCE, "from": commit(history.start), "changes": records,
            "skipped": [{"commit": commit(s.commit), "reason": s.reason} for s in history.skipped]}
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def outputs(site: Site, cache) -> dict[str, bytes]:
    """The feeds and changes.json; nothing without a record."""
    history = site.history
    if history is None:
        return {}
    key = (history, site.base_url, site.short_title, tuple(site.institutions.values()))
    out = {"data/changes.json": cache.get("data/changes.json", key, lambda: changes_json(site, history))}
    for lang in LANGS:
        path = path_for("changes_feed", lang)
        out[path] = cache.get(path, key, lambda lang=lang: feed(site, history, lang))
    return out
