import { z } from "zod";
import { isAllowedUrl } from "./markdown";

// The content format: the single definition of a course, used by the importer, the exporter, the
// studio and `npm run content:check`. Files live under content/:
//   content/categories.yaml                    the categories courses may use (extensible)
//   content/courses/<course>/course.yaml       a courseFile
//   content/courses/<course>/lessons/<lesson>.yaml   a lessonFile, listed in course.yaml's `lessons`
// Every item carries a stable `key`: written explicitly, or derived from its identifying field
// (term, title, front, prompt) by `lib/content/keys.ts`. Re-imports match items by key, so editing
// an item's text updates it in place and learners keep their progress, cards and attempts.

export const slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "must be lowercase words joined by hyphens, like feature-extraction");
const key = slug.max(80, "must be at most 80 characters");
const text = (max: number) => z.string().trim().min(1, "must not be empty").max(max, `must be at most ${max} characters`);
/** Markdown written by authors. Rendered sanitized: raw HTML is never live on the page. */
export const markdown = text(20_000);

export const LEVELS = ["beginner", "intermediate", "advanced"] as const;
export const SPEAKERS = ["teacher", "student"] as const;
export const MEMORY_AID_KINDS = ["mnemonic", "acronym", "rhyme", "story"] as const;
export const SUMMARY_LEVELS = ["basic", "medium", "detailed"] as const;
export const COURSE_STATUSES = ["draft", "published"] as const;

export const categoriesFile = z.object({
  categories: z
    .array(z.object({ slug, title: text(60), description: text(300) }).strict())
    .min(1, "must list at least one category"),
}).strict();

export const courseFile = z.object({
  slug,
  title: text(120),
  category: slug,
  level: z.enum(LEVELS),
  summary: text(300),
  description: markdown,
  estimatedMinutes: z.number().int().min(1).max(10_000),
  // Rendered as an image URL, so the same schemes as Markdown links: http(s) or relative.
  coverImage: z.string().trim().max(300).refine(isAllowedUrl, "must be an http(s) URL or a relative path").optional(),
  authors: z.array(text(100)).min(1, "must name at least one author"),
  tags: z.array(slug).max(20).default([]),
  // When true, enrolling adds every flashcard of the course to the learner's collection at once.
  addAllCardsOnEnroll: z.boolean().default(false),
  /** Shipped courses are published unless marked draft; the importer sets the course status. */
  status: z.enum(COURSE_STATUSES).optional(),
  lessons: z.array(slug).min(1, "must list at least one lesson"),
}).strict();

// ── Sections ────────────────────────────────────────────────────────────────────────────────────

const dialogueTurn = z.object({ speaker: z.enum(SPEAKERS), text: text(2_000) }).strict();
const scene = z.object({
  key: key.optional(),
  title: text(120),
  /** A recorded reading of the scene, relative to the course folder (e.g. audio/intro.mp3). */
  audio: z.string().trim().regex(/^[\w./-]+\.(mp3|ogg|m4a|wav|webm)$/, "must be a relative path to an .mp3, .ogg, .m4a, .wav or .webm file").optional(),
  turns: z.array(dialogueTurn).min(2, "must have at least two turns"),
}).strict();

const audioLessonSection = z.object({
  type: z.literal("audio-lesson"),
  title: text(120).optional(),
  scenes: z.array(scene).min(1, "must have at least one scene"),
}).strict();

const summariesSection = z.object({
  type: z.literal("summaries"),
  basic: markdown,
  medium: markdown,
  detailed: markdown,
}).strict();

const chapter = z.object({
  key: key.optional(),
  title: text(120),
  points: z.array(text(300)).min(1, "must have at least one point"),
  explanation: markdown,
  analogy: markdown,
}).strict();
const audiobookSection = z.object({
  type: z.literal("audiobook"),
  chapters: z.array(chapter).min(1, "must have at least one chapter"),
}).strict();

const keyConcept = z.object({
  key: key.optional(),
  term: text(120),
  explanation: markdown,
  /** Key concepts become flashcards unless this is false. */
  card: z.boolean().default(true),
}).strict();
const keyConceptsSection = z.object({ type: z.literal("key-concepts"), items: z.array(keyConcept).min(1) }).strict();

const example = z.object({ key: key.optional(), title: text(120), scenario: markdown }).strict();
const examplesSection = z.object({ type: z.literal("examples"), items: z.array(example).min(1) }).strict();

const memoryAid = z.object({
  key: key.optional(),
  kind: z.enum(MEMORY_AID_KINDS),
  title: text(120),
  text: text(2_000),
  /** What the aid helps remember, shown under it (e.g. the expansion of an acronym). */
  explanation: markdown.optional(),
}).strict();
const memoryAidsSection = z.object({ type: z.literal("memory-aids"), items: z.array(memoryAid).min(1) }).strict();

const glossaryEntry = z.object({
  key: key.optional(),
  term: text(120),
  definition: text(1_000),
  /** Glossary terms become flashcards unless this is false. */
  card: z.boolean().default(true),
}).strict();
const glossarySection = z.object({ type: z.literal("glossary"), items: z.array(glossaryEntry).min(1) }).strict();

const flashcard = z.object({ key: key.optional(), front: text(500), back: text(2_000) }).strict();
const flashcardsSection = z.object({ type: z.literal("flashcards"), items: z.array(flashcard).min(1) }).strict();

// ── Quiz questions (graded by the quiz domain; the format is fixed here) ─────────────────────────

const questionBase = {
  key: key.optional(),
  prompt: text(1_000),
  /** Shown after the learner answers. */
  explanation: markdown,
  /** The section of this lesson that teaches the answer, by type (e.g. key-concepts). */
  teaches: z.string().optional(),
  points: z.number().int().min(1).max(100).default(1),
};
const choice = z.object({ key: key.optional(), text: text(500), correct: z.boolean().default(false) }).strict();

export const questionSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("single-choice"), ...questionBase, options: z.array(choice).min(2).max(8) }).strict(),
  z.object({ type: z.literal("multiple-select"), ...questionBase, options: z.array(choice).min(2).max(10) }).strict(),
  z.object({ type: z.literal("true-false"), ...questionBase, answer: z.boolean() }).strict(),
  z.object({
    type: z.literal("short-text"),
    ...questionBase,
    /** Accepted answers; compared after folding case, whitespace and accents. */
    accepted: z.array(text(200)).min(1, "must list at least one accepted answer"),
  }).strict(),
  z.object({
    type: z.literal("numeric"),
    ...questionBase,
    answer: z.number().finite(),
    tolerance: z.number().min(0).default(0),
    unit: z.string().trim().max(20).optional(),
  }).strict(),
  z.object({
    type: z.literal("ordering"),
    ...questionBase,
    /** In the correct order; shown shuffled. */
    items: z.array(text(300)).min(2).max(10),
  }).strict(),
  z.object({
    type: z.literal("matching"),
    ...questionBase,
    pairs: z.array(z.object({ left: text(200), right: text(300) }).strict()).min(2).max(10),
  }).strict(),
  z.object({
    type: z.literal("cloze"),
    ...questionBase,
    /** Text with blanks written as [[answer]] or [[answer|alternative]]. */
    text: text(2_000),
  }).strict(),
]);
export type Question = z.infer<typeof questionSchema>;
export const QUESTION_TYPES = ["single-choice", "multiple-select", "true-false", "short-text", "numeric", "ordering", "matching", "cloze"] as const;

const quizSection = z.object({
  type: z.literal("quiz"),
  title: text(120).optional(),
  /** Percentage of points needed to pass the lesson's quiz section. */
  passPercent: z.number().int().min(1).max(100).default(70),
  questions: z.array(questionSchema).min(1, "must have at least one question"),
}).strict();

const labSection = z.object({
  type: z.literal("lab"),
  title: text(120),
  /** An ML lab experiment preset by id (defined by the lab, see lib/ml/presets). */
  preset: slug,
  intro: markdown,
}).strict();

export const sectionSchema = z.discriminatedUnion("type", [
  audioLessonSection,
  summariesSection,
  audiobookSection,
  keyConceptsSection,
  examplesSection,
  memoryAidsSection,
  glossarySection,
  flashcardsSection,
  quizSection,
  labSection,
]);
export type Section = z.infer<typeof sectionSchema>;
export type SectionType = Section["type"];
export const SECTION_TYPES: SectionType[] = [
  "audio-lesson",
  "summaries",
  "audiobook",
  "key-concepts",
  "examples",
  "memory-aids",
  "glossary",
  "flashcards",
  "quiz",
  "lab",
];

export const lessonFile = z.object({
  slug,
  title: text(120),
  summary: text(300),
  objectives: z.array(text(300)).min(1, "must list at least one objective"),
  estimatedMinutes: z.number().int().min(1).max(600),
  /** Each section type at most once per lesson, in the order the lesson presents them. */
  sections: z.array(sectionSchema).min(1, "must have at least one section"),
}).strict();

export type CategoriesFile = z.infer<typeof categoriesFile>;
export type CourseFile = z.infer<typeof courseFile>;
export type LessonFile = z.infer<typeof lessonFile>;
/** A course with its lessons inlined, as the importer and exporter handle it. */
export type CourseContent = CourseFile & { lessonFiles: LessonFile[] };
