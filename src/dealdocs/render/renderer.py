"""Rendering: a deal and a document spec in, the bytes of a complete .docx out.

Templates are Word files with Jinja tags (docxtpl). They are rendered in
Jinja's sandbox with autoescaping on and StrictUndefined, so a term sheet value
is always data (``&``, ``<`` and quotes come out as written, never as markup or
template source) and a misspelt field is an error that names it, never an
empty gap in a signed document.

An exhibit is a template of its own, rendered with the same facts and appended
to the main document after a page break: the escrow agreement's Exhibit A is
the release notice template itself, so the text exists once.

Document properties are set from the deal (title, subject, the document's own
date), never from the clock or the template's last editor, so the same inputs
give the same document.

| code  | severity | what it catches |
|-------|----------|-----------------|
| DD301 | error    | a template that is in neither the firm's folder nor the built-ins, or a bad template name |
| DD302 | error    | a template that is not a Word (.docx) file |
| DD303 | error    | a field the term sheet model does not have (`company.nmae`) |
| DD304 | error    | a Jinja syntax error in a template |
| DD305 | error    | a template reaching outside the sandbox (`__class__` and the like) |
| DD306 | error    | a value a template cannot render, such as a missing amount given to an amount filter |
| DD307 | error    | an exhibit template holding pictures, links, footnotes or list numbering |
"""

from __future__ import annotations

import io
from collections import OrderedDict
from copy import deepcopy
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import jinja2
from docx.document import Document as DocumentObject
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docxtpl import DocxTemplate
from jinja2.sandbox import SandboxedEnvironment

from dealdocs import words
from dealdocs.render.cache import CompiledCache, PatchedXmlCache
from dealdocs.closing.kinds import DocumentSpec, document_date
from dealdocs.errors import TemplateError, UsageError
from dealdocs.findings import Location, error
from dealdocs.termsheet.model import Deal

__all__ = [
    "BLANK",
    "BUILTIN_TEMPLATES",
    "FILTERS",
    "Renderer",
    "TemplateSet",
    "context_for",
    "jinja_environment",
]

BLANK = "____________"
"""What a form prints where a fact is left to be filled in by hand."""

AUTHOR = "dealdocs"


def _builtin_templates() -> Path:
    """templates/ beside the package when installed from a wheel, else the repository's."""
    package = Path(__file__).resolve().parents[1]
    installed = package / "templates"
    return installed if installed.is_dir() else package.parents[1] / "templates"


BUILTIN_TEMPLATES: Path = _builtin_templates()


# ---------------------------------------------------------------- templates


class TemplateSet:
    """The Word templates to render with: the built-in ones, replaced by name by a firm's own."""

    def __init__(self, override_dir: Path | None = None):
        self.builtin = BUILTIN_TEMPLATES
        self.override_dir = Path(override_dir) if override_dir is not None else None
        if self.override_dir is not None and not self.override_dir.is_dir():
            raise UsageError(f"{self.override_dir}: the templates folder does not exist")

    def path(self, template: str) -> Path:
        """The file that provides `template` (a bare file name such as 'escrow-agreement.docx')."""
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


# ---------------------------------------------------------------- Jinja


FILTERS = words.FILTERS  # the filters every template may use, e.g. ``{{ escrow.agreement_date|long_date }}``

_COMPILED_CACHE_SIZE = 64


class _Environment(SandboxedEnvironment):
    """The sandbox, remembering each compiled template source (docxtpl compiles from strings).

    In memory for this process, and on disk between processes (`dealdocs.render.cache`):
    a cold build reads the compiled code instead of compiling the templates again.
    """

    def __init__(self, **options: Any):
        super().__init__(**options)
        self._compiled: OrderedDict[str, jinja2.Template] = OrderedDict()
        self._code_cache = CompiledCache(f"{type(self).__qualname__} {sorted(options.items())!r}")

    def from_string(self, source: Any, globals: Any = None, template_class: Any = None) -> jinja2.Template:
        if globals is not None or template_class is not None or not isinstance(source, str):
            return super().from_string(source, globals, template_class)
        compiled = self._compiled.get(source)
        if compiled is None:
            code = self._code_cache.get(source)
            if code is None:
                code = self.compile(source)
                self._code_cache.put(source, code)
            compiled = self._compiled[source] = self.template_class.from_code(self, code, self.make_globals(None))
            if len(self._compiled) > _COMPILED_CACHE_SIZE:
                self._compiled.popitem(last=False)
        return compiled


def jinja_environment() -> SandboxedEnvironment:
    """The Jinja environment templates render in: sandboxed, autoescaping, strict."""
    env = _Environment(autoescape=True, undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
    env.filters.update(FILTERS)
    return env


# ---------------------------------------------------------------- context


def context_for(deal: Deal, spec: DocumentSpec, *, form: bool = False, exhibit: bool = False) -> dict[str, Any]:
    """The facts a template sees.

    ``purchaser`` is the purchaser of a per-purchaser document, or the only
    purchaser of a one-purchaser deal, else None. ``form`` is True for a form
    printed as an exhibit of a multi-purchaser deal (the form of note): then
    there is no ``purchaser`` and the template prints ``blank`` where the payee
    and amount go. ``exhibit`` is True when the template is rendered as an
    exhibit of another document.
    """
    if form:
        purchaser = None
    elif spec.purchaser_index is not None:
        purchaser = deal.purchasers[spec.purchaser_index]
    else:
        purchaser = deal.purchaser if deal.single_purchaser else None
    return {
        "deal": deal,
        "company": deal.company,
        "purchasers": deal.purchasers,
        "purchaser": purchaser,
        "escrow": deal.escrow,
        "notes": deal.notes,
        "form": form,
        "exhibit": exhibit,
        "blank": BLANK,
    }


# ---------------------------------------------------------------- rendering


class _Template(DocxTemplate):
    """A docxtpl template opened from bytes, sharing its Renderer's patched XML (in memory, then on disk)."""

    def __init__(self, data: bytes, patched: dict[str, str], kept: PatchedXmlCache):
        super().__init__(io.BytesIO(data))
        self._patched = patched
        self._kept = kept

    def patch_xml(self, src_xml: str) -> str:
        result = self._patched.get(src_xml)
        if result is None:
            result = self._kept.get(src_xml)
            if result is None:
                result = super().patch_xml(src_xml)
                self._kept.put(src_xml, result)
            self._patched[src_xml] = result
        return result


@dataclass
class _Source:
    stamp: tuple[int, int]
    data: bytes
    patched: dict[str, str]


class Renderer:
    """Renders documents; reads and prepares each template file once (until the file changes)."""

    def __init__(self, templates: TemplateSet | None = None):
        self.templates = templates if templates is not None else TemplateSet()
        self.env = jinja_environment()
        self._sources: dict[Path, _Source] = {}
        self._patched_cache = PatchedXmlCache()

    def render(self, deal: Deal, spec: DocumentSpec) -> bytes:
        """The complete .docx of `spec` for `deal`, exhibits appended, properties set."""
        out = io.BytesIO()
        self.render_document(deal, spec).save(out)
        return out.getvalue()

    def render_document(self, deal: Deal, spec: DocumentSpec) -> DocumentObject:
        """The document `render` saves, still open (what `dealdocs check` reads, with nothing saved)."""
        document = self._render_template(spec.template, context_for(deal, spec))
        for exhibit in spec.exhibits:
            context = context_for(deal, spec, form=not deal.single_purchaser, exhibit=True)
            append_exhibit(document, self._render_template(exhibit, context), exhibit)
        set_properties(document, deal, spec)
        return document

    def _source(self, path: Path) -> _Source:
        stat = path.stat()
        stamp = (stat.st_mtime_ns, stat.st_size)
        source = self._sources.get(path)
        if source is None or source.stamp != stamp:
            source = self._sources[path] = _Source(stamp, path.read_bytes(), {})
        return source

    def _render_template(self, template: str, context: dict[str, Any]) -> DocumentObject:
        source = self._source(self.templates.path(template))
        doc = _Template(source.data, source.patched, self._patched_cache)
        try:
            doc.init_docx()
        except Exception as exc:  # a corrupt or non-Word file: python-docx raises many kinds
            raise TemplateError(
                f"{template} is not a Word document",
                [error("DD302", f"cannot be opened as a Word (.docx) document: {exc}", Location(document=template))],
            ) from None
        try:
            doc.render(context, jinja_env=self.env, autoescape=True)
        except jinja2.TemplateError as exc:
            raise _template_error(template, exc) from None
        except (ValueError, TypeError, ArithmeticError, LookupError, RecursionError) as exc:
            # a filter given the wrong kind of value (an amount of None), a division by zero, a macro calling itself
            what = f"cannot be rendered: {exc or type(exc).__name__}"
            raise TemplateError(f"{template}: {what}", [error("DD306", what, Location(document=template))]) from None
        return doc.docx


def _template_error(template: str, exc: jinja2.TemplateError) -> TemplateError:
    """A Jinja failure as a finding that names the template, the problem and the text around it."""
    if isinstance(exc, jinja2.UndefinedError):
        code, what = "DD303", f"unknown field: {exc.message}"
    elif isinstance(exc, jinja2.TemplateSyntaxError):
        code, what = "DD304", f"template syntax: {exc.message}"
    elif isinstance(exc, jinja2.sandbox.SecurityError):
        code, what = "DD305", f"not allowed in a template: {exc.message}"
    else:
        code, what = "DD306", f"cannot be rendered: {exc.message or exc}"
    near = " ".join(" ".join(line.split()) for line in getattr(exc, "docx_context", ()) if line.strip())
    if near:
        what += f" (near: {near[:200]})"
    return TemplateError(f"{template}: {what}", [error(code, what, Location(document=template))])


# ---------------------------------------------------------------- exhibits

_STYLE_REFS = (qn("w:pStyle"), qn("w:rStyle"), qn("w:tblStyle"))
_STYLE_LINKS = (qn("w:basedOn"), qn("w:next"), qn("w:link"))


def append_exhibit(document: DocumentObject, exhibit: DocumentObject, name: str) -> None:
    """Append the body of `exhibit` to `document`, starting on a new page.

    Styles are matched by id (every template shares the style set); a style the
    main document lacks is copied over with what it is based on. Pictures,
    links and list numbering refer to parts of the exhibit's own file, so an
    exhibit template may not use them.
    """
    elements = [el for el in exhibit.element.body if el.tag != qn("w:sectPr")]
    if not elements:
        return
    for element in elements:
        if element.xpath(".//@r:id | .//@r:embed | .//@r:link | .//w:numPr | .//w:footnoteReference"):
            raise TemplateError(
                f"{name} cannot be an exhibit",
                [error("DD307", "an exhibit template may not hold pictures, links, footnotes or list numbering",
                       Location(document=name))],
            )
    _copy_missing_styles(document, exhibit, elements)
    first = elements[0]
    if first.tag == qn("w:p"):
        first.get_or_add_pPr().get_or_add_pageBreakBefore()
    else:
        document.element.body.sectPr.addprevious(_page_break_paragraph())
    sect_pr = document.element.body.sectPr
    for element in elements:
        sect_pr.addprevious(element)


def _page_break_paragraph() -> Any:
    return parse_xml(f'<w:p {nsdecls("w")}><w:r><w:br w:type="page"/></w:r></w:p>')


def _copy_missing_styles(document: DocumentObject, exhibit: DocumentObject, elements: list[Any]) -> None:
    target = document.styles.element
    have = {s.get(qn("w:styleId")) for s in target.iterchildren(qn("w:style"))}
    source = {s.get(qn("w:styleId")): s for s in exhibit.styles.element.iterchildren(qn("w:style"))}
    wanted = [ref.get(qn("w:val")) for el in elements for ref in el.iter(*_STYLE_REFS)]
    while wanted:
        style_id = wanted.pop()
        if style_id in have or style_id not in source:
            continue
        style = deepcopy(source[style_id])
        target.append(style)
        have.add(style_id)
        wanted.extend(link.get(qn("w:val")) for link in style.iter(*_STYLE_LINKS))


# ---------------------------------------------------------------- properties

_EXTENDED_PROPERTIES = "application/vnd.openxmlformats-officedocument.extended-properties+xml"
_CUSTOM_PROPERTIES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
_APP_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    f"<Application>{AUTHOR}</Application></Properties>"
).encode("utf-8")
_MAX_PROPERTY = 255  # python-docx's (and Word's) limit for a core property


def set_properties(document: DocumentObject, deal: Deal, spec: DocumentSpec) -> None:
    """Core properties from the deal alone; nothing left from the template's editors."""
    core = document.core_properties
    element = core._element
    for child in list(element):
        element.remove(child)
    core.title = f"{spec.title} \u2013 {deal.company.name}"[:_MAX_PROPERTY]
    core.subject = deal.title[:_MAX_PROPERTY]
    core.author = AUTHOR
    core.last_modified_by = AUTHOR
    core.revision = 1
    when = document_date(deal, spec)
    if when is not None:
        stamp = datetime(when.year, when.month, when.day, tzinfo=timezone.utc)
        core.created = stamp
        core.modified = stamp
    package = document.part.package
    for part in package.iter_parts():
        if part.content_type == _EXTENDED_PROPERTIES:
            part._blob = _APP_XML
    for rel_id, rel in list(package.rels.items()):
        if rel.reltype == _CUSTOM_PROPERTIES:
            del package.rels[rel_id]
