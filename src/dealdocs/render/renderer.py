"""Rendering: a deal and a document spec in, the bytes of a complete .docx out.

Templates are Word files with Jinja tags (docxtpl), found by `TemplateSet`
(`render.templates`) and rendered in the sandbox of `render.environment` with
the facts of `render.context`.

An exhibit is a template of its own, rendered with the same facts and appended
to the main document after a page break: the escrow agreement's Exhibit A is
the release notice template itself, so the text exists once.

Document properties are set from the deal (a title naming the document and
the company, the deal as subject), never from the clock or the template's last
editor, so the same inputs give the same document.

| code  | severity | what it catches |
|-------|----------|-----------------|
| DD302 | error    | a template that is not a Word (.docx) file |
| DD303 | error    | a field the term sheet model does not have (`company.nmae`) |
| DD304 | error    | a Jinja syntax error in a template |
| DD305 | error    | a template reaching outside the sandbox (`__class__` and the like) or changing the deal (`purchasers.pop()`) |
| DD306 | error    | a value a template cannot render, such as a missing amount given to an amount filter, or a template past a bound of `render.limits` (too large a number, text or loop; more than 30 s of processor time to render, 3 s for every template after one has run out of time) |
| DD307 | error    | an exhibit template holding pictures, links, footnotes or list numbering |
"""

from __future__ import annotations

import copy
import hashlib
import io
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

import jinja2
from docx import Document
from docx.shared import Twips
from docx.oxml.parser import element_class_lookup
from docx.document import Document as DocumentObject
from docxtpl import DocxTemplate
from lxml import etree

from dealdocs.closing.kinds import DocumentSpec
from dealdocs.errors import TemplateError
from dealdocs.findings import Location, error
from dealdocs.ooxml import package
from dealdocs.ooxml.active_content import rendered_fields
from dealdocs.ooxml.compose import append_body
from dealdocs.ooxml.xml import qn
from dealdocs.render.cache import PatchedXmlCache
from dealdocs.render.context import context_for
from dealdocs.render.environment import jinja_environment
from dealdocs.render.limits import MAX_BREAKS, RENDER_SECONDS, LimitExceeded, RenderTimeout, time_limit
from dealdocs.render.templates import TemplateSet
from dealdocs.termsheet.model import Deal

T = TypeVar("T")

__all__ = ["AUTHOR", "Renderer", "append_exhibit", "digest_of", "set_properties"]

AUTHOR = "dealdocs"
SECTION = qn("w:sectPr")
_TEXT_RUN = re.compile(r"<w:t(?: [^>]*)?>([^<]*)</w:t>")  # the text of a paragraph's runs, not its markup
_LISTING = "\t\a\n\f"  # what docxtpl turns into tabs, paragraphs, line and page breaks (`resolve_listing`)
_LINE_BREAK = '</w:t><w:br/><w:t xml:space="preserve">'  # what docxtpl puts for a line break in a run's text
_PARAGRAPH = re.compile(r"<w:p(?: [^>]*)?>.*?</w:p>", re.DOTALL)  # docxtpl's own paragraph pattern
_FOOTNOTES = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
_UNCHANGED = tuple(f".{name}+xml" for name in ("styles", "numbering", "settings", "webSettings", "fontTable", "theme",
                                               "stylesWithEffects"))
"""The parts (by the end of their content type) that rendering reads and never changes: styles (where no exhibit is
appended), list numbering, settings, web settings, the font table, the theme; and the custom XML data (/customXml/)."""


class _Template(DocxTemplate):
    """A docxtpl template opened from bytes, sharing its Renderer's patched XML (in memory, then on disk).

    The file is opened once (`_Source.opened`) and each render works on a copy of it: copying the open
    document takes a third of the time of reading the file again, which a deal of 5,000 notes does 5,000 times.
    The parts no render changes (`_UNCHANGED`: numbering, settings, theme, fonts, custom XML; styles, unless an
    exhibit is appended, whose styles may be copied in) are shared by the copies, not copied: they are half the work.
    So is the template's body, which the rendered body replaces whole (copied where docxtpl's way changes it).
    """

    def __init__(self, source: _Source, kept: PatchedXmlCache, *, styles_change: bool = False):
        super().__init__(io.BytesIO(source.data))
        self._source = source
        self._patched = source.patched
        self._kept = kept
        self._styles_change = styles_change
        self.jinja_texts: list[tuple[str, str]] = []  # (part name, text) of each part as Jinja rendered it, in order
        self.given: dict[str, str] = {}  # (part name -> text) what Jinja rendered already (`Renderer.render_document`)
        self.texts_only = False  # only what Jinja renders is wanted (`rendered_text`): docxtpl's breaks not resolved

    def init_docx(self, reload: bool = True) -> None:
        if not self.docx or (self.is_rendered and reload):
            self._source.open()
            shared = dict(self._source.unchanged(self._styles_change))
            body = self._source.opened.element
            shared[id(body)] = body  # replaced whole by the rendered one (`map_tree`): copied only to be changed
            self.docx = copy.deepcopy(self._source.opened, shared)
            self.is_rendered = False

    def get_xml(self) -> str:
        """The body of the template as docxtpl reads it: the same for every copy, so serialized once."""
        if self._source.body_xml is None:
            self._source.body_xml = super().get_xml()
        return self._source.body_xml

    def get_part_xml(self, part: Any) -> str:
        """A header or footer of the template as docxtpl reads it, serialized once (as `get_xml`)."""
        name = str(part.partname)
        if name not in self._source.part_xml:
            self._source.part_xml[name] = super().get_part_xml(part)
        return self._source.part_xml[name]

    def fix_tables(self, xml: str) -> Any:
        """The rendered body parsed as the whole document it goes in (`map_tree` then puts that document in
        place): docxtpl parses the body alone and moves it into the template's document, and lxml then walks
        every element of it to resolve its namespaces again (a second for an agreement of 5,000 purchasers).
        docxtpl's own way where it would change a table's grid (`_regridded`), or the rendered body declares a
        namespace the document does not."""
        frame = self._source.frame
        body = _own_declarations(xml, frame[2]) if frame is not None else None
        if frame is None or body is None:
            return super().fix_tables(xml)
        document = etree.fromstring(frame[0] + body + frame[1], _DOCUMENT_PARSER)
        if any(_regridded(table) for table in document.iter(qn("w:tbl"))):
            return super().fix_tables(xml)
        return document

    def fix_docpr_ids(self, tree: Any) -> None:
        """docxtpl's: each drawing numbered anew, in order; found by walking the tree (the document `fix_tables`
        parses is python-docx's, whose elements take no namespaces for XPath)."""
        for element in tree.iter(_DRAWING_PROPERTIES):
            self.docx_ids_index += 1
            element.attrib["id"] = str(self.docx_ids_index)

    def map_tree(self, tree: Any) -> None:
        if tree.tag != qn("w:document"):  # docxtpl's body, put into the template's document: a copy of it
            part = self.docx.part
            if part._element is self._source.opened.element:
                part._element = copy.deepcopy(part._element)
                self.docx = part.document
            super().map_tree(tree)
            return
        part = self.docx.part
        part._element = tree
        self.docx = part.document

    def open_shared(self) -> None:
        """The template's open document itself, not a copy, for `rendered_text`, which reads it and changes nothing
        (a copy is a third of the time Jinja takes to render a note)."""
        self.docx = self._source.open()
        self.is_rendered = False

    def rendered_text(self, template: str, context: dict[str, Any], jinja_env: Any) -> list[bytes]:
        """What `render` renders, as Jinja renders it (the body, then each header and footer, then the notes), not
        put into the document (`Renderer.source_texts`): `texts`, as `render` leaves them. docxtpl's tabs and breaks
        in a value are not resolved in it (`texts_only`): nothing reads the result (they were 40 % of the time an
        agreement of 5,000 purchasers took, which a redline renders for each variant of the deal); their bound is
        held (`_within_breaks`)."""
        self.render_init()
        self.texts_only = True
        self.build_xml(context, jinja_env)
        for uri in (self.HEADER_URI, self.FOOTER_URI):
            for _ in self.build_headers_footers_xml(context, uri, jinja_env):
                pass
        for _ in self._rendered_footnotes(context, jinja_env):
            pass
        return self.texts(template)

    def texts(self, template: str) -> list[bytes]:
        """What `Renderer.source_texts` gives for one template: its name, then each part's name and its text as Jinja
        rendered it (`render_xml_part`), in the order rendered."""
        return [f"{template}\0".encode(), *(f"{name} ".encode() + xml.encode() for name, xml in self.jinja_texts)]

    def render_properties(self, context: dict[str, Any], jinja_env: Any = None) -> None:
        """Nothing: the core properties are the deal's own (`set_properties` replaces each after rendering), never
        what the template's properties say, so they are not rendered."""

    def render_footnotes(self, context: dict[str, Any], jinja_env: Any = None) -> None:
        """docxtpl's, rendering each footnotes part once (docxtpl renders it again for each section of the document,
        and would read a value's own braces as a tag the second time)."""
        for part, xml in list(self._rendered_footnotes(context, jinja_env)):
            part._blob = xml.encode("utf-8")

    def _rendered_footnotes(self, context: dict[str, Any], jinja_env: Any) -> Iterator[tuple[Any, str]]:
        """Each footnotes part, with its text as Jinja renders it (`render_footnotes` puts it in place)."""
        for part in package.package_parts(self.docx.part.package):
            if part.content_type == _FOOTNOTES:
                xml = self.patch_xml(part.blob.decode("utf-8") if isinstance(part.blob, bytes) else part.blob)
                yield part, self.render_xml_part(xml, part, context, jinja_env)

    def resolve_listing(self, xml: str) -> str:
        """docxtpl's tabs, line and page breaks in a value, resolved only in the paragraphs that hold one.

        docxtpl rebuilds every paragraph of the document to find them; a note holds them only in its
        signature block and addresses. Each paragraph is resolved as docxtpl resolves it. A paragraph whose
        only ones are line breaks in its text (a signature block: 5,000 of them in an agreement every
        purchaser signs) is resolved as docxtpl resolves it there, each line break put in place in the text,
        without docxtpl's three nested searches (0.1 s of the 1.5 s of rendering such an agreement).
        """
        if not any(character in xml for character in _LISTING):
            return xml
        resolve = super().resolve_listing

        def resolved(paragraph: str) -> str:
            if not any(c in paragraph for c in _LISTING):  # most paragraphs: nothing to count or resolve
                return paragraph
            breaks = sum(text.count(c) for text in _TEXT_RUN.findall(paragraph) for c in _LISTING)  # in the text only
            if breaks > MAX_BREAKS:
                raise LimitExceeded(f"a paragraph broken into {breaks:,} lines, tabs or pages (the limit is "
                                    f"{MAX_BREAKS:,}): no document needs one")
            if not breaks:
                return paragraph
            if "\t" not in paragraph and "\a" not in paragraph and "\f" not in paragraph and paragraph.count("\n") == breaks:
                return paragraph.replace("\n", _LINE_BREAK)  # every one in the text: what docxtpl makes of each
            return resolve(paragraph)

        return _PARAGRAPH.sub(lambda m: resolved(m.group()), xml)

    def render_xml_part(self, src_xml: str, part: Any, context: dict[str, Any], jinja_env: Any = None) -> str:
        """docxtpl's: each paragraph put on a line of its own for Jinja (so that an error's line says where it is,
        `docx_context`), rendered, and put back; by plain replacements, which give the same text, and once a part
        of a template, not for each document (docxtpl's patterns put back a group at each paragraph: a third of the
        time Jinja takes to render a note, which a deal of 5,000 does 5,000 times, and a redline 10,000)."""
        given = self.given.get(str(part.partname))
        if given is not None:  # rendered already (`texts` are asked only of a template Jinja renders here)
            return self.resolve_listing(given)
        lined = self._source.lined.get(src_xml)
        if lined is None:
            lined = self._source.lined[src_xml] = src_xml.replace("<w:p ", "\n<w:p ").replace("<w:p>", "\n<w:p>")
        try:
            self.current_rendering_part = part
            dst_xml = (jinja_env.from_string(lined) if jinja_env else jinja2.Template(lined)).render(context)
        except jinja2.TemplateError as exc:
            if getattr(exc, "lineno", None) is not None:
                line_number = max(exc.lineno - 4, 0)
                exc.docx_context = [re.sub(r"<[^>]+>", "", line) for line in lined.splitlines()[line_number : line_number + 7]]
            raise
        dst_xml = dst_xml.replace("\n<w:p ", "<w:p ").replace("\n<w:p>", "<w:p>")
        dst_xml = dst_xml.replace("{_{", "{{").replace("}_}", "}}").replace("{_%", "{%").replace("%_}", "%}")
        fetching = rendered_fields(str(part.partname).lstrip("/"), dst_xml)
        if fetching:
            raise _RenderedActive("; ".join(fetching))
        self.jinja_texts.append((str(part.partname), dst_xml))
        if self.texts_only:  # nothing reads it resolved; its bound holds all the same
            self._within_breaks(dst_xml)
            return dst_xml
        return self.resolve_listing(dst_xml)

    def _within_breaks(self, xml: str) -> None:
        """The bound `resolve_listing` holds each paragraph's tabs and breaks to (`MAX_BREAKS`), held on `xml` not
        resolved (`texts_only`): the part, or each stretch of it up to a paragraph's end, holds no more tab, line and
        page characters than a paragraph may, else its paragraphs are counted as `resolve_listing` counts them (a
        code review: a note of a redline's earlier version past the bound was compared, then failed as it was built)."""
        if sum(xml.count(c) for c in _LISTING) <= MAX_BREAKS:
            return
        for stretch in xml.split("</w:p>"):  # a paragraph's characters are all in the stretch its end ends
            if len(stretch) > MAX_BREAKS and sum(stretch.count(c) for c in _LISTING) > MAX_BREAKS:
                self.resolve_listing(xml)  # counted as it counts them: raises where a paragraph's text holds more
                return

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
    opened: DocumentObject | None = None  # the file as python-docx opens it, never changed: each render copies it
    timed_out: TemplateError | None = None  # this file ran out of time once: refused at once after that
    body_xml: str | None = None  # the body as docxtpl serializes it (`_Template.get_xml`)
    part_xml: dict[str, str] = field(default_factory=dict)  # its headers and footers, by part name
    lined: dict[str, str] = field(default_factory=dict)  # each part's patched XML, a paragraph a line (`render_xml_part`)
    _unchanged: dict[bool, dict[int, object]] = field(default_factory=dict)

    @cached_property
    def digest(self) -> str:
        """The SHA-256 of the file's bytes."""
        return hashlib.sha256(self.data).hexdigest()

    def open(self) -> DocumentObject:
        """`opened`, the file opened by python-docx at its first use."""
        if self.opened is None:
            self.opened = Document(io.BytesIO(self.data))
            _with_page_setup(self.opened.element.body)
        return self.opened

    @cached_property
    def frame(self) -> tuple[str, str, dict[str, str]] | None:
        """The template's document.xml (`opened`) before and after its body, and the namespaces its root declares
        (prefix -> URI); None when the root holds more than the body (a background), docxtpl's way then."""
        root = self.opened.element
        if [child.tag for child in root] != [qn("w:body")]:
            return None
        copied = copy.deepcopy(root)
        copied.replace(copied[0], etree.Comment(_BODY_HERE))
        before, _, after = etree.tostring(copied, encoding="unicode").partition(f"<!--{_BODY_HERE}-->")
        return (before, after, {prefix or "": uri for prefix, uri in root.nsmap.items()}) if after else None

    def unchanged(self, styles_change: bool) -> dict[int, object]:
        """The parts of `opened` that its copies share (`_UNCHANGED`; custom XML data), as a `deepcopy` memo.

        With them, what no render changes and only points at them or is a name: each relationship to a shared part
        or outside the package (python-docx never changes one; docxtpl changes those to headers and footers, which
        are copied), and each part's name (a `str`). Copying those was half of copying a note's template."""
        if styles_change not in self._unchanged:
            kinds = _UNCHANGED[1:] if styles_change else _UNCHANGED
            parts = package.package_parts(self.opened.part.package)
            shared: dict[int, object] = {
                id(part): part for part in parts
                if part.content_type.endswith(kinds) and not part.rels or str(part.partname).startswith("/customXml/")
            }
            for rels in (self.opened.part.package.rels, *(part.rels for part in parts)):
                for rel in rels.values():
                    if rel.is_external or id(rel.target_part) in shared:
                        shared[id(rel)] = rel
            for part in parts:
                shared[id(part.partname)] = part.partname
            self._unchanged[styles_change] = shared
        return self._unchanged[styles_change]


_BODY_HERE = "dealdocs: the body goes here"
_DRAWING_PROPERTIES = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"
_DECLARATION = re.compile(r'\sxmlns(?::([\w.-]+))?="([^"]*)"')
_DOCUMENT_PARSER = etree.XMLParser(recover=True)  # docxtpl's, with python-docx's element classes
_DOCUMENT_PARSER.set_element_class_lookup(element_class_lookup)


def _own_declarations(body: str, declared: dict[str, str]) -> str | None:
    """The rendered body without the namespace declarations its opening tag repeats from the document's root
    (as lxml leaves it when moved there); None when it declares one the root does not, or another way."""
    end = body.find(">")
    tag = body[:end]
    for prefix, uri in _DECLARATION.findall(tag):
        if declared.get(prefix) != uri:
            return None
    return _DECLARATION.sub("", tag) + body[end:]


def _regridded(table: Any) -> bool:
    """Whether docxtpl's `fix_tables` would change the grid of `table`: widen it for a row of more cells than it
    has columns, or narrow it when no row spans them all (or cannot tell: its grid is missing or a span unreadable)."""
    grid = table.find(qn("w:tblGrid"))
    if grid is None:
        return True
    columns = len(grid.findall(qn("w:gridCol")))
    widest = 0
    for row in table.iter(qn("w:tr")):
        cells = row.findall(qn("w:tc"))
        if len(cells) > columns:
            return True
        spans = [cell.find(f"{qn('w:tcPr')}/{qn('w:gridSpan')}") for cell in cells]
        try:
            widest = max(widest, sum(1 if span is None else int(span.get(qn("w:val"))) for span in spans))
        except (TypeError, ValueError):
            return True
    return widest < columns


class Renderer:
    """Renders documents; reads and prepares each template file once (until the file changes).

    Each template renders within `seconds` (`render.limits.time_limit`); a
    template that ran out of time once is refused at once after that, so a
    loop that does not end costs a build its time limit once, not once per document,
    and every other template then renders within a tenth of the limit.
    """

    def __init__(self, templates: TemplateSet | None = None, seconds: float = RENDER_SECONDS):
        self.templates = templates if templates is not None else TemplateSet()
        self.env = jinja_environment()
        self.seconds = seconds
        self._limit = seconds  # `seconds` before any template ran out of time
        self._sources: dict[Path, _Source] = {}
        self._patched_cache = PatchedXmlCache()

    def next_deal(self) -> None:
        """Give the next deal's templates the whole limit again (a template that ran out of time stays refused): a
        review found one deal's lowered limit carried into the next of a batch, whose large agreement could then run
        out of the tenth."""
        self.seconds = self._limit

    def render(self, deal: Deal, spec: DocumentSpec) -> bytes:
        """The complete .docx of `spec` for `deal`, exhibits appended, properties set."""
        out = io.BytesIO()
        self.render_document(deal, spec).save(out)
        return out.getvalue()

    def render_document(self, deal: Deal, spec: DocumentSpec, *, properties: bool = True,
                        given: list[bytes] | None = None) -> DocumentObject:
        """The document `render` saves, still open (what `dealdocs check` reads, with nothing saved).

        Without `properties`, its core properties are left as the template's: for a document read and never
        saved, whose properties nothing reads (setting them, with the anchors, was 2.9 % of a note's instructions).
        `given` is what `source_texts` gave for it already, put in place as Jinja rendered it (not rendered again:
        `dealdocs check` takes its digest first, `checks.readings`)."""
        (template, context), *exhibits = _templates_of(deal, spec)
        parts = _given_parts(given) if given is not None else []
        document = self._render_template(template, context, styles_change=bool(exhibits), given=parts[0] if parts else None)
        for number, (template, context) in enumerate(exhibits, start=1):
            exhibit = self._render_template(template, context, given=parts[number] if number < len(parts) else None)
            append_exhibit(document, exhibit, template)
            package.release(exhibit)
        if properties:
            set_properties(document, deal, spec)
        return document

    def source_digest(self, deal: Deal, spec: DocumentSpec) -> str:
        """A digest of the text Jinja renders for `spec` and `deal` (of its body, headers, footers and notes, and of
        each exhibit's), before any of it is put into Word's form: what the rest of rendering does depends on that
        text and the template alone (the properties aside, which are the deal's title), so two deals with one digest
        give one document. A redline compares variants of a deal by it: half the work of rendering an agreement every
        purchaser signs, and fingerprinting it, is not done for each (`versions`)."""
        return digest_of(self.source_texts(deal, spec))

    def costs(self, deal: Deal, specs: list[DocumentSpec]) -> list[int]:
        """The work of rendering each document, so that processes take the largest first: its templates' size and
        its signature pages (an agreement every purchaser signs grows with the purchasers: 5,000 signature pages; a
        note does not)."""
        from dealdocs.closing.parties import signers

        sizes = {name: self.templates.path(name).stat().st_size for name in {n for spec in specs for n in spec.kind.templates}}
        return [sum(sizes[name] for name in spec.kind.templates) + _SIGNATURE_PAGE_COST * len(signers(deal, spec))
                for spec in specs]

    def templates_digest(self, spec: DocumentSpec) -> str:
        """A digest of the bytes of `spec`'s template files (its own, then each exhibit's), each file's taken once."""
        return " ".join(self._source(self.templates.path(name)).digest for name in spec.kind.templates)

    def source_texts(self, deal: Deal, spec: DocumentSpec) -> list[bytes]:
        """The texts `source_digest` digests: for each template of the document (its own, then each exhibit's), its
        name, then what Jinja renders of its body, headers, footers and notes (`_Template.rendered_text`)."""
        texts = []
        for template, context in _templates_of(deal, spec):
            texts += self._render_with(template, context, lambda doc: doc.rendered_text(template, context, self.env),
                                       shared=True)
        return texts

    def _source(self, path: Path) -> _Source:
        stat = path.stat()
        stamp = (stat.st_mtime_ns, stat.st_size)
        source = self._sources.get(path)
        if source is None or source.stamp != stamp:
            source = self._sources[path] = _Source(stamp, path.read_bytes(), {})
        return source

    def _render_template(self, template: str, context: dict[str, Any], *, styles_change: bool = False,
                         given: dict[str, str] | None = None) -> DocumentObject:
        def rendered(doc: _Template) -> DocumentObject:
            doc.given = given or {}
            doc.render(context, jinja_env=self.env, autoescape=True)
            return doc.docx

        return self._render_with(template, context, rendered, styles_change=styles_change)

    def _render_with(self, template: str, context: dict[str, Any], work: Callable[[_Template], T], *,
                     styles_change: bool = False, shared: bool = False) -> T:
        """`work` done on a copy of `template` opened for rendering with `context` (on the open template itself,
        `shared`, for work that changes nothing in it), its failures said as findings that name the template (and a
        template that ran out of time refused at once after that)."""
        source = self._source(self.templates.path(template))
        if source.timed_out is not None:
            raise source.timed_out
        doc = _Template(source, self._patched_cache, styles_change=styles_change)
        try:
            doc.open_shared() if shared else doc.init_docx()
        except Exception as exc:  # a corrupt or non-Word file: python-docx raises many kinds
            raise TemplateError(
                f"{template} is not a Word document",
                [error("DD302", f"cannot be opened as a Word (.docx) document: {exc}", Location(document=template))],
            ) from None
        try:
            with time_limit(self.seconds):
                done = work(doc)
        except jinja2.TemplateError as exc:
            raise _template_error(template, exc) from None
        except (ValueError, TypeError, AttributeError, ArithmeticError, LookupError, RecursionError, MemoryError,
                SyntaxError) as exc:
            # a filter given the wrong kind of value (an amount of None, a model to `dictsort`), a division by zero,
            # a macro calling itself, a bound of render.limits; blocks nested too deeply for Python to compile
            # (SyntaxError: too many levels of indentation)
            why = ("a macro calls itself without end" if isinstance(exc, RecursionError)
                   else f"its tags nest too deeply to be compiled ({exc.msg})" if isinstance(exc, SyntaxError)
                   else f"{exc or type(exc).__name__}")
            raise _cannot_render(template, why) from None
        except _RenderedActive as exc:
            what = f"renders {exc}: a document may not hold one"
            raise TemplateError(f"{template} {what}", [error("DD302", what, Location(document=template))]) from None
        except RenderTimeout as exc:
            source.timed_out = _cannot_render(template, f"{exc}: a loop that does not end, or far too large a one")
            # the templates after it get a tenth of the time (a hostile sweep: a loop in each of five templates was a
            # build of nearly eight minutes, a minute for each): a loop is likely in the others too, and none of
            # dealdocs' own takes a tenth of the limit for 5,000 purchasers
            # (of the limit, once: a second time-out divided it again, a third again, 30 s to 0.03 s)
            self.seconds = min(self._limit, RENDER_SECONDS) / _AFTER_A_TIME_OUT
            raise source.timed_out from None
        return done


_AFTER_A_TIME_OUT = 10  # what a renderer's time limit is divided by once a template has run out of time


class _RenderedActive(Exception):
    """A part as rendered holds a field that fetches from outside (`active_content.rendered_fields`)."""


_SIGNATURE_PAGE_COST = 4_000
"""A signature page's share of the work, in bytes of template: rendering, reading and checking one purchaser's
signature page of a deal-wide agreement costs about what 4 KB of a note's template does (bench/scaling.py)."""


def digest_of(texts: list[bytes]) -> str:
    """A digest of a document's `Renderer.source_texts` (and of what else is given after them)."""
    digest = hashlib.sha256()
    for text in texts:
        digest.update(hashlib.sha256(text).digest())
    return digest.hexdigest()


_LETTER = {"w": 12240, "h": 15840}  # Word's default page, in twips: US Letter, one-inch margins
_MARGINS = {"top": 1440, "right": 1440, "bottom": 1440, "left": 1440, "header": 720, "footer": 720, "gutter": 0}


def _with_page_setup(body: Any) -> None:
    """Word writes a body's page setup (its last w:sectPr, with the page's size and margins); a template made
    otherwise gets what Word takes for it then, Word's default, which an exhibit, a packet's pages and a
    checklist's table widths are laid out by."""
    section = body.get_or_add_sectPr()
    size, margins = section.get_or_add_pgSz(), section.get_or_add_pgMar()
    for element, defaults in ((size, _LETTER), (margins, _MARGINS)):
        for name, twips in defaults.items():
            if getattr(element, name) is None:
                setattr(element, name, Twips(twips))


def _given_parts(texts: list[bytes]) -> list[dict[str, str]]:
    """`Renderer.source_texts` read back: for each template of the document, in order (its own, then each
    exhibit's), each of its parts' names -> its rendered text."""
    parts: list[dict[str, str]] = []
    for text in texts:
        if text.endswith(b"\0") and not text.startswith(b"/"):  # a template's name (a part's starts with "/")
            parts.append({})
        else:
            name, _, xml = text.decode().partition(" ")
            parts[-1][name] = xml
    return parts


def _templates_of(deal: Deal, spec: DocumentSpec) -> list[tuple[str, dict[str, Any]]]:
    """The templates a document is rendered from, each with its context: its own, then each exhibit's."""
    return [(spec.template, context_for(deal, spec)), *(
        (exhibit.template, context_for(deal, spec, form=exhibit.blank_form or not deal.single_purchaser, exhibit=True))
        for exhibit in spec.kind.exhibits)]


def _cannot_render(template: str, why: str) -> TemplateError:
    what = f"cannot be rendered: {why}"
    return TemplateError(f"{template}: {what}", [error("DD306", what, Location(document=template))])


_NONE_ATTRIBUTE = re.compile(r"'None' has no attribute '(\w+)'")  # Jinja's words for a field of an empty value


def _template_error(template: str, exc: jinja2.TemplateError) -> TemplateError:
    """A Jinja failure as a finding that names the template, the problem and the text around it."""
    if isinstance(exc, jinja2.UndefinedError) and (empty := _NONE_ATTRIBUTE.fullmatch(exc.message or "")):
        code, what = "DD303", (f"a field that has no value in this document is asked for its '{empty.group(1)}': "
                               "`purchaser` is set only in a document for one purchaser (a note) or in a deal of one "
                               "purchaser, and optional parts of the term sheet (a collateral agent, a placement "
                               "agent, escrow: or notes:) may be left out; print it under {% if ... %} or, for every "
                               "purchaser, in {% for p in purchasers %}")
    elif isinstance(exc, jinja2.UndefinedError):
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

def append_exhibit(document: DocumentObject, exhibit: DocumentObject, name: str) -> None:
    """Append the body of `exhibit` to `document`, starting on a new page (`ooxml.compose.append_body`).

    Styles are matched by id (every template shares the style set). Pictures,
    links and list numbering refer to parts of the exhibit's own file, so an
    exhibit template may not use them.
    """
    for element in exhibit.element.body:
        if element.tag != SECTION and element.xpath(".//@r:id | .//@r:embed | .//@r:link | .//w:numPr | .//w:footnoteReference"):
            raise TemplateError(
                f"{name} cannot be an exhibit",
                [error("DD307", "an exhibit template may not hold pictures, links, footnotes or list numbering",
                       Location(document=name))],
            )
    append_body(document, exhibit)


# ---------------------------------------------------------------- properties


def set_properties(document: DocumentObject, deal: Deal, spec: DocumentSpec) -> None:
    """Core properties from the deal alone: 'Promissory Note No. 2 payable to Quarry Lane Fund, LLC – Northwind ...'."""
    package.set_properties(document, title=f"{spec.display_name(deal)} \u2013 {deal.company.name}",
                           subject=deal.title, author=AUTHOR)
