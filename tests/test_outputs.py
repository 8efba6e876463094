"""outputs: atomic writes, build records, hand-edit protection, byte-identical zips."""

from __future__ import annotations

import io
import os
import json
import zipfile
from datetime import datetime, timezone
from pathlib import Path

import pytest

from dealdocs.errors import HandEditedError, UsageError
from dealdocs.ooxml.package import normalize_docx, packed
from dealdocs.outputs.folder import deal_folder
from dealdocs.outputs.write import BuildRecord, sha256, write_build


def _zip(entries: list[tuple[str, bytes]], when=(2024, 5, 6, 7, 8, 10)) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries:
            archive.writestr(zipfile.ZipInfo(name, date_time=when), data)
    return buffer.getvalue()


def _record() -> BuildRecord:
    return BuildRecord(dealdocs_version="test", term_sheet={"path": "deals/x.yaml", "sha256": "0" * 64, "git": None}, templates={})


def test_normalize_fixes_timestamps_and_order():
    a = _zip([("word/document.xml", b"<a/>"), ("[Content_Types].xml", b"<t/>")], when=(2020, 1, 1, 0, 0, 0))
    b = _zip([("[Content_Types].xml", b"<t/>"), ("word/document.xml", b"<a/>")], when=(2025, 12, 31, 23, 59, 58))
    assert a != b
    assert normalize_docx(a) == normalize_docx(b)
    names = zipfile.ZipFile(io.BytesIO(normalize_docx(a))).namelist()
    assert names[0] == "[Content_Types].xml"
    for info in zipfile.ZipFile(io.BytesIO(normalize_docx(a))).infolist():
        assert info.date_time == (1980, 1, 1, 0, 0, 0)


def _zipfile_writes(parts: dict[str, bytes]) -> bytes:
    """What zipfile itself writes for `parts`, normalized: the reference `packed` must match byte for byte."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in sorted(parts, key=lambda n: (n != "[Content_Types].xml", n)):
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.create_system = 0
            info.external_attr = 0o644 << 16
            archive.writestr(info, parts[name], compress_type=zipfile.ZIP_DEFLATED, compresslevel=6)
    return buffer.getvalue()


def test_packed_writes_what_zipfile_writes_with_shared_parts_deflated_once():
    styles = b"<w:styles>" + b"<w:style w:styleId='x'/>" * 20_000 + b"</w:styles>"  # shared by every note
    body = b"<w:body>" + bytes(range(256)) * 5_000 + b"</w:body>"  # over 1 MB: an agreement's own body, not kept
    for number in range(3):  # the second and third reuse the styles' entry
        parts = {"word/document.xml": f"<w:document n='{number}'/>".encode(), "word/styles.xml": styles,
                 "[Content_Types].xml": b"<Types/>", "docProps/core.xml": b"", "word/m\u00e9dia/\u00e9t\u00e9.xml": b"<x/>",
                 "word/big.xml": body}
        data = packed(parts)
        assert data == _zipfile_writes(parts)
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            assert archive.testzip() is None
            assert {name: archive.read(name) for name in archive.namelist()} == parts


@pytest.mark.parametrize("deal_id", ["../escape", "..", ".", "a/b", "/etc", "", "a\\b"])
def test_deal_ids_cannot_leave_the_output_folder(tmp_path, deal_id):
    with pytest.raises(UsageError):
        deal_folder(tmp_path, deal_id)


def test_file_names_cannot_leave_the_deal_folder(tmp_path):
    with pytest.raises(UsageError):
        write_build(tmp_path, "deal", {"../evil.docx": b"x"}, _record())
    assert not (tmp_path / "evil.docx").exists()


def test_write_records_every_file(tmp_path):
    done = write_build(tmp_path, "deal", {"a.docx": b"alpha", "packets/b.docx": b"beta"}, _record())
    written, moved = done.paths, done.moved_aside
    assert moved == []
    manifest = json.loads((tmp_path / "deal" / "manifest.json").read_text())
    assert manifest["files"] == {
        "a.docx": {"sha256": sha256(b"alpha"), "size": 5},
        "packets/b.docx": {"sha256": sha256(b"beta"), "size": 4},
    }
    assert [p.relative_to(tmp_path / "deal").as_posix() for p in written] == ["a.docx", "packets/b.docx", "manifest.json"]
    assert all(p.is_file() for p in written), "each path said written is there, the build record's last"
    assert not list(tmp_path.glob(".deal.staging-*"))


def test_rebuild_replaces_whole_folder(tmp_path):
    write_build(tmp_path, "deal", {"a.docx": b"one", "old.docx": b"gone"}, _record())
    write_build(tmp_path, "deal", {"a.docx": b"two"}, _record())
    assert (tmp_path / "deal" / "a.docx").read_bytes() == b"two"
    assert not (tmp_path / "deal" / "old.docx").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["deal"]


def test_hand_edit_stops_the_build_and_writes_nothing(tmp_path):
    write_build(tmp_path, "deal", {"a.docx": b"built", "b.docx": b"built"}, _record())
    (tmp_path / "deal" / "a.docx").write_bytes(b"lawyer's edit")
    with pytest.raises(HandEditedError) as caught:
        write_build(tmp_path, "deal", {"a.docx": b"rebuilt", "b.docx": b"rebuilt"}, _record())
    assert caught.value.paths == ["a.docx"]
    assert "a.docx" in str(caught.value) and "--force" in str(caught.value)
    assert (tmp_path / "deal" / "a.docx").read_bytes() == b"lawyer's edit"
    assert (tmp_path / "deal" / "b.docx").read_bytes() == b"built"


def test_a_foreign_file_in_the_way_is_protected_too(tmp_path):
    (tmp_path / "deal").mkdir()
    (tmp_path / "deal" / "a.docx").write_bytes(b"someone's file")
    with pytest.raises(HandEditedError):
        write_build(tmp_path, "deal", {"a.docx": b"built"}, _record())


def test_force_keeps_the_edit_in_edited_folder(tmp_path):
    write_build(tmp_path, "deal", {"a.docx": b"built"}, _record())
    (tmp_path / "deal" / "a.docx").write_bytes(b"lawyer's edit")
    now = datetime(2026, 3, 4, 15, 30, 0, tzinfo=timezone.utc)
    moved = write_build(tmp_path, "deal", {"a.docx": b"rebuilt"}, _record(), force=True, now=now).moved_aside
    assert moved == ["edited/a-20260304T153000Z.docx"]
    assert (tmp_path / "deal" / "edited" / "a-20260304T153000Z.docx").read_bytes() == b"lawyer's edit"
    assert (tmp_path / "deal" / "a.docx").read_bytes() == b"rebuilt"
    # the kept edit survives the next build, which is clean again
    write_build(tmp_path, "deal", {"a.docx": b"rebuilt again"}, _record())
    assert (tmp_path / "deal" / "edited" / "a-20260304T153000Z.docx").exists()


def test_manifest_is_deterministic(tmp_path):
    write_build(tmp_path / "one", "deal", {"a.docx": b"x", "b.docx": b"y"}, _record())
    write_build(tmp_path / "two", "deal", {"b.docx": b"y", "a.docx": b"x"}, _record())
    assert (tmp_path / "one" / "deal" / "manifest.json").read_bytes() == (tmp_path / "two" / "deal" / "manifest.json").read_bytes()


def test_stale_staging_from_a_killed_build_is_cleaned(tmp_path):
    from dealdocs.outputs.folder import STAGING_MARK

    stale = tmp_path / ".deal.staging-99999"
    stale.mkdir(parents=True)
    (stale / STAGING_MARK).touch()  # what a build killed while writing leaves
    (stale / "half.docx").write_bytes(b"half")
    write_build(tmp_path, "deal", {"a.docx": b"x"}, _record())
    assert not stale.exists()
    assert sorted(p.name for p in (tmp_path / "deal").iterdir()) == ["a.docx", "manifest.json"]  # the mark is not built


def test_empty_staging_from_a_build_killed_before_marking_it_is_cleaned(tmp_path):
    """CI, session 60: a build killed between making its staging folder and putting its mark in left an empty
    `.deal.staging-N` that every later build kept (no mark, no record). An empty folder holds nothing of anyone's."""
    write_build(tmp_path, "deal", {"a.docx": b"x"}, _record())
    (tmp_path / ".deal.staging-11923").mkdir()
    write_build(tmp_path, "deal", {"a.docx": b"y"}, _record())
    assert sorted(p.name for p in tmp_path.iterdir()) == ["deal"]


def test_a_builds_folder_is_removed_its_mark_last(tmp_path, monkeypatch):
    """A build killed while removing the previous build (its record gone first, its documents not yet) left a folder
    with neither mark nor record, kept by every later build. The mark goes in first and out last."""
    from dealdocs.outputs import folder as folder_module

    old = tmp_path / ".deal.staging-7"
    write_build(tmp_path, "built", {"a.docx": b"x", "b.docx": b"y"}, _record())
    (tmp_path / "built").rename(old)
    removed = []
    real_unlink = os.unlink
    monkeypatch.setattr(folder_module.os, "unlink", lambda path: (removed.append(Path(path).name), real_unlink(path)))
    folder_module.discard(old)
    assert not old.exists()
    assert removed[-1] == folder_module.STAGING_MARK and set(removed[:-1]) == {"a.docx", "b.docx", "manifest.json"}


def test_a_builds_folder_that_will_not_empty_keeps_its_mark_and_an_unreadable_one_is_left_alone(tmp_path, monkeypatch):
    """A code review: a file that would not be removed (open in a viewer, an NFS .nfs file) had the mark taken out
    all the same, leaving a folder no later build knew for a build's; and a staging-named folder that cannot be read
    (a colleague's, on a shared drive) stopped the build. The mark stays until the folder is otherwise empty, and a
    folder that cannot be read is left alone."""
    from dealdocs.outputs import folder as folder_module

    stuck = tmp_path / ".deal.staging-5"
    write_build(tmp_path, "built", {"a.docx": b"x", "b.pdf": b"y"}, _record())
    (tmp_path / "built").rename(stuck)
    real_unlink = os.unlink

    def unlink(path):
        if Path(path).name == "b.pdf":
            raise PermissionError("in use")
        real_unlink(path)

    monkeypatch.setattr(folder_module.os, "unlink", unlink)
    folder_module.discard(stuck)
    assert sorted(p.name for p in stuck.iterdir()) == [folder_module.STAGING_MARK, "b.pdf"]
    monkeypatch.setattr(folder_module.os, "unlink", real_unlink)
    write_build(tmp_path, "deal", {"a.docx": b"x"}, _record())  # the next build removes it
    assert not stuck.exists()
    unreadable = tmp_path / ".deal.staging-6"
    unreadable.mkdir()
    real_scandir = os.scandir
    monkeypatch.setattr(folder_module.os, "scandir",
                        lambda path=".": (_ for _ in ()).throw(PermissionError(13, "denied")) if str(path) == str(unreadable)
                        else real_scandir(path))
    write_build(tmp_path, "deal", {"a.docx": b"y"}, _record())
    assert unreadable.exists() and (tmp_path / "deal" / "a.docx").read_bytes() == b"y"


def test_an_executed_folder_set_aside_by_a_stopped_write_is_put_back_by_the_next_build(tmp_path):
    """A code review: an `executed/` write stopped between its two renames (no atomic exchange: macOS, SMB, NFS) left
    `.executed.previous-N`, which the next full build took for a stale leftover and deleted, signed pages and all.
    It is put back first."""
    from dealdocs.outputs.write import EXECUTED

    write_build(tmp_path, "deal", {"a.docx": b"x"}, _record())
    write_build(tmp_path, "deal", {"npa-signed.pdf": b"%PDF signed"}, _record(), subfolder=EXECUTED)
    (tmp_path / "deal" / EXECUTED / "countersigned-by-hand.pdf").write_bytes(b"%PDF the user's")
    os.rename(tmp_path / "deal" / EXECUTED, tmp_path / "deal" / ".executed.previous-999")
    write_build(tmp_path, "deal", {"a.docx": b"y"}, _record())
    assert sorted(p.name for p in (tmp_path / "deal" / EXECUTED).iterdir()) == [
        "countersigned-by-hand.pdf", "manifest.json", "npa-signed.pdf"]


def test_a_file_saved_into_the_deal_folder_while_the_build_writes_is_kept(tmp_path, monkeypatch):
    """A code review: a file saved into the deal folder after the build looked at it and before the new folder took
    its place (a signed PDF saved from e-mail, say) was deleted with the previous folder. It is put in the new one,
    or under edited/ where the build wrote a file of that name."""
    from dealdocs.outputs import write as write_module

    write_build(tmp_path, "deal", {"a.docx": b"x"}, _record())
    real_survey = write_module.survey

    def survey_then_save(folder, *args, **kwargs):
        found = real_survey(folder, *args, **kwargs)
        (folder / "signed-npa.pdf").write_bytes(b"%PDF signed")  # saved while the build writes
        (folder / "a.docx").write_bytes(b"typed over")  # the build writes this name: kept under edited/
        return found

    monkeypatch.setattr(write_module, "survey", survey_then_save)
    written = write_build(tmp_path, "deal", {"a.docx": b"y"}, _record(), now=datetime(2026, 3, 4, 15, 30, tzinfo=timezone.utc))
    assert (tmp_path / "deal" / "signed-npa.pdf").read_bytes() == b"%PDF signed"
    assert (tmp_path / "deal" / "a.docx").read_bytes() == b"y"
    assert (tmp_path / "deal" / "edited" / "a-20260304T153000Z.docx").read_bytes() == b"typed over"
    assert "edited/a-20260304T153000Z.docx" in written.moved_aside


def test_a_users_folder_named_like_a_builds_leftover_is_left_alone(tmp_path):
    """The hostile re-sweep: folders of the user's named `.<deal>.previous-1` and `.<deal>.staging-7` (a restored
    backup, say) were deleted by the next build, exit 0. Only what a build made (its staging mark, its record) is a
    leftover; these are kept as they are, and not put in the deal's place either."""
    write_build(tmp_path, "deal", {"a.docx": b"x"}, _record())
    for name in (".deal.previous-1", ".deal.staging-7"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "notes.txt").write_text("my only copy")
    write_build(tmp_path, "deal", {"a.docx": b"y"}, _record())
    for name in (".deal.previous-1", ".deal.staging-7"):
        assert (tmp_path / name / "notes.txt").read_text() == "my only copy"
    assert (tmp_path / "deal" / "a.docx").read_bytes() == b"y"
    fresh = tmp_path / "fresh"  # no deal folder yet: a user's "previous" folder is not taken for the deal's
    (fresh / ".deal.previous-1").mkdir(parents=True)
    (fresh / ".deal.previous-1" / "notes.txt").write_text("mine")
    write_build(fresh, "deal", {"a.docx": b"x"}, _record())
    assert (fresh / ".deal.previous-1" / "notes.txt").read_text() == "mine"
    assert sorted(p.name for p in (fresh / "deal").iterdir()) == ["a.docx", "manifest.json"]


def test_rebuild_keeps_the_redlines(tmp_path):
    write_build(tmp_path, "deal", {"a.docx": b"one"}, _record())
    redline = tmp_path / "deal" / "redline"
    redline.mkdir()
    (redline / "a-redline.docx").write_bytes(b"tracked changes")
    (redline / "changes.md").write_text("- purchasers[1].subscription: 750,000.00 -> 800,000.00\n")
    write_build(tmp_path, "deal", {"a.docx": b"two"}, _record())
    assert (redline / "a-redline.docx").read_bytes() == b"tracked changes"
    assert (redline / "changes.md").exists()
