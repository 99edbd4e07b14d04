"""One pass: read content, assemble the model, render every file. Shared by the CLI and the server."""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from .assemble import assemble
from .hosting import host_files
from .loaders import read_content
from .model import Site
from .problems import Problems
from .render import TEMPLATES, Assets, RenderCache, render_site


# The real site is 16 times its content; a site far larger means amplification (one note
# expanded into every page and feed), and is stopped before it fills a CI runner's disk.
OUTPUT_BASE = 20_000_000
OUTPUT_GROWTH = 100


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
    return problems, site


def build(content: Path, base_url: str | None = None, templates: Path = TEMPLATES,
          cache: RenderCache | None = None) -> BuildResult:
    """Everything but writing: the caller decides where the files go. The preview server passes
    a `cache` so that files whose inputs did not change are not rendered again."""
    problems = Problems()
    raw = read_content(content, problems)
    site = assemble(raw, problems)  # dates come from the content alone (site.yaml as_of)
    if site is None:
        return BuildResult(problems)
    if base_url:
        site = _with_base_url(site, base_url)
    files = render_site(site, Assets.load(), problems, templates, cache)
    total, limit = sum(map(len, files.values())), OUTPUT_BASE + OUTPUT_GROWTH * raw.size
    if total > limit:
        problems.error(raw.root, 1, f"the site would be {total:,} bytes, more than {OUTPUT_GROWTH} times its "
                       f"content ({raw.size:,} characters) allows; some text is repeated or expanded far "
                       "beyond its length; nothing was written")
        return BuildResult(problems, site)
    if files:
        files.update(host_files(site))
    return BuildResult(problems, site, files)


def _with_base_url(site: Site, base_url: str) -> Site:
    return replace(site, base_url=base_url if base_url.endswith("/") else base_url + "/")
