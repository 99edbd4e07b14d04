"""What the command-line build cache saves, for one or more checkouts of this project:

    python bench/cache_cost.py [CHECKOUT ...] [--runs R]

For each checkout (default: this one), on a private copy of its real content: a clean build
(`--no-cache`), a rebuild with nothing changed, a rebuild after editing one note, and `check`,
all with the cache; median seconds of R runs, the checkouts' runs alternating so that the
machine's other load falls on all of them alike. Prints figures; asserts nothing.
"""
from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOTE = "progress/2017-06-30-8-5-mp-ethics-law-adopted.en.md"
STEPS = ("clean build", "unchanged rebuild", "one-note rebuild", "check")


def seconds(args: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "build.py", *args], cwd=cwd, check=True, capture_output=True)
    return time.perf_counter() - start


def one_round(project: Path, run: int) -> dict[str, float]:
    shutil.rmtree(project / ".napsite-cache", ignore_errors=True)
    out = ["--output", str(project / "out")]
    times = {"clean build": seconds(["--no-cache", *out], project)}
    seconds(out, project)  # fills the cache
    times["unchanged rebuild"] = seconds(out, project)
    note = project / "content" / NOTE
    note.write_text(note.read_text("utf-8") + f"\nEdited in run {run}.\n", "utf-8")
    times["one-note rebuild"] = seconds(out, project)
    times["check"] = seconds(["check"], project)
    return times


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("checkouts", nargs="*", default=[str(ROOT)])
    ap.add_argument("--runs", type=int, default=5)
    a = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="napsite-cache-cost-") as tmp:
        projects = []
        for i, checkout in enumerate(map(Path, a.checkouts)):
            project = Path(tmp, str(i))
            shutil.copytree(checkout, project, ignore=shutil.ignore_patterns(
                ".git", ".venv", "output", ".napsite-cache", "__pycache__", "*.mo"))
            projects.append(project)
        results = [{s: [] for s in STEPS} for _ in projects]
        for run in range(a.runs):
            for project, result in zip(projects, results):
                for step, t in one_round(project, run).items():
                    result[step].append(t)
        print(f"median of {a.runs} runs, seconds")
        print("checkout".ljust(40) + "".join(s.rjust(20) for s in STEPS))
        for checkout, result in zip(a.checkouts, results):
            print(str(checkout)[-40:].ljust(40) + "".join(f"{statistics.median(result[s]):20.2f}" for s in STEPS))


if __name__ == "__main__":
    main()
