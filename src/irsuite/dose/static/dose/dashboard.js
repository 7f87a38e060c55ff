/* Dose dashboard charts (Plotly, served locally). Data come from the json_script block:
   five-number summaries per group for the box plots and counts per bin for the histogram,
   both computed on the server, so the page does not grow with the number of studies. */
(function () {
  "use strict";
  var CONFIG = { displaylogo: false, responsive: true };

  function layout(title, log) {
    return { margin: { t: 24, l: 64, r: 8, b: 96 }, height: 340, showlegend: false,
             yaxis: { title: { text: title }, type: log ? "log" : "linear", automargin: true,
                     dtick: log ? "D2" : undefined },
             xaxis: { automargin: true } };
  }

  function boxes(id, groups, label, log, titles) {
    var holder = document.getElementById(id);
    if (!holder || !groups.length) { return; }
    var names = groups.map(function (g) { return g.name + " (n=" + g.count + ")"; });
    var pick = function (field) { return groups.map(function (g) { return g[field]; }); };
    var trace = {
      type: "box", x: names, q1: pick("q1"), median: pick("median"), q3: pick("q3"),
      lowerfence: pick("min"), upperfence: pick("max"), boxpoints: false,
      name: label, hoverinfo: titles ? "y+text" : "y"
    };
    if (titles) {
      trace.text = groups.map(function (g) { return titles[g.name] || g.name; });
    }
    var look = layout(label, log);
    look.annotations = [{ text: "box: quartiles; whiskers: minimum and maximum", showarrow: false,
                          xref: "paper", yref: "paper", x: 1, y: 1.06, xanchor: "right",
                          font: { size: 11, color: "#666" } }];
    window.Plotly.newPlot(holder, [trace], look, CONFIG);
  }

  function bars(id, hist, label) {
    var holder = document.getElementById(id);
    if (!holder || !hist.counts.length) { return; }
    var edges = hist.edges;
    var lows = edges.slice(0, -1);
    var widths = lows.map(function (low, i) { return edges[i + 1] - low; });
    var ranges = lows.map(function (low, i) { return [low, edges[i + 1]]; });
    window.Plotly.newPlot(holder, [{
      type: "bar", x: lows, y: hist.counts, width: widths, offset: 0, customdata: ranges,
      marker: { line: { width: 1, color: "#fff" } },
      hovertemplate: "%{customdata[0]:.3g} to %{customdata[1]:.3g}: %{y} studies<extra></extra>"
    }], {
      margin: { t: 24, l: 56, r: 8, b: 56 }, height: 340, bargap: 0,
      xaxis: { title: { text: label + (hist.log ? ", log scale" : "") },
               type: hist.log ? "log" : "linear", dtick: hist.log ? "D2" : undefined, range: hist.log ?
                 [Math.log10(edges[0]), Math.log10(edges[edges.length - 1])] :
                 [edges[0], edges[edges.length - 1]] },
      yaxis: { title: { text: "Studies" }, rangemode: "tozero" }
    }, CONFIG);
  }

  function trend(id, rows, label) {
    var holder = document.getElementById(id);
    if (!holder || !rows.length) { return; }
    var months = rows.map(function (r) { return r.month; });
    window.Plotly.newPlot(holder, [
      { x: months, y: rows.map(function (r) { return r.median; }), name: "median", mode: "lines+markers" },
      { x: months, y: rows.map(function (r) { return r.p75; }), name: "75th percentile", mode: "lines+markers" }
    ], Object.assign(layout(label, false), { showlegend: true }), CONFIG);
  }

  function draw() {
    var node = document.getElementById("dose-chart");
    if (!node || !window.Plotly) { return; }
    var data = JSON.parse(node.textContent);
    var log = data.histogram.log;
    boxes("box-entries", data.entries, data.label, log, data.entry_names);
    boxes("box-rooms", data.rooms, data.label, log);
    boxes("box-operators", data.operators, data.label, log);
    bars("histogram", data.histogram, data.label);
    trend("trend", data.trend, data.label);
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", draw); } else { draw(); }
}());
