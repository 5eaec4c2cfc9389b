// The drafting studio: a tree of documents, a YAML editor with problems,
// and a live preview of the pages, against `exec-report serve`.

import { EditorView } from "@codemirror/view";
import { ChangeSet } from "@codemirror/state";
import { setDiagnostics } from "@codemirror/lint";
import { api, query, withToken } from "./api.js";
import { newState } from "./editor.js";
import { Preview } from "./preview.js";

const $ = (id) => document.getElementById(id);
const el = (tag, attrs = {}, ...children) => {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v == null || v === false) continue;
    if (k === "class") node.className = v;
    else if (k === "text") node.textContent = v;
    else node.setAttribute(k, v === true ? "" : v);
  }
  node.append(...children.filter((c) => c != null));
  return node;
};
const basename = (path) => path.split("/").pop();
const dirname = (path) => (path.includes("/") ? path.slice(0, path.lastIndexOf("/")) : "");
const DRAFT = "exec-report:draft:";

const S = {
  schemas: {},
  files: new Map(), // path -> file entry of /api/tree
  path: null,
  file: null,
  diskText: "", // the disk's text as last loaded or saved
  version: null, // the version the editor's text is based on
  dirty: false,
  conflict: null, // { text, version } of the disk when they differ
  openSeq: 0,
  checkSeq: 0,
  check: null, // the check in flight: { seq, doc, changes }
  checkTimer: 0,
  saving: null, // the text being saved
  problems: [],
  building: false,
};

// ------------------------------------------------------------- status

function setStatus(text, kind) {
  const status = $("status");
  status.textContent = text;
  status.className = "status" + (kind ? " " + kind : "");
}

function timeNow() {
  return new Date().toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit" });
}

function updateButtons() {
  $("save").disabled = !S.path || !S.dirty || S.saving !== null;
  $("build").disabled = !S.path || S.building;
}

// ------------------------------------------------------------- drafts

function readDraft(path) {
  try {
    const raw = localStorage.getItem(DRAFT + path);
    const draft = raw && JSON.parse(raw);
    return draft && typeof draft.text === "string" ? draft : null;
  } catch {
    return null;
  }
}

function writeDraft(path, text, version) {
  try {
    localStorage.setItem(DRAFT + path, JSON.stringify({ text, version, at: new Date().toISOString() }));
  } catch {
    setStatus("Unsaved changes (this browser could not keep a draft)", "error");
  }
  markDraft(path, true);
}

function removeDraft(path) {
  try {
    localStorage.removeItem(DRAFT + path);
  } catch {
    /* nothing kept */
  }
  markDraft(path, false);
}

// --------------------------------------------------------------- tree

const plural = (n, word) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** The file's problems on disk, counted, beside its name in the tree. */
function problemCount(file) {
  const parts = [];
  if (file.errors) parts.push(el("span", { class: "count error", text: plural(file.errors, "error") }));
  if (file.warnings) parts.push(el("span", { class: "count warning", text: plural(file.warnings, "warning") }));
  return parts.length ? el("span", { class: "file-problems" }, ...parts) : null;
}

async function loadTree() {
  let tree;
  try {
    tree = await api("GET", "/api/tree");
  } catch (e) {
    setStatus(e.message, "error");
    return;
  }
  S.files.clear();
  const nav = $("tree");
  const body = el("div", { class: "tree-body" });
  $("root-name").textContent = tree.root || "";
  for (const folder of tree.folders || []) {
    const headingId = "folder-" + folder.path.replace(/[^\w-]/g, "_");
    const list = el("ul", { class: "files", "aria-labelledby": headingId });
    for (const file of folder.files || []) {
      S.files.set(file.path, file);
      const link = el("a", { href: "#", "data-path": file.path, text: file.name });
      if (file.path === S.path) link.setAttribute("aria-current", "page");
      const meta = [file.kind, file.title].filter(Boolean).join(" · ");
      const item = el(
        "li",
        { class: "file" },
        link,
        el("span", { class: "draft-dot", role: "img", "aria-label": "Unsaved draft", title: "Unsaved draft", hidden: !readDraft(file.path) }),
        meta ? el("span", { class: "file-meta", text: meta }) : null,
        problemCount(file),
      );
      list.append(item);
    }
    body.append(el("div", { class: "folder", role: "group", "aria-labelledby": headingId }, el("h2", { id: headingId, class: "folder-name", text: folder.name }), list));
  }
  if (!(tree.folders || []).length) body.append(el("p", { class: "muted", text: "No documents in this folder." }));
  const old = nav.querySelector(".tree-body");
  if (old) old.replaceWith(body);
  else nav.append(body);
  if (S.path && S.files.has(S.path)) S.file = S.files.get(S.path);
}

function markDraft(path, on) {
  const link = $("tree").querySelector(`a[data-path="${CSS.escape(path)}"]`);
  const dot = link && link.parentElement.querySelector(".draft-dot");
  if (dot) dot.hidden = !on;
}

function markCurrent() {
  for (const a of $("tree").querySelectorAll("a[data-path]")) {
    if (a.dataset.path === S.path) a.setAttribute("aria-current", "page");
    else a.removeAttribute("aria-current");
  }
}

// ------------------------------------------------------------- editor

const getSchema = () => (S.file && S.file.schema && S.schemas[S.file.schema]) || null;

function stateFor(text, path) {
  return newState(text, {
    label: "YAML of " + basename(path),
    getSchema,
    onUpdate,
  });
}

const view = new EditorView({ state: stateFor("", "no file"), parent: $("editor") });

function onUpdate(update) {
  if (!update.docChanged) return;
  if (S.check) S.check.changes = S.check.changes.compose(update.changes);
  if (!S.path) return;
  const text = update.state.doc.toString();
  const was = S.dirty;
  S.dirty = text !== S.diskText;
  if (S.dirty) writeDraft(S.path, text, S.version);
  else removeDraft(S.path);
  if (was !== S.dirty && !S.saving) setStatus(S.dirty ? "Unsaved changes" : "No unsaved changes");
  updateButtons();
  scheduleCheck(300);
}

/** Replaces the editor's text, keeping the cursor's line where it can. */
function replaceText(text) {
  const doc = view.state.doc;
  const head = view.state.selection.main.head;
  const line = doc.lineAt(head);
  const col = head - line.from;
  view.dispatch({ changes: { from: 0, to: doc.length, insert: text } });
  const newDoc = view.state.doc;
  const target = newDoc.line(Math.min(line.number, newDoc.lines));
  view.dispatch({ selection: { anchor: target.from + Math.min(col, target.length) } });
}

function goTo(line, column) {
  const doc = view.state.doc;
  let pos = 0;
  if (line) {
    const l = doc.line(Math.min(Math.max(1, line), doc.lines));
    pos = l.from + Math.min(Math.max(0, (column || 1) - 1), l.length);
  }
  view.dispatch({ selection: { anchor: pos }, effects: EditorView.scrollIntoView(pos, { y: "center" }) });
  view.focus();
}

// ------------------------------------------------------------ opening

async function openFile(path, at) {
  if (path === S.path && S.file) {
    if (at) goTo(at.line, at.column);
    return;
  }
  const seq = ++S.openSeq;
  setStatus("Opening " + basename(path) + "…");
  let data;
  try {
    data = await api("GET", "/api/file?" + query({ path }));
  } catch (e) {
    if (seq === S.openSeq) setStatus(e.message, "error");
    return;
  }
  if (seq !== S.openSeq) return;
  S.path = path;
  S.file = S.files.get(path) || { path, name: basename(path), schema: null, document: false };
  S.diskText = data.text;
  S.version = data.version;
  S.problems = [];
  hideConflict();
  let text = data.text;
  let status = "";
  const draft = readDraft(path);
  if (draft && draft.text !== data.text) {
    text = draft.text;
    if (draft.version === data.version) status = "Restored unsaved changes";
    else {
      S.version = draft.version ?? null;
      showConflict(data.text, data.version);
      status = "This file changed on disk since your unsaved changes";
    }
  } else if (draft) removeDraft(path);
  S.check = null;
  view.setState(stateFor(text, path));
  S.dirty = text !== S.diskText;
  markDraft(path, S.dirty);

  $("welcome").hidden = true;
  $("editor").hidden = false;
  $("file-name").textContent = S.file.name;
  $("file-folder").textContent = dirname(path);
  document.title = `${S.file.name} – Drafting studio`;
  markCurrent();
  const hash = "#path=" + encodeURIComponent(path);
  if (location.hash !== hash) history.replaceState(null, "", location.pathname + location.search + hash);
  preview.reset("Checking…");
  renderProblems(null);
  setStatus(status || "Opened");
  $("tree").querySelector('a[aria-current="page"]')?.scrollIntoView({ block: "nearest" });
  updateButtons();
  if (at) goTo(at.line, at.column);
  runCheck();
}

/** Fetches the open file again after a change on disk. */
async function reloadOpenFile() {
  const path = S.path;
  if (!path) return;
  let data;
  try {
    data = await api("GET", "/api/file?" + query({ path }));
  } catch (e) {
    if (S.path === path) setStatus(e.status === 404 ? "This file is no longer on disk" : e.message, "error");
    return;
  }
  if (S.path !== path) return;
  if (S.saving !== null && data.text === S.saving) return; // our own save; its answer will follow
  const text = view.state.doc.toString();
  if (data.text === text) {
    S.diskText = data.text;
    S.version = data.version;
    S.dirty = false;
    removeDraft(path);
    hideConflict();
    updateButtons();
    return;
  }
  if (!S.dirty) {
    S.diskText = data.text;
    S.version = data.version;
    replaceText(data.text);
    setStatus("Reloaded from disk");
    runCheck();
  } else if (data.text !== S.diskText) {
    showConflict(data.text, data.version);
    setStatus("This file changed on disk while you were editing it");
  } else if (data.version !== S.version) {
    S.version = data.version; // same text under a new version: the draft stands on it
    writeDraft(path, text, S.version);
  }
}

// -------------------------------------------------------------- check

function scheduleCheck(delay) {
  clearTimeout(S.checkTimer);
  S.checkTimer = setTimeout(runCheck, delay);
}

async function runCheck() {
  clearTimeout(S.checkTimer);
  if (!S.path) return;
  const path = S.path;
  const seq = ++S.checkSeq;
  const doc = view.state.doc;
  S.check = { seq, doc, changes: ChangeSet.empty(doc.length) };
  let result;
  try {
    result = await api("POST", "/api/check", { path, text: doc.toString() });
  } catch (e) {
    if (seq === S.checkSeq && path === S.path) {
      // Said in full among the problems; the toolbar keeps a short note.
      setStatus("Could not check the text", "error");
      S.problems = [{ path, line: null, column: null, message: e.message, hint: null, warning: false, rule: null }];
      renderProblems(S.problems);
    }
    return;
  }
  if (seq !== S.checkSeq || path !== S.path) return; // stale
  const changes = S.check.changes;
  S.check = null;
  const problems = result.problems || [];
  S.problems = problems;
  renderProblems(problems);
  view.dispatch(setDiagnostics(view.state, diagnostics(problems, path, doc, changes)));
  const errors = problems.some((p) => !p.warning);
  preview.show(path, result.rev, result.pages || [], { errors, hasPreview: !!(S.file && S.file.document) });
}

function diagnostics(problems, path, doc, changes) {
  const out = [];
  for (const p of problems) {
    if (p.path !== path) continue;
    let from = 0;
    let to = 0;
    if (p.line) {
      const line = doc.line(Math.min(Math.max(1, p.line), doc.lines));
      if (p.column) {
        from = line.from + Math.min(p.column - 1, line.length);
        const word = /^[^\s,:]*/.exec(line.text.slice(from - line.from))[0];
        to = from + word.length;
      } else {
        from = line.from + /^\s*/.exec(line.text)[0].length;
        to = line.to;
      }
    }
    from = changes.mapPos(from, 1);
    to = Math.max(from, changes.mapPos(to, -1));
    out.push({
      from,
      to,
      severity: p.warning ? "warning" : "error",
      source: p.rule || undefined,
      message: p.message + (p.hint ? "\nHint: " + p.hint : ""),
      renderMessage: () => {
        const box = el("div", {}, el("div", { text: p.message }));
        if (p.hint) box.append(el("div", { class: "diagnostic-hint", text: "Hint: " + p.hint }));
        return box;
      },
    });
  }
  return out;
}

// ----------------------------------------------------------- problems

function renderProblems(problems) {
  const list = $("problems-list");
  const count = $("problems-count");
  list.replaceChildren();
  if (problems === null) {
    count.textContent = "";
    list.append(el("li", { class: "none", text: "Checking…" }));
    return;
  }
  const errors = problems.filter((p) => !p.warning).length;
  const warnings = problems.length - errors;
  count.textContent = problems.length
    ? [errors && `${errors} error${errors === 1 ? "" : "s"}`, warnings && `${warnings} warning${warnings === 1 ? "" : "s"}`].filter(Boolean).join(", ")
    : "";
  if (!problems.length) {
    list.append(el("li", { class: "none", text: "No problems." }));
    return;
  }
  const sorted = [...problems].sort((a, b) => (a.path === S.path ? 0 : 1) - (b.path === S.path ? 0 : 1));
  for (const p of sorted) {
    const other = p.path !== S.path;
    const where = (other ? basename(p.path) + ", " : "") + (p.line ? (other ? "line " : "Line ") + p.line : other ? "whole file" : "Whole file");
    const button = el(
      "button",
      { type: "button", class: "problem-button" },
      el("span", { class: "severity", text: p.warning ? "Warning" : "Error" }),
      el("span", { class: "problem-text" }, el("span", { class: "where", text: where + ": " }), el("span", { class: "message", text: p.message })),
    );
    const rule = p.rule && !String(p.message).endsWith(`[${p.rule}]`) ? `[${p.rule}]` : null;
    if (p.hint || rule) button.append(el("span", { class: "hint", text: [p.hint, rule].filter(Boolean).join(" ") }));
    const item = el(
      "li",
      {
        class: "problem " + (p.warning ? "warning" : "error") + (other ? " other-file" : ""),
        "data-line": p.line ?? null,
        "data-column": p.column ?? null,
        "data-path": p.path,
      },
      button,
    );
    list.append(item);
  }
}

$("problems-list").addEventListener("click", (event) => {
  const item = event.target.closest("li.problem");
  if (!item) return;
  const line = item.dataset.line ? Number(item.dataset.line) : null;
  const column = item.dataset.column ? Number(item.dataset.column) : null;
  const path = item.dataset.path;
  if (path && path !== S.path) openFile(path, { line, column });
  else goTo(line, column);
});

// ------------------------------------------------------------- saving

async function save(force) {
  if (!S.path || S.saving !== null) return;
  if (!S.dirty && !force) return;
  const path = S.path;
  const text = view.state.doc.toString();
  S.saving = text;
  updateButtons();
  setStatus("Saving…");
  try {
    const result = await api("POST", "/api/save", { path, text, version: S.version, force: !!force });
    if (S.path !== path) {
      if (readDraft(path)?.text === text) removeDraft(path);
      return;
    }
    S.diskText = text;
    S.version = result.version;
    hideConflict();
    const now = view.state.doc.toString();
    S.dirty = now !== text;
    if (S.dirty) writeDraft(path, now, S.version);
    else removeDraft(path);
    setStatus(S.dirty ? "Saved at " + timeNow() + "; unsaved changes since" : "Saved at " + timeNow());
  } catch (e) {
    if (e.status === 409 && e.body && typeof e.body.text === "string") {
      if (S.path === path) showConflict(e.body.text, e.body.version);
      setStatus("Not saved: the file changed on disk", "error");
    } else setStatus("Not saved: " + e.message, "error");
  } finally {
    S.saving = null;
    updateButtons();
  }
}

$("save").addEventListener("click", () => save(false));
document.addEventListener(
  "keydown",
  (event) => {
    if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === "s") {
      event.preventDefault();
      save(false);
    }
  },
  true,
);

// ----------------------------------------------------------- conflict

function diffLines(a, b) {
  // lines of `a` that are not matched in order by lines of `b` (an LCS, when small)
  const x = a.split("\n");
  const y = b.split("\n");
  const changed = new Set();
  if (x.length * y.length > 4e6) {
    x.forEach((line, i) => line !== y[i] && changed.add(i));
    return changed;
  }
  const n = x.length;
  const m = y.length;
  const t = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) t[i][j] = x[i] === y[j] ? t[i + 1][j + 1] + 1 : Math.max(t[i + 1][j], t[i][j + 1]);
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (x[i] === y[j]) {
      i++;
      j++;
    } else if (t[i + 1][j] >= t[i][j + 1]) changed.add(i++);
    else j++;
  }
  while (i < n) changed.add(i++);
  return changed;
}

function fillPane(pre, text, other) {
  const changed = diffLines(text, other);
  pre.replaceChildren(
    ...text.split("\n").map((line, i) => el("span", { class: changed.has(i) ? "line changed" : "line" }, line + "\n")),
  );
}

function showConflict(diskText, diskVersion) {
  S.conflict = { text: diskText, version: diskVersion };
  const mine = view.state.doc.toString();
  fillPane($("conflict-mine"), mine, diskText);
  fillPane($("conflict-disk"), diskText, mine);
  $("conflict").hidden = false;
}

function hideConflict() {
  S.conflict = null;
  $("conflict").hidden = true;
  $("conflict-mine").replaceChildren();
  $("conflict-disk").replaceChildren();
}

$("keep-mine").addEventListener("click", async () => {
  await save(true);
  view.focus();
});

$("take-disk").addEventListener("click", () => {
  if (!S.conflict || !S.path) return;
  const { text, version } = S.conflict;
  S.diskText = text;
  S.version = version;
  hideConflict();
  replaceText(text);
  S.dirty = false;
  removeDraft(S.path);
  updateButtons();
  setStatus("Using the file on disk");
  runCheck();
  view.focus();
});

// -------------------------------------------------------------- build

$("build").addEventListener("click", async () => {
  if (!S.path) return;
  const folder = dirname(S.path);
  S.building = true;
  updateButtons();
  $("build-status").textContent = "Starting the build of " + (folder || "the folder") + "…";
  $("build-status").className = "build-status";
  $("build-outputs").replaceChildren();
  try {
    await api("POST", "/api/build", { folder });
  } catch (e) {
    S.building = false;
    updateButtons();
    $("build-status").textContent = "Could not build: " + e.message;
    $("build-status").className = "build-status error";
  }
});

function onBuild(event) {
  let data;
  try {
    data = JSON.parse(event.data);
  } catch {
    return;
  }
  const status = $("build-status");
  if (data.state === "running") {
    S.building = true;
    status.className = "build-status";
    status.textContent = (data.total ? `Building… ${data.done} of ${data.total}` : "Building…") + (data.label ? ` (${data.label})` : "");
  } else if (data.state === "finished") {
    S.building = false;
    status.className = "build-status " + (data.ok ? "ok" : "error");
    status.textContent = (data.ok ? "" : "Build failed: ") + (data.message || (data.ok ? "Built." : ""));
    const outputs = data.outputs || [];
    // names are "folder/file": the folder once, when they share one
    const folders = new Set(outputs.map((o) => dirname(String(o.name))));
    const short = folders.size === 1;
    $("build-outputs").replaceChildren(
      ...outputs.map((o) =>
        el(
          "li",
          {},
          el(
            "a",
            { href: o.href, target: "_blank", rel: "noopener", title: o.name },
            short ? basename(String(o.name)) : String(o.name),
            el("span", { class: "visually-hidden", text: " (opens in a new tab)" }),
          ),
        ),
      ),
    );
  }
  updateButtons();
}

// ------------------------------------------------------------- events

let connectedBefore = false;

function listen() {
  const source = new EventSource(withToken("/api/events"));
  source.addEventListener("open", () => {
    if (connectedBefore) {
      loadTree();
      if (S.path) reloadOpenFile().then(() => runCheck());
    }
    connectedBefore = true;
  });
  source.addEventListener("changed", async (event) => {
    let paths = [];
    try {
      paths = JSON.parse(event.data).paths || [];
    } catch {
      /* a changed event with no paths: take everything as changed */
    }
    await loadTree();
    if (!S.path) return;
    if (!paths.length || paths.includes(S.path)) await reloadOpenFile();
    if (paths.some((p) => p !== S.path && dirname(p) === dirname(S.path))) scheduleCheck(50);
  });
  source.addEventListener("build", onBuild);
}

// ------------------------------------------------------------ wiring

const preview = new Preview($("preview-pages"), $("preview-note"), () => runCheck());

$("tree").addEventListener("click", (event) => {
  const link = event.target.closest("a[data-path]") || event.target.closest("li.file")?.querySelector("a[data-path]");
  if (!link) return;
  event.preventDefault();
  openFile(link.dataset.path);
});

function pathFromHash() {
  const m = /^#path=(.*)$/.exec(location.hash);
  if (!m) return null;
  try {
    return decodeURIComponent(m[1]);
  } catch {
    return null;
  }
}

window.addEventListener("hashchange", () => {
  const path = pathFromHash();
  if (path && path !== S.path) openFile(path);
});

window.studio = {
  view,
  openFile: (path, at) => openFile(path, at),
  get path() {
    return S.path;
  },
  get dirty() {
    return S.dirty;
  },
  save: () => save(false),
  check: () => runCheck(),
};

async function start() {
  updateButtons();
  const schemas = api("GET", "/api/schemas").then(
    (s) => (S.schemas = s || {}),
    (e) => setStatus("Could not load the schemas: " + e.message, "error"),
  );
  await Promise.all([loadTree(), schemas]);
  listen();
  const path = pathFromHash();
  if (path) await openFile(path);
}

start();

document.querySelector(".skip-link").addEventListener("click", (event) => {
  event.preventDefault();
  if (S.path) view.focus();
  else $("editor-area").focus();
});
