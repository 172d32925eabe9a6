import { instructorProcedure, router } from "../trpc";
import { getStudioSummary } from "./service";

export const studioRouter = router({
  summary: instructorProcedure.query(() => getStudioSummary()),
});
