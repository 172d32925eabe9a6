import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { signIn, uniqueEmail } from "./helpers";

const LESSON = "/courses/transfer-learning/lessons/what-is-transfer-learning";

type FakeSpeech = {
  spoken: { text: string; voice: string | null; pitch: number; rate: number }[];
  cancels: number;
  finish: () => void;
};

/**
 * Replaces the browser's speech synthesis at its API boundary: utterances are recorded, and one
 * ends only when the test calls `__speech.finish()`, so the test decides when a line is over.
 */
async function stubSpeech(page: Page, voices: { name: string; lang: string; default: boolean }[]) {
  await page.addInitScript((voiceList) => {
    type Utterance = { text: string; voice: { name: string } | null; pitch: number; rate: number; onend: ((event: unknown) => void) | null; onerror: ((event: unknown) => void) | null };
    const fake = { spoken: [] as { text: string; voice: string | null; pitch: number; rate: number }[], cancels: 0, current: null as Utterance | null, finish() {} };
    class FakeUtterance {
      text: string;
      voice = null;
      pitch = 1;
      rate = 1;
      onend = null;
      onerror = null;
      constructor(text: string) {
        this.text = text;
      }
    }
    const synth = {
      speaking: false,
      pending: false,
      paused: false,
      getVoices: () => voiceList.map((voice) => ({ ...voice, voiceURI: voice.name, localService: true })),
      speak(utterance: Utterance) {
        fake.spoken.push({ text: utterance.text, voice: utterance.voice?.name ?? null, pitch: utterance.pitch, rate: utterance.rate });
        fake.current = utterance;
      },
      cancel() {
        fake.cancels += 1;
        const utterance = fake.current;
        fake.current = null;
        utterance?.onerror?.({ error: "canceled" });
      },
      pause() {},
      resume() {},
      addEventListener() {},
      removeEventListener() {},
    };
    fake.finish = () => {
      const utterance = fake.current;
      fake.current = null;
      utterance?.onend?.({});
    };
    Object.defineProperty(window, "speechSynthesis", { value: synth, configurable: true });
    Object.defineProperty(window, "SpeechSynthesisUtterance", { value: FakeUtterance, configurable: true, writable: true });
    (window as unknown as { __speech: typeof fake }).__speech = fake;
  }, voices);
}

const speech = (page: Page) => page.evaluate(() => {
  const fake = (window as unknown as { __speech: FakeSpeech }).__speech;
  return { spoken: fake.spoken, cancels: fake.cancels };
});
const finishLine = (page: Page) => page.evaluate(() => (window as unknown as { __speech: FakeSpeech }).__speech.finish());

async function signUpAndEnroll(page: Page) {
  await page.goto("/sign-up");
  await page.getByLabel("Display name").fill("Lesson Learner");
  await page.getByLabel("Email").fill(uniqueEmail("lesson"));
  await page.getByLabel("Password").fill("lesson-password");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/dashboard/);
  // Not enrolled yet: the lesson offers enrollment, and enrolling from there starts the tracking.
  await page.goto(LESSON);
  await expect(page.getByText("You are not enrolled in Transfer Learning.")).toBeVisible();
  await page.getByRole("button", { name: "Enroll" }).click();
  await expect(page.getByText("0 of 10 sections done")).toBeVisible();
}

// Page loads on a busy 2-core machine take seconds each; these journeys load several.
test.describe.configure({ timeout: 90_000 });

test("the summary depth is remembered, and the audio lesson is read aloud line by line", async ({ page }) => {
  await stubSpeech(page, [
    { name: "Teacher voice", lang: "en-US", default: true },
    { name: "Student voice", lang: "en-GB", default: false },
  ]);
  // The browser's voices come first: nothing is rendered on the server for a browser that can speak.
  const narration: string[] = [];
  page.on("request", (request) => {
    if (request.url().includes("narration")) narration.push(request.url());
  });
  await signIn(page, { email: "learner@learnloop.local", password: "learnloop-learner" });
  await page.goto(LESSON);

  // The summary depth is remembered across a reload.
  const saved = page.waitForResponse((response) => response.url().includes("progress.setSummaryLevel") && response.ok());
  await page.getByRole("tab", { name: "Detailed" }).click();
  await saved;
  await page.reload();
  await expect(page.getByRole("tab", { name: "Detailed" })).toHaveAttribute("aria-selected", "true");
  await expect(page.getByRole("tab", { name: "Basic" })).toHaveAttribute("aria-selected", "false");

  // Each line is read in its speaker's voice and highlighted while it is spoken.
  const player = page.getByRole("group", { name: "Audio lesson player" });
  const transcript = page.locator("#section-audio-lesson");
  const currentLine = transcript.locator("[aria-current=true]");
  await player.getByRole("button", { name: "Listen" }).click();
  await expect.poll(async () => (await speech(page)).spoken.length).toBe(1);
  const first = (await speech(page)).spoken[0]!;
  await expect(currentLine).toContainText(first.text.slice(0, 40));
  await finishLine(page);
  await expect(player.getByTestId("player-position")).toHaveText(/Line 2 of \d+/);
  await expect.poll(async () => (await speech(page)).spoken.length).toBe(2);
  const second = (await speech(page)).spoken[1]!;
  await expect(currentLine).toContainText(second.text.slice(0, 40));
  // The dialogue opens with the student, then the teacher answers: two different voices.
  expect(first.voice).toBe("Student voice");
  expect(second.voice).toBe("Teacher voice");

  // Pause stops speech; the line stays where it was.
  await player.getByRole("button", { name: "Pause" }).click();
  await expect(player.getByRole("button", { name: "Resume listening" })).toBeVisible();
  expect((await speech(page)).cancels).toBeGreaterThan(0);
  await finishLine(page);
  await expect(player.getByTestId("player-position")).toHaveText(/Line 2 of \d+/);
  expect((await speech(page)).spoken).toHaveLength(2);

  // Speed applies to what is spoken next; the keyboard moves between lines and plays or pauses.
  await player.getByLabel("Speed").selectOption("1.5");
  await player.getByRole("button", { name: "Resume listening" }).focus();
  await page.keyboard.press("ArrowRight");
  await expect(player.getByTestId("player-position")).toHaveText(/Line 3 of \d+/);
  await page.keyboard.press(" ");
  await expect.poll(async () => (await speech(page)).spoken.at(-1)?.rate).toBe(1.5);
  expect((await speech(page)).spoken.at(-1)?.text).toBe((await transcript.locator("[data-line='2']").textContent())?.replace(/^(Teacher|Student): /, ""));
  await page.keyboard.press(" ");
  await expect(player.getByRole("button", { name: "Resume listening" })).toBeVisible();
  expect(narration).toEqual([]);
});

test("sections marked done are kept: the lesson reopens where the learner was, and completion rises", async ({ page }) => {
  await stubSpeech(page, [{ name: "Only voice", lang: "en-US", default: true }]);
  await signUpAndEnroll(page);

  // Moving through the transcript saves the position; text sections are marked read.
  const player = page.getByRole("group", { name: "Audio lesson player" });
  await player.getByRole("button", { name: "Next line" }).click();
  await player.getByRole("button", { name: "Next line" }).click();
  await expect(player.getByTestId("player-position")).toHaveText(/Line 3 of \d+/);
  await page.getByRole("button", { name: "Mark as read (Summary)" }).click();
  await expect(page.locator("#section-summaries").getByText("Done", { exact: true })).toBeVisible();
  await page.getByRole("button", { name: "Mark as read (Key concepts)" }).click();
  await expect(page.locator("#section-key-concepts").getByText("Done", { exact: true })).toBeVisible();
  await expect(page.getByText("2 of 10 sections done")).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "Progress saved." })).toBeVisible();

  // Reloading opens the lesson at the section the learner was last in, with the player where it stopped.
  await page.reload();
  await expect(page.locator("#section-key-concepts")).toBeInViewport();
  await expect(page.getByText("2 of 10 sections done")).toBeVisible();
  await expect(player.getByTestId("player-position")).toHaveText(/Line 3 of \d+/);

  // The course page shows the completion rising (2 of lesson 1's 10 sections, 4 lessons) and the way back.
  await page.goto("/courses/transfer-learning");
  await expect(page.getByTestId("course-percent")).toHaveText("5% complete");
  await page.getByRole("link", { name: /Continue where you left off: What transfer learning is · Key concepts/ }).click();
  await expect(page).toHaveURL(/what-is-transfer-learning#section-key-concepts$/);
  await expect(page.locator("#section-key-concepts")).toBeInViewport();

  await page.goto("/dashboard");
  const resume = page.getByRole("region", { name: "Continue where you left off" });
  await expect(resume).toContainText("What transfer learning is · Key concepts");
  await expect(resume).toContainText("5% of the course complete");
  await expect(page.getByRole("main").getByRole("listitem").filter({ hasText: "Transfer Learning" })).toContainText("5% complete");
});

test("without browser voices, the lesson plays the server's recording and the highlighted line follows it", async ({ page }) => {
  // The first visit renders the lesson's scenes and chapters: tens of seconds on a loaded 2-core machine.
  test.setTimeout(240_000);
  await stubSpeech(page, []);
  const recordings: number[] = [];
  const recordingRequests: string[] = [];
  page.on("request", (request) => {
    if (request.url().includes("narration")) recordingRequests.push(request.url());
  });
  page.on("response", (response) => {
    if (response.url().includes("/api/narration/")) recordings.push(response.status());
  });
  await signIn(page, { email: "learner@learnloop.local", password: "learnloop-learner" });
  await page.goto(LESSON);

  const player = page.getByRole("group", { name: "Audio lesson player" });
  const transcript = page.locator("#section-audio-lesson");
  const currentLine = transcript.locator("[aria-current=true]");
  // Nothing is rendered until the learner asks to listen; the first listener waits for the render.
  await expect(player.getByRole("status")).toContainText("Listen plays a recording made on the server");
  await page.waitForTimeout(2_000);
  expect(recordingRequests).toEqual([]);
  await player.getByRole("button", { name: "Listen" }).click();
  await expect(player.getByRole("status")).toContainText("the lesson plays a recording made on the server", { timeout: 90_000 });
  await expect(currentLine).toHaveAttribute("data-line", "0");
  await expect(player).toContainText("Student speaking");
  // Nothing tells the player that a line is over but the recording itself reaching the next cue.
  await expect(player.getByTestId("player-position")).toHaveText(/Line 2 of \d+/, { timeout: 30_000 });
  await expect(currentLine).toHaveAttribute("data-line", "1");
  await expect(player).toContainText("Teacher speaking");

  // Choosing a line seeks the recording to it (a byte range), and the highlight goes on from there.
  await transcript.locator("[data-line='2']").click();
  await expect(currentLine).toHaveAttribute("data-line", "2");
  await expect(player.getByTestId("player-position")).toHaveText(/Line 4 of \d+/, { timeout: 30_000 });
  await player.getByRole("button", { name: "Pause" }).click();
  await expect(player.getByRole("button", { name: "Resume listening" })).toBeVisible();
  await page.waitForTimeout(1_500);
  await expect(player.getByTestId("player-position")).toHaveText(/Line 4 of \d+/);
  expect((await speech(page)).spoken).toEqual([]);
  expect(recordings).toContain(206);

  // The audiobook narrates its chapters from the server too, passage by passage.
  const audiobook = page.locator("#section-audiobook");
  await expect(audiobook.getByRole("status")).toContainText("each chapter plays a recording made on the server");
  // A chapter is rendered when it is first asked for.
  await audiobook.getByRole("button", { name: "Listen chapter 1" }).click();
  await expect(audiobook.locator("[id$='-seg-0-0']")).toHaveClass(/ring-2/);
  await expect(audiobook.getByRole("status")).toContainText("each chapter plays a recording made on the server", { timeout: 90_000 });
  await expect(audiobook.locator("[id$='-seg-0-1']")).toHaveClass(/ring-2/, { timeout: 30_000 });
  await audiobook.getByRole("button", { name: "Pause chapter 1" }).click();
  expect((await speech(page)).spoken).toEqual([]);
});

test("the lesson page has no serious accessibility problems, and says why it cannot speak without voices", async ({ page }) => {
  await stubSpeech(page, []);
  // A server that cannot render (say LESSON_AUDIO=off) answers the recording request with an error.
  await page.route("**/api/trpc/narration.recording**", (route) => route.fulfill({ status: 404, contentType: "application/json", body: "[]" }));
  await signIn(page, { email: "learner@learnloop.local", password: "learnloop-learner" });
  await page.goto(LESSON);
  await page.getByRole("group", { name: "Audio lesson player" }).getByRole("button", { name: "Listen" }).click();
  await expect(page.getByText("No voice is available: this browser has no speech voices and the server has no recording of this lesson.")).toBeVisible({ timeout: 20_000 });
  await expect(page.getByRole("group", { name: "Audio lesson player" }).getByRole("button", { name: "Listen" })).toBeDisabled();

  // A glossary term in the lesson text opens its definition, and Escape closes it.
  await page.getByRole("tab", { name: "Basic" }).click();
  const term = page.locator("#section-summaries").getByRole("tabpanel").getByRole("button", { name: "ImageNet (glossary term: show definition)" });
  await term.click();
  const definition = page.locator("[popover]:popover-open");
  await expect(definition).toBeVisible();
  await expect(definition).toContainText("ImageNet");
  await page.keyboard.press("Escape");
  await expect(definition).toHaveCount(0);

  // The glossary itself is searchable.
  const glossary = page.locator("#section-glossary");
  await glossary.getByLabel("Search the glossary").fill("resnet");
  await expect(glossary.getByRole("status")).toHaveText("1 of 7 terms");
  await expect(glossary.getByRole("list", { name: "Glossary terms" }).getByRole("listitem")).toHaveCount(1);
  await expect(glossary.locator("dfn")).toHaveText(["ResNet"]);

  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical");
  expect(serious.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`)).toEqual([]);
});

test("an acronym memory aid marks the letter each expansion is remembered by", async ({ page }) => {
  await page.goto("/sign-up");
  await page.getByLabel("Display name").fill("Acronym Learner");
  await page.getByLabel("Email").fill(uniqueEmail("acronym"));
  await page.getByLabel("Password").fill("acronym-password");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/dashboard/);
  await page.goto("/courses/unit-economics/lessons/contribution-margin-and-break-even#section-memory-aids");
  const aid = page.locator("#section-memory-aids").getByTestId("acronym").first();
  // "PVF: Price, then Variable cost, then Fixed costs." marks P, V and F, never the t of "then".
  await expect(aid.getByTestId("acronym-key")).toHaveText(["P", "V", "F"]);
  await expect(aid.getByTestId("acronym-letter")).toHaveText(["P", "V", "F"]);
  await expect(aid.getByRole("listitem")).toHaveText(["Price", "then Variable cost", "then Fixed costs"]);
});
