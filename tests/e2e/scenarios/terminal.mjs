// The real terminal, typed into like a learner: a shell inside web-0 writes a file to its volume,
// the pod is deleted and comes back, and the file is still there. Then ↑/↓ recall commands and
// Tab completes a pod name. Screenshots: terminal-exec.png (inside the container), terminal.png.

import { join } from "node:path";
import { command, pods, setSpeed, terminalText, waitForOutput, waitForReady, waitForReplacement } from "../lib.mjs";

/** The prompt shown left of the input. */
const prompt = (page) => page.locator(".terminal__prompt .terminal__sigil").innerText();

export async function terminal({ newPage, open, check, outDir }) {
  const page = await newPage({ record: false });
  await open(page);
  await setSpeed(page, "10×");
  await page.getByTestId("apply").click();
  await waitForReady(page, 2);
  const input = page.getByTestId("terminal-input");

  // A shell inside the container: the prompt changes, and the file lands on the mounted volume.
  await command(page, "kubectl exec -it web-0 -- sh");
  await page.waitForFunction(() => document.querySelector(".terminal__prompt .terminal__sigil")?.innerText.trim() !== "$");
  const inside = await prompt(page);
  check(inside.trim() !== "$", `the prompt changes inside the container (${JSON.stringify(inside)})`);
  await command(page, "echo hi > /usr/share/nginx/html/hi.txt");
  await command(page, "cat /usr/share/nginx/html/hi.txt");
  await page.waitForFunction(() => document.querySelector("[data-testid=terminal-output]")?.innerText.split("\n").includes("hi"));
  await page.screenshot({ path: join(outDir, "terminal-exec.png") });
  await command(page, "exit");
  await page.waitForFunction(() => document.querySelector(".terminal__prompt .terminal__sigil")?.innerText.trim() === "$");

  // Delete the pod; the StatefulSet brings web-0 back with the same disk.
  const before = (await pods(page)).find((p) => p.name === "web-0");
  await command(page, "kubectl delete pod web-0");
  await waitForOutput(page, 'pod "web-0" deleted');
  await waitForReplacement(page, "web-0", before.uid);
  await command(page, "kubectl exec web-0 -- cat /usr/share/nginx/html/hi.txt");
  await page.waitForFunction(() => !document.querySelector(".terminal__status"));
  const lines = (await terminalText(page)).trimEnd().split("\n");
  const at = lines.findLastIndex((l) => l.includes("kubectl exec web-0 -- cat /usr/share/nginx/html/hi.txt"));
  check(at >= 0 && lines[at + 1] === "hi", `the new web-0 reads the file back: ${JSON.stringify(lines.slice(at, at + 3))}`);

  // History: ↑ walks back through earlier commands, ↓ forward again to the empty line.
  await input.focus();
  await input.press("ArrowUp");
  check((await input.inputValue()) === "kubectl exec web-0 -- cat /usr/share/nginx/html/hi.txt", `↑ recalls the last command (${await input.inputValue()})`);
  await input.press("ArrowUp");
  check((await input.inputValue()) === "kubectl delete pod web-0", `↑ again recalls the one before (${await input.inputValue()})`);
  await input.press("ArrowDown");
  await input.press("ArrowDown");
  check((await input.inputValue()) === "", `↓ returns to the empty line (${await input.inputValue()})`);

  // Tab: the common part of the pod names first, then the one name that fits.
  await input.fill("kubectl logs w");
  await input.press("Tab");
  check((await input.inputValue()) === "kubectl logs web-", `Tab completes the shared prefix of the pod names (${await input.inputValue()})`);
  await input.press("Tab");
  await waitForOutput(page, "web-0  web-1");
  await input.press("1");
  await input.press("Tab");
  check((await input.inputValue()) === "kubectl logs web-1 ", `Tab completes the pod name (${await input.inputValue()})`);
  await input.press("Enter");
  await page.waitForFunction(() => !document.querySelector(".terminal__status"));
  await page.screenshot({ path: join(outDir, "terminal.png") });
  await page.context().close();
}
