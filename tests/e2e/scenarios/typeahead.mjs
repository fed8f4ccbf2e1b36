// Type-ahead and disk tiles. Lines typed while `kubectl rollout status` waits at 1× are echoed
// dimmed below its output and run, in order, when it ends. A StatefulSet with long claim names
// keeps each claim's ordinal in view on its disk tiles, with the whole name on hover.
// Screenshots: terminal-typeahead.png (the pending lines), disk-tiles-1440.png, disk-tiles-390.png.

import { join } from "node:path";
import { command, setEditorText, setSpeed, terminalText, waitForReady } from "../lib.mjs";

const longNames = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: stateful-app
spec:
  serviceName: stateful-app
  replicas: 3
  selector:
    matchLabels:
      app: stateful-app
  template:
    metadata:
      labels:
        app: stateful-app
    spec:
      containers:
      - name: app
        image: registry.k8s.io/nginx-slim:0.24
  volumeClaimTemplates:
  - metadata:
      name: data
    spec:
      accessModes: ["ReadWriteOnce"]
      resources:
        requests:
          storage: 1Gi
`;

export async function typeahead({ newPage, open, check, outDir }) {
  const page = await newPage({ record: false });
  await open(page);
  await setSpeed(page, "10×");
  await page.getByTestId("apply").click();
  await waitForReady(page, 2);

  // At 1× the rollout takes a while; two lines typed meanwhile wait their turn.
  await setSpeed(page, "1×");
  await command(page, "kubectl scale sts web --replicas=4");
  await command(page, "kubectl rollout status sts/web");
  await page.waitForSelector(".terminal__status");
  const input = page.getByTestId("terminal-input");
  for (const line of ["kubectl get sts web", "kubectl get pvc"]) {
    await input.fill(line);
    await input.press("Enter");
  }
  const queued = await page.getByTestId("terminal-queued").allInnerTexts();
  check(
    JSON.stringify(queued) === JSON.stringify(["kubectl get sts web", "kubectl get pvc"]),
    `lines typed while a command runs show as pending (${JSON.stringify(queued)})`,
  );
  check((await input.inputValue()) === "", "Enter clears the prompt while a command runs");
  await page.screenshot({ path: join(outDir, "terminal-typeahead.png") });

  await setSpeed(page, "10×");
  await page.waitForFunction(() => !document.querySelector(".terminal__status") && !document.querySelector("[data-testid=terminal-queued]"), null, {
    timeout: 60_000,
  });
  await page.waitForFunction(() => document.querySelector("[data-testid=terminal-output]")?.innerText.includes("www-web-3"));
  const lines = (await terminalText(page)).split("\n");
  const done = lines.findIndex((l) => l.includes("roll out complete") || l.includes("rolling update complete"));
  const sts = lines.findIndex((l) => l.endsWith("kubectl get sts web"));
  const pvc = lines.findIndex((l) => l.endsWith("kubectl get pvc"));
  check(done >= 0 && done < sts && sts < pvc, `the pending lines ran in order after rollout status (${done}, ${sts}, ${pvc})`);
  check(lines.slice(sts, pvc).some((l) => /^web\s+4\/4/.test(l)), `kubectl get sts web ran after the rollout: ${JSON.stringify(lines.slice(sts, pvc))}`);

  // Long claim names: the ordinal end stays visible, the whole name is the tooltip.
  await setEditorText(page, longNames);
  await page.getByTestId("apply").click();
  await waitForReady(page, 7);
  for (const width of [1440, 390]) {
    await page.setViewportSize({ width, height: 900 });
    const tile = page.locator('[data-testid=pvc][data-name="data-stateful-app-2"]');
    await tile.scrollIntoViewIfNeeded();
    const title = await tile.locator(".disk__name").getAttribute("title");
    check(title === "data-stateful-app-2", `the disk tile's tooltip is the whole claim name (${title}) at ${width}px`);
    const fits = await tile.evaluate((button) => {
      const tail = button.querySelector(".disk__name-tail").getBoundingClientRect();
      const box = button.getBoundingClientRect();
      return tail.width > 0 && tail.right <= box.right + 0.5 && tail.left >= box.left - 0.5;
    });
    check(fits, `the claim's ordinal end stays inside its tile at ${width}px`);
    const tail = await tile.locator(".disk__name-tail").innerText();
    check(tail.endsWith("-2"), `the visible end names the ordinal (${tail}) at ${width}px`);
    await page.getByTestId("cluster-pane").screenshot({ path: join(outDir, `disk-tiles-${width}.png`) }).catch(async () => {
      await page.screenshot({ path: join(outDir, `disk-tiles-${width}.png`) });
    });
  }
  await page.context().close();
}
