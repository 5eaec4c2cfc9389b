// Debian's Chromium (/usr/bin/chromium, or CHROMIUM), headless, as every
// browser check here launches it: no sandbox (CI runs as root), nothing
// fetched in the background.
import { chromium } from "playwright-core";

export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}
