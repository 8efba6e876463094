"""The bounds a template renders within: no template can stall a build or exhaust its memory.

A firm's template is code written outside dealdocs. The sandbox
(`render.environment`) keeps it from Python's internals and from changing the
deal; these bounds keep it from running forever or building values larger
than any document needs:

- integers of at most `MAX_DIGITS` digits (``9**(9**9)`` is refused before it
  is computed, as it would take minutes that nothing can interrupt);
- strings and lists of at most `MAX_LENGTH` characters or items, checked
  before ``*``, ``+``, ``%``, a string method or a filter builds them, and
  widths (``'%0999999999d'``, ``|center(10**9)``) no larger;
- ``range`` over at most `MAX_RANGE` numbers;
- a document's rendered text of at most `MAX_OUTPUT` characters, and no paragraph
  broken into more than `MAX_BREAKS` lines (``{{ text|wordwrap(1) }}``), which
  every later step would take the square of to lay out;
- `RENDER_SECONDS` of processor time to render one document (`time_limit`),
  which ends any loop, however nested, that the other bounds let through.
  Processor time, not the clock: a busy machine slows a large deal's
  rendering without bringing it nearer the limit (the escrow agreement of
  5,000 purchasers takes a few seconds).

Each refusal is a `LimitExceeded` (an ArithmeticError), which rendering
reports as DD306 naming the template; a time-out is a `RenderTimeout`.
"""

from __future__ import annotations

import math
import re
import signal
import string
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from decimal import Decimal
from functools import wraps
from typing import Any

MAX_DIGITS = 100
MAX_LENGTH = 1_000_000
MAX_RANGE = 10_000
MAX_OUTPUT = 200_000_000
MAX_BREAKS = 10_000
"""Line breaks, tabs and page breaks in one paragraph: each is an element of its own, and laying out and composing
a paragraph costs the square of its elements (lxml moves a paragraph between documents element by element)."""
RENDER_SECONDS = 30.0

_SIZED = (str, list, tuple)
_PERCENT_SPEC = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(\*|[0-9]+)?(?:\.(\*|[0-9]+))?")


class LimitExceeded(ArithmeticError):
    """A template asked for more than a document needs (a number, a text, a loop too large)."""


class RenderTimeout(BaseException):
    """Rendering one document took longer than its time limit.

    A BaseException, so that no `except Exception` in a template's filters or
    in Jinja can swallow it and let the loop go on.
    """


def _digits(number: int) -> int:
    return max(1, (abs(number).bit_length() * 30103) // 100000 + 1)  # log10(2) = 0.30103


def _refuse(what: str) -> LimitExceeded:
    return LimitExceeded(f"{what}: a template may not build it")


def check_number(value: Any) -> Any:
    """`value`, refused when it is an integer of more than MAX_DIGITS digits, or infinity or not-a-number."""
    if isinstance(value, int) and not isinstance(value, bool) and _digits(value) > MAX_DIGITS:
        raise _refuse(f"an integer of more than {MAX_DIGITS} digits")
    if (isinstance(value, float) and not math.isfinite(value)) or (isinstance(value, Decimal) and not value.is_finite()):
        raise _refuse("a number that is infinite or not a number")
    return value


def check_size(value: Any) -> Any:
    """`value`, refused when it is a string or list of more than MAX_LENGTH characters or items."""
    if isinstance(value, _SIZED) and len(value) > MAX_LENGTH:
        raise _refuse(f"a text or list of more than {MAX_LENGTH:,} characters or items")
    return value


def _check_width(number: Any) -> None:
    if isinstance(number, int) and not isinstance(number, bool) and abs(number) > MAX_LENGTH:
        raise _refuse(f"a width or count of {number:,} (more than {MAX_LENGTH:,})")


def binary_operation(operation: Callable[[Any, Any], Any], operator: str, left: Any, right: Any) -> Any:
    """`left operator right`, refused before it runs when its result would pass a bound."""
    integers = all(isinstance(v, int) and not isinstance(v, bool) for v in (left, right))
    if operator == "**" and integers and right > 0 and abs(left) > 1 and right * math.log10(abs(left)) > MAX_DIGITS:
        raise _refuse(f"an integer of more than {MAX_DIGITS} digits")
    if operator == "*" and integers and _digits(left) + _digits(right) > MAX_DIGITS + 1:
        raise _refuse(f"an integer of more than {MAX_DIGITS} digits")
    if operator == "*":
        for sized, count in ((left, right), (right, left)):
            if isinstance(sized, _SIZED) and isinstance(count, int) and len(sized) * max(count, 0) > MAX_LENGTH:
                raise _refuse(f"a text or list of more than {MAX_LENGTH:,} characters or items")
    if operator == "+" and isinstance(left, _SIZED) and isinstance(right, _SIZED) and len(left) + len(right) > MAX_LENGTH:
        raise _refuse(f"a text or list of more than {MAX_LENGTH:,} characters or items")
    if operator == "%" and isinstance(left, str):
        check_percent_format(left, right if isinstance(right, tuple) else (right,))
    return check_size(check_number(operation(left, right)))


def check_percent_format(template: str, arguments: Any) -> None:
    """Refuse a '%' format whose widths or precisions pass MAX_LENGTH ('%0999999999d')."""
    for match in _PERCENT_SPEC.finditer(template):
        for part in match.groups():
            if part and part != "*":
                _check_width(int(part))
    if "*" in template:
        for argument in arguments if isinstance(arguments, (tuple, list)) else ():
            _check_width(argument)


def check_brace_format(template: str, args: tuple, kwargs: dict) -> None:
    """Refuse a '{}' format whose widths pass MAX_LENGTH ('{:>999999999}', or a width given as an argument)."""
    try:
        fields = list(string.Formatter().parse(template))
    except ValueError:
        return  # str.format raises the same error itself
    for _, _, spec, _ in fields:
        for number in re.findall(r"[0-9]+", spec or ""):
            _check_width(int(number))
        if spec and "{" in spec:
            for argument in (*args, *kwargs.values()):
                _check_width(argument)


def check_call(function: Any, args: tuple, kwargs: dict) -> tuple:
    """The arguments of a call from a template, refused when a method of a string or list would build past a bound.

    A join's items are returned as a list (a generator is read once, to be measured).
    """
    owner = getattr(function, "__self__", None)
    if not isinstance(owner, _SIZED):
        return args
    name = getattr(function, "__name__", "")
    if name == "join" and isinstance(owner, str) and len(args) == 1:
        return (check_join(owner, args[0]),)
    if name == "replace" and isinstance(owner, str) and len(args) >= 2:
        check_replacement(owner, args[0], args[1])
    for argument in (*args, *kwargs.values()):
        _check_width(argument)
    return args


def check_replacement(text: Any, old: Any, new: Any) -> None:
    """Refuse `text.replace(old, new)` when its result would pass MAX_LENGTH (an empty `old` inserts everywhere)."""
    if isinstance(text, str) and isinstance(old, str) and isinstance(new, str):
        count = len(text) + 1 if not old else text.count(old)
        if len(text) + count * (len(new) - len(old)) > MAX_LENGTH:
            raise _refuse(f"a text of more than {MAX_LENGTH:,} characters")


def check_join(separator: Any, items: Any) -> Any:
    """`items` as a list, refused when joining them with `separator` would pass MAX_LENGTH."""
    if not isinstance(separator, str) or isinstance(items, str):
        return items
    items = list(items)
    size = len(separator) * max(len(items) - 1, 0) + sum(len(item) if isinstance(item, str) else 1 for item in items)
    if size > MAX_LENGTH:
        raise _refuse(f"a text of more than {MAX_LENGTH:,} characters")
    return items


def bounded_range(*args: int) -> range:
    """`range`, refused over more than MAX_RANGE numbers."""
    numbers = range(*args)
    if len(numbers) > MAX_RANGE:
        raise _refuse(f"a range of {len(numbers):,} numbers (more than {MAX_RANGE:,})")
    return numbers


def bounded_filter(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    """Jinja's filter `function` with its arguments checked: widths and counts, a format's widths, a replacement's size."""
    skip = 2 if getattr(function, "jinja_pass_arg", None) is not None else 1  # the environment or context, then the value

    @wraps(function)
    def checked(*args: Any, **kwargs: Any) -> Any:
        value, extra = (args[skip - 1] if len(args) >= skip else None), args[skip:]
        if name == "format" and isinstance(value, str):
            check_percent_format(value, extra or tuple(kwargs.values()))
        elif name == "replace" and len(extra) >= 2:
            check_replacement(value, extra[0], extra[1])
        elif name == "join" and value is not None:
            args = (*args[: skip - 1], check_join(extra[0] if extra else kwargs.get("d", ""), value), *extra)
        for argument in (*extra, *kwargs.values()):
            _check_width(argument)
        return check_size(check_number(function(*args, **kwargs)))

    return checked


def bounded_concat(pieces: Iterator[str]) -> str:
    """A document's rendered pieces joined, refused past MAX_OUTPUT characters."""
    kept: list[str] = []
    total = 0
    for piece in pieces:
        total += len(piece)
        if total > MAX_OUTPUT:
            raise _refuse(f"a document of more than {MAX_OUTPUT:,} characters")
        kept.append(piece)
    return "".join(kept)


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise RenderTimeout in the body once it has used `seconds` of processor time.

    Uses the process's virtual interval timer (SIGVTALRM), so only in the main
    thread of a Unix process, and only when no other such timer is running;
    elsewhere the body runs without a limit (the other bounds still hold).
    """
    usable = (hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
              and seconds > 0 and signal.getitimer(signal.ITIMER_VIRTUAL) == (0.0, 0.0))
    if not usable:
        yield
        return

    def expire(signum: int, frame: Any) -> None:
        raise RenderTimeout(f"rendering ran past its time limit ({seconds:g} s of processor time)")

    previous = signal.signal(signal.SIGVTALRM, expire)
    signal.setitimer(signal.ITIMER_VIRTUAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_VIRTUAL, 0)
        signal.signal(signal.SIGVTALRM, previous)
