import { z } from "zod";
import { parseNumberWithUnit } from "./normalize";

// What a learner sends for one question. Indices refer to the order the learner was SHOWN (options,
// items, left and right columns are shuffled per attempt); the server maps them back to the
// authored order before grading, so the browser never needs the authored order, which would leak
// the answer of an ordering or matching question.

const index = z.number().int().min(0).max(50);
const typed = (max: number) => z.string().max(max, `must be at most ${max} characters`);
// A numeric answer is a number (a unit may follow, as the grader reads it) or nothing yet: letters
// are refused here, so a client that skips the box's own check still gets a sentence back.
const numberText = typed(100).refine((text) => text.trim() === "" || parseNumberWithUnit(text).ok, "must be a number, such as 3.5 or 3,5");

export const answerInput = z.discriminatedUnion("type", [
  z.object({ type: z.literal("single-choice"), choice: index }).strict(),
  z.object({ type: z.literal("multiple-select"), choices: z.array(index).max(10) }).strict(),
  z.object({ type: z.literal("true-false"), value: z.boolean() }).strict(),
  z.object({ type: z.literal("short-text"), text: typed(500) }).strict(),
  z.object({ type: z.literal("numeric"), text: numberText }).strict(),
  z.object({ type: z.literal("ordering"), order: z.array(index).max(10) }).strict(),
  z.object({ type: z.literal("matching"), matches: z.array(index.nullable()).max(10) }).strict(),
  z.object({ type: z.literal("cloze"), blanks: z.array(typed(200)).max(50) }).strict(),
]);
export type AnswerInput = z.infer<typeof answerInput>;
