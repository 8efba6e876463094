"""Limits on a Word package read from outside, checked before anything is unpacked.

A .docx is a zip file: a few hundred kilobytes can declare gigabytes of XML
(a "zip bomb"). `check_package` reads only the zip's directory (the declared
sizes, which the zip reader then enforces when it unpacks) and refuses a
package whose parts add up to more than `MAX_UNPACKED` bytes, that has more
than `MAX_PARTS` parts, or that has a large part compressed more than
`MAX_RATIO` times (real Word XML compresses about ten times).
"""

from __future__ import annotations

import io
import os
import zipfile
from typing import IO, Union

__all__ = ["MAX_PARTS", "MAX_RATIO", "MAX_TEMPLATE", "MAX_UNPACKED", "DeclaresEntities", "PackageRefused", "PackageTooLarge",
           "check_package"]

MAX_UNPACKED = 256 * 1024 * 1024
"""The most a package may unpack to, all parts together (256 MiB)."""
MAX_TEMPLATE = 64 * 1024 * 1024
"""The most a firm's template may unpack to (64 MiB): each document rendered from it holds a copy, and its XML is
read whole to check its fields; a firm's template is a few hundred kilobytes, with its pictures a few megabytes."""
MAX_RATIO = 100
"""The most a part larger than `_RATIO_FROM` bytes may be compressed (unpacked size / packed size)."""
MAX_PARTS = 10_000
_RATIO_FROM = 1024 * 1024


class PackageRefused(ValueError):
    """A Word file not read, for the reason its message gives (`PackageTooLarge`, `DeclaresEntities`)."""


class PackageTooLarge(PackageRefused):
    """A Word file that would unpack to too much to read safely; the message says what and why."""


class DeclaresEntities(PackageRefused):
    """A Word file whose XML declares a document type (`active_content.declared_doctype`): its text is not all
    on its face."""


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):,.0f} MB"


def check_package(source: Union[str, "os.PathLike[str]", bytes, IO[bytes]], max_unpacked: int | None = None) -> None:
    """Raise `PackageTooLarge` when the zip at `source` is beyond the limits (all parts together no more than
    `max_unpacked` bytes, else `MAX_UNPACKED`); else nothing.

    A file that is not a zip passes: reading it fails later, with its own error.
    An open file is left at the position it was at.
    """
    if isinstance(source, (bytes, bytearray)):
        source = io.BytesIO(bytes(source))
    position = source.tell() if hasattr(source, "tell") else None
    try:
        with zipfile.ZipFile(source) as package:
            infos = package.infolist()
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        return
    finally:
        if position is not None:
            source.seek(position)
    if len(infos) > MAX_PARTS:
        raise PackageTooLarge(f"it holds {len(infos):,} parts (a Word file has a few dozen; the limit is {MAX_PARTS:,})")
    total = sum(info.file_size for info in infos)
    max_unpacked = MAX_UNPACKED if max_unpacked is None else max_unpacked
    if total > max_unpacked:
        raise PackageTooLarge(
            f"it would unpack to {_megabytes(total)} (the limit is {_megabytes(max_unpacked)}): "
            "it is not an ordinary Word document"
        )
    for info in infos:
        if info.file_size > _RATIO_FROM and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            ratio = info.file_size // max(info.compress_size, 1)
            raise PackageTooLarge(
                f"its part {info.filename} is compressed {ratio:,} times ({_megabytes(info.file_size)} from "
                f"{info.compress_size:,} bytes; Word's XML compresses about 10 times): it is not an ordinary Word document"
            )
