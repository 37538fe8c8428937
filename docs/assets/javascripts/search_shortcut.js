// `/` puts the cursor in the search field, as on most sites and in Material's
// own search: the search page's field if this is the search page, else the
// header's. Where the header shows only its button (narrow screens), `/`
// opens the search page.
document.addEventListener("keydown", (event) => {
  if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) {
    return;
  }
  const target = event.target;
  const typing =
    target instanceof HTMLElement &&
    (target.isContentEditable ||
      target.matches("textarea, select, input:not([type=checkbox], [type=radio], [type=button], [type=submit])"));
  if (typing) {
    return; // a `/` typed into a field is just a character
  }
  const visible = (element) => element.getClientRects().length > 0;
  const field = [
    document.querySelector("[data-commons-search-input]"),
    document.getElementById("commons-header-search-input"),
  ].find((element) => element && visible(element));
  event.preventDefault();
  if (field) {
    field.focus();
    field.select();
  } else {
    const form = document.querySelector(".commons-header-search");
    if (form) {
      location.assign(form.action);
    }
  }
});
