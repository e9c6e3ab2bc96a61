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

  /* The theme's menu and search buttons in the narrow layout are <label>s for hidden checkboxes:
     a mouse can use them, a keyboard cannot reach them. Put each in the tab order, named, and let
     Enter and Space press it (as the theme already does for its own navigation toggles). The names
     come from the page, in the theme's own words, so nothing here is tied to one language. */
  function headerButtonName(label) {
    var named = label.htmlFor === "__drawer"
      ? document.querySelector("nav.md-nav--primary")
      : document.querySelector("input.md-search__input");
    return named && named.getAttribute("aria-label");
  }

  function press(event, action) {
    if (event.key !== "Enter" && event.key !== " ") return;
    event.preventDefault();
    event.stopPropagation(); // the theme clicks a focused label on Enter too: press it once
    action();
  }

  function enhanceHeaderButton(label) {
    if (label.dataset.keyboard) return;
    label.dataset.keyboard = "1";
    var name = headerButtonName(label);
    label.tabIndex = 0;
    if (name && !label.title) label.title = name;
    label.addEventListener("keydown", function (event) {
      press(event, function () {
        label.click();
        var drawer = document.getElementById("__drawer");
        if (label.htmlFor === "__drawer" && drawer && drawer.checked) {
          var first = document.querySelector(".md-sidebar--primary a[href]");
          if (first) first.focus();
        }
      });
    });
  }

  /* The light/dark switch is a row of radio buttons, each followed by the label shown while its
     palette is the current one; the theme flips it on Enter. Keep only the radio whose label shows
     in the tab order (the focus ring is drawn on that label), and let Space flip it as Enter does. */
  function paletteStops(form) {
    form.querySelectorAll(".md-option").forEach(function (radio) {
      var label = radio.nextElementSibling;
      radio.tabIndex = label && label.tagName === "LABEL" && !label.hidden ? 0 : -1;
    });
  }

  function enhancePalette(form) {
    if (form.dataset.keyboard) return;
    form.dataset.keyboard = "1";
    paletteStops(form);
    form.addEventListener("change", function () { setTimeout(function () { paletteStops(form); }, 0); });
    form.addEventListener("keydown", function (event) {
      if (event.key !== " " || !event.target.matches(".md-option")) return;
      event.preventDefault(); // not the radio's own Space, which would only re-check it
      // Hand it to the theme as Enter: it knows which palette is current, even mid-switch.
      event.target.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true }));
    });
  }

  /* Escape closes the menu drawer and gives the focus back to the menu button. */
  function drawerEscape(event) {
    var drawer = document.getElementById("__drawer");
    if (event.key !== "Escape" || !drawer || !drawer.checked) return;
    drawer.click();
    var button = document.querySelector('label.md-header__button[for="__drawer"]');
    if (button) button.focus();
  }

  /* Source pages: next to each paragraph's permalink, a button that copies the link to it. */
  function copyLinkButton(link) {
    if (link.dataset.copy || !navigator.clipboard) return;
    link.dataset.copy = "1";
    var button = document.createElement("button");
    button.type = "button";
    button.className = "para__copy";
    button.textContent = "Copy link";
    var status = document.createElement("span");
    status.className = "para__copied";
    status.setAttribute("role", "status");
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(link.href).then(function () {
        status.textContent = "Link copied";
        setTimeout(function () { status.textContent = ""; }, 2000);
      }, function () {
        status.textContent = "Could not copy: use the ¶ link";
      });
    });
    link.after(button, status);
  }

  function init() {
    document.querySelectorAll(".article-text a.para__link").forEach(copyLinkButton);
    document.querySelectorAll("article table.agreed-table, article table.coverage-matrix").forEach(enhanceTable);
    document.querySelectorAll("form.table-filter").forEach(enhanceFilter);
    document.querySelectorAll('label.md-header__button[for="__drawer"], label.md-header__button[for="__search"]')
      .forEach(enhanceHeaderButton);
    document.querySelectorAll("form[data-md-component=palette]").forEach(enhancePalette);
  }

  document.addEventListener("keydown", drawerEscape);

  /* Scripts are deferred, so the theme's document$ first emits while the browser dispatches
     DOMContentLoaded, in the same task as the theme's own set-up: run in a task of its own, so
     that neither makes one long task of the two (Total Blocking Time). */
  if (typeof document$ !== "undefined" && document$.subscribe) {
    document$.subscribe(function () { setTimeout(init, 0); });
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
