"""What every command shares: exit codes, options, printing findings, and no traceback ever.

Library code never prints or exits; the commands call it and present what it
returns through these helpers. A `UserMessageError` is printed as it is, with
its exit code; anything else is a bug in dealdocs, reported in one plain line
(DEALDOCS_DEBUG=1 shows the traceback).
"""

from __future__ import annotations

import json
import os
import shlex
import sys
from collections.abc import Callable, Iterable
from decimal import Decimal
from functools import wraps
from pathlib import Path
from typing import Any

import click

from dealdocs.errors import FindingsError, UsageError, UserMessageError, os_error_words, what_is_at
from dealdocs.findings import Finding, Severity, sort_findings
from dealdocs.words import join_and

EXIT_CLEAN, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2

FORMAT_OPTION = click.option(
    "--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True,
    help="json prints machine-readable findings, for CI.",
)


def echo_out(text: str, piece: int = 1 << 16) -> None:
    """`text` and a line end on stdout, a piece at a time: one write of megabytes into a pipe closed early (`dealdocs
    text x | head -1`) was taken in part without an error, and the command ended 0, not 141 (a hostile sweep)."""
    for start in range(0, len(text), piece):
        sys.stdout.write(text[start : start + piece])
    sys.stdout.write("\n")


def echo_err(message: str) -> None:
    click.echo(message, err=True)


def style_finding(finding: Finding) -> str:
    text = str(finding)
    if not sys.stdout.isatty():
        return text
    colour = "red" if finding.severity is Severity.ERROR else "yellow"
    return click.style(text, fg=colour)


def counts(findings: Iterable[Finding]) -> tuple[int, int]:
    findings = list(findings)
    errors = sum(1 for f in findings if f.is_error)
    return errors, len(findings) - errors


def problem_words(errors: int, warnings: int) -> str:
    """'2 errors and 1 warning'; empty when there are none."""
    parts = []
    if errors:
        parts.append(f"{errors} error{'s' if errors != 1 else ''}")
    if warnings:
        parts.append(f"{warnings} warning{'s' if warnings != 1 else ''}")
    return " and ".join(parts)


def summary(display: str, findings: list[Finding], waiting: Iterable[str] = (), starter: bool = False) -> str:
    """"deal.yaml: 2 errors", and the sections whose checks wait for a value refused in them, if any; `starter`: the
    term sheet is still the starter `init` wrote (`termsheet.starter.still_the_starter`), which is said."""
    said = f"{display}: {problem_words(*counts(findings)) or 'no problems found'}"
    if starter:
        said += ("; but it is still the starter as dealdocs init wrote it: its names, addresses, amounts and wire "
                 "details are examples, to be replaced with the deal's own")
    waiting = list(waiting)
    if waiting:
        # not "until the value refused there can be read": a missing key is no value (a new user's trial)
        said += f"; the checks of {join_and(waiting)} wait until the errors there are fixed"
    return said


def json_findings(findings: list[Finding]) -> list[dict[str, Any]]:
    return [f.as_dict() for f in findings]


def user_errors(command: Callable[..., int]) -> Callable[..., None]:
    """Run a command body; turn its return value or a UserMessageError into an exit code.

    No traceback reaches the user: a UserMessageError prints its message; an
    operating system error (a full disk, a path too long) is said in plain
    words, exit 1; output into a pipe that was closed (`dealdocs text x | head -1`)
    ends quietly, exit 141 as for a program the pipe ended (128 + SIGPIPE); any
    other exception is reported as an internal error (DEALDOCS_DEBUG=1 shows it).
    With `--format json`, a command that stops so also writes its reason as JSON on
    stdout (`{"error": ..., "exit_code": ..., "findings": [...]}`), so a script
    reading stdout always has JSON to read; with `--format sarif`, a SARIF log
    whose invocation failed, saying why.
    """

    @wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> None:
        as_json = kwargs.get("output_format") if kwargs.get("output_format") in ("json", "sarif") else None
        try:
            code = command(*args, **kwargs)
            sys.stdout.flush()  # a closed pipe shows here, not as the interpreter exits
        except BrokenPipeError:
            code = _quiet_after_broken_pipe()
        except FindingsError as exc:  # in the order check gives them, with their count (a new user's trial: confirm-wire's
            found = sort_findings(exc.findings)  # came out of order, errors among warnings, and uncounted)
            said = f"{exc} ({problem_words(*counts(found))})" if found else str(exc)
            code = _say([*map(str, found), said], exc.exit_code, as_json, said, found)
        except UserMessageError as exc:
            code = _say([f"dealdocs: {exc}"], exc.exit_code, as_json, str(exc))
        except KeyboardInterrupt:
            code = _say(["dealdocs: interrupted"], 130)
        except OSError as exc:
            code = _say([f"dealdocs: {os_error_words(exc)}"], EXIT_PROBLEMS, as_json, os_error_words(exc))
        except Exception as exc:  # a bug in dealdocs: say so plainly
            if os.environ.get("DEALDOCS_DEBUG"):
                raise
            what = f"internal error ({type(exc).__name__}: {exc}). Please report it; DEALDOCS_DEBUG=1 shows the details."
            code = _say([f"dealdocs: {what}"], 70, as_json, what)
        sys.exit(code)

    return wrapper


EXIT_BROKEN_PIPE = 141


def _say(lines: list[str], code: int, as_json: str | None = None, error: str = "",
         findings: list[Finding] | None = None) -> int:
    """Print `lines` on stderr (and, `as_json` "json" or "sarif", the error in that form on stdout) and return
    `code`; quietly 141 when the output is a closed pipe."""
    try:
        if as_json == "sarif":
            from dealdocs.cli.sarif import sarif_stopped

            click.echo(json.dumps(sarif_stopped(error, code, findings or []), indent=2))
        elif as_json:
            click.echo(json.dumps({"error": error, "exit_code": code, "findings": json_findings(findings or [])},
                                  indent=2))
        sys.stdout.flush()
        for line in lines:
            echo_err(line)
        sys.stderr.flush()
    except BrokenPipeError:
        return _quiet_after_broken_pipe()
    return code


def _quiet_after_broken_pipe() -> int:
    """Point stdout and stderr at /dev/null, so that nothing more is written to the closed pipe, even at exit."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    for stream in (sys.stdout, sys.stderr):
        try:
            os.dup2(devnull, stream.fileno())
        except (OSError, ValueError):
            pass
    os.close(devnull)
    return EXIT_BROKEN_PIPE


def require_files(paths: Iterable[str], what: str = "file") -> list[Path]:
    """Each path, when every one is a file; else a UsageError naming those that are not (and why, when it is not plain)."""
    files, unusable = files_given(paths, what)
    if unusable:
        raise UsageError(unusable)
    return files


_IN_A_FOLDER = {"file": ("Word files", ".docx"), "term sheet": ("term sheets", ".yaml")}
"""What a command reads from a folder's files, and how their names end: said when a folder is given."""


def files_given(paths: Iterable[str], what: str = "file") -> tuple[list[Path], str | None]:
    """The paths that are files, and what is wrong with the others, in words (None when every one is a file).

    A command given several goes on with the files and says at its end which it could not read (`ended_short`):
    one mistyped name among forty term sheets does not leave the other thirty-nine unchecked.
    """
    resolved = []
    missing = []
    other = []  # there, but not a file to read
    for raw in paths:
        path = Path(raw)
        there = what_is_at(path)  # a link, what it leads to
        if there is None:
            missing.append(short_path(raw) + _not_looked_up(path))
        elif there == "a folder" and what in _IN_A_FOLDER:  # a new user's trial: `dealdocs lint output/deal/`
            other.append(f"{short_path(raw)} is a folder (to give the {_IN_A_FOLDER[what][0]} in it: "
                         f"{shlex.quote(str(Path(raw)))}/*{_IN_A_FOLDER[what][1]})")
        elif there != "a file":
            other.append(f"{short_path(raw)} is {there}")
        else:
            resolved.append(path)
    said = ([f"no such {what}: {', '.join(missing)}"] if missing else []) + (
        [f"not a {what}: {', '.join(other)}"] if other else [])
    return resolved, "; ".join(said) or None


def some_files(paths: Iterable[str], what: str = "file") -> tuple[list[Path], str | None]:
    """`files_given`, when at least one path is a file; else the UsageError naming them."""
    files, unusable = files_given(paths, what)
    if not files:
        raise UsageError(unusable or f"no {what} given")
    return files, unusable


def ended_short(unusable: str | None, others: int, done: str, code: int) -> int:
    """The exit code of a command given paths it could not read besides the `others` it did (`some_files`): 2, a
    usage error, said last on stderr with what was `done` to the others ("checked"); `code` when it read every one."""
    if unusable is None:
        return code
    echo_err(f"dealdocs: {unusable} ({'the other was' if others == 1 else f'the other {others} were'} {done})")
    return EXIT_USAGE


def unusable_json(unusable: str | None) -> dict[str, Any]:
    """What `--format json` adds when some paths given could not be read (`some_files`): the error, exit code 2."""
    return {} if unusable is None else {"error": unusable, "exit_code": EXIT_USAGE}


def _not_looked_up(path: Path) -> str:
    """Why the system could not even look `path` up, in brackets (" (the name is too long)"); "" when it is not there."""
    try:
        path.lstat()
    except FileNotFoundError:
        return ""
    except OSError as exc:
        return f" ({os_error_words(OSError(exc.errno, exc.strerror))})"
    return ""


def short_path(raw: str) -> str:
    """A path as a message can show it: a very long one cut in the middle."""
    return raw if len(raw) <= 120 else f"{raw[:80]}...{raw[-30:]} ({len(raw)} characters)"



class _Folder(click.Path):
    """A folder to write into, as `click.Path` reads it; an empty name is refused, not taken for the working folder."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, str) and not value.strip():
            self.fail("an empty name names no folder: give the folder to write into (by default, 'output')", param, ctx)
        return super().convert(value, param, ctx)


OUTPUT_FOLDER = _Folder(file_okay=False)
"""The type of every command's -o/--output."""

def chosen(name: str) -> bool:
    """Whether the current command's option `name` was given (on the command line or in the environment), not left
    to its default."""
    source = click.get_current_context().get_parameter_source(name)
    return source is not None and source is not click.core.ParameterSource.DEFAULT


OUTPUT_DIR_OPTION = click.option(
    "-o", "--output", "output_dir", default="output", show_default=True, type=OUTPUT_FOLDER,
    help="The output folder, where each deal's build record (and the wire details last confirmed) is kept.",
)


def term_sheets_of(paths: Iterable[Path]) -> list[Path]:
    """The term sheets to work on: a closing ledger (`acme.closing.yaml`) stands for its term sheet, once.

    So `dealdocs check deals/*.yaml` checks each deal once, its ledger with it,
    and a pre-commit hook given a changed ledger checks it against its deal.
    """
    from dealdocs.closing.ledger import is_ledger, term_sheet_of

    found: list[Path] = []
    for path in paths:
        if is_ledger(path):
            sheet = term_sheet_of(path)
            if not sheet.is_file():
                raise UsageError(f"{path} is a closing ledger, and its term sheet {sheet} does not exist")
            path = sheet
        if path.resolve() not in {p.resolve() for p in found}:
            found.append(path)
    return found


def _a_folder(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """click's Path(file_okay=False) lets a device (/dev/null) or a named pipe through: a folder it must be."""
    if value is not None and not os.path.isdir(value):
        raise click.BadParameter(f"'{value}' is not a folder")
    return value


TEMPLATES_DIR_OPTION = click.option(
    "--templates", "templates_dir", type=click.Path(file_okay=False, exists=True), callback=_a_folder,
    help="A firm's template folder; its files replace the built-in templates by name.",
)


def print_findings(findings: Iterable[Finding]) -> None:
    """Each finding on its own line, coloured on a terminal."""
    for finding in findings:
        click.echo(style_finding(finding))


def accepted_short(result: Any) -> Decimal:
    """What the wires the closing ledger records accepted short of their subscriptions (DD517) fall short by, together."""
    ledger = getattr(result, "ledger", None) or getattr(result, "ledger_in_part", None)  # its other entries, with errors
    return ledger.accepted_short if ledger else Decimal("0.00")


def funds_figures(deal: Any, short: Decimal = Decimal("0.00")) -> dict[str, str]:
    """The deal's money, in figures, from the funds flow (`dealdocs.closing.funds`); with wires accepted `short` of
    their subscriptions, what the escrow holds less."""
    from dealdocs.closing.funds import funds_flow
    from dealdocs.words import statement_figures

    flow = funds_flow(deal)
    funds = {"subscriptions": statement_figures(flow.total_subscriptions)}
    if flow.disbursements is not None:
        funds["disbursements_at_release"] = statement_figures(flow.total_disbursements)
    elif flow.placement_fee is not None:
        funds["placement_fee_at_closing"] = statement_figures(flow.placement_fee.fee)
    funds["net_to_company"] = statement_figures(flow.net)
    if short:
        funds["held_short"] = statement_figures(short)
    if flow.total_principal is not None:
        funds["note_principal"] = statement_figures(flow.total_principal)
    if flow.placement_fee is not None:
        funds["placement_fee"] = statement_figures(flow.placement_fee.fee)
        funds["placement_fee_paid"] = flow.placement_fee.paid
    return funds


def funds_line(deal: Any, short: Decimal = Decimal("0.00")) -> str:
    """'subscriptions $2,000,000.00 less disbursements at release $187,480.25 = net to the company ...'.

    With a placement agent, its fee follows: '; placement agent's fee 8% of $2,000,000.00 = $160,000.00,
    paid out of the escrow at release'.
    """
    from dealdocs.closing.funds import funds_flow
    from dealdocs.words import statement_figures

    funds = funds_figures(deal, short)
    parts = [f"subscriptions {funds['subscriptions']}"]
    if "disbursements_at_release" in funds:
        parts.append(f"less disbursements at release {funds['disbursements_at_release']}")
    if "placement_fee_at_closing" in funds:
        parts.append(f"less the placement agent's fee at closing {funds['placement_fee_at_closing']}")
    parts.append(f"= net to the company {funds['net_to_company']}")
    if "note_principal" in funds:
        parts.append(f"(notes: {funds['note_principal']} principal)")
    line = " ".join(parts)
    if "held_short" in funds:  # a new user's trial: the net the term sheet gives, where the escrow held $25.00 less
        holder = "the escrow holds" if deal.escrow is not None else "the company receives"  # (a code review: no escrow)
        line += f"; {holder} {funds['held_short']} less: wires accepted short of their subscriptions (DD517)"
    fee = funds_flow(deal).placement_fee
    if fee is not None:
        line += (f"; placement agent's fee {fee.percent.normalize():f}% of {statement_figures(fee.gross_proceeds)}"
                 f" = {statement_figures(fee.fee)}, paid {fee.paid}")
    return line


def result_json(result: Any, folder: Path | None = None) -> dict[str, Any]:
    """One deal's outcome (a check's or a build's) as JSON: counts, findings, funds, files written (a build's, in
    the deal's `folder`: not the earlier build's PDFs it kept, "kept")."""
    errors, warnings = counts(result.findings)
    data = {
        "term_sheet": result.display,
        "ok": result.ok,
        "errors": errors,
        "warnings": warnings,
        "findings": json_findings(result.findings),
    }
    if getattr(result, "deal", None) is not None:
        data["funds"] = funds_figures(result.deal, accepted_short(result))
    if getattr(result, "written", None):
        data["written"] = [str(p) for p in (result.made(folder) if folder else result.written)]
        if getattr(result, "removed", None):
            data["removed"] = list(result.removed)  # the earlier build's files this one does not make
        if getattr(result, "carried", None):
            data["kept"] = list(result.carried)  # the earlier build's PDFs kept, their Word files as they were
    if getattr(result, "waiting", None):
        data["checks_waiting_on"] = list(result.waiting)
    return data
