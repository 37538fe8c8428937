"""French typography on the real built site: visible text typeset, data left as written."""

from __future__ import annotations

import json
import re
from pathlib import Path

from tests.conftest import attr, one, parse_html

PLAIN_SPACE_BEFORE_SIGN = re.compile(r"\S (?:[:;!?](?=\s|$)|»)|« ")


def test_every_page_shows_french_spacing_outside_code(built_site: Path) -> None:
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 40
    found = []
    for path in pages:
        page = parse_html(path)
        for hidden in page.select("script, style, pre, code, kbd, [data-pagefind-filter], [data-pagefind-meta]"):
            hidden.decompose()
        body = page.body
        assert body is not None
        text = body.get_text()
        found += [
            f"{path.relative_to(built_site)}: …{text[m.start() - 20 : m.end() + 5]}…"
            for m in PLAIN_SPACE_BEFORE_SIGN.finditer(text)
        ]
    assert found == [], "\n".join(found[:20])


def test_dates_and_ordinals_are_typeset_on_resource_pages(built_site: Path) -> None:
    page = parse_html(built_site / "a-propos" / "index.html")
    assert "27<sup>e</sup> Région" in str(page.select_one("article"))
    guide = parse_html(built_site / "guides" / "commander-une-prestation-de-design" / "index.html")
    assert "14\u00a0mars\u00a02023" in one(guide, ".commons-facts").get_text()


def test_structured_data_feeds_and_search_records_keep_the_text_as_written(built_site: Path) -> None:
    page = parse_html(built_site / "webinaires" / "acheter-du-design-de-politiques-publiques" / "index.html")
    title = "Acheter du design de politiques publiques : retours d'acheteurs et de commanditaires"
    json_ld = [json.loads(s.get_text()) for s in page.select('script[type="application/ld+json"]')]
    assert any(item.get("headline") == title or item.get("name") == title for item in json_ld)
    assert one(page, '[data-pagefind-meta="title"]').get_text() == title
    assert attr(one(page, 'meta[name="description"]'), "content").count("\u00a0") == 0
    feed = (built_site / "feed_rss_created.xml").read_text("utf-8")
    assert title.replace("'", "&#39;") in feed or title in feed or title.replace("'", "&apos;") in feed
    assert "\u202f" not in feed and "\u00a0" not in feed
