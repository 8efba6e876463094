"""The Jinja environment templates render in: sandboxed, autoescaping, strict, its compiled code kept.

Templates render in Jinja's sandbox with autoescaping on and StrictUndefined,
so a term sheet value is always data (``&``, ``<`` and quotes come out as
written, never as markup or template source) and a misspelt field is an error
that names it, never an empty gap in a signed document.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from dealdocs import words
from dealdocs.closing.signature_blocks import signature_block
from dealdocs.render.cache import CompiledCache

FILTERS = {**words.FILTERS, "signature_block": signature_block}
"""The filters every template may use, e.g. ``{{ escrow.agreement_date|long_date }}``, ``{{ p|signature_block }}``."""

_COMPILED_CACHE_SIZE = 64


class _Environment(SandboxedEnvironment):
    """The sandbox, remembering each compiled template source (docxtpl compiles from strings).

    In memory for this process, and on disk between processes (`dealdocs.render.cache`):
    a cold build reads the compiled code instead of compiling the templates again.
    """

    def __init__(self, **options: Any):
        super().__init__(**options)
        self._compiled: OrderedDict[str, jinja2.Template] = OrderedDict()
        self._code_cache = CompiledCache(f"{type(self).__qualname__} {sorted(options.items())!r}")

    def from_string(self, source: Any, globals: Any = None, template_class: Any = None) -> jinja2.Template:
        if globals is not None or template_class is not None or not isinstance(source, str):
            return super().from_string(source, globals, template_class)
        compiled = self._compiled.get(source)
        if compiled is None:
            code = self._code_cache.get(source)
            if code is None:
                code = self.compile(source)
                self._code_cache.put(source, code)
            compiled = self._compiled[source] = self.template_class.from_code(self, code, self.make_globals(None))
            if len(self._compiled) > _COMPILED_CACHE_SIZE:
                self._compiled.popitem(last=False)
        return compiled


def jinja_environment() -> SandboxedEnvironment:
    """The Jinja environment templates render in: sandboxed, autoescaping, strict."""
    env = _Environment(autoescape=True, undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
    env.filters.update(FILTERS)
    return env
