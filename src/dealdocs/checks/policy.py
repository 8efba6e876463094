"""Which findings a reader wants: `.dealdocs.toml` and Word comments that silence a code on a paragraph.

A team's configuration lives in `.dealdocs.toml`, in the current folder or
the nearest parent that has one:

```toml
[lint]
disable = ["DD205"]                # these codes are not reported
severity = { DD208 = "error" }     # a code's severity: "error", "warning" or "off"
```

A lawyer who cannot edit a configuration file can still answer a finding in
the document itself: a Word comment on a paragraph whose text starts
`dealdocs: ignore DD203` (several codes, separated by spaces or commas) silences
those codes for the paragraphs the comment is anchored on. A mistake in the
configuration is a usage error naming the file and the key, never ignored.
"""

from __future__ import annotations

import difflib
import re
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from dealdocs.errors import UsageError
from dealdocs.findings import Finding, Severity

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

__all__ = ["CONFIG_FILE", "Policy", "comment_ignores", "find_config", "ignored_codes", "load_policy"]

CONFIG_FILE = ".dealdocs.toml"
_CODE = re.compile(r"^DD\d{3}$")
_IGNORE = re.compile(r"^\s*dealdocs\s*:\s*ignore\b(?P<codes>[\sA-Z0-9,]*)", re.IGNORECASE)
_LINT_KEYS = ("disable", "severity")
_LEVELS = {"error": Severity.ERROR, "warning": Severity.WARNING, "off": None}


@dataclass(frozen=True)
class Policy:
    """Codes switched off, and codes given another severity."""

    disabled: frozenset[str] = frozenset()
    severities: dict[str, Severity] = field(default_factory=dict)
    source: Path | None = None

    def apply(self, findings: Iterable[Finding], ignored: dict[tuple[str | None, int], set[str]] | None = None) -> list[Finding]:
        """The findings the reader wants: disabled codes and codes ignored on their paragraph dropped, severities set."""
        kept = []
        for finding in findings:
            if finding.code in self.disabled:
                continue
            location = finding.location
            if ignored and finding.code in ignored.get((location.document, location.paragraph or 0), ()):
                continue
            severity = self.severities.get(finding.code)
            kept.append(replace(finding, severity=severity) if severity is not None else finding)
        return kept


def find_config(start: Path) -> Path | None:
    """`.dealdocs.toml` in `start` or the nearest parent folder that has one."""
    folder = start.resolve()
    for candidate in (folder, *folder.parents):
        path = candidate / CONFIG_FILE
        if path.is_file():
            return path
    return None


_MAX_BYTES = 1_000_000  # a settings file of a few lines; a larger one is no settings file


def load_policy(codes: Codes, start: Path | None = None) -> Policy:
    """The policy of the nearest `.dealdocs.toml` (none: report everything as documented); a code it names must be
    one of `codes`."""
    path = find_config(start or Path.cwd())
    if path is None:
        return Policy()
    try:
        if path.stat().st_size > _MAX_BYTES:
            raise UsageError(f"{path}: is {path.stat().st_size:,} bytes; a settings file is at most {_MAX_BYTES:,}")
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"{path}: cannot be read ({exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise UsageError(f"{path}: not valid TOML: {exc}") from None
    except RecursionError:  # a hostile sweep: 100,000 nested brackets were 'internal error' (exit 70)
        raise UsageError(f"{path}: not valid TOML: its values nest too deeply to read") from None
    lint = data.get("lint", {})
    if not isinstance(lint, dict):
        raise UsageError(f"{path}: [lint] must be a table of settings")
    for key in lint:
        if key not in _LINT_KEYS:
            close = difflib.get_close_matches(key, _LINT_KEYS, n=1)
            hint = f" (did you mean {close[0]}?)" if close else f"; [lint] takes {', '.join(_LINT_KEYS)}"
            raise UsageError(f"{path}: lint.{key}: unknown key{hint}")
    disabled = lint.get("disable", [])
    if not isinstance(disabled, list):
        raise UsageError(f'{path}: lint.disable: give a list of codes, e.g. disable = ["DD205"]')
    for number, code in enumerate(disabled):
        _known_code(path, f"lint.disable[{number}]", code, codes)
    disabled = [code.upper() for code in disabled]
    severities: dict[str, Severity] = {}
    off: set[str] = set()
    levels = lint.get("severity", {})
    if not isinstance(levels, dict):
        raise UsageError(f'{path}: lint.severity: give a table of codes, e.g. severity = {{ DD208 = "error" }}')
    for code, level in levels.items():
        _known_code(path, f"lint.severity.{code}", code, codes)
        code = code.upper()
        if level not in _LEVELS:
            raise UsageError(f"{path}: lint.severity.{code}: '{level}' is not one of error, warning, off")
        if _LEVELS[level] is None:
            off.add(code)
        else:
            severities[code] = _LEVELS[level]
    return Policy(frozenset(disabled) | off, severities, path)


Codes = Callable[[], tuple[Sequence[str], Sequence[str]]]
"""Every code a check reports and those `lint` reports (`catalog.codes`), asked when a configuration names one: the
catalogue reads every module that reports findings, pipeline and outputs too, which the checks do not import."""


def _known_code(path: Path, key: str, code: object, codes: Codes) -> None:
    """A code the configuration names is one dealdocs reports (dd208 is DD208), else a usage error saying which
    entry and why: not text, not a code's form ("DD2O8", a letter O), or a code no check reports."""
    if not isinstance(code, str):
        raise UsageError(f"{path}: {key}: {code!r} is not a code: write codes in quotes, e.g. \"DD205\"")
    if not _CODE.match(code.upper()):
        raise UsageError(f"{path}: {key}: '{code}' is not a finding code: DD followed by three digits, e.g. DD205")
    known, linted = codes()
    if code.upper() not in known:  # a code of lint's suggested, never one it does not report (a new user's trial: DD199)
        close = [c for c in linted if sum(a != b for a, b in zip(c, code.upper())) == 1]  # one digit mistyped
        hint = f" (did you mean {close[0]}?)" if close else ""
        raise UsageError(f"{path}: {key}: dealdocs reports no finding {code.upper()}{hint}; "
                         "the README's Checks section lists every code")


def ignored_codes(comments: dict[int, list[str]]) -> dict[int, set[str]]:
    """Paragraph -> the codes its Word comments ignore ('dealdocs: ignore DD203, DD205')."""
    ignored: dict[int, set[str]] = {}
    for paragraph, texts in comments.items():
        for text in texts:
            match = _IGNORE.match(text)
            if match:
                codes = {c.upper() for c in re.split(r"[\s,]+", match["codes"]) if _CODE.match(c.upper())}
                ignored.setdefault(paragraph, set()).update(codes)
    return ignored


def comment_ignores(paths: Iterable[Path]) -> dict[tuple[str | None, int], set[str]]:
    """(document, paragraph) -> codes its Word comments ignore, for each .docx of `paths` that can be read."""
    from dealdocs.ooxml.comments import comments_by_paragraph

    ignored: dict[tuple[str | None, int], set[str]] = {}
    for path in paths:
        if Path(path).suffix.lower() != ".docx":
            continue
        try:
            comments = comments_by_paragraph(path)
        except Exception:  # an unreadable file is already a DD200 finding of its own
            continue
        for paragraph, codes in ignored_codes(comments).items():
            ignored[(str(path), paragraph)] = codes
    return ignored
