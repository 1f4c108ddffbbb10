/* Paragraph permalinks (¶): a click, tap or Enter still goes to the paragraph, and also copies
   the paragraph's full address to the clipboard, with the same notice as Material's copy
   buttons. No outside script; without JavaScript the ¶ link works as a plain link. */
document.addEventListener("click", function (event) {
  var link = event.target.closest && event.target.closest("a.dossier-permalink");
  if (!link || !navigator.clipboard) return;
  var address = location.href.replace(/[?#].*$/, "") + link.getAttribute("href");
  navigator.clipboard.writeText(address).then(function () {
    var dialog = document.querySelector("[data-md-component=dialog]");
    var inner = dialog && dialog.querySelector(".md-dialog__inner");
    if (!inner) return;
    inner.textContent = "Link to this paragraph copied";
    dialog.classList.add("md-dialog--active");
    clearTimeout(dialog.dossierTimer);
    dialog.dossierTimer = setTimeout(function () { dialog.classList.remove("md-dialog--active"); }, 2000);
  }, function () { /* no clipboard access: the address bar shows the link */ });
});
