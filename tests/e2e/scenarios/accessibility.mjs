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

/** Pod tiles whose box meets the inspector's, and tiles drawn over it (visible through it). */
const inspectorOverlap = (page) =>
  page.evaluate(() => {
    const panel = document.querySelector("[data-testid=inspector]")?.getBoundingClientRect();
    if (!panel) return { missing: true };
    const tiles = [...document.querySelectorAll("[data-testid=pod], [data-testid=pvc]")];
    const meets = (b) => b.width > 0 && b.left < panel.right && b.right > panel.left && b.top < panel.bottom && b.bottom > panel.top;
    const overlapping = tiles.filter((t) => meets(t.getBoundingClientRect())).map((t) => t.dataset.name);
    const showing = tiles
      .filter((t) => {
        const b = t.getBoundingClientRect();
        if (!meets(b)) return false;
        const x = Math.min(Math.max(b.left + b.width / 2, panel.left + 1), panel.right - 1);
        const y = Math.min(Math.max(b.top + b.height / 2, panel.top + 1), panel.bottom - 1);
        // A tile shows through when it, not the inspector, is the topmost thing at that point.
        const top = document.elementFromPoint(x, y);
        return top?.closest("[data-testid=pod], [data-testid=pvc]") === t;
      })
      .map((t) => t.dataset.name);
    const background = getComputedStyle(document.querySelector("[data-testid=inspector]")).backgroundColor;
    return { overlapping, showing, background };
  });

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
  check(await page.getByTestId("inspector").evaluate((e) => document.activeElement === e), "opening the inspector moves the focus into it");
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

  let overlap = await inspectorOverlap(page);
  check(overlap.overlapping?.length === 0, `at 1440 px the inspector sits beside the tiles (${JSON.stringify(overlap)})`);
  check(!/rgba\(.*, 0(\.\d+)?\)$/.test(overlap.background ?? ""), `the inspector's background is opaque (${overlap.background})`);

  await page.setViewportSize({ width: 1024, height: 768 });
  await page.waitForTimeout(500); // Let the tiles' colour transitions finish.
  await page.screenshot({ path: join(outDir, "width-1024.png") });
  overlap = await inspectorOverlap(page);
  check(overlap.overlapping?.length === 0, `at 1024 px the inspector sits beside the tiles (${JSON.stringify(overlap)})`);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  check(overflow <= 0, `no horizontal scrolling at 1024 px (${overflow} px too wide)`);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: join(outDir, "home-narrow.png"), fullPage: true });
  const narrowOverflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  check(narrowOverflow <= 0, `no horizontal scrolling on a phone (${narrowOverflow} px too wide)`);
  await page.getByTestId("cluster-pane").scrollIntoViewIfNeeded();
  overlap = await inspectorOverlap(page);
  check(overlap.showing?.length === 0, `on a phone no tile shows through the inspector (${JSON.stringify(overlap)})`);
  await page.getByTestId("cluster-pane").screenshot({ path: join(outDir, "inspector-narrow.png") });

  // Escape closes the inspector and the focus goes back to the tile that opened it.
  await page.getByTestId("inspector").focus();
  await page.keyboard.press("Escape");
  check((await page.getByTestId("inspector").count()) === 0, "Escape closes the inspector");
  const focused = await page.evaluate(() => document.activeElement?.dataset?.name ?? document.activeElement?.tagName);
  check(focused === "web-1", `the focus returns to the tile that opened the inspector (${focused})`);
  // The close button is labelled, and the disk and Service inspectors open the same way.
  await page.locator("[data-testid=pvc][data-name=www-web-0]").click();
  await page.getByTestId("inspector").getByText("PersistentVolumeClaim").waitFor();
  await page.getByRole("button", { name: "Close details" }).click();
  check((await page.getByTestId("inspector").count()) === 0, "the labelled Close button closes the inspector");
  await page.getByTestId("service").first().getByRole("button").click();
  await page.getByTestId("inspector").getByText("Service", { exact: true }).waitFor();
  overlap = await inspectorOverlap(page);
  check(overlap.showing?.length === 0, `nothing shows through the Service inspector on a phone (${JSON.stringify(overlap)})`);
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
