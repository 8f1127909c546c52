// Live room activities everyone sees: the poll, the live question or scenario decision with
// its timer and results, the scenario the class plays, and one's breakout group.
(function () {
  "use strict";
  var L = window.LiveRoom;
  var el = L.el;
  var fmt = L.fmt;

  function Activity(room) {
    this.room = room;
    this.t = room.t;
    this.box = room.q("activity");
    this.blocks = { scenario: null, quiz: null, poll: null };
    this.timer = null;
    this.offset = 0;
  }

  Activity.prototype.render = function () {
    var self = this;
    this.box.replaceChildren();
    ["scenario", "quiz", "poll"].forEach(function (name) {
      if (self.blocks[name]) { self.box.appendChild(self.blocks[name]); }
    });
    this.box.classList.toggle("d-none", !this.box.children.length);
  };

  Activity.prototype.block = function (name, title, testid) {
    var header = el("div", { className: "card-header d-flex align-items-center gap-2" }, [
      el("h2", { className: "h6 mb-0 me-auto", text: title })]);
    var node = el("div", { className: "live-block", "data-testid": testid }, [header, el("div", { className: "card-body" })]);
    this.blocks[name] = node;
    return node;
  };

  Activity.prototype.syncClock = function (serverTime) {
    if (serverTime) { this.offset = new Date(serverTime).getTime() - Date.now(); }
  };

  // --- polls ---------------------------------------------------------------------------------------
  Activity.prototype.setPoll = function (data) {
    var poll = data && data.poll;
    if (!poll || (poll.state === "closed" && !poll.published && !this.room.isLead)) {
      if (poll && this.pollId === poll.id) { this.pollNote(this.t.poll_closed); return; }
      this.blocks.poll = null; this.render(); return;
    }
    if (this.pollId !== poll.id) { this.mine = data.mine || null; }
    this.pollId = poll.id;
    this.poll = poll;
    var node = this.block("poll", this.t.poll + (poll.anonymous ? " · " + this.t.anonymous : ""), "poll");
    var body = node.querySelector(".card-body");
    body.appendChild(el("p", { className: "fw-semibold", text: poll.question }));
    if (poll.state === "open" && !this.mine && !this.room.isLead) { body.appendChild(this.pollForm(poll)); }
    if (this.mine) { body.appendChild(this.chosen(poll, this.mine)); }
    if (poll.state === "closed") { body.appendChild(el("p", { className: "small text-muted mb-1", text: this.t.poll_closed })); }
    body.appendChild(el("div", { "data-role": "poll-results" }));
    this.room.dispatch("poll-block", { body: body, poll: poll });
    this.render();
    if (data.results) { this.pollResults(data.results); }
  };

  Activity.prototype.chosen = function (poll, mine) {
    var names = mine.map(function (i) { return poll.options[i]; }).join("; ");
    return el("p", { className: "text-success", "data-testid": "poll-mine", text: fmt(this.t.you_chose, { c: names }) });
  };

  Activity.prototype.pollForm = function (poll) {
    var self = this;
    var form = el("form", { className: "live-options", "data-testid": "poll-form" });
    poll.options.forEach(function (option, index) {
      var id = "poll-" + poll.id + "-" + index;
      form.appendChild(el("div", { className: "form-check" }, [
        el("input", { className: "form-check-input", type: poll.multiple ? "checkbox" : "radio", name: "choice", id: id, value: String(index) }),
        el("label", { className: "form-check-label", for: id, text: option })]));
    });
    form.appendChild(el("button", { className: "btn btn-primary btn-sm mt-2", type: "submit", text: this.t.send, "data-testid": "poll-send" }));
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var choices = Array.prototype.map.call(form.querySelectorAll("input:checked"), function (i) { return Number(i.value); });
      if (!choices.length) { self.room.notice(self.t.choose_one); return; }
      self.mine = choices;
      self.room.conn.send("poll_vote", { poll: poll.id, choices: choices }, true);
      form.replaceWith(self.chosen(poll, choices));
    });
    return form;
  };

  Activity.prototype.pollNote = function (text) {
    var block = this.blocks.poll;
    if (block) { block.querySelector(".card-body").appendChild(el("p", { className: "small text-muted", text: text })); }
  };

  Activity.prototype.pollResults = function (results) {
    if (!this.blocks.poll || results.poll !== this.pollId) { return; }
    var holder = this.blocks.poll.querySelector('[data-role="poll-results"]');
    holder.replaceChildren(el("p", { className: "small text-muted mb-1", text: fmt(this.t.answered_n, { n: results.voters }) }));
    this.poll.options.forEach(function (option, index) {
      holder.appendChild(bar(option, results.counts[index], results.voters, false));
    });
  };

  // One answer option with its count: the text on its own line, the bar under it (phones).
  function bar(label, count, total, correct, html, note) {
    var text = el("div", { className: "live-bar-label" + (correct ? " fw-semibold text-success" : "") });
    if (html) { text.innerHTML = html; } else { text.textContent = label; } // html: server-sanitized
    return el("div", { className: "live-bar-row" }, [text, el("div", { className: "live-bar-line" }, [
      el("progress", { className: "live-bar", max: String(Math.max(total, 1)), value: String(count) }),
      el("span", { className: "live-bar-count", text: (correct ? "✓ " : "") + count }),
      note ? el("span", { className: "small text-muted", text: note }) : null])]);
  }

  // --- live question / decision ----------------------------------------------------------------------
  Activity.prototype.setQuiz = function (state) {
    if (!state) { this.blocks.quiz = null; this.render(); return; }
    this.syncClock(state.server_time);
    this.item = state.item;
    this.answer = state.mine;
    var node = this.block("quiz", this.t[state.item.kind], "quiz");
    var body = node.querySelector(".card-body");
    if (state.item.title && state.item.kind !== "decision") { body.appendChild(el("p", { className: "small text-muted mb-1", text: state.item.title })); }
    body.appendChild(el("div", { className: "live-timer fw-semibold", "data-role": "timer" }));
    var prompt = el("div", { className: "live-prompt" });
    prompt.innerHTML = state.item.prompt; // sanitized by lms.markup on the server
    body.appendChild(prompt);
    body.appendChild(el("div", { "data-role": "answer" }));
    body.appendChild(el("div", { "data-role": "results" }));
    this.room.dispatch("quiz-block", { body: body, item: state.item, state: state });
    this.render();
    if (state.item.state === "open") {
      this.drawAnswer();
      this.startTimer();
    } else {
      this.stopTimer(this.t.time_up);
      this.drawAnswer();
      if (state.results) { this.showResults(state.results, state.my_result); }
    }
  };

  Activity.prototype.startTimer = function () {
    var self = this;
    var closes = new Date(this.item.closes_at).getTime();
    window.clearInterval(this.timer);
    var tick = function () {
      var left = Math.max(0, Math.ceil((closes - (Date.now() + self.offset)) / 1000));
      var timer = self.blocks.quiz && self.blocks.quiz.querySelector('[data-role="timer"]');
      if (timer) { timer.textContent = left ? fmt(self.t.seconds_left, { s: left }) : self.t.time_up; }
      if (!left) { window.clearInterval(self.timer); self.room.dispatch("quiz-timeout", self.item); }
    };
    tick();
    this.timer = window.setInterval(tick, 250);
  };

  Activity.prototype.stopTimer = function (text) {
    window.clearInterval(this.timer);
    var timer = this.blocks.quiz && this.blocks.quiz.querySelector('[data-role="timer"]');
    if (timer) { timer.textContent = text; }
  };

  Activity.prototype.drawAnswer = function () {
    var holder = this.blocks.quiz.querySelector('[data-role="answer"]');
    holder.replaceChildren();
    // After the close the results list the options (with one's own pick marked) instead.
    if (this.room.isLead || this.item.state !== "open") { return; }
    if (this.answer) {
      holder.appendChild(el("p", { className: "text-success mb-2", "data-testid": "quiz-recorded", text: this.t.recorded }));
    }
    holder.appendChild(this.answerForm());
  };

  Activity.prototype.answerForm = function () {
    var self = this;
    var item = this.item;
    var form = el("form", { className: "live-options d-grid gap-2", "data-testid": "quiz-form" });
    var locked = !!this.answer || item.state !== "open";
    if (item.options && item.type !== "multiple_choice") {
      item.options.forEach(function (option) {
        var button = el("button", { type: "button", className: "btn btn-lg text-start live-choice " +
          (self.isPicked(option.id) ? "btn-primary" : "btn-outline-primary") });
        button.innerHTML = option.html; // sanitized by lms.markup on the server
        button.disabled = locked;
        button.addEventListener("click", function () {
          self.submit(item.type === "true_false" ? { value: option.id } : { choice: option.id });
        });
        form.appendChild(button);
      });
      return form;
    }
    if (item.type === "multiple_choice") {
      item.options.forEach(function (option) {
        var id = "q-" + item.id + "-" + option.id;
        var label = el("label", { className: "form-check-label", for: id });
        label.innerHTML = option.html; // sanitized by lms.markup on the server
        var box = el("input", { className: "form-check-input", type: "checkbox", id: id, value: String(option.id) });
        box.checked = self.isPicked(option.id);
        box.disabled = locked;
        form.appendChild(el("div", { className: "form-check live-check" }, [box, label]));
      });
    } else {
      var input = el("input", { className: "form-control form-control-lg", name: "text", "data-testid": "quiz-text",
        inputmode: item.type === "numerical" ? "decimal" : "text", placeholder: this.t.your_answer_placeholder, maxlength: "200" });
      input.disabled = locked;
      if (this.answer) { input.value = this.answer.text || this.answer.value || ""; }
      form.appendChild(input);
    }
    var send = el("button", { type: "submit", className: "btn btn-primary", text: this.t.send_answer, "data-testid": "quiz-send" });
    send.disabled = locked;
    form.appendChild(send);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (item.type === "multiple_choice") {
        self.submit({ choices: Array.prototype.map.call(form.querySelectorAll("input:checked"), function (b) { return Number(b.value); }) });
      } else {
        var text = form.querySelector("input").value.trim();
        self.submit(item.type === "numerical" ? { value: text } : { text: text });
      }
    });
    return form;
  };

  Activity.prototype.isPicked = function (id) {
    var a = this.answer;
    if (!a) { return false; }
    if (a.choices) { return a.choices.indexOf(id) >= 0; }
    return a.choice === id || a.value === id;
  };

  // Whether a distribution row is what this person answered.
  Activity.prototype.pickedKey = function (key) {
    var a = this.answer;
    if (!a) { return false; }
    if (a.choices) { return a.choices.map(String).indexOf(key) >= 0; }
    if (a.choice !== undefined) { return String(a.choice) === key; }
    if (a.value === true || a.value === false) { return String(a.value) === key; }
    return false;
  };

  Activity.prototype.submit = function (response) {
    this.answer = response;
    this.room.conn.send("quiz_answer", { item: this.item.id, response: response }, true);
    this.drawAnswer();
  };

  Activity.prototype.answerAck = function (data, reply) {
    if (!this.item || data.item !== this.item.id) { return; }
    if (!reply.ok) {
      this.answer = null;
      this.drawAnswer();
      this.room.notice(reply.message);
    }
  };

  Activity.prototype.showResults = function (results, mine) {
    if (!this.item || results.item !== this.item.id) { return; }
    this.item.state = "closed";
    var leadBar = this.blocks.quiz.querySelector('[data-role="lead-bar"]');
    if (leadBar) { leadBar.remove(); }
    this.stopTimer(this.t.time_up);
    this.drawAnswer();
    var holder = this.blocks.quiz.querySelector('[data-role="results"]');
    holder.replaceChildren(el("h3", { className: "h6 mt-3", text: this.t.results + " · " + fmt(this.t.answered_n, { n: results.answered }) }));
    var self = this;
    results.distribution.forEach(function (row) {
      var mine = self.pickedKey(row.key) ? self.t.your_pick : "";
      holder.appendChild(bar("", row.count, results.answered, row.correct, row.html, mine));
    });
    holder.appendChild(el("div", { "data-role": "mine", "data-testid": "quiz-mine" }));
    if (mine !== undefined) { this.myResult(mine); }
    if (results.right_answer) { holder.appendChild(this.html(this.t.right_answer, results.right_answer)); }
    if (results.feedback) { holder.appendChild(this.html("", results.feedback)); }
    holder.appendChild(articles(results.articles, this.t.articles));
    holder.appendChild(board(results.leaderboard, this.t.leaderboard, this.room.userId));
  };

  Activity.prototype.myResult = function (mine) {
    var box = this.blocks.quiz && this.blocks.quiz.querySelector('[data-role="mine"]');
    if (!box || this.room.isLead) { return; }
    if (!mine) { box.replaceChildren(el("p", { className: "text-muted", text: this.t.no_answer })); return; }
    var verdict = mine.correct ? this.t.correct : (mine.points ? this.t.partly : this.t.wrong);
    box.replaceChildren(el("p", { className: "fw-semibold mb-0 " + (mine.correct ? "text-success" : "text-danger"), text: verdict + " " + fmt(this.t.points, { p: mine.points }) }),
      el("p", { className: "small", text: fmt(this.t.standing, { t: mine.total, r: mine.rank, n: mine.of }) }));
  };

  Activity.prototype.html = function (title, html) {
    var box = el("div", { className: "live-feedback mt-2" });
    if (title) { box.appendChild(el("p", { className: "small fw-semibold mb-1", text: title })); }
    var content = el("div");
    content.innerHTML = html; // sanitized by lms.markup on the server
    box.appendChild(content);
    return box;
  };

  function articles(list, title) {
    var box = el("div", { className: "live-articles" });
    if (!list || !list.length) { return box; }
    box.appendChild(el("p", { className: "small fw-semibold mb-1 mt-2", text: title }));
    list.forEach(function (a) {
      box.appendChild(el("div", { className: "card card-body p-2 mb-1 small", id: a.anchor }, [
        el("div", { className: "fw-semibold", text: a.label + (a.title ? " – " + a.title : "") }),
        el("div", { text: a.summary })]));
    });
    return box;
  }

  function board(rows, title, me) {
    var box = el("div", { className: "live-board mt-2", "data-testid": "leaderboard" });
    if (!rows || !rows.length) { return box; }
    box.appendChild(el("p", { className: "small fw-semibold mb-1", text: title }));
    var list = el("ol", { className: "list-unstyled mb-0" });
    rows.forEach(function (row) {
      list.appendChild(el("li", { className: row.user.id === me ? "fw-semibold" : "", text: row.rank + ". " + row.user.name + " – " + row.points }));
    });
    box.appendChild(list);
    return box;
  }

  // --- the scenario the class plays ---------------------------------------------------------------------
  Activity.prototype.setScenario = function (run) {
    if (!run) { this.blocks.scenario = null; this.render(); return; }
    this.run = run;
    var node = this.block("scenario", run.title, "scenario");
    var body = node.querySelector(".card-body");
    var outcome = run.outcome;
    if (outcome && outcome.html) {
      body.appendChild(el("p", { className: "small fw-semibold mb-1", text: outcome.by === "lecturer" ? this.t.by_lecturer : this.t.by_majority }));
      body.appendChild(this.html("", outcome.html));
      if (outcome.feedback) { body.appendChild(this.html("", outcome.feedback)); }
      body.appendChild(articles(outcome.articles, this.t.articles));
      body.appendChild(el("hr"));
    }
    body.appendChild(el("h3", { className: "h6", text: run.node.title }));
    if (run.node.html) { body.appendChild(this.html("", run.node.html)); }
    if (run.result) {
      var r = run.result;
      body.appendChild(el("p", { className: "fw-semibold", "data-testid": "scenario-result",
        text: fmt(this.t.result, { s: r.score, m: r.max, p: r.percent === null ? "—" : r.percent }) +
          (r.passed === null ? "" : " · " + (r.passed ? this.t.passed : this.t.not_passed)) }));
    }
    this.room.dispatch("scenario-block", { body: body, run: run });
    this.render();
  };

  // --- breakout group ---------------------------------------------------------------------------------
  // messages: the group's chat from a snapshot; undefined keeps the lines already received.
  Activity.prototype.setGroup = function (group, messages) {
    var self = this;
    var panel = this.room.q("group");
    if (!group || !this.group || group.id !== this.group.id) { this.groupLog = []; }
    if (messages) { this.groupLog = messages.slice(); }
    this.group = group;
    panel.replaceChildren();
    panel.classList.toggle("d-none", !group);
    if (!group) { return; }
    var me = group.members.filter(function (m) { return m.id === self.room.userId; })[0];
    var body = el("div", { className: "card-body" }, [
      me && me.role_card ? el("p", { className: "alert alert-info py-1 mb-2", "data-testid": "role-card", text: fmt(this.t.your_role, { r: me.role_card }) }) : null,
      el("p", { className: "small mb-2", text: this.t.members + ": " + group.members.map(function (m) { return m.name + (m.role_card ? " (" + m.role_card + ")" : ""); }).join(", ") })]);
    var call = el("button", { type: "button", className: "btn btn-sm " + (group.help ? "btn-warning" : "btn-outline-warning"), "data-testid": "group-call",
      text: group.help ? this.t.cancel_call : this.t.call });
    call.addEventListener("click", function () { self.room.conn.send("group_call", { on: !self.group.help }, true); self.group.help = !self.group.help; self.setGroup(self.group); });
    body.appendChild(call);
    if (group.help) { body.appendChild(el("span", { className: "small ms-2", text: this.t.calling })); }
    var log = el("ol", { className: "list-unstyled live-chat live-group-chat mt-2", "data-testid": "group-chat" });
    var form = el("form", { className: "d-flex gap-2", autocomplete: "off" }, [
      el("input", { className: "form-control form-control-sm", maxlength: "1000", placeholder: this.t.group_chat_placeholder, "data-testid": "group-chat-input" }),
      el("button", { className: "btn btn-sm btn-primary", type: "submit", text: this.t.send })]);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var input = form.querySelector("input");
      if (!input.value.trim()) { return; }
      self.room.conn.send("chat_send", { body: input.value, group: group.id }, true);
      input.value = "";
    });
    body.appendChild(log);
    body.appendChild(form);
    panel.appendChild(el("div", { className: "card-header" }, [el("h2", { className: "h6 mb-0", text: this.t.group + ": " + group.name })]));
    panel.appendChild(body);
    this.groupLog.forEach(function (m) { self.drawGroupMessage(m); });
  };

  Activity.prototype.groupMessage = function (m) {
    if (!this.group || m.group !== this.group.id) { return; }
    if (this.drawGroupMessage(m)) { this.groupLog.push(m); }
  };

  Activity.prototype.drawGroupMessage = function (m) {
    var log = this.room.q("group").querySelector("ol");
    if (!log || log.querySelector('[data-msg="' + m.id + '"]')) { return false; }
    log.appendChild(this.room.chatItem(m, false));
    this.room.conn.lastGroupChat = Math.max(this.room.conn.lastGroupChat, m.id);
    log.scrollTop = log.scrollHeight;
    return true;
  };

  L.Activity = Activity;
  L.articles = articles;
  L.board = board;
  L.bar = bar;
})();
