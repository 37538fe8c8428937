"""Feeds on real builds: every feed read by independent parsers and checked against the front matter.

feedparser reads each RSS feed (no ``bozo``), lxml reads the namespaced
licence and date elements exactly, and the JSON feeds are checked against
JSON Feed 1.1 as written down from the specification
(``tests/fixtures/jsonfeed-1.1.schema.json``); feedparser 6.0 does not read
JSON Feed. A draft and a resource with a hostile title and a non-open licence
are added to the fixture resources. The same project is then built from a
full git clone, a shallow clone and an archive without ``.git``: the feeds
must be the same, byte for byte, and the strict builds clean.
"""

from __future__ import annotations

import datetime
import email.utils
import json
import os
import posixpath
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import feedparser
import pytest
from commons.licences import licence_registry
from commons.model import Resource, load_content
from commons.vocabularies import load_vocabularies
from jsonschema import Draft202012Validator, FormatChecker
from lxml import etree

from tests.conftest import FIXTURES, Project, copy_project, parse_html

SITE_URL = "https://communs-innovation-publique.github.io/centre-de-ressources/"
SITE_PATH = urlsplit(SITE_URL).path
DEFAULT_LICENCE = licence_registry()["CC-BY-SA-4.0"]
CC = "{http://backend.userland.com/creativeCommonsRssModule}license"
DCTERMS = "{http://purl.org/dc/terms/}"
DRAFT_SLUG = "brouillon-de-flux"
HOSTILE_SLUG = "titre-hostile-de-flux"
FOLDERS = ("", "guides", "webinaires", "programmes")  # "" is the whole site
MEDIA_TYPES = {".xml": "application/rss+xml", ".json": "application/feed+json"}

HOSTILE = """---
title: 'Un titre </script><!-- hostile & « cité » ]]> fin'
description: |
  Une description avec des <b>balises</b>, une esperluette & des "guillemets",
  pour vérifier que les flux restent bien formés et le texte intact.
type: anti-manuel
date: 2024-07-03
updated: 2024-09-30
authors: ['Dupont, "Jeanne"', Ville & Territoires <labo>, La 27e Région]
licence: CC-BY-NC-SA-4.0
themes: [participation, experimentation]
---

Texte.
"""


@dataclass(frozen=True)
class Feed:
    path: str  # from the site root
    folder: str
    order: str  # "created" or "updated"

    @property
    def is_rss(self) -> bool:
        return self.path.endswith(".xml")

    def date_of(self, resource: Resource) -> datetime.date:
        """The date that orders this feed's items."""
        return resource.date if self.order == "created" else resource.last_modified


FEEDS = [
    # Every feed sits at the site root: Material fetches ``sitemap.xml`` beside
    # each feed it finds linked, and only the root has one.
    Feed(f"feed_rss_{order}{suffix}.xml" if rss else f"feed_json_{order}{suffix}.json", folder, order)
    for folder in FOLDERS
    for suffix in [f"_{folder}" if folder else ""]
    for order in ("created", "updated")
    for rss in (True, False)
]


def make_project(destination: Path) -> Project:
    """The fixture resources, plus a draft and a hostile resource with a non-open licence."""
    project = copy_project(destination)
    guide = (FIXTURES / "base" / "guides" / "guide-valide.md").read_text("utf-8")
    project.write(f"guides/{DRAFT_SLUG}.md", guide.replace("hide: [toc]", "draft: true"))
    project.write(f"guides/{HOSTILE_SLUG}.md", HOSTILE)
    return project


def build_clean(project_root: Path, site: Path) -> None:
    result = Project(project_root).build(site_dir=site)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr


@dataclass(frozen=True)
class Built:
    site: Path
    resources: list[Resource]  # published, non-draft
    theme_labels: dict[str, str]

    def in_folder(self, folder: str) -> list[Resource]:
        return [r for r in self.resources if not folder or r.type.folder == folder]

    def by_link(self) -> dict[str, Resource]:
        return {SITE_URL + r.url: r for r in self.resources}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    project = make_project(tmp_path_factory.mktemp("feeds") / "project")
    build_clean(project.root, project.root / "site")
    content = load_content(project.docs, project.root, publisher="La 27e Région", today=datetime.date.today())
    assert not content.problems
    published = [r for r in content.resources if not r.draft]
    assert {r.slug for r in content.resources} - {r.slug for r in published} == {DRAFT_SLUG}
    labels = {slug: term.label for slug, term in load_vocabularies(project.docs).themes.items()}
    return Built(project.root / "site", published, labels)


def rss(path: Path) -> etree._Element:
    return etree.fromstring(path.read_bytes(), etree.XMLParser(resolve_entities=False, no_network=True))


def json_feed_validator() -> Draft202012Validator:
    schema = json.loads((FIXTURES / "jsonfeed-1.1.schema.json").read_text("utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=FormatChecker())


def local_path(site: Path, url: str) -> Path:
    """The file in ``site`` that an absolute URL of the site points at."""
    assert url.startswith(SITE_URL), url
    return site / url.removeprefix(SITE_URL)


def licence_of(licence_spdx: str) -> dict[str, Any]:
    licence = licence_registry()[licence_spdx]
    return {"spdx": licence.spdx, "name": licence.short_name, "url": licence.url, "open": licence.open}


def test_the_build_writes_every_feed_and_no_other(built: Built) -> None:
    found = {p.relative_to(built.site).as_posix() for p in built.site.rglob("feed_*.*")}
    assert found == {feed.path for feed in FEEDS}


@pytest.mark.parametrize("feed", [f for f in FEEDS if f.is_rss], ids=lambda f: f.path)
def test_rss_feeds_parse_and_carry_the_front_matter_and_licences(built: Built, feed: Feed) -> None:
    raw = (built.site / feed.path).read_bytes()
    parsed = feedparser.parse(raw)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "rss20"
    resources = built.by_link()
    expected = sorted(built.in_folder(feed.folder), key=lambda r: (feed.date_of(r), r.title), reverse=True)

    channel = parsed.feed
    assert channel.title.endswith("nouvelles ressources" if feed.order == "created" else "ressources mises à jour")
    assert channel.subtitle
    assert channel.language == "fr"
    assert channel.link == SITE_URL + (f"{feed.folder}/" if feed.folder else "")
    assert local_path(built.site, channel.image.href).is_file()
    assert channel.image.href.endswith(".png")  # RSS 2.0 images are GIF, JPEG or PNG
    assert {"rel": "license", "href": DEFAULT_LICENCE.url} in channel.links
    assert DEFAULT_LICENCE.url in channel.rights
    self_link = next(link["href"] for link in channel.links if link["rel"] == "self")
    assert self_link == SITE_URL + feed.path

    assert [entry.link for entry in parsed.entries] == [SITE_URL + r.url for r in expected]
    for entry in parsed.entries:
        resource = resources[entry.link]
        assert entry.title == resource.title
        assert entry.id == entry.link
        assert entry.published_parsed[:3] == resource.date.timetuple()[:3]
        assert entry.updated_parsed[:3] == resource.last_modified.timetuple()[:3]
        assert entry.summary
        assert [tag.term for tag in entry.tags] == [built.theme_labels[slug] for slug in sorted(resource.themes)]
        assert [author.name for author in entry.authors] == list(resource.authors)
        assert {"rel": "license", "href": resource.licence.url} in entry.links

    # The exact text, and what feedparser merges: pubDate against the feed's own order.
    root = rss(built.site / feed.path)
    channel_element = root.find("channel")
    assert channel_element is not None
    assert channel_element.findtext(CC) == DEFAULT_LICENCE.url
    newest = max((feed.date_of(r) for r in expected), default=None)
    build_date = channel_element.findtext("lastBuildDate")
    assert (email.utils.parsedate_to_datetime(build_date).date() if build_date else None) == newest
    for item in channel_element.iter("item"):
        resource = resources[item.findtext("link", "")]
        # The plugin folds line breaks, which RSS readers do anyway.
        assert item.findtext("description", "").split() == resource.description.split()
        assert item.findtext("title") == resource.title
        assert email.utils.parsedate_to_datetime(item.findtext("pubDate", "")).date() == feed.date_of(resource)
        assert item.findtext(f"{DCTERMS}issued") == resource.date.isoformat()
        assert item.findtext(f"{DCTERMS}modified") == resource.last_modified.isoformat()
        assert item.findtext(CC) == resource.licence.url
        assert item.find("author") is None  # names go in dc:creator: RSS's author is an e-mail address


@pytest.mark.parametrize("feed", [f for f in FEEDS if not f.is_rss], ids=lambda f: f.path)
def test_json_feeds_follow_json_feed_1_1_and_carry_licences(built: Built, feed: Feed) -> None:
    data = json.loads((built.site / feed.path).read_text("utf-8"))
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in json_feed_validator().iter_errors(data)]
    assert not errors, errors
    resources = built.by_link()
    expected = sorted(built.in_folder(feed.folder), key=lambda r: (feed.date_of(r), r.title), reverse=True)

    assert data["language"] == "fr"
    assert data["feed_url"] == SITE_URL + feed.path
    assert data["home_page_url"] == SITE_URL + (f"{feed.folder}/" if feed.folder else "")
    assert local_path(built.site, data["icon"]).is_file()
    about = f"{SITE_URL}s-abonner/#licences-dans-les-flux"
    assert data["_licence"] == {"about": about, **licence_of(DEFAULT_LICENCE.spdx)}
    anchor = parse_html(built.site / "s-abonner" / "index.html").find(id="licences-dans-les-flux")
    assert anchor is not None

    assert [item["url"] for item in data["items"]] == [SITE_URL + r.url for r in expected]
    for item in data["items"]:
        resource = resources[item["url"]]
        assert item["id"] == item["url"]
        assert item["title"] == resource.title
        assert item["content_text"] == resource.description
        assert datetime.datetime.fromisoformat(item["date_published"]).date() == resource.date
        assert datetime.datetime.fromisoformat(item["date_modified"]).date() == resource.last_modified
        assert [a["name"] for a in item["authors"]] == list(resource.authors)
        assert set(item["tags"]) == {built.theme_labels[slug] for slug in resource.themes}
        assert item["_licence"] == {"about": about, **licence_of(resource.licence.spdx)}


def test_the_non_open_licence_and_the_hostile_title_come_through_intact(built: Built) -> None:
    data = json.loads((built.site / "feed_json_updated_guides.json").read_text("utf-8"))
    item = next(i for i in data["items"] if i["url"].endswith(f"/{HOSTILE_SLUG}/"))
    assert item["title"] == "Un titre </script><!-- hostile & « cité » ]]> fin"
    assert item["_licence"]["open"] is False
    assert item["_licence"]["spdx"] == "CC-BY-NC-SA-4.0"
    root = rss(built.site / "feed_rss_updated_guides.xml")
    titles = [t.text for t in root.iter("title")]
    assert "Un titre </script><!-- hostile & « cité » ]]> fin" in titles


def test_drafts_are_in_no_feed(built: Built) -> None:
    for feed in FEEDS:
        text = (built.site / feed.path).read_text("utf-8")
        assert DRAFT_SLUG not in text, feed.path


def feed_links(page: Path, site: Path) -> list[tuple[str, str, str]]:
    """(path from the site root, media type, title) of each feed a page announces."""
    links = []
    for link in parse_html(page).select('head link[rel="alternate"][type]'):
        if link["type"] not in MEDIA_TYPES.values():
            continue
        href = str(link["href"])
        if href.startswith("/"):  # the 404 page, served from any folder, uses absolute paths
            assert href.startswith(SITE_PATH), href
            target = href.removeprefix(SITE_PATH)
        else:
            base = page.parent.relative_to(site).as_posix()
            target = posixpath.normpath(posixpath.join(base, href))
        links.append((target, str(link["type"]), str(link.get("title", ""))))
    return links


def test_every_page_announces_the_right_feeds_once(built: Built) -> None:
    site_feeds = {f.path for f in FEEDS if not f.folder}
    pages = sorted(built.site.rglob("*.html"))
    assert len(pages) > 10
    for page in pages:
        relative = page.relative_to(built.site).as_posix()
        if relative.startswith(("assets/", "pagefind/")):
            continue
        links = feed_links(page, built.site)
        targets = [target for target, _, _ in links]
        assert len(targets) == len(set(targets)), f"{relative}: a feed is announced twice"
        folder = relative.split("/")[0] if "/" in relative else ""
        expected = site_feeds | {f.path for f in FEEDS if f.folder and f.folder == folder}
        assert set(targets) == expected, relative
        for target, media_type, title in links:
            assert (built.site / target).is_file(), f"{relative}: {target} does not exist"
            assert media_type == MEDIA_TYPES[Path(target).suffix]
            assert title


def test_the_subscribe_page_lists_every_feed_and_says_what_a_feed_is(built: Built) -> None:
    page = built.site / "s-abonner" / "index.html"
    html = parse_html(page)
    article = html.select_one("article")
    assert article is not None
    assert "Un flux est" in article.get_text(" ", strip=True)
    listed = set()
    for link in article.select("table a[href]"):
        target = posixpath.normpath(posixpath.join("s-abonner", str(link["href"])))
        assert (built.site / target).is_file(), target
        assert link["type"] == MEDIA_TYPES[Path(target).suffix]
        listed.add(target)
    assert listed == {feed.path for feed in FEEDS}
    # The footer of every page leads to it.
    home = parse_html(built.site / "index.html")
    assert home.select_one('footer a[href="s-abonner/"]') is not None


def test_the_rss_feeds_show_in_french_to_people_who_open_them(built: Built) -> None:
    for feed in (f for f in FEEDS if f.is_rss):
        root = rss(built.site / feed.path)
        instructions = [
            node for node in root.itersiblings(preceding=True) if isinstance(node, etree._ProcessingInstruction)
        ]
        assert len(instructions) == 1
        href = instructions[0].get("href")
        assert href is not None
        stylesheet = local_path(built.site, urljoin(SITE_URL + feed.path, href))
        assert stylesheet.is_file(), feed.path
        page = etree.XSLT(etree.parse(stylesheet))(root.getroottree())
        text = " ".join("".join(page.getroot().itertext()).split())
        assert "Cette page est un flux RSS" in text
        for item in root.iter("item"):
            assert f"Publié le {item.findtext(f'{DCTERMS}issued')}" in text


def git(*args: str, cwd: Path) -> None:
    # Commit dates unrelated to the front matter: the feeds must not show them.
    moment = "2031-05-17T12:00:00+00:00"
    environment = {**os.environ, "GIT_AUTHOR_DATE": moment, "GIT_COMMITTER_DATE": moment}
    subprocess.run(["git", *args], cwd=cwd, env=environment, check=True, capture_output=True)


def test_full_clone_shallow_clone_and_archive_give_the_same_feeds(tmp_path: Path) -> None:
    origin = make_project(tmp_path / "origin").root
    git("init", "--quiet", "--initial-branch=main", cwd=origin)
    git("-c", "user.name=Test", "-c", "user.email=test@example.org", "add", "-A", cwd=origin)
    git("-c", "user.name=Test", "-c", "user.email=test@example.org", "commit", "--quiet", "-m", "one", cwd=origin)
    (origin / "docs" / "guides" / "guide-valide.md").write_text(
        (origin / "docs" / "guides" / "guide-valide.md").read_text("utf-8") + "\nUn paragraphe de plus.\n", "utf-8"
    )
    git("-c", "user.name=Test", "-c", "user.email=test@example.org", "commit", "--quiet", "-am", "two", cwd=origin)

    full, shallow, archive = tmp_path / "full", tmp_path / "shallow", tmp_path / "archive"
    git("clone", "--quiet", f"file://{origin}", str(full), cwd=tmp_path)
    git("clone", "--quiet", "--depth", "1", f"file://{origin}", str(shallow), cwd=tmp_path)
    archive.mkdir()
    tar = subprocess.run(["git", "archive", "HEAD"], cwd=origin, capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(archive)], input=tar, check=True)
    assert not (archive / ".git").exists()
    shallow_marker = shallow / ".git" / "shallow"
    assert shallow_marker.is_file()

    outputs = {}
    for checkout in (full, shallow, archive):
        site = tmp_path / f"site-{checkout.name}"
        build_clean(checkout, site)
        outputs[checkout.name] = {feed.path: (site / feed.path).read_bytes() for feed in FEEDS}
    assert outputs["full"] == outputs["shallow"] == outputs["archive"]
    assert b"2031" not in b"".join(outputs["full"].values())


def test_the_real_site_feeds_parse(built_site: Path) -> None:
    validator = json_feed_validator()
    for feed in FEEDS:
        path = built_site / feed.path
        if feed.is_rss:
            parsed = feedparser.parse(path.read_bytes())
            assert not parsed.bozo, (feed.path, parsed.get("bozo_exception"))
            assert parsed.entries, feed.path
            for entry in parsed.entries:
                assert entry.link.startswith(SITE_URL)
                assert (built_site / entry.link.removeprefix(SITE_URL) / "index.html").is_file(), entry.link
                assert any(link["rel"] == "license" for link in entry.links), entry.link
        else:
            data = json.loads(path.read_text("utf-8"))
            assert not list(validator.iter_errors(data)), feed.path
            assert all(item["_licence"]["url"] for item in data["items"])
