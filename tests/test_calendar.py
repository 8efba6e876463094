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


def test_a_set_dated_before_today_is_said_at_the_date_to_change(tmp_path):
    bridge = tmp_path / "bridge.yaml"
    shutil.copy(REPO / "deals" / "bridge-example.yaml", bridge)
    assert _dd011(bridge, today=date(2026, 3, 1)) == []  # before the closing (March 4) and the outside date
    [closing] = _dd011(bridge, today=date(2026, 3, 5))  # the closing passed, the outside date (April 3) not
    assert closing.location.key == "notes.closing.date" and not closing.is_error
    assert closing.message.startswith("the closing is dated March 4, 2026, before today (March 5, 2026)")
    [outside] = _dd011(bridge, today=date(2026, 12, 5))  # the outside date passed too: that one, the graver
    assert outside.location.key == "escrow.outside_date"
    assert "the escrow agent would return the funds as they arrive" in outside.message
    # a closing the ledger follows is the ledger's to judge against today (DD519), not this
    (tmp_path / "bridge.closing.yaml").write_text("signed: []\n")
    assert _dd011(bridge, today=date(2026, 12, 5)) == []


def test_today_is_the_clocks_or_the_one_given_and_a_date_that_cannot_be_read_is_a_usage_error(tmp_path):
    bridge = tmp_path / "bridge.yaml"
    shutil.copy(REPO / "deals" / "bridge-example.yaml", bridge)

    def check(today: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "dealdocs", "check", str(bridge)], capture_output=True, text=True,
                              timeout=120, env={**__import__("os").environ, "DEALDOCS_TODAY": today})

    late = check("2026-12-05")
    assert late.returncode == 0 and "warning DD011: escrow.outside_date" in late.stdout, late.stdout + late.stderr
    assert "DD011" not in check("2026-02-25").stdout
    wrong = check("5 December")
    assert wrong.returncode == 2 and "DEALDOCS_TODAY='5 December' is not a date" in wrong.stderr
