"""data/datapackage.json: the CSVs described as a Frictionless Data Package, each with a Table
Schema, so that a program (or `frictionless validate`) reads every id as text and every year as
a number without guessing: guessing is what turns measure 8.10 into 8.1."""
from __future__ import annotations

import json

from .datafields import INSTITUTION_FIELDS, LICENCE, LICENCE_URL, MEASURE_FIELDS, NOTE_FIELDS
from .model import REPORTERS, Site
from .statuses import ORDER, STATUSES, VERDICT_ORDER
from .urls import absolute, path_for

PARTIAL_DATE = r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"
ASSESSORS = ["government", "independent", "editorial"]

# Every field is text unless named here; the lists a CSV cell joins with "; " stay text too.
TYPES = {
    "measures": {
        "id": {"constraints": {"required": True, "unique": True, "pattern": r"^[0-9]+(\.[0-9]+){1,2}$"}},
        "period_start": {"type": "integer"}, "period_end": {"type": "integer"},
        "deadline": {"type": "date"},
        "verdict": {"constraints": {"required": True, "enum": list(VERDICT_ORDER)}},
        "status": {"constraints": {"required": True, "enum": list(ORDER)}},
        **{f"{p}_date": {"constraints": {"pattern": PARTIAL_DATE}}
           for p in ("status_at_deadline", "late_evidence", "later_status")},
        **{f"{p}_assessed_by": {"constraints": {"enum": ASSESSORS}}
           for p in ("status_at_deadline", "late_evidence", "later_status")},
        "late_evidence_scope": {"constraints": {"enum": ["whole", "part"]}},
        "status_changed": {"type": "date"},
        "url_az": {"format": "uri"}, "url_en": {"format": "uri"},
    },
    "notes": {
        "id": {"constraints": {"required": True, "unique": True}},
        "measure": {"constraints": {"required": True, "pattern": r"^[0-9]+(\.[0-9]+){1,2}$"}},
        "date": {"constraints": {"required": True, "pattern": PARTIAL_DATE}},
        "date_precision": {"constraints": {"enum": ["day", "month", "year"]}},
        "reported_by": {"constraints": {"required": True, "enum": list(REPORTERS)}},
        "publisher": {"constraints": {"required": True}},
        "status": {"constraints": {"enum": list(STATUSES)}},
        "assessed_by": {"constraints": {"enum": ASSESSORS}},
        "scope": {"constraints": {"enum": ["whole", "part"]}},
        "url_az": {"format": "uri"}, "url_en": {"format": "uri"},
    },
    "institutions": {
        "id": {"constraints": {"required": True, "unique": True}},
        "kind": {"constraints": {"enum": ["body", "group"]}},
        "url_az": {"format": "uri"}, "url_en": {"format": "uri"},
    },
}
FIELDS = {"measures": MEASURE_FIELDS, "notes": NOTE_FIELDS, "institutions": INSTITUTION_FIELDS}
TITLES = {"measures": "The plan's 59 measures, one row each",
          "notes": "Every progress note, with its sources and text in both languages",
          "institutions": "Every body the plan names"}


def _field(table: str, name: str, description: str) -> dict:
    extra = TYPES[table].get(name, {})
    field = {"name": name, "type": extra.get("type", "string"), "description": description}
    if "format" in extra:
        field["format"] = extra["format"]
    if "constraints" in extra:
        field["constraints"] = extra["constraints"]
    return field


def describe(site: Site) -> bytes:
    resources = [{
        "name": table, "path": f"{table}.csv", "title": TITLES[table], "profile": "tabular-data-resource",
        "format": "csv", "mediatype": "text/csv", "encoding": "utf-8-sig",  # the BOM is for spreadsheets
        "schema": {"fields": [_field(table, name, text) for name, text in FIELDS[table]],
                   "primaryKey": ["id"], "missingValues": [""]},
    } for table in FIELDS]
    package = {
        "profile": "tabular-data-package",
        "name": "open-government-az-2016-2018",
        "title": site.title.en,
        "homepage": absolute(site.base_url, path_for("data", "en")),
        # The day the sources were last checked, not the day of the build: the same content, the same file.
        "description": f"The measures of the plan, their progress notes and the bodies they name; sources "
                       f"last checked on {site.as_of.isoformat()}. Ids are text: measure 8.10 is not 8.1.",
        "licenses": [{"name": "CC-BY-4.0", "title": LICENCE, "path": LICENCE_URL}],
        "resources": resources,
    }
    return (json.dumps(package, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
