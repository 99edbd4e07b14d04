"""When a measure is judged: at its deadline, as the OGP's Independent Reporting Mechanism does,
and, apart from that, what happened later. The one place that decides "completed", "late" and
"no source on completion"; docs/editing.md ("When a status counts") says the same in words.

The rule, for a measure whose period ends in year Y (deadline: 31 December Y):

1. A note counts AT the deadline when every day its date could mean is on or before the
   deadline: 2017-12-31, 2017-12 and 2017 count for a 2017 deadline; 2018-01-01 and 2018 do not.
   Notes after the deadline are LATER developments.
2. The status at the deadline is a `status:` set in the measure file, where there is one (it
   judges the whole period and wins over the notes), else the status of the latest note that
   counts at the deadline and sets one.
3. The verdict:
   - "completed" when the status at the deadline is `completed`;
   - "late" (late with evidence) when a source shows the work was not done by the deadline:
     once the deadline has passed, a measure-file status other than `completed`, or a note dated on the deadline day or after
     it (its earliest possible day is not before the deadline) that sets a status other than
     `completed`. Work is taken not to be undone: a source that finds a measure unfinished after
     its deadline shows it was unfinished at the deadline. The earliest such note is cited.
     A status given before the deadline (say `limited` in February 2017 for a 2018 deadline)
     is not evidence of lateness: the work could have been finished in time;
   - "due" while the content's date (site.yaml as_of) is not past the deadline;
   - "unknown" otherwise: the deadline has passed and no source says whether the work was done.
4. Later developments: the latest status set by a note after the deadline, shown apart (9.4:
   not completed by the end of 2017; the Code was passed by parliament in December 2023 and signed
   in January 2024).
5. A note with `scope: part` judges only a part of the measure (8.2: GRECO on the declarations of
   MPs, judges and prosecutors). A part unfinished after the deadline shows the measure unfinished
   at it, so it is evidence for "late"; but it gives no level for the whole measure, neither at the
   deadline nor later (such a note cannot say `completed`).
"""
from __future__ import annotations

import datetime as dt

from .model import Assessment, Judgement, Note


def judge(end_year: int, declared: Assessment | None, notes: tuple[Note, ...], as_of: dt.date) -> Judgement:
    """`notes` newest first, as a measure holds them."""
    deadline = dt.date(end_year, 12, 31)
    stated = [n for n in notes if n.status]
    levels = [n for n in stated if not n.part]
    before = [n for n in levels if n.date.last_day() <= deadline]
    after = [n for n in levels if n.date.last_day() > deadline]
    at_deadline = declared or (_assessment(before[0]) if before else None)
    later = _assessment(after[0]) if after else None
    if at_deadline and at_deadline.status == "completed":
        return Judgement(deadline, "completed", at_deadline, None, later)
    if declared and as_of > deadline:  # a measure-file status judges the period's end: evidence either way
        return Judgement(deadline, "late", at_deadline, declared, later)
    unfinished = [n for n in reversed(stated) if n.date.first_day() >= deadline and n.status != "completed"]
    if unfinished:
        return Judgement(deadline, "late", at_deadline, _assessment(unfinished[0]), later)
    return Judgement(deadline, "due" if as_of <= deadline else "unknown", at_deadline, None, later)


def _assessment(note: Note) -> Assessment:
    return Assessment(note.status, note.date, note.assessed_by, note.key, note.part)
