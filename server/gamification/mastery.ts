import "server-only";
import { type MasteryLevel, MASTERY_LEVELS, masteryLevel } from "@/lib/gamification/mastery";
import { lessonQuizResults } from "../quiz/service";
import { conceptCards } from "../review/service";

/** Mastery of each key concept the learner has met, from its card's memory state and the lesson's quiz. */
export async function conceptMastery(options: { userId: string }) {
  const cards = await conceptCards({ userId: options.userId });
  const quizzes = await lessonQuizResults({ userId: options.userId, lessonIds: [...new Set(cards.map((card) => card.lesson.id))] });
  const concepts = cards.flatMap((card) => {
    const quiz = quizzes.get(card.lesson.id) ?? { hasQuiz: false, best: null };
    const level = masteryLevel({ reps: card.reps, stability: card.stability, lessonHasQuiz: quiz.hasQuiz, bestQuizPercent: quiz.best });
    return level ? [{ term: card.term, level, stabilityDays: Math.round(card.stability * 10) / 10, bestQuizPercent: quiz.best, lesson: card.lesson }] : [];
  });
  const rank = (level: MasteryLevel) => MASTERY_LEVELS.indexOf(level);
  concepts.sort((a, b) => rank(b.level) - rank(a.level) || b.stabilityDays - a.stabilityDays || a.term.localeCompare(b.term));
  const counts = Object.fromEntries(MASTERY_LEVELS.map((level) => [level, concepts.filter((c) => c.level === level).length])) as Record<MasteryLevel, number>;
  return { concepts, counts };
}
