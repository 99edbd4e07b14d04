"""What every browser test needs: Debian's chromium, the flags it runs with here, and one
browser per module. Importing this skips the module where chromium is missing, or fails it
under REQUIRE_BROWSER (as CI sets), so that a missing install can never pass as green."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists():
    if os.environ.get("REQUIRE_BROWSER"):
        raise RuntimeError("REQUIRE_BROWSER is set but /usr/bin/chromium is missing: apt-get install chromium")
    pytest.skip("Debian's chromium is not installed", allow_module_level=True)

from playwright.sync_api import sync_playwright  # noqa: E402

# Flags that let chromium run as root on a machine without a network (see the env notes).
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        yield b
        b.close()
