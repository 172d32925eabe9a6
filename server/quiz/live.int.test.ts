import { setMaxListeners } from "node:events";
import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import type { AuthUser } from "../auth/service";
import { db } from "../db";
import { getEnv } from "../env";
import { createCaller } from "../router";
import { codeOf } from "../test/error-code";
import { createTestUser, uniqueIp } from "../test/factories";
import { createContextFor } from "../trpc";
import { answerLive, joinRoom, removePlayer, roomResults, sharedReadCount, watchAsHost, watchAsPlayer, type LiveActor } from "./live";
import { guestCookieName, guestFromHeaders, signGuest, type GuestClaim } from "./live-guest";
import { createQuizCourse } from "../test/quiz-course";

const live = (user: AuthUser) => createCaller(createContextFor(user)).quiz.live;
/** A caller with no session, holding a guest's cookie as the browser would send it. */
const asGuest = (code: string, claim: GuestClaim) => createCaller(createContextFor(null, new Headers({ cookie: `other=1; ${guestCookieName(code)}=${encodeURIComponent(signGuest(claim))}` }))).quiz.live;
const user = (viewer: AuthUser): LiveActor => ({ viewer, guest: null });
const guestJoin = async (code: string, nickname: string, address = uniqueIp()) => {
  const joined = await joinRoom({ actor: { viewer: null, guest: null }, code, nickname, address });
  return joined.guest!;
};

async function hostView(host: AuthUser, code: string) {
  const controller = new AbortController();
  const stream = watchAsHost({ viewer: host, code, signal: controller.signal });
  const first = await stream.next();
  controller.abort();
  await stream.return(undefined);
  return first.value!;
}

/** Follows a player's view; `next(pred)` waits for the first view that satisfies it. */
function follow(actor: LiveActor, code: string) {
  const controller = new AbortController();
  const stream = watchAsPlayer({ actor, code, signal: controller.signal });
  const payloads: string[] = [];
  return {
    payloads,
    async next(pred: (view: Awaited<ReturnType<typeof stream.next>>["value"]) => boolean = () => true) {
      for (;;) {
        const step = await stream.next();
        if (step.done) throw new Error("the subscription ended");
        payloads.push(JSON.stringify(step.value));
        if (pred(step.value)) return step.value!;
      }
    },
    async stop() {
      controller.abort();
      await stream.return(undefined);
    },
  };
}

describe("live rooms", () => {
  it("runs a room from the lobby to the podium, counting each answer once and on the server's clock", async () => {
    const host = await createTestUser({ role: "INSTRUCTOR" });
    const players = await Promise.all(["Ann", "Ben", "Cy"].map((name) => createTestUser({ name })));
    const course = await createQuizCourse();
    expect(await codeOf(live(players[0]!).create(course))).toBe("FORBIDDEN");
    const { code } = await live(host).create({ ...course, options: { shuffle: false } });
    expect(code).toMatch(/^\d{6}$/);
    for (const player of players) expect((await live(player).join({ code })).joined).toBe(true);
    expect((await live(players[0]!).join({ code })).joined).toBe(false);

    // A player's view arrives over the subscription, and again when the host opens the question.
    const ann = follow(user(players[0]!), code);
    expect(await ann.next()).toMatchObject({ state: "LOBBY", questionCount: 4, you: { name: "Ann", guest: false, score: 0 } });

    let view = await hostView(host, code);
    expect(view.players.map((p) => p.name).sort()).toEqual(["Ann", "Ben", "Cy"]);
    expect(await codeOf(live(players[0]!).host({ code, action: "start", version: view.version }))).toBe("FORBIDDEN");
    expect((await live(host).host({ code, action: "start", version: view.version })).applied).toBe(true);
    // The same click again (a retry, a second tab) changes nothing.
    expect((await live(host).host({ code, action: "start", version: view.version })).applied).toBe(false);

    const opened = await ann.next((v) => v!.state === "QUESTION");
    expect(opened).toMatchObject({ state: "QUESTION", current: 0 });
    const question = opened.question!;
    if (question.type !== "single-choice") throw new Error("the first test question is single choice");
    // Shuffle off: options in authored order.
    expect(question.options).toEqual(["Paris", "Lyon", "Nice"]);
    const paris = question.options.indexOf("Paris");

    // Eight copies of Ann's answer at once (a double tap, a retry on a flaky network): one counts,
    // the others are told "not recorded", none fails.
    const answers = await Promise.all([
      ...Array.from({ length: 8 }, () => live(players[0]!).answer({ code, question: 0, answer: { type: "single-choice", choice: paris } })),
      live(players[1]!).answer({ code, question: 0, answer: { type: "single-choice", choice: (paris + 1) % 3 } }),
    ]);
    expect(answers.filter((a) => a.recorded)).toHaveLength(2);
    expect(await db.liveAnswer.count({ where: { room: { code } } })).toBe(2);
    expect(await codeOf(live(players[0]!).answer({ code, question: 1, answer: { type: "true-false", value: true } }))).toBe("CONFLICT");

    view = await hostView(host, code);
    expect(view).toMatchObject({ answerCount: 2, playerCount: 3, distribution: null, revealed: null });
    expect((await live(host).host({ code, action: "reveal", version: view.version })).applied).toBe(true);
    const revealed = await ann.next((v) => v!.state === "REVEAL");
    expect(revealed.revealed?.explanation).toBe("EXPLAIN-capital");
    expect(revealed.you).toMatchObject({ correct: true, rank: 1 });
    expect(revealed.you.points).toBeGreaterThan(900);
    expect(revealed.leaderboard[0]).toMatchObject({ name: "Ann", isYou: true });
    expect(await codeOf(live(players[2]!).answer({ code, question: 0, answer: { type: "single-choice", choice: paris } }))).toBe("CONFLICT");

    view = await hostView(host, code);
    expect(view.correctCount).toBe(1);
    // The bar chart: one vote for Paris (correct), one for Lyon.
    expect(view.distribution).toEqual({ kind: "options", counts: [1, 1, 0] });
    expect(view.revealed?.key).toEqual({ type: "single-choice", correct: [0] });
    await live(host).host({ code, action: "next", version: view.version });
    // Past the countdown and its grace, an answer is refused.
    await db.liveRoom.update({ where: { code }, data: { openedAt: new Date(Date.now() - 23_000) } });
    expect(await codeOf(live(players[2]!).answer({ code, question: 1, answer: { type: "true-false", value: true } }))).toBe("CONFLICT");
    view = await hostView(host, code);
    await live(host).host({ code, action: "finish", version: view.version });
    view = await hostView(host, code);
    expect(view.state).toBe("FINISHED");
    expect(view.leaderboard.map((row) => row.name)).toEqual(["Ann", "Ben", "Cy"]);
    await ann.stop();
    expect(await codeOf(live(players[2]!).join({ code }))).toBe("CONFLICT");

    // Signed-in players earn XP once; the finish cannot be replayed.
    const xp = await db.xpEvent.findMany({ where: { sourceId: { startsWith: "live:" }, userId: { in: players.map((p) => p.id) } }, select: { userId: true, amount: true } });
    expect(xp).toHaveLength(3);
    expect(xp.find((e) => e.userId === players[0]!.id)!.amount).toBeGreaterThan(0);
    expect(xp.find((e) => e.userId === players[2]!.id)!.amount).toBe(0);
  });

  it("lets guests join with a nickname, rejoin with their cookie keeping score and streak, and never see the key early", async () => {
    const host = await createTestUser({ role: "INSTRUCTOR" });
    const { code } = await live(host).create({ ...(await createQuizCourse()), options: { speedPoints: false, shuffle: false } });
    const zoe = await guestJoin(code, " Zoë\u200B ");
    const player = await db.liveRoomPlayer.findUniqueOrThrow({ where: { id: zoe.playerId } });
    expect(player).toMatchObject({ name: "Zoë", userId: null, score: 0 });

    // Unique nicknames, compared as people read them.
    expect(await codeOf(guestJoin(code, "ZOË"))).toBe("CONFLICT");
    expect(await codeOf(guestJoin(code, "\u200B\u202E"))).toBe("BAD_REQUEST");
    expect(await codeOf(guestJoin(code, "Sh1t"))).toBe("BAD_REQUEST");
    const max = await guestJoin(code, "Max");

    // A guest's cookie is the only way to act as that guest; a forged or foreign one does nothing.
    const stream = follow({ viewer: null, guest: guestFromHeaders(new Headers({ cookie: `${guestCookieName(code)}=${signGuest(zoe)}` }), code) }, code);
    expect(await stream.next()).toMatchObject({ state: "LOBBY", you: { name: "Zoë", guest: true } });
    expect(guestFromHeaders(new Headers({ cookie: `${guestCookieName(code)}=${zoe.roomId}.${max.playerId}.${signGuest(zoe).split(".")[2]}` }), code)).toBeNull();
    expect(await codeOf(createCaller(createContextFor(null)).quiz.live.answer({ code, question: 0, answer: { type: "true-false", value: true } }))).toBe("CONFLICT");

    let view = await hostView(host, code);
    await live(host).host({ code, action: "start", version: view.version });
    const opened = await stream.next((v) => v!.state === "QUESTION");
    const question = opened.question!;
    if (question.type !== "single-choice") throw new Error("the first test question is single choice");
    const paris = question.options.indexOf("Paris");
    expect(await codeOf(asGuest(code, max).answer({ code, question: 0, answer: { type: "single-choice", choice: 7 } }))).toBe("BAD_REQUEST");
    expect((await asGuest(code, zoe).answer({ code, question: 0, answer: { type: "single-choice", choice: paris } })).recorded).toBe(true);
    expect((await asGuest(code, zoe).answer({ code, question: 0, answer: { type: "single-choice", choice: (paris + 1) % 3 } })).recorded).toBe(false);
    view = await hostView(host, code);
    await live(host).host({ code, action: "reveal", version: view.version });
    const revealed = await stream.next((v) => v!.state === "REVEAL");
    // No speed points: a correct answer earns the full 1,000 whenever it came.
    expect(revealed.you).toMatchObject({ score: 1000, points: 1000, streak: 1, correct: true, rank: 1 });
    await stream.stop();

    // "Reload": join again with the same cookie, and the same player comes back.
    const again = await joinRoom({ actor: { viewer: null, guest: zoe }, code, nickname: "ignored", address: uniqueIp() });
    expect(again).toMatchObject({ playerId: zoe.playerId, joined: false });
    const resumed = follow({ viewer: null, guest: zoe }, code);
    expect(await resumed.next()).toMatchObject({ state: "REVEAL", you: { score: 1000, streak: 1, answered: true } });
    view = await hostView(host, code);
    await live(host).host({ code, action: "next", version: view.version });
    const second = await resumed.next((v) => v!.state === "QUESTION");
    // Question 2 (true/false) right as well: the second in a row earns the +100 streak bonus.
    expect(second.question?.type).toBe("true-false");
    expect((await asGuest(code, zoe).answer({ code, question: 1, answer: { type: "true-false", value: true } })).recorded).toBe(true);
    expect((await asGuest(code, max).answer({ code, question: 1, answer: { type: "true-false", value: false } })).recorded).toBe(true);
    view = await hostView(host, code);
    expect(view).toMatchObject({ state: "QUESTION", answerCount: 2 });
    await live(host).host({ code, action: "reveal", version: view.version });
    expect((await resumed.next((v) => v!.state === "REVEAL")).you).toMatchObject({ points: 1100, score: 2100, streak: 2 });
    view = await hostView(host, code);
    expect(view.distribution).toEqual({ kind: "true-false", counts: [1, 1] });
    expect(await db.liveRoomPlayer.findUniqueOrThrow({ where: { id: max.playerId }, select: { score: true, streak: true } })).toEqual({ score: 0, streak: 0 });
    // Every payload before a reveal is free of answer keys and explanations.
    for (const payload of [...stream.payloads, ...resumed.payloads].filter((p) => JSON.parse(p).state !== "REVEAL")) {
      expect(payload).not.toContain("EXPLAIN-");
      expect(payload).not.toMatch(/"correct":\s*true|"accepted"|"answer":/);
    }
    expect(second.revealed).toBeNull();
    await resumed.stop();
  });

  it("refuses bad joins and answers with a sentence and changes nothing", async () => {
    const host = await createTestUser({ role: "INSTRUCTOR" });
    const learner = await createTestUser();
    const { code } = await live(host).create({ ...(await createQuizCourse()), options: { playerCap: 2 } });
    expect(await codeOf(joinRoom({ actor: user(learner), code: "000000", address: uniqueIp() }))).toBe("NOT_FOUND");
    await guestJoin(code, "One");
    await live(learner).join({ code });
    await expect(guestJoin(code, "Three")).rejects.toThrow(/full \(2 players\)/);
    expect(await db.liveRoomPlayer.count({ where: { room: { code } } })).toBe(2);

    // An expired code.
    await db.liveRoom.update({ where: { code }, data: { createdAt: new Date(Date.now() - 13 * 3600_000) } });
    await expect(guestJoin(code, "Late")).rejects.toThrow(/expired/);

    // Too many joins from one address.
    const { code: busy } = await live(host).create(await createQuizCourse());
    const address = uniqueIp();
    // The limit is read per join from the validated environment; lower it for this test.
    const env = getEnv();
    const before = env.LIVE_JOIN_RATE_LIMIT;
    env.LIVE_JOIN_RATE_LIMIT = 3;
    try {
      for (const name of ["a1", "a2", "a3"]) await guestJoin(busy, name, address);
      expect(await codeOf(guestJoin(busy, "a4", address))).toBe("TOO_MANY_REQUESTS");
      await guestJoin(busy, "b1", uniqueIp());
    } finally {
      env.LIVE_JOIN_RATE_LIMIT = before;
    }
    expect(await db.liveRoomPlayer.count({ where: { room: { code: busy } } })).toBe(4);
  });

  it("lets the host remove a player, who leaves the counts and cannot answer or rejoin with their cookie", async () => {
    const host = await createTestUser({ role: "INSTRUCTOR" });
    const other = await createTestUser({ role: "INSTRUCTOR" });
    const { code } = await live(host).create({ ...(await createQuizCourse()), options: { shuffle: false } });
    const troll = await guestJoin(code, "Troll");
    const kind = await guestJoin(code, "Kind");
    expect(await codeOf(removePlayer({ viewer: other, code, playerId: troll.playerId }))).toBe("FORBIDDEN");
    const watching = follow({ viewer: null, guest: troll }, code);
    await watching.next();
    await live(host).remove({ code, playerId: troll.playerId });
    await expect(watching.next()).rejects.toThrow(/removed you/);
    expect(await codeOf(live(host).remove({ code, playerId: troll.playerId }))).toBe("NOT_FOUND");
    await expect(joinRoom({ actor: { viewer: null, guest: troll }, code, nickname: "Troll2", address: uniqueIp() })).rejects.toThrow(/removed you/);
    const view = await hostView(host, code);
    expect(view.players.map((p) => p.name)).toEqual(["Kind"]);
    await live(host).host({ code, action: "start", version: view.version });
    await expect(answerLive({ actor: { viewer: null, guest: troll }, code, question: 0, answer: { type: "single-choice", choice: 0 } })).rejects.toThrow(/removed you/);
    expect((await answerLive({ actor: { viewer: null, guest: kind }, code, question: 0, answer: { type: "single-choice", choice: 0 } })).recorded).toBe(true);
    const results = await roomResults({ viewer: host, code });
    expect(results.rows.map((r) => r.name)).toEqual(["Kind"]);
    expect(results.rows[0]).toMatchObject({ guest: true, answered: 1, asked: 1 });
  });

  it("serves every player of a node from one read per change", async () => {
    const host = await createTestUser({ role: "INSTRUCTOR" });
    const { code } = await live(host).create(await createQuizCourse());
    const guests = await Promise.all(Array.from({ length: 30 }, (_, i) => guestJoin(code, `P${i}`)));
    const streams = guests.map((guest) => follow({ viewer: null, guest }, code));
    await Promise.all(streams.map((s) => s.next()));
    const view = await hostView(host, code);
    const before = sharedReadCount();
    await live(host).host({ code, action: "start", version: view.version });
    const opened = await Promise.all(streams.map((s) => s.next((v) => v!.state === "QUESTION")));
    expect(opened.map((v) => v.you.name).sort()).toEqual(guests.map((_, i) => `P${i}`).sort());
    expect(sharedReadCount() - before).toBe(1);
    // A player who joins later is found by one more read, not refused for being newer than the state.
    const late = await guestJoin(code, "Late");
    const lateStream = follow({ viewer: null, guest: late }, code);
    expect(await lateStream.next()).toMatchObject({ state: "QUESTION", you: { name: "Late" } });
    await Promise.all([...streams, lateStream].map((s) => s.stop()));
  });

  it("keeps other instructors off a room's host screen and strangers off its player view", async () => {
    const host = await createTestUser({ role: "INSTRUCTOR" });
    const other = await createTestUser({ role: "INSTRUCTOR" });
    const stranger = await createTestUser();
    const { code } = await live(host).create(await createQuizCourse());
    expect(await codeOf(hostView(other, code))).toBe("FORBIDDEN");
    expect(await codeOf(roomResults({ viewer: other, code }))).toBe("FORBIDDEN");
    expect(await codeOf(watchAsPlayer({ actor: user(stranger), code }).next())).toBe("FORBIDDEN");
    expect(await codeOf(watchAsPlayer({ actor: { viewer: null, guest: null }, code }).next())).toBe("FORBIDDEN");
    // Through the router, the stream's error keeps its code and sentence (the browser shows it).
    const stream = await createCaller(createContextFor(null)).quiz.live.watch({ code });
    const failure = await stream[Symbol.asyncIterator]().next().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(TRPCError);
    expect(failure).toMatchObject({ code: "FORBIDDEN", message: "Join the room first." });
  });
});

setMaxListeners(0);
