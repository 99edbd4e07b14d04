"""Raw content -> one frozen Site, checking every cross-reference. Pure: no file access."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from pathlib import PurePath

from . import links, markdown, schema
from .loaders import Document, MarkdownFile, RawContent
from .judgement import judge
from .model import (LANGS, Amendment, Assessment, Institution, Measure, Note, Page, PartialDate, Search,
                    Section, Site, Term, Text, TranslationNote, idd)
from .notes import PLACEHOLDER_BODIES, PLACEHOLDER_TITLES
from .problems import Problems, did_you_mean
from .urls import PATHS

# First parts of the addresses of generated pages ({lang}/timeline/, {lang}/measures/1-1/, …):
# a free page with one of these names would replace or shadow them.
RESERVED_PAGE_NAMES = frozenset(kind_path.split("/")[1] for kind_path in PATHS.values()
                                if kind_path.count("/") >= 2 and not kind_path.startswith("{lang}/{key}"))
NOTE_KEY = re.compile(r"^(\d{4}-\d{2}-\d{2})-([0-9][0-9-]*?[0-9])(?:-([a-z0-9]+(?:-[a-z0-9]+)*))?\Z")


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


def _date(value: str, doc: Document, key, problems: Problems) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        line = doc.line(*key) if isinstance(key, tuple) else doc.line(key)
        problems.error(doc.path, line, f"'{value}' is not a real date; write it as YYYY-MM-DD, "
                       "for example 2017-05-10")
        return None


def _partial(value, doc: Document, key: tuple, problems: Problems) -> PartialDate | None:
    try:
        return PartialDate.parse(str(value))
    except ValueError:
        problems.error(doc.path, doc.line(*key), f"'{value}' is not a real date; write it as YYYY-MM-DD, "
                       "YYYY-MM or YYYY, as precisely as the source gives it (2018-01-30, 2018-01 or 2018)")
        return None


def assemble(raw: RawContent, problems: Problems) -> Site | None:
    """Build the Site, or None when any error was found (every problem is in `problems`)."""
    site_doc = raw.site if raw.site and schema.validate(raw.site, "site", problems) else None
    sections = _sections(raw.sections, problems)
    institutions = _institutions(raw.institutions, problems)
    notes = _notes(raw.notes, problems)
    measures = _measures(raw.measures, sections, institutions, notes, problems, raw.unreadable_measures)
    # measures whose file exists but has errors: already reported, so not "unknown" elsewhere too
    broken = {PurePath(d.path).stem for d in raw.measures} | set(raw.unreadable_measures)
    searches = _searches(raw.searches, measures, notes, problems, broken - set(measures))
    pages = _pages(raw.pages, problems)
    if "about" not in pages:
        problems.error(f"{raw.root}/pages", 1, "missing the about page: add pages/about.az.md and pages/about.en.md")
    data = site_doc.data if site_doc else {}
    adopted = _date(data["adopted"], site_doc, "adopted", problems) if "adopted" in data else None
    # The date the sources were last checked: the site's "today", stated by the editors, so the
    # same content always builds the same site and no build can make old research look fresh.
    as_of = _date(data["as_of"], site_doc, "as_of", problems) if "as_of" in data else None
    if as_of is not None:
        _check_notes_by(as_of, notes, problems)
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
    return Site(
        base_url=data["base_url"], default_lang=data.get("default_language", "az"),
        title=title, short_title=short_title,
        adopted=adopted, as_of=as_of, sections=section_list,
        measures={mid: _finish(m, notes.get(mid, ()), as_of, searches.get(mid)) for mid, m in measures.items()},
        institutions=institutions, notes=all_notes, pages=pages,
        repository=data.get("repository", ""), history_from=data.get("history_from", ""))


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
        result[iid] = Institution(iid, entry["kind"], name, short, entry.get("article", ""))
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
        if mid in result:
            problems.error(doc.path, doc.line("id"), f"measure {mid} is defined twice ({claimed[mid]} and "
                           f"{doc.path}); keep one file")
            continue
        claimed[mid] = doc.path
        lines[mid] = doc
        declared = (Assessment(data["status"], None, data["assessed_by"]) if "status" in data and
                    "assessed_by" in data else None)
        amendments = []
        for k, a in enumerate(data.get("amendments", ())):
            day = _partial(a["date"], doc, ("amendments", k, "date"), problems)
            for j, url in enumerate(a.get("sources") or ()):
                if problem := links.source_problem(url):
                    problems.error(doc.path, doc.line("amendments", k, "sources", j), problem)
            for j, iid in enumerate(a.get("implementers") or ()):
                if iid not in institutions and institutions:
                    problems.error(doc.path, doc.line("amendments", k, "implementers", j), f"unknown institution "
                                   f"'{iid}'{did_you_mean(iid, institutions)}; add it to institutions.yaml or fix the id")
            if day:
                amendments.append(Amendment(day, _text(a["text"], doc, ("amendments", k, "text"),
                                                       problems, f"amendment {k + 1} of measure {mid}"),
                                            tuple(a.get("sources") or ()), tuple(a.get("implementers") or ())))
        amendments.sort(key=lambda a: a.date)
        implementers, terms = _terms(tuple(data.get("implementers", ())), amendments)
        result[mid] = Measure(
            id=mid, section_id=section,
            title=_text(data["title"], doc, ("title",), problems, f"the title of measure {mid}"),
            indicators=_text(data.get("indicators"), doc, ("indicators",), problems,
                             f"the indicators of measure {mid}"),
            implementers=implementers, recommended=tuple(data.get("recommended", ())),
            start=int(start), end=int(end or start), declared=declared,
            aliases=tuple(data.get("aliases", ())), amendments=tuple(amendments), terms=terms,
            translation_note=_translation_note(data, doc, mid, problems))
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


def _terms(planned: tuple[str, ...], amendments: list[Amendment]) -> tuple[tuple[str, ...], tuple[Term, ...]]:
    """Every body that was ever an implementer (the plan's first), and when, where an amendment changed them:
    an amendment's `implementers` replace the earlier ones from its date (7.1: SOFAZ until 13 October 2017,
    the Extractive Industries Transparency Commission from then)."""
    if not any(a.implementers for a in amendments):
        return planned, ()
    terms = {iid: Term(iid) for iid in planned}
    current = list(planned)
    for a in amendments:
        if not a.implementers:
            continue
        for iid in current:
            if iid not in a.implementers:
                terms[iid] = Term(iid, terms[iid].since, a.date)
        for iid in a.implementers:
            if iid not in current:
                terms[iid] = Term(iid, a.date, None)
        current = list(a.implementers)
    return tuple(terms), tuple(terms.values())


def _translation_note(data: dict, doc: Document, mid: str, problems: Problems) -> TranslationNote | None:
    if "translation_note" not in data:
        return None
    note = data["translation_note"]
    text = _text({k: note.get(k) for k in LANGS}, doc, ("translation_note",), problems,
                 f"the translation note of measure {mid}")
    problem = links.source_problem(note["source"])
    if problem:
        problems.error(doc.path, doc.line("translation_note", "source"), problem)
    return TranslationNote(text, note["source"])


def _finish(measure: Measure, drafts, as_of: dt.date, search: Search | None) -> Measure:
    """Add the notes and what they say about the measure at its deadline and after it."""
    notes = _newest_first(d.note for d in drafts)
    return replace(measure, notes=notes, judgement=judge(measure.end, measure.declared, notes, as_of),
                   search=search)


# --- searches --------------------------------------------------------------------------------

def _searches(doc: Document | None, measures: dict, notes: dict, problems: Problems,
              broken: set = frozenset()) -> dict[str, Search]:
    """content/searches.yaml: where a search found nothing (beyond the notes a measure has), so that the page
    can say so."""
    if doc is None or not schema.validate(doc, "searches", problems, "searches.yaml"):
        return {}
    result: dict[str, Search] = {}
    for i, entry in enumerate(doc.data or ()):
        mid = str(entry["measure"])
        line = doc.line(i, "measure")
        if measures and mid not in measures:
            if mid not in broken:
                problems.error(doc.path, line, f"unknown measure '{mid}'{did_you_mean(mid, measures)}; "
                               "use a measure id as written in the plan, in quotes")
            continue
        if mid in result:
            problems.error(doc.path, line, f"measure {mid} is listed twice; keep one entry with the latest search")
            continue
        day = _date(str(entry["date"]), doc, (i, "date"), problems)
        if day is None:
            continue
        result[mid] = Search(mid, day, tuple(entry["searched"]))
    return result


# --- notes -----------------------------------------------------------------------------------

class _NoteDraft:
    """A note while its language files are being paired."""

    def __init__(self, note: Note, path: str, meta_line: int, alias_line: int = 1, date_line: int = 1):
        self.note, self.path, self.meta_line, self.alias_line = note, path, meta_line, alias_line
        self.date_line = date_line


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
    _check_note_aliases(result, problems)
    return result


def _check_notes_by(as_of: dt.date, drafts: dict[str, list[_NoteDraft]], problems: Problems) -> None:
    """A note cannot be dated after the day the sources were last checked: every page would say
    they were checked on as_of yet cite a later one, and a typo (2071 for 2017) would show as a
    status 'later'."""
    for d in sorted((d for ds in drafts.values() for d in ds), key=lambda d: d.note.key):
        if d.note.date.first_day() > as_of:
            problems.error(d.path, d.date_line, f"the date {d.note.date} is after as_of ({as_of}, in site.yaml), "
                           "the day the sources were last checked; correct the date, or move as_of forward "
                           "if the sources were checked since")


def _check_note_aliases(drafts: dict[str, list[_NoteDraft]], problems: Problems) -> None:
    """An old anchor must lead to one note only, on that note's own measure page."""
    owners = {d.note.key: d for ds in drafts.values() for d in ds}
    for d in sorted(owners.values(), key=lambda d: d.note.key):
        for alias in d.note.aliases:
            if alias in owners:
                other = owners[alias]
                problems.error(d.path, d.alias_line, f"the alias '{alias}' is already the name or an alias of "
                               f"{other.path}; an old link cannot lead to two notes")
            owners[alias] = d


def _file_date(part: str) -> PartialDate | None:
    try:
        return PartialDate.from_file_name(part)
    except ValueError:
        return None


def _note(key: str, versions: list[MarkdownFile], problems: Problems) -> _NoteDraft | None:
    first = versions[0]
    meta = first.meta.data
    mid = str(meta["measure"])
    match = NOTE_KEY.match(key)
    if not match:
        problems.error(first.path, 1, "the file name must be <date>-<measure id with dashes>-<words>."
                       f"{first.lang}.md in lower case ASCII, for example 2017-05-10-{idd(mid)}-mobile-app.{first.lang}.md "
                       "(the date part is always YYYY-MM-DD, with 00 for an unknown month or day)")
        return None
    ok = True
    named = set()  # fields already reported as differing from the file name: one mistake, one error
    in_name = _file_date(match.group(1))
    if in_name is None and not all(str(f.meta.data["date"]) == match.group(1) for f in versions):
        problems.error(first.path, 1, f"the date part '{match.group(1)}' of the file name is not a date; write "
                       "YYYY-MM-DD with 00 for an unknown month or day: 2018-01-30, 2018-01-00 or 2018-00-00")
    if in_name is None:  # the same impossible date in the front matter is reported there, once
        ok = False
    for f in versions:
        written = str(f.meta.data["date"])
        try:
            stated = PartialDate.parse(written)
        except ValueError:
            continue  # reported once, below
        if in_name and stated != in_name:
            problems.error(f.path, f.meta.line("date"), f"the date {written} differs from the date "
                           f"{match.group(1)} in the file name; for date: {stated} the file name starts "
                           f"{stated.file_part()}- (00 stands for an unknown month or day)")
            named.add("date")
        rest = key[len(match.group(1)) + 1:]
        if not (rest == idd(str(f.meta.data["measure"])) or rest.startswith(idd(str(f.meta.data["measure"])) + "-")):
            problems.error(f.path, f.meta.line("measure"), f"the file name says measure "
                           f"'{match.group(2).replace('-', '.')}' but the note says measure: \"{f.meta.data['measure']}\"; "
                           "make them the same")
            named.add("measure")
    ok = ok and not named
    for field in ("measure", "date", "reported_by", "publisher", "status", "assessed_by", "scope", "aliases"):
        values = {str(f.meta.data.get(field)) for f in versions}
        if len(values) > 1 and field not in named:
            problems.error(versions[-1].path, versions[-1].meta.line(field), f"'{field}' differs between the "
                           f"language versions of this note ({' vs '.join(sorted(values))}); they must agree")
            ok = False
    if meta.get("scope") == "part" and meta.get("status") == "completed":
        # a part done says nothing of the whole, and "completed" would read as the measure's level
        problems.error(first.path, first.meta.line("scope"), "a part of a measure cannot be 'completed' on its "
                       "own: give no status and say in the text what was done, or drop 'scope: part' if the "
                       "source judges the whole measure")
        ok = False
    date = _partial(meta["date"], first.meta, ("date",), problems)
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
    ok = _sources_ok(versions, problems) and ok
    ok = all([_size_ok(f, problems) and _depth_ok(f, problems) for f in versions]) and ok
    if not ok or date is None:
        return None
    sources = tuple(dict.fromkeys(s for f in versions for s in f.meta.data.get("sources") or ()))
    note = Note(
        key=key, measure_id=mid, date=date, reported_by=meta["reported_by"], status=meta.get("status"),
        assessed_by=meta.get("assessed_by"), sources=sources,
        title=Text(**{lang: (f.meta.data.get("title") or "").strip() for lang, f in by_lang.items()}),
        body_html=Text(**{lang: markdown.render(f.body, top_level=4) for lang, f in by_lang.items()}),
        aliases=tuple(meta.get("aliases") or ()), publisher=str(meta["publisher"]).strip(),
        part=meta.get("scope") == "part")
    return _NoteDraft(note, first.path, first.meta.line("measure"), first.meta.line("aliases"), first.meta.line("date"))


def _sources_ok(versions: list[MarkdownFile], problems: Problems) -> bool:
    """Every source must lead where it seems to: see links.source_problem."""
    ok = True
    for f in versions:
        for k, url in enumerate(f.meta.data.get("sources") or ()):
            problem = links.source_problem(url)
            if problem:
                problems.error(f.path, f.meta.line("sources", k), problem)
                ok = False
    return ok


def _size_ok(f: MarkdownFile, problems: Problems) -> bool:
    size = markdown.too_large(f.body)
    if size is not None:
        problems.error(f.path, f.body_line, f"the text would become about {size:,} characters of HTML, far more "
                       "than it is long (a link address repeated many times?); shorten it or split it")
    return size is None


def _depth_ok(f: MarkdownFile, problems: Problems) -> bool:
    line = markdown.too_deep(f.body)
    if line is not None:
        problems.error(f.path, f.body_line + line - 1, "the text is nested too deep (quotes '>' or lists inside "
                       "each other, 20 levels or more, as e-mail quoting makes) and the text inside would be "
                       "lost; remove the extra '>' or indentation")
    return line is None


# --- pages -----------------------------------------------------------------------------------

def _pages(files: tuple[MarkdownFile, ...], problems: Problems) -> dict[str, Page]:
    grouped: dict[str, dict[str, MarkdownFile]] = {}
    for f in files:
        if schema.validate(f.meta, "page", problems, "the front matter"):
            if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", f.stem):
                problems.error(f.path, 1, "a page name is lower case letters, digits and dashes, e.g. about.en.md")
                continue
            if not (_size_ok(f, problems) and _depth_ok(f, problems)):
                continue
            if f.stem in RESERVED_PAGE_NAMES:
                problems.error(f.path, 1, f"the address /{f.lang}/{f.stem}/ belongs to pages the site makes "
                               f"itself; give this page another file name (not {', '.join(sorted(RESERVED_PAGE_NAMES))})")
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
