"""flask-smorest: the ``Api``'s document shows httpfault's error responses.

``HTTPFault(app)`` finds each flask-smorest ``Api`` of the app (in
``app.extensions["flask-smorest"]``, where flask-smorest keeps them) and

* answers werkzeug's ``HTTPException`` family through httpfault (flask-smorest
  registers its own handler for them, which would otherwise answer in its own shape);
* adds :class:`HTTPFaultPlugin`, an apispec plugin, to the ``Api``'s spec: each operation
  registered afterwards loses flask-smorest's ``default`` error response and its error
  response references (``UNPROCESSABLE_CONTENT``...), and gets httpfault's instead: the
  validation status where the operation takes arguments, the malformed-body status where
  it takes a body, 404 where the path has parameters, 405 and 500 everywhere. Schemas
  are registered with ``spec.components.schema``.

Route-specific errors: ``@blp.doc(responses=responses(EmailTaken))`` with
:func:`httpfault.adapters.flask.responses`.

The order is ``Api(app)``, then ``HTTPFault(app)``, then ``api.register_blueprint(...)``:
apispec runs plugins when a path is registered.
"""

from __future__ import annotations

import http
import warnings
from collections.abc import Callable
from typing import Any

from apispec import APISpec, BasePlugin
from werkzeug.exceptions import HTTPException

from httpfault import Config, HTTPError, InternalServerError, MethodNotAllowed, NotFound
from httpfault._convert import error_class
from httpfault._openapi_document import METHODS, add_errors, hoist, shared
from httpfault.openapi import by_status

__all__ = ["HTTPFaultPlugin", "install_smorest"]

_SMOREST_KEY = "flask-smorest"


def _smorest_ref(code: Any, value: Any) -> bool:
    """Whether *value* is flask-smorest's reference to its own error response."""
    if not isinstance(value, str):
        return False
    if value == "DEFAULT_ERROR":
        return True
    try:
        status = http.HTTPStatus(int(code))
    except ValueError:
        return False
    return status >= 400 and value == status.name


class HTTPFaultPlugin(BasePlugin):
    """An apispec plugin putting httpfault's errors into each operation."""

    def __init__(self, config: Callable[[], Config]) -> None:
        self._config = config
        self.spec: APISpec | None = None
        self.version = "3.1"

    def init_spec(self, spec: APISpec) -> None:
        """Remember the spec; its OpenAPI version decides the dialect (3.0 or 3.1)."""
        super().init_spec(spec)
        self.spec = spec
        version = spec.openapi_version
        self.version = "3.0" if (version.major, version.minor) == (3, 0) else "3.1"

    def error_classes(self, path: str, operation: dict[str, Any]) -> list[type[HTTPError]]:
        """The errors httpfault answers by itself for *operation* (override to change)."""
        config = self._config()
        classes: list[type[HTTPError]] = []
        parameters = operation.get("parameters") or []
        takes_args = any(isinstance(p, dict) and p.get("in") != "path" for p in parameters)
        if "requestBody" in operation:
            classes.append(error_class(config.malformed_body_status))
        if takes_args or "requestBody" in operation:
            classes.append(error_class(config.validation_status))
        if "{" in path:
            classes.append(NotFound)
        classes += [MethodNotAllowed, InternalServerError]
        return classes

    def operation_helper(
        self, path: str | None = None, operations: dict[str, Any] | None = None, **kwargs: Any
    ) -> None:
        """Replace flask-smorest's error responses with httpfault's, per operation."""
        if not operations or self.spec is None:
            return
        config = self._config()
        schemas: dict[str, Any] = {}
        for method, operation in operations.items():
            if method not in METHODS or not isinstance(operation, dict):
                continue
            answers = operation.setdefault("responses", {})
            for code in [c for c, v in answers.items() if _smorest_ref(c, v)]:
                del answers[code]
            for key in [k for k in answers if not isinstance(k, str)]:
                answers[str(key)] = answers.pop(key)
            for classes in by_status(self.error_classes(path or "", operation)).values():
                add_errors(answers, classes, config, self.version)
            for response in answers.values():
                hoist(response, config, self.version, schemas)
        components = self.spec.components
        for name, schema in {**shared(self.version), **schemas}.items():
            if name not in components.schemas:
                components.schema(name, component=schema)


def install_smorest(app: Any, handler: Callable[[Exception], Any], config: Config) -> None:
    """Hook every flask-smorest ``Api`` of *app*: answers and document."""
    apis = (app.extensions.get(_SMOREST_KEY) or {}).get("apis") or {}
    if not apis:
        return
    # flask-smorest answers HTTPException itself; httpfault's handler takes its place.
    app.register_error_handler(HTTPException, handler)
    for entry in apis.values():
        api = entry.get("ext_obj") if isinstance(entry, dict) else None
        spec = getattr(api, "spec", None)
        if not isinstance(spec, APISpec):
            continue
        if any(isinstance(p, HTTPFaultPlugin) for p in spec.plugins):
            continue
        if spec.to_dict().get("paths"):
            warnings.warn(
                "HTTPFault(app) came after api.register_blueprint(): the routes registered "
                "before it do not document httpfault's errors; install HTTPFault(app) "
                "right after Api(app)",
                stacklevel=4,
            )
        plugin = HTTPFaultPlugin(lambda: config)
        plugin.init_spec(spec)
        spec.plugins = [*spec.plugins, plugin]  # the spec runs its plugins in order
