import { expect, test, type Page } from "@playwright/test";
import { demo, signIn, uniqueEmail } from "./helpers";

// The instructor's first hour on the built-in courses: the demo instructor is staff of them (their
// studio and class pages open, with a demo class in it); an edit of a published lesson waits in a
// draft while learners keep the published text, is shown as a before/after diff and goes live on
// publish with the learner's progress kept; recordings and images upload with their bytes checked.
// Unit Economics is edited here because no other journey reads its text.

const COURSE = "unit-economics";
const LESSON_TITLE = "Contribution Margin and Break-Even";
const LESSON = `/courses/${COURSE}/lessons/contribution-margin-and-break-even`;
const OLD_TEXT = "For the coffee cart it is $1.20 per cup.";
const NEW_TEXT = "For the coffee cart it is $1.35 per cup since the new supplier.";

const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==", "base64");

/** A tenth of a second of silence as a 16-bit mono WAV file. */
function silentWav(): Buffer {
  const samples = 800;
  const header = Buffer.alloc(44);
  header.write("RIFF", 0, "ascii");
  header.writeUInt32LE(36 + samples * 2, 4);
  header.write("WAVE", 8, "ascii");
  header.write("fmt ", 12, "ascii");
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(8000, 24);
  header.writeUInt32LE(16000, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write("data", 36, "ascii");
  header.writeUInt32LE(samples * 2, 40);
  return Buffer.concat([header, Buffer.alloc(samples * 2)]);
}

/** The lesson editor's save status, in its sticky header. */
const saveStatus = (page: Page) => page.getByRole("main").locator("header").getByRole("status");

async function openLessonEditor(page: Page) {
  await page.goto(`/studio/courses/${COURSE}`);
  await page.getByRole("link", { name: LESSON_TITLE }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Edit lesson: ${LESSON_TITLE}`);
}

test("the demo instructor opens a built-in course's studio and class pages, with a demo class", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, demo.instructor);
  await page.goto("/studio");
  await expect(page.getByRole("main").getByRole("link", { name: "Unit Economics", exact: true }).first()).toBeVisible();
  for (const slug of ["sql-basics", "transfer-learning", "unit-economics", "visual-hierarchy"]) {
    expect((await page.goto(`/studio/courses/${slug}`))?.status(), slug).toBe(200);
    expect((await page.goto(`/studio/courses/${slug}/class`))?.status(), `${slug} class`).toBe(200);
  }
  await page.goto(`/studio/courses/${COURSE}/class`);
  const learners = page.getByRole("region", { name: "Learners" });
  for (const name of ["Ada Park", "Ben Okafor", "Chloé Martin", "Dev Sharma"]) await expect(learners.getByRole("rowheader", { name })).toBeVisible();
  await expect(learners.getByRole("row").filter({ hasText: "Ada Park" })).toContainText("100%");
  const forgotten = page.getByRole("region", { name: "Most-forgotten flashcards" });
  await expect(forgotten).toBeVisible();
  await expect(forgotten.getByRole("table")).toBeVisible();
  await expect(forgotten.getByRole("rowheader").first()).toBeVisible();

  await page.goto(`/studio/courses/${COURSE}`);
  const staff = page.getByRole("region", { name: "Staff" });
  await expect(staff).toContainText("Demo Instructor");
  await expect(staff).toContainText("Owner");
});

test("an edit of a published lesson waits in a draft; the diff shows it; publishing makes it live and keeps the learner's progress", async ({ browser, page }) => {
  test.setTimeout(180_000);
  const learnerContext = await browser.newContext();
  const learner = await learnerContext.newPage();

  await test.step("a learner enrolls and marks the key concepts read", async () => {
    await learner.goto("/sign-up");
    await learner.getByLabel("Display name").fill("Draft Watcher");
    await learner.getByLabel("Email").fill(uniqueEmail("drafts"));
    await learner.getByLabel("Password").fill("drafts-password");
    await learner.getByRole("button", { name: "Create account" }).click();
    await expect(learner).toHaveURL(/\/dashboard/);
    await learner.goto(LESSON);
    await learner.getByRole("button", { name: "Enroll" }).click();
    await expect(learner.getByText(/^0 of \d+ sections done$/)).toBeVisible();
    await learner.getByRole("button", { name: "Mark as read (Key concepts)" }).click();
    await expect(learner.locator("#section-key-concepts").getByText("Done", { exact: true })).toBeVisible();
    await expect(learner.getByText(/^1 of \d+ sections done$/)).toBeVisible();
    await expect(learner.locator("#section-key-concepts")).toContainText(OLD_TEXT);
  });

  await test.step("the instructor edits the published lesson: it is saved as a draft", async () => {
    await signIn(page, demo.instructor);
    await openLessonEditor(page);
    await expect(page.getByText("Your changes are saved as a draft")).toBeVisible();
    const concepts = page.getByRole("group", { name: "Key concepts", exact: true });
    const explanation = concepts.getByLabel("Explanation", { exact: true }).first();
    const text = await explanation.inputValue();
    expect(text).toContain("**$1.20 per cup**");
    await explanation.fill(text.replace("For the coffee cart it is **$1.20 per cup**.", "For the coffee cart it is **$1.35 per cup** since the new supplier."));
    await expect(saveStatus(page)).toHaveText("Saved");
  });

  await test.step("the learner still sees the published text", async () => {
    await learner.reload();
    await expect(learner.locator("#section-key-concepts")).toContainText(OLD_TEXT);
    await expect(learner.locator("#section-key-concepts")).not.toContainText("$1.35");
  });

  await test.step("the instructor sees the change as a diff and publishes it", async () => {
    await page.goto(`/studio/courses/${COURSE}`);
    const publishing = page.getByRole("region", { name: "Publishing" });
    await expect(publishing.getByRole("heading", { name: "Unpublished changes (1)" })).toBeVisible();
    await expect(publishing).toContainText(`Changed lesson: ${LESSON_TITLE}`);
    await expect(publishing).toContainText("Changed: Variable cost");
    await expect(publishing.locator("del").filter({ hasText: "$1.20 per cup" })).toBeVisible();
    await expect(publishing.locator("ins").filter({ hasText: "$1.35 per cup" })).toBeVisible();
    await publishing.getByRole("button", { name: "Publish changes" }).click();
    await expect(publishing.getByText("Published. Learners now see the latest version.")).toBeVisible();
    await expect(publishing.getByText("No unpublished changes.")).toBeVisible();
  });

  await test.step("the learner sees the new text and keeps their progress", async () => {
    await learner.reload();
    await expect(learner.locator("#section-key-concepts")).toContainText(NEW_TEXT);
    await expect(learner.locator("#section-key-concepts").getByText("Done", { exact: true })).toBeVisible();
    await expect(learner.getByText(/^1 of \d+ sections done$/)).toBeVisible();
  });
  await learnerContext.close();
});

test("the instructor uploads a scene recording and an image; a file whose bytes are not media is refused", async ({ page }) => {
  await signIn(page, demo.instructor);

  await test.step("an image for the course, served back as an image that browsers will not sniff", async () => {
    await page.goto(`/studio/courses/${COURSE}`);
    const images = page.getByRole("region", { name: "Images" });
    await images.getByLabel("Upload an image", { exact: true }).setInputFiles({ name: "chart.png", mimeType: "image/png", buffer: PNG });
    await expect(images.getByText("Uploaded.")).toBeVisible();
    const snippet = await images.getByLabel("Markdown for this image", { exact: true }).inputValue();
    const url = /\((\/courses\/unit-economics\/media\/uploads\/[0-9a-f]{32}\.png)\)/.exec(snippet)?.[1];
    expect(url, snippet).toBeTruthy();
    const served = await page.request.get(url!);
    expect(served.status()).toBe(200);
    expect(served.headers()["content-type"]).toBe("image/png");
    expect(served.headers()["x-content-type-options"]).toBe("nosniff");
    expect(Buffer.from(await served.body()).equals(PNG)).toBe(true);

    // A page of HTML renamed to .png is judged by its bytes and refused, with a sentence.
    await images.getByLabel("Upload an image", { exact: true }).setInputFiles({ name: "innocent.png", mimeType: "image/png", buffer: Buffer.from("<html><script>alert(1)</script></html>") });
    await expect(images.getByRole("alert")).toContainText("its contents were checked, not its name");
  });

  await test.step("a recording of a scene, kept in the lesson's draft and then discarded", async () => {
    await openLessonEditor(page);
    const audio = page.getByRole("group", { name: "Audio lesson", exact: true });
    await audio.getByLabel("Upload a recording of this scene", { exact: true }).first().setInputFiles({ name: "scene.wav", mimeType: "audio/wav", buffer: silentWav() });
    const recording = audio.locator("audio").first();
    await expect(recording).toHaveAttribute("src", /\/courses\/unit-economics\/media\/uploads\/[0-9a-f]{32}\.wav$/);
    await expect(saveStatus(page)).toHaveText("Saved");
    const served = await page.request.get((await recording.getAttribute("src"))!);
    expect(served.headers()["content-type"]).toBe("audio/wav");

    await page.goto(`/studio/courses/${COURSE}`);
    const publishing = page.getByRole("region", { name: "Publishing" });
    await expect(publishing).toContainText("Changed section: Audio lesson");
    page.once("dialog", (dialog) => void dialog.accept());
    await publishing.getByRole("button", { name: "Discard changes" }).click();
    await expect(publishing.getByText("No unpublished changes.")).toBeVisible();
  });
});
