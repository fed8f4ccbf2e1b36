// Helpers shared by the end-to-end scenarios: working the page like a person (typing commands,
// pressing buttons) and reading what it shows through the stable data-testid hooks.

/** Records every state of the pod tiles and disks as the page renders it (installed per context). */
export function recorder() {
  window.__log = [];
  let last = "";
  // Starts a new history whose first entry is the state on screen now.
  window.__restart = () => {
    window.__log = [];
    last = "";
    snap();
  };
  const snap = () => {
    const pods = [...document.querySelectorAll("[data-testid=pod]")].map((e) => ({
      name: e.dataset.name,
      status: e.dataset.status,
      ready: e.dataset.ready,
      revision: e.dataset.revision,
      uid: e.dataset.uid,
      node: e.dataset.node,
    }));
    const pvcs = [...document.querySelectorAll("[data-testid=pvc]")].map((e) => ({
      name: e.dataset.name,
      status: e.dataset.status,
      pod: e.dataset.pod,
    }));
    const key = JSON.stringify([pods, pvcs]);
    if (key !== last) {
      last = key;
      window.__log.push({ t: performance.now(), pods, pvcs });
    }
  };
  const start = () =>
    new MutationObserver(snap).observe(document.documentElement, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ["data-status", "data-ready", "data-revision", "data-uid", "data-pod"],
    });
  if (document.documentElement) start();
  else document.addEventListener("DOMContentLoaded", start);
}

/** The recorded states so far. */
export const history = (page) => page.evaluate(() => window.__log ?? []);

/** Forgets the recorded states (so that a step's checks only see its own), keeping the state on
 * screen now as the first entry. */
export const clearHistory = (page) => page.evaluate(() => window.__restart());

/** Waits until the terminal is idle (no command running), then types a command and presses Enter. */
export async function command(page, line) {
  await page.waitForFunction(() => !document.querySelector(".terminal__status"), null, { timeout: 30_000 });
  const input = page.getByTestId("terminal-input");
  await input.fill(line);
  await input.press("Enter");
}

/** The terminal's text. */
export const terminalText = (page) => page.getByTestId("terminal-output").innerText();

/** Waits until the terminal shows `text`. */
export async function waitForOutput(page, text, timeout = 15_000) {
  await page.waitForFunction((t) => document.querySelector("[data-testid=terminal-output]")?.innerText.includes(t), text, {
    timeout,
  });
}

/** Pod tiles as the page shows them, by name. */
export const pods = (page) =>
  page.$$eval("[data-testid=pod]", (els) =>
    els
      .map((e) => ({
        name: e.dataset.name,
        status: e.dataset.status,
        ready: e.dataset.ready,
        revision: e.dataset.revision,
        uid: e.dataset.uid,
        node: e.dataset.node,
      }))
      .sort((a, b) => a.name.localeCompare(b.name, "en", { numeric: true })),
  );

/** Disks as the page shows them, by name. */
export const pvcs = (page) =>
  page.$$eval("[data-testid=pvc]", (els) =>
    els
      .map((e) => ({ name: e.dataset.name, status: e.dataset.status, pod: e.dataset.pod }))
      .sort((a, b) => a.name.localeCompare(b.name, "en", { numeric: true })),
  );

/** Waits until `count` pods are shown, all Running and ready (and, if given, at `revision`). */
export async function waitForReady(page, count, timeout = 60_000, revision = null) {
  await page.waitForFunction(
    ([n, rev]) => {
      const tiles = [...document.querySelectorAll("[data-testid=pod]")];
      return (
        tiles.length === n &&
        tiles.every(
          (e) => e.dataset.status === "Running" && e.dataset.ready === "1/1" && (rev === null || e.dataset.revision === rev),
        )
      );
    },
    [count, revision],
    { timeout },
  );
}

/** Waits until the pod `name` is a new pod (its uid is not `oldUid`), Running and ready. */
export async function waitForReplacement(page, name, oldUid, timeout = 60_000) {
  await page.waitForFunction(
    ([n, uid]) => {
      const tile = document.querySelector(`[data-testid=pod][data-name="${n}"]`);
      return tile && tile.dataset.uid !== uid && tile.dataset.status === "Running" && tile.dataset.ready === "1/1";
    },
    [name, oldUid],
    { timeout },
  );
}

/** Clicks one of the speed buttons (`0.5×`, `1×`, `2×`, `5×`, `10×`). */
export async function setSpeed(page, label) {
  await page.getByTestId("speed").getByRole("button", { name: label, exact: true }).click();
}

/** Pauses virtual time if it runs. */
export async function pause(page) {
  if (await page.getByTestId("pause").count()) await page.getByTestId("pause").click();
}

/** Starts virtual time if it is paused. */
export async function play(page) {
  if (await page.getByTestId("play").count()) await page.getByTestId("play").click();
}

/** Replaces the open file's text by typing into the editor as a person would paste. */
export async function setEditorText(page, text) {
  await page.getByTestId("yaml-editor").fill(text);
}

/** The order in which pods came to meet `predicate` in the recorded history (pods that already
 * met it in the first recorded state are left out). */
export function firstTimes(log, predicate) {
  const seen = new Map();
  const already = new Set((log[0]?.pods ?? []).filter(predicate).map((p) => p.name));
  for (const entry of log.slice(1)) {
    for (const pod of entry.pods) {
      if (!already.has(pod.name) && !seen.has(pod.name) && predicate(pod)) seen.set(pod.name, entry.t);
    }
  }
  return [...seen.entries()].sort((a, b) => a[1] - b[1]).map(([name]) => name);
}

/** A StatefulSet of `replicas` nginx pods, created all at once. */
export function bigStatefulSet(replicas) {
  return `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: big
spec:
  serviceName: big
  replicas: ${replicas}
  podManagementPolicy: Parallel
  selector:
    matchLabels:
      app: big
  template:
    metadata:
      labels:
        app: big
    spec:
      containers:
      - name: nginx
        image: registry.k8s.io/nginx-slim:0.24
`;
}
