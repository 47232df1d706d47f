"""What the Ninja adapter reads of Django Ninja beyond its documented API, in one place.

Ninja has no public way to ask (1) which exception handlers an API has, (2) whether a
body model stands for the whole JSON body (one body parameter, whose name Ninja still
puts in each error's ``loc``), or (3) which operations an API has, with the auth and
throttles that apply to each (the OpenAPI document names the auth, not the throttles).
They are read here so that a change in Ninja breaks one small module, with the reason
next to it.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from typing import Any

__all__ = ["api_operations", "is_default_handler", "single_body_names"]


def is_default_handler(api: Any, exc_class: type[Exception]) -> bool:
    """Whether *api*'s handler for exactly *exc_class* is absent or one of Ninja's own."""
    handlers = getattr(api, "_exception_handlers", {})
    handler = handlers.get(exc_class) if isinstance(handlers, dict) else None
    if handler is None:
        return True
    func = handler.func if isinstance(handler, functools.partial) else handler
    return getattr(func, "__module__", "") == "ninja.errors"


def single_body_names(error_contexts: Iterable[Any]) -> frozenset[tuple[str, str]]:
    """``(source, name)`` of the parameters that are the whole body, in *error_contexts*.

    Ninja reads a lone body parameter from the body itself but reports its errors under
    its name (``("body", "payload", "email")``): such a name is not in the JSON sent.
    """
    names = set()
    for context in error_contexts:
        model = getattr(context, "model", None)
        name = getattr(model, "__read_from_single_attr__", None)
        source = getattr(model, "__ninja_param_source__", None)
        if isinstance(name, str) and isinstance(source, str):
            names.add((source, name))
    return frozenset(names)


def api_operations(api: Any) -> Iterator[Any]:
    """Every operation of *api*, with the auth and throttles resolved as its views use them.

    Newer releases bind routers to the API (``_get_bound_routers``: operations copied with
    the API's and routers' auth and throttles); earlier releases keep ``_routers``, whose
    operations got them when the API's URLs were built.
    """
    bound = getattr(api, "_get_bound_routers", None)
    routers = bound() if callable(bound) else [router for _prefix, router in api._routers]
    for router in routers:
        for path_view in router.path_operations.values():
            yield from path_view.operations
