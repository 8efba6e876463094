"""`dealdocs init`: a commented starter term sheet."""

from __future__ import annotations

from pathlib import Path

import click

from dealdocs.cli.common import EXIT_CLEAN, user_errors


@click.command()
@click.argument("name")
@click.option("--dir", "folder", default="deals", show_default=True, type=click.Path(file_okay=False), help="Where to write it.")
@user_errors
def init(name: str, folder: str) -> int:
    """Write deals/NAME.yaml, a commented starter term sheet; never overwrites."""
    from dealdocs.termsheet.starter import write_starter

    target = write_starter(name, Path(folder))
    click.echo(f"wrote {target}: fill it in, then run dealdocs check {target}")
    return EXIT_CLEAN
