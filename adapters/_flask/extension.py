"""What the Flask and Quart extensions share: the per-app config, what a handler answers."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Iterable, Mapping
from typing import Any, Generic, NamedTuple, TypeVar

from werkzeug.exceptions import HTTPException
from werkzeug.exceptions import InternalServerError as WerkzeugInternalServerError

from httpfault import Config, HTTPError, error_class

from .._type_pages import TypePage, error_classes, type_pages
from .convert import from_werkzeug

__all__ = [
    "CONFIG_KEY",
    "EXTENSION_KEY",
    "Answer",
    "Extension",
    "ExtensionState",
    "choose",
    "is_unhandled",
    "resolve_config",
]


AppT = TypeVar("AppT")
"""The framework's app class: ``Flask`` or ``Quart``."""
_DEFAULT_LOGGER = Config().logger_name

EXTENSION_KEY = "httpfault"
"""The key of the installed state in ``app.extensions``."""
CONFIG_KEY = "HTTPFAULT"
"""The ``app.config`` key read by ``init_app``: a dict of ``Config`` fields, or a ``Config``."""


def resolve_config(base: Config | None, setting: object) -> Config:
    """The config of one app: ``app.config["HTTPFAULT"]`` over the extension's *base*."""
    if setting is None:
        return base if base is not None else Config()
    if isinstance(setting, Config):
        return setting
    if isinstance(setting, Mapping):
        fields = set(Config.__dataclass_fields__)
        unknown = sorted(str(key) for key in setting if key not in fields)
        if unknown:
            raise ValueError(
                f"{CONFIG_KEY} has unknown settings {unknown}; valid ones: {sorted(fields)}"
            )
        return (base or Config()).replace(**dict(setting))
    raise TypeError(
        f"app.config[{CONFIG_KEY!r}] must be a dict of Config fields or a httpfault.Config, "
        f"not {type(setting).__name__}"
    )


def is_unhandled(exc: BaseException, config: Config) -> bool:
    """Whether the framework would call *exc* unhandled: not validation, not mapped."""
    if "pydantic_core" in sys.modules:
        from pydantic_core import ValidationError

        if isinstance(exc, ValidationError):
            return False
    mapping = config.exception_map
    return not (mapping and any(base in mapping for base in exc.__class__.__mro__))


class Answer(NamedTuple):
    """What an extension's error handler answers for an exception (see :func:`choose`)."""

    target: BaseException | None
    """What the core answers; ``None``: the framework answers *native* itself."""
    native: HTTPException | None
    """A werkzeug exception that is not an error (a redirect, say), answered as it is."""
    config: Config
    unhandled: bool
    """The framework would call it unhandled: signalled (and maybe propagated)."""


def choose(
    exc: Exception, config: Config, quiet: Config, undecodable: Callable[[BaseException], bool]
) -> Answer:
    """What the Flask or Quart error handler answers for *exc*.

    *quiet* is the config for errors the framework has logged itself: an
    ``InternalServerError`` made, not raised, by its ``handle_exception()`` (for an
    exception from an after-request function or an error handler), which has sent the
    signal, applied ``PROPAGATE_EXCEPTIONS`` and logged the original with its traceback:
    its original is answered, not logged again. *undecodable* tells a request body that
    did not decode (the malformed-body status).
    """
    if isinstance(exc, HTTPError):
        return Answer(exc, None, config, unhandled=False)
    if isinstance(exc, HTTPException):
        native: HTTPException = exc
        if (
            isinstance(exc, WerkzeugInternalServerError)
            and exc.__traceback__ is None
            and isinstance(exc.original_exception, BaseException)
        ):
            config = quiet
            original = exc.original_exception
            if not isinstance(original, HTTPException):
                return Answer(original, None, config, unhandled=False)
            native = original
        converted = from_werkzeug(native, config)
        if converted is None:
            return Answer(None, native, config, unhandled=False)
        return Answer(converted, None, config, unhandled=False)
    if undecodable(exc):
        error = error_class(config.malformed_body_status)()
        error.__cause__ = exc
        return Answer(error, None, config, unhandled=False)
    return Answer(exc, None, config, unhandled=is_unhandled(exc, config))


class Extension(Generic[AppT]):
    """What the Flask and Quart extensions share: set-up, ``init_app``, ``config_for``."""

    def __init__(
        self,
        app: AppT | None = None,
        config: Config | None = None,
        *,
        serve_types: Iterable[type[HTTPError]] = (),
    ) -> None:
        if config is not None and not isinstance(config, Config):
            raise TypeError(f"config must be a httpfault.Config, not {type(config).__name__}")
        self.config = config
        self.serve_types = error_classes(serve_types)
        if app is not None:
            self.init_app(app)

    def init_app(self, app: AppT) -> None:
        """Install on *app*: state in ``app.extensions["httpfault"]``, one error handler."""
        target: Any = app
        config = resolve_config(self.config, target.config.get(CONFIG_KEY))
        pages = type_pages(self.serve_types, config)
        state = self._new_state(app, config)
        target.extensions[EXTENSION_KEY] = state
        target.register_error_handler(Exception, state.handle_exception)
        self._installed(app, state, config)
        for number, page in enumerate(pages):
            target.add_url_rule(page.path, f"httpfault_problem_type_{number}",
                                self._page_view(page), methods=["GET"])  # fmt: skip

    @classmethod
    def config_for(cls, app: AppT) -> Config:
        """The :class:`~httpfault.Config` installed on *app*."""
        state = getattr(app, "extensions", {}).get(EXTENSION_KEY)
        if not isinstance(state, ExtensionState):
            raise RuntimeError("httpfault is not installed on this app: call HTTPFault(app)")
        return state.config

    def _new_state(self, app: AppT, config: Config) -> ExtensionState:
        raise NotImplementedError

    def _installed(self, app: AppT, state: ExtensionState, config: Config) -> None:
        """Called once the error handler is registered (Flask: flask-smorest's document)."""

    def _page_view(self, page: TypePage) -> Callable[[], Any]:
        raise NotImplementedError


class ExtensionState:
    """What ``init_app`` keeps in ``app.extensions["httpfault"]`` for one app."""

    __slots__ = ("_quiet", "app", "config", "extension", "logger")

    def __init__(self, app: Any, config: Config, extension: Extension[Any]) -> None:
        self.app = app
        self.config = config
        self.extension = extension
        self.logger: logging.Logger = (
            config.logger if config.logger_name != _DEFAULT_LOGGER else app.logger
        )
        # Errors the framework has logged itself (see choose()) must not be logged twice;
        # logging.NOTSET is a level no logger ever emits.
        self._quiet = config.replace(log_level_4xx=logging.NOTSET, log_level_5xx=logging.NOTSET)

    def handle_exception(self, exc: Exception) -> Any:
        """The error handler registered for ``Exception``: *exc* as a contract response."""
        raise NotImplementedError

    def __repr__(self) -> str:
        return f"HTTPFaultState(app={self.app.name!r}, config={self.config!r})"
