"""Feeds: which feeds the site offers, and what mkdocs-rss-plugin leaves out of them.

The plugin writes RSS 2.0 and JSON Feed 1.1 files from the front matter. It
knows nothing of licences, names every feed of an instance alike, takes its
channel dates from the build clock and puts names where RSS wants e-mail
addresses. The functions here complete its files after the build, from the
catalogue: a licence on every channel and item, one title per feed, channel
dates from the newest item (so that two builds of the same content give the
same bytes), theme labels, Dublin Core authors and dates. RSS goes through
lxml, JSON through ``json``: no string surgery.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from email.utils import format_datetime, parsedate_to_datetime
from enum import Enum
from functools import cached_property
from typing import Any
from urllib.parse import urljoin

from lxml import etree

from .licences import Licence
from .model import Resource

CREATIVE_COMMONS = "http://backend.userland.com/creativeCommonsRssModule"
DUBLIN_CORE = "http://purl.org/dc/elements/1.1/"
DC_TERMS = "http://purl.org/dc/terms/"
ATOM = "http://www.w3.org/2005/Atom"
_NAMESPACES = {"atom": ATOM, "creativeCommons": CREATIVE_COMMONS, "dc": DUBLIN_CORE, "dcterms": DC_TERMS}


class FeedError(Exception):
    """A feed that cannot be completed: the site's configuration is wrong."""


class FeedFormat(Enum):
    RSS = "rss"
    JSON = "json"

    @property
    def media_type(self) -> str:
        return "application/rss+xml" if self is FeedFormat.RSS else "application/feed+json"

    @property
    def label(self) -> str:
        return "RSS" if self is FeedFormat.RSS else "JSON Feed"


class FeedOrder(Enum):
    """Which date orders the items: first publication, or last update."""

    CREATED = "created"
    UPDATED = "updated"

    @property
    def label(self) -> str:
        return "nouvelles ressources" if self is FeedOrder.CREATED else "ressources mises à jour"


@dataclass(frozen=True)
class FeedFile:
    """One file the plugin writes, e.g. ``feed_rss_created_guides.xml``."""

    path: str  # from the site root, with forward slashes
    format: FeedFormat
    order: FeedOrder
    title: str
    folder: str  # the resource folder the feed follows: ``""`` for the whole site


@dataclass(frozen=True)
class FeedSet:
    """The feeds of one plugin instance: the whole site, or one folder of resources."""

    title: str
    description: str
    files: tuple[FeedFile, ...]

    @property
    def folder(self) -> str:
        return self.files[0].folder

    def covers(self, src_uri: str) -> bool:
        """Whether a page (path relative to docs/) belongs to this set's folder."""
        return not self.folder or src_uri.startswith(f"{self.folder}/")


def followed_folder(match_path: str) -> str:
    """The one resource folder a plugin instance's ``match_path`` follows (``guides/…``), or ``""``."""
    folder = re.match(r"([a-z0-9-]+)/", match_path)
    return folder.group(1) if folder else ""


def feed_set(
    title: str,
    description: str,
    filenames: Mapping[str, str],
    *,
    folder: str = "",
    rss: bool = True,
    json: bool = True,
) -> FeedSet:
    """The feeds of one instance, from its ``feeds_filenames`` (``rss_created``…).

    ``folder`` is the resource folder the instance follows (``""``: the whole
    site): it says which pages announce the feeds and which listing page is
    the feeds' home. The files themselves all sit at the site root, where
    Material finds the ``sitemap.xml`` it fetches beside every feed it sees linked.
    """
    files = tuple(
        FeedFile(
            path=filenames[f"{kind.value}_{order.value}"],
            format=kind,
            order=order,
            title=f"{title} : {order.label}",
            folder=folder,
        )
        for kind in FeedFormat
        if {FeedFormat.RSS: rss, FeedFormat.JSON: json}[kind]
        for order in FeedOrder
    )
    if not files:
        raise FeedError(f"« {title} » : aucun format de flux n'est activé.")
    if nested := [f.path for f in files if "/" in f.path]:
        raise FeedError(
            f"« {title} » : les flux s'écrivent à la racine du site, pas dans un dossier ({', '.join(nested)}) : "
            "Material cherche un sitemap.xml à côté de chaque flux annoncé."
        )
    return FeedSet(title=title, description=description, files=files)


def site_feeds(sets: Iterable[FeedSet], *, already_linked: Iterable[str] = ()) -> list[FeedFile]:
    """The feeds of the whole site, which every page announces in its ``<head>``.

    ``already_linked`` are paths the theme links by itself, left out so that
    no feed is announced twice.
    """
    skip = set(already_linked)
    return [file for feeds in sets if not feeds.folder for file in feeds.files if file.path not in skip]


def folder_feeds(sets: Iterable[FeedSet], src_uri: str) -> list[FeedFile]:
    """The feeds of the folder a page (path relative to docs/) belongs to: its listing and its resources."""
    return [file for feeds in sets if feeds.folder and feeds.covers(src_uri) for file in feeds.files]


@dataclass(frozen=True)
class SiteFacts:
    """What completing a feed needs to know about the site and its resources."""

    site_url: str  # absolute, ends with "/"
    publisher: str
    default_licence: Licence
    licence_about: str  # absolute URL of the page that explains the feeds' licence fields
    theme_labels: Mapping[str, str]
    resources: Sequence[Resource]

    def absolute(self, path: str) -> str:
        return urljoin(self.site_url, path)

    def home_of(self, feed: FeedFile) -> str:
        """The page a feed is about: the site's home, or its folder's listing."""
        return self.absolute(f"{feed.folder}/" if feed.folder else "")

    @cached_property
    def _by_link(self) -> dict[str, Resource]:
        return {self.absolute(resource.url): resource for resource in self.resources}

    def resource_linked(self, link: str, feed: FeedFile) -> Resource:
        """The resource an item's link points at; unknown links are a configuration error."""
        if resource := self._by_link.get(link):
            return resource
        raise FeedError(
            f"{feed.path} : l'élément {link} n'est pas une ressource du catalogue. "
            "Vérifiez le match_path du plugin rss dans mkdocs.yml."
        )


def copyright_notice(publisher: str, licence: Licence) -> str:
    """The channel's ``<copyright>``: the site's default, item licences prevail."""
    return (
        f"{publisher}. Sauf mention contraire, contenus sous licence {licence.short_name} "
        f"({licence.url}) ; la licence de chaque ressource est indiquée dans son élément."
    )


def licence_object(licence: Licence, about: str) -> dict[str, Any]:
    """The JSON Feed ``_licence`` extension object.

    JSON Feed lets publishers add objects whose name starts with ``_`` and
    recommends an ``about`` URL that documents them.
    """
    return {"about": about, "spdx": licence.spdx, "name": licence.short_name, "url": licence.url, "open": licence.open}


def complete_rss(raw: bytes, feed: FeedFile, facts: SiteFacts) -> bytes:
    """The plugin's RSS file, completed; drafts that slipped in are removed."""
    parser = etree.XMLParser(remove_blank_text=True, resolve_entities=False, no_network=True)
    try:
        root = etree.fromstring(raw, parser)
    except etree.XMLSyntaxError as error:
        raise FeedError(f"{feed.path} : le plugin rss a écrit un flux mal formé ({error}).") from error
    channel = root.find("channel")
    if channel is None:
        raise FeedError(f"{feed.path} : pas d'élément <channel>, ce n'est pas un flux RSS 2.0.")
    home = facts.home_of(feed)
    _set_child(channel, "title", feed.title)
    _set_child(channel, "link", home)
    if (image := channel.find("image")) is not None:
        _set_child(image, "url", facts.absolute(image.findtext("url", "")))
        _set_child(image, "title", feed.title)
        _set_child(image, "link", home)
    # RSS wants an e-mail address in managingEditor; the publisher is a name.
    for editor in channel.findall("managingEditor"):
        channel.remove(editor)
    _set_child(channel, f"{{{DUBLIN_CORE}}}publisher", facts.publisher)
    _set_child(channel, "copyright", copyright_notice(facts.publisher, facts.default_licence))
    _set_child(channel, f"{{{CREATIVE_COMMONS}}}license", facts.default_licence.url)

    for item in channel.findall("item"):
        resource = facts.resource_linked(item.findtext("link", ""), feed)
        if resource.draft:
            channel.remove(item)
            continue
        for category in item.findall("category"):
            category.text = facts.theme_labels.get(category.text or "", category.text)
        # RSS's <author> is an e-mail address too; Dublin Core takes names.
        for author in item.findall("author"):
            item.remove(author)
        for name in resource.authors:
            etree.SubElement(item, f"{{{DUBLIN_CORE}}}creator").text = name
        if (source := item.find("source")) is not None:
            source.text = feed.title
        _set_child(item, f"{{{DC_TERMS}}}issued", resource.date.isoformat())
        _set_child(item, f"{{{DC_TERMS}}}modified", resource.last_modified.isoformat())
        _set_child(item, f"{{{CREATIVE_COMMONS}}}license", resource.licence.url)

    # The channel changed when its newest item did, not when the site was built.
    dates = [parsedate_to_datetime(d) for d in channel.xpath("item/pubDate/text()")]
    newest = max(dates, key=lambda d: d.timestamp(), default=None)
    for name in ("pubDate", "lastBuildDate"):
        if newest is None:
            for element in channel.findall(name):
                channel.remove(element)
        else:
            _set_child(channel, name, format_datetime(newest))

    etree.cleanup_namespaces(root, top_nsmap=_NAMESPACES)
    etree.indent(root, space="  ")
    text: bytes = etree.tostring(root.getroottree(), xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return text


def complete_json(raw: str, feed: FeedFile, facts: SiteFacts) -> str:
    """The plugin's JSON Feed, completed, without the ``null`` values it writes."""
    data: dict[str, Any] = json.loads(raw)
    data["title"] = feed.title
    data["home_page_url"] = facts.home_of(feed)
    if data.get("icon"):
        data["icon"] = facts.absolute(data["icon"])
    data["_licence"] = licence_object(facts.default_licence, facts.licence_about)
    items = []
    for item in data.get("items", []):
        resource = facts.resource_linked(item.get("url", ""), feed)
        if resource.draft:
            continue
        # The description is plain text: as content_html, a « < » or « & » would be read as markup.
        if "content_html" in item:
            item["content_text"] = item.pop("content_html")
        item["tags"] = [facts.theme_labels.get(tag, tag) for tag in item.get("tags") or ()]
        item["authors"] = [{"name": name} for name in resource.authors]
        item["_licence"] = licence_object(resource.licence, facts.licence_about)
        items.append(_without_nulls(item))
    data["items"] = items
    return json.dumps(_without_nulls(data), ensure_ascii=False, indent=2) + "\n"


def _set_child(parent: etree._Element, tag: str, text: str) -> None:
    """Give ``parent`` one ``tag`` child holding ``text``, replacing any there."""
    child = parent.find(tag)
    if child is None:
        child = etree.Element(tag)
        # A channel's own elements go before its items, where readers expect them.
        first_item = parent.find("item")
        if first_item is None:
            parent.append(child)
        else:
            first_item.addprevious(child)
    child.text = text


def _without_nulls(data: dict[str, Any]) -> dict[str, Any]:
    # JSON Feed's optional fields are left out, never null.
    return {key: value for key, value in data.items() if value is not None}
