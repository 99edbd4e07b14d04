"""The tracker's own record: what each commit of content/ changed in what the pages assert.

Computed at build time from git alone (`git log`, `git rev-parse`, `git ls-tree`, `git cat-file`
with fixed formats, run with `-C` the content folder's repository). Each commit's content/ is
written into a temporary folder and judged by the SAME loader, assembler and judgement rules as
the live build; what a page asserts is kept as plain data (a Snapshot), cached in the build
cache's results store by the content folder's tree id, so a rebuild judges only new trees. Dates
are committer dates in UTC: the same commit gives the same bytes on any machine and clock.
"""
from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .memo import RESULTS
from .problems import Problems
from .snapshot import UNKNOWN

SNAPSHOT_VERSION = 3  # bump when what a snapshot records changes
JUDGED: list[str] = []  # the trees this process judged (not taken from the cache); tests read it
GIT_TIMEOUT = 60
# The kinds of change, in the order they are listed within one commit and measure.
KINDS = ("method", "verdict", "level", "later", "note_added", "note_removed", "note_corrected", "wording",
         "implementers", "period", "text", "amendment")
# What the changes page's filters group them by.
GROUPS = {"verdicts": ("method", "verdict", "level", "later"), "notes": ("note_added", "note_removed", "note_corrected"),
          "plan": ("implementers", "period", "text", "amendment"), "wording": ("wording",)}
FILTERS = ("verdicts", "notes", "corrections", "plan", "wording")


@dataclass(frozen=True)
class Commit:
    id: str  # the full commit id
    date: dt.date  # the committer date, in UTC
    stamp: str  # the committer time in UTC, for Atom: 2026-12-02T14:09:04Z
    subject: str  # the first line of its message (English, as the repository writes them)

    @property
    def uncommitted(self) -> bool:
        """The preview server's stand-in for the working tree's changes (id "")."""
        return not self.id


@dataclass(frozen=True)
class Change:
    """One change to what a measure's page asserts, made by one commit."""

    commit: Commit
    measure_id: str
    kind: str  # one of KINDS
    old: str = ""  # a verdict or level code, a note's key, a list joined with ' '…
    new: str = ""
    title_az: str = ""  # the note's title (for note changes), in each language
    title_en: str = ""
    correction: bool = False  # it reverses what the page asserted before (a verdict, a level, a note's date or claim)
    seq: int = 0  # its place within the record (0 = newest), for anchors and feed ids
    more: tuple[tuple[str, str], ...] = ()  # wording: the (az, en) titles of the other notes reworded with it

    @property
    def anchor(self) -> str:
        return f"c{self.commit.id[:10]}-{self.measure_id.replace('.', '-')}-{self.kind}-{self.seq}"

    @property
    def group(self) -> str:
        return next(g for g, kinds in GROUPS.items() if self.kind in kinds)


@dataclass(frozen=True)
class Skipped:
    commit: Commit
    reason: str  # the first problem the current loader found in that commit's content


@dataclass(frozen=True)
class History:
    start: Commit  # the commit the record starts from (site.yaml's history_from)
    changes: tuple[Change, ...]  # newest first
    skipped: tuple[Skipped, ...] = ()  # commits whose content the current loader refuses, newest first
    repository: str = ""  # the public repository's address, for commit links ("" = no links)

    def of(self, measure_id: str) -> tuple[Change, ...]:
        return tuple(c for c in self.changes if c.measure_id == measure_id)

    def last_status_change(self, measure_id: str) -> Change | None:
        return next((c for c in self.changes if c.measure_id == measure_id and c.group == "verdicts"), None)

    def last_correction(self, measure_id: str) -> Change | None:
        """The latest change of the verdict or level at the deadline: the page says it was corrected."""
        return next((c for c in self.changes if c.measure_id == measure_id and (c.kind in ("verdict", "level") or c.kind == "method" and c.correction)), None)

    def in_filter(self, name: str) -> tuple[Change, ...]:
        if name == "corrections":
            return tuple(c for c in self.changes if c.correction)
        return tuple(c for c in self.changes if c.kind in GROUPS[name])

    def commit_url(self, commit: Commit) -> str:
        return f"{self.repository.rstrip('/')}/commit/{commit.id}" if self.repository else ""


def _git(root: str, *args: str, stdin: bytes | None = None) -> bytes:
    """git's output; OSError (no git) or CalledProcessError (not a repository, unknown commit)."""
    env = {**os.environ, "LC_ALL": "C", "TZ": "UTC", "GIT_TERMINAL_PROMPT": "0"}
    # settings that would change what these fixed formats print, whatever the user's config says
    fixed = ["-c", "log.showSignature=false", "-c", "core.quotePath=false", "-c", "log.decorate=false",
             "-c", "i18n.logOutputEncoding=UTF-8", "--no-pager"]
    return subprocess.run(["git", *fixed, "-C", root, *args], input=stdin, capture_output=True, check=True,
                          timeout=GIT_TIMEOUT, env=env).stdout


def _commit(fields: list[str]) -> Commit:
    when = dt.datetime.fromtimestamp(int(fields[1]), dt.timezone.utc)
    return Commit(fields[0], when.date(), when.strftime("%Y-%m-%dT%H:%M:%SZ"), fields[2])


def record(content: Path, history_from: str, repository: str, problems: Problems, live=None) -> History | None:
    """The record of changes since `history_from`, or None (and one warning) where there is no full history.
    With `live` (the preview server's Site of the working tree), what the working tree changed since
    the last commit comes first, as uncommitted."""
    where = f"{content.as_posix().rstrip('/')}/site.yaml"

    def without(reason: str) -> None:
        problems.warning(where, 1, f"{reason}; the pages leave out their history of changes "
                         "(see docs/deploy.md for getting the full history)")

    folder = str(content.resolve())
    try:
        if _git(folder, "rev-parse", "--is-shallow-repository").strip() == b"true":
            return without("this is a shallow clone of the repository, without the full history")
        prefix = _git(folder, "rev-parse", "--show-prefix").decode().strip().rstrip("/")
        root = _git(folder, "rev-parse", "--show-toplevel").decode().strip()
    except (OSError, subprocess.SubprocessError):
        return without("the content folder is not in a git repository")
    try:
        start = _git(root, "rev-parse", "--verify", "--quiet", f"{history_from}^{{commit}}").decode().strip()
        line = _git(root, "rev-list", "--first-parent", "HEAD").decode().split()
    except (OSError, subprocess.SubprocessError):
        return without(f"history_from: {history_from} is not a commit of this clone")
    if start not in line:
        return without(f"history_from: {history_from} is not on the first-parent line of HEAD")
    newer = line[:line.index(start)]
    path = ["--", prefix] if prefix else []
    try:
        touching = set(_git(root, "log", "--first-parent", "--format=%H", "HEAD", *path).decode().split())
        wanted = [start] + [c for c in reversed(newer) if c in touching]  # oldest first
        commits = _describe(root, wanted)
        spec = [f"{c}:{prefix}" if prefix else f"{c}^{{tree}}" for c in wanted]
        trees = _git(root, "rev-parse", *spec).decode().split()
    except (OSError, subprocess.SubprocessError, KeyError, ValueError):
        return without(f"the content folder {prefix or '/'} is not in every commit since history_from")
    return _compare(root, commits, trees, repository, live, _earlier(root, start, prefix))


def _earlier(root: str, start: str, prefix: str) -> dict[str, str]:
    """What the pages headed with just before the record starts, by the earlier method (napsite/method.py)."""
    from . import method

    try:
        tree = _git(root, "rev-parse", "--verify", "--quiet", f"{start}^:{prefix}" if prefix else f"{start}^^{{tree}}")
    except (OSError, subprocess.SubprocessError):
        return {}  # the record starts at the first commit, or the folder was not there before it
    return method.headlines(root, tree.decode().strip(), _git)


def _describe(root: str, ids: list[str]) -> list[Commit]:
    out = _git(root, "log", "--no-walk=unsorted", "--format=%H%x1f%ct%x1f%s%x1e", *ids).decode("utf-8", "replace")
    found = {c.id: c for c in (_commit(r.strip("\n").split("\x1f")) for r in out.split("\x1e") if r.strip())}
    return [found[i] for i in ids]


def _compare(root: str, commits: list[Commit], trees: list[str], repository: str, live=None,
             earlier: dict[str, str] | None = None) -> History:
    from . import method
    from .snapshot import diff, state_of

    changes: list[Change] = []
    skipped: list[Skipped] = []
    before = None
    # One folder for every commit: its files keep their paths from one commit to the next, so the
    # loader's memos (napsite/memo.py) parse and check again only the files a commit changed.
    with tempfile.TemporaryDirectory(prefix="napsite-history-") as tmp:
        work = _Work(Path(tmp) / "content", {})
        states = [snapshot(root, tree, work) for tree in trees]
    for commit, state in zip(commits, states):
        if "error" in state:
            skipped.append(Skipped(commit, state["error"]))
            continue
        if before is not None:
            changes.extend(diff(commit, before, state))
        elif commit == commits[0] and earlier:  # the change of method the record starts with
            changes.extend(method.changes(commit, earlier, state))
        before = state  # a commit that does not load is skipped: the next is compared with the last that did
    if live is not None and before is not None:  # dated as the last commit, shown as not yet committed
        last = commits[-1]
        changes.extend(diff(Commit("", last.date, last.stamp, ""), before, state_of(live)))
    changes.reverse()  # newest commit first; within one, measures in plan order as diff gives them
    ordered = []
    for commit_id in dict.fromkeys(c.commit.id for c in changes):
        ordered += sorted((c for c in changes if c.commit.id == commit_id), key=_order)
    ordered = [Change(**{**c.__dict__, "seq": n}) for n, c in enumerate(ordered)]
    return History(commits[0], tuple(ordered), tuple(reversed(skipped)), repository)


def _order(c: Change) -> tuple:
    from .assemble import plan_order

    return (plan_order(c.measure_id), KINDS.index(c.kind), c.old, c.new)


@dataclass
class _Work:
    """This build's own folder the commits' content is written into, one commit at a time."""

    folder: Path
    files: dict  # path -> blob id of what is in it now


def snapshot(root: str, tree: str, work: _Work) -> dict:
    """What the pages of the content in `tree` assert, as data ({"error": …} when it does not load)."""
    return RESULTS(("history-snapshot", SNAPSHOT_VERSION, tree), lambda: _judge(root, tree, work))


def _judge(root: str, tree: str, work: _Work) -> dict:
    from .assemble import assemble
    from .loaders import read_content
    from .snapshot import state_of

    JUDGED.append(tree)
    folder = work.folder
    _extract(root, tree, folder, work.files)
    problems = Problems()
    try:
        site = assemble(read_content(folder, problems), problems)
    except Exception as exc:  # noqa: BLE001 - an old commit's content the current code cannot read is skipped
        return {"error": f"the current loader cannot read this content ({type(exc).__name__})"}
    if site is None or problems.errors:
        first = problems.errors[0] if problems.errors else None
        reason = f"{_inside(first.path)}:{first.line}: {first.message}" if first else "the content did not load"
        return {"error": reason}
    return state_of(site)


def _inside(path: str) -> str:
    """A problem's path without the temporary folder: 'progress/….md', or 'content' for the folder itself,
    so that the same commit gives the same words on any machine."""
    rest = re.split(r"napsite-history-[^/]*/content/?", path, maxsplit=1)
    return (rest[1] or "content") if len(rest) == 2 else path


def _extract(root: str, tree: str, folder: Path, on_disk: dict) -> None:
    """Every file of `tree` under `folder`, as git stores it (links and submodules are left out).
    `on_disk` (path -> blob id) is what an earlier commit left there: only the files that differ
    are written and those gone removed, since a commit changes a few files of hundreds."""
    listing = _git(root, "ls-tree", "-r", "-z", "--full-tree", tree).split(b"\0")
    wanted = {}
    for entry in filter(None, listing):
        meta, _, name = entry.partition(b"\t")
        mode, kind, blob = meta.decode().split()
        rel = PurePosixPath(name.decode("utf-8", "replace"))
        if kind != "blob" or mode == "120000" or rel.is_absolute() or ".." in rel.parts:
            continue
        wanted[rel] = blob
    for rel in [r for r in on_disk if r not in wanted]:
        folder.joinpath(*rel.parts).unlink()
        del on_disk[rel]
    todo = [(blob, rel) for rel, blob in wanted.items() if on_disk.get(rel) != blob]
    folder.mkdir(parents=True, exist_ok=True)
    if not todo:
        return
    out = _git(root, "cat-file", "--batch", stdin="".join(f"{b}\n" for b, _ in todo).encode())
    at = 0
    for blob, rel in todo:
        header_end = out.index(b"\n", at)
        size = int(out[at:header_end].split()[2])
        data = out[header_end + 1:header_end + 1 + size]
        at = header_end + 1 + size + 1
        target = folder.joinpath(*rel.parts)
        for parent in reversed(target.relative_to(folder).parents[:-1]):  # a file where a folder now is
            if folder.joinpath(parent).is_file():
                folder.joinpath(parent).unlink()
                on_disk.pop(PurePosixPath(parent.as_posix()), None)
        if target.is_dir():  # an emptied folder where a file now is
            shutil.rmtree(target)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(_migrated(rel, data))
        on_disk[rel] = blob


# Notes written before `publisher` was required (2 December 2026) name no publisher. The field is
# shown, never judged, so such a note is read with the publisher unknown (snapshot.UNKNOWN) rather
# than the whole commit skipped: the record then starts where the judgement rule does.
_NO_PUBLISHER = re.compile(rb"\A(---\r?\n(?:(?!---).*\r?\n)*?)(reported_by:[^\n]*\n)")


def _migrated(rel: PurePosixPath, data: bytes) -> bytes:
    if rel.parts[:1] != ("progress",) or not rel.name.endswith(".md"):
        return data
    head = data.split(b"\n---", 1)[0]
    if re.search(rb"^publisher:", head, re.M):
        return data
    return _NO_PUBLISHER.sub(lambda m: m.group(1) + m.group(2) + b'publisher: "' + UNKNOWN.encode() + b'"\n',
                             data, count=1)
