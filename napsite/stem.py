"""Azerbaijani search stems: Pagefind has no Azerbaijani stemmer, so the build and the search page
strip the same endings. static/search.js holds the same rules in JavaScript; a test keeps the two
in step on a list of words.

A word's stems are every form reached by taking off, one at a time, a case ending, a possessive
ending, the plural, in any order the word allows (`stems`); the index holds all of them for each
word of an Azerbaijani page. A query word is searched by its shortest stem (`query_stem`), which
every inflected form of the same word also reaches, and which Pagefind matches as a prefix of
the base form. At the end of a stem, the softened consonant is put back: ğ -> q before a vowel
ending (şəffaflığın -> şəffaflıq), and y -> k (köməyi -> kömək).

Folding: on phones and keyboards without the Azerbaijani layout people type ə as e, ı as i, ş as s,
ç as c, ö as o, ü as u, ğ as g. `fold` maps a word to that spelling (static/search.js has the same
function), and `folded_stems` are the stems of the folded word by the same rules with the endings
folded too. The search page folds every query (`query_form`), so a word typed either way is one
search; the index holds the folded words and their stems (`folded_text_words`).
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

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


@lru_cache(maxsize=65536)  # a site has a few thousand distinct words, on hundreds of pages
def stems(word: str) -> frozenset[str]:
    """The word in lower case and every stem it reaches."""
    return _reach(az_lower(word), _strip_once)


def _reach(start: str, strip) -> frozenset[str]:
    """`start` and every form `strip` (a form -> its stems) reaches from it, again and again."""
    seen, todo = {start}, [start]
    while todo:
        for stem in strip(todo.pop()):
            if stem not in seen:
                seen.add(stem)
                todo.append(stem)
    return frozenset(seen)


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


# --- folding -------------------------------------------------------------------------------------
MARKS = re.compile("[\u0300-\u036f]")  # combining marks, what NFD splits off ş ç ö ü ğ (and é, ñ, …)
FOLDED_VOWELS = "aioue"
FOLDED_SUFFIXES = tuple(sorted(set(s.replace("ə", "e").replace("ı", "i").replace("ü", "u") for s in SUFFIXES),
                               key=lambda s: (-len(s), s)))


@lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """The word as typed without Azerbaijani letters, in lower case: şəffaflığın -> seffafligin."""
    lowered = az_lower(word).replace("ə", "e").replace("ı", "i")
    return MARKS.sub("", unicodedata.normalize("NFD", lowered))


def pagefind_form(word: str) -> str:
    """What Pagefind itself makes of a word: lower case, accents off (ş -> s), but ə and ı kept,
    as they have no decomposed form."""
    return MARKS.sub("", unicodedata.normalize("NFD", az_lower(word)))


def _folded_soften_back(stem: str, ending: str) -> str:
    if ending[0] in FOLDED_VOWELS:
        if stem.endswith("g"):  # ğ folded
            return stem[:-1] + "q"
        if stem.endswith("y") and len(stem) > 1 and stem[-2] in FOLDED_VOWELS:
            return stem[:-1] + "k"
    return stem


@lru_cache(maxsize=65536)
def folded_stems(word: str) -> frozenset[str]:
    """The folded word and every stem it reaches by the folded endings."""
    return _reach(fold(word), lambda w: {_folded_soften_back(w[: -len(s)], s) for s in FOLDED_SUFFIXES
                                         if w.endswith(s) and len(w) - len(s) >= MIN_STEM})


def folded_query_stem(word: str) -> str:
    return min(folded_stems(word), key=lambda s: (len(s), s))


def query_form(query: str) -> str:
    """What the search page sends to Pagefind for an Azerbaijani query (static/search.js, prepare)."""
    return WORD.sub(lambda m: folded_query_stem(m.group()), query)


def folded_words(text: str) -> list[str]:
    """Each word of `text` that holds ə or ı (which Pagefind does not fold), folded, in order."""
    return [fold(w) for w in WORD.findall(text) if _needs_fold(w)]


@lru_cache(maxsize=65536)
def _needs_fold(word: str) -> bool:
    return fold(word) != pagefind_form(word)


def folded_text_words(text: str) -> tuple[list[str], list[str]]:
    """What an Azerbaijani text needs in the index for folded queries to find it: (1) each word
    that holds ə or ı, folded, once for every time it occurs (so that a page which says a word
    often still ranks above one that says it once), and (2) every folded stem that neither
    Pagefind's own reading of the text nor (1) holds, sorted."""
    words = [az_lower(w) for w in WORD.findall(text)]
    shadow = folded_words(text)
    present = {pagefind_form(w) for w in set(words)} | set(shadow)
    found = set()
    for w in set(words):
        found |= folded_stems(w)
    return shadow, sorted(found - present)
