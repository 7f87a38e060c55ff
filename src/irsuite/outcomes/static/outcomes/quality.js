/* Quality dashboard charts (Plotly, served locally). Data come from json_script blocks. */
(function () {
  "use strict";
  function data(id) {
    var node = document.getElementById(id);
    return node ? JSON.parse(node.textContent) : null;
  }
  var ZONE_COLOURS = {
    within: "#1f7a3a", above_95: "#9a6100", above_998: "#b3261e",
    below_95: "#0b5cad", below_998: "#0b5cad"
  };
  function line(x, y, name, dash, colour) {
    return { x: x, y: y, name: name, mode: "lines", line: { dash: dash, color: colour, width: 1.5 },
             hoverinfo: "skip" };
  }
  function drawFunnels() {
    var funnels = data("funnel-data");
    var holder = document.getElementById("funnels");
    if (!funnels || !holder || !window.Plotly) { return; }
    funnels.forEach(function (f) {
      var div = document.createElement("div");
      div.setAttribute("role", "img");
      div.setAttribute("aria-label", "Funnel plot of " + f.label + " by operator");
      div.style.minHeight = "320px";
      holder.appendChild(div);
      var target = f.n.map(function () { return f.target; });
      var traces = [
        line(f.n, target, "threshold", "solid", "#5b6675"),
        line(f.n, f.warn_low, f.warn_label, "dash", "#9a6100"),
        line(f.n, f.warn_high, f.warn_label, "dash", "#9a6100"),
        line(f.n, f.alarm_low, f.alarm_label, "dot", "#b3261e"),
        line(f.n, f.alarm_high, f.alarm_label, "dot", "#b3261e"),
        { x: f.points.map(function (p) { return p.n; }),
          y: f.points.map(function (p) { return p.rate; }),
          text: f.points.map(function (p) { return p.label; }),
          mode: "markers", name: "operators",
          marker: { size: 10, color: f.points.map(function (p) { return ZONE_COLOURS[p.zone]; }) },
          hovertemplate: "%{text}<br>%{y:.3f} of %{x} cases<extra></extra>" }
      ];
      window.Plotly.newPlot(div, traces, {
        title: { text: f.label, font: { size: 14 } }, showlegend: false,
        xaxis: { title: { text: "cases" }, type: "log" }, yaxis: { title: { text: "rate" }, rangemode: "tozero" },
        margin: { t: 40, r: 10, b: 40, l: 50 }
      }, { displaylogo: false, responsive: true });
    });
  }
  function drawCusum() {
    var cusum = data("cusum-data");
    var div = document.getElementById("cusum");
    if (!cusum || !div || !window.Plotly) { return; }
    var traces = [];
    cusum.series.forEach(function (s) {
      traces.push({ x: s.x, y: s.y, name: s.label, mode: "lines" });
      traces.push({ x: s.signals, y: s.signal_y,
                    name: s.label + " signals", mode: "markers", marker: { size: 9, symbol: "diamond" },
                    showlegend: false });
    });
    window.Plotly.newPlot(div, traces, {
      xaxis: { title: { text: "case number (in date order)" } }, yaxis: { title: { text: "CUSUM" }, rangemode: "tozero" },
      margin: { t: 10, r: 10, b: 40, l: 50 }
    }, { displaylogo: false, responsive: true });
  }
  document.addEventListener("DOMContentLoaded", function () { drawFunnels(); drawCusum(); });
}());
