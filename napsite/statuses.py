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
    NOT_ASSESSED: StatusInfo(NOT_ASSESSED, N_("No level given"),
                             N_("No source we have found gives a completion level for the measure at this point."), "?"),
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

# Who judged a status. An editorial status is always shown as our reading, never as a finding.
ASSESSORS = {"government": N_("government (a state body about its own work)"),
             "independent": N_("independent source"),
             "editorial": N_("our reading of the sources")}
# What kind of body published the source a note rests on (shown after the publisher's name).
# Named for what the publisher is, not for what it writes about: a state body's site may report others'
# work (the Commission's on the Dialogue Platform), and a civil-society site may be a party to a measure.
REPORTERS = {"government": N_("a state body’s own publication"),
             "press": N_("a news outlet"),
             "independent": N_("a civil-society, academic or international source")}


@dataclass(frozen=True)
class VerdictInfo:
    key: str
    label: str  # short, for badges and lists
    count: str  # for the summaries' list of counts
    explanation: str
    symbol: str


# What is known at a measure's deadline (napsite/judgement.py decides which applies).
VERDICTS = {
    "completed": VerdictInfo("completed", N_("Completed by the deadline"), N_("completed by the deadline"),
                             N_("The measure was carried out in full by its deadline; below is who judged so, and from which source."), "●"),
    "late": VerdictInfo("late", N_("Not completed by the deadline"), N_("not completed by the deadline"),
                        N_("The measure was not completed in full by the deadline; below is who judged so, and from which source."), "✕"),
    "unknown": VerdictInfo("unknown", N_("Deadline passed; no source found on completion"),
                           N_("deadline passed, no source found on completion"),
                           N_("The deadline has passed and no source we have found says whether the measure "
                              "was completed in full."), "?"),
    "due": VerdictInfo("due", N_("Not yet due"), N_("not yet due"),
                       N_("The measure's period has not ended yet."), "○"),
}
VERDICT_ORDER = ("completed", "late", "unknown", "due")

# "unknown" after a status given before the deadline: that status is a source's (or our) reading of
# how far the work had got, so the page must not say that no source speaks to it (4.1.3).
UNKNOWN_AFTER_EARLIER_STATUS = N_("The deadline has passed. The latest status given before the deadline is shown "
                                  "below; no source dated on or after the deadline says whether the measure was then "
                                  "completed in full.")


def explanation(judgement) -> str:
    """The msgid of the sentence that explains a measure's verdict on its page."""
    if judgement.verdict == "unknown" and judgement.at_deadline is not None:
        return UNKNOWN_AFTER_EARLIER_STATUS
    return VERDICTS[judgement.verdict].explanation
