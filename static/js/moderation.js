// Keyboard shortcuts for the moderation queue: j/k move, p publish, r reject, x select.
(function () {
  "use strict";
  function items() { return Array.prototype.slice.call(document.querySelectorAll("[data-item]")); }
  function current() { return document.activeElement && document.activeElement.closest("[data-item]"); }
  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    var tag = (event.target.tagName || "").toLowerCase();
    if (tag === "input" || tag === "textarea" || tag === "select") return;
    var list = items(), item = current(), index = list.indexOf(item);
    if (event.key === "j" || event.key === "k") {
      var next = list[Math.min(list.length - 1, Math.max(0, index + (event.key === "j" ? 1 : -1)))];
      if (next) { next.focus(); event.preventDefault(); }
      return;
    }
    if (!item) return;
    if (event.key === "p") {
      var publish = item.querySelector('form[data-action="publish"]');
      if (publish) { publish.requestSubmit(); event.preventDefault(); }
    } else if (event.key === "r") {
      var reason = item.querySelector('form[data-action="reject"] [data-reason]');
      if (reason) { reason.focus(); event.preventDefault(); }
    } else if (event.key === "x") {
      var box = item.querySelector("[data-select]");
      if (box) { box.checked = !box.checked; event.preventDefault(); }
    }
  });
})();
