"""Printing a resource: the action on the page, and the PDF Chromium makes of it, read back with pypdf.

The sample site is built and served under a sub-path; a resource of each
type is printed to PDF by Chromium (``page.pdf`` applies the print
stylesheets, as « Enregistrer au format PDF » does), and the text of the PDF
must hold the title, the facts, the body, the licence, the credit, the page's
address and its last update, and none of the site's navigation or actions.
"""

from __future__ import annotations

import datetime
import io
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from commons.catalogue import Catalogue
from commons.credit import credit_line
from commons.dates import french_date
from commons.model import Resource, load_content
from commons.served_site import ServedSite, serve_site
from commons.site_settings import read_site_settings
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from tests.conftest import REPO_ROOT, copy_project, parse_html

pytestmark = pytest.mark.browser

BASE_PATH = "/centre-de-ressources/"
CONFIG = yaml.safe_load((REPO_ROOT / "mkdocs.yml").read_text("utf-8"))
PUBLICATION = read_site_settings(REPO_ROOT).publication
# Words of the site around the resource: navigation, actions, footer, related resources.
CHROME = [
    "Accueil",  # the breadcrumb
    "Imprimer ou enregistrer en PDF",
    "Modifier cette page",
    "Voir la source",
    "Pour aller plus loin",
    "Aller au contenu",
    "Sauf mention contraire",
    "Pages utiles",
    "Chronologie des programmes",
    "Rechercher",
]


@dataclass(frozen=True)
class PrintSite:
    served: ServedSite
    site: Path
    catalogue: Catalogue


@pytest.fixture(scope="module")
def print_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PrintSite]:
    project = copy_project(tmp_path_factory.mktemp("print") / "project", content="sample")
    built = project.build()
    assert built.returncode == 0, built.stderr
    content = load_content(project.docs, project.root, publisher="La 27e Région", today=datetime.date.today())
    with serve_site(project.root / "site", BASE_PATH) as served:
        yield PrintSite(served, project.root / "site", Catalogue(tuple(content.resources), content.vocabularies))


def squeezed(text: str) -> str:
    """Text without spaces or line breaks, ligatures undone: how a PDF's lines compare with the page's."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def printed_text(page: Page) -> str:
    reader = PdfReader(io.BytesIO(page.pdf(format="A4", print_background=True)))
    return "\n".join(sheet.extract_text() for sheet in reader.pages)


def resources_to_print(site: PrintSite) -> list[Resource]:
    return [resources[0] for resources in site.catalogue.by_type.values()]


@pytest.mark.parametrize("kind", ["guide", "anti-manuel", "webinaire", "programme"])
def test_a_printed_resource_keeps_its_content_and_drops_the_site(page: Page, print_site: PrintSite, kind: str) -> None:
    resource = print_site.catalogue.by_type[kind][0]
    page.goto(print_site.served.url + resource.url, wait_until="load")
    text = printed_text(page)
    flat = squeezed(text)

    html = parse_html(print_site.site / resource.url / "index.html")
    body = html.select_one("[data-pagefind-body]")
    assert body is not None
    paragraphs = [p.get_text() for p in body.select(":scope > p") if len(p.get_text()) > 40]
    expected = {
        "title": resource.title,
        "publication date": f"Publié le {french_date(resource.date)}",
        "authors": ", ".join(resource.authors),
        "first paragraph of the body": paragraphs[0],
        "last paragraph of the body": paragraphs[-1],
        "licence": resource.licence.name,
        "credit": credit_line(resource, PUBLICATION),
        "address": f"Adresse : {PUBLICATION.absolute(resource.url)}",
        "last update": f"Dernière mise à jour : {french_date(resource.last_modified)}",
    }
    missing = [name for name, words in expected.items() if squeezed(words) not in flat]
    assert missing == [], f"{resource.url}: not printed: {missing}\n{text[:3000]}"
    # The body may use the same words (a guide's own « Pour aller plus loin » section): no more than it does.
    in_body = squeezed(body.get_text())
    printed_chrome = [words for words in CHROME if flat.count(squeezed(words)) > in_body.count(squeezed(words))]
    assert printed_chrome == [], f"{resource.url}: the site's chrome was printed"


def test_the_print_action_opens_the_print_dialog(page: Page, print_site: PrintSite) -> None:
    resource = print_site.catalogue.by_type["guide"][0]
    page.goto(print_site.served.url + resource.url, wait_until="load")
    page.evaluate("() => { window.print = () => { window.commonsPrinted = (window.commonsPrinted || 0) + 1; }; }")
    action = page.get_by_role("button", name="Imprimer ou enregistrer en PDF")
    expect(action).to_be_visible()
    action.click()
    assert page.evaluate("() => window.commonsPrinted") == 1
    page.keyboard.press("Escape")
    action.focus()
    page.keyboard.press("Enter")
    assert page.evaluate("() => window.commonsPrinted") == 2


def test_only_resources_offer_the_print_action(page: Page, print_site: PrintSite) -> None:
    for path in ("", "guides/", "donnees-ouvertes/"):
        page.goto(print_site.served.url + path, wait_until="load")
        assert page.get_by_role("button", name="Imprimer ou enregistrer en PDF").count() == 0, path


def test_without_scripts_the_print_action_stays_hidden(browser_without_scripts: Page, print_site: PrintSite) -> None:
    resource = print_site.catalogue.by_type["guide"][0]
    browser_without_scripts.goto(print_site.served.url + resource.url, wait_until="load")
    assert browser_without_scripts.locator("[data-commons-print]").is_hidden()


@pytest.fixture
def browser_without_scripts(browser: object) -> Iterator[Page]:
    context = browser.new_context(java_script_enabled=False)  # type: ignore[attr-defined]
    yield context.new_page()
    context.close()
