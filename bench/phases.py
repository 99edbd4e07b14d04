"""Where one cold build spends its time, phase by phase, in a fresh process, as `build.py --no-cache`
runs it (pages in one process per CPU for large sites, then the search index, then the write):

    python bench/phases.py [CONTENT] [--workers N] [--profile N]

Prints seconds per phase; with --profile, the N most expensive functions of this process (cProfile,
by own time; the work of forked processes is not in it). Asserts nothing.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("content", nargs="?", default=str(ROOT / "content"))
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--profile", type=int, default=0)
    a = ap.parse_args()
    marks = [("start", time.perf_counter())]

    def mark(name):
        marks.append((name, time.perf_counter()))

    profiler = None
    if a.profile:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    from napsite import build as b, search
    from napsite.assemble import assemble
    from napsite.loaders import read_content
    from napsite.problems import Problems
    from napsite.render import Assets, render_site
    from napsite.writer import write_site
    mark("imports")
    problems = Problems()
    raw = read_content(Path(a.content), problems)
    mark("read + parse")
    site = assemble(raw, problems)
    mark("validate + assemble")
    files = render_site(site, Assets.load(), problems, workers=a.workers)
    files.update(b.host_files(site))
    mark("render (pages, feeds, exports)")
    files.update(search.index(files))
    mark("search index (stems + Pagefind)")
    with tempfile.TemporaryDirectory(dir="/dev/shm" if Path("/dev/shm").is_dir() else None) as tmp:
        write_site(files, Path(tmp) / "out")
        mark("write (staging + swap)")
    if profiler:
        profiler.disable()
    for (_, t0), (name, t1) in zip(marks, marks[1:]):
        print(f"{name:34s} {t1 - t0:7.3f} s")
    print(f"{'total':34s} {marks[-1][1] - marks[0][1]:7.3f} s  ({len(files)} files, {len(problems.errors)} errors)")
    if profiler:
        import pstats

        pstats.Stats(profiler).sort_stats("tottime").print_stats(a.profile)


if __name__ == "__main__":
    main()
