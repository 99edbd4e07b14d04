"""The build cache kept between command-line builds: `.napsite-cache/` beside the content folder.

It holds data only, as JSON: the results of pure steps (Markdown HTML, search stems, Pagefind's
answer) in `results.json` and every output file with a digest of everything it was made from
(the same keys as the preview server's RenderCache) in `pages.json`. Nothing in it is code or
becomes an object when read: templates are compiled again by each build, parsed content files
are parsed again (together a quarter of a second on the real site).

It is never trusted blindly. Every entry carries a MAC over its key and its bytes under a secret
of this user kept outside every working tree, so an entry someone else wrote, or one changed by
a single byte, is a miss; everything is thrown away when the generator (its code, schemas, the
libraries it uses, Python) differs from the one that wrote it, the rendered files when a
template, catalog or static file differs; a cache folder that git tracks is not read at all. It
is safe to delete at any time, and `build.py --no-cache` neither reads nor writes it.
"""
from __future__ import annotations

import base64
import contextlib
import dataclasses
import hashlib
import hmac
import io
import json
import os
import pickle
import subprocess
import sys
import stat
import tempfile
import time
from pathlib import Path

from .memo import RESULTS
from .model import Institution, Measure, Note, Page, Section

_MODEL = frozenset({Measure, Note, Section, Institution, Page})

FOLDER = ".napsite-cache"
FORMAT = 2  # 1 was pickled; its files (content.pickle, pages.pickle) are never read
RESULTS_FILE = "results.json"  # all `check` reads
PAGES_FILE = "pages.json"
PROGRAM = Path(__file__).resolve().parent
LEFTOVER_AGE = 60  # seconds: a temporary file this old is no longer being written by a build
MAX_FILE = 512 * 2**20  # bytes: the real site's pages.json is 11 MB; anything far larger is not ours


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
    build: the measure shown on its page, in lists and in feeds is pickled once, not each time.
    The pickles are only hashed, never stored or loaded."""

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
        Without `templates` (for `check`), only the results of pure steps are taken from it."""
        cache = cls(folder, templates)
        refused = _refused(folder)
        try:
            key = None if refused else _key()
        except OSError as exc:
            refused = f"there is no private place for the cache's key ({exc.strerror or exc}); building without the cache"
        if refused:
            print(f"{folder}: {refused}", file=sys.stderr)
            cache.folder = None
            return cache
        results = _read(folder / RESULTS_FILE, {"generator": cache.generator}, key)
        RESULTS.seed({bytes.fromhex(k): json.loads(v) for k, (v,) in results.items()})
        if templates is not None:
            header = {"generator": cache.generator, "presentation": cache.presentation}
            pages = _read(folder / PAGES_FILE, header, key)
            cache.pages = PageCache({path: (bytes.fromhex(d), base64.b64decode(data))
                                     for path, (d, data) in pages.items()})
        return cache

    def save(self) -> None:
        """Write what this build used, atomically; a cache that cannot be written is skipped."""
        if self.folder is None or _refused(self.folder):
            return
        try:
            key = _key()
        except OSError:
            return
        results = {k.hex(): json.dumps(v, ensure_ascii=False) for k, v in RESULTS.used().items()}
        _write(self.folder, RESULTS_FILE, {"generator": self.generator}, results, key)
        pages = {path: [d.hex(), base64.b64encode(data).decode()] for path, (d, data) in self.pages.used().items()}
        _write(self.folder, PAGES_FILE, {"generator": self.generator, "presentation": self.presentation},
               pages, key)


def _refused(folder: Path) -> str | None:
    """Why the cache folder is not this build's own to read or write, or None."""
    if folder.is_symlink():  # it would be followed: written into wherever it points
        return "the build cache folder is a symbolic link; it is neither read nor written (delete the link)"
    if tracked(folder):
        return f"git tracks files in the build cache; it is ignored (remove them with: git rm -r --cached {folder.name})"
    return None


def _key() -> bytes:
    """A secret of this user, outside every working tree ($XDG_CACHE_HOME/napsite/key, mode 0600):
    an entry is used only when its MAC under this key matches, so an entry someone else wrote
    (committed, copied, damaged by one byte) is simply a miss. OSError when there is no such place:
    the home folder (or $XDG_CACHE_HOME's parent) must exist; nothing above it is made."""
    root = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    base = root / "napsite"
    path = base / "key"
    try:
        info = path.lstat()
        if stat.S_ISREG(info.st_mode) and info.st_size == 32 and info.st_uid == os.getuid() \
                and not info.st_mode & 0o077:
            return path.read_bytes()
    except OSError:
        pass
    if not root.parent.is_dir():
        raise OSError(f"{root.parent} does not exist")
    root.mkdir(exist_ok=True, mode=0o700)
    base.mkdir(exist_ok=True, mode=0o700)
    fd, tmp = tempfile.mkstemp(dir=base)  # created 0600
    with os.fdopen(fd, "wb") as f:
        f.write(os.urandom(32))
    os.replace(tmp, path)
    return path.read_bytes()


def _mac(key: bytes, *parts: str) -> str:
    # The file's name is the first part, so an entry of pages.json cannot be passed off as one of
    # results.json; \0 cannot occur in a path, a hex digest or JSON text.
    return hmac.new(key, "\0".join(parts).encode(), hashlib.sha256).hexdigest()


def tracked(folder: Path) -> bool:
    """True when git tracks any file in the cache folder: such a cache came from someone else."""
    try:
        out = subprocess.run(["git", "-C", str(folder.parent), "ls-files", "--", folder.name],
                             capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return False
    return out.returncode == 0 and bool(out.stdout.strip())


def _read(path: Path, header: dict, key: bytes) -> dict:
    """The entries of one cache file whose MAC matches (key -> its values), {} when its header is not `header`'s
    (another generator or presentation) or its own MAC fails, or when it is not JSON at all."""
    try:
        info = path.lstat()
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_FILE:  # a link, a FIFO, /dev/zero, 3 GB: not ours
            return {}
        with path.open("rb") as f:
            saved = json.loads(f.read(MAX_FILE + 1))
        entries, mac = saved["entries"], saved["mac"]
        if saved.get("format") != FORMAT or saved.get("header") != header or not isinstance(entries, dict) \
                or not hmac.compare_digest(str(mac), _mac(key, path.name, json.dumps(header, sort_keys=True))):
            return {}
        return {k: v[:-1] for k, v in entries.items() if _entry_valid(key, path.name, k, v)}
    except (OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError, MemoryError):
        return {}  # a cache that cannot be read is no cache: build clean


def _entry_valid(key: bytes, name: str, entry_key: str, value) -> bool:
    if not isinstance(entry_key, str) or not isinstance(value, list) or len(value) < 2 \
            or not all(isinstance(v, str) for v in value):
        return False
    return hmac.compare_digest(value[-1], _mac(key, name, entry_key, *value[:-1]))


def _write(folder: Path, name: str, header: dict, entries: dict, key: bytes) -> None:
    """entries: key -> value or list of values, each a str; each is stored with its MAC."""
    tmp = None
    try:
        folder.mkdir(exist_ok=True)
        _remove_leftovers(folder)
        rows = {}
        for k, value in entries.items():
            values = value if isinstance(value, list) else [value]
            rows[k] = [*values, _mac(key, name, k, *values)]
        doc = {"format": FORMAT, "header": header, "mac": _mac(key, name, json.dumps(header, sort_keys=True)),
               "entries": rows}
        fd, tmp = tempfile.mkstemp(prefix=f".{name}-", dir=folder)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(doc, f, ensure_ascii=False, separators=(",", ":"))
        os.replace(tmp, folder / name)
    except (OSError, ValueError, TypeError):
        if tmp:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def _remove_leftovers(folder: Path) -> None:
    """Temporary files of a build killed while saving (`.pages.json-x1y2…`; `.pages.pickle-…` from
    format 1), once old enough that no running build is still writing them."""
    now = time.time()
    for path in folder.glob(".*-*"):
        if path.name.startswith((f".{RESULTS_FILE}-", f".{PAGES_FILE}-", ".content.pickle-", ".pages.pickle-")):
            with contextlib.suppress(OSError):
                if path.is_file() and not path.is_symlink() and now - path.lstat().st_mtime > LEFTOVER_AGE:
                    path.unlink()
