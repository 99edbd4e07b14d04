"""Results of pure, per-file steps (parsing, schema checks), kept by their exact inputs.

A rebuild in the preview server then re-does only the files that changed. Only RESULTS (text
in, text out) is also kept between command-line builds, by napsite.cache: parsed and validated
files hold objects, and the build cache holds data only. Keys are a 160-bit BLAKE2 digest of
the whole input (the file's text with its path), so a hit is never stale; the problems a step reported are kept
with its result and reported again on every hit.
"""
from __future__ import annotations

import hashlib
import pickle
from typing import Any, Callable, Hashable

from .problems import Problems

LIMIT = 20_000  # entries; far above any real content folder, it only bounds a long preview session


def digest(key: tuple) -> bytes:
    """A key (texts and numbers) as 20 bytes: a saved cache then holds each text once, in its result."""
    return hashlib.blake2b(pickle.dumps(key, protocol=5), digest_size=20).digest()


class Memo:
    def __init__(self) -> None:
        self._store: dict[Hashable, tuple[Any, tuple]] = {}
        self._earlier: dict[Hashable, tuple[Any, tuple]] = {}  # from the build cache (napsite.cache)

    def seed(self, earlier: dict) -> None:
        """Start from a saved store; what this run uses of it is what `used` returns."""
        self._store, self._earlier = {}, dict(earlier)

    def used(self) -> dict:
        return self._store

    def __call__(self, key: Hashable, compute: Callable[[Problems], Any], problems: Problems) -> Any:
        key = digest(key)
        hit = self._store.get(key)
        if hit is None and self._earlier:
            hit = self._earlier.pop(key, None)
            if hit is not None:
                self._store[key] = hit
        if hit is None:
            found = Problems()
            hit = (compute(found), found.all)
            if len(self._store) >= LIMIT:
                self._store.clear()
            self._store[key] = hit
        problems.extend(hit[1])
        return hit[0]


PARSED = Memo()
VALIDATED = Memo()


class Results:
    """Results of pure steps without problems (Markdown HTML, search stems), by a digest of their input."""

    def __init__(self) -> None:
        self._store: dict[bytes, Any] = {}
        self._earlier: dict[bytes, Any] = {}

    def seed(self, earlier: dict) -> None:
        self._store, self._earlier = {}, dict(earlier)

    def used(self) -> dict:
        return self._store

    def add(self, worked: dict) -> None:
        """Entries worked out in another process (render._render_share)."""
        self._store.update(worked)

    def __call__(self, key: tuple, compute: Callable[[], Any]) -> Any:
        key = digest(key)
        if key in self._store:
            return self._store[key]
        value = self._earlier.pop(key) if key in self._earlier else compute()
        if len(self._store) >= 2 * LIMIT:
            self._store.clear()
        self._store[key] = value
        return value


RESULTS = Results()
