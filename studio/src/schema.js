// Schema-driven completion and hover for YAML, from the JSON Schemas
// (draft 2020-12, as schemars writes them) that the server hands out.
//
// Where the cursor is in the YAML is read from indentation, line by line:
// it holds up on half-typed documents, where a parser's tree often does not.
// A path is a list of keys, with "[]" for "an item of this list".

import { startCompletion } from "@codemirror/autocomplete";
import { hoverTooltip } from "@codemirror/view";

// ---------------------------------------------------------------- lines

const KEY_RE = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s"'#:\-?,[\]{}&*!|>%@`][^:#]*?|-[^\s:#][^:#]*?)[ \t]*:(?:[ \t]+|$)(.*)$/;

function unquote(key) {
  if (key.startsWith('"')) {
    try {
      return JSON.parse(key);
    } catch {
      return key.slice(1, -1);
    }
  }
  if (key.startsWith("'")) return key.slice(1, -1).replace(/''/g, "'");
  return key;
}

function stripComment(value) {
  const m = /(^|\s)#/.exec(value);
  return (m ? value.slice(0, m.index) : value).trim();
}

/** What one line holds: its `- ` markers, its key and its value. */
export function analyse(text) {
  let i = 0;
  while (text[i] === " ") i++;
  const dashes = [];
  while (text[i] === "-" && (i + 1 === text.length || text[i + 1] === " " || text[i + 1] === "\t")) {
    dashes.push(i);
    i++;
    while (text[i] === " " || text[i] === "\t") i++;
  }
  const rest = text.slice(i);
  const out = { dashes, col: i, rest, key: null, keyLength: 0, value: null };
  if (rest === "" || rest.trim() === "") out.blank = dashes.length === 0;
  else if (rest.startsWith("#")) out.comment = dashes.length === 0;
  else {
    const m = KEY_RE.exec(rest);
    if (m) {
      out.key = unquote(m[1]);
      out.keyLength = m[1].length;
      out.value = stripComment(m[2]);
    }
  }
  return out;
}

const BLOCK_SCALAR = /^[|>][-+0-9]*$/;

function itemLevels(path, count) {
  for (let k = 0; k < count; k++) path.unshift("[]");
}

/**
 * The path of the mapping that holds a key at column `col` of line `lineNo`
 * (1-based), and the keys already in that mapping. `dashes` are the `- `
 * markers in front of the key on that line. Null inside a scalar.
 */
export function contextAt(doc, lineNo, col, dashes) {
  const path = [];
  const siblings = new Set();
  const keyCol = col;
  let mode = "map";
  let first = true; // still in the mapping the key belongs to
  if (dashes.length) {
    itemLevels(path, dashes.length);
    col = dashes[0];
    mode = "seq";
    first = false;
  }
  for (let n = lineNo - 1; n >= 1; n--) {
    const text = doc.line(n).text;
    if (/^(---|\.\.\.)(\s|$)/.test(text)) break;
    const a = analyse(text);
    if (a.blank || a.comment) continue;
    const start = a.dashes.length ? a.dashes[0] : a.col;
    if (start > col) continue; // deeper than where we are
    if (mode === "map") {
      if (a.col === col) {
        if (a.key != null && first) siblings.add(a.key);
        if (a.dashes.length) {
          // the mapping is an item of a list
          itemLevels(path, a.dashes.length);
          col = a.dashes[0];
          mode = "seq";
          first = false;
        }
        continue;
      }
      if (a.col < col) {
        if (a.key == null) {
          if (a.rest.trim() === "" && a.dashes.length) {
            itemLevels(path, a.dashes.length);
            col = a.dashes[0];
            mode = "seq";
            first = false;
            continue;
          }
          return null; // inside a plain scalar
        }
        if (a.value !== "" && !/^[&!]\S*$/.test(a.value)) return null; // a scalar value, or a block scalar
        path.unshift(a.key);
        first = false;
        col = a.col;
        if (a.dashes.length) {
          itemLevels(path, a.dashes.length);
          col = a.dashes[0];
          mode = "seq";
        }
        continue;
      }
      // a.col > col with start <= col: a list at our key's column, a sibling's value
      continue;
    }
    // mode "seq": find the key that owns the list whose `- ` are at `col`
    const at = a.dashes.indexOf(col);
    if (at >= 0) {
      if (at > 0) {
        itemLevels(path, at);
        col = a.dashes[0];
      }
      continue;
    }
    if (a.key != null && a.col <= col && a.dashes.length === 0) {
      if (a.value !== "" && !/^[&!]\S*$/.test(a.value)) return null;
      path.unshift(a.key);
      col = a.col;
      mode = "map";
      continue;
    }
    if (a.key != null && a.col <= col) {
      path.unshift(a.key);
      itemLevels(path, a.dashes.length);
      col = a.dashes[0];
      continue;
    }
    if (a.dashes.length && a.col <= col) continue;
    return null;
  }
  // keys below the line, in the same mapping
  for (let n = lineNo + 1; n <= doc.lines; n++) {
    const text = doc.line(n).text;
    if (/^(---|\.\.\.)(\s|$)/.test(text)) break;
    const a = analyse(text);
    if (a.blank || a.comment) continue;
    const start = a.dashes.length ? a.dashes[0] : a.col;
    if (start < keyCol) break;
    if (a.col === keyCol && !a.dashes.length && a.key != null) siblings.add(a.key);
  }
  return { path, siblings };
}

// --------------------------------------------------------------- schemas

function lookup(root, ref) {
  if (!ref.startsWith("#")) return null;
  let node = root;
  for (const part of ref.slice(1).split("/").filter(Boolean)) {
    const key = decodeURIComponent(part).replace(/~1/g, "/").replace(/~0/g, "~");
    node = node && typeof node === "object" ? node[key] : undefined;
  }
  return node && typeof node === "object" ? node : null;
}

/** The schema with its `$ref` followed: its own words win over the target's. */
export function resolve(schema, root) {
  let s = schema;
  for (let n = 0; s && typeof s === "object" && s.$ref && n < 32; n++) {
    const target = lookup(root, s.$ref);
    if (!target) break;
    const { $ref, ...own } = s;
    s = { ...target, ...own, $refName: s.$refName || $ref.split("/").pop() };
    if (!target.$ref) break;
    s = { ...s, $ref: target.$ref };
  }
  return s && typeof s === "object" ? s : {};
}

/** The schemas a value may match: anyOf, oneOf and allOf opened up. */
export function alternatives(schema, root, depth = 0) {
  const s = resolve(schema, root);
  if (depth > 16) return [s];
  const subs = [...(s.anyOf || []), ...(s.oneOf || []), ...(s.allOf || [])];
  if (!subs.length) return [s];
  const out = [];
  if (s.properties || s.items || s.enum || s.const !== undefined) out.push(s);
  for (const sub of subs) out.push(...alternatives(sub, root, depth + 1));
  return out;
}

function step(list, segment, root) {
  const out = [];
  for (const s of list) {
    if (segment === "[]") {
      if (s.items && typeof s.items === "object") out.push(...alternatives(s.items, root));
      for (const p of s.prefixItems || []) out.push(...alternatives(p, root));
    } else if (s.properties && s.properties[segment]) {
      out.push(...alternatives(s.properties[segment], root));
    } else if (s.additionalProperties && typeof s.additionalProperties === "object") {
      out.push(...alternatives(s.additionalProperties, root));
    }
  }
  return out;
}

/** The schemas that may describe the value at `path`. */
export function schemasAt(root, path) {
  let list = alternatives(root, root);
  for (const segment of path) {
    list = step(list, segment, root);
    if (!list.length) break;
  }
  return list;
}

/** Property name -> { schema, required } over every object alternative. */
export function keysOf(list) {
  const keys = new Map();
  for (const s of list) {
    const required = new Set(s.required || []);
    for (const [name, schema] of Object.entries(s.properties || {})) {
      const had = keys.get(name);
      if (!had) keys.set(name, { schema, required: required.has(name) });
      else if (required.has(name)) had.required = true;
    }
  }
  return keys;
}

function types(s) {
  return Array.isArray(s.type) ? s.type : s.type ? [s.type] : [];
}

/** Allowed values of a scalar: enum, const, booleans. */
export function valuesOf(list) {
  const values = [];
  for (const s of list) {
    if (s.const !== undefined) values.push({ value: s.const, description: s.description });
    for (const v of s.enum || []) values.push({ value: v, description: s.description });
    if (types(s).includes("boolean")) values.push({ value: true }, { value: false });
  }
  const seen = new Set();
  return values.filter((v) => v.value !== null && !seen.has(String(v.value)) && seen.add(String(v.value)));
}

/** A short description of what a value is: "text", "list of Section". */
export function typeSummary(schema, root, depth = 0) {
  const s = resolve(schema, root);
  if (depth > 4) return s.$refName || "value";
  if (s.const !== undefined) return JSON.stringify(s.const);
  if (s.enum) return s.enum.filter((v) => v !== null).map((v) => JSON.stringify(v)).join(" | ");
  const subs = s.anyOf || s.oneOf;
  if (subs) {
    const parts = subs
      .map((sub) => typeSummary(sub, root, depth + 1))
      .filter((t) => t !== "null");
    const unique = [...new Set(parts)];
    return unique.join(" or ") || "value";
  }
  const names = types(s).filter((t) => t !== "null");
  const word = (t) => {
    if (t === "array") return "list of " + (s.items ? typeSummary(s.items, root, depth + 1) : "values");
    if (t === "object") return s.$refName || "mapping";
    if (t === "string") return s.format === "date" ? "date" : "text";
    if (t === "integer") return "whole number";
    if (t === "number") return "number";
    if (t === "boolean") return "true or false";
    return t;
  };
  if (names.length) return names.map(word).join(" or ");
  if (s.properties) return s.$refName || "mapping";
  return s.$refName || "value";
}

function kindOf(schema, root) {
  const list = alternatives(schema, root);
  if (list.some((s) => s.properties || types(s).includes("object"))) return "object";
  if (list.some((s) => s.items || types(s).includes("array"))) {
    const items = step(list, "[]", root);
    return items.some((s) => s.properties || types(s).includes("object")) ? "list-of-objects" : "list";
  }
  return "scalar";
}

function describe(schema, root) {
  const own = schema && schema.description;
  if (own) return own;
  return resolve(schema, root).description || "";
}

// ------------------------------------------------------------ rendering

/** Doc comments become paragraphs; `code` spans become <code>. */
function prose(text) {
  const wrap = document.createElement("div");
  for (const para of text.split(/\n\s*\n/)) {
    const p = document.createElement("p");
    para
      .replace(/\s*\n\s*/g, " ")
      .split(/(`[^`]*`)/)
      .forEach((part) => {
        if (part.startsWith("`") && part.endsWith("`") && part.length > 1) {
          const code = document.createElement("code");
          code.textContent = part.slice(1, -1);
          p.append(code);
        } else if (part) p.append(part);
      });
    wrap.append(p);
  }
  return wrap;
}

function infoCard(name, schema, root, required) {
  const card = document.createElement("div");
  card.className = "schema-info";
  const head = document.createElement("div");
  head.className = "schema-info-head";
  const strong = document.createElement("strong");
  strong.textContent = name;
  head.append(strong);
  const type = document.createElement("span");
  type.className = "schema-info-type";
  type.textContent = typeSummary(schema, root) + (required ? " · required" : "");
  head.append(" ", type);
  card.append(head);
  const text = describe(schema, root);
  if (text) card.append(prose(text));
  const values = valuesOf(alternatives(schema, root));
  if (values.length && values.length <= 20) {
    const p = document.createElement("p");
    p.className = "schema-info-values";
    p.append("Allowed: ");
    values.forEach((v, i) => {
      if (i) p.append(", ");
      const code = document.createElement("code");
      code.textContent = String(v.value);
      p.append(code);
    });
    card.append(p);
  }
  return card;
}

// ----------------------------------------------------------- completion

function yamlScalar(value) {
  if (typeof value !== "string") return String(value);
  return /^[\w.\-/ ]*$/.test(value) && !/^(true|false|null|yes|no|~|\d.*)$/i.test(value) && value.trim() === value
    ? value
    : JSON.stringify(value);
}

function valueOptions(list) {
  return valuesOf(list).map((v) => ({
    label: yamlScalar(v.value),
    type: typeof v.value === "boolean" ? "keyword" : "enum",
    info: v.description ? () => prose(v.description) : undefined,
  }));
}

/** A completion source for the schema that `getRoot()` returns. */
export function schemaCompletion(getRoot) {
  return (context) => {
    const root = getRoot();
    if (!root) return null;
    const { state, pos } = context;
    const line = state.doc.lineAt(pos);
    const before = line.text.slice(0, pos - line.from);
    if (/(^|\s)#/.test(before)) return null;
    const a = analyse(before);

    // after `key: `: the values the schema allows
    if (a.key != null) {
      const afterKey = before.slice(a.col + a.keyLength);
      if (!/^\s*:\s/.test(afterKey)) return null;
      const typed = afterKey.replace(/^\s*:\s*/, "");
      if (!/^[\w.\-/"']*$/.test(typed)) return null;
      const ctx = contextAt(state.doc, line.number, a.col, a.dashes);
      if (!ctx) return null;
      const options = valueOptions(schemasAt(root, [...ctx.path, a.key]));
      if (!options.length) return null;
      return { from: pos - typed.length, options, validFor: /^[\w.\-/"']*$/ };
    }

    // a key being typed (or an item of a list of values)
    if (!/^[\w-]*$/.test(a.rest)) return null;
    if (a.rest === "" && !context.explicit && !a.dashes.length) return null;
    const ctx = contextAt(state.doc, line.number, a.col, a.dashes);
    if (!ctx) return null;
    const list = schemasAt(root, ctx.path);
    const from = line.from + a.col;
    const keys = keysOf(list);
    const options = [];
    const indent = " ".repeat(a.col);
    for (const [name, { schema, required }] of keys) {
      if (ctx.siblings.has(name)) continue;
      const kind = kindOf(schema, root);
      const values = valuesOf(alternatives(schema, root));
      let insert = name + ": ";
      if (kind === "object") insert = name + ":\n" + indent + "  ";
      else if (kind === "list" || kind === "list-of-objects") insert = name + ":\n" + indent + "  - ";
      options.push({
        label: name,
        type: "property",
        detail: typeSummary(schema, root) + (required ? " · required" : ""),
        info: () => infoCard(name, schema, root, required),
        boost: required ? 2 : 0,
        apply: (view, completion, from, to) => {
          view.dispatch({
            changes: { from, to, insert },
            selection: { anchor: from + insert.length },
            userEvent: "input.complete",
          });
          if (values.length || kind !== "scalar") setTimeout(() => startCompletion(view), 0);
        },
      });
    }
    if (a.dashes.length && a.rest === a.rest.trim()) {
      // `- ` in a list of plain values
      options.push(...valueOptions(list));
    }
    if (!options.length) return null;
    return { from, options, validFor: /^[\w-]*$/ };
  };
}

// ---------------------------------------------------------------- hover

/** A hover tooltip on keys: their description, type and allowed values. */
export function schemaHover(getRoot) {
  return hoverTooltip((view, pos) => {
    const root = getRoot();
    if (!root) return null;
    const line = view.state.doc.lineAt(pos);
    const a = analyse(line.text);
    if (a.key == null) return null;
    const from = line.from + a.col;
    const to = from + a.keyLength;
    if (pos < from || pos > to) return null;
    const ctx = contextAt(view.state.doc, line.number, a.col, a.dashes);
    if (!ctx) return null;
    const keys = keysOf(schemasAt(root, ctx.path));
    const found = keys.get(a.key);
    return {
      pos: from,
      end: to,
      above: true,
      create() {
        let dom;
        if (found) dom = infoCard(a.key, found.schema, root, found.required);
        else {
          dom = document.createElement("div");
          dom.className = "schema-info";
          const p = document.createElement("p");
          const names = [...keys.keys()];
          p.textContent = names.length
            ? `“${a.key}” is not a key here. Keys here: ${names.join(", ")}.`
            : `“${a.key}” is not a key the schema knows here.`;
          dom.append(p);
        }
        return { dom };
      },
    };
  });
}
