"""Rendered Markdown bodies, cleaned to an allow-list before anything else reads them.

Maintainers review a Markdown diff, not the rendered page, and Markdown lets
raw HTML and ``attr_list`` attributes (``{ onclick=… }``) through as written.
So every body is cleaned with nh3 (the Python binding of Rust's ammonia, an
HTML5 parser and sanitiser), to the elements and attributes of
``data/body_html.yml``. A filter also drops ids and classes that would
impersonate Material's or the templates' own (``__config`` is read by
Material's script), and images from elsewhere.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from typing import Any
from urllib.parse import urlsplit

import nh3
import yaml


@cache
def _cleaner() -> nh3.Cleaner:
    rules: dict[str, Any] = yaml.safe_load(files(__package__).joinpath("data/body_html.yml").read_text("utf-8"))
    tags = set(rules["tags"])
    attributes = {tag: set(rules["generic_attributes"]) | set(rules["tag_attributes"].get(tag, ())) for tag in tags}
    reserved_id, reserved_classes = rules["reserved_id_prefix"], tuple(rules["reserved_class_prefixes"])
    local_images = bool(rules["images_from_the_site_only"])

    def keep(element: str, attribute: str, value: str) -> str | None:
        if attribute == "id":
            return None if value.startswith(reserved_id) else value
        if attribute == "class":
            kept = [name for name in value.split() if not name.startswith(reserved_classes)]
            return " ".join(kept) or None
        if element == "img" and attribute == "src" and local_images:
            address = urlsplit(value.strip())
            return None if address.scheme or address.netloc else value
        return value

    return nh3.Cleaner(
        tags=tags,
        attributes=attributes,
        url_schemes=set(rules["url_schemes"]),
        attribute_filter=keep,
        link_rel=None,  # the body's links are the authors' own; no rel is added to them
        strip_comments=True,
    )


def cleaned_body(html: str) -> str:
    """``html`` with every element and attribute outside the allow-list removed."""
    return _cleaner().clean(html)
