"""The reference agreements (plain text filings) as real Word files, for the text checks' tests.

A seed is a 2005 EDGAR filing in plain text. Its paragraphs are the blocks
separated by blank lines. Within a block, a long line is a line that wrapped,
so it is joined to the next with a space; a short line that is followed by
another (an address, wire instructions, a signature block) ends with a line
break (``w:br``), which the text reader also turns into a space. Runs of
spaces (the filing's justification) become one. What is dropped, as the
fidelity tool drops it: "<PAGE>" markers, bare page numbers ("3", "-3-"),
rules of dashes, and the "Exhibit 10.3" filing label. Everything else is kept.

The seeds live outside the repository; set DEALDOCS_SEEDS to another folder
holding the same three files to use a copy.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from docx import Document

SEED_DIR = Path(os.environ.get("DEALDOCS_SEEDS", "/work/shared/seeds"))

SEEDS = {
    "escrow": "escrow-agreement-2005-10-20.txt",
    "npa": "note-purchase-agreement-2005-05-18.txt",
    "note": "promissory-note-2005-05-18.txt",
}
"""Short name -> file name of each reference agreement in SEED_DIR."""

_DROP = re.compile(r"<PAGE>|-?\s*\d+\s*-?|[-_=\s]+|Exhibit \d+\.\d+")
_WRAP_WIDTH = 65  # a line at least this long (indent included) wrapped onto the next


def seed_blocks(text: str) -> list[list[str]]:
    """The paragraphs of a seed's text, each as its lines (hard line breaks between them)."""
    blocks: list[list[str]] = []
    lines: list[str] = []  # the current paragraph's lines, wrapped ones already joined
    joined = False  # whether the last line wrapped onto the next
    for raw in text.splitlines():
        bare = raw.strip()
        if not bare:
            if lines:
                blocks.append(lines)
            lines, joined = [], False
            continue
        if _DROP.fullmatch(bare):
            continue
        line = " ".join(bare.split())
        if joined and lines:
            lines[-1] += " " + line
        else:
            lines.append(line)
        joined = len(raw.rstrip()) >= _WRAP_WIDTH
    if lines:
        blocks.append(lines)
    return blocks


def seed_paragraphs(name: str) -> list[str]:
    """A seed's paragraph texts as the Word file has them (a line break reads as a space)."""
    return [" ".join(lines) for lines in seed_blocks(_read(name))]


def write_seed_docx(name: str, folder: Path) -> Path:
    """Write the seed `name` ("escrow", "npa", "note") as `folder`/<name>.docx and return the path."""
    document = Document()
    for lines in seed_blocks(_read(name)):
        paragraph = document.add_paragraph()
        run = paragraph.add_run(lines[0])
        for line in lines[1:]:
            run.add_break()
            run.add_text(line)
    path = Path(folder) / f"{name}.docx"
    document.save(path)
    return path


def _read(name: str) -> str:
    return (SEED_DIR / SEEDS[name]).read_text(encoding="utf-8")
