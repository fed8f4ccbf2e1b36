// The editor like a person uses it: file tabs, examples, diagnostics underlined with their
// message on hover and in the problems list, field help on hover, completion of keys and values,
// Tab indentation with Escape-then-Tab to leave, and Ctrl+Enter to apply.

import { join } from "node:path";
import { setEditorText, waitForOutput } from "../lib.mjs";

const BROKEN = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  replicas: 3
  selector: [app
`;

export async function editing({ newPage, open, check, outDir }) {
  const page = await newPage({ record: false });
  await open(page);
  await page.getByTestId("pause").click();
  const editor = page.getByTestId("yaml-editor");
  const tabs = page.getByRole("group", { name: "Workspace files" });

  // Files: new, rename, examples.
  await page.getByRole("button", { name: "New", exact: true }).click();
  check((await tabs.locator("[aria-current=true]").innerText()) === "untitled.yaml", "New opens untitled.yaml");
  await page.getByRole("button", { name: "Rename untitled.yaml" }).click();
  const rename = page.getByLabel("New file name");
  await rename.fill("mine.yaml");
  await rename.press("Enter");
  check((await tabs.locator("[aria-current=true]").innerText()) === "mine.yaml", "Rename renames the open file");

  // Diagnostics: underlined, listed, and explained on hover.
  await setEditorText(page, BROKEN);
  const mark = page.locator(".code__layer .diag--error").first();
  await mark.waitFor({ timeout: 5_000 });
  const problem = page.getByTestId("problems").locator(".problem").first();
  const message = await problem.locator(".problem__text").innerText();
  check(message.length > 0, "the problems list names the error");
  check((await page.locator(".code__number--bad").count()) > 0, "the gutter flags the line");
  const box = await mark.boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  const tip = page.getByRole("tooltip");
  await tip.waitFor({ timeout: 3_000 });
  check((await tip.innerText()).includes(message), `hovering the underline shows "${message}"`);
  await page.screenshot({ path: join(outDir, "diagnostics.png") });

  // Field help on hover.
  const replicas = page.locator(".code__layer .hl-key", { hasText: /^replicas$/ });
  const keyBox = await replicas.boundingBox();
  await page.mouse.move(keyBox.x + 4, keyBox.y + keyBox.height / 2);
  await page.waitForFunction(() => document.querySelector("[role=tooltip]")?.textContent.includes("spec.replicas"));
  // The hover shows the API's own documentation of the field (StatefulSetSpec.Replicas in
  // k8s.io/api apps/v1 types.go), the text `kubectl explain sts.spec.replicas` prints.
  check((await tip.innerText()).includes("replicas is the desired number of replicas of the given Template"), "hovering a key explains the field");

  // Completion of a key, then of its value.
  await setEditorText(page, "apiVersion: apps/v1\nkind: StatefulSet\nspec:\n  ");
  await editor.click();
  await editor.press("Control+End");
  await page.keyboard.type("podMan");
  const list = page.getByRole("listbox", { name: "Suggestions" });
  await list.waitFor({ timeout: 3_000 });
  check((await list.innerText()).includes("podManagementPolicy"), "typing a key suggests it");
  await page.keyboard.press("Enter");
  await page.keyboard.type("Par");
  await list.getByText("Parallel").waitFor({ timeout: 3_000 });
  await page.keyboard.press("Enter");
  check((await editor.inputValue()).endsWith("  podManagementPolicy: Parallel"), `completion inserted the key and value: ${JSON.stringify(await editor.inputValue())}`);
  await page.screenshot({ path: join(outDir, "completion.png") });

  // Tab indents; Escape then Tab moves on (no keyboard trap).
  await page.keyboard.press("Enter");
  await page.keyboard.press("Tab");
  check((await editor.inputValue()).endsWith("\n  "), "Tab inserts two spaces");
  check(await editor.evaluate((e) => document.activeElement === e), "Tab keeps the focus in the editor");
  await page.keyboard.press("Escape");
  await page.keyboard.press("Tab");
  check(!(await editor.evaluate((e) => document.activeElement === e)), "Escape then Tab leaves the editor");

  // Ctrl+Enter applies the open file.
  await editor.focus();
  await page.keyboard.press("Control+Enter");
  await waitForOutput(page, "$ kubectl apply -f mine.yaml");

  // The Examples menu adds an example's files and opens the first.
  await page.getByTestId("examples").click();
  await page.getByRole("button", { name: /MongoDB/ }).click();
  check((await tabs.locator("[aria-current=true]").innerText()) === "mongodb-statefulset.yaml", "an example opens in its own tab");
  check((await editor.inputValue()).includes("image: mongo:latest"), "the example's manifest is in the editor");
  await page.getByTestId("examples").click();
  await page.getByRole("button", { name: /Hand-made volumes/ }).click();
  check((await tabs.locator("[aria-current=true]").innerText()) === "pv-demo/statefulset.yaml", "a multi-file example opens its first file");
  check((await tabs.locator(".tab").count()) === 7, `the workspace holds every file (${await tabs.locator(".tab").count()})`);

  // Delete asks first.
  await page.getByRole("button", { name: "Delete pv-demo/statefulset.yaml" }).click();
  await page.getByRole("alert").getByRole("button", { name: "Delete" }).click();
  check((await tabs.locator(".tab", { hasText: "pv-demo/statefulset.yaml" }).count()) === 0, "Delete removes the file");

  // Open… reads a file from the learner's disk into a new tab.
  await page.locator("input[type=file]").setInputFiles({
    name: "from-disk.yaml",
    mimeType: "text/yaml",
    buffer: Buffer.from("apiVersion: v1\nkind: Service\nmetadata:\n  name: from-disk\n"),
  });
  await page.waitForFunction(() => document.querySelector(".tab[aria-current=true]")?.textContent === "from-disk.yaml");
  check((await editor.inputValue()).includes("name: from-disk"), "Open… shows the file's text");

  // Reset starts over: a fresh cluster and the starter manifest only.
  await page.getByTestId("reset").click();
  await page.getByTestId("reset-confirm").click();
  check((await tabs.locator(".tab").count()) === 1, "Reset leaves only the starter file");
  check((await tabs.locator("[aria-current=true]").innerText()) === "web.yaml", "Reset opens web.yaml");
  check(!(await page.getByTestId("terminal-output").innerText()).includes("kubectl apply -f mine.yaml"), "Reset clears the terminal");
  await page.context().close();
}
