// The preview column: one box per PDF page, sized from the page, whose
// picture is fetched only once the box scrolls into view.

import { query, withToken } from "./api.js";

export class Preview {
  /**
   * @param {HTMLElement} scroller the element that scrolls (and holds the pages)
   * @param {HTMLElement} note where notes about the preview go
   * @param {() => void} onGone called when the server no longer has a revision
   */
  constructor(scroller, note, onGone) {
    this.scroller = scroller;
    this.note = note;
    this.onGone = onGone;
    this.path = null;
    this.rev = null;
    this.boxes = [];
    this.visible = new Set();
    this.goneReported = null;
    this.observer = new IntersectionObserver((entries) => this.seen(entries), {
      root: scroller,
      rootMargin: "0px",
      threshold: 0,
    });
  }

  /** Empties the column, for another file. */
  reset(message) {
    this.path = null;
    this.rev = null;
    for (const box of this.boxes) this.observer.unobserve(box);
    this.boxes = [];
    this.visible.clear();
    this.scroller.replaceChildren();
    this.scroller.classList.remove("stale");
    this.setNote(message || "");
  }

  setNote(text, kind) {
    this.note.textContent = text;
    this.note.hidden = !text;
    this.note.className = "preview-note" + (kind ? " " + kind : "");
  }

  /** Shows the answer of a check. */
  show(path, rev, pages, { errors, hasPreview }) {
    if (path !== this.path) {
      this.reset();
      this.path = path;
    }
    if (!pages.length) {
      if (errors && this.boxes.length) {
        this.scroller.classList.add("stale");
        this.setNote("Preview shows the last version without errors", "stale");
      } else if (errors) {
        this.setNote("No preview yet: fix the errors listed under Problems.", "stale");
      } else {
        this.reset(
          hasPreview
            ? "This document has no pages to show."
            : "This file has no preview of its own: the documents in its folder use it.",
        );
        this.path = path;
      }
      return;
    }
    this.rev = rev;
    this.scroller.classList.remove("stale");
    this.setNote("");
    // as many boxes as pages
    while (this.boxes.length > pages.length) {
      const box = this.boxes.pop();
      this.observer.unobserve(box);
      this.visible.delete(box);
      box.remove();
    }
    pages.forEach((page, i) => {
      let box = this.boxes[i];
      if (!box) {
        box = document.createElement("div");
        box.className = "page";
        box.dataset.page = String(i + 1);
        const label = document.createElement("span");
        label.className = "page-placeholder";
        label.textContent = `Page ${i + 1}`;
        box.append(label);
        this.scroller.append(box);
        this.boxes.push(box);
        this.observer.observe(box);
      }
      const w = Number(page.width) || 595.3;
      const h = Number(page.height) || 841.9;
      box.style.aspectRatio = `${w} / ${h}`;
      box.dataset.width = String(w);
      box.dataset.height = String(h);
      if (this.visible.has(box)) this.load(box);
    });
  }

  seen(entries) {
    for (const entry of entries) {
      if (entry.isIntersecting) {
        this.visible.add(entry.target);
        this.load(entry.target);
      } else this.visible.delete(entry.target);
    }
  }

  load(box) {
    const rev = this.rev;
    if (!rev || !this.path || box.dataset.rev === rev) return;
    const n = Number(box.dataset.page);
    const src = withToken("/api/page?" + query({ path: this.path, rev, n }));
    box.dataset.rev = rev;
    const img = new Image();
    img.alt = `Page ${n}`;
    img.decoding = "async";
    img.addEventListener("load", () => {
      if (box.dataset.rev !== rev) return; // a newer revision came meanwhile
      box.querySelector("img")?.remove();
      box.append(img);
      box.classList.add("loaded");
    });
    img.addEventListener("error", () => {
      if (box.dataset.rev === rev) delete box.dataset.rev;
      // the revision is gone: ask for a new check, once per revision
      if (this.rev === rev && this.goneReported !== rev) {
        this.goneReported = rev;
        this.onGone();
      }
    });
    img.src = src;
  }
}
