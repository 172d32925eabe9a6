import { expect, test } from "@playwright/test";
import { signUp } from "./helpers";

// `npm start` (the e2e server) spawns a training worker; this journey trains on it from the lab.
test.describe("server training from the lab", () => {
  test("a server run fills its curve live and sits beside a browser run of the same experiment", async ({ page }) => {
    test.setTimeout(240_000);
    // A fresh learner: the runs table below holds exactly this journey's runs.
    await signUp(page, { name: "Trainer", prefix: "trainer" });
    await page.goto("/lab?preset=transfer-digits");
    await expect(page.getByTestId("backend")).toContainText(/Running on (webgl|wasm|cpu)/, { timeout: 60_000 });
    await page.getByRole("radio", { name: "From scratch" }).first().check();
    await page.getByRole("group", { name: "Examples per class" }).getByRole("radio", { name: "all", exact: true }).check();
    await page.getByLabel("Epochs").fill("20");

    await page.getByRole("button", { name: "Run on server" }).click();
    const serverRow = page.locator('tr[data-where="server"]').first();
    await expect(serverRow).toBeVisible();
    await expect(serverRow.getByTestId("where")).toHaveText("Server");

    // Watch the row while it trains: epochs arrive one by one, before the run ends.
    const seen = new Set<number>();
    await expect
      .poll(
        async () => {
          const epoch = /epoch (\d+)\/20/.exec(await serverRow.innerText())?.[1];
          if (epoch) seen.add(Number(epoch));
          return serverRow.getAttribute("data-status");
        },
        { message: "the server run ends", timeout: 180_000, intervals: [100] },
      )
      .toMatch(/^(done|failed)$/);
    expect(await serverRow.getAttribute("data-status"), await serverRow.innerText()).toBe("done");
    expect([...seen].filter((epoch) => epoch < 20).length).toBeGreaterThanOrEqual(2);
    await expect(page.getByRole("list", { name: "Accuracy per epoch: legend" })).toContainText("from scratch, all/class");
    await expect(serverRow.getByTestId("test-accuracy")).toHaveText(/^\d+\.\d%$/);
    await expect(serverRow.getByTestId("run-backend")).toContainText(/tensorflow|wasm|cpu/);

    // The same experiment in the browser, then both side by side.
    await page.getByRole("button", { name: "Train from scratch" }).click();
    const browserRow = page.locator('tr[data-where="browser"][data-strategy="from-scratch"]').first();
    await expect(browserRow).toHaveAttribute("data-status", "done", { timeout: 120_000 });
    await expect(browserRow.getByTestId("where")).toHaveText("Browser");
    await expect(page.locator("tr[data-where]")).toHaveCount(2);

    // The server's model, loaded into this browser and evaluated on the same test set, agrees.
    await serverRow.getByRole("button", { name: "Evaluate in this browser" }).click();
    await expect(serverRow.getByTestId("browser-check")).toContainText("agrees", { timeout: 30_000 });

    // After a reload the server run is listed again from the learner's history.
    await page.reload();
    await expect(page.locator('tr[data-where="server"]').first()).toHaveAttribute("data-status", "done");
  });
});
