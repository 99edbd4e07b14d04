"""The build cache kept between command-line builds: `.napsite-cache/` beside the content folder.

It holds what a build can reuse when its inputs are the same: the parsed and validated content
files (keyed by their whole text, with the problems they reported), the HTML of Markdown
texts, the compiled templates (by template source), and every output file with a digest of
everything it was made from (the same keys as the preview server's RenderCache).

It is never trusted blindly: everything in it is thrown away when the generator (its code,
schemas, the libraries it uses, Python) differs from the one that wrote it, the rendered files
when a template, catalog or static file differs, and the whole file when it cannot be read. It
is safe to delete at any time, and `build.py --no-cache` neither reads nor writes it.
"""
from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import hmac
import io
import marshal
import os
import pickle
import subprocess
import sys
import tempfile
from pathlib import Path

from .memo import PARSED, RESULTS, VALIDATED
from .model import Institution, Measure, Note, Page, Section

_MODEL = frozenset({Measure, Note, Section, Institution, Page})

FOLDER = ".napsite-cache"
CONTENT_FILE = "content.pickle"  # parsed and validated files, Markdown HTML: all `check` reads
PAGES_FILE = "pages.pickle"  # rendered files and compiled templates
PROGRAM = Path(__file__).resolve().parent


def folder_for(content: Path) -> Path:
    """Beside the content folder (the project's root for content/), where .gitignore lists it."""
    return content.resolve().parent / FOLDER


def _digest_files(*folders: Path) -> str:
    h = hashlib.sha256()
    for folder in folders:
        for path in sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
            h.update(str(path.relative_to(folder.parent)).encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


def _installed() -> list[str]:
    """The installed distributions with their versions ('Jinja2-3.1.6.dist-info', …), read from the
    folder names on sys.path: importlib.metadata takes longer than building the real site's pages."""
    found = []
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        found += [f"{entry}/{n}" for n in names if n.endswith((".dist-info", ".egg-info"))]
    return sorted(found)


def generator_version() -> str:
    """Changes with any file of the program, an installed library or Python: then nothing is reused."""
    return hashlib.sha256("\n".join([sys.version, *_installed(), _digest_files(PROGRAM)]).encode()).hexdigest()


def presentation_version(templates: Path) -> str:
    """Changes with any template, catalog or static file: then no rendered file is reused."""
    from .render import I18N_DIR, STATIC

    return _digest_files(templates, I18N_DIR, STATIC)


def _ref(digest: bytes):
    """Stands for a model object in a pickled key (such pickles are only hashed, never loaded)."""
    raise NotImplementedError


class _Digests:
    """Digests of page keys in which each model object counts by its own digest, made once per
    build: the measure shown on its page, in lists and in feeds is pickled once, not each time."""

    def __init__(self) -> None:
        self.known: dict[int, tuple] = {}  # id(object) -> (object, digest): the object is kept, so its id stays its own
        self.table = {t: self._reduce for t in _MODEL}
        self.fields = {t: tuple(f.name for f in dataclasses.fields(t)) for t in _MODEL}

    def _reduce(self, obj):
        return _ref, (self.of_object(obj),)

    def of_object(self, obj) -> bytes:
        hit = self.known.get(id(obj))
        if hit is None:
            state = (type(obj).__qualname__, tuple(getattr(obj, name) for name in self.fields[type(obj)]))
            hit = self.known[id(obj)] = (obj, self.of(state))
        return hit[1]

    def of(self, value) -> bytes:
        buffer = io.BytesIO()
        pickler = pickle.Pickler(buffer, protocol=5)
        pickler.dispatch_table = self.table
        pickler.dump(value)
        return hashlib.blake2b(buffer.getbuffer(), digest_size=20).digest()


class PageCache:
    """The RenderCache protocol, with keys kept as digests so that it can be saved between runs."""

    def __init__(self, stored: dict | None = None) -> None:
        self.stored = stored or {}  # path -> (digest of the key, bytes), from the last build
        self._files: dict[str, tuple] = {}
        self._digests = _Digests()
        self._asked: dict[str, bytes] = {}  # digests worked out by holds(), for the get() that follows

    def holds(self, path: str, key: tuple) -> bool:
        digest = self._asked[path] = self._digests.of(key)
        hit = self.stored.get(path)
        return hit is not None and hit[0] == digest

    def get(self, path: str, key: tuple, make) -> bytes:
        digest = self._asked.pop(path, None) or self._digests.of(key)
        hit = self.stored.get(path)
        data = hit[1] if hit is not None and hit[0] == digest else make()
        self._files[path] = (digest, data)
        return data

    def used(self) -> dict:
        return self._files


class BuildCache:
    def __init__(self, folder: Path, templates: Path | None) -> None:
        self.folder = folder
        self.generator = generator_version()
        self.presentation = presentation_version(templates) if templates else None
        self.pages = PageCache()

    @classmethod
    def load(cls, folder: Path, templates: Path | None = None) -> "BuildCache":
        """The cache in `folder`, or an empty one when it is missing, unreadable or out of date.
        Without `templates` (for `check`), only the parsed content is taken from it."""
        cache = cls(folder, templates)
        if tracked(folder):
            print(f"{folder}: git tracks files in the build cache; it is ignored "
                  f"(remove them with: git rm -r --cached {folder.name})", file=sys.stderr)
            cache.folder = None
            return cache
        content = _read(folder / CONTENT_FILE, cache.generator, None)
        PARSED.seed(content.get("parsed", {}))
        VALIDATED.seed(content.get("validated", {}))
        RESULTS.seed(content.get("results", {}))
        if templates is not None:
            from .render import shared_code

            pages = _read(folder / PAGES_FILE, cache.generator, cache.presentation)
            cache.pages = PageCache(pages.get("pages", {}))
            try:
                shared_code().code.update(marshal.loads(pages.get("templates", marshal.dumps({}))))
            except (ValueError, EOFError, TypeError):
                pass
        return cache

    def save(self) -> None:
        """Write what this build used, atomically; a cache that cannot be written is skipped."""
        from .render import shared_code

        if self.folder is None:
            return
        _write(self.folder, CONTENT_FILE, {"generator": self.generator, "parsed": PARSED.used(),
                                           "validated": VALIDATED.used(), "results": RESULTS.used()})
        _write(self.folder, PAGES_FILE, {"generator": self.generator, "presentation": self.presentation,
                                         "pages": self.pages.used(),
                                         "templates": marshal.dumps(dict(shared_code().code))})


def _key() -> bytes:
    """A secret of this user, outside every working tree ($XDG_CACHE_HOME/napsite/key, mode 0600):
    a cache file is loaded only when its MAC under this key matches, so a file someone else wrote
    (committed, copied, damaged by one byte) is never unpickled; it is simply a miss."""
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "napsite"
    path = base / "key"
    try:
        data = path.read_bytes()
        if len(data) == 32 and path.stat().st_uid == os.getuid() and not path.stat().st_mode & 0o077:
            return data
    except OSError:
        pass
    base.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd, tmp = tempfile.mkstemp(dir=base)  # created 0600
    with os.fdopen(fd, "wb") as f:
        f.write(os.urandom(32))
    os.replace(tmp, path)
    return path.read_bytes()


def _mac(name: str, data: bytes, key: bytes) -> bytes:
    # The file's name is in the MAC, so pages.pickle cannot be passed off as content.pickle.
    return hmac.new(key, name.encode() + b"\0" + data, hashlib.sha256).digest()


def tracked(folder: Path) -> bool:
    """True when git tracks any file in the cache folder: such a cache came from someone else."""
    try:
        out = subprocess.run(["git", "-C", str(folder.parent), "ls-files", "--", folder.name],
                             capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return False
    return out.returncode == 0 and bool(out.stdout.strip())


def _read(path: Path, generator: str, presentation: str | None) -> dict:
    try:
        blob = path.read_bytes()
        mac, data = blob[:32], blob[32:]
        if len(mac) != 32 or not hmac.compare_digest(mac, _mac(path.name, data, _key())):
            return {}  # not written by this user's builds, or damaged: never unpickled
        saved = pickle.loads(data)
    except Exception:  # noqa: BLE001 - a cache that cannot be read is no cache: build clean
        return {}
    if not isinstance(saved, dict) or saved.get("generator") != generator or \
            saved.get("presentation") != presentation:
        return {}
    return saved


def _write(folder: Path, name: str, data: dict) -> None:
    tmp = None
    try:
        folder.mkdir(exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{name}-", dir=folder)
        blob = pickle.dumps(data, protocol=5)
        with os.fdopen(fd, "wb") as f:
            f.write(_mac(name, blob, _key()) + blob)
        os.replace(tmp, folder / name)
    except (OSError, ValueError, pickle.PicklingError):
        if tmp:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
