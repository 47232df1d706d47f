"""drf-spectacular's ``AutoSchema``, documenting the errors httpfault answers.

::

    REST_FRAMEWORK = {"DEFAULT_SCHEMA_CLASS": "httpfault.adapters.drf.AutoSchema"}

Every operation lists, in the format of the ``HTTPFAULT`` setting, what the exception
handler answers by itself: the validation status (422) with field errors where the
operation takes a body or query parameters; the malformed-body status (400) and 415
where it parses a body; 401/403 where authentication or permission classes apply; 404
on detail routes; 405; 406 (content negotiation); 429 where throttles apply; 500
everywhere. Route-specific errors go in
``extend_schema(responses={201: UserSerializer, **responses(EmailTaken)})``. The
schemas are registered as components through drf-spectacular's component registry.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from drf_spectacular.openapi import (
    AutoSchema as SpectacularAutoSchema,
)
from drf_spectacular.plumbing import ResolvedComponent
from drf_spectacular.settings import spectacular_settings
from drf_spectacular.utils import OpenApiResponse
from rest_framework.permissions import AllowAny  # type: ignore[import-untyped]

from httpfault import (
    Config,
    Forbidden,
    HTTPError,
    InternalServerError,
    MethodNotAllowed,
    NotAcceptable,
    NotFound,
    TooManyRequests,
    Unauthorized,
    UnsupportedMediaType,
    error_class,
)
from httpfault._openapi_document import add_errors, hoist, shared
from httpfault._openapi_schemas import group_schema
from httpfault.openapi import by_status, response_object

from .settings import current_options

__all__ = ["AutoSchema", "ErrorResponses", "responses"]

_BOTH = Config(format="auto")


class ErrorResponses(OpenApiResponse):
    """The error classes of one status, as an ``extend_schema(responses=...)`` value."""

    def __init__(self, classes: Iterable[type[HTTPError]]) -> None:
        self.classes = tuple(classes)
        titles = " or ".join(dict.fromkeys(cls.title for cls in self.classes))
        super().__init__(response=group_schema(list(self.classes), False), description=titles)


def responses(*error_classes: type[HTTPError]) -> dict[int, ErrorResponses]:
    """``extend_schema(responses=...)`` entries: one per status, a schema per class."""
    return {status: ErrorResponses(c) for status, c in by_status(error_classes).items()}


class AutoSchema(SpectacularAutoSchema):
    """drf-spectacular's schema class, with httpfault's error responses."""

    def httpfault_config(self) -> Config:
        """The config errors are documented in: the ``HTTPFAULT`` setting's."""
        return current_options().config

    def httpfault_version(self) -> str:
        """``"3.0"`` or ``"3.1"``, from drf-spectacular's ``OAS_VERSION``."""
        return "3.0" if str(spectacular_settings.OAS_VERSION).startswith("3.0") else "3.1"

    def get_error_classes(self, operation: dict[str, Any]) -> list[type[HTTPError]]:
        """The errors the exception handler answers by itself for *operation*.

        Override it to add or drop some; the route's own errors go in ``extend_schema``.
        """
        config = self.httpfault_config()
        view = self.view
        classes: list[type[HTTPError]] = []
        takes_body = "requestBody" in operation
        if takes_body:
            classes += [error_class(config.malformed_body_status), UnsupportedMediaType]
        query = [p for p in operation.get("parameters", ()) if p.get("in") == "query"]
        if takes_body or query:
            classes.append(error_class(config.validation_status))
        authenticators = list(view.get_authenticators())
        permissions = list(view.get_permissions())
        if any(auth.authenticate_header(None) for auth in authenticators):
            classes.append(Unauthorized)
        if authenticators or not all(isinstance(p, AllowAny) for p in permissions):
            classes.append(Forbidden)
        if "{" in self.path:
            classes.append(NotFound)
        classes += [MethodNotAllowed, NotAcceptable]
        if list(view.get_throttles()):
            classes.append(TooManyRequests)
        classes.append(InternalServerError)
        return classes

    def get_operation(self, *args: Any, **kwargs: Any) -> Any:
        """drf-spectacular's operation, with httpfault's errors in its responses."""
        operation = super().get_operation(*args, **kwargs)
        if operation is None:
            return None
        config = self.httpfault_config()
        version = self.httpfault_version()
        answers: dict[str, Any] = operation.setdefault("responses", {})
        declared = self.get_response_serializers()
        if isinstance(declared, dict):
            for code, value in declared.items():
                if isinstance(value, ErrorResponses):
                    key = str(code[0] if isinstance(code, tuple) else code)
                    answers[key] = response_object(list(value.classes), _BOTH, version)
        for classes in by_status(self.get_error_classes(operation)).values():
            add_errors(answers, classes, config, version)
        schemas: dict[str, Any] = {}
        for response in answers.values():
            hoist(response, config, version, schemas)
        if schemas:
            self._register({**shared(version), **schemas})
        operation["responses"] = dict(sorted(answers.items()))
        return operation

    def _register(self, schemas: dict[str, Any]) -> None:
        for name, schema in schemas.items():
            component = ResolvedComponent(  # type: ignore[no-untyped-call]
                name=name, type=ResolvedComponent.SCHEMA, schema=schema, object=name
            )
            self.registry.register_on_missing(component)
