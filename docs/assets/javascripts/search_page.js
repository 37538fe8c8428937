// The search page (/recherche/): Pagefind's JavaScript API behind a form, a
// filter pane with counts, and a list of results.
//
// The query and the chosen filters live in the URL (?q=…&theme=…&theme=…), so
// a search can be shared and the back button returns to the previous one.
// Within a facet, chosen values add up (any of them); across facets they
// narrow (all facets). A facet's counts ignore its own choices, so that its
// other values stay choosable. A facet with a single value filters nothing
// and is not shown. With no words and no filter, the latest resources show.
// On a phone the pane folds behind « Filtrer », which counts the chosen
// filters; chosen filters also show as removable chips above the results.
//
// What goes over the wire matters (a phone on a slow connection): Pagefind
// fetches the index chunks of the query's words and one fragment per result
// whose data() is asked for. So data() is asked for one page of results at a
// time, and the latest resources, listed with no words and no filter, come
// from the page itself. A search without words (filters alone, or « Afficher
// plus de résultats » under the latest resources) would make Pagefind fetch
// every chunk of its index, about 1 MB at 2,000 resources: it runs on the
// browse index instead (commons.search_browsing), a file of every resource's
// facet values and files of result cards, twenty to a file, of which only
// those holding the cards shown are fetched. Its results and counts are
// Pagefind's; only resources of the same day may come in another order.

const PAGE_SIZE = 10;
// French spacing, as the build sets it on every page (commons.french_typography):
const NBSP = "\u00a0"; // before « : »
const NNBSP = "\u202f"; // inside « guillemets », between thousands
const TYPING_DELAY = 250; // ms of quiet typing before a search runs

const root = document.querySelector("[data-commons-search]");
if (root) {
  start(root);
}

async function start(root) {
  const form = root.querySelector("form");
  const input = root.querySelector("[data-commons-search-input]");
  const status = root.querySelector("[data-commons-search-status]");
  const list = root.querySelector("[data-commons-search-list]");
  const more = root.querySelector("[data-commons-search-more]");
  const reset = root.querySelector("[data-commons-search-reset]");
  const chips = root.querySelector("[data-commons-search-chips]");
  const chipList = root.querySelector("[data-commons-search-chip-list]");
  const advice = root.querySelector("[data-commons-search-advice]");
  const adviceOnFilters = root.querySelector("[data-commons-search-advice-filters]");
  const toggle = root.querySelector("[data-commons-search-toggle]");
  const toggleCount = root.querySelector("[data-commons-search-toggle-count]");
  const pane = root.querySelector("[data-commons-search-filters]");
  const close = root.querySelector("[data-commons-search-close]");
  const resultsHeading = root.querySelector("#commons-search-results-title");
  const latestData = root.querySelector("[data-commons-search-latest]");
  const browseAddress = root.dataset.browseIndex;
  const facets = [...root.querySelectorAll("[data-facet]")].map((element) => ({
    key: element.dataset.facet,
    heading: element.dataset.facetHeading,
    element,
    values: element.querySelector("ul"),
    boxes: new Map(), // value → checkbox
  }));

  // The site's root, wherever it is served from (a GitHub Pages project site
  // lives under /<project>/): Pagefind's result URLs start from it.
  const siteRoot = new URL(root.dataset.siteRoot, document.baseURI);
  let pagefind;
  let totals;
  try {
    pagefind = await import(new URL("pagefind/pagefind.js", siteRoot).href);
    // Pagefind 1.5 would guess baseUrl from its own address; say it anyway,
    // so that result links follow the site wherever the bundle is. No Web
    // Worker: searching a few thousand resources on the page's own thread is
    // quick, and it spares every visitor the worker's download.
    await pagefind.options({ baseUrl: siteRoot.pathname, noWorker: true });
    totals = await pagefind.filters();
  } catch (error) {
    status.textContent =
      `La recherche n'est pas disponible${NBSP}: l'index de recherche est absent. ` +
      "Parcourez les ressources depuis le menu.";
    root.dataset.state = "error";
    console.error(error);
    return;
  }

  // The latest resources, as the page lists them with no words and no filter:
  // their count and the first cards' metadata, written at build time.
  let latest = null;
  try {
    const data = JSON.parse(latestData.textContent);
    latest = {
      total: data.total,
      results: data.results.map((item) => ({ url: new URL(item.url, siteRoot).pathname, meta: item.meta })),
    };
  } catch (error) {
    console.error(error); // the list then comes from a search without words
  }

  let state = readUrl();
  let results = []; // Pagefind's results; null while the latest list comes from the page
  let cursor = 0; // how many of them have had their data() asked for
  let shownUrls = new Set(); // the results listed, by URL
  let generation = 0; // a newer search makes older, slower ones moot
  let typingTimer;
  let typingPushed = false; // one history entry per burst of typing

  function readUrl() {
    const params = new URLSearchParams(location.search);
    const filters = {};
    for (const facet of facets) {
      const values = params.getAll(facet.key).filter((value) => value !== "");
      if (values.length) {
        filters[facet.key] = [...new Set(values)];
      }
    }
    return { q: (params.get("q") || "").trim(), filters };
  }

  function writeUrl(push) {
    const params = new URLSearchParams();
    if (state.q) {
      params.set("q", state.q);
    }
    for (const facet of facets) {
      for (const value of state.filters[facet.key] || []) {
        params.append(facet.key, value);
      }
    }
    const query = params.toString();
    const url = location.pathname + (query ? `?${query}` : "");
    if (url !== location.pathname + location.search) {
      history[push ? "pushState" : "replaceState"](null, "", url);
    }
  }

  function isActive(query, filters) {
    return query !== "" || Object.keys(filters).length > 0;
  }

  // --- Searches ----------------------------------------------------------
  // Each search function takes words and filters and answers as Pagefind
  // does: { results: [{ data() }], filters: { facet: { value: count } } }.

  function pagefindSearch(query, filters) {
    return pagefind.search(query || null, searchOptions(query, filters));
  }

  let browsing = null; // the browse index, once asked for: a promise

  // The search without words: the browse index's, or Pagefind's when the
  // index cannot be read (a site built before it existed).
  async function wordlessSearch() {
    if (browsing === null) {
      browsing = loadBrowseIndex();
    }
    try {
      const index = await browsing;
      return (query, filters) => browseSearch(index, filters);
    } catch (error) {
      console.error(error);
      return pagefindSearch;
    }
  }

  async function loadBrowseIndex() {
    const address = new URL(browseAddress, siteRoot);
    const response = await fetch(address);
    if (!response.ok) {
      throw new Error(`${response.status} ${address}`);
    }
    const index = await response.json();
    const cards = new Map(); // file number → promise of its cards
    return {
      total: index.total,
      perFile: index.cards_per_chunk,
      facets: Object.entries(index.facets).map(([key, facet]) => ({
        key,
        values: facet.values,
        // One value is written as its index, none or several as a list.
        of: facet.resources.map((ids) => (Array.isArray(ids) ? ids : [ids])),
      })),
      // The version in the index's address goes with every file of cards,
      // so that they describe the same catalogue.
      cardsFile(number) {
        if (!cards.has(number)) {
          const url = new URL(`cartes-${number}.json${address.search}`, address);
          cards.set(
            number,
            fetch(url).then((r) => (r.ok ? r.json() : Promise.reject(new Error(`${r.status} ${url}`)))),
          );
        }
        return cards.get(number);
      },
    };
  }

  // Within a facet, any chosen value; across facets, all of them; newest
  // first (the index's order). Every facet's values are counted among the
  // matches, as Pagefind counts them.
  function browseSearch(index, filters) {
    const chosen = index.facets
      .filter((facet) => filters[facet.key])
      .map((facet) => {
        const wanted = new Set(filters[facet.key]);
        return { facet, ids: new Set(facet.values.flatMap((value, id) => (wanted.has(value) ? [id] : []))) };
      });
    const positions = [];
    for (let position = 0; position < index.total; position++) {
      if (chosen.every(({ facet, ids }) => facet.of[position].some((id) => ids.has(id)))) {
        positions.push(position);
      }
    }
    const counts = {};
    for (const facet of index.facets) {
      const tally = new Array(facet.values.length).fill(0);
      for (const position of positions) {
        for (const id of facet.of[position]) {
          tally[id] += 1;
        }
      }
      counts[facet.key] = Object.fromEntries(facet.values.map((value, id) => [value, tally[id]]));
    }
    const results = positions.map((position) => ({
      async data() {
        const cards = await index.cardsFile(Math.floor(position / index.perFile));
        const found = cards[position % index.perFile];
        return { url: new URL(found.url, siteRoot).pathname, meta: found.meta };
      },
    }));
    return { results, filters: counts, inLatestOrder: true };
  }

  function searchOptions(query, filters) {
    const options = { filters: {} };
    for (const [key, values] of Object.entries(filters)) {
      options.filters[key] = { any: values };
    }
    if (!query) {
      options.sort = { date: "desc" }; // browsing without words: newest first
    }
    return options;
  }

  function chosenCount() {
    return Object.values(state.filters).reduce((sum, values) => sum + values.length, 0);
  }

  // --- The filter pane -------------------------------------------------

  function sortedValues(key, values) {
    if (key === "annee") {
      return values.sort((a, b) => Number(b) - Number(a));
    }
    return values.sort((a, b) => a.localeCompare(b, "fr"));
  }

  function buildFacets() {
    for (const facet of facets) {
      const known = Object.keys(totals[facet.key] || {});
      // A shared URL may name a value the index no longer has: show it, so
      // that it can be unticked.
      const wanted = (state.filters[facet.key] || []).filter((value) => !known.includes(value));
      const values = sortedValues(facet.key, [...known, ...wanted]);
      values.forEach((value, index) => {
        const id = `commons-facet-${facet.key}-${index}`;
        const item = document.createElement("li");
        const box = document.createElement("input");
        box.type = "checkbox";
        box.id = id;
        box.name = facet.key;
        box.value = value;
        const label = document.createElement("label");
        label.htmlFor = id;
        const text = document.createElement("span");
        text.className = "commons-facet__value";
        text.textContent = value;
        const count = document.createElement("span");
        count.className = "commons-facet__count";
        label.append(text, " ", count);
        item.append(box, label);
        facet.values.append(item);
        facet.boxes.set(value, box);
        box.addEventListener("change", () => {
          const chosen = [...facet.boxes].filter(([, b]) => b.checked).map(([v]) => v);
          if (chosen.length) {
            state.filters[facet.key] = chosen;
          } else {
            delete state.filters[facet.key];
          }
          commit();
        });
      });
      facet.element.hidden = values.length < 2;
    }
  }

  function showCounts(counts) {
    for (const facet of facets) {
      for (const [value, box] of facet.boxes) {
        const count = (counts[facet.key] || {})[value] || 0;
        box.checked = (state.filters[facet.key] || []).includes(value);
        const label = box.labels[0];
        label.querySelector(".commons-facet__count").textContent = `(${count})`;
        box.parentElement.classList.toggle("commons-facet__item--empty", count === 0 && !box.checked);
      }
    }
    showChips();
  }

  function showChips() {
    const chosen = chosenCount();
    chipList.replaceChildren();
    for (const facet of facets) {
      for (const value of state.filters[facet.key] || []) {
        const item = document.createElement("li");
        const chip = document.createElement("button");
        chip.type = "button";
        chip.className = "commons-search__chip";
        chip.setAttribute("aria-label", `Retirer le filtre ${facet.heading}${NBSP}: ${value}`);
        const label = document.createElement("span");
        label.textContent = `${facet.heading}${NBSP}: ${value}`;
        const cross = document.createElement("span");
        cross.setAttribute("aria-hidden", "true");
        cross.textContent = "×";
        chip.append(label, cross);
        chip.addEventListener("click", () => {
          const rest = state.filters[facet.key].filter((v) => v !== value);
          if (rest.length) {
            state.filters[facet.key] = rest;
          } else {
            delete state.filters[facet.key];
          }
          // The chips are drawn again once the search is done: focus the
          // next one then, or the field when none is left.
          commit().then(() => (chipList.querySelector("button") || input).focus());
        });
        item.append(chip);
        chipList.append(item);
      }
    }
    chips.hidden = chosen === 0;
    toggleCount.textContent = chosen ? ` (${chosen} actif${chosen > 1 ? "s" : ""})` : "";
  }

  async function facetCounts(main, search) {
    const counts = {};
    for (const facet of facets) {
      if (!state.filters[facet.key]) {
        counts[facet.key] = main.filters[facet.key];
        continue;
      }
      const others = { ...state.filters };
      delete others[facet.key];
      counts[facet.key] = isActive(state.q, others) ? (await search(state.q, others)).filters[facet.key] : totals[facet.key];
    }
    return counts;
  }

  // --- Results ---------------------------------------------------------

  function highlighted(html) {
    // Pagefind's excerpt is HTML with <mark> around the matched words. Parsed
    // in an inert template, only its text and its <mark> elements are kept.
    const template = document.createElement("template");
    template.innerHTML = html;
    const excerpt = document.createElement("p");
    excerpt.className = "commons-result__excerpt";
    for (const node of template.content.childNodes) {
      if (node.nodeName === "MARK") {
        const mark = document.createElement("mark");
        mark.textContent = node.textContent;
        excerpt.append(mark);
      } else {
        excerpt.append(node.textContent);
      }
    }
    excerpt.prepend("… ");
    excerpt.append(" …");
    return excerpt;
  }

  function card(data) {
    const item = document.createElement("li");
    item.className = "commons-result";
    const title = document.createElement("h3");
    title.className = "commons-result__title";
    const link = document.createElement("a");
    link.href = data.url;
    link.textContent = data.meta.title || data.url;
    title.append(link);

    const facts = document.createElement("p");
    facts.className = "commons-result__facts";
    if (data.meta.type) {
      const type = document.createElement("span");
      type.className = "commons-badge";
      type.textContent = data.meta.type;
      facts.append(type);
    }
    if (data.meta.date) {
      const date = document.createElement("time");
      date.dateTime = data.meta.date;
      date.textContent = data.meta.date_label || data.meta.date;
      facts.append(date);
    }
    if (data.meta.licence) {
      const licence = document.createElement("span");
      licence.className = "commons-result__licence";
      // « Licence Ouverte 2.0 » names itself a licence already.
      licence.textContent = /^licence\b/i.test(data.meta.licence) ? data.meta.licence : `Licence ${data.meta.licence}`;
      facts.append(licence);
      if (data.meta.licence_open === "non") {
        const badge = document.createElement("span");
        badge.className = "commons-badge commons-badge--non-libre";
        badge.textContent = "non libre";
        facts.append(badge);
      }
    }

    const summary = document.createElement("p");
    summary.className = "commons-result__summary";
    summary.textContent = data.meta.description || "";
    item.append(title, facts, summary);
    if (state.q && data.excerpt) {
      item.append(highlighted(data.excerpt));
    }
    return item;
  }

  function showLatest() {
    results = null;
    cursor = 0;
    shownUrls = new Set(latest.results.map((data) => data.url));
    list.replaceChildren(...latest.results.map(card));
    more.hidden = shownUrls.size >= latest.total;
  }

  // The next page of results: only their fragments are fetched.
  async function showMore(run) {
    if (results === null) {
      // Beyond the latest resources the page carries: the search without
      // words, newest first. The browse index lists them in the page's own
      // order, so its first cards are not fetched again; Pagefind's may
      // order resources of the same day otherwise: they are skipped by URL.
      const all = await (await wordlessSearch())("", {});
      if (run !== generation) {
        return [];
      }
      results = all.results;
      cursor = all.inLatestOrder ? shownUrls.size : 0;
    }
    const items = [];
    while (items.length < PAGE_SIZE && cursor < results.length) {
      const batch = results.slice(cursor, cursor + PAGE_SIZE - items.length);
      cursor += batch.length;
      const found = await Promise.all(batch.map((result) => result.data()));
      if (run !== generation) {
        return [];
      }
      for (const data of found.filter((data) => !shownUrls.has(data.url))) {
        shownUrls.add(data.url);
        items.push(card(data));
      }
    }
    list.append(...items);
    more.hidden = shownUrls.size >= results.length;
    return items;
  }

  // 2 000, not 2000: thousands grouped with a narrow space, whatever the browser's locale.
  function number(count) {
    return String(count).replace(/\B(?=(\d{3})+(?!\d))/g, NNBSP);
  }

  function describe(count) {
    if (!isActive(state.q, state.filters)) {
      return count === 1
        ? `La ressource publiée${NBSP}:`
        : `Les ${number(count)} ressources publiées, des plus récentes aux plus anciennes${NBSP}:`;
    }
    const found =
      count === 0 ? "Aucune ressource trouvée" : count === 1 ? "1 ressource trouvée" : `${number(count)} ressources trouvées`;
    const words = state.q ? ` pour «${NNBSP}${state.q}${NNBSP}»` : "";
    const filtered = Object.keys(state.filters).length ? " avec les filtres choisis" : "";
    return `${found}${words}${filtered}.`;
  }

  async function update() {
    const run = ++generation;
    root.dataset.state = "searching";
    const query = state.q;
    const filters = state.filters;
    if (latest && !isActive(query, filters)) {
      showLatest();
      showCounts(totals);
      finish(latest.total);
      return;
    }
    const search = query ? pagefindSearch : await wordlessSearch();
    const main = await search(query, filters);
    const counts = await facetCounts(main, search);
    if (run !== generation) {
      return;
    }
    results = main.results;
    cursor = 0;
    shownUrls = new Set();
    list.replaceChildren();
    await showMore(run);
    if (run !== generation) {
      return;
    }
    showCounts(counts);
    finish(results.length);
  }

  function finish(count) {
    status.textContent = describe(count);
    advice.hidden = count > 0;
    adviceOnFilters.hidden = chosenCount() === 0;
    close.textContent =
      count === 0 ? "Voir les résultats (aucun)" : count === 1 ? "Voir le résultat" : `Voir les ${number(count)} résultats`;
    root.dataset.state = "ready";
  }

  // --- Events ----------------------------------------------------------

  function commit() {
    clearTimeout(typingTimer);
    typingPushed = false;
    writeUrl(true);
    return update();
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    state.q = input.value.trim();
    commit();
  });

  input.addEventListener("input", () => {
    clearTimeout(typingTimer);
    typingTimer = setTimeout(() => {
      const query = input.value.trim();
      if (query === state.q) {
        return;
      }
      state.q = query;
      writeUrl(!typingPushed);
      typingPushed = true;
      update();
    }, TYPING_DELAY);
  });

  more.addEventListener("click", async () => {
    const run = generation;
    root.dataset.state = "searching";
    const items = await showMore(run);
    if (run === generation) {
      root.dataset.state = "ready";
    }
    // Keyboard users land on the first new result, not back at the top.
    if (items.length) {
      items[0].querySelector("a").focus();
    }
  });

  function showPane(open) {
    toggle.setAttribute("aria-expanded", String(open));
    pane.classList.toggle("commons-search__filters--open", open);
  }

  toggle.addEventListener("click", () => showPane(toggle.getAttribute("aria-expanded") !== "true"));

  // On a phone the open pane stands between the filters and the results:
  // this button folds it and takes the reader to them.
  close.addEventListener("click", () => {
    showPane(false);
    resultsHeading.focus();
    resultsHeading.scrollIntoView({ block: "start" });
  });

  reset.addEventListener("click", () => {
    state.filters = {};
    commit();
    input.focus();
  });

  window.addEventListener("popstate", () => {
    clearTimeout(typingTimer);
    typingPushed = false;
    const previous = JSON.stringify(state);
    state = readUrl();
    input.value = state.q;
    // Following the skip link changes only the URL's fragment: same search.
    if (JSON.stringify(state) !== previous) {
      update();
    }
  });

  buildFacets();
  input.value = state.q;
  // An empty search page puts the cursor in its field, where a mouse and a
  // keyboard are: on a touch screen, the focus would bring the keyboard up
  // over the page's introduction before anyone asked for it.
  if (!isActive(state.q, state.filters) && window.matchMedia("(hover: hover) and (pointer: fine)").matches) {
    input.focus();
  }
  update();
}
