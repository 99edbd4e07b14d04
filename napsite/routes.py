"""Every page of the site as (path, template, context): the plan the renderer follows. Pure."""
from __future__ import annotations

from dataclasses import dataclass, field
from itertools import groupby

from .changes import change_pages, measure_record
from .datafields import INSTITUTION_FIELDS, MEASURE_FIELDS, NOTE_FIELDS
from .i18n import sort_key
from .model import LANGS, Institution, Measure, Note, Site
from .statuses import ORDER, VERDICT_ORDER
from .table import BODY_VERDICTS, Row, View, body_view, implementing, lists, recommended_to, rows, scorecard, views
from .urls import path_for


@dataclass(frozen=True)
class Route:
    kind: str  # a key of urls.PATHS, or "root" / "404"
    key: str
    lang: str
    template: str
    context: dict = field(default_factory=dict, hash=False, compare=False)
    # Everything from the model the page shows beyond the site-wide header and footer: a page
    # whose deps are unchanged renders to the same bytes, so the preview server can keep it.
    deps: tuple = field(default=(), compare=False)

    @property
    def path(self) -> str:
        if self.kind == "root":
            return ""
        if self.kind == "404":
            return "404.html"
        return path_for(self.kind, self.lang, self.key)

    @property
    def has_address(self) -> bool:
        """False for the 404 page: it is served at whatever address was missing, so it has no
        canonical address and no language versions to point search engines at."""
        return self.kind != "404"

    def alternate(self, lang: str) -> str:
        if self.kind in ("root", "404"):  # neither has language versions: the homes stand in for them
            return path_for("home", lang)
        return Route(self.kind, self.key, lang, self.template).path


@dataclass(frozen=True)
class StatusCount:
    key: str
    count: int
    percent: float

    @property
    def bar(self) -> float:
        """The bar's length on the charts' 320-unit scale; never thinner than a visible sliver."""
        return max(round(self.percent * 3.2, 1), 2)


@dataclass(frozen=True)
class Summary:
    """Measures by what is known at their deadline: completed, not completed by the deadline, no source on
    completion, and not yet due (only while a period runs), each counted apart."""

    total: int
    counts: tuple[StatusCount, ...]  # one per verdict that occurs, in VERDICT_ORDER

    def count(self, verdict: str) -> int:
        return next((c.count for c in self.counts if c.key == verdict), 0)


def summary(measures: list[Measure]) -> Summary:
    total = len(measures)
    counts = tuple(StatusCount(key, n, round(100 * n / total, 1) if total else 0.0)
                   for key in VERDICT_ORDER for n in [sum(1 for m in measures if m.verdict == key)]
                   if n or key != "due")
    return Summary(total, counts)


@dataclass(frozen=True)
class Bar:
    measure: Measure
    offset: int  # empty years before the bar
    span: int
    after: int  # empty years after it


@dataclass(frozen=True)
class NoteMonth:
    year: int
    month: int | None  # None: notes known only to the year
    notes: tuple[Note, ...]


def timeline_bars(site: Site) -> list[tuple]:
    """[(section, [Bar, …]), …] over the plan's years."""
    years = site.years()
    groups = []
    for section in site.sections:
        bars = [Bar(m, m.start - years.start, m.end - m.start + 1, years.stop - 1 - m.end)
                for m in site.measures_in(section)]
        groups.append((section, bars))
    return groups


def due_by_year(site: Site) -> list[tuple[int, list[Measure]]]:
    return [(y, [m for m in site.measures.values() if m.end == y]) for y in site.years()]


def notes_by_month(notes: tuple[Note, ...]) -> list[tuple[int, list[NoteMonth]]]:
    by_year = []
    for year, in_year in groupby(notes, key=lambda n: n.date.year):
        months = [NoteMonth(year, m, tuple(ns)) for m, ns in groupby(in_year, key=lambda n: n.date.month)]
        by_year.append((year, months))
    return by_year


def institutions_sorted(site: Site, lang: str) -> list[Institution]:
    return sorted(site.institutions.values(), key=lambda i: sort_key(i.label.shown(lang)[0], lang))


def listed(m: Measure) -> tuple:
    """What a list of measures shows of each (measure_list in _macros.html)."""
    return (m.id, m.title, m.status, m.judgement, m.start, m.end)


def tabled(r: Row) -> tuple:
    """What the table shows of each row (measures.html): not the notes' text, so that editing a
    note's words does not make every filter page be rendered again."""
    m = r.measure
    return (m.id, m.section_id, m.title, m.implementers, m.recommended, m.start, m.end, r.verdict, r.level,
            r.later, r.late, r.notes)


def noted(n: Note) -> tuple:
    """What a list of notes shows of each (note_line in _macros.html)."""
    return (n.key, n.date, n.title, n.measure_id)


@dataclass(frozen=True)
class FilterGroup:
    name: str  # status, level, section, due, institution (implementers) or recommended
    entries: tuple[tuple[View, int], ...]  # each view with the number of measures it lists


def filter_groups(site: Site, table: list[Row], lang: str, kept: dict | None = None) -> tuple[FilterGroup, ...]:
    """The links above the table, in reading order; institutions alphabetical in `lang`. A body is
    offered as an implementer only if it carries out some measure, and under the recommended bodies
    only if some measure is recommended to it: the two roles are never one list."""
    by_group: dict[str, list[View]] = {}
    for v in views(site):
        by_group.setdefault(v.group, []).append(v)
    order = {i.id: n for n, i in enumerate(institutions_sorted(site, lang))}
    implementers = set(implementing(site))
    by_group["institution"] = sorted((v for v in by_group["institution"] if v.value in implementers),
                                     key=lambda v: order[v.value])
    by_group["recommended"] = sorted(by_group.get("recommended", []), key=lambda v: order[v.value])
    kept = lists(table) if kept is None else kept
    return tuple(FilterGroup(g, tuple((v, len(kept.get(v, ()))) for v in by_group[g]))
                 for g in ("status", "level", "section", "due", "institution", "recommended"))


def related_views(kept: dict, v: View, implementers: set, recommended: set) -> tuple[tuple[View, int], ...]:
    """The other lists of the same body a body's filter page links to, each with its count: from
    the measures it must carry out to those of them with each verdict and to those recommended to
    it, and back. A body that carries out nothing is never linked to a late list; its late list is
    always named (as none, where it is empty) and the other verdicts' lists only where they list some."""
    if v.group not in ("institution", "late", "recommended", *BODY_VERDICTS):
        return ()
    implements = v.value in implementers
    by_verdict = [body_view(verdict, v.value) for verdict in VERDICT_ORDER] if implements else []
    if v.group == "institution":
        wanted = [w for w in by_verdict if w.group == "late" or kept.get(w)]
    elif v.group == "recommended":
        wanted = [View("institution", v.value)] if implements else []
    else:  # a list by verdict: back to all its measures, and on to the other verdicts it has
        wanted = [View("institution", v.value)] + [w for w in by_verdict if w != v and kept.get(w)]
    if v.group != "recommended" and v.value in recommended:
        wanted.append(View("recommended", v.value))
    return tuple((w, len(kept.get(w, ()))) for w in wanted)


def counted(r: Row) -> tuple:
    """What the filter lists' counts are made of."""
    return (r.measure.id, r.verdict, r.level, r.section, r.due, r.late, r.implementers, r.recommended)


def measures_routes(site: Site, lang: str) -> list[Route]:
    """The table of all measures and one pre-built page per filter.

    A filter page lists the filters of every group but the recommended bodies (those lists are
    linked from each row, each body's page and the table of all measures): each page then names
    the bodies that implement measures, not every body, so the pages grow with the implementers
    times the filters, never with the square of the bodies a plan merely names."""
    table = rows(site)
    kept = lists(table)
    groups = filter_groups(site, table, lang, kept)
    # the live filter narrows by implementer only: lateness and ownership are an implementer's
    live = tuple(g for g in groups if g.name != "recommended")
    implementers, recommended = set(implementing(site)), set(recommended_to(site))
    counts = tuple(map(counted, table))
    in_lists = tuple(site.institutions[v.value] for g in live if g.name == "institution" for v, _ in g.entries)
    # each row's bodies once, shared by every page that shows the row
    bodies = {r.measure.id: tuple(site.institutions[i] for i in r.implementers + r.recommended) for r in table}
    # the day each measure's status last changed on this site (None: no record of changes)
    changed = {m: site.history.last_status_change(m) for m in site.measures} if site.history else None
    result = [Route("measures", "", lang, "measures.html",
                    dict(rows=table, view=None, groups=groups, live=live, related=(), assigned=None, body=None,
                         changed=changed),
                    deps=(tuple(map(tabled, table)), tuple(site.institutions.values()), site.sections,
                          changed and tuple(changed.items())))]
    for v in views(site):
        shown = kept.get(v, [])
        body = site.institutions[v.value] if v.group in ("institution", "late", "recommended", *BODY_VERDICTS) else None
        related = related_views(kept, v, implementers, recommended)
        # a body's empty late list says what its measures' verdicts are, never a bare nought
        assigned = summary([r.measure for r in kept.get(View("institution", v.value), [])]) \
            if v.group == "late" else None
        result.append(Route("measures_view", v.key, lang, "measures.html",
                            dict(rows=shown, view=v, groups=live, live=live, related=related, assigned=assigned, body=body,
                                 links={w: body_view(w, v.value) for w in VERDICT_ORDER} if assigned else {},
                                 changed=changed),
                            deps=(tuple(map(tabled, shown)), counts, in_lists,
                                  tuple(bodies[r.measure.id] for r in shown), body, site.sections, v, related,
                                  assigned, changed and tuple(changed[r.measure.id] for r in shown))))
    return result


def changes_routes(site: Site, lang: str) -> list[Route]:
    """<lang>/changes/ and one page per kind of change (napsite/changes.py); none without a record."""
    return [Route(kind, key, lang, "changes.html", context, deps=deps) for kind, key, context, deps in change_pages(site)]


def plan(site: Site) -> list[Route]:
    routes = [Route("root", "", site.default_lang, "root.html"),
              Route("404", "", site.default_lang, "404.html")]
    measures = list(site.measures.values())
    roles = tuple((m.id, m.implementers, m.recommended) for m in measures)
    for lang in LANGS:
        routes.append(Route("home", "", lang, "home.html", dict(
            summary=summary(measures), latest=site.notes[:5], links={v: View("status", v) for v in VERDICT_ORDER}),
            deps=(summary(measures), tuple(map(noted, site.notes[:5])), site.sections)))
        for section in site.sections:
            inside = site.measures_in(section)
            routes.append(Route("section", section.idd, lang, "section.html", dict(
                section=section, summary=summary(inside)), deps=(section, tuple(map(listed, inside)))))
        for i, m in enumerate(measures):
            previous = measures[i - 1] if i else None
            following = measures[i + 1] if i + 1 < len(measures) else None
            section, top = site.section(m.section_id), site.section(m.top_section_id)
            bodies = tuple(site.institutions[b] for b in m.implementers + m.recommended)
            record = measure_record(site, m.id)
            routes.append(Route("measure", m.idd, lang, "measure.html", dict(
                measure=m, section=section, top=top, previous=previous, next=following, record=record),
                deps=(m, section, top, previous and previous.id, following and following.id, bodies, record)))
            for alias in m.aliases:
                routes.append(Route("measure", alias.replace(".", "-"), lang, "redirect.html", dict(target=m),
                                    deps=(m.id,)))
        routes.extend(measures_routes(site, lang))
        kept = lists(rows(site))
        ordered = institutions_sorted(site, lang)
        verdicts, scores = scorecard(site, kept, [i.id for i in ordered])
        routes.append(Route("institutions", "", lang, "institutions.html",
                            dict(institutions=ordered, verdicts=verdicts, scores=scores),
                            deps=(tuple(ordered), roles, scores)))
        for inst in site.institutions.values():
            as_impl = site.measures_of(inst.id, "implementers")
            as_rec = site.measures_of(inst.id, "recommended")
            as_rec = [m for m in as_rec if m not in as_impl]  # a body in both roles is its implementer
            # the status chart counts only the measures it must carry out: none, no chart
            # its lists in the table of all measures: the late one only for a body that implements some
            implementer_lists = tuple((v, len(kept.get(v, ()))) for v in (
                View("institution", inst.id), View("late", inst.id))) if as_impl else ()
            recommended_lists = ((View("recommended", inst.id), len(as_rec)),) if as_rec else ()
            routes.append(Route("institution", inst.id, lang, "institution.html", dict(
                institution=inst, implementer_of=as_impl, recommended_for=as_rec,
                summary=summary(as_impl) if as_impl else None,
                links={v: body_view(v, inst.id) for v in VERDICT_ORDER},
                implementer_lists=implementer_lists, recommended_lists=recommended_lists),
                deps=(inst, tuple(map(listed, as_impl)), tuple(map(listed, as_rec)))))
        routes.append(Route("timeline", "", lang, "timeline.html", dict(
            groups=timeline_bars(site), years=list(site.years()), due=due_by_year(site),
            notes_by_month=notes_by_month(site.notes)),
            deps=(tuple(map(listed, measures)), tuple(map(noted, site.notes)), site.sections)))
        routes.append(Route("data", "", lang, "data.html", dict(
            measure_fields=MEASURE_FIELDS, note_fields=NOTE_FIELDS, institution_fields=INSTITUTION_FIELDS),
            deps=(len(site.notes), len(site.institutions), site.history is not None)))
        routes.append(Route("search", "", lang, "search.html", dict(measures=measures),
                            deps=(tuple((m.id, m.title) for m in measures),)))
        routes.extend(changes_routes(site, lang))
        for name, page in site.pages.items():
            routes.append(Route("page", name, lang, "page.html", dict(page=page), deps=(page,)))
    return routes
