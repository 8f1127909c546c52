// Live room connection: Socket.IO with automatic reconnect, re-join with state restore, and
// an outbox so that what a trainee sends on a bad network is delivered once when it is back.
(function () {
  "use strict";

  // Events that are safe to replay: the server stores each once (client id, one answer or
  // vote per person, idempotent hands). Lecturer commands are never queued.
  var REPLAYABLE = { chat_send: 1, qa_ask: 1, qa_upvote: 1, hand_raise: 1, hand_lower: 1,
    poll_vote: 1, quiz_answer: 1, group_call: 1 };
  var ACK_TIMEOUT = 10000;

  function newId() {
    var bytes = new Uint8Array(12);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) {
      return ("0" + b.toString(16)).slice(-2);
    }).join("");
  }

  function Conn(options) {
    this.options = options;
    this.joined = false;
    this.flushing = false;
    this.generation = 0;
    this.lastChat = 0;
    this.lastGroupChat = 0;
    this.storeKey = "live-outbox-" + options.sessionId + "-" + options.userId;
    this.outbox = this.load();
    this.socket = window.io(options.namespace, { reconnectionDelayMax: 5000 });
    this.bind();
  }

  Conn.prototype.load = function () {
    try {
      return JSON.parse(window.sessionStorage.getItem(this.storeKey) || "[]");
    } catch (e) {
      return [];
    }
  };

  Conn.prototype.save = function () {
    try {
      window.sessionStorage.setItem(this.storeKey, JSON.stringify(this.outbox));
    } catch (e) { /* private mode: the outbox lives in memory only */ }
  };

  Conn.prototype.bind = function () {
    var self = this;
    var socket = this.socket;
    socket.on("connect", function () { self.join(); });
    socket.on("disconnect", function (reason) {
      self.joined = false;
      self.flushing = false;
      self.generation += 1;
      self.options.onStatus(reason === "io server disconnect" ? "kicked" : "offline");
    });
    socket.on("connect_error", function (error) {
      var data = error && error.data;
      if (data && data.error === "unauthenticated") {
        self.options.onStatus("revoked");
        socket.disconnect();
      } else {
        self.options.onStatus("offline");
      }
    });
    socket.onAny(function (event, payload) { self.options.onEvent(event, payload); });
  };

  Conn.prototype.join = function () {
    var self = this;
    var data = { session: this.options.sessionId };
    if (this.lastChat) { data.since = this.lastChat; }
    if (this.lastGroupChat) { data.group_since = this.lastGroupChat; }
    this.socket.timeout(ACK_TIMEOUT).emit("join", data, function (error, reply) {
      if (error) { self.socket.disconnect().connect(); return; }
      if (!reply.ok) { self.options.onRefused(reply); return; }
      self.joined = true;
      self.options.onSnapshot(reply);
      self.options.onStatus("online");
      self.flush();
    });
  };

  // Send an event. Replayable ones go through the outbox; others need a live connection.
  Conn.prototype.send = function (event, data, done) {
    if (REPLAYABLE[event]) {
      var item = { id: newId(), event: event, data: data || {} };
      if (event === "chat_send" || event === "qa_ask") { item.data.cid = item.id; }
      this.outbox.push(item);
      this.save();
      if (done) { this.options.onQueued(item); }
      this.flush();
      return item;
    }
    if (!this.joined) {
      if (done) { done({ ok: false, error: "offline", message: this.options.strings.lead_offline }); }
      return null;
    }
    this.socket.timeout(ACK_TIMEOUT).emit(event, data || {}, function (error, reply) {
      if (done) {
        done(error ? { ok: false, error: "timeout", message: "" } : reply);
      }
    });
    return null;
  };

  // Deliver queued items one by one, in order; stop at the first that gets no answer.
  Conn.prototype.flush = function () {
    var self = this;
    if (!this.joined || this.flushing || !this.outbox.length) { return; }
    this.flushing = true;
    var item = this.outbox[0];
    var generation = this.generation;
    this.socket.timeout(ACK_TIMEOUT).emit(item.event, item.data, function (error, reply) {
      if (generation !== self.generation) { // an answer from before a reconnect
        if (!error) { self.settle(item, reply); }
        return;
      }
      self.flushing = false;
      if (error) { return; } // no answer: kept, sent again after the next (re)join
      self.settle(item, reply);
      self.flush();
    });
  };

  // An item got its answer (stored, a duplicate of one stored, or clearly refused): drop it.
  Conn.prototype.settle = function (item, reply) {
    for (var i = 0; i < this.outbox.length; i += 1) {
      if (this.outbox[i].id === item.id) {
        this.outbox.splice(i, 1);
        this.save();
        this.options.onAck(item, reply);
        return;
      }
    }
  };

  Conn.prototype.pending = function (event) {
    return this.outbox.filter(function (item) { return item.event === event; });
  };

  window.LiveConn = Conn;
})();
