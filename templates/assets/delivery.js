// Live progress on the delivery page. The page works without this script
// (reload to see progress); with it, the counts and the bar follow the
// outbox every two seconds until nothing is left queued.
(function () {
  "use strict";
  var section = document.getElementById("delivery");
  if (!section || !window.fetch) { return; }
  var source = section.getAttribute("data-source");
  var note = document.getElementById("live-note");
  if (note) { note.textContent = "These figures update by themselves."; }
  function set(id, value) {
    var el = document.getElementById(id);
    if (el) { el.textContent = String(value); }
  }
  function poll() {
    fetch(source, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); })
      .then(function (p) {
        set("count-queued", p.queued);
        set("count-sent", p.sent);
        set("count-failed", p.failed);
        set("count-total", p.total);
        set("percent", p.percent);
        set("count-waiting", p.waiting);
        set("last-reply", p.last_reply);
        set("next-attempt", p.next_attempt);
        var waiting = document.getElementById("waiting");
        if (waiting) { waiting.hidden = p.waiting === 0; }
        var bar = document.getElementById("progress");
        if (bar) { bar.max = p.total; bar.value = p.done; bar.textContent = p.done + " of " + p.total; }
        if (p.queued > 0) { window.setTimeout(poll, 2000); }
      })
      .catch(function () { window.setTimeout(poll, 10000); });
  }
  poll();
})();
