"""`dealdocs init`: a commented starter term sheet a lawyer fills in.

The starter is a working term sheet (it loads and checks clean) whose comments
explain each field; a test keeps it in step with the model.
"""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

from dealdocs.errors import UsageError

_NAME = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def starter_text(title: str) -> str:
    text = resources.files("dealdocs.termsheet").joinpath("starter.yaml").read_text(encoding="utf-8")
    return text.replace("__TITLE__", title)


def write_starter(name: str, folder: Path) -> Path:
    """Write `folder/NAME.yaml`; refuse a bad name or an existing file."""
    if not _NAME.match(name):
        raise UsageError(f"'{name}' is not a deal name: use lower-case letters, digits and hyphens, e.g. acme-2026-notes")
    target = folder / f"{name}.yaml"
    if target.exists():
        raise UsageError(f"{target} already exists; dealdocs init never overwrites a term sheet")
    folder.mkdir(parents=True, exist_ok=True)
    with open(target, "x", encoding="utf-8") as handle:
        handle.write(starter_text(name.replace("-", " ").title()))
    return target
