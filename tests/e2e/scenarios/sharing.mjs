// Share puts the whole session in the link; opening it elsewhere (fresh storage) replays the same
// cluster: the same pods, revisions, disks, files, terminal, timeline, events and virtual time,
// including what the page's own controls did (Apply, Step, Settle, speed, Clear, Tab listings,
// Ctrl+C, the inspector). A corrupt or hostile link says so and opens a fresh session. Autosave
// restores work after a reload.

import { join } from "node:path";
import { command, pause, play, pods, pvcs, setEditorText, setSpeed, terminalText, waitForOutput, waitForReady } from "../lib.mjs";

async function snapshot(page) {
  const inspector = page.getByTestId("inspector");
  return {
    pods: await pods(page),
    pvcs: await pvcs(page),
    clock: await page.getByTestId("clock").innerText(),
    tabs: await page.getByRole("group", { name: "Workspace files" }).innerText(),
    editor: await page.getByTestId("yaml-editor").inputValue(),
    terminal: await terminalText(page),
    prompt: await page.locator(".terminal__prompt .terminal__sigil").innerText(),
    timeline: await page.getByTestId("timeline").innerHTML(),
    events: await page.getByTestId("events").innerText(),
    sets: await page.getByTestId("statefulset").allInnerTexts(),
    speed: await page.getByTestId("speed").locator("[aria-pressed=true]").innerText(),
    inspector: (await inspector.count()) ? await inspector.innerText() : "",
  };
}

export async function sharing({ newPage, open, check, number, url, outDir }) {
  const page = await newPage();
  await open(page);
  await setSpeed(page, "10×");
  await page.getByTestId("apply").click();
  await waitForReady(page, 2);
  await command(page, "kubectl scale sts web --replicas=3");
  await waitForReady(page, 3);
  const edited = (await page.getByTestId("yaml-editor").inputValue()).replace("replicas: 2", "replicas: 3");
  await setEditorText(page, edited);
  await command(page, "kubectl delete pod web-1");
  await waitForOutput(page, 'pod "web-1" deleted');
  await page.waitForFunction(() => !document.querySelector(".terminal__status"));
  await pause(page);
  // The page's own controls: Step twice, then Settle.
  await command(page, "kubectl scale sts web --replicas=4");
  await waitForOutput(page, "statefulset.apps/web scaled");
  await page.getByTestId("step").click();
  await page.getByTestId("step").click();
  await page.getByTestId("settle").click();
  // A roll with a watch running while time plays, stopped with Ctrl+C.
  await command(page, "kubectl set image sts/web nginx=registry.k8s.io/nginx-slim:0.27");
  await play(page);
  await command(page, "kubectl get pods -w");
  await page.waitForTimeout(1_500);
  const input = page.getByTestId("terminal-input");
  await input.press("Control+c");
  await pause(page);
  // A here-document with a blank line in it, a blank Enter, Ctrl+C on a typed line, a Tab listing.
  await command(page, "cat <<EOF > notes.txt");
  await command(page, "first line");
  await command(page, "");
  await command(page, "EOF");
  await command(page, "");
  await input.fill("kubectl get po");
  await input.press("Control+c");
  await input.fill("kubectl delete pod web-");
  await input.press("Tab");
  await waitForOutput(page, "$ kubectl delete pod web-\n");
  await input.fill("");
  // What the learner looks at: a pod in the inspector, and the speed.
  await page.locator("[data-testid=pod][data-name=web-2]").click();
  await page.getByTestId("inspector").waitFor();
  await setSpeed(page, "5×");
  const before = await snapshot(page);
  check(before.tabs.includes("notes.txt"), `the here-document wrote notes.txt (${before.tabs})`);
  check(before.pods.length >= 2, `pods are on screen before sharing (${JSON.stringify(before.pods)})`);

  await page.getByTestId("share").click();
  const link = await page.getByTestId("share-link").inputValue();
  check(link.startsWith(`${url}#s=`), `the share link points at this page with the session in its hash (${link.slice(0, 60)}…)`);
  check(link.length < 8_000, `the link stays short (${link.length} characters)`);
  number(`share link for apply, scale, edit, delete, step, settle, a roll with a watch and terminal keys: ${link.length} characters`);

  // A different browser profile: nothing in storage, only the link.
  const other = await newPage();
  await open(other, link);
  const after = await snapshot(other);
  for (const key of Object.keys(before)) {
    const [a, b] = [JSON.stringify(before[key]), JSON.stringify(after[key])];
    let at = 0;
    while (at < a.length && a[at] === b[at]) at++;
    const from = Math.max(0, at - 200);
    check(a === b, `the shared session has the same ${key} (they differ at ${at}):\n    ${a.slice(from, at + 300)}\n    ${b.slice(from, at + 300)}`);
  }
  check((await other.getByTestId("notice").innerText()).includes("Opened a shared session"), "the page says it opened a shared session");
  check(!other.url().includes("#s="), "the link's hash is cleared once opened");
  await other.screenshot({ path: join(outDir, "shared.png") });

  // Reloading restores the autosaved session (the link is gone from the address bar).
  await other.getByTestId("play").click();
  await other.waitForTimeout(2_500);
  await other.reload({ waitUntil: "load" });
  await other.waitForSelector('html[data-app="ready"]');
  const restored = await pods(other);
  check(restored.length === 4, `a reload restores the autosaved session (${JSON.stringify(restored)})`);
  await other.context().close();

  // Corrupt and hostile links open a fresh session and say why.
  const cut = link.slice(0, link.length - 40);
  for (const bad of [`${url}#s=not-a-session!`, cut, `${url}#s=`]) {
    const fresh = await newPage({ record: false });
    await open(fresh, bad);
    const notice = fresh.getByTestId("notice");
    check((await notice.count()) === 1 && (await notice.innerText()).includes("could not be opened"), `a bad link (${bad.slice(-20)}) is explained`);
    check((await fresh.locator("[data-testid=pod]").count()) === 0, "a bad link opens a fresh, empty cluster");
    check((await fresh.getByTestId("yaml-editor").inputValue()).includes("kind: StatefulSet"), "a bad link opens the starter manifest");
    await fresh.context().close();
  }
  await page.context().close();
}
