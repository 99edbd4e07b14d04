"""The only place that knows the site's URL shapes. Paths are relative to the site root."""
from __future__ import annotations

import posixpath
from functools import lru_cache
from urllib.parse import urlsplit

from .model import Institution, Measure, Section, idd

PATHS = {
    "home": "{lang}/",
    "section": "{lang}/sections/{key}/",
    "measures": "{lang}/measures/",
    "measures_view": "{lang}/measures/{key}/",  # key: status/limited, institution/<id>/late, institution/<id>/recommended, due/2018 …
    "measure": "{lang}/measures/{key}/",
    "badge": "{lang}/measures/{key}/badge.svg",
    "measure_feed": "{lang}/measures/{key}/feed.xml",
    "institutions": "{lang}/institutions/",
    "institution": "{lang}/institutions/{key}/",
    "institution_feed": "{lang}/institutions/{key}/feed.xml",
    "timeline": "{lang}/timeline/",
    "search": "{lang}/search/",
    "data": "{lang}/data/",
    "page": "{lang}/{key}/",
    "feed": "{lang}/feed.xml",
    "changes": "{lang}/changes/",  # the record of changes (napsite/history.py)
    "changes_kind": "{lang}/changes/{key}/",  # key: one of history.FILTERS
    "changes_feed": "{lang}/changes.xml",
}


def path_for(kind: str, lang: str = "", key: str = "") -> str:
    return PATHS[kind].format(lang=lang, key=key)


def path_of(obj, lang: str) -> str:
    """The page of a model object."""
    if isinstance(obj, Measure):
        return path_for("measure", lang, obj.idd)
    if isinstance(obj, Section):
        top = obj.id.split(".")[0]
        fragment = f"#s{obj.idd}" if "." in obj.id else ""
        return path_for("section", lang, idd(top)) + fragment
    if isinstance(obj, Institution):
        return path_for("institution", lang, obj.id)
    raise TypeError(obj)


def output_file(path: str) -> str:
    """Pretty URLs: a path ending in '/' is written as its index.html."""
    return path + "index.html" if path.endswith("/") or path == "" else path


@lru_cache(maxsize=65536)  # called for every link on every page, mostly with the same pairs
def relative(from_path: str, to_path: str) -> str:
    """A link from one page to another that works under any base path, even from disk.
    Site paths are plain ('en/measures/1-1/'), so the link is found by counting folders rather
    than by posixpath.relpath, which asks the operating system for the working folder each time."""
    to_path, _, fragment = to_path.partition("#")
    from_dir = from_path if from_path.endswith("/") else posixpath.dirname(from_path)
    here = [p for p in from_dir.split("/") if p]
    there = [p for p in to_path.split("/") if p]
    common = 0
    for a, b in zip(here, there):
        if a != b:
            break
        common += 1
    rel = "/".join([".."] * (len(here) - common) + there[common:]) or "."
    if to_path.endswith("/") or to_path == "":
        rel = "./" if rel == "." else rel + "/"
    return rel + (f"#{fragment}" if fragment else "")


def absolute(base_url: str, path: str) -> str:
    return base_url + path


def from_root(base_url: str, path: str) -> str:
    """`path` from the root of the host, under the base URL's own path: a link that works on
    whatever host serves the site (www or not, a new domain), which the CSP's 'self' needs."""
    return (urlsplit(base_url).path or "/") + path
