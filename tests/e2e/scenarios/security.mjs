// Learner text is shown as text: markup in a YAML comment, an annotation, a label, an object name
// and a file's content never becomes an element (any dialog fails the run, see run.mjs).

import { join } from "node:path";
import { command, setEditorText, setSpeed, waitForOutput, waitForReady } from "../lib.mjs";

const X = "<img src=x onerror=alert(1)>";

const MANIFEST = `# ${X}
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
  annotations:
    note: "${X}"
spec:
  replicas: 1
  serviceName: web
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
      annotations:
        note: "${X}"
    spec:
      containers:
      - name: web
        image: registry.k8s.io/nginx-slim:0.24
        volumeMounts:
        - name: data
          mountPath: /data
  volumeClaimTemplates:
  - metadata:
      name: data
    spec:
      accessModes: ["ReadWriteOnce"]
      resources:
        requests:
          storage: 1Gi
---
apiVersion: v1
kind: Service
metadata:
  name: "${X}"
spec:
  selector:
    app: web
  ports:
  - port: 80
---
apiVersion: v1
kind: Service
metadata:
  name: labelled
  labels:
    app: "${X}"
spec:
  ports:
  - port: 80
`;

export async function security({ newPage, open, check, outDir }) {
  const page = await newPage({ record: false });
  await open(page);
  await setSpeed(page, "10×");
  await setEditorText(page, MANIFEST);
  await page.getByTestId("apply").click();
  await waitForOutput(page, "statefulset.apps/web created");
  await waitForReady(page, 1);
  await command(page, `kubectl exec web-0 -- sh -c "echo '${X}' > /data/x.html"`);
  await page.locator("[data-testid=pod][data-name=web-0]").click();
  const inspector = page.getByTestId("inspector");
  await inspector.getByTestId("files").getByText(X).waitFor({ timeout: 5_000 });

  const shown = async (where, locator) => check((await locator.innerText()).includes(X), `${where} shows the markup as text`);
  await shown("the editor", page.locator(".code__layer"));
  await shown("the inspector (annotation and file)", inspector);
  await shown("the terminal (rejected name and label)", page.getByTestId("terminal-output"));
  check((await page.locator("img").count()) === 0, "no <img> element was created from learner text");
  // Give any injected handler a chance to run before the run's dialog tripwire is read.
  await page.waitForTimeout(500);
  await page.screenshot({ path: join(outDir, "security.png") });
  await page.context().close();
}
