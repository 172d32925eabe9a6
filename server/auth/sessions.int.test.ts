import { describe, expect, it } from "vitest";
import { db } from "../db";
import { createCaller } from "../router";
import { fromAddress, uniqueIp } from "../test/factories";
import { createContextFor } from "../trpc";
import { codeOf } from "../test/error-code";
import { authenticate, registerUser } from "./service";
import { endSession, openSession, SESSION_MAX_AGE_SECONDS, viewerOfSession } from "./sessions";

const email = () => `session-${Math.random().toString(36).slice(2, 10)}@test.learnloop`;

async function account() {
  const address = email();
  const user = await registerUser({
    input: { name: "Sam", email: address, password: "plum-orbit-42", timezone: "UTC" },
    headers: fromAddress(uniqueIp()),
  });
  return { user, address };
}

describe("server-side sessions", () => {
  it("end at sign-out: the same signed cookie replayed later signs nobody in", async () => {
    const { user } = await account();
    const sessionId = await openSession(user.id);
    expect((await viewerOfSession({ userId: user.id, sessionId }))?.id).toBe(user.id);
    await endSession(sessionId);
    expect(await viewerOfSession({ userId: user.id, sessionId })).toBeNull();
    // A token from before server-side sessions (no session id), or one naming another user's session.
    expect(await viewerOfSession({ userId: user.id, sessionId: undefined })).toBeNull();
    const other = await account();
    expect(await viewerOfSession({ userId: user.id, sessionId: await openSession(other.user.id) })).toBeNull();
  });

  it("expire after their lifetime and are extended while in use", async () => {
    const { user } = await account();
    const start = new Date();
    const sessionId = await openSession(user.id, start);
    const twoDaysLater = new Date(start.getTime() + 2 * 24 * 60 * 60_000);
    expect(await viewerOfSession({ userId: user.id, sessionId }, twoDaysLater)).not.toBeNull();
    const row = await db.session.findUniqueOrThrow({ where: { sessionToken: sessionId }, select: { expires: true } });
    expect(row.expires.getTime()).toBe(twoDaysLater.getTime() + SESSION_MAX_AGE_SECONDS * 1000);
    expect(await viewerOfSession({ userId: user.id, sessionId }, new Date(row.expires.getTime() + 1))).toBeNull();
  });

  it("a password change ends every other session and keeps this one; the old password stops working", async () => {
    const { user, address } = await account();
    const [here, laptop, stolen] = await Promise.all([openSession(user.id), openSession(user.id), openSession(user.id)]);
    const caller = createCaller(createContextFor(user, new Headers(), here)).user;
    expect(await codeOf(caller.changePassword({ currentPassword: "not-it-at-all", newPassword: "comet-lantern-77" }))).toBe(
      "BAD_REQUEST",
    );
    await expect(caller.changePassword({ currentPassword: "plum-orbit-42", newPassword: "password1" })).rejects.toThrow(
      /most common passwords/,
    );
    expect(await caller.changePassword({ currentPassword: "plum-orbit-42", newPassword: "comet-lantern-77" })).toEqual({
      endedSessions: 2,
    });
    expect(await viewerOfSession({ userId: user.id, sessionId: here })).not.toBeNull();
    expect(await viewerOfSession({ userId: user.id, sessionId: laptop })).toBeNull();
    expect(await viewerOfSession({ userId: user.id, sessionId: stolen })).toBeNull();
    expect(await codeOf(authenticate({ email: address, password: "plum-orbit-42", headers: fromAddress(uniqueIp()) }))).toBe(
      "UNAUTHORIZED",
    );
    expect((await authenticate({ email: address, password: "comet-lantern-77", headers: fromAddress(uniqueIp()) })).id).toBe(
      user.id,
    );
  });

  it("sign out of all devices ends every session, this one included", async () => {
    const { user } = await account();
    const sessions = await Promise.all([openSession(user.id), openSession(user.id)]);
    expect(await createCaller(createContextFor(user, new Headers(), sessions[0]!)).user.signOutEverywhere()).toEqual({
      endedSessions: 2,
    });
    for (const sessionId of sessions) expect(await viewerOfSession({ userId: user.id, sessionId })).toBeNull();
  });
});
