"""Putting httpfault's errors into a whole OpenAPI document (used by every integration).

Integrations add Response Objects made by :func:`httpfault.openapi.responses` (marked,
self-contained schemas) to each operation, then call :func:`finish`: the marked schemas
move into ``components/schemas`` (one per class and format), groups of one status get a
``discriminator`` on ``type`` where every option fixes its own, media types of the
other format are dropped, and the shared schemas are added.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from typing import Any

from ._config import Config
from ._errors import HTTPError
from ._openapi_schemas import CLASS_MARK, MARK, REF, shared_schemas, to_30
from .openapi import media_types, response_object

__all__ = ["add_errors", "finish", "hoist", "is_ours", "operations", "shared"]

METHODS = frozenset({"get", "put", "post", "delete", "options", "head", "patch", "trace"})


def operations(document: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """Every ``(path, method, operation)`` of *document*."""
    for path, item in (document.get("paths") or {}).items():
        if not isinstance(item, dict):
            continue
        for method, operation in item.items():
            if method in METHODS and isinstance(operation, dict):
                yield path, method, operation


def is_ours(schema: Any) -> bool:
    """Whether *schema* is a marked class schema, or a group made only of them."""
    if not isinstance(schema, dict):
        return False
    if MARK in schema:
        return True
    options = schema.get("oneOf", schema.get("anyOf"))
    return isinstance(options, list) and bool(options) and all(is_ours(s) for s in options)


def _response_is_ours(response: Any) -> bool:
    content = response.get("content") if isinstance(response, dict) else None
    return isinstance(content, dict) and any(
        is_ours(m.get("schema")) for m in content.values() if isinstance(m, dict)
    )


def _resolve(path: str) -> type[HTTPError] | None:
    module_name, _, qualname = path.partition(":")
    target: Any = sys.modules.get(module_name)
    for part in qualname.split("."):
        target = getattr(target, part, None)
    if isinstance(target, type) and issubclass(target, HTTPError):
        return target
    return None


def _classes_of(response: dict[str, Any]) -> list[type[HTTPError]] | None:
    """The classes a marked response documents, or ``None`` if one cannot be found."""
    schema = next(iter(response["content"].values()))["schema"]
    options = schema.get("oneOf", schema.get("anyOf", [schema])) if MARK not in schema else [
        schema
    ]  # fmt: skip
    classes = [_resolve(option.get(CLASS_MARK, "")) for option in options]
    if any(cls is None for cls in classes):
        return None
    return [cls for cls in classes if cls is not None]


def add_errors(
    answers: dict[str, Any], classes: list[type[HTTPError]], config: Config, version: str
) -> None:
    """Document *classes* (one status) in an operation's *answers*.

    A response the route declared itself is left alone, unless it is httpfault's: then
    the classes join it (one ``oneOf``), so a route's own 400 and the malformed-body 400
    are documented together.
    """
    key = str(classes[0].status)
    existing = answers.get(key)
    if existing is None:
        answers[key] = response_object(classes, config, version)
        return
    if not _response_is_ours(existing):
        return
    known = _classes_of(existing)
    if known is None or all(cls in known for cls in classes):
        return
    merged = response_object([*known, *(c for c in classes if c not in known)], config, version)
    existing["content"] = merged["content"]
    existing["description"] = merged["description"]
    existing.setdefault("headers", {}).update(merged["headers"])


def _base_name(name: str) -> str:
    return "HTTPFaultProblem" if name.endswith("Problem") else "HTTPFaultError"


def _fixed_type(component: dict[str, Any]) -> str | None:
    props = component["allOf"][1].get("properties", {})
    kind = props.get("type", {})
    if "const" in kind:
        return str(kind["const"])
    enum = kind.get("enum")
    return str(enum[0]) if isinstance(enum, list) and len(enum) == 1 else None


def _componentize(schema: dict[str, Any], schemas: dict[str, Any], version: str) -> dict[str, Any]:
    name = schema.get(MARK)
    if isinstance(name, str):
        if name not in schemas:
            constraints = schema["allOf"][-1]
            if version == "3.0":
                constraints = to_30(constraints)
            schemas[name] = {"title": name, "allOf": [{"$ref": REF + _base_name(name)},
                                                      constraints]}  # fmt: skip
        return {"$ref": REF + name}
    keyword = "oneOf" if "oneOf" in schema else "anyOf"
    refs = [_componentize(option, schemas, version) for option in schema[keyword]]
    group: dict[str, Any] = {keyword: refs}
    names = [ref["$ref"][len(REF) :] for ref in refs]
    if keyword == "oneOf" and all(n.endswith("Problem") for n in names):
        types = [_fixed_type(schemas[n]) for n in names]
        if all(types) and len(set(types)) == len(types):
            mapping = {str(t): ref["$ref"] for t, ref in zip(types, refs, strict=True)}
            group["discriminator"] = {"propertyName": "type", "mapping": mapping}
    return group


def hoist(response: Any, config: Config, version: str, schemas: dict[str, Any]) -> dict[str, Any]:
    """Move the marked schemas of one Response Object into *schemas*; drop other formats."""
    content = response.get("content") if isinstance(response, dict) else None
    if isinstance(content, dict):
        if version == "3.0" and _response_is_ours(response):
            # made by responses() in the 3.1 dialect before the version was known
            for header in (response.get("headers") or {}).values():
                if isinstance(header, dict) and "schema" in header:
                    header["schema"] = to_30(header["schema"])
        wanted = media_types(config)
        for media in [m for m, v in content.items() if is_ours(v.get("schema"))]:
            if media in wanted:
                content[media]["schema"] = _componentize(content[media]["schema"], schemas, version)
            else:
                del content[media]
    return response  # type: ignore[no-any-return]


def shared(version: str) -> dict[str, Any]:
    """The shared schemas, in *version*'s dialect."""
    if version == "3.0":
        return {name: to_30(schema) for name, schema in shared_schemas().items()}
    return shared_schemas()


def finish(document: dict[str, Any], config: Config, version: str = "3.1") -> dict[str, Any]:
    """Hoist httpfault's schemas into *document*'s components; keep the format's media."""
    schemas = document.setdefault("components", {}).setdefault("schemas", {})
    for _path, _method, operation in operations(document):
        for response in (operation.get("responses") or {}).values():
            hoist(response, config, version, schemas)
    for name, schema in shared(version).items():
        schemas.setdefault(name, schema)
    return document
