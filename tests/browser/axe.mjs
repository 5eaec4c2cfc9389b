// Checks web pages with axe-core in headless Chromium, against WCAG 2.2
// levels A and AA. Prints each page's violations and exits with 1 if any
// page has one.
//
//   node tests/browser/axe.mjs page.html [page.html ...]
//
// Chromium is Debian's (/usr/bin/chromium, or CHROMIUM); the pages are
// opened from disk and fetch nothing. Each page is first opened as a
// reader opens it, to see that its security policy blocks nothing of its
// own and refuses a script put into it; axe-core then runs in a second
// context that passes over the policy, as it is such a script itself.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { launch } from "./chromium.mjs";

const require = createRequire(import.meta.url);
const axe = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const pages = process.argv.slice(2);
const browser = await launch();
let failed = 0;
try {
  for (const path of pages) {
    failed += await checkPolicy(await browser.newPage(), path);
  }
  const context = await browser.newContext({ bypassCSP: true });
  // A page that tried to fetch anything would show it here.
  const fetched = [];
  context.on("request", (request) => {
    if (!request.url().startsWith("file:") && !request.url().startsWith("data:")) {
      fetched.push(request.url());
    }
  });
  for (const path of pages) {
    const page = await context.newPage();
    await page.goto(pathToFileURL(path).href);
    await page.addScriptTag({ content: axe });
    const results = await page.evaluate(() =>
      window.axe.run(document, {
        runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
      }),
    );
    for (const violation of results.violations) {
      failed += 1;
      const where = violation.nodes.map((node) => node.target.join(" ")).join("; ");
      console.log(`${path}: ${violation.id}: ${violation.help} (${where})`);
    }
    console.log(`${path}: ${results.violations.length} violations, ${results.passes.length} rules passed`);
    await page.close();
  }
  for (const url of fetched) {
    failed += 1;
    console.log(`a page fetched ${url}`);
  }
} finally {
  await browser.close();
}
process.exit(failed > 0 ? 1 : 0);

// Opens `path` as a reader would: whatever its policy blocks of the page's
// own content, and a script put into it that runs, are each a problem.
async function checkPolicy(page, path) {
  let problems = 0;
  let injecting = false;
  page.on("console", (message) => {
    const blocked = message.type() === "error" && message.text().includes("Content Security Policy");
    if (blocked && !injecting) {
      problems += 1;
      console.log(`${path}: its policy blocks its own content: ${message.text()}`);
    }
  });
  await page.goto(pathToFileURL(path).href, { waitUntil: "load" });
  injecting = true;
  const ran = await page
    .addScriptTag({ content: "window.injected = true;" })
    .then(() => page.evaluate(() => window.injected === true))
    .catch(() => false);
  if (ran) {
    problems += 1;
    console.log(`${path}: a script put into the page ran`);
  }
  await page.close();
  return problems;
}
