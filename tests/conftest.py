"""Shared fixtures: where the repository, the example deals and the shared seeds are; loading examples."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

import pytest

import docx_helpers
from dealdocs.termsheet.model import Deal


@pytest.fixture(scope="session", autouse=True)
def template_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Compiled templates go to a folder of the test run (subprocesses inherit it), not the user's ~/.cache;
    the key that signs them too, not the user's ~/.local/state."""
    import os

    folder = tmp_path_factory.mktemp("dealdocs-cache")
    os.environ["DEALDOCS_CACHE_DIR"] = str(folder)
    os.environ["XDG_STATE_HOME"] = str(tmp_path_factory.mktemp("state"))
    # the examples' sets are to be signed: checked as of the day the bridge example's are signed, not the clock's, which
    # passes them (DD011); a test of a ledger that records the closing asks for a later day (`after_the_closing`)
    os.environ["DEALDOCS_TODAY"] = "2026-03-02"
    return folder


@pytest.fixture
def after_the_closing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Today well after the example closings (December 5, 2026), for a test of a closing ledger that records them:
    what is overdue, what the ledger may record by then (DD508), the escrow's outside date passed (DD519)."""
    monkeypatch.setenv("DEALDOCS_TODAY", "2026-12-05")


@pytest.fixture(scope="session")
def repo() -> Path:
    return docx_helpers.REPO


@pytest.fixture(scope="session")
def deals_dir() -> Path:
    return docx_helpers.DEALS


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """<repo>/../shared: the seeds and the fidelity tool (a test that needs them fails when they are absent: a
    skipped check passes nothing)."""
    if not docx_helpers.SHARED.is_dir():
        pytest.fail(f"{docx_helpers.SHARED} is not here: the seeds and the fidelity tool (set DEALDOCS_SHARED)")
    return docx_helpers.SHARED


@pytest.fixture(scope="session")
def seeds_dir(shared_dir: Path) -> Path:
    return shared_dir / "seeds"


@pytest.fixture(scope="session")
def seed_files() -> Path:
    """The reference agreements as `seed_docs` finds them (DEALDOCS_SEEDS); a test that reads them fails without."""
    from seed_docs import SEED_DIR, SEEDS

    if not all((SEED_DIR / name).is_file() for name in SEEDS.values()):
        pytest.fail(f"the reference agreements are not in {SEED_DIR} (set DEALDOCS_SEEDS)")
    return SEED_DIR


@pytest.fixture(scope="session")
def load_example() -> Callable[[str], Deal]:
    """load_example("bridge-example") -> the Deal of deals/bridge-example.yaml."""
    return docx_helpers.load_example


@pytest.fixture(scope="module")
def bridge(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bridge example built with the real Builder, once per test module: its output folder."""
    return docx_helpers.build_example("bridge-example", tmp_path_factory.mktemp("bridge"))


@pytest.fixture(scope="module")
def roo_note(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The 2005 note example built, once per test module: its output folder."""
    return docx_helpers.build_example("roo-2005-note", tmp_path_factory.mktemp("roo-note"))
