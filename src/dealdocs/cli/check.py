"""`dealdocs check`: every check on term sheets and the documents they would produce; writes nothing."""

from __future__ import annotations

import json
import os

import click

from dealdocs.cli.common import (
    EXIT_CLEAN,
    EXIT_PROBLEMS,
    FORMAT_OPTION,
    OUTPUT_DIR_OPTION,
    TEMPLATES_DIR_OPTION,
    accepted_short,
    chosen,
    ended_short,
    funds_line,
    print_findings,
    result_json,
    some_files,
    summary,
    term_sheets_of,
    unusable_json,
    user_errors,
)


@click.command()
@click.argument("term_sheets", nargs=-1, required=True, metavar="DEAL.yaml...")
@TEMPLATES_DIR_OPTION
@OUTPUT_DIR_OPTION
@FORMAT_OPTION
@user_errors
def check(term_sheets: tuple[str, ...], templates_dir: str | None, output_dir: str, output_format: str) -> int:
    """Check term sheets and the documents they would produce; write nothing.

    Runs every check a build runs, signature pages included, and reports every
    problem at once, each with its file, line, key and a code (DD0xx reading
    the file, DD1xx the deal's facts, DD2xx the documents' text, DD3xx the
    templates, DD5xx the closing ledger DEAL.closing.yaml beside it, when there
    is one; a ledger given here stands for its term sheet). With --templates,
    checks with the firm's templates, as `dealdocs build --templates` would build.
    Once the deal has been built into OUTDIR, its wire instructions are checked
    against those last confirmed there, as a build checks them (DD150, DD151).
    """
    from pathlib import Path

    from dealdocs.pipeline import Builder

    given, unusable = some_files(term_sheets, "term sheet")
    paths = term_sheets_of(given)
    builder = Builder(templates_dir=Path(templates_dir) if templates_dir else None, render_jobs=os.cpu_count() or 1,
                      output_dir=Path(output_dir), output_chosen=chosen("output_dir"))
    results = [builder.check(path, with_files=False) for path in paths]
    for result in results:
        if result.ok:
            builder.check_wire(result)
            builder.check_executed(result)
            builder.check_edited(result)
    if output_format == "json":
        click.echo(json.dumps({"results": [result_json(r) for r in results], **unusable_json(unusable)}, indent=2))
    else:
        for result in results:
            print_findings(result.findings)
            if result.deal is not None:
                click.echo(f"{result.display}: funds: {funds_line(result.deal, accepted_short(result))}")
            click.echo(summary(result.display, result.findings, result.waiting, result.starter))
    return ended_short(unusable, len(results), "checked", EXIT_CLEAN if all(r.ok for r in results) else EXIT_PROBLEMS)
