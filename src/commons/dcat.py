"""The DCAT-AP description of the open data, as data.gouv.fr and European portals harvest it.

``api/dcat.jsonld`` holds a ``dcat:Catalog`` with one ``dcat:Dataset`` (the
catalogue of resources) and one ``dcat:Distribution`` per file of ``api/``.
Its JSON-LD context is written inline, so that any RDF reader parses it
offline, without fetching a context document.

Controlled values follow DCAT-AP: media types as IANA addresses, formats,
languages, themes and frequencies from the EU Publications Office's
authority tables.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .open_data_files import Dataset

IANA_MEDIA_TYPES = "http://www.iana.org/assignments/media-types/"
EU_AUTHORITY = "http://publications.europa.eu/resource/authority/"
FRENCH = EU_AUTHORITY + "language/FRA"

CONTEXT: dict[str, Any] = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "@language": "fr",
    "title": "dct:title",
    "description": "dct:description",
    "identifier": {"@id": "dct:identifier", "@language": None},
    "publisher": {"@id": "dct:publisher"},
    "license": {"@id": "dct:license"},
    "language": {"@id": "dct:language", "@type": "@id"},
    "issued": {"@id": "dct:issued", "@type": "xsd:date"},
    "modified": {"@id": "dct:modified", "@type": "xsd:date"},
    "accrualPeriodicity": {"@id": "dct:accrualPeriodicity", "@type": "@id"},
    "conformsTo": {"@id": "dct:conformsTo", "@type": "@id"},
    "format": {"@id": "dct:format", "@type": "@id"},
    "homepage": {"@id": "foaf:homepage", "@type": "@id"},
    "name": "foaf:name",
    "dataset": {"@id": "dcat:dataset"},
    "distribution": {"@id": "dcat:distribution"},
    "keyword": "dcat:keyword",
    "theme": {"@id": "dcat:theme", "@type": "@id"},
    "landingPage": {"@id": "dcat:landingPage", "@type": "@id"},
    "contactPoint": {"@id": "dcat:contactPoint"},
    "accessURL": {"@id": "dcat:accessURL", "@type": "@id"},
    "downloadURL": {"@id": "dcat:downloadURL", "@type": "@id"},
    "mediaType": {"@id": "dcat:mediaType", "@type": "@id"},
    "byteSize": {"@id": "dcat:byteSize", "@type": "xsd:nonNegativeInteger"},
    "fn": "vcard:fn",
    "hasURL": {"@id": "vcard:hasURL", "@type": "@id"},
}


def dcat_catalogue(data: Dataset, description_path: str, sizes: Mapping[str, int]) -> dict[str, Any]:
    """The whole ``api/dcat.jsonld``; ``sizes`` gives each distributed file's size in bytes."""
    publication = data.publication
    here = publication.absolute(description_path)
    publisher = {"@type": "foaf:Organization", "name": publication.publisher, "homepage": publication.publisher_url}
    licence = {"@id": data.licence.url, "@type": "dct:LicenseDocument"}
    dates = {
        **({"issued": data.issued.isoformat()} if data.issued else {}),
        **({"modified": data.modified.isoformat()} if data.modified else {}),
    }
    distributions = []
    for file in data.distributions:
        url = publication.absolute(file.path)
        distribution: dict[str, Any] = {
            "@id": f"{here}#{file.name}",
            "@type": "dcat:Distribution",
            "title": file.title,
            "description": file.description,
            "accessURL": url,
            "downloadURL": url,
            "mediaType": IANA_MEDIA_TYPES + file.media_type,
            "format": f"{EU_AUTHORITY}file-type/{file.file_type}",
            "license": licence,
            "byteSize": str(sizes[file.path]),
            **({"modified": data.modified.isoformat()} if data.modified else {}),
        }
        if file.conforms_to:
            distribution["conformsTo"] = publication.absolute(file.conforms_to)
        distributions.append(distribution)
    dataset_id = f"{here}#jeu-de-donnees"
    return {
        "@context": CONTEXT,
        "@id": f"{here}#catalogue",
        "@type": "dcat:Catalog",
        "title": publication.site_name,
        "description": f"Les données ouvertes du centre de ressources {publication.site_name}.",
        "publisher": publisher,
        "homepage": publication.site_url,
        "language": FRENCH,
        "license": licence,
        **({"modified": data.modified.isoformat()} if data.modified else {}),
        "dataset": {
            "@id": dataset_id,
            "@type": "dcat:Dataset",
            "identifier": dataset_id,
            "title": data.title,
            "description": data.facts.description,
            "publisher": publisher,
            "contactPoint": {
                "@type": "vcard:Organization",
                "fn": publication.publisher,
                "hasURL": publication.publisher_url,
            },
            "license": licence,
            "keyword": list(data.keywords),
            "theme": f"{EU_AUTHORITY}data-theme/{data.facts.eu_theme}",
            "language": FRENCH,
            "accrualPeriodicity": f"{EU_AUTHORITY}frequency/{data.facts.accrual_periodicity}",
            "landingPage": data.landing_page,
            **dates,
            "distribution": distributions,
        },
    }
