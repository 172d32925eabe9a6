import { hkdf } from "node:crypto";
import { promisify } from "node:util";
import { base64url, calculateJwkThumbprint, jwtDecrypt, type JWTPayload } from "jose";

// Auth.js's session-token decode (`decode` in @auth/core/jwt.js), at the cost of a request that
// reads the same cookie again. Two things Auth.js recomputes on every call are kept instead:
//   - the encryption key it derives from the secret with HKDF, and that key's JWK thumbprint (the
//     token's `kid`): both depend only on the secret, the salt and the algorithm;
//   - a token it has already verified. A session cookie is the same string on every request of
//     that browser until Auth.js re-issues it, and its claims are fixed by its authenticated
//     ciphertext: a different byte is a different key here, and a cache miss. Only the claims that
//     depend on the clock (exp, nbf) can change their verdict; they are checked again on every hit,
//     with Auth.js's clock tolerance.
// A miss runs jose's jwtDecrypt with exactly the options Auth.js passes, so what is accepted and
// refused does not change (server/auth/session-token.test.ts compares the two).

const ALG = "dir";
const ENC = "A256CBC-HS512";
const CLOCK_TOLERANCE_SECONDS = 15;
const KEY_LENGTHS: Record<string, number> = { "A256CBC-HS512": 64, A256GCM: 32 };
const MAX_VERIFIED = 10_000;

type DerivedKey = { key: Uint8Array; thumbprint: string };
const hkdfAsync = promisify(hkdf);
const derivedKeys = new Map<string, Promise<DerivedKey>>();

/** Auth.js's getDerivedEncryptionKey and the thumbprint its encode puts into `kid`, once per (enc, secret, salt). */
function derivedKey(enc: string, secret: string, salt: string): Promise<DerivedKey> {
  const length = KEY_LENGTHS[enc];
  if (!length) return Promise.reject(new Error("Unsupported JWT Content Encryption Algorithm"));
  const id = `${enc}\u0000${salt}\u0000${secret}`;
  let derived = derivedKeys.get(id);
  if (!derived) {
    derived = (async () => {
      // As @panva/hkdf (what Auth.js calls) does on Node: node:crypto's hkdf.
      const key = new Uint8Array(await hkdfAsync("sha256", secret, salt, `Auth.js Generated Encryption Key (${salt})`, length));
      const thumbprint = await calculateJwkThumbprint({ kty: "oct", k: base64url.encode(key) }, `sha${key.byteLength << 3}` as "sha256" | "sha512");
      return { key, thumbprint };
    })();
    derived.catch(() => derivedKeys.delete(id));
    derivedKeys.set(id, derived);
  }
  return derived;
}

type Verified = { payload: JWTPayload; secrets: readonly string[] };
// Insertion order is recency order: a hit moves its entry to the end, the oldest goes first.
const verified = new Map<string, Verified>();

function withinClock(payload: JWTPayload, nowSeconds: number): boolean {
  if (typeof payload.exp === "number" && payload.exp <= nowSeconds - CLOCK_TOLERANCE_SECONDS) return false;
  if (typeof payload.nbf === "number" && payload.nbf > nowSeconds + CLOCK_TOLERANCE_SECONDS) return false;
  return true;
}

function sameSecrets(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((secret, i) => secret === b[i]);
}

/**
 * The payload of an Auth.js session token, as `decode({ token, secret, salt })` from next-auth/jwt
 * returns it; throws where that throws (tampered, foreign, expired, malformed). `secret` may be a
 * list (the first encrypts, any decrypts), as Auth.js allows for rotating secrets.
 */
export async function decodeSessionToken(options: { token: string; secret: string | readonly string[]; salt: string; now?: Date }): Promise<JWTPayload | null> {
  const { token, salt } = options;
  const secrets = typeof options.secret === "string" ? [options.secret] : options.secret;
  if (!token) return null;
  const nowSeconds = Math.floor((options.now ?? new Date()).getTime() / 1000);
  const id = `${salt}\u0000${token}`;
  const hit = verified.get(id);
  if (hit && sameSecrets(hit.secrets, secrets)) {
    if (!withinClock(hit.payload, nowSeconds)) {
      verified.delete(id);
      throw new Error("the session token has expired");
    }
    verified.delete(id);
    verified.set(id, hit);
    return hit.payload;
  }
  const { payload } = await jwtDecrypt(
    token,
    async ({ kid, enc }) => {
      for (const secret of secrets) {
        const derived = await derivedKey(enc, secret, salt);
        if (kid === undefined || kid === derived.thumbprint) return derived.key;
      }
      throw new Error("no matching decryption secret");
    },
    {
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      keyManagementAlgorithms: [ALG],
      contentEncryptionAlgorithms: [ENC, "A256GCM"],
      ...(options.now ? { currentDate: options.now } : {}),
    },
  );
  verified.set(id, { payload: Object.freeze(payload), secrets: [...secrets] });
  if (verified.size > MAX_VERIFIED) verified.delete(verified.keys().next().value!);
  return payload;
}

/** Forgets every verified token (tests; a changed secret needs nothing: it is part of the check). */
export function forgetVerifiedSessionTokens(): void {
  verified.clear();
}
