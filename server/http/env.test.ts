import { describe, expect, it } from "vitest";
import { EnvError } from "../env";
import { parseServeEnv } from "./env";

describe("web server settings", () => {
  it("defaults to one process serving tRPC directly", () => {
    expect(parseServeEnv({})).toEqual({ WEB_CONCURRENCY: 1, TRPC_DIRECT: true });
    expect(parseServeEnv({ WEB_CONCURRENCY: "", TRPC_DIRECT: "" })).toEqual({ WEB_CONCURRENCY: 1, TRPC_DIRECT: true });
  });

  it("reads a process count and the route-handler fallback", () => {
    expect(parseServeEnv({ WEB_CONCURRENCY: "4", TRPC_DIRECT: "false" })).toEqual({ WEB_CONCURRENCY: 4, TRPC_DIRECT: false });
  });

  it("names the variable that is wrong", () => {
    expect(() => parseServeEnv({ WEB_CONCURRENCY: "0" })).toThrow(EnvError);
    expect(() => parseServeEnv({ WEB_CONCURRENCY: "many" })).toThrow(/WEB_CONCURRENCY/);
    expect(() => parseServeEnv({ TRPC_DIRECT: "maybe" })).toThrow(/TRPC_DIRECT/);
  });
});
