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

from .model import PartialDate

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


# The site's English is British: "23 January 2024", not "January 23, 2024".
BABEL_LOCALE = {"az": "az", "en": "en_GB"}


@cache  # pure, and the same few hundred dates recur on every page (parsing the locale is the cost)
def date(value: dt.date | PartialDate, lang: str, fmt: str = "long") -> str:
    """A dateline at the precision known: "23 January 2024", "January 2018" or "2017"."""
    if isinstance(value, PartialDate):
        if value.precision == "year":
            return str(value.year)
        if value.precision == "month":
            return month(value.first_day(), lang)
        value = value.first_day()
    return format_date(value, fmt, locale=BABEL_LOCALE[lang])


@cache
def month(value: dt.date, lang: str) -> str:
    return format_date(value, "LLLL y", locale=BABEL_LOCALE[lang])


def date_in_text(value: dt.date | PartialDate, lang: str) -> str:
    """A date inside a sentence. Azerbaijani writes the year as an ordinal with "il":
    "27 aprel 2016-cı il", "yanvar 2018-ci il", "2017-ci il"; English is as in a dateline."""
    shown = date(value, lang)
    if lang != "az":
        return shown
    return f"{shown}{year_suffix(value.year)} il"


# The ordinal suffix follows the vowel harmony of the year's last spoken number word:
# 2016 "iki min on altı" -> altıncı -> 2016-cı; 2010 "on" -> 2010-cu; 2000 "min" -> 2000-ci.
_UNITS = {1: "ci", 2: "ci", 3: "cü", 4: "cü", 5: "ci", 6: "cı", 7: "ci", 8: "ci", 9: "cu"}
_TENS = {1: "cu", 2: "ci", 3: "cu", 4: "cı", 5: "ci", 6: "cı", 7: "ci", 8: "ci", 9: "cı"}


def year_suffix(year: int) -> str:
    """"-cı", "-ci", "-cu" or "-cü" for a year written in figures."""
    if year % 10:
        return "-" + _UNITS[year % 10]
    if year % 100:
        return "-" + _TENS[year % 100 // 10]
    if year % 1000:
        return "-cü"  # yüzüncü
    return "-ci"  # mininci


def capitalise(text: str, lang: str) -> str:
    """The first letter in upper case, by the language's rules ("iyun" -> "İyun", never "Iyun")."""
    if not text:
        return text
    first = az_upper(text[0]) if lang == "az" else text[0].upper()
    return first + text[1:]


@cache
def number(value: int, lang: str) -> str:
    return format_decimal(value, locale=BABEL_LOCALE[lang])
