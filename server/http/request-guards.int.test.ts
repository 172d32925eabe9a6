import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import superjson from "superjson";
import { describe, expect, it } from "vitest";
import type { AuthUser } from "../auth/service";
import { db } from "../db";
import { createQuizCourse } from "../quiz/test-course";
import { appRouter, createCaller } from "../router";
import { createTestUser } from "../test/factories";
import { createContextFor } from "../trpc";
import { CROSS_SITE_MESSAGE, NUL_MESSAGE } from "./request-guards";

/** Calls the real HTTP handler with these headers, as a browser would reach it. */
async function http(
  viewer: AuthUser | null,
  path: string,
  input: unknown,
  options: { method: "GET" | "POST"; headers?: Record<string, string> },
) {
  const encoded = encodeURIComponent(JSON.stringify(superjson.serialize(input)));
  const url =
    options.method === "GET"
      ? `http://learnloop.test/api/trpc/${path}?input=${encoded}`
      : `http://learnloop.test/api/trpc/${path}`;
  const request = new Request(url, {
    method: options.method,
    headers: { "content-type": "application/json", host: "learnloop.test", ...options.headers },
    body: options.method === "POST" ? JSON.stringify(superjson.serialize(input)) : undefined,
  });
  const response = await fetchRequestHandler({
    endpoint: "/api/trpc",
    req: request,
    router: appRouter,
    createContext: () => createContextFor(viewer, request.headers),
  });
  const raw = (await response.json()) as { error?: Parameters<typeof superjson.deserialize>[0] };
  return { status: response.status, message: raw.error ? superjson.deserialize<{ message: string }>(raw.error).message : null };
}

const profile = (name: string) => ({ name, timezone: "UTC", dailyGoalXp: 20 });

describe("NUL characters in any text input", () => {
  it("are refused with a 400 and a sentence, before anything is stored", async () => {
    const learner = await createTestUser({ name: "Before" });
    expect(await http(null, "catalog.list", { query: "a\u0000b" }, { method: "GET" })).toEqual({
      status: 400,
      message: NUL_MESSAGE,
    });
    expect(await http(learner, "user.updateProfile", profile("a\u0000b"), { method: "POST" })).toEqual({
      status: 400,
      message: NUL_MESSAGE,
    });
    expect((await db.user.findUniqueOrThrow({ where: { id: learner.id }, select: { name: true } })).name).toBe("Before");

    const course = await createQuizCourse();
    const attempt = await createCaller(createContextFor(learner)).quiz.start({ ...course, mode: "GRADED" });
    const item = attempt.questions.find((entry) => entry.view?.type === "short-text")!;
    const save = {
      attemptId: attempt.id,
      questionId: item.id,
      sequence: 1,
      answer: { type: "short-text", text: "dist\u0000inct" },
    };
    expect(await http(learner, "quiz.saveAnswer", save, { method: "POST" })).toEqual({ status: 400, message: NUL_MESSAGE });
    expect(await db.quizAnswer.count({ where: { attemptId: attempt.id } })).toBe(0);

    const instructor = await createTestUser({ role: "INSTRUCTOR" });
    const create = { title: "Nul\u0000course", slug: "nul-course", category: "test-category", level: "beginner" };
    expect(await http(instructor, "studio.create", create, { method: "POST" })).toEqual({ status: 400, message: NUL_MESSAGE });
    // In object keys and deep inside arrays too.
    expect(await http(learner, "game.finish", { sessionId: "s", events: [{ ["k\u0000"]: 1 }] }, { method: "POST" })).toEqual({
      status: 400,
      message: NUL_MESSAGE,
    });
    expect(await http(learner, "lab.saveRun", { metrics: [[{ note: "\u0000" }]] }, { method: "POST" })).toEqual({
      status: 400,
      message: NUL_MESSAGE,
    });
  });
});

describe("mutations from another site", () => {
  it("are refused with a 403; the site's own pages and non-browser clients are served", async () => {
    const learner = await createTestUser();
    expect(
      await http(learner, "user.updateProfile", profile("Evil"), { method: "POST", headers: { origin: "https://evil.example" } }),
    ).toEqual({ status: 403, message: CROSS_SITE_MESSAGE });
    expect(await http(learner, "user.updateProfile", profile("Evil"), { method: "POST", headers: { origin: "null" } })).toEqual({
      status: 403,
      message: CROSS_SITE_MESSAGE,
    });
    expect(
      await http(learner, "user.updateProfile", profile("Evil"), { method: "POST", headers: { "sec-fetch-site": "cross-site" } }),
    ).toEqual({ status: 403, message: CROSS_SITE_MESSAGE });
    expect((await db.user.findUniqueOrThrow({ where: { id: learner.id }, select: { name: true } })).name).not.toBe("Evil");

    expect(
      await http(learner, "user.updateProfile", profile("Own page"), {
        method: "POST",
        headers: { origin: "http://learnloop.test", "sec-fetch-site": "same-origin" },
      }),
    ).toEqual({ status: 200, message: null });
    // Behind a proxy that rewrites Host, the public name arrives as X-Forwarded-Host.
    expect(
      await http(learner, "user.updateProfile", profile("Proxied"), {
        method: "POST",
        headers: { host: "127.0.0.1:3000", "x-forwarded-host": "learn.example.org", origin: "https://learn.example.org" },
      }),
    ).toEqual({ status: 200, message: null });
    expect(await http(learner, "user.updateProfile", profile("Script"), { method: "POST" })).toEqual({
      status: 200,
      message: null,
    });
    // Reads change nothing and stay open to any origin's GET (the browser keeps their answers from it).
    expect(
      (await http(learner, "user.me", undefined, { method: "GET", headers: { origin: "https://evil.example" } })).status,
    ).toBe(200);
  });
});
