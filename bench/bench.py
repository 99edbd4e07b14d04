"""Speed and weight, measured: `python bench/bench.py`. Prints figures; asserts nothing
(timed unit tests are flaky on shared machines; read the numbers instead)."""
from __future__ import annotations

import gzip
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from napsite.build import build, check  # noqa: E402
from napsite.render import RenderCache  # noqa: E402
from napsite.writer import write_site  # noqa: E402


def timed(fn, runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def one_note_rebuild(tmp: Path) -> float:
    """What `build.py serve` does when an editor saves a progress note."""
    import shutil

    content = tmp / "content"
    shutil.copytree(ROOT / "content", content)
    note = content / "progress" / "2017-06-30-8-5-mp-ethics-law-adopted.en.md"
    cache = RenderCache()
    build(content, cache=cache)
    times = []
    for i in range(10):
        note.write_text(note.read_text("utf-8") + f"\nEdit {i}.\n", "utf-8")
        start = time.perf_counter()
        build(content, cache=cache)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    content = ROOT / "content"
    result = build(content)
    with tempfile.TemporaryDirectory() as tmp:
        cold = timed(lambda: subprocess.run([sys.executable, str(ROOT / "build.py"), "--output",
                                             str(Path(tmp) / "cli")], check=True, capture_output=True), 3)
        print(f"python build.py, a fresh process:   {cold * 1000:.0f} ms")
        # In one process, parsed files and compiled templates are reused: the server's case.
        print(f"check, warm (load+validate+assemble): {timed(lambda: check(content)) * 1000:.0f} ms")
        print(f"full build in memory, warm:         {timed(lambda: build(content)) * 1000:.0f} ms")
        print(f"full build + atomic write:          "
              f"{timed(lambda: write_site(build(content).files, Path(tmp) / 'out')) * 1000:.0f} ms")
        print(f"preview rebuild after editing one note: {one_note_rebuild(Path(tmp)) * 1000:.0f} ms "
              "(median of 10, with the server's cache)")
    pages = [p for p in result.files if p.endswith(".html")]
    print(f"pages: {len(pages)}; files: {len(result.files)}")
    css = next(v for k, v in result.files.items() if k.endswith(".css"))
    for page in ("en/measures/4-1-3/index.html", "az/index.html", "az/timeline/index.html"):
        html = result.files[page]
        print(f"{page}: {len(html):,} B html, {len(gzip.compress(html, 9)):,} B gzip; "
              f"+ css {len(gzip.compress(css, 9)):,} B gzip = "
              f"{len(gzip.compress(html, 9)) + len(gzip.compress(css, 9)):,} B first paint")


if __name__ == "__main__":
    main()
