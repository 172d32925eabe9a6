import { readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { checkContent } from "@/server/content/snapshot";
import { formatProblem, loadContent, parseLessonFile } from "./load";

const here = path.dirname(fileURLToPath(import.meta.url));
const projectRoot = path.resolve(here, "..", "..");
const broken = (name: string) => path.join(here, "fixtures", "broken", name);

// A small measurements file (fashion-5-9: feature extraction clearly ahead of from scratch at 5 per
// class; from scratch catches up at 10, so 2× the data), for the {measure: …} token cases.
const fixtureMeasurements = path.join(here, "fixtures", "measurements");

async function problemsOf(root: string, measurementsDir = fixtureMeasurements): Promise<string[]> {
  const result = await checkContent({ root, measurementsDir });
  return result.problems.map((problem) => formatProblem(problem));
}

const LESSON = "courses/demo/lessons/intro.yaml";
const COURSE = "courses/demo/course.yaml";

// One fixture folder per kind of problem, each a minimal content tree with exactly that defect.
const cases: Record<string, string[]> = {
  "yaml-syntax": [
    `${LESSON}:2: (yaml): is not valid YAML: Nested mappings are not allowed in compact mappings (put text that contains ": " in quotes)`,
  ],
  "missing-field": [`${COURSE}:1: title: is required`],
  "unknown-field": [`${COURSE}:5: difficulty: is not a known field (misspelled?)`],
  "invalid-value": [`${COURSE}:4: level: must be one of: beginner, intermediate, advanced`],
  "unknown-section-type": [
    `${LESSON}:12: sections[1].type: unknown section type "video"; allowed: audio-lesson, summaries, audiobook, key-concepts, examples, memory-aids, glossary, flashcards, quiz, lab`,
  ],
  "duplicate-section-type": [
    `${LESSON}:12: sections[1].type: section type "glossary" already appears at sections[0]; each type may appear once per lesson`,
  ],
  "missing-lesson-file": [`${COURSE}:12: lessons[1]: lesson "basics" has no file lessons/basics.yaml`],
  "unlisted-lesson-file": ["courses/demo/lessons/extra.yaml:1: (file): is not listed in courses/demo/course.yaml's lessons"],
  "lesson-slug-mismatch": [`${LESSON}:1: slug: must match the file name "intro.yaml"`],
  "course-slug-mismatch": [`${COURSE}:1: slug: must match the folder name "demo"`],
  "unknown-category": [`${COURSE}:3: category: unknown category "cooking"; categories.yaml defines: science`],
  "missing-categories": ["categories.yaml:1: (file): is missing; it defines the categories courses may use"],
  "duplicate-explicit-key": [`${LESSON}:13: sections[0].items[1].key: key "letter" is already used by items[0]`],
  "duplicate-derived-key": [
    `${LESSON}:12: sections[0].items[1].term: derived key "alpha" is already used by items[0]; give one of them an explicit key`,
  ],
  "underivable-key": [`${LESSON}:10: sections[0].items[0].front: cannot derive a key from this front; add an explicit key`],
  "single-choice-correct-count": [
    `${LESSON}:17: sections[1].questions[0].options: a single-choice question needs exactly one correct option, not 2`,
  ],
  "multiple-select-no-correct": [
    `${LESSON}:17: sections[1].questions[0].options: a multiple-select question needs at least one correct option`,
  ],
  "cloze-without-blanks": [`${LESSON}:17: sections[1].questions[0].text: must contain at least one blank written as [[answer]]`],
  "numeric-negative-tolerance": [`${LESSON}:18: sections[1].questions[0].tolerance: must not be negative`],
  "teaches-absent-section": [
    `${LESSON}:18: sections[1].questions[0].teaches: names a "key-concepts" section, which this lesson does not have; it has: glossary, quiz`,
  ],
  "unknown-lab-preset": [
    `${LESSON}:14: sections[1].preset: unknown lab preset "transfer-everything"; available: transfer-feature-extraction, transfer-fine-tuning, transfer-from-scratch, transfer-compare-strategies, transfer-digits`,
  ],
  "missing-audio": [`${LESSON}:11: sections[0].scenes[0].audio: file "audio/hello.mp3" does not exist in the course folder`],
  "raw-html": [
    `${COURSE}:6: description: contains raw HTML (<script>), which is never rendered; write it in Markdown instead`,
    `${LESSON}:11: sections[0].items[0].definition: contains raw HTML (<img>), which is never rendered; write it in Markdown instead`,
    `${LESSON}:13: sections[0].items[1].definition: contains raw HTML (<b>), which is never rendered; write it in Markdown instead`,
  ],
  "unsafe-url": [
    `${LESSON}:11: sections[0].items[0].scenario: links to a javascript: URL, which is never rendered; use an http(s), mailto or relative URL`,
    `${LESSON}:13: sections[0].items[1].scenario: links to a data: URL, which is never rendered; use an http(s), mailto or relative URL`,
    `${LESSON}:15: sections[0].items[2].scenario: links to a vbscript: URL, which is never rendered; use an http(s), mailto or relative URL`,
  ],
  "measure-missing": [
    `${LESSON}:14: sections[0].items[1].definition: {measure: fashion-5-9/fine-tuning@5}: fashion-5-9 has no fine-tuning measurement at 5/class`,
    `${LESSON}:17: sections[0].items[2].definition: {measure: fashion-tops/feature-extraction@5}: there are no measurements of fashion-tops (run \`npm run ml:measure -- fashion-tops\`)`,
  ],
  "measure-claim-mismatch": [
    `${LESSON}:11: sections[0].items[0].definition: {measure: fashion-5-9/feature-extraction@5/vs/from-scratch@5}: claim "no clear difference" disagrees with the stored interval (+6.7 points, 95% interval +5.9 to +7.4; ahead in 3 of 3 seeds): that is "clearly better"`,
    `${LESSON}:14: sections[0].items[1].definition: {measure: fashion-5-9/data-ratio@5}: claim "about 5×" disagrees with the measured ratio of 2×`,
  ],
  "unknown-source": [`${LESSON}:14: sections[0].items[1].definition: {cite: nobody-2020}: no source "nobody-2020" in content/sources.yaml`],
};

describe("content check", () => {
  it.each(Object.entries(cases))("reports %s with its file, line and field", async (name, expected) => {
    expect(await problemsOf(broken(name))).toEqual(expected);
  });

  it("has a test for every broken fixture", () => {
    expect(readdirSync(path.join(here, "fixtures", "broken")).sort()).toEqual(Object.keys(cases).sort());
  });

  it("accepts the valid fixture and counts what it holds", async () => {
    const result = await checkContent({ root: path.join(here, "fixtures", "valid") });
    expect(result.problems).toEqual([]);
    expect(result.stats).toEqual({ courses: 1, lessons: 2, items: 22 });
  });

  it("accepts an empty content folder", async () => {
    expect(await checkContent({ root: path.join(here, "fixtures", "does-not-exist") })).toMatchObject({
      ok: true,
      stats: { courses: 0, lessons: 0, items: 0 },
    });
  });

  it("checks several problems of one file in one run", () => {
    const text = [
      "slug: intro",
      "title: ''",
      "summary: The intro.",
      "objectives: []",
      "estimatedMinutes: 0",
      "sections:",
      "  - type: glossary",
      "    items: []",
    ].join("\n");
    const result = parseLessonFile("intro.yaml", text);
    expect(result.data).toBeNull();
    expect(result.problems.map((problem) => formatProblem(problem))).toEqual([
      "intro.yaml:2: title: must not be empty",
      "intro.yaml:4: objectives: must list at least one objective",
      "intro.yaml:5: estimatedMinutes: must be at least 1",
      "intro.yaml:8: sections[0].items: must have at least 1 item",
    ]);
  });

  it("prefixes problems with the content root", () => {
    const result = loadContent({
      files: new Map([["courses/x/course.yaml", "slug: x"]]),
      paths: new Set(["courses/x/course.yaml"]),
    });
    expect(result.problems.map((problem) => formatProblem(problem, "content"))[0]).toBe(
      "content/categories.yaml:1: (file): is missing; it defines the categories courses may use",
    );
  });

  // The shipped catalog: other authors write it; this keeps it importable.
  it("passes for the shipped content/, against the shipped measurements", async () => {
    expect(await problemsOf(path.join(projectRoot, "content"), path.join(projectRoot, "public", "models"))).toEqual([]);
  });
});
