// Quiz attempt: autosave every change with a sequence number, keep unsaved answers on the
// device, replay them after a reload or a lost connection, count down, submit when time ends.
// The page works without this file (the form posts every answer on submit).
(function () {
  "use strict";
  var form = document.getElementById("attempt-form");
  if (!form) { return; }
  var saveUrl = form.dataset.saveUrl;
  var storeKey = "quiz-attempt-" + form.dataset.attempt;
  var csrf = document.querySelector("meta[name=csrf-token]").content;
  var status = document.getElementById("save-status");
  var basedOn = form.querySelector("[data-based-on]");
  var lastSeq = parseInt(form.dataset.lastSeq || "0", 10);
  var dirty = {};          // position -> true while changed since the last acknowledged save
  var inFlight = null;     // {seq, slots} being sent; retried unchanged until acknowledged
  var retryDelay = 2000;
  var submitting = false;

  function say(text) { status.textContent = text; }

  function slotFields(fieldset) {
    var fields = {};
    fieldset.querySelectorAll("input[name], select[name], textarea[name]").forEach(function (el) {
      if (!(el.name in fields)) { fields[el.name] = []; }
      if ((el.type === "radio" || el.type === "checkbox") && !el.checked) { return; }
      fields[el.name].push(el.value);
    });
    return fields;
  }

  function collect(positions) {
    var slots = {};
    positions.forEach(function (pos) {
      var fieldset = form.querySelector("fieldset[data-slot='" + pos + "']");
      if (fieldset) { slots[pos] = slotFields(fieldset); }
    });
    return slots;
  }

  function remember() {
    var pending = inFlight ? {seq: inFlight.seq, slots: inFlight.slots} : {seq: lastSeq, slots: {}};
    var extra = collect(Object.keys(dirty));
    Object.keys(extra).forEach(function (pos) { pending.slots[pos] = extra[pos]; });
    if (Object.keys(pending.slots).length) {
      localStorage.setItem(storeKey, JSON.stringify(pending));
    } else {
      localStorage.removeItem(storeKey);
    }
  }

  function showProblems(problems) {
    form.querySelectorAll("[data-problem-for]").forEach(function (el) {
      el.textContent = problems[el.dataset.problemFor] || "";
    });
  }

  function showDuring(during) {
    Object.keys(during || {}).forEach(function (pos) {
      var el = form.querySelector("[data-during-for='" + pos + "']");
      if (el) { el.textContent = [during[pos].state, during[pos].mark].filter(Boolean).join(" · "); }
    });
  }

  function acknowledged(request) {
    Object.keys(request.slots).forEach(function (pos) {
      if (request.version[pos] === versions[pos]) { delete dirty[pos]; }
    });
    inFlight = null;
    retryDelay = 2000;
    remember();
    if (Object.keys(dirty).length) { schedule(800); }
  }

  var versions = {};
  function send(request) {
    inFlight = request;
    remember();
    say(form.dataset.msgSaving);
    return fetch(saveUrl, {
      method: "POST", credentials: "same-origin",
      headers: {"Content-Type": "application/json", "Accept": "application/json",
                "X-CSRFToken": csrf},
      body: JSON.stringify({seq: request.seq, slots: request.slots})
    }).then(function (response) {
      return response.json().then(function (body) { return {status: response.status, body: body}; });
    }).then(function (reply) {
      if (reply.status === 200) {
        lastSeq = Math.max(lastSeq, reply.body.seq);
        basedOn.value = String(Math.max(parseInt(basedOn.value, 10), reply.body.seq));
        showProblems(reply.body.problems || {});
        showDuring(reply.body.during);
        var time = new Date(reply.body.saved_at).toLocaleTimeString([], {hour: "2-digit", minute: "2-digit"});
        say(form.dataset.msgSaved + " " + time);
        acknowledged(request);
      } else if (reply.status === 409 && reply.body.code === "replayed") {
        lastSeq = Math.max(lastSeq, reply.body.last_seq);
        basedOn.value = String(Math.max(parseInt(basedOn.value, 10), reply.body.last_seq));
        say(form.dataset.msgSaved);
        acknowledged(request);
      } else if (reply.status === 409 && reply.body.code === "closed") {
        localStorage.removeItem(storeKey);
        say(reply.body.error);
        window.location.assign(reply.body.redirect);
      } else {
        inFlight = null;
        say(reply.body.error || form.dataset.msgUnsaved);
      }
    }).catch(function () {
      say(form.dataset.msgOffline);
      window.setTimeout(function () { send(request); }, retryDelay);
      retryDelay = Math.min(retryDelay * 2, 30000);
    });
  }

  var timer = null;
  function schedule(delay) {
    window.clearTimeout(timer);
    timer = window.setTimeout(saveNow, delay);
  }

  function saveNow() {
    if (inFlight || !Object.keys(dirty).length) { return inFlight ? inFlight.promise : null; }
    var positions = Object.keys(dirty);
    var version = {};
    positions.forEach(function (pos) { version[pos] = versions[pos]; });
    var request = {seq: lastSeq + 1, slots: collect(positions), version: version};
    lastSeq = request.seq;
    request.promise = send(request);
    return request.promise;
  }

  function changed(event) {
    var fieldset = event.target.closest("fieldset[data-slot]");
    if (!fieldset) { return; }
    var pos = fieldset.dataset.slot;
    dirty[pos] = true;
    versions[pos] = (versions[pos] || 0) + 1;
    say(form.dataset.msgUnsaved);
    remember();
    schedule(event.type === "input" ? 1200 : 300);
  }
  form.addEventListener("change", changed);
  form.addEventListener("input", changed);

  // After a reload or a crash: put back what this device had not got acknowledged, and send it.
  function restore() {
    var pending = null;
    try { pending = JSON.parse(localStorage.getItem(storeKey) || "null"); } catch (e) { pending = null; }
    if (!pending || !pending.slots) { return; }
    if (pending.seq <= parseInt(form.dataset.lastSeq || "0", 10) && !Object.keys(pending.slots).length) {
      localStorage.removeItem(storeKey);
      return;
    }
    Object.keys(pending.slots).forEach(function (pos) {
      var fieldset = form.querySelector("fieldset[data-slot='" + pos + "']");
      if (!fieldset) { return; }
      var fields = pending.slots[pos];
      fieldset.querySelectorAll("input[name], select[name], textarea[name]").forEach(function (el) {
        var values = fields[el.name] || [];
        if (el.type === "radio" || el.type === "checkbox") { el.checked = values.indexOf(el.value) >= 0; }
        else { el.value = values.length ? values[0] : ""; }
      });
      dirty[pos] = true;
      versions[pos] = 1;
    });
    schedule(100);
  }

  function reorderFromInputs() {
    form.querySelectorAll("[data-order-for]").forEach(function (list) {
      var input = list.parentElement.querySelector("[data-order-input]");
      input.value.split(",").forEach(function (id) {
        var item = list.querySelector("li[data-id='" + id + "']");
        if (item) { list.appendChild(item); }
      });
    });
  }

  // Submit: wait for the last save, then post the form (the server reads every answer again).
  form.addEventListener("submit", function (event) {
    if (submitting) { return; }
    event.preventDefault();
    submitting = true;
    window.clearTimeout(timer);
    var pending = saveNow() || (inFlight && inFlight.promise);
    Promise.resolve(pending).catch(function () {}).then(function () {
      localStorage.removeItem(storeKey);
      HTMLFormElement.prototype.submit.call(form);
    });
  });

  var secondsLeft = form.dataset.secondsLeft;
  if (secondsLeft !== undefined) {
    var end = Date.now() + parseInt(secondsLeft, 10) * 1000;
    var clock = document.getElementById("timer");
    var tick = window.setInterval(function () {
      var left = Math.max(0, Math.round((end - Date.now()) / 1000));
      clock.textContent = Math.floor(left / 60) + ":" + String(left % 60).padStart(2, "0");
      if (left === 0) {
        window.clearInterval(tick);
        say(form.dataset.msgTimeup);
        form.requestSubmit ? form.requestSubmit() : form.dispatchEvent(new Event("submit", {cancelable: true}));
      }
    }, 1000);
  }

  window.addEventListener("online", function () { if (Object.keys(dirty).length) { schedule(100); } });
  window.setInterval(function () { if (Object.keys(dirty).length) { saveNow(); } }, 15000);
  window.addEventListener("pagehide", remember);
  restore();
  reorderFromInputs();
})();
