"""What a shared link shows: Open Graph and Twitter-card metadata, for every page.

Messaging apps, social networks and e-mail clients read these ``<meta>``
elements to draw a preview: title, description, the page's address, an image
of 1200 × 630 pixels and, on resources, when they were published and
updated. Plain data here; ``partials/head_sharing.html`` writes the elements.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .credit import Publication
from .model import Resource
from .share_cards import HEIGHT, WIDTH

LOCALE = "fr_FR"


@dataclass(frozen=True)
class Sharing:
    """The page's metadata: ``property`` elements (Open Graph) and ``name`` elements (Twitter)."""

    properties: tuple[tuple[str, str], ...]
    names: tuple[tuple[str, str], ...]


def sharing(
    publication: Publication,
    *,
    url: str,
    title: str,
    description: str,
    image: str,
    image_alt: str,
    resource: Resource | None = None,
    tags: Sequence[str] = (),
) -> Sharing:
    """The metadata of one page; ``url`` and ``image`` are relative to the site root."""
    image_url = publication.absolute(image)
    properties = [
        ("og:type", "article" if resource else "website"),
        ("og:title", title),
        ("og:description", description),
        ("og:url", publication.absolute(url)),
        ("og:site_name", publication.site_name),
        ("og:locale", LOCALE),
        ("og:image", image_url),
        ("og:image:type", "image/png"),
        ("og:image:width", str(WIDTH)),
        ("og:image:height", str(HEIGHT)),
        ("og:image:alt", image_alt),
    ]
    if resource:
        properties += [
            ("article:published_time", resource.date.isoformat()),
            ("article:modified_time", resource.last_modified.isoformat()),
            ("article:section", resource.type.label),
            *(("article:tag", tag) for tag in tags),
        ]
    names = (
        ("twitter:card", "summary_large_image"),
        ("twitter:title", title),
        ("twitter:description", description),
        ("twitter:image", image_url),
        ("twitter:image:alt", image_alt),
    )
    return Sharing(tuple(properties), names)
