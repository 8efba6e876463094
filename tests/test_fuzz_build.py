"""Fuzzing the whole build: generated term sheets (mutations of the examples and random
YAML) either build, and every file reopens, or come back as located findings. Never an
exception. 2,000 examples a run."""

from __future__ import annotations

import copy
import itertools
from dataclasses import replace
from datetime import date
from pathlib import Path

import yaml
from docx import Document
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from dealdocs.pipeline import Builder
from dealdocs.errors import UserMessageError

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = {p.stem: yaml.safe_load(p.read_text()) for p in sorted((REPO / "deals").glob("*.yaml"))}
FUZZ_SETTINGS = settings(max_examples=1000, deadline=None, suppress_health_check=list(HealthCheck))
_counter = itertools.count()

# one Builder for the whole run: templates parsed once, as in a batch
BUILDER = Builder()

amounts = st.one_of(
    st.decimals(min_value=0, max_value=10**9, places=2).map(lambda d: f"{d:,.2f}"),
    st.integers(-10, 10**10),
    st.sampled_from(["$1,100,000.00", "1.1e6", "17029.485", "50O,000", "", "0", "-5", "1,10,000"]),
)
texts = st.one_of(
    st.text(max_size=40),
    st.sampled_from(['Smith & Jones <Holdings> "East"', "Zoë Łukasiewicz-Müller 株式会社", "{{ x }}", "{% if %}", "None", "a" * 300, "  ", "O'Brien"]),
)
dates = st.one_of(st.dates(min_value=date(1990, 1, 1), max_value=date(2060, 12, 31)), st.sampled_from(["2005-02-30", "May 18, 2005", 20050518]))
values = st.one_of(amounts, texts, dates, st.booleans(), st.none(), st.lists(texts, max_size=3), st.dictionaries(texts, texts, max_size=2))


def _paths(node, prefix=()):
    if isinstance(node, dict):
        for key, value in node.items():
            yield (*prefix, key)
            yield from _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield (*prefix, i)
            yield from _paths(value, (*prefix, i))


@st.composite
def mutated_term_sheets(draw):
    data = copy.deepcopy(EXAMPLES[draw(st.sampled_from(sorted(EXAMPLES)))])
    for _ in range(draw(st.integers(1, 3))):
        paths = list(_paths(data))
        path = draw(st.sampled_from(paths))
        parent = data
        for key in path[:-1]:
            parent = parent[key]
        action = draw(st.sampled_from(["set", "set", "delete", "duplicate"]))
        if action == "delete":
            del parent[path[-1]]
        elif action == "duplicate" and isinstance(parent, list):
            parent.append(copy.deepcopy(parent[path[-1]]))
        else:
            parent[path[-1]] = draw(values)
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


random_yaml = st.one_of(
    st.text(max_size=300),
    st.recursive(st.one_of(st.none(), st.booleans(), st.integers(), texts), lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(texts, inner, max_size=4)), max_leaves=15).map(
        lambda d: yaml.safe_dump(d, allow_unicode=True)
    ),
)


def build_and_verify(tmp_path: Path, text: str) -> None:
    folder = tmp_path / f"case-{next(_counter)}"
    folder.mkdir()
    term_sheet = folder / "deal.yaml"
    term_sheet.write_text(text, encoding="utf-8")
    BUILDER.options = replace(BUILDER.options, output_dir=folder / "output")  # the shared Builder writes here
    try:
        result = BUILDER.build(term_sheet)
    except UserMessageError as exc:  # a message for the user, not a crash
        event(f"stopped: {type(exc).__name__}")
        assert str(exc)
        return
    event("built" if result.ok else ("refused at the term sheet" if not result.documents else "refused after rendering"))
    if result.ok:
        assert result.written, "a clean build writes files"
        for path in result.written:
            if path.suffix == ".docx":
                Document(str(path))  # reopens
    else:
        assert not (folder / "output").exists(), "nothing is written when a check fails"
        for finding in result.findings:
            located = (finding.location.file and finding.location.line) or finding.location.document
            assert located, f"finding without a location: {finding}"


@FUZZ_SETTINGS
@given(text=mutated_term_sheets())
def test_fuzz_mutated_examples_build_or_give_located_findings(tmp_path, text):
    build_and_verify(tmp_path, text)


@FUZZ_SETTINGS
@given(text=random_yaml)
def test_fuzz_random_yaml_builds_or_gives_located_findings(tmp_path, text):
    build_and_verify(tmp_path, text)
