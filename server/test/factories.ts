import { randomUUID } from "node:crypto";
import type { Role } from "../generated/prisma/enums";
import { authUserSelect, type AuthUser } from "../auth/service";
import { db } from "../db";

/** A user row for integration tests, with a unique email so tests never collide. */
export async function createTestUser(options: { role?: Role; name?: string; timezone?: string } = {}): Promise<AuthUser> {
  const tag = randomUUID().slice(0, 8);
  return db.user.create({
    data: {
      email: `user-${tag}@test.learnloop`,
      name: options.name ?? `Tester ${tag}`,
      role: options.role ?? "LEARNER",
      timezone: options.timezone ?? "UTC",
    },
    select: authUserSelect,
  });
}

export function uniqueIp(): string {
  const n = () => Math.floor(Math.random() * 250) + 1;
  return `10.${n()}.${n()}.${n()}`;
}
