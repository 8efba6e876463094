"""The orchestrator: one term sheet through the whole flow.

    term sheet (loader) -> model -> checks on the deal -> render -> checks on the
    rendered text -> outputs (atomic write, build record)

`Builder` holds what a run shares across deals (the templates, the renderers
and their parsed-template caches, the output folder); `check` and `build` take
one term sheet each and return a `DealResult`. Library code: it never prints
and never exits; the command line presents what it returns.

| code  | severity | what it catches |
|-------|----------|-----------------|
| DD150 | warning  | the wire instructions differ from those of the last build (confirm them before funds move) |
| DD300 | error    | the template folder named by `--templates` or `templates:` does not exist |
"""

from __future__ import annotations

import os
import pickle
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from dealdocs import __version__
from dealdocs.checks.deal import check_deal
from dealdocs.errors import DealdocsError, TermSheetError
from dealdocs.findings import Finding, Location, error, has_errors, sort_findings, warning
from dealdocs.termsheet.loader import TermSheetSource, load_deal
from dealdocs.termsheet.model import Deal

if TYPE_CHECKING:
    from dealdocs.closing.kinds import DocumentSpec
    from dealdocs.render.renderer import Renderer


@dataclass
class RenderedDocument:
    """One rendered document: its .docx bytes (None when only checked) and its paragraphs' text."""

    spec: DocumentSpec
    data: bytes | None
    paragraphs: list[str]


@dataclass
class DealResult:
    """What checking or building one term sheet produced."""

    path: Path
    display: str
    deal: Deal | None = None
    source: TermSheetSource | None = None
    findings: list[Finding] = field(default_factory=list)
    documents: list[RenderedDocument] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    moved_aside: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not has_errors(self.findings)

    @property
    def deal_id(self) -> str:
        return self.path.stem


WIRE_FIELDS = ("bank", "aba_routing_number", "account_name", "account_number")


def wire_details(deal: Deal) -> dict[str, str] | None:
    """The wire instructions as recorded in a build, to notice when they change."""
    if deal.escrow is None:
        return None
    wire = deal.escrow.wire
    details = {name: str(getattr(wire, name)) for name in WIRE_FIELDS}
    details["bank_address"] = ", ".join(wire.bank_address)
    return details


@dataclass
class Builder:
    """Checks and builds term sheets with one set of templates into one output folder."""

    output_dir: Path = Path("output")
    templates_dir: Path | None = None
    force: bool = False
    pdf: bool = False
    render_jobs: int = 1  # processes rendering one deal's documents; a batch runs its deals in parallel instead
    _renderers: dict[Path | None, Renderer] = field(default_factory=dict, repr=False)

    # -- the stages -----------------------------------------------------------------

    def load(self, path: Path) -> DealResult:
        """Load the term sheet and run the checks on its facts (no rendering)."""
        result = DealResult(path=path, display=_display(path))
        try:
            result.deal, result.source = load_deal(path, result.display)
        except TermSheetError as exc:
            result.findings = sort_findings(exc.findings)
            return result
        result.findings = check_deal(result.deal, result.source)
        return result

    def templates_for(self, result: DealResult) -> Path | None:
        """The firm's template folder: --templates, else the term sheet's `templates:` key."""
        if self.templates_dir is not None:
            return self.templates_dir
        if result.deal and result.deal.templates:
            return (result.path.parent / result.deal.templates).resolve()
        return None

    def renderer(self, templates_dir: Path | None) -> Renderer:
        if templates_dir not in self._renderers:
            from dealdocs.render.renderer import Renderer, TemplateSet

            self._renderers[templates_dir] = Renderer(TemplateSet(templates_dir))
        return self._renderers[templates_dir]

    def render(self, result: DealResult, *, with_files: bool = True) -> None:
        """Render every document of the deal in memory and check what they say.

        With `with_files`, each document is saved as the .docx a build writes
        and its text is read back from those bytes; without, the text is read
        from the document still open (the same paragraphs, without the cost of
        saving, zipping and reopening) and `data` is None.
        """
        from dealdocs.checks.provenance import check_rendered
        from dealdocs.closing.kinds import documents_for

        assert result.deal is not None
        templates_dir = self.templates_for(result)
        if templates_dir is not None and not templates_dir.is_dir():
            key_location = result.source.location(("templates",)) if result.source else Location(file=result.display)
            result.findings.append(error("DD300", f"the template folder {templates_dir} does not exist", key_location))
            return
        renderer = self.renderer(templates_dir)
        specs = documents_for(result.deal)
        if templates_dir is not None and self._firm_templates_fail(result, renderer, specs):
            return
        for document, findings in _render_all(renderer, result.deal, specs, self.render_jobs, with_files):
            result.findings += findings
            if document is not None:
                result.documents.append(document)
        result.findings += check_rendered(result.deal, [(d.spec, d.paragraphs) for d in result.documents])

    @staticmethod
    def _firm_templates_fail(result: DealResult, renderer: Renderer, specs: list[DocumentSpec]) -> bool:
        """Check a firm's templates as `dealdocs templates check` does; True when one has an error.

        The built-in templates are checked by the test suite; a firm's folder is
        checked before every build (cached per file), so a broken template is
        refused with its paragraph named instead of rendering wrong text.
        """
        from dealdocs.checks.templates import check_templates

        names = [name for spec in specs for name in (spec.template, *spec.exhibits)]
        findings = check_templates(renderer.templates, names)
        result.findings.extend(findings)
        return any(f.is_error for f in findings)

    def check(self, path: Path, *, with_files: bool = True) -> DealResult:
        """Every check on one term sheet and the documents it produces; writes nothing.

        `with_files=False` keeps no .docx bytes (see `render`): what `dealdocs check` needs.
        """
        result = self.load(path)
        if result.ok and result.deal is not None:
            self.render(result, with_files=with_files)
        result.findings = sort_findings(result.findings)
        return result

    def build(self, path: Path) -> DealResult:
        """Check, then write the deal's documents atomically; nothing is written when any check fails."""
        from dealdocs.outputs.checklist import closing_checklist
        from dealdocs.outputs.write import BuildRecord, git_commit_of, sha256, write_build
        from dealdocs.outputs.packets import signature_packets

        result = self.check(path)
        if not result.ok or result.deal is None:
            return result
        previous = BuildRecord.read(self.output_dir / result.deal_id) if (self.output_dir / result.deal_id).is_dir() else None
        self._warn_if_wire_changed(result, previous)
        term_sheet_bytes = path.read_bytes()
        renderer = self.renderer(self.templates_for(result))
        used_templates = sorted({t for d in result.documents for t in (d.spec.template, *d.spec.exhibits)})
        record = BuildRecord(
            dealdocs_version=__version__,
            term_sheet={"path": result.display, "sha256": sha256(term_sheet_bytes), "git": git_commit_of(path)},
            templates={name: sha256(renderer.templates.path(name).read_bytes()) for name in used_templates},
            wire_instructions=wire_details(result.deal),
        )
        files = {d.spec.filename: d.data for d in result.documents}
        files.update(signature_packets(result.deal, result.documents))
        files.update(closing_checklist(result.deal, result.documents))
        extra = self._pdfs(result) if self.pdf else None
        result.written, result.moved_aside = write_build(self.output_dir, result.deal_id, files, record, force=self.force, extra=extra)
        result.findings = sort_findings(result.findings)
        return result

    # -- helpers --------------------------------------------------------------------

    def _warn_if_wire_changed(self, result: DealResult, previous: object) -> None:
        before = getattr(previous, "wire_instructions", None)
        now = wire_details(result.deal) if result.deal else None
        if before is None or now is None or before == now:
            return
        changed = [name for name in now if before.get(name) != now.get(name)]
        location = result.source.location(("escrow", "wire")) if result.source else Location(file=result.display)
        result.findings.append(
            warning(
                "DD150",
                "WIRE INSTRUCTIONS CHANGED since the last build ("
                + "; ".join(f"{name}: {before.get(name)!r} -> {now.get(name)!r}" for name in changed)
                + "). Changed wire details are the classic closing fraud: confirm them by telephone with a known contact before anyone wires funds.",
                location,
            )
        )

    def _pdfs(self, result: DealResult) -> dict[str, Path]:
        from dealdocs.outputs.pdf import convert_to_pdf

        return convert_to_pdf({d.spec.filename: d.data for d in result.documents})


# ---------------------------------------------------------------- rendering a deal's documents


def _render_one(renderer: Renderer, deal: Deal, spec: DocumentSpec, with_files: bool) -> tuple[RenderedDocument | None, list[Finding]]:
    """One document rendered (normalized and read back `with_files`), with the findings on its text."""
    from dealdocs.checks.text import check_paragraphs  # imported before workers fork (see _render_all)
    from dealdocs.ooxml.text import paragraphs

    try:
        if with_files:
            from dealdocs.outputs.write import normalize_docx

            data = normalize_docx(renderer.render(deal, spec))
            document = RenderedDocument(spec, data, paragraphs(data))
        else:
            document = RenderedDocument(spec, None, paragraphs(renderer.render_document(deal, spec)))
    except DealdocsError as exc:
        return None, list(getattr(exc, "findings", []) or [error("DD300", str(exc), Location(document=spec.filename))])
    return document, check_paragraphs(spec.filename, document.paragraphs)


def _render_all(renderer: Renderer, deal: Deal, specs: list[DocumentSpec], jobs: int,
                with_files: bool = True) -> list[tuple[RenderedDocument | None, list[Finding]]]:
    """Every document of the deal, in order; shared among `jobs` processes when there are several.

    Rendering is most of a build's time and each document is independent, so
    on a machine with several cores this process forks `jobs - 1` children
    (they inherit the model and the templates), each renders its share and
    sends the results back through a pipe, and this process renders the first
    share meanwhile. A child waits for nothing from its parent: if the parent
    is killed, the child finishes, finds no reader and ends. Where processes
    cannot be forked (Windows), or for one document, they are rendered here in turn.
    """
    import dealdocs.checks.text  # noqa: F401  what every child needs, imported once here, not in each
    import dealdocs.ooxml.text  # noqa: F401

    if with_files:
        import dealdocs.outputs.write  # noqa: F401

    jobs = min(jobs, len(specs))
    if jobs <= 1 or not hasattr(os, "fork"):
        return [_render_one(renderer, deal, spec, with_files) for spec in specs]
    shares = _shares(renderer, specs, jobs)
    children = [_fork_renderer(renderer, deal, specs, share, with_files) for share in shares[1:]]
    results = {index: _render_one(renderer, deal, specs[index], with_files) for index in shares[0]}
    for pid, pipe in children:
        with os.fdopen(pipe, "rb") as reader:
            payload = reader.read()
        os.waitpid(pid, 0)
        outcome, value = pickle.loads(payload) if payload else ("error", "the process ended without a result")
        if outcome != "ok":
            raise RuntimeError(f"rendering in a child process failed: {value}")
        results.update(value)
    return [results[index] for index in range(len(specs))]


def _shares(renderer: Renderer, specs: list[DocumentSpec], jobs: int) -> list[list[int]]:
    """The documents split into `jobs` shares of about equal work (template sizes), largest first."""
    costs = [sum(renderer.templates.path(name).stat().st_size for name in (spec.template, *spec.exhibits))
             for spec in specs]
    shares: list[list[int]] = [[] for _ in range(jobs)]
    loads = [0] * jobs
    for index in sorted(range(len(specs)), key=lambda i: -costs[i]):
        lightest = loads.index(min(loads))
        shares[lightest].append(index)
        loads[lightest] += costs[index]
    return shares


def _fork_renderer(renderer: Renderer, deal: Deal, specs: list[DocumentSpec], share: list[int],
                   with_files: bool) -> tuple[int, int]:
    """Fork a child that renders `share` and writes the pickled results to a pipe: (pid, the pipe's read end)."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns
        status = 0
        try:
            os.close(read_end)
            try:
                payload = pickle.dumps(("ok", {index: _render_one(renderer, deal, specs[index], with_files) for index in share}))
            except Exception:
                status = 1
                payload = pickle.dumps(("error", traceback.format_exc()))
            with os.fdopen(write_end, "wb") as writer:
                writer.write(payload)
        finally:
            os._exit(status)
    os.close(write_end)
    return pid, read_end


def _display(path: Path) -> str:
    """The path as the user should read it: relative to the working folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
