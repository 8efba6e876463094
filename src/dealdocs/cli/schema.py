"""`dealdocs schema`: the term sheet's JSON Schema, for editors and CI."""

from __future__ import annotations

import click

from dealdocs.cli.common import EXIT_CLEAN, user_errors


@click.command()
@user_errors
def schema() -> int:
    """Print the JSON Schema of the term sheet (for editors and CI)."""
    from dealdocs.termsheet.schema import schema_text

    click.echo(schema_text(), nl=False)
    return EXIT_CLEAN
