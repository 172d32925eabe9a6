import { describe, expect, it } from "vitest";
import { diffCourse, displayValue, type CourseDocument } from "./diff";
import type { JsonObject } from "./sections";

const lesson = (id: string, title: string, definition = "A typed part of a lesson."): { id: string; file: JsonObject } => ({
  id,
  file: {
    slug: id,
    title,
    summary: "s",
    sections: [
      { type: "summaries", basic: "Short.", medium: "Medium.", detailed: "Long." },
      { type: "glossary", items: [{ key: "section", term: "Section", definition }, { key: "item", term: "Item", definition: "One keyed thing." }] },
    ],
  },
});

const published: CourseDocument = { fields: { title: "Course", tags: ["a", "b"] }, lessons: [lesson("one", "One"), lesson("two", "Two")] };

describe("diffCourse", () => {
  it("finds no change between a document and itself", () => {
    expect(diffCourse(published, structuredClone(published))).toEqual({ fields: [], lessons: [], reordered: false, count: 0 });
  });

  it("reports changed fields, sections and items by key, before and after", () => {
    const draft = structuredClone(published);
    draft.fields.tags = ["a", "c"];
    draft.lessons[0] = lesson("one", "One", "Edited.");
    (draft.lessons[0]!.file.sections as JsonObject[])[0]!.basic = "Shorter.";
    const diff = diffCourse(published, draft);
    expect(diff.fields).toEqual([{ field: "tags", before: "a · b", after: "a · c" }]);
    expect(diff.lessons).toEqual([
      {
        id: "one",
        title: "One",
        change: "changed",
        fields: [],
        sections: [
          { type: "summaries", change: "changed", fields: [{ field: "basic", before: "Short.", after: "Shorter." }], items: [] },
          { type: "glossary", change: "changed", fields: [], items: [{ key: "section", label: "Section", change: "changed", fields: [{ field: "definition", before: "A typed part of a lesson.", after: "Edited." }] }] },
        ],
      },
    ]);
    expect(diff.count).toBe(3);
  });

  it("matches lessons by id: a new slug is a changed field; added, removed and reordered lessons are named", () => {
    const draft: CourseDocument = {
      fields: published.fields,
      lessons: [{ ...lesson("two", "Two"), file: { ...lesson("two", "Two").file, slug: "two-renamed" } }, lesson("three", "Three")],
    };
    const diff = diffCourse(published, draft);
    expect(diff.lessons.map((change) => [change.change, change.title, change.fields.map((field) => field.field)])).toEqual([
      ["changed", "Two", ["slug"]],
      ["added", "Three", []],
      ["removed", "One", []],
    ]);
    expect(diff.reordered).toBe(false);
    expect(diffCourse(published, { ...published, lessons: [published.lessons[1]!, published.lessons[0]!] })).toMatchObject({ reordered: true, count: 1 });
  });

  it("counts an added or removed item and a section change, and ignores key order inside values", () => {
    const draft = structuredClone(published);
    const glossary = (draft.lessons[1]!.file.sections as JsonObject[])[1]!;
    glossary.items = [{ definition: "A typed part of a lesson.", term: "Section", key: "section" }, { key: "new", term: "New", definition: "Added." }];
    const diff = diffCourse(published, draft);
    expect(diff.lessons[0]!.sections[0]!.items.map((item) => [item.change, item.key])).toEqual([
      ["added", "new"],
      ["removed", "item"],
    ]);
    expect(diff.count).toBe(2);
  });
});

describe("displayValue", () => {
  it("writes nested values as one line, leaving keys out", () => {
    expect(displayValue([{ key: "k", speaker: "teacher", text: "Hi" }, { speaker: "student", text: "Hello" }])).toBe("speaker: teacher; text: Hi · speaker: student; text: Hello");
    expect(displayValue(null)).toBe("");
    expect(displayValue(true)).toBe("true");
  });
});
