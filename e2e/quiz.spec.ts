import { expect, test, type Browser, type Page } from "@playwright/test";
import { uniqueEmail } from "./helpers";

// The quiz journeys on the shipped SQL Basics lesson, whose quiz has seven questions in this order:
// numeric (3 rows), single choice (IS NULL), multiple select, true/false (false), ordering, cloze
// (four blanks) and short text (DISTINCT). Each journey signs up its own learners.

const QUIZ = "/courses/sql-basics/lessons/select-where-order-by-limit/quiz";
// Parts of explanations, which must not reach the browser before their question is final.
const CORRECT = /^Correct( · \d+ points)?$/;
const EXPLANATIONS = ["Order 4 is cancelled", "is the operator for", "Row order without"];

async function signUp(page: Page, name: string) {
  await page.goto("/sign-up");
  await page.getByLabel("Display name").fill(name);
  await page.getByLabel("Email").fill(uniqueEmail("quiz"));
  await page.getByLabel("Password").fill("a-long-password");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/dashboard/, { timeout: 30_000 });
}

/** Every response body the page receives (documents, RSC payloads, tRPC), for leak checks. */
function recordPayloads(page: Page) {
  const bodies: string[] = [];
  page.on("response", async (response) => {
    try {
      bodies.push(await response.text());
    } catch {
      // redirects and aborted requests have no body
    }
  });
  return bodies;
}

// Sign-up hashes a password (argon2id): on a busy two-core machine a journey needs more than 30 s.
test.describe.configure({ timeout: 90_000 });

test("practice: one question at a time with feedback and the explanation after each", async ({ page }) => {
  await signUp(page, "Practice Learner");
  await page.goto(QUIZ);
  await page.getByRole("button", { name: "Start practice" }).click();
  await expect(page.getByText("Question 1 of 7")).toBeVisible();
  await expect(page).toHaveURL(/\?attempt=/);

  await page.getByLabel("Your answer (in rows)").fill("3");
  await page.getByRole("button", { name: "Check answer" }).click();
  await expect(page.getByText("Correct", { exact: true })).toBeVisible();
  await expect(page.getByText("Order 4 is cancelled", { exact: false })).toBeVisible();

  await page.getByRole("button", { name: "Next question" }).click();
  await expect(page.getByText("Question 2 of 7")).toBeVisible();
  await page.getByRole("radio", { name: "WHERE coupon_code = NULL" }).check();
  await page.getByRole("button", { name: "Check answer" }).click();
  await expect(page.getByText("Not correct")).toBeVisible();
  await expect(page.getByText("Answer: WHERE coupon_code IS NULL")).toBeVisible();
  await expect(page.getByRole("radio", { name: "WHERE coupon_code IS NULL" })).toBeDisabled();
});

test("graded: answer half, reload, every answer is back; finish and see the score", async ({ page }) => {
  await signUp(page, "Graded Learner");
  const bodies = recordPayloads(page);
  await page.goto(QUIZ);
  await page.getByRole("button", { name: "Start graded quiz" }).click();
  await expect(page.getByRole("heading", { name: /Graded quiz/ })).toBeVisible();

  await page.getByLabel("Your answer (in rows)").fill("3");
  await page.getByLabel("Your answer (in rows)").press("Enter");
  await page.getByRole("radio", { name: "WHERE coupon_code IS NULL" }).check();
  await page.getByRole("radio", { name: "False" }).check();
  await page.getByLabel("Your answer", { exact: true }).fill(" distinct ");
  await page.getByLabel("Your answer", { exact: true }).blur();
  await expect(page.locator("[data-save-status]")).toHaveText("All answers saved");

  await page.reload();
  await expect(page.getByLabel("Your answer (in rows)")).toHaveValue("3");
  await expect(page.getByRole("radio", { name: "WHERE coupon_code IS NULL" })).toBeChecked();
  await expect(page.getByRole("radio", { name: "False" })).toBeChecked();
  await expect(page.getByLabel("Your answer", { exact: true })).toHaveValue(" distinct ");
  await expect(page.getByText("3 of 7 not answered yet.")).toBeVisible();

  // Nothing the browser received so far holds an explanation or a correct flag.
  for (const body of bodies) {
    for (const text of EXPLANATIONS) expect(body).not.toContain(text);
    expect(body).not.toMatch(/"correct":\s*true/);
  }

  // Finishing with blanks asks first; "Keep answering" goes back to the first blank question.
  await page.getByRole("button", { name: "Finish quiz" }).click();
  const confirm = page.getByRole("alertdialog", { name: "Finish with 3 questions unanswered?" });
  await expect(confirm).toBeFocused();
  await expect(confirm).toContainText("question 3, question 5, question 6");
  await confirm.getByRole("button", { name: "Keep answering" }).click();
  await expect(confirm).toHaveCount(0);
  await expect(page.getByTestId("result-score")).toHaveCount(0);
  await page.getByRole("button", { name: "Finish quiz" }).click();
  await confirm.getByRole("button", { name: "Finish anyway" }).click();
  // Four of seven one-point questions: 57%, below the 70% pass mark.
  await expect(page.getByTestId("result-score")).toHaveText("57%");
  await expect(page.getByText("No (70% needed)")).toBeVisible();
  await expect(page.getByText("Order 4 is cancelled", { exact: false })).toBeVisible();
});

/** Plays the timed challenge through: the first question answered right away, the rest quickly. */
async function playTimed(page: Page) {
  await page.getByLabel("Your answer (in rows)").fill("3");
  await page.getByRole("button", { name: "Submit answer" }).click();
  const feedback = page.locator("fieldset").getByText(CORRECT);
  await expect(feedback).toBeVisible();
  const first = Number(/(\d+) points/.exec((await feedback.textContent()) ?? "")?.[1]);
  // Points by speed: an answer within the first seconds of 20 keeps most of the 1000.
  expect(first).toBeGreaterThan(700);
  expect(first).toBeLessThanOrEqual(1000);

  const next = async (n: number) => {
    await page.getByRole("button", { name: "Next question" }).click();
    await expect(page.getByText(`Question ${n} of 7`)).toBeVisible();
  };
  await next(2);
  await page.getByRole("radio", { name: "WHERE coupon_code IS NULL" }).check();
  await expect(page.locator("fieldset").getByText(CORRECT)).toBeVisible();
  await next(3);
  await page.getByRole("checkbox", { name: "WHERE amount > 100", exact: true }).check();
  await page.getByRole("button", { name: "Submit answer" }).click();
  await expect(page.locator("fieldset").getByText(/Not correct/)).toBeVisible();
  await next(4);
  await page.getByRole("radio", { name: "False" }).check();
  await expect(page.locator("fieldset").getByText(CORRECT)).toBeVisible();
  await next(5);
  await page.getByRole("button", { name: "Submit answer" }).click();
  await expect(page.getByText("Answer: FROM → WHERE → SELECT → ORDER BY → LIMIT").or(page.locator("fieldset").getByText(CORRECT))).toBeVisible();
  await next(6);
  for (const [i, word] of ["WHERE", "ORDER BY", "DESC", "LIMIT"].entries()) await page.getByLabel(`Blank ${i + 1}`).fill(word);
  await page.getByRole("button", { name: "Submit answer" }).click();
  await expect(page.locator("fieldset").getByText(CORRECT)).toBeVisible();
  await next(7);
  await page.getByLabel("Your answer", { exact: true }).fill("distinct");
  await page.getByRole("button", { name: "Submit answer" }).click();
  await expect(page.locator("fieldset").getByText(CORRECT)).toBeVisible();
  await page.getByRole("button", { name: "See your result" }).click();
  const points = Number(await page.getByTestId("result-points").textContent());
  expect(points).toBeGreaterThan(first);
  return points;
}

async function newLearner(browser: Browser, name: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signUp(page, name);
  return { context, page };
}

test("timed challenge scores by speed; a friend plays the same challenge from its link and the results are compared", async ({ browser, page }) => {
  test.setTimeout(180_000);
  await signUp(page, "Timed Creator");
  await page.goto(QUIZ);
  await page.getByRole("button", { name: "Start timed challenge" }).click();
  await expect(page.getByRole("timer", { name: "Time left" })).toBeVisible();
  const creatorPoints = await playTimed(page);

  await page.getByRole("button", { name: "Make a challenge link" }).click();
  const link = await page.getByLabel(/Send this link/).inputValue();
  expect(link).toMatch(/\/challenge\/[A-Za-z0-9_-]+$/);

  const friend = await newLearner(browser, "Timed Friend");
  await friend.page.goto(link);
  await expect(friend.page.getByRole("heading", { name: "Timed Creator challenges you" })).toBeVisible();
  await friend.page.getByRole("button", { name: "Play the challenge" }).click();
  const friendPoints = await playTimed(friend.page);

  // One line says who won, by the challenge's points.
  const outcome = friend.page.getByRole("status").filter({ hasText: /You win|Timed Creator wins|It's a tie/ });
  const expected = friendPoints > creatorPoints ? "You win" : friendPoints < creatorPoints ? "Timed Creator wins" : "It's a tie";
  await expect(outcome).toContainText(expected);
  const compare = friend.page.getByRole("table", { name: /Your answers beside Timed Creator/ });
  await expect(compare).toBeVisible();
  await expect(compare.getByRole("columnheader", { name: `Timed Creator (${creatorPoints})` })).toBeVisible();
  await expect(compare.getByRole("row")).toHaveCount(8);
  const board = friend.page.getByRole("table", { name: /finished this challenge/ });
  await expect(board.getByRole("row")).toHaveCount(3);
  await expect(board.getByText("Timed Friend (you)")).toBeVisible();
  await expect(board.getByText("Timed Creator", { exact: true })).toBeVisible();
  await friend.context.close();
});
