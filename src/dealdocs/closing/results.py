"""What checking or building a deal produces: its rendered documents and the result for the deal.

Shared data types of the closing set, imported by every stage and importing none.
"""

from __future__ import annotations

import hashlib
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dealdocs.closing.kinds import DocumentSpec
from dealdocs.findings import Finding, has_errors
from dealdocs.termsheet.loader import TermSheetSource
from dealdocs.termsheet.model import Deal

if TYPE_CHECKING:
    from dealdocs.closing.ledger import ClosingLedger


@dataclass(frozen=True)
class Reading:
    """What the checks of one document alone made of it: the findings on its text, and the document as the set
    checks read it (`pipeline.Builder.render`)."""

    text_findings: list[Finding]
    read: Any  # a `checks.closing_set.SetDocument`: the checks come later in the flow than this module
    kept_as: str | None = None  # the key it is kept under between runs (`checks.readings`), when it is


@dataclass
class RenderedDocument:
    """One rendered document: its .docx bytes (None when only checked), its text (none when only rendered, see
    `pipeline.Builder.render`) and what its pages hold."""

    spec: DocumentSpec
    data: bytes | None
    paragraphs: list[str]
    attachments: list[str] = field(default_factory=list)  # 'Exhibit A: Release Notice', ...
    # each signer's pages (by the signer's index in `closing.parties.signers(deal, spec)`), 0-based
    signature_pages: dict[int, list[int]] = field(default_factory=dict)
    reading: Reading | None = field(default=None, repr=False, compare=False)  # until the set checks read it
    source: str | None = None  # a digest of what Jinja rendered for it (`Renderer.source_texts`), when checked
    signed_as: str | None = None  # the digest of the document as its pages are signed, when not that of `data`
    # (the release notice once `escrow.release_date` dates it: `pipeline._date_release_notice_later`)
    texts: tuple[bytes, ...] | None = field(default=None, repr=False, compare=False)  # `Renderer.source_texts`, each
    # compressed (zlib), when asked (`BuildOptions.texts_kept`)
    sketched: bool = False  # rendered by Jinja alone, neither read nor checked: a redline's note (`render.patterns`)

    def source_texts(self) -> list[bytes] | None:
        """What Jinja rendered for it (`Renderer.source_texts`), when kept (`texts`)."""
        return [zlib.decompress(text) for text in self.texts] if self.texts is not None else None

    @property
    def version(self) -> str | None:
        """What the packets' covers and the closing ledger call its version: the SHA-256 of its .docx, in
        hexadecimal, as its pages are signed (`signed_as`, else `data`'s); None for a document not saved."""
        if self.signed_as is not None:
            return self.signed_as
        return hashlib.sha256(self.data).hexdigest() if self.data is not None else None


@dataclass
class DealResult:
    """What checking or building one term sheet produced."""

    path: Path
    display: str
    deal: Deal | None = None
    source: TermSheetSource | None = None
    ledger: ClosingLedger | None = None  # the closing ledger beside the term sheet, when it loaded
    ledger_in_part: ClosingLedger | None = None  # a ledger with problems: what its other entries record (status)
    findings: list[Finding] = field(default_factory=list)
    documents: list[RenderedDocument] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    moved_aside: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)  # the earlier build's files this build does not make
    carried: list[str] = field(default_factory=list)  # the earlier build's PDFs kept, their Word files as they were
    waiting: tuple[str, ...] = ()  # the sections whose checks wait for a value refused in them (`checks.deal.waiting`)
    # what the ledger's signatures without a version were taken against (`Builder.remembered_versions`), read once
    remembered: tuple[dict[tuple[str, str], str], dict[str, str]] = field(default_factory=lambda: ({}, {}))

    @property
    def versions(self) -> dict[str, str]:
        """Each document rendered with its bytes: its name -> its version (`RenderedDocument.version`)."""
        return {d.spec.name: version for d in self.documents if (version := d.version) is not None}

    @property
    def ok(self) -> bool:
        return not has_errors(self.findings)

    @property
    def starter(self) -> bool:
        """Whether the term sheet is still the starter `init` wrote (`termsheet.starter.still_the_starter`), which
        `check` and `build` say."""
        from dealdocs.termsheet.starter import still_the_starter

        return self.source is not None and still_the_starter(self.source.data, self.source.text)

    @property
    def deal_id(self) -> str:
        return self.path.stem
