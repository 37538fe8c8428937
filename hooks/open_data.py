"""Open data: the catalogue as files others can harvest.

Events:
- ``on_files``: add ``api/ressources.json``, its schema ``api/ressources.schema.json``,
  ``api/ressources.csv``, its Table Schema ``api/ressources.tableschema.json``,
  ``api/catalogue.jsonld`` and the DCAT-AP description ``api/dcat.jsonld``,
  built from the same catalogue as the listings. They are generated files of the build rather
  than written after it, so that pages can link to them under ``--strict``
  link checks and ``mkdocs serve`` serves them too.
- ``on_page_markdown``: replace the ``<!-- donnees-ouvertes:… -->`` markers of
  a page with the tables generated from the schema and from ``data/open_data.yml``.
- ``on_page_context``: on the page that describes the dataset, its schema.org
  ``Dataset`` for ``partials/head_structured_data.html``.
"""

from __future__ import annotations

import json
import re
from typing import Any

from commons import build_state
from commons.catalogue_data import (
    CSV_PATH,
    DCAT_PATH,
    JSON_LD_PATH,
    JSON_PATH,
    SCHEMA_PATH,
    TABLE_SCHEMA_PATH,
    catalogue_document,
    catalogue_json_ld,
    csv_text,
    document_fields,
    fields_markdown,
    licence_markdown,
    published_schema,
    resource_fields,
)
from commons.dcat import dcat_catalogue
from commons.open_data_files import dataset, dataset_facts, files_markdown, schema_org_dataset
from commons.site_pages import REUSE_PAGE, page_url
from commons.table_schema import table_schema
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

_MARKER = re.compile(r"<!--\s*donnees-ouvertes:([\w-]+)\s*-->")


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    state = build_state.current()
    publication = state.settings.publication
    licence = state.settings.open_data_licence
    catalogue = state.catalogue
    published = catalogue.published
    document = catalogue_document(published, publication, licence)
    outputs = {
        JSON_PATH: _json(document),
        SCHEMA_PATH: _json(published_schema(publication.absolute(SCHEMA_PATH))),
        CSV_PATH: csv_text(document["resources"]),
        TABLE_SCHEMA_PATH: _json(table_schema(publication.absolute(TABLE_SCHEMA_PATH))),
        JSON_LD_PATH: _json(
            catalogue_json_ld(
                published,
                publication,
                licence,
                publication.absolute(page_url(REUSE_PAGE)),
                catalogue.vocabularies.collective_authors,
            )
        ),
    }
    data = dataset(published, catalogue.vocabularies, publication, licence)
    sizes = {path: len(text.encode("utf-8")) for path, text in outputs.items()}
    outputs[DCAT_PATH] = _json(dcat_catalogue(data, DCAT_PATH, sizes))
    if set(outputs) != {file.path for file in data.facts.files}:  # a file added here but not described, or the reverse
        raise RuntimeError(f"src/commons/data/open_data.yml does not list the files written: {sorted(outputs)}")
    for src_uri, text in outputs.items():
        if files.get_file_from_path(src_uri) is not None:
            raise PluginError(f"docs/{src_uri} : ce fichier est produit par la construction ; retirez-le de docs/.")
        files.append(File.generated(config, src_uri, content=text.encode("utf-8")))
    return files


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    return _MARKER.sub(lambda match: _generated_markdown(match[1], page, config), markdown)


def on_page_context(context: dict[str, Any], *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict[str, Any]:
    if page.url == dataset_facts().landing_page:
        state = build_state.current()
        catalogue, settings = state.catalogue, state.settings
        data = dataset(catalogue.published, catalogue.vocabularies, settings.publication, settings.open_data_licence)
        context["structured_data"] = [*context.get("structured_data", []), schema_org_dataset(data)]
    return context


def _generated_markdown(name: str, page: Page, config: MkDocsConfig) -> str:
    if name == "licence":
        return licence_markdown(build_state.current().settings.open_data_licence)
    if name == "document":
        return fields_markdown(document_fields(), with_csv=False)
    if name == "ressources":
        return fields_markdown(resource_fields(), with_csv=True)
    if name == "fichiers":
        return files_markdown(dataset_facts(), page.file.src_uri)
    raise PluginError(
        f"docs/{page.file.src_uri} : marqueur « donnees-ouvertes:{name} » inconnu (marqueurs permis : "
        "donnees-ouvertes:licence, donnees-ouvertes:document, donnees-ouvertes:ressources, donnees-ouvertes:fichiers)."
    )


def _json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
