import { describe, expect, it } from "vitest";
import { db } from "../db";
import { DomainError } from "../errors";
import { fromAddress, uniqueIp } from "../test/factories";
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
    const user = await registerUser({ input: { name: "Ada", email: address.toUpperCase(), password: "correct horse", timezone: "Europe/Paris" }, headers: fromAddress(uniqueIp()) });
    expect(user).toMatchObject({ email: address, name: "Ada", role: "LEARNER", timezone: "Europe/Paris" });
    const row = await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { passwordHash: true } });
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    const signedIn = await authenticate({ email: address, password: "correct horse", headers: fromAddress(uniqueIp()) });
    expect(signedIn.id).toBe(user.id);
  });

  it("refuses a second account with the same email", async () => {
    const address = email();
    await registerUser({ input: { name: "A", email: address, password: "plum-orbit-42", timezone: "UTC" }, headers: fromAddress(uniqueIp()) });
    const error = await failure(registerUser({ input: { name: "B", email: address, password: "orbit-plum-24", timezone: "UTC" }, headers: fromAddress(uniqueIp()) }));
    expect(error.code).toBe("CONFLICT");
  });

  it("gives the same error for an unknown email and a wrong password", async () => {
    const address = email();
    await registerUser({ input: { name: "A", email: address, password: "plum-orbit-42", timezone: "UTC" }, headers: fromAddress(uniqueIp()) });
    const wrongPassword = await failure(authenticate({ email: address, password: "nope-nope", headers: fromAddress(uniqueIp()) }));
    const unknownEmail = await failure(authenticate({ email: email(), password: "nope-nope", headers: fromAddress(uniqueIp()) }));
    expect(wrongPassword.message).toBe(INVALID_CREDENTIALS);
    expect(unknownEmail.message).toBe(INVALID_CREDENTIALS);
    expect(wrongPassword.code).toBe(unknownEmail.code);
  });
});

describe("rate limits", () => {
  it("slows one address down on one account with growing delays, and never holds up the owner elsewhere", async () => {
    const address = email();
    await registerUser({ input: { name: "A", email: address, password: "plum-orbit-42", timezone: "UTC" }, headers: fromAddress(uniqueIp()) });
    const attacker = fromAddress(uniqueIp());
    const start = Date.now();
    const at = (seconds: number) => new Date(start + seconds * 1000);
    for (let i = 0; i < 5; i++) expect((await failure(authenticate({ email: address, password: "wrong-password", headers: attacker, now: at(0) }))).code).toBe("UNAUTHORIZED");
    // Five failures are free; then each try waits 1, 2, 4 … seconds after the previous failure.
    const held = await failure(authenticate({ email: address, password: "plum-orbit-42", headers: attacker, now: at(0) }));
    expect(held.code).toBe("TOO_MANY_REQUESTS");
    expect(held.message).toBe("Too many sign-in attempts. Wait 1 second and try again.");
    expect((await failure(authenticate({ email: address, password: "wrong-password", headers: attacker, now: at(1) }))).code).toBe("UNAUTHORIZED");
    expect((await failure(authenticate({ email: address, password: "wrong-password", headers: attacker, now: at(2) }))).message).toMatch(/Wait 1 second and/);
    expect((await failure(authenticate({ email: address, password: "wrong-password", headers: attacker, now: at(3) }))).code).toBe("UNAUTHORIZED");
    for (let i = 0; i < 4; i++) await failure(authenticate({ email: address, password: "wrong-password", headers: attacker, now: at(100 + i * 100) }));
    // The owner, on their own address, signs in at once after ten wrong passwords from elsewhere.
    const owner = await authenticate({ email: address, password: "plum-orbit-42", headers: fromAddress(uniqueIp()), now: at(500) });
    expect(owner.email).toBe(address);
  });

  it("pauses an account when failures come from many addresses together", async () => {
    const address = email();
    await registerUser({ input: { name: "A", email: address, password: "plum-orbit-42", timezone: "UTC" }, headers: fromAddress(uniqueIp()) });
    for (let i = 0; i < 50; i++) await failure(authenticate({ email: address, password: "wrong-password", headers: fromAddress(uniqueIp()) }));
    const paused = await failure(authenticate({ email: address, password: "plum-orbit-42", headers: fromAddress(uniqueIp()) }));
    expect(paused.code).toBe("TOO_MANY_REQUESTS");
  });

  it("limits one address across many accounts", async () => {
    const ip = uniqueIp();
    const codes: string[] = [];
    for (let i = 0; i < 31; i++) codes.push((await failure(authenticate({ email: email(), password: "whatever1", headers: fromAddress(ip) }))).code);
    expect(codes.slice(0, 30).every((code) => code === "UNAUTHORIZED")).toBe(true);
    expect(codes[30]).toBe("TOO_MANY_REQUESTS");
  });

  it("counts the connection's address, not the X-Forwarded-For a client makes up", async () => {
    const peer = uniqueIp();
    const codes: string[] = [];
    for (let i = 0; i < 40; i++) {
      codes.push((await failure(authenticate({ email: email(), password: "whatever1", headers: fromAddress(peer, { "x-forwarded-for": uniqueIp() }) }))).code);
    }
    expect(codes.filter((code) => code === "UNAUTHORIZED")).toHaveLength(30);
    expect(codes.slice(30).every((code) => code === "TOO_MANY_REQUESTS")).toBe(true);
  });

  it("limits sign-up per connection address too", async () => {
    const peer = uniqueIp();
    const codes: string[] = [];
    for (let i = 0; i < 31; i++) {
      const input = { name: "S", email: email(), password: "plum-orbit-42", timezone: "UTC" };
      codes.push(await registerUser({ input, headers: fromAddress(peer, { "x-forwarded-for": uniqueIp() }) }).then(() => "OK", (error: unknown) => (error instanceof DomainError ? error.code : "ZOD")));
    }
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

describe("password policy", () => {
  it("refuses the most common passwords, one repeated character and the account's own email, with a sentence", async () => {
    const address = email();
    const refused = async (password: string) => failure(registerUser({ input: { name: "Pat", email: address, password, timezone: "UTC" }, headers: fromAddress(uniqueIp()) }));
    expect((await refused("password")).message).toMatch(/one of the most common passwords/);
    expect((await refused("Password1")).message).toMatch(/one of the most common passwords/);
    expect((await refused("aaaaaaaa")).message).toMatch(/one repeated character/);
    expect((await refused(address.toUpperCase())).message).toMatch(/must not contain your email address/);
    expect((await refused("password")).code).toBe("BAD_REQUEST");
    expect(await db.user.count({ where: { email: address } })).toBe(0);
    await registerUser({ input: { name: "Pat", email: address, password: "plum-orbit-42", timezone: "UTC" }, headers: fromAddress(uniqueIp()) });
  });
});

describe("successful sign-ins", () => {
  it("do not count against the account: only failures add up", async () => {
    const address = email();
    const home = fromAddress(uniqueIp());
    await registerUser({ input: { name: "A", email: address, password: "plum-orbit-42", timezone: "UTC" }, headers: home });
    for (let i = 0; i < 12; i++) await authenticate({ email: address, password: "plum-orbit-42", headers: home });
    for (let i = 0; i < 5; i++) {
      expect((await failure(authenticate({ email: address, password: "wrong-password", headers: home }))).code).toBe("UNAUTHORIZED");
    }
    expect((await failure(authenticate({ email: address, password: "wrong-password", headers: home }))).code).toBe("TOO_MANY_REQUESTS");
  });
});
