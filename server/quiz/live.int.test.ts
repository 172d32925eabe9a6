import { describe, expect, it } from "vitest";
import type { AuthUser } from "../auth/service";
import { db } from "../db";
import { createCaller } from "../router";
import { createTestUser } from "../test/factories";
import { createContextFor } from "../trpc";
import { watchAsHost, watchAsPlayer } from "./live";
import { createQuizCourse } from "../test/quiz-course";
import { codeOf } from "../test/error-code";

const live = (user: AuthUser) => createCaller(createContextFor(user)).quiz.live;

async function hostView(host: AuthUser, code: string) {
  const controller = new AbortController();
  const stream = watchAsHost({ viewer: host, code, signal: controller.signal });
  const first = await stream.next();
  controller.abort();
  await stream.return(undefined);
  return first.value!;
}

describe("live rooms", () => {
  it("runs a room from the lobby to the podium, counting each answer once and on the server's clock", async () => {
    const host = await createTestUser({ role: "INSTRUCTOR" });
    const players = await Promise.all(["Ann", "Ben", "Cy"].map((name) => createTestUser({ name })));
    const course = await createQuizCourse();
    expect(await codeOf(live(players[0]!).create(course))).toBe("FORBIDDEN");
    const { code } = await live(host).create(course);
    expect(code).toMatch(/^\d{6}$/);
    for (const player of players) expect((await live(player).join({ code })).joined).toBe(true);
    expect((await live(players[0]!).join({ code })).joined).toBe(false);

    // A player's view arrives over the subscription, and again when the host opens the question.
    const controller = new AbortController();
    const stream = watchAsPlayer({ viewer: players[0]!, code, signal: controller.signal });
    const lobby = await stream.next();
    expect(lobby.value).toMatchObject({ state: "LOBBY", questionCount: 4 });

    let view = await hostView(host, code);
    expect(view.players.sort()).toEqual(["Ann", "Ben", "Cy"]);
    expect(await codeOf(live(players[0]!).host({ code, action: "start", version: view.version }))).toBe("FORBIDDEN");
    expect((await live(host).host({ code, action: "start", version: view.version })).applied).toBe(true);
    // The same click again (a retry, a second tab) changes nothing.
    expect((await live(host).host({ code, action: "start", version: view.version })).applied).toBe(false);

    const opened = await stream.next();
    expect(opened.value).toMatchObject({ state: "QUESTION", current: 0 });
    const json = JSON.stringify(opened.value);
    expect(json).not.toContain("EXPLAIN-");
    expect(json).not.toContain("correct");
    const question = opened.value!.question!;
    if (question.type !== "single-choice") throw new Error("the first test question is single choice");
    const paris = question.options.indexOf("Paris");

    const answers = await Promise.all([
      live(players[0]!).answer({ code, question: 0, answer: { type: "single-choice", choice: paris } }),
      live(players[0]!).answer({ code, question: 0, answer: { type: "single-choice", choice: paris } }),
      live(players[1]!).answer({ code, question: 0, answer: { type: "single-choice", choice: (paris + 1) % 3 } }),
    ]);
    expect(answers.filter((a) => a.recorded)).toHaveLength(2);
    expect(await db.liveAnswer.count({ where: { room: { code } } })).toBe(2);
    expect(await codeOf(live(players[0]!).answer({ code, question: 1, answer: { type: "true-false", value: true } }))).toBe("CONFLICT");

    view = await hostView(host, code);
    expect(view).toMatchObject({ answerCount: 2, playerCount: 3 });
    expect((await live(host).host({ code, action: "reveal", version: view.version })).applied).toBe(true);
    const revealed = await stream.next();
    expect(revealed.value!.revealed?.explanation).toBe("EXPLAIN-capital");
    expect(revealed.value!.you.points).toBeGreaterThan(900);
    expect(revealed.value!.leaderboard[0]).toMatchObject({ name: "Ann", isYou: true });
    expect(await codeOf(live(players[2]!).answer({ code, question: 0, answer: { type: "single-choice", choice: paris } }))).toBe("CONFLICT");

    view = await hostView(host, code);
    expect(view.correctCount).toBe(1);
    await live(host).host({ code, action: "next", version: view.version });
    // Past the countdown and its grace, an answer is refused.
    await db.liveRoom.update({ where: { code }, data: { openedAt: new Date(Date.now() - 23_000) } });
    expect(await codeOf(live(players[2]!).answer({ code, question: 1, answer: { type: "true-false", value: true } }))).toBe("CONFLICT");
    view = await hostView(host, code);
    await live(host).host({ code, action: "finish", version: view.version });
    view = await hostView(host, code);
    expect(view.state).toBe("FINISHED");
    expect(view.leaderboard.map((row) => row.name)).toEqual(["Ann", "Ben", "Cy"]);
    controller.abort();
    await stream.return(undefined);
    expect(await codeOf(live(players[2]!).join({ code }))).toBe("CONFLICT");
  });

  it("keeps other instructors off a room's host screen and strangers off its player view", async () => {
    const host = await createTestUser({ role: "INSTRUCTOR" });
    const other = await createTestUser({ role: "INSTRUCTOR" });
    const stranger = await createTestUser();
    const { code } = await live(host).create(await createQuizCourse());
    expect(await codeOf(hostView(other, code))).toBe("FORBIDDEN");
    expect(await codeOf(watchAsPlayer({ viewer: stranger, code }).next())).toBe("FORBIDDEN");
  });
});
