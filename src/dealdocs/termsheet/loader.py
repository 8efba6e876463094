"""Loading a term sheet: YAML text in, a `Deal` or located findings out.

The YAML is composed into nodes (never constructed into Python objects by tag),
then converted here with a position kept for every key, so that every problem
can name its file, line, column and key path. The conversion refuses what YAML
allows but a term sheet must not hold: duplicate keys, tags that construct
objects, alias expansion past a bound, nesting past a bound. Scalars are read
by `termsheet.scalars`: a number only when written in plain figures (never
YAML 1.1's octal `030` or base-60 `1:30`), a decimal as an exact Decimal from
its source text, so no amount ever passes through binary floating point. All
problems are collected and returned at once.

The same reading serves the closing ledger (`closing.ledger`), which is
untrusted input too: `read_source` takes the noun its messages use, and
`validate` the model to validate against.

| code  | severity | what it catches |
|-------|----------|-----------------|
| DD001 | error    | the file is not valid YAML (a tab used for indentation among other things) |
| DD002 | error    | a value of the wrong form: an amount, date, percentage or choice that cannot be read |
| DD003 | error    | an unknown key, with the nearest known one suggested |
| DD004 | error    | a required key is missing |
| DD005 | error    | a key given twice in the same section |
| DD006 | error    | a YAML tag (such as `!!python/object`) that would construct an object |
| DD007 | error    | the file is too large, too deeply nested, or expands too far through aliases |
| DD008 | error    | the file is binary or not UTF-8 text |
| DD009 | error    | the file is empty, or holds a list or a single value instead of keys, or is the term sheet's JSON Schema |
"""

from __future__ import annotations

import copy
import difflib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any, TypeVar

import yaml
from pydantic import BaseModel, TypeAdapter, ValidationError

from dealdocs.errors import TermSheetError, UsageError, what_is_at
from dealdocs.findings import Finding, Location, error
from dealdocs.termsheet.base import model_in
from dealdocs.termsheet.entries import KeyPath, entry_of
from dealdocs.termsheet.model import Deal
from dealdocs.termsheet.suggestions import meant_key, section_of
from dealdocs.termsheet.scalars import TAGS, body_has_leading_zero, read_scalar, shown

MAX_BYTES = 4_000_000  # a deal of 10,000 purchasers, each with address and signatory
MAX_NODES = 400_000
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when there: a large term sheet composes six times faster
MAX_DEPTH = 50

Validated = TypeVar("Validated", bound=BaseModel)

_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_MERGE = "tag:yaml.org,2002:merge"
# Characters Word cannot hold in a document (XML 1.0 forbids them; a lone surrogate is no character
# at all, and no file can store it); tab and line break are fine.
# And the embeddings, overrides and isolates of bidirectional text (U+202A-U+202E, U+2066-U+2069): Word
# shows the text they hold in another order than it is written, so a name could read as another
# (compilers refuse them in source for that reason); the marks U+200E and U+200F stay, names need them.
_UNWRITABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff\u202a-\u202e\u2066-\u2069]")


def unwritable(text: str) -> str | None:
    """What in `text` no document can hold ('an invisible control character (U+001F)'), or None."""
    found = _UNWRITABLE.search(text)
    if found is None:
        return None
    code = f"U+{ord(found.group()):04X}"
    if "\ud800" <= found.group() <= "\udfff":
        return f"a lone surrogate ({code}), which is not a character"
    if found.group() in "\ufffe\uffff":
        return f"a noncharacter ({code}), which no text may hold: delete it"
    if found.group() >= "\u202a":
        return (f"an invisible bidirectional control character ({code}) that makes Word show the text "
                "in another order than it is written: delete it")
    if found.group() >= "\x7f":  # DEL and the C1 controls: U+009B begins a terminal's command (a code review: a
        # record's confirmation by "A. Associate\x9b2K..." rewrote the line a check printed)
        return f"an invisible control character ({code}), which a terminal takes as part of a command: delete it"
    return f"an invisible control character ({code}) that a Word document cannot hold"


def key_path_text(path: KeyPath) -> str:
    """('purchasers', 1, 'subscription') -> 'purchasers[1].subscription'."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


_CODES = ("account_number", "aba_routing_number", "postal_code", "reference")  # text of figures, whose leading zeros count
_HEX = re.compile(r"[0-9A-Fa-f]+")  # a closing ledger's version (a new user's trial: '97607179' was read as a number)
_NAMED_KEY = re.compile(r"(?:takes no |^leave )([a-z_]+)")  # a model's error naming the key at fault (at its line)
_REQUIRED_KEY = re.compile(r"^(.+) \(([a-z_]+):\) is missing$")  # one kind of entry's (a name: DD002 in a trial)


@dataclass
class TermSheetSource:
    """A term sheet's data with the position of every key and value in its file."""

    path: Path
    display: str
    noun: str = "term sheet"  # what the file is, as the messages name it
    keys_hint: str = "title:, company:, purchasers:, ..."  # the keys a file of this kind starts with
    empty_ok: bool = False  # an empty file (or comments only) is no keys, not an error
    data: Any = None
    raw: bytes = b""  # the file's bytes, read once: what the build record's hash is of
    text: str = ""
    value_marks: dict[KeyPath, tuple[int, int]] = field(default_factory=dict)
    key_marks: dict[KeyPath, tuple[int, int]] = field(default_factory=dict)
    scalar_texts: dict[KeyPath, str] = field(default_factory=dict)  # as written, for values YAML read as other than text
    findings: list[Finding] = field(default_factory=list)
    misspelt: dict[KeyPath, KeyPath] = field(default_factory=dict)  # a key read as meant -> as written (`_as_meant`)

    def location(self, path: KeyPath, *, at_key: bool = False) -> Location:
        """The file position of a key path, falling back to its nearest parent; a key read as the one its spelling
        surely meant, at the key as written, named so (a code review: "notes.maturity_date" at the notes: line of
        a term sheet that wrote maturty_date)."""
        for meant, written in self.misspelt.items():
            if tuple(path[:len(meant)]) == meant:
                path = (*written, *path[len(meant):])
                break
        marks = self.key_marks if at_key else self.value_marks
        probe = tuple(path)
        while probe and probe not in marks and probe not in self.value_marks:
            probe = probe[:-1]
        mark = marks.get(probe) or self.value_marks.get(probe)
        line, column = mark if mark else (None, None)
        return Location(file=self.display, line=line, column=column, key=key_path_text(path) or None,
                        entry=entry_of(self.data, path))


class _Converter:
    """Turns composed YAML nodes into plain data, recording marks and problems."""

    def __init__(self, source: TermSheetSource):
        self.source = source
        self.findings: list[Finding] = []
        self.paths: list[KeyPath] = []  # each finding's key path, for its entry's name once all is read
        self.visited = 0

    def problem(self, code: str, message: str, node: yaml.Node, path: KeyPath) -> None:
        mark = node.start_mark
        self.findings.append(
            error(code, message, Location(self.source.display, mark.line + 1, mark.column + 1, key_path_text(path) or None))
        )
        self.paths.append(path)

    def convert(self, node: yaml.Node, path: KeyPath, depth: int = 0) -> Any:
        self.visited += 1
        if self.visited > MAX_NODES:
            raise _TooLarge(node, f"expands to more than {MAX_NODES:,} values (an alias bomb?)")
        if depth > MAX_DEPTH:
            raise _TooLarge(node, f"is nested more than {MAX_DEPTH} levels deep")
        self.source.value_marks.setdefault(path, (node.start_mark.line + 1, node.start_mark.column + 1))
        if isinstance(node, yaml.MappingNode):
            if node.tag != _MAP:
                self.problem("DD006", f"the YAML tag {node.tag!r} is not allowed in a {self.source.noun}", node, path)
                return None
            return self.mapping(node, path, depth)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _SEQ:
                self.problem("DD006", f"the YAML tag {node.tag!r} is not allowed in a {self.source.noun}", node, path)
                return None
            return [self.convert(item, (*path, i), depth + 1) for i, item in enumerate(node.value)]
        return self.scalar(node, path)

    def scalar(self, node: yaml.ScalarNode, path: KeyPath) -> Any:
        if node.tag not in TAGS:
            self.problem("DD006", f"the YAML tag {node.tag!r} is not allowed in a {self.source.noun}", node, path)
            return None
        bad = unwritable(node.value)
        if bad:
            self.problem("DD002", f"the text holds {bad}", node, path)
            return None
        if path and path[-1] == "version" and not node.style and _HEX.fullmatch(node.value):
            return node.value  # a packet's version code, read as written even when all its digits are figures
        try:
            value = read_scalar(node.tag, node.value)
        except ValueError as exc:
            written, message = node.value.strip(), str(exc)
            if path and path[-1] in _CODES and body_has_leading_zero(written):  # a new user's trial: "write 4521770"
                message = (f"'{written}' is a code, and keeps its leading zero only in quotes (unquoted, YAML reads it "
                           f"as a number): quote it as \"{written}\"")
            self.problem("DD002", message, node, path)
            return None
        if not isinstance(value, str):
            self.source.scalar_texts[path] = node.value
        return value

    def mapping(self, node: yaml.MappingNode, path: KeyPath, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        seen: dict[str, yaml.Node] = {}
        merged: dict[str, Any] = {}
        previous: tuple[str, yaml.Node] | None = None
        split: dict[str, list[yaml.Node]] = {}  # key -> the parts of a value (`{amount: 1,000.00}`) cut at its commas
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE:
                merged.update(self.merge_source(value_node, path, depth))
                continue
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in TAGS:
                self.problem("DD002", "a key must be a plain name", key_node, path)
                continue
            bad = unwritable(key_node.value)
            if bad:
                self.problem("DD002", f"a key holds {bad}: retype the key", key_node, path)
                continue
            if node.flow_style and previous is not None and _plain_scalar(previous[1]) and _bare_key(key_node, value_node):
                split.setdefault(previous[0], [previous[1]]).append(key_node)
                continue
            previous = (str(key_node.value), value_node)
            key = str(key_node.value)
            child = (*path, key)
            if key in seen:
                first = seen[key].start_mark.line + 1
                self.problem("DD005", f"'{key}' is given twice (first on line {first}); the second would silently win", key_node, child)
                continue
            seen[key] = key_node
            self.source.key_marks[child] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            result[key] = self.convert(value_node, child, depth + 1)
        for key, parts in split.items():  # reported at the value the commas cut (an error: its value is never used)
            written = self.source.text[parts[0].start_mark.index : parts[-1].end_mark.index]
            figures = all(re.fullmatch(r"\d+(\.\d+)?", str(part.value)) for part in parts)
            self.problem("DD002", f"inside {{ }} a comma ends the entry, so {written} was cut at its "
                         f"comma{'s' if len(parts) > 2 else ''}: write it in quotes (\"{written}\")"
                         + (" or without commas" if figures else ""), seen[key], (*path, key))
        return {**merged, **result}

    def merge_source(self, node: yaml.Node, path: KeyPath, depth: int) -> dict[str, Any]:
        sources = node.value if isinstance(node, yaml.SequenceNode) else [node]
        merged: dict[str, Any] = {}
        for source in reversed(sources):
            value = self.convert(source, path, depth + 1)
            if isinstance(value, dict):
                merged.update(value)
            else:
                self.problem("DD002", "'<<' merges a mapping only", source, path)
        return merged


def _plain_scalar(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and not node.style and bool(node.value)  # libyaml writes plain as "", PyYAML as None


def _bare_key(key_node: yaml.Node, value_node: yaml.Node) -> bool:
    """A key with no value, as `LLC` in `{name: Quarry Lane Fund, LLC}` or `000.00` in `{amount: 1,000.00}`.

    Inside { } a comma ends the entry, so what follows it in a name or an
    amount becomes a key of its own with no value: a value cut in two.
    """
    bare = isinstance(value_node, yaml.ScalarNode) and value_node.tag == "tag:yaml.org,2002:null" and not value_node.value
    return bare and _plain_scalar(key_node)


class _TooLarge(Exception):
    def __init__(self, node: yaml.Node, message: str):
        super().__init__(message)
        self.node = node


def _located(source: TermSheetSource, code: str, message: str, mark: Any = None) -> Finding:
    line = mark.line + 1 if mark is not None else 1
    column = mark.column + 1 if mark is not None else None
    return error(code, message, Location(source.display, line, column))


def read_source(path: Path, display: str | None = None, **kind: Any) -> TermSheetSource:
    """Read and parse a term sheet file into data with marks; raise TermSheetError on any problem.

    `kind` sets the `TermSheetSource` fields that say what the file is (noun,
    keys_hint, empty_ok), for a YAML file of another kind read the same way.
    """
    shown = display or str(path)
    source = TermSheetSource(path=path, display=shown, **kind)
    there = what_is_at(path)  # a link, what it leads to
    if there is None:
        raise UsageError(f"{shown}: no such file")
    if there != "a file":  # a folder; a named pipe or a device is never done being read
        raise UsageError(f"{shown}: is {there}, not a {source.noun}")
    info = path.stat()
    if info.st_size > MAX_BYTES:
        raise _too_large(source, info.st_size)
    with path.open("rb") as file:
        return parse_source(file.read(MAX_BYTES + 1), source)  # bounded: /proc files say they hold nothing


def _binary_hint(display: str) -> str:
    """What to do with an agreement given as a term sheet (a new user's trial: `check escrow-agreement.docx`)."""
    suffix = Path(display).suffix.lower()
    return f"; to check a Word or PDF agreement, run dealdocs lint {display}" if suffix in (".docx", ".pdf") else ""


def _too_large(source: TermSheetSource, size: int) -> TermSheetError:
    return TermSheetError(
        f"{source.display} is not a {source.noun}",
        [_located(source, "DD007", f"the file is {size / 1e6:.1f} MB; a {source.noun} is at most {MAX_BYTES // 1_000_000} MB")],
    )


def _wide_encoding(raw: bytes) -> str | None:
    """"UTF-16" or "UTF-32" for text saved so (its byte order mark, or the zero bytes of ASCII text), else None."""
    if raw.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")) or raw[1:4] == b"\x00\x00\x00" or raw[:3] == b"\x00\x00\x00":
        return "UTF-32"
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or len(raw) >= 4 and (raw[1] == raw[3] == 0 or raw[0] == raw[2] == 0):
        return "UTF-16"
    return None


def parse_source(raw: bytes, source: TermSheetSource) -> TermSheetSource:
    """Parse term sheet bytes (already read) into `source`."""
    findings: list[Finding] = []
    noun = source.noun
    if len(raw) > MAX_BYTES:
        raise _too_large(source, len(raw))
    source.raw = raw
    wide = _wide_encoding(raw)
    if wide:
        findings.append(_located(source, "DD008", f"the file is {wide} text: save it as UTF-8 (a {noun} is a YAML "
                                                  "text file in UTF-8)"))
        raise TermSheetError(f"{source.display} is not a {noun}", findings)
    if b"\x00" in raw:
        findings.append(_located(source, "DD008", f"the file is binary, not text: a {noun} is a YAML text file"
                                                  + _binary_hint(source.display)))
        raise TermSheetError(f"{source.display} is not a {noun}", findings)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        findings.append(error("DD008", "the file is not UTF-8 text: save it as UTF-8", Location(source.display, line)))
        raise TermSheetError(f"{source.display} is not a {noun}", findings) from None
    source.text = text
    if not text.strip() or all(l.strip().startswith("#") or not l.strip() for l in text.splitlines()):
        return _empty(source)
    try:
        root = yaml.compose(text, Loader=_YAML_LOADER)
    except yaml.MarkedYAMLError as exc:
        if "maximum nesting depth" in str(exc.problem):  # libyaml's own bound
            raise _too_deep(source) from None
        raise TermSheetError(f"{source.display} is not valid YAML", [_yaml_finding(source, exc)]) from None
    except yaml.YAMLError as exc:
        raise TermSheetError(f"{source.display} is not valid YAML", [_located(source, "DD001", str(exc))]) from None
    except RecursionError:
        raise _too_deep(source) from None
    if root is None:
        return _empty(source)
    converter = _Converter(source)
    try:
        data = converter.convert(root, ())
    except _TooLarge as exc:
        raise TermSheetError(
            f"{source.display} is not a {noun}",
            [_located(source, "DD007", f"the {noun} {exc}", exc.node.start_mark)],
        ) from None
    except RecursionError:
        raise _too_deep(source) from None
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else "a single value"
        findings.append(
            _located(source, "DD009", f"the {noun} is {kind}; it must be a set of keys ({source.keys_hint})", root.start_mark)
        )
        raise TermSheetError(f"{source.display} is not a {noun}", findings)
    if isinstance(data.get("$schema"), str) and "json-schema.org" in data["$schema"]:  # a new user's trial: the
        # schema saved beside the term sheets, as the starter says, then `check deals/*`: 34 findings of its keys
        raise TermSheetError(f"{source.display} is not a {noun}", [_located(
            source, "DD009", f"the file is a JSON Schema (the one `dealdocs schema` prints, for editors), not a {noun}: "
            "give the term sheets alone (deals/*.yaml)", root.start_mark)])
    source.findings = [replace(f, location=replace(f.location, entry=entry_of(data, path)))
                       for f, path in zip(converter.findings, converter.paths)]
    source.data = data
    return source


def _empty(source: TermSheetSource) -> TermSheetSource:
    """An empty file: no keys when the kind allows it, else a DD009 error."""
    if not source.empty_ok:
        raise TermSheetError(f"{source.display} is empty", [_located(source, "DD009", f"the {source.noun} is empty")])
    source.data = {}
    return source


def _character_at(text: str, mark: Any) -> str:
    """The character at a YAML mark (libyaml's messages do not name it)."""
    if mark is None:
        return ""
    lines = text.splitlines()
    line = lines[mark.line] if 0 <= mark.line < len(lines) else ""
    return line[mark.column : mark.column + 1]


def _too_deep(source: TermSheetSource) -> TermSheetError:
    return TermSheetError(f"{source.display} is not a {source.noun}",
                          [_located(source, "DD007", f"the YAML is nested too deeply (more than {MAX_DEPTH} levels)")])


def _yaml_finding(source: TermSheetSource, exc: yaml.MarkedYAMLError) -> Finding:
    """DD001 in words a lawyer can act on, at the line to mend: a tab; a quotation mark never closed (at the line
    it opens, which the parser passes by); a key with no colon; text after a closing quotation mark; a line indented
    under a value, or to no key's depth; a colon and a space inside a value; else the parser's own words."""
    mark = exc.problem_mark or exc.context_mark
    problem = exc.problem or "the YAML cannot be read"
    context = exc.context or ""
    if "'\\t'" in problem or "\t" in problem or _character_at(source.text, mark) == "\t":
        problem = "a tab is used for indentation; indent with spaces"
    elif "quoted scalar" in context and problem.startswith("found unexpected end of stream") and exc.context_mark is not None:
        mark, problem = exc.context_mark, _UNCLOSED
    elif problem.startswith(("did not find expected", "expected <block end>", "could not find expected ':'")) and (
            opened := _swallowing_quote(source.text, mark.line if mark is not None else 0)) is not None:
        mark, problem = opened, _UNCLOSED
    elif problem.startswith("could not find expected ':'") and "simple key" in context and exc.context_mark is not None:
        mark, problem = exc.context_mark, _NO_COLON
    elif problem.startswith(("did not find expected key", "did not find expected '-'")) and _after_closing_quote(source.text, mark):
        problem = ("text follows the closing quotation mark of this value: put the whole value inside the quotation "
                   "marks, or leave them out")
    elif problem.startswith("mapping values are not allowed") and (above := _key_without_colon_above(source.text, mark)):
        mark, problem = above, _NO_COLON
    elif problem.startswith("mapping values are not allowed") and _indented_under_a_value(source.text, mark):
        problem = ("this line is indented further than the line above it, which already has its value: indent it "
                   "as the keys of its section are, or, if it goes on with that value, put the whole value in quotes")
    elif problem.startswith("mapping values are not allowed"):
        problem = ('a colon followed by a space inside a value reads as a new key: put the whole value in quotes '
                   '(title: "Note: the bridge round")')
    elif problem.startswith(("did not find expected key", "expected <block end>")) and _at_line_start(source.text, mark):
        problem = "this line's indentation matches no key above it: indent it as the keys of its section are"
    elif context:
        problem = f"{problem} ({context})"
    return _located(source, "DD001", f"not valid YAML: {problem}", mark)


_UNCLOSED = ('the quotation mark that opens this value is never closed: close it at the end of the value, or leave '
             'the quotation marks out')
_NO_COLON = ("this line reads as a key with no colon after it: write the key, a colon and a space, then its value "
             "(entity_type: corporation)")
_QUOTED_VALUE = re.compile(r"""\s*(?:-\s+)?(?:[\w-]+:\s+)?(?:"(?:[^"\\]|\\.)*"|'(?:[^']|'')*')[ \t]*""")


def _at_line_start(text: str, mark: Any) -> bool:
    """Whether `mark` is at the first character of its line past the indentation: the line itself is out of place."""
    lines = text.splitlines()
    if mark is None or not 0 <= mark.line < len(lines):
        return False
    return mark.column <= _indent(lines[mark.line])


def _after_closing_quote(text: str, mark: Any) -> bool:
    """Whether the line of `mark` holds a quoted value with more text after its closing quotation mark, where the
    parser stopped (not a quoted key's colon: `"entity_type": corporation`)."""
    lines = text.splitlines()
    if mark is None or not 0 <= mark.line < len(lines):
        return False
    line = lines[mark.line]
    match = _QUOTED_VALUE.match(line)
    rest = line[match.end():] if match else ""
    return bool(rest) and rest[0] not in "#:" and mark.column >= match.end() - 1


def _key_without_colon_above(text: str, mark: Any) -> Any:
    """Where the line above `mark`'s starts, when it is a word or words with no colon at `mark`'s line's own indent:
    a key whose colon is missing ("title A deal" over "company:"), which the parser reads on into the next line."""
    lines = text.splitlines()
    number = _line_above(lines, mark)
    if number is None:
        return None
    above, indent = lines[number], _indent(lines[mark.line])
    if _indent(above) != indent or ":" in above or above.lstrip().startswith(("-", "#", '"', "'")):
        return None
    return yaml.Mark("", 0, number, indent, None, None)


def _line_above(lines: list[str], mark: Any) -> int | None:
    """The number of the last line with text before `mark`'s line; None at the top, or without a mark."""
    if mark is None or not 0 < mark.line < len(lines):
        return None
    return next((n for n in range(mark.line - 1, -1, -1) if lines[n].strip()), None)


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _swallowing_quote(text: str, error_line: int) -> Any:
    """Where a quoted value opens that ran on over lines and "closed" where the parser stopped (or the line before)
    with text after it: a quotation mark left open, closed only by the opening mark of a later value, whose text
    follows. A quoted value over several lines that closes at its line's end is YAML's own, and is not blamed."""
    lines = text.splitlines()
    try:
        for token in yaml.scan(text, Loader=_YAML_LOADER):
            if not (isinstance(token, yaml.ScalarToken) and token.style in ('"', "'")):
                continue
            start, end = token.start_mark.line, token.end_mark.line
            after = lines[end][token.end_mark.column :].strip() if end < len(lines) else ""
            if start < end <= error_line <= end + 1 and after and not after.startswith("#"):
                return token.start_mark
    except yaml.YAMLError:
        pass
    return None


def _indented_under_a_value(text: str, mark: Any) -> bool:
    """Whether the line of `mark` opens with a key, indented further than the line above it, which gives its key
    a value: a key indented by mistake, not a colon inside a value."""
    lines = text.splitlines()
    number = _line_above(lines, mark)
    if number is None:
        return False
    line, above = lines[mark.line], lines[number]
    return (re.match(r"\s*[\w-]+:(?:\s|$)", line) is not None and _indent(line) > _indent(above)
            and re.match(r"\s*(?:-\s+)?[\w-]+:\s+\S|\s*-\s+[^\s:#][^:#]*$", above) is not None)


# -- validation against the model -------------------------------------------------


def _model_at(path: KeyPath, root: type[BaseModel] = Deal) -> type[BaseModel] | None:
    """The model class that holds the keys at `path`, for 'did you mean' suggestions."""
    current: Any = root
    for part in path:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        info = current.model_fields.get(part)
        if info is None:
            return None
        current = model_in(info.annotation)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _meant_choice(given: object, choices: list[str]) -> str:
    """" (did you mean 'joint_tenants'?)" for a choice written in words ("joint tenants with right of survivorship")."""
    words = "_".join(re.findall(r"[a-z0-9]+", str(given).lower()))  # whole words: 'her' is not 'he' (a code review)
    meant = [c for c in choices if words == c or words.startswith(f"{c}_") or c.startswith(f"{words}_")] or (
        difflib.get_close_matches(words, choices, 1) if len(words) >= 4 else [])
    return f" (did you mean '{meant[0]}'?)" if meant else ""


def _message(err: dict[str, Any]) -> str:
    kind = err["type"]
    given = err.get("input")
    if kind == "value_error":
        return str(err["msg"]).removeprefix("Value error, ")
    if kind == "literal_error":
        expected = err.get("ctx", {}).get("expected", "")
        return f"'{given}' is not one of {expected}" + _meant_choice(given, re.findall(r"'([^']+)'", str(expected)))
    if kind in ("string_type",):
        if isinstance(given, dict):  # a new user's trial: "{'name': ..., 'email': ...} should be text", Python's words
            keys = ", ".join(str(key) for key in list(given)[:4])
            return (f"is a set of keys ({keys}) where the term sheet takes text alone: write the text itself "
                    "(a name, for a name); no other key can be given here")
        if isinstance(given, list):
            return "is a list where this key takes text alone: write one value"
        return f"{given!r} should be text" if given is not None else "a value is needed here"
    if kind == "string_too_short":
        return "is empty; give a value or leave the key out"
    if kind == "string_too_long":
        return f"is {len(str(given)):,} characters long: a value is at most {err.get('ctx', {}).get('max_length', 0):,} characters"
    if kind == "too_short":
        least = err.get("ctx", {}).get("min_length", 1)
        given_count = err.get("ctx", {}).get("actual_length")
        has = f" (it has {given_count})" if given_count is not None else ""
        return "needs at least one entry" if least == 1 else f"needs at least {least} entries{has}"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return "should be a set of keys" if given is not None else "a set of keys is needed here"
    if kind == "list_type":
        return "should be a list (each entry on its own line starting with '- ')"
    if kind == "bool_type" or kind == "bool_parsing":
        return f"'{given}' should be true or false"
    return str(err["msg"])


def validate(source: TermSheetSource) -> Deal:
    """Validate parsed term sheet data against the model; raise TermSheetError with every problem (and, when
    unknown keys are all that is wrong, the deal as the keys most likely meant: `TermSheetError.provisional`)."""
    errors: list[dict[str, Any]] = []
    source.findings.extend(_empty_sections(source))
    try:
        return validate_as(source, Deal, errors)
    except TermSheetError as exc:
        meant = _as_meant(source, errors)
        if meant is not None:
            raise TermSheetError(str(exc), exc.findings, meant, source) from None
        partial, refused = _in_part(source, exc.findings)
        raise TermSheetError(str(exc), exc.findings, partial, source, refused) from None


def _empty_sections(source: TermSheetSource) -> Iterator[Finding]:
    """A section's key with nothing under it (`notes:` alone), which reads as no section at all, said (a new user's
    trial: the purchasers' principal amounts silently unused). An explicit `null`, as tools write it, is meant. The
    scalars read as other than text are the few to look at (`scalar_texts`: an empty value is there, written "")."""
    for at, written in source.scalar_texts.items():
        if written == "" and at and not isinstance(at[-1], int) and _model_at(at) is not None:
            yield error("DD002", f"'{at[-1]}:' has nothing under it, which reads as no {at[-1]} section at all: give "
                        "its keys (indented under it), or delete the line", source.location(at, at_key=True))


def _in_part(source: TermSheetSource, findings: list[Finding]) -> tuple[Deal | None, frozenset[str]]:
    """The deal with each top-level section that has a problem (a finding in it, or it does not validate alone) left
    None, and those sections; (None, ...) when a problem is the file's own, not a section's (YAML that does not
    parse). Only checked, never built from: `checks.deal.check_deal` leaves out the checks reading those sections."""
    if not isinstance(source.data, dict):
        return None, frozenset()
    refused = {_SECTION.match(f.location.key).group(0) if f.location.key else "" for f in findings}
    if "" in refused:
        return None, frozenset()
    values: dict[str, Any] = {}
    for name, info in Deal.model_fields.items():
        if name not in refused and name in source.data:
            try:
                values[name] = TypeAdapter(Annotated[info.annotation, info]).validate_python(source.data[name])
                continue
            except ValidationError:
                pass
        elif name not in refused and not info.is_required():
            values[name] = info.get_default()
            continue
        refused.add(name)
        values[name] = None
    return Deal.model_construct(**values), frozenset(refused)


_SECTION = re.compile(r"[^.\[]*")  # the top-level key of a key path: "purchasers" of "purchasers[2].subscription"


def validate_as(source: TermSheetSource, model: type[Validated],
                errors: list[dict[str, Any]] | None = None) -> Validated:
    """Validate parsed data against `model`; raise TermSheetError with every problem, located (and the model's own
    errors appended to `errors`, when given)."""
    findings = list(source.findings)
    reported = {f.location.key for f in findings}  # a value the loader refused is not reported again as missing
    value = None
    try:
        value = model.model_validate(source.data)
    except ValidationError as exc:
        found = exc.errors(include_url=False)
        if errors is not None:
            errors.extend(found)
        misspelt = _misspelt(found, model)
        findings.extend(f for err in found if not _misspelling_of(err, misspelt)
                        for f in [_validation_finding(source, err, model, misspelt)]
                        if not follows_from(f.location.key, reported))
    if findings or value is None:
        raise TermSheetError(f"{source.display} has {len(findings)} problem(s)", findings)
    return value


_SURELY_MEANT = 0.8  # "outside_dat", "maturty_date", "principl" (0.94 and more); not "colour" for "courts" (0.67)


def _as_meant(source: TermSheetSource, errors: list[dict[str, Any]]) -> Deal | None:
    """The deal when unknown keys are all that is wrong (with the required keys they misspell, missing), each renamed to the key its DD003 suggests where its
    section lacks that key ("outside_dat" read as "outside_date") and left out otherwise: the deal checks then
    say what the term sheet would say with the typo mended, not that the value is missing. None otherwise, or
    when it still does not validate. Only checked, never built from."""
    misspelt = _misspelt(errors, Deal)
    if source.findings or not errors or any(err["type"] != "extra_forbidden" and not _misspelling_of(err, misspelt)
                                            for err in errors):
        return None
    errors = [err for err in errors if err["type"] == "extra_forbidden"]
    data = copy.deepcopy(source.data)
    for err in errors:
        *parents, key = err["loc"]
        node = data
        for part in parents:
            node = node[part]
        model = _model_at(tuple(parents), Deal)
        close = meant_key(model, str(key), cutoff=_SURELY_MEANT) if model else None
        value = node.pop(key, None)
        if close and close not in node:
            node[close] = value
            source.misspelt[(*parents, close)] = (*parents, key)
    try:
        return Deal.model_validate(data)
    except ValidationError:
        return None


def texts_in(data: Any) -> Iterator[tuple[Any, str, str]]:
    """(place, key, text) of each text of `data` (a term sheet as parsed), in order: `key` is the nearest key above it
    (an item of a list is under the list's key), `place` what `key_path` makes its key path of, for the texts a
    caller needs it for (a term sheet of 5,000 purchasers holds 150,000 values)."""
    pending: list[tuple[Any, Any, str]] = [(data, None, "")]
    while pending:
        value, place, key = pending.pop()
        if isinstance(value, dict):
            pending += [(inner, (place, name), name if isinstance(name, str) else key)
                        for name, inner in reversed(value.items())]
        elif isinstance(value, list):
            pending += [(inner, (place, index), key) for index, inner in reversed(list(enumerate(value)))]
        elif isinstance(value, str):
            yield place, key, value


def key_path(place: Any) -> KeyPath:
    """The key path of a text's place (`texts_in`)."""
    parts: list[str | int] = []
    while place is not None:
        place, part = place
        parts.append(part)
    return tuple(reversed(parts))


def follows_from(key: str | None, reported: set[str | None]) -> bool:
    """True when a problem was reported (`reported`: their key paths) at `key` or inside the section at `key`: the
    section's own checks, "the purchaser's name is missing", follow from a value refused in it; a closing ledger's
    entry with one is left out of the entries checked (`closing.ledger`)."""
    return key in reported or any(isinstance(r, str) and key and (r.startswith(key + ".") or r.startswith(key + "["))
                                  for r in reported)


def _misspelt(errors: list[dict[str, Any]], root: type[BaseModel]) -> set[KeyPath]:
    """The paths of the required keys that are missing where an unknown key beside them misspells one
    ("maturty_date" for "maturity_date"): one mistake, said once, by DD003."""
    suggested = set()
    for err in errors:
        if err["type"] == "extra_forbidden":
            *parents, key = err["loc"]
            model = _model_at(tuple(parents), root)
            close = meant_key(model, str(key)) if model is not None else None
            if close:
                suggested.add((*parents, close))
    return {tuple(err["loc"]) for err in errors if err["type"] == "missing" and tuple(err["loc"]) in suggested}


def _misspelling_of(err: dict[str, Any], misspelt: set[KeyPath]) -> bool:
    return err["type"] == "missing" and tuple(err["loc"]) in misspelt


def _validation_finding(source: TermSheetSource, err: dict[str, Any], root: type[BaseModel],
                        misspelt: set[KeyPath] = frozenset()) -> Finding:
    path: KeyPath = tuple(p for p in err["loc"] if isinstance(p, (str, int)))
    kind = err["type"]
    if kind == "extra_forbidden":
        key = str(path[-1])
        model = _model_at(path[:-1], root)
        message = f"unknown key '{key}'"
        if model is not None:
            close = meant_key(model, key)
            if close and (*err["loc"][:-1], close) in misspelt:
                message += f" (did you mean {close}? it is required, and missing)"
            elif close:
                message += f" (did you mean {close}?)"
            else:  # a key of another section written here: said where it goes (a new user's trial: interest_rate)
                elsewhere = section_of(key, root, model) if len(path) > 1 else None
                message += (f" here: it is a key of {elsewhere}" if elsewhere else "") + f"; this section takes: {', '.join(model.model_fields)}"
        return error("DD003", message, source.location(path, at_key=True))
    if kind == "missing":
        key = str(path[-1])
        location = replace(source.location(path[:-1], at_key=True), key=key_path_text(path))  # the entry kept
        parent = _model_at(path[:-1], root)  # a section left out: its own required keys said now (a new user's trial:
        field = parent.model_fields.get(key) if parent else None  # they came one round of check after another)
        section = field.annotation if field else None
        takes = ([k for k, info in section.model_fields.items() if info.is_required()]
                 if isinstance(section, type) and issubclass(section, BaseModel) else [])
        needs = f": a section whose required keys are {', '.join(takes)}" if takes else f": {field.description}" if field and field.description else ""
        return error("DD004", f"the required key '{key}' is missing{needs}", location)
    written = source.scalar_texts.get(path)
    if kind == "string_type" and written is not None:
        message = f"'{shown(written)}' is read by YAML as {_read_as(err.get('input'))}, not as text: quote it as \"{shown(written)}\" if it is text"
        return error("DD002", message, source.location(path))
    message = _message(err)
    if kind in ("model_type", "dict_type", "model_attributes_type") and (model := _model_at(path, root)) is not None:
        message += ", such as {" + ", ".join(f"{k}: ..." for k, i in model.model_fields.items() if i.is_required()) + "}"
    if kind == "value_error" and (required := _REQUIRED_KEY.search(message)):  # DD004 as any required key; DD002
        if (*path, key := required.group(2)) in source.key_marks:  # at its line when written and left empty
            return error("DD002", f"{required.group(1)} is empty: give it", source.location((*path, key)))
        return error("DD004", f"the required key '{key}' is missing: {required.group(1)}",
                     replace(source.location(path, at_key=True), key=key_path_text((*path, key))))
    named = _NAMED_KEY.search(message)  # "takes no entity_type", "leave name out": at that key's own line
    if named and (*path, named.group(1)) in source.key_marks:
        return error("DD002", message, source.location((*path, named.group(1)), at_key=True))
    return error("DD002", message, source.location(path))


def _read_as(value: Any) -> str:
    """What YAML made of a plain scalar: 'false', 'a number', 'a date'."""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, (int, Decimal)):
        return "a number"
    if isinstance(value, date):
        return "a date"
    return "nothing" if value is None else "a value"


def load_deal(path: Path, display: str | None = None) -> tuple[Deal, TermSheetSource]:
    """Read, parse and validate a term sheet. Raises TermSheetError or UsageError."""
    source = read_source(path, display)
    return validate(source), source


def load_deal_bytes(raw: bytes, path: Path, display: str) -> tuple[Deal, TermSheetSource]:
    """Parse and validate term sheet bytes read elsewhere (a git revision), as if they were at `path`."""
    source = parse_source(raw, TermSheetSource(path=path, display=display))
    return validate(source), source
