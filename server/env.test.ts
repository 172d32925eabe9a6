import { describe, expect, it } from "vitest";
import { checkOAuthPairs, EnvError, parseEnv } from "./env";

const base = { DATABASE_URL: "postgresql://u:p@127.0.0.1:5432/db", AUTH_SECRET: "x".repeat(32) };

describe("parseEnv", () => {
  it("accepts a minimal environment and fills defaults", () => {
    const env = parseEnv(base);
    expect(env.SEED_DEMO).toBe(true);
    expect(env.AUTH_RATE_LIMIT_ACCOUNT).toBe(50);
  });

  it("names a missing variable in a sentence", () => {
    expect(() => parseEnv({ AUTH_SECRET: base.AUTH_SECRET })).toThrow(
      "Environment variable DATABASE_URL is required but not set.",
    );
  });

  it("names a malformed variable and says what is wrong", () => {
    expect(() => parseEnv({ ...base, DATABASE_URL: "mysql://x" })).toThrow(
      /DATABASE_URL must be a postgresql:\/\/ connection URL/,
    );
    expect(() => parseEnv({ ...base, AUTH_SECRET: "short" })).toThrow(/AUTH_SECRET must be at least 32 characters/);
    expect(() => parseEnv({ ...base, SEED_DEMO: "maybe" })).toThrow(/SEED_DEMO/);
  });

  it("reads SEED_DEMO=false as off", () => {
    expect(parseEnv({ ...base, SEED_DEMO: "false" }).SEED_DEMO).toBe(false);
  });

  it("refuses half an OAuth pair", () => {
    const env = parseEnv({ ...base, AUTH_GITHUB_ID: "id" });
    expect(() => checkOAuthPairs(env)).toThrow(EnvError);
    expect(() => checkOAuthPairs(parseEnv({ ...base, AUTH_GITHUB_ID: "id", AUTH_GITHUB_SECRET: "s" }))).not.toThrow();
  });

  it("reads TRUST_PROXY as a hop count or a list of proxies, and names what is wrong", () => {
    expect(parseEnv(base).TRUST_PROXY).toEqual({ hops: 0, proxies: [] });
    expect(parseEnv({ ...base, TRUST_PROXY: "2" }).TRUST_PROXY).toEqual({ hops: 2, proxies: [] });
    expect(parseEnv({ ...base, TRUST_PROXY: "10.0.0.1, 172.16.0.0/12,::1" }).TRUST_PROXY).toEqual({ hops: 0, proxies: ["10.0.0.1", "172.16.0.0/12", "::1"] });
    expect(() => parseEnv({ ...base, TRUST_PROXY: "true" })).toThrow(/TRUST_PROXY must be a number of trusted proxy hops .*\("true" is neither\)/);
    expect(() => parseEnv({ ...base, TRUST_PROXY: "10.0.0.0/33" })).toThrow(/TRUST_PROXY/);
  });
});
