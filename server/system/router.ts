import { z } from "zod";
import { publicProcedure, router } from "../trpc";
import { getPublicStats } from "./service";

export const systemRouter = router({
  stats: publicProcedure.query(() => getPublicStats()),
  // Server time, pushed once per interval over SSE: a liveness probe for the subscription path
  // that training progress and live quizzes ride on.
  clock: publicProcedure
    .input(z.object({ intervalMs: z.number().int().min(100).max(60_000).default(1000), count: z.number().int().min(1).max(1000).default(60) }))
    .subscription(async function* ({ input, signal }) {
      for (let i = 0; i < input.count && !signal?.aborted; i++) {
        yield { now: new Date(), tick: i };
        await new Promise((resolve) => setTimeout(resolve, input.intervalMs));
      }
    }),
});
