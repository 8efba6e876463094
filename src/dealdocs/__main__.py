"""python -m dealdocs: the `dealdocs` program, without the current folder on the import path.

`python -m` puts the folder it is run in first on the import path, so a received deal folder's `yaml.py` (or
`docx.py`, `jinja2.py`) would be imported, and run, in place of the library (a hostile sweep: exit 70, and the
sender's code ran); the installed `dealdocs` command has no such entry.
"""

import os
import sys

if sys.path and sys.path[0] in ("", os.getcwd()):
    del sys.path[0]

from dealdocs.cli import run  # noqa: E402  (after the import path is made safe)

run()
