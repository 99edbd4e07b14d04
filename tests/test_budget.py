"""Work bounded by what the content asks for: the plan of routes says how much a content set
will make before anything is rendered, and a content set that would make far more than its own
size allows is refused by `check` and by the build, at once, naming the cause."""
from __future__ import annotations

import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import CONTENT, ROOT
from napsite import budget
from napsite.build import build, check
from napsite.loaders import read_content
from napsite.problems import Problems
from napsite.routes import plan


def with_bodies(tmp_path: Path, n: int, role: str) -> Path:
    """The real content with `n` made-up bodies, all named in one measure's `role` list
    (the hostile review's reproduction)."""
    content = tmp_path / f"content-{n}-{role}"
    shutil.copytree(CONTENT, content)
    ids = [f"gen-{i}" for i in range(n)]
    with (content / "institutions.yaml").open("a", encoding="utf-8") as f:
        for i in ids:
            f.write(f'\n- id: {i}\n  kind: body\n  name:\n    az: "Qurum {i}"\n    en: "Body {i}"\n')
    measure = content / "measures" / "1.2.yaml"
    text = measure.read_text("utf-8")
    old = "implementers: [ministry-of-communications]" if role == "implementers" else "recommended: []"
    assert old in text, "fixture drift"
    new = (f"implementers: [ministry-of-communications, {', '.join(ids)}]" if role == "implementers"
           else f"recommended: [{', '.join(ids)}]")
    measure.write_text(text.replace(old, new), "utf-8")
    return content


def cpu_seconds_of(args: list[str]) -> tuple[subprocess.CompletedProcess, float]:
    """CPU time of the child (user + system), which another job on the machine barely moves."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    result = subprocess.run([sys.executable, "build.py", *args], cwd=ROOT, capture_output=True, text=True,
                            timeout=300)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return result, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


@pytest.mark.parametrize("n", [300, 1500])
def test_hundreds_of_implementers_are_refused_by_check_in_seconds(tmp_path, n):
    content = with_bodies(tmp_path, n, "implementers")
    result, cpu = cpu_seconds_of(["--no-cache", "--content", str(content), "check"])
    assert result.returncode == 1, result.stderr
    assert "filtered lists of measures" in result.stderr and "nothing was rendered" in result.stderr
    assert "Traceback" not in result.stderr
    assert cpu < 5, f"check took {cpu:.1f} s of CPU"


def test_the_build_refuses_before_rendering_anything(tmp_path, monkeypatch):
    import napsite.render

    def no_rendering(*args, **kwargs):
        raise AssertionError("rendering began")

    monkeypatch.setattr(napsite.render, "render_site", no_rendering)
    result = build(with_bodies(tmp_path, 300, "implementers"))
    assert not result.files
    assert any("the site would be more than" in p.message for p in result.problems.errors)


def test_the_command_line_build_refuses_and_keeps_the_last_output(tmp_path):
    output = tmp_path / "out"
    output.mkdir()
    content = with_bodies(tmp_path, 300, "implementers")
    result, _ = cpu_seconds_of(["--no-cache", "--content", str(content), "--output", str(output)])
    assert result.returncode == 1
    assert f"{content.name}:1: the site would be more than" in result.stderr  # the path as given, relative to here
    assert not any(output.iterdir())


def test_the_estimate_tracks_the_real_sites_pages(real_model, site_dir):
    """Within a factor of 1.5 either way of what is rendered, and far under the bound: a real
    plan is never refused."""
    routes = plan(real_model)
    estimate = sum(budget.planned(routes).values())
    actual = sum(p.stat().st_size for p in site_dir.rglob("*.html"))
    assert actual / 1.5 < estimate < actual * 1.5, (estimate, actual)
    size = read_content(CONTENT, Problems()).size
    assert estimate * 4 < budget.limit(size)
    assert budget.excess(routes, size) is None


def test_the_real_content_and_fixtures_pass_check():
    problems, site = check(CONTENT)
    assert site is not None and not problems.errors


def test_one_long_text_shown_on_every_page_counts_on_every_page():
    """Each page counts the text it shows; a text shared by many pages counts once per page."""
    from napsite.routes import Route

    long = "x" * 1000
    routes = [Route("page", str(i), "en", "page.html", deps=(long,)) for i in range(10)]
    assert sum(budget.planned(routes).values()) == 10 * (budget.PAGE_FLOOR + 1000)
    assert budget.excess(routes, 0) is None
    message = budget.excess(routes * 2000, 0)
    assert "20,000 of its pages are pages of pages/, each showing about 5,000 bytes" in message


def test_filter_lists_grow_with_the_implementers_not_with_every_body_named(tmp_path):
    """300 bodies a measure is only recommended to: each gets its page and its list, but no filter
    page lists them, so every filter page lists as many filters as without them."""
    def filters_per_page(content: Path) -> set[int]:
        problems, site = check(content)
        assert site is not None, problems.errors
        return {sum(len(g.entries) for g in r.context["groups"]) for r in plan(site) if r.kind == "measures_view"}

    before = filters_per_page(CONTENT)
    after = filters_per_page(with_bodies(tmp_path, 300, "recommended"))
    assert after == before and len(before) == 1
    problems, site = check(with_bodies(tmp_path / "b", 300, "recommended"))
    pages = {r.key for r in plan(site) if r.kind == "measures_view" and r.lang == "en"}
    assert {f"institution/gen-{i}/recommended" for i in range(300)} <= pages
    assert not any(f"institution/gen-{i}/late" in pages for i in range(300))  # lateness is an implementer's


def test_one_pass_lists_are_the_filters(mini, real_model):
    """table.lists (one pass, used by the plan) keeps for every view exactly what View.keeps does."""
    from napsite.table import filtered, lists, rows, views

    for site in (mini.site, real_model):
        table = rows(site)
        kept = lists(table)
        for v in views(site):
            assert kept.get(v, []) == filtered(table, v), v
        assert set(kept) <= set(views(site))  # no list that is not a page
