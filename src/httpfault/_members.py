"""Typed extension members: class annotations on a problem type, checked at construction.

::

    class OutOfStock(Conflict):
        type = "https://example.com/problems/out-of-stock"
        sku: str
        available: int = 0

``OutOfStock("Sold out", sku="A1")`` checks the members where the error is raised: a
missing required member is a ``TypeError``, a value of the wrong type a ``TypeError``
(plain classes, checked with ``isinstance``) or a ``ValueError`` (any other annotation,
checked by pydantic in strict mode), and defaults are filled in. Only annotations declared
on user subclasses count: the standard members (``detail``, ``status``, ``code``...) and
every attribute the base classes already have are left alone. A class without declared
members is constructed exactly as before: the check is installed only where needed.
"""

from __future__ import annotations

import copy
import inspect
import sys
import typing
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

__all__ = ["MISSING", "Member", "collect", "install_check", "json_schema", "members_of"]

MISSING: Any = object()
"""The default of a member that has none (a required member)."""
_CLASSVAR_PREFIXES = ("ClassVar", "typing.ClassVar", "t.ClassVar", "Final", "typing.Final")
_MEMBERS = "__httpfault_members__"
_CHECKS = "__httpfault_checks__"


@dataclass(frozen=True)
class Member:
    """One declared extension member of a problem type."""

    name: str
    annotation: Any
    """The annotation as written: a type, or a string under postponed evaluation."""
    owner: type
    default: Any = MISSING

    @property
    def required(self) -> bool:
        """Whether a value must be given (the member has no default)."""
        return self.default is MISSING


def members_of(cls: type) -> tuple[Member, ...]:
    """The declared extension members of *cls*, inherited ones first."""
    members: tuple[Member, ...] = getattr(cls, _MEMBERS, ())
    return members


def _is_classvar(annotation: Any) -> bool:
    if isinstance(annotation, str):
        return annotation.startswith(_CLASSVAR_PREFIXES)
    return typing.get_origin(annotation) in (typing.ClassVar, typing.Final) or annotation in (
        typing.ClassVar,
        typing.Final,
    )


def collect(cls: type, parent: type, check_name: Callable[[str], None]) -> tuple[Member, ...]:
    """The members of *cls*: its parent's, then the annotations *cls* declares itself.

    Names the parent already has as attributes (the standard members, ``expose``,
    ``default_detail``...) and ``ClassVar`` or private names are class settings, not
    members. Other names must be valid RFC 9457 extension names (*check_name* raises).
    """
    members = {m.name: m for m in members_of(parent)}
    own = inspect.get_annotations(cls)
    for name, annotation in own.items():
        if name.startswith("_") or _is_classvar(annotation):
            continue
        if name not in members and hasattr(parent, name):
            continue
        try:
            check_name(name)
        except ValueError as exc:
            raise TypeError(f"{cls.__name__}: {exc}") from None
        default = cls.__dict__.get(name, MISSING)
        members[name] = Member(name, annotation, cls, default)
    return tuple(members.values())


def _resolve(member: Member) -> Any:
    annotation = member.annotation
    if not isinstance(annotation, str):
        return annotation
    # Only this annotation, in the namespace of the module that declared it: the hints of
    # the base classes (httpfault's own, reported as the public module) are not needed.
    module = sys.modules.get(member.owner.__module__)
    namespace = dict(vars(module)) if module is not None else {}
    try:
        return eval(annotation, namespace, dict(vars(member.owner)))  # noqa: S307 - as typing.get_type_hints does
    except Exception as exc:
        raise TypeError(
            f"{member.owner.__name__}.{member.name}: cannot resolve the annotation "
            f"{annotation!r} ({exc})"
        ) from exc


_Check = Callable[[Any], Any]


def _plain_check(kind: type) -> _Check:
    accepted: tuple[type, ...] = (int, float) if kind is float else (kind,)
    refuse_bool = kind in (int, float)

    def check(value: Any) -> Any:
        if not isinstance(value, accepted) or (refuse_bool and isinstance(value, bool)):
            raise TypeError(f"must be {kind.__name__}, not {value.__class__.__name__}")
        return value

    return check


def _checker(member: Member) -> _Check:
    annotation = _resolve(member)
    if annotation is Any or annotation is object:
        return lambda value: value
    if isinstance(annotation, type) and typing.get_origin(annotation) is None:
        return _plain_check(annotation)
    from pydantic import TypeAdapter, ValidationError

    adapter: TypeAdapter[Any] = TypeAdapter(annotation)

    def check(value: Any) -> Any:
        try:
            return adapter.validate_python(value, strict=True)
        except ValidationError as exc:
            first = exc.errors()[0]
            raise ValueError(f"does not match {annotation!r}: {first['msg']}") from None

    return check


def _checks(cls: type) -> dict[str, _Check]:
    checks: dict[str, _Check] | None = cls.__dict__.get(_CHECKS)
    if checks is None:  # built once per class, at its first construction
        checks = {m.name: _checker(m) for m in members_of(cls)}
        setattr(cls, _CHECKS, checks)
    return checks


def check_members(error: Any) -> None:
    """Fill in defaults and check every declared member of *error*'s extensions."""
    cls = error.__class__
    extensions: dict[str, Any] = error.extensions
    checks = _checks(cls)
    missing = []
    for member in members_of(cls):
        name = member.name
        if name not in extensions:
            if member.required:
                missing.append(name)
                continue
            if member.default is None:
                continue  # absent members are omitted, never null
            extensions[name] = copy.copy(member.default)
        value = extensions[name]
        if value is None and not member.required and member.default is None:
            del extensions[name]
            continue
        try:
            value = checks[name](value)
        except (TypeError, ValueError) as exc:
            raise exc.__class__(f"{cls.__name__}(): extension member {name!r} {exc}") from None
        extensions[name] = value
        error.__dict__[name] = value  # err.sku, as on a dataclass
    if missing:
        names = ", ".join(repr(n) for n in missing)
        raise TypeError(f"{cls.__name__}() missing required extension member(s): {names}")


def install_check(cls: type) -> None:
    """Wrap ``cls.__init__`` so that construction ends with :func:`check_members`.

    Only the outermost call checks: an ``__init__`` chain through several classes with
    members checks once, after every ``__init__`` has run.
    """
    init = cls.__init__  # type: ignore[misc]

    def checked_init(self: Any, *args: Any, **kwargs: Any) -> None:
        init(self, *args, **kwargs)
        if self.__class__ is cls:
            check_members(self)

    checked_init.__name__ = checked_init.__qualname__ = "__init__"
    checked_init.__doc__ = init.__doc__
    checked_init.__wrapped__ = init  # type: ignore[attr-defined]
    type.__setattr__(cls, "__init__", checked_init)


def json_schema(member: Member) -> dict[str, Any]:
    """The JSON Schema of *member*'s value (OpenAPI 3.1 dialect), references inlined."""
    from pydantic import TypeAdapter

    annotation = _resolve(member)
    schema = TypeAdapter(annotation).json_schema(mode="serialization")
    definitions = schema.pop("$defs", {})
    result: dict[str, Any] = _inline(schema, definitions, ())
    default = member.default
    if default is not MISSING and isinstance(default, (str, int, float, bool)):
        result["default"] = default
    return result


def _inline(node: Any, definitions: dict[str, Any], seen: tuple[str, ...]) -> Any:
    if isinstance(node, list):
        return [_inline(item, definitions, seen) for item in node]
    if not isinstance(node, dict):
        return node
    ref = node.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/$defs/"):
        name = ref.rsplit("/", 1)[-1]
        if name in seen or name not in definitions:
            return {}  # a recursive model: any value (documents stay valid)
        return _inline(definitions[name], definitions, (*seen, name))
    return {key: _inline(value, definitions, seen) for key, value in node.items()}
