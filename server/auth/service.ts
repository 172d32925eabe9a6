import "server-only";
import { Prisma } from "../generated/prisma/client";
import { signInInput, signUpInput } from "@/lib/auth/schemas";
import { db } from "../db";
import { getEnv } from "../env";
import { DomainError } from "../errors";
import { dummyPasswordHash, hashPassword, verifyPassword } from "./password";
import { clientAddress } from "../http/client-address";
import { clearRateLimit, hitRateLimit, recentHits, refundRateLimit } from "./rate-limit";
import { endSessions } from "./sessions";
import { FAILURE_WINDOW_MS, passwordProblem, retryDelaySeconds } from "./sign-in-policy";

export const INVALID_CREDENTIALS = "Email or password is incorrect.";

export const authUserSelect = {
  id: true,
  email: true,
  name: true,
  role: true,
  timezone: true,
  dailyGoalXp: true,
} satisfies Prisma.UserSelect;
export type AuthUser = Prisma.UserGetPayload<{ select: typeof authUserSelect }>;

function tooMany(retryAfterSeconds: number, what: string): DomainError {
  return new DomainError("TOO_MANY_REQUESTS", `Too many ${what} attempts. Wait ${retryAfterSeconds} second${retryAfterSeconds === 1 ? "" : "s"} and try again.`);
}

/**
 * Sign-in limits (OWASP ASVS 5.0 V6.3), every address taken from `clientAddress`:
 * - one address: AUTH_RATE_LIMIT_IP attempts a minute over all accounts (password spraying);
 *   successful attempts are taken back, so only failures add up;
 * - one address on one account: FREE_FAILURES failures, then each further try waits 1, 2, 4 …
 *   seconds after the previous failure; a success clears it. Someone guessing from elsewhere never
 *   holds up the owner on their own address;
 * - one account from all addresses together: AUTH_RATE_LIMIT_ACCOUNT failures in 15 minutes, a
 *   ceiling one address cannot reach under its growing delays (about 15), against guessing spread
 *   over many addresses.
 */
async function limitSignIn(options: { address: string; email: string; now: Date }) {
  const env = getEnv();
  const keys = { address: `sign-in:ip:${options.address}`, pair: `sign-in:pair:${options.email}:${options.address}`, account: `sign-in:account:${options.email}` };
  const [byAddress, pair, account] = await Promise.all([
    hitRateLimit({ key: keys.address, limit: env.AUTH_RATE_LIMIT_IP, now: options.now }),
    recentHits({ key: keys.pair, windowMs: FAILURE_WINDOW_MS, now: options.now }),
    recentHits({ key: keys.account, windowMs: FAILURE_WINDOW_MS, now: options.now }),
  ]);
  const waits: number[] = [];
  if (!byAddress.allowed) waits.push(byAddress.retryAfterSeconds);
  const delay = retryDelaySeconds(pair.count);
  if (delay > 0 && pair.last) {
    const wait = Math.ceil((pair.last.getTime() + delay * 1000 - options.now.getTime()) / 1000);
    if (wait > 0) waits.push(wait);
  }
  if (account.count >= env.AUTH_RATE_LIMIT_ACCOUNT && account.last) waits.push(Math.max(1, Math.ceil((account.last.getTime() + FAILURE_WINDOW_MS - options.now.getTime()) / 1000)));
  if (waits.length) throw tooMany(Math.max(...waits), "sign-in");
  return {
    failed: async () => {
      await Promise.all([hitRateLimit({ key: keys.pair, limit: Number.MAX_SAFE_INTEGER, now: options.now }), hitRateLimit({ key: keys.account, limit: Number.MAX_SAFE_INTEGER, now: options.now })]);
    },
    succeeded: async () => {
      await Promise.all([refundRateLimit({ key: keys.address, bucket: byAddress.bucket }), clearRateLimit(keys.pair)]);
    },
  };
}

/** Sign-up limits: AUTH_RATE_LIMIT_IP a minute from one address, 10 a minute for one email. */
async function limitSignUp(address: string, email: string): Promise<void> {
  const env = getEnv();
  const [byAddress, byEmail] = await Promise.all([
    hitRateLimit({ key: `sign-up:ip:${address}`, limit: env.AUTH_RATE_LIMIT_IP }),
    hitRateLimit({ key: `sign-up:account:${email}`, limit: 10 }),
  ]);
  if (!byAddress.allowed || !byEmail.allowed) {
    throw tooMany(Math.max(byAddress.allowed ? 0 : byAddress.retryAfterSeconds, byEmail.allowed ? 0 : byEmail.retryAfterSeconds), "sign-up");
  }
}

/**
 * Checks an email and password. Unknown email and wrong password fail alike, in message and in
 * time. Returns the user, or throws a DomainError (UNAUTHORIZED or TOO_MANY_REQUESTS).
 */
export async function authenticate(options: { email: unknown; password: unknown; headers: Headers; now?: Date }): Promise<AuthUser> {
  const parsed = signInInput.safeParse({ email: options.email, password: options.password });
  if (!parsed.success) throw new DomainError("UNAUTHORIZED", INVALID_CREDENTIALS);
  const { email, password } = parsed.data;
  const attempt = await limitSignIn({ address: clientAddress(options.headers), email, now: options.now ?? new Date() });
  const user = await db.user.findUnique({ where: { email }, select: { ...authUserSelect, passwordHash: true } });
  const ok = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
  if (!user || !user.passwordHash || !ok) {
    await attempt.failed();
    throw new DomainError("UNAUTHORIZED", INVALID_CREDENTIALS);
  }
  await attempt.succeeded();
  const { passwordHash: _hash, ...authUser } = user;
  return authUser;
}

/** Creates a learner account. Throws CONFLICT for a taken email, TOO_MANY_REQUESTS when limited. */
export async function registerUser(options: { input: unknown; headers: Headers }): Promise<AuthUser> {
  const input = signUpInput.parse(options.input);
  await limitSignUp(clientAddress(options.headers), input.email);
  const problem = passwordProblem(input.password, input);
  if (problem) throw new DomainError("BAD_REQUEST", problem);
  try {
    return await db.user.create({
      data: {
        email: input.email,
        name: input.name,
        timezone: input.timezone,
        passwordHash: await hashPassword(input.password),
      },
      select: authUserSelect,
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new DomainError("CONFLICT", "An account with this email already exists. Sign in instead.");
    }
    throw error;
  }
}

/**
 * Changes a password after checking the current one, and ends every other session of the
 * account (a thief's copy of a cookie among them); the device that asked stays signed in.
 */
export async function changePassword(options: { userId: string; sessionId: string | null; currentPassword: string; newPassword: string }): Promise<{ endedSessions: number }> {
  const limited = await hitRateLimit({ key: `password-change:${options.userId}`, limit: 10 });
  if (!limited.allowed) throw tooMany(limited.retryAfterSeconds, "password change");
  const user = await db.user.findUniqueOrThrow({ where: { id: options.userId }, select: { email: true, name: true, passwordHash: true } });
  if (!user.passwordHash) throw new DomainError("BAD_REQUEST", "This account signs in through GitHub or Google and has no password to change.");
  if (!(await verifyPassword(user.passwordHash, options.currentPassword))) throw new DomainError("BAD_REQUEST", "Your current password is not right.");
  const problem = passwordProblem(options.newPassword, user);
  if (problem) throw new DomainError("BAD_REQUEST", problem);
  await db.user.update({ where: { id: options.userId }, data: { passwordHash: await hashPassword(options.newPassword) } });
  return { endedSessions: await endSessions({ userId: options.userId, except: options.sessionId }) };
}
