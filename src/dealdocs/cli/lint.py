"""`dealdocs lint`: the document checks on any Word file, including ones dealdocs did not make."""

from __future__ import annotations

import json

import click

from dealdocs.cli.common import EXIT_CLEAN, EXIT_PROBLEMS, FORMAT_OPTION, counts, json_findings, print_findings, require_files, summary, user_errors


@click.command()
@click.argument("documents", nargs=-1, required=True, metavar="FILE...")
@FORMAT_OPTION
@user_errors
def lint(documents: tuple[str, ...], output_format: str) -> int:
    """Check the text of any agreements, including ones dealdocs did not make.

    Words against figures, unrendered template text, defined terms,
    cross-references, enumerations, doubled words, statute years.
    Reads Word files (.docx, with Word's own numbering, headers, footers and
    notes), plain text (.txt, a paragraph a line), Markdown (.md, a paragraph
    a block) and PDF (.pdf, through pdftotext when it is installed).
    """
    from dealdocs.checks.text import lint_files

    paths = require_files(documents, "file")
    findings = lint_files(paths)
    if output_format == "json":
        errors, warnings = counts(findings)
        click.echo(json.dumps({"errors": errors, "warnings": warnings, "findings": json_findings(findings)}, indent=2))
    else:
        print_findings(findings)
        click.echo(summary(", ".join(documents), findings))
    return EXIT_PROBLEMS if any(f.is_error for f in findings) else EXIT_CLEAN
