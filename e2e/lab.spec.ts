import { expect, test } from "@playwright/test";
import { LAB_PRESETS } from "../lib/ml/presets";
import { demo, signIn } from "./helpers";

test.describe("ML lab", () => {
  test("feature extraction with 10 examples per class, then from scratch, compared side by side", async ({ page }) => {
    test.setTimeout(180_000);
    await signIn(page, demo.learner);
    await page.goto("/lab?preset=transfer-feature-extraction");
    await expect(page.getByRole("heading", { level: 1, name: "ML lab" })).toBeVisible();
    await expect(page.getByTestId("backend")).toContainText(/Running on (webgl|wasm|cpu)/, { timeout: 60_000 });
    const examples = page.getByRole("group", { name: "Examples per class" });
    await expect(examples.getByRole("radio", { name: "10", exact: true })).toBeChecked();
    await expect(page.getByRole("radio", { name: "Feature extraction" }).first()).toBeChecked();
    // The diagram shows the frozen base.
    await expect(page.getByRole("list", { name: "Layers, input to output" })).toContainText("frozen");

    const started = Date.now();
    await page.getByRole("button", { name: "Train feature extraction" }).click();
    const featureRow = page.locator('tr[data-strategy="feature-extraction"]').first();
    await expect(featureRow).toHaveAttribute("data-status", "done", { timeout: 15_000 });
    const featureSeconds = (Date.now() - started) / 1000;
    test.info().annotations.push({ type: "feature extraction, click to done", description: `${featureSeconds.toFixed(1)} s` });

    await expect(page.getByRole("img", { name: /Accuracy per epoch/ })).toBeVisible();
    await expect(page.getByRole("img", { name: /Loss per epoch/ })).toBeVisible();
    await expect(page.getByTestId("latest-result")).toContainText(/Test accuracy \d+\.\d%/);
    await expect(page.getByRole("table", { name: "Confusion matrix on the test set" })).toBeVisible();
    await expect(featureRow.getByTestId("test-accuracy")).toHaveText(/^\d+\.\d%$/);
    await expect(featureRow).toContainText("saved", { timeout: 10_000 });

    await page.getByRole("radio", { name: "From scratch" }).first().check();
    await expect(page.getByRole("list", { name: "Layers, input to output" })).not.toContainText("frozen");
    await page.getByRole("button", { name: "Train from scratch" }).click();
    const scratchRow = page.locator('tr[data-strategy="from-scratch"]').first();
    await expect(scratchRow).toHaveAttribute("data-status", "done", { timeout: 120_000 });
    await expect(scratchRow.getByTestId("test-accuracy")).toHaveText(/^\d+\.\d%$/);

    // Both runs in the table and overlaid on the charts.
    await expect(featureRow.getByRole("checkbox")).toBeChecked();
    await expect(scratchRow.getByRole("checkbox")).toBeChecked();
    const legend = page.getByRole("list", { name: "Accuracy per epoch: legend" });
    await expect(legend.getByRole("listitem")).toHaveCount(3);
    await expect(legend).toContainText("feature extraction");
    await expect(legend).toContainText("from scratch");
    const description = await page.getByRole("img", { name: /Accuracy per epoch/ }).getAttribute("aria-labelledby");
    expect(description).toBeTruthy();

    // Trainable parameters differ: the head only versus the whole network.
    await expect(featureRow).toContainText("4,005 / 8,805");
    await expect(scratchRow).toContainText("8,805 / 8,805");

    // The runs are the learner's lab history: they are listed again after a reload.
    await expect(scratchRow).toContainText("saved", { timeout: 10_000 });
    await page.reload();
    await expect(page.locator('tr[data-strategy="from-scratch"]').first()).toContainText("(saved)");
    await expect(page.locator('tr[data-strategy="feature-extraction"]').first()).toContainText("(saved)");
  });

  test("every preset a lesson can embed opens the lab preselected", async ({ page }) => {
    await signIn(page, demo.learner);
    for (const preset of LAB_PRESETS) {
      await page.goto(`/lab?preset=${preset.id}`);
      await expect(page.getByRole("combobox", { name: "Preset" })).toHaveValue(preset.id);
    }
    await page.goto("/lab?preset=no-such-preset");
    await expect(page.getByText("There is no lab preset called “no-such-preset”")).toBeVisible();
  });

  test("the lab asks anonymous visitors to sign in", async ({ page }) => {
    await page.goto("/lab?preset=transfer-digits");
    await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Flab%3Fpreset%3Dtransfer-digits/);
  });
});
