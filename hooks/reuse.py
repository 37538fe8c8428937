"""Reuse: every resource says, to people and to machines, how it may be reused.

Events:
- ``on_page_context``: on resource pages, hand the templates the credit line,
  the citations (French, BibTeX, CSL-JSON), the JSON-LD data and the Dublin
  Core terms; on the reuse page, the count of resources per licence.
"""

from __future__ import annotations

from typing import Any

from commons import build_state
from commons.credit import bibtex, citation_line, credit_line, csl_json
from commons.licences import licence_registry
from commons.site_pages import REUSE_PAGE, page_url
from commons.structured_data import dublin_core, json_ld
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page


def on_page_context(context: dict[str, Any], *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict[str, Any]:
    state = build_state.current()
    catalogue = state.catalogue
    if page.file.src_uri == REUSE_PAGE:
        context["licences"] = licence_registry()
        context["licence_counts"] = catalogue.count_by_licence()
    if resource := catalogue.resource_at(page.file.src_uri):
        publication = state.settings.publication
        context["reuse"] = {
            "credit": credit_line(resource, publication),
            "citation": citation_line(resource, publication),
            "bibtex": bibtex(resource, publication),
            "csl_json": csl_json(resource, publication),
            "json_ld": json_ld(
                resource,
                publication,
                publication.absolute(page_url(REUSE_PAGE)),
                catalogue.vocabularies.collective_authors,
            ),
            "dublin_core": dublin_core(resource),
        }
    return context
