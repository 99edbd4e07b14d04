"""Mutation testing by hand-picked plausible bugs: `python bench/mutants.py [--set report] [--only N01,N07]`.

Each mutant is one small edit a developer could plausibly make (escaping, links, dates, status
rules, data fields, feed fields, labels, Azerbaijani text). The project is copied once into a
temporary folder; each mutant is applied there, the fast suite runs with -x (unit tests first, so
most mutants die in seconds), and the file is restored. The real worktree is never touched.

Prints one line per mutant and the score; writes the same to bench/results/mutants-<set>.txt.
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Cheapest first: with -x the first failing test ends the run.
FIRST = ["tests/test_units.py", "tests/test_properties.py", "tests/test_contract.py", "tests/test_rules.py",
         "tests/test_tools.py", "tests/test_progress.py", "tests/test_status.py", "tests/test_bad_input.py"]
BROWSER = {"tests/test_browser.py", "tests/test_csp_browser.py"}  # need chromium and minutes: left out
ORDER = FIRST + sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "tests").glob("test_*.py")
                       if p.relative_to(ROOT).as_posix() not in set(FIRST) | BROWSER)
PYTEST = ["-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", "--hypothesis-seed=1", *ORDER]
SKIP = {".git", ".venv", "output", "__pycache__", ".hypothesis", ".pytest_cache", "results"}


@dataclass(frozen=True)
class Mutant:
    id: str
    kind: str
    path: str
    old: str
    new: str
    what: str


MUTANTS = [
    # escaping
    Mutant("N01", "escaping", "napsite/render.py", 'Markup(f\'<span lang="{lang}">{escape(shown)}</span>',
           'Markup(f\'<span lang="{lang}">{shown}</span>', "a title shown in the other language is not escaped"),
    Mutant("N02", "escaping", "templates/page.html", "{% block title %}{{ page.title.shown(lang)[0] }}",
           "{% block title %}{{ page.title.shown(lang)[0]|safe }}", "a page title is marked safe in <title>"),
    Mutant("N03", "escaping", "napsite/markdown.py", 'or (scheme == "" and not url.strip().lower().startswith("//"))',
           'or scheme == ""', "scheme-relative links (//other.host) are allowed in Markdown"),
    # languages
    Mutant("N04", "i18n", "napsite/render.py", '<div lang="{lang}">{shown}</div>', '<div lang="{self.lang}">{shown}</div>',
           "a note body in the other language is tagged with the page's language"),
    Mutant("N05", "i18n", "templates/base.html", 'hreflang="{{ other_lang }}" lang="{{ other_lang }}"',
           'hreflang="{{ other_lang }}" lang="{{ lang }}"', "the language switch is tagged with the page's language"),
    Mutant("N06", "i18n", "napsite/i18n.py", 'return text.replace("I", "ı").replace("İ", "i").lower()',
           'return text.replace("İ", "i").lower()', "az_lower turns I into i, not ı"),
    Mutant("N07", "i18n", "napsite/i18n.py", 'if ch.isalnum() or ch == " "', "if ch.isalnum()",
           "the sort key drops spaces between words"),
    Mutant("N08", "dates", "napsite/i18n.py", 'return format_date(value, fmt, locale=BABEL_LOCALE[lang])',
           'return format_date(value, fmt, locale=BABEL_LOCALE["en"])', "dates are formatted in English on az pages"),
    # links
    Mutant("N09", "links", "napsite/urls.py", 'fragment = f"#s{obj.idd}"', 'fragment = f"#{obj.idd}"',
           "subsection links lose the 's' of their anchor"),
    Mutant("N10", "links", "napsite/urls.py", 'if to_path.endswith("/") or to_path == "":', 'if to_path.endswith("/"):',
           "a link to the site root does not end in /"),
    Mutant("N11", "links", "templates/_macros.html", '<li><a href="{{ h.url(n) }}"><time',
           '<li><a href="{{ h.url(site.measures[n.measure_id]) }}"><time', "note lists link the measure, not the note"),
    Mutant("N12", "links", "napsite/exports.py", 'if r.kind in ("root", "404") or r.template == "redirect.html":',
           'if r.kind in ("root", "404"):', "the sitemap lists the alias redirect pages"),
    # dates
    Mutant("N13", "dates", "napsite/render.py", 'stamp=note.date.iso().replace("-", "")', 'stamp=note.date.iso()',
           "archived copies are asked for with a dashed date the archive does not read"),
    Mutant("N14", "dates", "templates/measure.html", "{{ _('At the deadline (%(date)s)', date=measure.deadline|date) }}",
           "{{ _('At the deadline (%(date)s)', date=site.as_of|date) }}", "the deadline line shows the as-of date"),
    # status rules
    Mutant("N15", "status", "napsite/judgement.py", "at_deadline = declared or (_assessment(before[0]) if before else None)",
           "at_deadline = declared or (_assessment(before[-1]) if before else None)",
           "the oldest status before the deadline wins, not the latest"),
    Mutant("N16", "status", "napsite/judgement.py", "before = [n for n in stated if n.date.last_day() <= deadline]",
           "before = [n for n in stated if n.date.first_day() <= deadline]",
           "first day instead of last day for 'by the deadline' (equivalent: a month or a year never "
           "straddles 31 December, so both days fall on the same side; kept as a check of the harness)"),
    Mutant("N17", "status", "napsite/judgement.py", "if declared and as_of > deadline:",
           "if declared and as_of >= deadline:", "a measure-file status makes a measure late on its deadline day"),
    Mutant("N18", "status", "napsite/judgement.py", 'n.date.first_day() >= deadline and n.status != "completed"]',
           'n.date.first_day() > deadline and n.status != "completed"]',
           "an unfinished status on the deadline day is not evidence of lateness"),
    Mutant("N19", "labels", "napsite/statuses.py", 'N_("Work has begun, but only a small part of the measure is done."), "◔"',
           'N_("Work has begun, but only a small part of the measure is done."), "◑"',
           "'limited' has the same symbol as 'substantial'"),
    # data fields
    Mutant("N20", "data", "napsite/exports.py", 'f"{prefix}_date": a.date.iso() if a and a.date else None,',
           'f"{prefix}_date": a.date.first_day().isoformat() if a and a.date else None,',
           "open data invents a day for notes dated to a month or a year"),
    Mutant("N21", "data", "napsite/exports.py", 'return "; ".join(', 'return ", ".join(',
           "CSV lists are joined with commas"),
    Mutant("N22", "data", "napsite/exports.py", '"en": site.title.en}, "as_of": site.as_of.isoformat()',
           '"en": site.title.en}, "as_of": site.adopted.isoformat()',
           "the data's as-of date is the adoption date"),
    # feed fields
    Mutant("N23", "feeds", "napsite/feeds.py", 'f"{ID_AUTHORITY}:note/{n.key}/{lang}"', 'f"{ID_AUTHORITY}:note/{n.key}"',
           "entry ids are the same in both languages"),
    Mutant("N24", "feeds", "napsite/feeds.py", "own = [n for n in notes if lang in n.langs]", "own = list(notes)",
           "a feed carries notes that have no text in its language"),
    Mutant("N25", "feeds", "napsite/feeds.py", "latest = max((n.date for n in own)", "latest = min((n.date for n in own)",
           "a feed's updated date is its oldest note's"),
    Mutant("N26", "feeds", "napsite/feeds.py", 'sub(entry, "title", f"{n.measure_id}: {heading}")',
           'sub(entry, "title", heading)', "entry titles lose the measure number"),
    # labels
    Mutant("N27", "labels", "templates/measure.html",
           "{{ _('Evidence that it was not completed in full by the deadline:') }} {{ ui.assessment(j.late_evidence) }}",
           "{{ _('Evidence that it was not completed in full by the deadline:') }} {{ ui.assessment(j.later or j.late_evidence) }}",
           "the evidence of lateness shows the latest later status instead"),
    Mutant("N28", "labels", "templates/institution.html",
           "'Recommended to it: %(num)s measures', recommended_for|length)",
           "'Recommended to it: %(num)s measures', implementer_of|length)",
           "the 'recommended' heading counts the implementer's measures"),
    Mutant("N29", "labels", "templates/base.html", '<html lang="{{ lang }}">', '<html lang="{{ site.default_lang }}">',
           "every page says it is in Azerbaijani"),
    # tools
    Mutant("N30", "tools", "napsite/serve.py", 'if kind.startswith("text/") or kind in ("image/svg+xml", "application/xml"):',
           'if kind.startswith("text/"):', "the preview serves SVG and XML without a charset"),
    Mutant("N31", "tools", "napsite/serve.py", "    if their_port != port or not name:\n",
           "    if not name:\n", "the preview answers to any port in the Host header"),
    Mutant("N32", "links", "napsite/routes.py", "years.stop - 1 - m.end)", "years.stop - m.end)",
           "timeline bars get one empty year too many after them"),
    Mutant("N33", "markdown", "napsite/markdown.py", 'if urlsplit(href).scheme in ("http", "https"):',
           'if urlsplit(href).scheme == "https":', "plain http links are not marked external"),
    # A second batch, added after the first run and never targeted by a test written for it.
    Mutant("N34", "i18n", "napsite/render.py", 'only = self._("Only in Azerbaijani") if lang == "az" else',
           'only = self._("Only in Azerbaijani") if lang == "en" else', "'only in Azerbaijani' said of English text"),
    Mutant("N35", "dates", "napsite/routes.py", "groupby(in_year, key=lambda n: n.date.month)",
           "groupby(in_year, key=lambda n: n.date.day)", "the timeline groups notes by day, not month"),
    Mutant("N36", "i18n", "napsite/exports.py", 'href=absolute(site.base_url, r.alternate(site.default_lang)))',
           'href=absolute(site.base_url, r.alternate("en")))', "the sitemap's x-default is English"),
    Mutant("N37", "feeds", "napsite/feeds.py", 'type="text/html", href=absolute(site.base_url, page_path))',
           'type="text/html", href=absolute(site.base_url, self_path))', "a feed's web page link is the feed itself"),
    Mutant("N38", "links", "templates/measure.html", '&lt;img src="{{ h.abs(route.path) }}badge.svg"',
           '&lt;img src="{{ route.path }}badge.svg"', "the embed snippet's image address is relative"),
    Mutant("N39", "links", "templates/base.html", '<link rel="canonical" href="{{ h.abs(route.path) }}">',
           '<link rel="canonical" href="{{ h.url(route.path) }}">', "the canonical link is relative"),
    Mutant("N40", "markdown", "napsite/assemble.py", "markdown.render(f.body, top_level=2)",
           "markdown.render(f.body, top_level=1)", "a page's own headings become h1 beside its title"),
    Mutant("N41", "markdown", "napsite/assemble.py", "markdown.render(f.body, top_level=4)",
           "markdown.render(f.body, top_level=3)", "a note's headings rank with the note's own title"),
    Mutant("N42", "labels", "templates/_macros.html", '{{ verdict(m) }} {{ later(m) }} <span class="period">',
           '{{ verdict(m) }} <span class="period">', "lists of measures no longer show later developments"),
    Mutant("N43", "links", "napsite/routes.py", "latest=site.notes[:5]),", "latest=site.notes[:3]),",
           "the home page lists three latest notes, not five"),
    Mutant("N44", "labels", "napsite/model.py", 'f"{self.start}–{self.end}"', 'f"{self.start}-{self.end}"',
           "periods are written with a hyphen, not a dash"),
    Mutant("N45", "dates", "templates/timeline.html", "{{ m.notes[0].date.first_day()|month|heading }}",
           "{{ m.notes[0].date.first_day()|date }}", "month headings on the timeline show a day"),
    Mutant("N46", "tools", "napsite/notes.py", 're.sub(r"[^a-z0-9]+", "-", slug.lower())',
           're.sub(r"[^a-z]+", "-", slug.lower())', "new-note drops digits from the slug"),
    Mutant("N47", "errors", "napsite/problems.py", 'prefix = "warning: " if self.severity == WARNING else ""',
           'prefix = ""', "warnings print like errors"),
]

# The 15 survivors of the review (shared/reviews/tests-review.md), kept to show they stay killed.
REPORT = [
    Mutant("M01", "errors", "napsite/loaders.py", "names[name] = k.start_mark.line + first",
           "names[name] = k.start_mark.line", "duplicate key: 'first on line' is one too low"),
    Mutant("M03", "status", "napsite/judgement.py", "at_deadline = declared or (_assessment(before[0]) if before else None)",
           "at_deadline = (_assessment(before[0]) if before else None) or declared",
           "notes win over the measure file's status"),
    Mutant("M04", "dates", "napsite/judgement.py", '"due" if as_of <= deadline else "unknown"',
           '"due" if as_of < deadline else "unknown"', "past due on 31 December itself"),
    Mutant("M05", "errors", "napsite/assemble.py", 'if not f.meta.data.get("sources"):',
           'if "sources" not in f.meta.data:', "an empty 'sources:' does not warn"),
    Mutant("M07", "links", "napsite/routes.py", "previous = measures[i - 1] if i else None",
           "previous = measures[i - 1] if i >= 0 else None", "the first measure links back to the last"),
    Mutant("M09", "escaping", "napsite/render.py", "            return Markup(escape(shown))\n",
           "            return Markup(shown)\n", "titles and names are not escaped"),
    Mutant("M11", "links", "napsite/urls.py", 'return rel + (f"#{fragment}" if fragment else "")', "return rel",
           "relative links drop their #fragment"),
    Mutant("M12", "feeds", "napsite/feeds.py", 'sub(entry, "updated", _stamp(n.date))',
           'sub(entry, "updated", _stamp(site.as_of))', "feed entries dated with the as-of date"),
    Mutant("M13", "data", "napsite/exports.py", '"title_az": m.title.az, "title_en": m.title.en,',
           '"title_az": m.title.en, "title_en": m.title.az,', "open data titles swapped"),
    Mutant("M15", "markdown", "napsite/markdown.py", "shift = top_level - min(levels)", "shift = top_level - 1",
           "headings shifted as if Markdown started at #"),
    Mutant("M16", "labels", "napsite/statuses.py", 'show no sign of work on this measure."), "–"',
           'show no sign of work on this measure."), "○"', "'no evidence' looks like 'not started'"),
    Mutant("M17", "tools", "napsite/serve.py", '[("Location", "/" + path + "/")]', '[("Location", "/" + path)]',
           "the preview's folder redirect loops"),
    Mutant("M19", "i18n", "templates/base.html", 'hreflang="x-default" href="{{ h.abs(route.alternate(site.default_lang)) }}"',
           'hreflang="x-default" href="{{ h.abs(route.alternate(lang)) }}"', "x-default points at the page's own language"),
    Mutant("M20", "labels", "templates/institutions.html", "<h1>{{ _('Institutions') }}</h1>", "<h1>Institutions</h1>",
           "an untranslated heading on the az institutions page"),
    Mutant("M22", "labels", "templates/page.html", "{% block title %}{{ page.title.shown(lang)[0] }}",
           "{% block title %}{{ page.title.shown(other_lang)[0] }}", "content pages titled in the other language"),
]
SETS = {"fresh": MUTANTS, "report": REPORT}


def copy_project(target: Path) -> None:
    shutil.copytree(ROOT, target, ignore=lambda d, names: [n for n in names if n in SKIP])


def run(copy: Path, timeout: int) -> tuple[str, float, str]:
    started = time.perf_counter()
    try:
        r = subprocess.run([sys.executable, *PYTEST], cwd=copy, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return "timeout", time.perf_counter() - started, ""
    failed = [l.split(" ", 1)[1].split(" - ")[0] for l in r.stdout.splitlines() if l.startswith("FAILED ")]
    verdict = "survived" if r.returncode == 0 else "killed" if r.returncode == 1 else f"error {r.returncode}"
    return verdict, time.perf_counter() - started, failed[0] if failed else r.stdout[-300:]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=SETS, default="fresh", help="fresh (default) or the review's survivors")
    parser.add_argument("--only", help="comma-separated mutant ids")
    parser.add_argument("--list", action="store_true", help="list the mutants and stop")
    parser.add_argument("--timeout", type=int, default=900)
    parser.add_argument("--no-baseline", action="store_true", help="skip the run on the unmutated copy")
    args = parser.parse_args()
    chosen = [m for m in SETS[args.set] if not args.only or m.id in args.only.split(",")]
    if args.list:
        for m in chosen:
            print(f"{m.id} {m.kind:9} {m.path}: {m.what}")
        return 0
    lines = []
    with tempfile.TemporaryDirectory(prefix="mutants-") as tmp:
        copy = Path(tmp) / "project"
        copy_project(copy)
        for m in chosen:  # every edit must apply exactly once, or the list has drifted from the code
            count = (copy / m.path).read_text("utf-8").count(m.old)
            if count != 1:
                print(f"{m.id}: the text to mutate occurs {count} times in {m.path}; update the mutant", file=sys.stderr)
                return 2
        if not args.no_baseline:
            verdict, took, detail = run(copy, args.timeout)
            print(f"baseline: {'passes' if verdict == 'survived' else verdict} in {took:.0f} s", flush=True)
            if verdict != "survived":
                print(detail, file=sys.stderr)
                return 2
        for m in chosen:
            f = copy / m.path
            original = f.read_text("utf-8")
            f.write_text(original.replace(m.old, m.new, 1), "utf-8")
            try:
                verdict, took, detail = run(copy, args.timeout)
            finally:
                f.write_text(original, "utf-8")
            line = f"{m.id} {verdict:8} {took:5.0f} s  {m.path}: {m.what}" + (f"  [{detail}]" if verdict == "killed" else "")
            print(line, flush=True)
            lines.append((m, verdict, line))
    killed = sum(1 for _, v, _ in lines if v != "survived")
    score = f"score: {killed}/{len(lines)} killed = {100 * killed / len(lines):.0f} %"
    print(score)
    survivors = [m.id for m, v, _ in lines if v == "survived"]
    print("survivors: " + (", ".join(survivors) or "none"))
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / f"mutants-{args.set}.txt").write_text("\n".join(l for _, _, l in lines) + f"\n{score}\n", "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
