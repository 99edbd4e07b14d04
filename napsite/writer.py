"""Writing the site: into a fresh sibling folder, then swapped in whole, so a reader or a failed
build never sees half a site and no stale file survives."""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path


def write_site(files: dict[str, bytes], output: Path) -> None:
    output = output.resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    _recover(output)
    staging = Path(tempfile.mkdtemp(prefix=f".{output.name}-new-", dir=output.parent))
    try:
        for rel, data in sorted(files.items()):
            target = staging / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        os.chmod(staging, 0o755)
        old = output.parent / f".{output.name}-old"
        if output.exists():
            os.replace(output, old)
        os.replace(staging, output)
        shutil.rmtree(old, ignore_errors=True)
    except BaseException:  # Ctrl-C included: the last good site stays where it was
        shutil.rmtree(staging, ignore_errors=True)
        _recover(output)
        raise


def update_site(files: dict[str, bytes], output: Path, previous: dict[str, bytes] | None = None) -> list[str]:
    """For the preview server: write only what changed, delete what is gone; returns changed paths.

    `previous` is what the last call wrote; without it, the files on disk are compared."""
    output = output.resolve()
    if previous is None:
        on_disk = [p for p in output.rglob("*") if p.is_file()] if output.exists() else []
        previous = {p.relative_to(output).as_posix(): p.read_bytes() for p in on_disk}
    changed = []
    for rel, data in files.items():
        if previous.get(rel) == data:
            continue
        target = output / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, target)  # a reader never sees half a file
        changed.append(rel)
    for rel in previous.keys() - files.keys():
        (output / rel).unlink(missing_ok=True)
        changed.append(rel)
    return sorted(changed)


def _recover(output: Path) -> None:
    """Put back the previous site if a run was killed between the two renames."""
    old = output.parent / f".{output.name}-old"
    if old.exists() and not output.exists():
        os.replace(old, output)
    elif old.exists():
        shutil.rmtree(old, ignore_errors=True)
