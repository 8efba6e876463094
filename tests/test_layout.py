"""The shape of the package: one direction of imports, modules small enough to read, one home per fact.

Every import counts, at module level, inside functions and under TYPE_CHECKING
alike: a cycle through any of them is a cycle a reader has to untangle.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "dealdocs"
MAX_LINES = 800

# The flow, first to last: a module may import from its own stage or an earlier one.
STAGES = ["base", "ooxml", "termsheet", "closing", "render", "checks", "outputs", "pipeline", "cli"]
BASE = {"dealdocs", "dealdocs.errors", "dealdocs.findings", "dealdocs.words", "dealdocs.lexicon",
        "dealdocs.workers", "dealdocs.spelling"}
PIPELINE = {"dealdocs.pipeline", "dealdocs.batch", "dealdocs.versions"}
CLI = {"dealdocs.__main__", "dealdocs.catalog"}  # the catalogue reads every module that reports findings


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def imports_of(path: Path, name: str, known: set[str]) -> set[str]:
    """Every dealdocs module `path` imports, wherever the import statement stands."""
    found: set[str] = set()
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else []))
            targets = [f"{base}.{alias.name}" for alias in node.names] + [base]
        else:
            continue
        for target in targets:
            while target and target not in known:
                target = target.rpartition(".")[0]
            if target and target != name:
                found.add(target)
    return found


def graph() -> dict[str, set[str]]:
    found = modules()
    known = set(found)
    return {name: imports_of(path, name, known) for name, path in found.items()}


def stage(name: str) -> int:
    if name in BASE:
        return 0
    if name in PIPELINE:
        return STAGES.index("pipeline")
    if name in CLI:
        return STAGES.index("cli")
    return STAGES.index(name.split(".")[1])


def test_every_module_belongs_to_a_stage():
    for name in modules():
        assert name in BASE | PIPELINE | CLI or name.split(".")[1] in STAGES, name


def test_imports_point_one_way_down_the_flow():
    wrong = []
    for name, targets in graph().items():
        for target in targets:
            if target == "dealdocs" or target.startswith(name + "."):
                continue  # the package's version; a package's own modules
            if stage(target) > stage(name):
                wrong.append(f"{name} imports {target}")
    assert wrong == []


def test_no_import_cycle():
    edges = graph()
    cycles = []
    state: dict[str, int] = {}

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for target in sorted(edges.get(node, ())):
            if target.startswith(node + ".") or node.startswith(target + ".") or target == "dealdocs":
                continue  # a package and its own modules
            if state.get(target) == 1:
                cycles.append(trail[trail.index(target):] + [target])
            elif target not in state:
                visit(target, trail + [target])
        state[node] = 2

    for name in sorted(edges):
        if name not in state:
            visit(name, [name])
    assert cycles == []


def test_no_module_is_longer_than_a_sitting():
    long = {name: n for name, path in modules().items() if (n := len(path.read_text().splitlines())) > MAX_LINES}
    assert long == {}


def test_document_file_names_are_written_in_the_registry_only():
    from dealdocs.closing.kinds import KINDS

    stems = [kind.name for kind in KINDS]
    pattern = re.compile(r"[\"'/](" + "|".join(map(re.escape, stems)) + r")(?:\.docx|-|[\"'])")
    outside = [f"{name}: {match.group(0)}" for name, path in modules().items() if name != "dealdocs.closing.kinds"
               for match in pattern.finditer(path.read_text())]
    assert outside == []
