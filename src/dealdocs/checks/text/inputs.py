"""An agreement to lint, read as paragraphs from a Word file, plain text, Markdown or PDF.

- ``.docx`` (and any other name): read as Word shows it (`dealdocs.ooxml.text.read`).
- ``.txt``: one paragraph a line; a finding's paragraph number is the line number. Text wrapped at a fixed
  width, as EDGAR filings are (`hard_wrapped`), is read one paragraph a block as for Markdown, its lines
  joined: a definition cut across two lines is one definition; the paragraph number is still the line
  number, of the block's first line.
- ``.md``: one paragraph a block (blocks are separated by blank lines; the
  lines of a block are joined), with the Markdown marks that are not text
  left out: "#" before a heading, ">" before a quotation, "-", "*" or "+"
  before a bullet, "**" and "__" around strong text.
- ``.pdf``: the text ``pdftotext -layout`` (poppler) gives, one paragraph a
  block as for Markdown (a word broken at its hyphen joined again), the spaces of justified lines collapsed, page numbers
  and running headers and footers left out, and a paragraph that runs on past
  the foot of a page joined to its end on the next (`_pages_joined`); without
  ``pdftotext`` the file is not read and the error says what to install.

A file that cannot be read raises `Unreadable`, whose message says why in
words a lawyer can act on.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

from dealdocs.ooxml.text import Paragraph

__all__ = ["PDF_TIMEOUT", "Unreadable", "hard_wrapped", "read_agreement"]

PDF_TIMEOUT = 120
"""Seconds `pdftotext` may take on one file."""
_MARKDOWN_LINE = re.compile(r"^\s{0,3}(?:#{1,6}\s+|>\s?|[-*+]\s+(?=\S))")
_STRONG = re.compile(r"\*\*|__")


class Unreadable(ValueError):
    """A file that could not be read as an agreement; the message says why."""


def _blocks(text: str, clean=lambda line: line, *, at_lines: bool = False) -> list[str]:
    """The blank-line separated blocks of `text`, each one paragraph with its lines joined. With `at_lines`, each
    block stands at the number of its first line, the lines it takes up after that and the blank lines left empty,
    so that a finding's paragraph number is still the line to look at."""
    found: list[str] = []
    lines: list[str] = []
    for line in (_lines(text) if at_lines else text.replace("\f", "\n\n").splitlines()) + [""]:
        if line.strip():
            lines.append(clean(line).strip())
            continue
        if lines:
            found.append(" ".join(_joined(lines).split()))
            found += [""] * (len(lines) - 1) if at_lines else []
            lines = []
        found += [""] if at_lines else []
    return found[:-1] if at_lines else found


_BROKEN_AT_HYPHEN = re.compile(r"[A-Za-z]-$")


def _joined(lines: list[str]) -> str:
    """A block's lines as one paragraph: a line that ends in a word's hyphen runs on into the next without a space
    ("forty-" and "five (45) days" is "forty-five (45) days", not "forty- five", whose "five" said 5)."""
    text = lines[0]
    for line in lines[1:]:
        text += line if _BROKEN_AT_HYPHEN.search(text) and line[:1].isalnum() else f" {line}"
    return text


def _lines(text: str) -> list[str]:
    """A .txt file's lines as an editor numbers them (`grep -n`): split at line feeds alone, a page's form feed and
    the other characters Python also breaks lines at read as spaces (a hostile sweep: after a form feed, an EDGAR
    filing's findings were given a line below theirs, eight below after a few pages)."""
    lines = _OTHER_BREAKS.sub(" ", text.replace("\r\n", "\n")).split("\n")
    return lines[:-1] if lines and lines[-1] == "" else lines


_OTHER_BREAKS = re.compile("[\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")


_WRAP_WIDTH = 100
_WRAPPED_LINE = 55
_ENDS_SENTENCE = (".", ";", ":")


def hard_wrapped(text: str) -> bool:
    """Whether plain text is wrapped at a fixed width, as EDGAR filings are: nearly every line (all but one in
    twenty: a wide table row is no reason to read a filing another way) at most 100 characters, paragraphs separated
    by blank lines, and the lines that run on into the next mostly 55 characters or more and mostly not the end of
    a sentence (a paragraph cut where the line was full). One paragraph a line has longer lines, or ends each line
    with a full stop; a list of short lines runs none on at that length."""
    lines = [line.rstrip() for line in _lines(text)]
    written = [line for line in lines if line.strip()]
    if len(written) < 10 or sorted(len(line) for line in written)[len(written) * 19 // 20 - 1] > _WRAP_WIDTH:
        return False
    running_on = [line for line, following in zip(lines, lines[1:]) if line.strip() and following.strip()]
    blank = len(lines) - len(written)
    full = [line for line in running_on if len(line) >= _WRAPPED_LINE]
    ended = [line for line in running_on if line.endswith(_ENDS_SENTENCE)]
    return (blank >= 3 and len(running_on) >= len(written) // 3 and len(full) >= 0.6 * len(running_on)
            and len(ended) <= 0.2 * len(running_on))


def _markdown_line(line: str) -> str:
    return _STRONG.sub("", _MARKDOWN_LINE.sub("", line))


def _pdf_text(path: str) -> str:
    program = shutil.which("pdftotext")
    if program is None:
        raise Unreadable(
            "reading a PDF needs pdftotext, which is not installed (it comes with poppler: "
            "apt-get install poppler-utils, brew install poppler); or lint the Word file"
        )
    try:
        done = subprocess.run(
            [program, "-layout", "-enc", "UTF-8", "--", path, "-"],
            capture_output=True, timeout=PDF_TIMEOUT, check=False,
        )  # fmt: skip
    except subprocess.TimeoutExpired:
        raise Unreadable(f"pdftotext took more than {PDF_TIMEOUT} seconds on it") from None
    if done.returncode != 0:
        reason = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise Unreadable(f"pdftotext cannot read it as a PDF ({reason[-1] if reason else 'no reason given'})")
    return done.stdout.decode("utf-8", "replace")


_PAGE_NUMBER = re.compile(r"(?:page\s+)?[-\u2013(]?\s*[0-9ivxlc]{1,5}\s*[-\u2013)]?(?:\s+of\s+[0-9]{1,5})?", re.IGNORECASE)
_DIGITS = re.compile(r"[0-9]+")
_SENTENCE_ENDS = (".", ";", ":", "?", "!", ".\u201d", '."', ".)")


def _pages_joined(text: str) -> str:
    """The text of a PDF's pages (`pdftotext`, a form feed after each) made one, without what a reader does not
    read as the agreement's text: each page's number, and a header or footer every page repeats (among its first
    or last two lines, the same but for its figures, on at least half the pages and three or more). A paragraph that
    runs on past the foot of a page (its last line ends no sentence) is joined to the top of the next: "The
    Secured" / "Party may buy" was read as two paragraphs, and "Secured" as a term never defined."""
    pages = [page.splitlines() for page in text.split("\f")]
    running = _running_lines(pages)
    kept: list[list[str]] = []
    for lines in pages:
        written = [number for number, line in enumerate(lines) if line.strip()]
        while written and _margin(lines[written[-1]], running):
            written.pop()
        while written and _margin(lines[written[0]], running):
            written.pop(0)
        if written:
            kept.append(lines[written[0]:written[-1] + 1])
    joined = ""
    for number, body in enumerate(kept):
        if number:
            joined += "\n" if _runs_on(kept[number - 1]) and not _heading(body[0]) else "\n\n"
        joined += "\n".join(body)
    return joined


def _margin(line: str, running: set[str]) -> bool:
    """Whether a line at the top or foot of a page is the page's number or a running header or footer."""
    return bool(_PAGE_NUMBER.fullmatch(line.strip())) or _shape(line) in running


_HEADING = re.compile(r"(?:exhibit|schedule|annex|appendix|attachment)\b", re.IGNORECASE)


def _heading(line: str) -> bool:
    """Whether a page's first line is a heading, which no paragraph runs on into: in capitals ("EXHIBIT A",
    "SCHEDULE I"), or an attachment's name."""
    text = line.strip()
    return text.isupper() or bool(_HEADING.match(text))


def _runs_on(page: list[str]) -> bool:
    """Whether the text at the foot of `page` runs on to the next: its last line ends no sentence and is full
    (as long, nearly, as the page's longest: a line of running text cut where the page was full; a signature
    block's last line, "Margaret Chen", before an exhibit's first page is short)."""
    last = page[-1].rstrip()
    widest = max(len(line.rstrip()) for line in page)
    return not last.endswith(_SENTENCE_ENDS) and len(last) >= 0.8 * widest


def _shape(line: str) -> str:
    """A line with its figures taken as alike: a running footer ("Security Agreement - Page 3") is one shape."""
    return _DIGITS.sub("#", " ".join(line.split()))


def _running_lines(pages: list[list[str]]) -> set[str]:
    """The shapes of the lines that stand among the first two or the last two of at least half the pages (and
    three or more): a footer above or below the page's number, a header."""
    seen: dict[str, int] = {}
    for lines in pages:
        written = [line for line in lines if line.strip()]
        for shape in {_shape(line) for line in written[:2] + written[-2:]}:
            seen[shape] = seen.get(shape, 0) + 1
    return {shape for shape, count in seen.items() if count >= 3 and count * 2 >= len(pages)}


def _text_file(path: str) -> str:
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise Unreadable("it is not UTF-8 text: save it as UTF-8 (plain text) and try again") from None
    if "\x00" in text:  # a hostile sweep: 100,000 NUL bytes named .txt were "no problems found"
        raise Unreadable("it holds NUL bytes, as a binary file does, not text: save the agreement as plain text and try again")
    return text


def read_agreement(path: str | os.PathLike[str]) -> list[str | Paragraph]:
    """The paragraphs of the agreement at `path`, read by its kind (see the module's docstring).

    Raises `Unreadable`, `OSError` for a file that cannot be opened, and for a
    Word file what `dealdocs.ooxml.text.read` raises.
    """
    name = os.fspath(path)
    suffix = Path(name).suffix.lower()
    if suffix == ".txt":
        text = _text_file(name)
        return _blocks(text, at_lines=True) if hard_wrapped(text) else _lines(text)
    if suffix in (".md", ".markdown"):
        return _blocks(_text_file(name), _markdown_line)
    if suffix == ".pdf":
        return _blocks(_pages_joined(_pdf_text(name)))
    from dealdocs.ooxml.text import read

    return read(name)
