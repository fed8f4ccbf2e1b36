// Lessons worked as a learner works them. Day 34 from the catalogue to "Lesson complete" by
// typing in the terminal (a wrong first try with its failing check and hint, a hint asked for,
// a prediction answered), with a screenshot of every step; db-cluster wholly by editing its
// manifest and pressing Apply; ordered-identity with "Reset this step" bringing a pod count back; reloads that keep the
// progress; axe with the panel and the catalogue open; a #lesson=ID&step=N link; and the panel
// and catalogue at 1280 and 390 px in both themes.

import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { command, setEditorText, setSpeed, waitForReady } from "../lib.mjs";

const require = createRequire(import.meta.url);

/** Runs axe and fails the run on serious or critical violations. */
async function axe(page, what, check) {
  await page.evaluate(readFileSync(require.resolve("axe-core/axe.min.js"), "utf8"));
  const { violations } = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
  for (const violation of violations) {
    const targets = violation.nodes.map((node) => node.target.join(" ")).slice(0, 3).join("; ");
    const line = `axe (${what}) ${violation.impact}: ${violation.id}: ${violation.help} [${targets}]`;
    if (violation.impact === "serious" || violation.impact === "critical") check(false, line);
    else console.log(`  note: ${line}`);
  }
}

const panel = (page) => page.getByTestId("lesson");
const message = (page) => page.getByTestId("lesson-check-message").innerText();
const stepStates = (page) =>
  page.$$eval("[data-testid=lesson-step]", (els) => els.map((e) => `${e.dataset.step}:${e.dataset.state}`).join(" "));

/** Waits until the current step's check says Passed. */
async function waitPassed(page, timeout = 60_000) {
  try {
    await page.waitForFunction(() => document.querySelector("[data-testid=lesson-check-message]")?.innerText === "Passed", null, {
      timeout,
    });
  } catch (error) {
    const said = await message(page).catch(() => "(no check message)");
    const screen = (await page.getByTestId("terminal-output").innerText()).split("\n").slice(-12).join("\n");
    throw new Error(`the check did not pass: "${said}"; the terminal ends with:\n${screen}\n${error.message}`);
  }
}

/** Answers the step's question, if it asks one: the choice `id`, else the first (lesson files
 * may gain or change questions; the clock holds until one is answered). */
async function answer(page, id) {
  await page.waitForTimeout(300); // Let the page draw the step that Next opened.
  if ((await page.getByTestId("predict-choice").count()) === 0) return;
  const choice = page.locator(`[data-testid=predict-choice][data-choice="${id}"]`);
  await ((await choice.count()) ? choice : page.getByTestId("predict-choice").first()).click();
  await page.getByTestId("lesson-text").waitFor();
}

/** Opens the catalogue from the top bar. */
async function openCatalogue(page) {
  await page.getByTestId("lessons-button").click();
  await page.getByTestId("lessons").waitFor();
}

/** Presses Escape in the catalogue and waits (a little) for it to go. */
async function closeCatalogue(page) {
  await page.keyboard.press("Escape");
  await page.getByTestId("lessons").waitFor({ state: "detached", timeout: 3_000 }).catch(() => {});
}

/** The catalogue's status of lesson `id`. */
const status = (page, id) => page.locator(`[data-testid=lesson-entry][data-id="${id}"]`).getAttribute("data-status");

/** Reloads the page and waits for the app. */
async function reload(page) {
  await page.reload({ waitUntil: "load" });
  await page.waitForSelector('html[data-app="ready"]', { timeout: 30_000 });
}

/** Day 34 from the catalogue to the end, typed in the terminal. */
async function day34(page, { check, outDir }) {
  await openCatalogue(page);
  check((await status(page, "day34")) === "new", "day34 is new in a fresh browser");
  await page.locator("[data-testid=lesson-entry][data-id=day34]").click();
  await panel(page).waitFor();
  check((await page.getByTestId("lessons").count()) === 0, "picking a lesson closes the catalogue");
  check((await panel(page).getAttribute("data-id")) === "day34", "the panel shows day34");
  check((await page.getByTestId("lesson-progress").innerText()) === "Step 1 of 5", "the panel counts the steps");
  await setSpeed(page, "10×");
  await page.screenshot({ path: join(outDir, "lesson-day34-step1.png") });

  // A wrong first try: the StatefulSet without its Service. The check says what is missing.
  await command(page, "kubectl apply -f statefulset.yaml");
  await page.waitForFunction(() => document.querySelector("[data-testid=lesson-step][data-step='0']")?.dataset.state === "failed");
  const failing = await message(page);
  check(failing.length > 0 && failing !== "Passed", `a failing check says why (${JSON.stringify(failing)})`);
  check((await page.getByTestId("lesson-hint").count()) >= 1, "a hint shows after the wrong try");
  check((await page.getByTestId("lesson-next").isDisabled()), "Next step waits for the check");
  await page.screenshot({ path: join(outDir, "lesson-day34-step1-failing.png") });
  await command(page, "kubectl apply -f headless-service.yaml");
  await waitPassed(page);
  check((await stepStates(page)).startsWith("0:passed"), "step 1 passed");
  await page.getByTestId("lesson-next").click();

  // Scale: the question comes first, instead of the text; then a hint asked for.
  await page.getByTestId("predict-choice").first().waitFor();
  check((await page.getByTestId("predict-choice").count()) === 3, "three choices");
  check((await page.getByTestId("lesson-text").count()) === 0, "the step's text waits for the answer");
  check((await page.getByTestId("lesson-hint-button").count()) === 0, "no hint before the answer");
  await page.locator("[data-testid=predict-choice][data-choice=ordered]").click();
  await panel(page).getByText("Scale out to five replicas").waitFor();
  await page.getByTestId("lesson-hint-button").click();
  check((await page.getByTestId("lesson-hint").count()) === 1, "Hint shows one hint");
  check((await page.getByTestId("lesson-hint").innerText()).includes("kubectl scale"), "the hint names the command");
  await command(page, "kubectl scale statefulset stateful-app --replicas=5");
  await waitPassed(page);
  const outcome = await page.getByTestId("lesson-outcome").innerText();
  check(outcome.includes("You guessed") && outcome.includes("What happened"), `the outcome compares guess and fact (${outcome})`);
  await page.screenshot({ path: join(outDir, "lesson-day34-step2.png") });
  await page.getByTestId("lesson-next").click();

  // Write a file from a shell inside stateful-app-0.
  await answer(page, "none");
  await command(page, "kubectl exec -it stateful-app-0 -- /bin/sh");
  await page.waitForFunction(() => document.querySelector(".terminal__prompt .terminal__sigil")?.innerText.trim() !== "$");
  await command(page, 'echo "Hello from stateful-app-0" > /usr/share/nginx/html/index.html');
  await command(page, "exit");
  await waitPassed(page);
  await page.screenshot({ path: join(outDir, "lesson-day34-step3.png") });
  await page.getByTestId("lesson-next").click();

  // Delete the pod; the prediction first.
  await answer(page, "kept");
  await command(page, "kubectl delete pod stateful-app-0");
  await waitPassed(page);
  await page.screenshot({ path: join(outDir, "lesson-day34-step4.png") });
  await page.getByTestId("lesson-next").click();

  // The rolling update.
  await answer(page, "four");
  await command(page, "kubectl set image statefulset/stateful-app nginx=nginx:1.21");
  await command(page, "kubectl rollout status statefulset stateful-app");
  await waitPassed(page, 120_000);
  await page.getByTestId("lesson-complete").waitFor();
  check((await stepStates(page)) === "0:passed 1:passed 2:passed 3:passed 4:passed", `every step passed (${await stepStates(page)})`);
  await page.screenshot({ path: join(outDir, "lesson-day34-step5.png") });

  // Back to the catalogue: done. A reload keeps it done, and the lesson comes back as it was.
  await page.getByTestId("lesson-catalogue").click();
  await page.getByTestId("lessons").waitFor();
  check((await status(page, "day34")) === "done", "the catalogue shows day34 done");
  await closeCatalogue(page);
  check((await page.getByTestId("lessons").count()) === 0, "Escape closes the catalogue");
  const focused = await page.evaluate(() => document.activeElement?.dataset?.testid);
  check(focused === "lessons-button", `the focus goes back to the Lessons button (${focused})`);
  await reload(page);
  await panel(page).waitFor();
  check((await panel(page).getAttribute("data-step")) === "4", "after a reload the lesson is back at its last step");
  await openCatalogue(page);
  check((await status(page, "day34")) === "done", "after a reload the catalogue still shows day34 done");
  await closeCatalogue(page);
}

/** Edits the open file in the editor (`edit` maps its text) and presses Apply. */
async function editAndApply(page, edit) {
  const editor = page.getByTestId("yaml-editor");
  const before = await editor.inputValue();
  const after = edit(before);
  if (after === before) throw new Error(`the edit changed nothing in:\n${before}`);
  await setEditorText(page, after);
  await page.getByTestId("apply").click();
}

/** db-cluster from start to finish in the editor: every step is an edit of db-cluster.yaml and
 * a press of Apply. */
async function dbCluster(page, { check, outDir }) {
  await openCatalogue(page);
  await page.locator("[data-testid=lesson-entry][data-id=db-cluster]").click();
  await panel(page).waitFor();
  await setSpeed(page, "10×");
  await answer(page, "with-pod");
  await editAndApply(page, (text) =>
    text.replace(
      /^( +)image: my-database-image:latest$/m,
      (_, indent) =>
        `${indent}image: mysql:8.4\n${indent}env:\n${indent}  - name: MYSQL_RANDOM_ROOT_PASSWORD\n${indent}    value: "yes"`,
    ),
  );
  await waitPassed(page, 90_000);
  await page.getByTestId("lesson-next").click();
  const steps = [
    ["", 3, 5],
    ["five", 5, 2],
    ["old", 2, 3],
  ];
  for (const [choice, from, to] of steps) {
    await answer(page, choice);
    await editAndApply(page, (text) => text.replace(`replicas: ${from}`, `replicas: ${to}`));
    await waitPassed(page, 90_000);
    if (to !== 3) await page.getByTestId("lesson-next").click();
  }
  await page.getByTestId("lesson-complete").waitFor();
  check((await stepStates(page)) === "0:passed 1:passed 2:passed 3:passed", `db-cluster passed by editing (${await stepStates(page)})`);
  await page.screenshot({ path: join(outDir, "lesson-db-cluster-done.png") });
}

/** ordered-identity by the editor and Apply; Reset this step brings the pod count back. */
async function orderedIdentity(page, { check, outDir }) {
  await openCatalogue(page);
  await page.locator("[data-testid=lesson-entry][data-id=ordered-identity]").click();
  await panel(page).waitFor();
  await setSpeed(page, "10×");
  await answer(page, "ready");
  await page.getByTestId("apply").click();
  await waitPassed(page);
  await page.getByTestId("lesson-next").click();

  // A reload in the middle: the lesson comes back at step 2, and the catalogue says in progress.
  await page.waitForTimeout(2_500); // The autosave runs every two seconds.
  await reload(page);
  await panel(page).waitFor();
  check((await panel(page).getAttribute("data-step")) === "1", `after a reload the lesson is back at step 2 (${await panel(page).getAttribute("data-step")})`);
  check((await stepStates(page)).startsWith("0:passed 1:pending"), `after a reload step 1 is still passed (${await stepStates(page)})`);
  await waitForReady(page, 2);
  await openCatalogue(page);
  check((await status(page, "ordered-identity")) === "in progress", "the catalogue shows ordered-identity in progress");
  await closeCatalogue(page);
  await setSpeed(page, "10×");

  // Too many replicas; Reset this step brings back the 2 pods.
  await command(page, "kubectl scale statefulset web --replicas=5");
  await waitForReady(page, 5);
  await page.getByTestId("lesson-reset-step").click();
  await waitForReady(page, 2);
  check((await page.locator("[data-testid=pod]").count()) === 2, "Reset this step brings back the 2 pods");

  // The editor: replicas 2 → 3, then Apply.
  const yaml = await page.getByTestId("yaml-editor").inputValue();
  check(yaml.includes("replicas: 2"), "web.yaml asks for 2 replicas");
  await setEditorText(page, yaml.replace("replicas: 2", "replicas: 3"));
  await page.getByTestId("apply").click();
  await waitPassed(page);
  await page.getByTestId("lesson-next").click();

  // Last step: delete web-0 (a pod is deleted at the terminal; no manifest does it).
  await answer(page, "same");
  await command(page, "kubectl delete pod web-0");
  await waitPassed(page);
  await page.getByTestId("lesson-complete").waitFor();
  await page.screenshot({ path: join(outDir, "lesson-ordered-identity-done.png") });

  // axe with the panel open, in both themes, then with the catalogue open.
  for (const scheme of ["light", "dark"]) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.waitForTimeout(400);
    await axe(page, `lesson panel, ${scheme}`, check);
    await openCatalogue(page);
    await axe(page, `catalogue, ${scheme}`, check);
    await closeCatalogue(page);
  }
  await page.emulateMedia({ colorScheme: "light" });

  // Leave lesson: the sandbox, with the cluster as it is; a reload stays in the sandbox.
  await page.getByTestId("lesson-leave").click();
  await panel(page).waitFor({ state: "detached", timeout: 3_000 }).catch(() => {});
  check((await panel(page).count()) === 0, "Leave lesson closes the panel");
  await reload(page);
  check((await panel(page).count()) === 0, "after leaving, a reload opens the sandbox");
}

/** A link to step 2 of day34, the panel with a hint and a prediction at 1280 and 390 px. */
async function looks(page, { url, check, outDir, open }) {
  await open(page, `${url}#lesson=day34&step=2`);
  await panel(page).waitFor();
  check((await panel(page).getAttribute("data-step")) === "1", "#lesson=day34&step=2 opens step 2");
  check((await stepStates(page)).startsWith("0:passed"), "the link did step 1 on the way");
  await setSpeed(page, "10×");
  await page.locator("[data-testid=predict-choice][data-choice=together]").click();
  await page.getByTestId("lesson-hint-button").click();
  await command(page, "kubectl scale statefulset stateful-app --replicas=5");
  await waitPassed(page);
  for (const [width, height] of [
    [1280, 800],
    [390, 844],
  ]) {
    await page.setViewportSize({ width, height });
    for (const scheme of ["light", "dark"]) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.waitForTimeout(400);
      // The outcome of the prediction and the hint in view, inside the panel.
      await page.getByTestId("lesson-outcome").evaluate((e) => e.scrollIntoView({ block: "start" }));
      await panel(page).scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(outDir, `lesson-${width}-${scheme}.png`), fullPage: width < 900 });
      await panel(page).screenshot({ path: join(outDir, `lesson-panel-${width}-${scheme}.png`) });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      check(overflow <= 0, `no horizontal scrolling with the lesson at ${width} px (${overflow} px too wide)`);
      await openCatalogue(page);
      await page.screenshot({ path: join(outDir, `catalogue-${width}-${scheme}.png`) });
      await closeCatalogue(page);
    }
  }
  // On a phone the panel folds away and opens again.
  await page.getByRole("button", { name: "Hide" }).click();
  await page.getByTestId("lesson-check-message").waitFor({ state: "hidden", timeout: 3_000 }).catch(() => {});
  check(!(await page.getByTestId("lesson-check-message").isVisible()), "Hide folds the lesson panel");
  await page.getByRole("button", { name: "Show" }).click();
  await page.getByTestId("lesson-check-message").waitFor({ timeout: 3_000 }).catch(() => {});
  check(await page.getByTestId("lesson-check-message").isVisible(), "Show opens it again");
}

export async function lessons(ctx) {
  const { newPage, open } = ctx;
  const first = await newPage({ record: false });
  await open(first);
  await day34(first, ctx);
  await first.context().close();

  const second = await newPage({ record: false });
  await open(second);
  await dbCluster(second, ctx);
  await second.context().close();

  const fourth = await newPage({ record: false });
  await open(fourth);
  await orderedIdentity(fourth, ctx);
  await fourth.context().close();

  const third = await newPage({ record: false, viewport: { width: 1280, height: 800 } });
  await looks(third, ctx);
  await third.context().close();
}
