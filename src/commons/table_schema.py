"""The Table Schema (Frictionless Data) of ``api/ressources.csv``, derived from the catalogue's JSON Schema.

Each CSV column gets a field with the record field's French description, its
type and its constraints, so that a validator of tabular data (frictionless,
Validata on schema.data.gouv.fr) checks the CSV as strictly as the JSON
Schema checks the JSON. Lists fit in one cell, joined by ``LIST_SEPARATOR``:
Table Schema 1.0 has no list type, so they are strings whose description
says how to split them.
"""

from __future__ import annotations

from typing import Any

from .catalogue_data import record_schema, resolve_ref
from .model import LIST_SEPARATOR


def table_schema(schema_url: str) -> dict[str, Any]:
    """The Table Schema published beside the CSV, one field per column in the CSV's order."""
    record = record_schema()
    fields: list[dict[str, Any]] = []
    for name, raw in record["properties"].items():
        field = resolve_ref(raw)
        required = name in record.get("required", [])
        if field.get("type") == "object":
            for child, raw_child in field["properties"].items():
                description = f"{field.get('description', '')} {resolve_ref(raw_child).get('description', '')}"
                child_required = required and child in field.get("required", [])
                fields.append(_field(f"{name}_{child}", resolve_ref(raw_child), child_required, description.strip()))
        else:
            fields.append(_field(name, field, required, field.get("description", "")))
    return {
        "$id": schema_url,
        "title": "Catalogue des ressources (CSV)",
        "description": "Les colonnes du fichier ressources.csv du centre de ressources, une ligne par ressource.",
        "fields": fields,
        "primaryKey": ["slug"],
        "missingValues": [""],
    }


def _field(name: str, field: dict[str, Any], required: bool, description: str) -> dict[str, Any]:
    types = field["type"] if isinstance(field["type"], list) else [field["type"]]
    nullable = "null" in types
    base = next(t for t in types if t != "null")
    constraints: dict[str, Any] = {}
    out: dict[str, Any] = {"name": name, "description": description}
    if base == "array":
        out["type"] = "string"
        out["description"] = f"{description} Valeurs séparées par « {LIST_SEPARATOR} »."
        # An empty cell is an empty list: the column is required when the list may not be empty.
        required = field.get("minItems", 0) > 0
    elif base == "boolean":
        out.update(type="boolean", trueValues=["true"], falseValues=["false"])
    elif base == "integer":
        out["type"] = "integer"
    elif field.get("format") == "date":
        out["type"] = "date"
    else:
        out["type"] = "string"
        if field.get("format") == "uri":
            out["format"] = "uri"
        if "enum" in field:
            constraints["enum"] = list(field["enum"])
        if "minLength" in field:
            constraints["minLength"] = field["minLength"]
    # An empty cell is a missing value (null): a field that cannot be null must fill its cell.
    if required and not nullable:
        constraints["required"] = True
    if constraints:
        out["constraints"] = constraints
    return out
