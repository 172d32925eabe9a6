import "server-only";
import { randomInt } from "node:crypto";
import type { AnswerInput } from "@/lib/quiz/answer";
import { gradeAnswer } from "@/lib/quiz/grade";
import { GRACE_MS, timedAnswerPoints } from "@/lib/quiz/points";
import { AnswerShapeError, questionLayout, questionView, revealQuestion, toAuthoredAnswer } from "@/lib/quiz/present";
import type { AuthUser } from "../auth/service";
import { db } from "../db";
import type { DbClient } from "../db-client";
import { DomainError } from "../errors";
import type { LiveRoomState, Prisma } from "../generated/prisma/client";
import { publish, watch } from "../realtime/pubsub";
import { findLessonQuiz, loadQuestions, quizHeader } from "./content";
import { newSeed } from "./service";

// Live rooms (Kahoot-style). The room's whole state is in PostgreSQL; every change bumps
// `version` and NOTIFYs the room's channel in the same transaction, and each subscriber re-reads
// its own view from the database. Players hear of room changes on `live:<room>`; the host also of
// each answer on `live:<room>:host` (answer counts), so 200 answers do not make 200 players re-read.

export const LIVE_LIMIT_MS = 20_000;
const PLAYER_CAP = 500;

export type HostAction = "start" | "reveal" | "next" | "finish";

const roomSelect = {
  id: true,
  code: true,
  hostId: true,
  sectionId: true,
  seed: true,
  questionIds: true,
  timeLimitMs: true,
  state: true,
  current: true,
  openedAt: true,
  version: true,
} satisfies Prisma.LiveRoomSelect;
type Room = Prisma.LiveRoomGetPayload<{ select: typeof roomSelect }>;

const playerChannel = (roomId: string) => `live:${roomId}`;
const hostChannel = (roomId: string) => `live:${roomId}:host`;

async function announce(client: DbClient, room: { id: string; version: number }) {
  await publish(playerChannel(room.id), { v: room.version }, client);
  await publish(hostChannel(room.id), { v: room.version }, client);
}

async function roomByCode(code: string): Promise<Room> {
  const room = await db.liveRoom.findUnique({ where: { code }, select: roomSelect });
  if (!room) throw new DomainError("NOT_FOUND", "No live room has that code. Check the six digits with your host.");
  return room;
}

/** Opens a room on a lesson's quiz, with a fresh 6-digit code (a finished room's old code is reused). */
export async function createRoom(options: { viewer: AuthUser; courseSlug: string; lessonSlug: string }) {
  const quiz = await findLessonQuiz(options);
  for (let tries = 0; tries < 20; tries++) {
    const code = String(randomInt(100_000, 1_000_000));
    const created = await db.$transaction(async (tx) => {
      const holder = await tx.liveRoom.findUnique({ where: { code }, select: { id: true, state: true } });
      if (holder && holder.state !== "FINISHED") return null;
      if (holder) await tx.liveRoom.update({ where: { id: holder.id }, data: { code: `done-${holder.id}` } });
      return tx.liveRoom.create({
        data: { code, hostId: options.viewer.id, sectionId: quiz.sectionId, seed: newSeed(), questionIds: quiz.questionIds, timeLimitMs: LIVE_LIMIT_MS },
        select: { code: true },
      });
    });
    if (created) return created;
  }
  throw new DomainError("CONFLICT", "Could not find a free room code. Try again in a moment.");
}

/**
 * Joins a room (again: joining twice is one player), in the lobby or mid-game. Only the host's
 * screen lists players, so a join notifies the host alone and takes no lock on the room: a class
 * joining at once does not queue behind itself.
 */
export async function joinRoom(options: { viewer: AuthUser; code: string }) {
  const room = await roomByCode(options.code);
  if (room.state === "FINISHED") throw new DomainError("CONFLICT", "That live room has ended.");
  const existing = await db.liveRoomPlayer.findUnique({ where: { roomId_userId: { roomId: room.id, userId: options.viewer.id } }, select: { id: true } });
  if (existing) return { code: room.code, joined: false };
  if ((await db.liveRoomPlayer.count({ where: { roomId: room.id } })) >= PLAYER_CAP) throw new DomainError("CONFLICT", "That live room is full.");
  const { count } = await db.liveRoomPlayer.createMany({ data: [{ roomId: room.id, userId: options.viewer.id, name: options.viewer.name }], skipDuplicates: true });
  if (count > 0) await publish(hostChannel(room.id), { joined: 1 });
  return { code: room.code, joined: count > 0 };
}

const NEXT_STATE: Record<HostAction, { from: LiveRoomState[]; to: LiveRoomState }> = {
  start: { from: ["LOBBY"], to: "QUESTION" },
  reveal: { from: ["QUESTION"], to: "REVEAL" },
  next: { from: ["REVEAL"], to: "QUESTION" },
  finish: { from: ["LOBBY", "QUESTION", "REVEAL"], to: "FINISHED" },
};

/**
 * The host moves the room on. `version` is the state the host saw: a repeated or raced click
 * (two host tabs, a retry) finds the room moved on and changes nothing.
 */
export async function hostAction(options: { viewer: AuthUser; code: string; action: HostAction; version: number }) {
  const room = await roomByCode(options.code);
  if (room.hostId !== options.viewer.id && options.viewer.role !== "ADMIN") throw new DomainError("FORBIDDEN", "Only the room's host can run it.");
  if (room.version !== options.version) return { applied: false };
  const rule = NEXT_STATE[options.action];
  if (!rule.from.includes(room.state)) throw new DomainError("CONFLICT", `The room cannot ${options.action} now.`);
  if (options.action === "next" && room.current + 1 >= room.questionIds.length) throw new DomainError("CONFLICT", "That was the last question: show the podium.");
  const opening = rule.to === "QUESTION";
  return db.$transaction(async (tx) => {
    const { count } = await tx.liveRoom.updateMany({
      where: { id: room.id, version: options.version },
      data: {
        state: rule.to,
        version: { increment: 1 },
        ...(opening ? { current: room.current + 1, openedAt: new Date() } : {}),
        ...(rule.to === "FINISHED" ? { endedAt: new Date() } : {}),
      },
    });
    if (count === 0) return { applied: false };
    // A player who did not answer the question just closed loses their streak.
    if (rule.to === "REVEAL") {
      await tx.$executeRaw`UPDATE "LiveRoomPlayer" p SET streak = 0 WHERE p."roomId" = ${room.id}
        AND NOT EXISTS (SELECT 1 FROM "LiveAnswer" a WHERE a."playerId" = p.id AND a.question = ${room.current})`;
    }
    await announce(tx, { id: room.id, version: options.version + 1 });
    return { applied: true };
  });
}

/** A player's answer to the open question: recorded once (a retry changes nothing), scored on the server's clock. */
export async function answerLive(options: { viewer: AuthUser; code: string; question: number; answer: AnswerInput }) {
  const now = new Date();
  const room = await roomByCode(options.code);
  if (room.state !== "QUESTION" || room.current !== options.question) throw new DomainError("CONFLICT", "That question is closed.");
  const elapsedMs = now.getTime() - room.openedAt!.getTime();
  if (elapsedMs > room.timeLimitMs + GRACE_MS) throw new DomainError("CONFLICT", "Time was up for this question, so the answer was not counted.");
  const questionId = room.questionIds[room.current]!;
  const question = (await loadQuestions([questionId])).get(questionId)!;
  let authored: AnswerInput;
  try {
    authored = toAuthoredAnswer(question, questionLayout(question, room.seed, questionId), options.answer);
  } catch (error) {
    if (error instanceof AnswerShapeError) throw new DomainError("BAD_REQUEST", error.message);
    throw error;
  }
  const grade = gradeAnswer(question, authored);
  return db.$transaction(async (tx) => {
    const player = await tx.$queryRaw<{ id: string; streak: number }[]>`
      SELECT id, streak FROM "LiveRoomPlayer" WHERE "roomId" = ${room.id} AND "userId" = ${options.viewer.id} FOR UPDATE`;
    if (!player[0]) throw new DomainError("FORBIDDEN", "Join the room before answering.");
    const score = timedAnswerPoints({ fraction: grade.fraction, elapsedMs, limitMs: room.timeLimitMs, streakBefore: player[0].streak });
    const inserted = await tx.liveAnswer.createMany({
      data: [{ roomId: room.id, playerId: player[0].id, question: room.current, response: authored, fraction: grade.fraction, points: score.points, elapsedMs }],
      skipDuplicates: true,
    });
    if (inserted.count === 0) return { recorded: false };
    await tx.liveRoomPlayer.update({ where: { id: player[0].id }, data: { score: { increment: score.points }, streak: score.streak } });
    await publish(hostChannel(room.id), { a: room.current }, tx);
    return { recorded: true };
  });
}

async function leaderboard(roomId: string, take: number) {
  const players = await db.liveRoomPlayer.findMany({
    where: { roomId },
    orderBy: [{ score: "desc" }, { joinedAt: "asc" }],
    take,
    select: { userId: true, name: true, score: true },
  });
  return players.map((player, index) => ({ rank: index + 1, ...player }));
}

async function roomBasics(room: Room) {
  const header = await quizHeader(room.sectionId);
  const questionId = room.current >= 0 ? room.questionIds[room.current] : undefined;
  const question = questionId && room.state !== "LOBBY" && room.state !== "FINISHED" ? (await loadQuestions([questionId])).get(questionId)! : null;
  const layout = question && questionId ? questionLayout(question, room.seed, questionId) : null;
  return {
    header,
    question,
    layout,
    base: {
      code: room.code,
      state: room.state,
      version: room.version,
      current: room.current,
      questionCount: room.questionIds.length,
      limitMs: room.timeLimitMs,
      graceMs: GRACE_MS,
      openedAt: room.openedAt,
      serverNow: new Date(),
      quiz: { title: header.title, lesson: header.lesson.title, course: header.course.title },
      question: question && layout ? questionView(question, layout) : null,
    },
  };
}

/** What a player sees: the open question (no key), then after the reveal the key, their result and the top five. */
async function playerView(code: string, userId: string) {
  const room = await roomByCode(code);
  const player = await db.liveRoomPlayer.findUnique({ where: { roomId_userId: { roomId: room.id, userId } }, select: { id: true, score: true, streak: true } });
  if (!player) throw new DomainError("FORBIDDEN", "Join the room first.");
  const { base, question, layout } = await roomBasics(room);
  const answer = room.current >= 0 ? await db.liveAnswer.findUnique({ where: { playerId_question: { playerId: player.id, question: room.current } }, select: { fraction: true, points: true } }) : null;
  const revealed = room.state === "REVEAL" && question && layout ? revealQuestion(question, layout, { fraction: answer?.fraction ?? 0, correct: answer?.fraction === 1 }) : null;
  const showScores = room.state === "REVEAL" || room.state === "FINISHED";
  const top = showScores ? await leaderboard(room.id, 5) : [];
  const rank = showScores ? (await db.liveRoomPlayer.count({ where: { roomId: room.id, score: { gt: player.score } } })) + 1 : null;
  return {
    ...base,
    you: { score: player.score, streak: player.streak, rank, answered: Boolean(answer), points: revealed ? (answer?.points ?? 0) : null },
    revealed,
    leaderboard: top.map(({ userId: id, ...row }) => ({ ...row, isYou: id === userId })),
  };
}

/** What the host's screen shows: players, live answer counts, the key and answer spread after the reveal, the leaderboard. */
async function hostView(code: string, viewer: AuthUser) {
  const room = await roomByCode(code);
  if (room.hostId !== viewer.id && viewer.role !== "ADMIN") throw new DomainError("FORBIDDEN", "Only the room's host can see this screen.");
  const { base, question, layout } = await roomBasics(room);
  const [playerCount, players, answerCount, correctCount] = await Promise.all([
    db.liveRoomPlayer.count({ where: { roomId: room.id } }),
    room.state === "LOBBY" ? db.liveRoomPlayer.findMany({ where: { roomId: room.id }, orderBy: { joinedAt: "asc" }, take: 100, select: { name: true } }) : Promise.resolve([]),
    room.current >= 0 ? db.liveAnswer.count({ where: { roomId: room.id, question: room.current } }) : Promise.resolve(0),
    room.current >= 0 && room.state !== "QUESTION" ? db.liveAnswer.count({ where: { roomId: room.id, question: room.current, fraction: 1 } }) : Promise.resolve(0),
  ]);
  const revealed = room.state === "REVEAL" && question && layout ? revealQuestion(question, layout, { fraction: 1, correct: true }) : null;
  const top = room.state === "REVEAL" || room.state === "FINISHED" ? await leaderboard(room.id, 10) : [];
  return { ...base, playerCount, players: players.map((p) => p.name), answerCount, correctCount, revealed, leaderboard: top.map(({ userId: _id, ...row }) => row) };
}
export type LivePlayerView = Awaited<ReturnType<typeof playerView>>;
export type LiveHostView = Awaited<ReturnType<typeof hostView>>;

/** The player's view now and after every change of the room, until the client goes. */
export async function* watchAsPlayer(options: { viewer: AuthUser; code: string; signal?: AbortSignal }) {
  const room = await roomByCode(options.code);
  await playerView(options.code, options.viewer.id);
  yield* watch(playerChannel(room.id), options.signal, () => playerView(options.code, options.viewer.id));
}

/** The host's view now and after every change or answer. */
export async function* watchAsHost(options: { viewer: AuthUser; code: string; signal?: AbortSignal }) {
  const room = await roomByCode(options.code);
  await hostView(options.code, options.viewer);
  yield* watch(hostChannel(room.id), options.signal, () => hostView(options.code, options.viewer));
}

