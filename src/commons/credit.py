"""How to credit and cite a resource: ready-to-paste texts built from its licence.

Creative Commons 4.0 asks for the creator, the licence with its link, the
source, and whether the work was modified; the Licence Ouverte 2.0 asks for
the source and the date of last update. The credit line carries all of them.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from .dates import french_date
from .model import Resource

_BIBTEX_SPECIAL = re.compile(r"[\\&%$#_{}~^]")
_BIBTEX_WORDS = {"\\": r"\textbackslash{}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}
_BIBTEX_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


@dataclass(frozen=True)
class Publication:
    """Where resources are published: the site and its publisher."""

    site_url: str  # absolute, ending with "/"
    site_name: str
    publisher: str
    publisher_url: str

    def absolute(self, path: str) -> str:
        return self.site_url + path


def credit_line(resource: Resource, publication: Publication) -> str:
    """The text a reuser pastes under what they reuse."""
    licence = resource.licence
    parts = [f"« {resource.title} »", resource.credit_names, publication.absolute(resource.url)]
    if licence.waiver:
        parts.append(f"versé dans le domaine public ({licence.short_name}, {licence.url})")
    else:
        parts.append(f"{licence.short_name} ({licence.url})")
    # « version du » holds for a resource never updated as for one updated:
    # the date of the last update, which the Licence Ouverte requires.
    parts.append(f"version du {french_date(resource.last_modified)}")
    if resource.source:
        parts.append(f"adaptation de {resource.source}")
    return ", ".join(parts) + "."


def citation_line(resource: Resource, publication: Publication) -> str:
    """A French bibliographic reference."""
    updated = f", mis à jour le {french_date(resource.updated)}" if resource.updated else ""
    return (
        f"{resource.credit_names}. « {resource.title} ». {publication.site_name}, {publication.publisher}, "
        f"{french_date(resource.date)}{updated}. Licence : {resource.licence.short_name}. "
        f"{publication.absolute(resource.url)}"
    )


def bibtex(resource: Resource, publication: Publication) -> str:
    """A BibTeX ``@misc`` entry; each author is braced, as it may be an organisation."""
    fields = {
        "author": "{" + " and ".join(f"{{{_bibtex_escape(name)}}}" for name in resource.authors) + "}",
        "title": f"{{{_bibtex_escape(resource.title)}}}",
        "year": str(resource.date.year),
        "month": _BIBTEX_MONTHS[resource.date.month - 1],
        "publisher": f"{{{_bibtex_escape(publication.publisher)}}}",
        "howpublished": f"{{{_bibtex_escape(publication.site_name)}}}",
        "url": f"{{{publication.absolute(resource.url)}}}",
        "note": f"{{Licence : {_bibtex_escape(resource.licence.short_name)}}}",
        "language": "{french}",
    }
    body = ",\n".join(f"  {key} = {value}" for key, value in fields.items())
    return f"@misc{{{resource.slug}-{resource.date.year},\n{body}\n}}"


def csl_json(resource: Resource, publication: Publication) -> str:
    """A CSL-JSON item, with the licence under ``custom`` as the issue asks."""
    item: dict[str, object] = {
        "id": resource.slug,
        "type": "webpage",
        "title": resource.title,
        "author": [{"literal": name} for name in resource.authors],
        "issued": {"date-parts": [[resource.date.year, resource.date.month, resource.date.day]]},
        "publisher": publication.publisher,
        "container-title": publication.site_name,
        "URL": publication.absolute(resource.url),
        "language": "fr",
        "abstract": resource.description,
        "custom": {
            "license": resource.licence.url,
            "license_spdx": resource.licence.spdx,
            "license_open": resource.licence.open,
        },
    }
    if resource.updated:
        item["available-date"] = {"date-parts": [[resource.updated.year, resource.updated.month, resource.updated.day]]}
    return json.dumps([item], ensure_ascii=False, indent=2)


def _bibtex_escape(text: str) -> str:
    return _BIBTEX_SPECIAL.sub(lambda match: _BIBTEX_WORDS.get(match[0], "\\" + match[0]), text)
