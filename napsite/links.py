"""Source addresses as readers see them: refused when they could deceive, shown by their real host.

A source link is the evidence for a claim, so a reader must be able to tell where it leads.
Bidirectional and zero-width characters can make `…/\u202efdp.exe` look like `…/exe.pdf`;
user-info (`https://www.president.az-…@evil.example/`) puts a trusted-looking name before the
real host; a host in another script (`president.аz` with a Cyrillic а) looks like a known one.
"""
from __future__ import annotations

from urllib.parse import urlsplit

from .loaders import DECEPTIVE  # the rule every content text is held to; kept here for addresses from elsewhere

SHOWN_PATH = 48  # characters of the path shown after the host


def source_problem(url: str) -> str | None:
    """Why `url` cannot be a source, or None."""
    hidden = DECEPTIVE.search(url)
    if hidden:
        return (f"the address contains an invisible or direction-changing character (U+{ord(hidden.group()):04X}) "
                "that can make it read as another address; type the address again")
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018  (raises ValueError for a port that is not a number)
    except ValueError:
        return "this is not a valid web address; copy it again from the browser's address bar"
    if parts.username is not None or "@" in parts.netloc:
        return (f"the address has a name before '@' ({parts.netloc.rsplit('@', 1)[0][:40]}…), so it really leads "
                f"to {parts.hostname}; give the plain address of the source")
    if not parts.hostname or host_label(parts.hostname) is None:
        return "the address has no valid host name after https://"
    return None


def host_label(host: str) -> str | None:
    """The host as ASCII: punycode (xn--…) where it is written in another script."""
    try:
        return host.encode("idna").decode("ascii").lower()
    except UnicodeError:
        return None


def source_label(url: str) -> str:
    """The link text of a source: its real host first, then as much of the path as fits."""
    parts = urlsplit(url)
    host = host_label(parts.hostname or "") or parts.netloc
    rest = url.split(parts.netloc, 1)[1] if parts.netloc else url
    if len(rest) > SHOWN_PATH:
        rest = rest[: SHOWN_PATH - 1] + "…"
    return host + (rest if rest != "/" else "")
