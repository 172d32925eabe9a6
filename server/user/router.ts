import { changePasswordInput, profileInput } from "@/lib/auth/schemas";
import { changePassword } from "../auth/service";
import { endSessions } from "../auth/sessions";
import { learnerProcedure, router } from "../trpc";
import { getProfile, updateProfile } from "./service";

export const userRouter = router({
  me: learnerProcedure.query(({ ctx }) => getProfile({ userId: ctx.viewer.id })),
  updateProfile: learnerProcedure
    .input(profileInput)
    .mutation(({ ctx, input }) => updateProfile({ userId: ctx.viewer.id, input })),
  changePassword: learnerProcedure
    .input(changePasswordInput)
    .mutation(({ ctx, input }) => changePassword({ userId: ctx.viewer.id, sessionId: ctx.sessionId, ...input })),
  /** Ends every session of the account, this one included. */
  signOutEverywhere: learnerProcedure.mutation(async ({ ctx }) => ({ endedSessions: await endSessions({ userId: ctx.viewer.id }) })),
});
