"""Languages: gettext catalogs compiled at build time, Babel dates and numbers, Azerbaijani order."""
from __future__ import annotations

import datetime as dt
import io
import unicodedata
from functools import cache
from gettext import GNUTranslations, NullTranslations
from pathlib import Path

from babel.dates import format_date
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal

I18N_DIR = Path(__file__).resolve().parent.parent / "i18n"

# The Azerbaijani Latin alphabet in its own order: ç after c, ə after e, ğ after g,
# x after h, ı before i, q after k, ö after o, ş after s, ü after u.
AZ_ALPHABET = "abcçdeəfgğhxıijkqlmnoöprsştuüvyz"
_AZ_RANK = {ch: i for i, ch in enumerate(AZ_ALPHABET)}


def az_lower(text: str) -> str:
    """Lower case by Azerbaijani rules: I -> ı and İ -> i (str.lower() gets both wrong)."""
    return text.replace("I", "ı").replace("İ", "i").lower()


def az_upper(text: str) -> str:
    return text.replace("i", "İ").replace("ı", "I").upper()


def sort_key(text: str, lang: str) -> tuple:
    """A key that orders names as a reader of `lang` expects; quotes and punctuation are skipped."""
    letters = [ch for ch in (az_lower(text) if lang == "az" else text.lower()) if ch.isalnum() or ch == " "]
    if lang == "az":  # a space sorts before every letter, so "Ali Məhkəmə" comes before "Alim"
        return tuple((-1 if ch == " " else _AZ_RANK.get(ch, 100 + ord(ch)), ch) for ch in letters)
    return tuple(unicodedata.normalize("NFKD", "".join(letters)).encode("ascii", "ignore").decode()), text


@cache
def translations(lang: str, folder: Path = I18N_DIR) -> NullTranslations:
    """Compile i18n/<lang>/LC_MESSAGES/messages.po in memory, so a stale .mo can never be used."""
    po = folder / lang / "LC_MESSAGES" / "messages.po"
    if not po.is_file():
        return NullTranslations()
    with po.open("rb") as f:
        catalog = read_po(f, locale=lang)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return GNUTranslations(buffer)


def date(value: dt.date, lang: str, fmt: str = "long") -> str:
    return format_date(value, fmt, locale=lang)


def month(value: dt.date, lang: str) -> str:
    return format_date(value, "LLLL y", locale=lang)


def number(value: int, lang: str) -> str:
    return format_decimal(value, locale=lang)
