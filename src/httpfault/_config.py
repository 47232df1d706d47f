"""``Config``: how an installed adapter renders, logs and maps errors. Immutable."""

from __future__ import annotations

import logging
import secrets
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Literal, Union

from ._cache import AnswerCache
from ._headers import check_header
from ._request import header_names

if TYPE_CHECKING:
    from ._errors import HTTPError
    from ._request import RequestInfo

__all__ = ["Config", "ErrorHook", "ExceptionMapper", "Format", "Formatter", "new_request_id"]

Format = Literal["json", "problem", "auto"]
ExceptionMapper = Union["type[HTTPError]", "Callable[[Any], HTTPError]"]
"""An ``exception_map`` value: an error class, or a callable making the error."""
ErrorHook = Callable[["HTTPError", "RequestInfo | None"], None]
"""An ``on_error`` hook: called once with every error an adapter answers."""
Formatter = Callable[["HTTPError", "dict[str, Any]", "RequestInfo | None"], Mapping[str, Any]]
"""A custom envelope: gets the error, the standard body and the request; returns the body."""


def new_request_id() -> str:
    """Return a fresh random request id (32 hex digits)."""
    return secrets.token_hex(16)


@dataclass(frozen=True)
class Config:
    """Settings of one installed adapter. Immutable: make a new one to change it.

    ``exception_map`` maps exception classes (matched along the MRO, most specific
    first) to an :class:`HTTPError` class or to a callable that builds the error from the
    exception. ``on_error`` hooks see every error, after logging; a failing hook is logged
    and ignored. ``formatter`` replaces the body's envelope.
    """

    format: Format = "json"
    debug: bool = False
    type_base: str | None = None
    request_id_header: str | None = "X-Request-ID"
    request_id_factory: Callable[[], str] | None = new_request_id
    validation_status: int = 422
    malformed_body_status: int = 400
    exception_map: Mapping[type[BaseException], ExceptionMapper] = field(
        default_factory=lambda: MappingProxyType({})
    )
    on_error: tuple[ErrorHook, ...] = ()
    formatter: Formatter | None = None
    log_level_4xx: int = logging.INFO
    log_level_5xx: int = logging.ERROR
    logger_name: str = "httpfault"
    cache_bytes: int = 1 << 20
    """The most bytes of rendered answers kept for reuse; ``0`` turns the cache off."""
    languages: tuple[str, ...] = ("en",)
    """The languages answers are offered in (``"en"``, ``"de"``, ``"pt-BR"``...), by preference.

    English only by default. With more, each answer's language is negotiated from the
    request's ``Accept-Language`` (see :mod:`httpfault._languages`); English is always
    offered, last unless listed.
    """
    trace_id: bool = True
    """Whether error bodies carry ``trace_id`` (from ``traceparent`` or the current span)."""
    request_id_from_trace: bool = False
    """Whether a request that sent no (usable) request id gets its trace id as request id."""
    _logger: logging.Logger | None = field(init=False, repr=False, compare=False, default=None)
    # Answers kept rendered for this config (none where a formatter or debug makes the
    # body more than its facts): state, not configuration, so not compared.
    _cache: AnswerCache | None = field(init=False, repr=False, compare=False, default=None)
    # The languages negotiated from, English included; empty for English only.
    _offered: tuple[str, ...] = field(init=False, repr=False, compare=False, default=())
    # The request headers an answer reads, found in one pass (see _request.find_headers).
    _header_names: tuple[Any, ...] = field(init=False, repr=False, compare=False, default=())
    # Accept-Language header -> the language negotiated for it (bounded; state, like _cache).
    _chosen: dict[str, str] = field(init=False, repr=False, compare=False, default_factory=dict)

    def __post_init__(self) -> None:
        from ._classes import REGISTRY

        if self.format not in ("json", "problem", "auto"):
            raise ValueError(f"format must be 'json', 'problem' or 'auto', not {self.format!r}")
        for name in ("validation_status", "malformed_body_status"):
            status = getattr(self, name)
            if status not in REGISTRY or status >= 500:
                raise ValueError(f"{name} must be a registered 4xx status, not {status!r}")
        if self.request_id_header is not None:
            check_header(self.request_id_header, "")
        if self.type_base is not None and not isinstance(self.type_base, str):
            raise TypeError("type_base must be a str or None")
        for exc_type, target in dict(self.exception_map).items():
            if not (isinstance(exc_type, type) and issubclass(exc_type, BaseException)):
                raise TypeError(f"exception_map keys must be exception classes, not {exc_type!r}")
            if not callable(target):
                raise TypeError(f"exception_map[{exc_type.__name__}] must be callable")
        object.__setattr__(self, "exception_map", MappingProxyType(dict(self.exception_map)))
        hooks: Iterable[ErrorHook] = self.on_error
        if callable(hooks):
            hooks = (hooks,)
        object.__setattr__(self, "on_error", tuple(hooks))
        if self.cache_bytes.__class__ is not int or self.cache_bytes < 0:
            raise ValueError(f"cache_bytes must be an int >= 0, not {self.cache_bytes!r}")
        _set_languages(self)
        object.__setattr__(self, "_header_names", header_names(
            self.request_id_header, "traceparent", "accept-language" if self._offered else None
        ))  # fmt: skip
        if self.cache_bytes and self.formatter is None and not self.debug:
            object.__setattr__(self, "_cache", AnswerCache(self.cache_bytes))

    @property
    def logger(self) -> logging.Logger:
        """The logger errors are written to."""
        logger = self._logger
        if logger is None:
            logger = logging.getLogger(self.logger_name)
            object.__setattr__(self, "_logger", logger)
        return logger

    def replace(self, **changes: Any) -> Config:
        """Return a copy with *changes* applied."""
        from dataclasses import replace

        return replace(self, **changes)


def _set_languages(config: Config) -> None:
    """Check ``languages``, spell each tag as shipped, and derive the offered tags."""
    from ._catalogues import LANGUAGES, known_language

    given: object = config.languages
    if isinstance(given, str) or not isinstance(given, Iterable):
        raise TypeError(f"languages must be a tuple of language tags, not {given!r}")
    tags: list[str] = []
    for tag in given:
        known = "en" if isinstance(tag, str) and tag.lower() == "en" else None
        known = known or (known_language(tag) if isinstance(tag, str) else None)
        if known is None:
            raise ValueError(
                f"no catalogue for language {tag!r}; languages: en, {', '.join(LANGUAGES)}"
            )
        if known not in tags:
            tags.append(known)
    object.__setattr__(config, "languages", tuple(tags) or ("en",))
    if tags and tags != ["en"]:
        offered = tuple(tags) if "en" in tags else (*tags, "en")
        object.__setattr__(config, "_offered", offered)


DEFAULT_CONFIG = Config()
