"""The site model: frozen data built once per build and shared by every page."""
from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from dataclasses import dataclass, field

LANGS = ("az", "en")
STATUSES = ("no-evidence", "not-started", "limited", "substantial", "completed")
NOT_ASSESSED = "not-assessed"


_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@functools.total_ordering
@dataclass(frozen=True)
class PartialDate:
    """A date known to the day, the month or only the year: what a source gives, never more.

    Sorting puts a period at its first day, and a less precise date before a more precise one
    that starts on the same day (2018 < 2018-01 < 2018-01-01 < 2018-01-30), so a note dated
    only "2018" comes last among the 2018 notes when they are listed newest first.
    """

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, text: str) -> "PartialDate":
        """'2018-01-30', '2018-01' or '2018'; ValueError for anything else or an impossible date."""
        match = _PARTIAL.match(str(text))
        if not match:
            raise ValueError(text)
        year, month, day = (int(g) if g else None for g in match.groups())
        dt.date(year, month or 1, day or 1)  # raises ValueError for month 13 or 31 June
        return cls(year, month, day)

    @classmethod
    def from_file_name(cls, part: str) -> "PartialDate":
        """The date part of a note's file name: always YYYY-MM-DD, with 00 for what is unknown."""
        year, month, day = part.split("-")
        if month == "00" and day != "00":
            raise ValueError(part)
        return cls.parse("-".join(p for p in (year, month, day) if p != "00"))

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    def iso(self) -> str:
        """For <time datetime> and the open data: 2018-01-30, 2018-01 or 2018."""
        return "-".join([f"{self.year:04d}"] + [f"{v:02d}" for v in (self.month, self.day) if v])

    def file_part(self) -> str:
        """For file names: 2018-01-30, 2018-01-00 or 2018-00-00."""
        return f"{self.year:04d}-{self.month or 0:02d}-{self.day or 0:02d}"

    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month or 1, self.day or 1)

    def last_day(self) -> dt.date:
        if self.day:
            return self.first_day()
        month = self.month or 12
        return dt.date(self.year, month, calendar.monthrange(self.year, month)[1])

    def _key(self) -> tuple:
        return (self.year, self.month or 0, self.day or 0)

    def __lt__(self, other: "PartialDate") -> bool:
        return self._key() < other._key()

    def __str__(self) -> str:
        return self.iso()


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
    article: str = ""  # "the" or "none" from institutions.yaml; "" takes the kind's default

    def in_sentence(self, lang: str) -> str:
        """The label as it reads inside an English sentence: "the Ministry of Justice", "Azersu",
        "local executive authorities" (a group, in lower case); Azerbaijani has no article."""
        label = self.label.shown(lang)[0]
        article = self.article or ("none" if self.is_group else "the")
        if lang != "en":
            return label
        if self.is_group:  # a group is a common noun: "assigned to local executive authorities"
            label = label[:1].lower() + label[1:]
        return label if article == "none" else f"the {label}"

    @property
    def is_group(self) -> bool:
        return self.kind == "group"

    @property
    def label(self) -> Text:
        """The name readers know it by: the short name where it has one."""
        return Text(az=self.short.az or self.name.az, en=self.short.en or self.name.en)


# What kind of body published the source a note rests on: a state body's own publication, a news outlet
# (state news agencies included) or an independent monitor, study, civil-society or international body.
REPORTERS = ("government", "press", "independent")
AZ_LETTERS = frozenset("əğışçöüƏĞŞÇÖÜİ")  # letters an English name never has
ASSESSORS = ("government", "independent", "editorial")  # who judged a status; editorial = our reading


@dataclass(frozen=True)
class Assessment:
    """A status as someone stated it, with its date and the note that says so."""

    status: str
    date: PartialDate | None  # None when set in the measure file (a judgement of the whole period)
    assessed_by: str  # one of ASSESSORS
    note_key: str = ""  # the note's stem, "" when set in the measure file
    part: bool = False  # the status judges only a part of the measure (scope: part): no level for the whole


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
    date: PartialDate
    reported_by: str  # one of REPORTERS: the kind of body that published the source the note rests on
    status: str | None
    assessed_by: str | None  # one of ASSESSORS, always set with status
    sources: tuple[str, ...]
    title: Text
    body_html: Text  # rendered, safe HTML per language ("" where that language is missing)
    aliases: tuple[str, ...] = ()  # former stems: their #anchors still land on this note
    publisher: str = ""  # that body's name as its page names itself (required in the front matter)
    part: bool = False  # scope: part: the status judges a part of the measure, not the whole (8.2: GRECO on MPs)

    @property
    def publisher_lang(self) -> str | None:
        """The language of the publisher's name, to mark it on the other language's page: "az" when it has
        a letter only Azerbaijani uses, "en" for a name of several words without one ("Open Government
        Partnership"), None for a one-word brand that reads the same in both (Report.az, APA, Trend)."""
        if any(ch in AZ_LETTERS for ch in self.publisher):
            return "az"
        return "en" if len(self.publisher.split()) > 1 else None

    @property
    def langs(self) -> tuple[str, ...]:
        return tuple(lang for lang in LANGS if self.body_html.get(lang) or self.title.get(lang))


@dataclass(frozen=True)
class Amendment:
    """A dated change to the plan's text or duties for a measure, with its source."""

    date: PartialDate
    text: Text
    sources: tuple[str, ...]
    implementers: tuple[str, ...] = ()  # the implementers from this date on, replacing the earlier ones; () = unchanged


@dataclass(frozen=True)
class Term:
    """When a body was a measure's implementer: from the plan (since None) or from an amendment's date,
    until an amendment replaced it (until None: to the end of the measure's period)."""

    institution_id: str
    since: PartialDate | None = None
    until: PartialDate | None = None


@dataclass(frozen=True)
class Search:
    """A recorded search that found no public report on a measure (content/searches.yaml)."""

    measure_id: str
    date: dt.date
    searched: tuple[str, ...]  # proper names of the sources searched


@dataclass(frozen=True)
class Judgement:
    """What is known about a measure at its deadline and after it (see napsite/judgement.py)."""

    deadline: dt.date  # 31 December of the last year of the measure's period
    verdict: str  # "completed", "late", "unknown" (deadline passed, no source on completion) or "due"
    at_deadline: Assessment | None = None  # the latest status a source gives on or before the deadline
    late_evidence: Assessment | None = None  # the source that shows the work was not done by the deadline
    later: Assessment | None = None  # the latest status a source gives after the deadline


@dataclass(frozen=True)
class Measure:
    id: str
    section_id: str  # the section or subsection it sits in
    title: Text
    indicators: Text
    implementers: tuple[str, ...]  # every body that was an implementer at some time: the plan's, then amendments'
    recommended: tuple[str, ...]
    start: int
    end: int
    declared: Assessment | None = None  # a status set in the measure file: the status at the deadline
    aliases: tuple[str, ...] = ()
    amendments: tuple[Amendment, ...] = ()  # oldest first
    translation_note: TranslationNote | None = None
    terms: tuple[Term, ...] = ()  # only where an amendment changed the implementers; see term()
    notes: tuple[Note, ...] = ()  # newest first
    judgement: Judgement | None = None  # set once the notes are in (assemble._finish)
    search: Search | None = None  # shown only while the measure has no notes

    def term(self, institution_id: str) -> Term:
        """When the body was this measure's implementer (the whole period unless an amendment says otherwise)."""
        return next((t for t in self.terms if t.institution_id == institution_id), Term(institution_id))

    @property
    def status(self) -> str:
        """The completion level at the deadline, as the IRM judges it; not-assessed when unknown."""
        a = self.judgement.at_deadline if self.judgement else None
        return a.status if a else NOT_ASSESSED

    @property
    def verdict(self) -> str:
        return self.judgement.verdict if self.judgement else "due"

    @property
    def late(self) -> bool:
        """A source shows the work was not done by the deadline."""
        return self.verdict == "late"

    @property
    def deadline(self) -> dt.date:
        return dt.date(self.end, 12, 31)

    @property
    def has_levels(self) -> bool:
        """Some note on this measure gives a completion level."""
        return any(n.status for n in self.notes) or self.declared is not None

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
    as_of: dt.date  # the date the sources were last checked (site.yaml); a build never moves it
    sections: tuple[Section, ...]
    measures: dict = field(hash=False)  # id -> Measure, in plan order
    institutions: dict = field(hash=False)  # id -> Institution, in file order
    notes: tuple[Note, ...] = ()  # newest first
    pages: dict = field(default_factory=dict, hash=False)  # name -> Page
    repository: str = ""  # the public repository's address (site.yaml), for links to commits
    history_from: str = ""  # the commit the record of changes starts from (site.yaml); "" = no record
    history: object = field(default=None, hash=False, compare=False)  # history.History, set by the build

    def section(self, section_id: str) -> Section:
        return self._sections_by_id[section_id]

    @functools.cached_property
    def _sections_by_id(self) -> dict:
        """Indexes made once (pages ask for every measure's section and every body's measures)."""
        found: dict = {}
        for s in self.sections:
            found.setdefault(s.id, s)
            for sub in s.subsections:
                found.setdefault(sub.id, sub)
        return found

    @functools.cached_property
    def _by_role(self) -> dict:
        found: dict = {}
        for m in self.measures.values():
            for role in ("implementers", "recommended"):
                for iid in dict.fromkeys(getattr(m, role)):
                    found.setdefault((iid, role), []).append(m)
        return found

    def measures_in(self, section: Section) -> list[Measure]:
        return [self.measures[m] for m in section.all_measure_ids()]

    def measures_of(self, institution_id: str, role: str) -> list[Measure]:
        return list(self._by_role.get((institution_id, role), ()))

    def years(self) -> range:
        return range(min(m.start for m in self.measures.values()), max(m.end for m in self.measures.values()) + 1)
