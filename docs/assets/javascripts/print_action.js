// The « Imprimer ou enregistrer en PDF » action of resource pages: the button
// stays hidden without scripts, since only a script can open the print dialog
// (where « Enregistrer au format PDF » is one of the printers).
for (const button of document.querySelectorAll("[data-commons-print]")) {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
}
