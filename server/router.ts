import "server-only";
import { adminRouter } from "./admin/router";
import { catalogRouter } from "./catalog/router";
import { enrollmentRouter } from "./enrollment/router";
import { gamificationRouter } from "./gamification/router";
import { gameRouter } from "./game/router";
import { labRouter } from "./lab/router";
import { narrationRouter } from "./narration/router";
import { progressRouter } from "./progress/router";
import { reviewRouter } from "./review/router";
import { quizRouter } from "./quiz/router";
import { studioRouter } from "./studio/router";
import { systemRouter } from "./system/router";
import { trainingRouter } from "./training/router";
import { createCallerFactory, router } from "./trpc";
import { userRouter } from "./user/router";

export const appRouter = router({
  admin: adminRouter,
  catalog: catalogRouter,
  enrollment: enrollmentRouter,
  gamification: gamificationRouter,
  game: gameRouter,
  lab: labRouter,
  narration: narrationRouter,
  progress: progressRouter,
  review: reviewRouter,
  quiz: quizRouter,
  studio: studioRouter,
  system: systemRouter,
  training: trainingRouter,
  user: userRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
