// The Markdown editor: live preview rendered by the server's own pipeline, and a citation
// helper that searches the legal registry and inserts [[CODE:N]] at the cursor.
(function () {
  "use strict";
  var editor = document.querySelector("[data-editor]");
  if (!editor) { return; }
  var source = editor.querySelector("[data-editor-source]");
  var pane = editor.querySelector("[data-preview]");
  var status = editor.querySelector("[data-preview-status]");
  var tokenMeta = document.querySelector("meta[name=csrf-token]");
  var token = tokenMeta ? tokenMeta.getAttribute("content") : "";
  var timer = null;
  var sequence = 0;

  function say(text) { if (status) { status.textContent = text; } }

  // The server returns HTML that went through lms.markup's sanitizer, the same HTML a
  // lesson page shows; it is parsed into a detached document and its nodes moved in.
  function showHtml(html) {
    var doc = new DOMParser().parseFromString(html, "text/html");
    pane.replaceChildren.apply(pane, Array.prototype.slice.call(doc.body.childNodes));
  }

  function refresh() {
    var mine = ++sequence;
    var body = new FormData();
    body.append("markdown", source.value);
    say("…");
    fetch(editor.getAttribute("data-preview-url"), {
      method: "POST", body: body, credentials: "same-origin",
      headers: {"X-CSRFToken": token, "Accept": "application/json"}
    }).then(function (response) {
      if (!response.ok) { throw new Error(String(response.status)); }
      return response.json();
    }).then(function (data) {
      if (mine === sequence) { showHtml(data.html); say(""); }
    }).catch(function () {
      say(document.documentElement.lang === "en" ? "Preview unavailable" : "Chưa xem trước được");
    });
  }

  source.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(refresh, 500);
  });

  // --- Citation helper -------------------------------------------------------------------
  var query = editor.querySelector("[data-cite-query]");
  var results = editor.querySelector("[data-cite-results]");
  var template = editor.querySelector("[data-cite-template]");
  var button = editor.querySelector("[data-cite-search]");
  if (!query || !results || !template) { return; }

  function insert(text) {
    var start = source.selectionStart, end = source.selectionEnd;
    source.value = source.value.slice(0, start) + text + source.value.slice(end);
    source.focus();
    source.selectionStart = source.selectionEnd = start + text.length;
    source.dispatchEvent(new Event("input"));
  }

  function render(items) {
    results.replaceChildren();
    if (!items.length) {
      var none = document.createElement("li");
      none.className = "text-muted";
      none.textContent = document.documentElement.lang === "en" ? "No article found." : "Không tìm thấy điều nào.";
      results.appendChild(none);
      return;
    }
    items.forEach(function (item) {
      var row = template.content.firstElementChild.cloneNode(true);
      row.querySelector("[data-cite-label]").textContent = item.label;
      row.querySelector("[data-cite-title]").textContent = item.title;
      row.title = item.summary;
      var insertButton = row.querySelector("[data-cite-insert]");
      insertButton.setAttribute("data-ref", item.insert);
      insertButton.addEventListener("click", function () { insert(item.insert); });
      results.appendChild(row);
    });
  }

  function search() {
    var q = query.value.trim();
    if (!q) { return; }
    var url = editor.getAttribute("data-citations-url") + "?q=" + encodeURIComponent(q);
    fetch(url, {credentials: "same-origin", headers: {"Accept": "application/json"}})
      .then(function (response) { return response.json(); })
      .then(function (data) { render(data.results || []); });
  }

  button.addEventListener("click", search);
  query.addEventListener("keydown", function (event) {
    if (event.key === "Enter") { event.preventDefault(); search(); }
  });
})();
