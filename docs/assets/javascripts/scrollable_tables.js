// A table wider than the screen (on a phone, often) scrolls sideways inside
// the wrapper Material puts around it. A keyboard user must be able to reach
// that wrapper to scroll it (WCAG 2.1.1; axe's scrollable-region-focusable):
// each wrapper that scrolls becomes a named, focusable region.
function reachableTables() {
  for (const wrapper of document.querySelectorAll(".md-typeset__scrollwrap")) {
    const scrolls = wrapper.scrollWidth > wrapper.clientWidth;
    if (scrolls && !wrapper.hasAttribute("tabindex")) {
      const caption = wrapper.querySelector("caption");
      wrapper.tabIndex = 0;
      wrapper.setAttribute("role", "region");
      wrapper.setAttribute("aria-label", caption ? caption.textContent.trim() : "Tableau, à faire défiler");
    }
  }
}

// Material wraps tables once the page is loaded; its document$ says when.
if (window.document$) {
  window.document$.subscribe(reachableTables);
} else {
  window.addEventListener("load", reachableTables);
}
window.addEventListener("resize", reachableTables);
