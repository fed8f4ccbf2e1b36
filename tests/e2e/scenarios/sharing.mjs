// Share puts the whole session in the link; opening it elsewhere (fresh storage) replays the same
// cluster. A corrupt or hostile link says so and opens a fresh session. Autosave restores work
// after a reload.

import { join } from "node:path";
import { command, pause, pods, pvcs, setEditorText, setSpeed, terminalText, waitForOutput, waitForReady } from "../lib.mjs";

async function snapshot(page) {
  return {
    pods: await pods(page),
    pvcs: await pvcs(page),
    clock: await page.getByTestId("clock").innerText(),
    tabs: await page.getByRole("group", { name: "Workspace files" }).innerText(),
    editor: await page.getByTestId("yaml-editor").inputValue(),
    terminal: await terminalText(page),
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
  await page.waitForTimeout(300);
  await pause(page);
  const before = await snapshot(page);

  await page.getByTestId("share").click();
  const link = await page.getByTestId("share-link").inputValue();
  check(link.startsWith(`${url}#s=`), `the share link points at this page with the session in its hash (${link.slice(0, 60)}…)`);
  check(link.length < 8_000, `the link stays short (${link.length} characters)`);
  number(`share link for apply, scale, edit and delete: ${link.length} characters`);

  // A different browser profile: nothing in storage, only the link.
  const other = await newPage();
  await open(other, link);
  const after = await snapshot(other);
  for (const key of Object.keys(before)) {
    check(JSON.stringify(after[key]) === JSON.stringify(before[key]), `the shared session has the same ${key}:\n    ${JSON.stringify(before[key]).slice(0, 400)}\n    ${JSON.stringify(after[key]).slice(0, 400)}`);
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
  check(restored.length === 3, `a reload restores the autosaved session (${JSON.stringify(restored)})`);
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
