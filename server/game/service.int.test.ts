import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import type { PlayerContent } from "@/lib/games/session";
import { problemAt, type GradedAnswer } from "@/lib/games/math";
import path from "node:path";
import { importContent } from "../content/importer";
import { db } from "../db";
import { enroll } from "../enrollment/service";
import { createCaller } from "../router";
import { createTestUser } from "../test/factories";
import { createContextFor } from "../trpc";

async function learner() {
  const user = await createTestUser();
  return { user, caller: createCaller(createContextFor(user)) };
}

// The server's clock must have run at least as long as the log: tests move the start back instead of waiting.
async function backdate(sessionId: string, ms = 120_000) {
  await db.gameSession.update({ where: { id: sessionId }, data: { startedAt: new Date(Date.now() - ms) } });
}

function typeWords(content: PlayerContent, gap: number) {
  if (content.game !== "typing") throw new Error("expected a typing session");
  const text = content.words.join(" ");
  return [...text].map((k, i) => ({ t: i * gap, k }));
}

describe("game sessions", () => {
  it("a typing test: the server recomputes wpm, stores the best, awards XP once, and retries change nothing", async () => {
    const { user, caller } = await learner();
    const started = await caller.game.start({ game: "typing", mode: "words-10", level: "common" });
    expect(started.content.game).toBe("typing");
    if (started.content.game === "typing") expect(started.content.words).toHaveLength(10);
    await backdate(started.sessionId);
    const keys = typeWords(started.content, 200); // 5 chars a second → 60 wpm
    const [first, second] = await Promise.all([
      caller.game.finish({ sessionId: started.sessionId, events: { game: "typing", keys } }),
      caller.game.finish({ sessionId: started.sessionId, events: { game: "typing", keys } }),
    ]);
    expect(first.score).toBe(second.score);
    // Every character right: n characters over the (n − 1) × 200 ms between the first and last key.
    const n = keys.length;
    expect(first.score).toBe(Math.round((n / 5 / (((n - 1) * 200) / 60_000)) * 100) / 100);
    expect(first.stats.accuracy).toBe(100);
    expect(first.newBest).toBe(true);
    const events = await db.xpEvent.findMany({ where: { userId: user.id, source: "game" }, select: { amount: true, meta: true, sourceId: true } });
    expect(events).toHaveLength(1);
    expect(events[0]!.sourceId).toBe(started.sessionId);
    // Both replies report the one award the session earned.
    expect(events[0]!.amount).toBe(first.xpAwarded);
    expect(second.xpAwarded).toBe(first.xpAwarded);
    expect(first.xpAwarded).toBe(20); // 60 wpm at 100% accuracy earns the game's maximum
    expect(events[0]!.meta).toMatchObject({ game: "typing", mode: "words-10", level: "common", wpm: first.score, accuracy: 100 });

    const again = await caller.game.finish({ sessionId: started.sessionId, events: { game: "typing", keys: keys.slice(0, 3) } });
    expect(again.score).toBe(first.score);
    expect(await caller.game.personalBests({ game: "typing" })).toEqual([{ mode: "words-10", level: "common", best: first.score, played: 1 }]);
    const board = await caller.game.leaderboard({ game: "typing", mode: "words-10", level: "common", period: "week" });
    expect(board.rows.find((row) => row.you)).toMatchObject({ score: first.score, name: user.name });
  });

  it("rejects an implausible log with a clear message, and the session stays rejected", async () => {
    const { caller } = await learner();
    // 25 words keep the fake test over a second long, so the speed check is the one that speaks.
    const started = await caller.game.start({ game: "typing", mode: "words-25", level: "common" });
    await backdate(started.sessionId);
    const fast = typeWords(started.content, 15); // 800 wpm
    await expect(caller.game.finish({ sessionId: started.sessionId, events: { game: "typing", keys: fast } })).rejects.toThrow(/above the 350 wpm/);
    await expect(caller.game.finish({ sessionId: started.sessionId, events: { game: "typing", keys: typeWords(started.content, 200) } })).rejects.toThrow(/was not counted/);
    expect(await caller.game.personalBests({ game: "typing" })).toEqual([]);
  });

  it("rejects a log longer than the session has lasted, a score in the payload, and another learner's session", async () => {
    const { caller } = await learner();
    const started = await caller.game.start({ game: "typing", mode: "words-10", level: "starter" });
    const keys = typeWords(started.content, 300);
    await expect(caller.game.finish({ sessionId: started.sessionId, events: { game: "typing", keys } })).rejects.toThrow(/longer than the .* since the game started/);

    const other = await caller.game.start({ game: "typing", mode: "words-10", level: "starter" });
    const tampered = { sessionId: other.sessionId, events: { game: "typing", keys: [] }, score: 999 } as unknown as Parameters<typeof caller.game.finish>[0];
    await expect(caller.game.finish(tampered)).rejects.toBeInstanceOf(TRPCError);
    const stranger = await learner();
    await backdate(other.sessionId);
    await expect(stranger.caller.game.finish({ sessionId: other.sessionId, events: { game: "typing", keys: typeWords(other.content, 200) } })).rejects.toThrow(/does not exist/);
    await expect(caller.game.start({ game: "typing", mode: "time-5", level: "common" })).rejects.toThrow(/no such mode or level/);
  });

  it("English answers stay on the server until the finish, which lists the missed words", async () => {
    const { caller } = await learner();
    const started = await caller.game.start({ game: "english", mode: "vocabulary", level: "core" });
    if (started.content.game !== "english") throw new Error("expected an English session");
    expect(JSON.stringify(started.content)).not.toContain('"answer"');
    await backdate(started.sessionId);
    const answers = started.content.items.map((item, i) => ({ t: (i + 1) * 2000, answer: item.kind === "vocabulary" ? item.options[0]! : "" }));
    const result = await caller.game.finish({ sessionId: started.sessionId, events: { game: "english", answers } });
    expect(result.stats.total).toBe(8);
    expect(result.missed).toHaveLength(8 - result.score);
    for (const missed of result.missed) expect(missed.back.length).toBeGreaterThan(0);
  });

  it("math: wrong facts are scheduled sooner and open the next session once due", async () => {
    const { user, caller } = await learner();
    const started = await caller.game.start({ game: "math", mode: "sprint", level: "times" });
    await backdate(started.sessionId);
    const graded: GradedAnswer[] = [];
    const answers = [];
    for (let index = 0; index < 6; index++) {
      const problem = problemAt({ level: "times", seed: started.seed, index, reviewFacts: [], graded });
      const wrong = index === 1;
      const given = String(wrong ? problem.answer + 1 : problem.answer);
      answers.push({ t: (index + 1) * 1500, answer: given });
      graded.push({ problem, given, correct: !wrong, ms: 1500 });
    }
    const result = await caller.game.finish({ sessionId: started.sessionId, events: { game: "math", answers } });
    expect(result.score).toBe(5);
    expect(result.missed).toEqual([{ front: `${graded[1]!.problem.a} ${graded[1]!.problem.op} ${graded[1]!.problem.b} = ?`, back: String(graded[1]!.problem.answer) }]);
    const facts = await db.gameFact.findMany({ where: { userId: user.id, level: "times" }, orderBy: { due: "asc" }, select: { key: true, due: true } });
    expect(facts[0]!.key).toBe(graded[1]!.problem.key);
    const meta = await db.xpEvent.findFirstOrThrow({ where: { userId: user.id, source: "game" }, select: { meta: true } });
    expect(meta.meta).toMatchObject({ game: "math", level: "times", score: 5 });

    await db.gameFact.updateMany({ where: { userId: user.id, key: graded[1]!.problem.key }, data: { due: new Date(Date.now() - 1000) } });
    const next = await caller.game.start({ game: "math", mode: "sprint", level: "times" });
    expect(next.content).toEqual({ game: "math", reviewFacts: [graded[1]!.problem.key] });
  });

  it("leaderboards rank each player's best score, only from finished sessions", async () => {
    const a = await learner();
    const b = await learner();
    const variant = { game: "sequence" as const, mode: "untimed", level: "9-tiles" };
    async function play(caller: typeof a.caller, rounds: number) {
      const started = await caller.game.start(variant);
      if (started.content.game !== "sequence") throw new Error("expected a sequence");
      await backdate(started.sessionId, 600_000);
      const sequence = started.content.sequence;
      const presses = [];
      let t = 0;
      for (let round = 1; round <= rounds; round++) {
        t += 600 + round * 500;
        for (let i = 0; i < round; i++) presses.push({ t: (t += 300), tile: sequence[i]! });
      }
      t += 600 + (rounds + 1) * 500 + 300;
      presses.push({ t, tile: (sequence[0]! + 1) % 9 });
      return caller.game.finish({ sessionId: started.sessionId, events: { game: "sequence", presses } });
    }
    expect((await play(a.caller, 4)).score).toBe(4);
    expect((await play(a.caller, 2)).newBest).toBe(false);
    expect((await play(b.caller, 6)).score).toBe(6);
    const board = await a.caller.game.leaderboard({ ...variant, period: "all" });
    const mine = board.rows.filter((row) => row.name === a.user.name || row.name === b.user.name);
    expect(mine.map((row) => row.score)).toEqual([6, 4]);
    expect(mine[1]!.you).toBe(true);
    expect(mine[0]!.rank).toBeLessThan(mine[1]!.rank);
  });

  it("glossary games use the learner's enrolled courses, and fall back to the word list without them", async () => {
    const { user, caller } = await learner();
    const fallback = await caller.game.start({ game: "match", mode: "relaxed", level: "glossary-8" });
    expect(fallback.note).toMatch(/glossaries have 0 terms/);

    await importContent({ root: path.join(process.cwd(), "content") }, db);
    await enroll({ userId: user.id, courseSlug: "sql-basics" });
    const terms = await db.contentItem.findMany({
      where: { kind: "glossary", section: { lesson: { course: { slug: "sql-basics" } } } },
      select: { data: true },
    });
    const started = await caller.game.start({ game: "match", mode: "relaxed", level: "glossary-8" });
    expect(started.note).toBeNull();
    if (started.content.game !== "match") throw new Error("expected a match deck");
    expect(started.content.deck).toHaveLength(16);
    const glossaryTerms = new Set(terms.map((t) => (t.data as { term: string }).term));
    const faces = started.content.deck.map((card) => card.face);
    expect(faces.filter((face) => glossaryTerms.has(face))).toHaveLength(8);

    const vocabulary = await caller.game.start({ game: "english", mode: "vocabulary", level: "course" });
    expect(vocabulary.note).toBeNull();
    if (vocabulary.content.game !== "english") throw new Error("expected English items");
    for (const item of vocabulary.content.items) {
      if (item.kind !== "vocabulary") throw new Error("expected a vocabulary item");
      for (const option of item.options) expect(glossaryTerms.has(option)).toBe(true);
    }
    // The definition shown never names its own answer.
    const stored = await db.gameSession.findUniqueOrThrow({ where: { id: vocabulary.sessionId }, select: { content: true } });
    for (const { item, answer } of (stored.content as { items: { item: { definition: string }; answer: string }[] }).items) {
      expect(item.definition.toLowerCase()).not.toMatch(new RegExp(`\\b${answer.toLowerCase()}\\b`));
    }
  });
});
