import "server-only";
import { randomInt } from "node:crypto";
import { z } from "zod";
import type { Question } from "@/lib/content/schema";
import type { AnswerInput } from "@/lib/quiz/answer";
import { gradeAnswer } from "@/lib/quiz/grade";
import { isBlockedNickname, nicknameField, parseBlocklist } from "@/lib/quiz/nickname";
import { GRACE_MS, STREAK_CAP, STREAK_STEP, timedAnswerPoints } from "@/lib/quiz/points";
import { AnswerShapeError, questionLayout, questionView, revealQuestion, toAuthoredAnswer, type Layout } from "@/lib/quiz/present";
import { seededOrder } from "@/lib/quiz/shuffle";
import { displayNameKey } from "@/lib/text/display-name";
import { hitRateLimit, type AuthUser } from "../auth/service";
import { db } from "../db";
import { getEnv } from "../env";
import { DomainError } from "../errors";
import { Prisma, type LiveRoomState } from "../generated/prisma/client";
import { recordActivity } from "../gamification/service";
import { publish, STALE, watch, watchShared } from "../realtime/pubsub";
import { findLessonQuiz, loadQuestions, quizHeader } from "./content";
import type { GuestClaim } from "./live-guest";
import { newSeed } from "./service";

// Live rooms (Kahoot-style). The room's whole state is in PostgreSQL; every change bumps `version`
// and NOTIFYs the room's channel in the same transaction. Players hear of room changes on
// `live:<room>`: on each node ONE read of the room (state, players, the open question's answers)
// serves every player subscribed there, each player's view cut from it in memory
// (realtime/pubsub `watchShared`). The host also hears of each join and answer on
// `live:<room>:host`, so 200 answers do not make 200 players re-read.
//
// A player is a signed-in learner (earns XP at the end) or a guest with a nickname and a signed
// cookie naming their player row (live-guest.ts), so a reload or a second tab resumes score and
// streak.

export const LIVE_LIMIT_MS = 20_000;
/** A room that has not ended this long after it opened no longer takes players. */
export const ROOM_LIFETIME_MS = 12 * 60 * 60 * 1000;
export const PLAYER_CAP_MAX = 1_000;

export type HostAction = "start" | "reveal" | "next" | "finish";

/** The host's choices when opening a room. */
export const liveOptionsInput = z.object({
  speedPoints: z.boolean().default(true),
  streakBonus: z.boolean().default(true),
  timeLimitSeconds: z.number().int().min(5, "Give at least 5 seconds per question.").max(240, "Give at most 240 seconds per question.").default(20),
  shuffle: z.boolean().default(true),
  sound: z.boolean().default(true),
  podiumSize: z.number().int().min(3, "The podium shows at least the top 3.").max(10, "The podium shows at most the top 10.").default(3),
  playerCap: z.number().int().min(1).max(PLAYER_CAP_MAX, `A room holds at most ${PLAYER_CAP_MAX} players.`).default(500),
});
export type LiveOptions = z.infer<typeof liveOptionsInput>;

/** Who is acting in a room: a signed-in user, or a guest holding a signed claim on a player row. */
export type LiveActor = { viewer: AuthUser | null; guest: GuestClaim | null };

const roomSelect = {
  id: true,
  code: true,
  hostId: true,
  sectionId: true,
  seed: true,
  questionIds: true,
  timeLimitMs: true,
  speedPoints: true,
  streakBonus: true,
  shuffle: true,
  sound: true,
  podiumSize: true,
  playerCap: true,
  state: true,
  current: true,
  openedAt: true,
  version: true,
  createdAt: true,
} satisfies Prisma.LiveRoomSelect;
type Room = Prisma.LiveRoomGetPayload<{ select: typeof roomSelect }>;

const playerChannel = (roomId: string) => `live:${roomId}`;
const hostChannel = (roomId: string) => `live:${roomId}:host`;

// Answers read the room from this cache: a room seen showing the question being answered is
// good enough, because the answer's statement re-checks the room row (state and question) itself.
// Anything else (another question, another state, an unknown code) reads the database again.
const answerRooms = new Map<string, { at: number; room: Room }>();
async function roomForAnswer(code: string, question: number): Promise<Room> {
  const hit = answerRooms.get(code);
  if (hit && Date.now() - hit.at < 30_000 && hit.room.state === "QUESTION" && hit.room.current === question) return hit.room;
  const room = await roomByCode(code);
  if (answerRooms.size > 1_000) answerRooms.clear();
  answerRooms.set(code, { at: Date.now(), room });
  return room;
}

async function roomByCode(code: string): Promise<Room> {
  const room = await db.liveRoom.findUnique({ where: { code }, select: roomSelect });
  if (!room) throw new DomainError("NOT_FOUND", "No live room has that code. Check the six digits with your host.");
  return room;
}

// A room's questions and header do not change while it runs (their ids were fixed when it opened,
// and archived questions still load), so each node keeps them for the room's lifetime.
type RoomContent = { questions: Map<string, Question>; header: Awaited<ReturnType<typeof quizHeader>> };
const contentCache = new Map<string, { at: number; content: Promise<RoomContent> }>();
function roomContent(room: Pick<Room, "id" | "sectionId" | "questionIds">): Promise<RoomContent> {
  const now = Date.now();
  const hit = contentCache.get(room.id);
  if (hit && now - hit.at < 10 * 60_000) return hit.content;
  for (const [id, entry] of contentCache) if (now - entry.at >= 10 * 60_000) contentCache.delete(id);
  const content = (async () => ({ questions: await loadQuestions(room.questionIds), header: await quizHeader(room.sectionId) }))();
  content.catch(() => contentCache.delete(room.id));
  contentCache.set(room.id, { at: now, content });
  return content;
}

/** The shown order of a question in this room: shuffled from the room's seed, or as authored. */
function liveLayout(room: Pick<Room, "seed" | "shuffle">, question: Question, questionId: string): Layout {
  const layout = questionLayout(question, room.seed, questionId);
  // Ordering and matching stay shuffled: shown in authored order they would give the answer away.
  if (!room.shuffle && layout.options) return { ...layout, options: layout.options.map((_, i) => i) };
  return layout;
}

/** Opens a room on a lesson's quiz, with a fresh 6-digit code (a finished room's old code is reused). */
export async function createRoom(options: { viewer: AuthUser; courseSlug: string; lessonSlug: string; options?: Partial<LiveOptions> }) {
  const settings = liveOptionsInput.parse(options.options ?? {});
  const quiz = await findLessonQuiz(options);
  const seed = newSeed();
  const questionIds = settings.shuffle ? seededOrder(seed, "questions", quiz.questionIds.length).map((i) => quiz.questionIds[i]!) : quiz.questionIds;
  for (let tries = 0; tries < 20; tries++) {
    const code = String(randomInt(100_000, 1_000_000));
    const created = await db.$transaction(async (tx) => {
      const holder = await tx.liveRoom.findUnique({ where: { code }, select: { id: true, state: true, createdAt: true } });
      if (holder && holder.state !== "FINISHED" && Date.now() - holder.createdAt.getTime() < ROOM_LIFETIME_MS) return null;
      if (holder) await tx.liveRoom.update({ where: { id: holder.id }, data: { code: `done-${holder.id}` } });
      return tx.liveRoom.create({
        data: {
          code,
          hostId: options.viewer.id,
          sectionId: quiz.sectionId,
          seed,
          questionIds,
          timeLimitMs: settings.timeLimitSeconds * 1000,
          speedPoints: settings.speedPoints,
          streakBonus: settings.streakBonus,
          shuffle: settings.shuffle,
          sound: settings.sound,
          podiumSize: settings.podiumSize,
          playerCap: settings.playerCap,
        },
        select: { code: true },
      });
    });
    if (created) return created;
  }
  throw new DomainError("CONFLICT", "Could not find a free room code. Try again in a moment.");
}

function assertOpen(room: Room) {
  if (room.state === "FINISHED") throw new DomainError("CONFLICT", "That live room has ended. Ask your host for the code of a new one.");
  if (Date.now() - room.createdAt.getTime() > ROOM_LIFETIME_MS) throw new DomainError("CONFLICT", "That room code has expired. Ask your host for a new one.");
}

const playerSelect = { id: true, roomId: true, userId: true, name: true, streak: true, removedAt: true } satisfies Prisma.LiveRoomPlayerSelect;
type PlayerRow = Prisma.LiveRoomPlayerGetPayload<{ select: typeof playerSelect }>;

function removedError() {
  return new DomainError("FORBIDDEN", "The host removed you from this room.");
}

/** The actor's player in `room`, or null when they have not joined (a guest claim for another room counts for nothing). */
async function findPlayer(room: { id: string }, actor: LiveActor): Promise<PlayerRow | null> {
  if (actor.guest && actor.guest.roomId === room.id) {
    const player = await db.liveRoomPlayer.findUnique({ where: { id: actor.guest.playerId }, select: playerSelect });
    if (player && player.roomId === room.id) return player;
  }
  if (actor.viewer) return db.liveRoomPlayer.findUnique({ where: { roomId_userId: { roomId: room.id, userId: actor.viewer.id } }, select: playerSelect });
  return null;
}

export type JoinResult = { code: string; playerId: string; joined: boolean; guest: GuestClaim | null };

/**
 * Joins a room, or rejoins it: a signed-in learner as themselves, anyone else as a guest with a
 * nickname. Joining again (reload, another tab, the same cookie) is the same player with the same
 * score and streak. A new guest counts against the per-address limit; nicknames are unique in the
 * room (by `displayNameKey`) and not on the blocklist. Joins of one room are serialized by an
 * advisory lock (not the room row, which answers read), so the player cap is exact.
 */
export async function joinRoom(options: { actor: LiveActor; code: string; nickname?: string | null; address: string }): Promise<JoinResult> {
  const room = await roomByCode(options.code);
  assertOpen(room);
  const existing = await findPlayer(room, options.actor);
  if (existing) {
    if (existing.removedAt) throw removedError();
    return { code: room.code, playerId: existing.id, joined: false, guest: existing.userId ? null : { roomId: room.id, playerId: existing.id } };
  }
  const viewer = options.actor.viewer;
  let nickname: string | null = null;
  if (!viewer) {
    const parsed = nicknameField.safeParse(options.nickname ?? "");
    if (!parsed.success) throw new DomainError("BAD_REQUEST", parsed.error.issues[0]?.message ?? "Choose a nickname to join.");
    nickname = parsed.data;
    const limit = await hitRateLimit({ key: `live-join:ip:${options.address}`, limit: getEnv().LIVE_JOIN_RATE_LIMIT });
    if (!limit.allowed) throw new DomainError("TOO_MANY_REQUESTS", `Too many joins from your network. Wait ${limit.retryAfterSeconds} seconds and try again.`);
    if (isBlockedNickname(parsed.data, parseBlocklist(getEnv().LIVE_NICKNAME_BLOCKLIST))) throw new DomainError("BAD_REQUEST", "That nickname is not allowed here. Choose another one.");
  }
  const name = viewer ? viewer.name : nickname!;
  try {
    const player = await db.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`live-join:${room.id}`}))`;
      if (viewer) {
        const again = await tx.liveRoomPlayer.findUnique({ where: { roomId_userId: { roomId: room.id, userId: viewer.id } }, select: playerSelect });
        if (again) return again;
      }
      const count = await tx.liveRoomPlayer.count({ where: { roomId: room.id, removedAt: null } });
      if (count >= room.playerCap) throw new DomainError("CONFLICT", `That live room is full (${room.playerCap} players).`);
      if (!viewer) {
        // Guests' nicknames are unique among guests by key; a signed-in player's name is reserved too.
        const key = displayNameKey(name);
        const signedIn = await tx.liveRoomPlayer.findMany({ where: { roomId: room.id, userId: { not: null }, removedAt: null }, select: { name: true } });
        if (signedIn.some((row) => displayNameKey(row.name) === key)) throw nameTaken(name);
        return tx.liveRoomPlayer.create({ data: { roomId: room.id, name, nameKey: key }, select: playerSelect });
      }
      return tx.liveRoomPlayer.create({ data: { roomId: room.id, userId: viewer.id, name }, select: playerSelect });
    });
    await publish(hostChannel(room.id), { joined: 1 });
    return { code: room.code, playerId: player.id, joined: true, guest: player.userId ? null : { roomId: room.id, playerId: player.id } };
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw nameTaken(name);
    throw error;
  }
}

function nameTaken(name: string) {
  return new DomainError("CONFLICT", `Someone in this room is already called “${name}”. Choose another nickname.`);
}

/** The host removes a player: they leave every count and board, and their cookie cannot rejoin. */
export async function removePlayer(options: { viewer: AuthUser; code: string; playerId: string }) {
  const room = await roomByCode(options.code);
  assertHost(room, options.viewer);
  return db.$transaction(async (tx) => {
    const { count } = await tx.liveRoomPlayer.updateMany({ where: { id: options.playerId, roomId: room.id, removedAt: null }, data: { removedAt: new Date() } });
    if (count === 0) throw new DomainError("NOT_FOUND", "That player is not in this room.");
    await publish(playerChannel(room.id), { removed: options.playerId }, tx);
    await publish(hostChannel(room.id), { removed: options.playerId }, tx);
    return { removed: true };
  });
}

function assertHost(room: Room, viewer: AuthUser) {
  if (room.hostId !== viewer.id && viewer.role !== "ADMIN") throw new DomainError("FORBIDDEN", "Only the room's host can run it.");
}

const NEXT_STATE: Record<HostAction, { from: LiveRoomState[]; to: LiveRoomState }> = {
  start: { from: ["LOBBY"], to: "QUESTION" },
  reveal: { from: ["QUESTION"], to: "REVEAL" },
  next: { from: ["REVEAL"], to: "QUESTION" },
  finish: { from: ["LOBBY", "QUESTION", "REVEAL"], to: "FINISHED" },
};

/**
 * The host moves the room on. `version` is the state the host saw: a repeated or raced click
 * (two host tabs, a retry, the countdown's own reveal) finds the room moved on and changes nothing.
 */
export async function hostAction(options: { viewer: AuthUser; code: string; action: HostAction; version: number }) {
  const room = await roomByCode(options.code);
  assertHost(room, options.viewer);
  if (room.version !== options.version) return { applied: false };
  const rule = NEXT_STATE[options.action];
  if (!rule.from.includes(room.state)) throw new DomainError("CONFLICT", `The room cannot ${options.action} now.`);
  if (options.action === "next" && room.current + 1 >= room.questionIds.length) throw new DomainError("CONFLICT", "That was the last question: show the podium.");
  const opening = rule.to === "QUESTION";
  const payload = JSON.stringify({ v: options.version + 1 });
  // The app's clock, as answers measure against it (a database on another machine may differ).
  const now = new Date().toISOString();
  // One statement: move the room on (only from the version the host saw), reset the streak of
  // whoever did not answer the question a reveal closes, and notify both channels, so the players
  // hear of it one round trip after the click.
  const rows = await db.$queryRaw<{ applied: number }[]>`
    WITH moved AS (
      UPDATE "LiveRoom" SET state = ${rule.to}::"LiveRoomState", version = version + 1,
        current = ${opening ? room.current + 1 : room.current},
        "openedAt" = CASE WHEN ${opening} THEN ${now}::timestamp ELSE "openedAt" END,
        "endedAt" = CASE WHEN ${rule.to === "FINISHED"} THEN ${now}::timestamp ELSE "endedAt" END
      WHERE id = ${room.id} AND version = ${options.version}
      RETURNING id, state
    ), reset AS (
      UPDATE "LiveRoomPlayer" p SET streak = 0
      WHERE p."roomId" = ${room.id} AND EXISTS (SELECT 1 FROM moved WHERE moved.state = 'REVEAL')
        AND NOT EXISTS (SELECT 1 FROM "LiveAnswer" a WHERE a."playerId" = p.id AND a.question = ${room.current})
      RETURNING p.id
    ), told AS (
      SELECT pg_notify(${playerChannel(room.id)}, ${payload}), pg_notify(${hostChannel(room.id)}, ${payload}) FROM moved
    )
    SELECT (SELECT count(*) FROM moved)::int AS applied, (SELECT count(*) FROM reset)::int AS reset, (SELECT count(*) FROM told)::int AS told`;
  const result = { applied: (rows[0]?.applied ?? 0) > 0 };
  if (result.applied && rule.to === "FINISHED") await awardXp(room);
  return result;
}

/**
 * Signed-in players earn the quiz XP rule for the room, scaled by their share of fully correct
 * answers; guests earn none. Once per learner and room (the ledger's key), so a retried finish
 * awards nothing twice.
 */
async function awardXp(room: Room) {
  const players = await db.liveRoomPlayer.findMany({
    where: { roomId: room.id, userId: { not: null }, removedAt: null },
    select: { userId: true, answers: { select: { fraction: true } } },
  });
  const { header } = await roomContent(room);
  const total = Math.max(1, room.current + 1);
  for (const player of players) {
    const correct = player.answers.filter((a) => a.fraction === 1).length;
    const fraction = Math.min(1, correct / total);
    await recordActivity({
      userId: player.userId!,
      rule: "quiz",
      sourceId: `live:${room.id}`,
      courseId: header.courseId,
      fraction,
      meta: { quizId: room.sectionId, mode: "practice", scorePct: Math.round(fraction * 100), perfect: false },
    });
  }
}

/**
 * A player's answer to the open question: recorded once (a retry changes nothing), scored on the
 * server's clock. One statement records the answer, adds the points and tells the host: it counts
 * only while the room still shows that question (the room row is read FOR SHARE, so a reveal
 * waits for answers in flight and an answer after the reveal finds the question closed).
 */
export async function answerLive(options: { actor: LiveActor; code: string; question: number; answer: AnswerInput }) {
  const now = new Date();
  const room = await roomForAnswer(options.code, options.question);
  if (room.state !== "QUESTION" || room.current !== options.question) throw new DomainError("CONFLICT", "That question is closed.");
  const elapsedMs = now.getTime() - room.openedAt!.getTime();
  if (elapsedMs > room.timeLimitMs + GRACE_MS) throw new DomainError("CONFLICT", "Time was up for this question, so the answer was not counted.");
  const content = await roomContent(room);
  const questionId = room.questionIds[room.current]!;
  const question = content.questions.get(questionId)!;
  let authored: AnswerInput;
  try {
    authored = toAuthoredAnswer(question, liveLayout(room, question, questionId), options.answer);
  } catch (error) {
    if (error instanceof AnswerShapeError) throw new DomainError("BAD_REQUEST", error.message);
    throw error;
  }
  const grade = gradeAnswer(question, authored);
  const correct = grade.fraction === 1;
  // The speed part here; the streak part in the statement, from the player's streak as it reads
  // it: streakBonus(before + 1) = min(STREAK_CAP, before × STREAK_STEP) (lib/quiz/points).
  const speed = timedAnswerPoints({ fraction: grade.fraction, elapsedMs, limitMs: room.timeLimitMs, streakBefore: 0, speed: room.speedPoints, streakBonus: false }).points;
  const bonusOn = room.streakBonus && correct;
  const guestId = options.actor.guest?.roomId === room.id ? options.actor.guest.playerId : "";
  const userId = options.actor.viewer?.id ?? "";
  const notice = JSON.stringify({ a: room.current });
  // One round trip: find the player (the guest's claim first, else the signed-in user), record the
  // answer once while the room row still shows this question (FOR SHARE: a reveal waits for answers
  // in flight), add the points, move the streak, tell the host. Only this player's own answers
  // move their streak and a duplicate is refused by the unique key, so the streak read here is the
  // one this answer builds on.
  const rows = await db.$queryRaw<{ recorded: number; open: number; joined: number; removed: number }[]>`
    WITH open_room AS (
      SELECT id FROM "LiveRoom" WHERE id = ${room.id} AND state = 'QUESTION' AND current = ${room.current} FOR SHARE
    ), player AS (
      SELECT id, streak, "removedAt" FROM "LiveRoomPlayer"
      WHERE "roomId" = ${room.id} AND (id = ${guestId} OR "userId" = ${userId})
      ORDER BY (id = ${guestId}) DESC LIMIT 1
    ), inserted AS (
      INSERT INTO "LiveAnswer" (id, "roomId", "playerId", question, response, fraction, points, "elapsedMs")
      SELECT 'la_' || player.id || '_' || ${room.current}::int, ${room.id}, player.id, ${room.current}::int, ${JSON.stringify(authored)}::jsonb, ${grade.fraction}::float8,
             ${speed}::int + CASE WHEN ${bonusOn} THEN LEAST(${STREAK_CAP}::int, player.streak * ${STREAK_STEP}::int) ELSE 0 END, ${Math.round(elapsedMs)}::int
      FROM open_room, player WHERE player."removedAt" IS NULL
      -- No conflict target: the id is made of (player, question) too, and a target names one
      -- index only, so two copies of an answer racing would hit the primary key and fail.
      ON CONFLICT DO NOTHING
      RETURNING "playerId", points
    ), scored AS (
      UPDATE "LiveRoomPlayer" p SET score = p.score + i.points, streak = CASE WHEN ${correct} THEN p.streak + 1 ELSE 0 END
      FROM inserted i WHERE p.id = i."playerId"
      RETURNING p.id
    ), told AS (
      SELECT pg_notify(${hostChannel(room.id)}, ${notice}) FROM scored
    )
    SELECT (SELECT count(*) FROM scored)::int AS recorded, (SELECT count(*) FROM told)::int AS told, (SELECT count(*) FROM open_room)::int AS open,
           (SELECT count(*) FROM player)::int AS joined, (SELECT count(*) FROM player WHERE "removedAt" IS NOT NULL)::int AS removed`;
  const row = rows[0];
  if (row?.recorded) return { recorded: true };
  if (!row?.joined) throw new DomainError("FORBIDDEN", "Join the room before answering.");
  if (row.removed) throw removedError();
  if (!row.open) {
    answerRooms.delete(options.code);
    throw new DomainError("CONFLICT", "That question is closed.");
  }
  return { recorded: false };
}

let sharedReads = 0;
/** How many shared reads of rooms this process has made (benchmarks and tests count them). */
export function sharedReadCount(): number {
  return sharedReads;
}

type SharedRow = Room & {
  players: { id: string; userId: string | null; name: string; score: number; streak: number; removed: boolean }[];
  answers: { playerId: string; fraction: number; points: number }[];
};

/**
 * One read of a room for every player subscribed on this node, in one round trip: the room, its
 * players ranked, and the answers to the open question.
 */
async function readPlayersState(roomId: string) {
  sharedReads++;
  const rows = await db.$queryRaw<SharedRow[]>`
    SELECT r.id, r.code, r."hostId", r."sectionId", r.seed, r."questionIds", r."timeLimitMs", r."speedPoints", r."streakBonus",
           r.shuffle, r.sound, r."podiumSize", r."playerCap", r.state::text AS state, r.current, r."openedAt", r.version, r."createdAt",
           COALESCE((SELECT json_agg(json_build_object('id', p.id, 'userId', p."userId", 'name', p.name, 'score', p.score, 'streak', p.streak,
                                                       'removed', p."removedAt" IS NOT NULL) ORDER BY p.score DESC, p."joinedAt" ASC, p.id)
                     FROM "LiveRoomPlayer" p WHERE p."roomId" = r.id), '[]'::json) AS players,
           COALESCE((SELECT json_agg(json_build_object('playerId', a."playerId", 'fraction', a.fraction, 'points', a.points))
                     FROM "LiveAnswer" a WHERE a."roomId" = r.id AND a.question = r.current), '[]'::json) AS answers
    FROM "LiveRoom" r WHERE r.id = ${roomId}`;
  const row = rows[0];
  if (!row) throw new DomainError("NOT_FOUND", "This live room no longer exists.");
  const { players, answers, ...fields } = row;
  const room: Room = { ...fields, openedAt: fields.openedAt ? new Date(fields.openedAt) : null, createdAt: new Date(fields.createdAt) };
  const { base, question, layout } = await roomBasics(room);
  const active = players.filter((p) => !p.removed);
  const byId = new Map(players.map((p) => [p.id, p]));
  // Competition ranking ("1, 2, 2, 4"): equal scores share a rank.
  const rank = new Map<string, number>();
  active.forEach((p, i) => rank.set(p.id, i > 0 && active[i - 1]!.score === p.score ? rank.get(active[i - 1]!.id)! : i + 1));
  const showScores = room.state === "REVEAL" || room.state === "FINISHED";
  const top = showScores ? active.slice(0, Math.max(5, room.podiumSize)).map((p) => ({ id: p.id, rank: rank.get(p.id)!, name: p.name, score: p.score })) : [];
  return { room, base, question, layout, byId, rank, top, answers: new Map(answers.map((a) => [a.playerId, a])) };
}
type PlayersState = Awaited<ReturnType<typeof readPlayersState>>;

async function roomBasics(room: Room) {
  const { header, questions } = await roomContent(room);
  const questionId = room.current >= 0 ? room.questionIds[room.current] : undefined;
  const question = questionId && room.state !== "LOBBY" && room.state !== "FINISHED" ? questions.get(questionId)! : null;
  const layout = question && questionId ? liveLayout(room, question, questionId) : null;
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
      options: { speedPoints: room.speedPoints, streakBonus: room.streakBonus, sound: room.sound, podiumSize: room.podiumSize },
      quiz: { title: header.title, lesson: header.lesson.title, course: header.course.title },
      question: question && layout ? questionView(question, layout) : null,
    },
  };
}

/** What a player sees, cut from the shared state: the open question (no key), then after the reveal the key, their result and the top five. */
function playerView(state: PlayersState, playerId: string) {
  const { room, base, question, layout } = state;
  const player = state.byId.get(playerId)!;
  const answer = state.answers.get(player.id);
  const revealed = room.state === "REVEAL" && question && layout ? revealQuestion(question, layout, { fraction: answer?.fraction ?? 0, correct: answer?.fraction === 1 }) : null;
  const showScores = room.state === "REVEAL" || room.state === "FINISHED";
  return {
    ...base,
    serverNow: new Date(),
    removed: false as boolean,
    you: {
      name: player.name,
      guest: !player.userId,
      score: player.score,
      streak: player.streak,
      rank: showScores ? (state.rank.get(player.id) ?? null) : null,
      answered: Boolean(answer),
      correct: revealed ? answer?.fraction === 1 : null,
      points: revealed ? (answer?.points ?? 0) : null,
    },
    revealed,
    leaderboard: (room.state === "FINISHED" ? state.top : state.top.slice(0, 5)).map(({ id, ...row }) => ({ ...row, isYou: id === player.id })),
  };
}
export type LivePlayerView = ReturnType<typeof playerView>;

/** The player's view now and after every change of the room, until the client goes. */
export async function* watchAsPlayer(options: { actor: LiveActor; code: string; signal?: AbortSignal }): AsyncGenerator<LivePlayerView> {
  const room = await roomByCode(options.code);
  const joined = await findPlayer(room, options.actor);
  if (!joined) throw new DomainError("FORBIDDEN", "Join the room first.");
  if (joined.removedAt) throw removedError();
  yield* watchShared(
    playerChannel(room.id),
    options.signal,
    () => readPlayersState(room.id),
    (state, fresh) => {
      const player = state.byId.get(joined.id);
      if (!player) {
        if (!fresh) return STALE;
        throw new DomainError("FORBIDDEN", "Join the room first.");
      }
      if (player.removed) throw removedError();
      return playerView(state, joined.id);
    },
  );
}

/** The counts of each shown answer to the open question, for the host's bar chart. */
function distribution(question: Question, layout: Layout, responses: { response: Prisma.JsonValue; fraction: number }[]) {
  if ((question.type === "single-choice" || question.type === "multiple-select") && layout.options) {
    const counts = layout.options.map(() => 0);
    for (const { response } of responses) {
      const answer = response as AnswerInput;
      const authored = answer.type === "single-choice" ? [answer.choice] : answer.type === "multiple-select" ? answer.choices : [];
      for (const index of authored) {
        const shown = layout.options.indexOf(index);
        if (shown >= 0) counts[shown]! += 1;
      }
    }
    return { kind: "options" as const, counts };
  }
  if (question.type === "true-false") {
    const counts = [0, 0];
    for (const { response } of responses) {
      const answer = response as AnswerInput;
      if (answer.type === "true-false") counts[answer.value ? 0 : 1]! += 1;
    }
    return { kind: "true-false" as const, counts };
  }
  const counts = [0, 0, 0];
  for (const { fraction } of responses) counts[fraction === 1 ? 0 : fraction > 0 ? 1 : 2]! += 1;
  return { kind: "grades" as const, counts };
}

/** What the host's screen shows: players, live answer counts, the key and answer spread after the reveal, the boards. */
async function hostView(code: string, viewer: AuthUser) {
  const room = await roomByCode(code);
  if (room.hostId !== viewer.id && viewer.role !== "ADMIN") throw new DomainError("FORBIDDEN", "Only the room's host can see this screen.");
  const { base, question, layout } = await roomBasics(room);
  const showScores = room.state === "REVEAL" || room.state === "FINISHED";
  const [players, answerCount, responses] = await Promise.all([
    db.liveRoomPlayer.findMany({
      where: { roomId: room.id, removedAt: null },
      orderBy: showScores ? [{ score: "desc" }, { joinedAt: "asc" }] : { joinedAt: "asc" },
      select: { id: true, userId: true, name: true, score: true },
    }),
    room.current >= 0 && room.state === "QUESTION" ? db.liveAnswer.count({ where: { roomId: room.id, question: room.current, player: { removedAt: null } } }) : Promise.resolve(0),
    room.current >= 0 && room.state === "REVEAL"
      ? db.liveAnswer.findMany({ where: { roomId: room.id, question: room.current, player: { removedAt: null } }, select: { response: true, fraction: true } })
      : Promise.resolve([]),
  ]);
  const revealed = room.state === "REVEAL" && question && layout ? revealQuestion(question, layout, { fraction: 1, correct: true }) : null;
  const ranked: { id: string; rank: number; name: string; score: number; guest: boolean }[] = [];
  if (showScores) players.forEach((p, i) => ranked.push({ id: p.id, rank: i > 0 && players[i - 1]!.score === p.score ? ranked[i - 1]!.rank : i + 1, name: p.name, score: p.score, guest: !p.userId }));
  return {
    ...base,
    serverNow: new Date(),
    playerCount: players.length,
    // Names for the lobby and for removing a player; capped so a 1,000-player lobby stays light.
    players: players.slice(0, 300).map((p) => ({ id: p.id, name: p.name, guest: !p.userId })),
    answerCount: room.state === "REVEAL" ? responses.length : answerCount,
    correctCount: responses.filter((r) => r.fraction === 1).length,
    distribution: revealed && question && layout ? distribution(question, layout, responses) : null,
    revealed,
    leaderboard: room.state === "FINISHED" ? ranked.slice(0, Math.max(room.podiumSize, 10)) : ranked.slice(0, 5),
  };
}
export type LiveHostView = Awaited<ReturnType<typeof hostView>>;

/** The host's view now and after every change, join or answer. */
export async function* watchAsHost(options: { viewer: AuthUser; code: string; signal?: AbortSignal }) {
  const room = await roomByCode(options.code);
  await hostView(options.code, options.viewer);
  // Answers arrive by the hundred: the host's counts refresh at most five times a second.
  yield* watch(hostChannel(room.id), options.signal, () => hostView(options.code, options.viewer), { minIntervalMs: 200 });
}

/** Every player's result, for the host's table and CSV: rank, name, guest or account, score, answers right. */
export async function roomResults(options: { viewer: AuthUser; code: string }) {
  const room = await roomByCode(options.code);
  assertHost(room, options.viewer);
  const players = await db.liveRoomPlayer.findMany({
    where: { roomId: room.id, removedAt: null },
    orderBy: [{ score: "desc" }, { joinedAt: "asc" }],
    select: { name: true, userId: true, score: true, streak: true, answers: { select: { fraction: true, elapsedMs: true } } },
  });
  const asked = Math.max(0, room.current + 1);
  const rows: { rank: number; name: string; guest: boolean; score: number; correct: number; answered: number; asked: number; averageSeconds: number | null }[] = [];
  players.forEach((p, i) => {
    const answered = p.answers.length;
    rows.push({
      rank: i > 0 && players[i - 1]!.score === p.score ? rows[i - 1]!.rank : i + 1,
      name: p.name,
      guest: !p.userId,
      score: p.score,
      correct: p.answers.filter((a) => a.fraction === 1).length,
      answered,
      asked,
      averageSeconds: answered ? Math.round(p.answers.reduce((sum, a) => sum + a.elapsedMs, 0) / answered / 100) / 10 : null,
    });
  });
  return { code: room.code, state: room.state, rows };
}
