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

export function describeDemoAccounts(): string {
  return DEMO_ACCOUNTS.map((a) => `  ${a.role.padEnd(10)} ${a.email.padEnd(28)} password: ${a.password}`).join("\n");
}

// `npm run db:seed`: seeds the database named by DATABASE_URL.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { createPrismaClient } = await import("../server/db-client");
  const db = createPrismaClient({ max: 1 });
  const { created } = await seedDemoAccounts(db);
  console.log(created.length ? `Created demo accounts:\n${describeDemoAccounts()}` : "Demo accounts already exist.");
  await db.$disconnect();
}
