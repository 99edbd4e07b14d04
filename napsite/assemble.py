"""Raw content -> one frozen Site, checking every cross-reference. Pure: no file access."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from pathlib import PurePath

from . import markdown, schema
from .loaders import Document, MarkdownFile, RawContent
from .model import (LANGS, NOT_ASSESSED, Assessment, Institution, Measure, Note, Page,
                    Section, Site, Text, TranslationNote, idd)
from .notes import PLACEHOLDER_BODIES, PLACEHOLDER_TITLES
from .problems import Problems, did_you_mean

NOTE_KEY = re.compile(r"^(\d{4}-\d{2}-\d{2})-([0-9][0-9-]*?[0-9])(?:-([a-z0-9]+(?:-[a-z0-9]+)*))?$")


def plan_order(measure_id: str) -> tuple[int, ...]:
    return tuple(int(p) for p in measure_id.split("."))


def _text(value, doc: Document, key: tuple, problems: Problems, what: str) -> Text:
    """A bilingual text. A language that is missing, empty or left blank (`en:` with nothing after
    it, which YAML reads as null) is a missing translation: a warning on that language's own line,
    and the page shows the other language, marked."""
    value = value or {}
    text = Text(az=(value.get("az") or "").strip(), en=(value.get("en") or "").strip())
    if value and not text.az and not text.en:
        problems.error(doc.path, doc.line(*key), f"{what}: there is no text in either language; "
                       "write it after 'az:' or 'en:' (or both)")
        return text
    for lang, name in (("az", "Azerbaijani"), ("en", "English")):
        if not text.get(lang):
            problems.warning(doc.path, doc.line(*key, lang), f"{what}: no {name} text yet; the other "
                             "language is shown, marked as not yet translated")
    return text


def _date(value: str, doc: Document, key: str, problems: Problems) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        problems.error(doc.path, doc.line(key), f"'{value}' is not a real date; write it as YYYY-MM-DD, "
                       "for example 2017-05-10")
        return None


def assemble(raw: RawContent, problems: Problems, source_date: dt.date | None = None) -> Site | None:
    """Build the Site, or None when any error was found (every problem is in `problems`)."""
    site_doc = raw.site if raw.site and schema.validate(raw.site, "site", problems) else None
    sections = _sections(raw.sections, problems)
    institutions = _institutions(raw.institutions, problems)
    notes = _notes(raw.notes, problems)
    measures = _measures(raw.measures, sections, institutions, notes, problems, raw.unreadable_measures)
    pages = _pages(raw.pages, problems)
    if "about" not in pages:
        problems.error(f"{raw.root}/pages", 1, "missing the about page: add pages/about.az.md and pages/about.en.md")
    data = site_doc.data if site_doc else {}
    adopted = _date(data["adopted"], site_doc, "adopted", problems) if "adopted" in data else None
    if site_doc is not None:
        title = _text(data["title"], site_doc, ("title",), problems, "the site title")
        short_title = (_text(data["short_title"], site_doc, ("short_title",), problems, "the short title")
                       if data.get("short_title") else title)
    if site_doc is None or problems:
        return None

    section_list = tuple(_fill(s, measures) for s in sections)
    where = {id_: line for id_, line in _section_lines(raw.sections)}
    for s in _flatten(section_list):
        if not s.measure_ids and not s.subsections:
            problems.warning(raw.sections.path, where.get(s.id, 1), f"section {s.id} has no measures yet")
    all_notes = _newest_first(d.note for ds in notes.values() for d in ds)
    # The content's own "today": never the wall clock, so the same content builds the same site.
    as_of = source_date or (all_notes[0].date if all_notes else None) or adopted or dt.date(2016, 1, 1)
    return Site(
        base_url=data["base_url"], default_lang=data.get("default_language", "az"),
        title=title, short_title=short_title,
        adopted=adopted, as_of=as_of, sections=section_list,
        measures={mid: _finish(m, notes.get(mid, ()), as_of) for mid, m in measures.items()},
        institutions=institutions, notes=all_notes, pages=pages)


def _newest_first(notes) -> tuple[Note, ...]:
    return tuple(sorted(notes, key=lambda n: (n.date, n.key), reverse=True))


# --- sections --------------------------------------------------------------------------------

def _sections(doc: Document | None, problems: Problems) -> list[Section]:
    if doc is None or not schema.validate(doc, "sections", problems):
        return []
    seen: dict[str, int] = {}
    result = []
    for i, entry in enumerate(doc.data):
        subs = []
        for j, sub in enumerate(entry.get("subsections", ())):
            if not sub["id"].startswith(entry["id"] + ".") or "subsections" in sub:
                problems.error(doc.path, doc.line(i, "subsections", j, "id"),
                               f"subsection '{sub['id']}' must be numbered under its section, as {entry['id']}.1")
            subs.append(_section(sub, doc, (i, "subsections", j), seen, problems))
        result.append(_section(entry, doc, (i,), seen, problems, tuple(subs)))
    return result


def _section(entry, doc, key, seen, problems, subs=()) -> Section:
    line = doc.line(*key, "id")
    if entry["id"] in seen:
        problems.error(doc.path, line, f"section '{entry['id']}' is listed twice (also on line {seen[entry['id']]})")
    seen[entry["id"]] = line
    title = _text(entry["title"], doc, (*key, "title"), problems, f"section {entry['id']}")
    return Section(entry["id"], title, entry.get("ogp", ""), (), subs)


def _section_lines(doc: Document):
    """(id, line of its `id:`) of every section and subsection, for messages about them."""
    for i, entry in enumerate(doc.data):
        yield entry["id"], doc.line(i, "id")
        for j, sub in enumerate(entry.get("subsections", ())):
            yield sub["id"], doc.line(i, "subsections", j, "id")


def _flatten(sections):
    for s in sections:
        yield s
        yield from s.subsections


def _fill(section: Section, measures: dict) -> Section:
    own = tuple(sorted((mid for mid, m in measures.items() if m.section_id == section.id), key=plan_order))
    return Section(section.id, section.title, section.ogp, own, tuple(_fill(s, measures) for s in section.subsections))


# --- institutions ----------------------------------------------------------------------------

def _institutions(doc: Document | None, problems: Problems) -> dict[str, Institution]:
    if doc is None or not schema.validate(doc, "institutions", problems):
        return {}
    result: dict[str, Institution] = {}
    for i, entry in enumerate(doc.data):
        iid = entry["id"]
        if iid in result:
            problems.error(doc.path, doc.line(i, "id"), f"the institution id '{iid}' is used twice; ids must be unique")
            continue
        name = _text(entry["name"], doc, (i, "name"), problems, f"the name of '{iid}'")
        short = Text(**{k: (v or "").strip() for k, v in (entry.get("short") or {}).items()})
        result[iid] = Institution(iid, entry["kind"], name, short)
    return result


# --- measures --------------------------------------------------------------------------------

def _measures(docs, sections, institutions, notes, problems, unreadable=()) -> dict[str, Measure]:
    """Measures as their files declare them; _finish adds what the notes say."""
    section_ids = {s.id for s in _flatten(sections)}
    result: dict[str, Measure] = {}
    lines: dict[str, Document] = {}
    claimed: dict[str, str] = {}  # id or alias -> file that claims the URL
    broken = set(unreadable)  # measures whose file has errors: their notes are not "unknown" as well
    for doc in docs:
        if not schema.validate(doc, "measure", problems, "a measure file"):
            broken.add(PurePath(doc.path).stem)
            continue
        data = doc.data
        mid = data["id"]
        expected = PurePath(doc.path).stem
        if mid != expected:
            broken.add(expected)
            problems.error(doc.path, doc.line("id"), f"the id '{mid}' does not match the file name; "
                           f"write id: \"{expected}\" or rename the file to {mid}.yaml")
            continue
        section = str(data["section"])
        if section not in section_ids:
            problems.error(doc.path, doc.line("section"), f"unknown section '{section}'"
                           f"{did_you_mean(section, section_ids)}; sections are listed in sections.yaml")
        elif mid.rsplit(".", 1)[0] != section:
            problems.error(doc.path, doc.line("section"), f"measure {mid} belongs to section "
                           f"'{mid.rsplit('.', 1)[0]}' by its number, not '{section}'")
        for role in ("implementers", "recommended"):
            for k, iid in enumerate(data.get(role, ())):
                if iid not in institutions and institutions:
                    problems.error(doc.path, doc.line(role, k), f"unknown institution '{iid}'"
                                   f"{did_you_mean(iid, institutions)}; add it to institutions.yaml or fix the id")
        if not data.get("implementers") and not data.get("recommended"):
            problems.error(doc.path, doc.line(), "a measure needs at least one body under 'implementers' "
                           "or 'recommended'")
        period = str(data["period"])
        start, _, end = period.partition("-")
        if int(end or start) < int(start):
            problems.error(doc.path, doc.line("period"), f"the period '{period}' ends before it starts; "
                           "write the earlier year first")
        claimed[mid] = doc.path
        lines[mid] = doc
        result[mid] = Measure(
            id=mid, section_id=section,
            title=_text(data["title"], doc, ("title",), problems, f"the title of measure {mid}"),
            indicators=_text(data.get("indicators"), doc, ("indicators",), problems,
                             f"the indicators of measure {mid}"),
            implementers=tuple(data.get("implementers", ())), recommended=tuple(data.get("recommended", ())),
            start=int(start), end=int(end or start), declared_status=data.get("status"),
            aliases=tuple(data.get("aliases", ())), translation_note=_translation_note(data, doc, mid, problems))
    for mid, measure in result.items():  # aliases after ids, so the alias is the one named as wrong
        doc = lines[mid]
        for k, alias in enumerate(measure.aliases):
            if alias in claimed:
                problems.error(doc.path, doc.line("aliases", k), f"the alias '{alias}' is already the id or an "
                               f"alias of {claimed[alias]}; one address cannot lead to two measures")
            claimed[alias] = doc.path
    for mid, ns in notes.items():
        if mid not in result and mid not in broken:
            for n in ns:
                problems.error(n.path, n.meta_line, f"unknown measure '{mid}'{did_you_mean(mid, claimed)}")
    return {mid: result[mid] for mid in sorted(result, key=plan_order)}


def _translation_note(data: dict, doc: Document, mid: str, problems: Problems) -> TranslationNote | None:
    if "translation_note" not in data:
        return None
    note = data["translation_note"]
    text = _text({k: note.get(k) for k in LANGS}, doc, ("translation_note",), problems,
                 f"the translation note of measure {mid}")
    return TranslationNote(text, note["source"])


def _finish(measure: Measure, drafts, as_of: dt.date) -> Measure:
    """Add the notes and what they say: the official and independent status, the headline, overdue."""
    notes = _newest_first(d.note for d in drafts)
    latest = next((n.status for n in notes if n.status), None)
    status = measure.declared_status or latest or NOT_ASSESSED
    return replace(measure, notes=notes, status=status,
                   official=_latest(notes, "government"), independent=_latest(notes, "independent"),
                   overdue=status != "completed" and as_of > dt.date(measure.end, 12, 31))


def _latest(notes: tuple[Note, ...], who: str) -> Assessment | None:
    for n in notes:
        if n.status and n.assessed_by == who:
            return Assessment(n.status, n.date, who, n.key)
    return None


# --- notes -----------------------------------------------------------------------------------

class _NoteDraft:
    """A note while its language files are being paired."""

    def __init__(self, note: Note, path: str, meta_line: int):
        self.note, self.path, self.meta_line = note, path, meta_line


def _notes(files: tuple[MarkdownFile, ...], problems: Problems) -> dict[str, list[_NoteDraft]]:
    by_key: dict[str, list[MarkdownFile]] = {}
    for f in files:
        if schema.validate(f.meta, "note", problems, "the front matter"):
            by_key.setdefault(f.stem, []).append(f)
    result: dict[str, list[_NoteDraft]] = {}
    for key, versions in sorted(by_key.items()):
        draft = _note(key, versions, problems)
        if draft:
            result.setdefault(draft.note.measure_id, []).append(draft)
    return result


def _note(key: str, versions: list[MarkdownFile], problems: Problems) -> _NoteDraft | None:
    first = versions[0]
    meta = first.meta.data
    mid = str(meta["measure"])
    match = NOTE_KEY.match(key)
    if not match:
        problems.error(first.path, 1, "the file name must be <date>-<measure id with dashes>-<words>."
                       f"{first.lang}.md in lower case ASCII, for example 2017-05-10-{idd(mid)}-mobile-app.{first.lang}.md")
        return None
    named = set()  # fields already reported as differing from the file name: one mistake, one error
    for f in versions:
        if f.meta.data["date"] != match.group(1):
            problems.error(f.path, f.meta.line("date"), f"the date {f.meta.data['date']} differs from the date "
                           f"{match.group(1)} in the file name; make them the same")
            named.add("date")
        rest = key[len(match.group(1)) + 1:]
        if not (rest == idd(str(f.meta.data["measure"])) or rest.startswith(idd(str(f.meta.data["measure"])) + "-")):
            problems.error(f.path, f.meta.line("measure"), f"the file name says measure "
                           f"'{match.group(2).replace('-', '.')}' but the note says measure: \"{f.meta.data['measure']}\"; "
                           "make them the same")
            named.add("measure")
    ok = not named
    for field in ("measure", "date", "status", "assessed_by"):
        values = {str(f.meta.data.get(field)) for f in versions}
        if len(values) > 1 and field not in named:
            problems.error(versions[-1].path, versions[-1].meta.line(field), f"'{field}' differs between the "
                           f"language versions of this note ({' vs '.join(sorted(values))}); they must agree")
            ok = False
    date = _date(meta["date"], first.meta, "date", problems)
    by_lang = {f.lang: f for f in versions}
    for f in versions:
        if not f.body.strip():
            problems.warning(f.path, f.body_line, "the note has no text after the front matter")
        example_title = f.meta.data.get("title") in PLACEHOLDER_TITLES
        if example_title or f.body.strip() in PLACEHOLDER_BODIES:
            problems.error(f.path, f.meta.line("title") if example_title else f.body_line,
                           "the note still has the example text from new-note; write its title and what "
                           "the source says")
            ok = False
        if not f.meta.data.get("sources"):
            problems.warning(f.path, f.meta.line("sources"), "the note cites no source; add the evidence "
                             "under 'sources:' so that readers can check it")
    if not ok or date is None:
        return None
    sources = tuple(dict.fromkeys(s for f in versions for s in f.meta.data.get("sources") or ()))
    note = Note(
        key=key, measure_id=mid, date=date, status=meta.get("status"),
        assessed_by=meta.get("assessed_by", "government"), sources=sources,
        title=Text(**{lang: (f.meta.data.get("title") or "").strip() for lang, f in by_lang.items()}),
        body_html=Text(**{lang: markdown.render(f.body, top_level=4) for lang, f in by_lang.items()}))
    return _NoteDraft(note, first.path, first.meta.line("measure"))


# --- pages -----------------------------------------------------------------------------------

def _pages(files: tuple[MarkdownFile, ...], problems: Problems) -> dict[str, Page]:
    grouped: dict[str, dict[str, MarkdownFile]] = {}
    for f in files:
        if schema.validate(f.meta, "page", problems, "the front matter"):
            if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", f.stem):
                problems.error(f.path, 1, "a page name is lower case letters, digits and dashes, e.g. about.en.md")
                continue
            grouped.setdefault(f.stem, {})[f.lang] = f
    pages = {}
    for name, by_lang in sorted(grouped.items()):
        for lang in LANGS:
            if lang not in by_lang:
                other = next(iter(by_lang.values()))
                problems.warning(other.path, 1, f"no {lang} version of this page yet ({name}.{lang}.md); "
                                 "the other language is shown, marked as not yet translated")
        pages[name] = Page(name, Text(**{l: f.meta.data["title"].strip() for l, f in by_lang.items()}),
                           Text(**{l: markdown.render(f.body, top_level=2) for l, f in by_lang.items()}))
    return pages
