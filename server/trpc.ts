import "server-only";
import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { z, ZodError } from "zod";
import { getSignedIn, getSignedInFor } from "./auth/viewer";
import type { AuthUser } from "./auth/service";
import { db } from "./db";
import type { Db } from "./db-client";
import { DomainError } from "./errors";
import { CROSS_SITE_MESSAGE, crossSite, NUL_MESSAGE, nulPath } from "./http/request-guards";

export type Context = { db: Db; viewer: AuthUser | null; headers: Headers; sessionId: string | null };

/**
 * Context for a request: the viewer comes from the session cookie and its live session, re-read
 * from the database. Inside Next (route handlers, server components) the cookie is read through
 * Next's request scope; the web server's own tRPC endpoint (`outsideNext`) hands over the
 * request's headers instead.
 */
export async function createContext(options: { headers: Headers; outsideNext?: boolean }): Promise<Context> {
  const signedIn = options.outsideNext ? await getSignedInFor(options.headers) : await getSignedIn();
  return { db, viewer: signedIn?.viewer ?? null, headers: options.headers, sessionId: signedIn?.sessionId ?? null };
}

/** Context for server-side callers and tests acting as a known user (or anonymously). */
export function createContextFor(viewer: AuthUser | null, headers: Headers = new Headers(), sessionId: string | null = null): Context {
  return { db, viewer, headers, sessionId };
}

const INTERNAL_MESSAGE = "Something went wrong on our side. Please try again; if it keeps happening, tell the site's admin.";

const t = initTRPC.context<Context>().create({
  transformer: superjson,
  sse: {
    ping: { enabled: true, intervalMs: 10_000 },
    client: { reconnectAfterInactivityMs: 15_000 },
  },
  errorFormatter({ shape, error }) {
    const zodError = error.cause instanceof ZodError ? z.flattenError(error.cause) : null;
    const internal = error.code === "INTERNAL_SERVER_ERROR";
    if (internal) console.error("[trpc] internal error:", error.cause ?? error);
    return {
      ...shape,
      message: zodError ? "Some fields need attention." : internal ? INTERNAL_MESSAGE : shape.message,
      data: { ...shape.data, stack: undefined, zodError },
    };
  },
});

// Services raise DomainErrors with user-facing sentences; here they become tRPC errors with the
// matching code, so every procedure reports them the same way.
const domainErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof DomainError) {
    throw new TRPCError({ code: result.error.cause.code, message: result.error.cause.message, cause: result.error.cause });
  }
  return result;
});

// Before any input is parsed: PostgreSQL stores no NUL character in text, so a NUL anywhere in the
// input is refused with a sentence here, once for every procedure, rather than failing a query;
// and a mutation sent by another site's page is refused.
const requestGuards = t.middleware(async ({ ctx, type, getRawInput, next }) => {
  if (type === "mutation" && crossSite(ctx.headers)) throw new TRPCError({ code: "FORBIDDEN", message: CROSS_SITE_MESSAGE });
  const where = nulPath(await getRawInput());
  if (where) throw new TRPCError({ code: "BAD_REQUEST", message: NUL_MESSAGE, cause: new Error(`NUL character in ${where}`) });
  return next();
});

export const createCallerFactory = t.createCallerFactory;
export const router = t.router;

export const publicProcedure = t.procedure.use(domainErrors).use(requestGuards);

export const learnerProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.viewer) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in to continue." });
  return next({ ctx: { ...ctx, viewer: ctx.viewer } });
});

export const instructorProcedure = learnerProcedure.use(({ ctx, next }) => {
  if (ctx.viewer.role !== "INSTRUCTOR" && ctx.viewer.role !== "ADMIN") {
    throw new TRPCError({ code: "FORBIDDEN", message: "This is for instructors only." });
  }
  return next({ ctx });
});

export const adminProcedure = learnerProcedure.use(({ ctx, next }) => {
  if (ctx.viewer.role !== "ADMIN") throw new TRPCError({ code: "FORBIDDEN", message: "This is for admins only." });
  return next({ ctx });
});
