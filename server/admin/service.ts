import "server-only";
import type { Prisma } from "../generated/prisma/client";
import type { Role } from "../generated/prisma/enums";
import { db } from "../db";
import { DomainError } from "../errors";

const adminUserSelect = {
  id: true,
  email: true,
  name: true,
  role: true,
  createdAt: true,
} satisfies Prisma.UserSelect;

export async function listUsers(options: { query?: string; cursor?: string; limit: number }) {
  const where: Prisma.UserWhereInput = options.query
    ? {
        OR: [
          { email: { contains: options.query, mode: "insensitive" } },
          { name: { contains: options.query, mode: "insensitive" } },
        ],
      }
    : {};
  const rows = await db.user.findMany({
    where,
    select: adminUserSelect,
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: options.limit + 1,
    ...(options.cursor ? { cursor: { id: options.cursor }, skip: 1 } : {}),
  });
  const hasMore = rows.length > options.limit;
  const users = hasMore ? rows.slice(0, options.limit) : rows;
  return { users, nextCursor: hasMore ? users.at(-1)?.id ?? null : null };
}

/** Changes a user's role. The last admin cannot lose the role, or nobody could manage the site. */
export async function setRole(options: { actorId: string; userId: string; role: Role }) {
  return db.$transaction(
    async (tx) => {
      const target = await tx.user.findUnique({ where: { id: options.userId }, select: { id: true, role: true } });
      if (!target) throw new DomainError("NOT_FOUND", "That user does not exist.");
      if (target.role === "ADMIN" && options.role !== "ADMIN") {
        const admins = await tx.user.count({ where: { role: "ADMIN" } });
        if (admins <= 1) throw new DomainError("CONFLICT", "This is the last admin; make someone else an admin first.");
      }
      return tx.user.update({ where: { id: options.userId }, data: { role: options.role }, select: adminUserSelect });
    },
    { isolationLevel: "Serializable" },
  );
}
