import type { z } from "zod";
import { LAB_PRESETS } from "@/lib/ml/presets";
import type { courseFile, lessonFile, questionSchema, SectionType } from "@/lib/content/schema";

// The editors' state: the content format's input types, except that numbers may be empty while an
// author types. Whatever is incomplete is reported by the server's check, field by field.

type Editable<T> = T extends number
  ? number | undefined
  : T extends string | boolean | undefined
    ? T
    : T extends readonly (infer U)[]
      ? Editable<U>[]
      : T extends object
        ? { [K in keyof T]: Editable<T[K]> }
        : T;

export type LessonDraft = Editable<z.input<typeof lessonFile>>;
export type SectionDraft = LessonDraft["sections"][number];
export type SectionOf<T extends SectionType> = Extract<SectionDraft, { type: T }>;
export type QuestionDraft = Editable<z.input<typeof questionSchema>>;
export type QuestionType = QuestionDraft["type"];
export type QuestionOf<T extends QuestionType> = Extract<QuestionDraft, { type: T }>;
export type CourseFieldsDraft = Omit<Editable<z.input<typeof courseFile>>, "lessons" | "status">;

/** What a section editor receives. */
export type SectionEditorProps<T extends SectionType> = {
  section: SectionOf<T>;
  path: (string | number)[];
  onChange: (section: SectionOf<T>) => void;
};

const twoTurns = () => [
  { speaker: "teacher" as const, text: "" },
  { speaker: "student" as const, text: "" },
];

export const newItem = {
  scene: () => ({ title: "", turns: twoTurns() }),
  turn: (previous?: { speaker: "teacher" | "student" }) => ({ speaker: previous?.speaker === "teacher" ? ("student" as const) : ("teacher" as const), text: "" }),
  chapter: () => ({ title: "", points: [""], explanation: "", analogy: "" }),
  keyConcept: () => ({ term: "", explanation: "", card: true }),
  example: () => ({ title: "", scenario: "" }),
  memoryAid: () => ({ kind: "mnemonic" as const, title: "", text: "" }),
  glossaryEntry: () => ({ term: "", definition: "", card: true }),
  flashcard: () => ({ front: "", back: "" }),
  choice: () => ({ text: "", correct: false }),
  pair: () => ({ left: "", right: "" }),
};

/** A new section of a type, with one empty item to fill in. */
export function newSection(type: SectionType): SectionDraft {
  switch (type) {
    case "audio-lesson":
      return { type, scenes: [newItem.scene()] };
    case "summaries":
      return { type, basic: "", medium: "", detailed: "" };
    case "audiobook":
      return { type, chapters: [newItem.chapter()] };
    case "key-concepts":
      return { type, items: [newItem.keyConcept()] };
    case "examples":
      return { type, items: [newItem.example()] };
    case "memory-aids":
      return { type, items: [newItem.memoryAid()] };
    case "glossary":
      return { type, items: [newItem.glossaryEntry()] };
    case "flashcards":
      return { type, items: [newItem.flashcard()] };
    case "quiz":
      return { type, passPercent: 70, questions: [newQuestion("single-choice")] };
    case "lab":
      return { type, title: "", preset: LAB_PRESETS[0]?.id ?? "", intro: "" };
  }
}

type QuestionBase = Pick<QuestionDraft, "key" | "prompt" | "explanation" | "teaches" | "points">;

/** A question of `type` keeping what all types share (prompt, explanation, points, key). */
export function newQuestion(type: QuestionType, base: QuestionBase = { prompt: "", explanation: "", points: 1 }): QuestionDraft {
  const shared = { key: base.key, prompt: base.prompt, explanation: base.explanation, teaches: base.teaches, points: base.points };
  switch (type) {
    case "single-choice":
    case "multiple-select":
      return { type, ...shared, options: [newItem.choice(), newItem.choice()] };
    case "true-false":
      return { type, ...shared, answer: true };
    case "short-text":
      return { type, ...shared, accepted: [""] };
    case "numeric":
      return { type, ...shared, answer: undefined, tolerance: 0 };
    case "ordering":
      return { type, ...shared, items: ["", ""] };
    case "matching":
      return { type, ...shared, pairs: [newItem.pair(), newItem.pair()] };
    case "cloze":
      return { type, ...shared, text: "" };
  }
}

/** The keys the server gave new items, by section and item (and a question's options). */
export type SavedKeys = { key: string; options?: string[] }[][];

type Keyed = { key?: string };

/**
 * Writes the keys of a save into the draft that was saved, so an item keeps its key (and learners'
 * progress) when its term or title is edited later. Keys already there are kept.
 */
export function withSavedKeys(draft: LessonDraft, keys: SavedKeys): LessonDraft {
  return {
    ...draft,
    sections: draft.sections.map((section, s) => {
      const field = "scenes" in section ? "scenes" : "chapters" in section ? "chapters" : "questions" in section ? "questions" : "items" in section ? "items" : null;
      if (!field) return section;
      const items = (section as unknown as Record<string, (Keyed & { options?: Keyed[] })[]>)[field]!;
      const saved = keys[s] ?? [];
      const keyed = items.map((item, i) => {
        const savedItem = saved[i];
        if (!savedItem) return item;
        const options = item.options?.map((option, o) => ({ ...option, key: option.key ?? savedItem.options?.[o] }));
        return { ...item, key: item.key ?? savedItem.key, ...(options ? { options } : {}) };
      });
      return { ...section, [field]: keyed } as SectionDraft;
    }),
  };
}
