/* The search index is downloaded only when a reader uses the search.

   Material's script asks for search/search_index.json as every page loads, so every
   reader paid for it (up to a megabyte on a large archive, on a phone's data plan)
   whether they searched or not. This script runs before Material's and holds that one
   request back until the reader focuses or types in the search box, opens the search
   on a phone, or arrives with a query in the address; Material then gets the index as
   before, a moment later. Every other request goes out untouched. */
(function () {
  "use strict";
  var INDEX = /(^|\/)search\/search_index\.json$/;
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  var held = [];
  var used = false;

  function use() {
    if (used) return;
    used = true;
    held.splice(0).forEach(function (release) { release(); });
  }

  XMLHttpRequest.prototype.open = function (method, url) {
    var path = String(url).split(/[?#]/)[0];
    this.fpSearchIndex = INDEX.test(path);
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    var request = this;
    var args = arguments;
    if (!request.fpSearchIndex || used) return send.apply(request, args);
    held.push(function () { send.apply(request, args); });
  };

  var input = document.querySelector("form[name=search] input");
  var toggle = document.getElementById("__search");
  if (input) {
    input.addEventListener("focus", use);
    input.addEventListener("input", use);
  }
  if (toggle) toggle.addEventListener("change", use);
  if (/[?&]q=/.test(location.search)) use();
})();
