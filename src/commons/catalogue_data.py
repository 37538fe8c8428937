"""The catalogue as open data: JSON records, CSV rows, a schema.org list, and their documentation.

``data/catalogue_data.schema.json`` is the one description of the records:
the CSV columns, their order, and the field tables of the « Données ouvertes »
page are all derived from it, so the files and their documentation cannot
drift apart. Everything here is plain data from the catalogue's published
resources; the adapter ``hooks/open_data.py`` writes it into the site.
"""

from __future__ import annotations

import copy
import csv
import io
import json
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Any

from .catalogue import last_change
from .credit import Publication
from .licences import Licence
from .model import LIST_SEPARATOR, Resource
from .resource_types import resource_types
from .structured_data import json_ld

SCHEMA_FILE = "data/catalogue_data.schema.json"
JSON_PATH = "api/ressources.json"
CSV_PATH = "api/ressources.csv"
SCHEMA_PATH = "api/ressources.schema.json"
JSON_LD_PATH = "api/catalogue.jsonld"
TABLE_SCHEMA_PATH = "api/ressources.tableschema.json"
DCAT_PATH = "api/dcat.jsonld"

# A UTF-8 byte order mark opens the CSV: without it, a double click opens the
# file in Excel as Windows-1252 and every accent breaks. Python's csv reads it
# with the "utf-8-sig" codec, and RFC 4180 readers skip it.
BOM = "\ufeff"

# A cell starting with one of these is a formula to a spreadsheet
# (``=HYPERLINK(…)``, ``@SUM(…)``): such a cell gets a leading apostrophe,
# which spreadsheets read as "text, not a formula" and do not show.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@cache
def catalogue_schema() -> dict[str, Any]:
    """The JSON Schema of ``api/ressources.json``, with the types of the registry as the ``type`` enum."""
    schema: dict[str, Any] = json.loads(files(__package__).joinpath(SCHEMA_FILE).read_text("utf-8"))
    resource_type = schema["$defs"]["resource"]["properties"]["type"]
    resource_type["enum"] = list(resource_types())
    del resource_type["x-vocabulary"]
    return schema


def format_version() -> str:
    """The version of the file format, which the schema pins."""
    return str(catalogue_schema()["properties"]["version"]["const"])


def published_schema(schema_url: str) -> dict[str, Any]:
    """The schema as published: the data file with its own address as ``$id``."""
    schema = copy.deepcopy(catalogue_schema())
    return {"$schema": schema.pop("$schema"), "$id": schema_url, **schema}


def licence_record(licence: Licence) -> dict[str, Any]:
    return {"spdx": licence.spdx, "name": licence.name, "url": licence.url, "open": licence.open}


def resource_record(resource: Resource, publication: Publication) -> dict[str, Any]:
    """One entry of ``api/ressources.json``, keys in the schema's order."""
    return {
        "slug": resource.slug,
        "url": publication.absolute(resource.url),
        "title": resource.title,
        "description": resource.description,
        "type": resource.type.key,
        "themes": list(resource.themes),
        "audience": list(resource.audience),
        "programme": resource.programme,
        "authors": list(resource.authors),
        "date": resource.date.isoformat(),
        "updated": resource.updated.isoformat() if resource.updated else None,
        "licence": licence_record(resource.licence),
    }


def catalogue_document(resources: Sequence[Resource], publication: Publication, licence: Licence) -> dict[str, Any]:
    """The whole ``api/ressources.json``: the catalogue's own facts, then its records."""
    return {
        "$schema": publication.absolute(SCHEMA_PATH),
        "version": format_version(),
        "title": f"Catalogue des ressources — {publication.site_name}",
        "url": publication.site_url,
        "publisher": publication.publisher,
        "licence": licence_record(licence),
        "updated": newest.isoformat() if (newest := last_change(resources)) else None,
        "count": len(resources),
        "resources": [resource_record(resource, publication) for resource in resources],
    }


def record_schema() -> dict[str, Any]:
    """The schema of one record (one CSV row), its ``$ref`` resolved."""
    return resolve_ref(catalogue_schema()["$defs"]["resource"])


def resolve_ref(node: dict[str, Any]) -> dict[str, Any]:
    """``node`` with a local ``$ref`` replaced by its target (its own keys win)."""
    if (ref := node.get("$ref")) is None:
        return node
    target = catalogue_schema()
    for part in ref.removeprefix("#/").split("/"):
        target = target[part]
    return {**resolve_ref(target), **{k: v for k, v in node.items() if k != "$ref"}}


def csv_columns() -> list[str]:
    """The CSV header: one column per record field, nested fields as ``parent_child``."""
    columns: list[str] = []
    for name, raw in record_schema()["properties"].items():
        field = resolve_ref(raw)
        if field.get("type") == "object":
            columns += [f"{name}_{child}" for child in field["properties"]]
        else:
            columns.append(name)
    return columns


def _csv_cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    text = LIST_SEPARATOR.join(str(item) for item in value) if isinstance(value, list) else str(value)
    return neutralised(text)


def neutralised(cell: str) -> str:
    """A CSV cell a spreadsheet shows as text, never runs as a formula (OWASP's CSV injection advice)."""
    return f"'{cell}" if cell.startswith(_FORMULA_STARTS) else cell


def csv_text(records: Iterable[Mapping[str, Any]]) -> str:
    """``api/ressources.csv``: a BOM, then RFC 4180 (commas, double quotes, CRLF), one row per record."""
    columns = csv_columns()
    buffer = io.StringIO(newline="")
    buffer.write(BOM)
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    for record in records:
        flat: dict[str, str] = {}
        for name, value in record.items():
            if isinstance(value, Mapping):
                flat.update({f"{name}_{child}": _csv_cell(v) for child, v in value.items()})
            else:
                flat[name] = _csv_cell(value)
        if set(flat) != set(columns):  # a record out of step with the schema
            raise ValueError(f"record fields {sorted(flat)} differ from the CSV columns {columns}")
        writer.writerow([flat[column] for column in columns])
    return buffer.getvalue()


def catalogue_json_ld(
    resources: Sequence[Resource],
    publication: Publication,
    licence: Licence,
    usage_info_url: str,
    collectives: Collection[str] = (),
) -> dict[str, Any]:
    """``api/catalogue.jsonld``: a schema.org ``Dataset`` whose main entity lists the pages' own JSON-LD.

    Each item is what the resource's page says of itself (same ``@id``, types
    and ``license``), so a harvester reading either gets the same facts. The
    licence, publisher and dates belong to the ``Dataset``: schema.org's
    ``ItemList`` does not define them.
    """
    items = []
    for position, resource in enumerate(resources, start=1):
        item = {
            key: value
            for key, value in json_ld(resource, publication, usage_info_url, collectives).items()
            if key != "@context"
        }
        items.append({"@type": "ListItem", "position": position, "item": item})
    newest = last_change(resources)
    return {
        "@context": "https://schema.org",
        "@type": "Dataset",
        "@id": publication.absolute(JSON_LD_PATH),
        "name": f"Catalogue des ressources — {publication.site_name}",
        "description": f"Les ressources publiées par {publication.site_name}, de la plus récente à la plus ancienne.",
        "url": publication.site_url,
        "inLanguage": "fr",
        "publisher": {"@type": "Organization", "name": publication.publisher, "url": publication.publisher_url},
        "license": licence.url,
        **({"dateModified": newest.isoformat()} if newest else {}),
        "mainEntity": {
            "@type": "ItemList",
            "numberOfItems": len(items),
            "itemListOrder": "https://schema.org/ItemListOrderDescending",
            "itemListElement": items,
        },
    }


# ---------------------------------------------------------------------------
# The « Données ouvertes » page: field tables generated from the schema.


@dataclass(frozen=True)
class FieldDoc:
    """One field as the page documents it."""

    name: str  # in the JSON, dotted for nested fields: "licence.spdx"
    csv_column: str | None  # None for a group of fields, or outside the records
    kind: str  # in French
    description: str


def document_fields() -> list[FieldDoc]:
    """The top-level fields of ``api/ressources.json``."""
    return _fields(catalogue_schema()["properties"], prefix="", with_csv=False)


def resource_fields() -> list[FieldDoc]:
    """The fields of each record, with their CSV column."""
    return _fields(record_schema()["properties"], prefix="", with_csv=True)


def _fields(properties: Mapping[str, Any], prefix: str, with_csv: bool) -> list[FieldDoc]:
    found: list[FieldDoc] = []
    for name, raw in properties.items():
        field = resolve_ref(raw)
        dotted = f"{prefix}{name}"
        column = dotted.replace(".", "_") if with_csv else None
        if field.get("type") == "object":
            found.append(FieldDoc(dotted, None, "groupe de champs", field.get("description", "")))
            found += _fields(field["properties"], prefix=f"{dotted}.", with_csv=with_csv)
        else:
            found.append(FieldDoc(dotted, column, _kind(field, with_csv), field.get("description", "")))
    return found


def _kind(field: Mapping[str, Any], with_csv: bool) -> str:
    types = field.get("type")
    nullable = isinstance(types, list) and "null" in types
    base = next((t for t in types if t != "null"), "string") if isinstance(types, list) else types
    if base == "array" and resolve_ref(field.get("items", {})).get("type") == "object":
        kind = "liste d'entrées, décrites plus bas"
    elif base == "array":
        kind = "liste de textes"
        if with_csv:
            kind += f" (en CSV : valeurs séparées par « {LIST_SEPARATOR} »)"
    elif base == "boolean":
        kind = "booléen : true ou false"
    elif base == "integer":
        kind = "nombre entier"
    elif field.get("format") == "date":
        kind = "date AAAA-MM-JJ"
    elif field.get("format") == "uri":
        kind = "adresse web"
    elif "const" in field:
        kind = f"texte, « {field['const']} » pour cette version"
    elif "enum" in field:
        kind = "texte parmi : " + ", ".join(f"`{value}`" for value in field["enum"])
    else:
        kind = "texte"
    if nullable:
        kind += " ou null" + (" (cellule vide en CSV)" if with_csv else "")
    return kind


def fields_markdown(fields: Sequence[FieldDoc], *, with_csv: bool) -> str:
    """A Markdown table of ``fields``, for the « Données ouvertes » page."""
    header = ["Champ JSON", "Colonne CSV", "Type", "Description"] if with_csv else ["Champ", "Type", "Description"]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for field in fields:
        cells = [f"`{field.name}`"]
        if with_csv:
            cells.append(f"`{field.csv_column}`" if field.csv_column else "—")
        cells += [field.kind, field.description]
        lines.append("| " + " | ".join(_cell(cell) for cell in cells) + " |")
    return "\n".join(lines)


def licence_markdown(licence: Licence) -> str:
    """The catalogue's licence, named and linked, for the « Données ouvertes » page."""
    return f"**[{licence.name}]({licence.url_fr})** (`{licence.spdx}`)"


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")
