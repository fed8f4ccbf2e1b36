// axe-core finds nothing serious or critical in light and dark, with a busy cluster and the
// inspector open; the layout holds at 1024 px and on a phone; Space plays and pauses; motion
// respects prefers-reduced-motion. Screenshots: light, dark, 1024 px, narrow.

import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { command, setSpeed, waitForReady } from "../lib.mjs";

const require = createRequire(import.meta.url);

async function axe(page, scheme, check) {
  await page.evaluate(readFileSync(require.resolve("axe-core/axe.min.js"), "utf8"));
  const { violations } = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
  for (const violation of violations) {
    const targets = violation.nodes.map((node) => node.target.join(" ")).slice(0, 3).join("; ");
    const line = `axe (${scheme}) ${violation.impact}: ${violation.id}: ${violation.help} [${targets}]`;
    if (violation.impact === "serious" || violation.impact === "critical") check(false, line);
    else console.log(`  note: ${line}`);
  }
}

export async function accessibility({ newPage, open, check, outDir }) {
  const page = await newPage({ record: false });
  await open(page);
  await setSpeed(page, "10×");
  await page.getByTestId("apply").click();
  await waitForReady(page, 2);
  await command(page, "kubectl scale sts web --replicas=3");
  await waitForReady(page, 3);
  await command(page, "kubectl get pods");

  // Space toggles time when the focus is on the page, not in a text field.
  await page.locator("h1").click();
  await page.keyboard.press("Space");
  check((await page.getByTestId("play").count()) === 1, "Space pauses");
  await page.keyboard.press("Space");
  check((await page.getByTestId("pause").count()) === 1, "Space plays again");
  await page.getByTestId("pause").click();

  await page.locator("[data-testid=pod][data-name=web-1]").click();
  await page.getByTestId("inspector").waitFor();
  for (const scheme of ["light", "dark"]) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.waitForTimeout(500); // Let the tiles' colour transitions finish.
    await axe(page, scheme, check);
    await page.screenshot({ path: join(outDir, scheme === "light" ? "busy.png" : "home-dark.png") });
  }
  // The theme picker overrides the system setting.
  await page.getByLabel("Theme").selectOption("dark");
  await page.emulateMedia({ colorScheme: "light" });
  await page.waitForTimeout(500);
  check((await page.evaluate(() => document.documentElement.dataset.theme)) === "dark", "the theme picker sets the dark theme");
  await axe(page, "dark theme chosen", check);
  await page.getByLabel("Theme").selectOption("system");

  await page.setViewportSize({ width: 1024, height: 768 });
  await page.screenshot({ path: join(outDir, "width-1024.png") });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  check(overflow <= 0, `no horizontal scrolling at 1024 px (${overflow} px too wide)`);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: join(outDir, "home-narrow.png"), fullPage: true });
  const narrowOverflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  check(narrowOverflow <= 0, `no horizontal scrolling on a phone (${narrowOverflow} px too wide)`);
  await page.context().close();

  // Reduced motion: tiles appear without animating.
  const calm = await newPage({ record: false, reducedMotion: "reduce" });
  await open(calm);
  await setSpeed(calm, "10×");
  await calm.getByTestId("apply").click();
  await waitForReady(calm, 2);
  const duration = await calm.locator("[data-testid=pod]").first().evaluate((e) => getComputedStyle(e).animationDuration);
  check(parseFloat(duration) < 0.01, `pod tiles do not animate with reduced motion (${duration})`);
  await calm.context().close();
}
