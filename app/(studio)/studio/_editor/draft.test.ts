import { describe, expect, it } from "vitest";
import { SECTION_TYPES } from "@/lib/content/schema";
import { newQuestion, newSection, withSavedKeys, type LessonDraft } from "./draft";

describe("lesson drafts", () => {
  it("starts every section type with one item to fill in", () => {
    for (const type of SECTION_TYPES) expect(newSection(type).type).toBe(type);
    expect(newSection("audio-lesson")).toEqual({ type: "audio-lesson", scenes: [{ title: "", turns: [{ speaker: "teacher", text: "" }, { speaker: "student", text: "" }] }] });
  });

  it("keeps what question types share when the type changes", () => {
    const choice = newQuestion("single-choice", { key: "q", prompt: "Why?", explanation: "Because.", points: 3 });
    expect(newQuestion("cloze", choice)).toEqual({ type: "cloze", key: "q", prompt: "Why?", explanation: "Because.", teaches: undefined, points: 3, text: "" });
  });

  it("writes the keys of a save into new items and options, keeping keys already there", () => {
    const draft: LessonDraft = {
      slug: "l",
      title: "L",
      summary: "S",
      objectives: ["O"],
      estimatedMinutes: 5,
      sections: [
        { type: "summaries", basic: "b", medium: "m", detailed: "d" },
        { type: "glossary", items: [{ key: "kept", term: "Renamed", definition: "d" }, { term: "New", definition: "d" }] },
        { type: "quiz", questions: [{ type: "single-choice", prompt: "P", explanation: "E", options: [{ text: "A", correct: true }, { key: "b", text: "B" }] }] },
      ],
    };
    const keyed = withSavedKeys(draft, [[], [{ key: "kept" }, { key: "new" }], [{ key: "p", options: ["a", "b"] }]]);
    expect(keyed.sections[1]).toMatchObject({ items: [{ key: "kept", term: "Renamed" }, { key: "new", term: "New" }] });
    expect(keyed.sections[2]).toMatchObject({ questions: [{ key: "p", options: [{ key: "a", text: "A" }, { key: "b", text: "B" }] }] });
    expect(keyed.sections[0]).toBe(draft.sections[0]);
  });
});
