"""Azerbaijani search stems: Pagefind has no Azerbaijani stemmer, so the build and the search page
strip the same endings. static/search.js holds the same rules in JavaScript; a test keeps the two
in step on a list of words.

A word's stems are every form reached by taking off, one at a time, a case ending, a possessive
ending, the plural, in any order the word allows (`stems`); the index holds all of them for each
word of an Azerbaijani page. A query word is searched by its shortest stem (`query_stem`), which
every inflected form of the same word also reaches, and which Pagefind matches as a prefix of
the base form. At the end of a stem, the softened consonant is put back: ğ -> q before a vowel
ending (şəffaflığın -> şəffaflıq), and y -> k (köməyi -> kömək).
"""
from __future__ import annotations

import re

from .i18n import az_lower

VOWELS = "aıoueəiöü"
# Endings, longest first within the list, so that -ların is tried before -ın.
SUFFIXES = tuple(sorted({
    # plural
    "lar", "lər",
    # possessive, third person (the form documents use): -ı/-i/-u/-ü, after a vowel -sı/-si/-su/-sü;
    # their plural -ları/-ləri
    "ı", "i", "u", "ü", "sı", "si", "su", "sü", "ları", "ləri",
    # genitive: -ın/-in/-un/-ün, after a vowel -nın/-nin/-nun/-nün
    "ın", "in", "un", "ün", "nın", "nin", "nun", "nün",
    # accusative after a vowel (after a consonant it is -ı/-i/-u/-ü, above)
    "nı", "ni", "nu", "nü",
    # dative: -a/-ə, after a vowel -ya/-yə; after a possessive -na/-nə
    "a", "ə", "ya", "yə", "na", "nə",
    # locative and ablative, also after a possessive (-nda/-ndan)
    "da", "də", "ta", "tə", "dan", "dən", "tan", "tən", "nda", "ndə", "ndan", "ndən",
    # instrumental
    "la", "lə", "yla", "ylə",
}, key=lambda s: (-len(s), s)))
MIN_STEM = 3  # shorter remains are no longer words: "ad" stays "ad"
WORD = re.compile(r"[a-zçəğıöşüİı]+", re.IGNORECASE)


def _soften_back(stem: str, ending: str) -> str:
    """Undo the consonant change that a vowel ending causes: şəffaflığ-ın -> şəffaflıq."""
    if ending[0] in VOWELS:
        if stem.endswith("ğ"):
            return stem[:-1] + "q"
        if stem.endswith("y") and len(stem) > 1 and stem[-2] in VOWELS:
            return stem[:-1] + "k"
    return stem


def _strip_once(word: str) -> set[str]:
    return {_soften_back(word[: -len(s)], s) for s in SUFFIXES
            if word.endswith(s) and len(word) - len(s) >= MIN_STEM}


def stems(word: str) -> set[str]:
    """The word in lower case and every stem it reaches."""
    start = az_lower(word)
    seen, todo = {start}, [start]
    while todo:
        for stem in _strip_once(todo.pop()):
            if stem not in seen:
                seen.add(stem)
                todo.append(stem)
    return seen


def query_stem(word: str) -> str:
    """The form a query word is searched by: its shortest stem (the first in order among equals)."""
    return min(stems(word), key=lambda s: (len(s), s))


def text_stems(text: str) -> list[str]:
    """Every stem of every word in `text` that the text does not already contain, sorted."""
    words = {az_lower(w) for w in WORD.findall(text)}
    found = set()
    for w in words:
        found |= stems(w)
    return sorted(found - words)
