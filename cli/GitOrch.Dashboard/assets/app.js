// Live updates: the page names the store topics it shows in <body data-live>; on a change in one of
// them the server sends an event, and the page fetches its main part again and swaps it in, keeping
// focus and scroll. The theme switch remembers its choice.
(function () {
  "use strict";
  const root = document.documentElement;
  const saved = localStorage.getItem("gitorch-theme");
  if (saved) root.dataset.theme = saved;

  document.addEventListener("DOMContentLoaded", function () {
    const theme = document.getElementById("theme");
    if (theme) {
      theme.addEventListener("click", function () {
        const dark = root.dataset.theme ? root.dataset.theme === "dark" : matchMedia("(prefers-color-scheme: dark)").matches;
        root.dataset.theme = dark ? "light" : "dark";
        localStorage.setItem("gitorch-theme", root.dataset.theme);
      });
    }
    const topics = document.body.dataset.live;
    if (!topics || !window.EventSource) return;
    const status = document.getElementById("live-status");
    const main = document.getElementById("main");
    let pending = null;
    let running = false;
    let again = false;

    async function redraw() {
      if (running) { again = true; return; }
      running = true;
      try {
        const response = await fetch(location.href, { headers: { "X-Dashboard-Part": "main" }, credentials: "same-origin" });
        if (response.ok) {
          const focused = document.activeElement && document.activeElement.id;
          const scroll = window.scrollY;
          main.innerHTML = await response.text();
          main.dataset.updated = String(Date.now());
          if (focused && document.getElementById(focused)) document.getElementById(focused).focus();
          window.scrollTo(0, scroll);
        }
      } finally {
        running = false;
        if (again) { again = false; schedule(); }
      }
    }

    function schedule() {
      if (pending) return;
      pending = setTimeout(function () { pending = null; redraw(); }, 150);
    }

    // A browser keeps at most six connections to one server, so a hidden tab lets its stream go and
    // catches up when it is shown again.
    let live = null;
    function connect() {
      live = new EventSource("/live?topics=" + encodeURIComponent(topics));
      live.addEventListener("change", schedule);
      live.addEventListener("open", function () { if (status) status.textContent = "Live"; document.body.dataset.liveConnected = "true"; });
      live.addEventListener("error", function () { if (status) status.textContent = "Reconnecting…"; });
    }
    document.addEventListener("visibilitychange", function () {
      if (document.hidden && live) { live.close(); live = null; if (status) status.textContent = "Paused while hidden"; }
      else if (!document.hidden && !live) { connect(); schedule(); }
    });
    connect();
  });
})();

// A logs page follows its container: each line the stream sends is added, the last 2,000 kept.
document.addEventListener("DOMContentLoaded", function () {
  "use strict";
  const log = document.getElementById("log");
  if (!log || !log.dataset.logStream || !window.EventSource) return;
  const stream = new EventSource(log.dataset.logStream);
  stream.onmessage = function (message) {
    log.append(message.data + "\n");
    while (log.childNodes.length > 2000) log.removeChild(log.firstChild);
    log.dataset.lines = String(log.childNodes.length);
  };
  stream.addEventListener("failed", function (message) {
    log.append("(the logs cannot be read: " + message.data + ")\n");
    stream.close();
  });
});
