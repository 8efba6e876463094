"""The Jinja environment templates render in: sandboxed, immutable, bounded, autoescaping, strict, its compiled code kept.

Templates render in Jinja's immutable sandbox with autoescaping on and
StrictUndefined, so a term sheet value is always data (``&``, ``<`` and quotes
come out as written, never as markup or template source) and a misspelt field
is an error that names it, never an empty gap in a signed document.

A template reads the deal and never changes it: the immutable sandbox refuses
the methods that change a list, dict or set (``purchasers.pop()``), and of
the term sheet's models a template sees only their fields and derived values
(never pydantic's own methods). So every document of a build sees the same
deal, however many processes render them. The bounds of `render.limits` hold
on numbers, texts, ranges, calls and the rendered text.
"""

from __future__ import annotations

from collections import OrderedDict
from datetime import date
from decimal import Decimal
from functools import cached_property, lru_cache
from typing import Any

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment
from pydantic import BaseModel

from dealdocs import words
from dealdocs.closing.signature_blocks import signature_block
from dealdocs.render import limits
from dealdocs.render.cache import CompiledCache

FILTERS = {**words.FILTERS, "signature_block": signature_block}
"""The filters every template may use, e.g. ``{{ escrow.agreement_date|long_date }}``, ``{{ p|signature_block }}``."""

_COMPILED_CACHE_SIZE = 64
_PLAIN = frozenset({str, int, bool, float, Decimal, date, list, tuple, dict, type(None)})
"""Types of value that are data, never a method the sandbox must wrap (`_Environment.getattr`)."""


class _Environment(ImmutableSandboxedEnvironment):
    """The sandbox, bounded, remembering each compiled template source (docxtpl compiles from strings).

    In memory for this process, and on disk between processes (`dealdocs.render.cache`):
    a cold build reads the compiled code instead of compiling the templates again.
    """

    intercepted_binops = frozenset({"*", "**", "+", "%"})  # compiled into the code: part of the cache's key

    def __init__(self, **options: Any):
        super().__init__(**options)
        self.globals["range"] = limits.bounded_range
        self.concat = limits.bounded_concat  # type: ignore[method-assign]
        for name, function in list(self.filters.items()):  # Jinja's own; dealdocs' are added after
            self.filters[name] = limits.bounded_filter(name, function)
        self._compiled: OrderedDict[str, jinja2.Template] = OrderedDict()
        self._safe: dict[tuple[type, str], bool] = {}
        key = f"{type(self).__qualname__} {sorted(options.items())!r} {sorted(self.intercepted_binops)!r}"
        self._code_cache = CompiledCache(key)

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        # Whether an attribute is safe depends on the object's type and the name only: asked once for each
        # pair (a deal of 5,000 purchasers reads their fields 100,000 times, each an isinstance of the ABCs)
        key = (type(obj), attr)
        safe = self._safe.get(key)
        if safe is None:
            safe = self._safe[key] = (not isinstance(obj, BaseModel) or _is_fact(type(obj), attr)) and \
                super().is_safe_attribute(obj, attr, value)
        return safe

    def getattr(self, obj: Any, attribute: str) -> Any:
        # The sandbox's own steps, but that a field's value (text, a number, a date, a model, a list) is no
        # `str.format` method to wrap, and is not tested as one: that test took a third of the time of reading a
        # field, which a deal of 5,000 purchasers does 100,000 times in each version of it rendered.
        try:
            value = getattr(obj, attribute)
        except AttributeError:
            return limits.check_size(super().getattr(obj, attribute))  # Jinja's way: an item of that name
        if type(value) not in _PLAIN and not isinstance(value, BaseModel):
            wrapped = self.wrap_str_format(value)
            if wrapped is not None:
                return wrapped
        if self.is_safe_attribute(obj, attribute, value):
            return limits.check_size(value)
        return self.unsafe_undefined(obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        return limits.check_size(super().getitem(obj, argument))

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        return limits.binary_operation(self.binop_table[operator], operator, left, right)

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805  (Jinja's signature)
        args = limits.check_call(__obj, args, kwargs)
        return limits.check_size(limits.check_number(super().call(__context, __obj, *args, **kwargs)))

    def wrap_str_format(self, value: Any) -> Any:
        wrapped = super().wrap_str_format(value)
        if wrapped is None:
            return None
        template = value.__self__

        def checked(*args: Any, **kwargs: Any) -> str:
            limits.check_brace_format(template, args, kwargs)
            return limits.check_size(wrapped(*args, **kwargs))

        return checked

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


@lru_cache(maxsize=1024)
def _is_fact(model: type, name: str) -> bool:
    """Whether `name` is a field or a derived value (a property) of a term sheet model."""
    return name in model.model_fields or isinstance(getattr(model, name, None), (property, cached_property))


def jinja_environment() -> ImmutableSandboxedEnvironment:
    """The Jinja environment templates render in: sandboxed, immutable, bounded, autoescaping, strict."""
    env = _Environment(autoescape=True, undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
    env.filters.update(FILTERS)
    return env
