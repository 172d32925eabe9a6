import "server-only";
import type { DbClient } from "../db-client";
import { db } from "../db";
import { DomainError } from "../errors";
import type { StaffRole } from "../generated/prisma/enums";
import { editableBy, type Actor } from "./service";

// A course's staff (CourseOwner rows): its owners and co-instructors edit, publish and see the
// class view; only owners (and admins) change who is on the staff. Every staff member is an
// instructor or an admin account; a course always keeps at least one owner.

const NOT_IN_STUDIO = "That course does not exist in your studio.";

async function staffCourse(actor: Actor, slug: string) {
  const course = await db.course.findFirst({
    where: { slug, ...editableBy(actor) },
    select: { id: true, owners: { where: { userId: actor.id }, select: { role: true } } },
  });
  if (!course) throw new DomainError("NOT_FOUND", NOT_IN_STUDIO);
  return { id: course.id, canManage: actor.role === "ADMIN" || course.owners[0]?.role === "OWNER" };
}

async function managedCourse(actor: Actor, slug: string) {
  const course = await staffCourse(actor, slug);
  if (!course.canManage) throw new DomainError("FORBIDDEN", "Only the course's owners and admins can change its staff.");
  return course;
}

export async function listStaff(options: { actor: Actor; slug: string }) {
  const course = await staffCourse(options.actor, options.slug);
  const staff = await db.courseOwner.findMany({
    where: { courseId: course.id },
    orderBy: [{ role: "asc" }, { createdAt: "asc" }],
    select: { role: true, user: { select: { id: true, name: true, email: true } } },
  });
  return { canManage: course.canManage, staff: staff.map(({ role, user }) => ({ userId: user.id, name: user.name, email: user.email, role })) };
}

/** Adds an instructor (by email) to the staff, or changes their role. */
export async function addStaff(options: { actor: Actor; slug: string; email: string; role: StaffRole }) {
  const course = await managedCourse(options.actor, options.slug);
  const user = await db.user.findUnique({ where: { email: options.email.trim().toLowerCase() }, select: { id: true, role: true } });
  if (!user) throw new DomainError("BAD_REQUEST", "There is no account with that email address.");
  if (user.role === "LEARNER") throw new DomainError("BAD_REQUEST", "That account is a learner's; an admin can make it an instructor first.");
  await db.$transaction(async (tx) => {
    if (options.role !== "OWNER") await keepAnOwner({ courseId: course.id, userId: user.id }, tx);
    await tx.courseOwner.upsert({
      where: { courseId_userId: { courseId: course.id, userId: user.id } },
      create: { courseId: course.id, userId: user.id, role: options.role },
      update: { role: options.role },
    });
  });
  return { ok: true as const };
}

export async function removeStaff(options: { actor: Actor; slug: string; userId: string }) {
  const course = await managedCourse(options.actor, options.slug);
  await db.$transaction(async (tx) => {
    await keepAnOwner({ courseId: course.id, userId: options.userId }, tx);
    await tx.courseOwner.deleteMany({ where: { courseId: course.id, userId: options.userId } });
  });
  return { ok: true as const };
}

/** Refuses to take away the last owner of a course that has one (the owner rows are locked meanwhile). */
async function keepAnOwner(options: { courseId: string; userId: string }, tx: DbClient): Promise<void> {
  const { courseId, userId } = options;
  const owners = await tx.$queryRaw<{ userId: string }[]>`
    SELECT "userId" FROM "CourseOwner" WHERE "courseId" = ${courseId} AND "role" = 'OWNER' FOR UPDATE`;
  if (owners.length === 1 && owners[0]!.userId === userId) {
    throw new DomainError("CONFLICT", "A course needs at least one owner; make someone else an owner first.");
  }
}
