import "server-only";
import { z } from "zod";
import type { Prisma } from "../generated/prisma/client";
import { db } from "../db";

export const awardXpInput = z.object({
  userId: z.string().min(1),
  // What earned the XP ("review", "quiz", "lesson-section" …) and which instance of it; together
  // with the user they are the idempotency key.
  source: z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, "Sources are short kebab-case names."),
  sourceId: z.string().min(1).max(200),
  amount: z.number().int().min(1).max(10_000),
});
export type AwardXpInput = z.infer<typeof awardXpInput>;

type XpClient = Pick<Prisma.TransactionClient, "xpEvent">;

/**
 * Writes one XpEvent unless the same (user, source, sourceId) was already awarded. Safe to retry
 * and to race: INSERT … ON CONFLICT DO NOTHING lets exactly one writer win. Pass a transaction
 * client to make the award part of the fact that earned it.
 */
export async function awardXp(input: AwardXpInput, client: XpClient = db): Promise<{ awarded: boolean }> {
  const data = awardXpInput.parse(input);
  const { count } = await client.xpEvent.createMany({ data: [data], skipDuplicates: true });
  return { awarded: count === 1 };
}

export async function totalXp(userId: string, client: XpClient = db): Promise<number> {
  const result = await client.xpEvent.aggregate({ where: { userId }, _sum: { amount: true } });
  return result._sum.amount ?? 0;
}
