// Self-contained canvas renderer for the unodc-kg partnership network.
// Positions come precomputed from Python (no physics); drawing batches one path per colour, so
// 10^4 nodes redraw in a few milliseconds.  Writes data-drawn-nodes / data-drawn-edges on the
// canvas after each frame and data-ready on <body> after the first, for tests.
"use strict";
window.addEventListener("error", function (e) { document.body.dataset.error = String(e.message || e); });
(function () {
  var data = JSON.parse(document.getElementById("network-data").textContent);
  var canvas = document.getElementById("network");
  var ctx = canvas.getContext("2d");
  var tip = document.getElementById("tip");
  var status = document.getElementById("status");
  var search = document.getElementById("search");
  var langSelect = document.getElementById("lang");
  // node: [id, label_en, label_zh, type index, x, y, radius, community, degree, betweenness, class, short_en, short_zh]
  var N = data.nodes.map(function (n) {
    return { id: n[0], en: n[1], zh: n[2], t: n[3], x: n[4], y: n[5], r: n[6], c: n[7], deg: n[8], bc: n[9], cls: n[10], sen: n[11], szh: n[12] };
  });
  // edge: [source index, target index, relation index, weight, evidence]
  var E = data.edges.map(function (e) { return { s: e[0], o: e[1], rel: e[2], w: e[3], ev: e[4] }; });
  var shown = data.types.map(function () { return true; });
  var lang = "en", hoverNode = -1, hoverEdge = -1, found = -1;
  var scale = 1, ox = 0, oy = 0, base = 1, width = 0, height = 0, dirty = true;

  function label(n) { return (lang === "zh" ? (n.zh || n.en) : (n.en || n.zh)) || n.id.replace(/^.*[\/#]/, ""); }
  function shortLabel(n) { return (lang === "zh" ? (n.szh || n.sen) : (n.sen || n.szh)) || label(n); }
  function sx(n) { return n.x * base * scale + ox; }
  function sy(n) { return -n.y * base * scale + oy; }  // y grows upwards, as in network.png
  function visible(n) { return shown[n.t]; }

  function resize() {
    var rect = canvas.getBoundingClientRect(), dpr = window.devicePixelRatio || 1;
    width = Math.max(rect.width, 1); height = Math.max(rect.height, 1);
    canvas.width = Math.round(width * dpr); canvas.height = Math.round(height * dpr);
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    base = Math.min(width, height) / 2 * 0.92;
    dirty = true;
  }
  function fit() { scale = 1; ox = width / 2; oy = height / 2; dirty = true; }

  function draw() {
    var started = window.performance.now();
    dirty = false;
    ctx.clearRect(0, 0, width, height);
    var drawnEdges = 0, drawnNodes = 0, i, n, e, a, b;
    // edges, one path per width bucket
    var buckets = [[], [], [], [], []];
    for (i = 0; i < E.length; i++) {
      e = E[i]; a = N[e.s]; b = N[e.o];
      if (!visible(a) || !visible(b)) continue;
      buckets[Math.min(e.w, 4)].push(e);
    }
    ctx.strokeStyle = "rgba(120,120,120,0.45)";
    for (var k = 0; k < buckets.length; k++) {
      if (!buckets[k].length) continue;
      ctx.lineWidth = k === 0 ? 0.5 : 0.6 + 0.6 * k;
      ctx.setLineDash(k === 0 ? [3, 3] : []);
      ctx.beginPath();
      for (i = 0; i < buckets[k].length; i++) {
        e = buckets[k][i]; a = N[e.s]; b = N[e.o];
        ctx.moveTo(sx(a), sy(a)); ctx.lineTo(sx(b), sy(b)); drawnEdges++;
      }
      ctx.stroke();
    }
    ctx.setLineDash([]);
    if (hoverEdge >= 0) {
      e = E[hoverEdge]; a = N[e.s]; b = N[e.o];
      ctx.strokeStyle = "#e6550d"; ctx.lineWidth = 3;
      ctx.beginPath(); ctx.moveTo(sx(a), sy(a)); ctx.lineTo(sx(b), sy(b)); ctx.stroke();
    }
    // nodes, one path per type
    var pad = 20;
    for (var t = 0; t < data.types.length; t++) {
      if (!shown[t]) continue;
      ctx.fillStyle = data.colours[t];
      ctx.beginPath();
      for (i = 0; i < N.length; i++) {
        n = N[i];
        if (n.t !== t) continue;
        var x = sx(n), y = sy(n), r = n.r * Math.sqrt(scale);
        if (x < -pad || y < -pad || x > width + pad || y > height + pad) continue;
        if (r < 2) ctx.rect(x - r, y - r, 2 * r, 2 * r);  // tiny: a square is much cheaper than an arc
        else { ctx.moveTo(x + r, y); ctx.arc(x, y, r, 0, 2 * Math.PI); }
        drawnNodes++;
      }
      ctx.fill();
    }
    [found, hoverNode].forEach(function (j) {
      if (j < 0 || !visible(N[j])) return;
      ctx.strokeStyle = "#000"; ctx.lineWidth = 2;
      ctx.beginPath(); ctx.arc(sx(N[j]), sy(N[j]), N[j].r * Math.sqrt(scale) + 3, 0, 2 * Math.PI); ctx.stroke();
    });
    // labels: all for small graphs, otherwise only nodes large enough on screen (at most 400)
    ctx.fillStyle = "#222"; ctx.font = "12px sans-serif"; ctx.textAlign = "center"; ctx.textBaseline = "bottom";
    var many = N.length > 150, written = 0;
    for (i = 0; i < N.length && written < 400; i++) {
      n = N[i];
      if (!visible(n)) continue;
      var rr = n.r * Math.sqrt(scale);
      if (many && rr < 9 && i !== found && i !== hoverNode) continue;
      var lx = sx(n), ly = sy(n);
      if (lx < 0 || ly < 0 || lx > width || ly > height) continue;
      ctx.fillText(shortLabel(n), lx, ly - rr - 2); written++;
    }
    canvas.dataset.drawnNodes = String(drawnNodes);
    canvas.dataset.drawnEdges = String(drawnEdges);
    canvas.dataset.lang = lang;
    canvas.dataset.drawMs = (window.performance.now() - started).toFixed(1);
    document.body.dataset.ready = "true";
  }
  function frame() { if (dirty) draw(); window.requestAnimationFrame(frame); }

  function nearestNode(mx, my) {
    var best = -1, bestD = Infinity;
    for (var i = 0; i < N.length; i++) {
      var n = N[i]; if (!visible(n)) continue;
      var dx = sx(n) - mx, dy = sy(n) - my, d = dx * dx + dy * dy, r = n.r * Math.sqrt(scale) + 3;
      if (d <= r * r && d < bestD) { best = i; bestD = d; }
    }
    return best;
  }
  function nearestEdge(mx, my) {
    var best = -1, bestD = 16;  // within 4 px
    for (var i = 0; i < E.length; i++) {
      var a = N[E[i].s], b = N[E[i].o]; if (!visible(a) || !visible(b)) continue;
      var ax = sx(a), ay = sy(a), bx = sx(b), by = sy(b), vx = bx - ax, vy = by - ay;
      var len = vx * vx + vy * vy, u = len ? ((mx - ax) * vx + (my - ay) * vy) / len : 0;
      u = Math.max(0, Math.min(1, u));
      var dx = ax + u * vx - mx, dy = ay + u * vy - my, d = dx * dx + dy * dy;
      if (d < bestD) { best = i; bestD = d; }
    }
    return best;
  }

  function el(tag, cls, text) { var x = document.createElement(tag); if (cls) x.className = cls; if (text != null) x.textContent = text; return x; }
  function showTip(mx, my) {
    tip.textContent = "";
    if (hoverNode >= 0) {
      var n = N[hoverNode], other = lang === "zh" ? n.en : n.zh;
      tip.appendChild(el("div", "title", label(n) + (other && other !== label(n) ? " / " + other : "")));
      tip.appendChild(el("div", "meta", n.cls + " · degree " + n.deg + " · betweenness " + n.bc.toFixed(3) + " · community " + n.c));
      tip.appendChild(el("div", "meta", n.id));
    } else if (hoverEdge >= 0) {
      var e = E[hoverEdge];
      tip.appendChild(el("div", "title", label(N[e.s]) + " — " + data.relations[e.rel] + " → " + label(N[e.o])));
      tip.appendChild(el("div", "meta", e.w ? e.w + " paragraph" + (e.w > 1 ? "s" : "") : "reference data (no paragraph)"));
      if (e.ev) {
        var list = el("ol");
        e.ev.split("\n").forEach(function (s) { list.appendChild(el("li", null, s)); });
        tip.appendChild(list);
      }
    } else { tip.style.display = "none"; return; }
    tip.style.display = "block";
    var left = mx + 14, top = my + 14;
    if (left + tip.offsetWidth > width) left = Math.max(0, mx - tip.offsetWidth - 14);
    if (top + tip.offsetHeight > height) top = Math.max(0, my - tip.offsetHeight - 14);
    tip.style.left = left + "px"; tip.style.top = top + "px";
  }

  var drag = null, pending = null;
  canvas.addEventListener("mousedown", function (ev) { drag = { x: ev.clientX, y: ev.clientY, ox: ox, oy: oy }; canvas.classList.add("dragging"); });
  window.addEventListener("mouseup", function () { drag = null; canvas.classList.remove("dragging"); });
  canvas.addEventListener("mousemove", function (ev) {
    var rect = canvas.getBoundingClientRect(), mx = ev.clientX - rect.left, my = ev.clientY - rect.top;
    if (drag) { ox = drag.ox + ev.clientX - drag.x; oy = drag.oy + ev.clientY - drag.y; dirty = true; tip.style.display = "none"; return; }
    if (pending === null) {
      pending = window.requestAnimationFrame(function () {
        pending = null;
        var hn = nearestNode(mx, my), he = hn >= 0 ? -1 : nearestEdge(mx, my);
        if (hn !== hoverNode || he !== hoverEdge) { hoverNode = hn; hoverEdge = he; dirty = true; }
        showTip(mx, my);
      });
    }
  });
  canvas.addEventListener("mouseleave", function () { hoverNode = hoverEdge = -1; tip.style.display = "none"; dirty = true; });
  canvas.addEventListener("wheel", function (ev) {
    ev.preventDefault();
    var rect = canvas.getBoundingClientRect(), mx = ev.clientX - rect.left, my = ev.clientY - rect.top;
    var f = Math.exp(-ev.deltaY * 0.0015), next = Math.max(0.2, Math.min(200, scale * f));
    f = next / scale; ox = mx - (mx - ox) * f; oy = my - (my - oy) * f; scale = next; dirty = true;
  }, { passive: false });
  canvas.addEventListener("dblclick", fit);

  function find(query) {
    var q = query.trim().toLowerCase(), best = -1, bestKey = null;
    if (!q) { found = -1; status.textContent = ""; dirty = true; return; }
    var count = 0;
    for (var i = 0; i < N.length; i++) {
      var n = N[i], names = [n.en, n.zh, n.id].map(function (s) { return (s || "").toLowerCase(); });
      var exact = names.indexOf(q) >= 0, part = names.some(function (s) { return s.indexOf(q) >= 0; });
      if (!part) continue;
      count++;
      var key = [exact ? 0 : 1, -n.deg, i];
      if (bestKey === null || key[0] < bestKey[0] || (key[0] === bestKey[0] && (key[1] < bestKey[1] || (key[1] === bestKey[1] && key[2] < bestKey[2])))) { best = i; bestKey = key; }
    }
    found = best;
    status.textContent = count ? count + " match" + (count > 1 ? "es" : "") + ": " + label(N[best]) : "no match";
    if (best >= 0) {
      shown[N[best].t] = true; syncLegend();
      scale = Math.max(scale, 3); ox = width / 2 - N[best].x * base * scale; oy = height / 2 + N[best].y * base * scale;
      canvas.dataset.found = N[best].id;
    }
    dirty = true;
  }
  search.addEventListener("keydown", function (ev) { if (ev.key === "Enter") find(search.value); });
  search.addEventListener("change", function () { find(search.value); });

  var boxes = [];
  function syncLegend() { boxes.forEach(function (b, t) { b.checked = shown[t]; }); }
  function buildLegend() {
    var legend = document.getElementById("legend"), counts = data.types.map(function () { return 0; });
    N.forEach(function (n) { counts[n.t]++; });
    data.types.forEach(function (name, t) {
      if (!counts[t]) return;
      var lab = el("label"), box = el("input"), sw = el("span", "swatch");
      box.type = "checkbox"; box.checked = true; box.dataset.type = name;
      box.addEventListener("change", function () { shown[t] = box.checked; dirty = true; });
      sw.style.background = data.colours[t];
      lab.appendChild(box); lab.appendChild(sw); lab.appendChild(document.createTextNode(name + " (" + counts[t] + ")"));
      legend.appendChild(lab); boxes[t] = box;
    });
  }
  function fillNames() {
    if (N.length > 5000) return;  // a datalist that long slows typing more than it helps
    var list = document.getElementById("names"), seen = {};
    N.forEach(function (n) { [n.en, n.zh].forEach(function (s) { if (s && !seen[s]) { seen[s] = 1; list.appendChild(el("option", null, s)); } }); });
  }
  langSelect.addEventListener("change", function () { lang = langSelect.value; dirty = true; });

  buildLegend(); fillNames();
  window.addEventListener("resize", function () { resize(); fit(); });
  resize(); fit();
  // a link can open the page on a language and an entity: network.html#lang=zh&find=UNODC
  var hash = {};
  window.location.hash.replace(/^#/, "").split("&").forEach(function (kv) {
    var i = kv.indexOf("="); if (i > 0) hash[kv.slice(0, i)] = decodeURIComponent(kv.slice(i + 1));
  });
  if (hash.lang === "en" || hash.lang === "zh") { lang = hash.lang; langSelect.value = lang; }
  if (hash.find) { search.value = hash.find; find(hash.find); }
  draw();
  window.requestAnimationFrame(frame);
  canvas.dataset.nodeCount = String(N.length);
  canvas.dataset.edgeCount = String(E.length);
})();
