"""What the Flask and Quart extensions share: the per-app config, and "unhandled"."""

from __future__ import annotations

import sys
from collections.abc import Mapping

from httpfault import Config

__all__ = ["CONFIG_KEY", "EXTENSION_KEY", "is_unhandled", "resolve_config"]

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
