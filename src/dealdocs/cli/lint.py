"""`dealdocs lint`: the document checks on any Word file, including ones dealdocs did not make."""

from __future__ import annotations

import json

import click

from dealdocs.cli.common import EXIT_CLEAN, EXIT_PROBLEMS, FORMAT_OPTION, counts, json_findings, print_findings, require_files, summary, user_errors


@click.command()
@click.argument("documents", nargs=-1, required=True, metavar="FILE.docx...")
@click.option("--set", "as_set", is_flag=True,
              help="Read the files as one closing set: each alone, then against each other (DD4xx).")
@FORMAT_OPTION
@user_errors
def lint(documents: tuple[str, ...], as_set: bool, output_format: str) -> int:
    """Check the text of any Word files, including ones dealdocs did not make.

    Words against figures, unrendered template text, defined terms,
    cross-references, enumerations, doubled words, statute years. With
    --set, also the documents against each other: parties, amounts, dates,
    borrowed terms, forms attached as exhibits.
    """
    paths = require_files(documents, "Word file")
    if as_set:
        from dealdocs.checks.closing_set import lint_set

        findings = lint_set(paths)
    else:
        from dealdocs.checks.text import lint_files

        findings = lint_files(paths)
    if output_format == "json":
        errors, warnings = counts(findings)
        click.echo(json.dumps({"errors": errors, "warnings": warnings, "findings": json_findings(findings)}, indent=2))
    else:
        print_findings(findings)
        click.echo(summary(", ".join(documents), findings))
    return EXIT_PROBLEMS if any(f.is_error for f in findings) else EXIT_CLEAN
