// Progressive enhancements for the consultation pages; every page works without them.
(function () {
  "use strict";
  var lang = document.documentElement.lang || undefined;

  // Characters left in a comment, announced politely to screen readers.
  function updateCounter(field) {
    var counter = document.querySelector('[data-counter-for="' + field.id + '"]');
    var limit = parseInt(field.getAttribute("maxlength"), 10);
    if (!counter || !limit) return;
    var left = limit - field.value.length;
    counter.textContent = new Intl.NumberFormat(lang).format(left) + " / " + new Intl.NumberFormat(lang).format(limit);
  }
  document.addEventListener("input", function (event) {
    if (event.target.matches("textarea[data-counter]")) updateCounter(event.target);
  });
  function initCounters(root) {
    root.querySelectorAll("textarea[data-counter]").forEach(updateCounter);
  }

  // The reader's own time next to Geneva time.
  function initTimes(root) {
    root.querySelectorAll("time[data-local-time]").forEach(function (element) {
      if (element.dataset.done) return;
      var date = new Date(element.getAttribute("datetime"));
      var local = new Intl.DateTimeFormat(lang, { dateStyle: "medium", timeStyle: "short", timeZoneName: "short" }).format(date);
      element.insertAdjacentText("beforeend", " · " + local);
      element.dataset.done = "1";
    });
  }

  // The time left before a round closes, kept current while the page stays open.
  function tickCountdowns() {
    document.querySelectorAll("[data-countdown]").forEach(function (element) {
      var seconds = (new Date(element.dataset.countdown) - new Date()) / 1000;
      if (seconds <= 0) { element.textContent = element.dataset.closedLabel; return; }
      var unit = seconds >= 86400 ? "day" : seconds >= 3600 ? "hour" : "minute";
      var size = { day: 86400, hour: 3600, minute: 60 }[unit];
      var value = Math.max(1, Math.floor(seconds / size));
      element.textContent = element.dataset.label + " " + new Intl.RelativeTimeFormat(lang, { numeric: "always" }).format(value, unit);
    });
  }

  function init(root) {
    initCounters(root);
    initTimes(root);
  }
  setInterval(tickCountdowns, 60000);
  document.addEventListener("DOMContentLoaded", function () { init(document); });
  document.addEventListener("htmx:afterSwap", function (event) { init(event.target); });
})();
