// The CodeMirror editor: YAML, lint markers, schema completion and hover.

import { basicSetup } from "codemirror";
import { EditorState } from "@codemirror/state";
import { EditorView, keymap } from "@codemirror/view";
import { indentWithTab } from "@codemirror/commands";
import { indentUnit } from "@codemirror/language";
import { yaml } from "@codemirror/lang-yaml";
import { lintGutter } from "@codemirror/lint";
import { autocompletion } from "@codemirror/autocomplete";
import { schemaCompletion, schemaHover } from "./schema.js";

const theme = EditorView.theme({
  "&": { height: "100%", fontSize: "0.9375rem", backgroundColor: "#fff" },
  ".cm-scroller": {
    fontFamily: 'ui-monospace, "SFMono-Regular", "Cascadia Mono", "DejaVu Sans Mono", Menlo, Consolas, monospace',
    lineHeight: "1.55",
  },
  ".cm-content": { padding: "0.5rem 0" },
  ".cm-gutters": { backgroundColor: "#f4f5f7", color: "#555d6b", borderRight: "1px solid #d5d9e0" },
  ".cm-activeLineGutter": { backgroundColor: "#e3e8f0", color: "#1d2330" },
  ".cm-activeLine": { backgroundColor: "#f3f6fb" },
  "&.cm-focused": { outline: "none" },
  ".cm-tooltip": { border: "1px solid #b8c0cc", borderRadius: "4px", boxShadow: "0 4px 14px rgba(20,30,50,.15)" },
  ".cm-tooltip.cm-tooltip-autocomplete > ul": { fontFamily: "inherit", maxHeight: "16em" },
  ".cm-tooltip-autocomplete ul li[aria-selected]": { backgroundColor: "#1f4e79", color: "#fff" },
  ".cm-completionDetail": { fontStyle: "normal", color: "#555d6b", marginLeft: "0.75em" },
  ".cm-tooltip-autocomplete ul li[aria-selected] .cm-completionDetail": { color: "#e8eef6" },
  ".cm-completionInfo": { maxWidth: "26rem", padding: "0.5rem 0.75rem" },
  ".cm-diagnostic": { padding: "0.35rem 0.6rem" },
});

/** The editor's extensions for a file; `getSchema` gives its root schema. */
export function extensions({ label, getSchema, onUpdate }) {
  return [
    basicSetup,
    keymap.of([indentWithTab]),
    yaml(),
    indentUnit.of("  "),
    EditorState.tabSize.of(2),
    lintGutter(),
    autocompletion({ override: [schemaCompletion(getSchema)], icons: false }),
    schemaHover(getSchema),
    EditorView.contentAttributes.of({ "aria-label": label, tabindex: "0" }),
    EditorView.lineWrapping,
    theme,
    EditorView.updateListener.of(onUpdate),
  ];
}

export function newState(text, options) {
  return EditorState.create({ doc: text, extensions: extensions(options) });
}
