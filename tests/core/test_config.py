"""Config: immutable, validated at construction."""

from __future__ import annotations

import dataclasses

import pytest

from httpfault import Config, NotFound


def test_config_is_immutable_and_replaceable() -> None:
    """A Config cannot be changed in place; replace() makes a modified copy."""
    cfg = Config()
    with pytest.raises(dataclasses.FrozenInstanceError):
        cfg.debug = True  # type: ignore[misc]
    other = cfg.replace(debug=True)
    assert (cfg.debug, other.debug) == (False, True)
    assert cfg.logger.name == "httpfault"


def test_exception_map_is_copied_read_only() -> None:
    """The exception map is copied, so changing the caller's dict changes nothing."""
    mapping: dict[type[BaseException], type[NotFound]] = {KeyError: NotFound}
    cfg = Config(exception_map=mapping)
    mapping[ValueError] = NotFound
    assert list(cfg.exception_map) == [KeyError]
    with pytest.raises(TypeError):
        cfg.exception_map[ValueError] = NotFound  # type: ignore[index]


def test_a_single_hook_is_accepted() -> None:
    """on_error may be one callable or a sequence of them."""

    def hook(error: object, request: object) -> None:
        pass

    assert Config(on_error=hook).on_error == (hook,)  # type: ignore[arg-type]
    assert Config(on_error=[hook]).on_error == (hook,)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "kwargs",
    [{"format": "xml"}, {"validation_status": 200}, {"validation_status": 500},
     {"malformed_body_status": 419}, {"request_id_header": "Bad Header"},
     {"type_base": 3}, {"exception_map": {"KeyError": NotFound}}, {"exception_map": {KeyError: 3}}],
)  # fmt: skip
def test_invalid_settings_are_refused(kwargs: dict[str, object]) -> None:
    """Settings that cannot work raise at construction, not at the first error."""
    with pytest.raises((ValueError, TypeError)):
        Config(**kwargs)  # type: ignore[arg-type]
