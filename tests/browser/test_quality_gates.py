"""Quality gates on the real site in headless Chromium: accessibility, HTML, privacy, keyboard, safety.

Every page template is visited: home, a resource of each type, each kind of
listing, the timeline, search with results, reuse, about, open data, the
accessibility statement and 404. A failure names the page and the rule.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from bs4 import BeautifulSoup
from playwright.sync_api import Browser, Page

from tests.browser.conftest import BASE_PATH, PAGE_TEMPLATE_NAMES, WIDTHS, GateSite, recorded_dialogs, visit
from tests.conftest import REPO_ROOT

pytestmark = pytest.mark.browser

# WCAG 2.2 AA includes 2.5.8, target size (minimum): axe's "target-size" rule.
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
BLOCKING = {"serious", "critical"}
VNU = REPO_ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
@pytest.mark.parametrize("name", PAGE_TEMPLATE_NAMES)
def test_page_template_passes_axe_and_stays_on_its_origin(
    browser: Browser, gate_site: GateSite, name: str, width: int
) -> None:
    path = gate_site.templates[name]
    context = browser.new_context(locale="fr-FR", viewport={"width": width, "height": 900})
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    try:
        visit(page, gate_site, path)
        results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_22_AA}})
    finally:
        context.close()
    blocking = [v for v in results.response["violations"] if v["impact"] in BLOCKING]
    report = [f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes'][:3]]}" for v in blocking]
    assert report == [], f"page « {name} » ({path}, {width} px) breaks WCAG 2.2 AA rules: {report}"
    origin = gate_site.served.url.split(BASE_PATH)[0]
    outside = [url for url in requests if not url.startswith(origin + "/") and not url.startswith("data:")]
    assert outside == [], f"page « {name} » ({path}) asks third parties: {outside}"


def test_every_page_template_is_valid_html(gate_site: GateSite) -> None:
    files = sorted(
        {_html_file(gate_site.site, path) for path in gate_site.templates.values()}
        & set(gate_site.site.rglob("*.html"))
    )
    checked = subprocess.run(
        ["java", "-jar", str(VNU), "--format", "json", *map(str, files)],
        capture_output=True,
        text=True,
        check=False,
    )
    messages = json.loads(checked.stderr or checked.stdout)["messages"]
    errors = [
        f"{Path(m['url'].removeprefix('file:')).relative_to(gate_site.site)}:{m.get('lastLine')}: {m['message']}"
        for m in messages
        if m["type"] == "error"
    ]
    assert errors == [], "\n".join(errors)
    assert len(files) >= 15


def _html_file(site: Path, path: str) -> Path:
    path = path.split("?", maxsplit=1)[0]
    return (site / path) if path.endswith(".html") else (site / path / "index.html")


def test_the_keyboard_reaches_the_skip_link_with_a_visible_focus(page: Page, gate_site: GateSite) -> None:
    resource = gate_site.catalogue.by_type["guide"][0]
    visit(page, gate_site, resource.url)
    page.keyboard.press("Tab")
    focused = page.evaluate(
        "() => { const e = document.activeElement; const s = getComputedStyle(e);"
        " return {cls: e.className, href: e.getAttribute('href'), outline: s.outlineStyle, width: s.outlineWidth,"
        " opacity: s.opacity}; }"
    )
    assert "md-skip" in focused["cls"], "the first Tab lands on the skip link"
    assert focused["href"].startswith("#") and page.locator(focused["href"]).count() == 1
    assert focused["outline"] != "none", "the skip link shows its focus"
    page.keyboard.press("Enter")
    assert page.evaluate("() => location.hash") == focused["href"]


def test_the_credit_can_be_copied_with_the_keyboard_alone(browser: Browser, gate_site: GateSite) -> None:
    context = browser.new_context(locale="fr-FR")
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=gate_site.served.url.split(BASE_PATH)[0])
    page = context.new_page()
    try:
        resource = gate_site.catalogue.by_type["guide"][0]
        visit(page, gate_site, resource.url)
        button = page.locator(".commons-credit button[data-md-type=copy]")
        assert button.count() == 1, "Material's copy button is on the credit block"
        expected = page.locator(".commons-credit code").inner_text()
        for _ in range(400):  # Tab through the page until the copy button holds the focus
            page.keyboard.press("Tab")
            if page.evaluate("() => document.activeElement.matches('.commons-credit button[data-md-type=copy]')"):
                break
        else:
            pytest.fail("the credit's copy button cannot be reached with Tab")
        outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
        assert outline != "none", "the focused copy button shows its focus"
        page.keyboard.press("Enter")
        assert page.evaluate("() => navigator.clipboard.readText()").strip() == expected.strip()
    finally:
        context.close()


@pytest.mark.parametrize(
    "slug",
    [
        "guides/titre-hostile/",
        "guides/corps-hostile/",
        "webinaires/webinaire-hostile/",
        "programmes/programme-hostile/",
    ],
)
def test_hostile_front_matter_renders_inert(page: Page, gate_site: GateSite, slug: str) -> None:
    dialogs = recorded_dialogs(page)
    visit(page, gate_site, slug)
    page.mouse.move(200, 200)
    page.keyboard.press("Tab")
    page.wait_for_timeout(200)
    assert dialogs == [], f"{slug}: a script ran"
    handlers = page.evaluate(
        "() => [...document.querySelectorAll('*')].flatMap(e => [...e.attributes]"
        ".filter(a => /^on/i.test(a.name) || /^javascript:/i.test(a.value)).map(a => e.tagName + ' ' + a.name))"
    )
    assert handlers == [], f"{slug}: injected attributes {handlers}"
    injected = "article svg[onload], article iframe, details[ontoggle]"
    assert page.evaluate("s => document.querySelectorAll(s).length", injected) == 0
    for script in page.locator('script[type="application/ld+json"]').all_inner_texts():
        json.loads(script)


def test_the_policy_refuses_an_inline_script_the_template_did_not_write(browser: Browser, gate_site: GateSite) -> None:
    context = browser.new_context()
    try:
        page = context.new_page()
        refusals: list[str] = []
        page.on("console", lambda m: refusals.append(m.text) if "Content Security Policy" in m.text else None)
        visit(page, gate_site, "guides/corps-hostile/")
        assert page.evaluate("() => typeof __md_get") == "function", "the theme's own inline script ran"
        page.evaluate(
            "() => { const s = document.createElement('script'); s.textContent = 'window.injected = 1';"
            " document.body.append(s); }"
        )
        page.wait_for_timeout(100)
        assert page.evaluate("() => window.injected") is None
        assert any("script-src" in text for text in refusals), refusals
    finally:
        context.close()


def test_every_page_links_the_accessibility_statement(gate_site: GateSite) -> None:
    for path in gate_site.site.rglob("*.html"):
        page = BeautifulSoup(path.read_text("utf-8"), "lxml")
        if page.select_one(".md-copyright") is None:
            continue  # not a page of the site's layout (e.g. a redirect)
        texts = [a.get_text(strip=True) for a in page.select(".md-copyright a[href]")]
        assert any(t.startswith("Accessibilité") for t in texts), path
