"""`dealdocs lint` on real agreements keeps the verdicts a reader gave its findings.

tests/corpus/real/ holds agreements filed with the SEC, as text (one paragraph
a line, so a finding's paragraph is the line), and verdicts.yaml (with verdicts/*.yaml): each finding
lint gave, judged a real defect or noise by reading the agreement, and why.
Every finding lint gives now must be judged there; none judged noise may come
back, except the noise lint is known to still give (`still_reported: true`,
each with its kind: the list of what is left to do); every one judged real
must still be found (where `now_at` says, when lint now reports it at another
paragraph). A new finding is judged by reading the
agreement and recorded in verdicts.yaml with its reason, never by running this
test.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from dealdocs.checks.text import lint_files

CORPUS = Path(__file__).parent / "corpus" / "real"


def _verdicts() -> list[dict]:
    """The judged findings: verdicts.yaml, and one verdicts/<agreement>.yaml per agreement added since."""
    files = [CORPUS / "verdicts.yaml", *sorted((CORPUS / "verdicts").glob("*.yaml"))]
    return [entry for path in files for entry in yaml.safe_load(path.read_text(encoding="utf-8"))["findings"] or []]


VERDICTS = _verdicts()
AGREEMENTS = sorted(path.name for path in CORPUS.glob("*.txt"))


def _head(message: str) -> str:
    """What a finding says before its quotation: enough to tell two findings of one paragraph apart."""
    return message.split(": ")[0][:60]


def _place(entry: dict) -> int:
    return entry.get("now_at", entry["paragraph"])


@pytest.fixture(scope="module")
def found() -> dict[str, list]:
    """Each agreement's findings, read through `lint` as a .txt file."""
    findings = lint_files([CORPUS / name for name in AGREEMENTS])
    by_file: dict[str, list] = {name: [] for name in AGREEMENTS}
    for finding in findings:
        by_file[Path(finding.location.document).name].append(finding)
    return by_file


def _verdict(name: str, finding) -> dict | None:
    """The verdict on `finding`: same file, code and paragraph, and the same words before its quotation."""
    entries = [e for e in VERDICTS if (e["file"], e["code"], _place(e)) == (name, finding.code, finding.location.paragraph)]
    same = [e for e in entries if _head(e["quote"]) == _head(finding.message)]
    if same:
        return same[0]
    moved = [e for e in entries if "now_at" in e]  # reported elsewhere, in other words, since it was judged
    return moved[0] if len(moved) == 1 else None


def test_the_corpus_is_there():
    assert len(AGREEMENTS) >= 20 and all((CORPUS / name).stat().st_size > 50_000 for name in AGREEMENTS)


def test_every_finding_is_judged(found):
    unjudged = [
        f"{name} paragraph {f.location.paragraph} {f.code}: {f.message[:120]}"
        for name, findings in found.items()
        for f in findings
        if _verdict(name, f) is None
    ]
    assert unjudged == [], "judge these in verdicts.yaml (read the agreement):\n" + "\n".join(unjudged)


def test_no_finding_judged_noise_comes_back(found):
    noise = [
        f"{name} paragraph {f.location.paragraph} {f.code} [{v.get('noise_kind')}]: {f.message[:120]}"
        for name, findings in found.items()
        for f in findings
        if (v := _verdict(name, f)) is not None and v["verdict"] == "noise" and not v.get("still_reported")
    ]
    assert noise == [], "\n".join(noise)


def test_noise_marked_as_still_reported_is_reported(found):
    """The `still_reported` marks are kept true: a noise finding that is gone loses its mark."""
    gone = [
        f"{e['file']} paragraph {e['paragraph']} {e['code']}"
        for e in VERDICTS
        if e.get("still_reported")
        and not any(_verdict(e["file"], f) is e for f in found[e["file"]])
    ]
    assert gone == [], "remove still_reported from these entries in verdicts.yaml:\n" + "\n".join(gone)


def test_every_finding_judged_real_is_still_found(found):
    lost = [
        f"{e['file']} paragraph {_place(e)} {e['code']}: {e['why'][:120]}"
        for e in VERDICTS
        if e["verdict"] == "real"
        and not any((f.code, f.location.paragraph) == (e["code"], _place(e)) for f in found[e["file"]])
    ]
    assert lost == [], "\n".join(lost)
