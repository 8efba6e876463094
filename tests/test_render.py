"""The render engine: template lookup, the sandbox, the context, exhibits, caching, speed."""

from __future__ import annotations

import os
import re

import jinja2
import pytest
from docx.oxml.ns import qn
from jinja2.sandbox import SandboxedEnvironment

from dealdocs import words
from dealdocs.closing.kinds import RELEASE_NOTICE, DocumentKind, DocumentSpec, Exhibit, documents_for, purchaser_slugs, slugify
from dealdocs.errors import TemplateError
from dealdocs.render.context import context_for
from dealdocs.render.environment import FILTERS, jinja_environment
from dealdocs.render.renderer import Renderer
from dealdocs.render.templates import BUILTIN_TEMPLATES, TemplateSet
from docx_helpers import TEMPLATES, load_example, make_template, paragraphs, replace, unchecked

# ---------------------------------------------------------------- which documents


def test_escrow_only_deal_calls_for_the_escrow_documents():
    specs = documents_for(load_example("roo-2005-escrow"))
    assert [(s.name, s.template, s.exhibits) for s in specs] == [
        ("escrow-agreement", "escrow-agreement.docx", ("release-notice.docx",)),
        ("release-notice", "release-notice.docx", ()),
    ]
    assert [s.filename for s in specs] == ["escrow-agreement.docx", "release-notice.docx"]
    assert [s.title for s in specs] == ["Escrow Agreement", "Release Notice"]


def test_one_purchaser_note_deal_has_one_plain_note():
    specs = documents_for(load_example("roo-2005-note"))
    assert [(s.name, s.template, s.exhibits, s.purchaser_index) for s in specs] == [
        ("note-purchase-agreement", "note-purchase-agreement.docx", ("promissory-note.docx",), None),
        ("promissory-note", "promissory-note.docx", (), 0),
        ("security-agreement", "security-agreement.docx", (), None),  # the 2005 note is secured
    ]


def test_each_purchaser_gets_a_note_named_after_them():
    deal = load_example("bridge-example")
    specs = documents_for(deal)
    assert [s.name for s in specs] == [
        "escrow-agreement", "release-notice", "note-purchase-agreement",
        "promissory-note-harborview", "promissory-note-quarry-lane", "promissory-note-chen", "security-agreement",
    ]
    notes = [s for s in specs if s.purchaser_index is not None]
    assert [s.purchaser_index for s in notes] == [0, 1, 2]
    assert all(s.title == "Promissory Note" and s.template == "promissory-note.docx" for s in notes)


def test_slugs_are_safe_and_unique():
    deal = load_example("bridge-example")
    base = deal.purchasers[0]
    names = ["../../etc/passwd", "Smith & Jones <Holdings>", "Smith & Jones (Holdings)", "株式会社", "株式会社",
             "Zoë Müller", "CON", ".", "a" * 200]
    purchasers = [replace(base, name=name, short_name=None) for name in names]
    slugs = purchaser_slugs(purchasers)
    assert len(set(slugs)) == len(slugs)
    for slug in slugs:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug), slug
        assert len(slug) <= 50
    assert slugs[0] == "etc-passwd"
    assert slugs[1:3] == ["smith-jones-holdings", "smith-jones-holdings-2"]
    assert slugs[3:5] == ["purchaser-4", "purchaser-5"]
    assert slugs[5] == "zoe-muller"
    assert slugify("Quarry Lane") == "quarry-lane"


def test_a_long_name_is_cut_between_words_and_trusts_and_joint_holders_go_by_their_own_names(load_example):
    """A new user's trial: joint holders with no short name got 'promissory-note-david-park-and-susan-park-as-joint-tenan'."""
    assert slugify("David Park and Susan Park, as joint tenants with right of survivorship") == "david-park-and-susan-park-as-joint"
    assert slugify("Harborview Capital Partners Opportunity Fund II, L.P.") == "harborview-capital-partners-opportunity"
    assert slugify("a" * 50) == "a" * 40  # one word longer than a name may be: cut where it must
    fund = load_example("fund-example")
    trust, joint = (p.model_copy(update={"short_name": None}) for p in fund.purchasers[:2])
    assert joint.name.startswith("Samuel K. Whitaker and Laura J. Whitaker, as joint tenants")
    assert purchaser_slugs([trust, joint]) == ["calloway-family-revocable-trust", "samuel-k-whitaker-and-laura-j-whitaker"]


def test_document_dates():
    deal = load_example("bridge-example")
    dates = {spec.name: spec.dated(deal) for spec in documents_for(deal)}
    assert dates["escrow-agreement"] == deal.escrow.agreement_date
    assert dates["release-notice"] is None  # the bridge's notice is not yet signed: it is dated when it is
    assert [spec.kind.left_undated(deal) for spec in documents_for(deal)][:2] == [False, True]
    assert dates["note-purchase-agreement"] == deal.notes.agreement_date
    assert dates["promissory-note-chen"] == deal.notes.issue_date


# ---------------------------------------------------------------- templates


def test_builtin_templates_are_the_repository_folder():
    assert BUILTIN_TEMPLATES == TEMPLATES
    names = TemplateSet().names()
    assert {"escrow-agreement.docx", "release-notice.docx"} <= set(names)


def test_a_firm_template_replaces_the_builtin_one_by_name(tmp_path):
    make_template(tmp_path / "release-notice.docx", [("FIRM {{ company.name }}", "Normal")])
    make_template(tmp_path / "side-letter.docx", [("x", "Normal")])
    (tmp_path / "~$lease-notice.docx").write_bytes(b"Word lock file")
    templates = TemplateSet(tmp_path)
    assert templates.path("release-notice.docx") == tmp_path / "release-notice.docx"
    assert templates.path("escrow-agreement.docx") == BUILTIN_TEMPLATES / "escrow-agreement.docx"
    assert "side-letter.docx" in templates.names() and "escrow-agreement.docx" in templates.names()
    assert not any(name.startswith("~$") for name in templates.names())
    deal = load_example("roo-2005-escrow")
    data = Renderer(templates).render(deal, DocumentSpec(RELEASE_NOTICE, "release-notice"))
    assert [p.text for p in paragraphs(data)] == [f"FIRM {deal.company.name}"]


@pytest.mark.parametrize("name", ["../escrow-agreement.docx", "sub/escrow-agreement.docx", "/etc/passwd",
                                  "escrow-agreement.txt", "..\\x.docx", "", ".docx", "~$x.docx"])
def test_template_names_cannot_leave_their_folder(name):
    with pytest.raises(TemplateError):
        TemplateSet().path(name)


def test_a_missing_template_is_a_template_error(tmp_path):
    with pytest.raises(TemplateError, match="no-such.docx"):
        TemplateSet(tmp_path).path("no-such.docx")


def test_a_broken_template_file_is_a_template_error(tmp_path):
    (tmp_path / "release-notice.docx").write_bytes(b"not a zip at all")
    deal = load_example("roo-2005-escrow")
    with pytest.raises(TemplateError, match="not a Word document"):
        Renderer(TemplateSet(tmp_path)).render(deal, documents_for(deal)[1])


# ---------------------------------------------------------------- Jinja


def test_environment_is_a_strict_autoescaping_sandbox():
    env = jinja_environment()
    assert isinstance(env, SandboxedEnvironment)
    assert env.autoescape is True
    assert env.undefined is jinja2.StrictUndefined
    for name in ("amount_text", "amount_words", "amount_figures", "count_text", "percent_text", "ordinal",
                 "long_date", "day_of", "join_and", "join_or"):
        assert env.filters[name] is getattr(words, name)
    assert set(FILTERS) <= set(env.filters)
    assert env.from_string("{{ x }}").render(x="A & <B>") == "A &amp; &lt;B&gt;"
    with pytest.raises(jinja2.UndefinedError):
        env.from_string("{{ x.y }}").render(x=object())


def test_helper_filters():
    env = jinja_environment()
    deal = load_example("roo-2005-escrow")
    out = env.from_string("{{ d|month_year }}|{{ 'Escrow Agreement'|with_article }}|{{ 'Note'|with_article }}")
    assert out.render(d=deal.escrow.agreement_date) == "October, 2005|an Escrow Agreement|a Note"


def spec_with(template: str, exhibits: tuple[str, ...] = (), purchaser_index: int | None = None) -> DocumentSpec:
    kind = DocumentKind("test", "Test Document", template, called_for=lambda deal: True, dated=lambda deal: None,
                        exhibits=tuple(Exhibit(f"Exhibit {chr(65 + n)}", name) for n, name in enumerate(exhibits)))
    return DocumentSpec(kind, "test", purchaser_index)


@pytest.mark.parametrize("field, named", [
    ("{{ company.nmae }}", "nmae"),
    ("{{ compnay.name }}", "compnay"),
    ("{% for p in purchasers %}{{ p.signatory.titel }}{% endfor %}", "titel"),
    ("{{ escrow.agreement_date|long_dat }}", "long_dat"),
])
def test_a_misspelt_field_is_an_error_that_names_it(tmp_path, field, named):
    make_template(tmp_path / "broken.docx", [("The Company is " + field + ".", "Normal")])
    renderer = Renderer(TemplateSet(tmp_path))
    with pytest.raises(TemplateError) as caught:
        renderer.render(load_example("roo-2005-escrow"), spec_with("broken.docx"))
    assert named in str(caught.value)
    assert caught.value.findings[0].location.document == "broken.docx"
    assert caught.value.findings[0].code.startswith("DD3")


def test_a_filter_given_the_wrong_value_is_a_template_error(tmp_path):
    make_template(tmp_path / "t.docx", [("{{ purchasers[0].principal|amount_text }}", "Normal")])
    with pytest.raises(TemplateError, match="t.docx"):
        Renderer(TemplateSet(tmp_path)).render(load_example("roo-2005-escrow"), spec_with("t.docx"))


def test_the_sandbox_refuses_python_internals(tmp_path):
    make_template(tmp_path / "evil.docx", [("{{ company.__class__.__init__.__globals__ }}", "Normal")])
    with pytest.raises(TemplateError):
        Renderer(TemplateSet(tmp_path)).render(load_example("roo-2005-escrow"), spec_with("evil.docx"))
    make_template(tmp_path / "evil2.docx", [("{{ cycler.__init__.__globals__.os.system('true') }}", "Normal")])
    with pytest.raises(TemplateError):
        Renderer(TemplateSet(tmp_path)).render(load_example("roo-2005-escrow"), spec_with("evil2.docx"))


def test_term_sheet_text_is_never_template_source(tmp_path):
    make_template(tmp_path / "t.docx", [("{{ company.name }}", "Normal")])
    deal = load_example("roo-2005-escrow")
    sneaky = unchecked(deal, company=unchecked(deal.company, name="{{ deal.title }} {% raw %} & <w:p/>"))  # (DD002 in a
    # term sheet: a deal made in code)
    data = Renderer(TemplateSet(tmp_path)).render(sneaky, spec_with("t.docx"))
    assert [p.text for p in paragraphs(data)] == ["{{ deal.title }} {% raw %} & <w:p/>"]


# ---------------------------------------------------------------- context


def test_context_names():
    deal = load_example("bridge-example")
    spec = documents_for(deal)[0]
    context = context_for(deal, spec)
    assert context["deal"] is deal and context["company"] is deal.company
    assert context["purchasers"] == deal.purchasers
    assert context["escrow"] is deal.escrow and context["notes"] is deal.notes
    assert context["purchaser"] is None  # three purchasers, not a per-purchaser document
    assert context["form"] is False and context["exhibit"] is False
    roo = load_example("roo-2005-escrow")
    assert context_for(roo, documents_for(roo)[0])["notes"] is None


def test_per_purchaser_context_and_form():
    deal = load_example("bridge-example")
    notes = [s for s in documents_for(deal) if s.purchaser_index is not None]
    assert context_for(deal, notes[1])["purchaser"] is deal.purchasers[1]
    form = context_for(deal, documents_for(deal)[2], form=True, exhibit=True)
    assert form["form"] is True and form["exhibit"] is True and form["purchaser"] is None
    assert form["blank"] == "____________"
    single = load_example("roo-2005-note")
    assert context_for(single, documents_for(single)[0])["purchaser"] is single.purchasers[0]


# ---------------------------------------------------------------- exhibits


def test_an_exhibit_is_appended_on_a_new_page_with_its_styles(tmp_path):
    make_template(tmp_path / "main.docx", [("MAIN {{ company.name }} {{ exhibit }}", "Normal")])
    make_template(
        tmp_path / "ex.docx",
        [("EXHIBIT {{ exhibit }} {{ form }} {{ purchaser is none }}", "Exhibit Label"), ("second", "Normal")],
        extra_style="Exhibit Label",
    )
    deal = load_example("bridge-example")
    data = Renderer(TemplateSet(tmp_path)).render(deal, spec_with("main.docx", ("ex.docx",)))
    paras = paragraphs(data)
    assert [p.text for p in paras] == [f"MAIN {deal.company.name} False", "EXHIBIT True True True", "second"]
    assert paras[1].starts_page and paras[1].style == "Exhibit Label"  # style copied into the main document
    assert not paras[0].starts_page and not paras[2].starts_page


def test_styles_an_exhibit_brings_stay_in_that_document(tmp_path):
    # rendered copies share the template's unchanged parts; styles copied in for an exhibit are not shared
    import io

    from docx import Document

    from dealdocs.ooxml.package import save

    make_template(tmp_path / "main.docx", [("MAIN {{ company.name }}", "Normal")])
    make_template(tmp_path / "ex.docx", [("EXHIBIT", "Exhibit Label")], extra_style="Exhibit Label")
    deal = load_example("bridge-example")
    renderer = Renderer(TemplateSet(tmp_path))

    def styles(data: bytes) -> set[str]:
        return {style.name for style in Document(io.BytesIO(data)).styles}

    def built(exhibits: tuple[str, ...]) -> bytes:  # saved as a build saves it: the same bytes for the same content
        return save(renderer.render_document(deal, spec_with("main.docx", exhibits)))

    with_exhibit, alone = built(("ex.docx",)), built(())
    assert "Exhibit Label" in styles(with_exhibit) and "Exhibit Label" not in styles(alone)
    assert built(("ex.docx",)) == with_exhibit and built(()) == alone


def test_footers_and_footnotes_are_rendered_and_the_properties_are_the_deals(tmp_path):
    import io

    from docx import Document

    from dealdocs.ooxml.text import read
    from word_numbering import numbered_agreement

    data = numbered_agreement([("", "MAIN {{ company.name }}")], footer="Footer {{ company.name }}",
                              footnotes=("Note {{ company.name }}",))
    template = Document(io.BytesIO(data))
    template.core_properties.title = "{{ not a tag"  # the template's own properties are never read
    template.save(tmp_path / "main.docx")
    deal = load_example("bridge-example")
    renderer = Renderer(TemplateSet(tmp_path))
    for _ in range(2):  # the second from the template as first read: nothing of the first render kept
        data = renderer.render(deal, spec_with("main.docx"))
        shown = {(p.story, p.text) for p in read(data)}
        name = deal.company.name
        assert {("body", f"MAIN {name}"), ("footer", f"Footer {name}"), ("footnote", f"Note {name}")} <= shown
        assert Document(io.BytesIO(data)).core_properties.title == f"Test Document \u2013 {name}"


def test_one_purchaser_exhibit_is_not_a_form(tmp_path):
    make_template(tmp_path / "main.docx", [("MAIN", "Normal")])
    make_template(tmp_path / "ex.docx", [("{{ form }} {{ purchaser.name }}", "Normal")])
    deal = load_example("roo-2005-note")
    data = Renderer(TemplateSet(tmp_path)).render(deal, spec_with("main.docx", ("ex.docx",)))
    assert [p.text for p in paragraphs(data)][1] == f"False {deal.purchasers[0].name}"


def test_an_exhibit_with_list_numbering_is_refused(tmp_path):
    make_template(tmp_path / "main.docx", [("MAIN", "Normal")])
    make_template(tmp_path / "ex.docx", [("item", "List Number")])
    from docx import Document

    document = Document(tmp_path / "ex.docx")
    paragraph = document.paragraphs[0]._p
    paragraph.get_or_add_pPr().get_or_add_numPr().get_or_add_numId().val = 1
    document.save(tmp_path / "ex.docx")
    with pytest.raises(TemplateError, match="exhibit"):
        Renderer(TemplateSet(tmp_path)).render(load_example("roo-2005-escrow"), spec_with("main.docx", ("ex.docx",)))


# ---------------------------------------------------------------- caching and speed


def test_a_template_is_read_once_and_again_when_it_changes(tmp_path):
    path = make_template(tmp_path / "t.docx", [("first {{ company.name }}", "Normal")])
    renderer = Renderer(TemplateSet(tmp_path))
    deal = load_example("roo-2005-escrow")
    spec = spec_with("t.docx")
    assert paragraphs(renderer.render(deal, spec))[0].text.startswith("first")
    stat = path.stat()
    make_template(path, [("other {{ company.name }}", "Normal")])  # the same length: a file that looks unchanged
    if path.stat().st_size == stat.st_size:
        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
        assert paragraphs(renderer.render(deal, spec))[0].text.startswith("first")  # read once, kept
    make_template(path, [("second {{ company.name }}", "Normal")])
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert paragraphs(renderer.render(deal, spec))[0].text.startswith("second")


def test_rendering_with_a_warm_renderer_reuses_compiled_templates():
    deal = load_example("bridge-example")
    renderer = Renderer()
    spec = documents_for(deal)[0]
    first = rendered(renderer, deal, spec)  # zip entries dated alike: two renders may straddle a clock tick
    compiled: list[str] = []
    real = renderer.env.compile
    renderer.env.compile = lambda source, *args, **kwargs: compiled.append(source) or real(source, *args, **kwargs)
    assert rendered(renderer, deal, spec) == first
    assert compiled == []


def test_exhibit_pages_are_not_in_the_main_section_twice():
    deal = load_example("roo-2005-escrow")
    data = Renderer().render(deal, documents_for(deal)[0])
    from docx_helpers import open_docx

    body = open_docx(data).element.body
    assert len(body.findall(f".//{qn('w:sectPr')}")) == 1
    assert body[-1].tag == qn("w:sectPr")


def rendered(renderer: Renderer, deal, spec) -> bytes:
    """A document's bytes as a build writes them (zip entries dated alike), to compare two renders."""
    from dealdocs.ooxml.package import normalize_docx

    return normalize_docx(renderer.render(deal, spec))


def _cache_entries(folder) -> set:
    return {p.relative_to(folder) for p in folder.rglob("*.code")}


def test_compiled_templates_are_kept_on_disk_and_read_back_without_compiling(tmp_path, monkeypatch):
    monkeypatch.setenv("DEALDOCS_CACHE_DIR", str(tmp_path / "cache"))
    deal = load_example("bridge-example")
    spec = documents_for(deal)[0]
    first = rendered(Renderer(), deal, spec)
    entries = _cache_entries(tmp_path / "cache")
    assert entries, "the compiled templates were not kept"

    def no_compiling(*args, **kwargs):
        raise AssertionError("compiled again although the cache holds the code")

    fresh = Renderer()  # a new environment: nothing in memory, as in a new process
    monkeypatch.setattr(fresh.env, "compile", no_compiling)
    assert rendered(fresh, deal, spec) == first
    assert _cache_entries(tmp_path / "cache") == entries


def test_a_corrupt_or_unwritable_cache_only_costs_a_compile(tmp_path, monkeypatch):
    monkeypatch.setenv("DEALDOCS_CACHE_DIR", str(tmp_path / "cache"))
    deal = load_example("roo-2005-escrow")
    spec = documents_for(deal)[0]
    expected = rendered(Renderer(), deal, spec)
    for entry in (tmp_path / "cache").rglob("*.code"):
        entry.write_bytes(entry.read_bytes()[:7])  # a half-written file, as after a crash
    assert rendered(Renderer(), deal, spec) == expected
    (tmp_path / "blocked").write_text("a file where the folder should be")
    monkeypatch.setenv("DEALDOCS_CACHE_DIR", str(tmp_path / "blocked"))
    assert rendered(Renderer(), deal, spec) == expected


def test_an_edited_template_is_compiled_anew_not_read_from_the_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("DEALDOCS_CACHE_DIR", str(tmp_path / "cache"))
    deal = load_example("roo-2005-escrow")
    make_template(tmp_path / "t.docx", [("first {{ company.name }}", "Normal")])
    assert paragraphs(Renderer(TemplateSet(tmp_path)).render(deal, spec_with("t.docx")))[0].text.startswith("first")
    make_template(tmp_path / "t.docx", [("second {{ company.name }}", "Normal")])
    assert paragraphs(Renderer(TemplateSet(tmp_path)).render(deal, spec_with("t.docx")))[0].text.startswith("second")


def test_code_compiled_for_other_options_is_not_read(tmp_path):
    from dealdocs.render.cache import CompiledCache

    code = compile("x = 1", "<t>", "exec")
    CompiledCache("autoescape=True", tmp_path).put("{{ x }}", code)
    assert CompiledCache("autoescape=True", tmp_path).get("{{ x }}") == code
    assert CompiledCache("autoescape=False", tmp_path).get("{{ x }}") is None
    assert CompiledCache("autoescape=True", tmp_path).get("{{ y }}") is None


def test_patched_template_xml_is_kept_on_disk_and_read_back_without_patching(tmp_path, monkeypatch):
    from docxtpl import DocxTemplate

    monkeypatch.setenv("DEALDOCS_CACHE_DIR", str(tmp_path / "cache"))
    deal = load_example("bridge-example")
    spec = documents_for(deal)[0]
    first = rendered(Renderer(), deal, spec)
    kept = list((tmp_path / "cache" / "docxtpl").rglob("*.xml"))
    assert kept, "the patched XML was not kept"

    def no_patching(self, src_xml):
        raise AssertionError("patched again although the cache holds the result")

    monkeypatch.setattr(DocxTemplate, "patch_xml", no_patching)
    assert rendered(Renderer(), deal, spec) == first  # a new Renderer: nothing in memory, as in a new process


def test_a_patched_xml_entry_cut_short_is_patched_again(tmp_path, monkeypatch):
    monkeypatch.setenv("DEALDOCS_CACHE_DIR", str(tmp_path / "cache"))
    deal = load_example("roo-2005-escrow")
    spec = documents_for(deal)[0]
    expected = rendered(Renderer(), deal, spec)
    for entry in (tmp_path / "cache" / "docxtpl").rglob("*.xml"):
        entry.write_bytes(entry.read_bytes()[: len(entry.read_bytes()) // 2])  # valid text, half a document
    assert rendered(Renderer(), deal, spec) == expected


def test_patched_xml_from_another_docxtpl_version_is_not_read(tmp_path, monkeypatch):
    import docxtpl

    from dealdocs.render.cache import PatchedXmlCache

    PatchedXmlCache(tmp_path).put("<w:p>{{ x }}</w:p>", "patched")
    assert PatchedXmlCache(tmp_path).get("<w:p>{{ x }}</w:p>") == "patched"
    monkeypatch.setattr(docxtpl, "__version__", "0.0.1")
    assert PatchedXmlCache(tmp_path).get("<w:p>{{ x }}</w:p>") is None


@pytest.mark.parametrize("name", ["bridge-example.yaml", "roo-2005-escrow.yaml", "roo-2005-note.yaml"])
def test_checking_without_files_reads_the_text_a_build_writes(deals_dir, tmp_path, name):
    """`dealdocs check` reads each document still open, and so does a build, which saves it from the same XML;
    the text is that of the saved file, word for word (as Word shows it: the body, then its headers and
    footers)."""
    from dealdocs.pipeline import Builder
    from dealdocs.ooxml.text import read

    built = Builder(output_dir=tmp_path, wire_confirmed=True).build(deals_dir / name)  # no DD151: check has no record to watch
    checked = Builder(render_jobs=2).check(deals_dir / name, with_files=False)
    assert built.ok and checked.ok and built.written
    assert [d.spec.filename for d in checked.documents] == [d.spec.filename for d in built.documents]
    for document in checked.documents:
        assert document.data is None
        on_disk = tmp_path / built.deal_id / document.spec.filename
        assert document.paragraphs == [p.shown for p in read(on_disk)]
    for document in built.documents:
        assert document.paragraphs == [p.shown for p in read(tmp_path / built.deal_id / document.spec.filename)]
    assert checked.findings == built.findings


def test_checking_without_files_finds_what_checking_with_them_finds(deals_dir, tmp_path):
    """A text problem in a firm's template is found the same way whether or not the files are kept."""
    import shutil

    from docx import Document

    from dealdocs.pipeline import Builder
    from dealdocs.render.templates import BUILTIN_TEMPLATES

    firm = tmp_path / "firm"
    firm.mkdir()
    shutil.copy(BUILTIN_TEMPLATES / "release-notice.docx", firm / "release-notice.docx")
    document = Document(firm / "release-notice.docx")
    document.add_paragraph("The Escrow Agent shall shall act as set out in Section 99.")
    document.save(firm / "release-notice.docx")
    with_files = Builder(templates_dir=firm).check(deals_dir / "roo-2005-escrow.yaml")
    without = Builder(templates_dir=firm, render_jobs=2).check(deals_dir / "roo-2005-escrow.yaml", with_files=False)
    assert {"DD206", "DD208"} <= {f.code for f in without.findings}, without.findings
    assert without.findings == with_files.findings


def test_documents_rendered_in_several_processes_are_those_rendered_in_one(deals_dir):
    from dealdocs.pipeline import Builder

    one = Builder(render_jobs=1).check(deals_dir / "bridge-example.yaml")
    three = Builder(render_jobs=3).check(deals_dir / "bridge-example.yaml")
    assert [(d.spec, d.data) for d in three.documents] == [(d.spec, d.data) for d in one.documents]
    assert len(one.documents) == 7 and three.findings == one.findings


def test_a_checked_deals_documents_are_freed_at_once_not_left_for_the_collector(deals_dir):
    """python-docx's package and parts refer to each other: each of 5,000 notes' XML waited for a full collection
    (389 MB at 2,000 purchasers, 316 MB freed at once). Checked, a deal leaves no package for the collector."""
    import gc

    from dealdocs.pipeline import Builder

    builder = Builder(render_jobs=1)
    builder.check(deals_dir / "bridge-example.yaml")  # the templates read and cached: not garbage
    gc.collect()
    gc.disable()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        result = builder.check(deals_dir / "bridge-example.yaml")
        gc.collect()
        left = [type(o).__name__ for o in gc.garbage if type(o).__module__.startswith(("docx", "lxml"))]
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        gc.enable()
    assert len(result.documents) == 7 and result.ok
    assert left == []


def test_the_parts_of_a_package_are_python_docxs_in_its_order(tmp_path):
    """`ooxml.package.package_parts` walks the parts as python-docx does (their order is the order a saved file
    lists them in), without leaving its walk for the collector."""
    import io

    from docx import Document

    from dealdocs.ooxml.package import package_parts
    from word_numbering import numbered_agreement

    data = numbered_agreement([("", "MAIN")], footer="Footer", footnotes=("Note",))
    package = Document(io.BytesIO(data)).part.package
    assert [p.partname for p in package_parts(package)] == [p.partname for p in package.parts]
    assert len(package.parts) >= 6


def test_a_template_error_in_a_child_process_comes_back_as_findings(tmp_path, deals_dir):
    import shutil

    from dealdocs.pipeline import Builder

    shutil.copytree(BUILTIN_TEMPLATES, tmp_path / "firm")
    make_template(tmp_path / "firm" / "promissory-note.docx", [("{{ purchaser.principal|amount_text }}", "Normal"),
                                                               # a zero only rendering knows ('{{ 1 / 0 }}' the
                                                               # templates check finds before any render)
                                                               ("{{ 1 / (purchasers|length - purchasers|length) }}",
                                                                "Normal")])
    # seven documents, six processes: notes are rendered in children
    result = Builder(templates_dir=tmp_path / "firm", render_jobs=6).check(deals_dir / "bridge-example.yaml")
    divisions = [f for f in result.findings if "division by zero" in f.message]
    # said once, for the three documents the note template renders (two notes and the purchase agreement's exhibit)
    assert [(f.code, f.message.endswith(" (in 3 documents)")) for f in divisions] == [("DD306", True)], result.findings
    # the NPA's exhibit fails too
    assert {d.spec.name for d in result.documents} == {"escrow-agreement", "release-notice", "security-agreement"}


def test_a_table_whose_grid_docxtpl_mends_is_mended_as_before(deals_dir, tmp_path):
    """A firm's table whose rows hold more cells than its grid has columns is widened, as docxtpl widens it
    (the rendered body is parsed as a whole document only where docxtpl would leave every grid as it is)."""
    import io
    import shutil
    import zipfile

    from docx import Document
    from lxml import etree

    from dealdocs.ooxml.xml import qn
    from dealdocs.pipeline import Builder
    from dealdocs.render.templates import BUILTIN_TEMPLATES

    firm = tmp_path / "firm"
    firm.mkdir()
    shutil.copy(BUILTIN_TEMPLATES / "release-notice.docx", firm / "release-notice.docx")
    document = Document(firm / "release-notice.docx")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Wide", "{{ deal.company.name }}"
    grid = table._tbl.find(qn("w:tblGrid"))
    grid.remove(grid.findall(qn("w:gridCol"))[-1])  # one column in the grid, two cells in the row
    document.save(firm / "release-notice.docx")
    result = Builder(templates_dir=firm).check(deals_dir / "roo-2005-escrow.yaml")
    data = next(d.data for d in result.documents if d.spec.name == "release-notice")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
    [rendered] = [t for t in root.iter(qn("w:tbl")) if "Wide" in "".join(t.itertext())]
    assert len(rendered.find(qn("w:tblGrid")).findall(qn("w:gridCol"))) == 2
    assert result.deal.company.name in "".join(rendered.itertext())


_RUN_PROPERTIES = '<w:rPr><w:b/></w:rPr>'


@pytest.mark.parametrize("xml", [
    # a signature block: line breaks in one run's text, the only kind in the paragraph
    '<w:p><w:pPr><w:pStyle w:val="Signature"/></w:pPr><w:r><w:t xml:space="preserve">PURCHASER:</w:t></w:r>'
    '<w:r><w:br/></w:r><w:r><w:t xml:space="preserve">ACME LLC\n\n\nBy: ____\nName: Ann Lee\nTitle: Manager</w:t></w:r></w:p>',
    # in two runs, one with properties of its own; a paragraph without any before it
    f'<w:p><w:r><w:t>Plain</w:t></w:r></w:p><w:p><w:r>{_RUN_PROPERTIES}<w:t xml:space="preserve">A\nB</w:t></w:r>'
    '<w:r><w:t>C\nD</w:t></w:r></w:p>',
    # a tab or a new paragraph or a page among the line breaks: docxtpl's own way, with the run's properties
    f'<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r>{_RUN_PROPERTIES}<w:t xml:space="preserve">A\tB\nC</w:t></w:r></w:p>',
    f'<w:p><w:r>{_RUN_PROPERTIES}<w:t>A\aB\nC</w:t></w:r></w:p>',
    '<w:p><w:r><w:t>A\fB\nC</w:t></w:r></w:p>',
    # a line break in the markup between runs as well as in the text: only the text's is resolved
    '<w:p>\n<w:r><w:t>A\nB</w:t></w:r>\n</w:p>',
])
def test_breaks_in_a_value_are_resolved_as_docxtpl_resolves_them(xml):
    """The renderer resolves a paragraph whose only breaks are line breaks in its text without docxtpl's searches
    (5,000 signature blocks in an agreement every purchaser signs): the XML is what docxtpl makes of it."""
    from docxtpl import DocxTemplate

    from dealdocs.render.renderer import _Template

    template = object.__new__(_Template)  # what resolving reads of a template: nothing
    resolved = _Template.resolve_listing(template, xml)
    assert resolved == DocxTemplate.resolve_listing(template, xml)
    assert resolved != xml  # each has a break resolved


def test_a_template_docxtpl_renders_its_own_way_is_copied_for_each_render(tmp_path):
    # A document whose root holds more than its body (a page background) is rendered docxtpl's way, into the
    # template's own document: each render into a copy of it, so the second shows nothing of the first.
    import io

    from docx import Document
    from lxml import etree

    make_template(tmp_path / "main.docx", [("MAIN {{ purchaser.name }}", "Normal")])
    template = Document(tmp_path / "main.docx")
    background = etree.SubElement(template.element, qn("w:background"))
    background.set(qn("w:color"), "FFFFFF")
    template.element.insert(0, background)
    template.save(tmp_path / "main.docx")
    deal = load_example("bridge-example")
    renderer = Renderer(TemplateSet(tmp_path))
    from dealdocs.ooxml.package import save

    opened = [renderer.render_document(deal, spec_with("main.docx", purchaser_index=k)) for k in (0, 1)]
    for document, k in zip(opened, (0, 1)):  # both still open: the first kept as it was rendered
        data = save(document)
        body = Document(io.BytesIO(data)).element
        assert body[0].tag == qn("w:background")
        assert [p.text for p in paragraphs(data)] == [f"MAIN {deal.purchasers[k].name}"]
