"""Layout gates: every page template looked at in Chromium at 1280 and 390 px, as a person would.

Served under the site's sub-path, as GitHub Pages serves it. What is measured:
no horizontal overflow and no clipped text in the content, the cards' grid
columns, the timeline's bars on their years, the first search result within
a phone's first screen, a French 404 at any depth, and no console error or
failed request on any page (the ``page`` fixture fails the test on either).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, ViewportSize

from tests.browser.conftest import PAGE_TEMPLATE_NAMES, WIDTHS, GateSite, assert_no_page_errors, visit

pytestmark = pytest.mark.browser

PHONE_SCREEN: ViewportSize = {"width": 390, "height": 844}  # a common phone's first screen, in CSS pixels

# Elements of the content that reach past its edges, or whose text is cut by
# their own box. Scroll containers (tables, code) may be wider than the page:
# they scroll, nothing is lost. Visually hidden text (1 px boxes) is meant so.
OFF_LIMITS = """() => {
  const content = document.querySelector("article.md-content__inner");
  const edge = content.getBoundingClientRect();
  const found = [];
  for (const element of content.querySelectorAll("*")) {
    if (element.closest(".md-typeset__scrollwrap, pre, .commons-visually-hidden, .md-search")) continue;
    const style = getComputedStyle(element);
    const box = element.getBoundingClientRect();
    if (style.display === "none" || box.width <= 1 || box.height <= 1) continue;
    const name = element.tagName.toLowerCase() + (element.className ? "." + [...element.classList].join(".") : "");
    if (box.right > edge.right + 1 || box.left < edge.left - 1) found.push(`${name} reaches past the content`);
    const clips = ["hidden", "clip"].includes(style.overflowX) || style.textOverflow === "ellipsis";
    if (clips && element.scrollWidth > element.clientWidth + 1) found.push(`${name} cuts its text`);
  }
  return found;
}"""


@pytest.fixture(params=list(WIDTHS.values()), ids=list(WIDTHS))
def sized_page(request: pytest.FixtureRequest, browser: Browser) -> Iterator[Page]:
    context = browser.new_context(locale="fr-FR", viewport={"width": request.param, "height": 900})
    page = context.new_page()
    with assert_no_page_errors(page):
        yield page
    context.close()


@pytest.mark.parametrize("name", PAGE_TEMPLATE_NAMES)
def test_no_page_template_overflows_or_clips_its_text(sized_page: Page, gate_site: GateSite, name: str) -> None:
    visit(sized_page, gate_site, gate_site.templates[name])
    width = sized_page.viewport_size["width"] if sized_page.viewport_size else 0
    overflow = sized_page.evaluate("() => document.documentElement.scrollWidth")
    assert overflow <= width, f"« {name} » is {overflow} px wide in a {width} px window"
    assert sized_page.evaluate(OFF_LIMITS) == [], f"« {name} » at {width} px"


@pytest.mark.parametrize("name", ["liste par type", "liste d'un thème", "accueil"])
def test_cards_sit_in_a_grid_of_two_columns_or_more_on_a_desktop_and_one_on_a_phone(
    sized_page: Page, gate_site: GateSite, name: str
) -> None:
    visit(sized_page, gate_site, gate_site.templates[name])
    lefts = sized_page.evaluate(
        "() => [...document.querySelector('ol.commons-cards').children]"
        ".map(card => Math.round(card.getBoundingClientRect().left))"
    )
    columns = len(set(lefts))
    width = sized_page.viewport_size["width"] if sized_page.viewport_size else 0
    if width >= 1000:
        assert len(lefts) >= 2 and columns >= 2, f"« {name} »: {columns} column(s) at {width} px"
    else:
        assert columns == 1, f"« {name} »: {columns} columns at {width} px"
    # Themes sit in a row of targets of at least 24 × 24 px, not one per line.
    tags = sized_page.evaluate(
        "() => [...document.querySelectorAll('.commons-card .commons-tags a')].map(a => a.getBoundingClientRect())"
        ".map(b => [b.width, b.height, Math.round(b.top)])"
    )
    assert tags and all(w >= 24 and h >= 24 for w, h, _ in tags)
    assert len({top for _, _, top in tags}) < len(tags), "theme links share rows"


def test_timeline_bars_start_and_end_on_their_years(sized_page: Page, gate_site: GateSite) -> None:
    visit(sized_page, gate_site, gate_site.templates["chronologie"])
    measured = sized_page.evaluate(
        """() => {
          const year = y => document.querySelector(`.commons-timeline__tick[data-year="${y}"]`).getBoundingClientRect();
          return [...document.querySelectorAll(".commons-timeline__bar")].map(bar => {
            const box = bar.getBoundingClientRect();
            const start = year(bar.dataset.start), end = year(bar.dataset.end);
            return {start: bar.dataset.start, left: box.left, right: box.right,
                    startsAt: start.left, endsAt: end.right, yearWidth: start.width};
          });
        }"""
    )
    assert len(measured) == len(gate_site.catalogue.programmes())
    for bar in measured:
        quarter = bar["yearWidth"] / 4
        assert abs(bar["left"] - bar["startsAt"]) <= quarter, bar
        assert abs(bar["right"] - bar["endsAt"]) <= quarter, bar
    labels = sized_page.evaluate(
        "() => [...document.querySelectorAll('.commons-timeline__label')].map(l => l.scrollWidth <= l.clientWidth + 1)"
    )
    assert labels and all(labels), "every programme's name shows whole"


def test_on_a_phone_the_first_result_comes_within_the_first_screen(browser: Browser, gate_site: GateSite) -> None:
    context = browser.new_context(locale="fr-FR", viewport=PHONE_SCREEN)
    page = context.new_page()
    with assert_no_page_errors(page):
        visit(page, gate_site, gate_site.templates["recherche avec résultats"])
        first = page.locator("[data-commons-search-list] > li").first.bounding_box()
        assert first is not None and first["y"] < PHONE_SCREEN["height"], first
        toggle = page.locator("[data-commons-search-toggle]")
        assert page.locator("[data-commons-search-filters]").is_hidden()
        page.locator(".commons-facet:not([hidden]) input").first.wait_for(state="attached")
        toggle.click()
        page.locator(".commons-facet:not([hidden]) input").first.check()
        page.wait_for_selector(".commons-search__chip")
        assert "(1 actif)" in toggle.inner_text()
        # The pane folds again on « Voir les résultats », and the results are in
        # sight: their heading below Material's sticky header, not under it.
        page.locator("[data-commons-search-close]").click()
        assert page.locator("[data-commons-search-filters]").is_hidden()
        heading = page.locator("#commons-search-results-title").bounding_box()
        header = page.locator(".md-header").bounding_box()
        assert heading is not None and header is not None
        assert header["y"] + header["height"] <= heading["y"] < PHONE_SCREEN["height"], (header, heading)
    context.close()


def test_a_missing_address_at_any_depth_gets_the_french_page(browser: Browser, gate_site: GateSite) -> None:
    context = browser.new_context(locale="fr-FR")
    page = context.new_page()
    missing = gate_site.served.url + gate_site.templates["page introuvable"]
    failed: list[str] = []
    page.on("response", lambda r: failed.append(r.url) if r.status >= 400 and r.url != missing else None)
    response = page.goto(missing, wait_until="networkidle")
    assert response is not None and response.status == 404
    assert page.locator("h1").inner_text() == "Page introuvable"
    assert failed == [], "the 404 page's styles and scripts load from the site's sub-path"
    assert page.evaluate("() => getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
    page.fill("#commons-not-found-query", "design")
    page.keyboard.press("Enter")
    page.wait_for_selector("[data-commons-search-list] > li")
    assert page.url.startswith(gate_site.served.url + "recherche/")
    context.close()


# The text of each credit and citation block, line by line, and the copy
# button drawn over the block: no line may run under the button.
TEXT_UNDER_COPY_BUTTONS = """() => {
  const found = [];
  for (const block of document.querySelectorAll('.commons-licence pre')) {
    const button = block.querySelector('.md-code__nav');
    const code = block.querySelector('code');
    if (!button || !code) continue;
    const b = button.getBoundingClientRect();
    const range = document.createRange();
    range.selectNodeContents(code);
    for (const line of range.getClientRects()) {
      const apart = line.right <= b.left || line.left >= b.right || line.bottom <= b.top || line.top >= b.bottom;
      if (!apart && line.width > 0) found.push(code.textContent.slice(0, 40));
    }
  }
  return found;
}"""


@pytest.mark.parametrize("kind", ["guide", "webinaire"])
def test_no_credit_or_citation_runs_under_its_copy_button(sized_page: Page, gate_site: GateSite, kind: str) -> None:
    visit(sized_page, gate_site, gate_site.templates[f"ressource {kind}"])
    buttons = sized_page.locator(".commons-licence pre .md-code__nav")
    buttons.first.wait_for()  # Material's script adds them once the page has loaded
    assert buttons.count() >= 2
    assert sized_page.evaluate(TEXT_UNDER_COPY_BUTTONS) == []


def test_every_filter_checkbox_keeps_its_size_when_its_label_wraps(browser: Browser, gate_site: GateSite) -> None:
    context = browser.new_context(locale="fr-FR", viewport=PHONE_SCREEN)
    page = context.new_page()
    with assert_no_page_errors(page):
        visit(page, gate_site, gate_site.templates["recherche avec résultats"])
        page.locator("[data-commons-search-toggle]").click()
        boxes = page.locator(".commons-facet:not([hidden]) input[type=checkbox]")
        boxes.first.wait_for()
        sizes = boxes.evaluate_all(
            "boxes => boxes.map(b => { const r = b.getBoundingClientRect(); return [r.width, r.height]; })"
        )
        labels = page.locator(".commons-facet:not([hidden]) label").evaluate_all(
            "labels => labels.map(l => l.getClientRects().length > 1 || l.getBoundingClientRect().height > 30)"
        )
        assert any(labels), "some label wraps on a phone, which is the case to check"
        assert len({(round(w), round(h)) for w, h in sizes}) == 1, sizes
    context.close()


COPY_BUTTON_CONTRAST = """() => {
  // Colours as [r, g, b, alpha]; the icon, maybe translucent, is laid over the block.
  const rgba = (colour) => { const c = colour.match(/[\\d.]+/g).map(Number); return c.length === 4 ? c : [...c, 1]; };
  const luminance = (rgb) => {
    const [r, g, b] = rgb.map((c) => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  return [...document.querySelectorAll('.commons-licence pre')].map((block) => {
    const ground = rgba(getComputedStyle(block.querySelector('code')).backgroundColor).slice(0, 3);
    const [r, g, b, a] = rgba(getComputedStyle(block.querySelector('.md-code__button')).color);
    const icon = [r, g, b].map((c, i) => a * c + (1 - a) * ground[i]);
    const [lighter, darker] = [luminance(icon), luminance(ground)].sort((x, y) => y - x);
    return (lighter + 0.05) / (darker + 0.05);
  });
}"""


def test_copy_buttons_show_without_hover(browser: Browser, gate_site: GateSite) -> None:
    # A phone has no hover: the button must read as a control at once.
    context = browser.new_context(locale="fr-FR", viewport=PHONE_SCREEN, has_touch=True)
    page = context.new_page()
    with assert_no_page_errors(page):
        visit(page, gate_site, gate_site.templates["ressource guide"])
        page.locator(".commons-licence pre .md-code__button").first.wait_for()
        ratios = page.evaluate(COPY_BUTTON_CONTRAST)
        assert len(ratios) >= 2 and min(ratios) >= 3, ratios
    context.close()


# The focused element and whether a person sees it: it is what the browser
# finds at its own place on the screen, not something covering it.
FOCUS_IN_SIGHT = """() => {
  const focused = document.activeElement;
  const box = focused.getBoundingClientRect();
  const found = document.elementFromPoint(box.left + Math.min(box.width / 2, 20), box.top + box.height / 2);
  const name = (focused.getAttribute("aria-label") || focused.textContent).trim().replace(/\\s+/g, " ");
  return {name, seen: found !== null && (found === focused || focused.contains(found)),
          inDrawer: !!focused.closest(".md-sidebar--primary"), inContent: !!focused.closest(".md-content")};
}"""


def test_on_a_phone_the_menu_takes_the_keyboard_only_where_it_shows(browser: Browser, gate_site: GateSite) -> None:
    # Material's drawer sits off screen with its links in the tab order, and
    # its button and section titles are labels a keyboard cannot reach.
    context = browser.new_context(locale="fr-FR", viewport=PHONE_SCREEN)
    page = context.new_page()
    drawer_open = "() => document.getElementById('__drawer').checked"
    menu = page.locator(".commons-menu-button")

    def tab(key: str = "Tab") -> dict[str, object]:
        page.keyboard.press(key)
        stop: dict[str, object] = page.evaluate(FOCUS_IN_SIGHT)
        return stop

    with assert_no_page_errors(page):
        visit(page, gate_site, gate_site.templates["liste par type"])
        stops = [tab()]
        while not stops[-1]["inContent"] and len(stops) < 20:
            stops.append(tab())
        assert [stop for stop in stops if not stop["seen"] or stop["inDrawer"]] == [], stops
        assert "Menu" in [stop["name"] for stop in stops]

        # The menu opens on the current page's entry; every entry tabbed to is
        # in sight, and tabbing past the last one closes the menu.
        menu.focus()
        page.keyboard.press("Enter")
        assert menu.get_attribute("aria-expanded") == "true"
        page.wait_for_function(f"() => ({FOCUS_IN_SIGHT})().seen")
        assert page.evaluate(FOCUS_IN_SIGHT)["name"] == "Guides"
        entries = [tab()]
        while entries[-1]["inDrawer"] and len(entries) < 20:
            entries.append(tab())
        assert [entry["name"] for entry in entries[:-1]] == [
            "Anti-manuels", "Webinaires", "Programmes", "Chronologie des programmes"
        ]  # fmt: skip
        assert all(entry["seen"] for entry in entries[:-1]), entries
        assert not page.evaluate(drawer_open)

        # Back to the top level from the section's title, and into the section again.
        menu.focus()
        page.keyboard.press(" ")
        page.wait_for_function(f"() => ({FOCUS_IN_SIGHT})().seen")
        assert tab("Shift+Tab")["name"] == "Ressources"  # the title atop the section, which goes back
        page.keyboard.press("Enter")
        page.wait_for_function(f"() => ({FOCUS_IN_SIGHT})().seen")
        assert page.evaluate(FOCUS_IN_SIGHT)["name"] == "Ressources"
        page.locator('label.md-nav__title[for^="__nav"]').wait_for(state="hidden")  # once it has slid out
        assert [tab("Shift+Tab")["name"], tab()["name"], tab()["name"], tab()["name"]] == [
            "Accueil", "Ressources", "Explorer", "À propos"
        ]  # fmt: skip
        page.wait_for_function(f"() => ({FOCUS_IN_SIGHT})().seen")
        tab("Shift+Tab"), tab("Shift+Tab")
        page.keyboard.press("Enter")
        page.wait_for_function(f"() => ({FOCUS_IN_SIGHT})().seen")
        assert page.evaluate(FOCUS_IN_SIGHT)["name"] == "Guides"

        page.keyboard.press("Escape")
        assert not page.evaluate(drawer_open)
        assert menu.get_attribute("aria-expanded") == "false"
        assert page.evaluate("() => document.activeElement.classList.contains('commons-menu-button')")
    context.close()


def test_without_scripts_the_menu_opens_on_a_phone_by_material_s_label(browser: Browser, gate_site: GateSite) -> None:
    context = browser.new_context(locale="fr-FR", viewport=PHONE_SCREEN, java_script_enabled=False)
    page = context.new_page()
    page.goto(gate_site.served.url + gate_site.templates["liste par type"])
    assert page.locator(".commons-menu-button").is_hidden()  # a button no script wires would do nothing
    page.locator('.md-header label[for="__drawer"]').click()
    page.locator(".md-sidebar--primary .md-nav__link", has_text="Anti-manuels").wait_for(state="visible")
    context.close()


@pytest.mark.parametrize("name", PAGE_TEMPLATE_NAMES)
def test_every_page_template_skips_to_the_start_of_its_content(page: Page, gate_site: GateSite, name: str) -> None:
    # Material writes « Aller au contenu » only where the Markdown has
    # headings, and aims it at the first, past a resource's title and licence.
    visit(page, gate_site, gate_site.templates[name])
    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    assert skip.inner_text() == "Aller au contenu", name
    assert skip.is_visible()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    landed = page.evaluate("""() => {
      const content = document.querySelector(".md-content");
      const first = [...content.querySelectorAll("a[href], button, input, summary, [tabindex='0']")]
        .find((element) => element.getClientRects().length > 0);
      return {onTheFirstControl: document.activeElement === first,
              titleInSight: content.querySelector("h1").getBoundingClientRect().bottom > 0};
    }""")
    assert landed == {"onTheFirstControl": True, "titleInSight": True}, name


# Where the focused element is, against what stays on top of the page: the
# sticky header and « Retour en haut », which shows while the page goes up.
# An element that fits below them must be clear of them; a taller one (a
# table that scrolls) must show below them in part.
FOCUS_UNDER_STICKY_PARTS = """() => {
  const focused = document.activeElement;
  if (focused === document.body || focused.closest(".md-header, .md-skip, .md-top")) return null;
  const box = focused.getBoundingClientRect();
  const parts = [document.querySelector(".md-header"), document.querySelector(".md-top:not([hidden])")]
    .filter((part) => part && getComputedStyle(part).opacity > 0.1)
    .map((part) => part.getBoundingClientRect())
    .filter((part) => box.left < part.right && box.right > part.left);
  const clearBelow = Math.max(...parts.map((part) => part.bottom));
  const fits = box.height <= innerHeight - clearBelow;
  const hidden = fits ? box.top < clearBelow : box.bottom <= clearBelow;
  const name = `${focused.tagName} « ${focused.textContent.trim().slice(0, 40)} »`;
  return hidden ? `${name} at ${Math.round(box.top)} px` : null;
}"""


def test_going_back_up_with_the_keyboard_no_focus_hides_under_the_header(browser: Browser, gate_site: GateSite) -> None:
    context = browser.new_context(locale="fr-FR", viewport=PHONE_SCREEN)
    page = context.new_page()
    with assert_no_page_errors(page):
        visit(page, gate_site, gate_site.templates["ressource guide"])
        page.locator(".md-footer-meta a").last.focus()
        hidden = []
        for _ in range(40):
            page.keyboard.press("Shift+Tab")
            page.wait_for_timeout(300)  # Material shows « Retour en haut » once the page has scrolled up
            hidden.append(page.evaluate(FOCUS_UNDER_STICKY_PARTS))
        assert [stop for stop in hidden if stop] == []
    context.close()


def test_on_a_phone_tables_notes_and_citations_read_at_14_px_or_more(browser: Browser, gate_site: GateSite) -> None:
    # Material sets them at 12.8 px (the BibTeX at 10.9 px), small on a phone.
    context = browser.new_context(locale="fr-FR", viewport=PHONE_SCREEN)
    page = context.new_page()
    sizes: dict[str, float] = {}
    for path in [resource.url for resource in gate_site.catalogue.published] + ["donnees-ouvertes/"]:
        visit(page, gate_site, path)
        for selector in ("table:not([class]) td", ".admonition p", ".commons-citation-formats pre code"):
            found = page.locator(f".md-content {selector}")
            if found.count():
                size = found.first.evaluate("element => parseFloat(getComputedStyle(element).fontSize)")
                sizes[selector] = min(size, sizes.get(selector, size))
    assert set(sizes) == {"table:not([class]) td", ".admonition p", ".commons-citation-formats pre code"}
    assert min(sizes.values()) >= 13.5, sizes
    # The open data's tables fit the phone, their long file names broken.
    visit(page, gate_site, "donnees-ouvertes/")
    widths = page.locator(".md-content .md-typeset__table").evaluate_all(
        "tables => tables.map(t => [t.scrollWidth, t.clientWidth])"
    )
    assert widths and all(scroll <= client for scroll, client in widths), widths
    context.close()


PLACEHOLDER_CONTRAST = """() => {
  const rgba = (colour) => { const c = colour.match(/[\\d.]+/g).map(Number); return c.length === 4 ? c : [...c, 1]; };
  const over = ([r, g, b, a], ground) => [r, g, b].map((c, i) => a * c + (1 - a) * ground[i]);
  const luminance = (rgb) => {
    const [r, g, b] = rgb.map((c) => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const field = document.getElementById("commons-header-search-input");
  const header = rgba(getComputedStyle(document.querySelector(".md-header")).backgroundColor);
  const ground = over(rgba(getComputedStyle(field).backgroundColor), header);
  const text = over(rgba(getComputedStyle(field, "::placeholder").color), ground);
  const [lighter, darker] = [luminance(text), luminance(ground)].sort((x, y) => y - x);
  return (lighter + 0.05) / (darker + 0.05);
}"""


def test_the_header_search_s_placeholder_reads_at_4_5_to_1(page: Page, gate_site: GateSite) -> None:
    # On wide screens it is the field's only visible label.
    page.set_viewport_size({"width": 1280, "height": 800})
    visit(page, gate_site, "")
    assert page.evaluate(PLACEHOLDER_CONTRAST) >= 4.5


def test_on_a_phone_the_search_page_does_not_jump_as_its_results_come(browser: Browser, gate_site: GateSite) -> None:
    # Web Vitals call a cumulative layout shift under 0.1 good; the footer,
    # drawn before the results and then pushed away, cost 0.18.
    context = browser.new_context(locale="fr-FR", viewport=PHONE_SCREEN, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.add_init_script(
        "window.commonsShifts = [];"
        "new PerformanceObserver((list) => list.getEntries().forEach((entry) => commonsShifts.push(entry.value)))"
        ".observe({type: 'layout-shift', buffered: true});"
    )
    with assert_no_page_errors(page):
        visit(page, gate_site, gate_site.templates["recherche avec résultats"])
        page.evaluate("() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))")
        shifts = page.evaluate("() => commonsShifts")
        assert sum(shifts) < 0.1, shifts
    context.close()


def test_every_navigation_landmark_of_a_resource_page_has_a_name(page: Page, gate_site: GateSite) -> None:
    # Material wraps each copy button in a <nav>: four unnamed landmarks.
    visit(page, gate_site, gate_site.templates["ressource guide"])
    page.locator(".md-code__nav").first.wait_for(state="attached")
    unnamed = page.evaluate(
        "() => [...document.querySelectorAll('nav:not([role=none])')]"
        ".filter((nav) => !nav.getAttribute('aria-label') && !nav.getAttribute('aria-labelledby'))"
        ".map((nav) => nav.className)"
    )
    assert unnamed == []
