"""`dealdocs build`: check term sheets, then write their documents, packets and checklist."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from dealdocs.cli.common import (
    EXIT_CLEAN,
    EXIT_PROBLEMS,
    FORMAT_OPTION,
    OUTPUT_FOLDER,
    TEMPLATES_DIR_OPTION,
    chosen,
    echo_err,
    ended_short,
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
@click.option("-o", "--output", "output_dir", default="output", show_default=True, type=OUTPUT_FOLDER,
              help="Folder to write into; each deal gets OUTDIR/<term sheet name>/.")
@TEMPLATES_DIR_OPTION
@click.option("--force", is_flag=True, help="Rebuild even over hand-edited files, moving each to <deal>/edited/ first.")
@click.option("--pdf", is_flag=True, help="Also write a PDF of each document, signature packet and the checklist (needs LibreOffice).")
@click.option("--wire-confirmed", is_flag=True,
              help="You have confirmed the wire instructions by telephone with a known contact: record it, with "
                   "the time (your login name in the build record only: the checklist names no one; dealdocs "
                   "confirm-wire --by NAME --note TEXT records who called whom), and build.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Processes to use [default: the number of cores]: that many deals at once, or one deal's "
                   "documents rendered that many at once.")
@FORMAT_OPTION
@user_errors
def build(term_sheets: tuple[str, ...], output_dir: str, templates_dir: str | None, force: bool, pdf: bool,
          wire_confirmed: bool, jobs: int | None, output_format: str) -> int:
    """Check term sheets, then write their Word documents.

    Writes OUTDIR/<deal>/ with the documents the deal calls for (escrow
    agreement, release notice, note purchase agreement, a promissory note for
    each purchaser, security agreement for secured notes), a signature packet
    for each signer, the closing checklist, signers.json and manifest.json,
    the build record. Nothing is written for a deal with errors;
    each deal is written all at once or not at all; files edited by hand since
    the last build stop the build unless --force is given; anything else of
    yours in OUTDIR/<deal>/ is kept as it is. Wire instructions that changed
    since they were last confirmed stop the build until they are confirmed
    (dealdocs confirm-wire, or --wire-confirmed).
    """
    from dealdocs.batch import build_all
    from dealdocs.pipeline import BuildOptions

    given, unusable = some_files(term_sheets, "term sheet")
    paths = term_sheets_of(given)
    options = BuildOptions(Path(output_dir), Path(templates_dir) if templates_dir else None, force, pdf,
                           wire_confirmed=wire_confirmed, output_chosen=chosen("output_dir"))
    show_progress = output_format == "text" and sys.stderr.isatty()
    outcomes = build_all(paths, options, jobs=jobs, progress=_progress_bar(len(paths)) if show_progress else None)
    if output_format == "json":
        results = [result_json(o, Path(output_dir).resolve() / o.deal_id) for o in outcomes]  # as written: `deal_folder`
        click.echo(json.dumps({"results": results, **unusable_json(unusable)}, indent=2))
    else:
        for outcome in outcomes:
            print_findings(outcome.findings)
            if outcome.message:
                echo_err(f"{outcome.display}: {outcome.message}")
            folder = Path(output_dir).resolve() / outcome.deal_id  # as written: `deal_folder`
            for moved in outcome.moved_aside:  # by its path, as the other lines (a code review)
                click.echo(f"kept your edited file as {folder / moved}")
            for written in outcome.made(folder):
                click.echo(f"wrote {written}")
            if outcome.written:
                for line in [*kept_lines(outcome.carried, folder), *removed_lines(outcome.removed, folder, pdf=pdf)]:
                    click.echo(line)
            if outcome.failed:
                click.echo(f"{outcome.display}: build stopped, nothing written")
            else:
                click.echo(summary(outcome.display, outcome.findings, outcome.waiting, outcome.starter)
                           + ("" if outcome.ok else ": nothing written"))
        failed = [o.display for o in outcomes if not o.ok]
        if len(outcomes) > 1:
            click.echo(f"{len(outcomes) - len(failed)} of {len(outcomes)} deals built" + (f"; failed: {', '.join(failed)}" if failed else ""))
    return ended_short(unusable, len(outcomes), "built as said above" if output_format == "text" else "built",
                       EXIT_CLEAN if all(o.ok for o in outcomes) else EXIT_PROBLEMS)


SHOWN_REMOVED = 20  # the removed PDFs named one by one; of more, the count of the rest


def kept_lines(carried: list[str], folder: Path) -> list[str]:
    """What a build without --pdf says of the earlier build's PDFs it kept, their Word files made again byte for byte:
    one or two by name, more in one line with their count and folder (a new user's trial: 27 lines of PDFs kept
    buried the one line of those removed). `--format json` lists them all ("kept")."""
    if len(carried) <= 2:
        return [f"kept {folder / name}: its Word file is as it was when the PDF was made" for name in carried]
    return [f"kept {len(carried):,} PDFs of the earlier build, in {folder}: their Word files are as they were when the "
            "PDFs were made"]


def removed_lines(removed: list[str], folder: Path, *, pdf: bool) -> list[str]:
    """What a build says of the earlier build's files it removed (a new user's trial: a build without --pdf took away
    the PDFs of the one before, the packets sent out among them, without a word; then said how many, naming none):
    one line for each file this build does not make; for the PDFs of changed Word files, which a build without --pdf
    removes, why they went, then each by its path (past `SHOWN_REMOVED`, how many more: `--format json` lists them
    all, "removed")."""
    pdfs = [] if pdf else [name for name in removed  # a dropped note's PDF goes with its Word file, said as it is
                           if name.endswith(".pdf") and name.removesuffix(".pdf") + ".docx" not in removed]
    lines = [f"removed {folder / name}: this build does not make it" for name in removed if name not in pdfs]  # by
    # its path, as the PDFs below are (a code review: names and paths side by side)
    if len(pdfs) == 1:
        lines.append(f"removed {folder / pdfs[0]}: its Word file changed, and this build was made without --pdf "
                     "(build with --pdf to make it again)")
    elif pdfs:
        lines.append(f"removed the earlier build's {len(pdfs):,} PDFs of Word files that changed, since this build was "
                     "made without --pdf (build with --pdf to make them again):")
        lines += [f"  {folder / name}" for name in pdfs[:SHOWN_REMOVED]]
        if len(pdfs) > SHOWN_REMOVED:
            lines.append(f"  and {len(pdfs) - SHOWN_REMOVED:,} more")
    return lines


def _progress_bar(total: int):
    """A rich progress bar on stderr, advanced once per finished deal, saying what the deal built here is at
    ("rendering 5,004 documents and checking each"): a deal of thousands of purchasers takes minutes."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    progress = Progress(SpinnerColumn(), TextColumn("building"), BarColumn(), MofNCompleteColumn(),
                        TextColumn("{task.description}"), TimeElapsedColumn(), console=Console(stderr=True),
                        transient=True)
    task = progress.add_task("", total=total)

    class Bar:
        def __enter__(self):
            progress.start()
            return self

        def advance(self) -> None:
            progress.update(task, advance=1, description="")

        def stage(self, what: str) -> None:  # shown at once, however soon the next stage comes (a test under load
            progress.update(task, description=what, refresh=True)  # saw "rendering ..." never drawn)

        def __exit__(self, *exc) -> None:
            progress.stop()

    return Bar()
