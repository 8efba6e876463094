"""A note's pattern (`dealdocs.render.patterns`), and the redline's check of one note of each.

Notes are rendered from the real templates for deals generated as bench/run.py
generates them (every fifth purchaser a person); what a check of one note of
each pattern finds is compared with what the full check finds.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from test_redline import REPO, _generated_deal, engine  # noqa: F401  (engine: a fixture)
from test_template_check import broken_copy

def _notes(path: Path, templates: Path | None = None):
    from dealdocs.closing.kinds import documents_for
    from dealdocs.pipeline import Builder

    builder = Builder(templates_dir=templates)
    result = builder.load(path)
    assert result.deal is not None, result.findings
    renderer = builder.renderer(templates)
    return result.deal, renderer, [spec for spec in documents_for(result.deal) if spec.purchaser_index is not None]


def test_notes_that_differ_only_in_their_purchasers_facts_share_a_pattern(tmp_path):
    """Ten purchasers, eight companies of three kinds (each its name, address, signatory and amount) and two
    people: every company's note has one pattern, every person's another ("its successors" against "their
    successors, heirs, administrators and executors", "a Delaware ..." against "an individual")."""
    from dealdocs.render.patterns import pattern_of

    deal, renderer, notes = _notes(_generated_deal(tmp_path, "ten.yaml", 10, "100,000.00"))
    patterns = [pattern_of(renderer.source_texts(deal, spec), deal, spec) for spec in notes]
    people = {index for index, purchaser in enumerate(deal.purchasers) if purchaser.is_individual}
    assert people == {4, 9}
    assert len({patterns[i] for i in range(10) if i not in people}) == 1
    assert len({patterns[i] for i in people}) == 1
    assert patterns[0] != patterns[4]


def test_a_note_that_states_what_is_not_its_purchasers_own_has_a_pattern_of_its_own(tmp_path):
    """The second note given the third's amount in figures (its words left), or one word more anywhere, is no
    longer of the pattern the second and third share."""
    from dealdocs.render.patterns import pattern_of

    deal, renderer, notes = _notes(_generated_deal(tmp_path, "four.yaml", 4, "100,000.00"))
    second, third = (renderer.source_texts(deal, spec) for spec in notes[1:3])
    assert pattern_of(second, deal, notes[1]) == pattern_of(third, deal, notes[2])
    assert b"$101,000.00" in second[1] and b"$102,000.00" in third[1]
    amiss = [text.replace(b"$101,000.00", b"$102,000.00") for text in second]
    assert pattern_of(amiss, deal, notes[1]) != pattern_of(third, deal, notes[2])
    worded = [text.replace(b"hereby promises to pay", b"hereby promises to pay to", 1) for text in second]
    assert pattern_of(worded, deal, notes[1]) != pattern_of(third, deal, notes[2])
    assert pattern_of(second, deal, notes[1]) != pattern_of(second, deal, notes[2])  # its facts are the second's


def _checked(path: Path, templates: Path | None = None, *, by_pattern: bool):
    from dealdocs.pipeline import Builder

    builder = Builder(templates_dir=templates, render_jobs=2, texts_kept=True)
    return builder.check(path, with_files=lambda spec: spec.purchaser_index is None, with_ledger=False,
                         by_pattern=(lambda purchaser: True) if by_pattern else None)


def test_checked_by_pattern_finds_what_the_full_check_finds_and_keeps_what_a_redline_compares(tmp_path, monkeypatch):
    """Twelve purchasers, their facts clean: the agreements and the first note of each pattern (a company's, a person's) are read
    and checked; the other ten notes are rendered by Jinja alone, and keep the digest and the texts a redline
    compares, those of the full check. The findings are the full check's."""
    monkeypatch.setenv("DEALDOCS_READINGS", "off")  # each note checked here, not from what another check kept
    path = _generated_deal(tmp_path, "twelve.yaml", 12, "100,000.00")
    full, by_pattern = _checked(path, by_pattern=False), _checked(path, by_pattern=True)
    assert full.ok and by_pattern.ok
    assert [(f.code, f.message, f.location) for f in by_pattern.findings] == [
        (f.code, f.message, f.location) for f in full.findings]
    read = [d.spec.name for d in by_pattern.documents if d.paragraphs]
    notes = [d.spec.name for d in by_pattern.documents if d.spec.purchaser_index is not None]
    assert len(notes) == 12
    assert [name for name in read if name in notes] == [notes[0], notes[4]]
    assert len(read) == len(by_pattern.documents) - 10
    assert [(d.spec.name, d.source, d.source_texts()) for d in by_pattern.documents] == [
        (d.spec.name, d.source, d.source_texts()) for d in full.documents]


def test_a_redline_refuses_a_version_whose_note_of_a_pattern_has_an_error(tmp_path, engine):  # noqa: F811
    """The firm's note leaves "[to be inserted]" in a person's note alone (written so that the check of the
    template itself does not see it): the first person's note, checked as
    the first of its pattern, is a DD202 error, and the redline stops before writing anything."""
    from dealdocs.errors import FindingsError
    from dealdocs.versions import compare_versions

    firm = tmp_path / "firm"
    broken_copy(firm, "promissory-note.docx",
                ("FOR VALUE RECEIVED, ", "{% if not form and purchaser.is_individual %}{{ '[to be ' ~ 'inserted]' }} "
                                         "{% endif %}FOR VALUE RECEIVED, "))
    for other in ("escrow-agreement.docx", "release-notice.docx", "note-purchase-agreement.docx", "security-agreement.docx"):
        shutil.copyfile(REPO / "templates" / other, firm / other)
    current = _generated_deal(tmp_path, "current.yaml", 10, "100,000.00")
    earlier = _generated_deal(tmp_path, "earlier.yaml", 10, "150,000.00")
    with pytest.raises(FindingsError) as raised:
        compare_versions(current, str(earlier), templates_dir=firm, jobs=2)
    assert [(f.code, f.location.document) for f in raised.value.findings if f.is_error] == [
        ("DD202", f"promissory-note-{_short(current, 4)}.docx")]


def _counts(report) -> tuple[int, int]:
    """A redline's notes not checked, and all its notes."""
    unread, read = report.notes_read
    return unread, unread + len(read)


def _short(path: Path, index: int) -> str:
    from dealdocs.closing.kinds import documents_for
    from dealdocs.pipeline import Builder

    deal = Builder().load(path).deal
    return next(spec.name for spec in documents_for(deal) if spec.purchaser_index == index).removeprefix("promissory-note-")


def test_a_redline_checks_the_note_of_a_purchaser_whose_facts_changed(tmp_path, engine):  # noqa: F811
    """The third purchaser's street is now "c/o the Custodian" (a term its note defines nowhere): its note,
    of the pattern the first note heads, is checked all the same, since the change touches its purchaser, and
    its DD203 stops the redline (a code review: checked by pattern alone, the redline was written)."""
    import yaml

    from dealdocs.errors import FindingsError
    from dealdocs.versions import compare_versions

    earlier = _generated_deal(tmp_path, "earlier.yaml", 10, "100,000.00")
    data = yaml.safe_load(earlier.read_text(encoding="utf-8"))
    data["purchasers"][2]["address"]["street"] = ["c/o the Custodian", "102 Park Avenue"]
    current = tmp_path / "current.yaml"
    current.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    with pytest.raises(FindingsError) as raised:
        compare_versions(current, str(earlier), jobs=2)
    assert ("DD203", f"promissory-note-{_short(current, 2)}.docx") in [
        (f.code, f.location.document) for f in raised.value.findings if f.is_error]


def test_a_redline_says_how_many_notes_it_did_not_check(tmp_path, engine, monkeypatch):  # noqa: F811
    """Ten purchasers, the first one's amount changed: its note is checked, and of the other nine the first of each
    pattern (the second purchaser's, the first person's); the redline says the other seven were compared but not
    checked, and --format json counts them. The bridge example's three notes, each of a pattern of its own, are all
    checked: nothing said."""
    import json

    from test_redline import EXAMPLE, run

    monkeypatch.setenv("DEALDOCS_READINGS", "off")  # nothing kept by a check: each run checks the same notes
    current = _generated_deal(tmp_path, "current.yaml", 10, "100,000.00")
    earlier = _generated_deal(tmp_path, "earlier.yaml", 10, "150,000.00")
    text = run("redline", str(current), "--against", str(earlier), "-o", "text", cwd=tmp_path)
    assert text.returncode == 0, text.stdout + text.stderr
    assert ("> **7 of the 10 notes were compared but not checked**: each differs from a note that was checked only in "
            "its own purchaser's details") in text.stdout
    changes = (tmp_path / "text" / "current" / "redline" / "changes.md").read_text(encoding="utf-8")
    assert "7 of the 10 notes were compared but not checked" in changes.split("## Changed fields")[0]
    assert ("`dealdocs check current.yaml`, not here. Checked as `dealdocs check` checks them: every other document, "
            f"and 3 notes (promissory-note-{_short(current, 0)}, promissory-note-{_short(current, 1)}, "
            f"promissory-note-{_short(current, 4)}).") in changes
    as_json = json.loads(run("redline", str(current), "--against", str(earlier), "-o", "json", "--format", "json",
                             cwd=tmp_path).stdout)
    assert (as_json["notes_not_checked"], len(as_json["notes_checked"])) == (7, 3)
    bridge = tmp_path / "bridge-example.yaml"
    bridge.write_text(EXAMPLE.read_text(encoding="utf-8").replace("interest_rate: 12\n", "interest_rate: 11\n"),
                      encoding="utf-8")
    both = run("redline", str(bridge), "--against", str(EXAMPLE), "-o", "bridge", "--format", "json", cwd=tmp_path)
    assert both.returncode == 0 and json.loads(both.stdout)["notes_not_checked"] == 0
    said = run("redline", str(bridge), "--against", str(EXAMPLE), "-o", "b2", cwd=tmp_path).stdout
    assert "not checked" not in said
    assert "Every document of the current version was checked as `dealdocs check` checks it" in said


def test_the_same_two_versions_redlined_again_check_the_same_notes(tmp_path, engine, monkeypatch):  # noqa: F811
    """A new user's trial: the first note of each pattern, checked, was kept, and the next redline took the next
    note of its pattern as the first (197, 195, 193 ... notes not checked, run after run, until one with an error
    stopped it). Which note is the first of its pattern does not depend on what was kept."""
    from dealdocs.versions import compare_versions

    monkeypatch.setenv("DEALDOCS_CACHE_DIR", str(tmp_path / "cache"))
    current = _generated_deal(tmp_path, "current.yaml", 10, "100,000.00")
    earlier = _generated_deal(tmp_path, "earlier.yaml", 10, "150,000.00")
    said = [compare_versions(current, str(earlier), jobs=2) for _ in range(3)]
    assert {(_counts(report), report.checked) for report in said} == {((7, 10), said[0].checked)}
    firm = tmp_path / "firm"  # the command that checks the rest checks with the templates the redline used
    shutil.copytree(REPO / "templates", firm)
    assert f"`dealdocs check {current} --templates {firm}`" in compare_versions(
        current, str(earlier), templates_dir=firm, jobs=2).checked


def test_after_a_check_a_redline_checks_every_note_from_what_it_kept(tmp_path, engine, monkeypatch):  # noqa: F811
    """A second reviewer: after `dealdocs check` of the version, what it kept of each note is there to check it
    by; the redline then leaves no note unchecked, and finds what that check found in the note of a purchaser the
    change leaves alone (the second person's street "c/o the Custodian", in both versions: a DD203 in that note
    alone, which the redline, checking the first person's note for it, did not see before the check)."""
    import yaml

    from dealdocs.errors import FindingsError
    from dealdocs.pipeline import Builder
    from dealdocs.versions import compare_versions

    monkeypatch.setenv("DEALDOCS_CACHE_DIR", str(tmp_path / "cache"))
    current = _generated_deal(tmp_path, "current.yaml", 10, "100,000.00")
    earlier = _generated_deal(tmp_path, "earlier.yaml", 10, "150,000.00")
    assert _counts(compare_versions(current, str(earlier), jobs=2)) == (7, 10)
    assert Builder(render_jobs=2).check(current, with_files=False).ok
    assert _counts(compare_versions(current, str(earlier), jobs=2)) == (0, 10)

    for path in (current, earlier):  # the second person's street, in both versions: its purchaser unchanged
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        data["purchasers"][9]["address"]["street"] = ["c/o the Custodian", "19 Garden Place"]
        path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    note = f"promissory-note-{_short(current, 9)}.docx"
    monkeypatch.setenv("DEALDOCS_CACHE_DIR", str(tmp_path / "cache-2"))  # nothing kept of these versions yet
    assert _counts(compare_versions(current, str(earlier), jobs=2)) == (7, 10)  # written: the note not checked
    checked = Builder(render_jobs=2).check(current, with_files=False)
    assert ("DD203", note) in [(f.code, f.location.document) for f in checked.findings if f.is_error]
    with pytest.raises(FindingsError) as raised:  # from what the check kept of that note
        compare_versions(current, str(earlier), jobs=2)
    assert [(f.code, f.location.document) for f in raised.value.findings if f.is_error] == [("DD203", note)]
