"""One template checked whole: its tags scanned, parsed as Jinja, split tags judged, names typed.

`TemplateChecker` remembers each file's result by path, modification time and
size, so a builder can check a firm's templates before every deal cheaply.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import jinja2
from jinja2 import nodes
from lxml import etree

from dealdocs.checks.templates.fields import Analyzer
from dealdocs.checks.templates.scanner import (
    Order,
    Part,
    Tag,
    dropped_tags,
    first_word,
    placement_problem,
    prepare_tag,
    read_parts,
    scan,
    split_finding,
)
from dealdocs.errors import TemplateError
from dealdocs.findings import Finding, Location, Severity, error, sort_findings, warning
from dealdocs.render.environment import jinja_environment
from dealdocs.render.templates import TemplateSet

# ---------------------------------------------------------------- parsing

_MAX_SYNTAX_ERRORS = 20
_BLOCKS = {"if", "for", "macro", "call", "filter", "with", "block", "raw", "autoescape", "trans"}
_NEUTRAL = {"if": "{% if true %}", "elif": "{% elif true %}", "for": "{% for __ in [] %}", "set": "",
            "else": "{% else %}"}


def _parse(env: jinja2.Environment, tags: list[Tag]) -> tuple[nodes.Template | None, list[tuple[int, str]]]:
    """Parse the part's tags, one a line; (tree, [(tag index, syntax message)]).

    A tag with a syntax error is reported and replaced by a harmless one so the
    rest is still checked (an expression by nothing, an `if` by `{% if true %}`);
    a broken tag that cannot be replaced stops the parse after its message.
    """
    lines = [tag.source for tag in tags]
    problems: list[tuple[int, str]] = []
    replaced: set[int] = set()
    for _ in range(_MAX_SYNTAX_ERRORS):
        try:
            return env.parse("\n".join(lines)), problems
        except (RecursionError, ValueError, MemoryError) as exc:  # the hostile sweep: 150 nested '(' or a 5,000-digit number
            return None, [*problems, (_deepest(lines), _UNREADABLE + _why(exc))]
        except jinja2.TemplateSyntaxError as exc:
            index = min(max((exc.lineno or 1) - 1, 0), max(len(lines) - 1, 0))
            message = exc.message or str(exc)
            if message.startswith("Unexpected end of template"):
                index = _unclosed(lines, index)
            if not tags or index in replaced:
                if tags and not any(i == index for i, _ in problems):
                    problems.append((index, message))
                return None, problems
            problems.append((index, message))
            replaced.add(index)
            kind, word = tags[index].kind, first_word(lines[index])
            if kind in ("{{", "{#") or not tags[index].closed:
                lines[index] = ""
            elif word in _NEUTRAL:
                lines[index] = _NEUTRAL[word]
            else:
                return None, problems
    return None, problems


_UNREADABLE = "the tags cannot be read: "


def _why(exc: BaseException) -> str:
    if isinstance(exc, RecursionError):
        return "they nest too deeply (parentheses, brackets, operators or blocks inside one another)"
    if isinstance(exc, ValueError) and "digits" in str(exc):
        return "a number in them has more digits than can be read"
    return str(exc) or type(exc).__name__


def _deepest(lines: list[str]) -> int:
    """The tag likeliest to be the one too deep to read: a very long one, else the innermost block's first."""
    if not lines:
        return 0
    longest = max(range(len(lines)), key=lambda i: len(lines[i]))
    if len(lines[longest]) > 1000:
        return longest
    depth, deepest, at = 0, 0, 0
    for index, line in enumerate(lines):
        word = first_word(line)
        if word in _BLOCKS:
            depth += 1
            if depth > deepest:
                deepest, at = depth, index
        elif word.startswith("end"):
            depth -= 1
    return at if deepest > 1 else longest


def _unclosed(lines: list[str], default: int) -> int:
    """The line of the innermost block left open at the end (where the author must add its end tag)."""
    stack: list[tuple[int, str]] = []
    for index, line in enumerate(lines):
        if not line.startswith("{%"):
            continue
        word = first_word(line)
        if word in _BLOCKS or (word == "set" and "=" not in line):
            stack.append((index, word))
        elif word.startswith("end"):
            for depth in range(len(stack) - 1, -1, -1):
                if stack[depth][1] == word[3:]:
                    del stack[depth:]
                    break
    return stack[-1][0] if stack else default


def _docxtpl_syntax(env: jinja2.Environment, root: etree._Element) -> tuple[str, str] | None:
    """A syntax error Jinja finds in the part as docxtpl's own patch_xml prepares it: (message, line text)."""
    from docxtpl import DocxTemplate

    patched = DocxTemplate.patch_xml(_DocxtplPatcher(), etree.tostring(root, encoding="unicode"))
    patched = re.sub(r"<w:p([ >])", r"\n<w:p\1", patched)  # as DocxTemplate.render_xml_part does
    try:
        env.parse(patched)
    except jinja2.TemplateSyntaxError as exc:
        lines = patched.splitlines()
        line = lines[min(max((exc.lineno or 1) - 1, 0), len(lines) - 1)] if lines else ""
        return exc.message or str(exc), re.sub(r"<[^>]+>", "", line)
    return None


class _DocxtplPatcher:
    """Stands in for a DocxTemplate: its patch_xml reads nothing from the instance."""


# ---------------------------------------------------------------- one template


@dataclass
class _Analysis:
    findings: list[Finding] = field(default_factory=list)
    fields: set[str] = field(default_factory=set)


class TemplateChecker:
    """Checks template files, remembering each result by path, modification time and size."""

    def __init__(self) -> None:
        self._results: dict[str, tuple[tuple[int, int], _Analysis]] = {}

    def analysis(self, path: Path, name: str | None = None) -> _Analysis:
        """What the template at `path` holds: its findings (located by `name`) and the fields it uses."""
        path = Path(path)
        stat = path.stat()
        key, stamp = f"{path.resolve()}\x00{name or path.name}", (stat.st_mtime_ns, stat.st_size)
        kept = self._results.get(key)
        if kept is None or kept[0] != stamp:
            kept = self._results[key] = (stamp, _analyse(path, name or path.name))
        return kept[1]

    def check(self, templates: TemplateSet, names: Iterable[str] | None = None) -> list[Finding]:
        """Check every template of `templates` (or only `names`) without rendering; errors first.

        Each template is the firm's file when the set has one by that name, else
        the built-in one. A name with no file is a DD301 finding, as in rendering.
        """
        findings: list[Finding] = []
        for name in (templates.names() if names is None else list(dict.fromkeys(names))):
            try:
                path = templates.path(name)
            except TemplateError as exc:
                findings.extend(exc.findings)
                continue
            findings.extend(self.analysis(path, name).findings)
        return sort_findings(findings)


def check_template(path: Path | str, name: str | None = None) -> list[Finding]:
    """The findings of one template file, located by `name` (default: the file's name) and paragraph."""
    return list(_analyse(Path(path), name or Path(path).name).findings)


@cache
def _environment() -> jinja2.Environment:
    return jinja_environment()


def _analyse(path: Path, name: str) -> _Analysis:
    result = _Analysis()
    try:
        parts = read_parts(path)
    except Exception as exc:  # not a zip, no document part, XML that does not parse: all mean "not Word"
        result.findings.append(error("DD302", f"cannot be opened as a Word (.docx) document: {exc}",
                                     Location(document=name)))
        return result
    for part in parts:
        _check_part(name, part, result)
    seen: set[tuple] = set()
    unique = []
    for finding in result.findings:
        identity = (finding.code, finding.severity, finding.message, finding.location)
        if identity not in seen:
            seen.add(identity)
            unique.append(finding)
    result.findings = sort_findings(unique)
    return result


def _check_part(name: str, part: Part, result: _Analysis) -> None:
    env = _environment()
    tags = scan(part)

    def locate(tag: Tag | None, message: str) -> tuple[str, Location]:
        prefix = f"in the {part.label}: " if part.label else ""
        if tag is not None and tag.hidden:
            message += f" [the tag is in {tag.hidden}: Word does not show it as text, but rendering reads it]"
        return prefix + message, Location(document=name, paragraph=tag.paragraph if tag else None)

    def add(code: str, severity: Severity, tag: Tag | None, message: str) -> None:
        text, where = locate(tag, message)
        result.findings.append((error if severity is Severity.ERROR else warning)(code, text, where))

    broken: set[int] = set()
    for index, tag in enumerate(tags):
        problem = prepare_tag(tag)
        if problem:
            add("DD304", Severity.ERROR, tag, f"template syntax: {problem}")
            broken.add(index)
    dropped = dropped_tags(tags)
    for index in dropped:
        tags[index].source = ""
    tree, syntax = _parse(env, tags)
    for index, message in syntax:
        tag = tags[index] if tags else None
        shown = f" (in '{tag.shown()}')" if tag else ""
        add("DD304", Severity.ERROR, tag, f"template syntax: {message}{shown}")
        broken.add(index)
    order: list[Order] = []

    def document_order() -> Order:
        if not order:
            order.append(Order(part.root))
        return order[0]

    for index, tag in enumerate(tags):
        if index in broken or index in dropped:
            continue
        split = split_finding(tag, document_order)
        if split:
            add("DD309", split[0], tag, split[1])
        elif (placement := placement_problem(tag)) is not None:
            add("DD309", Severity.ERROR, tag, placement)
    if tree is not None:
        analyzer = Analyzer(env)
        try:
            analyzer.statements(tree.body)
        except RecursionError as exc:  # an expression of 30,000 '+' parses, but is too deep to walk
            tag = tags[_deepest([t.source for t in tags])] if tags else None
            add("DD304", Severity.ERROR, tag, "template syntax: " + _UNREADABLE + _why(exc))
        for problem in analyzer.problems:
            tag = tags[problem.line - 1] if 0 < problem.line <= len(tags) else None
            shown = f" (in '{tag.shown()}')" if tag and problem.code != "DD309" else ""
            add(problem.code, problem.severity, tag, problem.message + shown)
        result.fields |= analyzer.fields
    if not syntax and not broken and tags:
        late = _docxtpl_syntax(env, part.root)
        if late:
            message, line = late
            tag = next((t for t in tags if t.text and t.text in line), None)
            near = " ".join(line.split())[:120]
            add("DD304", Severity.ERROR, tag, f"template syntax: {message}" + (f" (near: {near})" if near else ""))


