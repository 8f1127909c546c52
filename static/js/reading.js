// Lesson, handbook and article pages: citation summaries on tap, reading time, print.
// Loaded with "defer"; the pages work without it (citations are plain links).
(function () {
  "use strict";

  // --- Citation summaries -------------------------------------------------------------
  // A citation is <a class="cite" href="/luat/..." title="summary">. On a mouse, the title
  // shows on hover. On touch, the first tap opens a small box with the summary and a link to
  // the article; a second tap on the same citation (or the box's link) opens the article.
  var box = null;
  var openFor = null;

  function closeBox() {
    if (box) { box.remove(); }
    box = null;
    openFor = null;
  }

  function openBox(link) {
    closeBox();
    box = document.createElement("div");
    box.className = "cite-box shadow";
    box.setAttribute("role", "dialog");
    var label = document.createElement("strong");
    label.textContent = link.textContent;
    var text = document.createElement("p");
    text.className = "mb-1";
    text.textContent = link.getAttribute("data-summary") || "";
    var more = document.createElement("a");
    more.href = link.getAttribute("href");
    more.textContent = document.documentElement.lang === "en" ? "Open the article" : "Xem điều luật";
    var close = document.createElement("button");
    close.type = "button";
    close.className = "btn-close float-end";
    close.setAttribute("aria-label", document.documentElement.lang === "en" ? "Close" : "Đóng");
    close.addEventListener("click", closeBox);
    box.append(close, label, text, more);
    if (link.classList.contains("cite-replaced")) {
      var note = document.createElement("p");
      note.className = "small text-danger mb-1";
      note.textContent = document.documentElement.lang === "en"
        ? "This article is no longer in force." : "Điều này đã hết hiệu lực.";
      box.insertBefore(note, more);
    }
    document.body.appendChild(box);
    var rect = link.getBoundingClientRect();
    var left = Math.max(8, Math.min(rect.left, window.innerWidth - box.offsetWidth - 8));
    box.style.left = left + window.scrollX + "px";
    box.style.top = rect.bottom + window.scrollY + 6 + "px";
    openFor = link;
  }

  document.querySelectorAll("a.cite").forEach(function (link) {
    // Keep the summary for the box; the title attribute stays for mouse hover.
    link.setAttribute("data-summary", link.getAttribute("title") || "");
  });

  document.addEventListener("click", function (event) {
    var link = event.target.closest("a.cite");
    if (link) {
      var touch = window.matchMedia("(hover: none)").matches;
      if (touch && openFor !== link) {
        event.preventDefault();
        openBox(link);
      }
      return;
    }
    if (box && !event.target.closest(".cite-box")) { closeBox(); }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { closeBox(); }
  });

  // --- Print button ------------------------------------------------------------------
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.addEventListener("click", function () { window.print(); });
  });

  // --- Reading time beacon -----------------------------------------------------------
  // Counts only time the page is visible, and sends it when the page is hidden or left,
  // and every two minutes while open. The server caps what one report can add.
  var article = document.querySelector("[data-beacon-url]");
  if (!article || !navigator.sendBeacon) { return; }
  var url = article.getAttribute("data-beacon-url");
  var token = article.getAttribute("data-csrf");
  var visibleSince = document.visibilityState === "visible" ? Date.now() : null;
  var pending = 0;

  function collect() {
    if (visibleSince !== null) {
      pending += (Date.now() - visibleSince) / 1000;
      visibleSince = document.visibilityState === "visible" ? Date.now() : null;
    }
  }

  function send() {
    collect();
    var seconds = Math.round(pending);
    if (seconds < 1) { return; }
    var data = new FormData();
    data.append("seconds", String(seconds));
    data.append("csrf_token", token);
    if (navigator.sendBeacon(url, data)) { pending -= seconds; }
  }

  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") { send(); }
    else { visibleSince = Date.now(); }
  });
  window.addEventListener("pagehide", send);
  window.setInterval(send, 120000);
})();
