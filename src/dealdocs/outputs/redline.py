"""Redlines between two versions of a deal: what changed in the term sheet, and in each document.

`dealdocs.versions` builds the deal as it is and as it was (an older term sheet file, or a git revision of the same
term sheet read from git), both in memory, with the same templates (those the current version uses), so that every
difference comes from the term sheet. Then, here:

- the term sheet fields that changed are found on the loaded data (the two
  models' dumps, path by path), so `1000000` and `1,000,000.00` are the same
  amount, and shown as the term sheet wrote them. The purchasers (every list
  of parties, `termsheet.parties`) are compared party by party, by name: a
  party added, removed or moved is one change, read by its name ("added
  purchaser: ..."), and a party's field is named by the party ("purchaser
  (Quarry Lane Fund, LLC) principal"); other lists entry by entry, in order;
- each change is one `Edit` of the older deal, applied alone to it and
  rendered, to name the documents it touches (up to `MAX_ISOLATED` changes;
  past that, or when a change cannot stand alone, the documents that changed
  are named instead);
- each pair of documents whose content differs is compared by python-redlines'
  Docxodus engine into a Word file with native tracked changes (`w:ins`,
  `w:del`) by "dealdocs", dated with a pinned date (below), so the same pair
  gives the same bytes every time; both are compared without their
  e-signature anchors (`ooxml.anchor_runs`), so a redline shows what prints;
  its changes are then marked up as a lawyer marks them up (`outputs.markup`:
  what went, then what came; an amount in words replaced whole);
- a change to the wire instructions is a security warning.

The revision date is never the clock: against a git revision, the date of the term sheet's last commit (the commit
of the newer version when it is committed); against a file, the later of the two deals' agreement dates.

`write_redline` writes OUTDIR/<deal>/redline/ (the redlines and changes.md)
all at once, like a build. Library code: it never prints and never exits.
"""

from __future__ import annotations

import difflib
import hashlib
import io
import json
import os
import re
import subprocess
import zipfile
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Protocol

from dealdocs.closing.results import DealResult, RenderedDocument
from dealdocs.closing.wire import WIRE_ADVICE, WireChange
from dealdocs.errors import ToolMissingError, UserMessageError
from dealdocs.findings import Finding
from dealdocs.termsheet.loader import KeyPath, key_path_text
from dealdocs.termsheet.model import CHECK_FIGURES
from dealdocs.termsheet.parties import PartyList, pair_entries, party_list
from dealdocs.ooxml.anchor_runs import is_anchor_run, without_anchors
from dealdocs.ooxml.package import stored_entries
from dealdocs.ooxml.xml import qn
from dealdocs.outputs.markup import marked_up
from dealdocs.outputs.stretches import reduced_pair, spliced
from dealdocs.render.renderer import AUTHOR
from dealdocs.words import amount_figures, ordinal
from dealdocs.outputs.write import REDLINE

if TYPE_CHECKING:
    from dealdocs.closing.kinds import DocumentSpec

CHANGES = "changes.md"
MAX_ISOLATED = 40
_LISTED = 10  # of the documents of one kind a changed field touches, how many changes.md names one by one
INSTALL_HINT = "pip install 'dealdocs[redline]'"

_REVISION_TAGS = {qn(f"w:{name}") for name in ("ins", "del", "moveFrom", "moveTo")}


# -- what a redline finds ------------------------------------------------------------


@dataclass(frozen=True)
class Edit:
    """One edit of the earlier term sheet, which `versions` applies alone to it to name the documents it touches.

    "set": the value at `old` becomes the current version's at `new` (a field; a section added or taken out);
    "add": the current entry at `new` goes into the earlier list at `old` (whose last element is the position);
    "remove": the earlier entry at `old` is taken out; "move": the earlier entry at `old` goes to position `at`
    of its list (counted with it still in it).
    """

    kind: Literal["set", "add", "remove", "move"]
    old: KeyPath
    new: KeyPath = ()
    at: int = 0


@dataclass
class FieldChange:
    """One term sheet field that changed, shown as each version wrote it; or one party added, removed or moved."""

    path: KeyPath  # in the current term sheet; in the earlier one for a party removed
    old: str
    new: str
    unit: Edit  # the one edit it comes with (a section's, or a list entry's, fields share theirs)
    documents: list[str] = field(default_factory=list)
    isolated: bool = True  # False: `documents` are all the changed documents, not this field's own
    old_path: KeyPath | None = None  # in the earlier term sheet; None for a party added
    change: str = "changed"  # of a party of a list of parties: "added", "removed", "moved"
    label: str = ""  # what changes.md names: "purchaser (Quarry Lane Fund, LLC) principal" ('' for the key)
    party: str | None = None  # the purchaser it is about, by name

    @property
    def key(self) -> str:
        return key_path_text(self.path)

    @property
    def line(self) -> str:
        if self.change in ("added", "removed"):
            return f"{self.label}: {self.new if self.change == 'added' else self.old}"
        return f"{self.label or self.key}: {self.old} -> {self.new}"


@dataclass
class DocumentChange:
    """One document of the deal, compared between the two versions."""

    name: str
    status: str  # "changed", "unchanged", "added", "removed"
    redline: bytes | None = None
    insertions: int = 0
    deletions: int = 0
    same_as: str | None = None  # changed word for word as this other document was (whose redline shows it)
    title: str = ""  # its kind's title: "Promissory Note"
    was: str | None = None  # its name in the earlier version, when that was another (a purchaser renamed)
    renumbered: tuple[int, int] | None = None  # (its number before, now): a note whose purchaser moved in the list

    @property
    def filename(self) -> str | None:
        return f"{self.name}-redline.docx" if self.redline is not None else None


@dataclass
class RedlineReport:
    """Everything `dealdocs redline` found, ready to write and to print."""

    deal_id: str
    term_sheet: str
    against: str
    revision_date: str
    dated_by: str = "the latest agreement date of the two versions"  # where revision_date comes from, in words
    wire_now: dict[str, str] | None = None  # the current version's wire details (`wire_details`), None without escrow
    fields: list[FieldChange] = field(default_factory=list)
    documents: list[DocumentChange] = field(default_factory=list)
    wire_changes: list[WireChange] = field(default_factory=list)
    earlier_errors: list[Finding] = field(default_factory=list)  # the earlier version's: its term sheet's, its rendering's
    notes_read: tuple[int, tuple[str, ...]] = (0, ())  # how many notes were not checked (`versions`); those that were
    checked: str = ""  # what of the current version was checked, in words (`versions`)

    @property
    def redlines(self) -> dict[str, bytes]:
        return {d.filename: d.redline for d in self.documents if d.filename and d.redline is not None}

    @property
    def documents_unchanged(self) -> bool:
        """Whether the two versions build the same documents (a field may have changed that no document states, a
        deal's title): there is nothing to redline."""
        return not self.wire_changes and all(d.status == "unchanged" for d in self.documents)

    def markdown(self) -> str:
        """The change summary: printed by the command and written as redline/changes.md."""
        lines = [
            f"# Redline of {self.deal_id}",
            "",
            f"{self.term_sheet} as it is, against {self.against}.",
            f'Tracked changes by "{AUTHOR}", dated {self.revision_date}: {self.dated_by}, never the clock, so '
            "that the same two versions always give the same redline.",
        ]
        if self.earlier_errors:
            lines += ["", f"The earlier version has {len(self.earlier_errors)} error(s); it was redlined as it stands "
                      "(an earlier version is only loaded: its term sheet checked, its documents not):", ""]
            lines += [f"- {finding.code} {finding.location.keyed or finding.location}: {finding.message}"
                      for finding in self.earlier_errors]
        if self.wire_changes:
            lines += ["", "> **SECURITY WARNING: THE WIRE INSTRUCTIONS CHANGED.**", ">"]
            lines += [f"> - {change.line}" for change in self.wire_changes]
            lines += [">", f"> {WIRE_ADVICE}"]
        lines += ["", self.checked] if self.checked else []
        lines += ["", f"## Changed fields ({len(self.fields)})", ""]
        if not self.fields:
            lines.append("No term sheet field changed.")
        title = {d.name: d.title for d in self.documents}
        every = Counter(d.title for d in self.documents if d.status != "removed")  # the documents of each kind
        for change in self.fields:
            if not change.documents:
                where = "touches no document's text"
                if change.path in CHECK_FIGURES:
                    where += f": a check figure; the documents state {CHECK_FIGURES[change.path]}"
            else:
                where = ("touches " if change.isolated else "with the other changes, touches ") + _named(
                    change.documents, title, every)
            lines.append(f"- {change.line}; {where}")
        lines += ["", "## Documents", ""]
        for document in self.documents:
            was = f" (was {document.was})" if document.was else ""
            if document.renumbered:
                was += f" ({document.title} No. {document.renumbered[0]}, now No. {document.renumbered[1]})"
            lines.append(f"- {document.name}{was}: {_document_status(document)}")
        return "\n".join(lines) + "\n"

    def as_dict(self) -> dict[str, Any]:
        return {
            "deal": self.deal_id,
            "term_sheet": self.term_sheet,
            "against": self.against,
            "revision_date": self.revision_date,
            "earlier_errors": [finding.as_dict() for finding in self.earlier_errors],
            "notes_not_checked": self.notes_read[0], "notes_checked": list(self.notes_read[1]),
            "wire_instructions_changed": [vars(change) for change in self.wire_changes],
            "fields": [
                {"key": c.key, "old": c.old, "new": c.new, "documents": c.documents, "isolated": c.isolated,
                 "change": c.change, "line": c.line, "party": c.party,
                 "old_key": key_path_text(c.old_path) if c.old_path is not None else None}
                for c in self.fields
            ],
            "documents": [
                {"name": d.name, "was": d.was, "status": d.status, "redline": d.filename, "same_as": d.same_as,
                 "insertions": d.insertions, "deletions": d.deletions,
                 "renumbered": list(d.renumbered) if d.renumbered else None}
                for d in self.documents
            ],
        }


def _named(names: list[str], title: dict[str, str], every: Counter[str]) -> str:
    """The documents a field touches, by name; more than `_LISTED` of one kind as all of that kind (`every` counts
    each kind's documents; `title` gives each document's kind), or as a count with the first few (5,000 notes are
    not listed on each of a field's lines)."""
    by_kind: dict[str, list[str]] = {}
    for name in names:
        by_kind.setdefault(title.get(name, ""), []).append(name)
    shown: list[str] = []
    for kind, kind_names in by_kind.items():
        if len(kind_names) <= _LISTED or not kind:
            shown += kind_names
        elif len(kind_names) == every.get(kind):
            shown.append(f"all {len(kind_names):,} {kind.lower()}s")
        else:
            shown.append(f"{len(kind_names):,} {kind.lower()}s ({', '.join(kind_names[:3])} and "
                         f"{len(kind_names) - 3:,} more; --format json lists them)")
    return ", ".join(shown)


def _document_status(document: DocumentChange) -> str:
    if document.status == "unchanged":
        return "unchanged"
    if document.status == "added":
        return "new in this version (no redline: dealdocs build writes it)"
    if document.status == "removed":
        return "no longer called for (no redline)"
    if document.same_as is not None:
        return (f"the same change as {document.same_as}, word for word: {document.insertions} insertion(s), "
                f"{document.deletions} deletion(s) (its redline: {document.same_as}-redline.docx; "
                "dealdocs redline --each redlines this document too)")
    if document.insertions or document.deletions:
        return f"{document.insertions} insertion(s), {document.deletions} deletion(s): {document.filename}"
    return f"changed, but the redline engine marked no revision (compare by hand): {document.filename}"


# -- the redline engine ----------------------------------------------------------------


def load_engine() -> Any:
    """python-redlines' Docxodus engine, or ToolMissingError saying how to install it."""
    try:
        from python_redlines import DocxodusEngine
    except ImportError:
        raise ToolMissingError(f"redlines need python-redlines and its Docxodus engine, which are not installed: {INSTALL_HINT}") from None
    try:
        return DocxodusEngine()
    except ImportError as exc:  # EngineNotInstalledError: the engine's binary package is missing
        raise ToolMissingError(
            f"redlines need python-redlines' Docxodus engine, which is not installed ({exc}): {INSTALL_HINT}"
        ) from None
    except OSError as exc:  # no binary for this platform, or the cache folder cannot be written
        raise ToolMissingError(f"the redline engine cannot run here ({exc}): {INSTALL_HINT}") from None


def redline_docx(engine: Any, old: bytes, new: bytes, revision_date: str) -> bytes:
    """A .docx of `new` with tracked changes from `old`, marked up as a lawyer marks them up
    (`outputs.markup`: what went, then what came; an amount in words replaced whole), normalized (fixed zip
    order and dates)."""
    try:
        with _engine_settings():
            data, _stdout, _stderr = engine.run_redline(AUTHOR, old, new, date_time=revision_date)
    except subprocess.CalledProcessError as exc:  # EngineExecutionError
        raise UserMessageError(f"the redline engine failed: {exc}") from None
    return marked_up(data)


_ENGINE_SETTINGS = {"DOTNET_TieredPGO": "0"}
"""The engine is a .NET program that spends most of its seconds starting: without the profiling .NET adds to
code it compiles (tiered PGO), a quarter less (one release notice: 3.7 -> 2.9 s), the same redline. A user's own
setting stays."""


@contextmanager
def _engine_settings() -> Iterator[None]:
    """`_ENGINE_SETTINGS` in the environment the engine inherits, meanwhile, where the user has not set them."""
    added = [name for name in _ENGINE_SETTINGS if name not in os.environ]
    os.environ.update({name: _ENGINE_SETTINGS[name] for name in added})
    try:
        yield
    finally:
        for name in added:
            os.environ.pop(name, None)


def redline_changes(engine: Any, old: bytes, new: bytes, revision_date: str) -> bytes:
    """`redline_docx` of the two documents without their e-signature anchors (a redline shows what prints): of only
    the stretches of the body that changed, put back in the new document (`outputs.stretches`); of the whole
    documents when that cannot be done faithfully."""
    cut = reduced_pair(old, new, dropping=is_anchor_run)
    if cut is not None:
        made = spliced(redline_docx(engine, cut[0], cut[1], revision_date), cut[2])
        if made is not None:
            return made
    return redline_docx(engine, without_anchors(old), without_anchors(new), revision_date)


def count_revisions(data: bytes) -> tuple[int, int]:
    """(insertions, deletions): the tracked-change elements in a .docx's document, headers and footers."""
    from lxml import etree

    insertions = deletions = 0
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if not (name.startswith("word/") and name.endswith(".xml")):
                continue
            root = etree.fromstring(archive.read(name))
            for element in root.iter(*_REVISION_TAGS):
                if element.tag.endswith(("}ins", "}moveTo")):
                    insertions += 1
                else:
                    deletions += 1
    return insertions, deletions


def pair_documents(old: list[Any], new: list[Any]) -> list[tuple[Any | None, Any | None]]:
    """Match the documents (anything with a `.spec`) of two versions.

    By name first, then by template and purchaser (the note of a purchaser whose
    name, and so file name, changed). Returns (old, new) pairs in the new
    version's order, then (old, None) for the old documents left over.
    """
    remaining = list(old)
    pairs: list[tuple[Any | None, Any | None]] = []
    for document in new:
        match = next((o for o in remaining if o.spec.name == document.spec.name), None)
        if match is not None:
            remaining.remove(match)
        pairs.append((match, document))
    for index, (match, document) in enumerate(pairs):
        if match is None:
            spec: DocumentSpec = document.spec
            match = next((o for o in remaining if (o.spec.template, o.spec.purchaser_index) == (spec.template, spec.purchaser_index)), None)
            if match is not None:
                remaining.remove(match)
                pairs[index] = (match, document)
    pairs.extend((o, None) for o in remaining)
    return pairs


class Unrendered(Protocol):
    """What stands in for the documents of a redline not rendered as built (their `data` None): a note of each
    purchaser, compared by what Jinja renders for it (`source_change_signature`) and rendered as built only when
    it is redlined."""

    def signature(self, before: RenderedDocument, after: RenderedDocument) -> str | None:
        """`source_change_signature` of the earlier version's `before` and the current `after`."""

    def data(self, document: RenderedDocument, *, earlier: bool) -> bytes:
        """The .docx a build makes of `document`, of the earlier version or of the current one."""


def compare_documents(engine: Any, old: list[RenderedDocument], new: list[RenderedDocument], revision_date: str,
                      *, each: bool = False, jobs: int = 1, unrendered: Unrendered | None = None) -> list[DocumentChange]:
    """Each pair of documents compared; a redline made of each pair that changed.

    Documents of one template that changed word for word alike (a deal-wide
    term in every purchaser's note) are redlined once, by the first of them:
    the others are `same_as` it (`change_signature`), unless `each` asks for
    a redline of every document. The engine takes about half a second a
    document: 5,000 notes changed alike would take an hour, for one change.
    The changes are found by `jobs` processes (`workers.shared`), and the
    redlines made a few at once, each in its own process. An earlier
    document not rendered (its `data` None) is compared by what Jinja renders
    for it and its current one, and each not rendered is rendered for its
    redline (`unrendered`).
    """
    from dealdocs.workers import shared

    pairs = pair_documents(old, new)
    of_template = Counter(document.spec.template for document in new)
    both = [index for index, (before, after) in enumerate(pairs) if before is not None and after is not None]

    def signature(k: int) -> str | None:
        before, after = pairs[both[k]]
        if before.data is None or after.data is None:
            assert unrendered is not None
            return unrendered.signature(before, after)
        return change_signature(before.data, after.data, pieces=of_template[after.spec.template] > 1)

    signatures = dict(zip(both, shared(signature, [len(pairs[index][1].data or b"") + 1 for index in both], jobs)))
    changes = []
    to_redline: list[tuple[DocumentChange, RenderedDocument, RenderedDocument]] = []
    first_of: dict[tuple[str, str], DocumentChange] = {}  # (template, change signature) -> the document redlined
    for index, (before, after) in enumerate(pairs):
        if after is None:
            changes.append(DocumentChange(before.spec.name, "removed", title=before.spec.title))
        elif before is None:
            changes.append(DocumentChange(after.spec.name, "added", title=after.spec.title))
        elif (change := signatures[index]) is None:
            changes.append(DocumentChange(after.spec.name, "unchanged", title=after.spec.title, was=_was(before, after)))
        else:
            changes.append(DocumentChange(after.spec.name, "changed", title=after.spec.title, was=_was(before, after),
                                          renumbered=_renumbered(before, after)))
            alike = None if each else (after.spec.template, change)
            if alike in first_of:
                changes[-1].same_as = first_of[alike].name
                continue
            if alike is not None:
                first_of[alike] = changes[-1]
            to_redline.append((changes[-1], before, after))

    def data(document: RenderedDocument, earlier: bool) -> bytes:
        if document.data is not None:
            return document.data
        assert unrendered is not None
        return unrendered.data(document, earlier=earlier)

    def redlined(k: int) -> bytes:
        _, before, after = to_redline[k]
        return redline_changes(engine, data(before, True), data(after, False), revision_date)

    # The engine is a separate program that spends most of its second starting up: a few run at once (an error
    # in one, the engine's or the disk's, is raised here as it was there: `workers.shared`).
    made = shared(redlined, [len(after.data or b"") + 1 for _, _, after in to_redline], max(1, min(4, os.cpu_count() or 1, len(to_redline))))
    for (change, _, _), data in zip(to_redline, made, strict=True):
        change.redline = data
        change.insertions, change.deletions = count_revisions(data)
    done = {change.name: change for change, _, _ in to_redline}
    for change in changes:
        if change.same_as is not None:
            change.insertions, change.deletions = done[change.same_as].insertions, done[change.same_as].deletions
    return changes


def _renumbered(before: RenderedDocument, after: RenderedDocument) -> tuple[int, int] | None:
    """(the earlier number, the number now) of a numbered document (a note) whose number changed."""
    was, now = before.spec.number, after.spec.number
    return (was, now) if was is not None and now is not None and was != now else None


def _was(before: RenderedDocument, after: RenderedDocument) -> str | None:
    """The earlier document's name, when the pair was matched under another (`pair_documents`)."""
    return before.spec.name if before.spec.name != after.spec.name else None


_BLOCK_START = re.compile(rb"<w:(?:p|tbl)[ >]")


def _blocks(xml: bytes) -> list[bytes]:
    """`xml` cut where each paragraph or table starts: what splitting at the lookahead `(?=<w:(?:p|tbl)[ >])`
    gives (an empty first piece when it starts with one), found by searching for the tag itself, which is ten
    times faster than trying the lookahead at every position (a quarter of comparing two notes)."""
    starts = [0, *(match.start() for match in _BLOCK_START.finditer(xml)), len(xml)]
    return [xml[start:end] for start, end in zip(starts, starts[1:])]


def change_signature(before: bytes, after: bytes, *, pieces: bool = True) -> str | None:
    """What changed between two versions of a .docx, as a digest; None when they hold the same (every part
    but the properties: what a reader sees).

    The digest is of the XML of the document part, cut where each paragraph or table starts, taken as the
    pieces removed and the pieces put in their place; and of each other part that changed, before and after.
    A paragraph changed in place counts by its place, its mark-up and its edits alone (`_edits`: the tokens
    taken out and put in), not the whole paragraph. Two documents with one signature changed alike, word for
    word and mark-up for mark-up (two purchasers' notes when the interest rate or the maturity date changed, in a
    paragraph that also names each one's payee), wherever the change stands and whatever else they hold. Without
    `pieces` (a document no other can be like: the only one of its template) the document part's pieces are
    not matched (seconds for an agreement of 5,000 signature pages), only found to differ.
    """
    if before == after:  # the same bytes (the zip is written the same way each time): most notes of a deal
        return None
    digest = hashlib.sha256()
    changed = False
    with zipfile.ZipFile(io.BytesIO(before)) as one, zipfile.ZipFile(io.BytesIO(after)) as other:
        old_names, new_names = set(one.namelist()), set(other.namelist())
        old_stored, new_stored = stored_entries(one, before), stored_entries(other, after)
        for name in sorted(old_names | new_names):
            if name.startswith("docProps/") or (name in old_stored and old_stored.get(name) == new_stored.get(name)):
                continue
            old = one.read(name) if name in old_names else b""
            new = other.read(name) if name in new_names else b""
            if old == new and (name in old_names) == (name in new_names):
                continue
            changed = True
            digest.update(name.encode() + b"\0")
            if name != "word/document.xml" or not pieces:
                digest.update(hashlib.sha256(old).digest() + hashlib.sha256(new).digest())
                continue
            _block_edits(digest, old, new)
    return digest.hexdigest() if changed else None


def source_change_signature(before: list[bytes], after: list[bytes]) -> str | None:
    """`change_signature` of two documents given as what Jinja renders for them (`Renderer.source_texts`: each
    template's name, then its body, headers, footers and notes), with anything a build adds after (their signers'
    anchors) as last texts: None when they are the same (so are the documents built from them); else a digest of
    the body's pieces removed and put in (text [1], the document's own template's), and of each other text that
    changed. Two documents with one signature changed alike, as `change_signature` says of the documents."""
    if before == after:
        return None
    digest = hashlib.sha256()
    if len(before) != len(after):
        for text in (b"-", *before, b"+", *after):
            digest.update(hashlib.sha256(text).digest())
        return digest.hexdigest()
    for index, (old, new) in enumerate(zip(before, after)):
        if old == new:
            continue
        digest.update(b"%d\0" % index)
        if index == 1:
            _block_edits(digest, old, new)
        else:
            digest.update(hashlib.sha256(old).digest() + hashlib.sha256(new).digest())
    return digest.hexdigest()


def _block_edits(digest: Any, old: bytes, new: bytes) -> None:
    """Into `digest`: the pieces of a document's body (`_blocks`) removed and put in their place; a paragraph
    changed in place by its place, its mark-up and its edits alone (`_edits`)."""
    old_blocks, new_blocks = _blocks(old), _blocks(new)
    matcher = difflib.SequenceMatcher(None, old_blocks, new_blocks, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "replace" and i2 - i1 == j2 - j1:  # paragraphs reworded: what changed in each, in place
            for number, (was, now) in enumerate(zip(old_blocks[i1:i2], new_blocks[j1:j2]), start=i1):
                digest.update(b"~%d" % number)
                for edit in _edits(was, now):
                    digest.update(hashlib.sha256(edit).digest())
        elif tag != "equal":
            for block in (b"-", *old_blocks[i1:i2], b"+", *new_blocks[j1:j2]):
                digest.update(hashlib.sha256(block).digest())


_TOKEN = re.compile(rb"<[^>]*>|[^<\s]+|\s+")


def _edits(before: bytes, after: bytes) -> list[bytes]:
    """What makes one paragraph's XML the other's: the mark-up of each (every tag, in order: a bold run, a list
    style), then each edit, the tokens taken out and put in. Not the words around an edit: the payee's name and
    principal, a word away from a changed date in a note's heading, are no part of the change. Where an edit stands
    is fixed by the paragraph's place (the caller's) and its mark-up; the common start and end are matched away
    before the rest is compared, so a long paragraph with one change costs little."""
    old, new = _TOKEN.findall(before), _TOKEN.findall(after)
    skeleton = b"".join(t for t in old if t[:1] == b"<") + b"\0" + b"".join(t for t in new if t[:1] == b"<")
    start = 0
    while start < min(len(old), len(new)) and old[start] == new[start]:
        start += 1
    end = 0
    while end < min(len(old), len(new)) - start and old[-1 - end] == new[-1 - end]:
        end += 1
    middle_old, middle_new = old[start:len(old) - end], new[start:len(new) - end]
    matcher = difflib.SequenceMatcher(None, middle_old, middle_new, autojunk=False)
    return [skeleton] + [b"".join(middle_old[i1:i2]) + b"\0" + b"".join(middle_new[j1:j2])
                         for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal"]


# -- the term sheet fields that changed --------------------------------------------------------


_MISSING = object()


def lookup(data: Any, path: KeyPath) -> Any:
    for part in path:
        if isinstance(part, int) and isinstance(data, list) and 0 <= part < len(data):
            data = data[part]
        elif isinstance(part, str) and isinstance(data, dict) and part in data:
            data = data[part]
        else:
            return _MISSING
    return data


def show_value(value: Any) -> str:
    """A value as the term sheet would write it, on one line."""
    if value is None or value is _MISSING:
        return "(none)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, (int, Decimal)):
        return str(value)
    if isinstance(value, (list, dict)):
        return json.dumps(value, default=str) if value else ("[]" if isinstance(value, list) else "{}")
    text = str(value)
    if not text or text != text.strip() or "\n" in text or " -> " in text or text == "(none)":
        return json.dumps(text)
    return text


def _leaves(value: Any, path: KeyPath) -> list[tuple[KeyPath, Any]]:
    """Every scalar under `value` (None left out), with its path."""
    if isinstance(value, dict):
        return [leaf for key, item in value.items() for leaf in _leaves(item, (*path, key))]
    if isinstance(value, list):
        return [leaf for index, item in enumerate(value) for leaf in _leaves(item, (*path, index))]
    return [] if value is None else [(path, value)]


@dataclass(frozen=True)
class _Place:
    """Where a value stands in each version, and how changes.md names it."""

    old: KeyPath
    new: KeyPath
    entry: str = ""  # the party it is in, as read: "purchaser (Quarry Lane Fund, LLC)"
    rest: KeyPath = ()  # its key path within that party (within the term sheet, outside any)
    party: str | None = None  # the purchaser it is about, by name

    def down(self, parts: KeyPath) -> _Place:
        """The place of a key (or list index) under this one, the same in both versions."""
        return replace(self, old=(*self.old, *parts), new=(*self.new, *parts), rest=(*self.rest, *parts))

    def party_entry(self, old: int, new: int, noun: str, name: str) -> _Place:
        """The place of a party in a list of parties, at `old` in the earlier list and `new` in the current."""
        entry = f"{self.entry} {noun} ({name})" if self.entry else f"{noun} ({name})"  # nested: "purchaser (...) joint holder (...)"
        return _Place((*self.old, old), (*self.new, new), entry, (), self.party or name)

    @property
    def label(self) -> str:
        return " ".join(part for part in (self.entry, key_path_text(self.rest)) if part)


_NAMED_ENTRIES = {"escrow.disbursements": ("disbursement", "payee")}
"""Lists compared entry by entry whose entries changes.md names by a key of theirs (what a lawyer calls them):
a disbursement by its payee."""


class _Comparison:
    """The changes between two term sheets' data: dumped (`dumps`) and as written (`raws`)."""

    def __init__(self, dumps: tuple[Any, Any], raws: tuple[Any, Any]):
        self.dumps, self.raws = dumps, raws
        self.found: list[FieldChange] = []

    def diff(self, old: Any, new: Any, at: _Place) -> None:
        """Add to `found` each change between `old` and `new`, the values at `at`."""
        if isinstance(old, dict) and isinstance(new, dict):
            for key in [*new, *(k for k in old if k not in new)]:
                self.diff(old.get(key), new.get(key), at.down((key,)))
            return
        if isinstance(old, list) and isinstance(new, list):
            parties = party_list(at.new)
            if parties is not None and all(isinstance(e, dict) for e in (*old, *new)):
                self._parties(old, new, at, parties)
            else:
                self._entries(old, new, at)
            return
        if old == new:
            return
        edit = Edit("set", at.old, at.new)
        if isinstance(old, (dict, list)) or isinstance(new, (dict, list)):  # a section added or taken out
            new_leaves = [leaf for leaf, _ in _leaves(new, ())]
            old_leaves = [leaf for leaf, _ in _leaves(old, ()) if leaf not in set(new_leaves)]
            for leaf in new_leaves + old_leaves or [()]:
                self._field(at.down(leaf), edit)
            return
        self._field(at, edit)

    def _field(self, at: _Place, edit: Edit) -> None:
        old = show_value(_shown(self.raws[0], self.dumps[0], at.old))
        new = show_value(_shown(self.raws[1], self.dumps[1], at.new))
        self.found.append(FieldChange(at.new, old, new, edit, old_path=at.old, label=at.label, party=at.party))

    def _entries(self, old: list[Any], new: list[Any], at: _Place) -> None:
        """A list of values (street lines, markets, disbursements), entry by entry in order."""
        named = _NAMED_ENTRIES.get(key_path_text(at.new))
        for index in range(max(len(old), len(new))):
            place = at.down((index,))
            side = new[index] if index < len(new) else old[index]
            if named is not None and isinstance(side, dict) and side.get(named[1]):
                # "disbursement (Meridian Capital Markets, LLC) amount": [2] reads as the second, and is the third
                place = replace(place, entry=f"{named[0]} ({side[named[1]]})", rest=())
            if index < len(old) and index < len(new):
                self.diff(old[index], new[index], place)
                continue
            edit = Edit("add", (*at.old, len(old)), place.new) if index < len(new) else Edit("remove", place.old)
            for leaf in [leaf for leaf, _ in _leaves(side, ())] or [()]:
                self._field(place.down(leaf), edit)

    def _parties(self, old: list[dict[str, Any]], new: list[dict[str, Any]], at: _Place, parties: PartyList) -> None:
        """A list of parties, party by party (`termsheet.parties`): each added, removed or moved in one line."""
        pairing = pair_entries(old, new)
        for index, entry in enumerate(new):
            if index not in pairing.earlier:
                self._one_party("added", at, parties, (index, len(new), entry),
                                Edit("add", (*at.old, pairing.places[index]), (*at.new, index)))
                continue
            was = pairing.earlier[index]
            place = at.party_entry(was, index, parties.noun, str(entry.get("name")))
            if index in pairing.moved:
                edit = Edit("move", place.old, place.new, pairing.places[index])
                self.found.append(FieldChange(place.new, f"{ordinal(was + 1)} of {len(old)}",
                                              f"{ordinal(index + 1)} of {len(new)}", edit, old_path=place.old,
                                              change="moved", label=f"{place.entry} position", party=place.party))
            self.diff(old[was], entry, place)
        for was in pairing.removed:
            self._one_party("removed", at, parties, (was, len(old), old[was]), Edit("remove", (*at.old, was)))

    def _one_party(self, change: str, at: _Place, parties: PartyList, where: tuple[int, int, dict[str, Any]],
                   edit: Edit) -> None:
        """A party added to a list (of `count` entries, at `index`) or removed from it, in one line."""
        index, count, entry = where
        name = str(entry.get("name"))
        amount = entry.get(parties.amount) if parties.amount else None
        shown = f"{name} ({amount_figures(amount)})" if isinstance(amount, Decimal) else name
        shown += f", {'now' if change == 'added' else 'was'} {ordinal(index + 1)} of {count}"
        path = edit.new if change == "added" else edit.old
        label = f"{change} {parties.noun}" + (f" of {at.entry}" if at.entry else "")
        old, new = ("(none)", shown) if change == "added" else (shown, "(none)")
        self.found.append(FieldChange(path, old, new, edit, old_path=None if change == "added" else path,
                                      change=change, label=label, party=at.party or name))


def dump(result: DealResult) -> dict[str, Any]:
    assert result.deal is not None
    return result.deal.model_dump()


def field_changes(earlier: DealResult, current: DealResult) -> list[FieldChange]:
    """The term sheet fields that differ between two loaded deals.

    Compared on the models' data (so equal amounts written differently are equal); the parties of a list of
    parties (`termsheet.parties`: the purchasers) each with itself, by name, a party added, removed or moved
    being one change; other lists entry by entry in order. Each value is shown as its term sheet wrote it (the
    model's value where the term sheet leaves the key out).
    """
    old, new = dump(earlier), dump(current)
    comparison = _Comparison((old, new), (earlier.source.data if earlier.source else None,
                                          current.source.data if current.source else None))
    comparison.diff(old, new, _Place((), ()))
    return comparison.found


def _shown(raw: Any, dumped: Any, path: KeyPath) -> Any:
    value = lookup(dumped, path)
    if value is _MISSING or value is None:
        return value
    written = lookup(raw, path) if raw is not None else _MISSING
    if written is _MISSING or isinstance(written, (dict, list)):
        return value
    return written


# -- which documents each change touches ------------------------------------------------------


# -- writing ------------------------------------------------------------------------------------


def write_redline(output_dir: Path, report: RedlineReport, *, force: bool = False) -> tuple[list[Path], list[str]]:
    """Write OUTDIR/<deal>/redline/ (one redline per changed document, and changes.md) all at once: (the paths
    written, changes.md last; the names of the previous redline's files it removed).

    Written as a build is (`dealdocs.outputs.write`), with its own record: the
    folder holds this redline or the previous one, whole; redlines of documents
    that no longer changed do not linger (and are said removed: a new user's trial
    found the previous blacklines gone without a word); a file of the user's
    there is kept, and a redline edited by hand stops it unless forced. When the versions build the same
    documents, nothing is written and the previous redline stays (a new user's trial: a redline against the commit
    just made, which changes nothing, deleted the blacklines already sent; a code review: so did a change of a
    field no document states).
    """
    if report.documents_unchanged:
        return [], []
    from dealdocs import __version__
    from dealdocs.outputs.write import BuildRecord, safe_file_name, write_build

    files = {safe_file_name(name): data for name, data in report.redlines.items()}
    files[CHANGES] = report.markdown().encode("utf-8")
    record = BuildRecord(__version__, {"path": report.term_sheet, "against": report.against}, {})
    done = write_build(output_dir, report.deal_id, files, record, force=force, subfolder=REDLINE)
    written = done.paths
    return [path for path in written if path.name != CHANGES] + [path for path in written if path.name == CHANGES], done.removed
