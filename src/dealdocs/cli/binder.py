"""`dealdocs binder`: the executed documents and the closing binder, from the signed packets."""

from __future__ import annotations

import shlex
from pathlib import Path

import click

from dealdocs.cli.common import (
    EXIT_CLEAN,
    EXIT_PROBLEMS,
    OUTPUT_FOLDER,
    chosen,
    counts,
    print_findings,
    problem_words,
    require_files,
    term_sheets_of,
    user_errors,
)


@click.command()
@click.argument("term_sheet", metavar="DEAL.yaml")
@click.option("--signed", "signed_dir", required=True, metavar="DIR",
              type=click.Path(exists=True, file_okay=False),
              help="The folder of signed packets (PDFs), named as the build names them: priya-raman.pdf, "
                   "at-release/priya-raman.pdf.")
@click.option("-o", "--output", "output_dir", default="output", show_default=True, type=OUTPUT_FOLDER,
              help="The output folder the deal was built into with --pdf.")
@click.option("--binder", "binder_file", metavar="FILE", type=click.Path(dir_okay=False),
              help="Where to write the closing binder (default OUTDIR/<deal>/closing-binder.pdf).")
@click.option("--force", is_flag=True, help="Replace executed documents edited by hand, moving each to executed/edited/.")
@user_errors
def binder(term_sheet: str, signed_dir: str, output_dir: str, binder_file: str | None, force: bool) -> int:
    """Put the signed pages in place and write the executed documents and the closing binder.

    Reads the deal as built with --pdf (OUTDIR/<deal>/) and the signed packets
    in DIR; in each document, each signature page is replaced by the page its
    signer signed (found by its e-signature anchor and its caption, or, for a
    scan without text, by its place in the packet). Writes
    OUTDIR/<deal>/executed/<document>.pdf and the closing binder: an index,
    then each executed document, a bookmark for each. A signature page no one
    has returned signed is an error naming the signer and the document, and
    nothing is written. Needs LibreOffice (the index page).
    """
    from dealdocs import __version__
    from dealdocs.outputs.binder import assemble, write_binder
    from dealdocs.outputs.folder import deal_folder
    from dealdocs.errors import UsageError
    from dealdocs.outputs.record import built_elsewhere, sha256
    from dealdocs.outputs.record import BuildRecord, term_sheet_entry
    from dealdocs.pipeline import Builder

    [path] = term_sheets_of(require_files([term_sheet], "term sheet"))  # a ledger: its deal
    if binder_file is not None:
        _binder_file_usable(Path(binder_file))
    result = Builder().load(path)
    if not result.ok or result.deal is None or result.source is None:
        print_findings(result.findings)
        click.echo(f"{result.display}: the binder cannot be made until these are fixed")
        return EXIT_PROBLEMS
    digest = sha256(result.source.raw)
    if not chosen("output_dir"):  # a second new user's trial: from deals/, "build it with --pdf first" of a deal built
        # from the repository's top (following it would have made a second output folder)
        built = built_elsewhere(path, result.deal_id, Path(output_dir))
        if built is not None:
            raise UsageError(f"the deal is built in {built}, not in {output_dir}: run this with -o "
                             f"{shlex.quote(str(built))}")
    folder = deal_folder(Path(output_dir), result.deal_id)
    made = assemble(result.deal, folder, Path(signed_dir), term_sheet_sha256=digest)
    print_findings(made.findings)
    if any(f.is_error for f in made.findings):
        click.echo(f"{result.display}: {problem_words(*counts(made.findings))}: nothing written")
        return EXIT_PROBLEMS
    record = BuildRecord(__version__, term_sheet_entry(result.display, path, result.source.raw, signed=signed_dir), {})
    for written in write_binder(Path(output_dir), result.deal_id, made, record,
                                binder_file=Path(binder_file) if binder_file else None, force=force):
        click.echo(f"wrote {written}")
    return EXIT_CLEAN


def _binder_file_usable(path: Path) -> None:
    """A usage error, before any work, for a --binder that no binder can be written to: a name without .pdf (a new
    user's trial wrote a PDF named 'binder-out'), or in a folder that does not exist (which stopped the binder after
    the executed documents were written, exit 1)."""
    from dealdocs.errors import UsageError

    if path.suffix.lower() != ".pdf":
        raise UsageError(f"--binder {path}: the closing binder is a PDF: give a file name ending in .pdf")
    if not path.parent.is_dir():
        raise UsageError(f"--binder {path}: there is no folder {path.parent}: create it first, or give the binder "
                         "a file name in a folder that exists")
