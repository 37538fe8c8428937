"""The browse index: what the search page lists without words, as small files of the built site.

A search without words (filters alone, or « Afficher plus de résultats » under
the latest resources) makes Pagefind fetch every chunk of its index: about
1 MB at 2,000 resources. The search page answers those from two kinds of
files instead, written by the build beside the pages:

- ``recherche/parcours/facettes.json``: every published resource, newest
  first, as the indexes of its facet values in per-facet value lists. From
  it the page finds the matching resources and counts each facet's values,
  as Pagefind would, for a few kilobytes.
- ``recherche/parcours/cartes-<n>.json``: the same resources' result cards
  (``search_records.search_card``: the address and the metadata Pagefind
  returns), ``CARDS_PER_CHUNK`` to a file in the same order, so that the
  page fetches only the files holding the cards it shows.

The order is the catalogue's (newest first, then title): that of the latest
resources the page carries itself, and of every listing. Pagefind's
``sort: date desc`` gives the same order except among resources of the same
day, which it returns in the reverse order it read their files from the disk.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from .catalogue import Catalogue
from .search_records import FACETS, search_card, search_record

BROWSE_FOLDER = "recherche/parcours"
FACETS_FILE = f"{BROWSE_FOLDER}/facettes.json"
# A filter's first ten results may sit in ten files: small files keep that
# case light (about 3 kB each at 2,000 resources), and « Afficher plus » on
# the latest resources needs one or two of them.
CARDS_PER_CHUNK = 20


def cards_file(number: int) -> str:
    """The path, from the site's root, of the ``number``-th file of cards (from 0)."""
    return f"{BROWSE_FOLDER}/cartes-{number}.json"


@dataclass(frozen=True)
class BrowseIndex:
    """The browse index's files (path from the site's root → text) and a digest of them all."""

    files: dict[str, str]
    version: str

    @property
    def address(self) -> str:
        """Where the search page finds the index, from the site's root.

        The digest in the query makes a browser that kept an older facets
        file fetch the new one with the page that names it, and the cards
        files with it: the three always describe the same catalogue.
        """
        return f"{FACETS_FILE}?v={self.version}"


def browse_index(catalogue: Catalogue, cards_per_chunk: int = CARDS_PER_CHUNK) -> BrowseIndex:
    """The browse index of the published resources of ``catalogue``."""
    published = catalogue.published
    records = [search_record(resource, catalogue) for resource in published]
    facets: dict[str, Any] = {}
    for key in FACETS:
        values = sorted({value for record in records for value in record.facets.get(key, ())})
        position = {value: index for index, value in enumerate(values)}
        facets[key] = {
            "values": values,
            # One value is written as its index, none or several as a list of them.
            "resources": [_indexes([position[value] for value in record.facets.get(key, ())]) for record in records],
        }
    cards = [search_card(resource, record) for resource, record in zip(published, records, strict=True)]
    chunks = [cards[start : start + cards_per_chunk] for start in range(0, len(cards), cards_per_chunk)]
    files = {
        FACETS_FILE: _json(
            {"total": len(published), "cards_per_chunk": cards_per_chunk, "chunks": len(chunks), "facets": facets}
        )
    }
    for number, chunk in enumerate(chunks):
        files[cards_file(number)] = _json(chunk)
    digest = hashlib.sha256()
    for path, text in files.items():
        digest.update(f"{path}\0{text}\0".encode())
    return BrowseIndex(files, digest.hexdigest()[:16])


def _indexes(positions: list[int]) -> int | list[int]:
    return positions[0] if len(positions) == 1 else positions


def _json(data: Any) -> str:
    # Compact: these files travel to phones. Sorted keys are not needed, the
    # dictionaries are built in a fixed order, so the bytes repeat build to build.
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"
