// Live room: state from the join snapshot, kept current by events; chat, Q&A, people, hands,
// lesson sync. Text from people goes in with textContent; the only HTML set is lesson and
// question HTML that the server rendered through lms.markup's sanitizer.
(function () {
  "use strict";

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      if (key === "text") { node.textContent = attrs[key]; }
      else if (key === "className") { node.className = attrs[key]; }
      else { node.setAttribute(key, attrs[key]); }
    });
    (children || []).forEach(function (child) { if (child) { node.appendChild(child); } });
    return node;
  }

  function fmt(template, values) {
    return String(template).replace(/\{(\w+)\}/g, function (all, key) {
      return values[key] === undefined ? all : values[key];
    });
  }

  // Times are shown in Vietnam's time zone, as on the server-rendered pages.
  function clock(iso) {
    return new Date(iso).toLocaleTimeString("vi-VN", { timeZone: "Asia/Ho_Chi_Minh",
      hour: "2-digit", minute: "2-digit", hour12: false });
  }

  function Room(root, strings) {
    this.root = root;
    this.t = strings;
    this.sessionId = Number(root.dataset.session);
    this.userId = Number(root.dataset.user);
    this.isLead = root.dataset.role === "lead";
    this.state = null;
    this.people = {};
    this.hands = [];
    this.myVotes = {};
    this.tab = "chat";
    this.lessonDetached = window.sessionStorage.getItem(this.key("detached")) === "1";
    this.handlers = {};
    this.onReady = [];
  }

  Room.prototype.key = function (name) { return "live-" + this.sessionId + "-" + name; };
  Room.prototype.q = function (name) { return this.root.querySelector('[data-live="' + name + '"]'); };
  Room.prototype.on = function (event, fn) {
    (this.handlers[event] = this.handlers[event] || []).push(fn);
  };
  Room.prototype.dispatch = function (event, payload) {
    (this.handlers[event] || []).forEach(function (fn) { fn(payload); });
  };

  // --- connection status -------------------------------------------------------------------
  Room.prototype.status = function (status) {
    if (this.ended) { status = "kicked"; } // after the end, going offline is expected
    var badge = this.q("conn");
    var map = { online: ["text-bg-success", this.t.connected], offline: ["text-bg-warning", this.t.offline],
      kicked: ["text-bg-secondary", this.t.ended], revoked: ["text-bg-danger", this.t.revoked] };
    var entry = map[status] || ["text-bg-secondary", this.t.connecting];
    badge.className = "badge rounded-pill live-conn " + entry[0];
    badge.textContent = status === "offline" ? "…" : entry[1];
    badge.title = entry[1];
    this.notice(status === "online" ? (this.waiting ? this.t.waiting : "") :
      status === "offline" ? this.t.offline : entry[1]);
    this.root.classList.toggle("live-offline", status !== "online");
  };

  Room.prototype.notice = function (text) {
    var box = this.q("notice");
    box.textContent = text || "";
    box.classList.toggle("d-none", !text);
  };

  // --- snapshot -------------------------------------------------------------------------------
  Room.prototype.applySnapshot = function (snap) {
    this.state = snap;
    this.me = snap.me;
    this.people = {};
    (snap.presence.people || []).forEach(function (p) { this.people[p.id] = p; }, this);
    this.count = snap.presence.count;
    this.renderPeople();
    this.mergeChat(snap.chat.messages, !snap.chat.complete);
    this.myVotes = {};
    snap.qa.my_votes.forEach(function (id) { this.myVotes[id] = true; }, this);
    this.questions = {};
    snap.qa.questions.forEach(function (q) { this.questions[q.id] = q; }, this);
    this.renderQa();
    this.setHands(snap.hands);
    this.setMuted(snap.me.muted, false);
    this.setLesson(snap.lesson);
    this.sessionState(snap.session.state);
    this.dispatch("snapshot", snap);
  };

  Room.prototype.sessionState = function (state) {
    this.waiting = state === "scheduled";
    if (this.waiting) { this.notice(this.t.waiting); }
    if (state === "ended") {
      this.ended = true;
      this.notice(this.t.ended);
      this.root.classList.add("live-ended");
      this.conn.socket.disconnect();
    }
  };

  // --- presence ------------------------------------------------------------------------------
  Room.prototype.presence = function (change) {
    this.count = change.count;
    if (!change.partial) {
      change.left.forEach(function (id) { delete this.people[id]; }, this);
      change.joined.forEach(function (p) { this.people[p.id] = p; }, this);
    }
    this.renderPeople();
  };

  Room.prototype.renderPeople = function () {
    var list = this.q("people");
    var self = this;
    this.q("count").textContent = this.count || 0;
    list.replaceChildren();
    var people = Object.keys(this.people).map(function (id) { return self.people[id]; });
    if (!people.length && this.count) {
      list.appendChild(el("li", { className: "list-group-item text-muted", text: fmt(this.t.count_only, { n: this.count }) }));
      return;
    }
    people.sort(function (a, b) {
      return (a.role === "lead" ? 0 : 1) - (b.role === "lead" ? 0 : 1) || a.name.localeCompare(b.name, "vi");
    });
    people.forEach(function (p) {
      var item = el("li", { className: "list-group-item d-flex gap-2 align-items-center", "data-person": p.id }, [
        el("span", { className: "me-auto", text: p.name + (p.id === self.userId ? " " + self.t.you : "") }),
        p.role === "lead" ? el("span", { className: "badge text-bg-secondary", text: self.t.lecturer }) : null,
        p.unit ? el("span", { className: "small text-muted d-none d-md-inline", text: p.unit }) : null
      ]);
      self.dispatch("person-row", { item: item, person: p });
      list.appendChild(item);
    });
  };

  // --- chat ------------------------------------------------------------------------------------
  Room.prototype.chatItem = function (m, pending) {
    var self = this;
    var body = m.deleted ? this.t.deleted : m.body;
    var item = el("li", { className: "live-msg" + (m.author.role === "lead" ? " live-msg-lead" : "") +
      (m.deleted ? " text-muted" : "") + (pending ? " live-pending" : ""), "data-msg": m.id || "",
      "data-cid": m.cid || "" }, [
      el("span", { className: "live-msg-meta", text: (m.at ? clock(m.at) + " " : "") + m.author.name }),
      el("span", { className: "live-msg-body", text: body }),
      pending ? el("span", { className: "small text-muted", text: " · " + this.t.queued }) : null
    ]);
    if (this.isLead && m.id && !m.deleted) {
      var del = el("button", { type: "button", className: "btn btn-link btn-sm p-0 ms-2", text: this.t.delete });
      del.addEventListener("click", function () { self.conn.send("chat_delete", { message: m.id }, self.report.bind(self)); });
      item.appendChild(del);
    }
    return item;
  };

  Room.prototype.mergeChat = function (messages, incomplete) {
    var list = this.q("chat");
    if (incomplete || !this.conn.lastChat) { list.replaceChildren(); }
    if (incomplete) { list.appendChild(el("li", { className: "small text-muted", text: this.t.missed })); }
    list.querySelectorAll(".live-pending").forEach(function (node) { node.remove(); });
    messages.forEach(function (m) { this.addMessage(m); }, this);
    this.conn.pending("chat_send").forEach(function (item) {
      if (item.data.group) { return; }
      list.appendChild(this.chatItem({ cid: item.id, body: item.data.body, author: { name: this.me.name, role: this.me.role } }, true));
    }, this);
    list.scrollTop = list.scrollHeight;
  };

  Room.prototype.addMessage = function (m) {
    if (m.group) { this.dispatch("group-message", m); return; }
    var list = this.q("chat");
    if (m.id && list.querySelector('[data-msg="' + m.id + '"]')) { return; }
    var pending = m.cid ? list.querySelector('[data-cid="' + m.cid + '"]') : null;
    var item = this.chatItem(m, false);
    if (pending) { list.replaceChild(item, pending); } else { list.appendChild(item); }
    this.conn.lastChat = Math.max(this.conn.lastChat, m.id || 0);
    list.scrollTop = list.scrollHeight;
    if (this.tab !== "chat") { this.unread("chat"); }
  };

  Room.prototype.deleteMessage = function (info) {
    if (info.group) { this.dispatch("group-deleted", info); return; }
    var item = this.q("chat").querySelector('[data-msg="' + info.id + '"]');
    if (item) {
      item.classList.add("text-muted");
      item.querySelector(".live-msg-body").textContent = this.t.deleted;
      var button = item.querySelector("button");
      if (button) { button.remove(); }
    }
  };

  Room.prototype.setMuted = function (muted, announce) {
    this.muted = muted;
    var input = this.root.querySelector("#chat-input");
    input.dataset.placeholder = input.dataset.placeholder || input.placeholder;
    input.disabled = muted;
    input.placeholder = muted ? this.t.muted_note : input.dataset.placeholder;
    this.root.querySelector("#qa-input").disabled = muted;
    if (announce) { this.notice(muted ? this.t.muted_note : this.t.unmuted_note); }
  };

  // --- Q&A ------------------------------------------------------------------------------------
  Room.prototype.renderQa = function () {
    var list = this.q("qa");
    var self = this;
    var questions = Object.keys(this.questions).map(function (id) { return self.questions[id]; });
    questions.sort(function (a, b) { return (a.answered - b.answered) || (b.votes - a.votes) || (a.id - b.id); });
    list.replaceChildren();
    if (!questions.length) { list.appendChild(el("li", { className: "list-group-item text-muted", text: this.t.no_questions })); }
    questions.forEach(function (q) { list.appendChild(self.qaItem(q)); });
  };

  Room.prototype.qaItem = function (q) {
    var self = this;
    var mine = q.author.id === this.userId;
    var vote = el("button", { type: "button", className: "btn btn-sm " + (this.myVotes[q.id] ? "btn-primary" : "btn-outline-primary"),
      "aria-pressed": this.myVotes[q.id] ? "true" : "false", title: this.t.upvote, text: "▲ " + q.votes });
    vote.disabled = mine || q.answered;
    vote.addEventListener("click", function () {
      self.myVotes[q.id] = !self.myVotes[q.id];
      self.conn.send("qa_upvote", { question: q.id, up: self.myVotes[q.id] }, true);
      self.renderQa();
    });
    var actions = el("div", { className: "d-flex gap-1 flex-wrap justify-content-end" }, [vote]);
    if (this.isLead) {
      actions.appendChild(this.qaButton(q.answered ? this.t.answered : this.t.mark_answered, "qa_answered", { question: q.id, answered: !q.answered }));
    }
    if (this.isLead || mine) {
      actions.appendChild(this.qaButton(mine && !this.isLead ? this.t.withdraw : this.t.remove, "qa_delete", { question: q.id }));
    }
    return el("li", { className: "list-group-item d-flex gap-2" + (q.answered ? " text-muted" : ""), "data-question": q.id }, [
      el("div", { className: "me-auto" }, [
        el("div", { text: q.body }),
        el("div", { className: "small text-muted", text: q.author.name + (q.answered ? " · " + this.t.answered : "") })
      ]), actions]);
  };

  Room.prototype.qaButton = function (label, event, data) {
    var self = this;
    var button = el("button", { type: "button", className: "btn btn-sm btn-outline-secondary", text: label });
    button.addEventListener("click", function () { self.conn.send(event, data, self.report.bind(self)); });
    return button;
  };

  // --- hands ------------------------------------------------------------------------------------
  // hands: {queue: the first raised hands, named; count; ids: every raised hand in order}
  Room.prototype.setHands = function (hands) {
    var self = this;
    var list = this.q("hands");
    var queue = hands.queue;
    list.replaceChildren();
    if (!queue.length) { list.appendChild(el("li", { className: "list-group-item text-muted live-empty", text: this.t.no_hands })); }
    var position = hands.ids.indexOf(this.userId) + 1;
    queue.forEach(function (hand) {
      var item = el("li", { className: "list-group-item d-flex gap-2 align-items-center" }, [
        el("span", { className: "me-auto", text: hand.user.name }),
        el("span", { className: "small text-muted", text: clock(hand.at) })]);
      if (self.isLead) {
        var lower = el("button", { type: "button", className: "btn btn-sm btn-outline-secondary", text: self.t.lower_one });
        lower.addEventListener("click", function () { self.conn.send("hand_lower", { user: hand.user.id }, self.report.bind(self)); });
        item.appendChild(lower);
      }
      list.appendChild(item);
    });
    if (hands.count > queue.length) {
      list.appendChild(el("li", { className: "list-group-item small text-muted", text: "+" + (hands.count - queue.length) }));
    }
    var button = this.q("hand");
    button.setAttribute("aria-pressed", position ? "true" : "false");
    button.classList.toggle("btn-warning", !position);
    button.classList.toggle("btn-dark", !!position);
    button.querySelector("span").textContent = position ? this.t.lower + " (" + position + ")" : this.t.raise;
    this.myHand = position;
  };

  // --- lesson sync ------------------------------------------------------------------------------
  Room.prototype.setLesson = function (lesson) {
    this.lesson = lesson && lesson.lesson ? lesson : null;
    if (this.lessonDetached && this.reading) { this.showAway(); return; }
    this.showSection(this.lesson);
  };

  Room.prototype.showSection = function (view) {
    var body = this.q("lesson");
    this.q("lesson-detach").classList.toggle("d-none", !view || this.isLead);
    if (!view) {
      body.replaceChildren(el("p", { className: "text-muted mb-0", text: this.t.lesson_none }));
      this.q("lesson-where").textContent = "";
      return;
    }
    body.innerHTML = view.html; // sanitized by lms.markup on the server
    body.prepend(el("p", { className: "small text-muted mb-2", text: view.lesson_title }));
    this.q("lesson-where").textContent = fmt(this.t.section_of, { i: view.section + 1, n: view.count });
  };

  Room.prototype.showAway = function () {
    var away = this.q("lesson-away");
    away.replaceChildren(el("span", { text: (this.lesson ? fmt(this.t.lecturer_at, { t: this.lesson.title }) + " " : "") }));
    var back = el("button", { type: "button", className: "btn btn-sm btn-primary ms-2", text: this.t.back_to_lecturer, "data-testid": "lesson-return" });
    back.addEventListener("click", this.attach.bind(this));
    away.appendChild(back);
    away.classList.remove("d-none");
  };

  Room.prototype.detach = function () {
    var self = this;
    if (!this.lesson) { return; }
    this.conn.send("lesson_sections", { lesson: this.lesson.lesson }, function (reply) {
      if (!reply.ok) { self.report(reply); return; }
      self.reading = { sections: reply.sections, index: self.lesson.section, title: reply.lesson_title };
      self.lessonDetached = true;
      window.sessionStorage.setItem(self.key("detached"), "1");
      self.q("lesson-nav").classList.remove("d-none");
      self.q("lesson-detach").classList.add("d-none");
      self.showAway();
      self.readAt(self.reading.index);
    });
  };

  Room.prototype.readAt = function (index) {
    var sections = this.reading.sections;
    this.reading.index = Math.max(0, Math.min(sections.length - 1, index));
    var s = sections[this.reading.index];
    this.showSection({ html: s.html, lesson_title: this.reading.title, section: s.index, count: sections.length });
    this.q("lesson-detach").classList.add("d-none");
  };

  Room.prototype.attach = function () {
    this.lessonDetached = false;
    this.reading = null;
    window.sessionStorage.removeItem(this.key("detached"));
    this.q("lesson-away").classList.add("d-none");
    this.q("lesson-nav").classList.add("d-none");
    this.showSection(this.lesson);
  };

  // --- tabs, unread badges, errors ----------------------------------------------------------------
  Room.prototype.showTab = function (name) {
    this.tab = name;
    this.root.querySelectorAll("[data-tab]").forEach(function (b) {
      b.classList.toggle("active", b.dataset.tab === name);
      b.setAttribute("aria-selected", b.dataset.tab === name ? "true" : "false");
    });
    this.root.querySelectorAll("[data-pane]").forEach(function (p) { p.classList.toggle("d-none", p.dataset.pane !== name); });
    var badge = this.root.querySelector('[data-unread="' + name + '"]');
    if (badge) { badge.textContent = ""; badge.classList.add("d-none"); }
  };

  Room.prototype.unread = function (name) {
    var badge = this.root.querySelector('[data-unread="' + name + '"]');
    badge.textContent = String(Number(badge.textContent || 0) + 1);
    badge.classList.remove("d-none");
  };

  Room.prototype.report = function (reply) {
    if (reply && reply.ok === false) { this.notice(reply.message || this.t.failed); }
  };

  window.LiveRoom = { Room: Room, el: el, fmt: fmt, clock: clock };
})();
