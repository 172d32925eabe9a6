import { z } from "zod";
import { adminProcedure, router } from "../trpc";
import { listUsers, setRole } from "./service";

export const listUsersInput = z.object({
  query: z.string().trim().max(100).optional(),
  cursor: z.string().min(1).optional(),
  limit: z.number().int().min(1).max(100).default(50),
});

export const setRoleInput = z.object({
  userId: z.string().min(1),
  role: z.enum(["LEARNER", "INSTRUCTOR", "ADMIN"]),
});

export const adminRouter = router({
  listUsers: adminProcedure.input(listUsersInput).query(({ input }) => listUsers(input)),
  setRole: adminProcedure
    .input(setRoleInput)
    .mutation(({ ctx, input }) => setRole({ actorId: ctx.viewer.id, userId: input.userId, role: input.role })),
});
