"""Feeds: mkdocs-rss-plugin writes them; this module announces and completes them.

Events:
- ``on_pre_build``: read every ``rss`` plugin instance's files into the
  build's feed sets; check that the two files Material links from every
  ``<head>`` exist.
- ``on_files``: find the « S'abonner » page, which documents the feeds'
  licence fields (JSON Feed's ``about``).
- ``on_env``: the site's feeds, for the ``<head>`` of every page (the 404
  page included, which has no page context).
- ``on_page_markdown``: give each resource page the dates the plugin reads,
  as validated dates: ``date`` (a contributor may have quoted it, and the
  plugin fails on text) and ``feed_updated``: ``updated``, or ``date`` when
  the resource was never updated. Without it the plugin would date such
  items with the build time, and two builds would never give the same feeds.
- ``on_page_content`` (just before the plugin reads the page): hand the
  plugin XML-safe author names under ``author``, which it reads before
  ``authors``: it prints them into its RSS unescaped, and a name such as
  « Ville & Territoires » would break the feed. ``on_page_context`` takes the
  key away again, before Material's templates could print it.
- ``on_page_context``: the feeds of the page's folder, and on the « S'abonner »
  page every feed set.
- ``on_post_build``: complete every feed file from the catalogue (licences,
  titles, dates, authors), after the plugin has written them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urljoin
from xml.sax.saxutils import escape as xml_escape

from commons import build_state
from commons.site_pages import SUBSCRIBE_PAGE
from commons.syndication import (
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
from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs_rss_plugin.plugin import GitRssPlugin  # type: ignore[import-untyped]

log = get_plugin_logger(__name__)

LICENCE_ANCHOR = "licences-dans-les-flux"  # the heading id of « Licences dans les flux » on that page
# Material's base.html links these two files whenever a plugin named "rss" is on.
MATERIAL_LINKED = ("feed_rss_created.xml", "feed_rss_updated.xml")

# Not a front matter field (the schema refuses it); lives only between two events.
PLUGIN_AUTHOR_KEY = "author"


@event_priority(90)  # after validation.py has started the build's state
def on_pre_build(*, config: MkDocsConfig) -> None:
    state = build_state.current()
    feed_sets, site = state.feed_sets, state.settings
    for plugin in config.plugins.values():
        if not isinstance(plugin, GitRssPlugin) or not plugin.config.enabled:
            continue
        settings = plugin.config
        try:
            feed_sets.append(
                feed_set(
                    settings.feed_title or site.site_name,
                    settings.feed_description or site.site_description,
                    dict(settings.feeds_filenames),
                    folder=followed_folder(settings.match_path),
                    rss=settings.rss_feed_enabled,
                    json=settings.json_feed_enabled,
                )
            )
        except FeedError as error:
            raise PluginError(f"mkdocs.yml, plugin rss : {error}") from error
    paths = {file.path for feeds in feed_sets for file in feeds.files}
    if feed_sets and (missing := [path for path in MATERIAL_LINKED if path not in paths]):
        raise PluginError(
            f"mkdocs.yml, plugin rss : Material annonce {', '.join(missing)} dans l'en-tête de chaque page, "
            "mais aucune instance ne l'écrit. Gardez les noms de fichiers par défaut pour la première instance."
        )


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    state = build_state.current()
    if page := files.get_file_from_path(SUBSCRIBE_PAGE):
        state.licence_about = urljoin(state.settings.site_url, f"{page.url}#{LICENCE_ANCHOR}")
    return files


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    env.globals["site_feeds"] = site_feeds(build_state.current().feed_sets, already_linked=MATERIAL_LINKED)
    return env


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    if resource := build_state.current().catalogue.resource_at(page.file.src_uri):
        page.meta["date"] = resource.date
        page.meta["feed_updated"] = resource.last_modified
    return None


@event_priority(-70)  # the rss plugin reads pages at -75
def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    if resource := build_state.current().catalogue.resource_at(page.file.src_uri):
        page.meta[PLUGIN_AUTHOR_KEY] = tuple(xml_escape(name) for name in resource.authors)
    return None


def on_page_context(context: dict[str, Any], *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict[str, Any]:
    page.meta.pop(PLUGIN_AUTHOR_KEY, None)
    feed_sets = build_state.current().feed_sets
    context["folder_feeds"] = folder_feeds(feed_sets, page.file.src_uri)
    if page.file.src_uri == SUBSCRIBE_PAGE:
        context["feed_sets"] = list(feed_sets)
        context["feed_orders"] = list(FeedOrder)
    return context


@event_priority(-50)  # after the rss plugin's on_post_build has written the files
def on_post_build(*, config: MkDocsConfig) -> None:
    state = build_state.current()
    catalogue, settings = state.catalogue, state.settings
    if not state.licence_about:
        raise PluginError(f"docs/{SUBSCRIBE_PAGE} manque : les flux renvoient à sa section sur les licences.")
    facts = SiteFacts(
        site_url=settings.site_url,
        publisher=settings.publisher,
        default_licence=settings.default_licence,
        licence_about=state.licence_about,
        theme_labels={slug: term.label for slug, term in catalogue.vocabularies.themes.items()},
        resources=catalogue.resources,
    )
    site_dir = Path(config.site_dir)
    for feeds in state.feed_sets:
        for file in feeds.files:
            path = site_dir / file.path
            if not path.is_file():
                raise PluginError(f"{file.path} : le plugin rss n'a pas écrit ce flux.")
            try:
                if file.format is FeedFormat.RSS:
                    path.write_bytes(complete_rss(path.read_bytes(), file, facts))
                else:
                    path.write_text(complete_json(path.read_text("utf-8"), file, facts), "utf-8")
            except FeedError as error:
                raise PluginError(str(error)) from error
    log.debug("%d feeds completed", sum(len(feeds.files) for feeds in state.feed_sets))
