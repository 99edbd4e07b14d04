"""The all-measures table and its filtered views: what each row shows and which rows each view keeps.

Every view is a pre-built page with its own URL, so a filtered list can be sent as a link and
read without JavaScript. Each row is made by `row()` alone: what the table says about a measure's
status, lateness and notes is decided in this one place.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .model import Measure, Site
from .statuses import ORDER


@dataclass(frozen=True)
class Row:
    measure: Measure
    status: str  # the status at the deadline, a key of statuses.STATUS_INFO
    later: str  # a later development's status key, "" when none is known
    late: bool  # the deadline passed and the sources show the measure unfinished
    notes: int

    @property
    def institutions(self) -> tuple[str, ...]:
        return self.measure.implementers + tuple(i for i in self.measure.recommended
                                                 if i not in self.measure.implementers)

    @property
    def section(self) -> str:
        return self.measure.top_section_id

    @property
    def due(self) -> int:
        return self.measure.end


def content_date(m: Measure, site: Site) -> dt.date:
    """The date of the newest thing the measure's page says: its newest note, or, where it has
    none, the date the sources were last checked (its "no source says" is as of then)."""
    return max((n.date for n in m.notes), default=site.as_of)


def row(m: Measure) -> Row:
    return Row(m, m.status, "", m.overdue, len(m.notes))


@dataclass(frozen=True)
class View:
    """One filtered view: `group` is status, institution, section, due or late (an institution's
    late measures); `value` the status key, institution id, section number or year."""

    group: str
    value: str

    @property
    def key(self) -> str:
        """The part of the URL after <lang>/measures/."""
        if self.group == "late":
            return f"institution/{self.value}/late"
        return f"{self.group}/{self.value}"

    def keeps(self, r: Row) -> bool:
        if self.group == "status":
            return r.status == self.value
        if self.group == "institution":
            return self.value in r.institutions
        if self.group == "late":
            return self.value in r.institutions and r.late
        if self.group == "section":
            return r.section == self.value
        if self.group == "due":
            return str(r.due) == self.value
        raise ValueError(self.group)


def rows(site: Site) -> list[Row]:
    return [row(m) for m in site.measures.values()]


def views(site: Site) -> list[View]:
    """Every filtered view: statuses and years that some measure has, every section and institution."""
    table = rows(site)
    used = {r.status for r in table}
    return ([View("status", s) for s in ORDER if s in used]
            + [View("section", s.id) for s in site.sections]
            + [View("due", str(y)) for y in sorted({r.due for r in table})]
            + [View("institution", i) for i in site.institutions]
            + [View("late", i) for i in site.institutions])


def filtered(table: list[Row], view: View) -> list[Row]:
    return [r for r in table if view.keeps(r)]
