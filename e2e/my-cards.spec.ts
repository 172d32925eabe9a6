import { expect, test, type Page } from "@playwright/test";
import { signUp } from "./helpers";

// A learner's own flashcards end to end: a deck, a basic and a cloze card, finding one in the
// browser, editing it, then Learn mode (multiple choice, then typed) scheduling them.

test.describe.configure({ timeout: 120_000 });

const answerFor = (prompt: string) => (prompt.includes("France") ? "Paris" : "Canberra");

async function answerChoice(page: Page, previous?: string) {
  await expect(page.getByRole("heading", { name: "Choose the answer" })).toBeVisible();
  // The next question has replaced the last one (same heading): its prompt and its options.
  if (previous !== undefined) await expect(page.getByTestId("learn-prompt")).not.toHaveText(previous);
  await expect(page.getByTestId("learn-result")).toHaveCount(0);
  const prompt = await page.getByTestId("learn-prompt").innerText();
  const options = page.getByRole("list", { name: "Options" }).getByRole("button");
  const texts = await options.allInnerTexts();
  const index = texts.findIndex((text) => text.includes(answerFor(prompt)));
  expect(index).toBeGreaterThanOrEqual(0);
  // The answer key is not in the page before answering: no option is marked right.
  await expect(page.getByText("(right answer)")).toHaveCount(0);
  await page.keyboard.press(String(index + 1));
  await expect(page.getByTestId("learn-result")).toContainText("Right!");
  await expect(page.getByTestId("learn-scheduled")).toContainText("Recorded as Good");
  return prompt;
}

test("write a deck of own cards, find and edit one, learn it with choices and typing, see it scheduled", async ({ page }) => {
  await signUp(page, { name: "Card Writer", prefix: "mycards" });

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "My cards" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "My cards" })).toBeVisible();
  await expect(page.getByText("You have no decks of your own yet.")).toBeVisible();
  await page.getByLabel("New deck name").fill("Capitals");
  await page.getByRole("button", { name: "Create deck" }).click();
  await expect(page.getByText("Deck “Capitals” created.")).toBeVisible();

  await page.getByRole("link", { name: "Add a note to Capitals" }).click();
  const form = page.getByRole("form", { name: "Add a note" });
  await expect(form.getByRole("combobox", { name: "Deck", exact: true })).toHaveValue(/.+/);
  await form.getByRole("textbox", { name: "Front", exact: true }).fill("Capital of **France**?");
  await form.getByRole("textbox", { name: "Back", exact: true }).fill("Paris");
  // The preview renders the Markdown (bold), never the asterisks.
  await expect(page.getByRole("listitem", { name: "Card", exact: true }).locator("strong")).toHaveText("France");
  await form.getByRole("button", { name: "Add note" }).click();
  await expect(page.getByText("Card added to your deck.")).toBeVisible();

  await form.getByRole("radio", { name: "Cloze (fill in the blanks)" }).check();
  await form.getByRole("textbox", { name: "Text", exact: true }).fill("{{c1::Canberra}} is the capital of Australia.");
  await expect(page.getByRole("listitem", { name: "Cloze 1", exact: true })).toContainText("[…] is the capital of Australia.");
  await form.getByRole("button", { name: "Add note" }).click();
  await expect(page.getByText("Card added to your deck.")).toBeVisible();
  await form.getByRole("button", { name: "Done" }).click();

  // Find the cloze card by a word on its back, and edit it.
  await expect(page).toHaveURL(/\/cards$/);
  await page.getByLabel("Search front and back").fill("canberra");
  await expect(page.getByRole("status").filter({ hasText: /^1 card$/ })).toBeVisible();
  await page.getByRole("link", { name: /^Edit / }).click();
  const edit = page.getByRole("form", { name: "Edit note" });
  await expect(edit.getByRole("textbox", { name: "Text", exact: true })).toHaveValue("{{c1::Canberra}} is the capital of Australia.");
  await edit.getByRole("textbox", { name: "Text", exact: true }).fill("{{c1::Canberra}} is the capital of Australia (since 1913).");
  await edit.getByRole("button", { name: "Save changes" }).click();
  await expect(page).toHaveURL(/\/cards$/);
  await page.getByLabel("Search front and back").fill("1913");
  await expect(page.getByRole("rowheader")).toHaveText(["[…] is the capital of Australia (since 1913)."]);

  // Learn: both new cards as multiple choice, then the first one again, typed.
  await page.getByLabel("Search front and back").fill("");
  await page.getByRole("link", { name: "Learn Capitals" }).click();
  await expect(page.getByLabel("Cards left")).toHaveText("0 due · 2 new");
  const firstPrompt = await answerChoice(page);
  await page.keyboard.press("Enter");
  const secondPrompt = await answerChoice(page, firstPrompt);
  expect([firstPrompt, secondPrompt].map(answerFor).sort()).toEqual(["Canberra", "Paris"]);
  await page.keyboard.press("Enter");

  await expect(page.getByRole("heading", { name: "Type the answer" })).toBeVisible();
  await expect(page.getByTestId("learn-prompt")).toHaveText(firstPrompt);
  const answer = page.getByLabel("Your answer");
  await expect(answer).toBeFocused();
  await answer.fill(` ${answerFor(firstPrompt).toLowerCase()} `);
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("learn-result")).toContainText("Right (spelling aside).");
  await expect(page.getByLabel("Difference between your answer and the answer")).toBeVisible();
  await expect(page.getByTestId("learn-scheduled")).toContainText(/Recorded as Good; the card comes back in \d+ days?/);

  // The card has graduated to days, in the browser too.
  await page.goto("/cards");
  await page.getByLabel("State", { exact: true }).selectOption("REVIEW");
  await expect(page.getByRole("rowheader")).toHaveCount(1);
  await expect(page.getByRole("row").filter({ has: page.getByRole("rowheader") })).toContainText("Review");

  // The mobile menu has the entry too.
  await page.setViewportSize({ width: 390, height: 800 });
  await page.getByRole("button", { name: "Menu" }).click();
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "My cards" })).toBeVisible();
});
