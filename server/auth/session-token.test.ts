import { decode, encode } from "next-auth/jwt";
import { afterEach, describe, expect, it } from "vitest";
import { decodeSessionToken, forgetVerifiedSessionTokens } from "./session-token";

// decodeSessionToken must accept and refuse exactly what Auth.js's own decode does, the first time
// a token is seen and every time after (when it is answered from the verified tokens).
const secret = "unit-test-secret-0123456789abcdef-0123456789";
const salt = "authjs.session-token";
const claims = { sub: "user-1", sid: "session-1", name: "Ada", email: "ada@test.learnloop" };

async function verdict(read: () => Promise<unknown>): Promise<string> {
  try {
    const payload = (await read()) as { sub?: string } | null;
    return payload ? `ok ${payload.sub}` : "null";
  } catch {
    return "refused";
  }
}

afterEach(() => forgetVerifiedSessionTokens());

describe("decodeSessionToken", () => {
  it("agrees with Auth.js's decode on valid, tampered, foreign, mis-salted, expired and malformed tokens, twice over", async () => {
    const valid = await encode({ token: claims, secret, salt });
    const cases: [string, string, string][] = [
      ["valid", valid, "ok user-1"],
      ["tampered ciphertext", `${valid.split(".").slice(0, 3).join(".")}.${"A".repeat(valid.split(".")[3]!.length)}.${valid.split(".")[4]}`, "refused"],
      ["tampered tag", `${valid.slice(0, -4)}AAAA`, "refused"],
      ["another secret", await encode({ token: claims, secret: "another-secret-0123456789abcdef-0123456789", salt }), "refused"],
      ["another salt", await encode({ token: claims, secret, salt: `__Secure-${salt}` }), "refused"],
      ["expired", await encode({ token: claims, secret, salt, maxAge: -3600 }), "refused"],
      ["not a JWE", "abc.def", "refused"],
      ["empty", "", "null"],
    ];
    for (const round of [1, 2]) {
      for (const [name, token, expected] of cases) {
        const theirs = await verdict(() => decode({ token, secret, salt }));
        const ours = await verdict(() => decodeSessionToken({ token, secret, salt }));
        expect({ round, name, theirs, ours }).toEqual({ round, name, theirs: expected, ours: expected });
      }
    }
  });

  it("refuses a token it verified before once the token has expired, with Auth.js's 15 s of tolerance", async () => {
    const token = await encode({ token: claims, secret, salt, maxAge: 60 });
    const exp = (await decode({ token, secret, salt }))!.exp!;
    expect(await verdict(() => decodeSessionToken({ token, secret, salt }))).toBe("ok user-1");
    expect(await verdict(() => decodeSessionToken({ token, secret, salt, now: new Date((exp + 14) * 1000) }))).toBe("ok user-1");
    expect(await verdict(() => decodeSessionToken({ token, secret, salt, now: new Date((exp + 15) * 1000) }))).toBe("refused");
    // Forgotten after that, and refused by the full check too.
    expect(await verdict(() => decodeSessionToken({ token, secret, salt, now: new Date((exp + 15) * 1000) }))).toBe("refused");
  });

  it("does not answer a token verified under one secret or salt for another", async () => {
    const token = await encode({ token: claims, secret, salt });
    expect(await verdict(() => decodeSessionToken({ token, secret, salt }))).toBe("ok user-1");
    expect(await verdict(() => decodeSessionToken({ token, secret: "rotated-secret-0123456789abcdef-0123456789", salt }))).toBe("refused");
    expect(await verdict(() => decodeSessionToken({ token, secret, salt: `__Secure-${salt}` }))).toBe("refused");
    // Rotation as Auth.js allows it: the old secret still decrypts when listed after the new one.
    expect(await verdict(() => decodeSessionToken({ token, secret: ["rotated-secret-0123456789abcdef-0123456789", secret], salt }))).toBe("ok user-1");
  });

  it("hands out a payload no caller can change for the next request", async () => {
    const token = await encode({ token: claims, secret, salt });
    const first = (await decodeSessionToken({ token, secret, salt }))!;
    expect(() => {
      (first as { sub?: string }).sub = "someone-else";
    }).toThrow();
    expect((await decodeSessionToken({ token, secret, salt }))!.sub).toBe("user-1");
  });
});
