"""The OGC API's own definition in OpenAPI 3.0, derived from FastAPI's OpenAPI 3.1 document.

OGC API – Features conformance class "OpenAPI 3.0" asks for a 3.0 definition; FastAPI writes
3.1. The two differ, for what FastAPI emits, in how they say "nullable", "constant" and
"example", which this module rewrites.
"""

from __future__ import annotations

import copy
from typing import Any

NULL = {"type": "null"}
REF_PREFIX = "#/components/schemas/"


def ogc_definition(document: dict[str, Any], prefix: str, server_url: str) -> dict[str, Any]:
    """The paths under ``prefix``, relative to ``server_url``, and the schemas they use."""
    paths = {
        path.removeprefix(prefix) or "/": item
        for path, item in document.get("paths", {}).items()
        if path == prefix or path.startswith(prefix + "/")
    }
    schemas = document.get("components", {}).get("schemas", {})
    used = _referenced(paths, schemas)
    definition = {
        "openapi": "3.0.3",
        "info": document.get("info", {}),
        "servers": [{"url": server_url}],
        "paths": paths,
        "components": {"schemas": {name: schemas[name] for name in sorted(used)}},
    }
    return downgrade(copy.deepcopy(definition))


def _referenced(paths: dict[str, Any], schemas: dict[str, Any]) -> set[str]:
    """Names of the component schemas the paths use, directly or through other schemas."""
    found: set[str] = set()
    pending = list(_refs(paths))
    while pending:
        name = pending.pop()
        if name not in found and name in schemas:
            found.add(name)
            pending.extend(_refs(schemas[name]))
    return found


def _refs(node: Any) -> list[str]:
    """Schema names referenced anywhere inside ``node``."""
    if isinstance(node, list):
        return [name for item in node for name in _refs(item)]
    if not isinstance(node, dict):
        return []
    own = [node["$ref"].removeprefix(REF_PREFIX)] if isinstance(node.get("$ref"), str) else []
    return own + [name for value in node.values() for name in _refs(value)]


def downgrade(node: Any) -> Any:
    """Rewrite the JSON Schema 2020-12 constructs of OpenAPI 3.1 in their OpenAPI 3.0 form."""
    if isinstance(node, list):
        return [downgrade(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: downgrade(value) for key, value in node.items()}
    node = _without_null_type(node)
    if "const" in node:
        node["enum"] = [node.pop("const")]
    if isinstance(node.get("examples"), list):  # schema examples; a parameter's is a map
        examples = node.pop("examples")
        if examples:
            node["example"] = examples[0]
    for bound in ("Minimum", "Maximum"):
        exclusive = node.get(f"exclusive{bound}")
        if isinstance(exclusive, int | float) and not isinstance(exclusive, bool):
            node[bound.lower()] = exclusive
            node[f"exclusive{bound}"] = True
    return node


def _without_null_type(node: dict[str, Any]) -> dict[str, Any]:
    """``anyOf: [X, null]`` and ``type: [X, "null"]`` become X with ``nullable: true``."""
    for key in ("anyOf", "oneOf"):
        if isinstance(node.get(key), list) and NULL in node[key]:
            node = _nullable(node, key)
    if isinstance(node.get("type"), list):
        types = [kind for kind in node["type"] if kind != "null"]
        node["nullable"] = len(types) < len(node["type"])
        node["type"] = types[0] if types else "string"
    return node


def _nullable(node: dict[str, Any], key: str) -> dict[str, Any]:
    """``anyOf: [X, null]`` becomes X with ``nullable: true``."""
    options = [option for option in node.pop(key) if option != NULL]
    node["nullable"] = True
    if len(options) != 1:
        node[key] = options
    elif "$ref" in options[0]:
        node["allOf"] = options  # a $ref ignores its siblings in 3.0
    else:
        node.update(options[0])
    return node
