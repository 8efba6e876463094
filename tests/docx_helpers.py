"""Helpers for tests that render real Word documents and read them back.

Paths to the repository, its example term sheets and the shared seeds; loading
an example deal; deriving variants of a deal (other purchasers, other names);
rendering; and reading a rendered .docx back with python-docx: paragraphs with
their styles, page breaks, core properties.
"""

from __future__ import annotations

import io
import os
import zipfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from docx import Document
from docx.oxml.ns import qn

from dealdocs.closing.kinds import DocumentSpec, documents_for
from dealdocs.termsheet.loader import load_deal
from dealdocs.termsheet.model import Deal, Purchaser
from dealdocs.render.renderer import Renderer

REPO = Path(__file__).resolve().parents[1]
DEALS = REPO / "deals"
TEMPLATES = REPO / "templates"
SHARED = Path(os.environ.get("DEALDOCS_SHARED") or REPO.parent / "shared")  # the seeds and the fidelity tool
SEEDS = SHARED / "seeds"
FIDELITY_TOOL = SHARED / "tools" / "fidelity.py"
ESCROW_SEED = SEEDS / "escrow-agreement-2005-10-20.txt"


@lru_cache(maxsize=None)
def load_example(name: str) -> Deal:
    """The example term sheet deals/<name>.yaml as a Deal (models are frozen, so sharing is safe)."""
    deal, _ = load_deal(DEALS / f"{name}.yaml")
    return deal


def spec_named(deal: Deal, name: str) -> DocumentSpec:
    return next(spec for spec in documents_for(deal) if spec.name == name)


_RENDERER = Renderer()


def render(deal: Deal, name: str, renderer: Renderer | None = None) -> bytes:
    """The .docx bytes of the document `name` ('escrow-agreement', ...) of `deal`."""
    return (renderer or _RENDERER).render(deal, spec_named(deal, name))


# ---------------------------------------------------------------- deriving deals


def replace(model: Any, **changes: Any) -> Any:
    """A copy of a frozen model with some fields changed, validated again."""
    return type(model).model_validate({**model.model_dump(), **changes})


def unchecked(model: Any, **changes: Any) -> Any:
    """A copy of a frozen model with some fields changed, not validated again: for a value the term sheet refuses
    (template code in a name, DD002), to show that a document made from it in code still prints it as written."""
    return model.model_copy(update=changes)


def with_purchasers(deal: Deal, purchasers: list[Purchaser], **escrow_changes: Any) -> Deal:
    escrow = replace(deal.escrow, **escrow_changes) if escrow_changes else deal.escrow
    return replace(deal, purchasers=[p.model_dump() for p in purchasers], escrow=escrow.model_dump() if escrow else None)


# ---------------------------------------------------------------- reading back


@dataclass(frozen=True)
class Para:
    text: str
    style: str
    element: Any

    @property
    def starts_page(self) -> bool:
        """True when the paragraph begins a new page: page break before (direct or by style) or a leading page break."""
        ppr = self.element.pPr
        if ppr is not None and ppr.find(qn("w:pageBreakBefore")) is not None:
            value = ppr.find(qn("w:pageBreakBefore")).get(qn("w:val"), "true")
            return value not in ("0", "false", "off")
        return False


def open_docx(data: bytes):
    return Document(io.BytesIO(data))


def paragraphs(data: bytes) -> list[Para]:
    """Every paragraph of the body in reading order (table cells included), with its style name."""
    document = open_docx(data)
    styles = {s.style_id: s.name for s in document.styles}
    result = []
    for p in document.element.body.iter(qn("w:p")):
        text = "".join(
            (node.text or "") if node.tag == qn("w:t") else "-" if node.tag == qn("w:noBreakHyphen") else " "
            for node in p.iter(qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:noBreakHyphen"))
            if not _prints_nothing(node.getparent())
        )
        style_id = p.pPr.pStyle.val if p.pPr is not None and p.pPr.pStyle is not None else "Normal"
        result.append(Para(text, styles.get(style_id, style_id), p))
    return result


def _prints_nothing(run) -> bool:
    """A run of white text of 1 point or less (an e-signature anchor): not on the printed page."""
    properties = run.find(qn("w:rPr"))
    if properties is None:
        return False
    color, size = properties.find(qn("w:color")), properties.find(qn("w:sz"))
    return (color is not None and size is not None and (color.get(qn("w:val")) or "").upper() == "FFFFFF"
            and (size.get(qn("w:val")) or "").isdigit() and int(size.get(qn("w:val"))) <= 2)


def text_of(data: bytes) -> str:
    """The body's text, one paragraph a line, runs of spaces folded to one."""
    return "\n".join(" ".join(p.text.split()) for p in paragraphs(data))


def zip_parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def make_template(path: Path, lines: list[tuple[str, str]], *, extra_style: str | None = None) -> Path:
    """A small .docx template: one paragraph, one run per (text, style name)."""
    from docx.enum.style import WD_STYLE_TYPE

    document = Document()
    if extra_style:
        document.styles.add_style(extra_style, WD_STYLE_TYPE.PARAGRAPH)
    for text, style in lines:
        document.add_paragraph(style=style).add_run(text)
    document.save(path)
    return path


def build_example(name: str, output: Path) -> Path:
    """Build the example deal `name` into `output` with the real Builder; the deal's output folder."""
    from dealdocs.pipeline import Builder

    result = Builder(output_dir=output).build(REPO / "deals" / f"{name}.yaml")
    assert result.ok, [str(f) for f in result.findings]
    return output / name


def soffice() -> str:
    """LibreOffice, which the PDF tests need: a test that needs it fails without it (.ci/run installs it)."""
    import shutil

    import pytest

    found = shutil.which("soffice") or shutil.which("libreoffice")
    if not found:
        pytest.fail("LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui (.ci/run does)")
    return found
