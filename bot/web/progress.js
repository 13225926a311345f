/*
 * Reflect's progress page: charts drawn as SVG from /me/progress (numbers and
 * labels only), each with a table of the same numbers; download and erase.
 * Every text is inserted with textContent; no markup from data.
 */
(function () {
  "use strict";

  var KEY = "reflect.session";
  var SVG = "http://www.w3.org/2000/svg";
  var W = 320;

  function session() {
    try {
      var value = JSON.parse(localStorage.getItem(KEY) || "null");
      return value && typeof value.token === "string" ? value : null;
    } catch (e) { return null; }
  }

  function api(path, method) {
    var s = session();
    return fetch(path, {
      method: method || "GET", credentials: "omit", cache: "no-store", referrerPolicy: "no-referrer",
      headers: s ? { Authorization: "Bearer " + s.token } : {}
    });
  }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      if (name === "text") node.textContent = attrs[name];
      else node.setAttribute(name, attrs[name]);
    });
    (children || []).forEach(function (child) { if (child) node.appendChild(child); });
    return node;
  }

  function svg(tag, attrs, text) {
    var node = document.createElementNS(SVG, tag);
    Object.keys(attrs || {}).forEach(function (name) { node.setAttribute(name, String(attrs[name])); });
    if (text != null) node.textContent = text;
    return node;
  }

  function day(iso) {
    if (!iso) return "unknown date";
    var date = new Date(iso);
    return isNaN(date) ? iso : date.toLocaleDateString(undefined, { day: "numeric", month: "short", year: "numeric" });
  }

  function shorten(text, size) {
    text = String(text || "");
    return text.length > size ? text.slice(0, size - 1) + "…" : text;
  }

  function value(v) { return v == null ? "–" : String(v); }

  function table(caption, headings, rows) {
    var head = el("tr", {}, headings.map(function (h) { return el("th", { scope: "col", text: h }); }));
    var body = rows.map(function (row) {
      return el("tr", {}, row.map(function (cell) { return el("td", { text: value(cell) }); }));
    });
    var t = el("table", {}, [el("caption", { text: caption }), el("thead", {}, [head]), el("tbody", {}, body)]);
    return el("details", { "class": "reflect-table" }, [
      el("summary", { text: "Show these numbers as a table" }),
      el("div", { "class": "reflect-table-wrap" }, [t])
    ]);
  }

  function chartFrame(label, height) {
    return svg("svg", {
      viewBox: "0 0 " + W + " " + height, role: "img", "aria-label": label,
      preserveAspectRatio: "xMinYMin meet", focusable: "false"
    });
  }

  /* One row a pair: a label, then a 0-100 track with a circle (before) and a square (after). */
  function dumbbells(label, rows) {
    var rowHeight = 44, left = 8, right = W - 8, top = 6;
    var height = top + rows.length * rowHeight + 18;
    var chart = chartFrame(label, height);
    var scale = function (v) { return left + (right - left) * v / 100; };
    rows.forEach(function (row, i) {
      var y = top + i * rowHeight;
      var g = svg("g", { "class": "reflect-pair", "data-before": value(row.before), "data-after": value(row.after) });
      g.appendChild(svg("title", {}, row.label + ": " + value(row.before) + " before, " + value(row.after) + " after"));
      g.appendChild(svg("text", { x: left, y: y + 13, "font-size": 12 },
        shorten(row.label, 40) + ": " + value(row.before) + " → " + value(row.after)));
      var ty = y + 28;
      g.appendChild(svg("line", { x1: left, x2: right, y1: ty, y2: ty, stroke: "#8a8a8a", "stroke-width": 1 }));
      if (row.before != null && row.after != null) {
        g.appendChild(svg("line", { x1: scale(row.before), x2: scale(row.after), y1: ty, y2: ty,
          stroke: "#4a4a4a", "stroke-width": 3 }));
      }
      if (row.before != null) {
        g.appendChild(svg("circle", { cx: scale(row.before), cy: ty, r: 6, fill: "#5b2c86", "class": "reflect-before" }));
      }
      if (row.after != null) {
        g.appendChild(svg("rect", { x: scale(row.after) - 6, y: ty - 6, width: 12, height: 12, fill: "#0b6b3a",
          "class": "reflect-after" }));
      }
      chart.appendChild(g);
    });
    var axisY = height - 6;
    [0, 50, 100].forEach(function (tick) {
      chart.appendChild(svg("text", { x: scale(tick), y: axisY, "font-size": 10,
        "text-anchor": tick === 0 ? "start" : tick === 100 ? "end" : "middle" }, String(tick)));
    });
    return chart;
  }

  /* Horizontal bars: a label above each bar, the value at its end. */
  function bars(label, rows, max, unit) {
    var rowHeight = 36, left = 8, right = W - 48, top = 4;
    var height = top + rows.length * rowHeight + 4;
    var chart = chartFrame(label, height);
    rows.forEach(function (row, i) {
      var y = top + i * rowHeight;
      var width = max > 0 ? Math.max(2, (right - left) * row.value / max) : 2;
      var g = svg("g", { "class": "reflect-bar", "data-value": row.value });
      g.appendChild(svg("title", {}, row.label + ": " + row.value + (unit || "")));
      g.appendChild(svg("text", { x: left, y: y + 12, "font-size": 12 }, shorten(row.label, 44)));
      g.appendChild(svg("rect", { x: left, y: y + 17, width: width, height: 12, fill: "#0b4f8a" }));
      g.appendChild(svg("text", { x: left + width + 4, y: y + 27, "font-size": 11 }, row.value + (unit || "")));
      chart.appendChild(g);
    });
    return chart;
  }

  /* Small multiples: one row per trap, one bar per day (height = the share spotted that day). */
  function strips(label, rows) {
    var rowHeight = 58, left = 8, top = 4, barArea = 26, days = 12;
    var height = top + rows.length * rowHeight + 4;
    var chart = chartFrame(label, height);
    var slot = (W - 16) / days;
    rows.forEach(function (row, i) {
      var y = top + i * rowHeight;
      var points = (row.points || []).slice(-days);
      var g = svg("g", { "class": "reflect-strip" });
      g.appendChild(svg("title", {}, row.label + ": " + points.map(function (p) {
        return p.day + " " + p.accuracy + "%";
      }).join(", ")));
      g.appendChild(svg("text", { x: left, y: y + 12, "font-size": 12 }, shorten(row.label, 44)));
      var base = y + 26 + barArea;
      g.appendChild(svg("line", { x1: left, x2: W - 8, y1: base, y2: base, stroke: "#8a8a8a", "stroke-width": 1 }));
      points.forEach(function (p, j) {
        var h = Math.max(1.5, barArea * p.accuracy / 100);
        var bar = svg("rect", { x: left + j * slot + 2, y: base - h, width: Math.max(2, slot - 4), height: h,
          fill: "#0b4f8a", "data-day": p.day, "data-accuracy": p.accuracy });
        bar.appendChild(svg("title", {}, p.day + ": " + p.spotted + " of " + p.seen + " spotted"));
        g.appendChild(bar);
        g.appendChild(svg("text", { x: left + j * slot + slot / 2, y: base - h - 2, "font-size": 8,
          "text-anchor": "middle" }, p.accuracy + "%"));
      });
      chart.appendChild(g);
    });
    return chart;
  }

  function fill(id, nodes, emptyText) {
    var box = document.getElementById(id);
    box.textContent = "";
    if (!nodes) {
      box.appendChild(el("p", { "class": "reflect-empty", text: emptyText }));
      return;
    }
    nodes.forEach(function (node) { box.appendChild(node); });
  }

  function draw(data) {
    var records = data.thought_records || [];
    var feelings = [];
    var feelingRows = [];
    records.forEach(function (record) {
      (record.emotions || []).forEach(function (emotion) {
        feelings.push({ label: "#" + record.number + " " + day(record.created_at) + " · " + emotion.name,
          before: emotion.before, after: emotion.after });
        var change = emotion.before != null && emotion.after != null ? emotion.after - emotion.before : null;
        feelingRows.push([day(record.created_at), shorten(record.thought, 80), emotion.name, emotion.before,
          emotion.after, change]);
      });
    });
    fill("chart-feelings", feelings.length ? [
      dumbbells("Chart: each feeling's strength before and after each thought record. The table below has the same numbers.", feelings),
      table("Feelings before and after (0–100)", ["Date", "Thought", "Feeling", "Before", "After", "Change"], feelingRows)
    ] : null, "No finished thought records yet. Work through a thought in the chat and it will show here.");

    var beliefs = records.filter(function (r) { return r.belief_before != null || r.belief_after != null; });
    fill("chart-belief", beliefs.length ? [
      dumbbells("Chart: how much you believed each thought before and after. The table below has the same numbers.",
        beliefs.map(function (r) {
          return { label: "#" + r.number + " " + day(r.created_at), before: r.belief_before, after: r.belief_after };
        })),
      table("Belief in the thought (0–100)", ["Date", "Thought", "Before", "After"], beliefs.map(function (r) {
        return [day(r.created_at), shorten(r.thought, 80), r.belief_before, r.belief_after];
      }))
    ] : null, "No belief ratings yet.");

    var traps = data.traps || [];
    var most = Math.max.apply(null, traps.map(function (t) { return t.count; }).concat([1]));
    fill("chart-traps", traps.length ? [
      bars("Chart: how often each thinking trap came up in your thought records. The table below has the same numbers.",
        traps.map(function (t) { return { label: t.name, value: t.count }; }), most, ""),
      table("Thinking traps in your records", ["Thinking trap", "Records"], traps.map(function (t) {
        return [t.name, t.count];
      }))
    ] : null, "No thinking traps named yet.");

    var practice = data.practice || [];
    fill("chart-practice", practice.length ? [
      bars("Chart: how often you spotted each trap in practice, in percent, most missed first. The table below has the same numbers.",
        practice.map(function (p) { return { label: p.name + " (" + p.spotted + " of " + p.seen + ")", value: p.accuracy }; }),
        100, "%"),
      el("h3", { "class": "reflect-subheading", text: "Over time: one bar a day, taller when you spotted it more often" }),
      strips("Chart: for each thinking trap, the share you spotted on each day you practised. The table below has the same numbers.",
        practice.map(function (p) { return { label: p.name, points: p.by_day || [] }; })),
      table("Practice by thinking trap", ["Thinking trap", "Spotted", "Seen", "Spotted %", "By day"],
        practice.map(function (p) {
          return [p.name, p.spotted, p.seen, p.accuracy + "%", (p.by_day || []).map(function (d) {
            return d.day + ": " + d.spotted + "/" + d.seen;
          }).join("; ")];
        }))
    ] : null, "No practice rounds yet. Ask for practice in the chat to train spotting thinking traps.");

    var themes = data.themes || [];
    var top = Math.max.apply(null, themes.map(function (t) { return t.count; }).concat([1]));
    fill("chart-themes", themes.length ? [
      bars("Chart: themes that came up in your journal entries and how often. The table below has the same numbers.",
        themes.map(function (t) { return { label: t.theme, value: t.count }; }), top, ""),
      table("Journal themes", ["Theme", "Entries", "First", "Last"], themes.map(function (t) {
        return [t.theme, t.count, day(t.first), day(t.last)];
      }))
    ] : null, "No recurring themes yet. They show up after a few journal entries.");
  }

  function status(id, text) { document.getElementById(id).textContent = text; }

  function download(format) {
    status("data-status", "Preparing your download…");
    api("/me/export?format=" + format).then(function (reply) {
      if (!reply.ok) throw new Error(String(reply.status));
      return reply.blob();
    }).then(function (blob) {
      var url = URL.createObjectURL(blob);
      var link = el("a", { href: url, download: "reflect-export." + format });
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
      status("data-status", "Downloaded reflect-export." + format + ".");
    }).catch(function () {
      status("data-status", "The download didn't work. Please try again in a minute.");
    });
  }

  function setUpData() {
    var confirmBox = document.getElementById("erase-confirm");
    document.getElementById("download-json").addEventListener("click", function () { download("json"); });
    document.getElementById("download-md").addEventListener("click", function () { download("md"); });
    document.getElementById("erase-start").addEventListener("click", function () {
      confirmBox.hidden = false;
      document.getElementById("erase-no").focus();
    });
    document.getElementById("erase-no").addEventListener("click", function () {
      confirmBox.hidden = true;
      status("data-status", "Nothing was erased.");
      document.getElementById("erase-start").focus();
    });
    document.getElementById("erase-yes").addEventListener("click", function () {
      status("data-status", "Erasing…");
      api("/me", "DELETE").then(function (reply) {
        if (!reply.ok) throw new Error(String(reply.status));
        localStorage.removeItem(KEY);
        localStorage.removeItem("reflect.quick");
        confirmBox.hidden = true;
        draw({});
        ["download-json", "download-md", "erase-start"].forEach(function (id) {
          document.getElementById(id).disabled = true;
        });
        status("data-status", "Your data is erased. Nothing of this conversation is stored any more.");
        status("progress-status", "Erased.");
      }).catch(function () {
        status("data-status", "Erasing didn't work, so nothing was erased. Please try again in a minute.");
      });
    });
  }

  function start() {
    setUpData();
    if (!session()) {
      status("progress-status", "Open the chat first: your progress belongs to your chat session in this browser.");
      draw({});
      return;
    }
    api("/me/progress").then(function (reply) {
      if (!reply.ok) throw new Error(String(reply.status));
      return reply.json();
    }).then(function (data) {
      draw(data);
      var n = (data.thought_records || []).length;
      var entries = data.journal_entries || 0, answers = (data.practice_total || {}).answered || 0;
      status("progress-status", n + (n === 1 ? " thought record, " : " thought records, ") +
        entries + (entries === 1 ? " journal entry, " : " journal entries, ") +
        answers + (answers === 1 ? " practice answer." : " practice answers."));
    }).catch(function () {
      status("progress-status", "Your progress can't be loaded right now. Please try again in a minute.");
      draw({});
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
