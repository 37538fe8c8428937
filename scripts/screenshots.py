"""A PNG of every page template at a desktop and a phone width, for reviewers to look at.

    python scripts/screenshots.py site/ --out screenshots/

The site is served under its sub-path, as GitHub Pages serves it, and each
page in ``PAGE_TEMPLATES`` is captured whole (full height) at 1280 and 390
CSS pixels. The pictures are for eyes, not for pixel comparison: the browser
tests measure what must hold.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from commons.served_site import CHROMIUM, CHROMIUM_ARGS, serve_site
from commons.site_config import read_site_config, site_path
from playwright.sync_api import sync_playwright

# One page of each template the site has, by the path a visitor opens. A
# query string is part of the page when the template shows its result.
PAGE_TEMPLATES = {
    "accueil": "",
    "guide": "guides/commander-une-prestation-de-design/",
    "anti-manuel": "guides/anti-manuel-de-la-participation/",
    "webinaire": "webinaires/acheter-du-design-de-politiques-publiques/",
    "programme": "programmes/sonar/",
    "liste-par-type": "guides/",
    "liste-des-programmes": "programmes/",
    "liste-par-theme": "themes/commande-publique/",
    "index-des-themes": "themes/",
    "archives": "archives/",
    "chronologie": "chronologie/",
    "recherche": "recherche/?q=achat+public",
    "recherche-par-filtre": "recherche/?type=Guide",  # without words: from the browse index
    "reutiliser": "reutiliser/",
    "s-abonner": "s-abonner/",
    "donnees-ouvertes": "donnees-ouvertes/",
    "a-propos": "a-propos/",
    "page-introuvable": "cette-page-n-existe-pas/",
}
WIDTHS = {"bureau": 1280, "telephone": 390}


def take_screenshots(site_dir: Path, out: Path, sub_path: str) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    with serve_site(site_dir, sub_path) as served, sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for width_name, width in WIDTHS.items():
            context = browser.new_context(viewport={"width": width, "height": 900}, locale="fr-FR")
            page = context.new_page()
            for name, path in PAGE_TEMPLATES.items():
                page.goto(served.url + path, wait_until="networkidle")
                picture = out / f"{name}-{width_name}.png"
                page.screenshot(path=picture, full_page=True)
                written.append(picture)
            context.close()
        browser.close()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, help="the built site folder")
    parser.add_argument("--out", type=Path, default=Path("screenshots"), help="where the PNG files go")
    parser.add_argument("--config", type=Path, default=Path("mkdocs.yml"), help="for the site's sub-path")
    args = parser.parse_args(argv)
    written = take_screenshots(args.site, args.out, site_path(read_site_config(args.config).get("site_url")))
    print(f"{len(written)} captures dans {args.out}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
