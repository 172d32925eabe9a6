import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { envSchema } from "../../server/env";
import { CONFIGURATION_DOC, renderSettings, withSettings } from "./configuration";

describe("docs/configuration.md", () => {
  it("lists every setting the env schemas accept, as the generator writes them (run `npm run docs:config`)", () => {
    const doc = readFileSync(CONFIGURATION_DOC, "utf8");
    expect(withSettings(doc)).toBe(doc);
  });

  it("names each variable with its default", () => {
    const table = renderSettings();
    for (const name of Object.keys(envSchema.shape)) expect(table).toContain(`| \`${name}\` |`);
    expect(table).toContain("| `AUTH_RATE_LIMIT_IP` | `30` |");
    expect(table).toContain("| `DATABASE_URL` | required |");
    expect(table).toContain("| `TRAINING_MAX_ATTEMPTS` | `3` |");
    expect(table).toContain("| `WORKER_AUTOSTART` | `true` |");
  });
});
