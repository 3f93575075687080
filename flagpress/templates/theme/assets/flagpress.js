/* flagpress: keyboard and screen-reader fixes to Material's interactive parts.
   Each one is for a problem measured in a real browser (tests/test_a11y_browser.py).
   What can be written at build time is, in the theme's templates (the current page in
   the menu, the menu's section buttons, the search's live region and name) or in the
   article bodies (footnote links and heading, pull quotes: load/body_markup.py): this
   file only does what needs a script. */
(function () {
  "use strict";

  var drawer = document.getElementById("__drawer");

  /* The phone menu and the search are hidden checkboxes; a browser that restores form
     fields (Firefox, on reload or back) could show a page with either left open.
     Material prevented that with autocomplete="off", which HTML does not allow on
     checkboxes (render/web/mkdocs_adapter.py removes it), so they are reset here. */
  function closeSwitches() {
    ["__drawer", "__search"].forEach(function (id) {
      var toggle = document.getElementById(id);
      if (toggle && toggle.checked) {
        toggle.checked = false;
        toggle.dispatchEvent(new Event("change", { bubbles: true }));
      }
    });
  }
  closeSwitches();
  window.addEventListener("pageshow", function (event) { if (event.persisted) closeSwitches(); });

  /* Material turns single keys into commands (n, p, "." and "," change page; s, f and
     "/" open the search) that cannot be turned off: a speech-input user saying a word
     beginning with "n" left the page (WCAG 2.1.4). This listener runs before Material's,
     in the capture phase, and stops those keys unless they are typed into a field. */
  window.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key.length !== 1 || "np.,sf/".indexOf(event.key) < 0) return;
    var target = event.target;
    if (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) return;
    event.stopImmediatePropagation();
  }, true);

  /* The colour-scheme button (partials/palette.html): pressed means dark. The choice is
     stored the way Material stores it, so its start-up script restores it on every page. */
  function paletteButton() {
    var button = document.querySelector(".fp-palette");
    if (!button) return;
    var options = JSON.parse(button.getAttribute("data-fp-palette"));
    function index() {
      var scheme = document.body.getAttribute("data-md-color-scheme");
      for (var i = 0; i < options.length; i++) if (options[i].scheme === scheme) return i;
      return 0;
    }
    function show() {
      button.setAttribute("aria-pressed", String(document.body.getAttribute("data-md-color-scheme") === "slate"));
    }
    button.addEventListener("click", function () {
      var next = (index() + 1) % options.length, option = options[next];
      var color = { media: option.media, scheme: option.scheme || "default",
        primary: option.primary || "indigo", accent: option.accent || "indigo" };
      for (var key in color) document.body.setAttribute("data-md-color-" + key, color[key]);
      if (typeof window.__md_set === "function") window.__md_set("__palette", { index: next, color: color });
      show();
    });
    show();
  }

  /* On phones Material's menu button is a <label>, out of the tab order and without a
     name: keyboard users could not open the menu at all. Put a real button in its
     place, which says whether the menu is open. */
  function menuButton() {
    var label = document.querySelector('label.md-header__button[for="__drawer"]');
    if (!label || !drawer) return null;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "md-header__button md-icon fp-menu-button";
    button.setAttribute("aria-label", "Menu");
    button.setAttribute("aria-expanded", String(drawer.checked));
    button.innerHTML = label.innerHTML;  /* the same icon */
    button.addEventListener("click", function () {
      drawer.checked = !drawer.checked;
      drawer.dispatchEvent(new Event("change", { bubbles: true }));
    });
    label.replaceWith(button);
    return button;
  }

  /* The open phone menu is a modal dialog (WCAG 2.4.11, 2.4.3): opening it moves focus
     into it; while it is open, everything behind it is inert and Tab and Shift+Tab go
     round its own controls; Escape closes it and returns focus to the menu button,
     which the open menu covers. On wide screens the menu is always shown and the
     button hidden, so nothing there is modal. */
  function menuFocus(button) {
    var sidebar = document.querySelector(".md-sidebar--primary");
    var behind = [];
    function modal(open) {
      behind.forEach(function (element) { element.inert = false; });
      behind = [];
      if (!open || !sidebar) return;
      for (var node = sidebar; node.parentElement && node !== document.body; node = node.parentElement) {
        var siblings = node.parentElement.children;
        for (var i = 0; i < siblings.length; i++) {
          var other = siblings[i];
          /* The overlay stays: a click beside the menu closes it. */
          if (other === node || other.inert || other.matches("script, input, .md-overlay")) continue;
          other.inert = true;
          behind.push(other);
        }
      }
    }
    function controls() {
      var found = sidebar ? sidebar.querySelectorAll("a[href], button, [tabindex]:not([tabindex='-1'])") : [];
      return Array.prototype.filter.call(found, visible);
    }
    drawer.addEventListener("change", function () {
      var open = drawer.checked && visible(button);
      button.setAttribute("aria-expanded", String(drawer.checked));
      modal(open);
      if (open && document.activeElement === button) {
        var first = controls()[0];
        if (first) first.focus();
      } else if (!drawer.checked && sidebar && sidebar.contains(document.activeElement)) {
        button.focus();
      }
    });
    /* A window widened past the phone layout shows the menu beside the page: the page
       must not stay inert behind a menu that is no longer a dialog. */
    window.matchMedia("(min-width: 76.25em)").addEventListener("change", function () {
      modal(drawer.checked && visible(button));
    });
    document.addEventListener("keydown", function (event) {
      if (!drawer.checked || !visible(button)) return;
      if (event.key === "Escape") {
        drawer.checked = false;
        drawer.dispatchEvent(new Event("change", { bubbles: true }));
        button.focus();
      } else if (event.key === "Tab") {
        var items = controls(), at = items.indexOf(document.activeElement);
        var last = items.length - 1;
        if (event.shiftKey && at <= 0) { items[last].focus(); event.preventDefault(); }
        else if (!event.shiftKey && (at === last || at < 0)) { items[0].focus(); event.preventDefault(); }
      }
    });
  }

  /* A menu section's button (partials/nav-item.html) opens and closes it through
     Material's hidden checkbox, and says so (aria-expanded). On phones the open
     section slides over the menu, hiding the button that opened it: focus goes to the
     section's way back, and back to the section's button when it closes, so it never
     drops to <body>. */
  function sectionButtons() {
    document.addEventListener("click", function (event) {
      var button = event.target.closest && event.target.closest("button[data-fp-toggle]");
      if (!button) return;
      var path = button.getAttribute("data-fp-toggle");
      var toggle = document.getElementById(path);
      var opener = document.getElementById(path + "_label");
      if (!toggle || !opener) return;
      toggle.checked = !toggle.checked;
      toggle.dispatchEvent(new Event("change", { bubbles: true }));
      opener.setAttribute("aria-expanded", String(toggle.checked));
      var back = document.querySelector('button.fp-nav-back[data-fp-toggle="' + path + '"]');
      setTimeout(function () {  /* after the style change has applied */
        var next = toggle.checked ? back : opener;
        if (next && !visible(document.activeElement) && visible(next)) next.focus();
      }, 0);
    });
  }

  function visible(element) {
    return !!element && element !== document.body &&
      element.checkVisibility({ visibilityProperty: true, opacityProperty: true });
  }

  /* Wide tables scroll sideways inside a box Material adds; keyboard users must be
     able to reach that box to scroll it, and screen readers need to know what it is. */
  function scrollingTables() {
    var boxes = document.querySelectorAll(".md-typeset__scrollwrap");
    for (var i = 0; i < boxes.length; i++) {
      boxes[i].tabIndex = 0;
      boxes[i].setAttribute("role", "region");
      boxes[i].setAttribute("aria-label", "Table " + (i + 1) + " (scroll sideways to see it all)");
    }
  }

  /* Escape closes the search, and Material then left focus on <body>, back at the top
     of the page (WCAG 2.4.3): put it back where the reader was before the search. */
  function searchEscape() {
    var search = document.querySelector(".md-search");
    var toggle = document.getElementById("__search");
    if (!search || !toggle) return;
    var before = null;
    search.addEventListener("focusin", function (event) {
      if (event.relatedTarget && !search.contains(event.relatedTarget)) before = event.relatedTarget;
    });
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape") return;
      if (!toggle.checked && !search.contains(document.activeElement)) return;
      var back = before;
      setTimeout(function () {  /* after Material has closed the search */
        var active = document.activeElement;
        var lost = !active || active === document.body || search.contains(active);
        if (lost && !toggle.checked && back && back.isConnected) back.focus();
      }, 0);
    });
  }

  var button = menuButton();
  if (button) menuFocus(button);
  paletteButton();
  sectionButtons();
  searchEscape();

  function fix() {
    scrollingTables();
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(fix);
  } else {
    document.addEventListener("DOMContentLoaded", fix);
  }
})();
