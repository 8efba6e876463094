"""A document's reading kept between runs (`checks.readings`): a check with it finds exactly what one without it
finds, reads no document again, and an entry dealdocs did not write (or made by other code, or for another
template) is never used.

Each test has a cache folder and a key of its own (`private_cache`); documents are rendered in this process
(`render_jobs=1`), where the calls to the reader are counted.
"""

from __future__ import annotations

import os
import pickle
import shutil
import time
import zipfile
import zlib
from dataclasses import asdict
from pathlib import Path

import pytest

from dealdocs.checks import readings
from dealdocs.pipeline import Builder
from dealdocs.render import cache as cache_module
from dealdocs.render.cache import forget_key

REPO = Path(__file__).resolve().parents[1]
BRIDGE = REPO / "deals" / "bridge-example.yaml"
EXAMPLES = sorted((REPO / "deals").glob("*.yaml"))


@pytest.fixture
def private_cache(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("DEALDOCS_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    forget_key()
    yield tmp_path / "cache"
    forget_key()


@pytest.fixture
def reads(monkeypatch) -> list[str]:
    """The documents read (their text parsed for the checks: `checks.text.outline.parse`), in this process, from now on."""
    from dealdocs.checks.text import outline

    calls: list[str] = []
    parse = outline.parse

    def counted(name, paragraphs):
        calls.append(name)
        return parse(name, paragraphs)

    monkeypatch.setattr(outline, "parse", counted)
    return calls


def checked(path: Path, *, with_files: bool = False, templates: Path | None = None) -> tuple[list[dict], list[tuple]]:
    """The findings of a check of `path` and what it made of each document (its text, exhibits, signers' pages,
    digest, bytes when `with_files`)."""
    result = Builder(templates_dir=templates, render_jobs=1).check(path, with_files=with_files)
    documents = [(d.spec.filename, d.paragraphs, d.attachments, d.signature_pages, d.source, d.data)
                 for d in result.documents]
    return [asdict(f) for f in result.findings], documents


def with_slips(tmp_path: Path) -> Path:
    """The bridge example with slips its notes and agreements then carry (a doubled word, DD208) besides its own."""
    path = tmp_path / "slips.yaml"
    path.write_text(BRIDGE.read_text(encoding="utf-8").replace("      - OTCQB Venture Market", "      - the the OTCQB Venture Market"),
                    encoding="utf-8")
    return path


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_a_check_again_reads_no_document_and_finds_the_same(private_cache, reads, path):
    first = checked(path)
    assert len(reads) == len(first[1]) > 0
    del reads[:]
    assert checked(path) == first
    assert reads == []
    assert list(private_cache.glob("readings/*/*.reading"))


def test_the_set_checks_run_again_only_when_a_document_changed(private_cache, monkeypatch, tmp_path):
    """The set checks read the documents' readings alone: kept under all their keys, they are not run again for the
    same documents, and are when one of them changed (one purchaser's address): the same findings as without."""
    from dealdocs.checks import closing_set

    from test_template_check import broken_copy

    path = with_slips(tmp_path)
    firm = tmp_path / "firm"
    shutil.copytree(REPO / "templates", firm)
    broken_copy(firm, "promissory-note.docx", ("Note Purchase Agreement dated as of {{ notes.agreement_date|long_date }} among",
                                               "Note Purchase Agreement dated as of March 9, 2026 among"))
    calls: list[int] = []
    check_read = closing_set.check_read
    monkeypatch.setattr(closing_set, "check_read", lambda documents, jobs=1: calls.append(len(documents)) or check_read(documents, jobs))
    first = checked(path, templates=firm)
    assert calls == [len(first[1])]
    assert [f for f in first[0] if f["code"].startswith("DD4")], "the set has no set finding to keep"
    assert checked(path, templates=firm) == first and len(calls) == 1
    path.write_text(path.read_text(encoding="utf-8").replace("[88 Garden Place]", "[90 Garden Place]", 1), encoding="utf-8")
    changed = checked(path, templates=firm)
    assert len(calls) == 2
    assert [f for f in changed[0] if f["code"].startswith("DD4")] == [f for f in first[0] if f["code"].startswith("DD4")]


def test_findings_on_the_documents_are_found_again_from_the_kept_readings(private_cache, reads, tmp_path):
    path = with_slips(tmp_path)
    findings, documents = checked(path)
    doubled = {f["location"]["document"] for f in findings if f["code"] == "DD208"}
    assert {name for name, *_ in documents if name.startswith("promissory-note-")} <= doubled
    del reads[:]
    assert checked(path) == (findings, documents)
    assert reads == []


def test_a_build_after_a_check_saves_the_same_files_and_reads_none_again(private_cache, reads, tmp_path):
    """A build saves each document (its e-signature anchors placed) and takes its reading from the check before:
    the same findings and the same bytes as a build with nothing kept."""
    path = with_slips(tmp_path)
    built = checked(path, with_files=True)
    assert all(data for *_, data in built[1])
    del reads[:]
    assert checked(path, with_files=True) == built
    assert reads == []


def test_only_the_documents_whose_text_changed_are_read_again(private_cache, reads, tmp_path):
    """One purchaser's address changed: its note, and the agreements that give every purchaser's address, are read
    again; the other notes are not. The findings are those of a check with nothing kept."""
    path = tmp_path / "bridge-example.yaml"
    path.write_text(BRIDGE.read_text(encoding="utf-8"), encoding="utf-8")
    checked(path)
    path.write_text(path.read_text(encoding="utf-8").replace("[88 Garden Place]", "[90 Garden Place]", 1),
                    encoding="utf-8")
    del reads[:]
    findings, documents = checked(path)
    notes = [name for name, *_ in documents if name.startswith("promissory-note-")]
    assert len(notes) == 3
    assert [name for name in notes if name in reads] == ["promissory-note-chen.docx"]
    assert "note-purchase-agreement.docx" in reads
    forget_key()
    os.environ["XDG_STATE_HOME"] = str(tmp_path / "another-user")  # another key: nothing kept is read
    del reads[:]
    assert checked(path) == (findings, documents)
    assert len(reads) == len(documents)


def test_a_planted_entry_is_never_unpickled(private_cache, reads, tmp_path):
    """Whoever can write the cache folder plants a pickle that runs code when loaded, alone or after an entry's
    signature: it is never loaded (its signature does not match), and each document is read again."""
    findings, documents = checked(BRIDGE)
    entries = sorted(private_cache.glob("readings/*/*.reading"))
    assert len(entries) == len(documents) + 1  # and the set checks' findings
    marker = tmp_path / "planted-code-ran"

    class Planted:
        def __reduce__(self):
            return open, (str(marker), "w")  # unpickling it creates the file

    planted = zlib.compress(pickle.dumps(Planted()))
    for keep in (0, 32):
        for entry in entries:
            entry.write_bytes(entry.read_bytes()[:keep] + planted)
        del reads[:]
        assert checked(BRIDGE) == (findings, documents)
        assert not marker.exists()
        assert len(reads) == len(documents)


def test_a_reading_made_by_other_code_is_not_used(private_cache, reads, monkeypatch):
    """The package's digest is part of each entry's name: a check edited since is never given the reading the
    code before it made."""
    first = checked(BRIDGE)
    monkeypatch.setattr(readings, "_code", ["the digest of another version of the package"])
    del reads[:]
    assert checked(BRIDGE) == first
    assert len(reads) == len(first[1])


def test_a_template_file_changed_outside_its_text_is_read_again(private_cache, reads, tmp_path):
    """A firm's note template whose file changed where no text is (its styles, its numbering: here the zip's
    comment): the notes, and the purchase agreement that attaches the form of note, are read again; no other."""
    firm = tmp_path / "firm"
    shutil.copytree(REPO / "templates", firm)
    first = checked(BRIDGE, templates=firm)
    with zipfile.ZipFile(firm / "promissory-note.docx", "a") as package:
        package.comment = b"saved again"
    del reads[:]
    assert checked(BRIDGE, templates=firm) == first
    assert sorted(reads) == sorted(name for name, *_ in first[1]
                                   if name.startswith("promissory-note-") or name == "note-purchase-agreement.docx")


def test_the_readings_used_are_touched_and_those_used_longest_ago_go_first(private_cache):
    """The folder is kept under its limit (`readings.LIMIT`): a check touches each entry it uses, and pruning
    deletes the entries used longest ago until three quarters of the limit is left."""
    first = checked(BRIDGE)
    entries = sorted(private_cache.glob("readings/*/*.reading"))
    long_ago = time.time() - 30 * 86400
    for entry in entries:
        os.utime(entry, (long_ago, long_ago))
    assert checked(BRIDGE) == first
    assert all(entry.stat().st_mtime > long_ago + 86400 for entry in entries)  # each used again: touched

    for age, entry in enumerate(entries):  # the first used most recently
        os.utime(entry, (long_ago - age * 60, long_ago - age * 60))
    sizes = [entry.stat().st_size for entry in entries]
    cache = readings.ReadingCache(private_cache / "readings")
    hour = time.time()
    left_midway = entries[0].with_name(".left-midway.tmp")  # a writer killed before its entry was in place
    left_midway.write_bytes(b"x")
    os.utime(left_midway, (long_ago, long_ago))
    cache.prune(limit=sum(sizes), now=hour + 3600)
    assert all(entry.exists() for entry in entries) and not left_midway.exists()  # within the limit
    limit = sum(sizes) - 1
    cache.prune(limit=limit, now=hour + 3700)
    assert all(entry.exists() for entry in entries)  # pruned within the hour: not again
    cache.prune(limit=limit, now=hour + 2 * 3600 + 1)
    kept = [entry for entry in entries if entry.exists()]
    assert kept == entries[: len(kept)] and 0 < len(kept) < len(entries)  # the most recently used stay
    assert sum(sizes[: len(kept)]) <= limit * 3 // 4 < sum(sizes[: len(kept) + 1])


def test_a_reading_says_nothing_without_the_users_key(private_cache, tmp_path):
    """A reading holds the documents' text; a cache folder copied, shared or saved by a CI job without the key (in
    the user's private state folder) gives none of it: no entry holds the wire's account number, the purchasers'
    names or a paragraph of the agreement, plain or zlib-compressed."""
    path = REPO / "deals" / "roo-2005-escrow.yaml"
    _, documents = checked(path)
    entries = list(private_cache.glob("readings/*/*.reading"))
    assert entries
    account = "37317968"
    assert account in "\n".join(p for _, paragraphs, *_ in documents for p in paragraphs)
    words = [account.encode(), documents[0][1][1][:40].encode()]
    for entry in entries:
        data = entry.read_bytes()
        texts = [data]
        for start in range(0, 64):
            try:
                texts.append(zlib.decompress(data[start:]))
            except zlib.error:
                pass
        assert not any(word in text for word in words for text in texts), entry


def test_with_readings_off_none_is_kept_nor_read(private_cache, reads, monkeypatch):
    monkeypatch.setenv("DEALDOCS_READINGS", "off")
    first = checked(BRIDGE)
    assert not list(private_cache.glob("readings/*/*.reading"))
    monkeypatch.delenv("DEALDOCS_READINGS")
    checked(BRIDGE)
    del reads[:]
    monkeypatch.setenv("DEALDOCS_READINGS", "off")
    assert checked(BRIDGE) == first
    assert len(reads) == len(first[1])  # kept since, but not read


def test_an_entry_that_is_not_a_file_dealdocs_wrote_is_passed_by(private_cache, reads):
    """A named pipe in an entry's place (which a reader would wait on for ever), or a file far larger than an entry,
    is not read: each document is read again, with the same findings."""
    first = checked(BRIDGE)
    entries = sorted(private_cache.glob("readings/*/*.reading"))
    for number, entry in enumerate(entries):
        entry.unlink()
        if number % 2:
            os.mkfifo(entry)
        else:
            with open(entry, "wb") as file:
                file.truncate(cache_module.MAX_ENTRY + 1)  # sparse: no disk taken
    del reads[:]
    assert checked(BRIDGE) == first
    assert len(reads) == len(first[1])


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_a_document_built_from_what_jinja_rendered_first_is_the_one_jinja_renders_in_it(path):
    """`check` renders a document's text first (its digest names its reading), then builds the document from that
    text (`render_document(given=...)`): the same bytes, saved, as a document rendered in one step, exhibits too."""
    from dealdocs.closing.kinds import documents_for
    from dealdocs.ooxml.package import save

    builder = Builder()
    result = builder.load(path)
    renderer = builder.renderer(builder.templates_for(result))
    specs = documents_for(result.deal)
    assert any(spec.kind.exhibits for spec in specs) or not result.deal.notes
    compiled = renderer.env.from_string
    for spec in specs:
        texts = renderer.source_texts(result.deal, spec)
        rendered: list[str] = []
        renderer.env.from_string = lambda source, *args, **kwargs: rendered.append(source) or compiled(source, *args, **kwargs)
        try:
            built = save(renderer.render_document(result.deal, spec, given=texts))
        finally:
            renderer.env.from_string = compiled
        assert rendered == [], f"{spec.filename}: Jinja rendered again"
        assert built == save(renderer.render_document(result.deal, spec)), spec.filename
