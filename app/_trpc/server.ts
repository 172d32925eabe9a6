import "server-only";
import { headers } from "next/headers";
import { cache } from "react";
import { createCaller } from "@/server/router";
import { createContext } from "@/server/trpc";

/** Calls procedures from server components, with the same context and checks as over HTTP. */
export const getServerCaller = cache(async () => createCaller(await createContext({ headers: await headers() })));
