import { TRPCClientError } from "@trpc/client";
import type { AppRouter } from "@/server/router";

/** Field errors from a failed mutation, keyed by field name (zod-flattened on the server). */
export function fieldErrors(error: unknown): Record<string, string[] | undefined> {
  if (error instanceof TRPCClientError) {
    const data = (error as TRPCClientError<AppRouter>).data;
    return data?.zodError?.fieldErrors ?? {};
  }
  return {};
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : "Something went wrong. Please try again.";
}
