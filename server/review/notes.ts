import "server-only";
import { clozeBack, clozeFront, clozeNumbers } from "@/lib/srs/cloze";
import { db } from "../db";
import { DomainError } from "../errors";
import { Prisma } from "../generated/prisma/client";
import type { NoteKind } from "../generated/prisma/enums";

// A learner's own decks and notes. A note makes its cards (one for a basic note, one per cloze
// number for a cloze note); editing the note re-renders their text and keeps their schedules, a
// cloze number that disappears takes its card with it, and a new number adds a card. Every query
// names the owner, so another learner's deck or note reads as not found.

export const DECK_NAME_MAX = 80;
export const NOTE_TEXT_MAX = 4_000;

const isUniqueViolation = (error: unknown) => error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";

// ── Decks ──────────────────────────────────────────────────────────────────────────────────────

export async function listDecks(options: { userId: string }) {
  const decks = await db.deck.findMany({
    where: { userId: options.userId },
    orderBy: { name: "asc" },
    select: { id: true, name: true, _count: { select: { cards: true } } },
  });
  return decks.map((deck) => ({ id: deck.id, name: deck.name, cardCount: deck._count.cards }));
}

export async function createDeck(options: { userId: string; name: string }) {
  try {
    return await db.deck.create({ data: { userId: options.userId, name: options.name.trim() }, select: { id: true, name: true } });
  } catch (error) {
    if (isUniqueViolation(error)) throw new DomainError("CONFLICT", "You already have a deck of that name.");
    throw error;
  }
}

export async function renameDeck(options: { userId: string; deckId: string; name: string }) {
  try {
    const result = await db.deck.updateMany({ where: { id: options.deckId, userId: options.userId }, data: { name: options.name.trim() } });
    if (!result.count) throw new DomainError("NOT_FOUND", "That deck is not yours or no longer exists.");
    return { id: options.deckId, name: options.name.trim() };
  } catch (error) {
    if (isUniqueViolation(error)) throw new DomainError("CONFLICT", "You already have a deck of that name.");
    throw error;
  }
}

/** Deletes a deck with its notes, their cards and the cards' review history. */
export async function deleteDeck(options: { userId: string; deckId: string }) {
  const result = await db.deck.deleteMany({ where: { id: options.deckId, userId: options.userId } });
  if (!result.count) throw new DomainError("NOT_FOUND", "That deck is not yours or no longer exists.");
  return { deleted: true };
}

async function ownDeck(userId: string, deckId: string) {
  const deck = await db.deck.findFirst({ where: { id: deckId, userId }, select: { id: true, name: true } });
  if (!deck) throw new DomainError("NOT_FOUND", "That deck is not yours or no longer exists.");
  return deck;
}

// ── Notes ──────────────────────────────────────────────────────────────────────────────────────

export type NoteFields = { kind: NoteKind; front: string; back: string };
export type CardFaces = { ordinal: number; front: string; back: string }[];

/** The cards a note makes: their ordinals and rendered text (Markdown). */
export function noteCards(note: NoteFields): CardFaces {
  if (note.kind === "BASIC") return [{ ordinal: 0, front: note.front, back: note.back }];
  const extra = note.back.trim();
  return clozeNumbers(note.front).map((number) => ({
    ordinal: number,
    front: clozeFront(note.front, number),
    back: extra ? `${clozeBack(note.front, number)}\n\n${extra}` : clozeBack(note.front, number),
  }));
}

function checkNote(note: NoteFields): CardFaces {
  if (!note.front.trim()) throw new DomainError("BAD_REQUEST", "Write something on the front.");
  if (note.kind === "BASIC" && !note.back.trim()) throw new DomainError("BAD_REQUEST", "Write something on the back.");
  const cards = noteCards(note);
  if (!cards.length) throw new DomainError("BAD_REQUEST", "A cloze note needs at least one deletion, such as {{c1::answer}}.");
  return cards;
}

const noteSelect = { id: true, deckId: true, kind: true, front: true, back: true, updatedAt: true, deck: { select: { name: true } }, cards: { select: { id: true, ordinal: true }, orderBy: { ordinal: "asc" } } } satisfies Prisma.NoteSelect;

export async function getNote(options: { userId: string; noteId: string }) {
  const note = await db.note.findFirst({ where: { id: options.noteId, userId: options.userId }, select: noteSelect });
  if (!note) throw new DomainError("NOT_FOUND", "That note is not yours or no longer exists.");
  return note;
}

export async function createNote(options: { userId: string; deckId: string } & NoteFields) {
  const cards = checkNote(options);
  await ownDeck(options.userId, options.deckId);
  return db.$transaction(async (tx) => {
    const note = await tx.note.create({ data: { userId: options.userId, deckId: options.deckId, kind: options.kind, front: options.front, back: options.back }, select: { id: true } });
    await tx.card.createMany({ data: cards.map((card) => ({ userId: options.userId, deckId: options.deckId, noteId: note.id, ...card })) });
    return tx.note.findUniqueOrThrow({ where: { id: note.id }, select: noteSelect });
  });
}

export async function updateNote(options: { userId: string; noteId: string; deckId: string } & NoteFields) {
  const cards = checkNote(options);
  await ownDeck(options.userId, options.deckId);
  return db.$transaction(async (tx) => {
    const note = await tx.note.findFirst({ where: { id: options.noteId, userId: options.userId }, select: { id: true } });
    if (!note) throw new DomainError("NOT_FOUND", "That note is not yours or no longer exists.");
    await tx.note.update({ where: { id: note.id }, data: { deckId: options.deckId, kind: options.kind, front: options.front, back: options.back } });
    await tx.card.deleteMany({ where: { noteId: note.id, ordinal: { notIn: cards.map((card) => card.ordinal) } } });
    for (const card of cards) {
      // The version moves on so a rating or Learn answer given to the old text is not applied to the new one.
      await tx.card.upsert({
        where: { noteId_ordinal: { noteId: note.id, ordinal: card.ordinal } },
        create: { userId: options.userId, deckId: options.deckId, noteId: note.id, ...card },
        update: { deckId: options.deckId, front: card.front, back: card.back, version: { increment: 1 } },
      });
    }
    return tx.note.findUniqueOrThrow({ where: { id: note.id }, select: noteSelect });
  });
}

/**
 * Deletes one of the learner's own cards: a card of a note deletes the note and all its cards (as
 * Anki does); a card they collected elsewhere (a missed quiz answer) goes alone. Course cards
 * cannot be deleted, only suspended: they come back when the lesson is studied again.
 */
export async function deleteOwnCard(options: { userId: string; cardId: string }) {
  const card = await db.card.findFirst({ where: { id: options.cardId, userId: options.userId }, select: { id: true, noteId: true, contentItemId: true } });
  if (!card) throw new DomainError("NOT_FOUND", "That card is not in your collection.");
  if (card.contentItemId) throw new DomainError("BAD_REQUEST", "Course cards cannot be deleted; suspend them instead.");
  if (card.noteId) {
    const cards = await db.card.count({ where: { noteId: card.noteId } });
    await db.note.deleteMany({ where: { id: card.noteId, userId: options.userId } });
    return { deletedCards: cards };
  }
  await db.card.deleteMany({ where: { id: card.id, userId: options.userId } });
  return { deletedCards: 1 };
}
