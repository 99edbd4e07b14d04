"""The command line: build (default), check, serve, new-note. Exit 0 ok, 1 content errors, 2 bad usage."""
from __future__ import annotations

import argparse
import os
import re
import sys
import time
from pathlib import Path

from .build import build, check
from .loaders import is_symlink
from .problems import WARNING, Problem, Problems

MEASURE_ID = re.compile(r"[1-9][0-9]?(\.[1-9][0-9]?){1,2}")


def report(problems: Problems, building: bool = True, stream=None) -> None:
    stream = stream or sys.stderr  # looked up when called, so that a redirected stderr is used
    for p in problems.errors + problems.warnings:
        print(p, file=stream)
    if problems.errors:
        n = len(problems.errors)
        after = ": nothing was written; the previous output is unchanged." if building else "."
        print(f"{n} error{'s' if n != 1 else ''}{after}", file=stream)


def github_annotation(problem: Problem) -> str:
    """A problem as a GitHub Actions workflow command, which a pull request shows on the file and
    line it names. Property values escape ',' and ':' too (GitHub's rules for them)."""
    def data(text: str) -> str:
        return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

    def prop(text: str) -> str:
        return data(text).replace(":", "%3A").replace(",", "%2C")

    kind = "warning" if problem.severity == WARNING else "error"
    return f"::{kind} file={prop(problem.path)},line={problem.line}::{data(problem.message)}"


def _folder(value: str) -> Path:
    """An empty path means the working folder to Python; for a folder option it is always a
    mistake (an unset variable in a script), so it is refused rather than guessed."""
    if not value.strip():
        raise argparse.ArgumentTypeError("an empty folder name; give a folder, e.g. content or output")
    return Path(value)


def _port(value: str) -> int:
    if not value.isdigit() or not 1 <= int(value) <= 65535:
        raise argparse.ArgumentTypeError(f"'{value}' is not a port number; use one from 1 to 65535, e.g. 8001")
    return int(value)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="build.py", description="Build the open government action plan site.")
    parser.add_argument("--content", default=Path("content"), type=_folder, help="content folder (default: content)")
    parser.add_argument("--output", type=_folder, help="output folder (default: output); the build replaces "
                        "it whole, so it must be empty, new or made by an earlier build")
    parser.add_argument("--base-url", help="public address of the site, e.g. https://example.org/nap/")
    parser.add_argument("--no-cache", action="store_true",
                        help="build clean: neither read nor write the build cache (.napsite-cache/ "
                        "beside the content folder, which is always safe to delete)")
    sub = parser.add_subparsers(dest="command")
    c = sub.add_parser("check", help="validate the content; write nothing")
    c.add_argument("--content", default=argparse.SUPPRESS, type=_folder)
    c.add_argument("--format", choices=["text", "github"], default="text",
                   help="github: also print each problem as a GitHub Actions annotation on stdout")
    s = sub.add_parser("serve", help="build, serve from memory, rebuild on change and reload the browser; "
                       "writes no files")
    s.add_argument("--port", type=_port, default=8000)
    s.add_argument("--host", default="127.0.0.1")
    s.add_argument("--content", default=argparse.SUPPRESS, type=_folder)
    n = sub.add_parser("new-note", help="write a pair of progress note files ready to edit")
    n.add_argument("measure", help="the measure id, e.g. 1.2")
    n.add_argument("--date", help="YYYY-MM-DD (default: today)")
    n.add_argument("--slug", default="update", help="a few words for the file name, e.g. mobile-app")
    n.add_argument("--content", default=argparse.SUPPRESS, type=_folder)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.base_url is not None and not re.fullmatch(r"https?://[^\s\x00-\x1f\x7f]+", args.base_url):
        parser.error("--base-url must be a full address starting with http:// or https://, without spaces")
    if not args.content.is_dir():
        print(f"{args.content}: no such content folder", file=sys.stderr)
        return 2
    if args.command == "serve" and args.output is not None:
        parser.error("serve keeps the preview in memory and writes no files, so --output does not apply; "
                     "to write the site, run build.py --output DIR")
    if args.command == "new-note" and not MEASURE_ID.fullmatch(args.measure):
        parser.error(f"'{args.measure}' is not a measure id; write it as in the plan, e.g. 1.2 or 4.1.3")
    if args.command == "new-note" and is_symlink(args.content / "progress"):
        parser.error(f"{args.content}/progress is a symbolic link; new-note writes only inside the content folder")
    try:
        if args.command == "check":
            if not args.no_cache:  # read only: check writes nothing, not even the cache
                from .cache import BuildCache, folder_for

                BuildCache.load(folder_for(args.content))
            problems, _ = check(args.content)
            if args.format == "github":
                for p in problems.errors + problems.warnings:
                    print(github_annotation(p))
            report(problems, building=False)
            if not problems.errors:
                print(f"{args.content}: no errors ({len(problems.warnings)} warnings)", file=sys.stderr)
            return 1 if problems.errors else 0
        if args.command == "serve":
            from .serve import serve

            return serve(args.content, args.host, args.port, args.base_url)
        if args.command == "new-note":
            from .notes import new_note

            return new_note(args.content, args.measure, args.date, args.slug)
        return _build(args)
    except KeyboardInterrupt:
        print("stopped", file=sys.stderr)
        return 130


def _build(args) -> int:
    from . import search  # here, not at the top: `check` needs neither Pagefind nor Babel
    from .writer import UnsafeOutput, check_output, protected_folders, write_site

    started = time.perf_counter()
    output = args.output or Path("output")
    protected = protected_folders(args.content)
    cache = None
    try:
        check_output(output, protected)  # before the work, so a wrong --output is said at once
        if not args.no_cache:
            from .cache import BuildCache, folder_for
            from .render import TEMPLATES

            cache = BuildCache.load(folder_for(args.content), TEMPLATES)
        result = build(args.content, args.base_url, cache=cache and cache.pages, workers=os.cpu_count() or 1)
        report(result.problems)
        if not result.ok:
            return 1
        files = {**result.files, **search.index(result.files)}  # written with the pages, in one swap
        write_site(files, output, protected)
        if cache:
            cache.save()
    except UnsafeOutput as exc:
        print(f"{exc}. Nothing was written.", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"cannot write the site into {output}/: {exc.strerror or exc} ({exc.filename or output}); "
              "the previous output is unchanged.", file=sys.stderr)
        return 1
    pages = sum(1 for f in files if f.endswith(".html"))
    print(f"built {pages} pages ({len(files)} files, search index included) into {output}/ "
          f"in {time.perf_counter() - started:.2f} s", file=sys.stderr)
    return 0
