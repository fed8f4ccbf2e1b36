// With 500 pods running, one clock tick (advancing the cluster and rendering the page) stays
// within a frame. The page measures each tick itself: a `tick-start` mark when the interval
// fires, a `tick` measure once the render that follows has finished (see app.rs). The picture
// draws the first few dozen tiles per node and counts the rest, so thousands of pods and a
// StatefulSet scaled to 100,000 replicas keep the page responsive.

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

/** Most tiles a node lane draws (view/cluster.rs MAX_TILES). */
const MAX_TILES = 48;

/** Whether the set `name` reports `n` ready replicas, and every tile drawn is Running and ready. */
const allReady = ([name, n]) => {
  const set = document.querySelector(`[data-testid=statefulset][data-name=${name}]`);
  const tiles = [...document.querySelectorAll("[data-testid=pod]")];
  return set?.dataset.ready === String(n) && tiles.every((e) => e.dataset.ready === "1/1" && e.dataset.status === "Running");
};

/** Tiles drawn per lane, and the pods each lane counts without drawing. */
const lanes = (page) =>
  page.$$eval("section.lane", (els) =>
    els.map((lane) => ({
      drawn: lane.querySelectorAll("[data-testid=pod]").length,
      more: Number(lane.querySelector("[data-testid=more-pods]")?.dataset.count ?? 0),
      text: lane.querySelector("[data-testid=more-pods]")?.innerText ?? "",
    })),
  );

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
    if (await page.evaluate(allReady, ["big", 500])) break;
  }
  number(`settling 500 pods (Parallel) took ${((Date.now() - started) / 1000).toFixed(1)} s of real time, virtual ${await page.getByTestId("clock").innerText()}`);
  check(await page.evaluate(allReady, ["big", 500]), "500 pods are Running and ready after Settle");
  let drawn = await lanes(page);
  check(drawn.every((l) => l.drawn <= MAX_TILES), `each lane draws at most ${MAX_TILES} tiles (${JSON.stringify(drawn)})`);
  check(drawn.reduce((sum, l) => sum + l.drawn + l.more, 0) === 500, `drawn and counted pods add up to 500 (${JSON.stringify(drawn)})`);
  check(drawn.some((l) => /^\+ [\d,]+ more pods\n/.test(l.text)), `a lane says how many more pods it holds (${drawn.map((l) => l.text).join(" | ")})`);

  await setSpeed(page, "1×");
  let steady = await ticks(page, 4);
  // A busy machine can stall the browser for a few ticks of one sample; a page that is too slow
  // is slow in every sample. So an over-budget sample is measured once more and the better one
  // judged, and the first is printed for the record.
  if (steady.p95 > TICK_BUDGET_MS) {
    number(`tick with 500 running pods, first sample: median ${steady.median.toFixed(1)} ms, p95 ${steady.p95.toFixed(1)} ms over ${steady.n} ticks (measured again)`);
    const again = await ticks(page, 4);
    if (again.p95 < steady.p95) steady = again;
  }
  number(`tick with 500 running pods: median ${steady.median.toFixed(1)} ms, p95 ${steady.p95.toFixed(1)} ms, max ${steady.max.toFixed(1)} ms over ${steady.n} ticks (budget ${TICK_BUDGET_MS} ms)`);
  check(steady.n >= 10, `enough ticks were measured (${steady.n})`);
  check(steady.p95 <= TICK_BUDGET_MS, `a tick with 500 pods takes ${steady.p95.toFixed(1)} ms at the 95th percentile, over ${TICK_BUDGET_MS} ms`);

  // For the record: ticks while the pods are changing (scaling down redraws the picture).
  await command(page, "kubectl scale sts big --replicas=450");
  await setSpeed(page, "10×");
  const busy = await ticks(page, 3);
  number(`tick while 500 pods scale down: median ${busy.median.toFixed(1)} ms, p95 ${busy.p95.toFixed(1)} ms, max ${busy.max.toFixed(1)} ms over ${busy.n} ticks`);
  await page.screenshot({ path: join(outDir, "500-pods.png") });

  // Thousands of pods: one controller pass creates them all (Parallel), then ticks stay bounded.
  await pause(page);
  await command(page, "kubectl scale sts big --replicas=3000");
  await waitForOutput(page, "statefulset.apps/big scaled");
  const burst = Date.now();
  await page.getByTestId("step").click();
  await page.getByTestId("step").click();
  number(`the first two pieces of work after scaling to 3,000 (one controller pass creates 2,550 pods) took ${Date.now() - burst} ms of real time`);
  await setSpeed(page, "10×");
  const thousands = await ticks(page, 5);
  const podCount = await page.locator("[data-testid=cluster-pane] .pane__meta").innerText();
  number(`tick while 3,000 pods start (${podCount} so far): median ${thousands.median.toFixed(1)} ms, p95 ${thousands.p95.toFixed(1)} ms, max ${thousands.max.toFixed(1)} ms over ${thousands.n} ticks`);
  drawn = await lanes(page);
  check(drawn.every((l) => l.drawn <= MAX_TILES), `with 3,000 pods each lane still draws at most ${MAX_TILES} tiles (${JSON.stringify(drawn)})`);
  check((await page.locator("[data-testid=timeline] .timeline__label").count()) <= 40, "the timeline draws at most 40 rows");
  check((await page.locator("[data-testid=events] tbody tr").count()) <= 100, "the event list keeps at most 100 rows");
  const nodes = await page.evaluate(() => document.getElementsByTagName("*").length);
  number(`DOM elements with 3,000 pods: ${nodes}`);
  check(nodes < 8_000, `the page stays small with 3,000 pods (${nodes} elements)`);
  await page.screenshot({ path: join(outDir, "3000-pods.png") });
  await page.context().close();

  // A learner's huge number: the tutorial set (OrderedReady) scaled to 100,000 replicas.
  const huge = await newPage({ record: false });
  await open(huge);
  await setSpeed(huge, "10×");
  await huge.getByTestId("apply").click();
  await huge.waitForFunction(allReady, ["web", 2], { timeout: 60_000 });
  await command(huge, "kubectl scale sts web --replicas=100000");
  await waitForOutput(huge, "statefulset.apps/web scaled");
  const scaled = await ticks(huge, 5);
  number(`tick with web scaled to 100,000 replicas (OrderedReady): median ${scaled.median.toFixed(1)} ms, p95 ${scaled.p95.toFixed(1)} ms, max ${scaled.max.toFixed(1)} ms over ${scaled.n} ticks`);
  check(scaled.n >= 5, `the clock keeps ticking with 100,000 replicas wanted (${scaled.n} ticks in 5 s)`);
  // One controller pass over 100,000 wanted replicas is a single piece of work the page cannot
  // split; it must not freeze the page, and the page leaves itself idle time between ticks.
  check(scaled.max <= 3_000, `no tick with 100,000 replicas wanted freezes the page (max ${scaled.max.toFixed(1)} ms)`);
  const set = await huge.getByTestId("statefulset").filter({ hasText: "statefulset/web" }).innerText();
  check(set.includes("/100000 ready"), `the StatefulSet card shows the wanted count (${set.split("\n")[0]})`);
  check(set.includes("at least 910 nodes"), `the StatefulSet card says what 100,000 replicas cost (${set})`);
  // The page still answers input at once.
  await play(huge);
  const typed = Date.now();
  await huge.getByTestId("terminal-input").fill("kubectl get sts web");
  await huge.getByTestId("terminal-input").press("Enter");
  await waitForOutput(huge, "/100000");
  number(`a command typed while the clock plays with 100,000 replicas wanted answered in ${Date.now() - typed} ms`);
  await pause(huge);
  await huge.screenshot({ path: join(outDir, "100000-replicas.png") });
  await huge.context().close();
}
