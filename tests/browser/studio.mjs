// Drives the drafting studio (`exec-report serve`) in headless Chromium as a
// person would: opens a report from the tree, types into the editor, reads
// the problems and the preview, saves, follows changes made on disk, settles
// a conflict, gets a draft back after closing the tab, and is refused
// without the token; builds the folder and opens what was built, where no
// script runs. Prints `ok - <step>` for each step; at the first that fails
// prints `not ok - <step>: <what was seen>` and a screenshot's path, and
// exits with 1.
//
//   node tests/browser/studio.mjs <studio-url-with-token> <served-folder> <output-folder>
//
// The folder is the one the studio serves (a copy of `inputs/`: this script
// writes to it), the output folder the one its builds write into.
// Chromium is Debian's (/usr/bin/chromium, or CHROMIUM).
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { launch } from "./chromium.mjs";

const [address, folder, output] = process.argv.slice(2);
if (!address || !folder || !output) {
  console.error("usage: node tests/browser/studio.mjs <studio-url-with-token> <served-folder> <output-folder>");
  process.exit(2);
}

const REPORT = "2016-07-19-county-council/childrens-services.yaml";
const reportFile = join(folder, REPORT);
const TIMEOUT = 15_000; // the longest any one wait may take

const readDisk = () => readFileSync(reportFile, "utf8");
const show = (value) => {
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text === undefined ? "undefined" : text.length > 400 ? text.slice(0, 400) + "…" : text;
};

/** Polls `probe` until `test` holds of what it gives; throws with what was last seen. */
async function until(what, probe, test, timeout = TIMEOUT) {
  const deadline = Date.now() + timeout;
  let seen;
  for (;;) {
    try {
      seen = await probe();
      if (test(seen)) return seen;
    } catch (error) {
      seen = "error: " + error.message;
    }
    if (Date.now() > deadline) throw new Error(`${what}, within ${timeout / 1000} s; saw ${show(seen)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function expect(condition, message) {
  if (!condition) throw new Error(message);
}

const browser = await launch();
const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
context.setDefaultTimeout(TIMEOUT);
context.setDefaultNavigationTimeout(TIMEOUT);
const pageErrors = [];
let page;
function watch(p) {
  p.on("pageerror", (error) => pageErrors.push(error.message));
  p.on("console", (message) => {
    if (message.type() === "error") pageErrors.push(message.text());
  });
  return p;
}
page = watch(await context.newPage());

let number = 0;
async function step(name, body) {
  number += 1;
  const label = `${number} ${name}`;
  try {
    const note = await body();
    console.log(`ok - ${label}`);
    if (note) console.log(`# ${note}`);
  } catch (error) {
    const seen = String(error && error.message ? error.message : error).split("\n")[0];
    console.log(`not ok - ${label}: ${seen}`);
    if (pageErrors.length) console.log(`# the page reported: ${show(pageErrors.join(" | "))}`);
    const shot = join(tmpdir(), `studio-failed-step${number}.png`);
    try {
      await page.screenshot({ path: shot, timeout: 5000 });
      console.log(`# screenshot: ${shot}`);
    } catch (shotError) {
      console.log(`# no screenshot: ${shotError.message.split("\n")[0]}`);
    }
    await browser.close().catch(() => {});
    process.exit(1);
  }
}

// What a person sees, read from the page.
const editorText = () => page.evaluate(() => window.studio.view.state.doc.toString());
const shownText = () => page.locator(".cm-content").innerText();
const statusText = () => page.locator("#status").innerText();
const problems = () =>
  page.$$eval("#problems-list li.problem", (items) =>
    items.map((li) => ({ line: li.dataset.line, path: li.dataset.path, text: li.textContent })),
  );
const cursorLine = () =>
  page.evaluate(() => {
    const { state } = window.studio.view;
    return state.doc.lineAt(state.selection.main.head).number;
  });
/** Puts the editor's cursor at the start of `line` (or the end of the text) and focuses it. */
const placeCursor = (line) =>
  page.evaluate((line) => {
    const { view } = window.studio;
    const pos = line ? view.state.doc.line(line).from : view.state.doc.length;
    view.dispatch({ selection: { anchor: pos } });
    view.focus();
  }, line);
const lineOf = (text, pattern) => text.split("\n").findIndex((line) => pattern.test(line)) + 1;

let original; // the report's bytes as served
let typoLine; // the line `portfollio: typo` was typed on

await step("the tree lists the example's reports", async () => {
  await page.goto(address);
  const expected = [];
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name.startsWith(".")) continue;
    for (const name of readdirSync(join(folder, entry.name))) {
      if (/\.ya?ml$/.test(name)) expected.push(`${entry.name}/${name}`);
    }
  }
  expect(expected.includes(REPORT), `the folder ${folder} has no ${REPORT}`);
  const listed = await until(
    "the tree should list every report of the folder",
    () => page.$$eval("nav#tree a[data-path]", (links) => links.map((a) => a.dataset.path)),
    (paths) => expected.every((path) => paths.includes(path)),
  );
  expect(new Set(listed.map((p) => p.split("/")[0])).size >= 2, `the tree shows one folder only: ${show(listed)}`);
  await page.locator(`nav#tree a[data-path="${REPORT}"]`).waitFor({ state: "visible" });
});

await step("opening the report shows its YAML and its pages", async () => {
  original = readFileSync(reportFile);
  const firstLine = original.toString("utf8").split("\n")[0];
  await page.locator(`nav#tree a[data-path="${REPORT}"]`).click();
  await until("the editor should show the report's first line", shownText, (text) => text.includes(firstLine));
  await until("the editor should hold the whole file", editorText, (text) => text === original.toString("utf8"));
  await until(
    "a page of the preview should load",
    () =>
      page.$$eval("#preview-pages .page img", (images) =>
        images.map((img) => ({ complete: img.complete, width: img.naturalWidth })),
      ),
    (images) => images.some((img) => img.complete && img.width > 0),
  );
  // the first check is done: the list holds its answer, not "Checking…"
  await until(
    "the problems should be listed",
    () => page.locator("#problems-list").innerText(),
    (text) => text.trim() !== "" && !/Checking/.test(text),
  );
  const shot = join(tmpdir(), "studio-step2.png");
  await page.screenshot({ path: shot });
  return `screenshot: ${shot}`;
});

let builtIndex; // the address of the built folder's index page

await step("Build links the files written, which open by their links as sandboxes", async () => {
  await page.locator("#build").click();
  const links = await until(
    "the built files should be linked",
    () => page.$$eval("#build-outputs a", (as) => as.map((a) => ({ href: a.href, name: a.title }))),
    (list) => list.some((l) => l.name.endsWith("/index.html")) && list.some((l) => l.name.endsWith(".pdf")),
    90_000,
  );
  const token = new URL(address).searchParams.get("token");
  expect(links.every((l) => !l.href.includes(token)), `a link carries the token: ${show(links)}`);
  builtIndex = links.find((l) => l.name.endsWith("/index.html")).href;
  const [built] = await Promise.all([
    context.waitForEvent("page"),
    page.locator("#build-outputs a", { hasText: "index.html" }).click(),
  ]);
  await built.waitForLoadState();
  const heading = await built.locator("h1").innerText();
  expect(heading.trim() !== "", "the index page shows no heading");
  expect((await built.evaluate(() => origin)) === "null", "the built page has the studio's origin");
  // a link of the built page to a document beside it opens too
  const documentLink = built.locator('a[href$=".html"]').first();
  const target = await documentLink.getAttribute("href");
  const [answer] = await Promise.all([
    built.waitForResponse((response) => response.url().endsWith("/" + target)),
    documentLink.click(),
  ]);
  expect(answer && answer.status() === 200, `the document's page answered ${answer && answer.status()}`);
  const policy = (await answer.allHeaders())["content-security-policy"] || "";
  expect(/sandbox/.test(policy) && !/allow-scripts|allow-same-origin/.test(policy), `its policy is ${show(policy)}`);
  const pdf = links.find((l) => l.name.endsWith(".pdf"));
  const opened = await built.goto(pdf.href);
  expect(opened.status() === 200, `the PDF answered ${opened.status()}`);
  expect(/application\/pdf/.test((await opened.allHeaders())["content-type"]), "the PDF is not sent as a PDF");
  await built.close();
  const cookies = await context.cookies();
  expect(cookies.length === 0, `the studio set cookies: ${show(cookies)}`);
});

await step("a script in a built file runs nothing and reaches neither the files nor the drafts", async () => {
  const builtFolder = join(output, REPORT.split("/")[0]);
  mkdirSync(builtFolder, { recursive: true });
  const attack = `fetch("/api/save", { method: "POST", headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ path: "${REPORT}", text: "taken: 1\\n", version: "", force: true }) });
    localStorage.setItem("taken", "1"); document.title = "ran";`;
  writeFileSync(join(builtFolder, "trap.html"), `<!DOCTYPE html><title>trap</title><script>${attack}</script><p>trap</p>`);
  writeFileSync(
    join(builtFolder, "trap.svg"),
    `<svg xmlns="http://www.w3.org/2000/svg"><script>${attack}</script><text y="20">trap</text></svg>`,
  );
  const before = readFileSync(reportFile);
  for (const name of ["trap.html", "trap.svg"]) {
    const trap = await context.newPage();
    const answer = await trap.goto(builtIndex.replace(/index\.html$/, name));
    expect(answer.status() === 200, `${name} answered ${answer.status()}`);
    await trap.waitForTimeout(500);
    expect((await trap.title()) !== "ran", `the script of ${name} ran`);
    await trap.close();
  }
  expect(readFileSync(reportFile).equals(before), "the report was written by a built file");
  expect(!(await page.evaluate(() => localStorage.getItem("taken"))), "a built file reached the studio's storage");
});

await step("typing an unknown key lists it as a problem at its line, unsaved", async () => {
  const text = original.toString("utf8");
  typoLine = lineOf(text, /^portfolio:/);
  expect(typoLine > 0, "the report has no top-level `portfolio:` key");
  const before = await problems();
  expect(!before.some((p) => p.text.includes("portfollio")), `a problem names portfollio before typing: ${show(before)}`);
  await placeCursor(typoLine);
  await page.keyboard.type("portfollio: typo");
  await page.keyboard.press("Enter");
  const lines = (await editorText()).split("\n");
  expect(
    lines[typoLine - 1] === "portfollio: typo" && lines[typoLine] === text.split("\n")[typoLine - 1],
    `the editor's lines ${typoLine}-${typoLine + 1} are ${show(lines.slice(typoLine - 1, typoLine + 1))}`,
  );
  await until(
    `a problem naming portfollio at line ${typoLine} should be listed`,
    problems,
    (list) => list.some((p) => p.text.includes("portfollio") && p.line === String(typoLine)),
  );
  expect(readFileSync(reportFile).equals(original), "the file on disk changed without a save");
  await until("the status should say there are unsaved changes", statusText, (s) => /unsaved/i.test(s));
});

await step("clicking the problem moves the cursor to its line", async () => {
  await placeCursor(null); // somewhere else first: the end of the text
  expect((await cursorLine()) !== typoLine, "the cursor could not be moved away first");
  await page.locator(`#problems-list li.problem[data-line="${typoLine}"]`, { hasText: "portfollio" }).first().click();
  await until(`the cursor should be on line ${typoLine}`, cursorLine, (line) => line === typoLine);
});

let saved;
await step("Control+S saves the text to disk", async () => {
  await page.keyboard.press("Control+S");
  await until(
    `the file on disk should hold \`portfollio: typo\` at line ${typoLine}`,
    () => readDisk().split("\n")[typoLine - 1],
    (line) => line === "portfollio: typo",
  );
  saved = readDisk();
  const text = await editorText();
  expect(saved === text, "the file on disk is not the editor's text");
  await until("the status should say saved", statusText, (s) => /saved/i.test(s) && !/unsaved/i.test(s));
});

let diskText;
await step("a change on disk by another program shows without a reload", async () => {
  await page.evaluate(() => (window.__marker = 1));
  diskText = saved.replace("portfollio: typo", "portfolio2: changed-on-disk");
  expect(diskText !== saved, "the saved file does not hold `portfollio: typo`");
  writeFileSync(reportFile, diskText);
  await until("the editor should show the text on disk", shownText, (text) => text.includes("portfolio2: changed-on-disk"));
  await until("the editor should hold the text on disk", editorText, (text) => text === diskText);
  await until("a problem naming portfolio2 should be listed", problems, (list) =>
    list.some((p) => p.text.includes("portfolio2") && p.line === String(typoLine)),
  );
  const marker = await page.evaluate(() => window.__marker);
  expect(marker === 1, "the page was loaded again (window.__marker is gone)");
  expect(!(await page.evaluate(() => window.studio.dirty)), "the page takes the text on disk as unsaved changes");
});

await step("a change on disk under unsaved text shows both versions; the disk's can be taken", async () => {
  const mine = "# typed-in-the-browser";
  await placeCursor(1);
  await page.keyboard.type(mine);
  await page.keyboard.press("Enter");
  await until("the status should say there are unsaved changes", statusText, (s) => /unsaved/i.test(s));
  const theirs = diskText.replace("portfolio2: changed-on-disk", "portfolio3: another-disk-version");
  writeFileSync(reportFile, theirs);
  await until("the conflict should show", () => page.locator("#conflict").isVisible(), (visible) => visible);
  await until(
    "the conflict should show my text and the disk's",
    async () => ({
      mine: await page.locator("#conflict-mine").innerText(),
      disk: await page.locator("#conflict-disk").innerText(),
    }),
    ({ mine: m, disk: d }) =>
      m.includes(mine) && m.includes("portfolio2: changed-on-disk") && d.includes("portfolio3: another-disk-version") && !d.includes(mine),
  );
  expect(readDisk() === theirs, "the file on disk was overwritten");
  await page.locator("#take-disk").click();
  await until("the editor should hold the disk's text", editorText, (text) => text === theirs);
  await until("the conflict should go", () => page.locator("#conflict").isVisible(), (visible) => !visible);
  expect(!(await page.evaluate(() => window.studio.dirty)), "the disk's text is taken as unsaved changes");
  expect(readDisk() === theirs, "the file on disk was overwritten");
  diskText = theirs;
});

await step("unsaved text survives closing the tab", async () => {
  const draft = "# a-draft-kept-in-the-browser";
  await placeCursor(1);
  await page.keyboard.type(draft);
  await page.keyboard.press("Enter");
  const typed = await editorText();
  expect(typed.startsWith(draft + "\n"), `the editor's text starts ${show(typed.slice(0, 80))}`);
  await until("the status should say there are unsaved changes", statusText, (s) => /unsaved/i.test(s));
  await page.close();
  page = watch(await context.newPage());
  const again = new URL(address);
  again.hash = "path=" + encodeURIComponent(REPORT);
  await page.goto(again.href);
  await until("the editor should show the draft again", shownText, (text) => text.includes(draft));
  await until("the editor should hold the draft", editorText, (text) => text === typed);
  await until("the status should say unsaved changes were restored", statusText, (s) => /restored|unsaved/i.test(s));
  expect(await page.evaluate(() => window.studio.dirty), "the page does not take the draft as unsaved changes");
  expect(readDisk() === diskText, "the file on disk changed");
});

await step("a mistake saved on disk in a file not open is counted beside it", async () => {
  const other = "2019-12-11-stockton-cabinet/childrens-services-progress-update.yaml";
  const path = join(folder, other);
  const count = () =>
    page.locator(`li.file:has(a[data-path="${other}"]) .file-problems .count.error`).count();
  expect((await count()) === 0, "the file is counted as having errors before any mistake");
  writeFileSync(path, readFileSync(path, "utf8").replace(/^title:/m, "titel: a typo\ntitle:"));
  await until("the file should be counted as having an error", count, (n) => n === 1);
  const text = await page.locator(`li.file:has(a[data-path="${other}"]) .file-problems`).innerText();
  expect(/1 error/.test(text), `the count reads ${show(text)}`);
});

await step("nothing is answered without the token", async () => {
  const url = new URL(address);
  const seen = {};
  for (const path of ["/", "/api/tree"]) {
    const response = await fetch(url.origin + path, { signal: AbortSignal.timeout(TIMEOUT) });
    seen[path] = response.status;
  }
  const withToken = await fetch(url.origin + "/api/tree" + url.search, { signal: AbortSignal.timeout(TIMEOUT) });
  seen["/api/tree with the token"] = withToken.status;
  expect(seen["/"] === 403 && seen["/api/tree"] === 403 && withToken.status === 200, `the statuses were ${show(seen)}`);
});

await browser.close();
process.exit(0);
