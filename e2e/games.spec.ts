import AxeBuilder from "@axe-core/playwright";
import { expect, type Locator, type Page, test as base } from "@playwright/test";
import { GRAMMAR_ITEMS } from "../lib/games/english";
import { PICTURE_PAIRS } from "../lib/games/memory";
import { demo, signIn } from "./helpers";

// One signed-in page for the whole journey: signing in once keeps the spec short on a slow runner.
const test = base.extend<{ page: Page }, { signedInPage: Page }>({
  signedInPage: [
    async ({ browser }, provide) => {
      const context = await browser.newContext();
      const page = await context.newPage();
      await signIn(page, demo.learner);
      await provide(page);
      await context.close();
    },
    { scope: "worker", timeout: 90_000 },
  ],
  page: async ({ signedInPage }, provide) => {
    await provide(signedInPage);
  },
});

async function expectNoSeriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

// A radio's name is its label then its hint ("Addition within 10 Ages 5+"): match the label whole.
const labelled = (label: string) => new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(\\s|$)`);

async function choose(page: Page, mode: string, level: string) {
  await page.getByRole("group", { name: "Mode" }).getByRole("radio", { name: labelled(mode) }).check();
  await page.getByRole("group", { name: "Level" }).getByRole("radio", { name: labelled(level) }).check();
  await page.getByRole("button", { name: "Start" }).press("Enter");
}

async function expectResultAndBoards(page: Page, scoreTestId: string, unit: RegExp) {
  const result = page.getByTestId("game-result");
  await expect(result.getByTestId(scoreTestId)).toHaveText(/\d/, { timeout: 15_000 });
  await expect(page.getByRole("heading", { name: "Your result" })).toBeFocused();
  await expect(result.getByTestId("best-message")).toContainText(/personal best/i);
  await expect(page.getByTestId("personal-best")).toHaveText(unit);
  await expect(page.getByTestId("leaderboard").locator("tr[data-you]")).toContainText("(you)");
}

async function pressWhenReady(control: Locator) {
  await expect(control).not.toHaveAttribute("aria-disabled", "true");
  await control.press("Enter");
}

test.describe("games", () => {
  test.describe.configure({ timeout: 90_000 });

  test("the hub lists every game and passes axe", async ({ page }) => {
    await page.goto("/games");
    for (const title of ["Typing speed", "Math fluency", "Match pairs", "Sequence", "English skills"]) {
      await expect(page.getByRole("link", { name: title })).toBeVisible();
    }
    await expectNoSeriousViolations(page);
  });

  test("typing: 10 untimed words with a corrected error, scored on the server", async ({ page }) => {
    await page.goto("/games/typing");
    await expectNoSeriousViolations(page);
    await choose(page, "10 words (untimed)", "Short words");
    const passage = page.getByTestId("passage");
    await expect(passage.locator("[data-state]")).toHaveCount(10);
    await expect(page.getByTestId("countdown")).toHaveCount(0);
    const words = await passage.locator("[data-state]").allTextContents();
    const input = page.getByLabel("Type here");
    await expect(input).toBeFocused();
    await expectNoSeriousViolations(page);
    // Typed on the text itself: the caret sits before the first letter and moves as keys land.
    const first = passage.locator("[data-state]").first();
    await expect(passage.getByTestId("caret")).toHaveCount(1);
    await expect(first.locator("[data-letter]").first().getByTestId("caret")).toHaveCount(1);
    // A wrong letter shows red, an extra letter is added to the word, and focus can leave and come back.
    await page.keyboard.type(words[0]![0] === "x" ? "y" : "x", { delay: 80 });
    await expect(first.locator("[data-letter]").first()).toHaveAttribute("data-letter", "incorrect");
    await page.keyboard.press("Backspace");
    await expect(first.locator("[data-letter]").first()).toHaveAttribute("data-letter", "pending");
    await input.blur();
    await expect(passage).toHaveAttribute("data-focused", "false");
    await page.keyboard.press(words[0]![0]!);
    await expect(input).toBeFocused();
    await expect(first.locator("[data-letter]").first()).toHaveAttribute("data-letter", "correct");
    await page.keyboard.type(`${words[0]!.slice(1)}z`, { delay: 80 });
    await expect(first.locator('[data-letter="extra"]')).toHaveText("z");
    await page.keyboard.press("Backspace");
    // The second word submitted early: its untyped letters are missed and the word is marked wrong.
    await page.keyboard.type(` ${words[1]![0]} `, { delay: 80 });
    const second = passage.locator("[data-state]").nth(1);
    await expect(second).toHaveAttribute("data-state", "wrong");
    if (words[1]!.length > 1) await expect(second.locator('[data-letter="missed"]')).toHaveCount(words[1]!.length - 1);
    // Backspace steps back into the wrong word; then the rest of the passage.
    await page.keyboard.press("Backspace");
    await page.keyboard.press("Backspace");
    await expect(second).toHaveAttribute("data-state", "current");
    await page.keyboard.type(words.slice(1).join(" "), { delay: 80 });
    await expectResultAndBoards(page, "result-wpm", /^\d+(\.\d+)? wpm$/);
    await expect(page.getByTestId("game-result")).not.toContainText("Accuracy100%");
  });

  test("math: 20 untimed addition facts, one answered wrong", async ({ page }) => {
    test.setTimeout(60_000);
    await page.goto("/games/math");
    await choose(page, "Practice: 20 facts (untimed)", "Addition within 10");
    const problem = page.getByTestId("problem");
    const input = page.getByLabel("Your answer");
    await expect(page.getByTestId("countdown")).toHaveCount(0);
    for (let i = 0; i < 20; i++) {
      await expect(problem).toHaveText(/= \?$/);
      const [, a, op, b] = /^(-?\d+) (\S) (-?\d+)/.exec((await problem.textContent()) ?? "")!;
      const answer = op === "+" ? Number(a) + Number(b) : Number(a) - Number(b);
      await input.fill(String(i === 0 ? answer + 1 : answer));
      await input.press("Enter");
      // The last answer ends the game: the result replaces the feedback.
      if (i < 19) await expect(page.getByTestId("math-feedback")).toContainText(`${a} ${op} ${b} = ${answer}`);
    }
    await expectResultAndBoards(page, "result-correct", /^\d+ correct$/);
    await expect(page.getByTestId("result-correct")).toHaveText("19");
    await expect(page.getByRole("list", { name: "Missed items" })).toBeVisible();
  });

  test("match pairs: six picture pairs turned with the keyboard", async ({ page }) => {
    await page.goto("/games/match");
    await choose(page, "Relaxed (untimed)", "6 picture ↔ word pairs");
    const cards = page.getByTestId("match-card");
    await expect(cards).toHaveCount(12);
    await expectNoSeriousViolations(page);
    const partner = new Map(PICTURE_PAIRS.flatMap((p) => [[p.a, p.b], [p.b, p.a]] as [string, string][]));
    const known = new Map<number, string>();
    const matched = new Set<number>();
    // The flip that completes the last pair ends the game and the board gives way to the result.
    async function flip(index: number, last = false): Promise<string> {
      await pressWhenReady(cards.nth(index));
      if (last) return "";
      const face = await cards.nth(index).getAttribute("data-face");
      if (!face) throw new Error(`card ${index} did not turn`);
      return face;
    }
    const knownPartnerOf = (face: string, except: number) => [...known].find(([i, f]) => i !== except && !matched.has(i) && f === partner.get(face))?.[0];
    const nextUnknown = () => [...Array(12).keys()].find((i) => !known.has(i) && !matched.has(i))!;
    while (matched.size < 12) {
      const ready = [...known].find(([i, f]) => !matched.has(i) && knownPartnerOf(f, i) !== undefined);
      if (ready) {
        const other = knownPartnerOf(ready[1], ready[0])!;
        await flip(ready[0]);
        await flip(other, matched.size === 10);
        matched.add(ready[0]).add(other);
        continue;
      }
      const first = nextUnknown();
      const face = await flip(first);
      known.set(first, face);
      const pair = knownPartnerOf(face, first);
      const second = pair ?? nextUnknown();
      if (matched.size === 10) {
        await flip(second, true); // the last two cards are the last pair
        break;
      }
      const secondFace = await flip(second);
      known.set(second, secondFace);
      if (partner.get(face) === secondFace) matched.add(first).add(second);
    }
    await expectResultAndBoards(page, "result-score", /^\d+ points$/);
  });

  test("sequence: two rounds repeated, then a wrong tile ends the game", async ({ page }) => {
    await page.goto("/games/sequence");
    await choose(page, "Untimed", "9 tiles, fast");
    const status = page.getByTestId("sequence-status");
    const tiles = page.getByRole("group", { name: "Tiles" });
    for (let round = 1; round <= 2; round++) {
      await expect(status).toContainText(`Your turn: repeat ${round === 1 ? "1 tile" : `${round} tiles`}`);
      const names = ((await status.textContent()) ?? "").split("Sequence: ")[1]!.split(", ");
      for (const name of names) await pressWhenReady(tiles.getByRole("button", { name, exact: true }));
    }
    await expect(status).toContainText("Your turn: repeat 3 tiles");
    const first = ((await status.textContent()) ?? "").split("Sequence: ")[1]!.split(", ")[0]!;
    const wrong = first === "red" ? "blue" : "red";
    await pressWhenReady(tiles.getByRole("button", { name: wrong, exact: true }));
    await expectResultAndBoards(page, "result-longest", /^2 longest sequence$|^\d+ longest sequence$/);
    await expect(page.getByTestId("result-longest")).toHaveText("2");
  });

  test("English grammar: eight sentences completed with the keyboard", async ({ page }) => {
    await page.goto("/games/english");
    await choose(page, "Grammar", "Starter words");
    const answers = new Map(GRAMMAR_ITEMS.starter.map((item) => [item.sentence.replace("___", "_____"), item.options[0]!]));
    for (let i = 1; i <= 8; i++) {
      const heading = page.getByRole("heading", { level: 2 }).filter({ hasText: "_____" });
      await expect(page.getByText(`Item ${i} of 8`)).toBeAttached();
      await expect(heading).toBeVisible();
      const answer = answers.get((await heading.textContent()) ?? "")!;
      await page.getByRole("button", { name: answer, exact: true }).press("Enter");
      if (i < 8) await expect(page.getByText(`Item ${i + 1} of 8`)).toBeAttached();
    }
    await expectResultAndBoards(page, "result-correct", /^\d+ correct$/);
    await expect(page.getByTestId("result-correct")).toHaveText("8 of 8");
    await expectNoSeriousViolations(page);
  });

  test("a tampered score payload and an impossible log are both rejected", async ({ page }) => {
    await page.goto("/games");
    const call = async (procedure: string, input: unknown) => {
      const response = await page.request.post(`/api/trpc/${procedure}?batch=1`, { data: { 0: { json: input } } });
      return (await response.json()) as [{ result?: { data: { json: Record<string, unknown> } }; error?: { json: { message: string } } }];
    };
    const [started] = await call("game.start", { game: "typing", mode: "words-10", level: "starter" });
    const session = started.result!.data.json as { sessionId: string; content: { words: string[] } };
    const text = session.content.words.join(" ");
    const [withScore] = await call("game.finish", { sessionId: session.sessionId, events: { game: "typing", keys: [] }, score: 9999 });
    expect(withScore.error?.json.message).toBe("Some fields need attention.");
    const keys = [...text].map((k, i) => ({ t: i * 5, k }));
    const [tooFast] = await call("game.finish", { sessionId: session.sessionId, events: { game: "typing", keys } });
    expect(tooFast.error?.json.message).toMatch(/^This game was not counted: .*(above the 350 wpm|too fast to be real typing|faster than any person)/);
  });
});
