"""The command line: build (default), check, serve, new-note. Exit 0 ok, 1 content errors, 2 bad usage."""
from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from pathlib import Path

from .build import build, check
from .problems import Problems
from .writer import write_site


def report(problems: Problems, building: bool = True, stream=None) -> None:
    stream = stream or sys.stderr  # looked up when called, so that a redirected stderr is used
    for p in problems.errors + problems.warnings:
        print(p, file=stream)
    if problems.errors:
        n = len(problems.errors)
        after = ": nothing was written; the previous output is unchanged." if building else "."
        print(f"{n} error{'s' if n != 1 else ''}{after}", file=stream)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="build.py", description="Build the open government action plan site.")
    parser.add_argument("--content", default="content", type=Path, help="content folder (default: content)")
    parser.add_argument("--output", default="output", type=Path, help="output folder (default: output)")
    parser.add_argument("--base-url", help="public address of the site, e.g. https://example.org/nap/")
    sub = parser.add_subparsers(dest="command")
    c = sub.add_parser("check", help="validate the content; write nothing")
    c.add_argument("--content", default=argparse.SUPPRESS, type=Path)
    s = sub.add_parser("serve", help="build, serve, rebuild on change and reload the browser")
    s.add_argument("--port", type=int, default=8000)
    s.add_argument("--host", default="127.0.0.1")
    s.add_argument("--content", default=argparse.SUPPRESS, type=Path)
    s.add_argument("--output", default=argparse.SUPPRESS, type=Path)
    n = sub.add_parser("new-note", help="write a pair of progress note files ready to edit")
    n.add_argument("measure", help="the measure id, e.g. 1.2")
    n.add_argument("--date", help="YYYY-MM-DD (default: today)")
    n.add_argument("--slug", default="update", help="a few words for the file name, e.g. mobile-app")
    n.add_argument("--content", default=argparse.SUPPRESS, type=Path)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.base_url and not args.base_url.startswith(("http://", "https://")):
        parser.error("--base-url must be a full address starting with http:// or https://")
    if not args.content.is_dir():
        print(f"{args.content}: no such content folder", file=sys.stderr)
        return 2
    try:
        if args.command == "check":
            problems, _ = check(args.content)
            report(problems, building=False)
            if not problems.errors:
                print(f"{args.content}: no errors ({len(problems.warnings)} warnings)", file=sys.stderr)
            return 1 if problems.errors else 0
        if args.command == "serve":
            from .serve import serve

            return serve(args.content, args.output, args.host, args.port, args.base_url)
        if args.command == "new-note":
            from .notes import new_note

            return new_note(args.content, args.measure, args.date, args.slug)
        return _build(args)
    except KeyboardInterrupt:
        print("stopped", file=sys.stderr)
        return 130


def _build(args) -> int:
    started = time.perf_counter()
    result = build(args.content, args.base_url)
    report(result.problems)
    if not result.ok:
        return 1
    write_site(result.files, args.output)
    pages = sum(1 for f in result.files if f.endswith(".html"))
    print(f"built {pages} pages ({len(result.files)} files) into {args.output}/ "
          f"in {time.perf_counter() - started:.2f} s", file=sys.stderr)
    return 0
