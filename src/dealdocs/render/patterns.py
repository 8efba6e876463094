"""A purchaser's document's pattern: what Jinja renders for it, its purchaser's own facts masked.

Each purchaser's note is one template filled in with the deal's terms and
that purchaser's facts. Two notes whose texts differ only where each states
its own purchaser's facts (its name, address, description, principal in
figures and words, and its number) have one pattern; a note whose text
differs anywhere else (a trust's signature block, an individual's "heirs,
administrators and executors", another purchaser's amount) has its own. Of
the notes of purchasers a change leaves alone, a redline checks the first of
each pattern, in the deal's order (`pipeline.ByPattern`, `versions`):
`check` and `build` check every note.

One pattern is one text around the facts, not one set of findings: what a
check finds in a fact itself (a street "c/o the Custodian", a term defined
nowhere) is found only in the notes checked. A fact the mask does not know (a
firm template's own rendering of a field) is left in the text: the notes
showing it then have patterns of their own, each checked.
"""

from __future__ import annotations

import hashlib
import zlib
from datetime import date
from decimal import Decimal
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING, Any

from markupsafe import escape
from pydantic import BaseModel

from dealdocs import words
from dealdocs.closing.results import RenderedDocument
from dealdocs.render.renderer import digest_of

if TYPE_CHECKING:
    from dealdocs.closing.kinds import DocumentSpec
    from dealdocs.termsheet.model import Deal

__all__ = ["pattern_of", "sketch"]

_SHORTEST = 3  # a shorter fact ("NY", "1") would mask the same letters in the deal's own words: left in
_DEPTH = 3  # a purchaser's models inside models (its trust's trustees' addresses) read this deep


def pattern_of(texts: list[bytes], deal: Deal, spec: DocumentSpec) -> str:
    """A digest of `texts` (`Renderer.source_texts` of `spec`, a document of one purchaser) with each of its
    purchaser's own facts, as the templates write them, replaced by the name of the fact."""
    purchaser = spec.purchaser(deal)
    assert purchaser is not None and spec.number is not None
    facts = _facts(purchaser, "purchaser", _DEPTH)
    facts[f"No. {spec.number}"] = "number"
    facts[f"No.\u00a0{spec.number}"] = "number"
    by_text: dict[str, str] = {}
    for text, role in facts.items():  # as Jinja writes a value into XML: escaped
        for written in (text, text.upper()):
            if len(written) >= _SHORTEST:
                by_text.setdefault(str(escape(written)), role)
    masks = [(text, _token(role)) for text, role in sorted(by_text.items(), key=lambda item: (-len(item[0]), item[0]))]
    digest = hashlib.sha256()
    for text in texts:
        masked = text.decode("utf-8", "replace")
        for fact, token in masks:  # the longest first: a name before the words of it
            masked = masked.replace(fact, token)
        digest.update(hashlib.sha256(masked.encode()).digest())
    return digest.hexdigest()


@lru_cache(maxsize=1024)
def _token(role: str) -> str:
    """What stands for the fact named `role`: private-use characters, which no fact holds nor a name can spell."""
    return "".join(chr(0xE000 + byte) for byte in hashlib.sha256(role.encode()).digest()[:8])


def sketch(spec: DocumentSpec, rendered: list[bytes], texts_kept: bool) -> RenderedDocument:
    """A note rendered by Jinja alone, not read nor checked: what a redline compares of it (the digest of what
    Jinja rendered, `source`, and, `texts_kept`, those texts compressed)."""
    texts = tuple(zlib.compress(text, 1) for text in rendered) if texts_kept else None
    return RenderedDocument(spec, data=None, paragraphs=[], source=digest_of(rendered), texts=texts, sketched=True)


def _facts(model: BaseModel, role: str, depth: int) -> dict[str, str]:
    """Each text `model` gives (its fields, its derived values, in the forms the filters write numbers and dates),
    with the name of the fact; the first name of a text that two facts give."""
    found: dict[str, str] = {}
    for name in _names(type(model)):
        try:
            value = getattr(model, name)
        except Exception:  # noqa: BLE001  a derived value this purchaser has none of: no fact to mask
            continue
        for index, item in enumerate(value if isinstance(value, (list, tuple)) else [value]):
            _add(found, item, f"{role}.{name}.{index}", depth)
    return found


@lru_cache(maxsize=64)
def _names(model: type[BaseModel]) -> tuple[str, ...]:
    """A model's fields, then its derived values (properties), by name."""
    derived = sorted(name for name in dir(model) if not name.startswith("_") and name not in ("model_extra", "model_fields_set")
                     and isinstance(getattr(model, name, None), (property, cached_property)))
    return (*model.model_fields, *derived)


def _add(found: dict[str, str], value: Any, role: str, depth: int) -> None:
    if isinstance(value, bool) or value is None:
        return
    if isinstance(value, BaseModel):
        if depth > 0:
            for text, name in _facts(value, role, depth - 1).items():
                found.setdefault(text, name)
        return
    if isinstance(value, Decimal):
        texts = [words.amount_text(value), words.amount_words(value), words.amount_figures(value), f"{value:,.2f}"]
    elif isinstance(value, date):
        texts = [words.long_date(value)]
    elif isinstance(value, str):
        texts = [value]
    else:
        return
    for text in texts:
        found.setdefault(text, role)
