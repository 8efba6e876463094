"""The Word templates to render with: the built-in ones, replaced by name by a firm's own.

A name in the firm's folder is the firm's template, whatever is there: a file
(or a link to one) is used; a folder, a named pipe or a link to nothing is an
error naming it (never opened, never silently replaced by the built-in one);
a zip bomb (more than `ooxml.limits.MAX_TEMPLATE` unpacked, or compressed
beyond `MAX_RATIO`) is refused unopened; a Word file holding macros, ActiveX
controls, embedded objects, an attached template, external links or fields
that fetch from outside (`dealdocs.ooxml.active_content`) is refused before
anything is rendered, so none of it is copied into a deal's documents (DD302,
as for a file that is not Word).

| code  | severity | what it catches |
|-------|----------|-----------------|
| DD301 | error    | a template that is in neither the firm's folder nor the built-ins, or a bad template name |
"""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

from lxml import etree

from dealdocs.errors import TemplateError, UsageError, file_kind, what_is_at
from dealdocs.findings import Location, error
from dealdocs.ooxml.active_content import active_content
from dealdocs.ooxml.limits import MAX_TEMPLATE, PackageTooLarge, check_package


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
        if self.override_dir is not None and os.path.lexists(self.override_dir / template):
            return _firm_template(self.override_dir / template, template)
        if (self.builtin / template).is_file():
            return self.builtin / template
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


_checked: dict[tuple[str, int, int], list[str]] = {}  # active content found, by file and its state


def _firm_template(path: Path, template: str) -> Path:
    """`path` when it is a file (or a link to one) with no active content; else TemplateError naming what it is."""
    try:
        info = os.stat(path)
    except OSError:
        what = what_is_at(path)
        _refuse(template, path, f"is {what}" if what else "cannot be read")
    if file_kind(info.st_mode) != "a file":
        _refuse(template, path, f"is {file_kind(info.st_mode)}, not a Word file")
    key = (str(path.resolve()), info.st_mtime_ns, info.st_size)
    if key not in _checked:
        try:
            check_package(path, MAX_TEMPLATE)  # a zip bomb is refused before any part is unpacked
        except PackageTooLarge as exc:
            _refuse(template, path, f"is refused unopened: {exc}")
        try:
            _checked[key] = active_content(path)
        except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, RuntimeError, etree.XMLSyntaxError):
            # not a Word file at all, or a part that cannot be unpacked (an unknown compression, encrypted):
            # reported where it is opened (DD302)
            _checked[key] = []
    if _checked[key]:
        _refuse(template, path, "holds " + "; ".join(_checked[key]) + ". A template must be a plain Word document: "
                "remove these in Word and save it as a Word Document (.docx)")
    return path


def _refuse(template: str, path: Path, what: str) -> None:
    raise TemplateError(f"{path} {what}", [error("DD302", f"{path} {what}", Location(document=template))])
