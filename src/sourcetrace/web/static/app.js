/* sourcetrace: light progressive enhancement. No inline code anywhere: this file is
   loaded with `defer` under a CSP that allows scripts from this origin only.
   - article text: pointing at (or focusing) a highlight lights up every span of the
     same attribution and shows its record (the mark's title) in the side panel;
   - ingest job page: reloads itself every 1.5 s while the job is queued or running.
   Text is only ever written with textContent, never parsed as HTML. */
(function () {
  "use strict";

  function marksOf(ref) {
    return document.querySelectorAll('mark[data-ref="' + CSS.escape(ref) + '"]');
  }

  function setActive(ref, on) {
    marksOf(ref).forEach(function (m) { m.classList.toggle("active", on); });
    document.querySelectorAll('tr[data-ref="' + CSS.escape(ref) + '"]').forEach(function (r) {
      r.classList.toggle("active", on);
    });
  }

  function initArticle() {
    var text = document.getElementById("article-text");
    var panel = document.getElementById("record-text");
    if (!text || !panel) { return; }
    var current = null;
    function show(mark) {
      var ref = mark.getAttribute("data-ref") || "";
      if (current && current !== ref) { setActive(current, false); }
      if (ref) { setActive(ref, true); }
      current = ref;
      panel.textContent = mark.getAttribute("title") || "";
      panel.classList.remove("muted");
    }
    text.addEventListener("mouseover", function (event) {
      var mark = event.target.closest("mark");
      if (mark && text.contains(mark)) { show(mark); }
    });
    text.addEventListener("focusin", function (event) {
      var mark = event.target.closest("mark");
      if (mark) { show(mark); }
    });
    text.querySelectorAll("mark[data-ref]").forEach(function (m) { m.tabIndex = 0; });
  }

  function initJob() {
    var state = document.getElementById("job-state");
    if (!state) { return; }
    var s = state.getAttribute("data-state");
    if (s === "queued" || s === "running") {
      window.setTimeout(function () { window.location.reload(); }, 1500);
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    initArticle();
    initJob();
  });
})();
