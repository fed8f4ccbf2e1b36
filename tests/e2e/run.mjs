// End-to-end checks of the built page in headless Chromium (Debian's /usr/bin/chromium, driven by
// playwright-core; no browser is downloaded). Usage: node tests/e2e/run.mjs http://127.0.0.1:PORT/
//
// Checks: the app mounts; the three panes and the time strip are visible; the page works (typing a
// command, playing time); the console shows no errors and no CSP violations; no request leaves
// 127.0.0.1; .wasm is served as application/wasm; axe-core finds nothing serious or critical in
// light and dark mode. Prints time-to-interactive and bytes transferred; saves screenshots in
// target/e2e/.

import { createRequire } from "node:module";
import { mkdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));
const outDir = resolve(here, "../../target/e2e");
const url = process.argv[2];
if (!url) {
  console.error("usage: node tests/e2e/run.mjs http://127.0.0.1:PORT/");
  process.exit(2);
}
const origin = new URL(url).origin;
const executablePath = process.env.CHROMIUM ?? "/usr/bin/chromium";
const PANES = ["yaml-editor-pane", "terminal-pane", "cluster-pane", "time-controls"];
const MOUNT_TIMEOUT_MS = 30_000;

const failures = [];
const fail = (message) => failures.push(message);
const check = (ok, message) => ok || fail(message);

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

try {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, colorScheme: "light" });
  // Anything not served by our own origin is blocked and reported: the page must be self-contained.
  const offOrigin = [];
  await context.route("**/*", (route) => {
    const requested = route.request().url();
    if (requested.startsWith(`${origin}/`) || requested.startsWith("data:") || requested.startsWith("blob:")) {
      return route.continue();
    }
    offOrigin.push(requested);
    return route.abort("blockedbyclient");
  });
  // CSP violations fire a DOM event as well as a console message; record both.
  await context.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener("securitypolicyviolation", (event) => {
      window.__cspViolations.push(`${event.violatedDirective} blocked ${event.blockedURI || "inline"}`);
    });
  });

  const page = await context.newPage();
  const consoleProblems = [];
  page.on("console", (message) => {
    if (message.type() === "error" || message.type() === "warning") {
      consoleProblems.push(`${message.type()}: ${message.text()}`);
    }
  });
  page.on("pageerror", (error) => consoleProblems.push(`uncaught: ${error.message}`));
  const wasmTypes = [];
  page.on("response", (response) => {
    if (response.url().endsWith(".wasm")) {
      wasmTypes.push(response.headers()["content-type"] ?? "(none)");
    }
  });

  await page.goto(url, { waitUntil: "load" });
  await page.waitForSelector('html[data-app="ready"]', { timeout: MOUNT_TIMEOUT_MS });

  // Structure: the panes and the strip are on screen, named, and the loading screen is gone.
  for (const id of PANES) {
    const pane = page.getByTestId(id);
    const visible = await pane.isVisible();
    const box = await pane.boundingBox();
    check(visible && box && box.width > 100 && box.height > 30, `${id} is not visibly on screen (box ${JSON.stringify(box)})`);
  }
  check((await page.locator("h1").textContent()) === "StatefulSet Playground", "the h1 names the product");
  check((await page.locator("#boot").count()) === 0, "the loading indicator is removed once the app mounts");
  check(wasmTypes.length === 1 && wasmTypes[0] === "application/wasm", `.wasm served as ${wasmTypes.join(", ") || "nothing"}`);

  // Timing and weight, measured by the browser itself.
  const metrics = await page.evaluate(() => {
    const mounted = performance.getEntriesByName("app-mounted")[0];
    const navigation = performance.getEntriesByType("navigation")[0];
    const resources = performance.getEntriesByType("resource");
    const transferred = [navigation, ...resources].reduce((sum, entry) => sum + (entry?.transferSize ?? 0), 0);
    const decoded = [navigation, ...resources].reduce((sum, entry) => sum + (entry?.decodedBodySize ?? 0), 0);
    return { tti: mounted?.startTime, transferred, decoded, requests: resources.length + 1 };
  });
  check(typeof metrics.tti === "number", "the app-mounted performance mark is set");

  await page.screenshot({ path: join(outDir, "home.png") });

  // Interaction: a typed command is echoed in the terminal.
  await page.getByLabel("kubectl command").fill("kubectl get pods");
  await page.getByLabel("kubectl command").press("Enter");
  const log = page.getByTestId("terminal-pane").getByRole("log");
  await log.getByText("kubectl get pods").waitFor({ timeout: 5_000 }).catch(() => fail("a typed command is echoed in the terminal"));
  check((await page.getByLabel("kubectl command").inputValue()) === "", "the prompt empties after Enter");

  // Interaction: playing at 8× moves the virtual clock; pausing stops it.
  const clock = page.locator(".timebar__clock-value");
  await page.getByRole("button", { name: "8×" }).click();
  await page.getByRole("button", { name: "Play" }).click();
  await page
    .waitForFunction(() => document.querySelector(".timebar__clock-value")?.textContent !== "0:00:00", null, { timeout: 5_000 })
    .catch(() => fail("the virtual clock advances while playing"));
  await page.getByRole("button", { name: "Pause" }).click();
  const paused = await clock.textContent();
  await page.waitForTimeout(600);
  check((await clock.textContent()) === paused, "the virtual clock stops when paused");

  // Accessibility, in both colour schemes.
  const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
  await page.evaluate(axeSource); // Evaluated through DevTools, so the page's CSP need not allow it.
  for (const scheme of ["light", "dark"]) {
    await page.emulateMedia({ colorScheme: scheme });
    const { violations } = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
    for (const violation of violations) {
      const targets = violation.nodes.map((node) => node.target.join(" ")).slice(0, 3).join("; ");
      const line = `axe (${scheme}) ${violation.impact}: ${violation.id}: ${violation.help} [${targets}]`;
      if (violation.impact === "serious" || violation.impact === "critical") {
        fail(line);
      } else {
        console.log(`note: ${line}`);
      }
    }
  }
  await page.screenshot({ path: join(outDir, "home-dark.png") });

  // A phone-sized view, to see that the stacked layout holds.
  await page.emulateMedia({ colorScheme: "light" });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: join(outDir, "home-narrow.png") });

  const cspViolations = await page.evaluate(() => window.__cspViolations);
  for (const violation of cspViolations) fail(`CSP violation: ${violation}`);
  for (const problem of consoleProblems) fail(`console ${problem}`);
  for (const requested of offOrigin) fail(`request left ${origin}: ${requested}`);

  console.log(`time to interactive (navigation start to app mounted): ${metrics.tti?.toFixed(0)} ms`);
  console.log(
    `transferred: ${metrics.transferred} bytes (${(metrics.transferred / 1024).toFixed(1)} KB) in ${metrics.requests} requests;` +
      ` decoded ${(metrics.decoded / 1024).toFixed(1)} KB`,
  );
  console.log(`screenshots: ${join(outDir, "home.png")}, home-dark.png, home-narrow.png`);
} catch (error) {
  fail(`unexpected error: ${error.stack ?? error}`);
} finally {
  await browser.close();
}

if (failures.length > 0) {
  console.error(`\ne2e: ${failures.length} problem(s):`);
  for (const failure of failures) console.error(`  - ${failure}`);
  process.exit(1);
}
console.log("e2e: all checks passed");
