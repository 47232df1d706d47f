"""The OpenAPI side of the Django Ninja adapter, on top of :mod:`httpfault.openapi`.

``install(api)`` overrides the API's ``get_openapi_schema`` (the method Ninja's docs
view calls and its documentation names for customising the document): every operation
lists, in the config's format, what the adapter answers by itself: the validation
status (422) where it takes parameters or a body, the malformed-body status (400) and
415 where it takes a body, 401 where auth applies, 404 where the path has parameters,
429 where throttles apply, and 500 everywhere. Route-specific errors are declared in
Ninja's ``openapi_extra``: ``@api.post("/users", openapi_extra={"responses":
responses(EmailTaken)})``. The schemas become components.
"""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING, Any

from httpfault import (
    Config,
    HTTPError,
    InternalServerError,
    NotFound,
    TooManyRequests,
    Unauthorized,
    UnsupportedMediaType,
)
from httpfault._convert import error_class
from httpfault._openapi_document import add_errors, finish, operations
from httpfault.openapi import by_status, response_object

from .._django.settings import Options, current_options
from .ninja_compat import api_operations

if TYPE_CHECKING:
    from ninja import NinjaAPI

__all__ = ["augment", "install_openapi", "responses"]

_BOTH = Config(format="auto")


def responses(*error_classes: type[HTTPError]) -> dict[str, dict[str, Any]]:
    """``openapi_extra={"responses": responses(EmailTaken, NotFound)}`` for an operation.

    One Response Object per status, a schema per class (``oneOf`` for several of one
    status); the document keeps the media types of the installed format.
    """
    return {
        str(status): response_object(classes, _BOTH)
        for status, classes in by_status(error_classes).items()
    }


def _facts(api: NinjaAPI) -> dict[str, tuple[bool, bool]]:
    """operationId -> (auth applies, throttles apply), for each operation of *api*."""
    facts: dict[str, tuple[bool, bool]] = {}
    for operation in api_operations(api):
        op_id = operation.operation_id or api.get_openapi_operation_id(operation)
        facts[op_id] = (bool(operation.auth_callbacks), bool(operation.throttle_objects))
    return facts


def error_classes(
    path: str, operation: dict[str, Any], config: Config, auth: bool, throttled: bool
) -> list[type[HTTPError]]:
    """The errors the adapter answers by itself for one operation of the document."""
    classes: list[type[HTTPError]] = []
    takes_body = "requestBody" in operation
    if takes_body:
        classes += [error_class(config.malformed_body_status), UnsupportedMediaType]
    if takes_body or operation.get("parameters"):
        classes.append(error_class(config.validation_status))
    if auth or operation.get("security"):
        classes.append(Unauthorized)
    if "{" in path:
        classes.append(NotFound)
    if throttled:
        classes.append(TooManyRequests)
    classes.append(InternalServerError)
    return classes


def augment(document: dict[str, Any], api: NinjaAPI, config: Config) -> dict[str, Any]:
    """Give a Ninja OpenAPI *document* httpfault's error responses, in place."""
    version = "3.0" if str(document.get("openapi", "")).startswith("3.0") else "3.1"
    facts = _facts(api)
    for path, _method, operation in operations(document):
        # Ninja keys responses by int status (the JSON has strings), and puts the
        # operation's own openapi_extra dicts in the document: work on copies
        given = operation.get("responses") or {}
        answers = {str(code): copy.deepcopy(value) for code, value in given.items()}
        auth, throttled = facts.get(str(operation.get("operationId")), (False, False))
        for group in by_status(error_classes(path, operation, config, auth, throttled)).values():
            add_errors(answers, group, config, version)
        operation["responses"] = dict(sorted(answers.items()))
    return finish(document, config, version)


def install_openapi(api: NinjaAPI, options: Options | None) -> None:
    """Override *api*'s ``get_openapi_schema`` so the document has httpfault's errors.

    With no *options*, the ``HTTPFAULT`` setting's config applies, read when the
    document is made.
    """
    original = api.get_openapi_schema
    if getattr(original, "httpfault", False):
        return

    def get_openapi_schema(**kwargs: Any) -> Any:
        document = original(**kwargs)
        config = (options or current_options()).config
        augment(document, api, config)
        return document

    get_openapi_schema.httpfault = True  # type: ignore[attr-defined]
    api.get_openapi_schema = get_openapi_schema  # type: ignore[method-assign]
