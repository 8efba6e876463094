"""The guide to editing a template in Word: the README section, generated from the model, filters and codes."""

from __future__ import annotations

import inspect
import re
import types
import typing
from datetime import date
from decimal import Decimal
from typing import Annotated, Any, Literal, Union

from dealdocs import words
from dealdocs.checks.templates import TEMPLATE_CODES
from dealdocs.checks.templates.fields import (
    ListOf,
    OneOf,
    context_roots,
    is_model,
    model_fields_of,
    properties_of,
    property_annotation,
    type_of,
)
from dealdocs.closing.law_in_force import FLAGS
from dealdocs.render.context import BLANK
from dealdocs.render.environment import FILTERS
from dealdocs.termsheet import model, values

# ---------------------------------------------------------------- the guide

_ROOT_NOTES = {
    "deal": "the whole term sheet",
    "company": "the issuer (the same as `deal.company`)",
    "purchasers": "every purchaser, in term sheet order: loop over it",
    "purchaser": "the purchaser of this promissory note, or the only purchaser of a one-purchaser deal; "
    "none in a form of note (test `{% if form %}` first)",
    "escrow": "the escrow section; none when the deal has no escrow",
    "notes": "the notes section; none when the deal has no notes",
    "company_counsel": "the company's counsel, as the term sheet names it, its firm spelt as the escrow spells the same "
    "firm; none when the term sheet names none",
    "form": "yes when printing a blank form (the form of note attached to a multi-purchaser agreement)",
    "exhibit": "yes when the template is printed as an exhibit to another document",
    "blank": f"the blank a form prints where a fact is filled in by hand: `{BLANK}`",
    "note_number": "the number of the promissory note printed (notes are numbered in term sheet order, from 1); "
    "none in a form of note",
    **FLAGS,
}

_NONE = "\u2014"

_EXAMPLES: dict[str, list[tuple[str, Any, dict[str, Any]]]] = {
    "amount_text": [("1,100,000.00", Decimal("1100000.00"), {})],
    "amount_words": [("17,029.48", Decimal("17029.48"), {})],
    "amount_figures": [("1100000", Decimal("1100000"), {}), ("500500", Decimal("500500"), {"cents": False})],
    "count_text": [("20", 20, {})],
    "percent_text": [("9.5", Decimal("9.5"), {})],
    "times_text": [("1.5", Decimal("1.5"), {})],
    "ordinal": [("22", 22, {})],
    "long_date": [("2005-05-18", date(2005, 5, 18), {})],
    "day_of": [("2005-05-18", date(2005, 5, 18), {})],
    "join_and": [("[A, B, C]", ["A", "B", "C"], {})],
    "join_or": [("[A, B]", ["A", "B"], {})],
    "month_year": [("2005-10-20", date(2005, 10, 20), {})],
    "with_article": [("Amended and Restated Note", "Amended and Restated Note", {})],
}
"""A sample value for each filter; the guide shows what the filter makes of it, computed."""

_INTRO = """\
### Editing a template in Word

The documents are rendered from the Word files in `templates/`: ordinary Word
documents with fields in double braces, such as `{{ company.name }}`, and
instructions in `{% ... %}`. To use the firm's own wording, copy a template
into a folder of your own (say `firm-templates/`) and edit the copy: a file
there replaces the built-in template of the same name.

1. Open the copy in Word and edit it as any document. Type each `{{ ... }}`
   or `{% ... %}` tag in one go, and format a tag as a whole (select all of
   it, then make it bold): Word splits a tag typed in pieces, and a tag with a
   change of formatting inside it is reported (DD309).
2. Save it as a Word Document (.docx) under the same name.
3. Check it: `dealdocs templates check --templates firm-templates`. Nothing is
   built; every problem is listed with its file and paragraph number.
4. Build with it: `dealdocs build --templates firm-templates deals/acme.yaml`.
   A term sheet can name its templates itself (`templates: firm-templates`),
   but only a folder inside its own folder (`deals/firm-templates/` for
   `deals/acme.yaml`): a term sheet someone sends you cannot point the build
   at any other folder of yours. A folder elsewhere is given with `--templates`.

`dealdocs templates --templates firm-templates` lists the templates in use,
yours or built-in, with the fields each one uses; `dealdocs templates guide`
prints this guide.

### Facts and filters

`{{ company.name }}` prints a fact; `{{ company.name|upper }}` prints it
through a filter. The filters that write amounts, rates, counts and dates the
way the agreements do:

| Filter | What it writes | Example |
|--------|----------------|---------|
"""

_LOGIC = """\
Jinja's own filters work too, for example `upper`, `join(", ")` and
`map("long_date")` (each item of a list through a filter).

### Conditional paragraphs

A paragraph holding only `{%p if ... %}` keeps the paragraphs up to its
`{%p endif %}` when the condition holds and drops them otherwise; the tag
paragraphs themselves never print. `{%p elif ... %}` and `{%p else %}` work
the same way.

```
{%p if notes.secured %}
This Note is secured by a general security interest in all assets of the Maker.
{%p endif %}
```

A `{%p %}` tag must have its paragraph to itself: any other text there is
never printed (DD309). Within a sentence, use `{% if %}` without the `p`:
`the {% if deal.single_purchaser %}Purchaser{% else %}Purchasers{% endif %}`.

### One paragraph (or table row) per purchaser

```
{%p for p in purchasers %}
{{ p.name }}, {{ p.address.one_line }}
{%p endfor %}
```

Inside the loop `p` is one purchaser (any name will do) and `loop` tells where
you are: `loop.first`, `loop.last`, `loop.index` (1, 2, ...). For one table
row per purchaser, put `{%tr for p in purchasers %}` in a row of its own above
the row to repeat and `{%tr endfor %}` in a row of its own below it.
`{% set P = "Purchaser" if deal.single_purchaser else "Purchasers" %}` names a
value once for the rest of the template.

### Checking a template

`dealdocs templates check --templates firm-templates` reads each template
without building anything and reports each problem with its file and paragraph
(`--format json` for machines). It exits 0 when there are no errors (warnings
allowed) and 1 otherwise. Check after every edit: a template with an error
builds wrong documents, or none.

| Code | What it means |
|------|---------------|
"""

_FIELDS_INTRO = """\
### The fields

These are the names a template starts from:

| Name | What it is |
|------|------------|
"""


def template_guide_markdown() -> str:
    """The README's guide to editing templates, generated from the model, the filters and the check codes."""
    out = [_INTRO]
    for name, function in FILTERS.items():
        examples = []
        for shown, value, options in _EXAMPLES.get(name, []):
            call = ", ".join(f"{k}={v!r}" for k, v in options.items())
            examples.append((f"with `({call})`, " if call else "") + f"`{shown}` gives {function(value, **options)}")
        out.append(f"| `{name}` | {_cell(_summary(function))} | {_cell('; '.join(examples)) or _NONE} |\n")
    out.append("\n" + _LOGIC)
    for code, meaning in TEMPLATE_CODES.items():
        out.append(f"| {code} | {_cell(meaning)} |\n")
    out.append("\n" + _FIELDS_INTRO)
    roots = context_roots()
    for name, note in _ROOT_NOTES.items():
        out.append(f"| `{name}` | {_type_words(roots[name].type)}: {_cell(note)} |\n")
    out.append("\nEach section of the term sheet, with its fields (as the term sheet names them) and the values "
               "derived from them. Follow a chain of names with dots: `escrow.agent.address.one_line`.\n")
    for cls, places in _model_sections():
        out.append(f"\n#### {_class_title(cls)}\n\n")
        doc = _summary(cls, inherit=False)
        if doc:
            out.append(f"{doc}\n\n")
        out.append(f"Written as {words.join_and(list(dict.fromkeys(places)))}.\n\n| Field | Type | What it is |\n|-------|------|------------|\n")
        for field_name, annotation in model_fields_of(cls).items():
            description = cls.model_fields[field_name].description or ""
            section = _optional_model(type_of(annotation))
            section = section or _optional_model(getattr(type_of(annotation), "item", None))
            if not description and section is not None:
                description = f"see {_class_title(section)} below"
            out.append(f"| `{field_name}` | {_annotation_words(annotation)} | {_cell(description)} |\n")
        for prop_name, member in properties_of(cls).items():
            note = _summary(member.fget if isinstance(member, property) else member.func) or ""
            note = "derived" + (f": {note}" if note else " from the fields above")
            out.append(f"| `{prop_name}` | {_annotation_words(property_annotation(member))} | {_cell(note)} |\n")
    return "".join(out)


def _model_sections() -> list[tuple[type, list[str]]]:
    """Each model class reachable from the roots, breadth first, with the ways a template writes it."""
    roots = context_roots()
    queue: list[tuple[type | None, str, str | None]] = [(model.Deal, "`deal`", "deal")]
    for name in ("company", "purchaser", "escrow", "notes", "company_counsel"):
        queue.append((_optional_model(roots[name].type), f"`{name}`", name))
    queue.append((model.Purchaser, "each of `purchasers` (`p` in `{% for p in purchasers %}`)", None))
    places: dict[type, list[str]] = {}
    while queue:
        cls, place, prefix = queue.pop(0)
        if cls is None:
            continue
        expanded = cls in places
        places.setdefault(cls, []).append(place)
        if expanded:
            continue
        for field_name, annotation in model_fields_of(cls).items():
            kind = type_of(annotation)
            target = _optional_model(kind.item if isinstance(kind, ListOf) else kind)
            if target is None or (cls is model.Deal and field_name in roots):
                continue
            written = f"`{prefix}.{field_name}`" if prefix else f"`{field_name}` of {place}"
            queue.append((target, f"each of {written}" if isinstance(kind, ListOf) else written, None
                          if isinstance(kind, ListOf) or prefix is None else f"{prefix}.{field_name}"))
    return list(places.items())


def _optional_model(kind: Any) -> type | None:
    options = kind.options if isinstance(kind, OneOf) else (kind,)
    return next((o for o in options if is_model(o)), None)


def _class_title(cls: type) -> str:
    """'EventsOfDefault' -> 'Events of default'."""
    return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", cls.__name__).capitalize()


def _summary(obj: Any, inherit: bool = True) -> str:
    doc = inspect.getdoc(obj) if inherit else obj.__doc__
    if not doc:
        return ""
    return " ".join(inspect.cleandoc(doc).split("\n\n", 1)[0].split())


def _cell(text: str) -> str:
    return text.replace("|", "&#124;").replace("\n", " ")


_ANNOTATION_WORDS = [(values.Money, "amount"), (values.Percent, "percentage"), (values.Multiple, "multiple"),
                     (values.IsoDate, "date"), (values.Count, "whole number"), (values.Text, "text")]


def _annotation_words(annotation: Any) -> str:
    """A field's type as a lawyer would say it: 'amount', 'list of text', 'Address, optional'."""
    for known, words_ in _ANNOTATION_WORDS:
        if annotation == known:
            return words_
    origin = typing.get_origin(annotation)
    if origin in (Union, types.UnionType):
        options = [a for a in typing.get_args(annotation) if a is not type(None)]
        text = " or ".join(_annotation_words(o) for o in options)
        return f"{text}, optional" if len(options) < len(typing.get_args(annotation)) else text
    if origin is list:
        return f"list of {_annotation_words(typing.get_args(annotation)[0])}"
    if origin is Literal:
        return "one of " + ", ".join(f"`{a}`" for a in typing.get_args(annotation))
    if origin is Annotated:
        return _annotation_words(typing.get_args(annotation)[0])
    if is_model(annotation):
        return _class_title(annotation)
    return {str: "text", bool: "yes/no", int: "whole number", Decimal: "number", date: "date"}.get(
        annotation, getattr(annotation, "__name__", str(annotation)))


def _type_words(kind: Any) -> str:
    if isinstance(kind, ListOf):
        return f"list of {_type_words(kind.item)}"
    if isinstance(kind, OneOf):
        return " or ".join(_type_words(o) for o in kind.options)
    if is_model(kind):
        return _class_title(kind)
    return {str: "text", bool: "yes/no"}.get(kind, "value")
