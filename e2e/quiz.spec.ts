import { expect, test, type Browser, type Page } from "@playwright/test";
import { demo, signIn, uniqueEmail } from "./helpers";

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

test("a live room: the host runs two questions for three players, then the podium", async ({ browser, page }) => {
  test.setTimeout(180_000);
  await signIn(page, demo.instructor);
  await page.goto(QUIZ);
  await page.getByRole("button", { name: "Host a live room" }).click();
  await expect(page).toHaveURL(/\/studio\/live\/\d{6}$/);
  const code = (await page.getByTestId("room-code").textContent())!.trim();

  const players = [];
  for (const name of ["Live Ann", "Live Ben", "Live Cy"]) {
    const player = await newLearner(browser, name);
    await player.page.goto("/live");
    await player.page.getByLabel("Room code").fill(code);
    await player.page.getByRole("button", { name: "Join" }).click();
    await expect(player.page.getByText("You are in. Waiting for the host to start…")).toBeVisible();
    players.push(player);
  }
  await expect(page.getByTestId("player-count")).toHaveText("3");
  await expect(page.getByRole("list", { name: "Players in the room" }).getByRole("listitem")).toHaveCount(3);
  await page.getByRole("button", { name: "Start the quiz" }).click();

  // Question 1 (numeric): everyone types an answer; the host sees the count rise.
  for (const [i, player] of players.entries()) {
    await player.page.getByLabel("Your answer (in rows)").fill(i === 2 ? "4" : "3");
    await player.page.getByRole("button", { name: "Submit answer" }).click();
    await expect(player.page.getByText("Answer received. Wait for the results…")).toBeVisible();
  }
  await expect(page.getByTestId("answer-count")).toHaveText("3");
  await page.getByRole("button", { name: "Everyone answered: show results" }).click();
  await expect(page.getByText("2 of 3 answered correctly.")).toBeVisible();
  await expect(players[0]!.page.getByText(CORRECT)).toBeVisible();
  await expect(players[2]!.page.getByText(/Not correct/)).toBeVisible();
  await page.getByRole("button", { name: "Next question" }).click();

  // Question 2 (single choice): a click is the answer.
  for (const [i, player] of players.entries()) {
    await player.page.getByRole("radio", { name: i === 1 ? "WHERE coupon_code = NULL" : "WHERE coupon_code IS NULL", exact: true }).check();
    await expect(player.page.getByText("Answer received. Wait for the results…")).toBeVisible();
  }
  await expect(page.getByTestId("answer-count")).toHaveText("3");
  await page.getByRole("button", { name: /show results/i }).click();
  await expect(page.getByText("2 of 3 answered correctly.")).toBeVisible();
  await page.getByRole("button", { name: "End here with the podium" }).click();

  const podium = page.getByRole("region", { name: "Podium" });
  await expect(podium.getByRole("listitem")).toHaveCount(3);
  for (const player of players) {
    await expect(player.page.getByRole("heading", { name: "Podium" })).toBeVisible();
    await expect(player.page.getByText(/You finished #\d/)).toBeVisible();
  }
  // Ann answered both right (a streak), Ben and Cy one each: Ann wins.
  await expect(podium.getByRole("listitem").first()).toContainText("Live Ann");
  for (const player of players) await player.context.close();
});

test.describe("in a German browser", () => {
  test.use({ locale: "de-DE" });

  test("the number box takes only numbers, reads a decimal comma, and a practice with nothing right earns no XP", async ({ page }) => {
    await signUp(page, "Zahlen Learner");
    await page.goto(QUIZ);
    await page.getByRole("button", { name: "Start practice" }).click();
    const box = page.getByLabel("Your answer (in rows)");
    await box.pressSequentially("drei");
    await expect(box).toHaveValue("");
    await expect(page.getByText("Only a number can go here")).toBeVisible();
    await expect(page.getByRole("button", { name: "Check answer" })).toBeDisabled();
    await box.fill("2,5");
    await expect(page.getByText("A number, like 3,5.")).toBeVisible();
    await page.getByRole("button", { name: "Check answer" }).click();
    await expect(page.getByText("Not correct")).toBeVisible();
    // The comma was read as a decimal comma: 2.5 rows, not 25.
    await expect(box).toHaveValue("2,5");

    const check = async (n: number) => {
      await page.getByRole("button", { name: "Check answer" }).click();
      await expect(page.locator("fieldset").getByText(/Not correct|Partly correct/)).toBeVisible();
      await page.getByRole("button", { name: n === 7 ? "Finish practice" : "Next question" }).click();
    };
    await page.getByRole("button", { name: "Next question" }).click();
    await page.getByRole("radio", { name: "WHERE coupon_code = NULL" }).check();
    await check(2);
    await page.getByRole("checkbox", { name: "WHERE amount > 100", exact: true }).check();
    await check(3);
    await page.getByRole("radio", { name: "True" }).check();
    await check(4);
    // The ordering as shown (never the right order) can keep a pair or two: partial credit at most.
    await check(5);
    for (const i of [1, 2, 3, 4]) await page.getByLabel(`Blank ${i}`).fill("nope");
    await check(6);
    await page.getByLabel("Your answer", { exact: true }).fill("UNIQUE ROWS");
    await check(7);
    await expect(page.getByRole("heading", { name: "Your result" })).toBeVisible();
    await expect(page.getByText("0 of 7")).toBeVisible();
    await expect(page.getByText("+0", { exact: true })).toBeVisible();
  });
});
