// Storyline web UI: progressive enhancements only; every page reads the same without this file.
(function () {
  "use strict";

  // The claims' status filter applies as soon as a status is chosen (delegated: live refresh replaces the form).
  document.addEventListener("change", function (event) {
    if (event.target.matches(".status-filter select")) { event.target.form.submit(); }
  });

  // Live refresh: the story page listens to its event stream and reloads the sections marked data-live.
  var events = document.body.getAttribute("data-events");
  if (!events || !window.EventSource || !window.fetch) return;
  var note = document.getElementById("live-note");
  var source = new EventSource(events);
  source.addEventListener("changed", function (event) {
    var data = {};
    try { data = JSON.parse(event.data); } catch (e) { /* an unreadable event still means "changed" */ }
    fetch(window.location.href, { headers: { Accept: "text/html" }, cache: "no-store" })
      .then(function (response) {
        if (response.status === 404) { throw new Error("this story no longer exists"); }
        return response.text();
      })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, "text/html");
        document.querySelectorAll("[data-live]").forEach(function (section) {
          var replacement = fresh.getElementById(section.id);
          if (replacement) { section.replaceWith(document.importNode(replacement, true)); }
        });
        document.body.setAttribute("data-refreshed", data.updated || "yes");
        if (note) {
          note.textContent = "Updated just now" + (data.articles ? " · " + data.articles + " articles" : "") + ".";
          note.hidden = false;
        }
      })
      .catch(function (error) {
        if (note) { note.textContent = "Could not refresh: " + error.message; note.hidden = false; }
      });
  });
})();
