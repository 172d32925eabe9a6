import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { demo, signIn } from "./helpers";

// A live room as a class plays it: an instructor hosts the shipped SQL Basics quiz (shuffle off, so
// the order is the authored one: numeric "3 rows", single choice "IS NULL", multiple select of the
// first two clauses), five guests join from phones with nicknames only, the host removes one, one
// guest reloads mid-game and keeps their score, and the room ends on the podium with a CSV.

const QUIZ = "/courses/sql-basics/lessons/select-where-order-by-limit/quiz";
const EXPLANATIONS = ["Order 4 is cancelled", "is the operator for", "group the status test"];

// Six browser contexts on a busy two-core machine: the journey takes about three minutes there.
test.describe.configure({ timeout: 360_000 });

async function expectNoSeriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

/** The answer went through: "Answer received", or already the results when it was the last one. */
async function expectSent(page: Page) {
  await expect(page.getByText("Answer received. Wait for the results…").or(page.getByTestId("live-verdict"))).toBeVisible();
}

async function guest(browser: Browser, code: string, nickname: string) {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  await page.goto(`/join?code=${code}`);
  await expect(page.getByLabel("Room code")).toHaveValue(code);
  await page.getByLabel("Nickname").fill(nickname);
  await page.getByRole("button", { name: "Join" }).click();
  await expect(page).toHaveURL(new RegExp(`/live/${code}$`));
  await expect(page.getByText(`You are in as ${nickname}`)).toBeVisible();
  return { context, page, nickname };
}

/** Reads the player's live stream straight from the server for a moment: what the SSE payloads hold. */
async function ssePayloads(page: Page, code: string, ms: number) {
  const input = encodeURIComponent(JSON.stringify({ json: { code } }));
  return page.evaluate(
    async ({ url, ms }) => {
      const controller = new AbortController();
      const response = await fetch(url, { signal: controller.signal, headers: { accept: "text/event-stream" } });
      const reader = response.body!.getReader();
      const decoder = new TextDecoder();
      let text = "";
      const stop = setTimeout(() => controller.abort(), ms);
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          text += decoder.decode(value);
        }
      } catch {
        // aborted: the moment is over
      }
      clearTimeout(stop);
      return text;
    },
    { url: `/api/trpc/quiz.live.watch?input=${input}`, ms },
  );
}

test("a host and five guests play three questions to the podium; a reload keeps the score; the host removes one", async ({ browser, page }) => {
  await signIn(page, demo.instructor);
  await page.goto(QUIZ);
  await page.getByLabel("Shuffle questions and answers").uncheck();
  await page.getByLabel("Seconds per question").fill("90");
  await page.getByLabel("Places on the podium").fill("4");
  await page.getByRole("button", { name: "Host a live room" }).click();
  await expect(page).toHaveURL(/\/studio\/live\/\d{6}$/);
  const code = (await page.getByTestId("room-code").textContent())!.trim();
  await expect(page.getByRole("img", { name: new RegExp(`QR code of .*/join\\?code=${code}$`) })).toBeVisible();
  await expectNoSeriousViolations(page);

  const guests = [];
  for (const name of ["Ann", "Ben", "Cy", "Dee", "Troll"]) guests.push(await guest(browser, code, name));
  const [ann, ben, cy, dee, troll] = guests as [(typeof guests)[number], ...(typeof guests)[number][]];
  await expect(page.getByTestId("player-count")).toHaveText("5");
  await expectNoSeriousViolations(ann.page);

  // A nickname already taken is refused with a sentence.
  const copy = await browser.newContext();
  const copyPage = await copy.newPage();
  await copyPage.goto(`/join?code=${code}`);
  await copyPage.getByLabel("Nickname").fill("ann");
  await copyPage.getByRole("button", { name: "Join" }).click();
  await expect(copyPage.getByText(/already called “ann”/)).toBeVisible();
  await copy.close();

  // The host removes a player: gone from the lobby, told on their phone.
  await page.getByRole("button", { name: "Remove Troll" }).click();
  await expect(page.getByTestId("player-count")).toHaveText("4");
  await expect(troll!.page.getByText("The host removed you from this room.")).toBeVisible();
  await troll!.context.close();

  await page.getByRole("button", { name: "Start the quiz" }).click();

  // Question 1 (numeric): Cy is wrong. Everyone answered, so the results show at once.
  for (const player of [ann, ben!, cy!, dee!]) {
    await player.page.getByLabel("Your answer (in rows)").fill(player === cy ? "4" : "3");
    await player.page.getByRole("button", { name: "Submit answer" }).click();
    await expectSent(player.page);
  }
  await expect(page.getByText("3 of 4 answered correctly.")).toBeVisible();
  await expect(page.getByTestId("distribution")).toBeVisible();
  await expect(ann.page.getByTestId("live-verdict")).toHaveText("Correct");
  await expect(cy!.page.getByTestId("live-verdict")).toHaveText("Not this time");
  await expect(cy!.page.getByTestId("live-points")).toHaveText("+0");
  await expectNoSeriousViolations(ann.page);
  await expectNoSeriousViolations(page);

  // Ann reloads: same player, same score.
  const before = await ann.page.getByTestId("live-score").textContent();
  expect(Number(before)).toBeGreaterThan(0);
  await ann.page.reload();
  await expect(ann.page.getByTestId("live-name")).toHaveText("Ann");
  await expect(ann.page.getByTestId("live-score")).toHaveText(before!);
  await page.getByRole("button", { name: "Next question" }).click();

  // Question 2 (single choice): tiles named by their text; a press is the answer. The stream a
  // guest receives while the question is open holds no key and no explanation.
  await expect(ben!.page.getByRole("button", { name: "WHERE coupon_code IS NULL", exact: true })).toBeVisible();
  const stream = await ssePayloads(ben!.page, code, 1_500);
  expect(stream).toContain("QUESTION");
  for (const text of EXPLANATIONS) expect(stream).not.toContain(text);
  // The player's own verdict is null until the reveal; a key would be "correct": true or [indices].
  expect(stream).not.toMatch(/"correct":\s*(true|\[)|"key":|"accepted"|"explanation"/);
  for (const player of [ann, ben!, cy!, dee!]) {
    await player.page.getByRole("button", { name: player === dee ? "WHERE coupon_code = NULL" : "WHERE coupon_code IS NULL", exact: true }).click();
    await expectSent(player.page);
  }
  await expect(page.getByText("3 of 4 answered correctly.")).toBeVisible();
  await expect(ann.page.getByText(/answer streak 2/)).toBeVisible();
  await page.getByRole("button", { name: "Next question" }).click();

  // Question 3 (multiple select): toggle tiles, then send.
  for (const player of [ann, ben!, cy!, dee!]) {
    await player.page.getByRole("button", { name: "WHERE status IN ('shipped', 'delivered') AND amount > 100" }).click();
    if (player !== ben) await player.page.getByRole("button", { name: "WHERE (status = 'shipped' OR status = 'delivered') AND amount > 100" }).click();
    await player.page.getByRole("button", { name: "Submit answer" }).click();
    await expectSent(player.page);
  }
  await expect(page.getByText("3 of 4 answered correctly.")).toBeVisible();
  await page.getByRole("button", { name: "End here with the podium" }).click();

  // The podium holds the four places the host asked for; Ann (all right, a streak) wins.
  const podium = page.getByTestId("podium");
  await expect(podium.getByRole("listitem")).toHaveCount(4);
  await expect(podium.getByRole("listitem").first()).toContainText("Ann");
  await expect(page.getByRole("table", { name: "All results" }).getByRole("row")).toHaveCount(5);
  await expect(ann.page.getByText(/You finished #1/)).toBeVisible();
  await expectNoSeriousViolations(page);
  await expectNoSeriousViolations(cy!.page);

  const csv = await page.request.get(`/studio/live/${code}/results.csv`);
  expect(csv.status()).toBe(200);
  const lines = (await csv.text()).replace(/^\uFEFF/, "").trim().split(/\r\n/);
  expect(lines[0]).toBe("rank,name,player,points,correct,answered,questions,average seconds");
  expect(lines).toHaveLength(5);
  expect(lines[1]).toMatch(/^1,Ann,guest,\d+,3,3,3,/);
  // A guest cannot download it.
  expect((await ann.page.request.get(`/studio/live/${code}/results.csv`)).status()).toBe(401);

  // The room has ended: a late join is refused with a sentence.
  const late = await browser.newContext();
  const latePage = await late.newPage();
  await latePage.goto(`/join?code=${code}`);
  await latePage.getByLabel("Nickname").fill("Late");
  await latePage.getByRole("button", { name: "Join" }).click();
  await expect(latePage.getByText("That live room has ended. Ask your host for the code of a new one.")).toBeVisible();
  await late.close();
  for (const player of [ann, ben!, cy!, dee!]) await player.context.close();
});
