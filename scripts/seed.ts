import { fileURLToPath } from "node:url";
import type { Role } from "../server/generated/prisma/enums";
import type { Db } from "../server/db-client";
import { hashPassword } from "../server/auth/password";

// Demo accounts for trying the app out. Created by the boot when SEED_DEMO is not "false";
// production sites turn it off. Existing accounts are left untouched (a changed password stays).
export const DEMO_ACCOUNTS: { email: string; password: string; name: string; role: Role }[] = [
  { email: "learner@learnloop.local", password: "learnloop-learner", name: "Demo Learner", role: "LEARNER" },
  { email: "instructor@learnloop.local", password: "learnloop-instructor", name: "Demo Instructor", role: "INSTRUCTOR" },
  { email: "admin@learnloop.local", password: "learnloop-admin", name: "Demo Admin", role: "ADMIN" },
];

export async function seedDemoAccounts(db: Db): Promise<{ created: string[] }> {
  const created: string[] = [];
  for (const account of DEMO_ACCOUNTS) {
    const existing = await db.user.findUnique({ where: { email: account.email }, select: { id: true } });
    if (existing) continue;
    await db.user.create({
      data: { email: account.email, name: account.name, role: account.role, passwordHash: await hashPassword(account.password) },
    });
    created.push(account.email);
  }
  return { created };
}

/**
 * Makes the demo instructor an owner of every course that has no staff yet (the shipped courses on
 * a first start), so the studio and class pages of the built-in courses open for them.
 */
export async function seedDemoStaff(db: Db, options: { onlySlugs?: string[] } = {}): Promise<{ courses: number }> {
  const instructor = await db.user.findUnique({ where: { email: DEMO_INSTRUCTOR }, select: { id: true } });
  if (!instructor) return { courses: 0 };
  const unstaffed = await db.course.findMany({ where: { owners: { none: {} }, ...slugFilter(options.onlySlugs) }, select: { id: true } });
  await db.courseOwner.createMany({ data: unstaffed.map((course) => ({ courseId: course.id, userId: instructor.id, role: "OWNER" as const })), skipDuplicates: true });
  return { courses: unstaffed.length };
}

const DEMO_INSTRUCTOR = "instructor@learnloop.local";

/** Limits a seed to some courses (tests share one database). */
function slugFilter(slugs: string[] | undefined) {
  return slugs ? { slug: { in: slugs } } : {};
}

/**
 * A small demo class in each published course the demo instructor teaches, so the class view shows
 * learners at different points on a first start: how far each got (share of the course's sections
 * completed), when they enrolled, and flashcard reviews with some cards forgotten. The class members
 * have no password (nobody signs in as them) and stay off the leaderboards. A course that already
 * has them is left alone.
 */
export const DEMO_CLASS = [
  { email: "ada.park@demo.learnloop.local", name: "Ada Park", done: 1, daysAgo: 12 },
  { email: "ben.okafor@demo.learnloop.local", name: "Ben Okafor", done: 0.6, daysAgo: 9 },
  { email: "chloe.martin@demo.learnloop.local", name: "Chloé Martin", done: 0.3, daysAgo: 5 },
  { email: "dev.sharma@demo.learnloop.local", name: "Dev Sharma", done: 0.1, daysAgo: 2 },
] as const;

const DAY = 24 * 60 * 60 * 1000;

export async function seedDemoClass(db: Db, options: { onlySlugs?: string[]; now?: Date } = {}): Promise<{ enrollments: number }> {
  const now = options.now ?? new Date();
  const courses = await db.course.findMany({
    where: { status: "PUBLISHED", archivedAt: null, owners: { some: { user: { email: DEMO_INSTRUCTOR } } }, ...slugFilter(options.onlySlugs) },
    orderBy: { slug: "asc" },
    select: {
      id: true,
      lessons: {
        where: { archivedAt: null },
        orderBy: { position: "asc" },
        select: {
          id: true,
          sections: {
            where: { archivedAt: null },
            orderBy: { position: "asc" },
            select: { id: true, items: { where: { archivedAt: null, kind: { in: ["flashcard", "glossary"] } }, orderBy: { position: "asc" }, select: { id: true } } },
          },
        },
      },
    },
  });
  let enrollments = 0;
  for (const member of DEMO_CLASS) {
    const user = await db.user.upsert({
      where: { email: member.email },
      create: { email: member.email, name: member.name, role: "LEARNER", leaderboardOptOut: true },
      update: {},
      select: { id: true },
    });
    for (const course of courses) {
      if (await db.enrollment.findUnique({ where: { userId_courseId: { userId: user.id, courseId: course.id } }, select: { id: true } })) continue;
      const enrolledAt = new Date(now.getTime() - member.daysAgo * DAY);
      const sections = course.lessons.flatMap((lesson) => lesson.sections.map((section) => ({ ...section, lessonId: lesson.id })));
      const completed = Math.round(sections.length * member.done);
      const step = (now.getTime() - enrolledAt.getTime()) / Math.max(1, completed + 1);
      await db.$transaction(async (tx) => {
        await tx.enrollment.create({ data: { userId: user.id, courseId: course.id, enrolledAt } });
        await tx.sectionProgress.createMany({
          data: sections.slice(0, completed + 1).map((section, index) => {
            const at = new Date(enrolledAt.getTime() + step * (index + 1));
            const done = index < completed;
            return { userId: user.id, sectionId: section.id, lessonId: section.lessonId, courseId: course.id, percent: done ? 100 : 40, positionAt: at, completedAt: done ? at : null, createdAt: at, updatedAt: at };
          }),
          skipDuplicates: true,
        });
        // Reviews of the flashcards of the lessons reached: every third card was forgotten once.
        const items = sections.slice(0, Math.max(1, completed)).flatMap((section) => section.items).slice(0, 8);
        for (const [index, item] of items.entries()) {
          const forgot = (index + member.name.length) % 3 === 0;
          const first = new Date(enrolledAt.getTime() + DAY / 2);
          const second = new Date(first.getTime() + DAY);
          const card = await tx.card.create({
            data: {
              userId: user.id,
              contentItemId: item.id,
              courseId: course.id,
              state: forgot ? "RELEARNING" : "REVIEW",
              due: new Date(second.getTime() + (forgot ? DAY / 2 : 4 * DAY)),
              stability: forgot ? 1.2 : 6.5,
              difficulty: forgot ? 7.1 : 4.9,
              scheduledDays: forgot ? 0 : 4,
              reps: 2,
              lapses: forgot ? 1 : 0,
              lastReview: second,
              version: 2,
            },
            select: { id: true },
          });
          const review = (reviewedAt: Date, rating: number, state: "NEW" | "REVIEW", nextState: "REVIEW" | "RELEARNING", version: number) => ({
            reviewId: `demo-${card.id}-${version}`,
            userId: user.id,
            cardId: card.id,
            courseId: course.id,
            rating,
            state,
            due: reviewedAt,
            stability: state === "NEW" ? 0 : 3.2,
            difficulty: state === "NEW" ? 0 : 5.3,
            elapsedDays: state === "NEW" ? 0 : 1,
            scheduledDays: nextState === "REVIEW" ? 1 : 0,
            learningSteps: 0,
            reviewedAt,
            nextState,
            nextDue: new Date(reviewedAt.getTime() + DAY),
            before: { state },
            cardVersion: version,
          });
          await tx.reviewLog.createMany({
            data: [review(first, 3, "NEW", "REVIEW", 1), review(second, forgot ? 1 : 3, "REVIEW", forgot ? "RELEARNING" : "REVIEW", 2)],
          });
        }
      });
      enrollments++;
    }
  }
  return { enrollments };
}

export function describeDemoAccounts(): string {
  return DEMO_ACCOUNTS.map((a) => `  ${a.role.padEnd(10)} ${a.email.padEnd(28)} password: ${a.password}`).join("\n");
}

// `npm run db:seed`: seeds the database named by DATABASE_URL.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { createPrismaClient } = await import("../server/db-client");
  const db = createPrismaClient({ max: 1 });
  const { created } = await seedDemoAccounts(db);
  console.log(created.length ? `Created demo accounts:\n${describeDemoAccounts()}` : "Demo accounts already exist.");
  const staff = await seedDemoStaff(db);
  const demoClass = await seedDemoClass(db);
  console.log(`The demo instructor now owns ${staff.courses} more course(s); ${demoClass.enrollments} demo class enrollment(s) added.`);
  await db.$disconnect();
}
