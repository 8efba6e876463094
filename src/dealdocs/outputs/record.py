"""The build record, `OUTDIR/<deal>/manifest.json`: what was built from what, and the wire details confirmed.

It records the dealdocs version; the term sheet's path, the SHA-256 of the
bytes built from and its git commit; each template's SHA-256; each file's
SHA-256 and size (how a rebuild tells its own files from hand edits and from
yours); the wire instructions the documents state; and the wire instructions
last confirmed, by whom and when (`dealdocs confirm-wire`, or
`build --wire-confirmed`). Reading it never trusts its shape: a record that is
not one (any other JSON, or not JSON) reads as no record, and a part of
another shape as that part missing. Reading only: `check` uses it and loads
nothing that writes.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

from dealdocs.closing.wire import WireConfirmation, wire_fields
from dealdocs.findings import Finding, Location, warning

MANIFEST = "manifest.json"
MAX_RECORD_BYTES = 64 * 1024 * 1024
MAX_RECORDED_BYTES = 1 << 30  # a file a build records (the largest: a binder's PDF of thousands of pages)


@dataclass
class BuildRecord:
    """What `manifest.json` says about a build: enough to verify and reproduce it."""

    dealdocs_version: str
    term_sheet: dict[str, object]
    templates: dict[str, str]
    files: dict[str, dict[str, object]] = field(default_factory=dict)
    wire_instructions: dict[str, str] | None = None
    wire_confirmed: WireConfirmation | None = None
    closing_ledger: dict[str, object] | None = None  # the closing ledger the checklist's statuses come from
    versions: dict[str, str] = field(default_factory=dict)  # a document's version where not its file's SHA-256 (the
    # release notice once dated: `closing.results.RenderedDocument.version`), by file name
    signed_on: dict[tuple[str, str], str] = field(default_factory=dict)  # a signature the closing ledger records
    # without a version -> the version of its document when a build first counted it (`ClosingLedger.remembering`)

    def to_json(self) -> str:
        data: dict[str, object] = {
            "dealdocs_version": self.dealdocs_version,
            "term_sheet": self.term_sheet,
            "templates": dict(sorted(self.templates.items())),
            "files": dict(sorted(self.files.items())),
        }
        if self.wire_instructions is not None:
            data["wire_instructions"] = self.wire_instructions
        if self.wire_confirmed is not None:
            data["wire_confirmed"] = self.wire_confirmed.as_dict()
        if self.closing_ledger is not None:
            data["closing_ledger"] = self.closing_ledger
        if self.versions:
            data["versions"] = dict(sorted(self.versions.items()))
        if self.signed_on:
            data["signed_on"] = [{"document": document, "signer": signer, "version": version}
                                 for (document, signer), version in sorted(self.signed_on.items())]
        return json.dumps(data, indent=2, sort_keys=False) + "\n"

    @classmethod
    def read(cls, folder: Path) -> BuildRecord | None:
        """The record in `folder`; None when there is none or it is not one."""
        path = folder / MANIFEST
        try:
            info = os.lstat(path)
            if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_RECORD_BYTES:
                return None
            data = json.loads(path.read_bytes().decode("utf-8"))
        except (OSError, ValueError, RecursionError):
            return None
        if not isinstance(data, dict):
            return None
        files, term_sheet, templates = data.get("files"), data.get("term_sheet"), data.get("templates")
        if not (isinstance(files, dict) and isinstance(term_sheet, dict) and isinstance(templates, dict)):
            return None
        if not all(isinstance(entry, dict) and isinstance(entry.get("sha256"), str) and type(entry.get("size")) is int
                   for entry in files.values()):
            return None
        return cls(
            dealdocs_version=str(data.get("dealdocs_version")),
            term_sheet=term_sheet,
            templates=templates,
            files=files,
            wire_instructions=wire_fields(data.get("wire_instructions")),
            wire_confirmed=WireConfirmation.from_dict(data.get("wire_confirmed")),
            closing_ledger=ledger if isinstance(ledger := data.get("closing_ledger"), dict) else None,
            versions={name: version for name, version in versions.items() if isinstance(version, str)}
            if isinstance(versions := data.get("versions"), dict) else {},
            signed_on=_signed_on(data.get("signed_on")),
        )


def _signed_on(entries: object) -> dict[tuple[str, str], str]:
    """A record's `signed_on`, each entry of another shape left out (a record is anyone's JSON)."""
    if not isinstance(entries, list):
        return {}
    found = {}
    for entry in entries:
        if not isinstance(entry, dict):
            continue
        key = (entry.get("document"), entry.get("signer"))
        version = entry.get("version")
        if all(isinstance(part, str) for part in key) and isinstance(version, str) and _SHA256.fullmatch(version):
            found[key] = version
    return found  # type: ignore[return-value]


_SHA256 = re.compile(r"[0-9a-f]{64}")


def sha256(data: bytes) -> str:
    """The SHA-256 of `data`, in hexadecimal: what the record gives for the term sheet and each file."""
    return hashlib.sha256(data).hexdigest()


def term_sheet_entry(display: str, path: Path, raw: bytes, **more: object) -> dict[str, object]:
    """What a record says of the term sheet it was made from: its path as the user gave it (`display`), a digest of
    the file it resolves to (`resolved_sha256`), the SHA-256 of its bytes (`raw`), and `more`. The resolved path is
    how a record above the term sheet is known for this one (`_of_term_sheet`): the path as given is relative to a
    folder the record does not keep (a code review: a build run from deals/work/ with -o ../output went unread, and a
    changed wire passed). Its digest, not the path: an output folder is sent to others, and the path named the
    user's own folders (a code review)."""
    resolved = _path_digest(path)
    return {"path": display, **({"resolved_sha256": resolved} if resolved else {}), "sha256": sha256(raw), **more}


def _path_digest(path: Path) -> str | None:
    """The SHA-256 of the file `path` resolves to, as a path; None when it cannot be resolved."""
    try:
        return sha256(str(path.resolve()).encode("utf-8", "surrogateescape"))
    except (OSError, RuntimeError, ValueError):
        return None


def as_recorded(folder: Path, name: str, entry: dict[str, object]) -> bytes | None:
    """The bytes of the file a build record names `name` in the deal's `folder` (its `entry`: size and SHA-256), when
    it is a plain file there of that size and digest, as the build wrote it; None for anything else (gone, changed, a
    folder, a link, a named pipe, a name that leads out of `folder`).

    The hostile sweep: a recorded PDF replaced by a named pipe hung a build without --pdf for good, and the binder
    too; a record's file name is anyone's JSON ("/dev/zero" made `folder / name` the device, read until memory ran
    out); a packet changed in the deal folder let a packet returned unsigned be bound as signed. A code review: a
    recorded size of a terabyte (a sparse file of that size beside it) was read whole (MemoryError), and a folder on
    the way that is a link led out of `folder`: neither is read.
    """
    parts = Path(name).parts
    if not parts or Path(name).is_absolute() or any(part in ("", ".", "..") for part in parts):
        return None
    size = entry.get("size")
    if type(size) is not int or not 0 <= size <= MAX_RECORDED_BYTES:
        return None
    path = folder / name
    try:
        if not all(stat.S_ISDIR(os.lstat(folder.joinpath(*parts[:depth])).st_mode) for depth in range(1, len(parts))):
            return None
        info = os.lstat(path)
        if not stat.S_ISREG(info.st_mode) or info.st_size != size:
            return None
        data = path.read_bytes()
    except (OSError, ValueError):  # gone, or no file to read
        return None
    return data if sha256(data) == entry.get("sha256") else None


def built_digests(record: BuildRecord, term_sheet: bytes) -> dict[str, str] | None:
    """Each document's name -> the SHA-256 of the .docx `record`'s build wrote, when that build is of `term_sheet`
    (these bytes); None when the term sheet has changed since (the documents built from it now are not known)."""
    if record.term_sheet.get("sha256") != sha256(term_sheet):
        return None
    return document_versions(record)


def document_versions(record: BuildRecord) -> dict[str, str]:
    """Each document's name -> its version as `record`'s build made it (the SHA-256 of its .docx, or the version
    its pages are signed on: `versions`), whatever term sheet it was built from."""
    return {name.removesuffix(".docx"): record.versions.get(name) or str(info.get("sha256", ""))
            for name, info in record.files.items() if name.endswith(".docx") and "/" not in name}


def read_deal_record(output_dir: Path, deal_id: str) -> BuildRecord | None:
    """The record of OUTDIR/<deal_id>/ when that is a folder (never through a link), else None."""
    folder = output_dir / deal_id
    try:
        if not stat.S_ISDIR(os.lstat(folder).st_mode):
            return None
    except (OSError, ValueError):
        return None
    return BuildRecord.read(folder)


_RECORD_LEVELS = 8  # folders looked in, from the term sheet's up, for a record built elsewhere


def deal_records_above(term_sheet: Path, deal_id: str, besides: Path) -> list[tuple[Path, BuildRecord]]:
    """Every (output folder, record) of the deal in an `output/` beside the term sheet or above it, up to the top of
    its git repository, nearest first; the folders above the term sheet as given (a link to a file elsewhere is
    looked up from where it is linked too), and never `besides`.

    A new user's trial: with the record in the repository's `output/`, a check run from `deals/` read `deals/output`,
    found nothing, and a changed wire passed without a word: the wire a deal was built and confirmed with belongs to
    the deal, wherever the command is run from. A code review: only the nearest was read, so a received deal
    folder's own `output/`, nearer the term sheet than the repository's, hid the repository's record, and a wire
    changed since the user's confirmation passed (exit 0).

    Only a record of this term sheet counts (`_of_term_sheet`): a code review found another deal's of the same file
    name (client-a/notes.yaml built from their common folder) stop client-b/notes.yaml with DD150, for good.
    """
    try:
        skip = besides.resolve()
        starts = [Path(os.path.abspath(term_sheet)).parent, term_sheet.resolve().parent]
    except (OSError, RuntimeError, ValueError):
        return []
    found: list[tuple[Path, BuildRecord]] = []
    seen: set[Path] = {skip}
    walks = [_up_from(start) for start in dict.fromkeys(starts)]
    folders = [folder for walk in walks for folder in walk]  # where a build of it may have been run
    for folder in folders:
        candidate = folder / "output"
        try:
            where = candidate.resolve()
        except (OSError, RuntimeError):
            where = candidate
        if where not in seen:
            seen.add(where)
            record = read_deal_record(candidate, deal_id)
            if record is not None and _of_term_sheet(record, folders, term_sheet):
                found.append((candidate, record))
    return found


def built_elsewhere(term_sheet: Path, deal_id: str, output_dir: Path) -> Path | None:
    """The output folder beside or above the term sheet that the deal is built in, the nearest, when `output_dir`
    holds no build of it (`deal_records_above`); None otherwise."""
    if read_deal_record(output_dir, deal_id) is not None:
        return None
    found = deal_records_above(term_sheet, deal_id, output_dir)
    return found[0][0] if found else None


def _up_from(folder: Path) -> list[Path]:
    """`folder` and the folders above it, up to the top of its git repository (a folder holding `.git`), at most
    `_RECORD_LEVELS`."""
    walk = []
    for _ in range(_RECORD_LEVELS):
        walk.append(folder)
        if os.path.lexists(folder / ".git") or folder.parent == folder:
            break
        folder = folder.parent
    return walk


def _of_term_sheet(record: BuildRecord, folders: list[Path], term_sheet: Path) -> bool:
    """Whether `record` is of `term_sheet`: the path it gives (as the build's user read it: relative to the folder the
    build was run in, unless absolute) is the term sheet's, read from one of `folders`, those a build of it may have
    been run in (beside it and above it: that of the `output/` it wrote, or another, with `-o`)."""
    given = record.term_sheet.get("path")
    targets = {os.path.normpath(os.path.abspath(term_sheet))}
    try:
        targets.add(str(term_sheet.resolve()))
    except (OSError, RuntimeError):
        pass
    made_from = record.term_sheet.get("resolved_sha256")  # the file it was made from (`term_sheet_entry`); anyone's
    if isinstance(made_from, str) and made_from == _path_digest(term_sheet):  # JSON: a list there is no match (a
        return True  # code review: `in` a set of a list was 'internal error')
    legacy = record.term_sheet.get("resolved")  # the path itself, as builds recorded it before the digest
    if isinstance(legacy, str) and legacy in targets:
        return True
    if not isinstance(given, str) or not given or "\0" in given:
        return False
    for folder in folders:
        path = folder / given  # an absolute path stays itself
        try:
            if os.path.normpath(os.path.abspath(path)) in targets or str(path.resolve()) in targets:
                return True
        except (OSError, RuntimeError, ValueError):
            continue
    return False


EXECUTED = "executed"  # `dealdocs binder`'s executed documents (`outputs.binder`), with their own record


def stale_executed(output_dir: Path, deal_id: str, term_sheet_sha256: str, where: Location) -> Finding | None:
    """DD528 (documented in `outputs.binder`) when OUTDIR/<deal>/executed/ was bound from another version of the term
    sheet (a new user's trial: the interest rate changed and the deal rebuilt, the executed set and binder of the old
    rate stayed, said by no one)."""
    folder = output_dir / deal_id / EXECUTED
    try:
        bound = BuildRecord.read(folder) if folder.is_dir() and not folder.is_symlink() else None
    except OSError:
        bound = None
    if bound is None or bound.term_sheet.get("sha256") == term_sheet_sha256:
        return None
    return warning("DD528", f"the executed documents in {folder} and the closing binder were bound from another "
                   "version of the term sheet: they are not the documents built from it now; have the pages that "
                   "changed signed again, then bind again (dealdocs binder)", where)
