import { tracked } from "@trpc/server";
import { z } from "zod";
import { trainingRunRequest } from "@/lib/ml/run-kinds";
import { learnerProcedure, router } from "../trpc";
import { cancelRun, getRun, listRuns, readArtifact, startRun, watchProgress } from "./service";

const runId = z.string().regex(/^[a-z0-9]{8,40}$/, "That is not a training run id.");

export const trainingRunIdInput = z.object({ runId });
export const listTrainingRunsInput = z.object({ scope: z.enum(["mine", "all"]).default("mine"), limit: z.number().int().min(1).max(100).default(30) });
export const trainingProgressInput = z.object({ runId, lastEventId: z.string().regex(/^\d+$/).nullish() });

export const trainingRouter = router({
  start: learnerProcedure.input(trainingRunRequest).mutation(({ ctx, input }) => startRun({ userId: ctx.viewer.id, request: input })),
  get: learnerProcedure.input(trainingRunIdInput).query(({ ctx, input }) => getRun({ viewer: ctx.viewer, runId: input.runId })),
  list: learnerProcedure.input(listTrainingRunsInput).query(({ ctx, input }) => listRuns({ viewer: ctx.viewer, scope: input.scope, limit: input.limit })),
  cancel: learnerProcedure.input(trainingRunIdInput).mutation(({ ctx, input }) => cancelRun({ viewer: ctx.viewer, runId: input.runId })),
  artifact: learnerProcedure.input(trainingRunIdInput).query(({ ctx, input }) => readArtifact({ viewer: ctx.viewer, runId: input.runId })),
  // SSE: the history so far, then live epochs. Events carry the last epoch's step as their id, so a
  // client that reconnects (lastEventId) receives only what it missed.
  onProgress: learnerProcedure.input(trainingProgressInput).subscription(async function* ({ ctx, input, signal }) {
    let step = Number(input.lastEventId ?? 0);
    for await (const event of watchProgress({ viewer: ctx.viewer, runId: input.runId, afterStep: step, signal })) {
      if (event.type === "epoch") step = event.step;
      yield tracked(String(step), event);
    }
  }),
});
