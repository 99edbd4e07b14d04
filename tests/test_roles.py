"""Implementers and recommended bodies are never one list. The plan makes some bodies carry a
measure out and only recommends others to take part (bodies it cannot instruct: the Milli Majlis,
the Commission on Combating Corruption, ...). A body's measures, their status and their lateness
are an implementer's; what is recommended to a body is shown apart, under its own heading and
address. Checked as rules over the real site, for every institution, in both languages; then on the
mini fixture, whose late measure 2.1.1 is recommended to two bodies that implement nothing."""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin

import pytest
import yaml
from babel.messages.pofile import read_po

from conftest import CONTENT, ROOT, soup

LANGS = ("az", "en")


def catalog(lang: str) -> dict:
    """msgid -> the text shown in `lang` (English shows the msgid itself)."""
    with open(ROOT / f"i18n/{lang}/LC_MESSAGES/messages.po", "rb") as f:
        entries = [m for m in read_po(f) if m.id]
    shown = {}
    for m in entries:
        if isinstance(m.id, str):
            shown[m.id] = (m.string or m.id) if lang == "az" else m.id
        else:  # plural: keep both forms, as (singular, plural)
            strings = m.string if any(m.string) else m.id
            shown[m.id[0]] = tuple(strings) if lang == "az" else m.id
    return shown


TITLES = {"": "Measures assigned to %(name)s",
          "late": "Measures assigned to %(name)s not completed by the deadline",
          "completed": "Measures assigned to %(name)s completed by the deadline",
          "unknown": "Measures assigned to %(name)s whose deadline passed with no source found on completion",
          "due": "Measures assigned to %(name)s not yet due",
          "recommended": "Measures recommended to %(name)s"}


def roles_from_files(content: Path = CONTENT) -> tuple[dict, dict]:
    """{measure id: implementers}, {measure id: recommended}, read from the YAML files themselves; an
    amendment that names implementers adds them (they carry the measure out from its date on)."""
    impl, rec = {}, {}
    for f in sorted((content / "measures").glob("*.yaml")):
        data = yaml.safe_load(f.read_text("utf-8"))
        impl[str(data["id"])] = list(data.get("implementers") or []) + [
            i for a in data.get("amendments") or [] for i in a.get("implementers") or []
            if i not in (data.get("implementers") or [])]
        rec[str(data["id"])] = list(data.get("recommended") or [])
    return impl, rec


def institution_ids(content: Path = CONTENT) -> list[str]:
    return [i["id"] for i in yaml.safe_load((content / "institutions.yaml").read_text("utf-8"))]


def listed(page) -> list[str]:
    return [th.get_text(strip=True) for th in page.select("table.all-measures tbody th[scope=row]")]


def count_in(text: str) -> int:
    return int(re.search(r"\d+", text).group())


def measure_ids(items) -> list[str]:
    """The measure numbers of a measure_list (ul.measures)."""
    return [li.select_one(".num").get_text(strip=True) for li in items]


def sub_of(path: Path, folder: Path) -> str:
    """Which list of a body a page of its folder is: "" (its measures), "late" or "recommended"."""
    rel = path.relative_to(folder).as_posix()
    return "" if rel == "." else rel


@pytest.fixture(scope="module")
def roles():
    return roles_from_files()


def recommended_only(roles) -> list[str]:
    impl, rec = roles
    implementing = {i for ids in impl.values() for i in ids}
    return [i for i in institution_ids() if i not in implementing and any(i in ids for ids in rec.values())]


def test_the_real_plan_has_bodies_that_are_only_recommended(roles):
    only = recommended_only(roles)
    # the bodies the reviews found shown as owning late measures
    assert {"milli-majlis", "anti-corruption-commission", "prosecutor-generals-office"} <= set(only)


@pytest.mark.parametrize("lang", LANGS)
def test_every_institution_filter_page_lists_only_its_role(site_dir, real_model, roles, lang):
    impl, rec = roles
    shown = catalog(lang)
    base = site_dir / lang / "measures/institution"
    assert sorted(p.name for p in base.iterdir()) == sorted(institution_ids())
    for iid in institution_ids():
        name = real_model.institutions[iid].in_sentence(lang)
        implements = [m for m, ids in impl.items() if iid in ids]
        expected = {"": [m for m in real_model.measures if m in implements]}
        if implements:  # lateness is an implementer's: no late list for a body that carries out nothing
            expected["late"] = [m for m in expected[""] if real_model.measures[m].late]
            for verdict in ("completed", "unknown", "due"):  # its other verdicts: a list each, where it has some
                ids = [m for m in expected[""] if real_model.measures[m].verdict == verdict]
                if ids:
                    expected[verdict] = ids
        recommended = [m for m in real_model.measures if iid in rec[m] and iid not in impl[m]]
        if recommended:
            expected["recommended"] = recommended
        on_disk = {sub_of(p.parent, base / iid) for p in (base / iid).rglob("index.html")}
        assert on_disk == set(expected), iid
        for sub, ids in expected.items():
            page = soup(base / iid / sub / "index.html")
            assert listed(page) == ids, (iid, sub)
            for m in ids:  # the rule itself, per listed measure
                if sub == "recommended":
                    assert iid in rec[m] and iid not in impl[m], (iid, m)
                else:
                    assert iid in impl[m], (iid, sub, m)
                    assert sub != "late" or real_model.measures[m].late
                    assert sub not in ("completed", "unknown", "due") or real_model.measures[m].verdict == sub
            title = shown[TITLES[sub]] % {"name": name}
            assert page.h1.get_text(strip=True) == title, (iid, sub)
            meta = {m.get("property") or m.get("name"): m.get("content", "") for m in page.select("meta[content]")}
            assert meta["og:title"] == meta["twitter:title"] == title
            assert page.title.get_text().startswith(title + " — ")
            # the counts: the line under the title, and the share text
            assert count_in(page.select_one("#count").get_text()) == len(ids), (iid, sub)
            assert count_in(meta["og:description"]) == count_in(meta["description"]) == len(ids)
            # every link to another list of the same body gives that list's count
            links = []
            for a in page.select("main p[class$=-link] a"):
                other = sub_of((base / iid / sub / a["href"]).resolve(), (base / iid).resolve())
                assert other in expected and other != sub, (iid, sub, a["href"])
                assert count_in(a.get_text()) == len(expected[other]), (iid, sub, other)
                links.append(other)
            empty_late = {"late"} if implements and not expected["late"] else set()
            wanted = set(expected) - {sub} - ({""} if not implements else set()) - empty_late
            if sub == "recommended":  # from the recommended list, back to its own measures only
                wanted &= {""}
            assert set(links) == wanted, (iid, sub)
            if empty_late and sub == "":  # no link to an empty list: a sentence says there is none
                assert page.select_one("main p.late-link span.none"), (iid, sub)


@pytest.mark.parametrize("lang", LANGS)
def test_no_page_links_a_body_that_implements_nothing_to_a_late_list(site_dir, roles, lang):
    only = recommended_only(roles)
    assert only
    for iid in only:
        assert not (site_dir / lang / "measures/institution" / iid / "late").exists()
    late_link = re.compile(r'href="[^"]*institution/(%s)/late/"' % "|".join(map(re.escape, only)))
    for page in (site_dir / lang).rglob("*.html"):
        assert not late_link.search(page.read_text("utf-8")), page


@pytest.mark.parametrize("lang", LANGS)
def test_every_institution_page_keeps_the_two_roles_apart(site_dir, real_model, roles, lang):
    impl, rec = roles
    for iid in institution_ids():
        doc = soup(site_dir / lang / "institutions" / iid / "index.html")
        as_impl = measure_ids(doc.select("section:has(#impl-h) ul.measures > li"))
        as_rec = measure_ids(doc.select("section:has(#rec-h) ul.measures > li"))
        assert as_impl == [m for m in real_model.measures if iid in impl[m]], iid
        assert as_rec == [m for m in real_model.measures if iid in rec[m] and iid not in impl[m]], iid
        assert not set(as_impl) & set(as_rec)
        assert count_in(doc.select_one("#impl-h").get_text()) == len(as_impl), iid
        assert count_in(doc.select_one("#rec-h").get_text()) == len(as_rec), iid
        chart = doc.select_one("figure.chart")
        if as_impl:  # the status chart and its totals count the measures it must carry out, no others
            assert count_in(doc.select_one("ul.totals li.total").get_text()) == len(as_impl), iid
            counts = [count_in(li.get_text().rsplit(":", 1)[1]) for li in doc.select("ul.totals li:not(.total)")]
            assert sum(counts) == len(as_impl), iid
            verdicts = [real_model.measures[m].verdict for m in as_impl]
            late = doc.select_one("ul.totals li.count-late")
            assert (count_in(late.get_text().rsplit(":", 1)[1]) if late else 0) == verdicts.count("late"), iid
        else:  # a body that implements nothing has no "its measures by status"
            assert chart is None and doc.select_one("ul.totals") is None, iid
        # its lists in the table: under each heading only that role's, each with the count it lists
        here = f"http://site/{lang}/institutions/{iid}/"
        table = f"http://site/{lang}/measures/institution/{iid}/"
        any_late = any(real_model.measures[m].late for m in as_impl)
        # no link to an empty list: a body with no measure shown late gets a sentence instead
        for heading, wanted in (("#impl-h", (["", "late"] if any_late else [""]) if as_impl else []),
                                ("#rec-h", ["recommended"] if as_rec else [])):
            links = doc.select(f"section:has({heading}) p.body-lists a")
            subs = [urljoin(here, a["href"]).removeprefix(table).rstrip("/") for a in links]
            assert subs == wanted, (iid, heading)
            for a, sub in zip(links, subs):
                target = soup(site_dir / lang / "measures/institution" / iid / sub / "index.html")
                assert count_in(a.get_text()) == len(listed(target)), (iid, sub)
        if as_impl and not any_late:
            assert doc.select_one("section:has(#impl-h) p.body-lists span.none"), iid


@pytest.mark.parametrize("lang", LANGS)
def test_every_table_row_keeps_implementers_and_recommended_bodies_apart(site_dir, roles, lang):
    impl, rec = roles
    pages = [site_dir / lang / "measures/index.html", *(site_dir / lang / "measures").glob("*/*/index.html"),
             *(site_dir / lang / "measures/institution").glob("*/*/index.html")]
    for path in pages:
        for tr in soup(path).select("table.all-measures tbody tr"):
            m = tr.th.get_text(strip=True)
            recommended = [i for i in rec[m] if i not in impl[m]]
            assert tr["data-institution"].split() == impl[m], (path, m)
            assert tr.get("data-recommended", "").split() == recommended, (path, m)
            here = "http://site/" + path.parent.relative_to(site_dir).as_posix() + "/"
            targets = [urljoin(here, a["href"]) for a in tr.select_one("td:has(> ul.inline), td:has(> small)").select("a")]
            assert targets == [f"http://site/{lang}/measures/institution/{i}/" for i in impl[m]] + [
                f"http://site/{lang}/measures/institution/{i}/recommended/" for i in recommended], (path, m)


@pytest.mark.parametrize("lang", LANGS)
def test_the_filters_offer_implementers_and_recommended_bodies_apart(site_dir, roles, lang):
    impl, rec = roles
    implementing = {i for ids in impl.values() for i in ids}
    recommended = {i for m in rec for i in rec[m] if i not in impl[m]}
    page = soup(site_dir / lang / "measures/index.html")
    nav = {g: {a["data-value"] for a in page.select(f'nav.filters a[data-group="{g}"]')}
           for g in ("institution", "recommended", "late")}
    assert nav == {"institution": implementing, "recommended": recommended, "late": set()}
    for a in page.select('nav.filters a[data-group="recommended"]'):
        assert a["href"] == f"institution/{a['data-value']}/recommended/"
    # the script's filter narrows data-institution, which holds implementers only
    options = {o["value"] for o in page.select("#live-filter select[name=institution] option") if o["value"]}
    assert options == implementing
    assert not page.select("#live-filter select[name=recommended]")


# --- the mini fixture: 2.1.1 is late; ministry-k and ministry-q are only recommended it ------------

def test_a_late_measure_is_late_for_its_implementers_only(mini):
    assert mini.site.measures["2.1.1"].late
    assert "en/measures/institution/ministry-i/late/" in mini.pages()
    late = mini.html("en/measures/institution/ministry-i/late/")
    assert listed(late) == ["2.1.1"]
    assert late.h1.get_text(strip=True) == "Measures assigned to the Ministry of Economy not completed by the deadline"
    for iid in ("ministry-k", "ministry-q"):
        assert f"en/measures/institution/{iid}/late/" not in mini.pages()
        own = mini.html(f"en/measures/institution/{iid}/")
        assert listed(own) == [] and "implementer of no measure" in own.select_one("p.empty").get_text()
        assert [a["href"] for a in own.select("main p[class$=-link] a")] == ["recommended/"]
        rec = mini.html(f"en/measures/institution/{iid}/recommended/")
        assert listed(rec) == ["2.1.1"]
        assert rec.h1.get_text(strip=True).startswith("Measures recommended to ")
        body = mini.html(f"en/institutions/{iid}/")
        assert body.select_one("figure.chart") is None
        assert body.select_one("#rec-h").get_text() == "Recommended to it: 1 measure"
