import "server-only";
import { randomInt } from "node:crypto";
import { compareAnswer, type DiffPart } from "@/lib/srs/answer-compare";
import { buildChoices } from "@/lib/srs/choices";
import { clozeAnswer } from "@/lib/srs/cloze";
import { learnRating, type LearnMode } from "@/lib/srs/learn-rating";
import { RATING_LABEL, type Rating } from "@/lib/srs/scheduler";
import { db } from "../db";
import { DomainError } from "../errors";
import { Prisma } from "../generated/prisma/client";
import { LEARN_AHEAD_MINUTES, rateCard } from "./service";

// Learn mode over one of the learner's decks (Quizlet's "Learn"): a new card is first asked as
// multiple choice, a card already begun is asked typed. Each answer is one FSRS review of the card
// on its one schedule (lib/srs/learn-rating.ts has the mapping), sent with a client submission id
// so a retry records nothing twice. The question and its answer key are stored here: the browser
// gets the prompt and the options, and the answer only with the verdict.

const DISTRACTOR_POOL = 60;

type NoteText = { kind: "BASIC" | "CLOZE"; front: string; back: string } | null;

/** What a card of a note asks for: the back of a basic note, the deletions of a cloze card. */
function answerOf(note: NoteText, ordinal: number | null, back: string | null): string {
  if (!note) return back ?? "";
  return note.kind === "CLOZE" ? clozeAnswer(note.front, ordinal ?? 0) : note.back;
}

const learnCardSelect = { id: true, version: true, state: true, front: true, ordinal: true, back: true, note: { select: { kind: true, front: true, back: true } } } satisfies Prisma.CardSelect;

export async function nextLearnQuestion(options: { userId: string; deckId: string; now?: Date }) {
  const now = options.now ?? new Date();
  const { userId, deckId } = options;
  const deck = await db.deck.findFirst({ where: { id: deckId, userId }, select: { id: true, name: true } });
  if (!deck) throw new DomainError("NOT_FOUND", "That deck is not yours or no longer exists.");
  const studiable: Prisma.CardWhereInput = { userId, deckId, suspended: false, OR: [{ buriedUntil: null }, { buriedUntil: { lte: now } }] };
  const aheadOf = new Date(now.getTime() + LEARN_AHEAD_MINUTES * 60_000);
  const last = await db.learnQuestion.findFirst({ where: { userId, card: { deckId } }, orderBy: { createdAt: "desc" }, select: { cardId: true } });

  // Cards begun and due (within the learn-ahead window) first, then new ones; the card just asked
  // waits one question when another is available, so its answer is not still on screen.
  const pick = async (where: Prisma.CardWhereInput) => {
    const candidates = await db.card.findMany({ where: { AND: [studiable, where] }, orderBy: [{ due: "asc" }, { ordinal: "asc" }, { id: "asc" }], take: 2, select: learnCardSelect });
    return candidates.find((card) => card.id !== last?.cardId) ?? null;
  };
  const card =
    (await pick({ state: { not: "NEW" }, due: { lte: aheadOf } })) ??
    (await pick({ state: "NEW" })) ??
    (await db.card.findFirst({ where: { AND: [studiable, { OR: [{ state: "NEW" }, { due: { lte: aheadOf } }] }] }, orderBy: { due: "asc" }, select: learnCardSelect }));

  const [dueCount, newCount] = await Promise.all([
    db.card.count({ where: { AND: [studiable, { state: { not: "NEW" }, due: { lte: aheadOf } }] } }),
    db.card.count({ where: { AND: [studiable, { state: "NEW" }] } }),
  ]);
  if (!card) {
    const next = await db.card.findFirst({ where: studiable, orderBy: { due: "asc" }, select: { due: true } });
    return { done: true as const, deck, nextDueAt: next?.due ?? null, dueCount, newCount };
  }

  const answer = answerOf(card.note, card.ordinal, card.back);
  let mode: LearnMode = card.state === "NEW" ? "choice" : "typed";
  let choices: { options: string[]; correctIndex: number } | null = null;
  if (mode === "choice") {
    const others = await db.card.findMany({ where: { userId, deckId, id: { not: card.id } }, orderBy: { updatedAt: "desc" }, take: DISTRACTOR_POOL, select: learnCardSelect });
    choices = buildChoices({ answer, candidates: others.map((other) => answerOf(other.note, other.ordinal, other.back)), randomInt: (n) => randomInt(n) });
    // A deck with no other answer to offer asks typed instead.
    if (!choices) mode = "typed";
  }
  const question = await db.learnQuestion.create({
    data: { userId, cardId: card.id, cardVersion: card.version, mode, options: choices?.options ?? Prisma.DbNull, correctIndex: choices?.correctIndex ?? null, createdAt: now },
    select: { id: true },
  });
  return {
    done: false as const,
    deck,
    dueCount,
    newCount,
    question: { id: question.id, cardId: card.id, mode, prompt: card.front ?? "", isNew: card.state === "NEW", options: choices?.options ?? null },
  };
}

export type LearnResult = {
  correct: boolean;
  mode: LearnMode;
  rating: Rating;
  ratingLabel: string;
  answer: string;
  correctIndex: number | null;
  chosenIndex: number | null;
  typed: string | null;
  exact: boolean;
  diff: DiffPart[] | null;
  recorded: "applied" | "duplicate" | "stale";
  due: string;
  state: string;
  xp: number;
};

async function storedResult(userId: string, questionId: string) {
  return db.learnQuestion.findFirst({ where: { id: questionId, userId }, select: { id: true, submissionId: true, result: true, cardId: true, cardVersion: true, mode: true, correctIndex: true, createdAt: true, options: true } });
}

/**
 * Grades an answer to a Learn question and records it as a review. The same submission id again
 * answers as the first time did; a question already answered under another id answers with that
 * first result and records nothing.
 */
export async function answerLearnQuestion(options: { userId: string; questionId: string; submissionId: string; choice?: number; typed?: string; now?: Date }): Promise<LearnResult & { duplicate: boolean }> {
  const { userId, questionId, submissionId } = options;
  const now = options.now ?? new Date();
  let question = await storedResult(userId, questionId);
  if (!question) throw new DomainError("NOT_FOUND", "That question is not yours or no longer exists.");
  if (question.submissionId && question.result) return { ...(question.result as LearnResult), duplicate: true };
  if (question.submissionId && question.submissionId !== submissionId) throw new DomainError("CONFLICT", "That question is being answered in another tab.");
  if (question.mode === "choice" && options.choice === undefined) throw new DomainError("BAD_REQUEST", "Choose one of the options.");
  if (question.mode === "typed" && options.typed === undefined) throw new DomainError("BAD_REQUEST", "Type your answer.");

  if (!question.submissionId) {
    try {
      const claimed = await db.learnQuestion.updateMany({ where: { id: questionId, userId, submissionId: null }, data: { submissionId, answeredAt: now } });
      if (!claimed.count) {
        question = (await storedResult(userId, questionId))!;
        if (question.result) return { ...(question.result as LearnResult), duplicate: true };
        if (question.submissionId !== submissionId) throw new DomainError("CONFLICT", "That question is being answered in another tab.");
      }
    } catch (error) {
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw new DomainError("CONFLICT", "That submission id was already used for another question.");
      throw error;
    }
  }

  const card = await db.card.findFirst({ where: { id: question.cardId, userId }, select: learnCardSelect });
  if (!card) throw new DomainError("NOT_FOUND", "That card is no longer in your collection.");
  const answer = answerOf(card.note, card.ordinal, card.back);
  const elapsedMs = Math.max(0, now.getTime() - question.createdAt.getTime());
  let correct: boolean;
  let verdict: { exact: boolean; diff: DiffPart[] | null } = { exact: false, diff: null };
  if (question.mode === "choice") {
    correct = options.choice === question.correctIndex;
  } else {
    const typed = compareAnswer(options.typed ?? "", answer);
    correct = typed.correct;
    verdict = { exact: typed.exact, diff: typed.diff };
  }
  const mode = question.mode as LearnMode;
  const rating = learnRating({ mode, correct, elapsedMs });
  const outcome = await rateCard({ userId, reviewId: submissionId, cardId: card.id, version: question.cardVersion, rating, durationMs: Math.min(elapsedMs, 3_600_000), now });
  const result: LearnResult = {
    correct,
    mode,
    rating,
    ratingLabel: RATING_LABEL[rating],
    answer,
    correctIndex: question.correctIndex,
    chosenIndex: options.choice ?? null,
    typed: options.typed ?? null,
    exact: verdict.exact,
    diff: verdict.diff,
    recorded: outcome.outcome,
    due: outcome.due.toISOString(),
    state: outcome.state,
    xp: outcome.xp,
  };
  await db.learnQuestion.updateMany({ where: { id: questionId, userId }, data: { result } });
  return { ...result, duplicate: outcome.outcome === "duplicate" };
}
