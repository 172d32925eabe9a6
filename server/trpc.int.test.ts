import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import superjson from "superjson";
import { describe, expect, it } from "vitest";
import type { AuthUser } from "./auth/service";
import { appRouter, createCaller } from "./router";
import { createTestUser } from "./test/factories";
import { createContextFor } from "./trpc";
import { codeOf } from "./test/error-code";

/** Calls the real HTTP handler, so the error formatter and status codes are what a browser sees. */
async function http(viewer: AuthUser | null, path: string, input: unknown, method: "GET" | "POST") {
  const encoded = encodeURIComponent(JSON.stringify(superjson.serialize(input)));
  const url = method === "GET" ? `http://test/api/trpc/${path}?input=${encoded}` : `http://test/api/trpc/${path}`;
  const response = await fetchRequestHandler({
    endpoint: "/api/trpc",
    req: new Request(url, {
      method,
      headers: { "content-type": "application/json" },
      body: method === "POST" ? JSON.stringify(superjson.serialize(input)) : undefined,
    }),
    router: appRouter,
    createContext: () => createContextFor(viewer),
  });
  const raw = (await response.json()) as { error?: Parameters<typeof superjson.deserialize>[0] };
  type ErrorShape = { message: string; data: { code: string; zodError: { fieldErrors: Record<string, string[]> } | null } };
  return { status: response.status, body: { error: raw.error ? superjson.deserialize<ErrorShape>(raw.error) : undefined } };
}

describe("procedure access levels", () => {
  it("refuses an anonymous call to a learner procedure with UNAUTHORIZED (401)", async () => {
    expect(await codeOf(createCaller(createContextFor(null)).user.me())).toBe("UNAUTHORIZED");
    const { status, body } = await http(null, "user.me", undefined, "GET");
    expect(status).toBe(401);
    expect(body.error?.data.code).toBe("UNAUTHORIZED");
  });

  it("refuses a learner calling an instructor procedure with FORBIDDEN (403)", async () => {
    const learner = await createTestUser();
    expect(await codeOf(createCaller(createContextFor(learner)).studio.summary())).toBe("FORBIDDEN");
    const { status } = await http(learner, "studio.summary", undefined, "GET");
    expect(status).toBe(403);
  });

  it("lets instructors and admins into instructor procedures, and only admins into admin ones", async () => {
    const instructor = await createTestUser({ role: "INSTRUCTOR" });
    const admin = await createTestUser({ role: "ADMIN" });
    const summary = await createCaller(createContextFor(instructor)).studio.summary();
    expect(summary.learners).toBeGreaterThanOrEqual(0);
    expect(await codeOf(createCaller(createContextFor(admin)).studio.summary())).toBe("OK");
    expect(await codeOf(createCaller(createContextFor(instructor)).admin.listUsers({}))).toBe("FORBIDDEN");
    expect(await codeOf(createCaller(createContextFor(admin)).admin.listUsers({}))).toBe("OK");
  });
});

describe("input validation", () => {
  it("answers invalid input with BAD_REQUEST and flattened field errors, saving nothing", async () => {
    const learner = await createTestUser({ name: "Before" });
    const { status, body } = await http(learner, "user.updateProfile", { name: "", timezone: "Mars/Olympus", dailyGoalXp: 7 }, "POST");
    expect(status).toBe(400);
    expect(body.error?.data.code).toBe("BAD_REQUEST");
    expect(body.error?.message).toBe("Some fields need attention.");
    expect(Object.keys(body.error?.data.zodError?.fieldErrors ?? {}).sort()).toEqual(["dailyGoalXp", "name", "timezone"]);
    expect(body.error?.data.zodError?.fieldErrors.timezone).toEqual(["Choose a valid IANA time zone, such as Europe/Paris."]);
    const me = await createCaller(createContextFor(learner)).user.me();
    expect(me.name).toBe("Before");
  });

  it("saves a valid profile", async () => {
    const learner = await createTestUser();
    await createCaller(createContextFor(learner)).user.updateProfile({ name: "Ada", timezone: "Pacific/Kiritimati", dailyGoalXp: 50 });
    const me = await createCaller(createContextFor(learner)).user.me();
    expect(me).toMatchObject({ name: "Ada", timezone: "Pacific/Kiritimati", dailyGoalXp: 50, totalXp: 0, todayXp: 0 });
  });
});

describe("admin role changes", () => {
  it("changes a role, and a domain error keeps its code and sentence", async () => {
    const admin = await createTestUser({ role: "ADMIN" });
    const learner = await createTestUser();
    const caller = createCaller(createContextFor(admin));
    const updated = await caller.admin.setRole({ userId: learner.id, role: "INSTRUCTOR" });
    expect(updated.role).toBe("INSTRUCTOR");
    const { status, body } = await http(admin, "admin.setRole", { userId: "no-such-user", role: "ADMIN" }, "POST");
    expect(status).toBe(404);
    expect(body.error?.message).toBe("That user does not exist.");
  });

  it("never leaves the site without an admin", async () => {
    const { db } = await import("./db");
    // Make this test's admin the only one, then restore the others.
    const others = await db.user.findMany({ where: { role: "ADMIN" }, select: { id: true } });
    await db.user.updateMany({ where: { role: "ADMIN" }, data: { role: "INSTRUCTOR" } });
    try {
      const admin = await createTestUser({ role: "ADMIN" });
      const caller = createCaller(createContextFor(admin));
      await expect(caller.admin.setRole({ userId: admin.id, role: "LEARNER" })).rejects.toMatchObject({
        code: "CONFLICT",
        message: "This is the last admin; make someone else an admin first.",
      });
    } finally {
      await db.user.updateMany({ where: { id: { in: others.map((o) => o.id) } }, data: { role: "ADMIN" } });
    }
  });
});

describe("subscriptions", () => {
  it("streams server events", async () => {
    const caller = createCaller(createContextFor(null));
    const ticks: number[] = [];
    for await (const event of await caller.system.clock({ intervalMs: 100, count: 3 })) ticks.push(event.tick);
    expect(ticks).toEqual([0, 1, 2]);
  });
});
