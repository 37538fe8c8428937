"""The feed functions without a build: feed sets, and completing the plugin's files."""

from __future__ import annotations

import datetime
import json

import pytest
from commons.licences import licence_registry
from commons.model import Resource
from commons.resource_types import resource_types
from commons.syndication import (
    CREATIVE_COMMONS,
    FeedError,
    FeedFormat,
    FeedOrder,
    SiteFacts,
    complete_json,
    complete_rss,
    feed_set,
    folder_feeds,
    followed_folder,
    site_feeds,
)
from lxml import etree

SITE = "https://example.org/centre/"
DEFAULT_NAMES = {
    "rss_created": "feed_rss_created.xml",
    "rss_updated": "feed_rss_updated.xml",
    "json_created": "feed_json_created.json",
    "json_updated": "feed_json_updated.json",
}
GUIDE_NAMES = {key: name.replace(".", "_guides.") for key, name in DEFAULT_NAMES.items()}

GUIDE = Resource(
    slug="un-guide",
    src_uri="guides/un-guide.md",
    type=resource_types()["guide"],
    title="Un guide",
    description="Un guide pour les tests.",
    date=datetime.date(2024, 3, 1),
    updated=datetime.date(2024, 6, 2),
    authors=("Une autrice",),
    licence=licence_registry()["CC-BY-ND-4.0"],
    themes=("participation",),
    rights_holder="La 27e Région",
)
FACTS = SiteFacts(
    site_url=SITE,
    publisher="La 27e Région",
    default_licence=licence_registry()["CC-BY-SA-4.0"],
    licence_about=f"{SITE}s-abonner/#licences-dans-les-flux",
    theme_labels={"participation": "Participation citoyenne"},
    resources=(GUIDE,),
)
SITE_FEEDS = feed_set("Le site", "Tout.", DEFAULT_NAMES)
GUIDE_FEEDS = feed_set("Le site — Guides", "Les guides.", GUIDE_NAMES, folder="guides")


def plugin_rss(*links: str) -> bytes:
    """What mkdocs-rss-plugin writes, reduced to what matters here."""
    items = "".join(
        f"<item><title>t</title><author>Une autrice</author><category>participation</category>"
        f"<description>d</description><link>{link}</link><pubDate>Sat, 01 Jun 2024 00:00:00 +0200</pubDate>"
        f"<guid isPermaLink='true'>{link}</guid></item>"
        for link in links
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" ?><rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">'
        "<channel><title>x</title><description>y</description><link>z</link>"
        "<managingEditor>La 27e Région</managingEditor>"
        "<pubDate>Fri, 29 Nov 2030 17:00:00 -0000</pubDate>"
        "<lastBuildDate>Fri, 29 Nov 2030 17:00:00 -0000</lastBuildDate>"
        f"<image><url>assets/flux.png</url><title>x</title><link>z</link></image>{items}</channel></rss>"
    ).encode()


def test_a_feed_set_names_its_feeds_and_knows_its_folder() -> None:
    assert SITE_FEEDS.folder == ""
    assert GUIDE_FEEDS.folder == "guides"
    assert [(f.format, f.order) for f in GUIDE_FEEDS.files] == [
        (FeedFormat.RSS, FeedOrder.CREATED),
        (FeedFormat.RSS, FeedOrder.UPDATED),
        (FeedFormat.JSON, FeedOrder.CREATED),
        (FeedFormat.JSON, FeedOrder.UPDATED),
    ]
    assert GUIDE_FEEDS.files[1].title == "Le site — Guides : ressources mises à jour"
    assert GUIDE_FEEDS.covers("guides/un-guide.md")
    assert not GUIDE_FEEDS.covers("guides-bis/autre.md")


def test_a_feed_written_in_a_folder_is_refused() -> None:
    # Material would fetch guides/sitemap.xml beside it, from every page: a 404.
    with pytest.raises(FeedError, match="à la racine du site"):
        feed_set("Dans un dossier", "", {**GUIDE_NAMES, "json_updated": "guides/feed_json_updated.json"})


def test_pages_announce_the_site_feeds_and_their_folder_feeds() -> None:
    sets = [SITE_FEEDS, GUIDE_FEEDS]
    assert [f.path for f in site_feeds(sets, already_linked=["feed_rss_created.xml", "feed_rss_updated.xml"])] == [
        "feed_json_created.json",
        "feed_json_updated.json",
    ]
    assert [f.path for f in folder_feeds(sets, "guides/index.md")] == list(GUIDE_NAMES.values())
    assert folder_feeds(sets, "webinaires/index.md") == []
    assert folder_feeds(sets, "index.md") == []


def test_rss_items_get_their_licence_and_the_channel_its_dates_from_the_items() -> None:
    feed = GUIDE_FEEDS.files[1]
    root = etree.fromstring(complete_rss(plugin_rss(f"{SITE}guides/un-guide/"), feed, FACTS))
    channel = root.find("channel")
    assert channel is not None
    assert channel.findtext(f"{{{CREATIVE_COMMONS}}}license") == "https://creativecommons.org/licenses/by-sa/4.0/"
    assert channel.findtext("link") == f"{SITE}guides/"
    assert channel.findtext("image/url") == f"{SITE}assets/flux.png"
    assert channel.findtext("lastBuildDate") == "Sat, 01 Jun 2024 00:00:00 +0200"
    assert channel.find("managingEditor") is None
    item = channel.find("item")
    assert item is not None
    assert item.findtext(f"{{{CREATIVE_COMMONS}}}license") == "https://creativecommons.org/licenses/by-nd/4.0/"
    assert item.findtext("category") == "Participation citoyenne"
    assert item.findtext("{http://purl.org/dc/elements/1.1/}creator") == "Une autrice"
    # The channel's own elements stay ahead of the items.
    assert [child.tag for child in channel].index("item") == len(channel) - 1


def test_an_empty_feed_has_no_channel_dates() -> None:
    root = etree.fromstring(complete_rss(plugin_rss(), GUIDE_FEEDS.files[0], FACTS))
    assert root.find("channel/pubDate") is None
    assert root.find("channel/lastBuildDate") is None


def test_an_item_that_is_no_resource_stops_the_build() -> None:
    with pytest.raises(FeedError) as raised:
        complete_rss(plugin_rss(f"{SITE}a-propos/"), SITE_FEEDS.files[0], FACTS)
    assert str(raised.value) == (
        f"feed_rss_created.xml : l'élément {SITE}a-propos/ n'est pas une ressource du catalogue. "
        "Vérifiez le match_path du plugin rss dans mkdocs.yml."
    )


def test_json_items_lose_their_nulls_and_gain_their_licence() -> None:
    raw = json.dumps(
        {
            "version": "https://jsonfeed.org/version/1.1",
            "title": "x",
            "icon": "assets/flux.png",
            "items": [{"id": "i", "url": f"{SITE}guides/un-guide/", "content_html": "a < b", "image": None}],
        }
    )
    data = json.loads(complete_json(raw, GUIDE_FEEDS.files[2], FACTS))
    assert data["icon"] == f"{SITE}assets/flux.png"
    assert data["_licence"]["spdx"] == "CC-BY-SA-4.0"
    [item] = data["items"]
    assert "image" not in item
    assert item["content_text"] == "a < b"
    assert "content_html" not in item
    assert item["_licence"] == {
        "about": f"{SITE}s-abonner/#licences-dans-les-flux",
        "spdx": "CC-BY-ND-4.0",
        "name": "CC BY-ND 4.0",
        "url": "https://creativecommons.org/licenses/by-nd/4.0/",
        "open": False,
    }


def test_an_instance_follows_the_folder_its_match_path_names() -> None:
    assert followed_folder(r"guides/(?!index\.md$)[^/]+\.md$") == "guides"
    assert followed_folder(r"(guides|webinaires)/(?!index\.md$)[^/]+\.md$") == ""
