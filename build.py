#!/usr/bin/env python3
"""Build the site: `python build.py [check|serve|new-note] …`; see `python build.py --help`."""
import sys

from napsite.cli import main

if __name__ == "__main__":
    sys.exit(main())
