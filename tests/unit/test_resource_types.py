"""The registry of resource types (src/commons/data/types.yml) is the one source of the folders.

mkdocs.yml cannot read it: where it must list the folders itself, these
tests fail as soon as it disagrees with the registry.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from commons.resource_types import plurals_in_words, resource_folders, resource_pages_glob, resource_types
from commons.schema import resource_schema
from commons.site_config import read_site_config

from tests.conftest import REPO_ROOT

CONFIG: dict[str, Any] = read_site_config(REPO_ROOT / "mkdocs.yml")
# What the rss plugin's match_path looks like for one folder, or for several.
_FEED_PATTERN = re.compile(r"^\(?(?P<folders>[\w|-]+)\)?/\(\?!index\\\.md\$\)\[\^/\]\+\\\.md\$$")


def _rss_instances() -> list[dict[str, Any]]:
    return [entry["rss"] for entry in CONFIG["plugins"] if isinstance(entry, dict) and "rss" in entry]


def _followed_folders(match_path: str) -> list[str]:
    match = _FEED_PATTERN.match(match_path)
    assert match, f"mkdocs.yml, rss : match_path « {match_path} » n'a pas la forme attendue"
    return match["folders"].split("|")


def test_resource_folders_stay_out_of_the_navigation() -> None:
    not_in_nav = {line.strip() for line in CONFIG["not_in_nav"].splitlines() if line.strip()}
    folder_lines = {line for line in not_in_nav if line.endswith("/*.md")}
    assert folder_lines == {f"/{folder}/*.md" for folder in resource_folders()}


def test_the_site_feed_follows_every_folder_and_each_folder_has_its_feed() -> None:
    site_feed, *folder_feeds = _rss_instances()
    assert _followed_folders(site_feed["match_path"]) == list(resource_folders())
    assert [_followed_folders(feed["match_path"]) for feed in folder_feeds] == [[f] for f in resource_folders()]


def test_every_type_listing_is_in_the_navigation() -> None:
    (resources,) = [entry["Ressources"] for entry in CONFIG["nav"] if isinstance(entry, dict) and "Ressources" in entry]
    listed = {page for entry in resources for page in entry.values()}
    assert {f"{kind.listing}/index.md" for kind in resource_types().values()} <= listed


def test_the_schema_takes_its_types_from_the_registry() -> None:
    assert resource_schema()["properties"]["type"]["x-vocabulary"] == "types"


@pytest.mark.parametrize("kind", list(resource_types().values()), ids=list(resource_types()))
def test_every_type_says_everything_the_site_needs(kind: Any) -> None:
    assert kind.folder in resource_folders()
    assert kind.label and kind.plural and kind.description
    assert kind.schema_org and kind.outline and kind.weight > 0


def test_the_search_index_reads_every_resource_folder() -> None:
    assert resource_pages_glob() == "{" + ",".join(resource_folders()) + "}/*/index.html"


def test_listings_name_the_types_from_the_registry() -> None:
    assert plurals_in_words() == "guides, anti-manuels et webinaires"
    assert plurals_in_words(but="webinaire") == "guides, anti-manuels et programmes"
