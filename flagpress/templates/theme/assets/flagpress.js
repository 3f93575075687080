/* flagpress: keyboard and screen-reader fixes to Material's interactive parts.
   Each one is for a problem measured in a real browser (tests/test_a11y_browser.py). */
(function () {
  "use strict";

  var drawer = document.getElementById("__drawer");

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

  /* Opening the menu moves focus into it; Escape closes it and returns focus to the
     menu button, which the open menu covers. */
  function menuFocus(button) {
    drawer.addEventListener("change", function () {
      button.setAttribute("aria-expanded", String(drawer.checked));
      if (!drawer.checked || document.activeElement !== button) return;
      var items = document.querySelectorAll(".md-sidebar--primary [href], .md-sidebar--primary [tabindex]");
      for (var i = 0; i < items.length; i++) {
        if (items[i].checkVisibility({ visibilityProperty: true })) { items[i].focus(); break; }
      }
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && drawer.checked) {
        drawer.checked = false;
        drawer.dispatchEvent(new Event("change", { bubbles: true }));
        button.focus();
      }
    });
  }

  /* On phones an open sub-menu slides over its parent; its title is the way back, but
     Material leaves it out of the tab order (its other menu labels are in it). */
  function backButtons() {
    var titles = document.querySelectorAll('.md-nav--primary .md-nav .md-nav__title[for^="__nav_"]');
    for (var i = 0; i < titles.length; i++) titles[i].tabIndex = 0;
  }

  /* Material opens a menu label with Enter; the space bar should work too. */
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (event.key === " " && target instanceof HTMLLabelElement && target.tabIndex === 0) {
      event.preventDefault();
      target.click();
    }
  });

  /* Material marks the search as a dialog but gives it no name; and the count of
     results it writes as readers type was never announced (WCAG 4.1.3): the element
     holding it becomes a polite live region. */
  function searchName() {
    var search = document.querySelector('.md-search[role="dialog"]');
    if (search) search.setAttribute("aria-label", "Search");
    var count = document.querySelector(".md-search-result__meta");
    if (count) {
      count.setAttribute("role", "status");
      count.setAttribute("aria-live", "polite");
      count.setAttribute("aria-atomic", "true");
    }
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

  /* The current page in the menu was marked by colour alone (WCAG 1.4.1) and not
     said at all to screen readers: mark it as the current page (flagpress.css adds a
     bar and bold type). */
  function currentPage() {
    var links = document.querySelectorAll(".md-nav--primary a.md-nav__link--active");
    for (var i = 0; i < links.length; i++) {
      if (links[i].href.split("#")[0] === location.href.split("#")[0]) {
        links[i].setAttribute("aria-current", "page");
      }
    }
  }

  /* Footnotes: each way back was a bare arrow named "↩" (WCAG 2.4.4); give it the name
     its title already has, "Back to the text of note 1". The notes get a heading, so
     they can be found by heading navigation; its level follows the page's headings. */
  function footnotes() {
    var notes = document.querySelectorAll(".fp-body .footnote");
    for (var i = 0; i < notes.length; i++) {
      var links = notes[i].querySelectorAll("a.footnote-backref[title]");
      for (var j = 0; j < links.length; j++) links[j].setAttribute("aria-label", links[j].title);
      var previous = notes[i].previousElementSibling;
      if (previous && previous.classList.contains("fp-notes-heading")) continue;
      var heading = document.createElement("h2");
      heading.className = "fp-notes-heading";
      heading.textContent = "Notes";
      notes[i].parentNode.insertBefore(heading, notes[i]);
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
  searchEscape();

  function fix() {
    backButtons();
    searchName();
    scrollingTables();
    currentPage();
    footnotes();
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(fix);
  } else {
    document.addEventListener("DOMContentLoaded", fix);
  }
})();
