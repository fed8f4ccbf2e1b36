// With 500 pods running, one clock tick (advancing the cluster and rendering the page) stays
// within a frame. The page measures each tick itself: a `tick-start` mark when the interval
// fires, a `tick` measure once the render that follows has finished (see app.rs).

import { join } from "node:path";
import { bigStatefulSet, command, pause, play, setEditorText, setSpeed, waitForOutput } from "../lib.mjs";

/** Largest 95th-percentile tick, in milliseconds. */
const TICK_BUDGET_MS = 16;

const stats = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  return { n: sorted.length, median: at(0.5), p95: at(0.95), max: sorted[sorted.length - 1] ?? NaN };
};

async function ticks(page, seconds) {
  await page.evaluate(() => performance.clearMeasures("tick"));
  await play(page);
  await page.waitForTimeout(seconds * 1000);
  await pause(page);
  return stats(await page.evaluate(() => performance.getEntriesByName("tick").map((e) => e.duration)));
}

const allReady = (n) => {
  const tiles = document.querySelectorAll("[data-testid=pod]");
  return tiles.length === n && [...tiles].every((e) => e.dataset.ready === "1/1" && e.dataset.status === "Running");
};

export async function performance({ newPage, open, check, number, outDir }) {
  const page = await newPage({ record: false });
  await open(page);
  await pause(page);
  await setEditorText(page, bigStatefulSet(500));
  await page.getByTestId("apply").click();
  await waitForOutput(page, "statefulset.apps/big created");
  const started = Date.now();
  for (let round = 0; round < 5; round++) {
    await page.getByTestId("settle").click();
    if (await page.evaluate(allReady, 500)) break;
  }
  number(`settling 500 pods (Parallel) took ${((Date.now() - started) / 1000).toFixed(1)} s of real time, virtual ${await page.getByTestId("clock").innerText()}`);
  check(await page.evaluate(allReady, 500), "500 pods are Running and ready after Settle");

  await setSpeed(page, "1×");
  const steady = await ticks(page, 4);
  number(`tick with 500 running pods: median ${steady.median.toFixed(1)} ms, p95 ${steady.p95.toFixed(1)} ms, max ${steady.max.toFixed(1)} ms over ${steady.n} ticks (budget ${TICK_BUDGET_MS} ms)`);
  check(steady.n >= 10, `enough ticks were measured (${steady.n})`);
  check(steady.p95 <= TICK_BUDGET_MS, `a tick with 500 pods takes ${steady.p95.toFixed(1)} ms at the 95th percentile, over ${TICK_BUDGET_MS} ms`);

  // For the record: ticks while the pods are changing (scaling down redraws the picture).
  await command(page, "kubectl scale sts big --replicas=450");
  await setSpeed(page, "10×");
  const busy = await ticks(page, 3);
  number(`tick while 500 pods scale down: median ${busy.median.toFixed(1)} ms, p95 ${busy.p95.toFixed(1)} ms, max ${busy.max.toFixed(1)} ms over ${busy.n} ticks`);
  await page.screenshot({ path: join(outDir, "500-pods.png") });
  await page.context().close();
}
