"""Typed extension members: declared as class annotations, checked at construction."""

from __future__ import annotations

import json
import pickle
from typing import Any, ClassVar, Literal

import pytest
from pydantic import BaseModel

from httpfault import Conflict, HTTPError, TooManyRequests, Unauthorized, render


class OutOfStock(Conflict):
    """A problem type with one required and one defaulted member."""

    type = "https://example.com/problems/out-of-stock"
    code = "out_of_stock"
    sku: str
    available: int = 0


class Shelf(BaseModel):
    aisle: int


class Detailed(Conflict):
    """Members pydantic checks: a Literal, an optional model, a list, a float."""

    reason: Literal["sold", "recalled"] = "sold"
    shelf: Shelf | None = None
    tags: list[str] = []  # noqa: RUF012 - a member default, copied per error
    price: float = 1.0


def test_members_are_filled_and_rendered() -> None:
    """Given members and defaults land in extensions, attributes and the body."""
    error = OutOfStock("Sold out", sku="A1")
    assert error.extensions == {"sku": "A1", "available": 0}
    assert (error.sku, error.available) == ("A1", 0)  # type: ignore[attr-defined]
    body = json.loads(render(error).body)["error"]
    assert body["sku"] == "A1"
    assert body["available"] == 0
    assert OutOfStock(sku="B", available=3).extensions["available"] == 3


def test_missing_required_member_is_a_type_error() -> None:
    """A required member left out fails where the error is raised, naming it."""
    with pytest.raises(TypeError, match=r"missing required extension member.*'sku'"):
        OutOfStock("Sold out")


@pytest.mark.parametrize(
    ("kwargs", "exc"),
    [
        ({"sku": 1}, TypeError),
        ({"sku": "A", "available": "3"}, TypeError),
        ({"sku": "A", "available": True}, TypeError),
        ({"sku": "A", "available": 1.5}, TypeError),
    ],
)
def test_wrong_plain_type_is_a_type_error(kwargs: dict[str, Any], exc: type[Exception]) -> None:
    """Plain annotations are isinstance checks; bool is no int, str is no int."""
    with pytest.raises(exc, match="extension member"):
        OutOfStock("x", **kwargs)


def test_pydantic_checked_members() -> None:
    """Other annotations are checked strictly by pydantic: a mismatch is a ValueError."""
    error = Detailed(reason="recalled", shelf=Shelf(aisle=3), tags=["a"], price=2)
    assert error.extensions["shelf"] == Shelf(aisle=3)
    assert json.loads(render(error).body)["error"]["shelf"] == {"aisle": 3}
    with pytest.raises(ValueError, match="'reason'"):
        Detailed(reason="lost")
    with pytest.raises(ValueError, match="'tags'"):
        Detailed(tags=[1])
    assert Detailed(shelf={"aisle": 3}).extensions["shelf"] == Shelf(aisle=3)
    with pytest.raises(ValueError, match="'shelf'"):
        Detailed(shelf={"aisle": "3"})


def test_optional_none_member_is_omitted() -> None:
    """A member defaulting to None is left out of the body, never sent as null."""
    error = Detailed()
    assert "shelf" not in error.extensions
    assert "shelf" not in Detailed(shelf=None).extensions


def test_mutable_default_is_copied() -> None:
    """A list default is copied for each error, never shared."""
    first, second = Detailed(), Detailed()
    first.extensions["tags"].append("x")
    assert second.extensions["tags"] == []


def test_standard_annotations_are_not_members() -> None:
    """Annotated standard members, settings and ClassVars stay class attributes."""

    class Custom(Conflict):
        code: str = "custom"
        type: str | None = "https://example.com/p/custom"
        expose: bool = True
        limit: ClassVar[int] = 3
        _private: int = 0

    error = Custom()
    assert error.extensions == {}
    assert error.code == "custom"
    assert Custom.__dict__.get("__httpfault_members__") is None


def test_invalid_member_name_is_refused_at_class_definition() -> None:
    """Annotations must be valid RFC 9457 extension names."""
    with pytest.raises(TypeError, match="not a valid name"):

        class Bad(Conflict):
            id: int


def test_subclasses_inherit_and_add_members() -> None:
    """A subclass has its parent's members, plus its own, checked once."""

    class Sub(OutOfStock):
        warehouse: str = "main"

    assert Sub(sku="A").extensions == {"sku": "A", "available": 0, "warehouse": "main"}
    with pytest.raises(TypeError):
        Sub()

    class Plain(OutOfStock):
        pass

    with pytest.raises(TypeError):
        Plain()


def test_members_with_classes_that_take_own_arguments() -> None:
    """Members work on classes whose constructor has arguments of its own."""

    class Limited(TooManyRequests):
        limit: int

    class Challenge(Unauthorized):
        realm: str

    error = Limited("slow down", retry_after=5, limit=10)
    assert error.headers["Retry-After"] == "5"
    assert error.extensions == {"limit": 10}
    assert Challenge(www_authenticate="Bearer", realm="api").extensions == {"realm": "api"}
    with pytest.raises(TypeError):
        Limited(retry_after=5)


def test_own_init_is_checked_after_it_ran() -> None:
    """A subclass with its own __init__ is checked once that __init__ has finished."""

    class Own(Conflict):
        sku: str

        def __init__(self, sku: str) -> None:
            super().__init__(f"{sku} is taken", sku=sku)

    assert Own("A").extensions == {"sku": "A"}
    with pytest.raises(TypeError):
        Own(3)  # type: ignore[arg-type]


def test_undeclared_extensions_still_work() -> None:
    """Extensions that are not declared keep working, on typed classes too."""
    assert Conflict(anything="x").extensions == {"anything": "x"}
    assert OutOfStock(sku="A", other=1).extensions == {"sku": "A", "available": 0, "other": 1}


def test_typed_errors_pickle_equal() -> None:
    """A typed error pickles to an equal error, members included."""
    error = OutOfStock("Sold out", sku="A1", available=2)
    again = pickle.loads(pickle.dumps(error))
    assert again == error
    assert again.sku == "A1"


def test_string_annotation_that_cannot_resolve() -> None:
    """An annotation naming something unknown fails clearly at first construction."""

    class Broken(Conflict):
        thing: Unknown  # type: ignore[name-defined]  # noqa: F821

    with pytest.raises(TypeError, match="cannot resolve"):
        Broken(thing=1)


def test_any_annotation_accepts_anything() -> None:
    """An ``Any`` member is required but not type-checked."""

    class Loose(Conflict):
        payload: Any

    assert Loose(payload=[1]).extensions == {"payload": [1]}


def test_plain_classes_without_members_are_untouched() -> None:
    """Classes without declared members keep HTTPError's own constructor."""
    assert Conflict.__init__ is HTTPError.__init__
