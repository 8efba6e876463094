"""`dealdocs status`: what the closing still waits for, from the term sheet and its closing ledger."""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from dealdocs.cli.common import (
    EXIT_CLEAN,
    EXIT_PROBLEMS,
    FORMAT_OPTION,
    OUTPUT_DIR_OPTION,
    chosen,
    json_findings,
    print_findings,
    require_files,
    term_sheets_of,
    user_errors,
)

if TYPE_CHECKING:
    from dealdocs.closing.status import ClosingStatus
    from dealdocs.findings import Finding


@click.command()
@click.argument("term_sheet", metavar="DEAL.yaml")
@OUTPUT_DIR_OPTION
@FORMAT_OPTION
@user_errors
def status(term_sheet: str, output_dir: str, output_format: str) -> int:
    """Say what the closing still waits for: signatures, funds and deliverables.

    Reads the term sheet and its closing ledger, DEAL.closing.yaml beside it
    (no ledger yet: everything is outstanding but the telephone confirmation of the wire, done once confirm-wire
    has recorded who called, --by, or whom, --note), and lists the pages not yet
    signed (by signer), the funds not yet received (by purchaser) and the
    deliverables not yet done (with who is responsible and when each is due).
    Exits 1 while anything is outstanding or the ledger has an error, 0 when
    all is in. A page the ledger records signed on a version of its document
    other than the one built from the term sheet as it is now (the last build's,
    in -o, or the documents made now) counts as outstanding. Changed wire
    instructions are an error here as in check and build (DD150).
    """
    from dealdocs.closing.ledger import ledger_shown, superseded_findings
    from dealdocs.closing.status import closing_status
    from dealdocs.closing.wire import wire_details
    from dealdocs.findings import sort_findings
    from dealdocs.outputs.record import read_deal_record
    from dealdocs.pipeline import Builder

    [path] = term_sheets_of(require_files([term_sheet], "term sheet"))
    builder = Builder(output_dir=Path(output_dir), output_chosen=chosen("output_dir"))
    result = builder.load(path)
    if result.ok:
        builder.load_ledger(result)
    ledger_ok = result.ok
    if result.deal is not None:  # a new user's trial: the wire changed by a digit, and status listed the call-back as
        # any other; said whatever the ledger's errors (a second trial: a ledger's typo hid a changed wire)
        builder.check_wire(result)
        builder.check_executed(result)
        builder.check_edited(result)
    shown = [f for f in result.findings if f.is_error or f.code.startswith("DD5") or f.code == "DD177"]  # the
    # deal's warnings are check's; the ledger's and a built file edited by hand, the closing's
    shown_as = ledger_shown(result.display)
    ledger = result.ledger or result.ledger_in_part  # a ledger with problems: what its other entries record
    if result.deal is None or (not result.ok and ledger is None):
        _report_problems(result.display, shown_as, shown, output_format)
        return EXIT_PROBLEMS
    record = read_deal_record(builder.options.output_dir, result.deal_id)
    known = len(result.findings)
    # compared whatever else is wrong (a changed wire, a ledger's typo: a second new user's trial)
    digests = builder.built_versions(result, record) if ledger is not None and ledger.versions else None
    shown += [f for f in result.findings[known:] if f.is_error]  # why the documents could not be made (a code review)
    if ledger is not None and digests is not None:
        shown = sort_findings(shown + superseded_findings(ledger, digests))
    state = closing_status(result.deal, ledger, record.wire_confirmed if record else None, digests,
                           wire_changed=any(f.code == "DD150" for f in result.findings))
    today = builder.today()
    uncompared = _versions_not_compared(ledger, digests)
    if output_format == "json":
        data = _json(result.display, state, shown, today)
        data["build_found"] = record is not None  # the last build's record in the output folder (the wire's confirmation)
        if uncompared:  # as the exit status says: not "all in" (a code review: complete was true, exit 1)
            data["complete"] = False
        click.echo(json.dumps({**data, "versions_not_compared": uncompared}, indent=2))
    else:
        print_findings(shown)
        _print(result.display, shown_as, state, today, ledger_ok, uncompared)
        if record is None and chosen("output_dir") and wire_details(result.deal) is not None:  # a new user's trial:
            # -o mistyped, the call-back outstanding (a code review: not of a deal without a wire)
            click.echo(f"\nNote: no build of {result.deal_id} in {output_dir}: what a build records there (the wire "
                       "instructions' telephone confirmation) is taken as not done; give -o the folder it was built in")
    return EXIT_CLEAN if state.complete and result.ok and not uncompared else EXIT_PROBLEMS


def _report_problems(display: str, ledger: str, findings: list[Finding], output_format: str) -> None:
    if output_format == "json":  # the ledger's path when there is one (a new user's trial: named, and none there)
        there = ledger if os.path.lexists(ledger) else None
        click.echo(json.dumps({"term_sheet": display, "ledger": there, "ok": False, "complete": False,
                               "findings": json_findings(findings)}, indent=2))
        return
    print_findings(findings)
    click.echo(f"{display}: the closing status cannot be read until these are fixed")


def _versions_not_compared(ledger: Any, digests: dict[str, str] | None) -> str | None:
    """Why the versions the ledger records signatures on are not compared with the documents (None when they are, or
    none is recorded): they are, with the last build's (in the output folder) when it is of the term sheet as it is, else
    with the documents made now, unless those cannot be made (a new user's trial, in a fresh clone without output/,
    read "all signatures in" of pages signed on a version since changed)."""
    if ledger is None or not ledger.versions or digests is not None:
        return None
    return ("the documents cannot be built from the term sheet and the closing ledger as they are (the problems above), "
            "so the versions the ledger records pages signed on are not compared with them")


def _print(display: str, ledger: str, state: ClosingStatus, today: date, ok: bool = True,
           uncompared: str | None = None) -> None:
    from dealdocs.words import amount_figures, long_date

    if state.ledger is None:
        click.echo(f"{display}: no closing ledger yet ({ledger}): {state.without_ledger()}")
    else:
        click.echo(f"{display}: closing ledger {state.ledger}" + ("" if ok else " (its entries with the problems "
                                                                    "above are not counted until they are fixed)"))
    unsigned = state.unsigned
    click.echo(f"\nSignatures outstanding: {len(unsigned)} of {len(state.signatures)}")
    if uncompared:
        click.echo(f"  Note: {uncompared}.")
    by_signer: dict[str, list[str]] = {}
    for item in unsigned:
        changed = f" ({item.signed_on}, changed since)" if item.superseded else ""
        by_signer.setdefault(item.signature.signer_for, []).append(item.signature.document + changed)
    for signer, documents in by_signer.items():
        click.echo(f"  {signer}: {', '.join(documents)}")
    missing = state.funds_outstanding
    click.echo(f"\nFunds not received: {len(missing)} of {len(state.funds)}"
               + (f" ({amount_figures(state.owed)} of {amount_figures(state.subscribed)})" if missing else ""))
    for funds in missing:
        click.echo(f"  {funds.purchaser}: {amount_figures(funds.amount)}" + (f" ({funds.in_part})" if funds.in_part else ""))
    waiting = state.deliverables_outstanding
    click.echo(f"\nDeliverables not done: {len(waiting)} of {len(state.deliverables)}")
    for item in waiting:
        deliverable = item.deliverable
        due = long_date(deliverable.due.day) if deliverable.due.day else "no date in the term sheet"
        flags = (" (if needed)" if deliverable.if_needed else "") + ("" if deliverable.due.verified else " [due date unverified]")
        late = " (overdue)" if deliverable.due.past(today) else ""
        click.echo(f"  {deliverable.name}{flags}: due {due}{late}; {deliverable.responsible}")
    late = state.done_late
    if late:  # the call-back after the funds moved, and "all ... are in"
        click.echo(f"\nDone after they were due: {len(late)}")
    for item in late:
        received = state.received_by(item)
        click.echo(f"  {item.deliverable.name}: done {long_date(item.done_on)}, after it was due "
                   f"({long_date(item.deliverable.due.day)})" + (
                       "; funds received in full by then: "
                       + ", ".join(f"{f.purchaser} ({long_date(f.received)})" for f in received)
                       + ": confirm each was wired to the details confirmed" if received else ""))
    click.echo("")
    after = f" ({', '.join(item.deliverable.name for item in late)} after it was due: above)" if late else ""
    if state.complete and uncompared:
        click.echo(f"{display}: all signatures, funds and deliverables are in as the ledger records them{after}, but "
                   "the versions pages were signed on were not compared with the documents (see the note above)")
    elif state.complete:
        click.echo(f"{display}: all signatures, funds and deliverables are in{after}")
    else:
        click.echo(f"{display}: outstanding: {len(unsigned)} signature(s), {len(missing)} payment(s), "
                   f"{len(waiting)} deliverable(s)")


def _json(display: str, state: ClosingStatus, findings: list[Finding], today: date) -> dict[str, Any]:
    from dealdocs.words import amount_figures

    return {
        "term_sheet": display,
        "ledger": state.ledger,
        "ok": not any(f.is_error for f in findings),
        "complete": state.complete,
        "findings": json_findings(findings),
        "outstanding": {"signatures": len(state.unsigned), "funds": len(state.funds_outstanding),
                        "deliverables": len(state.deliverables_outstanding)},
        "signatures": [{"document": s.signature.document, "signer": s.signature.signer, "party": s.signature.party,
                        "role": s.signature.role, "status": "signed" if s.signed else "outstanding",
                        "signed_on_version": s.superseded, "returned": s.returned.isoformat() if s.returned else None}
                       for s in state.signatures],
        "funds": [{"purchaser": f.purchaser, "amount": amount_figures(f.amount),
                   "status": "received" if f.received else "outstanding",
                   "received": f.received.isoformat() if f.received else None,
                   "received_so_far": amount_figures(f.so_far) if f.so_far is not None else None,
                   "short_accepted": ({"amount": amount_figures(f.short), "reason": f.reason} if f.short else None)}
                  for f in state.funds],
        "deliverables": [{"name": d.deliverable.name, "title": d.deliverable.title, "group": d.deliverable.group,
                          "responsible": d.deliverable.responsible,
                          "due": d.deliverable.due.day.isoformat() if d.deliverable.due.day else None,
                          "due_basis": d.deliverable.due.text, "due_verified": d.deliverable.due.verified,
                          "if_needed": d.deliverable.if_needed is not None,
                          "status": "done" if d.done else "not needed" if d.not_needed is not None else "outstanding",
                          "overdue": not d.done and d.not_needed is None and d.deliverable.due.past(today),
                          "done_on": d.done_on.isoformat() if d.done_on else None, "late": d.late,
                          "reason": d.not_needed}
                         for d in state.deliverables],
    }
