"""`dealdocs confirm-wire`: record that a deal's wire instructions were confirmed, by whom and when."""

from __future__ import annotations

import shlex
import sys
from pathlib import Path

import click
from click.core import ParameterSource

from dealdocs.cli.common import EXIT_CLEAN, OUTPUT_DIR_OPTION, chosen, echo_err, require_files, term_sheets_of, user_errors


def _one_line(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """A name or note for the build record: one line, with no control or bidirectional characters, which would make
    the record read otherwise than it was written."""
    from dealdocs.termsheet.loader import unwritable
    from dealdocs.termsheet.values import MAX_TEXT, one_line_problem

    if value is None:
        return value
    bad = unwritable(value)
    problem = f"the text holds {bad}" if bad else one_line_problem(value)
    if problem:  # the rules of a term sheet's text: the joiners and marks other scripts need pass
        raise click.BadParameter(problem)
    if len(value) > MAX_TEXT:  # as a term sheet's text is bounded (a hostile sweep: --by of 100,000 characters)
        raise click.BadParameter(f"{len(value):,} characters: write at most {MAX_TEXT:,}")
    if param is not None and param.name == "by" and not value.strip():  # a hostile sweep: "confirmed by : " on the
        raise click.BadParameter("give the name of who confirmed them")  # checklist, from --by "   "
    return value.strip()


def _answer(value: str) -> str:
    """The prompt's answer, by --note's rules; click asks again when it is not one line of text."""
    try:
        return _one_line(click.get_current_context(), None, value) or ""  # type: ignore[arg-type]
    except click.BadParameter as exc:
        raise click.UsageError(exc.message) from None


@click.command("confirm-wire")
@click.argument("term_sheet", metavar="DEAL.yaml")
@OUTPUT_DIR_OPTION
@click.option("--by", "by", metavar="NAME", callback=_one_line, help="Who confirmed them, as the closing checklist names them [default: no one named there; your login "
                   "name is kept in the build record only].")
@click.option("--note", default="", metavar="TEXT", callback=_one_line,
              help="How: whom you called, on which number you already had.")
@user_errors
def confirm_wire(term_sheet: str, output_dir: str, by: str | None, note: str) -> int:
    """Record that DEAL.yaml's wire instructions were confirmed by telephone.

    Changed wire details are the classic closing fraud. Confirm the details
    the term sheet states with a known contact at the escrow agent, on a number
    you already had (never one given with the change), then run this: it
    records those details, who confirmed them and when, in the deal's build
    record (OUTDIR/<deal>/manifest.json). Until then a build warns (DD151),
    and when the details differ from those last confirmed it stops (DD150).
    """
    from dealdocs.errors import FindingsError, UsageError
    from dealdocs.outputs.record import built_elsewhere, term_sheet_entry
    from dealdocs.termsheet.starter import starter_account
    from dealdocs.outputs.write import confirm_wire as record_confirmation
    from dealdocs.pipeline import Builder
    from dealdocs.closing.wire import WIRE_LABELS, WireConfirmation, wire_details

    [path] = term_sheets_of(require_files([term_sheet], "term sheet"))  # a ledger: its deal
    result = Builder().load(path)
    if result.deal is None or result.source is None or not result.ok:
        raise FindingsError(f"{result.display} has errors: fix them (dealdocs check) before confirming its wire instructions",
                            result.findings)
    details = wire_details(result.deal)
    if details is None:
        raise UsageError(f"{result.display} has no wire instructions (no escrow:) to confirm")
    if starter_account(details.get("aba_routing_number", ""), details.get("account_number", "")):
        raise UsageError(f"{result.display} still gives the starter's example wire details (account "
                         f"{details['account_number']} at {details.get('bank', 'its bank')}), which no one can have "
                         "confirmed: put the escrow agent's own wire details in the term sheet, confirm them by "
                         "telephone, then record it")
    folder = Path(output_dir)
    if not chosen("output_dir"):  # a new user's trial: run from deals/, the deal built above (a folder given with
        # -o is the one the user means)
        built = built_elsewhere(path, result.deal_id, folder)
        if built is not None:
            raise UsageError(f"the deal is built in {built}, not in {folder}: run this with -o {shlex.quote(str(built))} to record "
                             "the confirmation with that build")
    given = click.get_current_context().get_parameter_source("note") is not ParameterSource.DEFAULT
    if not given and sys.stdin.isatty() and sys.stdout.isatty():  # a new user's trial: "recorded by root; no note
        # of whom they called" on the checklist that goes round; asked where someone can answer, again until the
        # answer is one line of text (a code review: a control character in it was 'internal error')
        try:
            note = click.prompt("Whom did you call, and on which number you already had? (Enter to leave it "
                                "unrecorded)", default="", show_default=False, value_proc=_answer)
        except click.Abort:  # Ctrl-D or Ctrl-C at the question (a hostile sweep: 'internal error')
            raise UsageError("no answer given: nothing recorded (give --note to record without being asked)") from None
    if not note:  # a second new user's trial: recorded "by root", no word of what the checklist would then say
        echo_err("note: no --note of whom you called and on which number: the checklist will say so")
    if by is None:  # a partner's read: the login name ("root") printed on the checklist that goes round
        echo_err("note: no --by: the checklist will not name who confirmed them (your login name stays in the build record)")
    if by is None and not note:  # a new user's trial (session 62): recorded, and the call-back outstanding for ever
        echo_err("note: with neither, the closing checklist's telephone confirmation stays outstanding: run this "
                 "again with --by NAME (who called) or --note WHAT (whom, on which number) to record it done")
    confirmation = WireConfirmation.made_now(details, by, note)
    record = record_confirmation(folder, result.deal_id, confirmation,
                                 term_sheet_entry(result.display, path, result.source.raw))
    click.echo(f"recorded in {record}: the wire instructions of {result.display}, {confirmation.line()}:")
    for name, label in WIRE_LABELS.items():
        if name in details:  # a SWIFT/BIC code only when the term sheet gives one
            click.echo(f"  {label}: {details[name]}")
    return EXIT_CLEAN
