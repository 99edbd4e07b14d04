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


def update_site(files: dict[str, bytes], output: Path) -> list[str]:
    """For the preview server: write only what changed, delete what is gone; returns changed paths."""
    output = output.resolve()
    changed = []
    existing = {p.relative_to(output).as_posix() for p in output.rglob("*") if p.is_file()} if output.exists() else set()
    for rel, data in files.items():
        target = output / rel
        if rel in existing and target.read_bytes() == data:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, target)
        changed.append(rel)
    for rel in existing - files.keys():
        (output / rel).unlink()
        changed.append(rel)
    return sorted(changed)


def _recover(output: Path) -> None:
    """Put back the previous site if a run was killed between the two renames."""
    old = output.parent / f".{output.name}-old"
    if old.exists() and not output.exists():
        os.replace(old, output)
    elif old.exists():
        shutil.rmtree(old, ignore_errors=True)
