import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/router";

export type RouterOutputs = inferRouterOutputs<AppRouter>;
