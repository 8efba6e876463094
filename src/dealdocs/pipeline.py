"""The orchestrator: one term sheet through the whole flow.

    term sheet (termsheet) -> checks on the deal and its closing ledger
    (closing.ledger) -> the documents it calls for (closing.kinds) -> render ->
    checks on each document (text, signature pages) and across them
    (provenance; the closing set, DD4xx) -> outputs (packets, checklist, the
    atomic write and its record)

`Builder` holds what a run shares across deals (its options, the renderers and
their parsed templates); `check` and `build` take one term sheet each and
return a `DealResult`. `check` runs every check `build` runs, so a term sheet
that checks clean builds. Library code: it never prints and never exits; the
command line presents what it returns.

| code  | severity | what it catches |
|-------|----------|-----------------|
| DD150 | error    | the wire instructions differ from those last confirmed, or (never confirmed) from the last build's: confirm them by telephone, then `dealdocs confirm-wire` or `build --wire-confirmed` |
| DD151 | warning  | the wire instructions have not been confirmed yet (`build` says so until they are; `check` once the deal has been built) |
| DD177 | warning  | a file of the deal's last build in the output folder changed since the build wrote it (edited by hand): `check` and `status` say it; a build stops rather than replace it (`--force` moves it to `edited/` first) |
| DD152 | warning  | with `--pdf`, a PDF set in a typeface its Word file does not ask for, nor a metric twin of one (LibreOffice lacks the file's: its lines and pages break where Word's do not) |
| DD300 | error    | the template folder named by `--templates` or `templates:` does not exist, or `templates:` names a folder outside the term sheet's |
"""

from __future__ import annotations

import hashlib
import os
import shlex
import zlib
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Union

from dealdocs import __version__
from dealdocs.checks.deal import check_deal, waiting
from dealdocs.closing.results import DealResult, Reading, RenderedDocument
from dealdocs.closing.wire import CONFIRM_ADVICE, WIRE_ADVICE, WireConfirmation, wire_changes, wire_details
from dealdocs.errors import DealdocsError, LedgerError, TermSheetError, UsageError
from dealdocs.findings import Finding, Location, error, sort_findings, warning
from dealdocs.termsheet.loader import load_deal, load_deal_bytes
from dealdocs.workers import collecting_less, shared

if TYPE_CHECKING:
    from docx.document import Document as DocumentObject

    from dealdocs.checks.provenance import DealFacts
    from dealdocs.checks.readings import ReadingCache
    from dealdocs.checks.templates import TemplateChecker
    from dealdocs.closing.kinds import DocumentSpec
    from dealdocs.ooxml.pages import Page
    from dealdocs.outputs.record import BuildRecord
    from dealdocs.render.renderer import Renderer
    from dealdocs.termsheet.model import Deal, Purchaser
    from dealdocs.termsheet.loader import TermSheetSource

__all__ = ["BuildOptions", "Builder", "DealResult", "RenderedDocument", "display_path"]

Files = Union[bool, "Callable[[DocumentSpec], bool]"]
"""Which documents a render keeps as the .docx bytes a build writes: all (True), none (False), or those a test of
each says yes to (a redline's: the agreements, not a note of each purchaser)."""
ByPattern = Callable[["Purchaser"], bool]
"""The purchasers whose notes a check may check by pattern (`render.patterns`): the first note of each pattern
read and checked, the others rendered by Jinja alone (a redline's: the purchasers whose facts it leaves alone)."""


@dataclass(frozen=True)
class BuildOptions:
    """How to build: where to write, with which templates, over hand edits or not, with PDFs or not."""

    output_dir: Path = Path("output")
    templates_dir: Path | None = None
    force: bool = False
    pdf: bool = False
    render_jobs: int = 1  # processes rendering one deal's documents; a batch runs its deals in parallel instead
    today: date | None = None  # what the dates are checked against; None: DEALDOCS_TODAY, else the clock's (`Builder.today`)
    wire_confirmed: bool = False  # the user confirmed the deal's wire instructions now (build --wire-confirmed)
    output_chosen: bool = False  # the output folder was given (-o): no deal record is looked for above the term sheet
    texts_kept: bool = False  # a document checked and not saved keeps what Jinja rendered for it (`RenderedDocument.texts`)
    same_templates: bool = False  # every term sheet renders with `templates_dir` (None: the built-in ones), whatever
    # its `templates:` says (a redline's two versions)


class Builder:
    """Checks and builds term sheets with one set of options (`Builder(output_dir=...)` or `Builder(options)`)."""

    def __init__(self, options: BuildOptions | None = None, **changes: Any):
        self.options = replace(options or BuildOptions(), **changes)
        self._renderers: dict[Path | None, Renderer] = {}
        self._template_checker: TemplateChecker | None = None  # a firm's templates, checked once per file
        self.on_stage: Callable[[str], None] | None = None  # told each stage as it starts ("rendering 5,004 documents")

    def _stage(self, what: str) -> None:
        if self.on_stage is not None:
            self.on_stage(what)

    # -- the stages -----------------------------------------------------------------

    def load(self, path: Path) -> DealResult:
        """Load the term sheet and run the checks on its facts (no rendering)."""
        result = DealResult(path=path, display=display_path(path))
        with collecting_less():  # reading 5,000 purchasers at the usual pace spent 1.1 s of 2.8 collecting
            return _checked(result, lambda: load_deal(path, result.display))

    def load_ledger(self, result: DealResult) -> None:
        """The closing ledger beside the term sheet (`closing.ledger`), checked against the loaded deal; a signature
        it records without a version has the version the deal's last build first counted it on
        (`ClosingLedger.remembering`, `remembered_versions`)."""
        from dealdocs.closing.ledger import ledger_path, ledger_shown, load_ledger

        if result.deal is None:
            return
        path = ledger_path(result.path)
        result.remembered = self.remembered_versions(result)
        remembered, last_built = result.remembered
        try:
            result.ledger = load_ledger(path, result.deal, today=self.today(),
                                        display=ledger_shown(result.display)
                                        ).remembering(remembered, last_built)
        except LedgerError as exc:
            result.findings += exc.findings
            result.ledger_in_part = exc.in_part.remembering(remembered, last_built) if exc.in_part else None
            return
        result.findings += result.ledger.findings

    def today(self) -> date:
        """The date the ledger and the deal's dates are checked against: the options', else `DEALDOCS_TODAY` (an ISO
        date, to check a set as of another day), else the clock's. A usage error for a date that cannot be read."""
        if self.options.today is not None:
            return self.options.today
        given = os.environ.get("DEALDOCS_TODAY", "").strip()
        if not given:
            return date.today()
        try:
            return date.fromisoformat(given)
        except ValueError:
            raise UsageError(f"DEALDOCS_TODAY={given[:40]!r} is not a date: write it as 2026-03-02, or unset it") from None

    def remembered_versions(self, result: DealResult) -> tuple[dict[tuple[str, str], str], dict[str, str]]:
        """The versions the deal's last build first counted the ledger's signatures without one on (its record's
        `signed_on`), and the versions of the documents it made: the record in the output folder, else, that folder
        not given, the nearest of the deal's records beside or above the term sheet, as the wire's are read (a
        hostile sweep: from deals/, a page signed on a version since changed counted as signed, and a build there
        remembered the new version)."""
        from dealdocs.outputs.record import deal_records_above, document_versions, read_deal_record

        record = read_deal_record(self.options.output_dir, result.deal_id)
        if record is None and not self.options.output_chosen:
            found = deal_records_above(result.path, result.deal_id, self.options.output_dir)
            record = found[0][1] if found else None
        return (record.signed_on, document_versions(record)) if record else ({}, {})

    def load_bytes(self, raw: bytes, path: Path, display: str) -> DealResult:
        """`load` of term sheet bytes read elsewhere (a git revision), as if they were at `path`."""
        with collecting_less():
            return _checked(DealResult(path=path, display=display), lambda: load_deal_bytes(raw, path, display))

    def templates_for(self, result: DealResult) -> Path | None:
        """The firm's template folder: --templates, else the term sheet's `templates:` key (unless `same_templates`)."""
        if self.options.templates_dir is not None or self.options.same_templates:
            return self.options.templates_dir
        if result.deal and result.deal.templates:
            return (result.path.parent / result.deal.templates).resolve()
        return None

    def renderer(self, templates_dir: Path | None) -> Renderer:
        if templates_dir not in self._renderers:
            from dealdocs.render.renderer import Renderer
            from dealdocs.render.templates import TemplateSet

            self._renderers[templates_dir] = Renderer(TemplateSet(templates_dir))
        return self._renderers[templates_dir]

    def render(self, result: DealResult, *, with_files: Files = True, checked: bool = True,
               only: Callable[[DocumentSpec], bool] | None = None, by_pattern: ByPattern | None = None) -> None:
        """Render every document of the deal in memory and (`checked`) check what they say.

        With `with_files`, each document is also saved as the .docx a build
        writes (`data`); without, `data` is None (`Files`: or those it says
        yes to). Either way, when checked, its
        text is read from the document still open: the XML those bytes are
        serialized from (reopening each of 5,000 notes to read the same
        paragraphs cost as much as reading them).

        Without `checked`, the documents are only rendered and saved as a build
        makes them (their signature pages found, their e-signature anchors
        placed), their text neither read nor checked: a redline's earlier
        version, which only has to load (`dealdocs.versions`). Its findings are
        then those of rendering alone (a template that fails, a signature page
        that does not stand alone). `only` renders the documents it says yes to,
        added to `documents` (and their findings) in their order. Of the notes
        of the purchasers `by_pattern` says yes to, the first of each pattern is
        checked, the others only rendered by Jinja (`_render_all`).
        """
        from dealdocs.checks.closing_set import check_read
        from dealdocs.checks.origins import traced
        from dealdocs.checks.provenance import DealFacts
        from dealdocs.closing.kinds import documents_for

        assert result.deal is not None
        templates_dir = self.templates_for(result)
        problem = self._templates_problem(result, templates_dir)
        if problem:
            key_location = result.source.location(("templates",)) if result.source else Location(file=result.display)
            result.findings.append(error("DD300", problem, key_location))
            return
        renderer = self.renderer(templates_dir)
        renderer.next_deal()
        specs = documents_for(result.deal)
        if templates_dir is not None and self._firm_templates_fail(result, renderer, specs):
            return
        if only is not None:
            specs = [spec for spec in specs if only(spec)]
        facts = readings = None
        if checked:
            from dealdocs.checks.readings import ReadingCache, wanted

            facts = DealFacts(result.deal)
            facts.party_matcher  # noqa: B018  built here once, before the render workers fork, not in each
            readings = ReadingCache() if wanted() else None  # its package digest taken here, before the workers fork
        self._stage(f"rendering {len(specs):,} document{'s' if len(specs) != 1 else ''}" + (" and checking each" if checked else ""))
        with collecting_less():  # all read at once, then checked together: much is kept, little is garbage
            rendered = _render_all(renderer, result.deal, facts, specs, self.options.render_jobs, with_files, readings,
                                   self.options.texts_kept, by_pattern if checked else None)
            result.findings += traced(_once([(spec.filename, f) for spec, (_, findings) in zip(specs, rendered)
                                             for f in findings]), result.source)
            result.documents += [document for document, _ in rendered if document is not None]
            if checked:
                self._stage("checking the documents against each other")
                read = [document.reading for document in result.documents if document.reading is not None]
                jobs = self.options.render_jobs

                def check() -> list[Finding]:
                    return check_read([reading.read for reading in read], jobs)

                result.findings += check() if readings is None else readings.checked_together(read, check)
                if readings is not None:
                    readings.prune()
            for document in result.documents:
                document.reading = None  # read by the set checks: kept no longer
            _date_release_notice_later(renderer, result.deal, result.documents)

    def built_versions(self, result: DealResult, record: BuildRecord | None) -> dict[str, str] | None:
        """Each document's version as built from the term sheet as it is now: those of the deal's last build
        (`record`) when it is of these bytes, else those of the documents made now (`versions`: a new user's trial,
        `status` said "8 of 43 outstanding" and that it had not compared, where check said 17 pages were signed on
        versions since changed). None when they cannot be made (the findings say why)."""
        from dealdocs.outputs.record import built_digests

        digests = built_digests(record, result.source.raw) if record is not None and result.source else None
        return digests if digests is not None else self.versions(result)

    def versions(self, result: DealResult) -> dict[str, str] | None:
        """Each document's version (`RenderedDocument.version`) as a build would make it now, rendered and not
        checked; None when one cannot be rendered (its findings are then the result's)."""
        if result.deal is None:
            return None
        known = len(result.findings)
        self.render(result, checked=False)
        if any(f.is_error for f in result.findings[known:]):
            return None
        return result.versions

    def _templates_problem(self, result: DealResult, templates_dir: Path | None) -> str | None:
        """Why the template folder cannot be used: missing, or a term sheet's `templates:` outside its own folder.

        A term sheet is data, perhaps received from another firm: it may name
        templates beside it, never a folder elsewhere on this machine (`/etc`,
        `../../..`). A folder anywhere is given on the command line instead.
        """
        if templates_dir is None:
            return None
        own = self.options.templates_dir is None
        folder = result.path.resolve().parent
        named = result.deal.templates if result.deal else templates_dir  # as the term sheet writes it
        if own and not templates_dir.is_relative_to(folder):
            return (f"the template folder '{named}' is outside "
                    f"the term sheet's folder {folder}: a term sheet names templates beside it; "
                    "give a folder elsewhere on the command line with --templates")
        if not templates_dir.is_dir():
            return f"the template folder {templates_dir} does not exist"
        if own:  # a template there that is a link to a file elsewhere is a file elsewhere
            for entry in sorted(e for e in templates_dir.iterdir() if e.suffix.lower() == ".docx"):
                target = entry.resolve()
                if not target.is_relative_to(folder):
                    return (f"the template {entry.name} in '{named}' is a link to {target}, outside the term sheet's "
                            f"folder {folder}: a term sheet names templates beside it; give a folder elsewhere on the "
                            "command line with --templates")
        return None

    def _firm_templates_fail(self, result: DealResult, renderer: Renderer, specs: list[DocumentSpec]) -> bool:
        """Check a firm's templates as `dealdocs templates check` does; True when one has an error.

        The built-in templates are checked by the test suite; a firm's folder is
        checked before every build and every check, so a broken template is
        refused with its paragraph named instead of rendering wrong text.
        """
        from dealdocs.checks.templates import TemplateChecker, unused_templates

        if self._template_checker is None:
            self._template_checker = TemplateChecker()
        findings = self._template_checker.check(renderer.templates, [name for spec in specs for name in spec.kind.templates])
        result.findings.extend(findings + unused_templates(renderer.templates))
        return any(f.is_error for f in findings)

    def check(self, path: Path, *, with_files: Files = True, with_ledger: bool = True,
              by_pattern: ByPattern | None = None) -> DealResult:
        """Every check on one term sheet and the documents it produces; writes nothing.

        `with_files=False` keeps no .docx bytes (`dealdocs check` needs none, a redline those of the agreements).
        The closing ledger beside the term sheet is checked too (`load_ledger`): a page it records signed on a
        version of its document other than this one is said (DD515), that document built to know its version (a new
        user's trial: `status` and `build` said it, `check` did not). `with_ledger=False` does not read it (a
        redline's: a blackline is of the term sheets alone, and a ledger's entry for a purchaser taken out stopped one).
        `by_pattern`: the purchasers whose notes are checked by pattern (`render`).
        """
        from dealdocs.closing.ledger import superseded_findings

        self._stage("reading the term sheet")
        result = self.load(path)
        loaded = result.ok and result.deal is not None  # the documents are checked whatever the ledger's errors
        if with_ledger:
            self.load_ledger(result)
            if (result.deal is not None and result.source is not None and result.ledger is not None
                    and result.ledger.records_nothing):  # a set still to be signed: its dates against today
                from dealdocs.checks.calendar import dated_in_the_past
                from dealdocs.closing.ledger import ledger_shown

                result.findings += dated_in_the_past(result.deal, result.source, self.today(), ledger_shown(result.display))
        ledger = result.ledger or result.ledger_in_part  # its other entries' versions said with its errors (a trial)
        if loaded:
            versions = ledger is not None and bool(ledger.versions)  # every document built, to know each version:
            # a version that is another document's is said to be (a code review: only those signed were built)
            self.render(result, with_files=True if versions else with_files, by_pattern=by_pattern)
            if versions:
                assert ledger is not None
                result.findings += superseded_findings(ledger, result.versions)
        result.findings = sort_findings(result.findings)
        return result

    def build(self, path: Path) -> DealResult:
        """Check, then write the deal's documents atomically; nothing is written when any check fails."""
        from dealdocs.closing.status import closing_status
        from dealdocs.outputs.checklist import closing_checklist
        from dealdocs.outputs.packets import signature_packets
        from dealdocs.outputs.signers import signers_file
        from dealdocs.outputs.record import read_deal_record, term_sheet_entry
        from dealdocs.outputs.write import BuildRecord, deal_folder, sha256, write_build
        from dealdocs.termsheet.git import git_commit_of

        result = self.check(path)
        if result.ok:
            confirmation = self.check_wire(result, building=True)
            self.check_executed(result)
        if not result.ok or result.deal is None or result.source is None:
            return result
        deal_folder(self.options.output_dir, result.deal_id)  # a link or a file there stops the build before any work
        renderer = self.renderer(self.templates_for(result))
        used_templates = sorted({t for d in result.documents for t in d.spec.kind.templates})
        ledger = result.ledger
        folder, earlier = self.options.output_dir / result.deal_id, read_deal_record(self.options.output_dir, result.deal_id)
        digests = result.versions  # a page signed on a version since changed is outstanding in the checklist (`check`)
        record = BuildRecord(
            dealdocs_version=__version__,
            term_sheet=term_sheet_entry(result.display, path, result.source.raw, git=git_commit_of(path, result.source.raw)),
            templates={name: sha256(renderer.templates.path(name).read_bytes()) for name in used_templates},
            wire_instructions=wire_details(result.deal),
            wire_confirmed=confirmation,
            closing_ledger={"path": ledger.display, "sha256": sha256(ledger.raw)} if ledger and ledger.display else None,
            versions={d.spec.filename: d.signed_as for d in result.documents if d.signed_as is not None},
            signed_on=ledger.first_counted(*result.remembered, digests) if ledger else {},
        )
        files = {d.spec.filename: d.data for d in result.documents}
        self._stage("making the signature packets and the closing checklist")
        files.update(signature_packets(result.deal, result.documents))
        files.update(closing_checklist(result.deal, result.documents,
                                       closing_status(result.deal, ledger, confirmation, digests)))
        files.update(signers_file(result.deal, result.documents, packet_suffix=".pdf" if self.options.pdf else ".docx"))
        if self.options.pdf:  # the documents, the packets and the checklist, in one LibreOffice run
            from dealdocs.outputs.pdf import convert_to_pdf, substituted_fonts

            documents = {name: data for name, data in files.items() if name.endswith(".docx")}
            self._stage(f"making {len(documents):,} PDFs with LibreOffice")
            pdfs = convert_to_pdf(documents)
            files.update(pdfs)
            result.findings += substituted_fonts(documents, pdfs)
        if not self.options.pdf:
            carried = _pdfs_still_current(folder, earlier, files)
            files.update(carried)
            result.carried = sorted(carried)
        self._stage(f"writing {len(files):,} files")
        done = write_build(self.options.output_dir, result.deal_id, files, record, force=self.options.force)
        result.written, result.moved_aside, result.removed = done.paths, done.moved_aside, done.removed
        result.findings = sort_findings(result.findings)
        return result

    # -- helpers --------------------------------------------------------------------

    def check_executed(self, result: DealResult) -> None:
        """DD528: the deal's executed set, in the output folder, bound from another version of the term sheet."""
        from dealdocs.outputs.record import sha256, stale_executed

        if result.source is not None and result.deal is not None:
            found = stale_executed(self.options.output_dir, result.deal_id, sha256(result.source.raw),
                                   Location(file=result.display))
            if found is not None:
                result.findings = sort_findings([*result.findings, found])

    def check_edited(self, result: DealResult) -> None:
        """DD177: files of the deal's last build in the output folder edited since, on which a build stops (a new
        user's trial: check and status said nothing of a note edited by hand; only the build stopped)."""
        from dealdocs.outputs.folder import hand_edited

        if result.deal is None:
            return
        edited = hand_edited(self.options.output_dir, result.deal_id)
        if edited:
            folder = self.options.output_dir / result.deal_id
            shown = ", ".join(edited[:5]) + (f" and {len(edited) - 5:,} more" if len(edited) > 5 else "")
            result.findings = sort_findings([*result.findings, warning(
                "DD177", f"{shown} in {folder} changed since the build wrote {'them' if len(edited) > 1 else 'it'} "
                "(edited by hand?): the next build stops rather than replace an edit; move your edits out of the "
                f"way, or build with --force, which first moves them to {folder / 'edited'}",
                Location(file=result.display))])

    def check_wire(self, result: DealResult, *, building: bool = False) -> WireConfirmation | None:
        """The wire instructions against the deal's build record in the output folder: DD150, DD151.

        Changed since they were last confirmed (or, never confirmed, since the
        last build) is an error until someone confirms them; not confirmed yet
        is a warning, on every build, and on a check once the deal has been
        built. Returns the confirmation a build records: the one given now
        (`wire_confirmed`), else the record's while it still holds.

        Unless the output folder was given (`output_chosen`), the deal's records in the `output/` folders beside
        the term sheet and above it (`deal_records_above`: a check run from `deals/`) are read too: a wire that
        differs from any of them is a change, but a confirmation there confirms nothing here (a folder received from
        someone else could hold one).
        """
        from dealdocs.closing.deliverables import WIRE_CALLBACK
        from dealdocs.outputs.record import deal_records_above, read_deal_record
        from dealdocs.termsheet.starter import starter_account
        from dealdocs.words import long_date

        now = wire_details(result.deal) if result.deal else None
        if now is None:
            return None
        if self.options.wire_confirmed:
            return WireConfirmation.made_now(now)
        previous = read_deal_record(self.options.output_dir, result.deal_id)
        confirmed = previous.wire_confirmed if previous else None
        records = ([] if self.options.output_chosen else
                   deal_records_above(result.path, result.deal_id, self.options.output_dir))
        # a change from any of them is a change: the nearest may be a received folder's own output/, and the output
        # folder itself may be a received folder's (a code review: its confirmation hid the repository's record)
        changed_above = next((found for found in records if wire_changes(_wire_seen(found[1]), now)), None)
        if previous is None:  # the nearest record, or the first one the wire differs from
            nearby = changed_above or (records[0] if records else None)
        elif not wire_changes(_wire_seen(previous), now):  # the output folder's agrees: one above may not
            nearby = changed_above
        else:
            nearby = None
        seen = nearby[1] if nearby else previous  # the record a change is measured against
        seen_confirmed = seen.wire_confirmed if seen else None
        baseline = _wire_seen(seen) if seen else None
        elsewhere = f" (as the deal's build recorded in {nearby[0]} says)" if nearby else ""
        location = result.source.location(("escrow", "wire")) if result.source else Location(file=result.display)
        there_o = f" -o {shlex.quote(str(nearby[0]))}" if nearby else ""  # where it is measured against: confirmed
        # elsewhere, the change is still one (a code review: the advice, followed from deals/, left DD150 standing);
        # quoted, as a shell reads it (a code review: a folder "my deals" made the advice copied record elsewhere)
        shown = shlex.quote(result.display)
        record_it = f"record it: dealdocs confirm-wire {shown}{there_o} (or build with{there_o} --wire-confirmed)"
        done = result.ledger.done if result.ledger else {}  # a new user's trial: the ledger's "done" and DD151's
        # "not confirmed" disagreed, unexplained
        on = f" on {long_date(done[WIRE_CALLBACK])}" if done.get(WIRE_CALLBACK) else ""
        ledger_says = (f" The closing ledger records the call-back done{on}, but not which details were confirmed, so "
                       "a change after it could not be seen." if WIRE_CALLBACK in done else "")
        changed = wire_changes(baseline, now)
        if changed and baseline and starter_account(baseline.get("aba_routing_number", ""), baseline.get("account_number", "")):
            changed = []  # the starter's example account, built to see the documents: the deal's own is no change of
            # wire instructions anyone was sent (a new user's trial: DD150 "WIRE INSTRUCTIONS CHANGED" on filling it in)
        if changed:
            since = (f"since they were {seen_confirmed.line()}" if seen_confirmed
                     else "since the last build, and they were never confirmed") + elsewhere
            result.findings.append(error(
                "DD150", f"WIRE INSTRUCTIONS CHANGED {since} ("
                + "; ".join(f"{c.name}: {c.old!r} -> {c.new!r}" for c in changed)
                + f"). {WIRE_ADVICE} Nothing is built until they are confirmed; then {record_it}.", location))
        elif confirmed is not None:
            return confirmed
        elif nearby is not None and previous is None and seen_confirmed:  # built and confirmed in another folder:
            # a new user's trial read "confirm them, then confirm-wire -o <that folder>", which holds the confirmation
            result.findings.append(warning(
                "DD151", f"the wire instructions have not been confirmed in {self.options.output_dir}, the output "
                f"folder used: the deal's build recorded in {nearby[0]} has them {seen_confirmed.line()}, but a "
                "confirmation counts only in the output folder used, so that a folder received from someone else "
                f"cannot bring one. If {nearby[0]} is your own, give it:{there_o} (or run the command from the folder "
                f"you built the deal from); if it is not, confirm them yourself.{ledger_says} {CONFIRM_ADVICE} Then "
                f"build with --wire-confirmed, which records your confirmation with the build in "
                f"{self.options.output_dir}.", location))
        elif nearby is not None and previous is None:
            result.findings.append(warning(
                "DD151", f"the wire instructions have not been confirmed in {self.options.output_dir}: nor are they in "
                f"the deal's build recorded in {nearby[0]}.{ledger_says} {CONFIRM_ADVICE} Then {record_it}.", location))
        elif building or previous is not None:
            unseen = "" if previous is not None else (
                f" No build of this deal is recorded in {self.options.output_dir} yet: a change of the wire since a "
                "build into another folder cannot be seen here.")  # a new user's trial: a fresh -o folder, exit 0
            result.findings.append(warning(
                "DD151", f"the wire instructions have not been confirmed.{unseen}{ledger_says} {CONFIRM_ADVICE} Then "
                f"{record_it}.", location))
        result.findings = sort_findings(result.findings)
        return None


def _wire_seen(record: BuildRecord) -> dict[str, str] | None:
    """The wire details a record measures a change against: those confirmed, else those it was built with."""
    return record.wire_confirmed.details if record.wire_confirmed else record.wire_instructions


# ---------------------------------------------------------------- rendering a deal's documents


def _once(found: list[tuple[str, Finding]]) -> list[Finding]:
    """Each finding once, from (the document rendered, a finding on it): a template that fails the same way for
    every note it renders is said once, with the number of documents."""
    documents: dict[Finding, set[str]] = {}
    for document, finding in found:
        documents.setdefault(finding, set()).add(document)
    return [
        finding if len(names) == 1 else replace(finding, message=f"{finding.message} (in {len(names)} documents)")
        for finding, names in documents.items()
    ]


def render_as_built(renderer: Renderer, deal: Deal, spec: DocumentSpec, *, saved: bool = True,
                    ) -> tuple[DocumentObject, list[Page], dict[int, list[int]], list[Finding]]:
    """A document rendered as a build renders it, still open: its pages, the pages each signer signs (by
    position in `signers(deal, spec)`), the signature-page findings, and its e-signature anchors placed.

    Not `saved` (read, never written: `dealdocs check`), what only its file would carry is left out, its core
    properties and its anchors, which no reader of it reads; the findings are the same (2.9 % of a note's
    instructions, measured with a fixed hash seed)."""
    document = renderer.render_document(deal, spec, properties=saved)
    return (document, *_laid_out(deal, spec, document, saved=saved))


def _laid_out(deal: Deal, spec: DocumentSpec, document: DocumentObject, *, saved: bool,
              ) -> tuple[list[Page], dict[int, list[int]], list[Finding]]:
    """A document rendered, laid out as `render_as_built` lays it out: its pages, each signer's, and their findings."""
    from dealdocs.checks.signature_pages import SignedLines, signature_pages
    from dealdocs.ooxml.pages import document_pages
    from dealdocs.outputs.signature_anchors import place_anchors

    pages = document_pages(document)
    signed: dict[int, SignedLines] = {}
    found, findings = signature_pages(deal, spec, pages, signed)
    findings += place_anchors(deal, spec, pages, found, signed, write=saved)
    return pages, found, findings


def _checked(result: DealResult, load: Callable[[], tuple[Deal, TermSheetSource]]) -> DealResult:
    """`result` with the deal `load` reads and the checks on its facts; the loader's findings when it cannot load
    (and the deal checks past a typo in a key, or of the sections without a refused value: `_checks_beside_problems`)."""
    try:
        result.deal, result.source = load()
    except TermSheetError as exc:
        result.findings = sort_findings(exc.findings + _checks_beside_problems(exc))
        result.waiting = waiting(exc.refused)
        return result
    result.findings = check_deal(result.deal, result.source)
    return result


def _checks_beside_problems(exc: TermSheetError) -> list[Finding]:
    """The deal checks of a term sheet whose only fault is an unknown key (a typo), or of the sections of one with
    a value refused that hold none (`TermSheetError.refused`): said with it, all at once, not once it is fixed.
    Nothing is built from it (the deal stays unloaded)."""
    if exc.provisional is None or exc.source is None:
        return []
    return check_deal(exc.provisional, exc.source, refused=exc.refused)


def _pdfs_still_current(folder: Path, earlier: BuildRecord | None, files: dict[str, bytes]) -> dict[str, bytes]:
    """The PDFs an `earlier` build made (with --pdf) of Word files this build (`files`) makes again byte for byte,
    as that build left them: kept, since they still show their documents (a new user's trial: a build without --pdf
    removed every PDF, those of documents that had not changed among them). A PDF of a changed document goes."""
    from dealdocs.outputs.record import as_recorded, sha256

    if earlier is None:
        return {}
    kept = {}
    for name, entry in earlier.files.items():
        source = name.removesuffix(".pdf") + ".docx"
        if not name.endswith(".pdf") or files.get(source) is None or source not in earlier.files:
            continue
        if sha256(files[source]) != earlier.files[source].get("sha256"):
            continue
        data = as_recorded(folder, name, entry)
        if data is not None:  # as that build wrote it
            kept[name] = data
    return kept


def _date_release_notice_later(renderer: Renderer, deal: Deal, documents: list[RenderedDocument]) -> None:
    """The release notice dated by `escrow.release_date`, which is given once its pages are signed, keeps the version
    its pages were signed on: that of the notice built without the date (a new user's trial: giving the date, as the
    README says to, made every release signature outstanding, DD515)."""
    from dealdocs.closing.kinds import RELEASE_NOTICE
    from dealdocs.ooxml.package import release, save
    from dealdocs.termsheet.model import Deal as DealModel

    notices = [d for d in documents if d.spec.kind is RELEASE_NOTICE and d.data is not None]
    if not notices or deal.escrow is None or deal.escrow.release_date is None:
        return
    undated = DealModel.model_validate({**deal.model_dump(), "escrow": {**deal.escrow.model_dump(), "release_date": None}})
    for notice in notices:
        built, _, _, _ = render_as_built(renderer, undated, notice.spec)
        notice.signed_as = hashlib.sha256(save(built)).hexdigest()
        release(built)


def _render_one(renderer: Renderer, deal: Deal, facts: DealFacts | None, spec: DocumentSpec, with_files: Files,
                readings: ReadingCache | None = None, texts_kept: bool = False, given: list[bytes] | None = None,
                ) -> tuple[RenderedDocument | None, list[Finding]]:
    """One document rendered (and saved as a build writes it, `with_files`), with the findings on it; what the
    checks of it alone read is its `reading`, which the set checks then read.

    The document is read once, open: its pages for the exhibits it carries and
    the signature pages of its signers, whose lines then get their e-signature
    anchors (`outputs.signature_anchors`), and its paragraphs, parsed once for
    the text checks, the deal's facts (`checks.provenance`) and the set checks
    (`checks.closing_set`), which then compare the documents together. Without
    `facts` (`Builder.render` not `checked`), its paragraphs are not read: it
    has no `paragraphs` and no `reading`. Checked, it keeps a digest of what
    Jinja rendered for it (`source`): a redline then tells a note unchanged
    without rendering its text again (`versions`). Checked, what its checks
    alone made of it is taken from `readings` when kept there (only the deal's
    facts are checked again, and a document not saved is not even built), else
    kept there (`checks.readings`). Checked and not saved, with `texts_kept`, it
    keeps what Jinja rendered for it, compressed (`texts`): a redline compares a
    note of each purchaser by it, not rendering it a second time. `given`: what
    Jinja rendered for it, when already rendered.
    """
    # imported before workers fork (see _render_all)
    from dealdocs.checks.closing_set import read_outline
    from dealdocs.checks.provenance import check_rendered
    from dealdocs.checks.readings import Kept
    from dealdocs.checks.text import check_outline
    from dealdocs.checks.text.outline import parse
    from dealdocs.ooxml.package import release
    from dealdocs.ooxml.pages import attachment_labels
    from dealdocs.ooxml.text import read
    from dealdocs.render.renderer import digest_of

    saved = _saved(spec, with_files)
    kept = key = None
    try:
        rendered = given or (renderer.source_texts(deal, spec) if facts is not None else None)  # what Jinja renders, first
        source = digest_of(rendered) if rendered is not None else None
        jinja = tuple(zlib.compress(text, 1) for text in rendered) if rendered is not None and texts_kept and not saved else None
        if readings is not None and source is not None:
            key = readings.key(source, renderer.templates_digest(spec), deal, spec)
            kept = readings.get(key)
            if kept is not None and not saved:  # nothing to build
                findings = kept.page_findings + kept.reading.text_findings + check_rendered(deal, spec, kept.paragraphs, facts)
                return RenderedDocument(spec, None, kept.paragraphs, kept.attachments, kept.signature_pages, kept.reading,
                                        source, texts=jinja), findings
        document = renderer.render_document(deal, spec, properties=saved, given=rendered)
        del rendered
        pages, found, findings = _laid_out(deal, spec, document, saved=saved)
        data = None
        if saved:
            from dealdocs.ooxml.package import save

            data = save(document)
    except DealdocsError as exc:
        return None, _failed(spec, exc)
    labels = attachment_labels(pages)
    if kept is not None:  # built and saved; its reading kept
        release(document)
        findings += kept.reading.text_findings + check_rendered(deal, spec, kept.paragraphs, facts)
        return RenderedDocument(spec, data, kept.paragraphs, labels, found, kept.reading, source), findings
    # read as Word shows it (numbers drawn by Word, then headers, footers, notes), then freed with its XML
    texts = read(document) if facts is not None else []
    release(document)
    if facts is None:
        return RenderedDocument(spec, data, [], labels, found), findings
    shown = [p.shown for p in texts]
    outline = parse(spec.filename, texts)
    reading = Reading(check_outline(outline), read_outline(outline), key)
    if key is not None:
        readings.put(key, Kept(shown, labels, found, reading, list(findings)))
    findings += reading.text_findings + check_rendered(deal, spec, shown, facts)
    return RenderedDocument(spec, data, shown, labels, found, reading, source, texts=jinja), findings


def _saved(spec: DocumentSpec, with_files: Files) -> bool:
    return with_files is True or bool(with_files and with_files(spec))


def _failed(spec: DocumentSpec, exc: DealdocsError) -> list[Finding]:
    """The findings of a document that did not render: those `exc` carries, else its message, on the document."""
    return list(getattr(exc, "findings", []) or [error("DD300", str(exc), Location(document=spec.filename))])


def _sketched(renderer: Renderer, deal: Deal, facts: DealFacts, spec: DocumentSpec, readings: ReadingCache | None,
              texts_kept: bool) -> tuple[tuple[RenderedDocument | None, list[Finding]], str | None]:
    """A purchaser's note with its pattern (`render.patterns`): checked from the reading a check kept of it
    (`checks.readings`), else rendered by Jinja alone (`render.patterns.sketch`); or its findings when it did not
    render (no pattern)."""
    from dealdocs.render.patterns import pattern_of, sketch
    from dealdocs.render.renderer import digest_of

    try:
        rendered = renderer.source_texts(deal, spec)
    except DealdocsError as exc:
        return (None, _failed(spec, exc)), None
    pattern = pattern_of(rendered, deal, spec)
    if readings is not None and readings.has(readings.key(digest_of(rendered), renderer.templates_digest(spec), deal, spec)):
        return _render_one(renderer, deal, facts, spec, False, readings, texts_kept, rendered), pattern
    return (sketch(spec, rendered, texts_kept), []), pattern


def _render_all(renderer: Renderer, deal: Deal, facts: DealFacts | None, specs: list[DocumentSpec], jobs: int,
                with_files: Files = True, readings: ReadingCache | None = None, texts_kept: bool = False,
                by_pattern: ByPattern | None = None) -> list[tuple[RenderedDocument | None, list[Finding]]]:
    """Every document of the deal, in order (`_render_one`, with `readings` kept), shared among `jobs` processes
    (`workers.shared`) when there are several. Of the notes not saved of the purchasers `by_pattern` says yes to,
    the first of each pattern is checked (`render.patterns`), and so is each other note a check kept a reading of
    (`_sketched`); the rest are rendered by Jinja alone. Which note is the first of its pattern does not depend on
    what was kept: the same two versions redlined again check the same notes."""
    notes = [index for index, spec in enumerate(specs) if by_pattern is not None and facts is not None
             and not _saved(spec, with_files) and (purchaser := spec.purchaser(deal)) is not None and by_pattern(purchaser)]
    done: dict[int, tuple[RenderedDocument | None, list[Finding]]] = {}
    given: dict[int, list[bytes] | None] = {}  # the first of each pattern not yet checked: what Jinja rendered for it
    if len(notes) > 1:
        assert facts is not None
        seen: set[str] = set()
        for index, (result, pattern) in zip(notes, shared(
                lambda k: _sketched(renderer, deal, facts, specs[notes[k]], readings, texts_kept), [1] * len(notes), jobs)):
            first, document = pattern is not None and pattern not in seen, result[0]
            seen.add(pattern or "")
            if first and document is not None and document.sketched:
                given[index] = document.source_texts()
            else:  # checked from what a check kept, or of a pattern already checked, or it did not render
                done[index] = result
    rest = [index for index in range(len(specs)) if index not in done]
    checked = iter(_checked_all(renderer, deal, facts, [specs[i] for i in rest], jobs, with_files, readings, texts_kept,
                                [given.get(i) for i in rest]))
    return [done[index] if index in done else next(checked) for index in range(len(specs))]


def _checked_all(renderer: Renderer, deal: Deal, facts: DealFacts | None, specs: list[DocumentSpec], jobs: int,
                 with_files: Files, readings: ReadingCache | None, texts_kept: bool, given: list[list[bytes] | None],
                 ) -> list[tuple[RenderedDocument | None, list[Finding]]]:
    """`_render_one` of each of `specs` (what Jinja rendered for it given, or None), in order, by `jobs` processes."""
    import dealdocs.checks.signature_pages  # noqa: F401  what every child needs, imported once here, not in each
    import dealdocs.outputs.signature_anchors  # noqa: F401
    import dealdocs.checks.text  # noqa: F401
    import dealdocs.checks.closing_set  # noqa: F401
    import dealdocs.checks.provenance  # noqa: F401
    import dealdocs.checks.readings  # noqa: F401
    import dealdocs.ooxml.pages  # noqa: F401
    import dealdocs.ooxml.text  # noqa: F401
    import dealdocs.ooxml.package  # noqa: F401

    costs = renderer.costs(deal, specs) if jobs > 1 else [1] * len(specs)
    return shared(lambda index: _render_one(renderer, deal, facts, specs[index], with_files, readings, texts_kept,
                                            given[index]),
                  costs, jobs)


def display_path(path: Path) -> str:
    """The path as the user should read it: relative to the working folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError, RuntimeError):  # outside it; or a link in a loop (a closing ledger linked to
        # itself, the hostile sweep: Python's resolve raises RuntimeError, 'internal error' in check and status)
        return str(path)
