"""`dealdocs templates`: the Word templates in use, their fields, their checks and the guide to editing them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from dealdocs.cli.common import EXIT_CLEAN, EXIT_PROBLEMS, FORMAT_OPTION, TEMPLATES_DIR_OPTION, counts, json_findings, print_findings, problem_words, summary, user_errors


@click.group(invoke_without_command=True)
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
    from dealdocs.render.templates import TemplateSet

    return TemplateSet(Path(templates_dir) if templates_dir else None)


@user_errors
def _list_templates(templates_dir: str | None) -> int:
    import textwrap

    from dealdocs.checks.templates import describe_templates

    infos = describe_templates(_template_set(templates_dir))
    for info in infos:
        problems = problem_words(info.errors, info.warnings)
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
        errors, warnings = counts(findings)
        click.echo(json.dumps({"templates": template_set.names(), "errors": errors, "warnings": warnings,
                               "findings": json_findings(findings)}, indent=2))
    else:
        print_findings(findings)
        click.echo(summary(display, findings))
    return EXIT_PROBLEMS if any(f.is_error for f in findings) else EXIT_CLEAN


@templates.command("guide")
@user_errors
def templates_guide() -> int:
    """Print the guide to editing a template in Word (Markdown, as in the README)."""
    from dealdocs.checks.templates.guide import template_guide_markdown

    click.echo(template_guide_markdown(), nl=False)
    return EXIT_CLEAN
