"""Search in a real headless Chromium, on the fixture site served under a sub-path.

Expected results and counts come from the domain (``search_record`` of each
published resource), never from the page under test.
"""

from __future__ import annotations

import json
import re
import time
from typing import Any
from urllib.parse import parse_qs, quote, urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from commons.model import Resource
from commons.search_browsing import BROWSE_FOLDER, FACETS_FILE
from commons.search_records import FACETS, search_record
from commons.served_site import Transfer
from playwright.sync_api import Browser, Locator, Page, expect

from tests.browser.conftest import BASE_PATH, GateSite, SearchSite, recorded_dialogs

pytestmark = pytest.mark.browser

SEARCH = "[data-commons-search]"
RESULT_LINKS = "[data-commons-search-list] > li h3 a"
STATUS = "[data-commons-search-status]"


def open_search(page: Page, site: SearchSite, query: str = "") -> None:
    page.goto(f"{site.url}recherche/{query}")
    expect(page.locator(f"{SEARCH}[data-state=ready]")).to_be_attached()


def wait_ready(page: Page) -> None:
    expect(page.locator(f"{SEARCH}[data-state=ready]")).to_be_attached()


def result_titles(page: Page) -> list[str]:
    wait_ready(page)
    return page.locator(RESULT_LINKS).all_inner_texts()


def by_title(site: SearchSite) -> dict[str, Resource]:
    return {r.title: r for r in site.catalogue.published}


def matching(site: SearchSite, titles: list[str], chosen: dict[str, list[str]]) -> list[str]:
    """The titles among ``titles`` that have, for every chosen facet, one of its chosen values."""
    resources = by_title(site)

    def kept(title: str) -> bool:
        facets = search_record(resources[title], site.catalogue).facets
        return all(set(values) & set(facets.get(key, ())) for key, values in chosen.items())

    return sorted(title for title in titles if kept(title))


def facet_box(page: Page, key: str, value: str) -> Locator:
    return page.locator(f'[data-facet="{key}"] input[type=checkbox][value="{value}"]')


def shown_counts(page: Page, key: str) -> dict[str, int]:
    counts = {}
    for item in page.locator(f'[data-facet="{key}"] li').all():
        value = item.locator(".commons-facet__value").inner_text()
        count = item.locator(".commons-facet__count").inner_text()
        counts[value] = int(count.strip("()"))
    return counts


def test_a_query_finds_the_expected_resource_and_its_link_works_under_the_sub_path(
    page: Page, search_site: SearchSite
) -> None:
    open_search(page, search_site, "?q=bestiaire")  # a word found only in a title
    expect(page.locator(RESULT_LINKS)).to_have_text(["Le bestiaire des marchés publics"])
    result = page.locator("[data-commons-search-list] > li").first
    expect(result.locator(".commons-badge").first).to_have_text("Anti-manuel")
    expect(result.locator("time")).to_have_attribute("datetime", "2023-05-10")
    expect(result.locator("time")).to_have_text("10 mai 2023")
    expect(result.locator(".commons-result__licence")).to_have_text("Licence CC BY-NC-SA 4.0")
    expect(result.locator(".commons-badge--non-libre")).to_have_text("non libre")
    expect(result.locator(".commons-result__summary")).to_have_text(
        by_title(search_site)["Le bestiaire des marchés publics"].description
    )
    expect(page.locator(STATUS)).to_have_text("1 ressource trouvée pour « bestiaire ».")

    link = page.locator(RESULT_LINKS).first
    assert link.get_attribute("href") == f"{BASE_PATH}guides/le-bestiaire-des-marches/"
    link.click()
    page.wait_for_url(f"{search_site.url}guides/le-bestiaire-des-marches/")
    expect(page.locator("h1")).to_have_text("Le bestiaire des marchés publics")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("evenement", "Organiser un événement de quartier avec les habitants"),  # no accents → « événement »
        ("événement", "Organiser un événement de quartier avec les habitants"),
        ("cooperatives", "Acheter du design à plusieurs"),  # plural, no accents → « coopérative »
    ],
)
def test_french_queries_fold_accents_and_stem(page: Page, search_site: SearchSite, query: str, expected: str) -> None:
    open_search(page, search_site, f"?q={query}")
    assert expected in result_titles(page)  # its text has the word only in another form


def test_only_published_resources_are_results(page: Page, search_site: SearchSite) -> None:
    open_search(page, search_site, "?q=zygomatique")  # only in a draft
    expect(page.locator(STATUS)).to_have_text(re.compile(r"^Aucune ressource trouvée"))
    assert result_titles(page) == []
    open_search(page, search_site, "?q=cherchez")  # only in the search page's own text
    expect(page.locator(STATUS)).to_have_text(re.compile(r"^Aucune ressource trouvée"))
    open_search(page, search_site, "?q=fixture")
    titles = set(result_titles(page))
    assert titles <= set(by_title(search_site)), "a non-resource page or a draft became a result"
    assert "Un brouillon zygomatique à ne jamais trouver" not in titles


@pytest.mark.parametrize("key", list(FACETS))
def test_each_facet_shows_counts_and_narrows_the_results(page: Page, search_site: SearchSite, key: str) -> None:
    open_search(page, search_site, "?q=fixture")
    resources = by_title(search_site)
    before = result_titles(page)
    assert len(before) >= 4
    facets_of = {title: search_record(resources[title], search_site.catalogue).facets for title in before}

    expected_counts: dict[str, int] = {}
    for facets in facets_of.values():
        for value in facets.get(key, ()):
            expected_counts[value] = expected_counts.get(value, 0) + 1
    shown = shown_counts(page, key)
    assert {v: c for v, c in shown.items() if c} == expected_counts

    # The value that narrows the most while keeping at least one result.
    value = min(expected_counts, key=lambda v: (expected_counts[v], v))
    assert expected_counts[value] < len(before), f"no value of « {key} » narrows the fixture results"
    facet_box(page, key, value).check()
    expect(page).to_have_url(re.compile(rf"[?&]{key}="))
    expected = matching(search_site, before, {key: [value]})
    expect(page.locator(RESULT_LINKS)).to_have_count(len(expected))
    assert sorted(result_titles(page)) == expected
    count = len(expected)
    status = f"{count} ressource{'s' if count > 1 else ''} trouvée{'s' if count > 1 else ''} pour «\u202ffixture\u202f»"
    expect(page.locator(STATUS)).to_have_text(re.compile(f"^{status} avec les filtres choisis"))
    # The chosen facet keeps counting as if it were not chosen, so that a
    # second value can be added.
    assert {v: c for v, c in shown_counts(page, key).items() if c} == expected_counts


def test_values_of_one_facet_add_up_and_facets_narrow_each_other(page: Page, search_site: SearchSite) -> None:
    open_search(page, search_site, "?q=fixture")
    everything = result_titles(page)
    chosen: dict[str, list[str]] = {}
    for key, value in [("type", "Guide"), ("type", "Webinaire"), ("theme", "Commande publique")]:
        facet_box(page, key, value).check()
        chosen.setdefault(key, []).append(value)
        expected = matching(search_site, everything, chosen)
        expect(page.locator(RESULT_LINKS)).to_have_count(len(expected))
        assert sorted(result_titles(page)) == expected, chosen
    assert 0 < len(expected) < len(matching(search_site, everything, {"type": ["Guide", "Webinaire"]}))


def test_a_url_with_a_query_and_filters_restores_the_same_search(page: Page, search_site: SearchSite) -> None:
    open_search(page, search_site)
    page.fill("[data-commons-search-input]", "fixture")
    page.press("[data-commons-search-input]", "Enter")
    expect(page).to_have_url(re.compile(r"\?q=fixture$"))
    everything = result_titles(page)
    facet_box(page, "public", "Acheteurs publics").check()
    expect(page).to_have_url(re.compile(r"public=Acheteurs"))
    buyers = matching(search_site, everything, {"public": ["Acheteurs publics"]})
    expect(page.locator(RESULT_LINKS)).to_have_count(len(buyers))
    facet_box(page, "licence", "Libre").check()
    expect(page).to_have_url(re.compile(r"licence=Libre"))
    expected = matching(search_site, everything, {"public": ["Acheteurs publics"], "licence": ["Libre"]})
    assert 0 < len(expected) < len(buyers)
    expect(page.locator(RESULT_LINKS)).to_have_count(len(expected))
    titles = result_titles(page)
    assert sorted(titles) == expected
    shared = page.url
    assert parse_qs(urlsplit(shared).query) == {"q": ["fixture"], "public": ["Acheteurs publics"], "licence": ["Libre"]}

    other = page.context.new_page()
    other.goto(shared)
    wait_ready(other)
    expect(other.locator("[data-commons-search-input]")).to_have_value("fixture")
    expect(facet_box(other, "public", "Acheteurs publics")).to_be_checked()
    expect(facet_box(other, "licence", "Libre")).to_be_checked()
    assert result_titles(other) == titles

    # The back button undoes one filter at a time, then the query.
    page.go_back()
    expect(facet_box(page, "licence", "Libre")).not_to_be_checked()
    expect(facet_box(page, "public", "Acheteurs publics")).to_be_checked()
    expect(page.locator(RESULT_LINKS)).to_have_count(len(buyers))
    assert sorted(result_titles(page)) == buyers
    page.go_back()
    page.go_back()
    expect(page.locator("[data-commons-search-input]")).to_have_value("")
    # No words, no filter: the latest resources, newest first, ten at a time.
    published = {r.title: r.date for r in search_site.catalogue.published}
    expect(page.locator(RESULT_LINKS)).to_have_count(min(10, len(published)))
    dates = [published[title] for title in result_titles(page)]
    assert dates == sorted(dates, reverse=True)


def test_the_header_search_is_usable_by_keyboard_alone(page: Page, search_site: SearchSite) -> None:
    page.goto(f"{search_site.url}guides/le-bestiaire-des-marches/")
    page.keyboard.press("/")
    expect(page.locator("#commons-header-search-input")).to_be_focused()
    page.keyboard.type("quartier")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{search_site.url}recherche/?q=quartier")
    expect(page.locator(RESULT_LINKS)).to_have_text(["Organiser un événement de quartier avec les habitants"])

    # On the search page, `/` goes to the page's own field.
    page.keyboard.press("/")
    expect(page.locator("[data-commons-search-input]")).to_be_focused()
    page.keyboard.press("Tab")  # the submit button
    page.keyboard.press("Tab")  # the link that skips the filter pane
    expect(page.locator(".commons-search__skip")).to_be_focused()
    page.keyboard.press("Tab")
    first_box = page.locator("[data-facet] input[type=checkbox]").first
    expect(first_box).to_be_focused()
    page.keyboard.press("Space")
    expect(first_box).to_be_checked()
    expect(page).to_have_url(re.compile(r"type="))
    page.keyboard.press("Space")
    expect(first_box).not_to_be_checked()

    page.keyboard.press("Shift+Tab")
    expect(page.locator(".commons-search__skip")).to_be_focused()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    link = page.locator(RESULT_LINKS).first
    expect(link).to_be_focused()
    page.keyboard.press("Enter")
    page.wait_for_url(f"{search_site.url}guides/organiser-un-evenement/")


def test_on_narrow_screens_the_header_button_and_shortcut_open_the_search_page(
    page: Page, search_site: SearchSite
) -> None:
    page.set_viewport_size({"width": 400, "height": 800})
    page.goto(f"{search_site.url}guides/le-bestiaire-des-marches/")
    expect(page.locator("#commons-header-search-input")).to_be_hidden()
    page.keyboard.press("/")
    page.wait_for_url(re.compile(rf"{BASE_PATH}recherche/(\?q=)?$"))
    wait_ready(page)
    expect(page.locator("[data-commons-search-input]")).to_be_focused()


def test_on_a_touch_screen_the_empty_search_page_leaves_the_focus_alone(
    browser: Browser, search_site: SearchSite
) -> None:
    # Focusing the field would bring the phone's keyboard up over the page.
    phone: dict[str, Any] = {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True}
    context = browser.new_context(locale="fr-FR", **phone)
    page = context.new_page()
    open_search(page, search_site)
    expect(page.locator(RESULT_LINKS).first).to_be_visible()
    assert page.evaluate("() => document.activeElement === document.body")
    context.close()


def test_the_search_page_with_results_and_filters_passes_axe(page: Page, search_site: SearchSite) -> None:
    open_search(page, search_site, "?q=fixture&type=Guide")
    expect(page.locator(RESULT_LINKS).first).to_be_visible()
    results = Axe().run(page, options={"runOnly": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]})
    serious = [v for v in results.response["violations"] if v["impact"] in {"serious", "critical"}]
    assert serious == [], [(v["id"], [n["target"] for n in v["nodes"]]) for v in serious]


def test_hostile_front_matter_stays_text_in_results(page: Page, search_site: SearchSite) -> None:
    dialogs = recorded_dialogs(page)
    hostile = next(r for r in search_site.catalogue.published if r.slug == "titre-hostile")
    open_search(page, search_site, "?q=ordinaire")
    expect(page.locator(RESULT_LINKS)).to_have_text([hostile.title])
    expect(page.locator(".commons-result__summary")).to_have_text([hostile.description])
    assert page.locator("[data-commons-search-list] img, [data-commons-search-list] script").count() == 0
    assert dialogs == []


def test_filters_alone_list_matching_resources_newest_first(page: Page, search_site: SearchSite) -> None:
    open_search(page, search_site, "?type=Guide&type=Anti-manuel")
    expected = [r.title for r in search_site.catalogue.published if r.type.label in {"Guide", "Anti-manuel"}]
    assert len(expected) > 2
    expect(page.locator(RESULT_LINKS)).to_have_text(expected)  # the catalogue's order: newest first


def test_on_the_sample_content_titles_and_descriptions_outrank_the_body(page: Page, gate_site: GateSite) -> None:
    page.goto(f"{gate_site.served.url}recherche/?q=achat+public")
    wait_ready(page)
    assert page.locator(RESULT_LINKS).first.inner_text().startswith("Acheter du design de politiques publiques")
    # Each result shows an excerpt with the matched words highlighted.
    excerpt = page.locator("[data-commons-search-list] > li").first.locator(".commons-result__excerpt")
    assert excerpt.locator("mark").count() >= 1


def test_labels_every_resource_shares_are_not_words_of_the_index(page: Page, gate_site: GateSite) -> None:
    published = len(gate_site.catalogue.published)
    webinars = len(gate_site.catalogue.by_type["webinaire"])
    page.goto(f"{gate_site.served.url}recherche/?q=webinaire")
    wait_ready(page)
    counted = re.match(r"(\d+)", page.locator(STATUS).inner_text())
    assert counted is not None
    found = int(counted.group(1))
    assert webinars <= found < published - 4, f"« webinaire » matches {found} of {published} resources"


def test_a_facet_with_a_single_value_is_not_shown(page: Page, gate_site: GateSite) -> None:
    page.goto(f"{gate_site.served.url}recherche/")
    wait_ready(page)
    licences = {search_record(r, gate_site.catalogue).facets["licence"] for r in gate_site.catalogue.published}
    facet = page.locator('[data-facet="licence"]')
    if len(licences) == 1:
        expect(facet).to_be_hidden()
    else:
        expect(facet).to_be_attached()
    # Without words or filters, the latest resources show, newest first.
    expect(page.locator(RESULT_LINKS)).to_have_count(min(10, len(gate_site.catalogue.published)))


def test_a_search_with_no_result_says_what_to_try(page: Page, search_site: SearchSite) -> None:
    open_search(page, search_site, "?q=zzzqqqxxx")
    expect(page.locator(STATUS)).to_have_text(re.compile("^Aucune ressource trouvée"))
    advice = page.locator("[data-commons-search-advice]")
    expect(advice).to_be_visible()
    assert advice.locator("a").count() >= 2


def test_chosen_filters_show_as_chips_that_remove_them(page: Page, search_site: SearchSite) -> None:
    open_search(page, search_site, "?q=fixture")
    before = result_titles(page)
    value = page.locator('[data-facet="type"] input').first.get_attribute("value")
    assert value is not None
    facet_box(page, "type", value).check()
    chip = page.locator(".commons-search__chip")
    expect(chip).to_have_count(1)
    expect(chip).to_contain_text(f"Type : {value}")
    chip.click()
    expect(chip).to_have_count(0)
    expect(page.locator(RESULT_LINKS)).to_have_count(len(before))
    assert "type=" not in page.url


def pagefind_fetches(transfers: list[Transfer], folder: str) -> list[str]:
    """The distinct files under ``pagefind/<folder>/`` among ``transfers``."""
    prefix = f"{BASE_PATH}pagefind/{folder}/"
    return sorted({t.path for t in transfers if t.path.startswith(prefix)})


def browse_fetches(transfers: list[Transfer]) -> list[str]:
    """The distinct files of the browse index among ``transfers``."""
    return sorted({t.path for t in transfers if t.path.startswith(f"{BASE_PATH}{BROWSE_FOLDER}/")})


def test_the_search_page_fetches_the_fragments_of_the_results_it_shows_only(page: Page, gate_site: GateSite) -> None:
    # The gate on a search's weight: at 2,000 resources a search without
    # words fetches every chunk of the index (about 1 MB) and every listed
    # result costs a fragment. Opening the page costs neither: the latest
    # resources come from the page itself.
    served = gate_site.served
    pagefind = gate_site.site / "pagefind"
    chunks = len(list((pagefind / "index").glob("*.pf_index")))
    fragments = len(list((pagefind / "fragment").glob("*.pf_fragment")))
    published = gate_site.catalogue.published
    assert len(published) > 10 and chunks > 1 and fragments == len(published)

    opened = time.monotonic()
    page.goto(f"{served.url}recherche/")
    wait_ready(page)
    page.wait_for_load_state("networkidle")
    on_opening = served.since(opened)
    assert pagefind_fetches(on_opening, "fragment") == []
    assert pagefind_fetches(on_opening, "index") == []
    assert browse_fetches(on_opening) == []  # only a search without words reads the browse index
    assert result_titles(page) == [r.title for r in published[:10]]
    expect(page.locator(STATUS)).to_contain_text(f"Les {len(published)} ressources publiées")

    # A query fetches the index chunks of its word and the fragments of the
    # ten results it shows, not those of every match.
    typed = time.monotonic()
    page.fill("[data-commons-search-input]", "design")
    page.press("[data-commons-search-input]", "Enter")
    expect(page).to_have_url(re.compile(r"\?q=design$"))
    wait_ready(page)
    page.wait_for_load_state("networkidle")
    counted = re.match(r"(\d+) ressources trouvées", page.locator(STATUS).inner_text())
    assert counted is not None and int(counted.group(1)) > 10
    on_query = served.since(typed)
    assert browse_fetches(on_query) == []  # words go to Pagefind alone
    assert len(pagefind_fetches(on_query, "fragment")) == page.locator(RESULT_LINKS).count() == 10
    assert 0 < len(pagefind_fetches(on_query, "index")) < chunks

    # « Afficher plus de résultats » fetches the next ten fragments.
    more = page.locator("[data-commons-search-more]")
    asked = time.monotonic()
    more.click()
    expect(page.locator(RESULT_LINKS)).to_have_count(min(20, int(counted.group(1))))
    page.wait_for_load_state("networkidle")
    assert len(pagefind_fetches(served.since(asked), "fragment")) == min(10, int(counted.group(1)) - 10)
    assert browse_fetches(served.since(asked)) == []


def test_more_of_the_latest_resources_lists_every_one_once_newest_first(page: Page, gate_site: GateSite) -> None:
    published = gate_site.catalogue.published
    page.goto(f"{gate_site.served.url}recherche/")
    wait_ready(page)
    more = page.locator("[data-commons-search-more]")
    shown = 10
    while shown < len(published):
        more.click()
        expect(page.locator(RESULT_LINKS)).to_have_count(min(shown + 10, len(published)))
        wait_ready(page)
        # Keyboard users land on the first new result.
        expect(page.locator(RESULT_LINKS).nth(shown)).to_be_focused()
        shown = min(shown + 10, len(published))
    expect(more).to_be_hidden()
    titles = result_titles(page)
    assert sorted(titles) == sorted(r.title for r in published)
    dates = {r.title: r.date for r in published}
    assert [dates[t] for t in titles] == sorted((dates[t] for t in titles), reverse=True)


def test_hostile_front_matter_stays_text_in_the_latest_resources(page: Page, search_site: SearchSite) -> None:
    dialogs = recorded_dialogs(page)
    open_search(page, search_site)
    latest = [r.title for r in search_site.catalogue.published[:10]]
    assert any("<" in title for title in latest)
    expect(page.locator(RESULT_LINKS)).to_have_text(latest)
    assert page.locator("[data-commons-search-list] img, [data-commons-search-list] script").count() == 0
    assert dialogs == []


# --- Searches without words: the browse index (commons.search_browsing) ----------

PAGEFIND_ANSWER = """async ([siteRoot, chosen, keys]) => {
  // Pagefind's own answer for a search without words, as the page asked it
  // before the browse index: newest first, and each facet counted with the
  // other facets' choices only.
  const pagefind = await import(new URL("pagefind/pagefind.js", siteRoot).href);
  await pagefind.options({ baseUrl: new URL(siteRoot).pathname, noWorker: true });
  const options = (filters) => ({
    filters: Object.fromEntries(Object.entries(filters).map(([key, values]) => [key, { any: values }])),
    sort: { date: "desc" },
  });
  const main = await pagefind.search(null, options(chosen));
  const results = await Promise.all(main.results.map((result) => result.data()));
  const counts = {};
  for (const key of keys) {
    const others = Object.fromEntries(Object.entries(chosen).filter(([other]) => other !== key));
    counts[key] = (await pagefind.search(null, options(others))).filters[key] || {};
  }
  return { results: results.map((data) => ({ url: data.url, meta: data.meta })), counts };
}"""


def pagefind_answer(page: Page, site: SearchSite, chosen: dict[str, list[str]]) -> dict[str, Any]:
    answer: dict[str, Any] = page.evaluate(PAGEFIND_ANSWER, [site.url, chosen, list(FACETS)])
    return answer


def every_result(page: Page) -> list[tuple[str, str]]:
    """(address, title) of every result, after « Afficher plus de résultats » as often as it shows."""
    more = page.locator("[data-commons-search-more]")
    wait_ready(page)
    while more.is_visible():
        shown = page.locator(RESULT_LINKS).count()
        more.click()
        expect(page.locator(RESULT_LINKS)).not_to_have_count(shown)
        wait_ready(page)
    links = page.locator(RESULT_LINKS)
    return [(link.get_attribute("href") or "", link.inner_text()) for link in links.all()]


def wordless_searches(site: SearchSite) -> list[dict[str, list[str]]]:
    """One search per facet value the fixtures use, and values that add up across two facets."""
    values: dict[str, set[str]] = {}
    for resource in site.catalogue.published:
        for key, found in search_record(resource, site.catalogue).facets.items():
            values.setdefault(key, set()).update(found)
    searches = [{key: [value]} for key in FACETS for value in sorted(values[key])]
    searches.append({"type": ["Guide", "Webinaire"], "theme": ["Commande publique"]})
    searches.append({"type": ["Guide"], "programme": ["une valeur qu'aucune ressource n'a"]})
    return searches


def test_filters_without_words_list_what_pagefind_lists_with_its_counts(page: Page, search_site: SearchSite) -> None:
    order = [f"{BASE_PATH}{r.url}" for r in search_site.catalogue.published]
    searches = wordless_searches(search_site)
    assert len(searches) > 15
    for chosen in searches:
        query = "&".join(f"{key}={quote(value)}" for key, values in chosen.items() for value in values)
        open_search(page, search_site, f"?{query}")
        shown = every_result(page)
        expected = pagefind_answer(page, search_site, chosen)
        urls = [url for url, _ in shown]
        # The same resources, newest first; those of one day in the catalogue's
        # order, where Pagefind gives the reverse of the order it read them from the disk.
        assert sorted(urls) == sorted(r["url"] for r in expected["results"]), chosen
        assert urls == sorted(urls, key=order.index), chosen
        dates = {r["url"]: r["meta"]["date"] for r in expected["results"]}
        assert [dates[url] for url in urls] == [r["meta"]["date"] for r in expected["results"]], chosen
        assert [title for _, title in shown] == [by_url_title(expected, url) for url in urls], chosen
        for key in FACETS:
            nonzero = {value: count for value, count in expected["counts"][key].items() if count}
            assert {v: c for v, c in shown_counts(page, key).items() if c} == nonzero, (chosen, key)
        status = page.locator(STATUS).inner_text()
        count = len(expected["results"])
        assert status.startswith(f"{count} ressource" if count else "Aucune ressource"), (chosen, status)


def by_url_title(answer: dict[str, Any], url: str) -> str:
    return next(str(r["meta"]["title"]) for r in answer["results"] if r["url"] == url)


def test_the_browse_index_cards_are_pagefind_s_metadata(page: Page, search_site: SearchSite) -> None:
    open_search(page, search_site)
    expected = {r["url"]: r["meta"] for r in pagefind_answer(page, search_site, {})["results"]}
    cards = page.evaluate(
        """async () => {
          const root = document.querySelector("[data-commons-search]");
          const siteRoot = new URL(root.dataset.siteRoot, document.baseURI);
          const address = new URL(root.dataset.browseIndex, siteRoot);
          const index = await (await fetch(address)).json();
          const cards = [];
          for (let number = 0; number < index.chunks; number++) {
            const url = new URL(`cartes-${number}.json${address.search}`, address);
            cards.push(...(await (await fetch(url)).json()));
          }
          return cards.map((card) => ({ url: new URL(card.url, siteRoot).pathname, meta: card.meta }));
        }"""
    )
    assert [card["url"] for card in cards] == [f"{BASE_PATH}{r.url}" for r in search_site.catalogue.published]
    for card in cards:
        assert card["meta"] == {key: expected[card["url"]][key] for key in card["meta"]}, card["url"]
        assert set(card["meta"]) == {"title", "description", "type", "date", "date_label", "licence", "licence_open"}


def cards_files(transfers: list[Transfer], page: Page) -> list[str]:
    """The distinct files of cards among ``transfers``, each asked for with the version the page names."""
    version = (page.locator(SEARCH).get_attribute("data-browse-index") or "").partition("?v=")[2]
    prefix = f"{BASE_PATH}{BROWSE_FOLDER}/cartes-"
    asked = {t.path.removeprefix(prefix) for t in transfers if t.path.startswith(prefix)}
    # The index's version goes with each, so that files cached apart never mix two catalogues.
    assert version and all(name.endswith(f"?v={version}") for name in asked), asked
    return sorted(name.removesuffix(f"?v={version}") for name in asked)


def open_idle_search(page: Page, site: GateSite) -> int:
    """Open the search page and wait until it fetches nothing more; how many cards a file of cards holds."""
    page.goto(f"{site.served.url}recherche/")
    wait_ready(page)
    page.wait_for_load_state("networkidle")
    per_file: int = json.loads((site.site / FACETS_FILE).read_text("utf-8"))["cards_per_chunk"]
    return per_file


def test_more_of_the_latest_resources_fetches_no_index_chunk_and_only_the_cards_it_shows(
    page: Page, gate_site: GateSite
) -> None:
    # At 2,000 resources Pagefind's search without words fetches every chunk
    # of its index (about 1 MB); the browse index holds the same answer.
    served = gate_site.served
    published = gate_site.catalogue.published
    per_file = open_idle_search(page, gate_site)
    # Results 11 to 20 sit in the first file of cards; the sample content fills a second.
    assert per_file >= 20 and len(published) > per_file
    more = page.locator("[data-commons-search-more]")
    for shown, expected_files in [(20, ["0.json"]), (min(30, len(published)), ["1.json"])]:
        asked = time.monotonic()
        more.click()
        expect(page.locator(RESULT_LINKS)).to_have_count(shown)
        wait_ready(page)
        page.wait_for_load_state("networkidle")
        fetched = served.since(asked)
        assert pagefind_fetches(fetched, "index") == []
        assert pagefind_fetches(fetched, "fragment") == []
        assert cards_files(fetched, page) == expected_files
    # In the catalogue's order, the page's own first ten included: no resource of one day swaps with another.
    assert result_titles(page) == [r.title for r in published[: min(30, len(published))]]


def test_a_filter_without_words_fetches_no_index_chunk_and_only_the_cards_it_shows(
    page: Page, gate_site: GateSite
) -> None:
    served = gate_site.served
    published = gate_site.catalogue.published
    key, value = "licence", "Libre"
    matching = [i for i, r in enumerate(published) if value in search_record(r, gate_site.catalogue).facets[key]]
    assert len(matching) > 10
    per_file = open_idle_search(page, gate_site)
    ticked = time.monotonic()
    facet_box(page, key, value).check()
    expect(page).to_have_url(re.compile(rf"[?&]{key}={value}$"))
    expect(page.locator(RESULT_LINKS)).to_have_count(10)
    wait_ready(page)
    page.wait_for_load_state("networkidle")
    fetched = served.since(ticked)
    assert pagefind_fetches(fetched, "index") == []
    assert pagefind_fetches(fetched, "fragment") == []
    assert f"{BASE_PATH}{FACETS_FILE}" in {t.path.split("?")[0] for t in fetched}
    assert cards_files(fetched, page) == sorted({f"{i // per_file}.json" for i in matching[:10]})
    assert result_titles(page) == [published[i].title for i in matching[:10]]


def test_hostile_front_matter_stays_text_in_searches_without_words(page: Page, search_site: SearchSite) -> None:
    dialogs = recorded_dialogs(page)
    hostile = [r for r in search_site.catalogue.published if "<" in r.title]
    assert len(hostile) >= 3
    programme = next(r for r in hostile if r.type.key == "programme")
    open_search(page, search_site, f"?programme={quote(programme.title)}")
    expect(page.locator(RESULT_LINKS)).to_have_text([programme.title])
    expect(page.locator(".commons-result__summary")).to_have_text([programme.description])
    open_search(page, search_site, "?licence=Libre&licence=Non+libre")
    titles = [title for _, title in every_result(page)]
    assert {r.title for r in hostile} <= set(titles)
    expect(page.locator(".commons-search__chip")).to_have_count(2)
    list_ = page.locator("[data-commons-search-list]")
    assert list_.locator("img, script, details, iframe").count() == 0
    assert dialogs == []


def test_a_filter_checkbox_shows_the_keyboards_focus(page: Page, search_site: SearchSite) -> None:
    open_search(page, search_site, "?q=fixture")
    page.locator("[data-commons-search-input]").focus()
    for _ in range(12):  # from the field, past its button, to the first checkbox
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.type === 'checkbox'"):
            break
    focused = page.evaluate(
        "() => { const s = getComputedStyle(document.activeElement);"
        " return [document.activeElement.type, s.outlineStyle, parseFloat(s.outlineWidth)]; }"
    )
    assert focused[0] == "checkbox" and focused[1] != "none" and focused[2] >= 1, focused


def test_removing_a_chip_by_keyboard_moves_the_focus_to_the_next_one(page: Page, search_site: SearchSite) -> None:
    open_search(page, search_site, "?q=fixture")
    values = page.locator('[data-facet="type"] input').evaluate_all("boxes => boxes.slice(0, 2).map(b => b.value)")
    for value in values:
        facet_box(page, "type", value).check()
        wait_ready(page)
    chips = page.locator(".commons-search__chip")
    expect(chips).to_have_count(2)
    chips.first.focus()
    page.keyboard.press("Enter")
    expect(chips).to_have_count(1)
    expect(chips.first).to_be_focused()
    page.keyboard.press("Enter")
    expect(chips).to_have_count(0)
    expect(page.locator("[data-commons-search-input]")).to_be_focused()


def test_the_search_pages_own_words_are_set_in_french(page: Page, search_site: SearchSite) -> None:
    # Playwright's to_have_text folds every space into one: read the characters themselves.
    open_search(page, search_site)
    assert (page.locator(STATUS).text_content() or "").endswith("des plus récentes aux plus anciennes\u00a0:")
    open_search(page, search_site, "?q=fixture")
    value = page.locator('[data-facet="type"] input').first.get_attribute("value")
    assert value is not None
    facet_box(page, "type", value).check()
    wait_ready(page)
    assert "pour «\u202ffixture\u202f» avec les filtres choisis." in (page.locator(STATUS).text_content() or "")
    assert page.locator(".commons-search__chip span").first.text_content() == f"Type\u00a0: {value}"
