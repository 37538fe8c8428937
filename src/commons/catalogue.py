"""The catalogue: every valid resource, and the indexes pages and listings read.

Indexes are built once per build over published resources only, so drafts
can never reach a listing, a feed, the search index or the open data.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from .model import Resource
from .resource_types import programme_folder
from .vocabularies import Vocabularies

# How far down each theme or programme index related resources are looked for:
# enough to find the best few, bounded so that a 4,000-resource build stays linear.
_RELATED_CANDIDATES_PER_INDEX = 25


def newest_first(resources: Iterable[Resource]) -> list[Resource]:
    """Newest first, then by title, for a stable order."""
    return sorted(resources, key=lambda r: (-r.date.toordinal(), r.title.casefold(), r.slug))


def last_change(resources: Iterable[Resource]) -> datetime.date | None:
    """The newest publication or update date among ``resources``."""
    return max((r.last_modified for r in resources), default=None)


@dataclass(frozen=True)
class Catalogue:
    """All resources of one build. Drafts are kept but never published."""

    resources: tuple[Resource, ...]
    vocabularies: Vocabularies
    published: list[Resource] = field(init=False, repr=False, compare=False)
    by_type: dict[str, list[Resource]] = field(init=False, repr=False, compare=False)
    by_theme: dict[str, list[Resource]] = field(init=False, repr=False, compare=False)
    by_audience: dict[str, list[Resource]] = field(init=False, repr=False, compare=False)
    by_year: dict[int, list[Resource]] = field(init=False, repr=False, compare=False)
    by_programme: dict[str, list[Resource]] = field(init=False, repr=False, compare=False)
    _by_src_uri: dict[str, Resource] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        published = newest_first(r for r in self.resources if not r.draft)
        by_type: dict[str, list[Resource]] = defaultdict(list)
        by_theme: dict[str, list[Resource]] = defaultdict(list)
        by_audience: dict[str, list[Resource]] = defaultdict(list)
        by_year: dict[int, list[Resource]] = defaultdict(list)
        by_programme: dict[str, list[Resource]] = defaultdict(list)
        for resource in published:  # appending in order keeps every index newest first
            by_type[resource.type.key].append(resource)
            by_year[resource.date.year].append(resource)
            for theme in resource.themes:
                by_theme[theme].append(resource)
            for audience in resource.audience:
                by_audience[audience].append(resource)
            if resource.programme:
                by_programme[resource.programme].append(resource)
        values = {
            "published": published,
            "by_type": dict(by_type),
            "by_theme": dict(by_theme),
            "by_audience": dict(by_audience),
            "by_year": dict(sorted(by_year.items(), reverse=True)),
            "by_programme": dict(by_programme),
            "_by_src_uri": {r.src_uri: r for r in self.resources},
        }
        for name, value in values.items():
            object.__setattr__(self, name, value)

    def resource_at(self, src_uri: str) -> Resource | None:
        """The resource whose file is ``src_uri`` (relative to docs/), if any."""
        return self._by_src_uri.get(src_uri)

    def programme(self, slug: str) -> Resource | None:
        """The programme whose file is ``<programme folder>/<slug>.md``."""
        return self._by_src_uri.get(f"{programme_folder()}/{slug}.md")

    def programmes(self) -> list[Resource]:
        """Published programmes, in the order they started."""
        programmes = self.by_type.get("programme", [])
        return sorted(programmes, key=lambda r: (r.period.start if r.period else 0, r.title.casefold()))

    def count_by_licence(self) -> dict[str, int]:
        """How many published resources use each licence id."""
        counts: dict[str, int] = {}
        for resource in self.published:
            counts[resource.licence.spdx] = counts.get(resource.licence.spdx, 0) + 1
        return counts

    def related(self, resource: Resource, limit: int = 5) -> list[Resource]:
        """Up to ``limit`` other resources close to this one, best first.

        Sharing the programme weighs most, then each shared theme; ties go to
        the newest. A programme's own page counts as sharing its programme.
        """
        programme = resource.programme or (resource.slug if resource.type.key == "programme" else None)
        candidates: dict[str, Resource] = {}
        sources = [self.by_theme.get(theme, []) for theme in resource.themes]
        if programme:
            sources.append(self.by_programme.get(programme, []))
        for source in sources:
            for candidate in source[:_RELATED_CANDIDATES_PER_INDEX]:
                candidates.setdefault(candidate.src_uri, candidate)
        candidates.pop(resource.src_uri, None)

        def score(other: Resource) -> tuple[int, int]:
            is_the_programme = other.type.key == "programme" and other.slug == programme
            same_programme = programme is not None and (other.programme == programme or is_the_programme)
            shared = len(set(resource.themes) & set(other.themes))
            return (3 * same_programme + shared, other.date.toordinal())

        return sorted(candidates.values(), key=score, reverse=True)[:limit]
