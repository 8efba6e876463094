"""Checks on the text of Word documents that need no term sheet (codes DD2xx).

They read any agreement, including ones dealdocs did not make, as a list of
paragraphs (a Word file as Word shows it, see `dealdocs.ooxml.text`; plain
text, Markdown and PDF, see `inputs`), and report `Finding`s located by
document name and 1-based paragraph number, quoting the words at fault.

| code  | severity | what it catches |
|-------|----------|-----------------|
| DD200 | error    | the file cannot be read (a Word file, or .txt, .md, .pdf), or would unpack to too much to read safely (a zip bomb), or holds no text to check (a scan without a text layer, an empty file) |
| DD201 | error    | words and figures disagree: "ten (15) days", "One Million Dollars ($1,100,000.00)", "ten percent (12%)" |
| DD202 | error    | unrendered or empty template output: `{{`, `}}`, `{%`, `%}`, a stray `None`, `[●]`, `[•]`, `[*]`, a blank "within [__] days" or "XX days" in the agreement itself, `()`, `("")`, a "$" with no amount; an unmerged mail-merge field `«Purchaser»`; a drafter's note "[to be inserted]", or one to the other side ("[NOTE TO DRAFT: ...]", "[NTD: ...]") |
| DD203 | error    | a capitalized term used as a defined term but defined nowhere in the document (a warning listing them when the document borrows another agreement's definitions) |
| DD204 | warning  | a term defined twice in the same instrument |
| DD205 | warning  | a defined term used long before the paragraph that defines it, in a document with no definitions section or index of terms |
| DD206 | error    | a cross-reference to a section, article or clause the document does not have (a missing exhibit or schedule is a warning); a glossary entry pointing where its term is not ("defined in Section 2.4", "in the Recitals"); a malformed reference ("Sections 4.1, 4.2, 4.3 or 4 4", "Section 3.l(a)"); references in capitals ("THIS SECTION 1.01(C)") too |
| DD207 | error    | an enumeration with a gap or a repeat: (a), (b), (d); a., b., d.; sections 1.1, 1.2, 1.4; in a sentence, two kinds of marker ("(i) ... and (y)") or a first item with no second ("equal to (i) $9,500,000.") |
| DD208 | warning  | a doubled word or pair of words: "the the", "to cause to cause", "and (ii) and" |
| DD209 | error    | a well-known statute cited with the wrong year: "Securities Act of 1993" |
| DD210 | warning  | a party's name capitalized or punctuated two ways: "ROO Group, Inc." and "Roo Group, Inc."; "Warren Equities, Inc." and "WARREN EQUITIES INC."; a suffix in a case of its own: "CADIZ inc."; a name once with a letter more or less: "Arvind Guranani"; the document, with its date, named one word off its title; the document calling itself "this Indenture" once and "this Agreement" throughout |
| DD211 | error    | the document's own date stated two ways: "made as of October 20, 2005" but "dated as of October ____, 2005" |
| DD212 | error    | a date on no calendar: "February 30, 2026", "June 31, 2026", "the 31st day of April, 2026"; a day of the week that is not the date's: "Saturday, March 4, 2026" |

How the package is laid out: `outline` parses a document once (its
instruments, headings, section numbers, list markers, and in `terms` its
definitions and names for itself), without findings; each check is a small
module that reads the outline and depends on no other check: `figures`
(DD201), `leftovers` (DD202), `defined_terms` (DD203-DD205), `references`
(DD206, with `glossary` for glossary pointers), `numbering` (DD207), `doubled` (DD208), `statutes` (DD209), `names`
(DD210), `own_date` (DD211, and the DD210 of the document named another way with its date), `dates` (DD212). Each module's docstring says what it reads and
what it deliberately leaves alone.

Defined terms are those introduced in parentheses, `(the "Company")`,
`("Petty")`, `(each a "Purchaser" and together the "Purchasers")`,
`(hereinafter the "Closing Date")`, straight or curly quotes; those of a
definitions section (`"Business Day" means ...`); those borrowed by name
(`Purchase Price (as defined in the Purchase Agreement)`); and the
instrument's own name (its title, and "this Agreement", "this Note"). The
plural and singular of a defined term count as the term. An exhibit,
schedule or annex heading starts a new instrument within the document (the
release notice attached to an escrow agreement is signed on its own):
definitions, use-before-definition and section numbering are judged within
one instrument; a term defined in any of them counts as defined for DD203.

All patterns are compiled once; each check makes a bounded number of passes
over each paragraph, so the whole run is linear in the document's size.
"""

from __future__ import annotations

import os
import shlex
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace

from dealdocs.checks.text import dates, defined_terms, doubled, figures, leftovers, names, numbering, own_date, references, statutes
from dealdocs.checks.text.common import trie_pattern
from dealdocs.checks.text.outline import STATEMENTS, Outline, parse
from dealdocs.findings import Finding, Location, error
from dealdocs.ooxml.text import Paragraph

__all__ = ["CHECKS", "check_outline", "check_paragraphs", "lint_files", "not_a_word_file", "trie_pattern"]

CHECKS = (
    figures.check,
    leftovers.check,
    defined_terms.check_undefined,
    defined_terms.check_duplicates,
    defined_terms.check_use_before_definition,
    numbering.check_sections,
    numbering.check_lists,
    numbering.check_pairs,
    references.check,
    doubled.check,
    statutes.check,
    names.check,
    own_date.check,
    dates.check,
)
"""Every text check: each takes an `Outline` and yields its findings, in any order."""


def check_paragraphs(document: str, paragraphs: Sequence[str | Paragraph], *, borrowed: bool = False) -> list[Finding]:
    """Every DD201-DD212 finding on a document given as its paragraphs, in paragraph order.

    The paragraphs are text, or `Paragraph`s as `dealdocs.ooxml.text.read`
    gives them (numbers drawn by Word included; a finding in a header, footer
    or note says so). With `borrowed`, a document that gives its undefined
    terms another agreement's meanings gets a DD203 warning listing them (what
    `lint` wants of a draft from outside; a closing set that dealdocs builds
    is checked together, so `build` and `check` leave it out).
    """
    return check_outline(parse(document, list(paragraphs)), borrowed=borrowed)


def check_outline(outline: Outline, *, borrowed: bool = False) -> list[Finding]:
    """`check_paragraphs` of a document already parsed (`outline.parse`), for a caller that reads the outline too."""
    findings = [_placed(outline, finding) for check in CHECKS for finding in check(outline)
                if not _in_statements(outline, finding)]
    if not borrowed:
        findings = [f for f in findings if not (f.code == "DD203" and not f.is_error)]
    return sorted(findings, key=lambda f: (f.location.paragraph or 0, f.code, f.message))


def _in_statements(outline: Outline, finding: Finding) -> bool:
    """Whether `finding` is on a paragraph of attached financial statements (`outline.STATEMENTS`): accounts, whose
    numbered notes and "$—" cells are not the agreement's drafting."""
    number = finding.location.paragraph
    return bool(number) and outline.paras[number - 1].story == STATEMENTS


def _placed(outline: Outline, finding: Finding) -> Finding:
    """`finding`, its message saying which story it is in when that is not the body."""
    number = finding.location.paragraph
    story = outline.paras[number - 1].story if number else "body"
    return finding if story == "body" else replace(finding, message=f"in the {story}: {finding.message}")


def not_a_word_file(name: str, reads: str = "lint reads .docx, .txt, .md and .pdf") -> str:
    """Why a file read as Word's did not open, in words a lawyer can act on (not the reader's exception); `reads`:
    what the command reads."""
    suffix = os.path.splitext(name)[1].lower()
    if suffix in (".yaml", ".yml"):  # a new user's trial: told to save a term sheet from Word
        return f"it is a term sheet (a {suffix} file), not an agreement: check it with dealdocs check {name}"
    if suffix == ".pdf" and "pdf" not in reads:  # a new user's trial: "save it from Word", of a PDF
        return (f"it is a PDF, not a Word (.docx) file ({reads}); dealdocs lint {shlex.quote(name)} checks a PDF's "
                "text, or give the Word file the PDF was made from")
    if suffix != ".docx":
        kind = f"a {suffix} file" if suffix else "a file with no .docx ending"
        return (f"it is {kind}, not a Word (.docx) file ({reads}); "
                "save it from Word as a .docx file and try again")
    return "it is damaged or not really a Word file; open it in Word, save it as a .docx file and try again"


def lint_files(paths: Iterable[str | os.PathLike[str]],
               also: Callable[[Outline], list[Finding]] | None = None) -> list[Finding]:
    """Read each agreement (.docx, .txt, .md or .pdf; see `inputs`) and check its text; `also` is given each
    document read, parsed (what `closing_set.lint_each` and `lint_set` check besides).

    A file that cannot be read, or holds no text (a scan without a text layer), is a DD200 error saying why:
    never "no problems found" for a document nothing was read in.
    """
    from dealdocs.checks.text.inputs import Unreadable, read_agreement
    from dealdocs.errors import os_error_words
    from dealdocs.ooxml.limits import PackageRefused

    findings: list[Finding] = []
    for path in paths:
        name = os.fspath(path)
        try:
            texts = read_agreement(path)
        except (PackageRefused, Unreadable) as exc:
            findings.append(error("DD200", f"{name} was not read: {exc}", Location(document=name)))
            continue
        except OSError as exc:  # the file system's answer (no permission, a folder, a disk error), not the file's
            findings.append(error("DD200", f"cannot read {name}: {os_error_words(exc)}", Location(document=name)))
            continue
        except Exception:  # any other failure to read is the file's problem, reported as such
            findings.append(error("DD200", f"cannot read {name}: {not_a_word_file(name)}", Location(document=name)))
            continue
        if not any(str(getattr(text, "shown", text)).strip() for text in texts):
            findings.append(error("DD200", f"{name} was not checked: it holds no text to read (a scan without a text "
                                  "layer, or an empty file); run text recognition (OCR) on a scan, or lint the Word "
                                  "file it came from", Location(document=name)))
            continue
        outline = parse(name, list(texts))
        findings += check_outline(outline, borrowed=True)
        if also is not None:
            findings += also(outline)
    return findings
