/* Progressive enhancement for the explainer: sortable and filterable topic table.
   Everything on the page is complete and readable without this script. */
(function () {
  "use strict";

  function enhanceTable(table) {
    if (table.dataset.enhanced) return;
    table.dataset.enhanced = "1";
    if (typeof Tablesort === "function") {
      new Tablesort(table);
    }
  }

  function enhanceFilter(form) {
    var select = form.querySelector("select");
    var table = document.querySelector("table.agreed-table");
    var count = form.querySelector("output");
    if (!select || !table) return;
    function apply() {
      var wanted = select.value;
      var shown = 0;
      var rows = table.tBodies[0].rows;
      for (var i = 0; i < rows.length; i++) {
        var match = !wanted || rows[i].getAttribute("data-status") === wanted;
        rows[i].hidden = !match;
        if (match) shown++;
      }
      if (count) count.textContent = shown + " of " + rows.length + " topics";
      var url = new URL(window.location.href);
      if (wanted) url.searchParams.set("status", wanted);
      else url.searchParams.delete("status");
      window.history.replaceState(null, "", url.toString());
    }
    var initial = new URL(window.location.href).searchParams.get("status");
    if (initial && select.querySelector('option[value="' + initial.replace(/[^a-z-]/g, "") + '"]')) {
      select.value = initial;
    }
    select.addEventListener("change", apply);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.hidden = false;
    apply();
  }

  function init() {
    document.querySelectorAll("article table.agreed-table, article table.coverage-matrix").forEach(enhanceTable);
    document.querySelectorAll("form.table-filter").forEach(enhanceFilter);
  }

  if (typeof document$ !== "undefined" && document$.subscribe) {
    document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
