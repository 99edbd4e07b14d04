"""The record of changes (issue 20): small git repositories built from the mini fixture, one commit per
kind of change, with fixed dates and authors; what a reader sees on the measure pages, the changes
pages, the feed and data/changes.json, in both languages."""
from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import FIXTURES, run_cli

REPO = "https://github.com/example/tracker"
ATOM = "{http://www.w3.org/2005/Atom}"


def git(repo: Path, *args: str, date: str = "2026-01-10T12:00:00+00:00") -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Editor", "GIT_AUTHOR_EMAIL": "editor@example.org",
           "GIT_COMMITTER_NAME": "Editor", "GIT_COMMITTER_EMAIL": "editor@example.org",
           "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date, "GIT_CONFIG_GLOBAL": os.devnull,
           "GIT_CONFIG_NOSYSTEM": "1"}
    return subprocess.run(["git", "-C", str(repo), "-c", "commit.gpgsign=false", *args], env=env, check=True,
                          capture_output=True, text=True).stdout.strip()


def commit(repo: Path, message: str, date: str) -> str:
    git(repo, "add", "-A", date=date)
    git(repo, "commit", "-q", "-m", message, date=date)
    return git(repo, "rev-parse", "HEAD")


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), "utf-8")


NEW_NOTE = """---
measure: "1.2"
date: 2018-03-01
reported_by: press
publisher: "Report.az"
title: "{title}"
sources:
  - https://example.org/new-2018-03-01
---
{body}
"""


def make_repo(repo: Path) -> dict:
    """One commit per kind of change; returns their ids by name."""
    content = repo / "content"
    shutil.copytree(FIXTURES / "mini", content)
    git(repo, "init", "-q", "-b", "main")
    ids = {"start": commit(repo, "Mini content", "2026-01-10T12:00:00+00:00")}
    with (content / "site.yaml").open("a", encoding="utf-8") as f:
        f.write(f'repository: "{REPO}"\nhistory_from: {ids["start"]}\n')
    ids["settings"] = commit(repo, "site.yaml: where the record starts", "2026-01-15T12:00:00+00:00")
    for lang in ("az", "en"):  # 1.5's source on the deadline day finds it limited, not completed
        edit(content / f"progress/2017-12-31-1-5-last-day.{lang}.md", "status: completed", "status: limited")
    # 02:00 in Baku is 22:00 UTC the day before: the page gives the UTC day, 31 January
    ids["status"] = commit(repo, "1.5: the source says limited, not completed", "2026-02-01T02:00:00+04:00")
    for lang in ("az", "en"):  # the source gives only the month: renamed, its old name kept as an alias
        old = content / f"progress/2017-06-01-1-1-substantial.{lang}.md"
        text = old.read_text("utf-8").replace("date: 2017-06-01", "date: 2017-06\naliases: [2017-06-01-1-1-substantial]")
        (content / f"progress/2017-06-00-1-1-substantial.{lang}.md").write_text(text, "utf-8")
        old.unlink()
    ids["rename"] = commit(repo, "1.1: the source gives only June 2017", "2026-02-10T09:00:00+00:00")
    (content / "progress/2018-03-01-1-2-new.en.md").write_text(
        NEW_NOTE.format(title="Portal relaunched", body="The portal was relaunched."), "utf-8")
    (content / "progress/2018-03-01-1-2-new.az.md").write_text(
        NEW_NOTE.format(title="Portal yenidən açılıb", body="Portal yenidən açılıb."), "utf-8")
    ids["added"] = commit(repo, "1.2: a press report of March 2018", "2026-03-05T10:00:00+00:00")
    for lang in ("az", "en"):
        (content / f"progress/2018-02-01-2-1-1-news.{lang}.md").unlink()
    ids["removed"] = commit(repo, "2.1.1: the news item did not concern the measure", "2026-03-20T10:00:00+00:00")
    edit(content / "measures/1.5.yaml", "    text:\n", "    implementers: [ministry-x]\n    text:\n")
    ids["amended"] = commit(repo, "1.5: the amendment names the new implementer", "2026-04-02T10:00:00+00:00")
    edit(content / "progress/2018-03-01-1-2-new.en.md", "The portal was relaunched.", "The portal was re-launched.")
    edit(content / "progress/2017-00-00-1-2-annual.en.md", "known only to the year.", "known only by its year.")
    ids["wording"] = commit(repo, "1.2: hyphen; by its year", "2026-04-15T10:00:00+00:00")
    return ids


@pytest.fixture(scope="module")
def repo(tmp_path_factory) -> tuple[Path, dict]:
    path = tmp_path_factory.mktemp("repo") / "tracker"
    path.mkdir()
    return path, make_repo(path)


@pytest.fixture(scope="module")
def built(repo, tmp_path_factory) -> Path:
    path, _ = repo
    out = tmp_path_factory.mktemp("built") / "output"
    result = run_cli("--no-cache", "--content", str(path / "content"), "--output", str(out))
    assert result.returncode == 0, result.stderr
    assert "history" not in result.stderr and "git" not in result.stderr, result.stderr
    return out


def page(out: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((out / path / "index.html").read_text("utf-8"), "html.parser")


def history(out: Path, lang: str, measure: str) -> list[str]:
    section = page(out, f"{lang}/measures/{measure}/").select_one("section.history")
    assert section is not None, "the page has its history section"
    return [" ".join(li.get_text(" ", strip=True).split()) for li in section.select("li.change")]


def test_a_status_change_is_on_the_measure_page_with_its_utc_day_commit_and_reason(built, repo):
    _, ids = repo
    lines = history(built, "en", "1-5")
    assert any(line.startswith("31 January 2026 : Verdict changed from Completed by the deadline to Not completed by "
                               "the deadline (correction)") for line in lines), lines
    soup = page(built, "en/measures/1-5/")
    verdict = next(li for li in soup.select("section.history li.change") if li["data-kind"] == "verdict")
    assert verdict.select_one("a[href]")["href"] == f"{REPO}/commit/{ids['status']}"
    assert "1.5: the source says limited, not completed" in verdict.get_text()
    corrected = soup.select_one("p.corrected").get_text(" ", strip=True)
    assert corrected == "Corrected on 31 January 2026: this page said “Completed by the deadline” until then."
    assert "Last status change: 31 January 2026." in soup.select_one("p.last-status-change").get_text()


def test_the_azerbaijani_page_says_it_in_azerbaijani_and_marks_the_english_reason(built):
    soup = page(built, "az/measures/1-5/")
    verdict = next(li for li in soup.select("section.history li.change") if li["data-kind"] == "verdict")
    text = " ".join(verdict.get_text(" ", strip=True).split())
    assert "31 yanvar 2026" in text and "Hökm dəyişib: Müddətində tamamlanıb → Müddətində tamamlanmayıb (düzəliş)" in text, text
    assert verdict.find("span", string="1.5: the source says limited, not completed")["lang"] == "en"
    assert soup.select_one("p.corrected").get_text().startswith("Düzəliş (31 yanvar 2026)")
    assert soup.select_one("#history-h").get_text() == "Bu səhifənin tarixçəsi"


def test_a_renamed_note_with_its_alias_shows_as_corrected_not_removed_and_added(built):
    for lang, said in (("en", "Note corrected: Substantial (its date and address changed"),
                       ("az", "Qeyddə düzəliş: ")):
        lines = history(built, lang, "1-1")
        assert len(lines) == 1 and said in lines[0] and "(correction)" in lines[0] or "(düzəliş)" in lines[0], lines
        assert not [line for line in lines if "added" in line or "removed" in line]


def test_a_note_added_and_a_wording_fix_on_it_both_show(built):
    lines = history(built, "en", "1-2")
    # the commit's rewordings of one measure's notes are one line, none dropped
    assert lines[0].startswith("15 April 2026 : Wording corrected in 2 notes: Portal relaunched; Annual report"), lines
    assert lines[1].startswith("5 March 2026 : Note added: Portal relaunched"), lines
    assert "(correction)" not in lines[0] + lines[1]
    az = history(built, "az", "1-2")
    assert "Qeyd əlavə olunub: Portal yenidən açılıb" in az[1]


def test_a_note_removed(built):
    lines = history(built, "en", "2-1-1")
    assert lines == [lines[0]] and lines[0].startswith("20 March 2026 : Note removed: ")
    assert "the news item did not concern the measure" in lines[0]


def test_implementers_amended(built):
    lines = history(built, "en", "1-5")
    assert any("Implementers changed from" in line and "2 April 2026" in line for line in lines), lines
    assert any("Plan amendment recorded or corrected" in line for line in lines)


def test_a_measure_without_changes_says_so_and_every_page_links_the_changes(built):
    soup = page(built, "en/measures/1-3/")
    assert "Nothing on this page has changed since 10 January 2026" in soup.select_one("section.history").get_text()
    assert soup.find("a", string="Changes to this site")


def test_the_changes_pages_list_by_month_and_filter_without_script(built):
    soup = page(built, "en/changes/")
    months = [h.get_text() for h in soup.select("main h2")]
    assert months[:4] == ["April 2026", "March 2026", "February 2026", "January 2026"]
    filters = {a.get_text(" ", strip=True): a["href"] for a in soup.select("nav.change-filters a")}
    assert filters["Corrections (4)"] == "corrections/"
    corrections = page(built, "en/changes/corrections/")
    kinds = [li["data-kind"] for li in corrections.select("li.change")]
    assert kinds == ["note_corrected", "verdict", "level", "note_corrected"]
    assert all("(correction)" in li.get_text() for li in corrections.select("li.change"))
    notes = [li["data-kind"] for li in page(built, "en/changes/notes/").select("li.change")]
    assert notes == ["note_removed", "note_added", "note_corrected", "note_corrected"]
    wording = page(built, "az/changes/wording/").select("li.change")
    assert len(wording) == 1 and "2 qeydin mətnində üslub düzəlişi: " in wording[0].get_text()


def test_the_feed_has_an_entry_per_change_in_each_language(built):
    from xml.etree import ElementTree as ET

    for lang in ("az", "en"):
        root = ET.parse(built / f"{lang}/changes.xml").getroot()
        entries = root.findall(f"{ATOM}entry")
        assert len(entries) == 9
        assert entries[0].find(f"{ATOM}updated").text == "2026-04-15T10:00:00Z"
        titles = [e.find(f"{ATOM}title").text for e in entries]
        verdict = "Verdict changed" if lang == "en" else "Hökm dəyişib"
        assert any(t.startswith("1.5: " + verdict) and t.endswith(")") for t in titles)
        stamp = next(e for e in entries if verdict in e.find(f"{ATOM}title").text).find(f"{ATOM}updated").text
        assert stamp == "2026-01-31T22:00:00Z"


def test_changes_json_holds_every_change_and_where_the_record_starts(built, repo):
    _, ids = repo
    data = json.loads((built / "data/changes.json").read_text("utf-8"))
    assert data["from"]["id"] == ids["start"] and data["skipped"] == []
    kinds = [(c["measure"], c["kind"]) for c in data["changes"]]
    assert kinds == [("1.2", "wording"), ("1.5", "implementers"), ("1.5", "amendment"), ("2.1.1", "note_removed"),
                     ("1.2", "note_added"), ("1.1", "note_corrected"), ("1.5", "verdict"), ("1.5", "level"),
                     ("1.5", "note_corrected")]  # the note's status itself was corrected, and is a change too
    verdict = data["changes"][6]
    assert verdict["description_en"] == "Verdict changed from Completed by the deadline to Not completed by the deadline"
    assert verdict["commit"]["url"] == f"{REPO}/commit/{ids['status']}" and verdict["correction"] is True


def test_last_status_change_in_the_table_and_the_open_data(built):
    row = next(tr for tr in page(built, "en/measures/").select("table tbody tr") if tr.th.get_text() == "1.5")
    assert row.select_one("td.changed").get_text() == "31 January 2026"
    other = next(tr for tr in page(built, "az/measures/").select("table tbody tr") if tr.th.get_text() == "1.3")
    assert other.select_one("td.changed").get_text() == "dəyişməyib"
    measures = {m["id"]: m for m in json.loads((built / "data/measures.json").read_text("utf-8"))["measures"]}
    assert measures["1.5"]["status_changed"] == "2026-01-31" and measures["1.3"]["status_changed"] is None
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO((built / "data/measures.csv").read_text("utf-8-sig")))}
    assert rows["1.5"]["status_changed"] == "2026-01-31" and rows["1.3"]["status_changed"] == ""


def digest(folder: Path) -> dict:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_shallow_clone_warns_once_and_leaves_the_history_out(repo, tmp_path):
    path, _ = repo
    clone = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{path}", str(clone)], check=True)
    result = run_cli("--no-cache", "--content", str(clone / "content"), "--output", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if "history" in line]
    assert len(warnings) == 1 and "shallow clone" in warnings[0]
    soup = page(tmp_path / "out", "en/measures/1-5/")
    assert soup.select_one("section.history") is None and soup.select_one("p.corrected") is None
    assert not (tmp_path / "out/en/changes").exists() and not (tmp_path / "out/data/changes.json").exists()
    assert not page(tmp_path / "out", "en/measures/").select("td.changed")


def test_content_outside_git_warns_and_builds_without_history(repo, tmp_path):
    path, _ = repo
    shutil.copytree(path / "content", tmp_path / "content")
    result = run_cli("--no-cache", "--content", str(tmp_path / "content"), "--output", str(tmp_path / "out"))
    assert result.returncode == 0 and "not in a git repository" in result.stderr
    assert page(tmp_path / "out", "az/measures/1-5/").select_one("section.history") is None


def test_two_clones_of_one_commit_in_different_time_zones_build_the_same_bytes(repo, tmp_path):
    path, _ = repo
    outs = []
    for name, zone in (("a", "Asia/Baku"), ("b", "America/Los_Angeles")):
        subprocess.run(["git", "clone", "-q", f"file://{path}", str(tmp_path / name)], check=True)
        out = tmp_path / f"out-{name}"
        result = run_cli("--no-cache", "--content", str(tmp_path / name / "content"), "--output", str(out),
                         env={**os.environ, "TZ": zone})
        assert result.returncode == 0, result.stderr
        outs.append(digest(out))
    assert outs[0] == outs[1]


def test_a_rebuild_after_one_new_commit_judges_only_that_commit(repo, tmp_path, monkeypatch):
    from napsite import history
    from napsite.build import build
    from napsite.cache import BuildCache

    path, _ = repo
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", f"file://{path}", str(clone)], check=True)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    folder = tmp_path / "cache"

    def rebuild():
        cache = BuildCache.load(folder)
        before = len(history.JUDGED)
        result = build(clone / "content")
        assert result.ok
        cache.save()
        return history.JUDGED[before:], result

    judged, _ = rebuild()
    assert len(judged) == 8  # the start and every commit that changed content/ (the settings one too)
    judged, _ = rebuild()
    assert judged == []
    edit(clone / "content/progress/2017-00-00-1-2-annual.en.md", "---\n", "---\n", )
    edit(clone / "content/measures/1.3.yaml", 'period: "2016"', 'period: "2016-2017"')
    commit(clone, "1.3: the plan gives 2016-2017", "2026-05-01T10:00:00+00:00")
    judged, result = rebuild()
    assert len(judged) == 1
    latest = result.site.history.changes[0]
    assert (latest.measure_id, latest.kind, latest.old, latest.new) == ("1.3", "period", "2016", "2016–2017")


def test_a_commit_whose_content_does_not_load_is_skipped_and_said_so(repo, tmp_path):
    path, _ = repo
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", f"file://{path}", str(clone)], check=True)
    note = clone / "content/progress/2017-12-01-1-2-done.az.md"
    edit(note, "status: completed", "status: complete")
    broken = commit(clone, "1.2: a typo in the status", "2026-05-02T10:00:00+00:00")
    edit(note, "status: complete", "status: completed")
    commit(clone, "1.2: the status spelt right", "2026-05-03T10:00:00+00:00")
    out = tmp_path / "out"
    result = run_cli("--no-cache", "--content", str(clone / "content"), "--output", str(out))
    assert result.returncode == 0, result.stderr
    data = json.loads((out / "data/changes.json").read_text("utf-8"))
    assert [s["commit"]["id"] for s in data["skipped"]] == [broken]
    assert data["skipped"][0]["reason"].startswith("progress/2017-12-01-1-2-done.az.md:")
    assert "2026-05" not in {c["commit"]["date"][:7] for c in data["changes"]}, "the fix restores what was: no change"
    skipped = page(out, "az/changes/").select_one("#skipped-h").find_parent("section")
    assert broken[:10] in skipped.get_text() and skipped.find("span", lang="en")


def test_the_real_site_shows_its_record_from_history_from(site_dir):
    """The tracker as published from 25 November 2026 (the deadline rule): 7.1's amendment named its new
    implementer on 2 December; no commit is skipped, since notes from before `publisher` was required are
    read with it unknown, and that first naming of a publisher is no correction."""
    import yaml

    from conftest import CONTENT, SUB_PATH_URL

    settings = yaml.safe_load((CONTENT / "site.yaml").read_text("utf-8"))
    data = json.loads((site_dir / "data/changes.json").read_text("utf-8"))
    assert data["from"]["id"] == settings["history_from"] and data["from"]["date"] == "2026-11-25"
    assert data["skipped"] == []
    named = [c for c in data["changes"] if c["commit"]["message"].startswith("Merge branch 'publisher'")]
    assert named and not [c for c in named if "not recorded" in c["description_en"]]
    amended = next(c for c in data["changes"] if c["measure"] == "7.1" and c["kind"] == "implementers")
    assert amended["commit"]["url"] == f"{settings['repository']}/commit/{amended['commit']['id']}"
    assert amended["url_en"].startswith(SUB_PATH_URL + "en/changes/#")
    lines = history(site_dir, "en", "7-1")
    assert any(line.startswith("2 December 2026 : Implementers changed from SOFAZ to SOFAZ, Extractive Industries") for line in lines), lines
    soup = page(site_dir, "az/measures/7-1/")
    reasons = [span.get_text() for span in soup.select("section.history li.change .reason span[lang=en]")]
    assert amended["commit"]["message"] in reasons
    assert page(site_dir, "az/changes/").select_one("h1").get_text() == "Saytdakı dəyişikliklər"
    # 9.4: "Completed" (a 2024 law) under the earlier method, "Not completed by the deadline" since
    assert page(site_dir, "en/measures/9-4/").select_one("p.corrected").get_text(strip=True) == (
        "Corrected on 25 November 2026, when the method changed: this page said “Completed” until then.")
    assert page(site_dir, "az/measures/9-4/").select_one("p.corrected").get_text(strip=True) == (
        "Düzəliş (25 noyabr 2026, metod dəyişəndə): o vaxtadək bu səhifədə “Tamamlanıb” göstərilirdi.")
    method = {c["measure"]: c for c in data["changes"] if c["kind"] == "method"}
    assert method["9.4"]["old"] == "completed" and method["9.4"]["new"] == "late" and method["9.4"]["correction"]
    assert method["9.4"]["commit"]["id"] == settings["history_from"]
    assert "8.5" not in method  # completed under both methods


def test_the_preview_shows_the_working_trees_changes_as_uncommitted_and_the_build_does_not(repo, tmp_path):
    from napsite.build import build

    path, _ = repo
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", f"file://{path}", str(clone)], check=True)
    for lang in ("az", "en"):
        edit(clone / f"content/progress/2017-12-31-1-5-last-day.{lang}.md", "status: limited", "status: completed")
    preview = build(clone / "content", preview=True)  # what `build.py serve` shows
    assert preview.ok
    soup = BeautifulSoup(preview.files["en/measures/1-5/index.html"], "html.parser")
    first = soup.select_one("section.history li.change")
    assert first.get_text(" ", strip=True).startswith("not yet committed (preview only) : Verdict changed from Not "
                                                     "completed by the deadline to Completed by the deadline")
    assert soup.select_one("p.corrected").get_text().startswith("Corrected in this preview, not yet committed")
    published = build(clone / "content")
    assert b"not yet committed" not in published.files["en/measures/1-5/index.html"]


def test_a_newer_later_source_is_a_development_not_a_correction(repo, tmp_path):
    path, _ = repo
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", f"file://{path}", str(clone)], check=True)
    note = NEW_NOTE.format(title="Portal offline", body="The portal was taken offline.").replace(
        "date: 2018-03-01", "date: 2018-05").replace("publisher:", "status: limited\nassessed_by: editorial\npublisher:")
    (clone / "content/progress/2018-05-00-1-2-offline.en.md").write_text(note, "utf-8")
    commit(clone, "1.2: the portal went offline in May 2018", "2026-05-04T10:00:00+00:00")
    out = tmp_path / "out"
    assert run_cli("--no-cache", "--content", str(clone / "content"), "--output", str(out)).returncode == 0
    changes = json.loads((out / "data/changes.json").read_text("utf-8"))["changes"]
    later = next(c for c in changes if c["kind"] == "later")
    assert (later["measure"], later["correction"]) == ("1.2", False)
    assert later["description_en"] == ("Later development changed from Completed (independent source, 1 December "
                                       "2017) to Limited (our reading of the sources, May 2018)")
    # by the judgement rules, a source after the deadline that finds it unfinished also makes it late: that
    # verdict reverses "no source found on completion", and the page says so
    verdict = changes[0]
    assert (verdict["kind"], verdict["old"], verdict["new"], verdict["correction"]) == ("verdict", "unknown", "late", True)


def test_a_commit_message_is_shown_as_text_never_as_markup(repo, tmp_path):
    path, _ = repo
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", f"file://{path}", str(clone)], check=True)
    edit(clone / "content/measures/1.3.yaml", 'period: "2016"', 'period: "2016-2017"')
    commit(clone, '1.3: <script>alert(1)</script> & <b>period</b>', "2026-05-05T10:00:00+00:00")
    out = tmp_path / "out"
    assert run_cli("--no-cache", "--content", str(clone / "content"), "--output", str(out)).returncode == 0
    for path_ in ("en/measures/1-3/", "az/changes/"):
        soup = page(out, path_)
        assert not soup.select("li.change script, li.change b")
        assert soup.find(string=lambda t: t and "<script>alert(1)</script> & <b>period</b>" in t)
    assert b"<script>alert" not in (out / "en/changes.xml").read_bytes()


def test_without_a_repository_address_the_commit_id_is_shown_without_a_link(repo, tmp_path):
    path, ids = repo
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", f"file://{path}", str(clone)], check=True)
    edit(clone / "content/site.yaml", f'repository: "{REPO}"\n', "")
    out = tmp_path / "out"
    assert run_cli("--no-cache", "--content", str(clone / "content"), "--output", str(out)).returncode == 0
    verdict = next(li for li in page(out, "en/measures/1-5/").select("li.change") if li["data-kind"] == "verdict")
    assert verdict.select_one(".reason code").get_text() == ids["status"][:10] and not verdict.select(".reason a")
    data = json.loads((out / "data/changes.json").read_text("utf-8"))
    assert data["changes"][0]["commit"]["url"] is None


def test_a_repository_address_with_markup_is_refused(repo, tmp_path):
    path, _ = repo
    shutil.copytree(path / "content", tmp_path / "content")
    edit(tmp_path / "content/site.yaml", f'repository: "{REPO}"', 'repository: "https://x.org/a\\" onmouseover=\\"alert(1)"')
    result = run_cli("check", "--content", str(tmp_path / "content"))
    assert result.returncode == 1 and "site.yaml" in result.stderr and "repository" in result.stderr


OLD_MODEL_NOTE = """---
measure: "1.1"
date: 2019-05-01
status: completed
title: "{title}"
---
Written under the earlier method: no reported_by, no assessor; the latest status headed the page.
"""


def test_the_change_of_method_the_record_starts_with_is_a_dated_correction(tmp_path):
    """The commit before history_from headed each page with the latest status of any note (the
    earlier method); where the record's first commit, judged at the deadline, gives another level,
    the page says it was corrected then, and how (9.4's case). A change of method that reverses no
    claim (2.1.1: "Not started", now "Not completed by the deadline" with "Not started" later) is
    listed, not called a correction. Where the two agree (1.5: completed on its last day), nothing is
    said; a measure with no earlier status gets no entry."""
    repo = tmp_path / "tracker"
    content = repo / "content"
    shutil.copytree(FIXTURES / "mini", content)
    for lang, title in (("az", "Portal tamamlanıb"), ("en", "Portal completed")):
        (content / f"progress/2019-05-01-1-1-late.{lang}.md").write_text(OLD_MODEL_NOTE.format(title=title), "utf-8")
    git(repo, "init", "-q", "-b", "main")
    commit(repo, "The earlier model", "2026-01-05T12:00:00+00:00")
    for lang in ("az", "en"):
        (content / f"progress/2019-05-01-1-1-late.{lang}.md").unlink()
    start = commit(repo, "Statuses judged at the deadline", "2026-01-10T12:00:00+00:00")
    with (content / "site.yaml").open("a", encoding="utf-8") as f:
        f.write(f'repository: "{REPO}"\nhistory_from: {start}\n')
    commit(repo, "site.yaml: where the record starts", "2026-01-15T12:00:00+00:00")
    out = tmp_path / "output"
    result = run_cli("--no-cache", "--content", str(content), "--output", str(out))
    assert result.returncode == 0, result.stderr
    en = page(out, "en/measures/1-1/")
    assert en.select_one("p.corrected").get_text(strip=True) == (
        "Corrected on 10 January 2026, when the method changed: this page said “Completed” until then.")
    assert en.select_one("p.corrected a")["href"] == "#" + en.select_one("li.change[data-kind=method]")["id"]
    line = history(out, "en", "1-1")[-1]
    assert line.startswith("10 January 2026 : Method changed: each status is now judged at the end of the measure’s "
                           "period"), line
    assert "Under the earlier method this page gave the latest status of any note, “Completed”; by the new one: “" in line
    assert "(correction)" in line and "Statuses judged at the deadline" in line
    az = page(out, "az/measures/1-1/").select_one("p.corrected").get_text(strip=True)
    assert az == "Düzəliş (10 yanvar 2026, metod dəyişəndə): o vaxtadək bu səhifədə “Tamamlanıb” göstərilirdi."
    for quiet in ("1-5", "1-3"):
        assert page(out, f"en/measures/{quiet}/").select("li.change[data-kind=method]") == [], quiet
    listed = page(out, "en/measures/2-1-1/")
    assert listed.select_one("p.corrected") is None
    assert "(correction)" not in history(out, "en", "2-1-1")[-1]
    assert "the latest status of any note, “Not started”; by the new one: “Not completed by the deadline”" in history(
        out, "en", "2-1-1")[-1]
    data = json.loads((out / "data/changes.json").read_text("utf-8"))
    method = [c for c in data["changes"] if c["kind"] == "method"]
    assert [(c["measure"], c["old"], c["new"], c["group"], c["correction"], c["commit"]["id"]) for c in method] == [
        ("1.1", "completed", "due", "verdicts", True, start), ("1.2", "completed", "unknown", "verdicts", True, start),
        ("2.1.1", "not-started", "late", "verdicts", False, start)]
    assert page(out, "en/changes/corrections/").select("li.change[data-kind=method]")
    assert "Method changed" in (out / "en/changes.xml").read_text("utf-8")


def test_a_record_that_starts_at_the_first_commit_has_no_change_of_method(built):
    assert not (built / "data/changes.json").read_text("utf-8").count('"kind": "method"')
