"""The Jinja type checker: names, fields, filters and tests of a template, typed from the term sheet model.

See the package docstring for how names are resolved.
"""

from __future__ import annotations

import difflib
import inspect
import operator
import types
import typing
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache, cached_property
from typing import Annotated, Any, Literal, NamedTuple, Union

import jinja2
import jinja2.sandbox
from jinja2 import nodes

from dealdocs.closing.law_in_force import FLAGS
from dealdocs.findings import Severity
from dealdocs.render.environment import FILTERS
from dealdocs.render.limits import binary_operation, bounded_range, check_percent_format
from dealdocs.termsheet import model

# ---------------------------------------------------------------- types of the model


@dataclass(frozen=True)
class ListOf:
    item: Any


@dataclass(frozen=True)
class OneOf:
    options: tuple


@dataclass(frozen=True)
class _Loop:
    item: Any


_ANY = "any"
_BAD = "unknown"  # what an expression already reported is: not reported again
_NAMESPACE = "namespace"  # what `namespace()` makes: the one value `{% set x.attr = ... %}` may change
_LOOP_ATTRIBUTES = {"index", "index0", "revindex", "revindex0", "first", "last", "length", "cycle", "depth",
                    "depth0", "previtem", "nextitem", "changed"}
_UNSAFE = set().union(*(getattr(jinja2.sandbox, n) for n in dir(jinja2.sandbox) if n.startswith("UNSAFE_")))


def _internal(name: str) -> bool:
    """Whether an attribute `name` reaches into Python internals, which the sandbox refuses (`__class__`, `mro`)."""
    return name.startswith("_") or name in _UNSAFE


def _may_be_namespace(kind: Any) -> bool:
    """Whether a value of `kind` may be a `namespace()`, the one value `{% set x.attr = ... %}` may change (a type
    not known is given the benefit of the doubt: rendering refuses it if it is not)."""
    options = kind.options if isinstance(kind, OneOf) else (kind,)
    return any(option in (_NAMESPACE, _ANY, _BAD) for option in options)


def _changes_a_value(name: str) -> bool:
    """Whether `name` is a method that changes a list, dict or set (`pop`, `append`, `update`...):
    the immutable sandbox refuses it when rendering (`render.environment`)."""
    return any(jinja2.sandbox.modifies_known_mutable(sample, name) for sample in ([], {}, set(), deque()))


_NOT_CONSTANT = object()
"""What `Analyzer.constant` gives an expression whose value only rendering knows."""
_OPERATIONS = {nodes.Add: operator.add, nodes.Sub: operator.sub, nodes.Mul: operator.mul, nodes.Div: operator.truediv,
               nodes.FloorDiv: operator.floordiv, nodes.Mod: operator.mod, nodes.Pow: operator.pow}


class _V(NamedTuple):
    """What an expression is: its type, and its place in the term sheet when it is a term sheet value."""

    type: Any
    path: str | None = None


def type_of(annotation: Any) -> Any:
    """A typing annotation as a checker type: a model class, a Python type, ListOf, OneOf or _ANY."""
    origin = typing.get_origin(annotation)
    if origin is Annotated:
        return type_of(typing.get_args(annotation)[0])
    if origin in (Union, types.UnionType):
        options = [type_of(a) for a in typing.get_args(annotation) if a is not type(None)]
        return _union(*options)
    if origin is list:
        return ListOf(type_of(typing.get_args(annotation)[0]))
    if origin is Literal:
        return type(typing.get_args(annotation)[0])
    return annotation if isinstance(annotation, type) else _ANY


def _union(*options: Any) -> Any:
    flat: list[Any] = []
    for option in options:
        for one in option.options if isinstance(option, OneOf) else (option,):
            if one is _ANY or one is _BAD:
                return _ANY
            if one not in flat:
                flat.append(one)
    if not flat:
        return _ANY
    return flat[0] if len(flat) == 1 else OneOf(tuple(flat))


def is_model(kind: Any) -> bool:
    return isinstance(kind, type) and issubclass(kind, model.Model)


@cache
def model_fields_of(cls: type) -> dict[str, Any]:
    """A model class's fields with their annotations (extras kept: Money, Percent...)."""
    hints = typing.get_type_hints(cls, include_extras=True)
    return {name: hints[name] for name in cls.model_fields}


@cache
def properties_of(cls: type) -> dict[str, property | cached_property]:
    """A model class's public derived values (properties), its own and its bases' below Model."""
    found: dict[str, property | cached_property] = {}
    for klass in reversed(cls.__mro__):
        if issubclass(klass, model.Model) and klass is not model.Model:
            for name, member in vars(klass).items():
                if isinstance(member, (property, cached_property)) and not name.startswith("_"):
                    found[name] = member
    return found


def property_annotation(member: property | cached_property) -> Any:
    function = member.fget if isinstance(member, property) else member.func
    return typing.get_type_hints(function).get("return", Any)


@cache
def _members(cls: type) -> dict[str, Any]:
    """Every name a template may read on a model class, with its checker type."""
    members = {name: type_of(annotation) for name, annotation in model_fields_of(cls).items()}
    members.update({name: type_of(property_annotation(p)) for name, p in properties_of(cls).items()})
    return members


@cache
def context_roots() -> dict[str, _V]:
    """The names `context_for` gives a template, typed from the model."""
    deal = _members(model.Deal)
    roots = {"deal": _V(model.Deal, "deal")}
    for name in ("company", "purchasers", "purchaser", "escrow", "notes", "company_counsel"):
        roots[name] = _V(deal[name], name)
    roots.update(form=_V(bool), exhibit=_V(bool), blank=_V(str), note_number=_V(int))
    roots.update({flag: _V(bool) for flag in FLAGS})
    return roots


_TYPE_WORDS = {str: "text", Decimal: "a number", date: "a date", bool: "yes or no", int: "a whole number"}

# ---------------------------------------------------------------- Jinja: names, fields, filters

_STR_FILTERS = {"upper", "lower", "title", "capitalize", "trim", "join", "format", "replace", "string", "striptags",
                "truncate", "center", "indent", "wordwrap", "urlencode", "escape", "e", "forceescape", "safe",
                "tojson", "urlize", "filesizeformat", "xmlattr"}
_INT_FILTERS = {"length", "count", "wordcount", "int"}
_ITEM_FILTERS = {"first", "last", "random", "min", "max"}
_SAME_FILTERS = {"list", "sort", "unique", "reverse", "select", "reject", "selectattr", "rejectattr"}
_TERM_SHEET_ROOTS = ("deal", "company", "purchasers", "purchaser", "escrow", "notes")


class _Problem(NamedTuple):
    line: int
    code: str
    message: str
    severity: Severity = Severity.ERROR


class Analyzer:
    """Walks a parsed template with the types of the names in scope; records problems and term sheet fields."""

    def __init__(self, env: jinja2.Environment):
        self.env = env
        self.scopes: list[dict[str, _V]] = [dict(context_roots())]
        self.problems: list[_Problem] = []
        self.fields: set[str] = set()
        self.quiet = 0
        self._constants: dict[int, Any] = {}  # id of an arithmetic node -> its value, or _NOT_CONSTANT (`constant`)

    # -- scopes

    def lookup(self, name: str) -> _V | None:
        for scope in reversed(self.scopes):
            if name in scope:
                return scope[name]
        if name in self.env.globals:
            return _V(_ANY)
        return None

    def visible(self) -> set[str]:
        return {name for scope in self.scopes for name in scope} | set(self.env.globals)

    def report(self, node: nodes.Node, code: str, message: str) -> None:
        if not self.quiet:
            self.problems.append(_Problem(node.lineno, code, message))

    def bind(self, target: nodes.Node, value: _V) -> None:
        if isinstance(target, nodes.Name):
            self.scopes[-1][target.name] = value
        elif isinstance(target, (nodes.Tuple, nodes.List)):
            for item in target.items:
                self.bind(item, _V(_ANY))
        elif isinstance(target, nodes.NSRef):
            known = self.lookup(target.name)
            if known is None:
                self.report(target, "DD303", f"unknown name '{target.name}'")
            elif not _may_be_namespace(known.type):
                self.report(target, "DD306", f"cannot be rendered: '{{% set {target.name}.{target.attr} = ... %}}' "
                                             f"changes '{target.name}', and only a namespace() made in the template "
                                             "can be changed: a template reads the term sheet and never changes it")

    def scoped(self, body: Iterable[nodes.Node], names: dict[str, _V] | None = None) -> None:
        self.scopes.append(dict(names or {}))
        try:
            self.statements(body)
        finally:
            self.scopes.pop()

    # -- statements

    def statements(self, body: Iterable[nodes.Node]) -> None:
        for node in body:
            self.statement(node)

    def statement(self, node: nodes.Node) -> None:
        handler = getattr(self, f"s_{type(node).__name__}", None)
        if handler is not None:
            handler(node)
            return
        for child in node.iter_child_nodes():
            if isinstance(child, nodes.Expr):
                self.expr(child)
            else:
                self.statement(child)

    def s_Output(self, node: nodes.Output) -> None:
        for child in node.nodes:
            if not isinstance(child, nodes.TemplateData):
                self.expr(child)

    def s_If(self, node: nodes.If) -> None:
        self.expr(node.test)
        self.statements(node.body)
        for branch in node.elif_:
            self.s_If(branch)
        self.statements(node.else_)

    def s_For(self, node: nodes.For) -> None:
        iterable = self.expr(node.iter)
        kind = iterable.type
        options = kind.options if isinstance(kind, OneOf) else (kind,)
        items = [o.item if isinstance(o, ListOf) else (str if o is str else _ANY) for o in options]
        item = _V(_union(*items), f"{iterable.path}[]" if iterable.path else None)
        self.scopes.append({})
        try:
            self.bind(node.target, item)
            if node.test is not None:
                self.expr(node.test)
            self.scopes[-1]["loop"] = _V(_Loop(item.type))
            self.statements(node.body)
        finally:
            self.scopes.pop()
        self.statements(node.else_)

    def s_Assign(self, node: nodes.Assign) -> None:
        self.bind(node.target, self.expr(node.node))

    def s_AssignBlock(self, node: nodes.AssignBlock) -> None:
        self.statements(node.body)
        if node.filter is not None:
            self.filter(node.filter, _V(str))
        self.bind(node.target, _V(str))

    def s_With(self, node: nodes.With) -> None:
        values = [self.expr(v) for v in node.values]
        self.scopes.append({})
        try:
            for target, value in zip(node.targets, values):
                self.bind(target, value)
            self.statements(node.body)
        finally:
            self.scopes.pop()

    def s_Macro(self, node: nodes.Macro) -> None:
        for default in node.defaults:
            self.expr(default)
        self.scopes[-1][node.name] = _V(_ANY)
        names = {a.name: _V(_ANY) for a in node.args}
        names.update(varargs=_V(_ANY), kwargs=_V(_ANY), caller=_V(_ANY))
        self.scoped(node.body, names)
        call = _call_of_itself(node.body, node.name)
        if call is not None:  # a hostile sweep: `templates check` passed what rendering refuses (DD306)
            self.report(call, "DD306", f"cannot be rendered: the macro '{node.name}' calls itself whatever it is given, "
                                       "so a macro calls itself without end")

    def s_CallBlock(self, node: nodes.CallBlock) -> None:
        self.expr(node.call)
        names = {a.name: _V(_ANY) for a in node.args}
        names["caller"] = _V(_ANY)
        self.scoped(node.body, names)

    def s_FilterBlock(self, node: nodes.FilterBlock) -> None:
        self.filter(node.filter, _V(str))
        self.statements(node.body)

    def _no_loader(self, node: nodes.Node) -> None:
        self.report(node, "DD306", "a template cannot include, import or extend another template: "
                                   "each is rendered on its own (an exhibit is appended by the document list)")
        for name in (getattr(node, "target", None), *(getattr(node, "names", None) or ())):
            if isinstance(name, str):
                self.scopes[-1][name] = _V(_ANY)
            elif isinstance(name, tuple):
                self.scopes[-1][name[-1]] = _V(_ANY)

    s_Include = s_Import = s_FromImport = s_Extends = _no_loader

    # -- expressions

    def expr(self, node: nodes.Node) -> _V:
        handler = getattr(self, f"e_{type(node).__name__}", None)
        if handler is not None:
            return handler(node)
        for child in node.iter_child_nodes():
            self.expr(child)
        return _V(_ANY)

    def record(self, value: _V) -> _V:
        if value.path and value.path.split(".", 1)[0].split("[", 1)[0] in _TERM_SHEET_ROOTS and not self.quiet:
            self.fields.add(value.path)
        return value

    def e_Name(self, node: nodes.Name) -> _V:
        value = self.lookup(node.name)
        if value is not None:
            return self.record(value)
        if node.name == "loop":
            self.report(node, "DD303", "'loop' is only available inside a {% for %} loop")
        else:
            hint = _suggest(node.name, self.visible())
            self.report(node, "DD303", f"unknown name '{node.name}'" + (f"; did you mean '{hint}'?" if hint else ""))
        return _V(_BAD)

    def e_Call(self, node: nodes.Call) -> _V:
        callee = self.expr(node.node)
        for argument in (*node.args, *(k.value for k in node.kwargs), node.dyn_args, node.dyn_kwargs):
            if argument is not None:
                self.expr(argument)
        if isinstance(node.node, nodes.Name) and self.lookup(node.node.name) == _V(_ANY):  # Jinja's own, not shadowed
            if node.node.name == "namespace":
                return _V(_NAMESPACE)
            if node.node.name == "dict":
                return _V(dict)
            if node.node.name == "range" and not node.kwargs:
                bounds = [self.constant(argument) for argument in node.args]
                if bounds and all(type(bound) is int for bound in bounds):
                    try:
                        bounded_range(*bounds)
                    except (ArithmeticError, ValueError) as exc:  # more numbers than a loop may take; a step of 0
                        self.report(node, "DD306", f"cannot be rendered: {exc}")
        return _V(_BAD if callee.type is _BAD else _ANY)

    def e_Dict(self, node: nodes.Dict) -> _V:
        for child in node.iter_child_nodes():
            self.expr(child)
        return _V(dict)

    def e_arithmetic(self, node: nodes.BinExpr) -> _V:
        self.expr(node.left)
        self.expr(node.right)
        self.constant(node)
        return _V(_ANY)

    e_Add = e_Sub = e_Mul = e_Div = e_FloorDiv = e_Mod = e_Pow = e_arithmetic

    def constant(self, node: nodes.Node) -> Any:
        """The value of an expression of constants and arithmetic (`9**(9**9)`, `"x" * 100000000`), worked out as
        rendering would (`render.limits.binary_operation`), or `_NOT_CONSTANT`. A value rendering refuses (a bound
        passed, a division by zero) is reported here (DD306), once, at the operation that passes it."""
        if isinstance(node, nodes.Const):
            return node.value
        if id(node) not in self._constants:
            value = _NOT_CONSTANT
            operation = _OPERATIONS.get(type(node))
            if operation is not None:
                left, right = self.constant(node.left), self.constant(node.right)
                if left is not _NOT_CONSTANT and right is not _NOT_CONSTANT:
                    try:
                        value = binary_operation(operation, node.operator, left, right)
                    except ArithmeticError as exc:  # render.limits.LimitExceeded, a division by zero
                        self.report(node, "DD306", f"cannot be rendered: {exc or type(exc).__name__}")
                    except (TypeError, ValueError):  # left to rendering, which says what
                        pass
            self._constants[id(node)] = value
        return self._constants[id(node)]

    def e_Const(self, node: nodes.Const) -> _V:
        return _V(type(node.value))

    def e_TemplateData(self, node: nodes.TemplateData) -> _V:
        return _V(str)

    def e_Getattr(self, node: nodes.Getattr) -> _V:
        return self.record(self.attribute(node, self.expr(node.node), node.attr))

    def e_Getitem(self, node: nodes.Getitem) -> _V:
        base = self.expr(node.node)
        if isinstance(node.arg, nodes.Slice):
            self.expr(node.arg)
            return base
        if isinstance(node.arg, nodes.Const) and isinstance(node.arg.value, str):
            return self.record(self.attribute(node, base, node.arg.value))
        key = self.expr(node.arg)
        if is_model(base.type) or key.type is str and isinstance(base.type, ListOf):  # a list has no item named by text
            self.computed(node, f"'{_written(node.node)}[...]'")
            return _V(_BAD)
        options = base.type.options if isinstance(base.type, OneOf) else (base.type,)
        items = [o.item if isinstance(o, ListOf) else (str if o is str else _ANY) for o in options]
        return self.record(_V(_union(*items), f"{base.path}[]" if base.path else None))

    def e_Filter(self, node: nodes.Filter) -> _V:
        base = self.expr(node.node) if node.node is not None else _V(str)
        return self.filter(node, base)

    def e_Test(self, node: nodes.Test) -> _V:
        guarded = node.name in ("defined", "undefined")
        self.quiet += guarded
        try:
            self.expr(node.node)
        finally:
            self.quiet -= guarded
        self.check_test(node, node.name)
        for child in (*node.args, *(k.value for k in node.kwargs)):
            self.expr(child)
        return _V(bool)

    def e_CondExpr(self, node: nodes.CondExpr) -> _V:
        self.expr(node.test)
        first = self.expr(node.expr1)
        if node.expr2 is None:
            return _V(first.type)
        second = self.expr(node.expr2)
        return _V(_union(first.type, second.type), first.path if first.path == second.path else None)

    def e_Or(self, node: nodes.Or) -> _V:
        return _V(_union(self.expr(node.left).type, self.expr(node.right).type))

    e_And = e_Or

    def _boolean(self, node: nodes.Node) -> _V:
        for child in node.iter_child_nodes():
            self.expr(child)
        return _V(bool)

    e_Not = e_Compare = _boolean

    def e_Concat(self, node: nodes.Concat) -> _V:
        for child in node.nodes:
            self.expr(child)
        return _V(str)

    def e_List(self, node: nodes.List) -> _V:
        return _V(ListOf(_union(*(self.expr(item).type for item in node.items))))

    e_Tuple = e_List

    # -- attributes

    def attribute(self, node: nodes.Node, base: _V, name: str) -> _V:
        if base.type is _BAD:
            return base
        written = f"{_written(node.node)}.{name}"
        if _internal(name):
            self.report(node, "DD305", f"not allowed in a template: '{written}' reaches into Python internals")
            return _V(_BAD)
        if base.type is _NAMESPACE:
            return _V(_ANY)  # what the template itself set on it
        if _changes_a_value(name) and not (is_model(base.type) and name in _members(base.type)):
            self.report(node, "DD305", f"not allowed in a template: '{written}' would change "
                                       f"'{_written(node.node)}': a template reads the term sheet and never changes it")
            return _V(_BAD)
        kind, known = _resolve(base.type, name)
        if kind is None:
            self.report(node, "DD303", _unknown_field(written, _written(node.node), base.type, name, known))
            return _V(_BAD)
        return _V(kind, f"{base.path}.{name}" if base.path else None)

    # -- filters and tests

    def filter(self, node: nodes.Filter, base: _V) -> _V:
        arguments = [self.expr(a) for a in node.args]
        keywords = {k.key: self.expr(k.value) for k in node.kwargs}
        for extra in (node.dyn_args, node.dyn_kwargs):
            if extra is not None:
                self.expr(extra)
        name = node.name
        if name not in self.env.filters:
            hint = _suggest(name, self.env.filters)
            self.report(node, "DD308", f"unknown filter '|{name}'" + (f"; did you mean '|{hint}'?" if hint else ""))
            return _V(_ANY)
        item = base.type.item if isinstance(base.type, ListOf) else _ANY
        if name == "format":  # a constant format's widths, as rendering bounds them ('%999999999s')
            written = self.constant(node.node)
            if isinstance(written, str):
                try:
                    check_percent_format(written, tuple(self.constant(a) for a in node.args))
                except ArithmeticError as exc:
                    self.report(node, "DD306", f"cannot be rendered: {exc}")
        if name == "attr" and node.args and isinstance(node.args[0], nodes.Const) and isinstance(node.args[0].value, str):
            return self.record(self.attribute(node, base, node.args[0].value))  # `x|attr("name")` is `x.name`
        named = _attribute_argument(node)
        if name == "attr" or named is None and _attribute_node(node) is not None:
            self.computed(node, f"'|{name}' of '{_written(node.node)}'")
            return _V(_BAD)
        if named is not None and any(_internal(part) for part in named.split(".")):
            self.report(node, "DD305", f"not allowed in a template: '|{name}' reads '{named}' of each item of "
                                       f"'{_written(node.node)}', which reaches into Python internals")
            return _V(_BAD)
        if named is not None and any(_changes_a_value(part) for part in named.split(".")):
            self.report(node, "DD305", f"not allowed in a template: '|{name}' reads '{named}' of each item of "
                                       f"'{_written(node.node)}', which would change it: a template reads the term "
                                       "sheet and never changes it")
            return _V(_BAD)
        if name in FILTERS:
            self.check_call(node, name, len(arguments), keywords)
            return _V(type_of(_filter_annotation(name)))
        if name == "map":
            return _V(ListOf(self.mapped(node, item)))
        if name in ("select", "reject") and node.args and isinstance(node.args[0], nodes.Const):
            self.check_test(node, node.args[0].value)
        if name in ("selectattr", "rejectattr") and node.args:
            if isinstance(node.args[0], nodes.Const) and isinstance(node.args[0].value, str):
                self.item_attribute(node, base, item, node.args[0].value)
            if len(node.args) > 1 and isinstance(node.args[1], nodes.Const):
                self.check_test(node, node.args[1].value)
        if name in _STR_FILTERS:
            return _V(str)
        if name in _INT_FILTERS:
            return _V(int)
        if name in _ITEM_FILTERS:
            return _V(item)
        if name in _SAME_FILTERS:
            return _V(base.type)
        if name in ("default", "d"):
            return _V(_union(base.type, *(a.type for a in arguments[:1])))
        return _V(_ANY)

    def computed(self, node: nodes.Node, written: str) -> None:
        """DD305 for an attribute named only as the document renders (`x|attr(name)`, `x[name]` of a term sheet's
        value, `sort(attribute=name)`): it cannot be checked against the term sheet, nor kept from Python's
        internals, before rendering; a build refuses such a name when it is one."""
        self.report(node, "DD305", f"not allowed in a template: {written} reads an attribute whose name is worked "
                                   "out only as the document renders, so it cannot be checked against the term sheet; "
                                   "name the field itself (company.name)")

    def mapped(self, node: nodes.Filter, item: Any) -> Any:
        """The item type of `list|map(...)`: a filter applied to each item, or an attribute of each."""
        attribute = next((k.value for k in node.kwargs if k.key == "attribute"), None)
        if isinstance(attribute, nodes.Const) and isinstance(attribute.value, str):
            return self.item_attribute(node, _V(ListOf(item)), item, attribute.value)
        if node.args and isinstance(node.args[0], nodes.Const) and isinstance(node.args[0].value, str):
            name = node.args[0].value
            if name == "attr" and len(node.args) > 1 and isinstance(node.args[1], nodes.Const) and isinstance(node.args[1].value, str):
                return self.item_attribute(node, _V(ListOf(item)), item, node.args[1].value)  # map("attr", "x")
            if name not in self.env.filters:
                hint = _suggest(name, self.env.filters)
                self.report(node, "DD308", f"unknown filter '{name}' in map(\"{name}\")"
                                           + (f"; did you mean '{hint}'?" if hint else ""))
            elif name in FILTERS:
                self.check_call(node, name, len(node.args) - 1, {k.key: _V(_ANY) for k in node.kwargs})
                return type_of(_filter_annotation(name))
        return _ANY

    def item_attribute(self, node: nodes.Node, base: _V, item: Any, name: str) -> Any:
        for part in name.split("."):
            if part.isdigit():
                item = item.item if isinstance(item, ListOf) else _ANY
                continue
            if item in (_NAMESPACE, _ANY):
                return _ANY  # what a template set on its own namespace, or a value not typed
            kind, known = _resolve(item, part)
            if kind is None:
                written = f"each item of '{_written(getattr(node, 'node', None))}'"
                self.report(node, "DD303", _unknown_field(written, written, item, part, known))
                return _ANY
            item = kind
        return item

    def check_test(self, node: nodes.Node, name: Any) -> None:
        if isinstance(name, str) and name not in self.env.tests:
            hint = _suggest(name, self.env.tests)
            self.report(node, "DD308", f"unknown test 'is {name}'" + (f"; did you mean 'is {hint}'?" if hint else ""))

    def check_call(self, node: nodes.Node, name: str, positional: int, keywords: dict[str, Any]) -> None:
        """A dealdocs filter called with arguments its function does not take renders as an error: say so now."""
        if isinstance(node, nodes.Filter) and (node.dyn_args is not None or node.dyn_kwargs is not None):
            return
        signature = inspect.signature(FILTERS[name])
        try:
            signature.bind(None, *([None] * positional), **dict.fromkeys(keywords))
        except TypeError as exc:
            takes = ", ".join(list(signature.parameters)[1:]) or "no arguments"
            self.report(node, "DD306", f"cannot be rendered: '|{name}' {exc} (it takes: {takes})")


_BY_ATTRIBUTE = {"sort", "groupby", "sum", "unique", "min", "max", "map", "selectattr", "rejectattr", "dictsort"}


def _attribute_node(node: nodes.Filter) -> nodes.Node | None:
    """What tells a filter the attribute to read of each item, however it is written: `sort(attribute=...)`,
    `groupby(...)`, `map("attr", ...)`; None for a filter told none."""
    if node.name not in _BY_ATTRIBUTE:
        return None
    written = next((k.value for k in node.kwargs if k.key == "attribute"), None)
    if written is None and node.args:
        if node.name in ("groupby", "selectattr", "rejectattr"):
            written = node.args[0]
        elif node.name == "map" and len(node.args) > 1 and isinstance(node.args[0], nodes.Const) and node.args[0].value == "attr":
            written = node.args[1]
    return written


def _attribute_argument(node: nodes.Filter) -> str | None:
    """The attribute a filter reads of each item, when the template names it as a constant (`_attribute_node`)."""
    written = _attribute_node(node)
    return written.value if isinstance(written, nodes.Const) and isinstance(written.value, str) else None


def _filter_annotation(name: str) -> Any:
    try:
        return typing.get_type_hints(FILTERS[name]).get("return", Any)
    except Exception:  # an annotation that does not resolve: the result is simply not checked
        return Any


def _resolve(kind: Any, name: str) -> tuple[Any | None, list[str]]:
    """The type of `name` read on a value of type `kind` (None if it has no such name), and the names it has."""
    if kind is _ANY or kind is _BAD:
        return _ANY, []
    if isinstance(kind, OneOf):
        found, known = [], []
        for option in kind.options:
            result, names = _resolve(option, name)
            known += names
            if result is not None:
                found.append(result)
        return (_union(*found) if found else None), known
    if is_model(kind):
        members = _members(kind)
        return members.get(name), list(members)
    if isinstance(kind, _Loop):
        if name in ("previtem", "nextitem"):
            return kind.item, []
        return (_ANY if name in _LOOP_ATTRIBUTES else None), sorted(_LOOP_ATTRIBUTES)
    python = list if isinstance(kind, ListOf) else kind
    if isinstance(python, type) and hasattr(python, name):
        return _ANY, []
    return None, []


def _unknown_field(written: str, base: str, kind: Any, name: str, known: list[str]) -> str:
    hint = _suggest(name, known)
    options = kind.options if isinstance(kind, OneOf) else (kind,)
    if any(isinstance(o, ListOf) for o in options) and not hint:
        item = next(o.item for o in options if isinstance(o, ListOf))
        if is_model(item) and name in _members(item):
            return (f"unknown field '{written}': '{base}' is a list; use one item, as in "
                    f"{{% for x in {base} %}} ... x.{name}, or {base}[0].{name}")
    if is_model(kind) or isinstance(kind, (OneOf, _Loop)):
        message = f"unknown field '{written}': '{base}' has no field '{name}'"
    else:
        message = f"unknown field '{written}': '{base}' is {_TYPE_WORDS.get(kind, 'a value')} and has no '{name}'"
    return message + (f"; did you mean '{base}.{hint}'?" if hint else "")


def _suggest(name: str, candidates: Iterable[str]) -> str | None:
    matches = difflib.get_close_matches(name, sorted(set(candidates)), n=1, cutoff=0.6)
    return matches[0] if matches else None


def _written(node: nodes.Node | None) -> str:
    """An expression as a template would write it, for messages: 'escrow.agent.name', 'purchasers[0]'."""
    if isinstance(node, nodes.Name):
        return node.name
    if isinstance(node, nodes.Getattr):
        return f"{_written(node.node)}.{node.attr}"
    if isinstance(node, nodes.Getitem):
        arg = repr(node.arg.value) if isinstance(node.arg, nodes.Const) else "\u2026"
        return f"{_written(node.node)}[{arg}]"
    if isinstance(node, nodes.Filter):
        return f"{_written(node.node)}|{node.name}"
    return "(\u2026)"




def _call_of_itself(body: list[nodes.Node], name: str) -> nodes.Call | None:
    """A call of the macro `name` in its own `body` made whatever the arguments (none under an `if`, a loop, a
    conditional expression or `and`/`or`), which recurses without end; None when there is none."""
    pending: list[nodes.Node] = list(body)
    while pending:
        node = pending.pop()
        if isinstance(node, (nodes.If, nodes.For, nodes.CondExpr, nodes.And, nodes.Or, nodes.Macro, nodes.CallBlock)):
            continue
        if isinstance(node, nodes.Call) and isinstance(node.node, nodes.Name) and node.node.name == name:
            return node
        pending.extend(node.iter_child_nodes())
    return None
