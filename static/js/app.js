// Small progressive enhancements. Pages work without this file.
(function () {
  "use strict";
  // Submit a form when its select changes (language switcher); the button stays for no-JS.
  document.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
    select.addEventListener("change", function () { select.form.submit(); });
  });
  // Ask before destructive actions marked with data-confirm.
  document.addEventListener("click", function (event) {
    var target = event.target.closest("[data-confirm]");
    if (target && !window.confirm(target.getAttribute("data-confirm"))) {
      event.preventDefault();
    }
  });
})();
