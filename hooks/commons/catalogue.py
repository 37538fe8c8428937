"""The catalogue: every valid resource, and the indexes pages and listings read."""

from __future__ import annotations

from dataclasses import dataclass, field

from .model import Resource
from .vocabularies import Vocabularies


@dataclass(frozen=True)
class Catalogue:
    """All resources of one build. Drafts are kept but never published."""

    resources: tuple[Resource, ...]
    vocabularies: Vocabularies
    _by_src_uri: dict[str, Resource] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_src_uri", {r.src_uri: r for r in self.resources})

    def resource_at(self, src_uri: str) -> Resource | None:
        """The resource whose file is ``src_uri`` (relative to docs/), if any."""
        return self._by_src_uri.get(src_uri)

    def programme(self, slug: str) -> Resource | None:
        """The programme whose file is ``programmes/<slug>.md``."""
        return self._by_src_uri.get(f"programmes/{slug}.md")

    @property
    def published(self) -> list[Resource]:
        """Non-draft resources, newest first (then by title, for a stable order)."""
        return sorted(
            (r for r in self.resources if not r.draft),
            key=lambda r: (-r.date.toordinal(), r.title.casefold()),
        )
