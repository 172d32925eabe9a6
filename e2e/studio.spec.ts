import { expect, test, type Locator, type Page } from "@playwright/test";
import { demo, signIn, uniqueEmail } from "./helpers";

// The instructor's journey: a course with one lesson holding every section type, written through
// the studio's forms, published, found by a learner; and another instructor kept out of it, in the
// UI and through the API. Each section gets one minimal item: enough to prove its form saves.

const suffix = `${Date.now()}`.slice(-6);
const courseTitle = `Studio Journey ${suffix}`;
const courseSlug = `studio-journey-${suffix}`;
const lessonTitle = "Everything at once";

const saveStatus = (scope: Locator) => scope.getByRole("status");
const section = (page: Page, legend: string) => page.getByRole("group", { name: legend, exact: true });

async function addSection(page: Page, label: string): Promise<Locator> {
  await page.getByLabel("Section type", { exact: true }).selectOption({ label });
  await page.getByRole("button", { name: "Add section" }).click();
  return section(page, label);
}

async function fill(scope: Locator, values: Record<string, string>) {
  for (const [label, value] of Object.entries(values)) await scope.getByLabel(label, { exact: true }).fill(value);
}

test("an instructor writes and publishes a course with every section type; a learner finds it; another instructor cannot edit it", async ({ browser, page }) => {
  test.setTimeout(240_000);

  await test.step("the instructor creates a draft course", async () => {
    await signIn(page, demo.instructor);
    await page.goto("/studio");
    await page.getByRole("link", { name: "New course" }).click();
    await page.getByLabel("Course title", { exact: true }).fill(courseTitle);
    await expect(page.getByLabel("Course slug", { exact: true })).toHaveValue(courseSlug);
    await page.getByLabel("Category", { exact: true }).selectOption({ label: "Technology" });
    await page.getByRole("button", { name: "Create course" }).click();
    await expect(page).toHaveURL(new RegExp(`/studio/courses/${courseSlug}$`));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(courseTitle);

    const details = page.getByRole("region", { name: "Course details" });
    await details.getByLabel("Course summary", { exact: true }).fill("A course written end to end in the studio.");
    await details.getByLabel("Description", { exact: true }).fill("Written **in the studio**, one form at a time.");
    await expect(details.getByRole("group", { name: "Preview of Description" }).locator("strong")).toHaveText("in the studio");
    await expect(saveStatus(details)).toHaveText("Saved");
  });

  await test.step("the instructor adds a lesson and fills a section of every type", async () => {
    await page.getByLabel("New lesson title", { exact: true }).fill(lessonTitle);
    await page.getByRole("button", { name: "Add lesson" }).click();
    await expect(page).toHaveURL(/\/studio\/courses\/[^/]+\/lessons\/[^/]+$/);
    const main = page.getByRole("main");
    await expect(saveStatus(main)).toContainText("problems to fix");

    await main.getByLabel("Lesson summary", { exact: true }).fill("One lesson, every format.");
    await main.getByRole("button", { name: "Add objective" }).click();
    await main.getByLabel("Objective 1", { exact: true }).fill("See every section type in one place");

    const audio = await addSection(page, "Audio lesson");
    await audio.getByLabel("Scene title", { exact: true }).fill("Opening");
    await audio.getByLabel("What they say", { exact: true }).nth(0).fill("Welcome to the studio journey.");
    await audio.getByLabel("What they say", { exact: true }).nth(1).fill("Happy to be here.");

    await fill(await addSection(page, "Summary"), {
      "Basic summary": "Every format, once.",
      "Medium summary": "A lesson that holds every section type.",
      "Detailed summary": "A lesson that holds **every** section type, each with one item.",
    });
    const audiobook = await addSection(page, "Audiobook");
    await fill(audiobook, { "Chapter title": "Chapter one", "Point 1": "Formats help recall", Explanation: "Each format works a different way.", Analogy: "Like tools in a toolbox." });
    await fill(await addSection(page, "Key concepts"), { Term: "Format", Explanation: "A way of presenting the same topic." });
    await fill(await addSection(page, "Examples"), { "Example title": "Commuting", Scenario: "Listening to the audio lesson on a train." });
    await fill(await addSection(page, "Memory aids"), { "Aid title": "FAST", "The aid": "Formats Aid Studying Together." });
    await fill(await addSection(page, "Glossary"), { Term: "Section", Definition: "A typed part of a lesson." });
    await fill(await addSection(page, "Flashcards"), { Front: "How many section types are there?", Back: "Ten." });

    const quiz = await addSection(page, "Quiz");
    await fill(quiz, { Prompt: "Which format is read aloud?", Explanation: "The audio lesson is a dialogue." });
    await quiz.getByLabel("Option text", { exact: true }).nth(0).fill("The audio lesson");
    await quiz.getByLabel("Option text", { exact: true }).nth(1).fill("The glossary");
    await quiz.getByLabel("Correct", { exact: true }).nth(0).check();

    const lab = await addSection(page, "Lab");
    await fill(lab, { "Lab title": "Try it", Introduction: "Train a model on a few examples." });

    await expect(page.getByLabel("Section type", { exact: true })).toHaveCount(0);
    await expect(saveStatus(main)).toHaveText("Saved", { timeout: 20_000 });
  });

  await test.step("the lesson keeps its content when opened again", async () => {
    await page.reload();
    await expect(section(page, "Glossary").getByLabel("Term", { exact: true })).toHaveValue("Section");
    await expect(section(page, "Glossary").getByText("Key section")).toBeVisible();
    await expect(section(page, "Quiz").getByLabel("Correct", { exact: true }).nth(0)).toBeChecked();
  });

  await test.step("the instructor publishes the course", async () => {
    await page.getByRole("navigation", { name: "Breadcrumb" }).getByRole("link", { name: courseTitle }).click();
    await expect(page.getByRole("group", { name: `Lesson 1: ${lessonTitle}` }).getByText("Complete")).toBeVisible();
    await page.getByRole("button", { name: "Publish", exact: true }).click();
    await expect(page.getByText("Published. Learners can now find it in the catalog.")).toBeVisible();
    await expect(page.getByRole("button", { name: "Unpublish" })).toBeVisible();
  });

  await test.step("a learner finds the course and opens its lesson", async () => {
    const context = await browser.newContext();
    const learner = await context.newPage();
    await signIn(learner, demo.learner);
    await learner.goto("/courses");
    await learner.getByLabel("Search title or tag", { exact: true }).fill(courseTitle);
    await learner.keyboard.press("Enter");
    await learner.getByRole("main").getByRole("link", { name: courseTitle }).click();
    await expect(learner.getByRole("heading", { level: 1 })).toHaveText(courseTitle);
    await expect(learner.getByText("Draft preview")).toHaveCount(0);
    await learner.getByRole("link", { name: `1. ${lessonTitle}` }).click();
    await expect(learner.getByRole("heading", { name: "Glossary" })).toBeVisible();
    await context.close();
  });

  await test.step("another instructor cannot edit it, in the studio or through the API", async () => {
    const email = uniqueEmail("second-instructor");
    const context = await browser.newContext();
    const other = await context.newPage();
    await other.goto("/sign-up");
    await other.getByLabel("Display name", { exact: true }).fill("Second Instructor");
    await other.getByLabel("Email", { exact: true }).fill(email);
    await other.getByLabel("Password", { exact: true }).fill("second-instructor-pw");
    await other.getByRole("button", { name: "Create account" }).click();
    await expect(other).toHaveURL(/\/dashboard/);

    const adminContext = await browser.newContext();
    const admin = await adminContext.newPage();
    await signIn(admin, demo.admin);
    await admin.goto("/admin/users");
    await admin.getByLabel("Search by name or email", { exact: true }).fill(email);
    await admin.getByLabel(`Role for ${email}`, { exact: true }).selectOption("INSTRUCTOR");
    await admin.getByRole("button", { name: `Save role for ${email}` }).click();
    await expect(admin.getByText("Role changed for Second Instructor.")).toBeVisible();
    await adminContext.close();

    expect((await other.goto("/studio"))?.status()).toBe(200);
    await expect(other.getByRole("link", { name: courseTitle })).toHaveCount(0);
    expect((await other.goto(`/studio/courses/${courseSlug}`))?.status()).toBe(404);
    expect((await other.goto(`/studio/courses/${courseSlug}/class`))?.status()).toBe(404);

    const read = await other.request.get(`/api/trpc/studio.get?input=${encodeURIComponent(JSON.stringify({ json: { slug: courseSlug } }))}`);
    expect(read.status()).toBe(404);
    expect((await read.json()).error.json.data.code).toBe("NOT_FOUND");
    for (const [procedure, input] of [
      ["studio.update", { slug: courseSlug, fields: { title: "Taken over" } }],
      ["studio.unpublish", { slug: courseSlug }],
      ["studio.addLesson", { slug: courseSlug, title: "Intruder" }],
    ] as const) {
      const write = await other.request.post(`/api/trpc/${procedure}`, { data: { json: input } });
      expect(write.status(), procedure).toBe(404);
      expect((await write.json()).error.json.data.code, procedure).toBe("NOT_FOUND");
    }
    await context.close();

    // Nothing changed: still published, same title, one lesson.
    await page.goto(`/courses/${courseSlug}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(courseTitle);
    await expect(page.getByRole("heading", { name: "Syllabus" })).toBeVisible();
    await expect(page.getByRole("main").getByRole("listitem")).toHaveCount(1);
  });
});
