import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "../db";
import { createCaller } from "../router";
import { createTestUser } from "../test/factories";
import { createContextFor } from "../trpc";
import type { AuthUser } from "../auth/service";
import { addCustomCards } from "./cards";

const callerFor = (user: AuthUser) => createCaller(createContextFor(user));

/** A learner with one deck: a basic note and a cloze note of two deletions (three cards). */
async function learnerWithDeck() {
  const user = await createTestUser();
  const caller = callerFor(user);
  const deck = await caller.review.decks.create({ name: "Capitals" });
  const basic = await caller.review.notes.create({ deckId: deck.id, kind: "BASIC", front: "Capital of *France*?", back: "Paris" });
  const cloze = await caller.review.notes.create({ deckId: deck.id, kind: "CLOZE", front: "{{c1::Canberra}} is the capital of {{c2::Australia::country}}.", back: "Since 1913." });
  return { user, caller, deck, basic, cloze };
}

describe("own notes make ordinary cards", () => {
  it("makes one card per basic note and one per cloze number, in the same review queue", async () => {
    const { user, caller, cloze } = await learnerWithDeck();
    expect(cloze.cards.map((card) => card.ordinal)).toEqual([1, 2]);
    expect(await db.card.count({ where: { userId: user.id } })).toBe(3);
    const queue = await caller.review.queue({});
    const fronts = queue.cards.map((card) => card.front).sort();
    expect(fronts).toEqual(["**[…]** is the capital of Australia.", "Canberra is the capital of **[country]**.", "Capital of *France*?"]);
    const c2 = queue.cards.find((card) => card.front.includes("[country]"))!;
    expect(c2.back).toBe("Canberra is the capital of **Australia**.\n\nSince 1913.");
    expect(c2.markdown).toBe(true);
    expect(c2.source?.label).toBe("Deck: Capitals");
    const rated = await caller.review.rate({ reviewId: randomUUID(), cardId: c2.id, version: c2.version, rating: 3 });
    expect(rated.outcome).toBe("applied");
    expect(rated.state).toBe("LEARNING");
  });

  it("keeps a card's schedule when its note is edited, and removes the card of a deleted cloze number", async () => {
    const { caller, deck, cloze } = await learnerWithDeck();
    const c1 = cloze.cards.find((card) => card.ordinal === 1)!;
    const version = (await db.card.findUniqueOrThrow({ where: { id: c1.id }, select: { version: true } })).version;
    await caller.review.rate({ reviewId: randomUUID(), cardId: c1.id, version, rating: 3 });
    const updated = await caller.review.notes.update({ noteId: cloze.id, deckId: deck.id, kind: "CLOZE", front: "{{c1::Canberra}} is in the ACT; see {{c3::Sydney}}.", back: "" });
    expect(updated.cards.map((card) => card.ordinal)).toEqual([1, 3]);
    const after = await db.card.findUniqueOrThrow({ where: { id: c1.id }, select: { reps: true, state: true, front: true, back: true } });
    expect(after).toEqual({ reps: 1, state: "LEARNING", front: "**[…]** is in the ACT; see Sydney.", back: "**Canberra** is in the ACT; see Sydney." });
    expect(await db.card.count({ where: { noteId: cloze.id, ordinal: 2 } })).toBe(0);
  });

  it("refuses a cloze note without deletions, empty sides, over-long text and NUL bytes", async () => {
    const { caller, deck } = await learnerWithDeck();
    await expect(caller.review.notes.create({ deckId: deck.id, kind: "CLOZE", front: "No deletion here", back: "" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(caller.review.notes.create({ deckId: deck.id, kind: "BASIC", front: "Front", back: "  " })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(caller.review.notes.create({ deckId: deck.id, kind: "BASIC", front: "x".repeat(4_001), back: "y" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(caller.review.notes.create({ deckId: deck.id, kind: "BASIC", front: "a\u0000b", back: "y" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(caller.review.decks.create({ name: "Capitals" })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(caller.review.decks.create({ name: "   " })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});

describe("own cards are private", () => {
  it("another learner and an instructor can neither read, edit, delete, review nor learn them", async () => {
    const { caller, deck, basic } = await learnerWithDeck();
    const cardId = basic.cards[0]!.id;
    const question = await caller.review.learn.next({ deckId: deck.id });
    expect(question.done).toBe(false);
    const questionId = question.done ? "" : question.question.id;
    for (const role of ["LEARNER", "INSTRUCTOR"] as const) {
      const other = callerFor(await createTestUser({ role }));
      await expect(other.review.notes.get({ noteId: basic.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
      await expect(other.review.notes.update({ noteId: basic.id, deckId: deck.id, kind: "BASIC", front: "Mine now", back: "x" })).rejects.toMatchObject({ code: "NOT_FOUND" });
      await expect(other.review.notes.create({ deckId: deck.id, kind: "BASIC", front: "Planted", back: "x" })).rejects.toMatchObject({ code: "NOT_FOUND" });
      await expect(other.review.browser.deleteCard({ cardId })).rejects.toMatchObject({ code: "NOT_FOUND" });
      await expect(other.review.suspend({ cardId, suspended: true })).rejects.toMatchObject({ code: "NOT_FOUND" });
      await expect(other.review.rate({ reviewId: randomUUID(), cardId, version: 0, rating: 4 })).rejects.toMatchObject({ code: "NOT_FOUND" });
      await expect(other.review.learn.next({ deckId: deck.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
      await expect(other.review.learn.answer({ questionId, submissionId: randomUUID(), choice: 0 })).rejects.toMatchObject({ code: "NOT_FOUND" });
      await expect(other.review.decks.rename({ deckId: deck.id, name: "Taken" })).rejects.toMatchObject({ code: "NOT_FOUND" });
      await expect(other.review.decks.delete({ deckId: deck.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
      expect((await other.review.browser.list({})).total).toBe(0);
      expect(await other.review.decks.list()).toEqual([]);
      expect((await other.review.queue({})).cards).toEqual([]);
    }
    expect(await db.note.findUniqueOrThrow({ where: { id: basic.id }, select: { front: true } })).toEqual({ front: "Capital of *France*?" });
    expect(await db.card.count({ where: { noteId: basic.id, suspended: false } })).toBe(1);
    expect(await db.reviewLog.count({ where: { cardId } })).toBe(0);
  });

  it("needs a signed-in learner", async () => {
    const anonymous = createCaller(createContextFor(null));
    await expect(anonymous.review.decks.list()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(anonymous.review.browser.list({})).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });
});

describe("the card browser", () => {
  it("searches both sides, filters, sorts and pages", async () => {
    const { user, caller, deck } = await learnerWithDeck();
    await addCustomCards({ userId: user.id, cards: [{ front: "Missed: 2+2", back: "4", sourceLabel: "Quiz" }] });
    for (let i = 0; i < 5; i++) await caller.review.notes.create({ deckId: deck.id, kind: "BASIC", front: `Word ${i}`, back: `Meaning ${i}` });

    expect((await caller.review.browser.list({})).total).toBe(9);
    const search = await caller.review.browser.list({ query: "AUSTRALIA" });
    expect(search.total).toBe(2);
    expect((await caller.review.browser.list({ query: "meaning 3" })).cards.map((card) => card.front)).toEqual(["Word 3"]);
    // LIKE wildcards are searched for literally.
    expect((await caller.review.browser.list({ query: "%" })).total).toBe(0);
    expect((await caller.review.browser.list({ deckId: deck.id })).total).toBe(8);
    expect((await caller.review.browser.list({ origin: "own" })).total).toBe(9);
    expect((await caller.review.browser.list({ origin: "course" })).total).toBe(0);

    const sorted = await caller.review.browser.list({ deckId: deck.id, sort: "front", direction: "desc", pageSize: 3 });
    expect(sorted.pageCount).toBe(3);
    expect(sorted.cards.map((card) => card.front)).toEqual(["Word 4", "Word 3", "Word 2"]);
    const third = await caller.review.browser.list({ deckId: deck.id, sort: "front", direction: "desc", pageSize: 3, page: 3 });
    expect(third.cards).toHaveLength(2);

    const target = search.cards[0]!;
    await caller.review.suspend({ cardId: target.id, suspended: true });
    expect((await caller.review.browser.list({ suspended: true })).cards.map((card) => card.id)).toEqual([target.id]);
    expect((await caller.review.queue({})).cards.map((card) => card.id)).not.toContain(target.id);
    await caller.review.rate({ reviewId: randomUUID(), cardId: search.cards[1]!.id, version: 0, rating: 3 });
    expect((await caller.review.browser.list({ state: "LEARNING" })).cards.map((card) => card.id)).toEqual([search.cards[1]!.id]);
    expect((await caller.review.browser.list({ due: true })).cards.map((card) => card.id)).toEqual([search.cards[1]!.id]);

    // Deleting a cloze card deletes its note and both its cards; a collected card goes alone.
    expect(await caller.review.browser.deleteCard({ cardId: target.id })).toEqual({ deletedCards: 2 });
    expect((await caller.review.browser.list({ query: "australia" })).total).toBe(0);
    const missed = (await caller.review.browser.list({ query: "2+2" })).cards[0]!;
    expect(missed.noteId).toBeNull();
    expect(await caller.review.browser.deleteCard({ cardId: missed.id })).toEqual({ deletedCards: 1 });
  });
});

describe("Learn mode", () => {
  it("asks a new card as multiple choice without its answer, records the answer once as a review, then asks it typed", async () => {
    const { user, caller, deck, basic } = await learnerWithDeck();
    const first = await caller.review.learn.next({ deckId: deck.id });
    if (first.done) throw new Error("expected a question");
    const q = first.question;
    expect(q.mode).toBe("choice");
    expect(q.options!.length).toBeGreaterThanOrEqual(2);
    // Nothing in what the browser receives says which option is right.
    expect(JSON.stringify(first)).not.toMatch(/correct/i);

    const stored = await db.learnQuestion.findUniqueOrThrow({ where: { id: q.id }, select: { correctIndex: true } });
    const submissionId = randomUUID();
    const answered = await caller.review.learn.answer({ questionId: q.id, submissionId, choice: stored.correctIndex! });
    expect(answered).toMatchObject({ correct: true, rating: 3, recorded: "applied", duplicate: false, correctIndex: stored.correctIndex });
    expect(answered.xp).toBeGreaterThan(0);
    const again = await caller.review.learn.answer({ questionId: q.id, submissionId, choice: stored.correctIndex! });
    expect(again).toMatchObject({ correct: true, duplicate: true, due: answered.due });
    // Another submission of the answered question changes nothing either.
    await caller.review.learn.answer({ questionId: q.id, submissionId: randomUUID(), choice: (stored.correctIndex! + 1) % q.options!.length });
    expect(await db.reviewLog.count({ where: { userId: user.id, cardId: q.cardId, undoneAt: null } })).toBe(1);
    expect(await db.xpEvent.count({ where: { userId: user.id } })).toBe(1);

    // Another card comes next; then the begun card returns, typed.
    const second = await caller.review.learn.next({ deckId: deck.id });
    if (second.done) throw new Error("expected a question");
    expect(second.question.cardId).not.toBe(q.cardId);
    await caller.review.learn.answer({ questionId: second.question.id, submissionId: randomUUID(), ...(second.question.mode === "choice" ? { choice: 0 } : { typed: "?" }) });
    const third = await caller.review.learn.next({ deckId: deck.id });
    if (third.done) throw new Error("expected a question");
    expect(third.question).toMatchObject({ cardId: q.cardId, mode: "typed", options: null });
    const card = await db.card.findUniqueOrThrow({ where: { id: q.cardId }, select: { noteId: true, ordinal: true } });
    const expected = card.noteId === basic.id ? "  paris. " : card.ordinal === 1 ? "canberra" : "AUSTRALIA";
    const typed = await caller.review.learn.answer({ questionId: third.question.id, submissionId: randomUUID(), typed: expected });
    expect(typed).toMatchObject({ correct: true, rating: 3, mode: "typed", exact: false, recorded: "applied" });
    expect(typed.diff!.length).toBeGreaterThan(0);
    const logs = await db.reviewLog.findMany({ where: { cardId: q.cardId }, orderBy: { reviewedAt: "asc" }, select: { rating: true, state: true } });
    expect(logs).toEqual([
      { rating: 3, state: "NEW" },
      { rating: 3, state: "LEARNING" },
    ]);
  });

  it("marks a wrong typed answer Again and shows the difference", async () => {
    const user = await createTestUser();
    const caller = callerFor(user);
    const deck = await caller.review.decks.create({ name: "One card" });
    await caller.review.notes.create({ deckId: deck.id, kind: "BASIC", front: "Capital of Australia?", back: "Canberra" });
    const next = await caller.review.learn.next({ deckId: deck.id });
    if (next.done) throw new Error("expected a question");
    // A deck with one card has no distractors: the question is typed.
    expect(next.question.mode).toBe("typed");
    await expect(caller.review.learn.answer({ questionId: next.question.id, submissionId: randomUUID(), choice: 0 })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const result = await caller.review.learn.answer({ questionId: next.question.id, submissionId: randomUUID(), typed: "Canbera" });
    expect(result).toMatchObject({ correct: false, rating: 1, ratingLabel: "Again", answer: "Canberra" });
    expect(result.diff).toContainEqual({ kind: "missing", text: "r" });
  });

  it("says when the deck has nothing left to learn now", async () => {
    const user = await createTestUser();
    const caller = callerFor(user);
    const deck = await caller.review.decks.create({ name: "Empty" });
    expect(await caller.review.learn.next({ deckId: deck.id })).toMatchObject({ done: true, nextDueAt: null });
  });
});
