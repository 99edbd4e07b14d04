"""The completion levels (those of the OGP Independent Reporting Mechanism) and how they are shown.

Labels are marked with N_ so that Babel extracts them; they are translated when a page is rendered.
"""
from __future__ import annotations

from dataclasses import dataclass

from .model import NOT_ASSESSED, STATUSES


def N_(message: str) -> str:
    return message


@dataclass(frozen=True)
class StatusInfo:
    key: str
    label: str
    explanation: str
    symbol: str  # a shape that tells the level apart without colour: an ever fuller circle


STATUS_INFO = {
    NOT_ASSESSED: StatusInfo(NOT_ASSESSED, N_("Not yet assessed"),
                             N_("No source we have found says how far this measure has got."), "?"),
    "no-evidence": StatusInfo("no-evidence", N_("No evidence"),
                              N_("Sources were checked and show no sign of work on this measure."), "–"),
    "not-started": StatusInfo("not-started", N_("Not started"),
                              N_("A source says work on this measure has not begun."), "○"),
    "limited": StatusInfo("limited", N_("Limited"),
                          N_("Work has begun, but only a small part of the measure is done."), "◔"),
    "substantial": StatusInfo("substantial", N_("Substantial"),
                              N_("Much of the measure is done, but not all of it."), "◑"),
    "completed": StatusInfo("completed", N_("Completed"),
                            N_("The measure has been carried out in full."), "●"),
}
ORDER = (NOT_ASSESSED,) + STATUSES
ASSESSORS = {"government": N_("Government"), "independent": N_("Independent"), "editors": N_("Site editors")}
