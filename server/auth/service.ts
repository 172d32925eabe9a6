import "server-only";
import { Prisma } from "../generated/prisma/client";
import { signInInput, signUpInput } from "@/lib/auth/schemas";
import { db } from "../db";
import { getEnv } from "../env";
import { DomainError } from "../errors";
import { dummyPasswordHash, hashPassword, verifyPassword } from "./password";
import { hitRateLimit, refundRateLimit } from "./rate-limit";

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
  return new DomainError(
    "TOO_MANY_REQUESTS",
    `Too many ${what} attempts. Wait ${retryAfterSeconds} seconds and try again.`,
  );
}

type CountedAttempt = { refund: () => Promise<void> };

/**
 * Counts one attempt against the per-IP and per-account limits and throws TOO_MANY_REQUESTS when
 * either is exceeded. Both counters advance on every attempt, so hammering one account from many
 * addresses or many accounts from one address are both caught; `refund` takes the attempt back
 * once it succeeded, so only failures add up against a learner.
 */
async function limitAttempt(kind: "sign-in" | "sign-up", ip: string, email: string): Promise<CountedAttempt> {
  const env = getEnv();
  const keys = { ip: `${kind}:ip:${ip}`, account: `${kind}:account:${email}` };
  const [byIp, byAccount] = await Promise.all([
    hitRateLimit({ key: keys.ip, limit: env.AUTH_RATE_LIMIT_IP }),
    hitRateLimit({ key: keys.account, limit: env.AUTH_RATE_LIMIT_ACCOUNT }),
  ]);
  if (!byIp.allowed || !byAccount.allowed) {
    throw tooMany(Math.max(byIp.allowed ? 0 : byIp.retryAfterSeconds, byAccount.allowed ? 0 : byAccount.retryAfterSeconds), kind);
  }
  return {
    refund: async () => {
      await Promise.all([
        refundRateLimit({ key: keys.ip, bucket: byIp.bucket }),
        refundRateLimit({ key: keys.account, bucket: byAccount.bucket }),
      ]);
    },
  };
}

/**
 * Checks an email and password. Unknown email and wrong password fail alike, in message and in
 * time. Returns the user, or throws a DomainError (UNAUTHORIZED or TOO_MANY_REQUESTS).
 */
export async function authenticate(options: { email: unknown; password: unknown; ip: string }): Promise<AuthUser> {
  const parsed = signInInput.safeParse({ email: options.email, password: options.password });
  if (!parsed.success) throw new DomainError("UNAUTHORIZED", INVALID_CREDENTIALS);
  const { email, password } = parsed.data;
  const attempt = await limitAttempt("sign-in", options.ip, email);
  const user = await db.user.findUnique({ where: { email }, select: { ...authUserSelect, passwordHash: true } });
  const ok = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
  if (!user || !user.passwordHash || !ok) throw new DomainError("UNAUTHORIZED", INVALID_CREDENTIALS);
  await attempt.refund();
  const { passwordHash: _hash, ...authUser } = user;
  return authUser;
}

/** Creates a learner account. Throws CONFLICT for a taken email, TOO_MANY_REQUESTS when limited. */
export async function registerUser(options: { input: unknown; ip: string }): Promise<AuthUser> {
  const input = signUpInput.parse(options.input);
  await limitAttempt("sign-up", options.ip, input.email);
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
