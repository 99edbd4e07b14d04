"""One pass: read content, assemble the model, render every file. Shared by the CLI and the server."""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from .assemble import assemble
from .budget import BASE as OUTPUT_BASE, GROWTH as OUTPUT_GROWTH, excess
from .hosting import host_files
from .loaders import read_content
from .model import Site
from .problems import Problems


@dataclass
class BuildResult:
    problems: Problems
    site: Site | None = None
    files: dict = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems and bool(self.files)


def check(content: Path) -> tuple[Problems, Site | None]:
    problems = Problems()
    raw = read_content(content, problems)
    site = assemble(raw, problems)  # dates come from the content alone (site.yaml as_of)
    if site is not None:
        _within_budget(site, raw, problems)
    return problems, site


def _within_budget(site: Site, raw, problems: Problems) -> list | None:
    """The plan of routes, or None (and a problem) when it would make far more than the content allows."""
    from .routes import plan

    routes = plan(site)
    too_much = excess(routes, raw.size)
    if too_much:
        problems.error(raw.root, 1, too_much)
        return None
    return routes


def build(content: Path, base_url: str | None = None, templates: Path | None = None,
          cache=None, workers: int = 1, preview: bool = False) -> BuildResult:
    """Everything but writing: the caller decides where the files go. The preview server passes
    a render.RenderCache, the command line a cache.PageCache, so that files whose inputs did
    not change are not rendered again. The command line passes `workers` (the CPU count): a large
    site's pages are then rendered in that many forked processes."""
    from .render import TEMPLATES, Assets, render_site  # not needed by `check`: Jinja loads only here

    templates = templates or TEMPLATES
    problems = Problems()
    raw = read_content(content, problems)
    site = assemble(raw, problems)  # dates come from the content alone (site.yaml as_of)
    if site is None:
        return BuildResult(problems)
    if base_url:
        site = _with_base_url(site, base_url)
    site = with_history(site, content, problems, preview)
    routes = _within_budget(site, raw, problems)
    if routes is None:
        return BuildResult(problems, site)
    files = render_site(site, Assets.load(), problems, templates, cache, workers, routes)
    # What was rendered is measured too, by the same bound: the plan's estimate leaves out the
    # feeds and data files.
    total, limit = sum(map(len, files.values())), OUTPUT_BASE + OUTPUT_GROWTH * raw.size
    if total > limit:
        problems.error(raw.root, 1, f"the site would be {total:,} bytes, more than {OUTPUT_GROWTH} times its "
                       f"content ({raw.size:,} characters) allows; some text is repeated or expanded far "
                       "beyond its length; nothing was written")
        return BuildResult(problems, site)
    if files:
        files.update(host_files(site))
    return BuildResult(problems, site, files)


def with_history(site: Site, content: Path, problems: Problems, preview: bool = False) -> Site:
    """The site with its record of changes from git (napsite/history.py), where site.yaml names the
    commit it starts from; without full history, one warning and no record. The preview server
    (`preview`) also shows what the working tree changed since the last commit, as uncommitted."""
    if not site.history_from:
        return site
    from .history import record

    return replace(site, history=record(content, site.history_from, site.repository, problems,
                                        live=site if preview else None))


def _with_base_url(site: Site, base_url: str) -> Site:
    return replace(site, base_url=base_url if base_url.endswith("/") else base_url + "/")
