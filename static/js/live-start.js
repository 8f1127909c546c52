// Start the live room: connect, draw the snapshot, route server events to the panels.
(function () {
  "use strict";
  var root = document.getElementById("live-room");
  if (!root || !window.io) { return; }
  var L = window.LiveRoom;
  var strings = JSON.parse(document.getElementById("live-strings").textContent);
  var room = new L.Room(root, strings);
  var activity = new L.Activity(room);
  var lead = room.isLead && L.Lead ? new L.Lead(room, activity) : null;

  room.conn = new window.LiveConn({
    namespace: root.dataset.namespace, sessionId: room.sessionId, userId: room.userId, strings: strings,
    onStatus: function (status) { room.status(status); },
    onSnapshot: function (snap) {
      room.applySnapshot(snap);
      activity.syncClock(snap.server_time);
      activity.setScenario(snap.scenario);
      activity.setQuiz(snap.quiz);
      activity.setPoll(snap.poll);
      activity.setGroup(snap.group, snap.group_chat ? snap.group_chat.messages : []);
      root.dataset.ready = "1";
    },
    onRefused: function (reply) {
      room.notice(reply.message);
      if (reply.error === "conflict") { room.sessionState("ended"); }
    },
    onQueued: function (item) {
      if (item.event === "chat_send" && !item.data.group) {
        var list = room.q("chat");
        list.appendChild(room.chatItem({ cid: item.id, body: item.data.body, author: { name: room.me.name, role: room.me.role } }, true));
        list.scrollTop = list.scrollHeight;
      }
    },
    onAck: function (item, reply) {
      if (item.event === "quiz_answer") { activity.answerAck(item.data, reply); return; }
      if (item.event === "chat_send" && reply.ok) { room.addMessage(reply.message); return; }
      if (item.event === "qa_ask" && reply.ok) { room.questions[reply.question.id] = reply.question; room.renderQa(); return; }
      if (item.event === "hand_raise" || item.event === "hand_lower") { if (reply.ok) { room.setHands(reply); } }
      if (!reply.ok) {
        var pending = item.data.cid && root.querySelector('[data-cid="' + item.data.cid + '"]');
        if (pending) { pending.classList.add("text-danger"); pending.lastChild.textContent = " · " + strings.failed; }
        room.report(reply);
      }
    },
    onEvent: function (event, payload) { route(event, payload); }
  });

  function route(event, p) {
    switch (event) {
      case "presence": room.presence(p); break;
      case "chat_message": room.addMessage(p); break;
      case "chat_deleted": room.deleteMessage(p); break;
      case "muted": room.setMuted(p.muted, true); break;
      case "qa_question": room.questions[p.id] = p; room.renderQa(); if (room.tab !== "qa") { room.unread("qa"); } break;
      case "qa_removed": delete room.questions[p.id]; room.renderQa(); break;
      case "hands": room.setHands(p); break;
      case "lesson": room.setLesson(p); break;
      case "poll": activity.setPoll(p); break;
      case "poll_results": activity.pollResults(p); break;
      case "quiz_item": activity.syncClock(p.server_time); activity.setQuiz({ item: p.item, mine: null, answered: 0 }); break;
      case "quiz_results": activity.showResults(p); break;
      case "quiz_result": activity.myResult(p); break;
      case "quiz_progress": updateProgress(p); break;
      case "scenario": activity.setScenario(p); break;
      case "group": activity.setGroup(p.group, p.group ? [] : undefined); if (!p.group && !room.isLead) { room.notice(strings.recalled); } break;
      case "group_update":
        if (activity.group && activity.group.id === p.id) {
          if (activity.group.help && !p.help) { room.notice(strings.help_answered); }
          activity.group.help = p.help;
          activity.setGroup(activity.group);
        }
        break;
      case "groups": if (lead) { lead.groups(p); } break;
      case "group_call": if (lead) { lead.groupCall(p); } break;
      case "mute_changed": if (lead) { lead.muted[p.user] = p.muted; room.renderPeople(); } break;
      case "session_state": room.sessionState(p.state); if (p.state === "live") { room.notice(""); } break;
      case "session_revoked": room.status("revoked"); break;
      default: break;
    }
  }

  function updateProgress(p) {
    var node = root.querySelector('[data-testid="quiz-progress"]');
    if (node && activity.item && activity.item.id === p.item) { node.textContent = L.fmt(strings.answers_so_far, { n: p.answered }); }
  }

  room.on("group-message", function (m) { activity.groupMessage(m); if (lead) { lead.groupMessage(m); } });
  root.querySelectorAll("[data-tab]").forEach(function (button) {
    button.addEventListener("click", function () { room.showTab(button.dataset.tab); });
  });
  function onSubmit(name, event) {
    room.q(name).addEventListener("submit", function (e) {
      e.preventDefault();
      var input = e.target.querySelector("input");
      var body = input.value.trim();
      if (!body) { return; }
      room.conn.send(event, { body: body }, true);
      input.value = "";
    });
  }
  onSubmit("chat-form", "chat_send");
  onSubmit("qa-form", "qa_ask");
  room.q("hand").addEventListener("click", function () {
    room.conn.send(room.myHand ? "hand_lower" : "hand_raise", {}, true);
  });
  room.q("lesson-detach").addEventListener("click", function () { room.detach(); });
  room.q("lesson-prev").addEventListener("click", function () { room.readAt(room.reading.index - 1); });
  room.q("lesson-next").addEventListener("click", function () { room.readAt(room.reading.index + 1); });
  room.status("connecting");
})();
