"""The ``HTTPFAULT`` Django setting: a :class:`~httpfault.Config` plus the adapter's options.

``HTTPFAULT`` is a dict. Its keys are ``Config`` field names, upper- or lower-case
(``FORMAT``, ``DEBUG``, ``EXCEPTION_MAP``...), and the adapter's own options:

- ``PATHS``: path prefixes the middleware and the error views answer for (default: all);
- ``EXCLUDE_PATHS``: path prefixes left to Django's own error pages (``/admin/``...);
- ``CONFIG``: a ready ``Config`` that the other keys then amend.

Callables may be given as dotted import paths, as Django settings usually are.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed
from django.utils.module_loading import import_string

from httpfault import Config

__all__ = ["DEFAULT_LOGGER", "Options", "current_options", "read_options"]

DEFAULT_LOGGER = "django.request"
"""Errors are logged where Django logs its own request errors, unless ``LOGGER_NAME`` is set."""

_CONFIG_FIELDS = frozenset(f.name for f in dataclasses.fields(Config))
_OPTIONS = frozenset({"paths", "exclude_paths", "config"})


@dataclasses.dataclass(frozen=True)
class Options:
    """What the ``HTTPFAULT`` setting says: the config, and which paths are converted."""

    config: Config
    paths: tuple[str, ...] | None = None
    exclude_paths: tuple[str, ...] = ()

    def converts(self, path: str) -> bool:
        """Whether errors of a request to *path* (its ``path_info``) answer in the contract."""
        if self.exclude_paths and path.startswith(self.exclude_paths):
            return False
        return self.paths is None or path.startswith(self.paths)


def read_options(value: object) -> Options:
    """Build :class:`Options` from the value of the ``HTTPFAULT`` setting."""
    if value is None:
        value = {}
    elif isinstance(value, Config):
        value = {"CONFIG": value}
    if not isinstance(value, Mapping):
        raise ImproperlyConfigured(
            f"HTTPFAULT must be a dict or an httpfault.Config, not {type(value).__name__}"
        )
    base: Config | None = None
    changes: dict[str, Any] = {}
    paths: tuple[str, ...] | None = None
    exclude: tuple[str, ...] = ()
    for key, item in value.items():
        name = key.lower() if isinstance(key, str) else key
        if name == "config":
            if not isinstance(item, Config):
                raise ImproperlyConfigured("HTTPFAULT['CONFIG'] must be an httpfault.Config")
            base = item
        elif name == "paths":
            paths = None if item is None else _prefixes("PATHS", item)
        elif name == "exclude_paths":
            exclude = () if item is None else _prefixes("EXCLUDE_PATHS", item)
        elif name in _CONFIG_FIELDS:
            changes[name] = _resolve(name, item)
        else:
            known = ", ".join(sorted(n.upper() for n in _CONFIG_FIELDS | _OPTIONS))
            raise ImproperlyConfigured(f"HTTPFAULT has an unknown key {key!r}; known: {known}")
    try:
        if base is None:
            changes.setdefault("logger_name", DEFAULT_LOGGER)
            config = Config(**changes)
        else:
            config = base.replace(**changes) if changes else base
    except (TypeError, ValueError) as exc:
        raise ImproperlyConfigured(f"HTTPFAULT: {exc}") from exc
    return Options(config, paths, exclude)


def _prefixes(name: str, value: object) -> tuple[str, ...]:
    items = (value,) if isinstance(value, str) else value
    if not isinstance(items, Iterable):
        raise ImproperlyConfigured(f"HTTPFAULT['{name}'] must be a list of path prefixes")
    result = tuple(items)
    if not all(isinstance(p, str) and p.startswith("/") for p in result):
        raise ImproperlyConfigured(f"HTTPFAULT['{name}'] prefixes must be strings starting '/'")
    return result


def _resolve(name: str, value: Any) -> Any:
    """Import dotted paths where the field holds callables or classes."""
    if name in ("formatter", "request_id_factory"):
        return _imported(value)
    if name == "on_error":
        hooks = (value,) if isinstance(value, str) or callable(value) else value
        return tuple(_imported(h) for h in hooks)
    if name == "exception_map":
        if not isinstance(value, Mapping):
            raise ImproperlyConfigured("HTTPFAULT['EXCEPTION_MAP'] must be a dict")
        return {_imported(k): _imported(v) for k, v in value.items()}
    return value


def _imported(value: Any) -> Any:
    if isinstance(value, str):
        try:
            return import_string(value)
        except ImportError as exc:
            raise ImproperlyConfigured(f"HTTPFAULT: cannot import {value!r}: {exc}") from exc
    return value


# The options of the ``HTTPFAULT`` setting, read once and forgotten when Django announces a
# change of that setting (``override_settings`` and the test tools send ``setting_changed``;
# Django's settings are not otherwise changed at runtime). A cache, not configuration.
_memo: Options | None = None


def current_options() -> Options:
    """The :class:`Options` of the ``HTTPFAULT`` setting now in effect."""
    global _memo
    options = _memo
    if options is None:
        # Reading a setting that is absent costs Django two exceptions: read it once.
        options = _memo = read_options(getattr(settings, "HTTPFAULT", None))
    return options


def _forget(*, setting: str, **_: Any) -> None:
    """``setting_changed``: read ``HTTPFAULT`` again the next time it is needed."""
    global _memo
    if setting == "HTTPFAULT":
        _memo = None


setting_changed.connect(_forget, dispatch_uid="httpfault.adapters.django.settings")
