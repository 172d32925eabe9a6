import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseNarrationEnv } from "./env";

describe("parseNarrationEnv", () => {
  it("renders on the server by default, into the data dir's storage", () => {
    const env = parseNarrationEnv({});
    expect(env.LESSON_AUDIO).toBe("server");
    expect(env.storageDir).toBe(path.resolve(".data", "storage"));
    expect(parseNarrationEnv({ LEARNLOOP_DATA_DIR: "/srv/learnloop" }).storageDir).toBe(path.resolve("/srv/learnloop/storage"));
    expect(parseNarrationEnv({ STORAGE_DIR: "/mnt/shared", LESSON_AUDIO: "" }).storageDir).toBe(path.resolve("/mnt/shared"));
  });

  it("names the variable when its value is wrong", () => {
    expect(parseNarrationEnv({ LESSON_AUDIO: "off" }).LESSON_AUDIO).toBe("off");
    expect(() => parseNarrationEnv({ LESSON_AUDIO: "browser" })).toThrow(/^Environment variable LESSON_AUDIO /);
  });
});
