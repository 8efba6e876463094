"""`dealdocs text`: a Word file's text, one paragraph a line (also a git textconv driver)."""

from __future__ import annotations

import click

from dealdocs.errors import UsageError, UserMessageError
from dealdocs.cli.common import EXIT_CLEAN, echo_out, require_files, user_errors


@click.command()
@click.argument("document", metavar="FILE.docx")
@user_errors
def text(document: str) -> int:
    """Print a Word file's text as Word shows it, one paragraph a line.

    A paragraph Word numbers is printed "number<TAB>text" ("Section 2.1\tFees.").
    The headers, footers and notes follow the body, each line marked
    ("[footer] Page 1"). Tracked changes (a redline's) are marked as a word
    diff marks them: deleted "[-88-]", inserted "{+90+}".

    \b
    Use it as a git textconv driver for readable diffs of Word files:
      git config diff.docx.textconv "dealdocs text"
      echo "*.docx diff=docx" >> .gitattributes
    """
    from dealdocs.ooxml.limits import PackageRefused
    from dealdocs.ooxml.text import document_text

    if document.lower().endswith((".yaml", ".yml")):  # a new user's try: a usage error, not a problem found
        raise UsageError(f"{document} is a term sheet, not a Word file: dealdocs text reads Word (.docx) files; "
                         f"build the term sheet's documents first (dealdocs build {document}), then read one of them")
    path = require_files([document], "Word file")[0]
    suffix = path.suffix.lower()
    if suffix in (".txt", ".md"):  # a new user's trial: told to save a text file from Word
        raise UsageError(f"cannot read {document}: it is a {suffix} file, plain text already; dealdocs text gives the "
                         "text of Word (.docx) files")
    if suffix != ".docx":  # a wrong kind of file is a usage error, as a term sheet is (a new user's trial: a .pdf
        from dealdocs.checks.text import not_a_word_file  # exited 1, a .yaml 2)

        raise UsageError(f"cannot read {document}: {not_a_word_file(document, reads='dealdocs text reads Word files only')}")
    try:
        text = document_text(path)
    except PackageRefused as exc:
        raise UserMessageError(f"{document} was not read: {exc}") from None
    except OSError as exc:  # the file system's answer, not the file's
        from dealdocs.errors import os_error_words

        raise UserMessageError(f"cannot read {document}: {os_error_words(exc)}") from None
    except Exception:  # not a Word file
        from dealdocs.checks.text import not_a_word_file

        raise UserMessageError(f"cannot read {document}: {not_a_word_file(document, reads='dealdocs text reads Word files only')}") from None
    echo_out(text)
    return EXIT_CLEAN
