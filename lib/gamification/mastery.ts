/**
 * Mastery of a concept, in Khan Academy's words: Familiar → Proficient → Mastered. It combines how
 * well the learner remembers the concept's card (FSRS stability: the days until recall drops to
 * 90%) with how they did on the graded quiz of the lesson that teaches it.
 */
export const MASTERY_LEVELS = ["Familiar", "Proficient", "Mastered"] as const;
export type MasteryLevel = (typeof MASTERY_LEVELS)[number];

export const PROFICIENT_STABILITY_DAYS = 7;
export const MASTERED_STABILITY_DAYS = 21;
export const QUIZ_PASS_FOR_MASTERY = 80;

export type ConceptEvidence = {
  /** Reviews of the concept's card so far, and its FSRS stability in days (0 before any review). */
  reps: number;
  stability: number;
  /** The lesson's quiz: whether it has one, and the best graded score (percent), if taken. */
  lessonHasQuiz: boolean;
  bestQuizPercent: number | null;
};

/** The level, or null while the learner has neither reviewed the card nor taken the quiz. */
export function masteryLevel(evidence: ConceptEvidence): MasteryLevel | null {
  const reviewed = evidence.reps > 0;
  if (!reviewed && evidence.bestQuizPercent === null) return null;
  const quizOk = !evidence.lessonHasQuiz || (evidence.bestQuizPercent ?? 0) >= QUIZ_PASS_FOR_MASTERY;
  if (reviewed && evidence.stability >= MASTERED_STABILITY_DAYS && quizOk) return "Mastered";
  if ((reviewed && evidence.stability >= PROFICIENT_STABILITY_DAYS) || (reviewed && evidence.lessonHasQuiz && quizOk)) return "Proficient";
  return "Familiar";
}
