/*
 * Reflect's chat widget: plain JavaScript, no build step, no dependencies.
 *
 * Embed it with one tag (the server must list your site in REFLECT_ALLOWED_ORIGINS):
 *   <script src="https://your-reflect-server/web/reflect.js" defer></script>
 * It mounts into <div id="reflect-chat"> when there is one, else at the end of <body>.
 *
 * Safety: every message is inserted as text (textContent / text nodes). The only
 * formatting is Markdown emphasis (**bold**, *italic*), built as <strong>/<em>
 * elements; nothing else in a message becomes markup or a link.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  var BASE = new URL(".", script ? script.src : location.href).href.replace(/\/web\/$/, "");
  var SAME_ORIGIN = new URL(BASE).origin === location.origin;
  var KEY = "reflect.session";
  var QUICK_KEY = "reflect.quick";  // the last reply's buttons, so a reload still offers them
  var STEP = /Step (\d+) of (\d+)/;

  // --- small DOM helpers (text only) --------------------------------------
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      if (name === "text") node.textContent = attrs[name];
      else node.setAttribute(name, attrs[name]);
    });
    (children || []).forEach(function (child) { if (child) node.appendChild(child); });
    return node;
  }

  /* Markdown emphasis only: **bold**, __bold__, *italic*, _italic_; the rest is text. */
  var EMPHASIS = /(\*\*|__)(?=\S)([^\n]*?\S)\1|(\*|_)(?=[^\s*_])([^\n*_]*?[^\s*_])\3(?![A-Za-z0-9])/g;
  function rich(text) {
    var out = document.createDocumentFragment();
    var source = String(text == null ? "" : text);
    var last = 0;
    source.replace(EMPHASIS, function (match, strongMark, strongText, emMark, emText, offset) {
      if (emMark === "_" && offset > 0 && /[A-Za-z0-9]/.test(source.charAt(offset - 1))) return match;
      out.appendChild(document.createTextNode(source.slice(last, offset)));
      out.appendChild(el(strongMark ? "strong" : "em", { text: strongMark ? strongText : emText }));
      last = offset + match.length;
      return match;
    });
    out.appendChild(document.createTextNode(source.slice(last)));
    return out;
  }

  function timeLabel(date) {
    var now = new Date();
    var opts = { hour: "2-digit", minute: "2-digit" };
    if (date.toDateString() !== now.toDateString()) {
      opts.day = "numeric"; opts.month = "short";
    }
    return date.toLocaleString(undefined, opts);
  }

  // --- the session -------------------------------------------------------
  function storedSession() {
    try {
      var value = JSON.parse(localStorage.getItem(KEY) || "null");
      return value && typeof value.token === "string" ? value : null;
    } catch (e) { return null; }
  }

  /* The owner's link carries the API token: take it out of the address bar at once. */
  function takeOwnerToken() {
    if (!SAME_ORIGIN) return null;
    var params = new URLSearchParams(location.search);
    var token = params.get("token");
    if (token) {
      params.delete("token");
      var rest = params.toString();
      history.replaceState(null, "", location.pathname + (rest ? "?" + rest : "") + location.hash);
    }
    return token;
  }

  function api(path, options) {
    options = options || {};
    var session = storedSession();
    var headers = options.headers || {};
    if (session) headers.Authorization = "Bearer " + session.token;
    return fetch(BASE + path, {
      method: options.method || "GET", headers: headers, body: options.body,
      credentials: "omit", cache: "no-store", referrerPolicy: "no-referrer"
    });
  }

  function newSession(ownerToken) {
    var url = BASE + "/session" + (ownerToken ? "?token=" + encodeURIComponent(ownerToken) : "");
    return fetch(url, { method: "POST", credentials: "omit", referrerPolicy: "no-referrer" })
      .then(function (reply) {
        if (reply.status !== 201) return null;
        return reply.json().then(function (session) {
          localStorage.setItem(KEY, JSON.stringify({ sender: session.sender, token: session.token }));
          return session;
        });
      });
  }

  // --- the widget --------------------------------------------------------
  function Widget(mount) {
    this.mount = mount;
    this.busy = false;
    this.step = null;
    this.build();
  }

  Widget.prototype.build = function () {
    var self = this;
    this.mode = el("p", { "class": "reflect-mode", role: "status", id: "reflect-mode", text: "Starting…" });
    this.list = el("ol", { "class": "reflect-list" });
    this.log = el("div", {
      "class": "reflect-log", role: "log", "aria-live": "polite", "aria-relevant": "additions",
      "aria-label": "Conversation", tabindex: "0", id: "reflect-log"
    }, [this.list]);
    this.typing = el("p", { "class": "reflect-typing", id: "reflect-typing", text: "Reflect is typing…" });
    this.typing.hidden = true;
    this.quick = el("div", { "class": "reflect-quick", role: "group", "aria-label": "Quick replies", id: "reflect-quick" });
    this.input = el("textarea", {
      id: "reflect-input", "class": "reflect-input", rows: "2", maxlength: "20000",
      "aria-describedby": "reflect-hint", autocomplete: "off"
    });
    this.sendButton = el("button", { type: "submit", "class": "reflect-send", id: "reflect-send", text: "Send" });
    this.form = el("form", { "class": "reflect-form", id: "reflect-form" }, [
      el("label", { "for": "reflect-input", "class": "reflect-label", text: "Your message" }),
      el("div", { "class": "reflect-row" }, [this.input, this.sendButton]),
      el("p", { "class": "reflect-hint", id: "reflect-hint", text: "Enter sends; Shift+Enter starts a new line." })
    ]);
    this.notice = el("p", { "class": "reflect-notice", id: "reflect-notice", role: "alert" });
    this.notice.hidden = true;
    var header = el("div", { "class": "reflect-header" }, [
      el("div", { "class": "reflect-brand" }, [
        el("h2", { "class": "reflect-title", text: "Reflect" }), this.mode
      ]),
      el("nav", { "class": "reflect-nav", "aria-label": "Reflect" }, [
        el("a", { href: BASE + "/progress", "class": "reflect-link", id: "reflect-progress-link", text: "My progress and data" }),
        el("a", { href: BASE + "/help", "class": "reflect-crisis", id: "reflect-crisis", text: "In crisis? Get help now" })
      ])
    ]);
    var disclaimer = el("p", {
      "class": "reflect-disclaimer", id: "reflect-disclaimer",
      text: "Reflect is a self-help practice tool for the time between therapy sessions. " +
        "It is not a therapist and cannot help in an emergency. What you write is stored on this server " +
        "so you can review, download or erase it."
    });
    var root = el("section", { "class": "reflect", "aria-label": "Reflect chat" },
      [header, this.notice, this.log, this.typing, this.quick, this.form, disclaimer]);
    this.mount.appendChild(root);

    this.form.addEventListener("submit", function (event) {
      event.preventDefault();
      self.submit();
    });
    this.input.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        self.submit();
      }
    });
  };

  Widget.prototype.say = function (who, text, when) {
    var date = when ? new Date(when) : new Date();
    var item = el("li", { "class": "reflect-msg reflect-" + who }, [
      el("p", { "class": "reflect-meta" }, [
        el("span", { "class": "reflect-who", text: who === "user" ? "You" : "Reflect" }),
        document.createTextNode(" "),
        el("time", { datetime: date.toISOString(), text: timeLabel(date) })
      ]),
      el("div", { "class": "reflect-text" }, [rich(text)])
    ]);
    this.list.appendChild(item);
    this.log.scrollTop = this.log.scrollHeight;
    if (who === "bot") this.noteStep(text);
  };

  Widget.prototype.noteStep = function (text) {
    var found = STEP.exec(text || "");
    if (found) this.step = { n: found[1], of: found[2] };
  };

  Widget.prototype.showButtons = function (buttons) {
    var self = this;
    this.quick.textContent = "";
    try { localStorage.setItem(QUICK_KEY, JSON.stringify(buttons || [])); } catch (e) { /* private mode */ }
    (buttons || []).forEach(function (button) {
      var node = el("button", { type: "button", "class": "reflect-option", text: button.title || button.payload });
      node.addEventListener("click", function () {
        self.send(button.payload || button.title, button.title || button.payload);
      });
      self.quick.appendChild(node);
    });
  };

  Widget.prototype.setNotice = function (text) {
    this.notice.textContent = text || "";
    this.notice.hidden = !text;
  };

  Widget.prototype.setMode = function (state) {
    var text;
    if (state && state.in_thought_record) {
      text = this.step ? "Thought record: step " + this.step.n + " of " + this.step.of : "Thought record";
    } else {
      this.step = null;
      if (state && state.mode === "explore") text = "Exploring";
      else if (state && state.mode === "cbt") text = "Working through a thought";
      else text = "Choose how to start";
    }
    this.mode.textContent = text;
  };

  Widget.prototype.refreshMode = function () {
    var self = this;
    return api("/me/state").then(function (reply) {
      return reply.ok ? reply.json() : null;
    }).then(function (state) { self.setMode(state); }).catch(function () {});
  };

  Widget.prototype.submit = function () {
    var text = this.input.value;
    if (!text.trim() || this.busy) return;
    this.input.value = "";
    this.send(text, text);
  };

  Widget.prototype.setBusy = function (busy) {
    this.busy = busy;
    this.typing.hidden = !busy;
    this.sendButton.disabled = busy;
    this.log.setAttribute("aria-busy", busy ? "true" : "false");
  };

  Widget.prototype.send = function (message, shown) {
    var self = this;
    if (this.busy) return;
    this.say("user", shown);
    this.showButtons([]);
    this.setBusy(true);
    api("/webhooks/rest/webhook", {
      method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ message: message })
    }).then(function (reply) {
      if (reply.status === 401) {
        self.setNotice("Your session has ended. Reload the page, or open the link Reflect printed when it started.");
        return [];
      }
      return reply.json().catch(function () { return null; }).then(function (body) {
        if (Array.isArray(body)) return body;
        return [{ text: (body && body.error) || "Something went wrong on my side. Please send that again." }];
      });
    }).then(function (replies) {
      var buttons = [];
      replies.forEach(function (reply) {
        if (reply.text) self.say("bot", reply.text);
        if (reply.buttons && reply.buttons.length) buttons = reply.buttons;
      });
      self.showButtons(buttons);
      self.setBusy(false);
      self.input.focus();
      return self.refreshMode();
    }).catch(function () {
      self.setBusy(false);
      self.say("bot", "I couldn't reach the Reflect server. Check that it is still running, then send that again.");
    });
  };

  Widget.prototype.loadHistory = function () {
    var self = this;
    return api("/me/history").then(function (reply) {
      if (reply.status === 401) return null;
      return reply.json();
    }).then(function (body) {
      if (!body) return false;
      if (body.earlier > 0) {
        self.setNotice(body.earlier + " earlier messages are not shown here; " +
          "“Download my data” on the progress page has everything.");
      }
      (body.transcript || []).forEach(function (line) {
        self.say(line.who === "user" ? "user" : "bot", line.text, line.at || undefined);
      });
      if ((body.transcript || []).length) {
        try { self.showButtons(JSON.parse(localStorage.getItem(QUICK_KEY) || "[]")); } catch (e) { /* none */ }
      } else {
        self.say("bot", "Hello. Say hi whenever you're ready, and I'll tell you what we can do together.");
        self.list.lastChild.classList.add("reflect-welcome");
      }
      return true;
    });
  };

  Widget.prototype.start = function () {
    var self = this;
    var owner = takeOwnerToken();
    var ready = storedSession() ? this.loadHistory() : Promise.resolve(false);
    return ready.then(function (ok) {
      if (ok) return true;
      localStorage.removeItem(KEY);
      localStorage.removeItem(QUICK_KEY);
      return newSession(owner).then(function (session) {
        return session ? self.loadHistory() : false;
      });
    }).then(function (ok) {
      if (!ok) {
        self.mode.textContent = "Not connected";
        self.input.disabled = true;
        self.sendButton.disabled = true;
        self.setNotice("To start, open the link Reflect printed when it started (it looks like " +
          "http://127.0.0.1:5005/?token=…), or ask the person who runs this Reflect for one.");
        return;
      }
      self.refreshMode();
    }).catch(function () {
      self.setNotice("I couldn't reach the Reflect server. Check that it is running, then reload this page.");
    });
  };

  function mount() {
    if (!SAME_ORIGIN && !document.querySelector("link[data-reflect]")) {
      var css = el("link", { rel: "stylesheet", href: BASE + "/web/reflect.css", "data-reflect": "" });
      document.head.appendChild(css);
    }
    var target = document.getElementById("reflect-chat");
    if (!target) {
      target = el("div", { id: "reflect-chat" });
      document.body.appendChild(target);
    }
    var widget = new Widget(target);
    window.reflectWidget = widget;
    widget.start();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mount);
  else mount();
})();
