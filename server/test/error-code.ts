import { TRPCError } from "@trpc/server";
import { DomainError } from "../errors";

/** The error code a call fails with ("FORBIDDEN", "NOT_FOUND" …), or "OK" when it succeeds. */
export async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TRPCError || error instanceof DomainError) return error.code;
    throw error;
  }
  return "OK";
}
