"""What machines read in a resource page's ``<head>``: JSON-LD and Dublin Core.

Plain data here; the templates serialise the JSON-LD with Jinja's ``tojson``,
which escapes ``<``, ``>``, ``&`` and ``'``, so a title such as
``</script><!--`` stays inside the script element.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from .credit import Publication, credit_line
from .model import Resource

_ONLINE = "https://schema.org/OnlineEventAttendanceMode"


def json_ld(
    resource: Resource, publication: Publication, usage_info_url: str, collectives: Collection[str] = ()
) -> dict[str, Any]:
    """One schema.org description of the page, typed by the resource's type.

    ``collectives`` are the author names that stand for organisations
    (``docs/auteurs-collectifs.yml``); every other author is a person.
    """
    publisher = _organisation(publication.publisher, publication.publisher_url)
    url = publication.absolute(resource.url)
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": _one_or_list(resource.type.schema_org),
        "@id": url,
        "url": url,
        "headline": resource.title,
        "name": resource.title,
        "description": resource.description,
        "inLanguage": "fr",
        "datePublished": resource.date.isoformat(),
        "dateModified": resource.last_modified.isoformat(),
        "author": [_person_or_organisation(name, publication, collectives) for name in resource.authors],
        "publisher": publisher,
        "copyrightHolder": _person_or_organisation(resource.rights_holder, publication, collectives),
        "license": resource.licence.url,
        "isAccessibleForFree": True,
        "creditText": credit_line(resource, publication),
        "usageInfo": usage_info_url,
        "keywords": list(resource.themes),
    }
    if resource.source:
        data["isBasedOn"] = resource.source
    if "LearningResource" in resource.type.schema_org:
        data["learningResourceType"] = resource.type.label
    if resource.event:
        data["about"] = {
            "@type": "Event",
            "name": resource.title,
            "startDate": resource.event.date.isoformat(),
            "eventAttendanceMode": _ONLINE,
            "eventStatus": "https://schema.org/EventScheduled",
            "location": {"@type": "VirtualLocation", "url": resource.event.recording or url},
            "organizer": publisher,
            "performer": [
                {
                    "@type": "Person",
                    "name": speaker.name,
                    **({"jobTitle": speaker.role} if speaker.role else {}),
                    **({"affiliation": _organisation(speaker.organisation)} if speaker.organisation else {}),
                }
                for speaker in resource.event.speakers
            ],
        }
    elif resource.period:
        data["about"] = {
            "@type": "Project",
            "name": resource.title,
            "description": resource.description,
            "foundingDate": str(resource.period.start),
            **({"dissolutionDate": str(resource.period.end)} if resource.period.end else {}),
            "member": [_organisation(partner) for partner in resource.partners],
        }
    return data


def dublin_core(resource: Resource) -> list[tuple[str, str]]:
    """``DCTERMS.*`` meta elements, in the order they are written."""
    terms = [("DCTERMS.title", resource.title), ("DCTERMS.license", resource.licence.url)]
    terms.append(("DCTERMS.rights", f"{resource.rights_holder} — {resource.licence.name}"))
    terms += [("DCTERMS.creator", name) for name in resource.authors]
    terms += [
        ("DCTERMS.issued", resource.date.isoformat()),
        ("DCTERMS.modified", resource.last_modified.isoformat()),
        ("DCTERMS.language", "fr"),
    ]
    return terms


def _organisation(name: str, url: str | None = None) -> dict[str, str]:
    return {"@type": "Organization", "name": name, **({"url": url} if url else {})}


def _person_or_organisation(name: str, publication: Publication, collectives: Collection[str]) -> dict[str, str]:
    # The front matter does not say whether an author is a person or an
    # organisation: the publisher is one, and so is every listed collective.
    if name == publication.publisher:
        return _organisation(name, publication.publisher_url)
    if name in collectives:
        return _organisation(name)
    return {"@type": "Person", "name": name}


def _one_or_list(values: tuple[str, ...]) -> str | list[str]:
    return values[0] if len(values) == 1 else list(values)
