"""The orchestrator: one term sheet through the whole flow.

    term sheet (loader) -> model -> checks on the deal -> render -> checks on the
    rendered text -> outputs (atomic write, build record)

`Builder` holds what a run shares across deals (the templates, the renderer and
its parsed-template cache, the output folder); `check` and `build` take one
term sheet each and return a `DealResult`. Library code: it never prints and
never exits; the command line presents what it returns.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from dealdocs.checks.deal import check_deal
from dealdocs.errors import TermSheetError
from dealdocs.findings import Finding, has_errors, sort_findings
from dealdocs.loader import TermSheetSource, load_deal
from dealdocs.model import Deal


@dataclass
class DealResult:
    """What checking or building one term sheet produced."""

    path: Path
    display: str
    deal: Deal | None = None
    source: TermSheetSource | None = None
    findings: list[Finding] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not has_errors(self.findings)

    @property
    def deal_id(self) -> str:
        return self.path.stem


@dataclass
class Builder:
    """Checks and builds term sheets with one set of templates into one output folder."""

    output_dir: Path = Path("output")
    templates_dir: Path | None = None

    def load(self, path: Path) -> DealResult:
        """Load and check the term sheet alone (no rendering)."""
        result = DealResult(path=path, display=_display(path))
        try:
            result.deal, result.source = load_deal(path, result.display)
        except TermSheetError as exc:
            result.findings = sort_findings(exc.findings)
            return result
        result.findings = sort_findings(check_deal(result.deal, result.source))
        return result

    def check(self, path: Path) -> DealResult:
        """Every check on one term sheet; writes nothing."""
        return self.load(path)


def _display(path: Path) -> str:
    """The path as the user should read it: relative to the working folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
