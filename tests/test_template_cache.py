"""The template cache holds no code from outside: an entry dealdocs did not write is never used.

The cache folder (`$DEALDOCS_CACHE_DIR`) may be shared, or restored by a CI
job from a cache others can write. Whoever writes there must not be able to
run code in a build (compiled template code is executed) or change what a
document says (patched template XML is rendered).
"""

from __future__ import annotations

import marshal
import os
import subprocess
import sys
from pathlib import Path

import pytest

from dealdocs.render import cache as cache_module
from dealdocs.render.cache import CompiledCache, PatchedXmlCache

REPO = Path(__file__).resolve().parents[1]
BRIDGE = REPO / "deals" / "bridge-example.yaml"


def dealdocs(*args: str, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "dealdocs", *args], cwd=REPO, capture_output=True, text=True,
                          timeout=120, env=env)


@pytest.fixture
def private_cache(tmp_path, monkeypatch) -> dict:
    """A cache folder and a user's state folder (where the key is) of this test only, here and in subprocesses."""
    env = {**os.environ, "DEALDOCS_CACHE_DIR": str(tmp_path / "cache"), "XDG_STATE_HOME": str(tmp_path / "state")}
    monkeypatch.setenv("DEALDOCS_CACHE_DIR", env["DEALDOCS_CACHE_DIR"])
    monkeypatch.setenv("XDG_STATE_HOME", env["XDG_STATE_HOME"])
    return {"env": env, "cache": tmp_path / "cache", "state": tmp_path / "state"}


def test_planted_template_code_is_never_run(private_cache, tmp_path):
    env = private_cache["env"]
    first = dealdocs("build", str(BRIDGE), "-o", str(tmp_path / "one"), env=env)
    assert first.returncode == 0, first.stderr
    entries = sorted(private_cache["cache"].rglob("*.code"))
    assert entries, "the build kept no compiled templates"
    marker = tmp_path / "planted-code-ran"
    planted = marshal.dumps(compile(f"open({str(marker)!r}, 'a').write('ran')", "<planted>", "exec"))
    for keep in (0, 32):  # the planted code alone, or after the entry's own first bytes
        for entry in entries:
            entry.write_bytes(entry.read_bytes()[:keep] + planted)
        again = dealdocs("build", str(BRIDGE), "-o", str(tmp_path / f"again-{keep}"), env=env)
        assert again.returncode == 0, again.stderr
        assert not marker.exists()
        assert _documents(tmp_path / f"again-{keep}") == _documents(tmp_path / "one")


def test_planted_template_xml_never_changes_a_document(private_cache, tmp_path):
    env = private_cache["env"]
    assert dealdocs("build", str(BRIDGE), "-o", str(tmp_path / "one"), env=env).returncode == 0
    entries = sorted(private_cache["cache"].rglob("*.xml"))
    assert entries, "the build kept no patched XML"
    for entry in entries:
        entry.write_bytes(entry.read_bytes().replace(b"Escrow", b"PLANTD"))
    again = dealdocs("build", str(BRIDGE), "-o", str(tmp_path / "two"), env=env)
    assert again.returncode == 0, again.stdout + again.stderr
    assert _documents(tmp_path / "two") == _documents(tmp_path / "one")


def _documents(output: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((output / "bridge-example").glob("*.docx"))}


def test_entries_written_with_another_key_are_not_read(private_cache, tmp_path):
    code = compile("x = 1", "<t>", "exec")
    CompiledCache("options", private_cache["cache"]).put("{{ x }}", code)
    assert CompiledCache("options", private_cache["cache"]).get("{{ x }}") == code
    PatchedXmlCache(private_cache["cache"]).put("<w:t>{{ x }}</w:t>", "<w:t>{{x}}</w:t>")
    assert PatchedXmlCache(private_cache["cache"]).get("<w:t>{{ x }}</w:t>") == "<w:t>{{x}}</w:t>"
    os.environ["XDG_STATE_HOME"] = str(tmp_path / "another-user")  # another user, another key (monkeypatch restores it)
    assert CompiledCache("options", private_cache["cache"]).get("{{ x }}") is None
    assert PatchedXmlCache(private_cache["cache"]).get("<w:t>{{ x }}</w:t>") is None


@pytest.mark.parametrize("weakness", ["others can read it", "others can write it", "another user owns it", "a link"])
def test_a_key_others_could_know_or_change_is_not_used(private_cache, monkeypatch, weakness):
    code = compile("x = 1", "<t>", "exec")
    CompiledCache("options", private_cache["cache"]).put("{{ x }}", code)
    key = cache_module.key_path()
    assert key.is_file() and (key.stat().st_mode & 0o777) == 0o600
    if weakness == "others can read it":
        key.chmod(0o644)
    elif weakness == "others can write it":
        key.chmod(0o620)
    elif weakness == "another user owns it":
        owner = key.stat().st_uid
        monkeypatch.setattr(os, "getuid", lambda: owner + 1)  # this process is now someone else
    else:
        real = key.with_name("real-key")
        key.rename(real)
        key.symlink_to(real)
    cache_module.forget_key()
    assert CompiledCache("options", private_cache["cache"]).get("{{ x }}") is None
    CompiledCache("options", private_cache["cache"]).put("{{ x }}", code)  # and nothing is signed with it
    assert CompiledCache("options", private_cache["cache"]).get("{{ x }}") is None
