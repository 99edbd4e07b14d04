"""`build.py new-note`: a pair of progress note files with their front matter filled in."""
from __future__ import annotations

import datetime as dt
import re
import sys
from pathlib import Path

from .loaders import display_path
from .model import PartialDate, idd

TEMPLATE = """---
measure: "{measure}"
date: {date}
reported_by:               # required: who published the source: government (a state body's own site or report), press (a news outlet, AZERTAC/APA/Trend included) or independent (a monitor, a study, an NGO, OGP, GRECO, the EU, the UN)
publisher:                 # required: that publisher's name as its page gives it, in quotes: "AZERTAC", "Ministry of Justice of the Republic of Azerbaijan"
title: "{title}"
# status: limited          # only where a cited source says so: {statuses}
# assessed_by: editorial   # required with status, no default: government, independent or editorial (our reading)
# scope: part              # only where the source judges a part of the measure, not all of it (say which part)
sources:
#  - https://…             # the evidence: one address per line; remove the # in front
---
{body}
"""
BODIES = {"az": "Mənbənin nə dediyini öz sözlərinizlə yazın.", "en": "Say in your own words what the source states."}
TITLES = {"az": "Qısa başlıq", "en": "Short title"}
# The build refuses a note that still carries these, so an example never reaches readers.
PLACEHOLDER_BODIES = frozenset(BODIES.values())
PLACEHOLDER_TITLES = frozenset(TITLES.values())


def new_note(content: Path, measure: str, date: str | None, slug: str) -> int:
    if not (content / "measures" / f"{measure}.yaml").is_file():
        print(f"unknown measure '{measure}': there is no {content}/measures/{measure}.yaml", file=sys.stderr)
        return 2
    try:
        day = PartialDate.parse(date) if date else PartialDate.parse(dt.date.today().isoformat())
    except ValueError:
        print(f"'{date}' is not a date; write it as YYYY-MM-DD, YYYY-MM or YYYY, as precisely as the source "
              "gives it, for example 2017-05-10", file=sys.stderr)
        return 2
    slug = re.sub(r"[^a-z0-9]+", "-", slug.lower()).strip("-") or "update"
    stem = f"{day.file_part()}-{idd(measure)}-{slug}"  # 00 for an unknown month or day
    folder = content / "progress"
    folder.mkdir(exist_ok=True)
    paths = [folder / f"{stem}.{lang}.md" for lang in ("az", "en")]
    if any(p.exists() for p in paths):
        print(f"{display_path(paths[0])} already exists; choose another --slug", file=sys.stderr)
        return 1
    for lang, path in zip(("az", "en"), paths):
        path.write_text(TEMPLATE.format(measure=measure, date=day.iso(), title=TITLES[lang],
                                        statuses="no-evidence, not-started, limited, substantial, completed",
                                        body=BODIES[lang]), encoding="utf-8")
        print(f"wrote {display_path(path)}")
    return 0
