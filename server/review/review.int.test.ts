import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "../db";
import { createCaller } from "../router";
import { createTestUser } from "../test/factories";
import { createContextFor } from "../trpc";
import type { AuthUser } from "../auth/service";
import { addCustomCards } from "./cards";
import { dueCount, getQueue, rateCard, updateSettings } from "./service";
import { getStats, mostForgottenCards } from "./stats";

/** A published course with one lesson: three flashcards, two glossary terms (one not a card) and an example. */
async function createCourse(options: { addAllCardsOnEnroll?: boolean } = {}) {
  const tag = randomUUID().slice(0, 8);
  const course = await db.course.create({
    data: {
      slug: `review-${tag}`,
      title: `Review course ${tag}`,
      category: { connectOrCreate: { where: { slug: "technology" }, create: { slug: "technology", title: "Technology", description: "Tech", position: 1 } } },
      level: "beginner",
      summary: "s",
      description: "d",
      estimatedMinutes: 10,
      authors: ["A"],
      status: "PUBLISHED",
      addAllCardsOnEnroll: options.addAllCardsOnEnroll ?? false,
      lessons: {
        create: {
          slug: "basics",
          title: "Basics",
          summary: "s",
          objectives: ["o"],
          estimatedMinutes: 5,
          position: 0,
          sections: {
            create: [
              {
                type: "flashcards",
                position: 0,
                data: {},
                items: {
                  create: [
                    { key: "one", kind: "flashcard", position: 0, data: { front: "Front one", back: "Back one" } },
                    { key: "two", kind: "flashcard", position: 1, data: { front: "Front two", back: "Back two" } },
                    { key: "three", kind: "flashcard", position: 2, data: { front: "Front three", back: "Back three" } },
                  ],
                },
              },
              {
                type: "glossary",
                position: 1,
                data: {},
                items: {
                  create: [
                    { key: "epoch", kind: "glossary", position: 0, data: { term: "Epoch", definition: "One pass over the data.", card: true } },
                    { key: "batch", kind: "glossary", position: 1, data: { term: "Batch", definition: "A group of examples.", card: false } },
                  ],
                },
              },
              { type: "examples", position: 2, data: {}, items: { create: [{ key: "ex", kind: "example", position: 0, data: { title: "Ex", scenario: "S" } }] } },
            ],
          },
        },
      },
    },
    select: { id: true, slug: true, lessons: { select: { id: true } } },
  });
  return { id: course.id, slug: course.slug, lessonId: course.lessons[0]!.id };
}

async function learnerWithCards(options: { timezone?: string } = {}) {
  const course = await createCourse();
  const user = await createTestUser({ timezone: options.timezone });
  const caller = createCaller(createContextFor(user));
  await caller.enrollment.enroll({ courseSlug: course.slug });
  await caller.review.addLessonCards({ lessonId: course.lessonId });
  return { course, user, caller };
}

const callerFor = (user: AuthUser) => createCaller(createContextFor(user));

describe("cards join the collection", () => {
  it("adds a lesson's card-like items once, and only for enrolled learners", async () => {
    const course = await createCourse();
    const learner = await createTestUser();
    const caller = callerFor(learner);
    expect(await caller.review.addLessonCards({ lessonId: course.lessonId })).toEqual({ added: 0 });
    await caller.enrollment.enroll({ courseSlug: course.slug });
    expect(await caller.review.addLessonCards({ lessonId: course.lessonId })).toEqual({ added: 4 });
    expect(await caller.review.addLessonCards({ lessonId: course.lessonId })).toEqual({ added: 0 });
    const queue = await caller.review.queue({});
    expect(queue.cards.map((card) => card.front).sort()).toEqual(["Epoch", "Front one", "Front three", "Front two"]);
    const epoch = queue.cards.find((card) => card.front === "Epoch")!;
    expect(epoch.source?.href).toBe(`/courses/${course.slug}/lessons/basics#section-glossary`);
    expect(epoch.intervals[1].label).toBe("1m");
    expect(epoch.intervals[3].label).toBe("10m");
  });

  it("adds every card at enrollment when the course says so", async () => {
    const course = await createCourse({ addAllCardsOnEnroll: true });
    const learner = await createTestUser();
    await callerFor(learner).enrollment.enroll({ courseSlug: course.slug });
    expect(await db.card.count({ where: { userId: learner.id } })).toBe(4);
  });

  it("keeps the schedule when re-imported content changes a card's text", async () => {
    const { user, caller } = await learnerWithCards();
    const [first] = (await caller.review.queue({})).cards;
    await caller.review.rate({ reviewId: randomUUID(), cardId: first!.id, version: first!.version, rating: 3 });
    const card = await db.card.findUniqueOrThrow({ where: { id: first!.id }, select: { contentItemId: true, due: true, reps: true, stability: true } });
    await db.contentItem.update({ where: { id: card.contentItemId! }, data: { data: { front: "Front one, reworded", back: "Back one" } } });
    const after = await db.card.findUniqueOrThrow({ where: { id: first!.id }, select: { due: true, reps: true, stability: true } });
    expect(after).toEqual({ due: card.due, reps: 1, stability: card.stability });
    const reworded = (await getQueue({ userId: user.id, now: new Date(card.due.getTime() + 1) })).cards.find((c) => c.id === first!.id);
    expect(reworded?.front).toBe("Front one, reworded");
  });

  it("adds a single item with \"Add to my flashcards\", for enrolled learners only", async () => {
    const course = await createCourse();
    const items = await db.contentItem.findMany({ where: { section: { lessonId: course.lessonId } }, select: { id: true, key: true } });
    const epoch = items.find((item) => item.key === "epoch")!;
    const batch = items.find((item) => item.key === "batch")!;
    const learner = await createTestUser();
    const caller = callerFor(learner);
    await expect(caller.review.addItem({ contentItemId: epoch.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await caller.enrollment.enroll({ courseSlug: course.slug });
    expect(await caller.review.inCollection({ contentItemIds: [epoch.id] })).toEqual([]);
    const first = await caller.review.addItem({ contentItemId: epoch.id });
    const second = await caller.review.addItem({ contentItemId: epoch.id });
    expect(first.added).toBe(true);
    expect(second).toEqual({ added: false, cardId: first.cardId });
    expect(await caller.review.inCollection({ contentItemIds: [epoch.id, batch.id] })).toEqual([epoch.id]);
    // An item its author marked `card: false` makes no card.
    await expect(caller.review.addItem({ contentItemId: batch.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await db.card.count({ where: { userId: learner.id } })).toBe(1);
  });

  it("keeps a learner's own cards once per front and back", async () => {
    const learner = await createTestUser();
    const cards = [{ front: "Capital of France?", back: "Paris", sourceLabel: "Quiz: Geography" }, { front: " capital of  france? ", back: "paris" }];
    expect(await addCustomCards({ userId: learner.id, cards })).toEqual({ added: 1 });
    expect(await addCustomCards({ userId: learner.id, cards })).toEqual({ added: 0 });
    const queue = await callerFor(learner).review.queue({});
    expect(queue.cards).toHaveLength(1);
    expect(queue.cards[0]).toMatchObject({ front: "Capital of France?", back: "Paris", kindLabel: "Your card", source: { label: "Quiz: Geography", href: null } });
    await expect(addCustomCards({ userId: learner.id, cards: [{ front: " ", back: "x" }] })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});

describe("rating", () => {
  it("applies a retried rating once: one log row, one XP award", async () => {
    const { user, caller } = await learnerWithCards();
    const [card] = (await caller.review.queue({})).cards;
    const input = { reviewId: randomUUID(), cardId: card!.id, version: card!.version, rating: 3 as const };
    const results = await Promise.all([caller.review.rate(input), caller.review.rate(input), caller.review.rate(input)]);
    expect(results.map((r) => r.outcome).sort()).toEqual(["applied", "duplicate", "duplicate"]);
    expect(new Set(results.map((r) => r.due.toISOString())).size).toBe(1);
    expect(await db.reviewLog.count({ where: { userId: user.id } })).toBe(1);
    expect(await db.xpEvent.count({ where: { userId: user.id, source: "review" } })).toBe(1);
    expect((await db.card.findUniqueOrThrow({ where: { id: card!.id } })).reps).toBe(1);
  });

  it("resolves two tabs rating the same card to one review", async () => {
    const { user, caller } = await learnerWithCards();
    const [card] = (await caller.review.queue({})).cards;
    const tab = (rating: 1 | 4) => caller.review.rate({ reviewId: randomUUID(), cardId: card!.id, version: card!.version, rating });
    const results = await Promise.all([tab(1), tab(4)]);
    expect(results.map((r) => r.outcome).sort()).toEqual(["applied", "stale"]);
    const logs = await db.reviewLog.findMany({ where: { userId: user.id }, select: { rating: true } });
    expect(logs).toHaveLength(1);
    const stored = await db.card.findUniqueOrThrow({ where: { id: card!.id }, select: { reps: true, version: true, state: true } });
    expect(stored).toMatchObject({ reps: 1, version: card!.version + 1 });
    expect(stored.state).toBe(logs[0]!.rating === 4 ? "REVIEW" : "LEARNING");
  });

  it("undoes the last rating, and a rating given again earns no second XP", async () => {
    const { user, caller } = await learnerWithCards();
    const [card] = (await caller.review.queue({})).cards;
    const before = await db.card.findUniqueOrThrow({ where: { id: card!.id } });
    const first = await caller.review.rate({ reviewId: randomUUID(), cardId: card!.id, version: card!.version, rating: 4 });
    expect(first).toMatchObject({ outcome: "applied", state: "REVIEW", xp: 2 });
    await caller.review.undo({ reviewId: first.reviewId });
    await caller.review.undo({ reviewId: first.reviewId });
    const restored = await db.card.findUniqueOrThrow({ where: { id: card!.id } });
    expect({ ...restored, version: 0, updatedAt: null }).toEqual({ ...before, version: 0, updatedAt: null });
    expect(restored.version).toBe(before.version + 2);
    const again = await caller.review.rate({ reviewId: randomUUID(), cardId: card!.id, version: restored.version, rating: 3 });
    expect(again).toMatchObject({ outcome: "applied", xp: 0 });
    await expect(caller.review.undo({ reviewId: first.reviewId })).resolves.toMatchObject({ undone: true });
    const second = await caller.review.rate({ reviewId: randomUUID(), cardId: card!.id, version: restored.version + 1, rating: 3 });
    await expect(caller.review.undo({ reviewId: again.reviewId })).rejects.toMatchObject({ code: "CONFLICT" });
    expect(second.outcome).toBe("applied");
    expect(await db.xpEvent.count({ where: { userId: user.id, source: "review" } })).toBe(2);
    expect(await db.reviewLog.count({ where: { userId: user.id, undoneAt: null } })).toBe(2);
  });

  it("keeps learners to their own cards", async () => {
    const alice = await learnerWithCards();
    const bob = await learnerWithCards();
    const aliceCards = (await alice.caller.review.queue({})).cards;
    const bobCards = (await bob.caller.review.queue({})).cards;
    expect(bobCards.some((card) => aliceCards.some((a) => a.id === card.id))).toBe(false);
    const target = aliceCards[0]!;
    await expect(bob.caller.review.rate({ reviewId: randomUUID(), cardId: target.id, version: target.version, rating: 3 })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(bob.caller.review.suspend({ cardId: target.id, suspended: true })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(bob.caller.review.bury({ cardId: target.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const aliceReview = await alice.caller.review.rate({ reviewId: randomUUID(), cardId: target.id, version: target.version, rating: 3 });
    await expect(bob.caller.review.undo({ reviewId: aliceReview.reviewId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await db.reviewLog.count({ where: { cardId: target.id } })).toBe(1);
    await expect(createCaller(createContextFor(null)).review.queue({})).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });

  it("refuses malformed ratings and settings with a clear error", async () => {
    const { caller } = await learnerWithCards();
    const [card] = (await caller.review.queue({})).cards;
    await expect(caller.review.rate({ reviewId: "not-a-uuid", cardId: card!.id, version: 0, rating: 3 })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(caller.review.rate({ reviewId: randomUUID(), cardId: card!.id, version: 0, rating: 5 as 4 })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(caller.review.updateSettings({ desiredRetention: 0.5, newCardsPerDay: 10 })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(caller.review.updateSettings({ desiredRetention: 0.85, newCardsPerDay: 10 })).resolves.toEqual({ desiredRetention: 0.85, newCardsPerDay: 10 });
  });
});

describe("the queue", () => {
  it("limits new cards per day, counting only ratings not undone", async () => {
    const { user, caller } = await learnerWithCards();
    await caller.review.updateSettings({ desiredRetention: 0.9, newCardsPerDay: 2 });
    let queue = await caller.review.queue({});
    expect(queue.cards.filter((card) => card.isNew)).toHaveLength(2);
    expect(queue.newCount).toBe(2);
    const [a, b] = queue.cards;
    await caller.review.rate({ reviewId: randomUUID(), cardId: a!.id, version: a!.version, rating: 4 });
    const rated = await caller.review.rate({ reviewId: randomUUID(), cardId: b!.id, version: b!.version, rating: 4 });
    queue = await caller.review.queue({});
    expect(queue.cards.filter((card) => card.isNew)).toHaveLength(0);
    expect(queue.newLimitReached).toBe(true);
    expect(await dueCount({ userId: user.id })).toEqual({ due: 0, dueCapped: false, new: 0 });
    await caller.review.undo({ reviewId: rated.reviewId });
    queue = await caller.review.queue({});
    expect(queue.cards.filter((card) => card.isNew).map((card) => card.id)).toEqual([b!.id]);
  });

  it("puts a learning step coming due behind the new cards, and shows it once it is due", async () => {
    const { user } = await learnerWithCards();
    const now = new Date();
    const [first] = (await getQueue({ userId: user.id, now })).cards;
    await rateCard({ userId: user.id, reviewId: randomUUID(), cardId: first!.id, version: first!.version, rating: 1, now });
    const soon = await getQueue({ userId: user.id, now: new Date(now.getTime() + 1000) });
    expect(soon.cards.map((card) => card.id).at(-1)).toBe(first!.id);
    expect(soon.cards.slice(0, -1).every((card) => card.isNew)).toBe(true);
    const later = await getQueue({ userId: user.id, now: new Date(now.getTime() + 61_000) });
    expect(later.cards[0]!.id).toBe(first!.id);
    expect(later.dueCount).toBe(1);
  });

  it("ends the day at the learner's own midnight: UTC+13 and UTC−10", async () => {
    // 09:00 UTC on 1 June is 22:00 on 1 June in Tonga (UTC+13) and 23:00 on 31 May in Honolulu (UTC−10).
    const now = new Date("2026-06-01T09:00:00Z");
    const dueAt = new Date("2026-06-01T10:30:00Z"); // Tonga: 23:30 today. Honolulu: 00:30 tomorrow.
    const tonga = await learnerWithCards({ timezone: "Pacific/Tongatapu" });
    const honolulu = await learnerWithCards({ timezone: "Pacific/Honolulu" });
    for (const learner of [tonga, honolulu]) {
      await db.card.updateMany({ where: { userId: learner.user.id }, data: { state: "REVIEW", due: dueAt, stability: 3, difficulty: 5, reps: 2, lastReview: new Date("2026-05-29T09:00:00Z") } });
    }
    expect((await getQueue({ userId: tonga.user.id, now })).dueCount).toBe(4);
    expect((await getQueue({ userId: honolulu.user.id, now })).dueCount).toBe(0);
    expect((await dueCount({ userId: honolulu.user.id, now })).due).toBe(0);
    // An hour later it is 00:00 on 1 June in Honolulu: the cards are due today there too.
    expect((await getQueue({ userId: honolulu.user.id, now: new Date("2026-06-01T10:00:00Z") })).dueCount).toBe(4);
  });

  it("resets the new-card limit at the learner's midnight, not UTC's", async () => {
    const tonga = await learnerWithCards({ timezone: "Pacific/Tongatapu" });
    const honolulu = await learnerWithCards({ timezone: "Pacific/Honolulu" });
    const evening = new Date("2026-06-01T10:30:00Z"); // Tonga 23:30 on 1 June; Honolulu 00:30 on 1 June.
    const later = new Date("2026-06-01T11:30:00Z"); // Tonga 00:30 on 2 June; Honolulu 01:30 on 1 June.
    for (const learner of [tonga, honolulu]) {
      await updateSettings({ userId: learner.user.id, desiredRetention: 0.9, newCardsPerDay: 1 });
      const [card] = (await getQueue({ userId: learner.user.id, now: evening })).cards;
      expect(card?.isNew).toBe(true);
      await rateCard({ userId: learner.user.id, reviewId: randomUUID(), cardId: card!.id, version: card!.version, rating: 4, now: evening });
      expect((await getQueue({ userId: learner.user.id, now: evening })).newCount).toBe(0);
    }
    expect((await getQueue({ userId: tonga.user.id, now: later })).newCount).toBe(1);
    expect((await getQueue({ userId: honolulu.user.id, now: later })).newCount).toBe(0);
  });

  it("leaves out suspended and buried cards until they come back", async () => {
    const { caller } = await learnerWithCards({ timezone: "Pacific/Honolulu" });
    const [first, second] = (await caller.review.queue({})).cards;
    await caller.review.suspend({ cardId: first!.id, suspended: true });
    const buried = await caller.review.bury({ cardId: second!.id });
    const ids = (await caller.review.queue({})).cards.map((card) => card.id);
    expect(ids).not.toContain(first!.id);
    expect(ids).not.toContain(second!.id);
    expect((await caller.review.suspended()).map((card) => card.id)).toEqual([first!.id]);
    await expect(caller.review.rate({ reviewId: randomUUID(), cardId: first!.id, version: first!.version + 1, rating: 3 })).resolves.toMatchObject({ outcome: "stale" });
    await caller.review.suspend({ cardId: first!.id, suspended: false });
    expect((await caller.review.queue({})).cards.map((card) => card.id)).toContain(first!.id);
    // Buried until the start of the learner's next day, in their zone.
    const { userId } = await db.card.findUniqueOrThrow({ where: { id: second!.id }, select: { userId: true } });
    const tomorrow = (await getQueue({ userId, now: new Date(buried.buriedUntil.getTime() + 1000) })).cards.map((card) => card.id);
    expect(tomorrow).toContain(second!.id);
    expect(buried.buriedUntil.getUTCHours()).toBe(10); // midnight in Honolulu
  });

  it("filters by course", async () => {
    const one = await learnerWithCards();
    const other = await createCourse();
    await one.caller.enrollment.enroll({ courseSlug: other.slug });
    await one.caller.review.addLessonCards({ lessonId: other.lessonId });
    expect((await one.caller.review.queue({})).cards).toHaveLength(8);
    expect((await one.caller.review.queue({ courseSlug: other.slug })).cards).toHaveLength(4);
    await expect(one.caller.review.queue({ courseSlug: "no-such-course" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("statistics", () => {
  it("counts reviews by the learner's day, the forecast, states and the class's most-forgotten cards", async () => {
    const { user, caller, course } = await learnerWithCards({ timezone: "Pacific/Tongatapu" });
    const cards = (await caller.review.queue({})).cards;
    for (const [index, card] of cards.entries()) {
      await caller.review.rate({ reviewId: randomUUID(), cardId: card.id, version: card.version, rating: index === 0 ? 1 : 4 });
    }
    const stats = await caller.review.stats();
    expect(stats.heatmap).toHaveLength(182);
    expect(stats.heatmap.at(-1)).toEqual({ day: new Intl.DateTimeFormat("en-CA", { timeZone: "Pacific/Tongatapu" }).format(new Date()), reviews: 4 });
    expect(stats.totalReviews).toBe(4);
    expect(stats.counts).toEqual({ new: 0, learning: 1, review: 3, suspended: 0 });
    expect(stats.forecast).toHaveLength(30);
    expect(stats.forecast.reduce((sum, day) => sum + day.cards, 0)).toBe(4);
    // Only reviews of cards already in review count toward true retention: none yet.
    expect(stats.retention.week).toEqual({ reviews: 0, passed: 0, rate: null });

    const again = cards[0]!;
    const forgotten = await mostForgottenCards({ courseId: course.id });
    expect(forgotten).toEqual([{ front: again.front, kindLabel: again.kindLabel, lesson: "Basics", reviews: 1, again: 1, learners: 1, forgetRate: 1 }]);
    expect((await getStats({ userId: user.id })).hardest).toEqual([]);
  });
});
