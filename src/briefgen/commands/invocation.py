"""How to type briefgen in the next command we suggest: the way it was run this time.

After the Quickstart `briefgen` is in .venv/bin/, not on the PATH, so a message saying
"run briefgen build" would fail as typed. We suggest the name only where the shell
finds this same briefgen by it.
"""

from __future__ import annotations

import shlex
import shutil
import sys
from pathlib import Path


def briefgen_command() -> str:
    """ "briefgen" if the shell finds this briefgen by name; else its full path, or
    ``python -m briefgen`` when it was run that way."""
    invoked = Path(sys.argv[0])
    if invoked.name == "__main__.py":
        return f"{shlex.quote(sys.executable)} -m briefgen"
    found = shutil.which("briefgen")
    if invoked.name != "briefgen":  # run from Python itself (tests, embedding): the name
        return "briefgen"
    if found and Path(found).resolve() == invoked.resolve():
        return "briefgen"
    return shlex.quote(str(invoked.resolve()))
