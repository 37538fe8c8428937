"""Markup fixes: repair the few places where Material 9.8's HTML is invalid.

The Nu HTML Checker rejects three things Material writes on every page: an
``autocomplete`` attribute on its drawer and search checkboxes, an empty
``tabindex`` on section labels of a pruned navigation, and a table of
contents label whose checkbox is only drawn for pages in the navigation
(resources never are). Copying Material's templates to fix them would fork
hundreds of lines that then drift; these exact, anchored replacements cost
a few microseconds a page and fail loudly in the HTML gate if Material
changes its markup.

Events:
- ``on_post_page``: apply the replacements to each page's HTML;
- ``on_post_template``: and to static templates' (the 404 page).
"""

from __future__ import annotations

import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

_CHECKBOX_AUTOCOMPLETE = re.compile(
    r'(<input class="md-toggle" data-md-toggle="\w+" type="checkbox" id="__\w+") autocomplete="off">'
)
_EMPTY_TABINDEX = ' tabindex="">'
_TOC_LABEL = '<label class="md-nav__title" for="__toc">'
_TOC_TOGGLE = '<input class="md-nav__toggle md-toggle" type="checkbox" id="__toc">'


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    return repaired(output)


def on_post_template(output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
    return repaired(output_content) if template_name.endswith(".html") else output_content


def repaired(output: str) -> str:
    """Material's page HTML, made valid."""
    output = _CHECKBOX_AUTOCOMPLETE.sub(r"\1>", output)
    output = output.replace(_EMPTY_TABINDEX, ">")
    if _TOC_LABEL in output and 'id="__toc"' not in output:
        output = output.replace(_TOC_LABEL, _TOC_TOGGLE + _TOC_LABEL, 1)
    return output
