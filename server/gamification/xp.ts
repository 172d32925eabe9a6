import "server-only";
import type { Prisma } from "../generated/prisma/client";
import { db } from "../db";

type XpClient = Pick<Prisma.TransactionClient, "xpEvent">;

/** All XP a learner has earned: the sum of their ledger. Activities are written by ./activity.ts. */
export async function totalXp(userId: string, client: XpClient = db): Promise<number> {
  const result = await client.xpEvent.aggregate({ where: { userId }, _sum: { amount: true } });
  return result._sum.amount ?? 0;
}
