"""What one version of the content asserts on each measure page, as plain data, and the changes
between two such versions (napsite/history.py runs them over the repository's commits)."""
from __future__ import annotations

import hashlib
import json

from .model import Assessment, Measure, Site


# The publisher of a note written before the field existed (history._migrated): not a claim that changed.
UNKNOWN = "(publisher not recorded)"


def _digest(value) -> str:
    """Texts only compared, never shown, kept as a digest: a snapshot stays small in the cache."""
    return hashlib.sha256(json.dumps(value, ensure_ascii=False).encode()).hexdigest()[:32]


def _assessment(a: Assessment | None) -> str:
    """'status|assessed_by|date' ('' for none): what the page says of one status."""
    return f"{a.status}|{a.assessed_by}|{a.date.iso() if a.date else ''}" if a else ""


def _measure(m: Measure) -> dict:
    j = m.judgement
    return {
        "verdict": j.verdict, "level": _assessment(j.at_deadline).rsplit("|", 1)[0],
        "later": _assessment(j.later),
        "implementers": " ".join(m.implementers), "recommended": " ".join(m.recommended),
        "period": m.period,
        "text": _digest([m.title.az, m.title.en, m.indicators.az, m.indicators.en]),
        "amendments": [[a.date.iso(), " ".join(a.implementers), _digest([a.text.az, a.text.en, list(a.sources)])]
                       for a in m.amendments],
        "notes": {n.key: {"claim": [n.date.iso(), n.title.az, n.title.en, n.status or "", n.assessed_by or "",
                                    n.reported_by, n.publisher, list(n.sources)],
                          "body": _digest([n.body_html.az, n.body_html.en]), "aliases": list(n.aliases)}
                  for n in m.notes},
    }


def state_of(site: Site) -> dict:
    return {"measures": {mid: _measure(m) for mid, m in site.measures.items()}}


def diff(commit, before: dict, after: dict) -> list:
    """Every change `commit` made, measure by measure, in plan order (measures new or gone are
    not compared: the plan's 59 measures do not change)."""
    from .history import Change

    found = []
    for mid, new in after["measures"].items():
        old = before["measures"].get(mid)
        if old is None:
            continue

        def add(kind: str, was: str = "", now: str = "", note: dict | None = None, correction: bool = False):
            titles = note["claim"][1:3] if note else ("", "")
            found.append(Change(commit, mid, kind, was, now, titles[0], titles[1], correction))

        if old["verdict"] != new["verdict"]:
            add("verdict", old["verdict"], new["verdict"], correction=True)
        if old["level"] != new["level"]:
            add("level", old["level"], new["level"], correction=True)
        if old["later"] != new["later"]:  # a newer source is a development; the same or an older one a correction
            add("later", old["later"], new["later"], correction=bool(old["later"]) and (
                not new["later"] or new["later"].split("|")[2] <= old["later"].split("|")[2]))
        _notes(old["notes"], new["notes"], add)
        for kind in ("implementers", "period"):
            if old[kind] != new[kind]:
                add(kind, old[kind], new[kind])
        if old["recommended"] != new["recommended"]:
            add("implementers", old["implementers"] + "/" + old["recommended"],
                new["implementers"] + "/" + new["recommended"])
        if old["text"] != new["text"]:
            add("text")
        if old["amendments"] != new["amendments"]:
            add("amendment", " ".join(a[0] for a in old["amendments"]), " ".join(a[0] for a in new["amendments"]))
    return _wording_together(found)


def _wording_together(found: list) -> list:
    """A commit's rewordings of one measure's notes as one change: 'Wording corrected in 3 notes: …'."""
    from dataclasses import replace

    out, first = [], {}
    for c in found:
        if c.kind != "wording":
            out.append(c)
        elif c.measure_id not in first:
            first[c.measure_id] = len(out)
            out.append(c)
        else:
            g = out[first[c.measure_id]]
            out[first[c.measure_id]] = replace(g, old=f"{g.old} {c.old}", new=f"{g.new} {c.new}",
                                               more=g.more + ((c.title_az, c.title_en),))
    return out


def _notes(old: dict, new: dict, add) -> None:
    """Notes added, removed, corrected (date or claim, or renamed keeping the old name as an alias)
    and reworded (only the text changed)."""
    renamed = {alias: key for key, n in new.items() if key not in old for alias in n["aliases"] if alias in old}
    for key, n in new.items():
        was = old.get(key)
        if was is None:
            former = next((a for a in n["aliases"] if a in old), None)
            if former is None:
                add("note_added", "", key, n)
            else:  # the same note under a new name: a correction, never removed and added
                add("note_corrected", former, key, n, correction=True)
            continue
        if was["claim"][6] == UNKNOWN:  # the publisher was first recorded, not corrected
            was = {**was, "claim": was["claim"][:6] + [n["claim"][6]] + was["claim"][7:]}
        if was["claim"] != n["claim"]:
            add("note_corrected", key, key, n, correction=was["claim"][0] != n["claim"][0] or
                was["claim"][3:5] != n["claim"][3:5] or was["claim"][7] != n["claim"][7])
        elif was["body"] != n["body"] or was["aliases"] != n["aliases"]:
            add("wording", key, key, n)
    for key, n in old.items():
        if key not in new and key not in renamed:
            add("note_removed", key, "", n)
