// Quiz inputs the service also types its options with (docs/architecture.md, "Input schemas").
import { z } from "zod";
import { answerInput } from "./answer";

export const quizModeInput = z.enum(["PRACTICE", "GRADED", "TIMED"]);
export const sequenceInput = z.number().int().min(1).max(1_000_000);
export const saveAnswerInput = z.object({ attemptId: z.string().min(1).max(40), questionId: z.string().min(1).max(40), sequence: sequenceInput, answer: answerInput });
export type SaveAnswerInput = z.infer<typeof saveAnswerInput>;
