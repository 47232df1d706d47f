"""``ProblemRegistry``: the custom problem types a client turns back into their own classes."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TypeVar

from httpfault._errors import HTTPError
from httpfault._media import ABOUT_BLANK

__all__ = ["ProblemRegistry"]

E = TypeVar("E", bound=type[HTTPError])


class ProblemRegistry:
    """Maps problem ``type`` URIs to the :class:`~httpfault.HTTPError` subclasses that own them.

    Each client (or test) keeps its own registry: nothing is shared or global. A type URI
    is only ever compared as a string, never dereferenced.

    ``register`` works as a decorator::

        problems = ProblemRegistry()

        @problems.register
        class EmailTaken(Conflict):
            code = "email_taken"
            type = "https://example.com/problems/email-taken"
    """

    __slots__ = ("_classes",)

    def __init__(self, classes: Iterable[type[HTTPError]] = ()) -> None:
        self._classes: dict[str, type[HTTPError]] = {}
        for cls in classes:
            self.register(cls)

    def register(self, cls: E) -> E:
        """Register *cls* under its ``type`` URI and return it (usable as a decorator).

        ``ValueError`` if *cls* has no type of its own (``None`` or ``about:blank``) or
        if another class already holds its type; ``TypeError`` if it is no error class.
        """
        if not (isinstance(cls, type) and issubclass(cls, HTTPError)):
            raise TypeError(f"only HTTPError subclasses can be registered, not {cls!r}")
        uri = cls.type
        if not isinstance(uri, str) or not uri or uri == ABOUT_BLANK:
            raise ValueError(f"{cls.__name__} has no problem type URI of its own to register")
        held = self._classes.get(uri)
        if held is not None and held is not cls:
            raise ValueError(f"problem type {uri!r} is already registered to {held.__name__}")
        self._classes[uri] = cls
        return cls

    def unregister(self, cls: type[HTTPError]) -> None:
        """Forget *cls*; ``KeyError`` if it is not registered."""
        uri = cls.type
        if uri is None or self._classes.get(uri) is not cls:
            raise KeyError(cls)
        del self._classes[uri]

    def lookup(self, type_uri: str) -> type[HTTPError] | None:
        """The class registered for *type_uri*, or ``None``."""
        return self._classes.get(type_uri)

    def copy(self) -> ProblemRegistry:
        """An independent registry holding the same classes."""
        return ProblemRegistry(self._classes.values())

    def __contains__(self, item: object) -> bool:
        if isinstance(item, str):
            return item in self._classes
        if isinstance(item, type):
            uri = getattr(item, "type", None)
            return isinstance(uri, str) and self._classes.get(uri) is item
        return False

    def __iter__(self) -> Iterator[type[HTTPError]]:
        return iter(list(self._classes.values()))

    def __len__(self) -> int:
        return len(self._classes)

    def __repr__(self) -> str:
        names = ", ".join(cls.__name__ for cls in self._classes.values())
        return f"ProblemRegistry([{names}])"
