"""The `dealdocs` command line: parse arguments, call the library, print.

Each command is a thin function over library code. Exit codes: 0 clean
(warnings allowed), 1 problems found, 2 usage errors. Heavy libraries (docxtpl,
python-docx) are imported inside the commands that need them, so `--help`
and `check` of the term sheet alone start fast.
"""

from __future__ import annotations

import gc
import json
import os
import sys
from collections.abc import Callable, Iterable
from functools import wraps
from pathlib import Path
from typing import Any

import click

from dealdocs import __version__
from dealdocs.errors import FindingsError, UsageError, UserMessageError
from dealdocs.findings import Finding, Severity

EXIT_CLEAN, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2

FORMAT_OPTION = click.option(
    "--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True,
    help="json prints machine-readable findings, for CI.",
)


def _echo_err(message: str) -> None:
    click.echo(message, err=True)


def _style_finding(finding: Finding) -> str:
    text = str(finding)
    if not sys.stdout.isatty():
        return text
    colour = "red" if finding.severity is Severity.ERROR else "yellow"
    return click.style(text, fg=colour)


def _counts(findings: Iterable[Finding]) -> tuple[int, int]:
    findings = list(findings)
    errors = sum(1 for f in findings if f.is_error)
    return errors, len(findings) - errors


def _problem_words(errors: int, warnings: int) -> str:
    """'2 errors and 1 warning'; empty when there are none."""
    parts = []
    if errors:
        parts.append(f"{errors} error{'s' if errors != 1 else ''}")
    if warnings:
        parts.append(f"{warnings} warning{'s' if warnings != 1 else ''}")
    return " and ".join(parts)


def _summary(display: str, findings: list[Finding]) -> str:
    return f"{display}: {_problem_words(*_counts(findings)) or 'no problems found'}"


def _json_findings(findings: list[Finding]) -> list[dict[str, Any]]:
    return [f.as_dict() for f in findings]


def user_errors(command: Callable[..., int]) -> Callable[..., None]:
    """Run a command body; turn its return value or a UserMessageError into an exit code.

    No traceback reaches the user: a UserMessageError prints its message, and any
    other exception is reported as an internal error (DEALDOCS_DEBUG=1 shows it).
    """

    @wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> None:
        try:
            code = command(*args, **kwargs)
        except FindingsError as exc:
            for finding in exc.findings:
                _echo_err(str(finding))
            _echo_err(str(exc))
            code = exc.exit_code
        except UserMessageError as exc:
            _echo_err(f"dealdocs: {exc}")
            code = exc.exit_code
        except KeyboardInterrupt:
            _echo_err("dealdocs: interrupted")
            code = 130
        except Exception as exc:  # a bug in dealdocs: say so plainly
            if os.environ.get("DEALDOCS_DEBUG"):
                raise
            _echo_err(f"dealdocs: internal error ({type(exc).__name__}: {exc}). Please report it; DEALDOCS_DEBUG=1 shows the details.")
            code = 70
        sys.exit(code)

    return wrapper


def _require_files(paths: Iterable[str], what: str = "file") -> list[Path]:
    resolved = []
    missing = []
    for raw in paths:
        path = Path(raw)
        if not path.is_file():
            missing.append(raw)
        resolved.append(path)
    if missing:
        raise UsageError(f"no such {what}: {', '.join(missing)}")
    return resolved


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="dealdocs")
def main() -> None:
    """dealdocs: a financing's term sheet (YAML) in, signature-ready Word documents out.

    \b
    Typical use:
      dealdocs init acme-2026-notes       write a commented starter term sheet
      dealdocs check deals/acme.yaml      find problems in the term sheet
      dealdocs build deals/acme.yaml      write the Word documents to output/acme/
      dealdocs lint draft.docx            check any Word file's text

    Exit codes: 0 no problems (warnings allowed), 1 problems found, 2 usage error.
    """


@main.command()
@click.argument("term_sheets", nargs=-1, required=True, metavar="DEAL.yaml...")
@FORMAT_OPTION
@user_errors
def check(term_sheets: tuple[str, ...], output_format: str) -> int:
    """Check term sheets and the documents they would produce; write nothing.

    Reports every problem at once, each with its file, line, key and a code
    (DD0xx reading the file, DD1xx the deal's facts, DD2xx the documents' text).
    """
    from dealdocs.pipeline import Builder

    paths = _require_files(term_sheets, "term sheet")
    builder = Builder(render_jobs=os.cpu_count() or 1)
    results = [builder.check(path, with_files=False) for path in paths]
    if output_format == "json":
        click.echo(json.dumps({"results": [_json_result(r) for r in results]}, indent=2))
    else:
        for result in results:
            for finding in result.findings:
                click.echo(_style_finding(finding))
            if result.deal is not None:
                click.echo(f"{result.display}: funds: {_funds_line(result.deal)}")
            click.echo(_summary(result.display, result.findings))
    return EXIT_CLEAN if all(r.ok for r in results) else EXIT_PROBLEMS


def _funds(deal: Any) -> dict[str, str]:
    """The deal's money as the model computes it, in figures."""
    from dealdocs.words import amount_figures

    funds = {"subscriptions": amount_figures(deal.aggregate_subscription)}
    if deal.escrow is not None:
        funds["disbursements_at_release"] = amount_figures(deal.escrow.total_disbursements)
    funds["net_to_company"] = amount_figures(deal.net_proceeds)
    if deal.notes is not None:
        funds["note_principal"] = amount_figures(deal.total_principal)
    return funds


def _funds_line(deal: Any) -> str:
    funds = _funds(deal)
    parts = [f"subscriptions {funds['subscriptions']}"]
    if "disbursements_at_release" in funds:
        parts.append(f"less disbursements at release {funds['disbursements_at_release']}")
    parts.append(f"= net to the company {funds['net_to_company']}")
    if "note_principal" in funds:
        parts.append(f"(notes: {funds['note_principal']} principal)")
    return " ".join(parts)


def _json_result(result: Any) -> dict[str, Any]:
    errors, warnings = _counts(result.findings)
    data = {
        "term_sheet": result.display,
        "ok": result.ok,
        "errors": errors,
        "warnings": warnings,
        "findings": _json_findings(result.findings),
    }
    if getattr(result, "deal", None) is not None:
        data["funds"] = _funds(result.deal)
    if getattr(result, "written", None):
        data["written"] = [str(p) for p in result.written]
    return data


@main.command()
@click.argument("term_sheets", nargs=-1, required=True, metavar="DEAL.yaml...")
@click.option("-o", "--output", "output_dir", default="output", show_default=True, type=click.Path(file_okay=False),
              help="Folder to write into; each deal gets OUTDIR/<term sheet name>/.")
@click.option("--templates", "templates_dir", type=click.Path(file_okay=False, exists=True),
              help="A firm's template folder; its files replace the built-in templates by name.")
@click.option("--force", is_flag=True, help="Rebuild even over hand-edited files, moving each to <deal>/edited/ first.")
@click.option("--pdf", is_flag=True, help="Also write a PDF of each document (needs LibreOffice).")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Processes to use [default: the number of cores]: that many deals at once, or one deal's "
                   "documents rendered that many at once.")
@FORMAT_OPTION
@user_errors
def build(term_sheets: tuple[str, ...], output_dir: str, templates_dir: str | None, force: bool, pdf: bool,
          jobs: int | None, output_format: str) -> int:
    """Check term sheets, then write their Word documents.

    Writes OUTDIR/<deal>/ with the documents the deal calls for (escrow
    agreement, release notice, note purchase agreement, promissory notes) and
    manifest.json, the build record. Nothing is written for a deal with errors;
    each deal is written all at once or not at all; files edited by hand since
    the last build stop the build unless --force is given.
    """
    from dealdocs.batch import BuildOptions, build_all

    paths = _require_files(term_sheets, "term sheet")
    options = BuildOptions(Path(output_dir), Path(templates_dir) if templates_dir else None, force, pdf)
    show_progress = output_format == "text" and sys.stderr.isatty() and len(paths) > 1
    outcomes = build_all(paths, options, jobs=jobs, progress=_progress_bar(len(paths)) if show_progress else None)
    if output_format == "json":
        click.echo(json.dumps({"results": [_json_result(o) for o in outcomes]}, indent=2))
    else:
        for outcome in outcomes:
            for finding in outcome.findings:
                click.echo(_style_finding(finding))
            if outcome.message:
                _echo_err(f"{outcome.display}: {outcome.message}")
            for moved in outcome.moved_aside:
                click.echo(f"kept your edited file as {Path(output_dir) / outcome.deal_id / moved}")
            for written in outcome.written:
                click.echo(f"wrote {written}")
            if outcome.failed:
                click.echo(f"{outcome.display}: build stopped, nothing written")
            else:
                click.echo(_summary(outcome.display, outcome.findings) + ("" if outcome.ok else ": nothing written"))
        failed = [o.display for o in outcomes if not o.ok]
        if len(outcomes) > 1:
            click.echo(f"{len(outcomes) - len(failed)} of {len(outcomes)} deals built" + (f"; failed: {', '.join(failed)}" if failed else ""))
    return EXIT_CLEAN if all(o.ok for o in outcomes) else EXIT_PROBLEMS


def _progress_bar(total: int):
    """A rich progress bar on stderr, advanced once per finished deal."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    progress = Progress(TextColumn("building"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                        console=Console(stderr=True), transient=True)
    task = progress.add_task("build", total=total)

    class Bar:
        def __enter__(self):
            progress.start()
            return self

        def advance(self) -> None:
            progress.advance(task)

        def __exit__(self, *exc) -> None:
            progress.stop()

    return Bar()


@main.command()
@user_errors
def schema() -> int:
    """Print the JSON Schema of the term sheet (for editors and CI)."""
    from dealdocs.termsheet.schema import schema_text

    click.echo(schema_text(), nl=False)
    return EXIT_CLEAN


@main.command()
@click.argument("name")
@click.option("--dir", "folder", default="deals", show_default=True, type=click.Path(file_okay=False), help="Where to write it.")
@user_errors
def init(name: str, folder: str) -> int:
    """Write deals/NAME.yaml, a commented starter term sheet; never overwrites."""
    from dealdocs.termsheet.starter import write_starter

    target = write_starter(name, Path(folder))
    click.echo(f"wrote {target}: fill it in, then run dealdocs check {target}")
    return EXIT_CLEAN


@main.command()
@click.argument("document", metavar="FILE.docx")
@user_errors
def text(document: str) -> int:
    """Print a Word file's text, one paragraph a line.

    \b
    Use it as a git textconv driver for readable diffs of Word files:
      git config diff.docx.textconv "dealdocs text"
      echo "*.docx diff=docx" >> .gitattributes
    """
    from dealdocs.ooxml.text import document_text

    path = _require_files([document], "Word file")[0]
    try:
        click.echo(document_text(path))
    except Exception as exc:  # not a Word file
        raise UserMessageError(f"{document} is not a readable Word (.docx) file ({type(exc).__name__})") from None
    return EXIT_CLEAN


@main.command()
@click.argument("documents", nargs=-1, required=True, metavar="FILE.docx...")
@FORMAT_OPTION
@user_errors
def lint(documents: tuple[str, ...], output_format: str) -> int:
    """Check the text of any Word files, including ones dealdocs did not make.

    Words against figures, unrendered template text, defined terms,
    cross-references, enumerations, doubled words, statute years.
    """
    from dealdocs.checks.text import lint_files

    paths = _require_files(documents, "Word file")
    findings = lint_files(paths)
    if output_format == "json":
        errors, warnings = _counts(findings)
        click.echo(json.dumps({"errors": errors, "warnings": warnings, "findings": _json_findings(findings)}, indent=2))
    else:
        for finding in findings:
            click.echo(_style_finding(finding))
        click.echo(_summary(", ".join(documents), findings))
    return EXIT_PROBLEMS if any(f.is_error for f in findings) else EXIT_CLEAN


@main.command()
@click.argument("term_sheet", metavar="DEAL.yaml")
@click.option("--against", required=True, metavar="REV_OR_FILE",
              help="An earlier term sheet file, or a git revision of DEAL.yaml (HEAD, HEAD~2, a tag, a commit).")
@click.option("-o", "--output", "output_dir", default="output", show_default=True, type=click.Path(file_okay=False),
              help="Folder to write into; the redlines go to OUTDIR/<deal>/redline/.")
@click.option("--templates", "templates_dir", type=click.Path(file_okay=False, exists=True),
              help="A firm's template folder, used for both versions.")
@FORMAT_OPTION
@user_errors
def redline(term_sheet: str, against: str, output_dir: str, templates_dir: str | None, output_format: str) -> int:
    """Redline a deal's documents against an earlier version of its term sheet.

    Writes OUTDIR/<deal>/redline/: <document>-redline.docx, with Word tracked
    changes, for each document that changed (none for the others), and
    changes.md, the term sheet fields that changed and the documents each one
    touches. A change to the wire instructions is a SECURITY WARNING. Both
    versions use the same (current) templates. An existing file wins over a
    git revision of the same name.

    \b
      dealdocs redline deals/acme.yaml --against HEAD            uncommitted edits
      dealdocs redline deals/acme.yaml --against sent-to-buyers  since a tag
      dealdocs redline deals/acme.yaml --against acme-draft.yaml

    Needs python-redlines: pip install 'dealdocs[redline]'.
    """
    from dealdocs.outputs.redline import compare_versions, write_redline

    path = _require_files([term_sheet], "term sheet")[0]
    report = compare_versions(path, against, templates_dir=Path(templates_dir) if templates_dir else None)
    written = write_redline(Path(output_dir), report)
    if output_format == "json":
        click.echo(json.dumps({**report.as_dict(), "written": [str(p) for p in written]}, indent=2))
        if report.wire_changes:
            _echo_err("SECURITY WARNING: THE WIRE INSTRUCTIONS CHANGED: " + "; ".join(c.line for c in report.wire_changes))
    else:
        for line in report.markdown().splitlines():
            warning_line = line.startswith(">") and sys.stdout.isatty()
            click.echo(click.style(line, fg="red", bold=True) if warning_line else line)
        for written_path in written:
            click.echo(f"wrote {written_path}")
    return EXIT_CLEAN


TEMPLATES_DIR_OPTION = click.option(
    "--templates", "templates_dir", type=click.Path(file_okay=False, exists=True),
    help="A firm's template folder; its files replace the built-in templates by name.",
)


@main.group(invoke_without_command=True)
@TEMPLATES_DIR_OPTION
@click.pass_context
def templates(ctx: click.Context, templates_dir: str | None) -> None:
    """List the Word templates in use and the term sheet fields each one uses.

    \b
      dealdocs templates --templates firm-templates          which template is used, the firm's or built-in
      dealdocs templates check --templates firm-templates    find problems in them without building
      dealdocs templates guide                               how to edit a template in Word
    """
    ctx.ensure_object(dict)["templates_dir"] = templates_dir
    if ctx.invoked_subcommand is None:
        _list_templates(templates_dir)


def _template_set(templates_dir: str | None) -> Any:
    from dealdocs.render.renderer import TemplateSet

    return TemplateSet(Path(templates_dir) if templates_dir else None)


@user_errors
def _list_templates(templates_dir: str | None) -> int:
    import textwrap

    from dealdocs.checks.templates import describe_templates

    infos = describe_templates(_template_set(templates_dir))
    for info in infos:
        problems = _problem_words(info.errors, info.warnings)
        problems = f"; {problems}: run dealdocs templates check" if problems else ""
        click.echo(f"{info.name} ({info.source}: {info.path}){problems}")
        click.echo(f"  used for {info.used_for}" if info.used_for else "  not used by any document")
        fields = ", ".join(info.fields) or "(none)"
        click.echo(textwrap.fill(fields, width=100, initial_indent="  fields: ", subsequent_indent="    ",
                                 break_on_hyphens=False))
    return EXIT_CLEAN


@templates.command("check")
@TEMPLATES_DIR_OPTION
@FORMAT_OPTION
@click.pass_context
@user_errors
def templates_check(ctx: click.Context, templates_dir: str | None, output_format: str) -> int:
    """Check the templates in use without rendering anything.

    Reports each problem with the template and paragraph: unknown fields and
    filters (with the nearest real one), Jinja syntax, and tags Word has split
    or formatted so that they will not render as typed (DD303-DD309). Exit 0
    when there are no errors (warnings allowed), 1 otherwise.
    """
    from dealdocs.checks.templates import check_templates

    templates_dir = templates_dir or ctx.obj.get("templates_dir")
    template_set = _template_set(templates_dir)
    findings = check_templates(template_set)
    display = templates_dir or "built-in templates"
    if output_format == "json":
        errors, warnings = _counts(findings)
        click.echo(json.dumps({"templates": template_set.names(), "errors": errors, "warnings": warnings,
                               "findings": _json_findings(findings)}, indent=2))
    else:
        for finding in findings:
            click.echo(_style_finding(finding))
        click.echo(_summary(display, findings))
    return EXIT_PROBLEMS if any(f.is_error for f in findings) else EXIT_CLEAN


@templates.command("guide")
@user_errors
def templates_guide() -> int:
    """Print the guide to editing a template in Word (Markdown, as in the README)."""
    from dealdocs.checks.templates import template_guide_markdown

    click.echo(template_guide_markdown(), nl=False)
    return EXIT_CLEAN


def run() -> None:
    """The `dealdocs` program: `main` run as a whole process, which then ends.

    When the command is done, its objects are frozen (`gc.freeze`): the
    interpreter's final garbage collections then skip them, and the operating
    system frees the process's memory at once. That is about 0.1 s of a 0.5 s
    `dealdocs check` (bench/run.py). Output is flushed and exit handlers run as
    usual. Only the process entry point does this, never `main` itself, which
    tests and other programs call in-process.
    """
    try:
        main()
    finally:
        gc.freeze()


if __name__ == "__main__":  # pragma: no cover
    run()
