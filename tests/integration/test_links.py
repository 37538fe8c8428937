"""Every internal link and anchor of the built site resolves: pages, feeds, open data, sitemap."""

from __future__ import annotations

import csv
import json
import posixpath
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlsplit

import yaml
from lxml import etree, html

from tests.conftest import REPO_ROOT

SITE_URL: str = yaml.load((REPO_ROOT / "mkdocs.yml").read_text("utf-8"), Loader=yaml.BaseLoader)["site_url"]
LINK_ATTRIBUTES = {"a": "href", "link": "href", "img": "src", "script": "src", "source": "src", "iframe": "src"}


def internal_target(site: Path, page_path: str, address: str) -> tuple[str, str] | None:
    """(site-relative path, fragment) of an internal address, or None if it leaves the site."""
    address, fragment = urldefrag(address)
    if address.startswith(SITE_URL):
        address = "/" + address.removeprefix(SITE_URL)
        path = address.lstrip("/")
    elif urlsplit(address).scheme or address.startswith("//"):
        return None  # another site, mailto:, data:
    elif address.startswith("/"):  # root-relative, as on the 404 page: must stay under the site's path
        base = urlsplit(SITE_URL).path
        path = address.removeprefix(base) if address.startswith(base) else f"../outside-the-site{address}"
    elif address == "":
        path = page_path  # a fragment on the same page
    else:
        path = posixpath.normpath(posixpath.join(posixpath.dirname(page_path), urlsplit(address).path))
        if address.split("?")[0].endswith("/") and not path.endswith("/"):
            path += "/"
    path = unquote(path).lstrip("./") if path not in (".", "./") else ""
    return path, fragment


def file_of(site: Path, path: str) -> Path | None:
    candidate = site / path
    if path == "" or path.endswith("/") or candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


@cache
def anchors_of(file: Path) -> frozenset[str]:
    tree = html.parse(str(file))
    return frozenset(tree.xpath("//@id") + tree.xpath("//a/@name"))


def html_links(site: Path) -> Iterator[tuple[str, str]]:
    for file in sorted(site.rglob("*.html")):
        page_path = file.relative_to(site).as_posix()
        tree = html.parse(str(file))
        for tag, attribute in LINK_ATTRIBUTES.items():
            for element in tree.iter(tag):
                if (value := element.get(attribute)) is not None:
                    yield page_path, value


def feed_links(site: Path) -> Iterator[tuple[str, str]]:
    for feed in sorted(site.rglob("feed_*.xml")):
        page_path = feed.relative_to(site).as_posix()
        tree = etree.parse(str(feed))
        for text in tree.xpath("//link/text() | //guid[not(@isPermaLink='false')]/text() | //image/url/text()"):
            yield page_path, text.strip()
        for href in tree.xpath("//*[local-name()='link' and @href]/@href | //enclosure/@url"):
            yield page_path, href
    for feed in sorted(site.rglob("feed_*.json")):
        page_path = feed.relative_to(site).as_posix()
        data = json.loads(feed.read_text("utf-8"))
        for key in ("home_page_url", "feed_url", "icon", "favicon"):
            if key in data:
                yield page_path, data[key]
        for item in data["items"]:
            yield page_path, item["url"]


def open_data_links(site: Path) -> Iterator[tuple[str, str]]:
    document = json.loads((site / "api" / "ressources.json").read_text("utf-8"))
    for record in document["resources"]:
        yield "api/ressources.json", record["url"]
    with (site / "api" / "ressources.csv").open(encoding="utf-8-sig", newline="") as rows:
        for row in csv.DictReader(rows):
            yield "api/ressources.csv", row["url"]
    catalogue = json.loads((site / "api" / "catalogue.jsonld").read_text("utf-8"))
    for element in catalogue["mainEntity"]["itemListElement"]:
        item = element.get("item", element)
        yield "api/catalogue.jsonld", item["url"]
    dcat = json.loads((site / "api" / "dcat.jsonld").read_text("utf-8"))
    yield "api/dcat.jsonld", dcat["dataset"]["landingPage"]
    for distribution in dcat["dataset"]["distribution"]:
        yield "api/dcat.jsonld", distribution["downloadURL"]
        if "conformsTo" in distribution:
            yield "api/dcat.jsonld", distribution["conformsTo"]
    for name in ("sitemap.xml", "sitemap-pages.xml"):
        for location in etree.parse(str(site / name)).xpath("//*[local-name()='loc']/text()"):
            yield name, location.strip()


def broken_links(site: Path, links: Iterator[tuple[str, str]]) -> list[str]:
    broken: list[str] = []
    for page_path, address in links:
        target = internal_target(site, page_path, address)
        if target is None:
            continue
        path, fragment = target
        file = file_of(site, path)
        if file is None:
            broken.append(f"{page_path}: {address} → no such file")
        elif fragment and file.suffix == ".html" and fragment not in anchors_of(file):
            broken.append(f"{page_path}: {address} → no anchor #{fragment}")
    return broken


def test_every_link_and_anchor_of_every_page_resolves(built_site: Path) -> None:
    links = list(html_links(built_site))
    assert len(links) > 1000
    assert broken_links(built_site, iter(links)) == []


def test_every_link_of_the_feeds_resolves(built_site: Path) -> None:
    links = list(feed_links(built_site))
    assert len(links) > 50
    assert broken_links(built_site, iter(links)) == []


def test_every_link_of_the_open_data_and_the_sitemap_resolves(built_site: Path) -> None:
    links = list(open_data_links(built_site))
    assert len(links) > 40
    assert broken_links(built_site, iter(links)) == []


def test_the_checker_catches_a_broken_link_and_a_broken_anchor(built_site: Path) -> None:
    links = [("guides/index.html", "../nulle-part/"), ("index.html", "reutiliser/#pas-d-ancre"), ("index.html", "#")]
    assert broken_links(built_site, iter(links)) == [
        "guides/index.html: ../nulle-part/ → no such file",
        "index.html: reutiliser/#pas-d-ancre → no anchor #pas-d-ancre",
    ]
