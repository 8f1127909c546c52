// Lecturer controls of the live room: lesson sync, polls, live quiz, scenarios, groups, muting.
(function () {
  "use strict";
  var L = window.LiveRoom;
  var el = L.el;
  var fmt = L.fmt;

  function Lead(room, activity) {
    this.room = room;
    this.activity = activity;
    this.t = room.t;
    this.box = room.q("controls");
    this.lessons = [];
    this.muted = {};
    this.bind();
  }

  Lead.prototype.f = function (name) { return this.box.querySelector('[data-lead="' + name + '"]'); };

  Lead.prototype.send = function (event, data, then) {
    var self = this;
    this.room.conn.send(event, data, function (reply) {
      var error = self.f("error");
      error.textContent = reply.ok ? "" : (reply.message || self.t.failed);
      error.classList.toggle("d-none", !!reply.ok);
      if (reply.ok && then) { then(reply); }
    });
  };

  function options(select, items, value, label) {
    select.replaceChildren();
    items.forEach(function (item) {
      select.appendChild(el("option", { value: String(value(item)), text: label(item) }));
    });
  }

  Lead.prototype.snapshot = function (snap) {
    var lead = snap.lead;
    this.lessons = lead.lessons;
    options(this.f("lesson"), lead.lessons, function (l) { return l.id; }, function (l) { return l.module + " · " + l.title; });
    options(this.f("question"), lead.questions, function (q) { return q.slug; }, function (q) { return q.category + " · " + q.title; });
    options(this.f("scenario"), lead.scenarios, function (s) { return s.slug; }, function (s) { return s.title; });
    if (snap.lesson && snap.lesson.lesson) { this.f("lesson").value = String(snap.lesson.lesson); }
    this.fillSections(snap.lesson && snap.lesson.lesson ? snap.lesson.section : 0);
    this.muted = {};
    lead.muted.forEach(function (p) { this.muted[p.id] = true; }, this);
    this.overview = null;
    this.groups(lead.groups);
    this.groupLogs = lead.group_chats || {};
    this.groups(lead.groups);
    this.room.renderPeople();
  };

  Lead.prototype.fillSections = function (selected) {
    var id = Number(this.f("lesson").value);
    var lesson = this.lessons.filter(function (l) { return l.id === id; })[0];
    options(this.f("section"), lesson ? lesson.sections : [], function (s) { return lesson.sections.indexOf(s); },
      function (s) { return (lesson.sections.indexOf(s) + 1) + ". " + s; });
    this.f("section").value = String(selected || 0);
  };

  Lead.prototype.showLesson = function (delta) {
    var section = this.f("section");
    var index = Math.max(0, Math.min(section.options.length - 1, Number(section.value) + delta));
    section.value = String(index);
    this.send("lesson_show", { lesson: Number(this.f("lesson").value), section: index });
  };

  Lead.prototype.bind = function () {
    var self = this;
    var submit = function (name, handler) {
      self.f(name).addEventListener("submit", function (event) { event.preventDefault(); handler(event.target); });
    };
    this.f("lesson").addEventListener("change", function () { self.fillSections(0); });
    submit("lesson-form", function () { self.showLesson(0); });
    this.f("lesson-prev").addEventListener("click", function () { self.showLesson(-1); });
    this.f("lesson-next").addEventListener("click", function () { self.showLesson(1); });
    this.f("lesson-stop").addEventListener("click", function () { self.send("lesson_show", { lesson: null }); });
    submit("poll-form", function (form) {
      self.send("poll_create", { question: form.question.value,
        options: form.options.value.split("\n").map(function (s) { return s.trim(); }).filter(Boolean),
        multiple: form.multiple.checked, anonymous: form.anonymous.checked }, function () { form.reset(); });
    });
    submit("quiz-form", function () {
      self.send("quiz_push", { question: self.f("question").value, seconds: Number(self.f("seconds").value) });
    });
    submit("scenario-form", function () {
      self.send("scenario_start", { scenario: self.f("scenario").value, follow: self.f("follow").value });
    });
    submit("groups-form", function () {
      self.send("groups_start", { count: Number(self.f("gcount").value), mode: self.f("gmode").value,
        roles: self.f("roles").value.split("\n").map(function (s) { return s.trim(); }).filter(Boolean) });
    });
    this.f("groups-recall").addEventListener("click", function () { self.send("groups_recall", {}); });
    var clear = this.room.q("hands-clear");
    clear.addEventListener("click", function () { self.send("hand_lower", { all: true }); });
    this.hooks();
  };

  Lead.prototype.hooks = function () {
    var self = this;
    var room = this.room;
    room.on("snapshot", this.snapshot.bind(this));
    room.on("person-row", function (row) {
      if (row.person.role === "lead") { return; }
      var muted = !!self.muted[row.person.id];
      var button = el("button", { type: "button", className: "btn btn-sm btn-outline-secondary", text: muted ? self.t.unmute : self.t.mute });
      button.addEventListener("click", function () { self.send("chat_mute", { user: row.person.id, muted: !muted }); });
      row.item.appendChild(button);
    });
    room.on("poll-block", function (data) {
      var bar = el("div", { className: "d-flex gap-2 mb-2" });
      if (data.poll.state === "open") { bar.appendChild(self.button(self.t.close_poll, "poll_close", { poll: data.poll.id })); }
      if (!data.poll.published) { bar.appendChild(self.button(self.t.publish, "poll_publish", { poll: data.poll.id })); }
      data.body.prepend(bar);
    });
    room.on("quiz-block", function (data) {
      if (data.item.state !== "open") { return; }
      data.body.prepend(el("div", { className: "d-flex gap-2 align-items-center mb-2", "data-role": "lead-bar" }, [
        el("span", { className: "small me-auto", "data-role": "progress", "data-testid": "quiz-progress", text: fmt(self.t.answers_so_far, { n: data.state.answered || 0 }) }),
        self.button(self.t.close_now, "quiz_close", { item: data.item.id })]));
    });
    room.on("quiz-timeout", function (item) {
      // The server closes it too; whoever is first announces the results once.
      window.setTimeout(function () { self.send("quiz_close", { item: item.id }); }, 1800);
    });
    room.on("scenario-block", this.scenarioControls.bind(this));
  };

  Lead.prototype.button = function (label, event, data, testid) {
    var self = this;
    var button = el("button", { type: "button", className: "btn btn-sm btn-outline-primary", text: label });
    if (testid) { button.setAttribute("data-testid", testid); }
    button.addEventListener("click", function () { self.send(event, data); });
    return button;
  };

  Lead.prototype.scenarioControls = function (data) {
    var run = data.run;
    if (!run.active) { return; }
    var bar = el("div", { className: "d-flex flex-wrap gap-2 mb-2 live-scenario-controls" });
    var kind = run.node.kind;
    var seconds = Number(this.f("seconds").value) || 20;
    var t = this.t;
    if (kind === "situation") { bar.appendChild(this.button(t.sc_continue, "scenario_continue", { run: run.id }, "scenario-continue")); }
    if (kind === "decision" || kind === "check") {
      bar.appendChild(this.button(fmt(t.sc_push, { s: seconds }), "scenario_push", { run: run.id, seconds: seconds }, "scenario-push"));
      var follow = run.follow === "majority" || kind === "check";
      if (follow) { bar.appendChild(this.button(kind === "check" ? t.sc_go : t.sc_majority, "scenario_decide", { run: run.id }, "scenario-decide")); }
    }
    bar.appendChild(this.button(t.sc_stop, "scenario_stop", { run: run.id }, "scenario-stop"));
    data.body.prepend(bar);
    var item = this.activity.item;
    if (kind === "decision" && item && item.run === run.id && item.state === "closed") {
      var picks = el("div", { className: "d-flex flex-wrap gap-1 mb-2" });
      item.options.forEach(function (option) {
        var text = option.html.replace(/<[^>]+>/g, "").trim();
        var button = this.button(fmt(this.t.sc_pick, { n: text.length > 40 ? text.slice(0, 39) + "…" : text }),
          "scenario_decide", { run: run.id, choice: option.id });
        button.title = text;
        picks.appendChild(button);
      }, this);
      data.body.prepend(picks);
    }
  };

  // The breakout overview; each group's chat is kept so a redraw (a call for help) loses nothing.
  Lead.prototype.groups = function (overview) {
    var self = this;
    var box = this.f("groups");
    if (!overview || !this.overview || overview.breakout !== this.overview.breakout) { this.groupLogs = {}; }
    this.overview = overview;
    box.replaceChildren();
    if (!overview) { return; }
    overview.groups.forEach(function (group) {
      var card = el("div", { className: "card card-body p-2 mb-2" + (group.help ? " border-warning" : ""), "data-group": group.id }, [
        el("div", { className: "fw-semibold", text: group.name + (group.help ? " ✋" : "") }),
        el("div", { className: "small", text: group.members.map(function (m) { return m.name + (m.role_card ? " (" + m.role_card + ")" : ""); }).join(", ") }),
        el("ol", { className: "list-unstyled live-chat live-group-chat small mb-1", "data-group-chat": group.id })]);
      if (group.help) { card.appendChild(self.button(self.t.on_my_way, "group_call_answer", { group: group.id })); }
      var form = el("form", { className: "d-flex gap-1" }, [el("input", { className: "form-control form-control-sm", maxlength: "1000" }),
        el("button", { type: "submit", className: "btn btn-sm btn-outline-primary", text: self.t.send })]);
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        var input = form.querySelector("input");
        if (input.value.trim()) { self.send("chat_send", { body: input.value, group: group.id }); input.value = ""; }
      });
      card.appendChild(form);
      box.appendChild(card);
      (self.groupLogs[group.id] || []).forEach(function (m) { self.drawGroupMessage(m); });
    });
  };

  // A group called for help (or the call was answered): mark it on the overview.
  Lead.prototype.groupCall = function (view) {
    if (!this.overview) { return; }
    this.overview.groups.forEach(function (group) {
      if (group.id === view.id) { group.help = view.help; }
    });
    this.groups(this.overview);
    if (view.help) { this.room.notice(view.name + " ✋ " + this.t.calling); }
  };

  Lead.prototype.groupMessage = function (m) {
    this.groupLogs = this.groupLogs || {};
    (this.groupLogs[m.group] = this.groupLogs[m.group] || []).push(m);
    this.drawGroupMessage(m);
  };

  Lead.prototype.drawGroupMessage = function (m) {
    var log = this.box.querySelector('[data-group-chat="' + m.group + '"]');
    if (log && !log.querySelector('[data-msg="' + m.id + '"]')) { log.appendChild(this.room.chatItem(m, false)); }
  };

  L.Lead = Lead;
})();
