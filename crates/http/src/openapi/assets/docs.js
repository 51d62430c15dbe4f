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
    const responses = Object.entries(op.responses || {}).map(([code, r]) => el("li", {}, code + " — " + (r.description || "")));
    return el("details", {},
      el("summary", {}, el("span", { class: "method " + method }, method.toUpperCase()), " " + path + " — " + (op.summary || "")),
      el("div", { class: "body" },
        el("p", {}, op.description || ""),
        el("ul", {}, responses),
        fields,
        bodyField ? el("label", {}, "Body (application/json)", bodyField) : "",
        send, out));
  };
  fetch("/api/openapi.json").then((r) => r.json()).then((doc) => {
    const main = document.getElementById("ops");
    main.textContent = "";
    const byTag = {};
    Object.entries(doc.paths).forEach(([path, item]) => {
      Object.entries(item).forEach(([method, op]) => {
        const tag = (op.tags && op.tags[0]) || "other";
        (byTag[tag] = byTag[tag] || []).push(operation(doc, path, method, op));
      });
    });
    Object.entries(byTag).forEach(([tag, ops]) => main.append(el("h2", {}, tag), ...ops));
  });
})();
