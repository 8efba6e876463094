"""Checking Word templates without rendering them, the fields they use, and the guide to editing them.

`check_templates` reads each template's XML the way docxtpl will read it at
render time and reports what would go wrong, located by template file and
paragraph (numbered as `dealdocs.docxtext.paragraphs` numbers them: every
top-level paragraph of the body, table cells included, from 1). A tag in a
header, footer or footnote is located by its template and the part named in
the message. Nothing is rendered and no term sheet is needed: a field is
checked against the term sheet model (`dealdocs.termsheet.model`), not against a deal's
values.

| code  | severity | what it catches |
|-------|----------|-----------------|
| DD308 | error    | a filter or test that does not exist: `amount_txt`, `map("lnog_date")`, `is defind` (with the nearest one that does) |
| DD309 | error    | a tag Word's structure breaks: split into another paragraph or cell, half inside a hyperlink or field, or a `{%p %}`/`{%tr %}` tag sharing its paragraph or row; a tag typed with a change of formatting, a bookmark or a tab inside it renders, not quite as Word shows it, and is a warning |

| DD314 | warning  | a file in a firm's template folder that no document is printed from ("Escrow_Agreement.docx", a ".dotx"): the built-in template is used instead; the warning names the one it may have been meant to replace |

It also reports, with the codes rendering uses for the same mistakes (see the
table in `dealdocs.render.renderer`): DD302 a file that is not a Word document; DD303 a
field or name the term sheet model does not have (`company.nmae`, suggesting
`company.name`), or `loop` outside a loop; DD304 Jinja syntax (an unclosed
tag or block, a stray `}`, an unknown tag, `%` or `}` inside a `{%p %}` tag);
DD305 Python internals (`escrow.__class__`, `escrow|attr('__class__')`,
`map(attribute='__class__')`, `sort(attribute=...)`, `groupby(...)`), an
attribute whose name is built only as the document renders
(`attr('__cla' ~ 'ss__')`, `escrow[name]`, `sort(attribute=name)`: it cannot
be checked, so a field is asked for by name) or a call that would change the
deal (`purchasers.pop()`); DD306 what cannot render (`include`, `import`,
`extends`, a dealdocs filter given an argument it does not take, `{% set
company.name = ... %}` or `{% set d.x = ... %}` on a `dict()`: only a
`namespace()` the template makes may be set; arithmetic on constants past a
bound rendering keeps, `{{ 9**(9**9) }}`, `{{ "x" * 100000000 }}`,
`range(100000)`, or dividing by zero: worked out as rendering works it out,
`render.limits`).
A DOCTYPE in a template's XML is refused with its other active content
(DD302, `dealdocs.ooxml.active_content`). Rendering reports an unknown filter as DD304 ("No filter named");
here it is DD308, named with the nearest filter that exists.

How names are resolved. The context roots are those of
`dealdocs.render.context_for` (`deal`, `company`, `purchasers`, `purchaser`,
`escrow`, `notes`, `form`, `exhibit`, `blank`, `note_number`, and the flags of `closing.law_in_force`: `rule_506_amended`...), typed
from the model. A
`{% for p in purchasers %}` makes `p` a Purchaser (and `loop` the loop
object) inside the loop; `{% set x = ... %}` gives `x` the type of its value
from there on; attribute chains are followed through the pydantic classes'
fields and properties (derived values) and through list indexing; an
optional section (`escrow`, `notes.subordination`) is read as the section, as
the templates guard it with `{% if %}`. Anything whose type is not known (a
method's result, a Jinja global such as `range`) is not checked further.

How split tags are detected (DD309). Word keeps text in runs (``w:r``), each
with its own formatting, and splits a run wherever formatting, spell-check
marks (``w:proofErr``), bookmarks or editing sessions change, so a tag typed
in two goes is often two runs. The checker joins the ``w:t`` text of the body
in document order, finds each `{{ }}`, `{% %}` and `{# #}` as docxtpl's
`patch_xml` does (from the opening delimiter to the first closing one), and
looks at the XML between the first and last ``w:t`` a tag spans. docxtpl
repairs a split by deleting everything from the first ``</w:t>`` to the last
``<w:t>`` inside the tag, so the whole tag lands in its first run. Judged
against that repair:

- an error when the repair cannot give the document Word showed: the tag runs
  into another paragraph or table cell (docxtpl would join them); part of it
  is inside a hyperlink, tracked insertion, content control or field and part
  is not (the repaired XML is broken and the rest of the document is lost);
  it holds a field code, picture, footnote reference or content control
  (deleted); or its `{{`/`}}` is split by text Word does not show (a tracked
  deletion), so docxtpl does not see a tag at all and prints it as typed;
- a warning when it renders but not quite as Word showed it: the parts of the
  tag have different formatting (the printed value takes the first part's),
  or the tag holds a bookmark, comment mark, tab or line break (deleted);
- nothing when the split is invisible: run boundaries, spell-check marks,
  Word's own `_GoBack` bookmark, a change of revision id or proofing
  language only. docxtpl repairs these exactly.

docxtpl's paragraph, row and cell tags (`{%p %}`, `{%tr %}`, `{%tc %}`)
replace their whole paragraph, row or cell with the tag, so any other text
there is never printed: that is a DD309 error too, as is a `{%tr %}` outside a
table row. As a last guard, each part is also passed through docxtpl's own
`patch_xml` and parsed by Jinja exactly as rendering will; a syntax error
found only that way is still reported (DD304).

A `TemplateChecker` remembers its results per template file (path,
modification time and size), so a builder can check a firm's templates before
every deal: a second call costs a `stat` per template.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from dealdocs.checks.templates.analysis import TemplateChecker, check_template
from dealdocs.closing.kinds import slugify, template_uses
from dealdocs.findings import Finding, Location, warning
from dealdocs.render.templates import TemplateSet

__all__ = [
    "TEMPLATE_CODES",
    "TemplateChecker",
    "TemplateInfo",
    "check_template",
    "check_templates",
    "describe_templates",
    "template_fields",
    "unused_templates",
]

TEMPLATE_CODES: dict[str, str] = {
    "DD302": "the file cannot be opened as a Word (.docx) document",
    "DD303": "a field or name the term sheet does not have (with the nearest one it does have)",
    "DD304": "Jinja syntax: an unclosed tag or block, a stray brace, an unknown tag",
    "DD305": "a name the sandbox refuses (Python internals such as `__class__`, or `pop`, `append` and the like, which would change the deal), or one built only as the document renders",
    "DD306": "a construct that cannot render: `include`, `import`, `extends`, a filter given an argument it does not take",
    "DD308": "a filter or test that does not exist (with the nearest one that does)",
    "DD309": "a tag broken by Word: split into another paragraph, half inside a hyperlink or field, or a `{%p %}` "
    "tag sharing its paragraph (errors); a change of formatting, a bookmark or a tab inside a tag (warnings)",
    "DD314": "a file in the firm's template folder that no document is printed from: check its name (the built-in "
    "template is used instead)",
}
"""What `check_templates` reports, by code, in the words of the guide."""

# ---------------------------------------------------------------- public API


def check_templates(templates: TemplateSet | None = None, names: Iterable[str] | None = None) -> list[Finding]:
    """Check every template of `templates` (or only `names`) without rendering; errors first (see `TemplateChecker`);
    then the firm's files that no document is printed from (`unused_templates`)."""
    templates = templates if templates is not None else TemplateSet()
    return TemplateChecker().check(templates, names) + unused_templates(templates)


def _same_file(one: Path, other: Path) -> bool:
    try:
        return os.path.samefile(one, other)
    except OSError:
        return False


_WORD_FILES = (".docx", ".doc", ".dotx", ".dot", ".docm", ".dotm")


def unused_templates(templates: TemplateSet) -> list[Finding]:
    """DD314: each Word file in the firm's folder that no document is printed from, with the template name nearest
    to it (a template's name written in capitals or with underscores is another name: no document is printed from it)."""
    folder = templates.override_dir
    if folder is None or not folder.is_dir():
        return []
    used = template_uses()
    printed = [folder / name for name in used if os.path.lexists(folder / name)]  # as `TemplateSet.path` finds them
    findings = []
    for path in sorted(folder.iterdir()):
        name = path.name
        if name.startswith(("~$", ".")) or not name.lower().endswith(_WORD_FILES) or name in used:
            continue
        if any(_same_file(path, other) for other in printed):  # a disk that ignores case: Escrow-Agreement.docx
            continue
        nearest = difflib.get_close_matches(f"{slugify(Path(name).stem)}.docx", list(used), n=1, cutoff=0.8)
        kind = "" if name.endswith(".docx") else " (a document is printed from a Word document saved as .docx only)"
        if nearest:
            near = nearest[0]
            whose = "the firm's" if (folder / near).exists() else "the built-in"
            fix = f"rename it {near}" if not kind else f"save it in Word as a Word Document (.docx) named {near}"
            meant = f": {used[near]} is printed from {whose} {near}. If {name} is meant for it, {fix}"
        else:
            meant = f": documents are printed from {', '.join(sorted(used))}"
        findings.append(warning("DD314", f"{name} is in the firm's template folder, but no document is printed from "
                                f"it{kind}{meant}", Location(document=name)))
    return findings


def template_fields(path: Path | str) -> list[str]:
    """The term sheet fields a template uses, as dotted paths ('company.name', 'purchasers[].subscription').

    A value read through a loop variable is written through its list
    (`p.name` in a loop over purchasers is 'purchasers[].name'); a `{% set %}`
    name is written as what it stands for. Only the deepest field of a chain is
    listed ('escrow.agent.name', not also 'escrow.agent'). A template that
    cannot be parsed lists what could be read before the error.
    """
    return _deepest(TemplateChecker().analysis(Path(path)).fields)


def _deepest(used: set[str]) -> list[str]:
    return sorted(f for f in used if not any(o != f and o.startswith((f + ".", f + "[")) for o in used))


@dataclass(frozen=True)
class TemplateInfo:
    """One template in use: where it comes from, what it is for, the fields it reads, how many problems it has."""

    name: str
    path: Path
    builtin: bool
    used_for: str | None
    fields: tuple[str, ...]
    errors: int
    warnings: int

    @property
    def source(self) -> str:
        return "built-in" if self.builtin else "the firm's"


def describe_templates(templates: TemplateSet | None = None) -> list[TemplateInfo]:
    """Every template available, firm's or built-in, with the fields each uses."""
    templates = templates if templates is not None else TemplateSet()
    checker = TemplateChecker()
    uses = template_uses()
    infos = []
    for name in templates.names():
        path = templates.path(name)
        analysis = checker.analysis(path, name)
        errors = sum(1 for f in analysis.findings if f.is_error)
        infos.append(TemplateInfo(
            name, path, path.parent.resolve() == templates.builtin.resolve(), uses.get(name),
            tuple(_deepest(analysis.fields)), errors, len(analysis.findings) - errors,
        ))  # fmt: skip
    return infos


