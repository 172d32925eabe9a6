import "server-only";
import { createHash } from "node:crypto";
import { cardFaceOf } from "@/lib/srs/card-text";
import { liveCardItems, liveLessonCourseId, type CardItem } from "../catalog/service";
import { db } from "../db";
import type { DbClient } from "../db-client";
import { DomainError } from "../errors";
import type { Prisma } from "../generated/prisma/client";

// How cards join a learner's collection: a lesson's card-like items when they study it (or all of a
// course's at enrollment, when the course says so), single items from "Add to my flashcards", and
// the learner's own cards (quiz answers they missed, game words). Adding is idempotent everywhere.


async function insertItemCards(options: { userId: string; items: CardItem[] }, client: DbClient = db) {
  const { userId, items } = options;
  const rows = items.filter((item) => cardFaceOf(item.kind, item.data)).map((item) => ({ userId, contentItemId: item.id, courseId: item.courseId }));
  if (!rows.length) return 0;
  const result = await client.card.createMany({ data: rows, skipDuplicates: true });
  return result.count;
}

/** Whether the learner is enrolled (and has not left) in the course. */
async function isEnrolled(options: { userId: string; courseId: string }, client: DbClient = db) {
  const enrollment = await client.enrollment.findUnique({ where: { userId_courseId: { userId: options.userId, courseId: options.courseId } }, select: { leftAt: true } });
  return Boolean(enrollment && !enrollment.leftAt);
}

/**
 * Adds the cards of a lesson the learner studies (enrolled learners only; anyone else gets nothing
 * added). Returns how many cards were new to the collection.
 */
export async function addLessonCards(options: { userId: string; lessonId: string }): Promise<{ added: number }> {
  const courseId = await liveLessonCourseId({ lessonId: options.lessonId });
  if (!courseId || !(await isEnrolled({ userId: options.userId, courseId }))) return { added: 0 };
  const items = await liveCardItems({ lessonId: options.lessonId });
  return { added: await insertItemCards({ userId: options.userId, items }) };
}

/** Adds every card of a course (its setting `addAllCardsOnEnroll`); enrollment calls it. */
export async function addCourseCards(options: { userId: string; courseId: string }, client: DbClient = db): Promise<{ added: number }> {
  const items = await liveCardItems({ courseId: options.courseId }, client);
  return { added: await insertItemCards({ userId: options.userId, items }, client) };
}

/** Adds one lesson item ("Add to my flashcards"), for a learner who may see its course. */
export async function addItemCard(options: { userId: string; contentItemId: string }): Promise<{ added: boolean; cardId: string }> {
  const [item] = await liveCardItems({ itemId: options.contentItemId });
  if (!item || !cardFaceOf(item.kind, item.data)) throw new DomainError("NOT_FOUND", "That item cannot become a flashcard.");
  const courseId = item.courseId;
  if (!(await isEnrolled({ userId: options.userId, courseId }))) throw new DomainError("FORBIDDEN", "Enroll in the course to add its cards to your flashcards.");
  const added = await insertItemCards({ userId: options.userId, items: [{ id: item.id, kind: item.kind, data: item.data, courseId }] });
  const card = await db.card.findUniqueOrThrow({ where: { userId_contentItemId: { userId: options.userId, contentItemId: item.id } }, select: { id: true } });
  return { added: added > 0, cardId: card.id };
}

/** Whether the learner already holds a card of each item (for "Add to my flashcards" controls). */
export async function itemsInCollection(options: { userId: string; contentItemIds: string[] }): Promise<string[]> {
  const cards = await db.card.findMany({ where: { userId: options.userId, contentItemId: { in: options.contentItemIds } }, select: { contentItemId: true } });
  return cards.map((card) => card.contentItemId!);
}

export type CustomCardInput = { front: string; back: string; courseId?: string | null; sourceLabel?: string };

const normalize = (text: string) => text.trim().replace(/\s+/g, " ");
export const customCardHash = (front: string, back: string) =>
  createHash("sha256").update(`${normalize(front).toLowerCase()}\u0000${normalize(back).toLowerCase()}`).digest("hex");

/**
 * Adds the learner's own cards (quiz answers they missed, game words, cards they wrote). The same
 * front and back (case and spacing aside) is kept once per learner, so calling it again adds nothing.
 * Pass a transaction to add them with the fact that produced them.
 */
export async function addCustomCards(options: { userId: string; cards: CustomCardInput[] }, client: DbClient = db): Promise<{ added: number }> {
  const seen = new Set<string>();
  const rows: Prisma.CardCreateManyInput[] = [];
  for (const card of options.cards) {
    const front = normalize(card.front).slice(0, 500);
    const back = normalize(card.back).slice(0, 2_000);
    if (!front || !back) throw new DomainError("BAD_REQUEST", "A card needs text on both sides.");
    const contentHash = customCardHash(front, back);
    if (seen.has(contentHash)) continue;
    seen.add(contentHash);
    rows.push({ userId: options.userId, front, back, contentHash, courseId: card.courseId ?? null, sourceLabel: card.sourceLabel?.slice(0, 120) ?? null });
  }
  if (!rows.length) return { added: 0 };
  const result = await client.card.createMany({ data: rows, skipDuplicates: true });
  return { added: result.count };
}
