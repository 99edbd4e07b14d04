"""The all-measures table and its filtered views: what each row shows and which rows each view keeps.

Every view is a pre-built page with its own URL, so a filtered list can be sent as a link and
read without JavaScript. Each row is made by `row()` alone: what the table says about a measure's
status, lateness and notes is decided in this one place.
"""
from __future__ import annotations

from dataclasses import dataclass

from .model import Assessment, Measure, PartialDate, Site
from .statuses import ORDER, VERDICT_ORDER


@dataclass(frozen=True)
class Row:
    measure: Measure
    verdict: str  # what is known at the deadline: completed, late, unknown or due (statuses.VERDICTS)
    level: str  # the completion level at the deadline, a key of statuses.STATUS_INFO
    later: Assessment | None  # the latest status a source gives after the deadline
    late: bool  # a source shows the work was not done by the deadline
    notes: int
    # The bodies that must carry the measure out: the only ones a measure, or its lateness, belongs to.
    implementers: tuple[str, ...]
    # The bodies the plan only recommends the measure to (it cannot instruct them), kept apart from
    # the implementers on every page; a body listed in both roles counts as an implementer.
    recommended: tuple[str, ...]

    @property
    def section(self) -> str:
        return self.measure.top_section_id

    @property
    def due(self) -> int:
        return self.measure.end



def row(m: Measure) -> Row:
    return Row(m, m.verdict, m.status, m.judgement.later if m.judgement else None, m.late, len(m.notes),
               m.implementers, tuple(i for i in m.recommended if i not in m.implementers))


# A body's measures by verdict; "late" has its group (and its address) from before.
BODY_VERDICTS = {"body-completed": "completed", "body-unknown": "unknown", "body-due": "due"}
BY_VERDICT = {"late": "late", **{verdict: group for group, verdict in BODY_VERDICTS.items()}}


def body_view(verdict: str, body: str) -> "View":
    """The list of `body`'s measures with `verdict` at the deadline."""
    return View(BY_VERDICT[verdict], body)


@dataclass(frozen=True)
class View:
    """One filtered view: `group` is status (the verdict at the deadline), level (the completion
    level at the deadline), section, due, institution (the measures a body must carry out), late
    (those of them not completed by the deadline) or recommended (the measures the plan only
    recommends to a body); `value` the verdict or level key, section number, year or institution id.
    A body's measures with one of the other verdicts (body-completed, body-unknown, body-due) are
    lists of their own too, so that each count of the institutions' scorecard has its page."""

    group: str
    value: str

    @property
    def key(self) -> str:
        """The part of the URL after <lang>/measures/."""
        if self.group in ("late", "recommended"):
            return f"institution/{self.value}/{self.group}"
        if self.group in BODY_VERDICTS:
            return f"institution/{self.value}/{BODY_VERDICTS[self.group]}"
        return f"{self.group}/{self.value}"

    @property
    def verdict(self) -> str | None:
        """The verdict a body's list by verdict keeps (late included), else None."""
        return "late" if self.group == "late" else BODY_VERDICTS.get(self.group)

    def keeps(self, r: Row) -> bool:
        if self.group == "status":
            return r.verdict == self.value
        if self.group == "level":
            return r.level == self.value
        if self.group == "institution":
            return self.value in r.implementers
        if self.group == "late":
            return self.value in r.implementers and r.late
        if self.group == "recommended":
            return self.value in r.recommended
        if self.group in BODY_VERDICTS:
            return self.value in r.implementers and r.verdict == BODY_VERDICTS[self.group]
        if self.group == "section":
            return r.section == self.value
        if self.group == "due":
            return str(r.due) == self.value
        raise ValueError(self.group)


def rows(site: Site) -> list[Row]:
    return [row(m) for m in site.measures.values()]


def implementing(site: Site) -> list[str]:
    """The bodies that must carry out at least one measure, in institutions.yaml order."""
    table = rows(site)
    return [i for i in site.institutions if any(i in r.implementers for r in table)]


def recommended_to(site: Site) -> list[str]:
    """The bodies at least one measure is only recommended to, in institutions.yaml order."""
    table = rows(site)
    return [i for i in site.institutions if any(i in r.recommended for r in table)]


def views(site: Site) -> list[View]:
    """Every filtered view: verdicts, levels and years that some measure has, every section; for
    every institution the measures it must carry out (the page of a body that carries out none
    stays, as an address once shared, and says so); the late ones only for a body that carries out
    some, since lateness is an implementer's; the recommended ones for a body that has some; and
    for each body its measures by each other verdict they have."""
    table = rows(site)
    verdicts, levels = {r.verdict for r in table}, {r.level for r in table}
    kept = lists(table)
    by_body = [View(BY_VERDICT[v], i) for i in implementing(site) for v in VERDICT_ORDER
               if v != "late" and View(BY_VERDICT[v], i) in kept]
    return ([View("status", v) for v in VERDICT_ORDER if v in verdicts]
            + [View("level", s) for s in ORDER if s in levels]
            + [View("section", s.id) for s in site.sections]
            + [View("due", str(y)) for y in sorted({r.due for r in table})]
            + [View("institution", i) for i in site.institutions]
            + [View("late", i) for i in implementing(site)]
            + [View("recommended", i) for i in recommended_to(site)]
            + by_body)


def filtered(table: list[Row], view: View) -> list[Row]:
    return [r for r in table if view.keeps(r)]


def lists(table: list[Row]) -> dict[View, list[Row]]:
    """Every view's rows in one pass over the table, the same as `filtered` gives for each view
    (a test holds the two together): the plan asks for thousands of views when a content set
    names thousands of bodies, and is then refused in seconds, not minutes."""
    out: dict[View, list[Row]] = {}
    for r in table:
        keys = [("status", r.verdict), ("level", r.level), ("section", r.section), ("due", str(r.due))]
        keys += [("institution", i) for i in r.implementers]
        keys += [("late", i) for i in r.implementers if r.late]
        keys += [(BY_VERDICT[r.verdict], i) for i in r.implementers if r.verdict != "late"]
        keys += [("recommended", i) for i in r.recommended]
        for group, value in dict.fromkeys(keys):
            out.setdefault(View(group, value), []).append(r)
    return out


@dataclass(frozen=True)
class Score:
    """One body's line of the institutions' scorecard: each count with the list it links to."""

    institution: str
    assigned: tuple[View, int]  # the measures it must carry out
    by_verdict: tuple[tuple[str, View, int], ...]  # (verdict, its list, count), in VERDICT_ORDER
    recommended: tuple[View, int]


def scorecard(site: Site, kept: dict[View, list[Row]], order: list[str]) -> tuple[tuple[str, ...], tuple[Score, ...]]:
    """The verdicts that occur (the scorecard's columns) and one Score per body, in `order`."""
    verdicts = tuple(v for v in VERDICT_ORDER if any(r.verdict == v for r in rows(site)))
    scores = []
    for i in order:
        by_verdict = tuple((v, body_view(v, i), len(kept.get(body_view(v, i), ()))) for v in verdicts)
        scores.append(Score(i, (View("institution", i), len(kept.get(View("institution", i), ()))), by_verdict,
                            (View("recommended", i), len(kept.get(View("recommended", i), ())))))
    return verdicts, tuple(scores)
