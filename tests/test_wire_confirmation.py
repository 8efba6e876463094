"""Changed wire instructions stop every build until someone records that they confirmed them.

Changed wire details are the classic closing fraud: a warning printed once and
silent on the next build protects nobody. The deal's build record keeps the
details last confirmed, who confirmed them and when.
"""

from __future__ import annotations

import getpass
import hashlib
import json
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
BRIDGE = REPO / "deals" / "bridge-example.yaml"
NEW_BANK = BRIDGE.read_text().replace("bank: First Harbor Bank, N.A.", "bank: Harbour First Bank, N.A.")


def dealdocs(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "dealdocs", *args], cwd=cwd, capture_output=True, text=True, timeout=120)


def codes(completed: subprocess.CompletedProcess) -> set[str]:
    return {word for line in (completed.stdout + completed.stderr).splitlines() for word in line.replace(":", " ").split() if word.startswith("DD15")}


def test_a_changed_wire_stops_every_build_until_it_is_confirmed(tmp_path):
    term_sheet = tmp_path / "bridge-example.yaml"
    term_sheet.write_bytes(BRIDGE.read_bytes())
    out = tmp_path / "output"
    first = dealdocs("build", str(term_sheet), "-o", str(out), cwd=tmp_path)
    assert first.returncode == 0, first.stdout + first.stderr
    assert codes(first) == {"DD151"} and "have not been confirmed" in first.stdout  # never confirmed: said on every build
    assert "new details" not in first.stdout and "Then record it: dealdocs confirm-wire" in first.stdout  # nothing changed
    # a new user's trial: a changed wire built into a fresh folder was only this warning; it now says what it cannot see
    assert f"No build of this deal is recorded in {out} yet: a change of the wire since a build into another folder " \
           "cannot be seen here." in " ".join(first.stdout.split())
    again = dealdocs("build", str(term_sheet), "-o", str(out), cwd=tmp_path)
    assert codes(again) == {"DD151"} and "No build of this deal is recorded" not in again.stdout
    built = (out / "bridge-example" / "escrow-agreement.docx").read_bytes()

    term_sheet.write_text(NEW_BANK)
    for command in ("build", "build", "check"):  # the second build says it again: nobody confirmed anything
        stopped = dealdocs(command, str(term_sheet), "-o", str(out), cwd=tmp_path)
        assert stopped.returncode == 1, stopped.stdout + stopped.stderr
        line = next(line for line in stopped.stdout.splitlines() if "DD150" in line)
        assert "error DD150: escrow.wire: WIRE INSTRUCTIONS CHANGED since the last build, and they were never confirmed" in line
        assert "bank: 'First Harbor Bank, N.A.' -> 'Harbour First Bank, N.A.'" in line
        assert "closing fraud" in line and f"dealdocs confirm-wire {term_sheet.name}" in line
        assert (out / "bridge-example" / "escrow-agreement.docx").read_bytes() == built  # nothing written

    confirmed = dealdocs("confirm-wire", str(term_sheet), "-o", str(out), "--by", "A. Associate",
                         "--note", "called J. Smith at the escrow agent on the number in our file", cwd=tmp_path)
    assert confirmed.returncode == 0, confirmed.stdout + confirmed.stderr
    assert "confirmed by A. Associate" in confirmed.stdout and "Harbour First Bank, N.A." in confirmed.stdout
    record = json.loads((out / "bridge-example" / "manifest.json").read_text())["wire_confirmed"]
    assert record["details"]["bank"] == "Harbour First Bank, N.A." and record["by"] == "A. Associate"
    assert record["note"].startswith("called J. Smith") and record["at"].endswith("Z")

    for command in ("build", "check", "build"):
        clean = dealdocs(command, str(term_sheet), "-o", str(out), cwd=tmp_path)
        assert clean.returncode == 0 and not codes(clean), clean.stdout + clean.stderr
    manifest = json.loads((out / "bridge-example" / "manifest.json").read_text())
    assert manifest["wire_confirmed"] == record and manifest["wire_instructions"]["bank"] == "Harbour First Bank, N.A."
    checklist = " ".join((out / "bridge-example" / "closing-checklist.md").read_text(encoding="utf-8").split())
    assert "(confirmed by A. Associate: called J. Smith at the escrow agent on the number in our file)" in checklist

    term_sheet.write_text(BRIDGE.read_text())  # back to the old bank: a change from what was confirmed
    reverted = dealdocs("build", str(term_sheet), "-o", str(out), cwd=tmp_path)
    assert reverted.returncode == 1 and "since they were confirmed by A. Associate on " in reverted.stdout


def test_the_starters_example_account_built_then_replaced_is_no_change_of_wire(tmp_path):
    """A new user's trial: the starter built as `init` wrote it (to see the documents), then its example routing and
    account numbers replaced by the deal's own, stopped every check with DD150 "WIRE INSTRUCTIONS CHANGED", a
    suspected fraud, for details nobody was ever sent. Still not confirmed (DD151); a change after that is one."""
    assert dealdocs("init", "bridge-example", cwd=tmp_path).returncode == 0
    term_sheet = tmp_path / "deals" / "bridge-example.yaml"
    out = tmp_path / "output"
    assert dealdocs("build", str(term_sheet), "-o", str(out), cwd=tmp_path).returncode == 0  # the starter, as written
    term_sheet.write_text(BRIDGE.read_text())  # then filled in: the deal's own names, amounts and wire
    filled = dealdocs("check", str(term_sheet), "-o", str(out), cwd=tmp_path)
    assert filled.returncode == 0 and codes(filled) == {"DD151"}, filled.stdout + filled.stderr
    assert dealdocs("build", str(term_sheet), "-o", str(out), cwd=tmp_path).returncode == 0
    term_sheet.write_text(NEW_BANK)
    changed = dealdocs("check", str(term_sheet), "-o", str(out), cwd=tmp_path)
    assert changed.returncode == 1 and "DD150" in codes(changed), changed.stdout + changed.stderr


def test_build_with_wire_confirmed_records_who_and_when(tmp_path):
    term_sheet = tmp_path / "bridge-example.yaml"
    term_sheet.write_bytes(BRIDGE.read_bytes())
    out = tmp_path / "output"
    built = dealdocs("build", str(term_sheet), "-o", str(out), "--wire-confirmed", cwd=tmp_path)
    assert built.returncode == 0 and not codes(built), built.stdout + built.stderr
    record = json.loads((out / "bridge-example" / "manifest.json").read_text())["wire_confirmed"]
    assert record["by"] == getpass.getuser() and record["details"]["bank"] == "First Harbor Bank, N.A."
    term_sheet.write_text(NEW_BANK)
    assert dealdocs("build", str(term_sheet), "-o", str(out), cwd=tmp_path).returncode == 1
    assert dealdocs("build", str(term_sheet), "-o", str(out), "--wire-confirmed", cwd=tmp_path).returncode == 0


def test_confirming_before_the_first_build_and_checking_before_any(tmp_path):
    term_sheet = tmp_path / "bridge-example.yaml"
    term_sheet.write_bytes(BRIDGE.read_bytes())
    out = tmp_path / "output"
    checked = dealdocs("check", str(term_sheet), "-o", str(out), cwd=tmp_path)
    assert checked.returncode == 0 and not codes(checked)  # nothing built, nothing confirmed: nothing to compare
    assert dealdocs("confirm-wire", str(term_sheet), "-o", str(out), cwd=tmp_path).returncode == 0
    built = dealdocs("build", str(term_sheet), "-o", str(out), cwd=tmp_path)
    assert built.returncode == 0 and not codes(built), built.stdout + built.stderr
    assert "manifest.json" not in [p.relative_to(out).as_posix() for p in out.rglob("edited/*")]


def test_confirm_wire_refuses_a_record_it_cannot_read_and_a_deal_without_escrow(tmp_path):
    term_sheet = tmp_path / "bridge-example.yaml"
    term_sheet.write_bytes(BRIDGE.read_bytes())
    (tmp_path / "output" / "bridge-example").mkdir(parents=True)
    (tmp_path / "output" / "bridge-example" / "manifest.json").write_text("[1, 2, 3]")
    refused = dealdocs("confirm-wire", str(term_sheet), "-o", str(tmp_path / "output"), cwd=tmp_path)
    assert refused.returncode == 1 and "cannot be read" in refused.stderr and "--force" in refused.stderr
    assert (tmp_path / "output" / "bridge-example" / "manifest.json").read_text() == "[1, 2, 3]"
    no_escrow = dealdocs("confirm-wire", str(REPO / "deals" / "roo-2005-note.yaml"), "-o", str(tmp_path / "o"), cwd=tmp_path)
    assert no_escrow.returncode == 2 and "no wire instructions" in no_escrow.stderr


def test_a_confirmation_by_or_note_of_more_than_one_plain_line_is_a_usage_error(tmp_path):
    """The hostile sweep: `--by $'evil\\nname'` and a right-to-left override in `--note` went into the build record
    as written, where a reader would see another name or note than the one recorded."""
    for option, value, said in (("--by", "evil\nname", "a line break inside it"),
                                ("--note", "called x\u202e", "bidirectional control character (U+202E)")):
        refused = dealdocs("confirm-wire", str(BRIDGE), "-o", str(tmp_path / "out"), option, value, cwd=tmp_path)
        assert refused.returncode == 2 and said in refused.stderr, refused.stderr
    assert not (tmp_path / "out").exists()
    # the joiners and marks names in other scripts need are a term sheet's text too (a review: they were refused)
    kept = dealdocs("confirm-wire", str(BRIDGE), "-o", str(tmp_path / "out"), "--by", "Mohammad\u200cReza", cwd=tmp_path)
    assert kept.returncode == 0, kept.stdout + kept.stderr


def test_a_confirmed_wire_is_the_checklists_wire_callback_done_until_the_wire_changes(tmp_path):
    """A new user's trial: after `confirm-wire` and a rebuild, `status` still listed "wire-callback ... (overdue)
    ... company counsel records it (dealdocs confirm-wire)", and the checklist had it open."""
    import getpass
    from datetime import date, datetime, timezone

    from docx_helpers import text_of

    from dealdocs.words import long_date

    term_sheet = tmp_path / "bridge-example.yaml"
    term_sheet.write_bytes(BRIDGE.read_bytes())
    out = tmp_path / "output"
    before = dealdocs("status", str(term_sheet), "-o", str(out), cwd=tmp_path)
    assert "wire-callback:" in before.stdout  # outstanding
    assert dealdocs("build", str(term_sheet), "-o", str(out), "--wire-confirmed", cwd=tmp_path).returncode == 0
    # --wire-confirmed names no one: the login name ("root") stays in the build record, off the checklist that goes
    # round (a partner's read); and the fraud control is not "Done" with no record of who called whom at which
    # number (two partners' reads, session 61): outstanding until someone records it
    anonymous = json.loads(dealdocs("status", str(term_sheet), "-o", str(out), "--format", "json", cwd=tmp_path).stdout)
    assert [d["status"] for d in anonymous["deliverables"] if d["name"] == "wire-callback"] == ["outstanding"]
    checklist = " ".join(text_of((out / "bridge-example" / "closing-checklist.docx").read_bytes()).split())
    assert ("Before closing (March 4, 2026) Outstanding: confirmed, with no record of who called whom at which number: "
            "record it with dealdocs confirm-wire --by NAME --note WHAT") in checklist
    assert f"recorded by {getpass.getuser()}" not in checklist and f"confirmed by {getpass.getuser()}" not in checklist
    record = json.loads((out / "bridge-example" / "manifest.json").read_text())
    assert (record["wire_confirmed"]["by"], record["wire_confirmed"]["named"]) == (getpass.getuser(), False)
    named = dealdocs("confirm-wire", str(term_sheet), "-o", str(out), "--by", "A. Associate", "--note",
                     "called J. Smith at the escrow agent on the number in our file", cwd=tmp_path)
    assert named.returncode == 0, named.stdout + named.stderr
    assert dealdocs("build", str(term_sheet), "-o", str(out), cwd=tmp_path).returncode == 0
    today = datetime.now(timezone.utc).astimezone().date()  # the day on this computer's clock
    after = json.loads(dealdocs("status", str(term_sheet), "-o", str(out), "--format", "json", cwd=tmp_path).stdout)
    [callback] = [d for d in after["deliverables"] if d["name"] == "wire-callback"]
    assert callback["status"] == "done" and callback["done_on"] == today.isoformat(), callback
    shown = dealdocs("status", str(term_sheet), "-o", str(out), cwd=tmp_path).stdout
    assert "wire-callback: due" not in shown  # not outstanding
    if today > date(2026, 3, 4):  # not outstanding; done after it was due, as the checklist says
        assert f"  wire-callback: done {long_date(today)}, after it was due (March 4, 2026)\n" in shown, shown
    # and the line on there being no ledger says so, not "everything is outstanding" (a later new user's trial)
    but = ("every signature, payment and deliverable is outstanding except the telephone confirmation of the wire "
           "instructions, recorded as done")
    assert f"no closing ledger yet (bridge-example.closing.yaml): {but}" in shown, shown
    checklist = text_of((out / "bridge-example" / "closing-checklist.docx").read_bytes())
    # who confirmed them, and (a partner's read: "Done December 4, 2026" for a call due before a March closing) a
    # confirmation recorded after its due day said to be late
    late = ", after it was due (March 4, 2026)" if today > date(2026, 3, 4) else ""
    assert (f"(confirms them and records whom it called and when) Before closing (March 4, 2026) Done "
            f"{long_date(today)} (confirmed by A. Associate: called J. Smith at the escrow agent on the number in our "
            f"file){late}") in " ".join(checklist.split())
    assert f"Nothing recorded yet: {but}." in " ".join(checklist.split())
    term_sheet.write_text(NEW_BANK)  # another bank: that confirmation no longer holds
    changed = json.loads(dealdocs("status", str(term_sheet), "-o", str(out), "--format", "json", cwd=tmp_path).stdout)
    assert [d["status"] for d in changed["deliverables"] if d["name"] == "wire-callback"] == ["outstanding"]


def test_a_swift_bic_code_given_changed_or_taken_out_is_a_wire_change_and_an_old_record_is_not():
    """The receiving bank's SWIFT/BIC code is a wire detail a purchaser abroad wires by: watched as the others are.
    A record made before the field existed (no code in it) is no change for a deal that gives none."""
    from dealdocs.closing.wire import wire_changes

    old = {"bank": "First Harbor Bank, N.A.", "aba_routing_number": "021000021", "account_number": "1"}
    assert wire_changes(old, dict(old)) == []
    given = [c.line for c in wire_changes(old, {**old, "swift_bic": "FHBKUS33"})]
    assert given == ["escrow.wire.swift_bic (SWIFT/BIC code):  -> FHBKUS33"]
    assert [c.name for c in wire_changes({**old, "swift_bic": "FHBKUS33"}, {**old, "swift_bic": "FHBKUS3N"})] == ["swift_bic"]
    assert [c.name for c in wire_changes({**old, "swift_bic": "FHBKUS33"}, old)] == ["swift_bic"]  # taken out


def test_a_new_swift_bic_code_stops_the_build_until_confirmed(tmp_path):
    term_sheet = tmp_path / "bridge-example.yaml"
    term_sheet.write_bytes(BRIDGE.read_bytes())
    out = tmp_path / "output"
    assert dealdocs("build", str(term_sheet), "-o", str(out), cwd=tmp_path).returncode == 0
    term_sheet.write_text(BRIDGE.read_text().replace("  wire:\n", "  wire:\n    swift_bic: FHBKUS33\n", 1))
    stopped = dealdocs("build", str(term_sheet), "-o", str(out), cwd=tmp_path)
    assert stopped.returncode == 1 and "DD150" in codes(stopped), stopped.stdout
    assert "swift_bic: '' -> 'FHBKUS33'" in stopped.stdout


def test_a_changed_wire_is_caught_whichever_folder_the_command_is_run_from(tmp_path):
    """A new user's trial: built from the repository's top, the deal's record is in its output/; a check run from
    deals/ read deals/output, found no record, and a wire changed after its confirmation passed, exit 0. The record
    is now looked for beside the term sheet and above it, up to the repository's top, to measure a change against;
    its confirmation counts only in the output folder used (a received folder could bring one)."""
    (tmp_path / ".git").mkdir()  # the top of a repository
    deals = tmp_path / "deals"
    deals.mkdir()
    term_sheet = deals / "bridge-example.yaml"
    term_sheet.write_bytes(BRIDGE.read_bytes())
    out = tmp_path / "output"
    built = dealdocs("build", "deals/bridge-example.yaml", "--wire-confirmed", cwd=tmp_path)
    assert built.returncode == 0, built.stdout + built.stderr
    assert (out / "bridge-example" / "manifest.json").is_file()
    unchanged = dealdocs("check", "bridge-example.yaml", cwd=deals)
    assert unchanged.returncode == 0 and codes(unchanged) == {"DD151"}, unchanged.stdout + unchanged.stderr
    said = " ".join(unchanged.stdout.split())
    assert (f"the wire instructions have not been confirmed in output, the output folder used: the deal's build "
            f"recorded in {out} has them confirmed by") in said
    # a new user's trial: only "confirm them, then confirm-wire -o <the folder that holds the confirmation>"
    assert ("but a confirmation counts only in the output folder used, so that a folder received from someone else "
            f"cannot bring one. If {out} is your own, give it: -o {out} (or run the command from the folder you built "
            "the deal from); if it is not, confirm them yourself.") in said

    term_sheet.write_text(NEW_BANK)
    checked = dealdocs("check", "bridge-example.yaml", cwd=deals)
    assert checked.returncode == 1 and codes(checked) == {"DD150"}, checked.stdout + checked.stderr
    assert f"(as the deal's build recorded in {out} says) (bank: 'First Harbor Bank, N.A.' -> " in " ".join(checked.stdout.split())
    assert not (deals / "output").exists()  # read, nothing written there
    refused = dealdocs("confirm-wire", "bridge-example.yaml", "--by", "A. Associate", cwd=deals)
    assert refused.returncode == 2 and f"the deal is built in {out}, not in output: run this with -o {out}" in \
        " ".join(refused.stderr.split()), refused.stdout + refused.stderr
    assert not (deals / "output").exists()
    confirmed = dealdocs("confirm-wire", "bridge-example.yaml", "-o", str(out), "--by", "A. Associate", cwd=deals)
    assert confirmed.returncode == 0, confirmed.stdout + confirmed.stderr
    again = dealdocs("check", "deals/bridge-example.yaml", cwd=tmp_path)
    assert again.returncode == 0 and not codes(again), again.stdout + again.stderr
    here = dealdocs("check", "bridge-example.yaml", cwd=deals)  # the new details measured against the record above
    assert here.returncode == 0 and codes(here) == {"DD151"}, here.stdout + here.stderr


def test_the_advice_quotes_a_folder_with_a_space_as_a_shell_reads_it(tmp_path):
    """A code review: "-o /home/me/my deals/output" in DD150's advice, copied, recorded into the wrong folder."""
    top = tmp_path / "my deals"
    (top / ".git").mkdir(parents=True)
    (top / "deals").mkdir()
    (top / "deals" / "bridge-example.yaml").write_bytes(BRIDGE.read_bytes())
    assert dealdocs("build", "deals/bridge-example.yaml", "--wire-confirmed", cwd=top).returncode == 0
    (top / "deals" / "bridge-example.yaml").write_text(NEW_BANK)
    checked = dealdocs("check", "bridge-example.yaml", cwd=top / "deals")
    said = " ".join(checked.stdout.split())
    quoted = shlex.quote(str(top / "output"))
    assert checked.returncode == 1 and quoted.startswith("'"), said
    assert f"record it: dealdocs confirm-wire bridge-example.yaml -o {quoted} (or build with -o {quoted} --wire-confirmed)" in said
    advice = shlex.split(said.split("record it: ")[1].split(" (or build")[0])
    assert dealdocs(*advice[1:], "--by", "A. Associate", cwd=top / "deals").returncode == 0  # followed, it works
    assert dealdocs("check", "bridge-example.yaml", cwd=top / "deals").returncode == 0


def test_a_received_folder_with_a_build_record_in_it_confirms_nothing(tmp_path):
    """The record looked for above the term sheet may be a received folder's own output/: a change against it is
    said, but its confirmation never passes for the user's."""
    received = tmp_path / "received"
    (received / "output" / "bridge-example").mkdir(parents=True)
    term_sheet = received / "bridge-example.yaml"
    term_sheet.write_text(NEW_BANK)
    forged = dealdocs("confirm-wire", str(term_sheet), "-o", str(received / "output"), "--by", "Someone Else", cwd=tmp_path)
    assert forged.returncode == 0, forged.stdout + forged.stderr
    mine = tmp_path / "mine"
    mine.mkdir()
    checked = dealdocs("check", str(term_sheet), cwd=mine)
    assert checked.returncode == 0 and codes(checked) == {"DD151"}, checked.stdout + checked.stderr
    # the advice never has the user record into the received folder: confirmed by them, built with it, into their own
    assert "if it is not, confirm them yourself." in " ".join(checked.stdout.split())
    assert ("Then build with --wire-confirmed, which records your confirmation with the build in output."
            in " ".join(checked.stdout.split()))
    built = dealdocs("build", str(term_sheet), cwd=mine)
    assert codes(built) == {"DD151"} and "counts only in the output folder used" in " ".join(built.stdout.split())
    record = json.loads((mine / "output" / "bridge-example" / "manifest.json").read_text())
    assert record.get("wire_confirmed") is None  # the received confirmation not carried into the user's build


def test_the_starters_example_wire_details_cannot_be_confirmed(tmp_path):
    """A new user's trial: `init`, then `confirm-wire` on the starter's Example Bank account, "confirmed by root";
    the checklist then showed the call-back done."""
    made = dealdocs("init", "acme-2026-notes", "--dir", str(tmp_path / "deals"), cwd=tmp_path)
    assert made.returncode == 0, made.stdout + made.stderr
    [sheet] = (tmp_path / "deals").glob("*.yaml")
    refused = dealdocs("confirm-wire", str(sheet), "-o", str(tmp_path / "output"), cwd=tmp_path)
    assert refused.returncode == 2, refused.stdout + refused.stderr
    assert "still gives the starter's example wire details (account 1234567890 at Example Bank, N.A.), which no one " \
           "can have confirmed" in " ".join(refused.stderr.split())
    assert not (tmp_path / "output").exists()


def built_in_a_repository(top: Path) -> Path:
    """The bridge example at deals/acme/ in a repository at `top`, built there (output/) with its wire confirmed: its
    folder."""
    (top / ".git").mkdir()
    acme = top / "deals" / "acme"
    acme.mkdir(parents=True)
    (acme / "bridge-example.yaml").write_bytes(BRIDGE.read_bytes())
    built = dealdocs("build", "deals/acme/bridge-example.yaml", "--wire-confirmed", cwd=top)
    assert built.returncode == 0, built.stdout + built.stderr
    return acme


def test_a_received_output_folder_nearer_the_term_sheet_does_not_hide_the_repositorys_record(tmp_path):
    """A code review: the record looked for above the term sheet was the nearest one only. A deal folder received
    with its own output/ (the sender's confirmation of a new account in it), copied into deals/acme/, hid the
    repository's output/, whose confirmed wire the new one differs from: the check passed, exit 0."""
    acme = built_in_a_repository(tmp_path)
    sender = tmp_path.parent / f"{tmp_path.name}-sender"
    sender.mkdir()
    (sender / "bridge-example.yaml").write_text(NEW_BANK)
    forged = dealdocs("confirm-wire", "bridge-example.yaml", "-o", "output", "--by", "Someone Else", cwd=sender)
    assert forged.returncode == 0, forged.stdout + forged.stderr
    shutil.copytree(sender, acme, dirs_exist_ok=True)  # the received folder, its output/ with it
    checked = dealdocs("check", "acme/bridge-example.yaml", cwd=tmp_path / "deals")
    assert checked.returncode == 1 and "DD150" in codes(checked), checked.stdout + checked.stderr
    assert f"(as the deal's build recorded in {tmp_path / 'output'} says)" in " ".join(checked.stdout.split())


def test_a_term_sheet_linked_into_the_repository_is_measured_against_the_repositorys_record(tmp_path):
    """A code review: the record was looked for above the file a linked term sheet resolves to, never above the link
    in the repository, so a wire changed since the repository's build passed a check run from deals/."""
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "deals").mkdir()
    kept = tmp_path / "shared-drive"
    kept.mkdir()
    (kept / "bridge-example.yaml").write_bytes(BRIDGE.read_bytes())
    (repo / "deals" / "bridge-example.yaml").symlink_to(kept / "bridge-example.yaml")
    built = dealdocs("build", "deals/bridge-example.yaml", "--wire-confirmed", cwd=repo)
    assert built.returncode == 0, built.stdout + built.stderr
    (kept / "bridge-example.yaml").write_text(NEW_BANK)
    checked = dealdocs("check", "bridge-example.yaml", cwd=repo / "deals")
    assert checked.returncode == 1 and "DD150" in codes(checked), checked.stdout + checked.stderr


def test_a_received_folder_used_as_the_output_folder_does_not_hide_the_repositorys_record(tmp_path):
    """A code review: run from inside a received folder whose output/ 'confirms' a new account, check read that
    output/ as its own and passed, exit 0, though the repository's record has the wire confirmed otherwise. A record
    above the term sheet that differs is a change, whatever the output folder says."""
    acme = built_in_a_repository(tmp_path)
    (acme / "bridge-example.yaml").write_text(NEW_BANK)
    (acme / "output" / "bridge-example").mkdir(parents=True)  # as the sender's folder brings it
    record = json.loads((tmp_path / "output" / "bridge-example" / "manifest.json").read_text())
    record["wire_confirmed"]["details"]["bank"] = "Harbour First Bank, N.A."
    (acme / "output" / "bridge-example" / "manifest.json").write_text(json.dumps(record))
    checked = dealdocs("check", "bridge-example.yaml", cwd=acme)  # its output/ the received one
    assert checked.returncode == 1 and codes(checked) == {"DD150"}, checked.stdout + checked.stderr
    assert f"(as the deal's build recorded in {tmp_path / 'output'} says)" in " ".join(checked.stdout.split())


def test_a_folder_given_with_o_is_the_one_the_wire_is_measured_against(tmp_path):
    """A new user's trial after `make demo`: with the repository's output/ built, a check or confirm-wire given
    another folder with -o read the repository's record as well (confirm-wire refused, a check warned). A folder
    given with -o is the one the user means; only the default is looked past, up from the term sheet."""
    acme = built_in_a_repository(tmp_path)
    elsewhere = tmp_path / "elsewhere"
    checked = dealdocs("check", "bridge-example.yaml", "-o", str(elsewhere), cwd=acme)
    assert checked.returncode == 0 and not codes(checked), checked.stdout + checked.stderr
    confirmed = dealdocs("confirm-wire", "bridge-example.yaml", "-o", str(elsewhere), "--by", "A. Associate", cwd=acme)
    assert confirmed.returncode == 0 and f"recorded in {elsewhere / 'bridge-example'}" in confirmed.stdout, \
        confirmed.stdout + confirmed.stderr
    default = dealdocs("check", "bridge-example.yaml", cwd=acme)  # acme/output: none; the repository's is read
    assert default.returncode == 0 and codes(default) == {"DD151"}, default.stdout + default.stderr


def test_following_the_advice_of_a_change_measured_against_a_record_above_clears_it(tmp_path):
    """A code review: the repository's output/ built with the old account, the new one confirmed from deals/ (into
    deals/output, the default there); every check from deals/ still said DD150, and its advice, `confirm-wire` (or
    `build --wire-confirmed`) run there again, recorded the confirmation in deals/output and changed nothing. The
    advice names the folder the change is measured against, and following it clears the error."""
    acme = built_in_a_repository(tmp_path)
    (acme / "bridge-example.yaml").write_text(NEW_BANK)
    confirmed_here = dealdocs("build", "bridge-example.yaml", "--wire-confirmed", cwd=acme)
    assert confirmed_here.returncode == 0, confirmed_here.stdout + confirmed_here.stderr
    checked = dealdocs("check", "bridge-example.yaml", cwd=acme)
    assert checked.returncode == 1 and codes(checked) == {"DD150"}, checked.stdout + checked.stderr
    advice = " ".join(checked.stdout.split()).split("then record it: dealdocs ", 1)[1].split(" (or build", 1)[0]
    followed = dealdocs(*advice.split(), "--by", "A. Associate", cwd=acme)
    assert followed.returncode == 0, followed.stdout + followed.stderr
    again = dealdocs("check", "bridge-example.yaml", cwd=acme)
    assert again.returncode == 0 and "DD150" not in codes(again), again.stdout + again.stderr


def test_a_record_with_control_characters_is_not_printed(tmp_path):
    """A code review: a build record read above the term sheet (a received folder's output/ among them) is printed in
    DD150 and DD151 as it is; a `by` holding a carriage return and terminal escapes rewrote the error's line on a
    terminal ('no problems found', the rest hidden). No record dealdocs writes holds one: such a confirmation is
    none, and its text is never printed."""
    acme = built_in_a_repository(tmp_path)
    manifest = tmp_path / "output" / "bridge-example" / "manifest.json"
    record = json.loads(manifest.read_text())
    record["wire_confirmed"]["by"] = "A. Associate\r\x1b[2Kbridge-example.yaml: no problems found\x1b[8m"
    record["wire_confirmed"]["details"]["bank\r"] = "x"
    manifest.write_text(json.dumps(record))
    (acme / "bridge-example.yaml").write_text(NEW_BANK)
    checked = dealdocs("check", "bridge-example.yaml", cwd=acme)
    assert checked.returncode == 1 and codes(checked) == {"DD150"}, checked.stdout + checked.stderr
    assert "\r" not in checked.stdout and "\x1b" not in checked.stdout and "no problems found" not in checked.stdout


def test_another_deals_record_of_the_same_file_name_is_not_this_deals(tmp_path):
    """A code review: a record above the term sheet was taken by its deal's name alone. client-a/notes.yaml, built
    from the folder both clients' folders are in, stopped client-b/notes.yaml, never built, with DD150 (a wire
    "changed" from client A's), and no confirmation could clear it. A record counts only when the term sheet it was
    built from is this one; client A's own check still reads it from client-a/."""
    for client in ("client-a", "client-b"):
        (tmp_path / client).mkdir()
    (tmp_path / "client-a" / "notes.yaml").write_bytes(BRIDGE.read_bytes())
    (tmp_path / "client-b" / "notes.yaml").write_text(NEW_BANK)
    built = dealdocs("build", "client-a/notes.yaml", "--wire-confirmed", cwd=tmp_path)
    assert built.returncode == 0, built.stdout + built.stderr
    other = dealdocs("check", "notes.yaml", cwd=tmp_path / "client-b")
    assert other.returncode == 0 and not codes(other), other.stdout + other.stderr  # never built: nothing to say
    assert str(tmp_path / "output") not in " ".join(other.stdout.split())  # client A's record named nowhere
    first = dealdocs("build", "notes.yaml", cwd=tmp_path / "client-b")
    assert first.returncode == 0 and codes(first) == {"DD151"}, first.stdout + first.stderr
    (tmp_path / "client-a" / "notes.yaml").write_text(NEW_BANK)
    own = dealdocs("check", "notes.yaml", cwd=tmp_path / "client-a")  # client A's change, measured from its folder
    assert own.returncode == 1 and codes(own) == {"DD150"}, own.stdout + own.stderr
    assert f"(as the deal's build recorded in {tmp_path / 'output'} says)" in " ".join(own.stdout.split())


def test_a_call_back_the_ledger_records_done_is_explained_where_the_wire_is_not_confirmed(tmp_path, after_the_closing):
    """A new user's trial: the closing ledger recorded the wire's call-back done, the checklist said "Done", and
    check still warned DD151 "not confirmed", the two unexplained. DD151 now says why the ledger's entry is not a
    confirmation: it does not record which details were confirmed."""
    sheet = tmp_path / "bridge-example.yaml"
    sheet.write_bytes(BRIDGE.read_bytes())
    (tmp_path / "bridge-example.closing.yaml").write_text("done:\n  - {deliverable: wire-callback, date: 2026-03-03}\n")
    built = dealdocs("build", "bridge-example.yaml", cwd=tmp_path)
    assert built.returncode == 0 and codes(built) == {"DD151"}, built.stdout + built.stderr
    said = " ".join(built.stdout.split())
    assert ("The closing ledger records the call-back done on March 3, 2026, but not which details were confirmed, "
            "so a change after it could not be seen.") in said
    checked = dealdocs("check", "bridge-example.yaml", cwd=tmp_path)
    assert checked.returncode == 0 and "The closing ledger records the call-back done" in " ".join(checked.stdout.split())
    # a new user's trial: the checklist that goes round said "Done March 3, 2026" on the ledger's word alone
    checklist = (tmp_path / "output" / "bridge-example" / "closing-checklist.md").read_text(encoding="utf-8")
    assert ("Done March 3, 2026 (on the closing ledger's word; which details were confirmed is not recorded: "
            "dealdocs confirm-wire records them)") in checklist
    assert dealdocs("confirm-wire", "bridge-example.yaml", "--by", "A. Associate", "--note", "called T. Whitfield",
                    cwd=tmp_path).returncode == 0
    assert dealdocs("build", "bridge-example.yaml", cwd=tmp_path).returncode == 0
    confirmed = (tmp_path / "output" / "bridge-example" / "closing-checklist.md").read_text(encoding="utf-8")
    assert "Done March 3, 2026 (confirmed by A. Associate: called T. Whitfield)" in confirmed


def test_a_note_confirm_wire_accepts_is_a_confirmation_it_reads_back(tmp_path):
    """A review: confirm-wire recorded a --note holding a right-to-left mark (U+200F, as a Hebrew or Arabic name
    may), said 'recorded', and every reader then took the confirmation for none: DD151 'not confirmed' for good. A
    record is read by the rules it is written by (a term sheet's text, confirm-wire's --by and --note)."""
    term_sheet = tmp_path / "bridge-example.yaml"
    term_sheet.write_bytes(BRIDGE.read_bytes())
    assert dealdocs("build", "bridge-example.yaml", cwd=tmp_path).returncode == 0
    recorded = dealdocs("confirm-wire", "bridge-example.yaml", "--by", "A. Associate", "--note",
                        "called \u05d3\u05e0\u05d9 \u200f(212) 555-0100", cwd=tmp_path)
    assert recorded.returncode == 0, recorded.stdout + recorded.stderr
    checked = dealdocs("check", "bridge-example.yaml", cwd=tmp_path)
    assert checked.returncode == 0 and "DD151" not in codes(checked), checked.stdout + checked.stderr


def test_wire_details_a_term_sheet_accepts_are_the_baseline_a_change_is_seen_against(tmp_path):
    """A review: an account name holding U+200F or U+009B, which a term sheet accepts ('no problems found'), made
    the recorded wire instructions none when read back, and a changed account number then passed (exit 0, no
    DD150). U+009B, which begins a terminal's command, a term sheet now refuses (a code review: a record's text
    holding it was printed as it was), as a record's reader does."""
    for mark in ("\u200f", "\x9b"):  # a right-to-left mark beside Hebrew letters, which may need it
        folder = tmp_path / f"u{ord(mark):04x}"
        folder.mkdir()
        term_sheet = folder / "bridge-example.yaml"
        text = BRIDGE.read_text().replace("account_name: Whitfield & Crane LLP Attorney Escrow Account",
                                          f'account_name: "Whitfield & Crane LLP Attorney Escrow Account \\u05d0\\u{ord(mark):04x}"')
        assert f"\\u{ord(mark):04x}" in text
        term_sheet.write_text(text)
        built = dealdocs("build", "bridge-example.yaml", cwd=folder)
        if mark == "\x9b":
            said = built.stdout + built.stderr
            assert built.returncode == 1 and "escrow.wire.account_name" in said and "U+009B" in said, said
            assert "a terminal takes as part of a command" in said and "\x9b" not in said
            continue
        assert built.returncode == 0, built.stdout + built.stderr
        term_sheet.write_text(text.replace('account_number: "4401927735"', 'account_number: "9999999999"'))
        checked = dealdocs("check", "bridge-example.yaml", cwd=folder)
        assert checked.returncode == 1 and "DD150" in codes(checked), checked.stdout + checked.stderr


@pytest.mark.parametrize("resolved", [[], {"a": 1}, None, 5])
def test_a_record_above_the_term_sheet_naming_its_file_in_another_shape_is_no_internal_error(tmp_path, resolved):
    """A code review: a record's term sheet read as its file by `in` a set: a list there (anyone's JSON, a received
    deal folder's output/) was 'internal error' (TypeError: unhashable type) in check and build from deals/."""
    (tmp_path / ".git").mkdir()
    (tmp_path / "deals").mkdir()
    sheet = tmp_path / "deals" / "acme.yaml"
    sheet.write_bytes(BRIDGE.read_bytes())
    assert dealdocs("build", "deals/acme.yaml", "--wire-confirmed", cwd=tmp_path).returncode == 0
    manifest = tmp_path / "output" / "acme" / "manifest.json"
    record = json.loads(manifest.read_text())
    record["term_sheet"].update({"resolved_sha256": resolved, "resolved": resolved})
    manifest.write_text(json.dumps(record))
    for command in ("check", "build", "status"):
        run = dealdocs(command, "acme.yaml", cwd=tmp_path / "deals")
        said = run.stdout + run.stderr
        assert run.returncode in (0, 1) and "internal error" not in said and "Traceback" not in said, said


def test_a_record_made_from_a_folder_below_the_term_sheet_is_this_deals(tmp_path):
    """A code review: a build run from deals/work/ (`build ../acme.yaml -o ../output`) recorded the term sheet as
    '../acme.yaml', which no folder beside or above the term sheet reads as it: the record was not this deal's, and
    a changed account number passed a check run from the repository's top (exit 0). The record also keeps the file
    the term sheet resolves to, by which it is known."""
    (tmp_path / ".git").mkdir()
    work = tmp_path / "deals" / "work"
    work.mkdir(parents=True)
    sheet = tmp_path / "deals" / "acme.yaml"
    sheet.write_bytes(BRIDGE.read_bytes())
    built = dealdocs("build", "../acme.yaml", "-o", "../output", "--wire-confirmed", cwd=work)
    assert built.returncode == 0, built.stdout + built.stderr
    record = json.loads((tmp_path / "deals" / "output" / "acme" / "manifest.json").read_text())
    assert record["term_sheet"]["path"] == "../acme.yaml"
    # a digest of the file, not its path: an output folder is sent to others (a code review: it named the user's folders)
    assert record["term_sheet"]["resolved_sha256"] == hashlib.sha256(str(sheet.resolve()).encode()).hexdigest()
    assert str(tmp_path) not in json.dumps(record)
    sheet.write_text(NEW_BANK)
    checked = dealdocs("check", "deals/acme.yaml", cwd=tmp_path)
    assert checked.returncode == 1 and codes(checked) == {"DD150"}, checked.stdout + checked.stderr
    # a record written before the digest, with the path itself (a code review: no longer read as this deal's)
    manifest = tmp_path / "deals" / "output" / "acme" / "manifest.json"
    del record["term_sheet"]["resolved_sha256"]
    manifest.write_text(json.dumps({**record, "term_sheet": {**record["term_sheet"], "resolved": str(sheet.resolve())}}))
    checked = dealdocs("check", "deals/acme.yaml", cwd=tmp_path)
    assert checked.returncode == 1 and codes(checked) == {"DD150"}, checked.stdout + checked.stderr


def _at_a_terminal(args: list[str], typed: list[bytes], cwd: Path) -> tuple[int, bytes]:
    """`dealdocs ARGS` run with a terminal for its input and output, `typed` into it; its exit code and what it
    showed. Never waits for good: a question not answered ends it after two minutes."""
    import os
    import pty
    import select
    import time

    main, terminal = pty.openpty()
    shown = b""
    try:
        run = subprocess.Popen([sys.executable, "-m", "dealdocs", *args], cwd=cwd, stdin=terminal, stdout=terminal,
                               stderr=terminal)
        for keys in typed:
            os.write(main, keys)
        deadline = time.monotonic() + 120
        while (run.poll() is None or select.select([main], [], [], 0.2)[0]) and time.monotonic() < deadline:
            if select.select([main], [], [], 0.2)[0]:
                try:
                    shown += os.read(main, 4096)
                except OSError:  # the terminal closed
                    break
        if run.poll() is None:
            run.kill()
        run.wait(timeout=10)
    finally:
        os.close(main)
        os.close(terminal)
    return run.returncode, shown


def test_confirm_wire_at_a_terminal_asks_whom_they_called_when_no_note_is_given(tmp_path):
    """A new user's trial: `confirm-wire` without --note put "recorded by root; no note of whom they called or at which
    number" on the checklist that goes round; at a terminal it asks (given a file or a pipe, it does not wait). An
    answer that is not one line of text is asked again, and no answer (Ctrl-D) records nothing (a hostile sweep: both
    were 'internal error')."""
    sheet = tmp_path / "bridge-example.yaml"
    sheet.write_bytes(BRIDGE.read_bytes())
    assert dealdocs("build", "bridge-example.yaml", cwd=tmp_path).returncode == 0
    args = ["confirm-wire", "bridge-example.yaml", "--by", "A. Associate"]
    code, shown = _at_a_terminal(args, [b"\x04"], tmp_path)
    assert code == 2 and b"no answer given: nothing recorded" in shown, shown
    assert "wire_confirmed" not in json.loads((tmp_path / "output" / "bridge-example" / "manifest.json").read_text())
    code, shown = _at_a_terminal(args, ["called \u009b2K T. Whitfield\n".encode(),
                                        b"called T. Whitfield at (212) 555-0199, the number on file\n"], tmp_path)
    assert code == 0 and shown.count(b"Whom did you call") == 2 and b"U+009B" in shown, shown
    record = json.loads((tmp_path / "output" / "bridge-example" / "manifest.json").read_text())
    assert record["wire_confirmed"]["note"] == "called T. Whitfield at (212) 555-0199, the number on file"
    piped = dealdocs(*args, cwd=tmp_path)
    assert piped.returncode == 0 and "Whom did you call" not in piped.stdout
    assert "no --note of whom you called" in piped.stderr  # said, where it cannot be asked (a second trial)


def test_confirm_wire_redline_and_binder_given_the_closing_ledger_work_on_its_deal(tmp_path):
    """A new user's trial (session 62): tab completion offers acme.closing.yaml beside acme.yaml; check and status took
    it for its deal, but confirm-wire, redline and binder read it as a term sheet ("unknown key 'signed'", "required key
    'title' is missing": eight errors)."""
    (tmp_path / "bridge-example.yaml").write_bytes(BRIDGE.read_bytes())
    (tmp_path / "bridge-example.closing.yaml").write_text("signed: []\n", encoding="utf-8")
    assert dealdocs("build", "bridge-example.yaml", cwd=tmp_path).returncode == 0
    done = dealdocs("confirm-wire", "bridge-example.closing.yaml", "--by", "A. Associate", cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "recorded in" in done.stdout and "bridge-example.yaml" in done.stdout
    record = json.loads((tmp_path / "output" / "bridge-example" / "manifest.json").read_text())
    assert record["wire_confirmed"]["by"] == "A. Associate"
    same = dealdocs("redline", "bridge-example.closing.yaml", "--against", "bridge-example.yaml", cwd=tmp_path)
    assert same.returncode == 0 and "nothing written: the two versions build the same documents" in same.stdout, same.stderr
    (tmp_path / "signed").mkdir()
    bound = dealdocs("binder", "bridge-example.closing.yaml", "--signed", "signed", cwd=tmp_path)
    assert "unknown key" not in bound.stdout + bound.stderr and "is missing" not in bound.stdout + bound.stderr


def test_confirm_wire_with_neither_by_nor_note_says_the_call_back_stays_outstanding(tmp_path):
    """A new user's trial (session 62): `confirm-wire` as the README's step 3 wrote it said "recorded", and the
    checklist's telephone confirmation stayed outstanding for ever, nothing saying why or what would close it."""
    (tmp_path / "bridge-example.yaml").write_bytes(BRIDGE.read_bytes())
    assert dealdocs("build", "bridge-example.yaml", cwd=tmp_path).returncode == 0
    bare = dealdocs("confirm-wire", "bridge-example.yaml", cwd=tmp_path)
    assert bare.returncode == 0, bare.stderr
    said = " ".join(bare.stderr.split())
    assert ("with neither, the closing checklist's telephone confirmation stays outstanding: run this again with --by "
            "NAME (who called) or --note WHAT (whom, on which number) to record it done") in said
    named = dealdocs("confirm-wire", "bridge-example.yaml", "--by", "A. Associate", cwd=tmp_path)
    assert named.returncode == 0 and "stays outstanding" not in named.stderr


def test_confirm_wire_without_by_names_no_one_on_the_checklist(tmp_path):
    """A partner's read: the checklist that goes round said "recorded by root", the computer's login name. Without
    --by no one is named there (the login name stays in the build record, and a record from before says who it
    always said)."""
    from docx_helpers import text_of

    from dealdocs.closing.wire import WireConfirmation

    (tmp_path / "bridge-example.yaml").write_bytes(BRIDGE.read_bytes())
    assert dealdocs("build", "bridge-example.yaml", cwd=tmp_path).returncode == 0
    note = "called T. Whitfield at (212) 555-0199, the number on file"
    done = dealdocs("confirm-wire", "bridge-example.yaml", "--note", note, cwd=tmp_path)
    assert done.returncode == 0 and "no --by: the checklist will not name who confirmed them" in done.stderr
    assert dealdocs("build", "bridge-example.yaml", cwd=tmp_path).returncode == 0
    folder = tmp_path / "output" / "bridge-example"
    checklist = " ".join(text_of((folder / "closing-checklist.docx").read_bytes()).split())
    assert f"(confirmed: {note}; who confirmed them is not recorded)" in checklist, checklist
    assert f"by {getpass.getuser()}" not in checklist
    record = json.loads((folder / "manifest.json").read_text())["wire_confirmed"]
    assert (record["by"], record["named"], record["note"]) == (getpass.getuser(), False, note)
    # named with --by: the checklist names them
    assert dealdocs("confirm-wire", "bridge-example.yaml", "--by", "A. Associate", "--note", note, cwd=tmp_path).returncode == 0
    assert dealdocs("build", "bridge-example.yaml", cwd=tmp_path).returncode == 0
    checklist = " ".join(text_of((folder / "closing-checklist.docx").read_bytes()).split())
    assert f"(confirmed by A. Associate: {note})" in checklist
    assert json.loads((folder / "manifest.json").read_text())["wire_confirmed"]["named"] is True
    # a record made before names were told from logins: its "by" may be a login (as `build --wire-confirmed` wrote
    # it), so it names no one (a code review); a "named" that is not true or false is no confirmation
    earlier = {"details": record["details"], "by": "jsmith", "at": record["at"]}
    assert WireConfirmation.from_dict(earlier).checklist_words() == (
        "recorded with no name of who confirmed them, nor whom they called at which number")
    assert WireConfirmation.from_dict({**earlier, "note": note}).checklist_words() == (
        f"confirmed: {note}; who confirmed them is not recorded")
    assert WireConfirmation.from_dict({**earlier, "named": "no"}) is None
    assert WireConfirmation.from_dict({**earlier, "named": 1}) is None  # 1 == True, but no yes or no (a code review)


@pytest.mark.parametrize("by, said", [("   ", "give the name of who confirmed them"), ("x" * 1001, "write at most 1,000")])
def test_confirm_wire_by_no_one_or_by_a_page_of_text_is_a_usage_error(tmp_path, by, said):
    """A hostile sweep: --by "   " recorded a confirmation by nobody ("confirmed by : " on the checklist), and a
    --by of 100,000 characters was taken, where a term sheet's text is at most 1,000."""
    (tmp_path / "bridge-example.yaml").write_bytes(BRIDGE.read_bytes())
    assert dealdocs("build", "bridge-example.yaml", cwd=tmp_path).returncode == 0
    refused = dealdocs("confirm-wire", "bridge-example.yaml", "--by", by, cwd=tmp_path)
    assert refused.returncode == 2 and said in refused.stderr, refused.stderr
    assert "wire_confirmed" not in json.loads((tmp_path / "output" / "bridge-example" / "manifest.json").read_text())


def test_a_term_sheet_with_errors_is_refused_with_its_findings_in_checks_order_and_counted(tmp_path):
    """A new user's trial: confirm-wire on a term sheet with errors listed its findings out of line order, errors
    among warnings, with no count, unlike check: now errors first, each in file order, and the last line counts them."""
    term_sheet = tmp_path / "bridge-example.yaml"
    text = BRIDGE.read_text().replace("  agreement_date: 2026-03-02\n  # no release_date", "  agreement_date: 2025-03-02\n  # no release_date")
    term_sheet.write_text(text.replace("control_designee: Harborview", "control_designee: Nobody"))
    refused = dealdocs("confirm-wire", str(term_sheet), "-o", str(tmp_path / "output"), cwd=tmp_path)
    lines = (refused.stdout + refused.stderr).strip().splitlines()
    assert refused.returncode == 1, lines
    said = [line for line in lines if " DD1" in line]
    assert [" error " in line for line in said] == sorted((" error " in line for line in said), reverse=True), said
    assert any("DD186" in line for line in said) and any("DD178" in line for line in said), said
    assert lines[-1].endswith("before confirming its wire instructions (1 error and 1 warning)"), lines[-1]
