import { randomUUID } from "node:crypto";
import { courseFile, lessonFile } from "@/lib/content/schema";
import { lessonRecord } from "@/lib/content/sections";
import { writeCourse } from "../content/importer";
import { db } from "../db";

// A published course whose one lesson has a quiz with a known key, for the quiz's integration
// tests (written through the content importer, as the catalog is).

export const TEST_QUESTIONS = [
  { type: "single-choice", key: "capital", prompt: "Which city is the capital of France?", explanation: "EXPLAIN-capital", options: [{ text: "Paris", correct: true }, { text: "Lyon" }, { text: "Nice" }] },
  { type: "true-false", key: "sky", prompt: "The sky is blue on a clear day.", explanation: "EXPLAIN-sky", answer: true },
  { type: "short-text", key: "keyword", prompt: "Which keyword removes duplicate rows?", explanation: "EXPLAIN-keyword", accepted: ["DISTINCT"] },
  { type: "numeric", key: "answer", prompt: "What is six times seven?", explanation: "EXPLAIN-answer", answer: 42, tolerance: 0, points: 2 },
] as const;

export async function createQuizCourse(options: { passPercent?: number; questions?: readonly Record<string, unknown>[] } = {}) {
  const slug = `quiz-${randomUUID().slice(0, 8)}`;
  await db.category.upsert({ where: { slug: "quiz-tests" }, create: { slug: "quiz-tests", title: "Quiz tests", description: "For tests.", position: 99 }, update: {} });
  const course = courseFile.parse({
    slug,
    title: "Quiz test course",
    category: "quiz-tests",
    level: "beginner",
    summary: "A course for quiz tests.",
    description: "For tests.",
    estimatedMinutes: 10,
    authors: ["Tests"],
    lessons: ["quiz-lesson"],
  });
  const lesson = lessonFile.parse({
    slug: "quiz-lesson",
    title: "Quiz lesson",
    summary: "A lesson with a quiz.",
    objectives: ["Answer questions"],
    estimatedMinutes: 5,
    sections: [{ type: "quiz", title: "Check", passPercent: options.passPercent ?? 70, questions: options.questions ?? TEST_QUESTIONS }],
  });
  const { lessons: _lessons, ...fields } = course;
  await db.$transaction((tx) => writeCourse({ course: { ...fields, lessons: [lessonRecord(lesson)] } }, tx));
  return { courseSlug: slug, lessonSlug: "quiz-lesson" };
}
