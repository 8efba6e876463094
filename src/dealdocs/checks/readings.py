"""What the checks of one document alone made of it, kept between runs (`ReadingCache`).

Checking a document rendered for a deal is four fifths of its cost: laying out
its pages, finding its signature pages, reading its text as Word shows it,
parsing it and running the text checks on it. All of that follows from what
Jinja rendered for it (`Renderer.source_texts`, whose digest a checked
document carries), its template files' bytes, its file name, and who signs it
(the signers and the caption their pages open with): what dealdocs' own code
then does with them. A second `check` of a 5,000-purchaser deal, or a
`redline` after a `check`, or a check after one purchaser's amount changed,
finds each unchanged document's reading here and only checks it against the
term sheet again (`checks.provenance`, which reads the whole deal, is never
kept). The set checks' findings, which read nothing but the documents'
readings (`closing_set.check_read`), are kept under all their keys together
(`checked_together`).

An entry is kept under the SHA-256 of all that, salted with dealdocs' version,
a digest of every file of its own package (so an edited check never reads a
reading made by the code before it), and the versions of Python and of the
libraries that lay out and read a Word file. Entries live in
the cache folder's `readings` subfolder (`render.cache`), signed with the
user's own key like the template cache's: the entry is Python's pickle of
dealdocs' own objects, which only an entry this user's dealdocs wrote is ever
unpickled from; one whose signature does not match, or that fails to load, is
made again. A reading holds the documents' text (names, amounts, account
numbers), and a cache folder may be copied, shared or saved by a CI job, so
each entry is also enciphered with a key derived from the user's (the SHAKE-256
stream of the key and a random nonce, then signed: `_sealed`): without the key,
which stays in the user's private state folder, an entry says nothing.
`DEALDOCS_READINGS=off` keeps none and reads none. The cache only saves time:
nothing here raises, and a check with it finds exactly what a check without it
finds (tests/test_readings.py).

Readings are large (a 5,000-purchaser deal's are about 60 MB), so the folder
is kept under `LIMIT` bytes: at most once an hour, after a check, the entries
used longest ago are deleted (`prune`; each entry is touched when used).
"""

from __future__ import annotations

import hashlib
import os
import pickle
import stat
import sys
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import docx
import docxtpl
import jinja2
from lxml import etree

from dealdocs.closing.kinds import DocumentSpec
from dealdocs.closing.parties import signers
from dealdocs.closing.results import Reading
from dealdocs.findings import Finding
from dealdocs.render.cache import DiskCache, cache_folder, cache_key
from dealdocs.termsheet.model import Deal

READINGS_SUBFOLDER = "readings"
LIMIT = 1 << 30  # bytes the readings folder holds at most: some 15 versions of a 5,000-purchaser deal
_PRUNED = "pruned"  # a file in the folder, touched when it was last pruned
_PRUNE_EVERY = 3600  # seconds
_NONCE = 16


_PACKAGE = Path(__file__).resolve().parents[1]


def wanted() -> bool:
    """Whether readings are kept and read: unless `DEALDOCS_READINGS` is off (or 0, no, false)."""
    return os.environ.get("DEALDOCS_READINGS", "").strip().lower() not in ("off", "0", "no", "false")


@dataclass
class Kept:
    """One document's reading as its checks alone made it: its paragraphs as Word shows them, its attachments'
    labels, each signer's pages, the text checks' reading, and the findings on its pages (signature pages, anchors)."""

    paragraphs: list[str]
    attachments: list[str]
    signature_pages: dict[int, list[int]]
    reading: Reading
    page_findings: list[Finding]


_code: list[str] = []  # the package's digest, taken once a process (before the render workers fork)


def code_digest() -> str:
    """A digest of every file of the dealdocs package (its code and its word lists), compiled files left out."""
    if not _code:
        digest = hashlib.sha256()
        for folder, subfolders, files in os.walk(_PACKAGE):
            subfolders[:] = sorted(name for name in subfolders if name != "__pycache__")
            for name in sorted(files):
                path = os.path.join(folder, name)
                digest.update(os.path.relpath(path, _PACKAGE).encode("utf-8", "surrogateescape") + b"\0")
                with open(path, "rb") as file:
                    digest.update(hashlib.sha256(file.read()).digest())
        _code.append(digest.hexdigest())
    return _code[0]


def _sealed(secret: bytes, nonce: bytes, data: bytes) -> bytes:
    """`data` enciphered (or deciphered: the same operation) with the SHAKE-256 stream of a key derived from the
    user's `secret` and `nonce`."""
    stream = hashlib.shake_256(b"dealdocs readings\0" + secret + nonce).digest(len(data))
    return (int.from_bytes(data, "little") ^ int.from_bytes(stream, "little")).to_bytes(len(data), "little")


def _unlink(path: str) -> bool:
    try:
        os.unlink(path)
    except OSError:
        return False
    return True


class ReadingCache(DiskCache):
    """`Kept` readings by what a document's reading follows from (`key`)."""

    suffix = ".reading"

    def __init__(self, folder: Path | None = None):
        libraries = f"docxtpl {docxtpl.__version__} python-docx {docx.__version__} lxml {etree.__version__} Jinja2 {jinja2.__version__}"
        salt = f"python {sys.version} pickle {pickle.HIGHEST_PROTOCOL} {libraries} code {code_digest()}"
        super().__init__(salt, folder if folder is not None else cache_folder(READINGS_SUBFOLDER))

    @staticmethod
    def key(source: str, templates: str, deal: Deal, spec: DocumentSpec) -> str:
        """A digest of what a document's reading follows from: `source`, the digest of what Jinja rendered for it;
        `templates`, a digest of its template files' bytes; its file name, the caption of its signature pages and its
        signers (whose `repr` is a megabyte for an agreement 5,000 purchasers sign: the key, which the reading
        carries and the set's key joins, is its digest)."""
        parts = [source, templates, spec.filename, spec.signature_caption(deal), repr(signers(deal, spec))]
        return hashlib.sha256("\0".join(parts).encode("utf-8", "surrogatepass")).hexdigest()

    def get(self, key: str) -> Kept | None:
        """The reading kept for `key`, or None (none kept, not signed with this user's key, or unreadable)."""
        kept = self._loaded(key)
        return kept if isinstance(kept, Kept) else None

    def prune(self, limit: int = LIMIT, *, now: float | None = None) -> None:
        """Delete the entries used longest ago until those left hold three quarters of `limit` bytes, when they
        hold more than `limit`, and what a writer killed midway left a day ago; at most once an hour (`now`: the
        time it is, for tests). An entry or subfolder that cannot be read or deleted is left as it is."""
        now = time.time() if now is None else now
        marker = self.folder / _PRUNED
        try:
            if 0 <= now - marker.stat().st_mtime < _PRUNE_EVERY:  # a time ahead (a clock set back): prune now
                return
        except OSError:
            pass
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            marker.touch()
            os.utime(marker, (now, now))
            subfolders = [sub.path for sub in os.scandir(self.folder) if sub.is_dir(follow_symlinks=False)]
        except OSError:
            return
        entries = []
        for sub in subfolders:
            try:
                listed = list(os.scandir(sub))
            except OSError:
                continue
            for entry in listed:
                try:
                    info = entry.stat(follow_symlinks=False)
                except OSError:
                    continue
                if entry.name.endswith(self.suffix) and stat.S_ISREG(info.st_mode):
                    entries.append((info.st_mtime, info.st_size, entry.path))
                elif entry.name.endswith(".tmp") and now - info.st_mtime > 86400:
                    _unlink(entry.path)
        total = sum(size for _, size, _ in entries)
        if total <= limit:
            return
        for _, size, path in sorted(entries):
            if total <= limit * 3 // 4:
                break
            if _unlink(path):
                total -= size

    def _loaded(self, key: str) -> object:
        """What is kept for `key`, unpickled when its signature is this user's (and the entry touched: used now);
        None when nothing is."""
        data = self.get_bytes(key)
        secret = cache_key()
        if data is None or secret is None:
            return None
        try:
            kept = pickle.loads(zlib.decompress(_sealed(secret, data[:_NONCE], data[_NONCE:])))
        except Exception:  # an entry of an older dealdocs' objects, or cut short: made again
            return None
        try:
            os.utime(self._path(key))
        except OSError:
            pass
        return kept

    def put(self, key: str, kept: Kept | list[Finding]) -> None:
        """Keep `kept` for `key`, enciphered (nothing when the folder cannot be written, or there is no key)."""
        secret = cache_key()
        if secret is None:
            return
        try:
            plain = zlib.compress(pickle.dumps(kept, protocol=pickle.HIGHEST_PROTOCOL), 1)
        except Exception:  # a reading that cannot be kept is made again next time
            return
        nonce = os.urandom(_NONCE)
        self.put_bytes(key, nonce + _sealed(secret, nonce, plain))

    def checked_together(self, read: list[Reading], check: Callable[[], list[Finding]]) -> list[Finding]:
        """The findings of the set checks on the documents `read` (`check`), kept under their readings' keys: they
        read nothing else (`closing_set.check_read`). Made again when a reading was not kept."""
        keys = [reading.kept_as for reading in read]
        if None in keys:
            return check()
        key = "\0".join(["the set", *keys])  # type: ignore[list-item]
        kept = self._loaded(key)
        if isinstance(kept, list) and all(isinstance(finding, Finding) for finding in kept):
            return kept
        findings = check()
        self.put(key, findings)
        return findings
