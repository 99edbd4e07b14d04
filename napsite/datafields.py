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
    ("recommended", N_("Ids of the bodies the plan only recommends the measure to.")),
    ("period_start", N_("The first year of the implementation period.")),
    ("period_end", N_("The last year: the deadline is 31 December of this year.")),
    ("status", N_("The headline status: no-evidence, not-started, limited, substantial, completed, or not-assessed where no source says.")),
    ("overdue", N_("true when the deadline has passed and no source says the measure was completed.")),
    ("official_status", N_("The latest status the government gave, or empty.")),
    ("official_status_date", N_("The date of that government assessment (YYYY-MM-DD).")),
    ("independent_status", N_("The latest status an independent source gave, or empty.")),
    ("independent_status_date", N_("The date of that independent assessment.")),
    ("notes", N_("The ids of its progress notes, newest first (see notes.json); in the CSV, separated by “; ”.")),
    ("url_az", N_("The measure’s page in Azerbaijani.")),
    ("url_en", N_("The measure’s page in English.")),
)
NOTE_FIELDS = (
    ("id", N_("The note’s id: also its anchor on the measure page.")),
    ("measure", N_("The number of the measure it is about.")),
    ("date", N_("The date of the source, as precise as the source is: YYYY-MM-DD, YYYY-MM or YYYY.")),
    ("date_precision", N_("day, month or year: how much of the date the source gives.")),
    ("reported_by", N_("government when a state body reports on its own work; independent for a monitor, study or the press.")),
    ("status", N_("The status the note sets, or empty when it sets none.")),
    ("assessed_by", N_("Who made that assessment: government, independent, or editorial (this site’s reading of the sources).")),
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
