"""Compiled template code kept on disk between runs, as Python keeps `__pycache__`.

Compiling the Jinja source of the four templates is a third of a cold build's
rendering time, and the source only changes when a lawyer edits a template.
Each compiled source is stored as marshalled code under a name that is the
SHA-256 of the source together with everything the code depends on (Python's
bytecode version, Jinja's version, dealdocs' version and the environment's
options), so an edited template, an upgrade or a different interpreter never
reads code compiled for something else.

The folder is `$DEALDOCS_CACHE_DIR`, else `$XDG_CACHE_HOME/dealdocs`, else
`~/.cache/dealdocs`. The cache only ever saves time: an unreadable, corrupt or
unwritable entry is compiled again, and nothing here raises. Entries are
written to a temporary file and renamed into place, so a reader never sees
half an entry; `dealdocs` never deletes the folder, which is safe to delete.
"""

from __future__ import annotations

import hashlib
import importlib.util
import marshal
import os
import tempfile
from pathlib import Path
from types import CodeType

import jinja2

from dealdocs import __version__

SUBFOLDER = "jinja"


def cache_folder() -> Path:
    """Where compiled templates are kept (see the module docstring)."""
    if os.environ.get("DEALDOCS_CACHE_DIR"):
        return Path(os.environ["DEALDOCS_CACHE_DIR"]) / SUBFOLDER
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "dealdocs" / SUBFOLDER


class CompiledCache:
    """Compiled code by source, for one set of environment options."""

    def __init__(self, options: str, folder: Path | None = None):
        self.folder = folder if folder is not None else cache_folder()
        self._salt = "\0".join([importlib.util.MAGIC_NUMBER.hex(), jinja2.__version__, __version__, options, ""])

    def _path(self, source: str) -> Path:
        digest = hashlib.sha256((self._salt + source).encode("utf-8", "surrogatepass")).hexdigest()
        return self.folder / digest[:2] / f"{digest}.code"

    def get(self, source: str) -> CodeType | None:
        """The code compiled from `source` earlier, or None."""
        try:
            code = marshal.loads(self._path(source).read_bytes())
        except (OSError, ValueError, EOFError, TypeError):
            return None
        return code if isinstance(code, CodeType) else None

    def put(self, source: str, code: CodeType) -> None:
        """Keep `code` for `source`; silently does nothing when the folder cannot be written."""
        path = self._path(source)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
            try:
                with os.fdopen(handle, "wb") as out:
                    out.write(marshal.dumps(code))
                os.replace(temporary, path)
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
        except OSError:
            pass
