"""What a content set will make, known from the plan of routes before anything is rendered.

A page shows its route's deps (everything from the model it shows beyond the header and
footer) and little else, so its size is close to a floor plus the length of the text in its
deps: within 25% of the real site's pages. A content set whose plan is far larger than its own
size allows (one text repeated into every page, a body listed on hundreds of pages that each
list every body) is refused by `check` and by the build in well under a second of planning,
rather than after minutes of rendering; the build still measures what it did render.
"""
from __future__ import annotations

import dataclasses
from collections import Counter

from .routes import Route

PAGE_FLOOR = 4_000  # bytes: the smallest page of the real site (the language chooser) is 4,176
CARD_FLOOR = 10_000  # bytes: a measure page's share card (napsite/cards.py) is 11–18 KB
# The real site is 24 times its content; far more means amplification (and a CI runner's disk).
BASE = 20_000_000
GROWTH = 100

WHAT = {"measures_view": "filtered lists of measures (measures/…/)", "institution": "institution pages",
        "measure": "measure pages", "section": "section pages", "page": "pages of pages/"}


class _Weigher:
    """Characters of text reachable from a value; each object counted once however often it is
    shared (the measure in every list it appears in is one object)."""

    def __init__(self) -> None:
        self.known: dict[int, tuple] = {}  # id -> (object, weight): the object is kept, so its id stays its own

    def __call__(self, value) -> int:
        if isinstance(value, str):
            return len(value)
        if value is None or isinstance(value, (bool, int, float)):
            return 1
        hit = self.known.get(id(value))
        if hit is None:
            if isinstance(value, (tuple, list, set, frozenset)):
                weight = sum(map(self, value))
            elif isinstance(value, dict):
                weight = sum(self(k) + self(v) for k, v in value.items())
            elif dataclasses.is_dataclass(value):
                weight = sum(self(getattr(value, f.name)) for f in dataclasses.fields(value))
            else:
                weight = 8  # a date and the like
            hit = self.known[id(value)] = (value, weight)
        return hit[1]


def planned(routes: list[Route], stop: int | None = None, pages: Counter | None = None) -> Counter:
    """Estimated bytes of the rendered pages, by kind of route (and in `pages`, how many pages of
    each kind were weighed); weighing stops once the total passes `stop`, so that a hostile plan
    is refused in the time of a normal one."""
    weigh, sizes, total = _Weigher(), Counter(), 0
    for route in routes:
        size = PAGE_FLOOR + weigh(route.deps) + (CARD_FLOOR if route.template == "measure.html" else 0)
        sizes[route.kind] += size
        if pages is not None:
            pages[route.kind] += 1
        total += size
        if stop is not None and total > stop:
            break
    return sizes


def limit(content_size: int) -> int:
    return BASE + GROWTH * content_size


def excess(routes: list[Route], content_size: int) -> str | None:
    """Why the plan is too large for its content, or None when it is within bounds."""
    bound = limit(content_size)
    weighed = Counter()
    sizes = planned(routes, stop=bound, pages=weighed)
    total = sum(sizes.values())
    if total <= bound:
        return None
    kind, biggest = sizes.most_common(1)[0]
    pages = sum(1 for r in routes if r.kind == kind)
    return (f"the site would be more than {total:,} bytes in {len(routes):,} pages, more than {GROWTH} times "
            f"its content ({content_size:,} characters) allows; {pages:,} of its pages are "
            f"{WHAT.get(kind, kind + ' pages')}, each showing about {biggest // weighed[kind]:,} bytes. Some text is "
            "repeated far beyond its length, or far more bodies, measures or notes are named than a plan "
            "has; nothing was rendered")
