import { describe, expect, it } from "vitest";
import { lessonFile, sectionSchema } from "./schema";
import { joinSection, splitSection } from "./sections";

describe("splitSection / joinSection", () => {
  it("splits a section into row data and keyed items, and joins it back", () => {
    const section = sectionSchema.parse({
      type: "quiz",
      title: "Check",
      questions: [
        {
          type: "single-choice",
          prompt: "Pick one?",
          explanation: "A.",
          options: [
            { text: "A", correct: true },
            { key: "b", text: "B" },
          ],
        },
        { key: "tf", type: "true-false", prompt: "True?", explanation: "Yes.", answer: true },
      ],
    });
    const record = splitSection(section);
    expect(record).toEqual({
      type: "quiz",
      data: { title: "Check", passPercent: 70 },
      items: [
        {
          key: "pick-one",
          kind: "question",
          data: {
            type: "single-choice",
            prompt: "Pick one?",
            explanation: "A.",
            points: 1,
            options: [
              { key: "a", text: "A", correct: true },
              { key: "b", text: "B", correct: false },
            ],
          },
        },
        {
          key: "tf",
          kind: "question",
          data: { type: "true-false", prompt: "True?", explanation: "Yes.", answer: true, points: 1 },
        },
      ],
    });
    const joined = sectionSchema.parse(joinSection(record));
    expect(splitSection(joined)).toEqual(record);
  });

  it("keeps sections without items whole", () => {
    const section = sectionSchema.parse({ type: "lab", title: "Lab", preset: "transfer-digits", intro: "Go." });
    expect(splitSection(section)).toEqual({
      type: "lab",
      data: { title: "Lab", preset: "transfer-digits", intro: "Go." },
      items: [],
    });
  });

  it("round-trips every section of a lesson", () => {
    const lesson = lessonFile.parse({
      slug: "l",
      title: "L",
      summary: "S",
      objectives: ["O"],
      estimatedMinutes: 5,
      sections: [
        {
          type: "audio-lesson",
          scenes: [
            {
              title: "Hi",
              turns: [
                { speaker: "teacher", text: "a" },
                { speaker: "student", text: "b" },
              ],
            },
          ],
        },
        { type: "summaries", basic: "b", medium: "m", detailed: "d" },
        { type: "glossary", items: [{ term: "T", definition: "D", card: false }] },
      ],
    });
    for (const section of lesson.sections) {
      const record = splitSection(section);
      expect(splitSection(sectionSchema.parse(joinSection(record)))).toEqual(record);
    }
  });
});
