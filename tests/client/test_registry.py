"""``ProblemRegistry``: custom problem types by ``type`` URI, one registry per client."""

from __future__ import annotations

import pytest

from httpfault import Conflict, HTTPError, NotFound
from httpfault.client import ProblemRegistry
from tests.client.scenarios import EmailTaken, OutOfCredit


def test_register_as_decorator_and_lookup() -> None:
    """``register`` returns the class, so it works as a decorator; lookup is by type URI."""
    registry = ProblemRegistry()

    @registry.register
    class Moved(NotFound):
        type = "https://example.com/problems/moved"

    assert registry.lookup("https://example.com/problems/moved") is Moved
    assert registry.lookup("https://example.com/problems/other") is None
    assert Moved in registry
    assert "https://example.com/problems/moved" in registry
    assert NotFound not in registry
    assert 42 not in registry
    assert list(registry) == [Moved]
    assert len(registry) == 1
    assert repr(registry) == "ProblemRegistry([Moved])"


def test_registering_twice_is_harmless() -> None:
    """The same class may be registered again; another class with its URI is refused."""
    registry = ProblemRegistry([EmailTaken])
    registry.register(EmailTaken)
    assert len(registry) == 1

    class Impostor(Conflict):
        type = EmailTaken.type

    with pytest.raises(ValueError, match="already registered to EmailTaken"):
        registry.register(Impostor)


@pytest.mark.parametrize("uri", [None, "", "about:blank"])
def test_classes_without_a_type_are_refused(uri: str | None) -> None:
    """A class with no type URI of its own cannot be registered."""
    cls = type("Plain", (Conflict,), {"type": uri})
    with pytest.raises(ValueError, match="no problem type URI"):
        ProblemRegistry().register(cls)


@pytest.mark.parametrize("thing", [object, Exception, "https://x", 3])
def test_only_error_classes(thing: object) -> None:
    """Only HTTPError subclasses can be registered."""
    with pytest.raises(TypeError, match="HTTPError subclasses"):
        ProblemRegistry().register(thing)  # type: ignore[type-var]


def test_unregister_and_copy_are_independent() -> None:
    """``copy`` gives an independent registry; ``unregister`` forgets one class."""
    registry = ProblemRegistry([EmailTaken, OutOfCredit])
    clone = registry.copy()
    registry.unregister(EmailTaken)
    assert EmailTaken not in registry
    assert EmailTaken in clone
    assert OutOfCredit in registry
    with pytest.raises(KeyError):
        registry.unregister(EmailTaken)
    with pytest.raises(KeyError):
        registry.unregister(HTTPError)


def test_iteration_is_a_snapshot() -> None:
    """Registering while iterating does not break the iteration."""
    registry = ProblemRegistry([EmailTaken])
    for _ in registry:
        registry.register(OutOfCredit)
    assert len(registry) == 2
