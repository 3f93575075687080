/* flagpress: keyboard and screen-reader fixes to Material's interactive parts.
   Each one is for a problem measured in a real browser (tests/test_a11y_browser.py). */
(function () {
  "use strict";

  var drawer = document.getElementById("__drawer");

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

  /* Material marks the search as a dialog but gives it no name. */
  function searchName() {
    var search = document.querySelector('.md-search[role="dialog"]');
    if (search) search.setAttribute("aria-label", "Search");
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

  var button = menuButton();
  if (button) menuFocus(button);

  function fix() {
    backButtons();
    searchName();
    scrollingTables();
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(fix);
  } else {
    document.addEventListener("DOMContentLoaded", fix);
  }
})();
