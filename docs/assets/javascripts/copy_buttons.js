// Material puts each code block's copy button in a <nav>: on a resource page,
// four navigation landmarks with no name (credit, citation, BibTeX,
// CSL-JSON) in a screen reader's list of landmarks. They hold a button, not
// a way around the site. Material draws them for each page it shows
// (document$, its documented hook for other scripts), so this runs after it.
document$.subscribe(() => {
  for (const nav of document.querySelectorAll("nav.md-code__nav")) {
    nav.setAttribute("role", "none");
  }
});
