import { z } from "zod";
import { learnerProcedure, router } from "../trpc";
import { saveLabRunInput } from "@/lib/ml/schemas";
import { listRuns, saveRun } from "./service";

const listLabRunsInput = z.object({ limit: z.number().int().min(1).max(100).default(30) });

export const labRouter = router({
  saveRun: learnerProcedure.input(saveLabRunInput).mutation(({ ctx, input }) => saveRun({ userId: ctx.viewer.id, run: input })),
  listRuns: learnerProcedure.input(listLabRunsInput).query(({ ctx, input }) => listRuns({ userId: ctx.viewer.id, limit: input.limit })),
});
