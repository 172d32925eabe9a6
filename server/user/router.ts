import { profileInput } from "@/lib/auth/schemas";
import { learnerProcedure, router } from "../trpc";
import { getProfile, updateProfile } from "./service";

export const userRouter = router({
  me: learnerProcedure.query(({ ctx }) => getProfile({ userId: ctx.viewer.id })),
  updateProfile: learnerProcedure
    .input(profileInput)
    .mutation(({ ctx, input }) => updateProfile({ userId: ctx.viewer.id, input })),
});
