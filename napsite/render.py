"""Routes -> bytes: one Jinja environment per language, bound once. Pure apart from reading templates."""
from __future__ import annotations

import functools
import hashlib
import json
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import jinja2
from babel.lists import format_list
from markupsafe import Markup, escape

from . import cards, changes, exports, feeds, i18n, links
from .i18n import I18N_DIR  # noqa: F401  (napsite.cache digests it with the templates)
from .model import LANGS, Institution, Measure, Note, Section, Site, Text
from .problems import Problems
from .routes import Route, plan
from .datafields import LICENCE_URL
from .statuses import ASSESSORS, REPORTERS, STATUS_INFO, VERDICTS, N_, explanation
from .table import View
from .urls import absolute, from_root, output_file, path_for, path_of, relative

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "templates"
STATIC = ROOT / "static"
BADGE_COLOURS = {"completed": "#86d39a", "late": "#f2b8a6", "unknown": "#dddddd", "due": "#eeeeee"}
ARCHIVE = "https://web.archive.org/web/{stamp}/{url}"
# The open data's files (napsite/exports.py), as the Dataset in JSON-LD offers them.
DATA_FILES = (("data/measures.csv", "text/csv"), ("data/measures.json", "application/json"),
              ("data/notes.json", "application/json"), ("data/institutions.json", "application/json"),
              ("data/notes.csv", "text/csv"), ("data/institutions.csv", "text/csv"),
              ("data/open-government-az.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
# The date a citation gives is the day the sources were last checked (site.yaml's as_of), named as
# such: the newest note's event date read as the page's date (2015 for 1.3, 2020 for 8.2).
CITATION = N_("%(plan)s, measure %(id)s: “%(title)s”. %(site)s, %(url)s (sources last checked: %(date)s).")
# With the record of changes (napsite/history.py) a citation also says when what the page asserts last changed.
CITATION_CHANGED = N_("%(plan)s, measure %(id)s: “%(title)s”. %(site)s, %(url)s (sources last checked: %(date)s; "
                      "page content last changed: %(changed)s).")
CITATION_UNCHANGED = N_("%(plan)s, measure %(id)s: “%(title)s”. %(site)s, %(url)s (sources last checked: %(date)s; "
                        "no change to the page's content recorded since %(changed)s).")


@dataclass(frozen=True)
class Assets:
    """Static files under content-hashed names, so a host may cache them for ever."""

    files: dict  # output path -> bytes
    css: str  # output path of the stylesheet
    paths: dict = field(default_factory=dict)  # 'favicon.svg' -> 'static/favicon.<hash>.svg'

    @classmethod
    def load(cls, folder: Path = STATIC) -> "Assets":
        files, paths = {}, {}
        for f in sorted(p for p in folder.rglob("*") if p.is_file()):
            data = f.read_bytes()
            name = f.relative_to(folder).as_posix()
            stem, dot, suffix = name.rpartition(".")
            hashed = f"{stem}.{hashlib.sha256(data).hexdigest()[:10]}.{suffix}" if dot else name
            paths[name] = f"static/{hashed}"
            files[paths[name]] = data
        return cls(files, paths.get("style.css", ""), paths)


class SharedCode(jinja2.BytecodeCache):
    """Compiled templates by name and source checksum, shared by the two languages' environments:
    a template is compiled once per build, not once per language. The code holds no language:
    gettext, the filters and `lang` are looked up in the environment that runs it."""

    def __init__(self) -> None:
        self.code: dict[tuple[str, str], object] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        bucket.code = self.code.get((bucket.key, bucket.checksum))

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.code[(bucket.key, bucket.checksum)] = bucket.code

    def clear(self) -> None:
        self.code.clear()


_SHARED = SharedCode()
_YEARS = re.compile(r"(\d{4}\s?[–-]\s?\d{4})")


def shared_code() -> SharedCode:
    return _SHARED


def _at_runtime(function):
    """A filter Jinja cannot run while compiling: a constant such as `"iyun"|heading` would
    otherwise be folded into the shared code in the language that happened to compile it."""
    return jinja2.pass_context(lambda _context, *args, **kwargs: function(*args, **kwargs))


def _gettext_callables(catalog):
    """gettext and ngettext as Jinja's newstyle ones behave under autoescape, with each
    translation escaped once per build rather than on every call (there are ~10,000 a build)."""
    known: dict[str, Markup] = {}

    def gettext(message: str, **variables) -> Markup:
        rv = known.get(message)
        if rv is None:
            # A translation is text, never HTML: under autoescape, newstyle gettext marks whatever
            # the catalog says as safe Markup, so a "<script>" in a msgstr would reach every page.
            rv = known[message] = Markup(escape(catalog.gettext(message)))
        return rv % variables

    def ngettext(singular: str, plural: str, num: int, **variables) -> Markup:
        variables.setdefault("num", num)
        return Markup(escape(catalog.ngettext(singular, plural, num))) % variables

    return gettext, ngettext


@cache  # the server calls reset() when templates or catalogs change
def environment(lang: str, templates: Path = TEMPLATES) -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(templates), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                             extensions=["jinja2.ext.i18n"], bytecode_cache=_SHARED, auto_reload=False)
    env.install_null_translations(newstyle=True)  # type: ignore[attr-defined]  # compiles {% trans %} newstyle
    gettext, ngettext = _gettext_callables(i18n.translations(lang))
    env.globals.update(gettext=gettext, ngettext=ngettext, _=gettext)
    env.filters.update(date=_at_runtime(lambda d, fmt="long": i18n.date(d, lang, fmt)),
                       date_in_text=_at_runtime(lambda d: i18n.date_in_text(d, lang)),
                       month=_at_runtime(lambda d: i18n.month(d, lang)),
                       heading=_at_runtime(lambda text: i18n.capitalise(text, lang)),
                       number=_at_runtime(lambda n: i18n.number(n, lang)),
                       listed=_at_runtime(lambda items: format_list(list(items), locale=lang)))
    env.globals.update(lang=lang, other_lang="en" if lang == "az" else "az", STATUS=STATUS_INFO,
                       VERDICT=VERDICTS, ASSESSORS=ASSESSORS, REPORTERS=REPORTERS, LANGS=LANGS,
                       explanation=explanation, FILTER_NAMES=changes.FILTER_NAMES,
                       UNCOMMITTED=changes.UNCOMMITTED)
    return env


def reset() -> None:
    """Forget compiled templates and catalogs (the preview server calls this when they change)."""
    environment.cache_clear()
    _SHARED.clear()
    i18n.translations.cache_clear()


class RenderCache:
    """The bytes of each output file with the inputs they were made from, across the preview
    server's rebuilds: a file whose inputs are unchanged is not rendered again."""

    def __init__(self) -> None:
        self._files: dict[str, tuple] = {}

    def get(self, path: str, key: tuple, make) -> bytes:
        hit = self._files.get(path)
        if hit is not None and hit[0] == key:
            return hit[1]
        data = make()
        self._files[path] = (key, data)
        return data


    def holds(self, path: str, key: tuple) -> bool:
        hit = self._files.get(path)
        return hit is not None and hit[0] == key


class NoCache(RenderCache):
    def get(self, path: str, key: tuple, make) -> bytes:
        return make()

    def holds(self, path: str, key: tuple) -> bool:
        return False


class PageHelpers:
    """What a template may call while rendering one page; links are relative to that page."""

    def __init__(self, site: Site, route: Route, css: str, gettext, assets: dict | None = None,
                 card: str | None = None):
        self.site, self.route, self.css, self._ = site, route, css, gettext
        self.assets = assets or {}
        self.card = card  # the site path of this page's own share card (measure pages), else None
        self.lang = route.lang
        self.links_from_root = route.kind == "404"  # served at any depth, so relative links would break

    def url(self, target) -> str:
        """A link to a model object, a route kind ('timeline') or a site path ('static/…')."""
        path = self.path(target)
        if self.links_from_root:
            return from_root(self.site.base_url, path)
        return relative(self.route.path, path)

    def path(self, target) -> str:
        """The site path of what url() links to."""
        if isinstance(target, (Measure, Section, Institution)):
            path = path_of(target, self.lang)
        elif isinstance(target, Note):
            path = path_for("measure", self.lang, target.measure_id.replace(".", "-")) + "#" + target.key
        elif isinstance(target, View):
            path = path_for("measures_view", self.lang, target.key)
        elif target in ("home", "institutions", "timeline", "feed", "measures", "search", "data", "changes",
                        "changes_feed"):
            path = path_for(target, self.lang)
        elif target == "about":
            path = path_for("page", self.lang, "about")
        else:
            path = target
        return path

    def change(self, change) -> Markup:
        """What a change did, in the page's language (a note title in the other one marked)."""
        return changes.describe(change, self.site, self.lang, markup=True)

    @staticmethod
    def commit_link(repository: str, commit) -> Markup:
        """The commit's short id, linked to it on the public repository where site.yaml names one."""
        code = Markup("<code>%s</code>") % commit.id[:10]
        if not repository:
            return code
        return Markup('<a href="%s" rel="external noopener">%s</a>') % (f"{repository.rstrip('/')}/commit/{commit.id}", code)

    def corrected(self, change) -> str:
        return changes.corrected_line(change, self.lang)

    @staticmethod
    def by_month(shown) -> list:
        return changes.by_month(shown)

    def route_url(self, kind: str, key: str = "") -> str:
        """A link to a page by its kind and key, e.g. route_url('measure', '{id}') for a script to fill in."""
        return relative(self.route.path, path_for(kind, self.lang, key))

    @staticmethod
    def view(group: str, value: str) -> View:
        return View(group, value)

    @staticmethod
    def years_together(text: str) -> Markup:
        """The text with a span of years ("2016–2018") kept on one line: the site's name on a phone
        breaks before the years, not after the dash."""
        parts = _YEARS.split(text)
        return Markup("").join(Markup('<span class="nowrap">%s</span>') % p if _YEARS.fullmatch(p) else escape(p)
                               for p in parts)

    def citation(self, measure: Measure, lang: str) -> str:
        """A ready citation of the measure's page, in `lang` (both are shown on every measure page)."""
        _ = i18n.translations(lang).gettext
        words = {"plan": self.site.title.shown(lang)[0], "id": measure.id, "title": measure.title.shown(lang)[0],
                 "site": self.site.short_title.shown(lang)[0],
                 "url": self.abs(path_for("measure", lang, measure.idd)),
                 "date": i18n.date_in_text(self.site.as_of, lang)}
        history = self.site.history
        if history is None:
            return _(CITATION) % words
        last = next((c.commit for c in history.of(measure.id) if not c.commit.uncommitted), None)
        words["changed"] = i18n.date_in_text((last or history.start).date, lang)
        return _(CITATION_CHANGED if last else CITATION_UNCHANGED) % words

    def json_ld(self, data: dict) -> Markup:
        """schema.org data for search engines and link previews; '<' escaped so it cannot end the script."""
        text = json.dumps({"@context": "https://schema.org", **data}, ensure_ascii=False, separators=(",", ":"))
        return Markup('<script type="application/ld+json">%s</script>') % Markup(text.replace("<", "\\u003c"))

    def breadcrumb_ld(self, items) -> Markup:
        crumbs = [(self._("Plan"), path_for("home", self.lang))] + [
            (label, self.path(target) if target else self.route.path) for label, target in items]
        return self.json_ld({"@type": "BreadcrumbList", "itemListElement": [
            {"@type": "ListItem", "position": i, "name": str(label), "item": self.abs(path)}
            for i, (label, path) in enumerate(crumbs, 1)]})

    def dataset_ld(self) -> Markup:
        return self.json_ld(self._dataset())

    def _dataset(self) -> dict:
        site, lang = self.site, self.lang
        return {
            "@type": "Dataset", "@id": self.abs(path_for("data", lang)) + "#dataset", "name": site.title.shown(lang)[0],
            "description": self._("The 59 measures of Azerbaijan’s National Action Plan for 2016–2018 on "
                                  "Promotion of Open Government, who must carry out each, by when, and what "
                                  "cited sources say about its progress, in Azerbaijani and English."),
            "url": self.abs(path_for("data", lang)), "inLanguage": ["az", "en"],
            "license": LICENCE_URL, "temporalCoverage": "2016/2018", "dateModified": site.as_of.isoformat(),
            "isAccessibleForFree": True, "spatialCoverage": {"@type": "Place", "name": "Azerbaijan"},
            "distribution": [{"@type": "DataDownload", "encodingFormat": kind, "contentUrl": self.abs(path)}
                             for path, kind in DATA_FILES]}

    def measure_ld(self, measure: Measure) -> Markup:
        """What a measure page is about: the measure, a part of the plan and a record of the open data.
        The page's date is named for what it is: the day its sources were last checked (lastReviewed),
        not a dateModified the site does not know (a note's date is when something happened)."""
        site, lang = self.site, self.lang
        url = self.abs(path_for("measure", lang, measure.idd))
        title = measure.title.shown(lang)
        return self.json_ld({
            "@type": "WebPage", "@id": url, "url": url, "inLanguage": lang,
            "name": f"{self._('Measure %(id)s') % {'id': measure.id}}: {title[0]}",
            "lastReviewed": site.as_of.isoformat(),
            "isPartOf": {"@type": "WebSite", "name": site.short_title.shown(lang)[0],
                         "url": self.abs(path_for("home", lang))},
            "mainEntity": {
                "@type": "CreativeWork", "@id": url + "#measure", "identifier": measure.id,
                "name": title[0], "inLanguage": title[1], "url": url,
                "temporalCoverage": f"{measure.start}/{measure.end}" if measure.end != measure.start
                else str(measure.start),
                "isPartOf": [{"@type": "CreativeWork", "name": site.title.shown(lang)[0],
                              "url": self.abs(path_for("home", lang))},
                             {"@type": "Dataset", "@id": self.abs(path_for("data", lang)) + "#dataset",
                              "name": site.title.shown(lang)[0], "url": self.abs(path_for("data", lang)),
                              "distribution": self._dataset()["distribution"]}]}})

    def share_image(self) -> str:
        """The link preview's image: a measure's own card, else the site's card in this language."""
        return self.abs(self.card or self.asset(f"share-{self.lang}.png"))

    def share_alt(self, measure: Measure | None = None) -> str:
        """What the preview image shows, in words."""
        if measure is None or self.card is None:
            return self.site.title.shown(self.lang)[0]
        status = self._("Status: %(status)s.") % {"status": self._(VERDICTS[measure.verdict].label)}
        return (f"{self._('Measure %(id)s') % {'id': measure.id}}: {measure.title.shown(self.lang)[0]}. {status} "
                f"{self.site.short_title.shown(self.lang)[0]}")

    def asset(self, name: str) -> str:
        """The fingerprinted site path of a file in static/: `h.url(h.asset('favicon.svg'))`."""
        return self.assets[name]

    def abs(self, path: str) -> str:
        return absolute(self.site.base_url, path)

    def text(self, value: Text) -> Markup:
        """The text in the page's language, or the other one inside a marked, lang-tagged span."""
        shown, lang = value.shown(self.lang)
        if lang == self.lang:
            return Markup(escape(shown))
        mark = self._("not yet translated")
        return Markup(f'<span lang="{lang}">{escape(shown)}</span> <small class="untranslated">'
                      f'({escape(mark)})</small>')

    def html(self, value: Text) -> Markup:
        """Rendered Markdown in the page's language, or the other language's, marked."""
        shown, lang = value.shown(self.lang)
        if lang == self.lang:
            return Markup(shown)
        only = self._("Only in Azerbaijani") if lang == "az" else self._("Only in English")
        return Markup(f'<p class="untranslated">{escape(only)}</p><div lang="{lang}">{shown}</div>')

    def badge_value(self, measure: Measure, symbol: bool = True) -> str:
        """The badge's words: the verdict at the deadline and, apart, the latest later status. The
        drawn text leads with the verdict's symbol; its text alternative (alt, aria-label, title)
        does not, since a screen reader would read the symbol aloud (az-ui review L19)."""
        j = measure.judgement
        value = self._(VERDICTS[j.verdict].label)
        if symbol:
            value = f"{VERDICTS[j.verdict].symbol} {value}"
        if j.later:
            later = self._(STATUS_INFO[j.later.status].label)
            value += " · " + self._("later: %(status)s (%(date)s)") % {"status": later, "date": j.later.date.year}
        return value

    def badge_widths(self, measure: Measure) -> tuple[int, int]:
        """Widths of the two halves of the embeddable badge, from the length of their texts."""
        label = self._("Measure %(id)s") % {"id": measure.id}
        return 12 + round(6.6 * len(label)), 14 + round(6.6 * len(self.badge_value(measure)))

    @staticmethod
    def badge_colour(status: str) -> str:
        return BADGE_COLOURS[status]

    @staticmethod
    def source_label(url: str) -> str:
        return links.source_label(url)

    def archive(self, url: str, note: Note) -> str:
        # The Wayback Machine takes a stamp as precise as we know it (2018, 201801, 20180130).
        return ARCHIVE.format(stamp=note.date.iso().replace("-", ""), url=url)


def _other_language(site: Site, route: Route, assets: Assets, templates: Path) -> dict:
    """The 404 page is one file for every address, so it speaks both languages: its own text in
    the default language, and this part rendered in the other one (the page marks its lang)."""
    lang = "en" if route.lang == "az" else "az"
    other = Route(route.kind, route.key, lang, route.template)
    gettext = i18n.translations(lang).gettext
    helpers = PageHelpers(site, other, assets.css, gettext, assets.paths)
    body = environment(lang, templates).get_template("_not_found.html").render(site=site, route=other, h=helpers,
                                                                              level=2)
    return {"other_body": Markup(body), "other_title": gettext("Page not found")}


@dataclass(frozen=True)
class _Job:
    output: str  # the file
    cache_path: str  # its name in the cache (the route's address for pages)
    key: tuple
    route: Route
    make: object  # () -> bytes


class _Jobs:
    """Every page and badge to render, in order, made as they are asked for: a template error is
    then raised at the same page, whether the pages are rendered in one process or several."""

    def __init__(self, site, routes, assets, templates, everywhere, shared=None) -> None:
        self.args = (site, routes, assets, templates, everywhere, shared or {})
        self.current: Route | None = None  # the route being made: what a template error names
        self._made: list[_Job] = []
        self._source = self._generate()

    def _generate(self):
        site, routes, assets, templates, everywhere, shared = self.args
        for route in routes:
            self.current = route
            env = environment(route.lang, templates)
            card = shared.get(route.path)
            helpers = PageHelpers(site, route, assets.css, i18n.translations(route.lang).gettext, assets.paths, card)
            extra = _other_language(site, route, assets, templates) if route.kind == "404" else {}
            yield _Job(output_file(route.path), route.path, (route.template, route.lang, route.deps, everywhere, card),
                       route, functools.partial(_page, env, route, site, helpers, extra))
            if route.template == "measure.html":
                m = route.context["measure"]
                badge = path_for("badge", route.lang, m.idd)
                yield _Job(badge, badge, (m.id, m.judgement), route, functools.partial(_badge, env, m, helpers))

    def __iter__(self):
        for job in self._source:
            self._made.append(job)
            self.current = job.route
            yield job

    def all(self) -> list[_Job]:
        for _ in self:
            pass
        return self._made


def _page(env, route, site, helpers, extra) -> bytes:
    return env.get_template(route.template).render(site=site, route=route, h=helpers, **route.context,
                                                   **extra).encode("utf-8")


def share_cards(site: Site, routes: list[Route], cache) -> tuple[dict[str, str], dict[str, bytes]]:
    """({measure page's path: its card's site path}, {card's site path: PNG}). A card is drawn
    again only when what it shows changes (number, title, verdict, their words, the site's name)
    or the way it is drawn does (cards.version()); its file is named by its bytes."""
    version = cards.version()
    pages, files = {}, {}
    for route in routes:
        if route.template != "measure.html":
            continue
        m, lang = route.context["measure"], route.lang
        _ = i18n.translations(lang).gettext
        verdict = VERDICTS[m.verdict]
        card = cards.Card(_("Measure %(id)s") % {"id": m.id}, m.title.shown(lang)[0], verdict.symbol, verdict.key,
                          _(verdict.label), site.short_title.shown(lang)[0])
        data = cache.get(f"cards/{lang}/{m.idd}.png", (card, version), functools.partial(cards.draw, card))
        pages[route.path] = name = cards.file_name(lang, m.idd, data)
        files[name] = data
    return pages, files


def _badge(env, measure, helpers) -> bytes:
    return env.get_template("badge.svg").render(measure=measure, h=helpers).encode("utf-8")


PARALLEL_MIN = 2000  # files; below this, starting processes costs more than it saves
_FORKED: list = []  # the jobs, as the worker processes inherit them


def _in_parallel(jobs: _Jobs, cache, routes, templates, workers: int):
    """(bytes of every job the cache does not hold, rendered by `workers` forked processes, the jobs);
    None when the site is small, fork is missing, or anything fails: then one process renders it
    all, and reports any template error exactly as it always has."""
    import multiprocessing

    if "fork" not in multiprocessing.get_all_start_methods() or len(routes) < PARALLEL_MIN // 2:
        return None
    try:
        for lang in LANGS:  # compiled once here, not once in each process
            env = environment(lang, templates)
            for name in sorted({r.template for r in routes} | {"badge.svg"}):
                env.get_template(name)
        everything = jobs.all()
    except jinja2.TemplateError:
        return None
    todo = [i for i, job in enumerate(everything) if not cache.holds(job.cache_path, job.key)]
    if len(todo) < PARALLEL_MIN:
        return None
    _FORKED[:] = everything
    shares = [todo[k::workers * 4] for k in range(workers * 4)]  # interleaved: big pages spread out
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            results = pool.map(_render_share, shares)
    except (OSError, RuntimeError):
        return None
    finally:
        _FORKED.clear()
    if any(r is None for r in results):
        return None
    from .memo import RESULTS

    for _, worked in results:
        RESULTS.add(worked)
    return {i: data for share, _ in results for i, data in share}, everything


def _render_share(indices: list[int]) -> tuple[list[tuple[int, bytes]], dict] | None:
    """Pages, and the search-index work on them (memo.RESULTS entries), done in a worker process."""
    from . import search
    from .memo import RESULTS

    known = set(RESULTS.used())
    try:
        done = [(i, _FORKED[i].make()) for i in indices]
        for i, data in done:
            search.prepare(_FORKED[i].output, data)
    except Exception:  # noqa: BLE001 - reported by the one-process render that follows
        return None
    return done, {k: v for k, v in RESULTS.used().items() if k not in known}


def render_site(site: Site, assets: Assets, problems: Problems, templates: Path = TEMPLATES,
                cache: RenderCache | None = None, workers: int = 1, routes: list[Route] | None = None) -> dict[str, bytes]:
    """Every output file as bytes. Template mistakes become problems naming the template and line.
    With `workers` > 1 a large site's pages are rendered by that many processes (the CLI)."""
    cache = cache or NoCache()
    # what the header and footer of every page show
    everywhere = (site.title, site.short_title, site.as_of, site.adopted, site.base_url, site.default_lang,
                  assets.css, tuple(sorted(assets.paths.items())), str(templates), site.history is not None)
    out: dict[str, bytes] = dict(assets.files)
    routes = routes if routes is not None else plan(site)
    seen: dict[str, Route] = {}
    for route in routes:  # assemble refuses the content that could cause this; never write one path twice
        first = seen.setdefault(output_file(route.path), route)
        if first is not route:
            problems.error("content", 1, f"two pages would have the address {route.path}: "
                           f"{first.kind} '{first.key}' and {route.kind} '{route.key}'; rename one")
    if problems:
        return {}
    shared, card_files = share_cards(site, routes, cache)
    out.update(card_files)
    args = (site, routes, assets, templates, everywhere, shared)
    parallel = _in_parallel(_Jobs(*args), cache, routes, templates, workers) if workers > 1 else None
    jobs = _Jobs(*args)
    try:
        if parallel is None:  # one process (also the way every template error is reported)
            for job in jobs:
                out[job.output] = cache.get(job.cache_path, job.key, job.make)
        else:
            rendered, everything = parallel
            for i, job in enumerate(everything):
                out[job.output] = cache.get(job.cache_path, job.key, lambda: rendered[i])
    except jinja2.TemplateSyntaxError as exc:
        route = jobs.current
        problems.error(f"templates/{exc.name or route.template}", exc.lineno, exc.message or "syntax error")
        return {}
    except jinja2.TemplateError as exc:
        route = jobs.current
        problems.error(f"templates/{route.template}", 1, f"{type(exc).__name__}: {exc}")
        return {}
    out.update(feeds.all_feeds(site, cache))
    out.update(exports.all_exports(site, routes, cache))
    out.update(changes.outputs(site, cache))
    return out
