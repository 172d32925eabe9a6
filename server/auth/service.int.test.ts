import { describe, expect, it } from "vitest";
import { db } from "../db";
import { DomainError } from "../errors";
import { uniqueIp } from "../test/factories";
import { hitRateLimit } from "./rate-limit";
import { authenticate, INVALID_CREDENTIALS, registerUser } from "./service";

function email() {
  return `auth-${Math.random().toString(36).slice(2, 10)}@test.learnloop`;
}

async function failure(promise: Promise<unknown>): Promise<DomainError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error("expected a DomainError");
}

describe("accounts", () => {
  it("registers a learner with an argon2id hash and signs them in", async () => {
    const address = email();
    const user = await registerUser({ input: { name: "Ada", email: address.toUpperCase(), password: "correct horse", timezone: "Europe/Paris" }, ip: uniqueIp() });
    expect(user).toMatchObject({ email: address, name: "Ada", role: "LEARNER", timezone: "Europe/Paris" });
    const row = await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { passwordHash: true } });
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    const signedIn = await authenticate({ email: address, password: "correct horse", ip: uniqueIp() });
    expect(signedIn.id).toBe(user.id);
  });

  it("refuses a second account with the same email", async () => {
    const address = email();
    await registerUser({ input: { name: "A", email: address, password: "12345678", timezone: "UTC" }, ip: uniqueIp() });
    const error = await failure(registerUser({ input: { name: "B", email: address, password: "87654321", timezone: "UTC" }, ip: uniqueIp() }));
    expect(error.code).toBe("CONFLICT");
  });

  it("gives the same error for an unknown email and a wrong password", async () => {
    const address = email();
    await registerUser({ input: { name: "A", email: address, password: "12345678", timezone: "UTC" }, ip: uniqueIp() });
    const wrongPassword = await failure(authenticate({ email: address, password: "nope-nope", ip: uniqueIp() }));
    const unknownEmail = await failure(authenticate({ email: email(), password: "nope-nope", ip: uniqueIp() }));
    expect(wrongPassword.message).toBe(INVALID_CREDENTIALS);
    expect(unknownEmail.message).toBe(INVALID_CREDENTIALS);
    expect(wrongPassword.code).toBe(unknownEmail.code);
  });
});

describe("rate limits", () => {
  it("refuses the 11th sign-in attempt on one account within a minute, even with the right password", async () => {
    const address = email();
    await registerUser({ input: { name: "A", email: address, password: "12345678", timezone: "UTC" }, ip: uniqueIp() });
    for (let i = 0; i < 10; i++) {
      const error = await failure(authenticate({ email: address, password: "wrong-password", ip: uniqueIp() }));
      expect(error.code).toBe("UNAUTHORIZED");
    }
    const limited = await failure(authenticate({ email: address, password: "12345678", ip: uniqueIp() }));
    expect(limited.code).toBe("TOO_MANY_REQUESTS");
    expect(limited.message).toMatch(/^Too many sign-in attempts\. Wait \d+ seconds and try again\.$/);
  });

  it("limits one address across many accounts", async () => {
    const ip = uniqueIp();
    const codes: string[] = [];
    for (let i = 0; i < 31; i++) codes.push((await failure(authenticate({ email: email(), password: "whatever1", ip }))).code);
    expect(codes.slice(0, 30).every((code) => code === "UNAUTHORIZED")).toBe(true);
    expect(codes[30]).toBe("TOO_MANY_REQUESTS");
  });

  it("counts exactly under concurrency", async () => {
    const key = `test:${Math.random()}`;
    const now = new Date("2026-01-01T00:00:10Z");
    const results = await Promise.all(Array.from({ length: 15 }, () => hitRateLimit({ key, limit: 10, now })));
    expect(results.map((r) => r.count).sort((a, b) => a - b)).toEqual(Array.from({ length: 15 }, (_, i) => i + 1));
    expect(results.filter((r) => r.allowed)).toHaveLength(10);
  });

  it("slides: a burst straddling a minute boundary is still one window, and old attempts expire", async () => {
    const key = `test:${Math.random()}`;
    const at = (iso: string) => hitRateLimit({ key, limit: 10, now: new Date(iso) });
    for (let i = 0; i < 6; i++) await at("2026-01-01T00:00:55Z");
    for (let i = 0; i < 4; i++) await at("2026-01-01T00:01:02Z");
    const eleventh = await at("2026-01-01T00:01:03Z");
    expect(eleventh).toMatchObject({ allowed: false, count: 11 });
    // The refusal says to wait until the oldest attempt (00:00:55) leaves the window at 00:01:55.
    expect(eleventh.retryAfterSeconds).toBe(52);
    const later = await at("2026-01-01T00:01:56Z");
    expect(later).toMatchObject({ allowed: true, count: 6 });
  });
});

describe("successful sign-ins", () => {
  it("do not count against the account: only failures add up", async () => {
    const address = email();
    await registerUser({ input: { name: "A", email: address, password: "12345678", timezone: "UTC" }, ip: uniqueIp() });
    for (let i = 0; i < 12; i++) await authenticate({ email: address, password: "12345678", ip: uniqueIp() });
    for (let i = 0; i < 10; i++) {
      expect((await failure(authenticate({ email: address, password: "wrong-password", ip: uniqueIp() }))).code).toBe("UNAUTHORIZED");
    }
    expect((await failure(authenticate({ email: address, password: "wrong-password", ip: uniqueIp() }))).code).toBe("TOO_MANY_REQUESTS");
  });
});
