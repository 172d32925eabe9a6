import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { expect, test } from "@playwright/test";
import { signIn, uniqueEmail } from "./helpers";

/** The longest stretch of plain words in `text`, so HTML or JSON escaping cannot hide a match. */
function plainRun(text: string): string {
  const runs = text.match(/[A-Za-z][A-Za-z ]{14,}[A-Za-z]/g) ?? [];
  const longest = runs.sort((a, b) => b.length - a.length)[0];
  if (!longest) throw new Error(`no plain words to look for in: ${text}`);
  return longest.slice(0, 60);
}

const courseCards = (page: import("@playwright/test").Page) => page.getByRole("main").getByRole("heading", { level: 2 });

test("a learner browses, filters, searches, enrolls, and finds the course in My courses", async ({ page }) => {
  // A fresh learner, so enrollments from other tests do not matter.
  const email = uniqueEmail("catalog");
  await page.goto("/sign-up");
  await page.getByLabel("Display name").fill("Catalog Learner");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("catalog-password");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/dashboard/);
  const choose = page.getByRole("region", { name: "Choose a course to start" });
  await expect(choose.getByRole("link", { name: "Transfer Learning" })).toBeVisible();

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Courses" }).click();
  // By category (Business, Technology, Design), then title.
  await expect(courseCards(page)).toHaveText(["Unit Economics", "SQL Basics", "Transfer Learning", "Visual Hierarchy"]);

  await page.getByLabel("Category").selectOption({ label: "Design" });
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(courseCards(page)).toHaveText(["Visual Hierarchy"]);

  await page.getByLabel("Category").selectOption({ label: "All categories" });
  await page.getByLabel("Level").selectOption({ label: "Intermediate" });
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(courseCards(page)).toHaveText(["Transfer Learning"]);

  await page.getByRole("link", { name: "Clear filters" }).click();
  // Typing before the cleared page is in would fill the old form, which still holds the level.
  await expect(page).toHaveURL(/\/courses$/);
  await expect(page.getByLabel("Level")).toHaveValue("");
  await page.getByLabel("Search title or tag").fill("sql");
  await page.keyboard.press("Enter");
  await expect(courseCards(page)).toHaveText(["SQL Basics"]);

  await page.getByLabel("Search title or tag").fill("no such course anywhere");
  await page.keyboard.press("Enter");
  await expect(page.getByText("No published course matches these filters.")).toBeVisible();

  await page.goto("/courses/transfer-learning");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Transfer Learning");
  await expect(page.getByRole("heading", { name: "Syllabus" })).toBeVisible();
  await page.getByRole("button", { name: "Enroll" }).click();
  await expect(page.getByText("You are enrolled in this course.")).toBeVisible();
  // Enrolled: the first action is to start lesson 1, not to leave.
  const start = page.getByRole("link", { name: "Start lesson 1: What transfer learning is" });
  await expect(start).toBeVisible();
  await start.click();
  await expect(page).toHaveURL(/\/courses\/transfer-learning\/lessons\/what-is-transfer-learning$/);
  await page.goto("/dashboard");
  await expect(page.getByRole("region", { name: "Choose a course to start" })).toHaveCount(0);

  await page.goto("/my-courses");
  const card = page.getByRole("main").getByRole("listitem").filter({ hasText: "Transfer Learning" });
  await expect(card).toBeVisible();
  await card.getByRole("link", { name: /^Continue:/ }).click();
  await expect(page).toHaveURL(/\/courses\/transfer-learning\/lessons\//);

  // The lesson offers every format, and the summary depths work from the keyboard.
  const formats = page.getByRole("navigation", { name: "Formats of this lesson" }).getByRole("link");
  await expect(formats).toContainText(["Audio lesson", "Summary", "Audiobook", "Key concepts", "Examples", "Memory aids", "Glossary", "Flashcards", "Quiz", "Lab"]);
  const basic = page.getByRole("tab", { name: "Basic" });
  await basic.focus();
  await page.keyboard.press("ArrowRight");
  await expect(page.getByRole("tab", { name: "Medium" })).toHaveAttribute("aria-selected", "true");
  await expect(page.getByRole("tab", { name: "Medium" })).toBeFocused();

  await page.goto("/courses/transfer-learning");
  await page.getByRole("button", { name: "Leave course" }).click();
  await expect(page.getByRole("button", { name: "Enroll" })).toBeVisible();
  await page.goto("/my-courses");
  await expect(page.getByText("You are not enrolled in any course yet.")).toBeVisible();
});

test("a lesson page never carries quiz questions or answers", async ({ page }) => {
  const course = parse(readFileSync("content/courses/transfer-learning/course.yaml", "utf8")) as { lessons: string[] };
  const lessonSlug = course.lessons[0]!;
  const lesson = parse(readFileSync(`content/courses/transfer-learning/lessons/${lessonSlug}.yaml`, "utf8")) as {
    sections: { type: string; questions?: { prompt: string; explanation: string }[] }[];
  };
  const questions = lesson.sections.find((section) => section.type === "quiz")?.questions ?? [];
  expect(questions.length).toBeGreaterThan(0);

  await signIn(page, { email: "learner@learnloop.local", password: "learnloop-learner" });
  const response = await page.goto(`/courses/transfer-learning/lessons/${lessonSlug}`);
  expect(response?.status()).toBe(200);
  await expect(page.locator("#section-quiz")).toContainText(/This lesson's quiz has \d+ questions/);
  // The page and its serialized props: prompts and explanations belong to the quiz, served one
  // question at a time after the learner starts it.
  const html = await page.content();
  const flight = await (await page.request.get(`/courses/transfer-learning/lessons/${lessonSlug}`, { headers: { RSC: "1" } })).text();
  for (const question of questions) {
    for (const probe of [plainRun(question.explanation)]) {
      expect(html).not.toContain(probe);
      expect(flight).not.toContain(probe);
    }
  }
});

test("an unknown course is a 404", async ({ page }) => {
  const response = await page.goto("/courses/no-such-course");
  expect(response?.status()).toBe(404);
});
