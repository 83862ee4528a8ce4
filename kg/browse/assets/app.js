/* kg browse: the page. Draws entities and their relationships with Cytoscape.js, shows the
 * evidence of a relationship, an actor's timeline, a path between two entities, and filters.
 *
 * Data comes from a "source" with one set of calls (search, suggest, neighbourhood, evidence,
 * timeline, path) that answer the same JSON shapes (kg/browse/reads.py, to_dict):
 *   - the server of `kg browse` (GET /api/...): serverSource;
 *   - the data embedded in a file written by `kg view` (no server): fileSource.
 * Text from the graph reaches the page only through textContent, never as HTML.
 */
(function () {
  "use strict";

  var boot = JSON.parse(document.getElementById("kg-boot").textContent);
  var palette = boot.palette;
  var MODALITIES = boot.modalities;
  var DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;
  var QUAD_OF = {};  // event relation -> its quad class (the ontology's, through the boot data)
  Object.keys(boot.quad_classes).forEach(function (quad) {
    boot.quad_classes[quad].forEach(function (relation) { QUAD_OF[relation] = quad; });
  });

  // -- small helpers ---------------------------------------------------------------------------
  function $(id) { return document.getElementById(id); }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      if (key === "text") { node.textContent = attrs[key]; }
      else if (key === "className") { node.className = attrs[key]; }
      else if (key.slice(0, 2) === "on") { node.addEventListener(key.slice(2), attrs[key]); }
      else { node.setAttribute(key, attrs[key]); }
    });
    (children || []).forEach(function (child) {
      if (child === null || child === undefined) { return; }
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } return node; }

  function plural(n, word, words) { return n + " " + (n === 1 ? word : (words || word + "s")); }

  function status(text, isError) {
    var box = $("status");
    box.textContent = text || "";
    box.className = isError ? "error" : "";
  }

  function nodeStyle(type) { return Object.assign({}, palette.node, palette.nodes[type] || {}); }
  function edgeColor(type) {
    return ((palette.relationships[type] || {}).color) || palette.relationship.color || "#A5ABB6";
  }
  function edgeWidth(mentions) { return Math.min(10, 1 + 1.2 * Math.log2(1 + (mentions || 0))); }

  // -- filters (the same rules as reads.Filters) -----------------------------------------------
  var filters = { relations: null, modalities: null, since: null, until: null, minConfidence: boot.min_confidence };
  function sureEnough(confidence) {
    return confidence === null || confidence === undefined || confidence >= filters.minConfidence;
  }

  function keepsDate(first, last) {
    if (!filters.since && !filters.until) { return true; }
    if (!first && !last) { return false; }
    first = first || last; last = last || first;
    return (!filters.since || last >= filters.since) &&
      (!filters.until || first.slice(0, filters.until.length) <= filters.until);
  }
  function keepsItem(date, modality, confidence) {
    return keepsDate(date, date) && (!filters.modalities || filters.modalities.indexOf(modality) >= 0) &&
      sureEnough(confidence);
  }
  function keepsEdge(data) {
    if (filters.relations && filters.relations.indexOf(data.type) < 0) { return false; }
    if (!sureEnough(data.confidence)) { return false; }
    if (filters.modalities && !(data.modalities || []).some(function (m) {
      return filters.modalities.indexOf(m) >= 0;
    })) { return false; }
    return keepsDate(data.first_date, data.last_date);
  }
  function filterQuery() {
    var q = {};
    if (filters.relations) { q.relations = filters.relations.join(","); }
    if (filters.modalities) { q.modalities = filters.modalities.join(","); }
    if (filters.since) { q.since = filters.since; }
    if (filters.until) { q.until = filters.until; }
    q.min_confidence = String(filters.minConfidence);
    return q;
  }

  // -- sources -----------------------------------------------------------------------------------
  function serverSource() {
    function get(path, params) {
      var query = Object.keys(params).filter(function (k) {
        return params[k] !== null && params[k] !== undefined && params[k] !== "";
      }).map(function (k) { return encodeURIComponent(k) + "=" + encodeURIComponent(params[k]); }).join("&");
      return fetch(path + (query ? "?" + query : ""), { headers: { Accept: "application/json" } })
        .then(function (response) {
          return response.json().catch(function () { return { error: "HTTP " + response.status }; })
            .then(function (body) {
              if (!response.ok) { throw new Error(body.error || ("HTTP " + response.status)); }
              return body;
            });
        });
    }
    return {
      search: function (q) { return get("/api/search", { q: q }); },
      suggest: function (q) { return get("/api/suggest", { q: q }); },
      neighbourhood: function (id) { return get("/api/neighbourhood", { id: id, depth: 1 }); },
      evidence: function (edge, offset) {
        return get("/api/evidence", Object.assign({ subject: edge.source, relation: edge.type,
          object: edge.target, offset: offset }, filterQuery()));
      },
      timeline: function (id) { return get("/api/timeline", Object.assign({ id: id }, filterQuery())); },
      path: function (a, b) { return get("/api/path", { from: a, to: b }); },
      dyad: function (a, b) { return get("/api/dyad", { a: a, b: b, min_confidence: String(filters.minConfidence) }); }
    };
  }

  function fileSource(data) {
    var nodes = {}, edges = {};
    data.graph.nodes.forEach(function (n) { nodes[n.id] = n; });
    data.graph.edges.forEach(function (e) { edges[e.id] = e; });
    (data.extra_edges || []).forEach(function (e) { edges[e.id] = edges[e.id] || e; });
    (data.extra_nodes || []).forEach(function (n) { nodes[n.id] = nodes[n.id] || n; });
    var expanded = data.expanded || [];

    function norm(text) {
      return (text || "").normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
        .replace(/[^\p{L}\p{N}]+/gu, " ").trim();
    }
    function bigrams(text) {
      var out = {}; text = " " + text + " ";
      for (var i = 0; i < text.length - 1; i++) { out[text.slice(i, i + 2)] = (out[text.slice(i, i + 2)] || 0) + 1; }
      return out;
    }
    function dice(a, b) {
      var x = bigrams(a), y = bigrams(b), both = 0, total = 0, key;
      for (key in x) { total += x[key]; if (y[key]) { both += Math.min(x[key], y[key]); } }
      for (key in y) { total += y[key]; }
      return total ? 2 * both / total : 0;
    }
    function names(n) { return [n.name].concat(n.aliases || []); }
    function ranked(q) {
      var wanted = norm(q), scored = [];
      Object.keys(nodes).forEach(function (id) {
        var n = nodes[id], best = 0;
        if (norm(id) === wanted) { best = 3; }
        names(n).forEach(function (name) {
          var key = norm(name);
          if (key === wanted) { best = Math.max(best, name === n.name ? 2.5 : 2); }
          else if (wanted && key.indexOf(wanted) === 0) { best = Math.max(best, 1.5); }
          else { best = Math.max(best, dice(wanted, key)); }
        });
        if (best >= 0.6) { scored.push([best, n]); }
      });
      scored.sort(function (a, b) { return b[0] - a[0] || a[1].name.localeCompare(b[1].name); });
      return scored;
    }
    function suggestion(n) { return { id: n.id, name: n.name, type: n.type, alias: null }; }
    function around(id) {
      var g = { nodes: [nodes[id]], edges: [], relations: {}, center: id, truncated: false }, seen = {};
      seen[id] = true;
      data.graph.edges.forEach(function (e) {
        if (e.source !== id && e.target !== id) { return; }
        g.edges.push(e);
        [e.source, e.target].forEach(function (other) {
          if (!seen[other]) { seen[other] = true; g.nodes.push(nodes[other]); }
        });
      });
      if (data.graph.relations[id] !== undefined) { g.relations[id] = data.graph.relations[id]; }
      return g;
    }
    function resolve(q) {
      var hits = ranked(q);
      return hits.length && hits[0][0] >= 2 ? hits[0][1] : (hits.length === 1 ? hits[0][1] : null);
    }
    function ok(value) { return Promise.resolve(value); }
    function fail(message) { return Promise.reject(new Error(message)); }
    return {
      // the whole file, as `kg view` read it
      everything: function () { return ok(data.graph); },
      search: function (q) {
        var found = resolve(q);
        if (found) { return ok({ query: q, entity: found, suggestions: [], message: null }); }
        var close = ranked(q).slice(0, 8).map(function (hit) { return suggestion(hit[1]); });
        return ok({ query: q, entity: null, suggestions: close,
          message: "no entity named '" + q + "' in this file" + (close.length ? "; did you mean one of these?" : "") });
      },
      suggest: function (q) {
        return ok(ranked(q).filter(function (hit) { return hit[0] >= 1.5; }).slice(0, 8)
          .map(function (hit) { return suggestion(hit[1]); }));
      },
      neighbourhood: function (id) {
        if (!nodes[id]) { return fail("no entity with id '" + id + "' in this file"); }
        var g = around(id);
        if (expanded.indexOf(id) < 0) {
          g.note = "this file holds only the relationships of " + nodes[id].name + " that reach the entities in it";
        }
        return ok(g);
      },
      evidence: function (edge, offset) {
        var held = data.evidence[edge.id];
        if (!held) { return fail("this file holds no evidence for that relationship"); }
        var kept = held.items.filter(function (item) {
          return keepsItem(item.date || item.article.published, item.modality, item.confidence);
        });
        return ok({ edge: edges[edge.id] || edge, subject: nodes[edge.source], object: nodes[edge.target],
          total: held.total, matching: kept.length, offset: offset, held: held.items.length,
          items: kept.slice(offset, offset + 50) });
      },
      timeline: function (id) {
        var events = data.timelines[id];
        if (!events) {
          return fail("this file has no timeline of " + (nodes[id] ? nodes[id].name : id) +
            " (`kg view` reads the timelines of the entities it expands)");
        }
        return ok(events.filter(function (event) {
          var e = event.edge;
          return (!filters.relations || filters.relations.indexOf(e.type) >= 0) && sureEnough(e.confidence) &&
            (!filters.modalities || e.modalities.some(function (m) { return filters.modalities.indexOf(m) >= 0; })) &&
            keepsDate(event.date, event.date);
        }));
      },
      // the events between two entities by month and quad class, from the evidence this file
      // holds of the relationships between them (as `kg ask dyad` counts sentences)
      dyad: function (a, b) {
        var cells = {};
        Object.keys(edges).forEach(function (key) {
          var e = edges[key], held = data.evidence[key], quad = QUAD_OF[e.type];
          if (!quad || !held || !((e.source === a && e.target === b) || (e.source === b && e.target === a))) { return; }
          held.items.forEach(function (item) {
            if (!sureEnough(item.confidence)) { return; }
            var month = (item.date || item.article.published || "undated").slice(0, 7), at = month + "|" + quad;
            cells[at] = cells[at] || { month: month, quad_class: quad, sentences: 0,
              goldstein: boot.goldstein[e.type] };
            cells[at].sentences += 1;
          });
        });
        return ok(Object.keys(cells).sort().map(function (k) { return cells[k]; }));
      },
      path: function (a, b) {
        var from = resolve(a), to = resolve(b);
        if (!from || !to) { return fail("no entity named '" + (from ? b : a) + "' in this file"); }
        var links = {}, prev = {}, queue = [from.id];
        Object.keys(edges).forEach(function (key) {
          var e = edges[key];
          (links[e.source] = links[e.source] || []).push([e.target, e]);
          (links[e.target] = links[e.target] || []).push([e.source, e]);
        });
        prev[from.id] = null;
        while (queue.length && !(to.id in prev)) {
          var at = queue.shift();
          (links[at] || []).sort(function (x, y) { return x[0] < y[0] ? -1 : 1; }).forEach(function (pair) {
            if (!(pair[0] in prev)) { prev[pair[0]] = [at, pair[1]]; queue.push(pair[0]); }
          });
        }
        if (!(to.id in prev)) { return fail("no path between '" + a + "' and '" + b + "' in this file"); }
        var ids = [to.id], pathEdges = [], step = to.id;
        while (prev[step]) { pathEdges.unshift(prev[step][1]); step = prev[step][0]; ids.unshift(step); }
        return ok({ ids: ids, nodes: ids.map(function (id) { return nodes[id]; }), edges: pathEdges });
      }
    };
  }

  var source = boot.mode === "file" ? fileSource(boot.data) : serverSource();

  // -- the canvas --------------------------------------------------------------------------------
  var cy = cytoscape({
    container: $("graph"),
    minZoom: 0.05,
    maxZoom: 4,
    boxSelectionEnabled: false,
    style: [
      { selector: "node", style: {
        "width": "data(size)", "height": "data(size)", "background-color": "data(color)",
        "border-width": 2, "border-color": "data(border)", "label": "data(caption)", "color": "data(text)",
        "font-size": 10, "font-family": "system-ui, Helvetica, Arial, sans-serif",
        "text-valign": "center", "text-halign": "center", "text-wrap": "wrap", "line-height": 1.1 } },
      { selector: "node.focus", style: { "border-width": 5 } },
      { selector: "node:selected", style: {
        "underlay-color": "#6ac6ff", "underlay-opacity": 0.55, "underlay-padding": 7, "underlay-shape": "ellipse" } },
      { selector: "edge", style: {
        "width": "data(width)", "line-color": "data(color)", "target-arrow-color": "data(color)",
        "target-arrow-shape": "triangle", "arrow-scale": 0.9, "curve-style": "bezier",
        "label": "data(type)", "font-size": 8, "color": "#2a2c34", "text-rotation": "autorotate",
        "text-background-color": "#ffffff", "text-background-opacity": 0.85, "text-background-padding": 1 } },
      // a crowded drawing keeps the labels of the edges at hand only (selected, on a path, at a
      // node selected or hovered): dozens of labels over each other say nothing
      { selector: "edge.quiet", style: { "label": "" } },
      { selector: "edge.quiet:selected, edge.quiet.path, edge.quiet.near", style: { "label": "data(type)" } },
      { selector: "edge:selected", style: {
        "underlay-color": "#6ac6ff", "underlay-opacity": 0.6, "underlay-padding": 4 } },
      { selector: ".path", style: {
        "underlay-color": "#ffc454", "underlay-opacity": 0.75, "underlay-padding": 6 } },
      { selector: ".filtered", style: { "display": "none" } },
      { selector: ".hidden", style: { "display": "none" } },
      { selector: "node.pinned", style: { "border-style": "double", "border-width": 6 } },
      { selector: ".grouped", style: { "display": "none" } },
      { selector: "node.grp", style: { "shape": "round-rectangle", "border-style": "dashed" } },
      { selector: "edge.meta", style: { "line-style": "dashed", "label": "data(type)", "target-arrow-shape": "none" } }
    ]
  });

  // What tests and the benchmark read: the graph, whether the page is idle, when the first
  // neighbourhood was painted (performance.now(), ms since navigation started).
  var hooks = { cy: cy, pending: 0, firstPaint: null, lastError: null, source: boot.mode };
  window.kg = hooks;

  function busy(promise) {
    hooks.pending += 1;
    return promise.then(function (value) { hooks.pending -= 1; return value; },
      function (error) { hooks.pending -= 1; hooks.lastError = error.message; throw error; });
  }

  // A caption inside the circle, as Neo4j Browser draws it: up to three lines, the last cut
  // with an ellipsis when the name is longer.
  function caption(name, size) {
    var perLine = Math.max(4, Math.floor((size - 4) / 5.3)), lines = [], line = "";
    String(name).split(/\s+/).forEach(function (word) {
      if (!line) { line = word; }
      else if ((line + " " + word).length <= perLine) { line += " " + word; }
      else { lines.push(line); line = word; }
    });
    if (line) { lines.push(line); }
    lines = lines.map(function (l) { return l.length > perLine ? l.slice(0, perLine - 1) + "…" : l; });
    if (lines.length > 3) { lines = lines.slice(0, 3); lines[2] = lines[2].slice(0, perLine - 1) + "…"; }
    return lines.join("\n");
  }

  // an actor local to one article (its id ends "@<article>": a group of no country, a person
  // named by role alone) is captioned with its article, never shown as one actor of many
  function localTo(id) { var at = id.indexOf("@"); return at < 0 ? null : id.slice(at + 1); }

  function nodeData(n) {
    var style = nodeStyle(n.type), local = localTo(n.id);
    var shown = local ? n.name + " (local to " + local + ")" : n.name;
    return { id: n.id, name: n.name, caption: caption(shown, style.size), type: n.type, local: local,
      aliases: n.aliases || [], color: style.color, border: style.border, text: style.text, size: style.size };
  }

  function edgeData(e) {
    return Object.assign({}, e, { color: edgeColor(e.type), width: edgeWidth(e.mentions) });
  }

  // Adds what is not drawn yet; new nodes go on a ring around `anchor` (a node drawn already).
  // Edge labels beyond this many drawn edges show only near the selection (style "edge.quiet").
  var QUIET_EDGES = 40;
  function quieten() {
    cy.edges().toggleClass("quiet", cy.edges().length > QUIET_EDGES);
  }

  function addGraph(g, anchor) {
    var fresh = [];
    cy.batch(function () {
      g.nodes.forEach(function (n) {
        if (n && cy.getElementById(n.id).empty()) {
          var node = cy.add({ group: "nodes", data: nodeData(n) });
          if (hiddenNodes[n.id]) { node.addClass("hidden"); } else { fresh.push(node); }
        }
      });
      g.edges.forEach(function (e) {
        if (cy.getElementById(e.id).empty() && !cy.getElementById(e.source).empty() &&
            !cy.getElementById(e.target).empty()) {
          var edge = cy.add({ group: "edges", data: edgeData(e) });
          if (hiddenNodes[e.source] || hiddenNodes[e.target]) { edge.addClass("hidden"); }
        }
      });
      Object.keys(g.relations || {}).forEach(function (id) {
        var node = cy.getElementById(id);
        if (!node.empty()) { node.data("relations", g.relations[id]); node.data("expanded", true); }
      });
      if (anchor && !anchor.empty()) {
        var at = anchor.position(), radius = 90 + 10 * fresh.length;
        fresh.forEach(function (node, i) {
          var angle = 2 * Math.PI * i / Math.max(1, fresh.length);
          node.position({ x: at.x + radius * Math.cos(angle), y: at.y + radius * Math.sin(angle) });
        });
      }
    });
    if (groupBy) { regroup(); }
    quieten();
    refreshRelationFilter();
    applyFilters();
    return cy.collection(fresh);
  }

  // The force layout leaves a pair of nodes touching now and then: push apart, a little at a
  // time, every two whose labels (node and caption) overlap, until none do (pinned nodes stay;
  // model coordinates, so the zoom does not matter). Quadratic in the nodes drawn, which the
  // neighbourhood's limit keeps to a few hundred.
  var LABEL_GAP = 4;
  function separateLabels() {
    var nodes = cy.nodes(":visible").toArray();
    for (var round = 0; round < 60; round += 1) {
      var moved = false;
      var boxes = nodes.map(function (n) {
        return n.boundingBox({ includeNodes: true, includeEdges: false, includeLabels: true });
      });
      for (var i = 0; i < nodes.length; i += 1) {
        for (var j = i + 1; j < nodes.length; j += 1) {
          var a = boxes[i], b = boxes[j];
          var dx = Math.min(a.x2, b.x2) - Math.max(a.x1, b.x1) + LABEL_GAP;
          var dy = Math.min(a.y2, b.y2) - Math.max(a.y1, b.y1) + LABEL_GAP;
          if (dx <= 0 || dy <= 0) { continue; }
          var pa = nodes[i].position(), pb = nodes[j].position();
          var horizontal = dx < dy, sign = horizontal ? (pa.x <= pb.x ? -1 : 1) : (pa.y <= pb.y ? -1 : 1);
          var push = (horizontal ? dx : dy) / 2 + 0.5;
          var share = [nodes[i].locked() ? 0 : 1, nodes[j].locked() ? 0 : 1];
          if (!share[0] && !share[1]) { continue; }
          var each = push * 2 / (share[0] + share[1]);
          [[nodes[i], sign * each * share[0]], [nodes[j], -sign * each * share[1]]].forEach(function (m) {
            if (!m[1]) { return; }
            var at = m[0].position();
            m[0].position(horizontal ? { x: at.x + m[1], y: at.y } : { x: at.x, y: at.y + m[1] });
          });
          boxes[i] = nodes[i].boundingBox({ includeNodes: true, includeEdges: false, includeLabels: true });
          boxes[j] = nodes[j].boundingBox({ includeNodes: true, includeEdges: false, includeLabels: true });
          moved = true;
        }
      }
      if (!moved) { return; }
    }
  }

  function layout(options) {
    return new Promise(function (resolve) {
      var run = cy.elements(":visible").layout(Object.assign({
        name: "cose", animate: false, fit: true, padding: 40, randomize: true, nodeDimensionsIncludeLabels: false,
        idealEdgeLength: function () { return 110; }, nodeRepulsion: function () { return 9000; },
        numIter: 600, componentSpacing: 80
      }, options || {}));
      run.one("layoutstop", function () {
        separateLabels();
        cy.fit(cy.elements(":visible"), 40);
        if (cy.zoom() > 1.25) { cy.zoom(1.25); cy.center(cy.elements(":visible")); }  // a few nodes: not huge
        resolve();
      });
      run.run();
    });
  }

  function painted() {
    return new Promise(function (resolve) {
      requestAnimationFrame(function () { requestAnimationFrame(function () { resolve(performance.now()); }); });
    });
  }

  // -- actions -----------------------------------------------------------------------------------
  function show(id, name, everything) {
    status("Reading the neighbourhood of " + (name || id) + " …");
    var started = performance.now(), read, drawn;
    return busy((everything ? source.everything() : source.neighbourhood(id)).then(function (g) {
      read = performance.now();
      cy.elements().remove();
      addGraph(g, null);
      var center = cy.getElementById(g.center || id);
      center.addClass("focus");
      return layout().then(function () { drawn = performance.now(); }).then(painted).then(function (time) {
        hooks.timings = { start: started, read: read - started, layout: drawn - read, paint: time - drawn };
        if (hooks.firstPaint === null) { hooks.firstPaint = time; }
        cy.$(":selected").unselect();
        center.select();
        describeNode(center);
        status(summary(g) + (g.note ? " — " + g.note : ""));
      });
    })).catch(function (error) { status(error.message, true); });
  }

  function summary(g) {
    var entities = cy.nodes().not(".grp").not(".hidden"), edges = cy.edges().not(".meta").not(".hidden");
    var parts = [plural(entities.length, "entity", "entities") + ", " + plural(edges.length, "relationship")];
    Object.keys(g.relations || {}).forEach(function (id) {
      var node = cy.getElementById(id), shown = node.connectedEdges().length;
      if (!node.empty() && g.relations[id] > shown) {
        parts.push(node.data("name") + ": " + shown + " of " + g.relations[id] + " relationships drawn, most mentioned first");
      }
    });
    if (g.truncated) { parts.push("stopped at the node limit"); }
    if (!groupBy && entities.length > 40) { parts.push("many: group them by class or country (top)"); }
    if (groupBy && cy.nodes(".grp").length) { parts.push(plural(cy.nodes(".grp").length, "group") + ": click one to open it"); }
    return parts.join(" · ");
  }

  // A `kg view` file: an entity not drawn yet joins the drawing with its neighbourhood.
  function addAround(entity) {
    status("Adding " + entity.name + " …");
    return busy(source.neighbourhood(entity.id).then(function (g) {
      var fresh = addGraph(g, null);
      return layout({ randomize: false }).then(painted).then(function () {
        var node = cy.getElementById(entity.id);
        cy.$(":selected").unselect();
        node.select();
        describeNode(node);
        status("Added " + plural(fresh.length, "entity", "entities") + " with " + entity.name + " · " + summary(g));
      });
    })).catch(function (error) { status(error.message, true); });
  }

  function expand(node) {
    status("Expanding " + node.data("name") + " …");
    return busy(source.neighbourhood(node.id()).then(function (g) {
      var fresh = addGraph(g, node);
      return (fresh.length ? layout({ randomize: false }) : Promise.resolve()).then(painted).then(function () {
        status(fresh.length ? "Added " + plural(fresh.length, "entity", "entities") + " around " + node.data("name") +
          " · " + summary(g) : "Nothing new around " + node.data("name") + (g.note ? " — " + g.note : ""));
      });
    })).catch(function (error) { status(error.message, true); });
  }

  function search(text) {
    text = (text || "").trim();
    if (!text) { return Promise.resolve(); }
    status("Looking up " + text + " …");
    return busy(source.search(text)).then(function (found) {
      var drawn = found.entity ? cy.getElementById(found.entity.id) : null;
      if (drawn && !drawn.empty() && boot.mode === "file") {
        // a `kg view` file: the drawing stays; the entity found is selected and centred
        cy.$(":selected").unselect();
        drawn.select();
        describeNode(drawn);
        cy.animate({ center: { eles: drawn } }, { duration: 250 });
        status(found.entity.name + " is in this drawing (selected)");
        return undefined;
      }
      if (found.entity && boot.mode === "file") { return addAround(found.entity); }
      if (found.entity) { return show(found.entity.id, found.entity.name); }
      status(found.message, true);
      offerSuggestions(found);
    }).catch(function (error) { status(error.message, true); });
  }

  function offerSuggestions(found) {
    var panel = clear($("panel-entity"));
    panel.appendChild(el("p", { className: "error-text", text: found.message }));
    if (found.suggestions.length) {
      var list = el("div", { className: "suggestions" });
      found.suggestions.forEach(function (s) {
        list.appendChild(el("button", { type: "button", onclick: function () {
          $("search").value = s.name; show(s.id, s.name);
        } }, [s.name + (s.alias ? " (" + s.alias + ")" : "") + (s.type ? " · " + s.type : "")]));
      });
      panel.appendChild(list);
    }
    selectTab("entity");
  }

  function findPath(a, b) {
    a = (a || "").trim(); b = (b || "").trim();
    if (!a || !b) { status("give both ends of the path", true); return Promise.resolve(); }
    status("Looking for a path from " + a + " to " + b + " …");
    return busy(source.path(a, b).then(function (p) {
      var anchor = cy.nodes().length ? cy.getElementById(p.ids[0]) : null;
      var fresh = addGraph({ nodes: p.nodes, edges: p.edges, relations: {} }, anchor && !anchor.empty() ? anchor : null);
      cy.elements().removeClass("path");
      var on = cy.collection();
      p.ids.forEach(function (id) { on = on.union(cy.getElementById(id)); });
      p.edges.forEach(function (e) { on = on.union(cy.getElementById(e.id)); });
      on.addClass("path").removeClass("filtered");
      var done = fresh.length === cy.nodes().length ? layout() :
        (fresh.length ? layout({ randomize: false, fit: false }) : Promise.resolve());
      return done.then(function () {
        cy.animate({ fit: { eles: cy.elements(":visible"), padding: 40 } }, { duration: 250 });
        var names = p.ids.map(function (id) { return cy.getElementById(id).data("name") || id; });
        status("Path (" + plural(p.edges.length, "relation") + "): " + names.join(" → "));
      });
    })).catch(function (error) { status(error.message, true); });
  }

  // -- details: entity, evidence, timeline -------------------------------------------------------
  function selectTab(name) {
    Array.prototype.forEach.call(document.querySelectorAll(".tabs button"), function (button) {
      var on = button.getAttribute("data-tab") === name;
      button.setAttribute("aria-selected", on ? "true" : "false");
      $("panel-" + button.getAttribute("data-tab")).hidden = !on;
    });
  }

  function badge(type) {
    var style = nodeStyle(type);
    return el("span", { className: "badge", text: type || "?",
      style: "background:" + style.color + ";border-color:" + style.border + ";color:" + style.text });
  }

  var timelineOf = null;

  function describeNode(node) {
    var d = node.data(), panel = clear($("panel-entity"));
    panel.appendChild(el("div", { className: "entity-name", text: d.name }));
    panel.appendChild(el("div", {}, [badge(d.type), " ", el("span", { className: "kv", text: d.id })]));
    if (d.local) {
      panel.appendChild(el("p", { className: "local-note", text: "local to the article " + d.local +
        ": an actor it does not name, never joined with another article's" }));
    }
    if (d.aliases && d.aliases.length) {
      panel.appendChild(el("p", {}, [el("span", { className: "kv", text: "also: " }), d.aliases.join(", ")]));
    }
    panel.appendChild(el("div", { className: "node-actions" }, [
      el("button", { type: "button", id: "hide-node", title: "Take it off the drawing (Hidden, left, brings it back)",
        onclick: function () { hideNode(node); } }, ["Hide"]),
      el("button", { type: "button", id: "pin-node", title: "Keep it where it is when the drawing is laid out again",
        onclick: function () { pinNode(node, !node.hasClass("pinned")); describeNode(node); } },
        [node.hasClass("pinned") ? "Unpin" : "Pin"])]));
    var drawn = node.connectedEdges().length;
    panel.appendChild(el("p", { className: "kv", text: d.expanded ?
      drawn + " of " + plural(d.relations, "relationship") + " drawn" :
      drawn + " drawn; double-click to expand" }));
    var list = el("ol", { className: "timeline" });
    node.connectedEdges().sort(function (a, b) { return b.data("mentions") - a.data("mentions"); })
      .slice(0, 40).forEach(function (edge) {
        list.appendChild(relationRow(undefined, edge.data(), function () { edge.select(); showEvidence(edge.data()); }));
      });
    panel.appendChild(list);
    if (timelineOf !== d.id) { timelineOf = d.id; loadTimeline(); }  // a double-click taps twice
  }

  // -- groups: above ~40 entities, one node per class or country, opened by a click ----------------
  var groupBy = "";  // "", "type" or "country"
  var openGroups = {};  // keys a click has opened

  // the country an id names: country:RUS, group:RUS:military, organization:RUS:...; else null
  function countryOf(id) {
    var m = /^(country|group|organization):([A-Z]{3})(:|$)/.exec(id);
    return m ? m[2] : null;
  }

  function groupKey(node) {
    if (groupBy === "type") { return node.data("type") || "?"; }
    if (groupBy === "country") { return countryOf(node.id()); }
    return null;
  }

  function ungroup() {
    cy.batch(function () {
      cy.elements(".meta, .grp").remove();
      cy.elements(".grouped").removeClass("grouped");
    });
  }

  function regroup() {
    ungroup();
    if (!groupBy) { return; }
    var members = {};
    cy.nodes().not(".hidden").not(".focus").forEach(function (node) {
      var key = groupKey(node);
      if (key && !openGroups[key]) { (members[key] = members[key] || []).push(node); }
    });
    var rep = {};  // node id -> the id drawn for it (its group's, or its own)
    cy.batch(function () {
      Object.keys(members).forEach(function (key) {
        if (members[key].length < 2) { return; }
        var id = "grp:" + key, style = nodeStyle(groupBy === "type" ? key : "Country");
        var at = { x: 0, y: 0 };
        members[key].forEach(function (n) { at.x += n.position("x"); at.y += n.position("y"); rep[n.id()] = id; });
        var count = members[key].length, name = key + " (" + count + ")";
        cy.add({ group: "nodes", classes: "grp", position: { x: at.x / count, y: at.y / count },
          data: { id: id, name: name, caption: caption(name, style.size + 20), type: groupBy === "type" ? key : "Country",
            groupKey: key, members: count, color: style.color, border: style.border, text: style.text,
            size: style.size + 20 } });
        members[key].forEach(function (n) { n.addClass("grouped"); n.connectedEdges().addClass("grouped"); });
      });
      var meta = {};
      cy.edges(".grouped").not(".hidden").forEach(function (edge) {
        var a = rep[edge.data("source")] || edge.data("source"), b = rep[edge.data("target")] || edge.data("target");
        if (a === b || cy.getElementById(a).hasClass("grouped") || cy.getElementById(b).hasClass("grouped")) { return; }
        var id = "meta:" + a + "|" + b;
        meta[id] = meta[id] || { id: id, source: a, target: b, count: 0 };
        meta[id].count += 1;
      });
      Object.keys(meta).forEach(function (id) {
        var m = meta[id];
        cy.add({ group: "edges", classes: "meta", data: { id: id, source: m.source, target: m.target,
          type: plural(m.count, "relationship"), mentions: m.count, color: "#A5ABB6", width: edgeWidth(m.count) } });
      });
    });
  }

  function setGrouping(key) {
    groupBy = key;
    openGroups = {};
    regroup();
    return layout().then(painted).then(function () { applyFilters(); });
  }

  function openGroup(node) {
    openGroups[node.data("groupKey")] = true;
    regroup();
    return layout({ randomize: false }).then(painted).then(function () { applyFilters(); });
  }

  // -- hidden and pinned nodes -----------------------------------------------------------------------
  var hiddenNodes = {};  // id -> name: kept off the drawing, also when an expansion brings them back

  function hideNode(node) {
    hiddenNodes[node.id()] = node.data("name");
    node.unselect();
    node.addClass("hidden");
    node.connectedEdges().addClass("hidden");
    refreshHidden();
    applyFilters();
  }

  function unhide(ids) {
    ids.forEach(function (id) {
      delete hiddenNodes[id];
      cy.getElementById(id).removeClass("hidden");
    });
    cy.edges(".hidden").forEach(function (edge) {
      if (!hiddenNodes[edge.data("source")] && !hiddenNodes[edge.data("target")]) { edge.removeClass("hidden"); }
    });
    refreshHidden();
    applyFilters();
  }

  function pinNode(node, on) {
    node.toggleClass("pinned", on);
    if (on) { node.lock(); } else { node.unlock(); }
  }

  function refreshHidden() {
    var box = clear($("hidden-nodes")), ids = Object.keys(hiddenNodes);
    if (!ids.length) { box.appendChild(el("p", { className: "hint", text: "Nothing hidden." })); return; }
    var list = el("ul", { className: "hidden-list" });
    ids.forEach(function (id) {
      list.appendChild(el("li", {}, [hiddenNodes[id] + " ",
        el("button", { type: "button", className: "link", onclick: function () { unhide([id]); } }, ["show"])]));
    });
    box.appendChild(list);
    box.appendChild(el("button", { type: "button", id: "show-hidden", onclick: function () { unhide(ids); } },
      ["Show all (" + ids.length + ")"]));
  }

  function nameOf(id) { var n = cy.getElementById(id); return n.empty() ? id : n.data("name"); }

  // date: undefined for no date column, null for an undated event
  function relationRow(date, e, onclick, subjectName, objectName) {
    return el("li", { onclick: onclick, title: "Show the evidence" }, [
      date !== undefined ? el("time", { text: date || "undated" }) : null,
      subjectName || nameOf(e.source), " ", el("span", { className: "rel", text: e.type }), " ",
      objectName || nameOf(e.target), el("span", { className: "kv", text: " (" + e.mentions + ")" })]);
  }

  function loadTimeline() {
    var panel = $("panel-timeline"), id = timelineOf;
    if (!id) { return Promise.resolve(); }
    return busy(source.timeline(id)).then(function (events) {
      if (id !== timelineOf) { return; }
      clear(panel);
      panel.appendChild(el("h3", { text: "Timeline of " + nameOf(id) }));
      if (!events.length) { panel.appendChild(el("p", { className: "hint", text: "No events (with these filters)." })); }
      var list = el("ol", { className: "timeline" });
      events.forEach(function (event) {
        list.appendChild(relationRow(event.date, event.edge, function () {
          var drawn = cy.getElementById(event.edge.id);
          if (drawn.empty()) {
            addGraph({ nodes: [event.subject, event.object], edges: [event.edge], relations: {} }, cy.getElementById(id));
            drawn = cy.getElementById(event.edge.id);
          }
          cy.$(":selected").unselect();
          drawn.select();
          showEvidence(event.edge);
        }, event.subject.name, event.object.name));
      });
      panel.appendChild(list);
    }).catch(function (error) {
      clear(panel).appendChild(el("p", { className: "error-text", text: error.message }));
    });
  }

  var evidenceOf = null;

  function showEvidence(edge, offset) {
    evidenceOf = edge;
    offset = offset || 0;
    selectTab("evidence");
    var panel = $("panel-evidence");
    if (!offset) { clear(panel).appendChild(el("p", { className: "hint", text: "Reading the evidence …" })); }
    return busy(source.evidence(edge, offset)).then(function (ev) {
      if (evidenceOf !== edge) { return; }
      if (!offset) {
        clear(panel);
        renderEvidenceHead(panel, ev);
        drawDyad(edge, panel.appendChild(el("div", { id: "dyad", className: "dyad" })));
      }
      var more = panel.querySelector("button.more");
      if (more) { more.remove(); }
      var list = panel.querySelector("ol.evidence") || panel.appendChild(el("ol", { className: "evidence" }));
      ev.items.forEach(function (item) { list.appendChild(evidenceItem(item)); });
      var shown = offset + ev.items.length;
      if (shown < ev.matching) {
        panel.appendChild(el("button", { type: "button", className: "more", onclick: function () {
          showEvidence(edge, shown);
        } }, ["Show more (" + (ev.matching - shown) + ")"]));
      }
    }).catch(function (error) {
      clear(panel).appendChild(el("p", { className: "error-text", text: error.message }));
    });
  }

  // -- the events between a pair of actors, by month and quad class (`kg ask dyad`) ----------------
  var QUADS = Object.keys(boot.quad_classes);
  function quadColor(quad) { return edgeColor(boot.quad_classes[quad][0]); }

  function drawDyad(edge, box) {
    var a = edge.source, b = edge.target;
    return busy(source.dyad(a, b)).then(function (rows) {
      if (evidenceOf !== edge) { return; }
      box.appendChild(el("h4", { text: "Events between " + nameOf(a) + " and " + nameOf(b) + " by month" }));
      if (!rows.length) {
        box.appendChild(el("p", { className: "hint", text: "No conflict or cooperation events between the two." }));
        return;
      }
      var months = {}, order = [], most = 0;
      rows.forEach(function (r) {
        if (!months[r.month]) { months[r.month] = {}; order.push(r.month); }
        months[r.month][r.quad_class] = (months[r.month][r.quad_class] || 0) + r.sentences;
      });
      order.sort();
      order.forEach(function (m) {
        var total = 0;
        QUADS.forEach(function (q) { total += months[m][q] || 0; });
        most = Math.max(most, total);
      });
      var chart = el("div", { className: "dyad-chart", role: "img",
        "aria-label": "sentences a month between " + nameOf(a) + " and " + nameOf(b) + ", by quad class" });
      order.forEach(function (m) {
        var parts = QUADS.filter(function (q) { return months[m][q]; });
        var column = el("div", { className: "dyad-month", "data-month": m,
          title: m + ": " + parts.map(function (q) { return months[m][q] + " " + q; }).join(", ") });
        var bars = el("div", { className: "dyad-bars" });
        parts.forEach(function (q) {
          bars.appendChild(el("div", { className: "dyad-bar", "data-quad": q, "data-count": String(months[m][q]),
            style: "height:" + Math.max(2, Math.round(60 * months[m][q] / most)) + "px;background:" + quadColor(q) }));
        });
        column.appendChild(bars);
        column.appendChild(el("span", { className: "dyad-label", text: m }));
        chart.appendChild(column);
      });
      box.appendChild(chart);
    }).catch(function (error) {
      box.appendChild(el("p", { className: "error-text", text: error.message }));
    });
  }

  function renderEvidenceHead(panel, ev) {
    var e = ev.edge;
    panel.appendChild(el("div", { className: "relation-head" }, [
      el("mark", { className: "subject", text: ev.subject.name }), el("span", { className: "arrow", text: "—" }),
      el("span", { className: "rel", text: e.type }), el("span", { className: "arrow", text: "→" }),
      el("mark", { className: "object", text: ev.object.name })]));
    var counts = plural(ev.total, "sentence") + " in " + plural(e.articles, "article");
    if (e.first_date) {
      counts += " · " + (e.dated ? "" : "published ") + e.first_date +
        (e.last_date && e.last_date !== e.first_date ? " … " + e.last_date : "");
    }
    if (e.roles && e.roles.length) { counts += " · as " + e.roles.join(", "); }
    panel.appendChild(el("p", { className: "kv", text: counts }));
    if (ev.matching !== ev.total) {
      panel.appendChild(el("p", { className: "hint", text: ev.matching + " of them match the filters" }));
    }
    if (ev.held !== undefined && ev.held < ev.total) {
      panel.appendChild(el("p", { className: "hint", text: "this file holds the first " + ev.held +
        "; `kg browse` shows them all" }));
    }
  }

  function evidenceItem(item) {
    var sentence = el("p", { className: "sentence" });
    item.segments.forEach(function (segment) {
      sentence.appendChild(segment[1] ? el("mark", { className: segment[1], text: segment[0] })
        : document.createTextNode(segment[0]));
    });
    var meta = el("div", { className: "meta" });
    function field(label, value) {
      if (value === null || value === undefined || value === "") { return; }
      meta.appendChild(el("span", {}, [el("b", { text: label + " " }), String(value)]));
    }
    field("modality", item.modality);
    field("attributed to", item.attributed_to ? item.attributed_to.name : null);
    field("date", item.date);
    field("confidence", item.confidence === null ? null : Number(item.confidence).toFixed(2));
    field("rule", item.rule);
    field("role", item.role);
    Object.keys(item.qualifiers || {}).forEach(function (key) { field(key, item.qualifiers[key]); });
    var a = item.article, title = a.title || a.id;
    var link = a.url && /^https?:\/\//i.test(a.url) ?
      el("a", { href: a.url, target: "_blank", rel: "noopener noreferrer", text: title }) : el("span", { text: title });
    var article = el("div", { className: "article" }, [link,
      a.published ? " · published " + a.published : null, a.source && !a.url ? " · " + a.source : null]);
    return el("li", { "data-sentence": item.sentence_id }, [sentence, meta, article]);
  }

  // -- filters UI --------------------------------------------------------------------------------
  var relationBoxes = {};

  function refreshRelationFilter() {
    var counts = {}, shown = {};
    cy.edges().not(".hidden").not(".meta").forEach(function (edge) {
      var type = edge.data("type");
      counts[type] = (counts[type] || 0) + 1;
      shown[type] = (shown[type] || 0) + (edge.hasClass("filtered") ? 0 : 1);
    });
    var box = $("filter-relations"), types = Object.keys(counts).sort();
    clear(box);
    if (!types.length) {  // nothing drawn (after Clear): the hint again
      box.appendChild(el("p", { className: "hint", text: "Relation types drawn appear here." }));
      return;
    }
    types.forEach(function (type) {
      var checked = filters.relations === null || filters.relations.indexOf(type) >= 0;
      var input = el("input", { type: "checkbox", value: type });
      input.checked = checked;
      input.addEventListener("change", readFilters);
      relationBoxes[type] = input;
      box.appendChild(el("label", { title: type }, [input, " ", el("span", { text: type, style: "color:" + edgeColor(type) }),
        el("span", { className: "count", text: " " + (shown[type] === counts[type] ? counts[type] :
          shown[type] + " of " + counts[type]) })]));
    });
  }

  function checkedValues(box) {
    var all = box.querySelectorAll("input"), on = [];
    Array.prototype.forEach.call(all, function (input) { if (input.checked) { on.push(input.value); } });
    return on.length === all.length ? null : on;
  }

  function readFilters() {
    filters.relations = checkedValues($("filter-relations"));
    filters.modalities = checkedValues($("filter-modalities"));
    ["since", "until"].forEach(function (name) {
      var input = $(name), value = input.value.trim();
      var good = !value || DATE.test(value);
      input.classList.toggle("invalid", !good);
      filters[name] = good && value ? value : null;
    });
    var least = $("min-confidence"), number = Number(least.value);
    var valid = least.value.trim() !== "" && number >= 0 && number <= 1;
    least.classList.toggle("invalid", !valid);
    if (valid) { filters.minConfidence = number; }
    applyFilters();
    if (evidenceOf) { showEvidence(evidenceOf); }
    loadTimeline();
  }

  function applyFilters() {
    cy.batch(function () {
      cy.edges().not(".meta").forEach(function (edge) {
        edge.toggleClass("filtered", !edge.hasClass("path") && !keepsEdge(edge.data()));
      });
      cy.nodes().not(".grp").forEach(function (node) {
        var edges = node.connectedEdges();
        var hidden = edges.length > 0 && edges.filter(".filtered").length === edges.length &&
          !node.hasClass("focus") && !node.hasClass("path");
        node.toggleClass("filtered", hidden);
      });
    });
    refreshRelationFilter();
    refreshDateSliders();
    var visible = cy.edges().not(".hidden").not(".meta"), drawn = visible.length;
    var shown = visible.not(".filtered").length, hidden = Object.keys(hiddenNodes).length;
    var groups = cy.nodes(".grp").length;
    if (drawn || hidden) {
      status(plural(cy.nodes().not(".filtered").not(".hidden").not(".grp").length, "entity", "entities") +
        (groups ? " (" + plural(groups, "group") + " closed: click one to open it)" : "") +
        (hidden ? " (" + hidden + " hidden)" : "") + ", " +
        plural(shown, "relationship") + " shown" + (shown < drawn ? " of " + drawn + " drawn (filters)" : ""));
    }
  }

  // -- date sliders: the months of the drawn relationships, from the first to the last ----------
  var sliderMonths = [];

  function monthsBetween(first, last) {
    var out = [], y = Number(first.slice(0, 4)), m = Number(first.slice(5, 7)) || 1;
    var endY = Number(last.slice(0, 4)), endM = Number(last.slice(5, 7)) || 12;
    while ((y < endY || (y === endY && m <= endM)) && out.length < 1200) {
      out.push(y + "-" + (m < 10 ? "0" : "") + m);
      m += 1; if (m > 12) { m = 1; y += 1; }
    }
    return out;
  }

  function refreshDateSliders() {
    var dates = [];
    cy.edges().not(".hidden").forEach(function (edge) {
      ["first_date", "last_date"].forEach(function (k) { if (edge.data(k)) { dates.push(edge.data(k)); } });
    });
    dates.sort();
    var box = $("date-sliders");
    if (!dates.length) { box.hidden = true; sliderMonths = []; return; }
    sliderMonths = monthsBetween(dates[0], dates[dates.length - 1]);
    box.hidden = false;
    var from = $("date-from"), until = $("date-until"), last = sliderMonths.length - 1;
    from.max = until.max = String(last);
    from.value = String(filters.since ? Math.max(0, sliderMonths.indexOf(filters.since.slice(0, 7))) : 0);
    var u = filters.until ? sliderMonths.indexOf(filters.until.slice(0, 7)) : -1;
    until.value = String(u >= 0 ? u : last);
    $("date-range").textContent = sliderMonths[Number(from.value)] + " … " + sliderMonths[Number(until.value)];
  }

  function slideDates() {
    var from = Number($("date-from").value), until = Number($("date-until").value);
    if (from > until) { if (this === $("date-from")) { until = from; } else { from = until; } }
    $("since").value = from > 0 ? sliderMonths[from] : "";
    $("until").value = until < sliderMonths.length - 1 ? sliderMonths[until] : "";
    readFilters();
  }

  function buildStaticControls() {
    var box = $("filter-modalities");
    MODALITIES.forEach(function (m) {
      var input = el("input", { type: "checkbox", value: m });
      input.checked = true;
      input.addEventListener("change", readFilters);
      box.appendChild(el("label", {}, [input, " " + m]));
    });
    var edgeLegend = $("edge-legend");
    Object.keys(boot.quad_classes).forEach(function (quad) {
      var relations = boot.quad_classes[quad];
      edgeLegend.appendChild(el("li", { title: relations.join(", ") }, [el("span", { className: "swatch",
        style: "background:" + edgeColor(relations[0]) }), quad]));
    });
    var legend = $("legend");
    Object.keys(palette.nodes).sort().forEach(function (type) {
      var style = nodeStyle(type);
      legend.appendChild(el("li", {}, [el("span", { className: "swatch",
        style: "background:" + style.color + ";border-color:" + style.border }), type]));
    });
    ["since", "until", "min-confidence"].forEach(function (name) { $(name).addEventListener("change", readFilters); });
    ["date-from", "date-until"].forEach(function (name) { $(name).addEventListener("change", slideDates); });
    $("group-by").addEventListener("change", function () { setGrouping($("group-by").value); });
    refreshHidden();
    $("min-confidence").value = String(boot.min_confidence);
  }

  // -- wiring ------------------------------------------------------------------------------------
  cy.on("dbltap", "node", function (event) { if (!event.target.hasClass("grp")) { expand(event.target); } });
  cy.on("tap", "node", function (event) {
    if (event.target.hasClass("grp")) { openGroup(event.target); return; }
    describeNode(event.target); selectTab("entity");
  });
  cy.on("tap", "edge", function (event) { showEvidence(event.target.data()); });
  cy.on("mouseover", "node", function (event) { event.target.connectedEdges().addClass("near"); });
  cy.on("mouseout", "node", function (event) { event.target.connectedEdges().removeClass("near"); });
  cy.on("select", "node", function (event) { event.target.connectedEdges().addClass("near"); });
  cy.on("unselect", "node", function (event) { event.target.connectedEdges().removeClass("near"); });

  $("search-form").addEventListener("submit", function (event) {
    event.preventDefault();
    search($("search").value);
  });
  $("path-form").addEventListener("submit", function (event) {
    event.preventDefault();
    findPath($("path-from").value, $("path-to").value);
  });
  $("fit").addEventListener("click", function () { cy.fit(cy.elements(":visible"), 40); });
  $("clear").addEventListener("click", function () {
    cy.elements().remove(); evidenceOf = null; timelineOf = null; hiddenNodes = {}; openGroups = {};
    refreshRelationFilter();
    refreshDateSliders();
    refreshHidden();
    status("Cleared: search for an entity to draw its neighbourhood.");
  });
  Array.prototype.forEach.call(document.querySelectorAll(".tabs button"), function (button) {
    button.addEventListener("click", function () { selectTab(button.getAttribute("data-tab")); });
  });

  var typing = null;
  $("search").addEventListener("input", function () {
    clearTimeout(typing);
    var text = $("search").value.trim();
    if (text.length < 2) { return; }
    typing = setTimeout(function () {
      source.suggest(text).then(function (found) {
        var list = clear($("search-suggestions"));
        found.forEach(function (s) {
          list.appendChild(el("option", { value: s.alias || s.name, label: s.name + (s.type ? " · " + s.type : "") }));
        });
      }).catch(function () { /* suggestions are a convenience */ });
    }, 150);
  });

  buildStaticControls();
  var params = new URLSearchParams(window.location.search);
  if (boot.mode === "file") {
    show(boot.data.center, null, true);
  } else if (params.get("id")) {
    show(params.get("id"));
  } else if (params.get("q")) {
    $("search").value = params.get("q");
    search(params.get("q"));
  }
  hooks.ready = true;
})();
