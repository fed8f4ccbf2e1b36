// End-to-end checks of the built page in headless Chromium (Debian's /usr/bin/chromium, driven by
// playwright-core; no browser is downloaded). Usage: node tests/e2e/run.mjs http://127.0.0.1:PORT/
//
// Each scenario in scenarios/ works the page as a learner would. Every page opened here fails the
// run on: a console error or warning, an uncaught exception, a CSP violation, any dialog (alert,
// confirm, prompt: the XSS tripwire), or a request that leaves the page's origin. Numbers (time
// to interactive, bytes, tick render time) are printed; screenshots land in target/e2e/.

import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { recorder } from "./lib.mjs";
import { basics } from "./scenarios/basics.mjs";
import { story } from "./scenarios/story.mjs";
import { terminal } from "./scenarios/terminal.mjs";
import { editing } from "./scenarios/editing.mjs";
import { sharing } from "./scenarios/sharing.mjs";
import { security } from "./scenarios/security.mjs";
import { accessibility } from "./scenarios/accessibility.mjs";
import { performance } from "./scenarios/performance.mjs";
import { lessons } from "./scenarios/lessons.mjs";
import { typeahead } from "./scenarios/typeahead.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const outDir = resolve(here, "../../target/e2e");
const url = process.argv[2];
if (!url) {
  console.error("usage: node tests/e2e/run.mjs http://127.0.0.1:PORT/");
  process.exit(2);
}
const origin = new URL(url).origin;
const executablePath = process.env.CHROMIUM ?? "/usr/bin/chromium";
const only = process.env.E2E_ONLY ? process.env.E2E_ONLY.split(",") : null;

const failures = [];
const numbers = [];
const openPages = [];
mkdirSync(outDir, { recursive: true });

const browser = await chromium.launch({
  executablePath,
  headless: true,
  args: [
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
});

/** Opens a page in a fresh context (fresh storage) with every tripwire armed. */
async function newPage({ record = true, viewport = { width: 1440, height: 900 }, colorScheme = "light", reducedMotion } = {}) {
  const context = await browser.newContext({ viewport, colorScheme, reducedMotion });
  const problems = [];
  await context.route("**/*", (route) => {
    const requested = route.request().url();
    if (requested.startsWith(`${origin}/`) || requested.startsWith("data:") || requested.startsWith("blob:")) {
      return route.continue();
    }
    problems.push(`request left ${origin}: ${requested}`);
    return route.abort("blockedbyclient");
  });
  await context.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener("securitypolicyviolation", (event) => {
      window.__cspViolations.push(`${event.violatedDirective} blocked ${event.blockedURI || "inline"}`);
    });
  });
  if (record) await context.addInitScript(recorder);
  const page = await context.newPage();
  page.on("console", (message) => {
    if (message.type() === "error" || message.type() === "warning") problems.push(`console ${message.type()}: ${message.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`uncaught: ${error.message}`));
  page.on("dialog", async (dialog) => {
    problems.push(`a ${dialog.type()} dialog opened: ${dialog.message()}`);
    await dialog.dismiss();
  });
  openPages.push({ page, problems, context });
  return page;
}

/** Opens the page and waits for the app to mount. */
async function open(page, target = url) {
  await page.goto(target, { waitUntil: "load" });
  await page.waitForSelector('html[data-app="ready"]', { timeout: 30_000 });
}

const ctx = {
  url,
  origin,
  outDir,
  newPage,
  open,
  check: (ok, message) => ok || failures.push(message),
  fail: (message) => failures.push(message),
  number: (line) => {
    numbers.push(line);
    console.log(`  ${line}`);
  },
};

const scenarios = { basics, story, terminal, editing, sharing, security, accessibility, performance, lessons, typeahead };
try {
  for (const [name, run] of Object.entries(scenarios)) {
    if (only && !only.includes(name)) continue;
    const started = Date.now();
    const before = failures.length;
    try {
      await run(ctx);
    } catch (error) {
      failures.push(`${name}: ${error.stack ?? error}`);
    }
    const status = failures.length === before ? "ok" : "FAILED";
    console.log(`scenario ${name}: ${status} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  }
  for (const { page, problems } of openPages) {
    if (!page.isClosed()) {
      const csp = await page.evaluate(() => window.__cspViolations ?? []).catch(() => []);
      for (const violation of csp) problems.push(`CSP violation: ${violation}`);
    }
    for (const problem of problems) failures.push(problem);
  }
} finally {
  await browser.close();
}

console.log("\nnumbers:");
for (const line of numbers) console.log(`  ${line}`);
console.log(`screenshots: ${outDir}/`);
if (failures.length > 0) {
  console.error(`\ne2e: ${failures.length} problem(s):`);
  for (const failure of failures) console.error(`  - ${failure}`);
  process.exit(1);
}
console.log("e2e: all checks passed");
