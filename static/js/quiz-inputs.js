// Question inputs that need a hand: ordering arrows and clearing a radio choice.
// Works on quiz attempts and scenario check steps; each change fires a "change" event.
(function () {
  "use strict";
  function syncOrder(list) {
    var input = list.parentElement.querySelector("[data-order-input]");
    input.value = Array.prototype.map.call(list.children, function (li) { return li.dataset.id; }).join(",");
    input.dispatchEvent(new Event("change", {bubbles: true}));
  }
  document.addEventListener("click", function (event) {
    var move = event.target.closest("[data-move]");
    var clear = event.target.closest("[data-clear]");
    if (move) {
      var item = move.closest("li");
      var list = item.parentElement;
      var up = move.dataset.move === "-1";
      var sibling = up ? item.previousElementSibling : item.nextElementSibling;
      if (sibling) {
        list.insertBefore(item, up ? sibling : sibling.nextElementSibling);
        syncOrder(list);
        move.focus();
      }
    } else if (clear) {
      var form = clear.form || document;
      form.querySelectorAll("input[name='" + clear.dataset.clear + "']").forEach(function (el) { el.checked = false; });
      clear.dispatchEvent(new Event("change", {bubbles: true}));
    }
  });
})();
