"""Browser fixtures: a fixture site built once, served under a sub-path, and headless Chromium."""

from __future__ import annotations

import datetime
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from commons.catalogue import Catalogue
from commons.model import load_content
from measure_search import CHROMIUM, CHROMIUM_ARGS, ServedSite, serve_site
from playwright.sync_api import Browser, Page, Playwright, Response, sync_playwright

from tests.conftest import FIXTURES, copy_project

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
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    # A script, style or WebAssembly module the Content-Security-Policy refused:
    # Chromium says so on the console only.
    page.on(
        "console",
        lambda message: errors.append(message.text) if "Content Security Policy" in message.text else None,
    )
    page.on(
        "response", lambda response: errors.append(f"{response.status} {response.url}") if _failed(response) else None
    )
    yield page
    context.close()
    assert errors == [], f"the page had errors: {errors}"


def _failed(response: Response) -> bool:
    # Material's language switcher fetches sitemap.xml beside every
    # <link rel="alternate">, feeds included: a 404 there is Material's.
    return response.status >= 400 and not response.url.endswith("/sitemap.xml")
