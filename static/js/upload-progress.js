// Shows how far a large upload has gone (htmx reports the XHR's progress events).
document.addEventListener("htmx:xhr:progress", function (event) {
  var form = event.target.closest("form");
  if (!form || !event.detail.lengthComputable) return;
  var box = form.querySelector(".upload-progress");
  var bar = form.querySelector("progress");
  if (!box || !bar) return;
  box.hidden = false;
  bar.value = Math.round((event.detail.loaded / event.detail.total) * 100);
});
