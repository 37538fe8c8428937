"""Shared links: the Open Graph and Twitter-card metadata of every page, and the cards they point to.

Every page of the real site is read as a messaging app reads it; each image
it names is opened with Pillow from the built site. A fixture project is
built twice, then once more with one title changed, to show that a rebuild
draws only the cards whose text changed.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import yaml
from commons.catalogue import Catalogue
from commons.model import load_content
from PIL import Image

from tests.conftest import REPO_ROOT, Project, one, parse_html

CONFIG = yaml.safe_load((REPO_ROOT / "mkdocs.yml").read_text("utf-8"))
SITE_URL: str = CONFIG["site_url"]
DRAWN = re.compile(r"hooks/sharing: (\d+) carte\(s\) de partage dessinée\(s\), (\d+) reprise\(s\) du cache")


def metadata(path: Path) -> tuple[dict[str, list[str]], dict[str, str]]:
    head = one(parse_html(path), "head")
    properties: dict[str, list[str]] = {}
    for meta in head.select("meta[property]"):
        properties.setdefault(str(meta["property"]), []).append(str(meta["content"]))
    names = {str(meta["name"]): str(meta["content"]) for meta in head.select('meta[name^="twitter:"]')}
    return properties, names


def test_every_page_previews_with_title_description_address_and_image(built_site: Path) -> None:
    content = load_content(REPO_ROOT / "docs", REPO_ROOT, publisher="La 27e Région", today=datetime.date.today())
    resources = {r.url: r for r in Catalogue(tuple(content.resources), content.vocabularies).published}
    images: dict[str, str] = {}
    pages = 0
    for path in sorted(built_site.rglob("index.html")):
        url = path.relative_to(built_site).as_posix().removesuffix("index.html")
        if url.startswith("pagefind/"):
            continue
        properties, names = metadata(path)
        single = {key: values[0] for key, values in properties.items()}
        assert single["og:url"] == SITE_URL + url, url
        assert single["og:title"] and single["og:description"], url
        assert single["og:site_name"] == CONFIG["site_name"]
        assert single["og:locale"] == "fr_FR"
        assert names["twitter:card"] == "summary_large_image"
        assert names["twitter:title"] == single["og:title"] and names["twitter:image"] == single["og:image"]
        image = single["og:image"]
        assert image.startswith(SITE_URL), url
        with Image.open(built_site / image.removeprefix(SITE_URL)) as picture:
            assert picture.format == "PNG" and picture.size >= (1200, 630), url
            assert picture.size == (int(single["og:image:width"]), int(single["og:image:height"]))
        assert single["og:image:alt"]
        if resource := resources.get(url):
            assert single["og:type"] == "article"
            assert single["og:title"] == resource.title
            assert single["og:description"] == resource.description
            assert single["article:published_time"] == resource.date.isoformat()
            assert single["article:modified_time"] == resource.last_modified.isoformat()
            assert resource.title in single["og:image:alt"] and resource.licence.short_name in single["og:image:alt"]
            images[url] = image
        else:
            assert single["og:type"] == "website", url
            assert "article:published_time" not in single
        pages += 1
    assert pages > 50  # a sanity floor: the sample site has about sixty pages
    assert set(images) == set(resources), "every resource has its own card"
    assert len(set(images.values())) == len(images)
    home, _ = metadata(built_site / "index.html")
    assert home["og:title"] == [CONFIG["site_name"]]


def test_cards_are_drawn_once_and_again_only_when_their_text_changes(project: Project) -> None:
    def build() -> tuple[int, int]:
        result = project.build()
        assert result.returncode == 0, result.stderr
        (counts,) = DRAWN.findall(result.stderr)
        return int(counts[0]), int(counts[1])

    drawn, cached = build()
    assert drawn >= 4 and cached == 0
    card = project.root / "site" / "assets" / "partage" / "guides" / "guide-valide.png"
    first = card.read_bytes()
    assert build() == (0, drawn)
    assert card.read_bytes() == first

    page = project.docs / "guides" / "guide-valide.md"
    text = page.read_text("utf-8")
    title = next(line for line in text.splitlines() if line.startswith("title:"))
    page.write_text(text.replace(title, "title: Un titre tout neuf pour la carte", 1), "utf-8")
    assert build() == (1, drawn - 1)
    assert card.read_bytes() != first
