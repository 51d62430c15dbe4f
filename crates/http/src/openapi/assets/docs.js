"use strict";
// Renders /api/openapi.json as a browsable reference with a "Try it" form.
(function () {
  const el = (tag, attrs, ...children) => {
    const node = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => {
      if (k === "class") node.className = v; else node.setAttribute(k, v);
    });
    children.flat().forEach((c) => node.append(c instanceof Node ? c : document.createTextNode(String(c))));
    return node;
  };
  // Text with `backquoted` words shown as code.
  const prose = (text) => String(text || "").split("`").map((part, i) => (i % 2 ? el("code", {}, part) : part));
  const csrf = () => {
    const entry = document.cookie.split("; ").find((c) => /csrf=/.test(c));
    return entry ? decodeURIComponent(entry.split("=")[1]) : "";
  };
  const resolve = (doc, schema) => {
    if (schema && schema.$ref) return doc.components.schemas[schema.$ref.split("/").pop()];
    return schema;
  };
  const example = (doc, schema, depth) => {
    schema = resolve(doc, schema);
    if (!schema || depth > 4) return null;
    if (schema.example !== undefined) return schema.example;
    if (schema.enum) return schema.enum[0];
    const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
    if (schema.properties || type === "object") {
      const out = {};
      Object.entries(schema.properties || {}).forEach(([k, v]) => { out[k] = example(doc, v, depth + 1); });
      return out;
    }
    if (type === "array") return [example(doc, schema.items, depth + 1)];
    if (type === "integer" || type === "number") return 0;
    if (type === "boolean") return false;
    if (schema.format === "date-time") return new Date().toISOString();
    return "";
  };
  const operation = (doc, path, method, op) => {
    const params = op.parameters || [];
    const inputs = {};
    const body = op.requestBody && op.requestBody.content["application/json"];
    const bodyField = body ? el("textarea", { rows: "6" }) : null;
    if (bodyField) bodyField.value = JSON.stringify(example(doc, body.schema, 0), null, 2);
    const out = el("pre", {}, "");
    const send = el("button", { type: "button" }, "Try it");
    send.addEventListener("click", async () => {
      let url = path;
      const query = new URLSearchParams();
      params.forEach((p) => {
        const v = inputs[p.name].value;
        if (p.in === "path") url = url.replace("{" + p.name + "}", encodeURIComponent(v));
        else if (v) query.set(p.name, v);
      });
      if ([...query].length) url += "?" + query;
      const headers = { "X-CSRF-Token": csrf() };
      if (bodyField) headers["Content-Type"] = "application/json";
      out.textContent = "…";
      try {
        const res = await fetch(url, { method: method.toUpperCase(), headers, body: bodyField ? bodyField.value : undefined, credentials: "same-origin" });
        const text = await res.text();
        let shown = text;
        try { shown = JSON.stringify(JSON.parse(text), null, 2); } catch (e) { /* not JSON */ }
        out.textContent = res.status + " " + res.statusText + "\n\n" + shown;
      } catch (e) {
        out.textContent = String(e);
      }
    });
    const fields = params.map((p) => {
      inputs[p.name] = el("input", { name: p.name });
      return el("label", {}, p.name + " (" + p.in + (p.required ? ", required" : "") + ")", inputs[p.name]);
    });
    const rules = (op["x-rules"] || []).map((r) => el("li", {}, prose(r.rule),
      r.codes.length ? el("span", { class: "codes" }, " → ", r.codes.map((c) => el("code", {}, c))) : ""));
    return el("details", { id: op.operationId },
      el("summary", {}, el("span", { class: "method " + method }, method.toUpperCase()), " " + path + " — " + (op.summary || "")),
      el("div", { class: "body" },
        el("p", {}, prose(op.description)),
        responsesTable(op),
        rules.length ? [el("h3", {}, "Rules beyond the schema"), el("ul", {}, rules)] : "",
        fields,
        bodyField ? el("label", {}, "Body (application/json)", bodyField) : "",
        send, out));
  };
  // Each answer with its status, meaning and, for errors, the problem codes
  // it can carry, each with an example body to unfold.
  const responsesTable = (op) => {
    const rows = Object.entries(op.responses || {}).map(([status, r]) => {
      const examples = ((r.content || {})["application/problem+json"] || {}).examples || {};
      const codes = (r["x-problem-codes"] || []).map((c) => el("details", { class: "example" },
        el("summary", {}, el("code", {}, c)),
        el("pre", {}, JSON.stringify((examples[c] || {}).value, null, 2))));
      return el("tr", {}, el("td", {}, status), el("td", {}, prose(r.description)), el("td", {}, codes));
    });
    return el("table", {}, el("thead", {}, el("tr", {}, el("th", {}, "Status"), el("th", {}, "Meaning"), el("th", {}, "Codes"))), el("tbody", {}, rows));
  };
  // The two code enumerations with what each code means.
  const codeList = (doc, name, title) => {
    const schema = doc.components.schemas[name] || {};
    const help = schema["x-enum-descriptions"] || {};
    return [el("h2", { id: name }, title), el("p", {}, schema.description || ""),
      el("dl", {}, (schema.enum || []).flatMap((c) => [el("dt", {}, el("code", {}, c)), el("dd", {}, prose(help[c]))]))];
  };
  fetch("/api/openapi.json").then((r) => r.json()).then((doc) => {
    const main = document.getElementById("ops");
    main.textContent = "";
    main.append(el("p", {}, "Errors are RFC 9457 problem+json: ", el("code", {}, "code"), " is one of the ",
      el("a", { href: "#ProblemCode" }, "problem codes"), ", and each entry of ", el("code", {}, "errors"), " carries one of the ",
      el("a", { href: "#FieldCode" }, "field codes"), ". Codes are only ever added; the English ", el("code", {}, "detail"),
      " is for people reading logs, not for display."));
    const byTag = {};
    Object.entries(doc.paths).forEach(([path, item]) => {
      Object.entries(item).forEach(([method, op]) => {
        const tag = (op.tags && op.tags[0]) || "other";
        (byTag[tag] = byTag[tag] || []).push(operation(doc, path, method, op));
      });
    });
    Object.entries(byTag).forEach(([tag, ops]) => main.append(el("h2", {}, tag), ...ops));
    main.append(...codeList(doc, "ProblemCode", "Problem codes"), ...codeList(doc, "FieldCode", "Field codes"));
  });
})();
