// The StatefulSet story, worked like a learner: apply from the editor and watch the pods come up
// in ordinal order; scale from the terminal; write a file into web-0, delete it and see the same
// disk (and file) come back with a new pod; roll an image update from the highest ordinal down;
// watch, interrupt, recall and complete commands at the prompt.

import { join } from "node:path";
import {
  clearHistory,
  command,
  firstTimes,
  history,
  pods,
  pvcs,
  setSpeed,
  terminalText,
  waitForOutput,
  waitForReady,
  waitForReplacement,
} from "../lib.mjs";

const ready = (p) => p.status === "Running" && p.ready === "1/1";
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

export async function story({ newPage, open, check, outDir }) {
  const page = await newPage();
  await open(page);
  await setSpeed(page, "5×");

  // 1. Apply the tutorial manifest from the editor; OrderedReady brings web-0 up before web-1 exists.
  await page.getByTestId("apply").click();
  await waitForOutput(page, "statefulset.apps/web created");
  await waitForReady(page, 2);
  let log = await history(page);
  check(same(firstTimes(log, ready), ["web-0", "web-1"]), `pods became ready in order ${firstTimes(log, ready)}`);
  const web1First = log.find((e) => e.pods.some((p) => p.name === "web-1"));
  check(web1First?.pods.some((p) => p.name === "web-0" && ready(p)), "web-1 was created only once web-0 was Running and ready");
  check((await pvcs(page)).every((d) => d.status === "Bound"), "every disk is Bound");
  const service = page.getByTestId("service").filter({ hasText: "nginx" });
  check((await service.innerText()).includes("web-0.nginx.default.svc.cluster.local"), "the headless Service lists web-0's DNS name");

  // 2. Scale with the terminal.
  await clearHistory(page);
  await command(page, "kubectl scale sts web --replicas=4");
  await waitForOutput(page, "statefulset.apps/web scaled");
  await waitForReady(page, 4);
  log = await history(page);
  check(same(firstTimes(log, ready), ["web-2", "web-3"]), `scaled pods became ready in order ${firstTimes(log, ready)}`);
  await page.screenshot({ path: join(outDir, "scaled.png") });

  // 3. Write a file into web-0's volume, delete the pod, and see the disk re-join the new pod.
  await command(page, "kubectl exec web-0 -- sh -c 'echo hello from web-0 > /usr/share/nginx/html/index.html'");
  const before = (await pods(page)).find((p) => p.name === "web-0");
  // Step through the deletion one piece of work at a time, so that every state is drawn.
  await page.getByTestId("pause").click();
  await clearHistory(page);
  await command(page, "kubectl delete pod web-0");
  await waitForOutput(page, 'pod "web-0" deleted from default namespace');
  for (let i = 0; i < 200; i++) {
    const back = await page.evaluate((uid) => document.querySelector("[data-testid=pod][data-name=web-0]")?.dataset.uid !== uid, before.uid);
    const exists = (await page.locator("[data-testid=pod][data-name=web-0]").count()) === 1;
    if (back && exists) break;
    await page.getByTestId("step").click();
  }
  await page.getByTestId("play").click();
  await waitForReplacement(page, "web-0", before.uid);
  log = await history(page);
  const diskStates = log.map((e) => e.pvcs.find((d) => d.name === "www-web-0")?.pod);
  const detachedAt = diskStates.indexOf("");
  check(detachedAt > 0, `www-web-0 stayed visible, detached, while web-0 was gone (${diskStates.join(",")})`);
  check(diskStates.lastIndexOf("web-0") > detachedAt, "www-web-0 re-joined the new web-0");
  check(!diskStates.includes(undefined), "www-web-0 never disappeared from the picture");
  await page.locator("[data-testid=pod][data-name=web-0]").click();
  const files = page.getByTestId("inspector").getByTestId("files");
  await files.getByText("hello from web-0").waitFor({ timeout: 5_000 });
  await page.screenshot({ path: join(outDir, "rejoined.png") });
  await page.getByRole("button", { name: "Close details" }).click();

  // 4. Roll an image update: new revisions appear from the highest ordinal down.
  const oldRevision = (await pods(page))[0].revision;
  await clearHistory(page);
  await command(page, "kubectl set image sts/web nginx=registry.k8s.io/nginx-slim:0.27");
  await waitForOutput(page, "statefulset.apps/web image updated");
  await page.waitForFunction(
    (old) => [...document.querySelectorAll("[data-testid=pod]")].filter((e) => e.dataset.revision && e.dataset.revision !== old).length >= 2,
    oldRevision,
    { timeout: 60_000 },
  );
  await page.screenshot({ path: join(outDir, "rolling.png") });
  await page.waitForFunction(
    (old) => {
      const tiles = [...document.querySelectorAll("[data-testid=pod]")];
      return tiles.length === 4 && tiles.every((e) => e.dataset.revision !== old && e.dataset.status === "Running" && e.dataset.ready === "1/1");
    },
    oldRevision,
    { timeout: 90_000 },
  );
  log = await history(page);
  const updated = firstTimes(log, (p) => p.revision && p.revision !== oldRevision);
  check(
    same(updated, ["web-3", "web-2", "web-1", "web-0"]),
    `revisions changed in order ${updated}; first states: ${JSON.stringify(log.slice(0, 3).map((e) => e.pods.map((p) => [p.name, p.revision, p.status])))}`,
  );
  const marks = await page.getByTestId("timeline").locator("line.rev-mark").count();
  check(marks >= 4, `the timeline marks each ordinal's revision change (${marks} marks)`);
  const events = await page.getByTestId("events").innerText();
  check(events.includes("create Pod web-3 in StatefulSet web successful"), "the event list shows the controller's events");

  // 5. Stream a watch, stop it with Ctrl+C, recall and complete commands, clear the screen.
  await command(page, "kubectl get pods -w");
  await page.locator(".terminal__status").waitFor();
  const input = page.getByTestId("terminal-input");
  await input.fill("kubectl get pods");
  await input.press("Enter");
  // A terminal keeps type-ahead: the line waits, shown as pending, for the watch to end.
  const pending = await page.getByTestId("terminal-queued").allInnerTexts();
  check(
    (await input.inputValue()) === "" && JSON.stringify(pending) === JSON.stringify(["kubectl get pods"]),
    `Enter while the watch holds the prompt keeps the line as pending type-ahead (${JSON.stringify(pending)})`,
  );
  await input.press("Control+c");
  await page.waitForFunction(() => !document.querySelector(".terminal__status"));
  check((await terminalText(page)).trimEnd().endsWith("^C"), "Ctrl+C stops the watch");
  check((await page.getByTestId("terminal-queued").count()) === 0, "Ctrl+C drops the typed-ahead line, as a terminal flushes its input");
  await input.press("ArrowUp");
  check((await input.inputValue()) === "kubectl get pods -w", `↑ recalls the last command (${await input.inputValue()})`);
  await input.fill("kubectl sca");
  await input.press("Tab");
  check((await input.inputValue()) === "kubectl scale ", `Tab completes the verb (${await input.inputValue()})`);
  await input.fill("kubectl delete pod web-");
  await input.press("Tab");
  check((await terminalText(page)).includes("web-0  web-1  web-2  web-3"), "a second choice lists the pod names");
  await input.press("Control+l");
  check((await terminalText(page)).trim() === "", "Ctrl+L clears the screen");
  await page.context().close();
}
