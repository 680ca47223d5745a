"use strict";
// The query page: YASGUI on this server's own /sparql, with the project's prefixes and the
// library queries as ready tabs. Page data arrives as JSON and is shown with textContent only.
(function () {
  const data = JSON.parse(document.getElementById("page-data").textContent);
  const endpoint = new URL("sparql", document.baseURI).href;
  const prefixLines = Object.entries(data.prefixes).map(([prefix, iri]) => `PREFIX ${prefix}: <${iri}>`);
  const Yasqe = Yasgui.Yasqe;

  function text(tag, value, className) {
    const element = document.createElement(tag);
    element.textContent = value;
    if (className) element.className = className;
    return element;
  }

  // Completions that would ask the Linked Open Vocabularies service (class, property) are
  // replaced by the ontology's own terms; prefixes come first from this project.
  function localCompletions() {
    const withTerms = (name, iris) => Object.assign({}, Yasqe.Autocompleters[name],
      {get: () => iris, bulk: true, persistenceId: null});
    Yasqe.registerAutocompleter(withTerms("class", data.terms.class));
    Yasqe.registerAutocompleter(withTerms("property", data.terms.property));
    const prefixes = Yasqe.Autocompleters.prefixes;
    const ours = prefixLines.map(line => line.slice("PREFIX ".length));
    Yasqe.registerAutocompleter(Object.assign({}, prefixes, {
      get: yasqe => Promise.resolve(prefixes.get(yasqe)).then(bundled => ours.concat(bundled)),
      persistenceId: null,
    }));
  }

  function startYasgui() {
    Yasqe.defaults.value = prefixLines.join("\n") + "\n\nSELECT * WHERE {\n  ?s ?p ?o\n} LIMIT 10\n";
    return new Yasgui(document.getElementById("yasgui"), {
      requestConfig: {endpoint, method: "POST", acceptHeaderGraph: "text/turtle,*/*;q=0.9"},
      copyEndpointOnNewTab: false,
      autoAddOnInit: false,
      // Tabs are kept per server address: a store served on another port has its own.
      persistenceId: () => "kg_" + location.host,
      endpointCatalogueOptions: {getData: () => [{endpoint}], keys: []},
      yasr: {prefixes: data.prefixes, pluginOrder: ["table", "chart", "response"]},
    });
  }

  function openTab(yasgui, name, queryText) {
    // Simple view: values without their datatypes, as a reader wants them first.
    const tab = yasgui.addTab(true, {name, yasqe: {value: queryText}, requestConfig: {endpoint},
                                     yasr: {settings: {pluginsConfig: {table: {compact: true}}}}});
    tab.show();
    return tab.query().catch(() => {});  // YASR shows the error
  }

  // A library query with other values than its example: the server binds them as the
  // command line does (a name's index key included), so the text runs anywhere.
  async function boundText(query, values) {
    const same = Object.keys(values).length === Object.keys(query.example).length &&
      Object.entries(values).every(([k, v]) => query.example[k] === v);
    if (same) return query.text;
    const response = await fetch(`queries/${encodeURIComponent(query.name)}.rq?` + new URLSearchParams(values));
    const body = await response.text();
    if (!response.ok) throw new Error(body.trim());
    return body;
  }

  function queryItem(yasgui, query) {
    const item = document.createElement("form");
    item.className = "query";
    item.dataset.name = query.name;
    item.append(text("h3", query.name), text("p", query.title, "title"), text("p", query.description, "description"));
    for (const parameter of query.parameters) {
      const label = document.createElement("label");
      const input = document.createElement("input");
      input.name = parameter.name;
      input.value = query.example[parameter.name] || "";
      input.placeholder = "(every value)";
      label.append(text("span", `${parameter.name} (${parameter.type})`), input);
      label.title = parameter.description;
      item.appendChild(label);
    }
    const problem = text("p", "", "problem");
    const run = text("button", query.form === "SELECT" ? "Run in a new tab" : `Run ${query.form} in a new tab`);
    item.append(run, problem);
    item.addEventListener("submit", async event => {
      event.preventDefault();
      problem.textContent = "";
      const values = {};
      for (const input of item.querySelectorAll("input")) if (input.value.trim()) values[input.name] = input.value;
      try {
        await openTab(yasgui, query.name, await boundText(query, values));
      } catch (error) {
        problem.textContent = error.message;
      }
    });
    return item;
  }

  function showLibrary(yasgui) {
    const list = document.getElementById("queries");
    const items = data.queries.map(query => queryItem(yasgui, query));
    list.replaceChildren(...items);
    document.getElementById("filter").addEventListener("input", event => {
      const wanted = event.target.value.toLowerCase();
      for (const item of items) item.hidden = !item.textContent.toLowerCase().includes(wanted);
    });
  }

  function showSummary() {
    const s = data.store;
    document.getElementById("summary").textContent =
      `${s.store}: ${s.documents.toLocaleString("en")} documents, ${s.quads.toLocaleString("en")} quads. ` +
      `Endpoint ${endpoint} (read-only; a query may run ${s.timeout} s and return ${s.max_rows.toLocaleString("en")} rows).`;
  }

  localCompletions();
  const yasgui = startYasgui();
  showSummary();
  showLibrary(yasgui);
  if (!yasgui.persistentConfig.getTabs().length) {  // a first visit: one example, run
    const first = data.queries.find(q => q.name === data.firstQuery) || data.queries[0];
    if (first) openTab(yasgui, first.name, first.text);
  }
  window.kgYasgui = yasgui;  // for the browser tests and the console
})();
