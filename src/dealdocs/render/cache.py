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

The cache holds nothing from outside. Compiled code is executed and patched
XML is rendered, and the folder may be shared or restored by a CI job from a
cache others can write, so each entry is signed: an HMAC-SHA256, over the
entry's name and its bytes, with a secret of the user's own, kept outside the
cache folder in `$XDG_STATE_HOME/dealdocs/cache-key` (else
`~/.local/state/dealdocs/cache-key`), where a restored or copied cache folder
does not bring it. The key is made on first use, readable by its owner only;
a key that others could read or change (any group or other permission bit, another
owner, a link, or a folder others can write) is not used, and nothing is cached.
An entry whose signature does not match (written by someone else, with another
key, or cut short) is ignored and made again.
"""

from __future__ import annotations

import hashlib
import hmac
import importlib.util
import marshal
import os
import stat
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


def key_path() -> Path:
    """Where the user's cache key is kept (see the module docstring)."""
    base = os.environ.get("XDG_STATE_HOME") or Path.home() / ".local" / "state"
    return Path(base) / "dealdocs" / "cache-key"


_FORMAT = "signed"  # entries carry a signature: their names differ from unsigned ones an older dealdocs keeps in the same folder
_KEY_BYTES = 32
_keys: dict[Path, bytes | None] = {}  # read once per process


def forget_key() -> None:
    """Read the key afresh on next use (for tests that change it)."""
    _keys.clear()


def cache_key() -> bytes | None:
    """The user's secret for signing entries, made on first use; None when it cannot be trusted or made."""
    path = key_path()
    if path not in _keys:
        _keys[path] = _read_key(path)
    return _keys[path]


def _read_key(path: Path) -> bytes | None:
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not os.path.lexists(path):
            _make_key(path)
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        try:
            key = os.read(descriptor, _KEY_BYTES + 1)
            trusted = _private(os.fstat(descriptor), 0o077) and _private(os.stat(path.parent), 0o022)
        finally:
            os.close(descriptor)
    except OSError:
        return None
    return key if trusted and len(key) == _KEY_BYTES else None


def _make_key(path: Path) -> None:
    """A new random key at `path`, mode 0600, appearing whole (another process may be making one too)."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".key-")
    try:
        os.chmod(temporary, 0o600)
        with os.fdopen(handle, "wb") as out:
            out.write(os.urandom(_KEY_BYTES))
        try:
            os.link(temporary, path)  # never replaces a key another process made meanwhile
        except FileExistsError:
            pass
    finally:
        os.unlink(temporary)


def _private(info: os.stat_result, forbidden: int) -> bool:
    """Owned by this user, with none of the `forbidden` permission bits (no owners or modes on Windows)."""
    if not hasattr(os, "getuid"):  # pragma: no cover
        return True
    return info.st_uid == os.getuid() and not stat.S_IMODE(info.st_mode) & forbidden and not stat.S_ISLNK(info.st_mode)


class DiskCache:
    """Bytes by input text, in one folder, for one salt (what else the bytes depend on), each entry signed."""

    suffix = ".bin"

    def __init__(self, salt: str, folder: Path):
        self.folder = folder
        self._salt = "\0".join([__version__, _FORMAT, salt, ""])

    def _path(self, source: str) -> Path:
        digest = hashlib.sha256((self._salt + source).encode("utf-8", "surrogatepass")).hexdigest()
        return self.folder / digest[:2] / f"{digest}{self.suffix}"

    @staticmethod
    def _signature(key: bytes, path: Path, value: bytes) -> bytes:
        return hmac.new(key, path.name.encode() + b"\0" + value, hashlib.sha256).digest()

    def get_bytes(self, source: str) -> bytes | None:
        """The bytes kept for `source`, or None (nothing kept, or not signed with this user's key)."""
        key = cache_key()
        if key is None:
            return None
        path = self._path(source)
        data = _read_entry(path)
        if data is None:
            return None
        signature, value = data[: hashlib.sha256().digest_size], data[hashlib.sha256().digest_size :]
        return value if hmac.compare_digest(signature, self._signature(key, path, value)) else None

    def has(self, source: str) -> bool:
        """Whether an entry is kept for `source` (it may still turn out unreadable, or not this user's)."""
        return self._path(source).is_file()

    def put_bytes(self, source: str, value: bytes) -> None:
        """Keep `value` for `source`; silently does nothing when the folder cannot be written or there is no key."""
        key = cache_key()
        if key is None:
            return
        path = self._path(source)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
            try:
                with os.fdopen(handle, "wb") as out:
                    out.write(self._signature(key, path, value) + value)
                os.replace(temporary, path)
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
        except OSError:
            pass


MAX_ENTRY = 256 << 20
"""Bytes an entry may hold: a larger file in the folder is not one dealdocs wrote (a 5,000-purchaser agreement's
reading is about 1 MB)."""


def _read_entry(path: Path) -> bytes | None:
    """The bytes of the entry at `path`; None when there is none, or it is not a regular file of at most `MAX_ENTRY`
    bytes (a named pipe, which would wait for a writer for ever; a file planted to fill the memory)."""
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_ENTRY:
            return None
        with os.fdopen(descriptor, "rb", closefd=False) as file:
            data = file.read(MAX_ENTRY + 1)
        return data if len(data) <= MAX_ENTRY else None
    except (OSError, MemoryError):
        return None
    finally:
        os.close(descriptor)


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

    def __init__(self, folder: Path | None = None):
        super().__init__(f"docxtpl {docxtpl.__version__}", folder if folder is not None else cache_folder(PATCHED_SUBFOLDER))

    def get(self, xml: str) -> str | None:
        data = self.get_bytes(xml)
        try:
            return data.decode("utf-8", "surrogatepass") if data is not None else None
        except UnicodeDecodeError:
            return None

    def put(self, xml: str, patched: str) -> None:
        self.put_bytes(xml, patched.encode("utf-8", "surrogatepass"))
