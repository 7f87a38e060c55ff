/* Dose dashboard charts (Plotly, served locally). Data come from the json_script block. */
(function () {
  "use strict";
  function draw() {
    var node = document.getElementById("dose-chart");
    if (!node || !window.Plotly) { return; }
    var data = JSON.parse(node.textContent);
    var layout = function (title) {
      return { margin: { t: 24, l: 56, r: 8, b: 64 }, height: 320, showlegend: false,
               yaxis: { title: { text: title } } };
    };
    function boxes(id, groups) {
      var holder = document.getElementById(id);
      if (!holder) { return; }
      var traces = Object.keys(groups).map(function (name) {
        return { type: "box", y: groups[name], name: name, boxpoints: "outliers" };
      });
      window.Plotly.newPlot(holder, traces, layout(data.label), { displaylogo: false, responsive: true });
    }
    boxes("box-rooms", data.rooms);
    boxes("box-operators", data.operators);
    var hist = document.getElementById("histogram");
    if (hist) {
      window.Plotly.newPlot(hist, [{ type: "histogram", x: data.values }],
        { margin: { t: 24, l: 48, r: 8, b: 48 }, height: 320, xaxis: { title: { text: data.label } } },
        { displaylogo: false, responsive: true });
    }
    var trend = document.getElementById("trend");
    if (trend) {
      var months = data.trend.map(function (r) { return r.month; });
      window.Plotly.newPlot(trend, [
        { x: months, y: data.trend.map(function (r) { return r.median; }), name: "median", mode: "lines+markers" },
        { x: months, y: data.trend.map(function (r) { return r.p75; }), name: "75th percentile", mode: "lines+markers" }
      ], Object.assign(layout(data.label), { showlegend: true }), { displaylogo: false, responsive: true });
    }
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", draw); } else { draw(); }
}());
