"""The exception hierarchy's base: ``HTTPError``, ``ClientError`` and ``ServerError``."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any, ClassVar

from ._catalog_data import TEXTS
from ._fields import FieldError
from ._headers import parse_retry_after, validated_headers
from ._localize import is_lazy
from ._members import collect, install_check
from ._ratelimit import RateLimit, parse_ratelimit

__all__ = ["RESERVED_MEMBERS", "ClientError", "HTTPError", "ServerError", "code_for"]

RESERVED_MEMBERS: frozenset[str] = frozenset(
    {
        "type", "title", "status", "detail", "instance",  # RFC 9457 §3.1
        "code", "message", "errors", "request_id", "debug", "error",  # this contract
        "trace_id",
    }
)  # fmt: skip
# RFC 9457 §3.2: start with a letter; letters, digits and "_"; three characters or more.
# Matched whole (fullmatch): "$" would let a trailing newline through.
_EXTENSION_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_]{2,}")
_NOT_CODE = re.compile(r"[^a-z0-9]+")


def code_for(title: str) -> str:
    """Return the snake_case code of a status phrase (``"I'm a teapot"`` -> ``im_a_teapot``)."""
    return _NOT_CODE.sub("_", title.lower().replace("'", "")).strip("_")


def _check_extension(name: str) -> None:
    if name in RESERVED_MEMBERS:
        raise ValueError(
            f"extension member {name!r} clashes with a standard member of the error body; "
            "pass it as the matching argument or choose another name"
        )
    if not isinstance(name, str) or not _EXTENSION_NAME.fullmatch(name):
        raise ValueError(
            f"extension member {name!r} is not a valid name: RFC 9457 asks for a letter first, "
            "then letters, digits or '_', three characters at least"
        )


class HTTPError(Exception):
    """An HTTP error response, raised as an exception.

    Subclasses fix ``status`` (and with it ``title``, ``code`` and the default message);
    each instance adds what is particular to it: the ``detail`` sentence, field
    ``errors``, response ``headers`` and RFC 9457 ``extensions``.
    """

    status: int = 500
    title: str = TEXTS[500].title
    code: str = code_for(TEXTS[500].title)
    type: str | None = None
    """The problem type URI; ``None`` means ``about:blank`` (or ``Config.type_base``)."""
    instance: str | None = None
    default_detail: ClassVar[str] = TEXTS[500].message
    """The sentence sent when the error has no detail, or when its detail is not exposed."""
    expose: bool = False
    """Whether ``detail`` may be sent to the client (True for 4xx, False for 5xx)."""
    request_id: str | None = None
    """The request id of the response this error was read from (``httpfault.client``).

    Rendering never reads it: an error response takes its request id from the request.
    """

    detail: str | None
    errors: list[FieldError]
    headers: dict[str, str]
    extensions: dict[str, Any]

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        own = cls.__dict__
        parent = cls.__mro__[1]
        if (
            "__annotations__" in own
            or "__annotate__" in own
            or "__httpfault_members__" in vars(parent)
        ):
            members = collect(cls, parent, _check_extension)
            if members:
                cls.__httpfault_members__ = members  # type: ignore[attr-defined]
                install_check(cls)
        if "status" not in own:
            return
        status = cls.status
        if status.__class__ is not int and isinstance(status, int) and status.__class__ is not bool:
            cls.status = int(status)  # an IntEnum such as HTTPStatus.GONE works as its int
        text = TEXTS.get(cls.status)
        if text is None:
            if "title" not in own:
                raise TypeError(f"{cls.__name__}: status {cls.status} is not registered; set title")
            return
        if "title" not in own:
            cls.title = text.title
        if "code" not in own:
            cls.code = code_for(text.title)
        if "default_detail" not in own:
            cls.default_detail = text.message

    def __init__(
        self,
        detail: str | None = None,
        *,
        code: str | None = None,
        type: str | None = None,
        title: str | None = None,
        instance: str | None = None,
        errors: Iterable[FieldError] | None = None,
        headers: Mapping[str, str] | None = None,
        expose: bool | None = None,
        **extensions: Any,
    ) -> None:
        # BaseException.__new__ has already stored the positional arguments as ``args``.
        if detail is not None:
            given: object = detail  # a lazy translation string is welcome too
            if given.__class__ is not str and not isinstance(given, str) and not is_lazy(given):
                raise TypeError(f"detail must be a str or None, not {detail.__class__.__name__}")
            if self.args != (detail,):
                self.args = (detail,)
        elif self.args:
            self.args = ()
        self.detail = detail
        if code is not None:
            if not code or not isinstance(code, str):
                raise ValueError("code must be a non-empty string")
            self.code = code
        if type is not None:
            self.type = type
        if title is not None:
            self.title = title
        if instance is not None:
            self.instance = instance
        if expose is not None:
            self.expose = bool(expose)
        if errors:
            items = list(errors)
            for item in items:
                if not isinstance(item, FieldError):
                    raise TypeError("errors must be FieldError instances")
            self.errors = items
        else:
            self.errors = []
        self.headers = validated_headers(headers) if headers else {}
        if extensions:
            for name in extensions:
                _check_extension(name)
        self.extensions = extensions

    @property
    def retry_after(self) -> int | None:
        """Seconds to wait before retrying, from the ``Retry-After`` header, or ``None``.

        An HTTP-date counts the seconds from now until then (0 once it has passed); a
        header that is neither delay-seconds nor an HTTP-date gives ``None``.
        """
        for name, value in self.headers.items():
            if name.lower() == "retry-after":
                return parse_retry_after(value)
        return None

    @property
    def ratelimit(self) -> tuple[RateLimit, ...]:
        """The rate-limit policies of the ``RateLimit-Policy`` and ``RateLimit`` headers.

        Empty when there are none (or when ``RateLimit-Policy`` is not a valid field).
        On an error read by ``httpfault.client`` these are the response's headers.
        """
        policy = current = None
        for name, value in self.headers.items():
            lower = name.lower()
            if lower == "ratelimit-policy":
                policy = value
            elif lower == "ratelimit":
                current = value
        return parse_ratelimit(policy, current) if policy else ()

    def __str__(self) -> str:
        head = f"{self.status} {self.title}"
        return head if self.detail is None else f"{head}: {self.detail}"

    def __repr__(self) -> str:
        parts = [] if self.detail is None else [repr(self.detail)]
        for name in ("code", "type", "title", "instance"):
            if name in self.__dict__:
                parts.append(f"{name}={self.__dict__[name]!r}")
        if self.errors:
            parts.append(f"errors={self.errors!r}")
        parts.extend(f"{k}={v!r}" for k, v in self.extensions.items())
        return f"{self.__class__.__name__}({', '.join(parts)})"

    def _key(self) -> tuple[Any, ...]:
        return (
            self.status, self.title, self.code, self.type, self.detail, self.instance,
            self.errors, self.headers, self.extensions, self.expose,
        )  # fmt: skip

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, HTTPError):
            return NotImplemented
        return other.__class__ is self.__class__ and other._key() == self._key()

    def __hash__(self) -> int:
        return hash((self.__class__, self.status, self.code, self.detail))

    def __reduce__(self) -> tuple[Any, ...]:
        return (_restore, (self.__class__, self.args, dict(self.__dict__)))


def _restore(cls: type[HTTPError], args: tuple[Any, ...], state: dict[str, Any]) -> HTTPError:
    error = cls.__new__(cls)
    error.args = args
    error.__dict__.update(state)
    return error


class ClientError(HTTPError):
    """A 4xx error: the request was at fault, and its detail is sent to the client."""

    status: int = 400
    expose: bool = True


class ServerError(HTTPError):
    """A 5xx error: the server failed; its detail is hidden unless ``expose`` is set."""

    status: int = 500
    expose: bool = False
