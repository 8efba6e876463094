"""DD011: a set still to be signed, dated in the past, is said (a new user's trial and a partner's read, session 57:
a set dated months back was "no problems found", its covers asking for signatures by dates gone)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

from dealdocs.pipeline import Builder

REPO = Path(__file__).resolve().parents[1]


def _dd011(path: Path, **options) -> list:
    return [f for f in Builder(**options).check(path, with_files=False).findings if f.code == "DD011"]


def test_a_set_dated_before_today_is_said_once_with_each_date_gone_and_every_key_to_move(tmp_path):
    """A partner's read of the first version: a stale signing date (the covers' "by March 2, 2026") was not said,
    only the outside date of two stale dates was, and the keys named were a few, some not in the deal."""
    bridge = tmp_path / "bridge.yaml"
    shutil.copy(REPO / "deals" / "bridge-example.yaml", bridge)
    assert _dd011(bridge, today=date(2026, 3, 2)) == []  # the day the agreements are signed
    [signing] = _dd011(bridge, today=date(2026, 3, 3))  # the agreements' day gone, the closing's (March 4) not
    assert signing.location.key == "escrow.agreement_date" and not signing.is_error
    assert signing.message == ("before today (March 3, 2026): the escrow agreement is dated March 2, 2026; the note "
                               "purchase agreement is dated March 2, 2026. Signed now, the set would be dated in the past: "
                               "re-date it to when it will be signed and close (escrow.agreement_date, "
                               "escrow.purchase_agreement.date, notes.agreement_date, notes.issue_date, notes.closing.date, "
                               "escrow.outside_date); the payment dates and the maturity are the notes' terms, moved only "
                               f"as the parties agree; or, for a closing that took place, record it in {tmp_path}/bridge.closing.yaml")
    [late] = _dd011(bridge, today=date(2026, 12, 5))  # every date gone but the maturity: one finding, all of them
    assert ("the closing is dated March 4, 2026; the first interest payment is due June 1, 2026; the escrow's Outside "
            "Date is April 3, 2026 (the Note Purchase Agreement terminates, Section 3.6, and the escrow agent returns the "
            "funds, Escrow Agreement, Section 1.7)") in late.message  # (a partner's read: not "as they arrive")
    # a ledger that records nothing yet leaves the set one still to be signed (a code review); one that records the
    # closing under way is the ledger's to judge against today (DD519, status), not this
    (tmp_path / "bridge.closing.yaml").write_text("signed: []\n")
    assert len(_dd011(bridge, today=date(2026, 12, 5))) == 1
    shutil.copy(REPO / "tests" / "closing" / "bridge-example-midway.closing.yaml", tmp_path / "bridge.closing.yaml")
    assert _dd011(bridge, today=date(2026, 12, 5)) == []
    # a deal without notes or an escrow names only the keys it has
    [escrow_only] = _dd011(REPO / "deals" / "roo-2005-escrow.yaml", today=date(2026, 12, 5))
    assert escrow_only.message.endswith("(escrow.agreement_date, escrow.purchase_agreement.date); or, for a closing "
                                        "that took place, record it in deals/roo-2005-escrow.closing.yaml")  # as shown
    assert "notes." not in escrow_only.message


def test_today_is_the_clocks_or_the_one_given_and_a_date_that_cannot_be_read_is_a_usage_error(tmp_path):
    bridge = tmp_path / "bridge.yaml"
    shutil.copy(REPO / "deals" / "bridge-example.yaml", bridge)

    def check(today: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "dealdocs", "check", str(bridge)], capture_output=True, text=True,
                              timeout=120, env={**__import__("os").environ, "DEALDOCS_TODAY": today})

    late = check("2026-12-05")
    assert late.returncode == 0 and "warning DD011: escrow.agreement_date: before today" in late.stdout, late.stdout + late.stderr
    assert "DD011" not in check("2026-02-25").stdout
    wrong = check("5 December")
    assert wrong.returncode == 2 and "DEALDOCS_TODAY='5 December' is not a date" in wrong.stderr
