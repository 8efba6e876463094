"""The Word templates to render with: the built-in ones, replaced by name by a firm's own.

| code  | severity | what it catches |
|-------|----------|-----------------|
| DD301 | error    | a template that is in neither the firm's folder nor the built-ins, or a bad template name |
"""

from __future__ import annotations

from pathlib import Path

from dealdocs.errors import TemplateError, UsageError
from dealdocs.findings import Location, error


def _builtin_templates() -> Path:
    """templates/ beside the package when installed from a wheel, else the repository's."""
    package = Path(__file__).resolve().parents[1]
    installed = package / "templates"
    return installed if installed.is_dir() else package.parents[1] / "templates"


BUILTIN_TEMPLATES: Path = _builtin_templates()


class TemplateSet:
    """The Word templates to render with: the built-in ones, replaced by name by a firm's own."""

    def __init__(self, override_dir: Path | None = None):
        self.builtin = BUILTIN_TEMPLATES
        self.override_dir = Path(override_dir) if override_dir is not None else None
        if self.override_dir is not None and not self.override_dir.is_dir():
            raise UsageError(f"{self.override_dir}: the templates folder does not exist")

    def path(self, template: str) -> Path:
        """The file that provides `template` (a bare file name, such as the firm's 'side-letter.docx')."""
        if not _is_bare_name(template):
            raise TemplateError(
                f"'{template}' is not a template name",
                [error("DD301", f"'{template}' is not a template name: give a file name ending in .docx, without folders")],
            )
        for folder in (self.override_dir, self.builtin):
            if folder is not None and (folder / template).is_file():
                return folder / template
        searched = " or ".join(str(f) for f in (self.override_dir, self.builtin) if f is not None)
        raise TemplateError(
            f"no template '{template}'",
            [error("DD301", f"the template '{template}' is in neither {searched}", Location(document=template))],
        )

    def names(self) -> list[str]:
        """Every template name available, the firm's and the built-in ones."""
        found: set[str] = set()
        for folder in (self.builtin, self.override_dir):
            if folder is not None and folder.is_dir():
                found.update(p.name for p in folder.glob("*.docx") if _is_bare_name(p.name) and p.is_file())
        return sorted(found)


def _is_bare_name(name: str) -> bool:
    return (
        name.endswith(".docx")
        and not name.startswith(("~$", "."))  # Word's lock files, hidden files
        and "/" not in name
        and "\\" not in name
        and "\x00" not in name
        and name == Path(name).name
    )
