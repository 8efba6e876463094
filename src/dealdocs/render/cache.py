"""Work on templates kept on disk between runs, as Python keeps `__pycache__`.

Two steps of rendering depend only on a template, never on a deal, and cost a
cold build most of its rendering time until they are kept:

- compiling a template's Jinja source to Python code (`CompiledCache`);
- docxtpl's clean-up of a template's Word XML, which joins the pieces of a tag
  that Word split across runs before Jinja reads it (`PatchedXmlCache`).

Each result is stored under a name that is the SHA-256 of its input together
with everything the result depends on (for compiled code, Python's bytecode
version, Jinja's version and the environment's options; for patched XML,
docxtpl's version; for both, dealdocs' version), so an edited template, an
upgrade or a different interpreter never reads a result made for something else.

The folder is `$DEALDOCS_CACHE_DIR`, else `$XDG_CACHE_HOME/dealdocs`, else
`~/.cache/dealdocs`. The cache only ever saves time: an unreadable, corrupt or
unwritable entry is made again, and nothing here raises. Entries are written to
a temporary file and renamed into place, so a reader never sees half an entry;
`dealdocs` never deletes the folder, which is safe to delete.
"""

from __future__ import annotations

import hashlib
import importlib.util
import marshal
import os
import tempfile
from pathlib import Path
from types import CodeType

import docxtpl
import jinja2

from dealdocs import __version__

COMPILED_SUBFOLDER = "jinja"
PATCHED_SUBFOLDER = "docxtpl"


def cache_folder(subfolder: str) -> Path:
    """Where one kind of entry is kept (see the module docstring)."""
    if os.environ.get("DEALDOCS_CACHE_DIR"):
        return Path(os.environ["DEALDOCS_CACHE_DIR"]) / subfolder
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "dealdocs" / subfolder


class DiskCache:
    """Bytes by input text, in one folder, for one salt (what else the bytes depend on)."""

    suffix = ".bin"

    def __init__(self, salt: str, folder: Path):
        self.folder = folder
        self._salt = "\0".join([__version__, salt, ""])

    def _path(self, source: str) -> Path:
        digest = hashlib.sha256((self._salt + source).encode("utf-8", "surrogatepass")).hexdigest()
        return self.folder / digest[:2] / f"{digest}{self.suffix}"

    def get_bytes(self, source: str) -> bytes | None:
        """The bytes kept for `source`, or None."""
        try:
            return self._path(source).read_bytes()
        except OSError:
            return None

    def put_bytes(self, source: str, value: bytes) -> None:
        """Keep `value` for `source`; silently does nothing when the folder cannot be written."""
        path = self._path(source)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
            try:
                with os.fdopen(handle, "wb") as out:
                    out.write(value)
                os.replace(temporary, path)
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
        except OSError:
            pass


class CompiledCache(DiskCache):
    """Compiled code by Jinja source, for one set of environment options."""

    suffix = ".code"

    def __init__(self, options: str, folder: Path | None = None):
        salt = "\0".join([importlib.util.MAGIC_NUMBER.hex(), jinja2.__version__, options])
        super().__init__(salt, folder if folder is not None else cache_folder(COMPILED_SUBFOLDER))

    def get(self, source: str) -> CodeType | None:
        """The code compiled from `source` earlier, or None."""
        data = self.get_bytes(source)
        try:
            code = marshal.loads(data) if data is not None else None
        except (ValueError, EOFError, TypeError):
            return None
        return code if isinstance(code, CodeType) else None

    def put(self, source: str, code: CodeType) -> None:
        self.put_bytes(source, marshal.dumps(code))


class PatchedXmlCache(DiskCache):
    """docxtpl's patched XML by a template part's XML."""

    suffix = ".xml"
    _END = b"\0end"  # XML text has no check of its own: an entry cut short (a full disk, a partial copy) lacks this and is not read

    def __init__(self, folder: Path | None = None):
        super().__init__(f"docxtpl {docxtpl.__version__}", folder if folder is not None else cache_folder(PATCHED_SUBFOLDER))

    def get(self, xml: str) -> str | None:
        data = self.get_bytes(xml)
        if data is None or not data.endswith(self._END):
            return None
        try:
            return data[: -len(self._END)].decode("utf-8", "surrogatepass")
        except UnicodeDecodeError:
            return None

    def put(self, xml: str, patched: str) -> None:
        self.put_bytes(xml, patched.encode("utf-8", "surrogatepass") + self._END)
