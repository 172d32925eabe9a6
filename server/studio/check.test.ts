import { describe, expect, it } from "vitest";
import { checkCourseFields, checkLesson, checkNewCourse, courseBlocker } from "./check";

const lesson = {
  slug: "intro",
  title: "Intro",
  summary: "The first lesson.",
  objectives: ["Start"],
  estimatedMinutes: 5,
  sections: [{ type: "glossary", items: [{ term: "Key", definition: "A stable name." }] }],
};

describe("studio checks", () => {
  it("accepts a complete lesson and applies the format's defaults", () => {
    const checked = checkLesson(lesson);
    expect(checked.ok).toBe(true);
    expect(checked.data?.sections[0]).toEqual({ type: "glossary", items: [{ term: "Key", definition: "A stable name.", card: true }] });
  });

  it("reports problems by field path with content:check's sentences", () => {
    const checked = checkLesson({ ...lesson, title: " ", estimatedMinutes: undefined, extra: 1, sections: [{ type: "poems" }] });
    expect(checked).toEqual({
      ok: false,
      data: null,
      problems: {
        title: ["must not be empty"],
        estimatedMinutes: ["is required"],
        extra: ["is not a known field (misspelled?)"],
        "sections[0].type": [
          'unknown section type "poems"; allowed: audio-lesson, summaries, audiobook, key-concepts, examples, memory-aids, glossary, flashcards, quiz, lab',
        ],
      },
    });
  });

  it("runs the rules beyond the schema once the schema passes", () => {
    const duplicate = { ...lesson, sections: [{ type: "glossary", items: [{ term: "Key", definition: "a" }, { term: "key", definition: "b" }] }] };
    expect(checkLesson(duplicate).problems).toEqual({
      "sections[0].items[1].term": ['derived key "key" is already used by items[0]; give one of them an explicit key'],
    });
  });

  it("keeps text that looks like other YAML types as text", () => {
    const checked = checkLesson({ ...lesson, title: "true", summary: "3", objectives: ["null", "a: b", "- dash"] });
    expect(checked.data).toMatchObject({ title: "true", summary: "3", objectives: ["null", "a: b", "- dash"] });
  });

  it("checks course fields against the site's categories, and a new course's few fields", () => {
    const fields = { slug: "c", title: "C", category: "art", level: "beginner", summary: "s", description: "d", estimatedMinutes: 5, authors: ["A"] };
    expect(checkCourseFields(fields, ["art"]).ok).toBe(true);
    expect(checkCourseFields(fields, ["business"]).problems).toEqual({ category: ['unknown category "art"; categories.yaml defines: business'] });
    expect(checkCourseFields({ ...fields, lessons: ["x"] }, ["art"]).problems).toEqual({ lessons: ["is not a known field (misspelled?)"] });
    expect(checkNewCourse({ slug: "Not A Slug", title: "T", category: "art", level: "beginner" }, ["art"]).problems).toEqual({
      slug: ["must be lowercase words joined by hyphens, like feature-extraction"],
    });
  });

  it("says in one sentence why a course cannot be published", () => {
    expect(courseBlocker("published", { problemCount: 0, lessons: [] })).toBe("This course cannot be published yet: it has no lesson. Add one first.");
    expect(courseBlocker("published", { problemCount: 0, lessons: [{ title: "A", problemCount: 0 }] })).toBeNull();
    expect(
      courseBlocker("exported", {
        problemCount: 1,
        lessons: [
          { title: "A", problemCount: 2 },
          { title: "B", problemCount: 0 },
          { title: "C", problemCount: 1 },
        ],
      }),
    ).toBe('This course cannot be exported yet: the course details have 1 problem, lesson "A" has 2 problems and lesson "C" has 1 problem. Fix them in the editor first.');
  });
});
