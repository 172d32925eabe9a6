import { TRPCError } from "@trpc/server";

/** True for a NOT_FOUND raised by a procedure called through the server caller. */
export function isNotFound(error: unknown): boolean {
  return error instanceof TRPCError && error.code === "NOT_FOUND";
}
