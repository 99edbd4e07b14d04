#!/usr/bin/env python3
"""Build the site: `python build.py [check|serve|new-note] …`; see `python build.py --help`."""
try:  # Ctrl-C while Python is still importing the program is a stop too, not a traceback
    import sys

    from napsite.cli import main

    if __name__ == "__main__":
        sys.exit(main())
except KeyboardInterrupt:
    import os

    os.write(2, b"stopped\n")
    os._exit(130)
