"""Redlines between two versions of a deal: what changed in the term sheet, and in each document.

The deal is built as it is and as it was (an older term sheet file, or a git
revision of the same term sheet read with `git show`), both in memory through
the `Builder`, with the same templates (those the current version uses), so
that every difference comes from the term sheet. Then:

- the term sheet fields that changed are found on the loaded data (the two
  models' dumps, path by path, lists by index), so `1000000` and
  `1,000,000.00` are the same amount, and shown as the term sheet wrote them;
- each changed field is applied alone to the older deal and rendered, to name
  the documents it touches (up to `MAX_ISOLATED` changes; past that, or when a
  change cannot stand alone, the documents that changed are named instead);
- each pair of documents whose content differs is compared by python-redlines'
  Docxodus engine into a Word file with native tracked changes (`w:ins`,
  `w:del`) by "dealdocs", dated with a pinned date (below), so the same pair
  gives the same bytes every time;
- a change to the wire instructions is a security warning.

The revision date is never the clock: against a git revision, the date of the
term sheet's last commit (the commit of the newer version when it is
committed); against a file, the later of the two deals' agreement dates.

`write_redline` writes OUTDIR/<deal>/redline/ (the redlines and changes.md)
all at once, like a build. Library code: it never prints and never exits.
"""

from __future__ import annotations

import copy
import hashlib
import io
import json
import os
import shutil
import subprocess
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dealdocs.pipeline import Builder, DealResult, RenderedDocument, wire_details
from dealdocs.errors import DealdocsError, FindingsError, TermSheetError, ToolMissingError, UsageError, UserMessageError
from dealdocs.findings import sort_findings
from dealdocs.termsheet.loader import MAX_BYTES, KeyPath, TermSheetSource, key_path_text, parse_source, validate
from dealdocs.outputs.write import REDLINE

if TYPE_CHECKING:
    from dealdocs.closing.kinds import DocumentSpec

AUTHOR = "dealdocs"
CHANGES = "changes.md"
MAX_ISOLATED = 40
INSTALL_HINT = "pip install 'dealdocs[redline]'"

WIRE_LABELS = {
    "bank": "bank",
    "bank_address": "bank address",
    "aba_routing_number": "ABA routing number",
    "account_name": "account name",
    "account_number": "account number",
}
WIRE_ADVICE = (
    "Changed wire details are the classic closing fraud. Before anyone wires funds, confirm the new "
    "details by telephone with a known contact at the escrow agent, on a number you already had, "
    "never on one given with the change."
)

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_REVISION_TAGS = {f"{{{_W}}}{name}" for name in ("ins", "del", "moveFrom", "moveTo")}


# -- what a redline finds ------------------------------------------------------------


@dataclass
class FieldChange:
    """One term sheet field that changed, shown as each version wrote it."""

    path: KeyPath
    old: str
    new: str
    unit: KeyPath = ()  # what one edit changes: the field itself, or the list entry it was added or removed with
    documents: list[str] = field(default_factory=list)
    isolated: bool = True  # False: `documents` are all the changed documents, not this field's own

    @property
    def key(self) -> str:
        return key_path_text(self.path)

    @property
    def line(self) -> str:
        return f"{self.key}: {self.old} -> {self.new}"


@dataclass
class DocumentChange:
    """One document of the deal, compared between the two versions."""

    name: str
    status: str  # "changed", "unchanged", "added", "removed"
    redline: bytes | None = None
    insertions: int = 0
    deletions: int = 0

    @property
    def filename(self) -> str | None:
        return f"{self.name}-redline.docx" if self.redline is not None else None


@dataclass
class WireChange:
    name: str
    old: str
    new: str

    @property
    def line(self) -> str:
        return f"escrow.wire.{self.name} ({WIRE_LABELS.get(self.name, self.name)}): {self.old} -> {self.new}"


@dataclass
class RedlineReport:
    """Everything `dealdocs redline` found, ready to write and to print."""

    deal_id: str
    term_sheet: str
    against: str
    revision_date: str
    fields: list[FieldChange] = field(default_factory=list)
    documents: list[DocumentChange] = field(default_factory=list)
    wire_changes: list[WireChange] = field(default_factory=list)
    earlier_errors: int = 0

    @property
    def redlines(self) -> dict[str, bytes]:
        return {d.filename: d.redline for d in self.documents if d.filename and d.redline is not None}

    def markdown(self) -> str:
        """The change summary: printed by the command and written as redline/changes.md."""
        lines = [
            f"# Redline of {self.deal_id}",
            "",
            f"{self.term_sheet} as it is, against {self.against}.",
            f'Tracked changes by "{AUTHOR}", dated {self.revision_date}.',
        ]
        if self.earlier_errors:
            lines.append(f"The earlier version has {self.earlier_errors} error(s) (dealdocs check shows them); it was redlined as it rendered.")
        if self.wire_changes:
            lines += ["", "> **SECURITY WARNING: THE WIRE INSTRUCTIONS CHANGED.**", ">"]
            lines += [f"> - {change.line}" for change in self.wire_changes]
            lines += [">", f"> {WIRE_ADVICE}"]
        lines += ["", f"## Changed fields ({len(self.fields)})", ""]
        if not self.fields:
            lines.append("No term sheet field changed.")
        for change in self.fields:
            if not change.documents:
                where = "touches no document's text"
            elif change.isolated:
                where = "touches " + ", ".join(change.documents)
            else:
                where = "with the other changes, touches " + ", ".join(change.documents)
            lines.append(f"- {change.line}; {where}")
        lines += ["", "## Documents", ""]
        for document in self.documents:
            lines.append(f"- {document.name}: {_document_status(document)}")
        return "\n".join(lines) + "\n"

    def as_dict(self) -> dict[str, Any]:
        return {
            "deal": self.deal_id,
            "term_sheet": self.term_sheet,
            "against": self.against,
            "revision_date": self.revision_date,
            "wire_instructions_changed": [vars(change) for change in self.wire_changes],
            "fields": [
                {"key": c.key, "old": c.old, "new": c.new, "documents": c.documents, "isolated": c.isolated}
                for c in self.fields
            ],
            "documents": [
                {"name": d.name, "status": d.status, "redline": d.filename, "insertions": d.insertions, "deletions": d.deletions}
                for d in self.documents
            ],
        }


def _document_status(document: DocumentChange) -> str:
    if document.status == "unchanged":
        return "unchanged"
    if document.status == "added":
        return "new in this version (no redline: dealdocs build writes it)"
    if document.status == "removed":
        return "no longer called for (no redline)"
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
    """A .docx of `new` with tracked changes from `old`, normalized (fixed zip order and dates)."""
    from dealdocs.outputs.write import normalize_docx

    try:
        data, _stdout, _stderr = engine.run_redline(AUTHOR, old, new, date_time=revision_date)
    except subprocess.CalledProcessError as exc:  # EngineExecutionError
        raise UserMessageError(f"the redline engine failed: {exc}") from None
    return normalize_docx(data)


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


# -- the two versions -------------------------------------------------------------------


@dataclass
class _Version:
    result: DealResult
    label: str  # how the summary names it
    revision_date: str | None = None  # pinned date for a git revision


def _check_bytes(builder: Builder, raw: bytes, path: Path, display: str) -> DealResult:
    """`Builder.check` of term sheet text read from elsewhere (git), as if it were at `path`."""
    from dealdocs.checks.deal import check_deal
    from dealdocs.termsheet.loader import _located

    result = DealResult(path=path, display=display)
    source = TermSheetSource(path=path, display=display)
    try:
        if len(raw) > MAX_BYTES:
            raise TermSheetError(f"{display} is not a term sheet", [_located(source, "DD007", f"the file is {len(raw) / 1e6:.1f} MB; a term sheet is at most {MAX_BYTES // 1_000_000} MB")])
        parse_source(raw, source)
        result.deal, result.source = validate(source), source
    except TermSheetError as exc:
        result.findings = sort_findings(exc.findings)
        return result
    result.findings = check_deal(result.deal, source)
    builder.render(result)
    result.findings = sort_findings(result.findings)
    return result


def _git(folder: Path, *args: str) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(["git", *args], cwd=folder, capture_output=True, timeout=60)
    except FileNotFoundError:
        raise ToolMissingError("redlining against a git revision needs git, which is not installed") from None
    except subprocess.TimeoutExpired:
        raise UserMessageError(f"git did not answer within a minute in {folder}") from None


def _git_text(completed: subprocess.CompletedProcess) -> str:
    return completed.stdout.decode("utf-8", "replace").strip()


def _utc(timestamp: int | float) -> str:
    return datetime.fromtimestamp(int(timestamp), tz=timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def git_version(path: Path, revision: str) -> tuple[bytes, str, str]:
    """The term sheet at `path` as it was in git `revision`: (bytes, label, pinned revision date).

    The revision date is that of the term sheet's last commit (the newer version's,
    when it is committed), else the revision's own.
    """
    if not revision or revision.startswith("-"):
        raise UsageError(f"'{revision}' is not a file or a git revision")
    folder = path.resolve().parent
    top = _git(folder, "rev-parse", "--show-toplevel")
    if top.returncode != 0:
        raise UsageError(f"--against {revision}: no such file, and {path} is not in a git repository")
    root = Path(_git_text(top)).resolve()
    try:
        relative = path.resolve().relative_to(root).as_posix()
    except ValueError:
        raise UsageError(f"{path} is outside its git repository {root}") from None
    commit = _git(folder, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}")
    if commit.returncode != 0:
        raise UsageError(f"--against {revision}: no such file, and not a git revision of {root}")
    sha = _git_text(commit)
    shown = _git(root, "show", f"{sha}:{relative}")
    if shown.returncode != 0:
        raise UsageError(f"{relative} is not in git revision {revision} ({sha[:10]}): {shown.stderr.decode('utf-8', 'replace').strip()}")
    last = _git(root, "log", "-1", "--format=%ct", "--", relative)
    stamp = _git_text(last) if last.returncode == 0 else ""
    if not stamp:
        stamp = _git_text(_git(root, "log", "-1", "--format=%ct", sha))
    label = f"{revision} (commit {sha[:10]}, {relative})" if revision != sha else f"commit {sha[:10]} ({relative})"
    return shown.stdout, label, _utc(int(stamp))


def _agreement_dates(result: DealResult) -> list[date]:
    deal = result.deal
    if deal is None:
        return []
    return [section.agreement_date for section in (deal.escrow, deal.notes) if section is not None]


# -- comparing ------------------------------------------------------------------------------


def compare_versions(path: Path, against: str, *, templates_dir: Path | None = None, engine: Any = None) -> RedlineReport:
    """Compare the deal at `path` with `against` (an older term sheet file, else a git revision).

    Raises FindingsError when the current version has errors or the earlier one cannot be
    loaded, UsageError for a bad `against`, ToolMissingError without the redline engine.
    """
    engine = engine if engine is not None else load_engine()
    builder = Builder(templates_dir=templates_dir)
    current = builder.check(path)
    if not current.ok or current.deal is None:
        raise FindingsError(f"{current.display} has errors: fix them (dealdocs check) before redlining; nothing written", current.findings)
    builder.templates_dir = builder.templates_for(current)  # the earlier version is rendered with the same templates

    against_path = Path(against)
    if against_path.is_file():
        earlier = builder.load(against_path)
        if earlier.deal is not None:
            builder.render(earlier)
            earlier.findings = sort_findings(earlier.findings)
        version = _Version(earlier, earlier.display)
    else:
        raw, label, stamp = git_version(path, against)
        display = f"{against}:{current.display}"
        version = _Version(_check_bytes(builder, raw, path, display), label, stamp)
    earlier = version.result
    if earlier.deal is None:
        raise FindingsError(f"{earlier.display} (the version to redline against) cannot be loaded", earlier.findings)

    if version.revision_date is not None:
        revision_date = version.revision_date
    else:
        dates = _agreement_dates(current) + _agreement_dates(earlier)
        revision_date = f"{max(dates).isoformat()}T00:00:00Z" if dates else "1980-01-01T00:00:00Z"

    report = RedlineReport(
        deal_id=current.deal_id,
        term_sheet=current.display,
        against=version.label,
        revision_date=revision_date,
        earlier_errors=sum(1 for f in earlier.findings if f.is_error),
    )
    report.wire_changes = _wire_changes(earlier, current)
    report.documents = _compare_documents(engine, earlier.documents, current.documents, revision_date)
    report.fields = field_changes(earlier, current)
    _attribute(builder, earlier, _dump(current), report)
    return report


def _wire_changes(earlier: DealResult, current: DealResult) -> list[WireChange]:
    before = wire_details(earlier.deal) if earlier.deal else None
    now = wire_details(current.deal) if current.deal else None
    if before is None or now is None:
        return []
    return [WireChange(name, before.get(name, ""), now.get(name, "")) for name in now if before.get(name) != now.get(name)]


def content_fingerprint(data: bytes) -> str:
    """A hash of a .docx's parts except its properties (docProps/): what a reader sees."""
    digest = hashlib.sha256()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in sorted(archive.namelist()):
            if name.startswith("docProps/"):
                continue
            digest.update(name.encode() + b"\0" + hashlib.sha256(archive.read(name)).digest())
    return digest.hexdigest()


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


def _compare_documents(engine: Any, old: list[RenderedDocument], new: list[RenderedDocument], revision_date: str) -> list[DocumentChange]:
    from concurrent.futures import ThreadPoolExecutor

    changes = []
    to_redline: list[tuple[DocumentChange, bytes, bytes]] = []
    for before, after in pair_documents(old, new):
        if after is None:
            changes.append(DocumentChange(before.spec.name, "removed"))
        elif before is None:
            changes.append(DocumentChange(after.spec.name, "added"))
        elif content_fingerprint(before.data) == content_fingerprint(after.data):
            changes.append(DocumentChange(after.spec.name, "unchanged"))
        else:
            changes.append(DocumentChange(after.spec.name, "changed"))
            to_redline.append((changes[-1], before.data, after.data))
    # The engine is a separate process that spends most of its second starting up: run a few at once.
    with ThreadPoolExecutor(max_workers=max(1, min(4, os.cpu_count() or 1, len(to_redline)))) as pool:
        made = list(pool.map(lambda job: redline_docx(engine, job[1], job[2], revision_date), to_redline))
    for (change, _, _), data in zip(to_redline, made, strict=True):
        change.redline = data
        change.insertions, change.deletions = count_revisions(data)
    return changes


# -- the term sheet fields that changed --------------------------------------------------------


_MISSING = object()


def _lookup(data: Any, path: KeyPath) -> Any:
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


def _diff(old: Any, new: Any, path: KeyPath, out: list[tuple[KeyPath, KeyPath]]) -> None:
    """Collect (leaf path, unit path) for every difference; a unit is what one edit changes."""
    if isinstance(old, dict) and isinstance(new, dict):
        for key in [*new, *(k for k in old if k not in new)]:
            _diff(old.get(key), new.get(key), (*path, key), out)
        return
    if isinstance(old, list) and isinstance(new, list):
        for index in range(max(len(old), len(new))):
            if index < len(old) and index < len(new):
                _diff(old[index], new[index], (*path, index), out)
            else:
                side = old[index] if index < len(old) else new[index]
                out.extend((leaf, (*path, index)) for leaf, _ in _leaves(side, (*path, index)) or [((*path, index), None)])
        return
    if old == new:
        return
    if isinstance(old, (dict, list)) or isinstance(new, (dict, list)):  # a section added or taken out
        new_leaves = [leaf for leaf, _ in _leaves(new, path)]
        old_leaves = [leaf for leaf, _ in _leaves(old, path) if leaf not in set(new_leaves)]
        out.extend((leaf, path) for leaf in (new_leaves + old_leaves or [path]))
        return
    out.append((path, path))


def _dump(result: DealResult) -> dict[str, Any]:
    assert result.deal is not None
    return result.deal.model_dump()


def field_changes(earlier: DealResult, current: DealResult) -> list[FieldChange]:
    """The term sheet fields that differ between two loaded deals, in the term sheet's key paths.

    Compared on the models' data (so equal amounts written differently are equal), lists
    by index; each value is shown as its term sheet wrote it (the model's value where the
    term sheet leaves the key out).
    """
    old, new = _dump(earlier), _dump(current)
    found: list[tuple[KeyPath, KeyPath]] = []
    _diff(old, new, (), found)
    old_raw = earlier.source.data if earlier.source else None
    new_raw = current.source.data if current.source else None
    return [
        FieldChange(leaf, show_value(_shown(old_raw, old, leaf)), show_value(_shown(new_raw, new, leaf)), unit)
        for leaf, unit in found
    ]


def _shown(raw: Any, dumped: Any, path: KeyPath) -> Any:
    value = _lookup(dumped, path)
    if value is _MISSING or value is None:
        return value
    written = _lookup(raw, path) if raw is not None else _MISSING
    if written is _MISSING or isinstance(written, (dict, list)):
        return value
    return written


# -- which documents each change touches ------------------------------------------------------


def _with(data: dict[str, Any], path: KeyPath, value: Any) -> dict[str, Any]:
    """A deep copy of `data` with the value at `path` replaced."""
    changed = copy.deepcopy(data)
    holder: Any = changed
    for part in path[:-1]:
        holder = holder[part]
    holder[path[-1]] = copy.deepcopy(value)
    return changed


def _variant(old: dict[str, Any], new: dict[str, Any], unit: KeyPath) -> tuple[dict[str, Any], dict[str, Any]]:
    """The deal just before and just after the one edit `unit` (both built from the older deal)."""
    index = unit[-1] if unit else None
    old_list, new_list = _lookup(old, unit[:-1]), _lookup(new, unit[:-1])
    if isinstance(index, int) and isinstance(old_list, list) and isinstance(new_list, list):
        if index >= len(old_list):  # added to the list
            before = _with(old, unit[:-1], old_list + new_list[len(old_list):index])
            return before, _with(old, unit[:-1], old_list + new_list[len(old_list):index + 1])
        if index >= len(new_list):  # removed from the list
            return old, _with(old, unit[:-1], old_list[:index] + old_list[index + 1:])
    return old, _with(old, unit, _lookup(new, unit))


@dataclass
class _VariantDoc:
    spec: Any
    fingerprint: str


def _attribute(builder: Builder, earlier: DealResult, new: dict[str, Any], report: RedlineReport) -> None:
    """Fill in, for each changed field, the documents it touches."""
    from dealdocs.closing.kinds import documents_for
    from dealdocs.termsheet.model import Deal

    changed = [d.name for d in report.documents if d.status != "unchanged"]
    units: list[KeyPath] = []
    for change in report.fields:
        if change.unit not in units:
            units.append(change.unit)
    if not units:
        return
    renderer = builder.renderer(builder.templates_for(earlier))
    old = _dump(earlier)
    cache: dict[str, list[_VariantDoc] | None] = {}

    def rendered(data: dict[str, Any]) -> list[_VariantDoc] | None:
        key = json.dumps(data, sort_keys=True, default=str)
        if key not in cache:
            try:
                deal = Deal.model_validate(data)
                cache[key] = [_VariantDoc(spec, content_fingerprint(renderer.render(deal, spec))) for spec in documents_for(deal)]
            except (DealdocsError, ValueError):
                cache[key] = None
        return cache[key]

    cache[json.dumps(old, sort_keys=True, default=str)] = [_VariantDoc(d.spec, content_fingerprint(d.data)) for d in earlier.documents]
    touched: dict[KeyPath, list[str] | None] = {}
    for number, unit in enumerate(units):
        if number >= MAX_ISOLATED:
            touched[unit] = None
            continue
        before_data, after_data = _variant(old, new, unit)
        before, after = rendered(before_data), rendered(after_data)
        if before is None or after is None:
            touched[unit] = None
            continue
        names = []
        for a, b in pair_documents(before, after):
            if a is None or b is None or a.fingerprint != b.fingerprint:
                names.append((b or a).spec.name)
        touched[unit] = names
    for change in report.fields:
        names = touched.get(change.unit)
        if names is None:
            change.documents, change.isolated = list(changed), False
        else:
            change.documents = names


# -- writing ------------------------------------------------------------------------------------


def write_redline(output_dir: Path, report: RedlineReport) -> list[Path]:
    """Write OUTDIR/<deal>/redline/ (one redline per changed document, and changes.md) all at once.

    The folder is built beside its target and swapped into place in one step, so it
    holds this redline or the previous one, whole; redlines of documents that no
    longer changed do not linger.
    """
    from dealdocs.outputs.write import clean_stale_staging, deal_folder, safe_file_name, swap_into_place

    folder = deal_folder(output_dir, report.deal_id)
    folder.mkdir(parents=True, exist_ok=True)
    clean_stale_staging(folder, REDLINE)
    staging = folder / f".{REDLINE}.staging-{os.getpid()}"
    target = folder / REDLINE
    staging.mkdir()
    try:
        for name, data in sorted(report.redlines.items()):
            (staging / safe_file_name(name)).write_bytes(data)
        (staging / CHANGES).write_text(report.markdown(), encoding="utf-8")
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    swap_into_place(staging, target)
    return [target / name for name in sorted(report.redlines)] + [target / CHANGES]
