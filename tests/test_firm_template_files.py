"""A firm's template folder is read as data: odd files are named, active content is refused.

A template in the firm's folder replaces the built-in one of its name, and
everything in its Word package goes into every document built from it. So a
file there that is not a plain Word document (a folder, a named pipe, a link
to nothing) is an error naming it, never silently replaced by the built-in
template nor opened; and macros, ActiveX controls, embedded objects, an
attached template, external links and fields that fetch from outside are
refused before anything is built, never copied into the deal's documents.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
BRIDGE = REPO / "deals" / "bridge-example.yaml"
BUILTIN = REPO / "templates" / "escrow-agreement.docx"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def dealdocs(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "dealdocs", *args], cwd=REPO, capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize("kind", ["a folder", "a named pipe", "a link to nothing"])
def test_a_firm_template_that_is_not_a_file_is_named_never_replaced_by_the_builtin(tmp_path, kind):
    firm = tmp_path / "firm"
    firm.mkdir()
    odd = firm / "escrow-agreement.docx"
    if kind == "a folder":
        odd.mkdir()
    elif kind == "a named pipe":
        os.mkfifo(odd)  # opened for reading, it would wait for a writer for ever (the timeout catches that)
    else:
        odd.symlink_to(tmp_path / "moved-away.docx")
    for command in (["templates", "check", "--templates", str(firm)], ["check", str(BRIDGE), "--templates", str(firm)],
                    ["build", str(BRIDGE), "--templates", str(firm), "-o", str(tmp_path / "out")]):
        refused = dealdocs(*command)
        said = refused.stdout + refused.stderr
        assert refused.returncode == 1, said
        assert "escrow-agreement.docx" in said and kind.split()[-1] in said, said
        assert "internal error" not in said
    assert not (tmp_path / "out").exists()


def _with(template: Path, changes: dict[str, bytes], rels: dict[str, str]) -> bytes:
    """The template's package with parts added or replaced, and relationships added (part's .rels -> XML)."""
    with zipfile.ZipFile(template) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    parts.update(changes)
    for rels_name, relationship in rels.items():
        existing = parts.get(rels_name, '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>'.encode())
        parts[rels_name] = existing.replace(b"</Relationships>", relationship.encode() + b"</Relationships>")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)
    return buffer.getvalue()


def _field(instruction: str) -> dict[str, bytes]:
    document = zipfile.ZipFile(BUILTIN).read("word/document.xml")
    field = (f'<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> {instruction} '
             '</w:instrText></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>')
    return {"word/document.xml": document.replace(b"<w:body>", b"<w:body>" + field.encode(), 1)}


W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
ACTIVE = {  # what the finding names -> (parts changed, relationships added)
    "macros": ({"word/vbaProject.bin": b"\xd0\xcf\x11\xe0 macro storage"},
               {"word/_rels/document.xml.rels": '<Relationship Id="rIdVba" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" Target="vbaProject.bin"/>'}),
    "ActiveX": ({"word/activeX/activeX1.xml": b'<ax:ocx xmlns:ax="http://schemas.microsoft.com/office/2006/activeX" ax:classid="{8BD21D40-EC42-11CE-9E0D-00AA006002F3}"/>'},
                {"word/_rels/document.xml.rels": f'<Relationship Id="rIdAx" Type="{REL}/control" Target="activeX/activeX1.xml"/>'}),
    "embedded object": ({"word/embeddings/oleObject1.bin": b"\xd0\xcf\x11\xe0 package"},
                        {"word/_rels/document.xml.rels": f'<Relationship Id="rIdOle" Type="{REL}/oleObject" Target="embeddings/oleObject1.bin"/>'}),
    "attached template": ({}, {"word/_rels/settings.xml.rels": f'<Relationship Id="rIdT" Type="{REL}/attachedTemplate" Target="https://templates.example.net/letterhead.dotm" TargetMode="External"/>'}),
    "external": ({}, {"word/_rels/document.xml.rels": f'<Relationship Id="rIdPic" Type="{REL}/image" Target="file://///fileserver.example/share/logo.png" TargetMode="External"/>'}),
    "DDEAUTO": (_field('DDEAUTO c:\\\\windows\\\\system32\\\\cmd.exe "/k calc.exe"'), {}),
    "INCLUDETEXT": (_field('INCLUDETEXT "https://example.net/clause.docx"'), {}),
    # a hostile sweep: in a part no render reads, wherever it is and however encoded, the field went into every build
    "word/glossary/document.xml": ({"word/glossary/document.xml": (
        f'<?xml version="1.0" encoding="UTF-8"?><w:glossaryDocument xmlns:w="{W}"><w:docParts><w:docPart><w:docPartBody>'
        '<w:p><w:fldSimple w:instr=\'DDEAUTO c:\\\\windows\\\\system32\\\\cmd.exe "/c calc"\'/></w:p>'
        '</w:docPartBody></w:docPart></w:docParts></w:glossaryDocument>').encode()}, {}),
    "word/sub/comments.xml": ({"word/sub/comments.xml": (
        f'<?xml version="1.0" encoding="UTF-16"?><w:comments xmlns:w="{W}"><w:comment w:id="0"><w:p><w:r>'
        '<w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>DDEAUTO cmd.exe</w:instrText></w:r><w:r>'
        '<w:fldChar w:fldCharType="end"/></w:r></w:p></w:comment></w:comments>').encode("utf-16")}, {}),
    # a code review: a field whose kind a nested field computes ({ {QUOTE 68 68 69} AUTO ... } is DDEAUTO, updated)
    "word/document.xml": ({"word/document.xml": zipfile.ZipFile(BUILTIN).read(
        "word/document.xml").replace(b"<w:body>", (
            '<w:body><w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r>'
            '<w:r><w:instrText xml:space="preserve"> QUOTE 68 68 69 </w:instrText></w:r><w:r><w:fldChar '
            'w:fldCharType="end"/></w:r><w:r><w:instrText xml:space="preserve">AUTO c:\\windows\\system32\\cmd.exe'
            '</w:instrText></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>').encode(), 1)}, {}),
    # the hostile sweep: `templates check` passed it; built, "Whitfield & Crane LLP" printed as "Whitfield  Crane LLP"
    "document type declaration": ({"word/document.xml": zipfile.ZipFile(BUILTIN).read("word/document.xml").replace(
        b"?>", b'?><!DOCTYPE w:document [<!ENTITY ext SYSTEM "file:///etc/hostname">]>', 1)}, {}),
}


@pytest.mark.parametrize("what", sorted(ACTIVE))
def test_a_firm_template_with_active_content_is_refused_before_anything_is_built(tmp_path, what):
    firm = tmp_path / "firm"
    firm.mkdir()
    changes, rels = ACTIVE[what]
    (firm / "escrow-agreement.docx").write_bytes(_with(BUILTIN, changes, rels))
    checked = dealdocs("templates", "check", "--templates", str(firm))
    assert checked.returncode == 1, checked.stdout + checked.stderr
    line = next(line for line in checked.stdout.splitlines() if "DD302" in line)
    assert "escrow-agreement.docx" in line and what in line
    built = dealdocs("build", str(BRIDGE), "--templates", str(firm), "-o", str(tmp_path / "out"))
    assert built.returncode == 1 and "DD302" in built.stdout
    assert not (tmp_path / "out").exists()


def _doctype_hidden(how: str) -> dict[str, bytes]:
    """The escrow template's main part with a DOCTYPE declaring an entity its text then uses, hidden `how`."""
    document = zipfile.ZipFile(BUILTIN).read("word/document.xml").decode("utf-8")
    head, rest = document.split("?>", 1)
    rest = rest.replace("Escrow Agent", "Escrow &ext;", 1)
    declaration = '<!DOCTYPE w:document [<!ENTITY ext "Agent">]>'
    if how == "after a long comment":
        return {"word/document.xml": (head + "?><!--" + "x" * 5_000 + "-->" + declaration + rest).encode("utf-8")}
    if how == "in UTF-32":
        return {"word/document.xml": (head.replace("UTF-8", "UTF-32") + "?>" + declaration + rest).encode("utf-32")}
    # in a main part whose name does not end in .xml: python-docx follows the relationship and the content type
    parts = {name: zipfile.ZipFile(BUILTIN).read(name) for name in ("_rels/.rels", "[Content_Types].xml")}
    return {"word/document.dat": (head + "?>" + declaration + rest).encode("utf-8"),
            "_rels/.rels": parts["_rels/.rels"].replace(b"word/document.xml", b"word/document.dat"),
            "[Content_Types].xml": parts["[Content_Types].xml"].replace(b"/word/document.xml", b"/word/document.dat")}


@pytest.mark.parametrize("how", ["after a long comment", "in UTF-32", "in a part not named .xml"])
def test_a_doctype_is_found_wherever_a_part_hides_it(tmp_path, how):
    """A review of the first check, which read the first 4 KB of each .xml part in UTF-8 or UTF-16."""
    firm = tmp_path / "firm"
    firm.mkdir()
    changes = _doctype_hidden(how)
    package = _with(BUILTIN, changes, {})
    if how == "in a part not named .xml":
        with zipfile.ZipFile(io.BytesIO(package)) as source:
            kept = {name: source.read(name) for name in source.namelist() if name != "word/document.xml"}
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
            for name, data in kept.items():
                target.writestr(name, data)
        package = buffer.getvalue()
    (firm / "escrow-agreement.docx").write_bytes(package)
    checked = dealdocs("templates", "check", "--templates", str(firm))
    line = next((line for line in checked.stdout.splitlines() if "DD302" in line), checked.stdout + checked.stderr)
    assert checked.returncode == 1 and "document type declaration" in line, line


def test_a_template_part_that_cannot_be_unpacked_is_refused_not_an_internal_error(tmp_path):
    """The scan for a DOCTYPE opens every XML part: one stored with a compression zipfile cannot unpack was an
    internal error (exit 70) for a moment; it is DD302, as it was."""
    import struct

    firm = tmp_path / "firm"
    firm.mkdir()
    with zipfile.ZipFile(BUILTIN) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for name, data in parts.items():
            target.writestr(name, data, compress_type=zipfile.ZIP_STORED if name == "docProps/core.xml" else zipfile.ZIP_DEFLATED)
    data = bytearray(buffer.getvalue())
    for signature, offset in ((b"PK\x03\x04", 8), (b"PK\x01\x02", 10)):  # the method in the local and central headers
        at = data.find(signature + bytes(data[0:0]))
        while at >= 0:
            name_at = at + (30 if signature == b"PK\x03\x04" else 46)
            if data[name_at:name_at + len(b"docProps/core.xml")] == b"docProps/core.xml":
                data[at + offset:at + offset + 2] = struct.pack("<H", 97)
            at = data.find(signature, at + 4)
    (firm / "escrow-agreement.docx").write_bytes(bytes(data))
    built = dealdocs("build", str(BRIDGE), "--templates", str(firm), "-o", str(tmp_path / "out"))
    said = built.stdout + built.stderr
    assert built.returncode == 1 and "DD302" in said and "internal error" not in said, said
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("bomb, why", [
    # 60 MB of empty paragraphs from about 100 KB: `templates check` ended in "internal error" (exit 70) at 2.8 GB
    ("<w:p/>" * 10_000_000, "compressed"),
    # 70 MB that compresses only 4 times, over the 64 MB a template may unpack to
    ("".join(f"<w:p><w:r><w:t>{n:x}</w:t></w:r></w:p>" for n in range(2_000_000)), "would unpack to"),
])
def test_a_firm_template_that_unpacks_to_too_much_is_refused_unopened(tmp_path, bomb, why):
    """The hostile sweep: a 1.8 MB template of 1.2 GB took 24 GB of memory before the system killed it."""
    firm = tmp_path / "firm"
    firm.mkdir()
    document = zipfile.ZipFile(BUILTIN).read("word/document.xml")
    (firm / "escrow-agreement.docx").write_bytes(
        _with(BUILTIN, {"word/document.xml": document.replace(b"<w:body>", b"<w:body>" + bomb.encode(), 1)}, {}))
    for command in (["templates", "check", "--templates", str(firm)],
                    ["build", str(BRIDGE), "--templates", str(firm), "-o", str(tmp_path / "out")]):
        refused = dealdocs(*command)
        line = next(line for line in refused.stdout.splitlines() if "DD302" in line)
        assert refused.returncode == 1 and "escrow-agreement.docx" in line and why in line, refused.stdout + refused.stderr
        assert "internal error" not in refused.stdout + refused.stderr
    assert not (tmp_path / "out").exists()


def test_a_plain_copy_of_a_builtin_template_and_its_links_are_accepted(tmp_path):
    firm = tmp_path / "firm"
    firm.mkdir()
    shutil.copy(BUILTIN, firm / "escrow-agreement.docx")
    (firm / "release-notice.docx").symlink_to(REPO / "templates" / "release-notice.docx")  # a shared template, linked
    hyperlink = {"word/_rels/document.xml.rels": f'<Relationship Id="rIdH" Type="{REL}/hyperlink" Target="https://www.sec.gov/" TargetMode="External"/>'}
    (firm / "note-purchase-agreement.docx").write_bytes(_with(REPO / "templates" / "note-purchase-agreement.docx", {}, hyperlink))
    checked = dealdocs("templates", "check", "--templates", str(firm))
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_the_builtin_templates_hold_no_active_content():
    from dealdocs.ooxml.active_content import active_content

    templates = sorted((REPO / "templates").glob("*.docx"))
    assert templates
    assert {t.name: active_content(t) for t in templates} == {t.name: [] for t in templates}


def test_a_firm_file_no_document_is_printed_from_is_named_with_the_template_it_may_be_meant_for(tmp_path):
    """'Escrow_Agreement.docx' is not 'escrow-agreement.docx': the built-in escrow agreement is printed, and
    `templates check`, `check` and `build` say so (a warning, DD314), naming the name to give it; a .dotx is named
    too, to be saved as a Word document. A file a document is printed from is not named, whatever its name (a link
    of a template's name to it; a disk that ignores case)."""
    firm = tmp_path / "firm"
    firm.mkdir()
    shutil.copyfile(BUILTIN, firm / "Escrow_Agreement.docx")
    master = firm / "Security Agreement (master).docx"  # used, through a link of the name documents print from
    shutil.copyfile(REPO / "templates" / "security-agreement.docx", master)
    (firm / "security-agreement.docx").symlink_to(master.name)
    (firm / "note-purchase-agreement.dotx").write_bytes(BUILTIN.read_bytes())
    (firm / "~$crow_Agreement.docx").write_bytes(b"Word's lock file")  # Word's own, while the file is open

    checked = dealdocs("templates", "check", "--templates", str(firm))
    assert checked.returncode == 0, checked.stdout + checked.stderr  # warnings only
    lines = [line for line in checked.stdout.splitlines() if "DD314" in line]
    assert len(lines) == 2, checked.stdout
    assert lines[0].startswith("Escrow_Agreement.docx: warning DD314: ")
    assert "the escrow agreement is printed from the built-in escrow-agreement.docx" in lines[0]
    assert lines[0].endswith("rename it escrow-agreement.docx")
    assert lines[1].startswith("note-purchase-agreement.dotx: warning DD314: ")
    assert "save it in Word as a Word Document (.docx) named note-purchase-agreement.docx" in lines[1]

    from dealdocs.pipeline import Builder

    result = Builder(output_dir=tmp_path / "out", templates_dir=firm).build(BRIDGE)
    assert result.ok and result.written
    assert sorted(f.location.document for f in result.findings if f.code == "DD314") == [
        "Escrow_Agreement.docx", "note-purchase-agreement.dotx"]


def test_a_templates_option_that_is_not_a_folder_is_a_usage_error():
    """The hostile sweep: `--templates /dev/null` was reported as DD300 at line 8 of the term sheet (its `title:`),
    saying /dev/null "does not exist"; the folder came from the command line."""
    for command in (["templates", "check", "--templates", "/dev/null"], ["check", str(BRIDGE), "--templates", "/dev/null"],
                    ["build", str(BRIDGE), "--templates", "/dev/null", "-o", "/dev/null/out"]):
        refused = dealdocs(*command)
        assert refused.returncode == 2, refused.stdout + refused.stderr
        assert "'/dev/null' is not a folder" in refused.stderr and "DD300" not in refused.stdout


@pytest.mark.parametrize("template", ["escrow-agreement.docx", "promissory-note.docx"])
def test_a_firm_template_without_the_bodys_page_setup_builds_on_words_default_page(tmp_path, template):
    """Word writes a body's page setup last (a w:sectPr with the page's size and margins); a template made by other
    software may leave it out. It is laid out on Word's default page (US Letter, one-inch margins): the exhibit
    appended to it, the packets and the checklist are built, not an internal error."""
    firm = tmp_path / "firm"
    shutil.copytree(REPO / "templates", firm)
    with zipfile.ZipFile(firm / template) as original:
        parts = {name: original.read(name) for name in original.namelist()}
    xml = parts["word/document.xml"].decode("utf-8")
    start, end = xml.rfind("<w:sectPr"), xml.rfind("</w:sectPr>") + len("</w:sectPr>")
    assert xml[end:].startswith("</w:body>")
    parts["word/document.xml"] = (xml[:start] + xml[end:]).encode("utf-8")
    with zipfile.ZipFile(firm / template, "w", zipfile.ZIP_DEFLATED) as changed:
        for name, data in parts.items():
            changed.writestr(name, data)
    built = dealdocs("build", str(BRIDGE), "--templates", str(firm), "-o", str(tmp_path / "out"))
    assert built.returncode == 0, built.stdout + built.stderr
    folder = tmp_path / "out" / "bridge-example"
    assert (folder / "closing-checklist.docx").is_file() and list((folder / "signature-packets").glob("*.docx"))
    from docx import Document

    stem = template.removesuffix(".docx")
    document = Document(next(p for p in sorted(folder.glob("*.docx")) if p.name.startswith(stem)))
    assert (document.sections[-1].page_width, document.sections[-1].left_margin) == (12240 * 635, 1440 * 635)
