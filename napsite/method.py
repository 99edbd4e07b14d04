"""What the pages said under the method used before the record starts, where the change of method
changed it: the one correction the commit-by-commit record cannot show, since the commits before
its start are judged by another model and are not compared (napsite/history.py).

The earlier method gave each measure one headline status: the measure file's `status`, else the
latest status of any of its notes, whenever that note was dated. The record's first commit began
judging each measure at the end of its period. Where a page's headline under the earlier method
differs from its level at the deadline under the new one (9.4: "Completed", from a 2024 law, became
"Not completed by the deadline"), the record opens with a change of kind "method", a correction
dated on the record's first commit. Only the files' own fields are read here, never judged, so no
second copy of the judgement rule exists.
"""
from __future__ import annotations

import subprocess

import yaml

from .memo import RESULTS

VERSION = 1


def headlines(root: str, tree: str, git) -> dict[str, str]:
    """{measure id: the status its page headed with under the earlier method} for `tree`, the content
    folder of the commit before the record's start ({} where it cannot be read)."""
    return RESULTS(("earlier-method", VERSION, tree), lambda: _read(root, tree, git))


def _read(root: str, tree: str, git) -> dict[str, str]:
    try:
        listing = git(root, "ls-tree", "-r", "-z", "--full-tree", tree).split(b"\0")
    except (OSError, subprocess.SubprocessError):
        return {}
    blobs = []
    for entry in filter(None, listing):
        meta, _, name = entry.partition(b"\t")
        path = name.decode("utf-8", "replace")
        if meta.split()[1] == b"blob" and (path.startswith("measures/") and path.endswith(".yaml")
                                          or path.startswith("progress/") and path.endswith(".md")):
            blobs.append((meta.split()[2].decode(), path))
    try:
        out = git(root, "cat-file", "--batch", stdin="".join(f"{b}\n" for b, _ in blobs).encode())
    except (OSError, subprocess.SubprocessError):
        return {}
    measures: dict[str, str] = {}
    latest: dict[str, tuple[str, str, str]] = {}  # measure -> (date, file, status) of its latest note with one
    at = 0
    for _blob, path in blobs:
        end = out.index(b"\n", at)
        size = int(out[at:end].split()[2])
        text = out[end + 1:end + 1 + size].decode("utf-8", "replace")
        at = end + 1 + size + 1
        data = _fields(text if path.startswith("measures/") else text.split("\n---", 1)[0].removeprefix("---"))
        if path.startswith("measures/"):
            if data.get("id") is not None:
                measures[str(data["id"])] = str(data.get("status") or "")
        elif data.get("status") and data.get("measure") is not None:
            seen = (str(data.get("date")), path, str(data["status"]))
            mid = str(data["measure"])
            latest[mid] = max(latest.get(mid, seen), seen)
    return {mid: own or latest[mid][2] for mid, own in measures.items() if own or mid in latest}


def _fields(text: str) -> dict:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError:
        return {}
    return data if isinstance(data, dict) else {}


def changes(start, before: dict[str, str], state: dict) -> list:
    """The record's opening changes: each measure whose earlier headline is not its level at the
    deadline in the record's first commit (`state`, a snapshot), old = the earlier status, new = the
    new verdict; a correction where one said completed and the other does not ("Not started" that
    became "Not completed by the deadline" is a change of method, not of fact)."""
    from .history import Change

    found = []
    for mid, new in state["measures"].items():
        was = before.get(mid, "")
        if was and was != new["level"].split("|")[0]:
            # a correction where it reverses whether the page said the measure was completed
            reverses = (was == "completed") != (new["verdict"] == "completed")
            found.append(Change(start, mid, "method", was, new["verdict"], correction=reverses))
    return found
