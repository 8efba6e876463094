"""`dealdocs redline`: a deal's documents against an earlier version of its term sheet, as tracked changes."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from dealdocs.cli.common import EXIT_CLEAN, EXIT_PROBLEMS, FORMAT_OPTION, OUTPUT_FOLDER, echo_err, require_files, term_sheets_of, user_errors

if TYPE_CHECKING:
    from dealdocs.outputs.redline import RedlineReport


@click.command()
@click.argument("term_sheet", metavar="DEAL.yaml")
@click.option("--against", required=True, metavar="REV_OR_FILE",
              help="An earlier term sheet file, or a git revision of DEAL.yaml (HEAD, HEAD~2, a tag, a commit).")
@click.option("-o", "--output", "output_dir", default="output", show_default=True, type=OUTPUT_FOLDER,
              help="Folder to write into; the redlines go to OUTDIR/<deal>/redline/.")
@click.option("--templates", "templates_dir", type=click.Path(file_okay=False, exists=True),
              help="A firm's template folder, used for both versions.")
@click.option("--force", is_flag=True, help="Replace redlines edited by hand, moving each to redline/edited/ first.")
@click.option("--each", is_flag=True,
              help="A redline of every changed document, even of those changed word for word alike (every "
                   "purchaser's note when a deal-wide term changed), which are otherwise redlined once.")
@FORMAT_OPTION
@user_errors
def redline(term_sheet: str, against: str, output_dir: str, templates_dir: str | None, force: bool, each: bool,
            output_format: str) -> int:
    """Redline a deal's documents against an earlier version of its term sheet.

    Writes OUTDIR/<deal>/redline/: <document>-redline.docx, with Word tracked
    changes, for each document that changed (none for the others), and
    changes.md, the term sheet fields that changed and the documents each one
    touches. Documents of one template changed word for word alike (each
    purchaser's note, when the interest rate changed) are redlined once, by the
    first of them, and changes.md names the others; --each redlines every one. A change to the wire instructions is a
    SECURITY WARNING, and the command then exits 1 (as check and build do) once the redlines are written, until
    the new details are confirmed (dealdocs confirm-wire). The current version
    must pass the checks dealdocs check runs, but of the purchasers' notes it
    checks those of purchasers whose details changed, those a check kept, and
    the first of each pattern (notes alike but for their purchasers' details):
    it says how many it did not. Both versions use the same (current) templates; the closing ledger is not read. Files of yours in redline/ are
    kept; a redline edited by hand stops it unless --force; two versions that build the same documents write
    nothing (the previous redlines stay). An existing file wins over a
    git revision of the same name.

    \b
      dealdocs redline deals/acme.yaml --against HEAD            uncommitted edits
      dealdocs redline deals/acme.yaml --against sent-to-buyers  since a tag
      dealdocs redline deals/acme.yaml --against acme-draft.yaml

    Needs python-redlines: pip install 'dealdocs[redline]'.
    """
    from dealdocs.outputs.redline import write_redline
    from dealdocs.versions import compare_versions

    [path] = term_sheets_of(require_files([term_sheet], "term sheet"))  # a ledger: its deal
    if Path(against).suffix.lower() in (".docx", ".doc", ".pdf"):  # a new user's trial: the document as sent
        from dealdocs.errors import UsageError

        raise UsageError(f"--against {against}: it is a {Path(against).suffix.lower()[1:].upper()} document, and "
                         "--against takes an earlier version of the term sheet (a .yaml file, or a git revision such "
                         "as HEAD or a tag): a redline shows what a change of the term sheet does to the documents it "
                         "builds. To compare a document as sent, hand edits and all, with the one built now, use "
                         "Word's Compare Documents (Review > Compare)")
    report = compare_versions(path, against, templates_dir=Path(templates_dir) if templates_dir else None, each=each,
                              jobs=os.cpu_count() or 1)
    written, removed = write_redline(Path(output_dir), report, force=force)
    if output_format == "json":
        click.echo(json.dumps({**report.as_dict(), "written": [str(p) for p in written], "removed": removed}, indent=2))
        if report.wire_changes:
            echo_err("SECURITY WARNING: THE WIRE INSTRUCTIONS CHANGED: " + "; ".join(c.line for c in report.wire_changes))
    else:
        for line in report.markdown().splitlines():
            warning_line = line.startswith(">") and sys.stdout.isatty()
            click.echo(click.style(line, fg="red", bold=True) if warning_line else line)
        for written_path in written:
            click.echo(f"wrote {written_path}")
        for name in removed:
            click.echo(f"removed {name}: the previous redline's, which this one does not make")
        if report.documents_unchanged:
            click.echo("nothing written: the two versions build the same documents (any earlier redline in "
                       f"{Path(output_dir) / report.deal_id / 'redline'} is left as it was)")
    return EXIT_PROBLEMS if report.wire_changes and not _confirmed(Path(output_dir), report) else EXIT_CLEAN


def _confirmed(output_dir: Path, report: RedlineReport) -> bool:
    """Whether the wire details now are those last confirmed for the deal (`dealdocs confirm-wire`, recorded with
    its build in OUTDIR): a changed wire once confirmed is no longer a problem, as it is not for check and build."""
    from dealdocs.closing.wire import wire_changes
    from dealdocs.outputs.record import read_deal_record

    record = read_deal_record(output_dir, report.deal_id)
    confirmed = record.wire_confirmed if record else None
    return confirmed is not None and report.wire_now is not None and not wire_changes(confirmed.details, report.wire_now)
