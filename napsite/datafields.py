"""The open data's fields and licence: what the data page documents and the files hold (a test
checks that the two agree)."""
from __future__ import annotations

from .statuses import N_

LICENCE = "CC BY 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"

# Every field of the open data, in file order, with what it means: the data page shows these,
# and a test holds the files to them.
MEASURE_FIELDS = (
    ("id", N_("The measure’s number in the plan, e.g. 4.1.3.")),
    ("section", N_("The section or subsection it belongs to, e.g. 4.1.")),
    ("title_az", N_("The measure as the plan words it, in Azerbaijani (the original).")),
    ("title_en", N_("The measure in English (this site’s translation).")),
    ("indicators_az", N_("The plan’s evaluation indicators, in Azerbaijani.")),
    ("indicators_en", N_("The evaluation indicators in English.")),
    ("implementers", N_("Ids of the bodies that must carry the measure out (see institutions.json); in the CSV, separated by “; ”.")),
    ("implementers_az", N_("Their names in Azerbaijani, in the same order; in the CSV, separated by “; ”.")),
    ("implementers_en", N_("Their names in English.")),
    ("recommended", N_("Ids of the bodies the plan only recommends the measure to.")),
    ("recommended_az", N_("Their names in Azerbaijani.")),
    ("recommended_en", N_("Their names in English.")),
    ("period_start", N_("The first year of the implementation period.")),
    ("period_end", N_("The last year: the deadline is 31 December of this year.")),
    ("deadline", N_("The deadline: 31 December of the last year (YYYY-MM-DD).")),
    ("verdict", N_("What is known at the deadline: completed (a source dated by the deadline says it was done in full), late (a source shows it was not completed in full by then), unknown (the deadline passed and no source says) or due.")),
    ("verdict_az", N_("The verdict as the Azerbaijani pages name it.")),
    ("verdict_en", N_("The verdict as the English pages name it.")),
    ("status", N_("The completion level at the deadline: no-evidence, not-started, limited, substantial, completed, or not-assessed where no source gives one.")),
    ("status_az", N_("The level as the Azerbaijani pages name it.")),
    ("status_en", N_("The level as the English pages name it.")),
    ("status_at_deadline", N_("The same level as given by its source, or empty.")),
    ("status_at_deadline_date", N_("The date of that source: YYYY-MM-DD, YYYY-MM or YYYY; empty when the measure file sets the level for the whole period.")),
    ("status_at_deadline_assessed_by", N_("Who judged that level: government, independent, or editorial (this site’s reading of the sources).")),
    ("status_at_deadline_note", N_("The id of the note that gives it (see notes.json), or empty.")),
    ("late_evidence_status", N_("Where the verdict is late: the status the evidence gives.")),
    ("late_evidence_date", N_("The date of that evidence.")),
    ("late_evidence_assessed_by", N_("Who judged it.")),
    ("late_evidence_note", N_("The note that holds it.")),
    ("late_evidence_scope", N_("whole, or part where the evidence judges only a part of the measure (its note says which part); a part left undone means the measure was not completed in full.")),
    ("later_status", N_("The latest status a source gives after the deadline, or empty: later developments, kept apart from the verdict.")),
    ("later_status_date", N_("The date of that later source.")),
    ("later_status_assessed_by", N_("Who judged the later status.")),
    ("later_status_note", N_("The note that gives it.")),
    ("status_changed", N_("The date the verdict, the completion level at the deadline or the later status last changed on this site (YYYY-MM-DD, the day the change was published), or empty when none has changed since the record of changes starts.")),
    ("notes", N_("The ids of its progress notes, newest first (see notes.json); in the CSV, separated by “; ”.")),
    ("amendments", N_("Dated changes to the plan for this measure, each with its date, text in both languages, sources and, where it changed them, the ids of the implementers from that date; in the CSV, “date: English text”, separated by “; ”.")),
    ("url_az", N_("The measure’s page in Azerbaijani.")),
    ("url_en", N_("The measure’s page in English.")),
)
NOTE_FIELDS = (
    ("id", N_("The note’s id: also its anchor on the measure page.")),
    ("measure", N_("The number of the measure it is about.")),
    ("date", N_("The date of the source, as precise as the source is: YYYY-MM-DD, YYYY-MM or YYYY.")),
    ("date_precision", N_("day, month or year: how much of the date the source gives.")),
    ("reported_by", N_("What kind of body published the source the note rests on: government (a state body’s own publication), press (a news outlet, state news agencies included) or independent (a monitor, a study, a civil-society or international body).")),
    ("publisher", N_("The name of that body, as its own page gives it.")),
    ("status", N_("The status the note sets, or empty when it sets none.")),
    ("assessed_by", N_("Who made that assessment: government, independent, or editorial (this site’s reading of the sources).")),
    ("scope", N_("What the status judges: whole (the measure) or part (a part of it, named in the note’s text); empty when the note sets no status.")),
    ("sources", N_("The addresses of the sources the note cites.")),
    ("title_az", N_("The title in Azerbaijani, or empty.")),
    ("title_en", N_("The title in English, or empty.")),
    ("text_az", N_("The note’s text in Azerbaijani, as plain text, or empty where it is not yet translated.")),
    ("text_en", N_("The note’s text in English, as plain text, or empty.")),
    ("url_az", N_("The note on the Azerbaijani measure page.")),
    ("url_en", N_("The note on the English measure page.")),
)
INSTITUTION_FIELDS = (
    ("id", N_("The id used in implementers and recommended.")),
    ("kind", N_("body for a single institution, group for bodies the plan names together.")),
    ("name_az", N_("The full name in Azerbaijani.")),
    ("name_en", N_("The full name in English.")),
    ("short_az", N_("The short name in Azerbaijani, or empty.")),
    ("short_en", N_("The short name in English, or empty.")),
    ("implementer_of", N_("The measures it must carry out.")),
    ("recommended", N_("The measures recommended to it.")),
    ("url_az", N_("Its page in Azerbaijani.")),
    ("url_en", N_("Its page in English.")),
)
