"use strict";
// A YASR plugin drawing SELECT results as a chart with the vendored Chart.js: YASR ships
// tables only. One numeric column against a column of labels (periods, names), both chosen
// on the chart; a line when the labels are periods (years, quarters, dates), bars otherwise. Values reach the
// chart as text and numbers only: nothing from a result is parsed as HTML.
(function () {
  const XSD = "http://www.w3.org/2001/XMLSchema#";
  const NUMERIC = new Set(["decimal", "integer", "double", "float", "int", "long", "short", "byte",
    "nonNegativeInteger", "positiveInteger", "negativeInteger", "nonPositiveInteger",
    "unsignedInt", "unsignedLong", "unsignedShort", "unsignedByte"].map(name => XSD + name));
  const PERIOD = /^\d{4}(-(\d{2}|Q[1-4]|H[12])(-\d{2})?)?$/;
  const MOST_BARS = 200;  // more rows than this are cut, and the chart says so
  const COLOURS = ["#1f77b4"];

  function isNumber(term) {
    return term !== undefined && term.type !== "uri" && NUMERIC.has(term.datatype) && isFinite(Number(term.value));
  }

  function shortName(term, prefixes) {
    if (!term) return "";
    if (term.type !== "uri") return term.value;
    for (const [prefix, iri] of Object.entries(prefixes)) {
      if (term.value.startsWith(iri)) return prefix + ":" + term.value.slice(iri.length);
    }
    return term.value.replace(/^.*[#/]/, "");
  }

  class ChartPlugin {
    constructor(yasr) {
      this.yasr = yasr;
      this.priority = 5;  // below the table: a chart is offered, never forced
      this.label = "Chart";
      this.chart = null;
    }

    columns() {
      const rows = (this.yasr.results && this.yasr.results.getBindings()) || [];
      const variables = (this.yasr.results && this.yasr.results.getVariables()) || [];
      const numeric = variables.filter(v => rows.some(r => r[v]) && rows.every(r => !r[v] || isNumber(r[v])));
      const labels = variables.filter(v => !numeric.includes(v));
      return {rows, numeric, labels};
    }

    canHandleResults() {
      if (!this.yasr.results || !this.yasr.results.getBindings) return false;
      const {rows, numeric} = this.columns();
      return rows.length > 0 && numeric.length > 0;
    }

    // The labels: periods when a column holds them (a line over time), else the first column
    // of names that are not IRIs, else the first column.
    defaultLabel(rows, labels) {
      const values = v => rows.map(r => r[v]).filter(Boolean);
      return labels.find(v => values(v).length && values(v).every(t => PERIOD.test(t.value))) ||
        labels.find(v => values(v).every(t => t.type !== "uri")) || labels[0] || "";
    }

    choice(name, options, selected, onChange) {
      const label = document.createElement("label");
      const select = document.createElement("select");
      for (const option of options) select.appendChild(new Option(option || "row number", option, false, option === selected));
      select.addEventListener("change", () => onChange(select.value));
      label.append(document.createTextNode(name + " "), select);
      return label;
    }

    draw() {
      const {rows, numeric, labels} = this.columns();
      const choose = {label: this.defaultLabel(rows, labels), value: numeric[0]};
      const box = document.createElement("div");
      box.className = "kg-chart";
      const controls = document.createElement("p");
      controls.className = "kg-chart-note";
      const area = document.createElement("div");  // Chart.js sizes itself to this box
      area.className = "kg-chart-area";
      const redraw = () => this.drawChart(area, rows, choose.label, choose.value);
      controls.append(
        this.choice("values", numeric, choose.value, v => { choose.value = v; redraw(); }),
        document.createTextNode(" by "),
        this.choice("", [...labels, ""], choose.label, v => { choose.label = v; redraw(); }),
        rows.length > MOST_BARS ? document.createTextNode(` (first ${MOST_BARS} of ${rows.length} rows)`) : "");
      box.append(controls, area);
      this.yasr.resultsEl.appendChild(box);
      redraw();
    }

    drawChart(area, rows, labelColumn, valueColumn) {
      const prefixes = this.yasr.getPrefixes();
      const shown = rows.slice(0, MOST_BARS);
      const names = shown.map((r, i) => labelColumn ? shortName(r[labelColumn], prefixes) : String(i + 1));
      const periods = names.length > 1 && names.every(n => PERIOD.test(n));
      this.destroy();
      const canvas = document.createElement("canvas");
      area.replaceChildren(canvas);
      this.chart = new Chart(canvas, {
        type: periods ? "line" : "bar",
        data: {labels: names, datasets: [{label: valueColumn, backgroundColor: COLOURS[0], borderColor: COLOURS[0],
                                          data: shown.map(r => r[valueColumn] ? Number(r[valueColumn].value) : null)}]},
        options: {animation: false, responsive: true, maintainAspectRatio: false,
                  scales: {x: {ticks: {autoSkip: true, maxRotation: 60}}}},
      });
    }

    getIcon() {
      const icon = document.createElementNS("http://www.w3.org/2000/svg", "svg");
      icon.setAttribute("viewBox", "0 0 16 16");
      icon.setAttribute("width", "15");
      icon.setAttribute("height", "15");
      for (const [x, height] of [[1, 6], [6, 11], [11, 8]]) {
        const bar = document.createElementNS("http://www.w3.org/2000/svg", "rect");
        bar.setAttribute("x", x); bar.setAttribute("y", 15 - height);
        bar.setAttribute("width", 4); bar.setAttribute("height", height);
        icon.appendChild(bar);
      }
      return icon;
    }

    destroy() {
      if (this.chart) this.chart.destroy();
      this.chart = null;
    }
  }

  Yasgui.Yasr.registerPlugin("chart", ChartPlugin);
})();
