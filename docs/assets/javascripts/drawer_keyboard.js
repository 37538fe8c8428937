// The menu drawer, from the keyboard. Material opens the drawer and its
// sections through <label>s for hidden checkboxes: a pointer can use them, a
// keyboard cannot reach them. The header's menu button is a real button
// (partials/header.html), wired here to the drawer's checkbox; the drawer's
// section titles take the focus and Space, as Material's other titles do;
// the focus follows what opens and closes; Escape, or tabbing out of the
// drawer, closes it. Only below 76.25em is there a drawer: wider, the same
// navigation is a sidebar, left as Material made it.
const drawerToggle = document.getElementById("__drawer");
const menuButton = document.querySelector(".commons-menu-button");
const drawer = document.querySelector(".md-sidebar--primary");
const narrow = window.matchMedia("(max-width: 76.234375em)");

// The current page's entry, which the drawer opens on; else its first link.
const entryInSight = () => drawer.querySelector("a.md-nav__link--active") ?? drawer.querySelector("a[href]");

// Enter and Space press `label` as they would a button, then focus what
// `then` returns. Material's own handler also clicks a label on Enter, but
// the one focused once the key is down, which would be the one focused
// here: so the key goes no further.
const pressLikeAButton = (label, then) => {
  label.addEventListener("keydown", (event) => {
    if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      event.stopPropagation();
      label.click();
      then()?.focus();
    }
  });
};

if (drawerToggle && menuButton && drawer) {
  menuButton.addEventListener("click", (event) => {
    drawerToggle.click();
    if (drawerToggle.checked && event.detail === 0) {
      entryInSight()?.focus(); // a click with no pointer: Enter or Space
    }
  });

  // A section's title opens its panel, and the title atop the panel goes back.
  const sections = drawer.querySelectorAll('label.md-nav__link[for^="__nav"]');
  const backs = drawer.querySelectorAll('label.md-nav__title[for^="__nav"]');
  const reachable = () => {
    for (const label of [...sections, ...backs]) {
      label.tabIndex = narrow.matches ? 0 : -1;
    }
  };
  reachable();
  narrow.addEventListener("change", reachable);
  for (const label of sections) {
    pressLikeAButton(label, () => label.parentElement.querySelector(":scope > nav > .md-nav__list a[href]"));
  }
  for (const label of backs) {
    pressLikeAButton(label, () => drawer.querySelector(`label.md-nav__link[for="${label.htmlFor}"]`));
  }

  // Material opens and closes the drawer by clicking its checkbox, so every
  // change comes through here, its own included.
  drawerToggle.addEventListener("change", () => {
    menuButton.setAttribute("aria-expanded", String(drawerToggle.checked));
    if (!drawerToggle.checked && drawer.contains(document.activeElement)) {
      menuButton.focus();
    }
  });

  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && drawerToggle.checked) {
      drawerToggle.click();
    }
  });

  drawer.addEventListener("focusout", (event) => {
    const next = event.relatedTarget;
    if (drawerToggle.checked && next instanceof Node && !drawer.contains(next) && next !== menuButton) {
      drawerToggle.click();
    }
  });
}
