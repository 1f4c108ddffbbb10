/* dossier's small script for every page (mkdocs.yml's extra_javascript). No outside request;
   without JavaScript every page still works, tables then scroll sideways on a phone.

   1. Tables: a date in a cell never breaks at its hyphens ("2020-11-↵09"); a table
      wider than the page is reflowed, each row becoming a block of cells labelled with their
      column's heading (only while it does not fit: a phone, a narrow window).
   2. The graph page: a circle opens its entity's page. The address is taken from the link in
      the table under the picture, which MkDocs wrote for this copy of the site (a folder
      address when served, a file name in the offline copy); Tab reaches a circle, Enter opens it. */
(function () {
  var DATE = /\b\d{4}-\d{2}(?:-\d{2})?\b/g;

  function tables() {
    return Array.prototype.slice.call(document.querySelectorAll(".md-typeset table"));
  }

  // Each date in the text of a cell goes into a span that does not break.
  function keepDates(cell) {
    var walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT), found = [], node;
    while ((node = walker.nextNode())) {
      DATE.lastIndex = 0;
      if (DATE.test(node.nodeValue) && !node.parentNode.closest(".dossier-date, svg")) found.push(node);
    }
    found.forEach(function (text) {
      var parts = document.createDocumentFragment(), value = text.nodeValue, last = 0, match;
      DATE.lastIndex = 0;
      while ((match = DATE.exec(value))) {
        parts.appendChild(document.createTextNode(value.slice(last, match.index)));
        var span = document.createElement("span");
        span.className = "dossier-date";
        span.textContent = match[0];
        parts.appendChild(span);
        last = match.index + match[0].length;
      }
      parts.appendChild(document.createTextNode(value.slice(last)));
      text.parentNode.replaceChild(parts, text);
    });
  }

  function label(table) {
    var head = table.querySelectorAll("thead th");
    if (!head.length) {
      // A table written without <thead>: its first row of header cells is the header.
      var first = table.querySelector("tr");
      if (first && first.children.length && Array.prototype.every.call(first.children, function (c) { return c.tagName === "TH"; })) {
        first.classList.add("dossier-head-row");
        head = first.children;
      }
    }
    var headings = Array.prototype.map.call(head, function (th) {
      return th.textContent.trim();
    });
    Array.prototype.forEach.call(table.querySelectorAll("tbody tr:not(.dossier-head-row)"), function (row) {
      Array.prototype.forEach.call(row.children, function (cell, i) {
        if (headings[i] && !cell.hasAttribute("data-label")) cell.setAttribute("data-label", headings[i]);
        keepDates(cell);
      });
    });
  }

  function fit() {
    tables().forEach(function (table) {
      if (table.querySelector("svg")) return;  // a chart in a table keeps its own layout
      table.classList.remove("dossier-reflow");
      var box = table.closest(".md-typeset__scrollwrap") || table.parentElement;
      if (table.getBoundingClientRect().width > box.clientWidth + 1) table.classList.add("dossier-reflow");
    });
  }

  function graph() {
    var nodes = document.querySelectorAll("svg.dossier-graph [data-entity]");
    Array.prototype.forEach.call(nodes, function (node) {
      var link = document.querySelector('a[data-graph-entity="' + node.getAttribute("data-entity") + '"]');
      if (!link) return;
      var open = function () { location.href = link.href; };
      node.setAttribute("tabindex", "0");
      node.setAttribute("role", "link");
      node.setAttribute("aria-label", link.textContent);
      node.addEventListener("click", open);
      node.addEventListener("keydown", function (event) { if (event.key === "Enter") open(); });
    });
  }

  function start() {
    tables().forEach(label);
    fit();
    graph();
    var pending = false;
    window.addEventListener("resize", function () {
      if (pending) return;
      pending = true;
      requestAnimationFrame(function () { pending = false; fit(); });
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
