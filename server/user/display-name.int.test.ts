import { describe, expect, it } from "vitest";
import { registerUser } from "../auth/service";
import { db } from "../db";
import { createCaller } from "../router";
import { codeOf } from "../test/error-code";
import { createTestUser, fromAddress, uniqueIp } from "../test/factories";
import { createContextFor } from "../trpc";

// Finding 6 of the hostile-input probe: a display name with a right-to-left override or zero-width
// characters showed as sent on leaderboards and in live rooms.
describe("display names through sign-up and the profile", () => {
  it("stores the normalised name at sign-up", async () => {
    const user = await registerUser({
      input: { name: "\u202EAda\u200B Lovelace\u2066", email: `ada-${Date.now()}@test.learnloop`, password: "correct horse battery", timezone: "UTC" },
      headers: fromAddress(uniqueIp()),
    });
    expect(user.name).toBe("Ada Lovelace");
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { name: true } })).name).toBe("Ada Lovelace");
  });

  it("stores the normalised name from the profile and refuses one that is only invisible characters", async () => {
    const user = await createTestUser({ name: "Before" });
    const caller = createCaller(createContextFor(user)).user;
    const saved = await caller.updateProfile({ name: "Gra\u200Dce\u202E H.", timezone: "UTC", dailyGoalXp: 20 });
    expect(saved.name).toBe("Grace H.");
    expect(await codeOf(caller.updateProfile({ name: "\u200B\u200C\u2060\u3164", timezone: "UTC", dailyGoalXp: 20 }))).toBe("BAD_REQUEST");
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { name: true } })).name).toBe("Grace H.");
  });
});
