"""Browser fixtures: a fixture site built once, served under a sub-path, and headless Chromium."""

from __future__ import annotations

import datetime
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from commons.catalogue import Catalogue
from commons.model import load_content
from commons.served_site import CHROMIUM, CHROMIUM_ARGS, ServedSite, serve_site
from playwright.sync_api import Browser, Dialog, Page, Playwright, Response, sync_playwright

from tests.conftest import FIXTURES, copy_project

# Every page template, with the name a failure gives it: see GateSite.templates.
PAGE_TEMPLATE_NAMES = [
    "accueil",
    "ressource guide",
    "ressource anti-manuel",
    "ressource webinaire",
    "ressource programme",
    "liste par type",
    "liste d'un thème",
    "index des thèmes",
    "liste d'un public",
    "liste d'une année",
    "index des années",
    "ressources d'un programme",
    "chronologie",
    "recherche avec résultats",
    "réutiliser",
    "à propos",
    "données ouvertes",
    "s'abonner",
    "accessibilité",
    "404",
]
WIDTHS = {"bureau": 1280, "téléphone": 390}

# A GitHub Pages project site: every URL of the site starts with this path.
BASE_PATH = "/centre-de-ressources/"
SITE_URL = f"https://communs.example.org{BASE_PATH}"


@dataclass(frozen=True)
class SearchSite:
    """The built fixture site, being served, and the catalogue it was built from."""

    served: ServedSite
    catalogue: Catalogue

    @property
    def url(self) -> str:
        return self.served.url


@pytest.fixture(scope="session")
def search_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SearchSite]:
    project = copy_project(tmp_path_factory.mktemp("search") / "project")
    for fixtures in ("search", "hostile"):
        shutil.copytree(FIXTURES / fixtures, project.docs, dirs_exist_ok=True)
    config = project.root / "mkdocs.yml"
    lines = config.read_text("utf-8").splitlines(keepends=True)
    config.write_text("".join(f"site_url: {SITE_URL}\n" if ln.startswith("site_url:") else ln for ln in lines), "utf-8")
    built = project.build()
    assert built.returncode == 0, built.stderr
    content = load_content(project.docs, project.root, publisher="Éditeur", today=datetime.date.today())
    catalogue = Catalogue(tuple(content.resources), content.vocabularies)
    with serve_site(project.root / "site", BASE_PATH) as served:
        yield SearchSite(served, catalogue)


@dataclass(frozen=True)
class GateSite:
    served: ServedSite
    site: Path
    catalogue: Catalogue
    templates: dict[str, str]  # name -> path under the base


@pytest.fixture(scope="session")
def gate_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[GateSite]:
    """The sample content plus the hostile fixtures, built and served under a sub-path."""
    project = copy_project(tmp_path_factory.mktemp("gates") / "project", content="sample")
    shutil.copytree(FIXTURES / "hostile", project.docs, dirs_exist_ok=True)
    built = project.build()
    assert built.returncode == 0, built.stderr
    content = load_content(project.docs, project.root, publisher="La 27e Région", today=datetime.date.today())
    catalogue = Catalogue(tuple(content.resources), content.vocabularies)
    first = {kind: resources[0] for kind, resources in catalogue.by_type.items()}
    theme = next(slug for slug in catalogue.vocabularies.themes if slug in catalogue.by_theme)
    audience = next(slug for slug in catalogue.vocabularies.audiences if slug in catalogue.by_audience)
    programme = next(slug for slug in catalogue.by_programme)
    templates = {
        "accueil": "",
        **{f"ressource {kind}": resource.url for kind, resource in first.items()},
        "liste par type": "guides/",
        "liste d'un thème": f"themes/{theme}/",
        "index des thèmes": "themes/",
        "liste d'un public": f"publics/{audience}/",
        "liste d'une année": f"archives/{next(iter(catalogue.by_year))}/",
        "index des années": "archives/",
        "ressources d'un programme": f"programmes/{programme}/ressources/",
        "chronologie": "chronologie/",
        "recherche avec résultats": "recherche/?q=design",
        "réutiliser": "reutiliser/",
        "à propos": "a-propos/",
        "données ouvertes": "donnees-ouvertes/",
        "s'abonner": "s-abonner/",
        "accessibilité": "accessibilite/",
        "404": "404.html",
        "page introuvable": "une/adresse/qui-n-existe-pas/",
    }
    with serve_site(project.root / "site", BASE_PATH) as served:
        yield GateSite(served, project.root / "site", catalogue, templates)


def recorded_dialogs(page: Page) -> list[str]:
    """The messages of every dialog the page opens (each dismissed): a hostile script would open one."""
    dialogs: list[str] = []

    def record(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", record)
    return dialogs


def visit(page: Page, site: GateSite, path: str) -> None:
    page.goto(site.served.url + path, wait_until="load")
    if path.startswith("recherche/"):
        page.wait_for_selector("[data-commons-search][data-state=ready] [data-commons-search-list] > li")
    page.wait_for_load_state("networkidle")


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: `make browser` installs Debian's chromium")
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh browser context per test: no cache, no history, no focus left over.

    The test fails if a script throws, the page's Content-Security-Policy
    refuses something, or a request of the site fails.
    """
    context = browser.new_context(locale="fr-FR")
    page = context.new_page()
    with assert_no_page_errors(page):
        yield page
    context.close()


@contextmanager
def assert_no_page_errors(page: Page) -> Iterator[None]:
    """Fail when, while the block runs, a script throws, the console reports an error or a request fails."""
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on(
        "response", lambda response: errors.append(f"{response.status} {response.url}") if _failed(response) else None
    )
    yield
    assert errors == [], f"the page had errors: {errors}"


def _failed(response: Response) -> bool:
    return response.status >= 400
