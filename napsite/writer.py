"""Writing the site, and the rule that keeps it from destroying anything: the generator only ever
replaces a folder that it made itself.

A build writes the whole site into a fresh staging folder beside the output, then swaps it in,
so a reader or a failed build never sees half a site and no stale file survives. Every output
folder carries a manifest (MANIFEST) listing the files the build wrote; an existing folder
without one, or with any file the manifest does not list, is never replaced. Neither is a folder
that is, holds or sits inside the content, the templates or the program, nor the working folder,
the home folder or a filesystem root, however the path is spelled.

The swap: on Linux, renameat2(RENAME_EXCHANGE) exchanges the staging folder and output/ in one
step, so output/ is always either the old site or the new one, even under SIGKILL. Elsewhere
two renames are used, and a run killed between them leaves the old site in a marked
`.<name>-old-*` folder that the next build puts back before doing anything else. Concurrent
builds into one folder take turns on a lock file beside it (`.<name>-lock`); leftover staging
folders of killed builds are removed at the next start, but only those that carry our marker.
"""
from __future__ import annotations

import ctypes
import errno
import fcntl
import json
import os
import shutil
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

MANIFEST = ".napsite-output"  # in every output folder: which files the build wrote
STAGING_MARK = ".napsite-staging"  # written first into a staging folder, so a leftover one is known as ours
_KIND = "napsite output manifest"
DIR_MODE, FILE_MODE = 0o755, 0o644  # every folder and file of the site, for any reader


class UnsafeOutput(Exception):
    """The output folder must not be written (a usage mistake: exit code 2)."""


@dataclass(frozen=True)
class Protected:
    """Folders an output may never be, hold or (for inputs) sit inside."""

    inputs: dict  # label -> Path: content, templates, … : the output may not even sit inside them
    places: dict  # label -> Path: working folder, home, project root: the output may not be or hold them


def protected_folders(content: Path | None = None) -> Protected:
    from .i18n import I18N_DIR
    from .render import ROOT, STATIC, TEMPLATES

    inputs = {"the templates": TEMPLATES, "the static files": STATIC, "the translations": I18N_DIR,
              "the program": Path(__file__).resolve().parent, "the project's git folder": ROOT / ".git"}
    if content is not None:
        from .cache import folder_for

        inputs["the content folder"] = content
        inputs["the build cache"] = folder_for(content)
    places = {"the project folder": ROOT, "the working folder": Path.cwd(), "your home folder": Path.home()}
    return Protected(inputs, places)


def _nearest_existing(path: Path) -> Path:
    while not path.exists() and path.parent != path:
        path = path.parent
    return path


def check_output(output: Path, protected: Protected) -> None:
    """Raise UnsafeOutput unless `output` is a folder this generator may replace."""
    shown = str(output)
    if shown in ("", "."):
        raise UnsafeOutput(f"--output '{shown}' is the working folder; name a folder for the site, e.g. --output output")
    target = output.resolve()
    if target.parent == target:
        raise UnsafeOutput(f"--output {shown} is the root of a file system; name a folder for the site")
    if not output.exists() and _nearest_existing(target).parent == _nearest_existing(target):  # "$UNSET/a/site"
        raise UnsafeOutput(f"--output {shown} would make a new folder at the root of the file system (is a "
                           "variable in front of it unset?); name a folder inside another one, e.g. --output "
                           "output, or make that folder first if you really mean it")
    if output.exists() and os.path.ismount(target):
        raise UnsafeOutput(f"--output {shown} is a mount point, which cannot be replaced whole; name a folder "
                           "inside it, e.g. --output " + str(output / "site"))
    for label, folder in protected.places.items():
        folder = folder.resolve()
        if target == folder or folder.is_relative_to(target):
            raise UnsafeOutput(f"--output {shown} is or holds {label} ({folder}); the build replaces the "
                               "whole output folder, so name a separate one, e.g. --output output")
    for label, folder in protected.inputs.items():
        folder = folder.resolve()
        if target == folder or folder.is_relative_to(target) or target.is_relative_to(folder):
            raise UnsafeOutput(f"--output {shown} is, holds or sits inside {label} ({folder}); "
                               "name a folder outside it, e.g. --output output")
    if output.is_symlink():
        raise UnsafeOutput(f"--output {shown} is a symbolic link; name the real folder")
    if not output.exists():
        return
    if not output.is_dir():
        raise UnsafeOutput(f"--output {shown} is a file, not a folder; name a folder for the site")
    if not any(output.iterdir()):
        return
    manifest = read_manifest(output)
    if manifest is None:
        raise UnsafeOutput(f"--output {shown} already holds files that this program did not write (it has no "
                           f"{MANIFEST} file); name an empty or new folder, or move that folder away first")
    unknown = _unknown_entries(output, manifest)
    if unknown:
        listed = ", ".join(unknown[:5]) + (f" and {len(unknown) - 5} more" if len(unknown) > 5 else "")
        raise UnsafeOutput(f"--output {shown} holds files that the last build did not write ({listed}); "
                           "the build would delete them, so move them out of the folder first")


def read_manifest(folder: Path) -> frozenset[str] | None:
    """The files a build wrote into `folder`, or None when it has no valid manifest."""
    path = folder / MANIFEST
    try:
        if path.is_symlink() or not path.is_file() or path.stat().st_size > 50_000_000:
            return None
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("kind") != _KIND or not isinstance(data.get("files"), list):
        return None
    return frozenset(f for f in data["files"] if isinstance(f, str))


def _manifest_bytes(files) -> bytes:
    return (json.dumps({"kind": _KIND, "files": sorted(files)}, indent=0) + "\n").encode("utf-8")


def _unknown_entries(folder: Path, manifest: frozenset[str]) -> list[str]:
    """Entries in `folder` that neither are a listed file nor lead to one (a scan used only to refuse)."""
    dirs = {f[:i] for f in manifest for i in range(len(f)) if f[i] == "/"}
    unknown = []
    pending = [""]  # folders to scan, as prefixes: "" for the top, "en/measures/" below it
    while pending:
        prefix = pending.pop()
        try:
            entries = list(os.scandir(os.path.join(folder, prefix) if prefix else folder))
        except OSError:  # as os.walk: a folder that cannot be listed is passed over
            continue
        for entry in entries:
            rel = prefix + entry.name
            if entry.is_dir():  # following links, as os.walk sorts entries into folders and files
                if entry.is_symlink() or rel not in dirs:
                    unknown.append(rel + ("" if entry.is_symlink() else "/"))
                else:
                    pending.append(rel + "/")
            elif rel not in manifest and rel != MANIFEST:
                unknown.append(rel)
    return sorted(unknown)


@contextmanager
def output_lock(output: Path):
    """Hold the lock file beside `output` for the duration: a second build waits for the first."""
    lock = output.parent / f".{output.name}-lock"
    fd = os.open(lock, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def write_site(files: dict[str, bytes], output: Path, protected: Protected | None = None) -> None:
    """Replace `output` with exactly `files`; UnsafeOutput when `output` is not ours to replace."""
    protected = protected or protected_folders()
    check_output(output, protected)
    target = output.resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    with output_lock(target):
        _clean_leftovers(target)
        check_output(output, protected)  # again: another build may have finished meanwhile
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-new-", dir=target.parent))
        try:
            (staging / STAGING_MARK).write_bytes(b"")
            for rel, data in sorted(files.items()):
                path = staging / rel
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(data)
            (staging / MANIFEST).write_bytes(_manifest_bytes(files))
            (staging / STAGING_MARK).unlink()
            _set_modes(staging)
            _swap_in(staging, target)
        except BaseException:  # Ctrl-C included: the last good site stays where it was
            _remove_ours(staging)
            _clean_leftovers(target)  # interrupted between the two renames: put the old site back
            raise
        _remove_ours(staging)  # after the swap: the old site, or nothing


def _set_modes(folder: Path) -> None:
    """Folders 0755 and files 0644 whatever the umask: the web server reads the site as another
    user, and under umask 077 nginx answered 403 for every page of a build that had succeeded."""
    for top, _, names in os.walk(folder):
        os.chmod(top, DIR_MODE)
        for name in names:
            os.chmod(os.path.join(top, name), FILE_MODE)


def _remove_ours(folder: Path) -> None:
    """Delete a staging folder or an old site, its marker last, so that a run killed half-way
    still leaves a folder that the next start recognises as its own and removes."""
    if not folder.is_dir() or folder.is_symlink():
        return
    mark = folder / STAGING_MARK
    mark.touch()
    for entry in folder.iterdir():
        if entry.name == STAGING_MARK:
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            entry.unlink(missing_ok=True)
    mark.unlink(missing_ok=True)
    folder.rmdir()


def _swap_in(staging: Path, target: Path) -> None:
    """Make `staging` the output; afterwards `staging` names the old site (or nothing)."""
    if not target.exists():
        os.rename(staging, target)
        return
    if _exchange(staging, target):
        return
    old = Path(tempfile.mkdtemp(prefix=f".{target.name}-old-", dir=target.parent))
    os.rmdir(old)
    os.rename(target, old)  # from here until the next rename, output/ is missing: _clean_leftovers repairs it
    os.rename(staging, target)
    os.rename(old, staging)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically (Linux renameat2 RENAME_EXCHANGE); False where unsupported."""
    renameat2 = getattr(_LIBC, "renameat2", None) if _LIBC else None
    if renameat2 is None:
        return False
    if renameat2(-100, os.fsencode(a), -100, os.fsencode(b), 2) == 0:  # AT_FDCWD, RENAME_EXCHANGE
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(b))


try:
    _LIBC = ctypes.CDLL(None, use_errno=True)
except OSError:  # no C library to call: the two-rename swap is used
    _LIBC = None


def _clean_leftovers(target: Path) -> None:
    """Repair what a killed build left: put a lost site back, remove our old staging folders."""
    def ours(path: Path) -> bool:
        return path.is_dir() and not path.is_symlink() and (
            (path / STAGING_MARK).is_file() or read_manifest(path) is not None)

    for path in sorted(target.parent.glob(f".{target.name}-old-*")):
        if ours(path) and not target.exists() and not (path / STAGING_MARK).exists():
            os.rename(path, target)  # killed between the two renames: the old site goes back
    for path in sorted(target.parent.glob(f".{target.name}-old-*")) + sorted(
            target.parent.glob(f".{target.name}-new-*")):
        if ours(path):
            _remove_ours(path)
        elif path.is_dir() and not path.is_symlink() and not any(path.iterdir()):
            path.rmdir()  # killed right after creating it: empty, so nothing is lost
