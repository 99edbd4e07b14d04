"""The site model: frozen data built once per build and shared by every page."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

LANGS = ("az", "en")
STATUSES = ("no-evidence", "not-started", "limited", "substantial", "completed")
NOT_ASSESSED = "not-assessed"


@dataclass(frozen=True)
class Text:
    """A text in both languages; either may be missing (then the other is shown, marked)."""

    az: str = ""
    en: str = ""

    def get(self, lang: str) -> str:
        return getattr(self, lang)

    def shown(self, lang: str) -> tuple[str, str]:
        """(text, language it is really in): the other language stands in for a missing one."""
        own = self.get(lang)
        if own:
            return own, lang
        other = "en" if lang == "az" else "az"
        return self.get(other), other


def idd(measure_or_section_id: str) -> str:
    """The id as it appears in URLs: dots become dashes (4.1.3 -> 4-1-3)."""
    return measure_or_section_id.replace(".", "-")


@dataclass(frozen=True)
class Institution:
    id: str
    kind: str  # "body" or "group"
    name: Text
    short: Text

    @property
    def is_group(self) -> bool:
        return self.kind == "group"

    @property
    def label(self) -> Text:
        """The name readers know it by: the short name where it has one."""
        return Text(az=self.short.az or self.name.az, en=self.short.en or self.name.en)


@dataclass(frozen=True)
class Assessment:
    """A status as someone stated it on a date, with the note that says so."""

    status: str
    date: dt.date | None
    assessed_by: str  # "government", "independent" or "editors"
    note_key: str = ""  # the note's stem, "" when set in the measure file


@dataclass(frozen=True)
class TranslationNote:
    """Where the government's own English version of the plan differs from the site's English
    in a way a reader quoting it should know (a body's name, a deadline)."""

    text: Text
    source: str  # the address of the government's English text that was read


@dataclass(frozen=True)
class Note:
    key: str  # file stem without language: 2017-05-10-1-2-mobile-app; the fragment id on the measure page
    measure_id: str
    date: dt.date
    status: str | None
    assessed_by: str
    sources: tuple[str, ...]
    title: Text
    body_html: Text  # rendered, safe HTML per language ("" where that language is missing)

    @property
    def langs(self) -> tuple[str, ...]:
        return tuple(lang for lang in LANGS if self.body_html.get(lang) or self.title.get(lang))


@dataclass(frozen=True)
class Measure:
    id: str
    section_id: str  # the section or subsection it sits in
    title: Text
    indicators: Text
    implementers: tuple[str, ...]
    recommended: tuple[str, ...]
    start: int
    end: int
    declared_status: str | None = None  # set in the measure file; wins over the notes
    aliases: tuple[str, ...] = ()
    translation_note: TranslationNote | None = None
    notes: tuple[Note, ...] = ()  # newest first
    status: str = NOT_ASSESSED  # the headline: declared, else the latest note's, else not assessed
    official: Assessment | None = None
    independent: Assessment | None = None
    overdue: bool = False

    @property
    def idd(self) -> str:
        return idd(self.id)

    @property
    def top_section_id(self) -> str:
        return self.section_id.split(".")[0]

    @property
    def period(self) -> str:
        return str(self.start) if self.start == self.end else f"{self.start}–{self.end}"

    def years(self) -> range:
        return range(self.start, self.end + 1)


@dataclass(frozen=True)
class Section:
    id: str
    title: Text
    ogp: str  # "" when OGP lists no commitment for it (sections 4 and 6 are split instead)
    measure_ids: tuple[str, ...]  # measures directly in this section
    subsections: tuple["Section", ...] = ()

    @property
    def idd(self) -> str:
        return idd(self.id)

    def all_measure_ids(self) -> tuple[str, ...]:
        return self.measure_ids + tuple(m for s in self.subsections for m in s.measure_ids)


@dataclass(frozen=True)
class Page:
    name: str
    title: Text
    body_html: Text


@dataclass(frozen=True)
class Site:
    base_url: str
    default_lang: str
    title: Text
    short_title: Text
    adopted: dt.date | None
    as_of: dt.date  # the content's own "today": SOURCE_DATE_EPOCH or the latest note
    sections: tuple[Section, ...]
    measures: dict = field(hash=False)  # id -> Measure, in plan order
    institutions: dict = field(hash=False)  # id -> Institution, in file order
    notes: tuple[Note, ...] = ()  # newest first
    pages: dict = field(default_factory=dict, hash=False)  # name -> Page

    def section(self, section_id: str) -> Section:
        for s in self.sections:
            if s.id == section_id:
                return s
            for sub in s.subsections:
                if sub.id == section_id:
                    return sub
        raise KeyError(section_id)

    def measures_in(self, section: Section) -> list[Measure]:
        return [self.measures[m] for m in section.all_measure_ids()]

    def measures_of(self, institution_id: str, role: str) -> list[Measure]:
        return [m for m in self.measures.values() if institution_id in getattr(m, role)]

    def years(self) -> range:
        return range(min(m.start for m in self.measures.values()), max(m.end for m in self.measures.values()) + 1)
