// Progressive enhancements for the consultation pages; every page works without them.
(function () {
  "use strict";
  var lang = document.documentElement.lang || undefined;
  function number(value) { return new Intl.NumberFormat(lang).format(value); }

  // How long a text is against its limit, as one types: a warning as the limit nears and once
  // it is passed (the server refuses an over-long text and keeps it; nothing is ever cut).
  function updateCounter(field) {
    var counter = document.getElementById(field.id + "-counter");
    var limit = parseInt(field.dataset.maxLength, 10);
    if (!counter || !limit) return;
    var length = field.value.length;
    var text = counter.dataset.count.replace("{n}", number(length)).replace("{limit}", number(limit));
    counter.classList.toggle("counter--near", length > limit * 0.9 && length <= limit);
    counter.classList.toggle("counter--over", length > limit);
    if (length > limit) text += " " + counter.dataset.over.replace("{n}", number(length - limit));
    else if (length > limit * 0.9) text += " " + counter.dataset.near.replace("{n}", number(limit - length));
    counter.textContent = text;
  }
  document.addEventListener("input", function (event) {
    if (event.target.matches("textarea[data-max-length]")) updateCounter(event.target);
  });

  // The reader's own time next to Geneva time. (dateStyle/timeStyle cannot be combined with
  // timeZoneName: Chromium throws, so the parts are named one by one.)
  var LOCAL = { year: "numeric", month: "long", day: "numeric", hour: "2-digit", minute: "2-digit", timeZoneName: "short" };
  function initTimes(root) {
    root.querySelectorAll("time[data-local-time]").forEach(function (element) {
      if (element.dataset.done) return;
      var date = new Date(element.getAttribute("datetime"));
      var local = document.createElement("span");
      local.className = "local-time";
      local.textContent = " · " + (element.dataset.localLabel || "") + " " + new Intl.DateTimeFormat(lang, LOCAL).format(date);
      element.after(local);
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

  // After a panel or a form is swapped in, htmx itself focuses what carries `autofocus`: the
  // receipt after sending, the error summary after a refusal, the organizations found.

  // The token sent is the one of this moment's cookie: signing in again in another tab (after a
  // session ended while typing) changes it, and the kept text must still go through.
  document.addEventListener("htmx:configRequest", function (event) {
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    if (!match || event.detail.verb === "get") return;
    event.detail.headers["X-CSRFToken"] = match[1];
    event.detail.parameters["csrfmiddlewaretoken"] = match[1];
  });

  function init(root) {
    root.querySelectorAll("textarea[data-max-length]").forEach(updateCounter);
    initTimes(root);
  }
  setInterval(tickCountdowns, 60000);
  document.addEventListener("DOMContentLoaded", function () { init(document); });
  document.addEventListener("htmx:load", function (event) { init(event.detail.elt); });
})();
