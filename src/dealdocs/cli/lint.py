"""`dealdocs lint`: the document checks on any Word file, including ones dealdocs did not make."""

from __future__ import annotations

import json

import click

from dealdocs.cli.common import (
    EXIT_CLEAN,
    EXIT_PROBLEMS,
    EXIT_USAGE,
    counts,
    ended_short,
    json_findings,
    print_findings,
    some_files,
    summary,
    unusable_json,
    user_errors,
)


@click.command()
@click.argument("documents", nargs=-1, required=True, metavar="FILE...")
@click.option("--set", "as_set", is_flag=True,
              help="Read the files as one closing set: each alone, then against each other (DD4xx).")
@click.option("--format", "output_format", type=click.Choice(["text", "json", "sarif"]), default="text",
              show_default=True, help="json for scripts; sarif (SARIF 2.1.0) for code-scanning in CI.")
@user_errors
def lint(documents: tuple[str, ...], as_set: bool, output_format: str) -> int:
    """Check the text of any agreements, including ones dealdocs did not make.

    Words against figures, unrendered template text, defined terms,
    cross-references, enumerations, doubled words, statute years. With
    --set, also the documents against each other: parties, amounts, dates,
    borrowed terms, forms attached as exhibits.

    Reads Word files (.docx, with Word's own numbering, headers, footers and
    notes), plain text (.txt, a paragraph a line, or a block when it is
    wrapped at a fixed width, as EDGAR filings are), Markdown (.md, a
    paragraph a block) and PDF (.pdf, through pdftotext when it is installed).

    \b
    Configuration: .dealdocs.toml in this folder or a parent, e.g.
      [lint]
      disable = ["DD205"]
      severity = { DD208 = "error" }
    A Word comment starting "dealdocs: ignore DD203" silences DD203 on the
    paragraphs it is anchored on.
    """
    from dealdocs.catalog import codes
    from dealdocs.checks.policy import comment_ignores, load_policy

    policy = load_policy(codes)
    paths, unusable = some_files(documents, "file")
    if as_set:
        from dealdocs.checks.closing_set import lint_set

        found = lint_set(paths)
    else:
        from dealdocs.checks.closing_set import lint_each

        found = lint_each(paths)
    findings = policy.apply(found, comment_ignores(paths))
    if output_format == "sarif":
        from dealdocs.cli.sarif import not_run, sarif_log

        log = sarif_log(findings, [str(p) for p in paths])
        if unusable:
            log["runs"][0]["invocations"] = [not_run(unusable, EXIT_USAGE)]
        click.echo(json.dumps(log, indent=2))
    elif output_format == "json":
        errors, warnings = counts(findings)
        click.echo(json.dumps({"errors": errors, "warnings": warnings, "findings": json_findings(findings),
                               **unusable_json(unusable)}, indent=2))
    else:
        print_findings(findings)
        click.echo(summary(", ".join(map(str, paths)), findings))
    return ended_short(unusable, len(paths), "linted", EXIT_PROBLEMS if any(f.is_error for f in findings) else EXIT_CLEAN)
