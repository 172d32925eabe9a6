// `npm run bench -- card-browser`: the card browser (review.browser.list) for a learner with 10,000
// cards — 8,000 of their own notes in four decks and 2,000 course flashcards — through the tRPC
// server caller on a throwaway embedded PostgreSQL with every migration applied. Each query shape
// is timed side by side with review.queue for the same learner in the same run (the ratio is the
// browser's cost against the page learners open most). BENCH_BROWSER_CALLS tunes the call count.
// Writes bench/results/card-browser.md.
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import "../server/server-only-hook.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const CALLS = Number(process.env.BENCH_BROWSER_CALLS ?? 100);
const OWN = 8_000;
const COURSE = 2_000;

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function time(run: () => Promise<unknown>) {
  for (let i = 0; i < 10; i++) await run();
  const times: number[] = [];
  for (let i = 0; i < CALLS; i++) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p99: percentile(times, 99) };
}

async function main() {
  const { withThrowawayDatabase } = await import("../scripts/harness/database.ts");
  await withThrowawayDatabase("learnloop-bench-browser-", async () => {
    const { db } = await import("../server/db.ts");
    const { createCaller } = await import("../server/router.ts");
    const { createContextFor } = await import("../server/trpc.ts");
    const { authUserSelect } = await import("../server/auth/service.ts");

    const user = await db.user.create({ data: { email: "browser@bench.learnloop", name: "Browser", timezone: "Europe/Paris" }, select: authUserSelect });
    const caller = createCaller(createContextFor(user));
    const decks = await Promise.all(["Spanish", "Anatomy", "SQL", "History"].map((name) => caller.review.decks.create({ name })));
    console.log(`Seeding ${OWN} own cards and ${COURSE} course cards…`);
    for (const [d, deck] of decks.entries()) {
      await db.$executeRaw`
        WITH notes AS (
          INSERT INTO "Note" (id, "userId", "deckId", kind, front, back, "updatedAt")
          SELECT 'n-' || ${d} || '-' || g, ${user.id}, ${deck.id}, 'BASIC', 'Word ' || g || ' of ' || ${deck.name}, 'Meaning number ' || g, now()
          FROM generate_series(1, ${OWN / decks.length}) AS g RETURNING id, front, back)
        INSERT INTO "Card" (id, "userId", "deckId", "noteId", ordinal, front, back, state, due, "scheduledDays", reps, "updatedAt")
        SELECT 'c-' || id, ${user.id}, ${deck.id}, id, 0, front, back,
               (CASE WHEN random() < 0.3 THEN 'NEW' ELSE 'REVIEW' END)::"CardState", now() + (random() * 60 - 10) * interval '1 day', 5, 3, now()
        FROM notes`;
    }
    const course = await db.course.create({
      data: {
        slug: "bench-course",
        title: "Bench course",
        category: { create: { slug: "bench", title: "Bench", description: "b", position: 1 } },
        level: "beginner",
        summary: "s",
        description: "d",
        estimatedMinutes: 1,
        authors: ["A"],
        status: "PUBLISHED",
        lessons: { create: { slug: "l", title: "L", summary: "s", objectives: ["o"], estimatedMinutes: 1, position: 0, sections: { create: { type: "flashcards", position: 0, data: {} } } } },
      },
      select: { id: true, lessons: { select: { sections: { select: { id: true } } } } },
    });
    const sectionId = course.lessons[0]!.sections[0]!.id;
    await db.$executeRaw`
      INSERT INTO "ContentItem" (id, "sectionId", key, kind, position, data, "updatedAt")
      SELECT 'i-' || g, ${sectionId}, 'k' || g, 'flashcard', g, jsonb_build_object('front', 'Course term ' || g, 'back', 'Course definition ' || g), now()
      FROM generate_series(1, ${COURSE}) AS g`;
    await db.$executeRaw`
      INSERT INTO "Card" (id, "userId", "contentItemId", "courseId", state, due, "updatedAt")
      SELECT 'cc-' || g, ${user.id}, 'i-' || g, ${course.id}, 'NEW', now(), now() FROM generate_series(1, ${COURSE}) AS g`;
    await db.$executeRawUnsafe(`ANALYZE`);
    const total = (await caller.review.browser.list({})).total;
    if (total !== OWN + COURSE) throw new Error(`expected ${OWN + COURSE} cards, found ${total}`);

    const shapes: [string, () => Promise<unknown>][] = [
      ["review.queue (reference)", () => caller.review.queue({})],
      ["browser: first page, by due", () => caller.review.browser.list({})],
      ["browser: last page (200 of 200), by due", () => caller.review.browser.list({ page: 200 })],
      ["browser: search \"number 12\" (both sides, own + course)", () => caller.review.browser.list({ query: "number 12" })],
      ["browser: search a course card's back", () => caller.review.browser.list({ query: "definition 1999" })],
      ["browser: one deck, review state, by front text", () => caller.review.browser.list({ deckId: decks[1]!.id, state: "REVIEW", sort: "front" })],
      ["browser: due today, not suspended", () => caller.review.browser.list({ due: true, suspended: false })],
    ];
    const results: { name: string; p50: number; p99: number }[] = [];
    for (const [name, run] of shapes) {
      console.log(`Timing ${name}…`);
      results.push({ name, ...(await time(run)) });
    }
    const reference = results[0]!;
    const lines = [
      `Learnloop card-browser benchmark — ${new Date().toISOString()} — ${os.cpus().length} cores (load average ${os.loadavg()[0]!.toFixed(1)} at the end), embedded PostgreSQL`,
      "",
      `A learner with ${OWN + COURSE} cards (${OWN} own in 4 decks, ${COURSE} course flashcards); pages of 50; ${CALLS} sequential calls per shape after 10 warm-up calls, through the tRPC server caller.`,
      "",
      "| query | p50 | p99 | p99 / review.queue p99 |",
      "|---|---:|---:|---:|",
      ...results.map((row) => `| ${row.name} | ${row.p50.toFixed(1)} ms | ${row.p99.toFixed(1)} ms | ${(row.p99 / reference.p99).toFixed(2)}× |`),
    ];
    const report = lines.join("\n");
    console.log(`\n${report}`);
    mkdirSync(path.join(root, "bench", "results"), { recursive: true });
    writeFileSync(path.join(root, "bench", "results", "card-browser.md"), `${report}\n`);
    await db.$disconnect();
  });
}

await main();
