"""Building many term sheets at once, in worker processes.

Each worker keeps one `Builder` for its life, so the templates are parsed once
per process, not once per deal. One deal's failure never stops the others:
each comes back as a `BuildOutcome` (picklable, without the documents' bytes).
"""

from __future__ import annotations

import os
import traceback
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Protocol

from dealdocs.errors import UsageError, UserMessageError, os_error_words
from dealdocs.findings import Finding, has_errors
from dealdocs.pipeline import BuildOptions, Builder, display_path


@dataclass
class BuildOutcome:
    """One deal's build, as the command line reports it."""

    display: str
    deal_id: str
    findings: list[Finding] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    moved_aside: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)  # the earlier build's files this one does not make
    carried: list[str] = field(default_factory=list)  # the earlier build's PDFs kept, their Word files as they were
    message: str | None = None
    failed: bool = False
    waiting: tuple[str, ...] = ()
    starter: bool = False  # built from the starter as `init` wrote it (a new user's trial: `build` said nothing of it)

    @property
    def ok(self) -> bool:
        return not self.failed and not has_errors(self.findings)

    def made(self, folder: Path) -> list[Path]:
        """The files this build wrote into the deal's `folder`: not the earlier build's PDFs it kept (`carried`), which
        `written` lists too (a new user's trial: a kept PDF said "wrote")."""
        kept = {folder / name for name in self.carried}
        return [path for path in self.written if path not in kept]


class Progress(Protocol):
    def __enter__(self) -> Progress: ...
    def advance(self) -> None: ...
    def stage(self, what: str) -> None: ...  # what the deal being built in this process is at
    def __exit__(self, *exc: object) -> None: ...


_builders: dict[BuildOptions, Builder] = {}  # one Builder per set of options, for the life of the process


def _builder(options: BuildOptions) -> Builder:
    if options not in _builders:
        _builders[options] = Builder(options)
    return _builders[options]


def build_one(path: Path, options: BuildOptions, stage: Callable[[str], None] | None = None) -> BuildOutcome:
    """Build one term sheet; whatever stops it becomes a failed outcome, not an exception.

    A problem the user can fix is its message; a full disk, its plain words; a
    bug in dealdocs says so, and the batch goes on with the other deals.
    `stage` is told each stage of the build as it starts (`Builder.on_stage`).
    """
    display = display_path(path)
    builder = _builder(options)
    builder.on_stage = stage
    try:
        result = builder.build(path)
    except UserMessageError as exc:
        return BuildOutcome(display, path.stem, list(getattr(exc, "findings", [])), message=str(exc), failed=True)
    except OSError as exc:
        return BuildOutcome(display, path.stem, message=os_error_words(exc), failed=True)
    except Exception as exc:  # a bug in dealdocs: this deal fails, the others are built
        details = traceback.format_exc() if os.environ.get("DEALDOCS_DEBUG") else "DEALDOCS_DEBUG=1 shows the details"
        return BuildOutcome(display, path.stem, message=f"internal error ({type(exc).__name__}: {exc}); nothing written "
                            f"for this deal. Please report it; {details}", failed=True)
    finally:
        builder.on_stage = None
    return BuildOutcome(display, path.stem, result.findings, result.written, result.moved_aside, result.removed,
                        waiting=result.waiting, carried=result.carried, starter=result.starter)


def build_all(paths: Iterable[Path], options: BuildOptions, *, jobs: int | None = None, progress: Progress | None = None) -> list[BuildOutcome]:
    """Build every term sheet; results in the order given.

    Raises UsageError, before building anything, when two term sheets would
    build into one folder (the same file name in two folders).
    """
    paths = unique_folders(paths, options.output_dir)
    requested = jobs or os.cpu_count() or 1
    jobs = min(requested, len(paths))
    if jobs <= 1:  # one deal at a time: its documents are rendered in parallel instead
        options = replace(options, render_jobs=requested)
    outcomes: dict[int, BuildOutcome] = {}
    with progress or _NoProgress() as bar:
        if jobs <= 1:
            for i, path in enumerate(paths):
                outcomes[i] = build_one(path, options, bar.stage)
                bar.advance()
        else:
            with ProcessPoolExecutor(max_workers=jobs) as pool:
                futures = {pool.submit(build_one, path, options): i for i, path in enumerate(paths)}
                for future in as_completed(futures):
                    index = futures[future]
                    try:
                        outcomes[index] = future.result()
                    except Exception as exc:  # the worker process died (killed, out of memory)
                        outcomes[index] = BuildOutcome(display_path(paths[index]), paths[index].stem, failed=True,
                                                       message=f"the process building it ended unexpectedly ({type(exc).__name__})")
                    bar.advance()
    return [outcomes[i] for i in range(len(paths))]


def unique_folders(paths: Iterable[Path], output_dir: Path) -> list[Path]:
    """`paths` without repeats of one file; UsageError when two files would share an output folder.

    A deal's folder is named by its term sheet's file name, compared as a disk
    that ignores case (macOS, Windows) would compare it.
    """
    unique: list[Path] = []
    by_folder: dict[str, list[Path]] = {}
    for path in paths:
        if any(path.resolve() == seen.resolve() for seen in by_folder.get(path.stem.casefold(), [])):
            continue
        unique.append(path)
        by_folder.setdefault(path.stem.casefold(), []).append(path)
    clashes = [group for group in by_folder.values() if len(group) > 1]
    if clashes:
        lines = [" and ".join(str(p) for p in group) + f" would both build {output_dir / group[0].stem}" for group in clashes]
        raise UsageError("; ".join(lines) + ". Nothing was built: rename one of them, or build them "
                         "one at a time into different folders with -o.")
    return unique


class _NoProgress:
    def __enter__(self) -> _NoProgress:
        return self

    def advance(self) -> None:
        pass

    def stage(self, what: str) -> None:
        pass

    def __exit__(self, *exc: object) -> None:
        pass
