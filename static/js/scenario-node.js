// Scenario node editor: show only the parts that belong to the chosen kind of node.
(function () {
  "use strict";
  var kind = document.getElementById("node-kind");
  if (!kind) { return; }
  function show() {
    document.querySelectorAll("fieldset[data-kinds]").forEach(function (set) {
      set.hidden = set.dataset.kinds.split(" ").indexOf(kind.value) < 0;
    });
  }
  kind.addEventListener("change", show);
  show();
})();
