import { randomUUID } from "node:crypto";
import type { Role } from "../generated/prisma/enums";
import { authUserSelect, type AuthUser } from "../auth/service";
import { db } from "../db";
import { PEER_ADDRESS_HEADER } from "../http/peer-address";

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

/** Request headers as our server stamps them for a client at `address` (see server/http/peer-address.ts). */
export function fromAddress(address: string, extra: Record<string, string> = {}): Headers {
  return new Headers({ ...extra, [PEER_ADDRESS_HEADER]: address });
}

export function uniqueIp(): string {
  const n = () => Math.floor(Math.random() * 250) + 1;
  return `10.${n()}.${n()}.${n()}`;
}

/** A published course with no lessons, in its own category, for tests that need a course id. */
export async function createPublishedCourse(options: { title?: string } = {}) {
  const tag = randomUUID().slice(0, 8);
  const category = await db.category.upsert({
    where: { slug: "test-category" },
    create: { slug: "test-category", title: "Test category", description: "Courses made by tests.", position: 99 },
    update: {},
  });
  return db.course.create({
    data: {
      slug: `test-course-${tag}`,
      title: options.title ?? `Test course ${tag}`,
      categorySlug: category.slug,
      level: "beginner",
      summary: "A course made by a test.",
      description: "A course made by a test.",
      estimatedMinutes: 10,
      status: "PUBLISHED",
      publishedAt: new Date(),
    },
    select: { id: true, slug: true, title: true },
  });
}
