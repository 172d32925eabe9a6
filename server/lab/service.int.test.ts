import { randomUUID } from "node:crypto";
import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { db } from "../db";
import { createCaller } from "../router";
import { createTestUser } from "../test/factories";
import { createContextFor } from "../trpc";
import type { SaveLabRunInput } from "@/lib/ml/schemas";
import { LAB_STRATEGY_XP } from "./service";

function runInput(overrides: { strategy?: SaveLabRunInput["config"]["strategy"]; stopped?: boolean; runId?: string } = {}): SaveLabRunInput {
  return {
    runId: overrides.runId ?? randomUUID(),
    presetId: "transfer-feature-extraction",
    config: {
      taskId: "fashion-5-9",
      strategy: overrides.strategy ?? "feature-extraction",
      examplesPerClass: 10,
      learningRate: 0.001,
      epochs: 2,
      batchSize: 16,
      unfreezeLastLayers: 0,
      seed: 1,
    },
    metrics: {
      history: [
        { epoch: 1, loss: 1.2, accuracy: 0.5, valLoss: 1.1, valAccuracy: 0.55, elapsedMs: 100 },
        { epoch: 2, loss: 0.8, accuracy: 0.7, valLoss: 0.9, valAccuracy: 0.65, elapsedMs: 200 },
      ],
      testAccuracy: 0.64,
      confusion: [
        [3, 1],
        [1, 3],
      ],
      classNames: ["Sandal", "Shirt"],
      trainableParams: 325,
      totalParams: 56_613,
      trainExamples: 50,
      samplesSeen: 100,
      loadMs: 40,
      stopped: overrides.stopped ?? false,
    },
    backend: "webgl",
    durationMs: 210,
  };
}

async function labXp(userId: string) {
  return db.xpEvent.findMany({ where: { userId, source: "lab-strategy" }, select: { sourceId: true, amount: true } });
}

describe("lab runs", () => {
  it("saves a run once per run id, however often the client retries", async () => {
    const learner = await createTestUser();
    const caller = createCaller(createContextFor(learner));
    const input = runInput();
    const results = await Promise.all([caller.lab.saveRun(input), caller.lab.saveRun(input), caller.lab.saveRun(input)]);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(await db.labRun.count({ where: { userId: learner.id } })).toBe(1);
    const again = await caller.lab.saveRun({ ...input, durationMs: 999 });
    expect(again.created).toBe(false);
    expect(again.run?.durationMs).toBe(210);
    expect(again.run?.metrics.history).toHaveLength(2);
  });

  it("awards XP once per strategy, for completed runs only", async () => {
    const learner = await createTestUser();
    const caller = createCaller(createContextFor(learner));
    expect((await caller.lab.saveRun(runInput({ strategy: "feature-extraction", stopped: true }))).xpAwarded).toBe(0);
    expect((await caller.lab.saveRun(runInput({ strategy: "feature-extraction" }))).xpAwarded).toBe(LAB_STRATEGY_XP);
    expect((await caller.lab.saveRun(runInput({ strategy: "feature-extraction" }))).xpAwarded).toBe(0);
    expect((await caller.lab.saveRun(runInput({ strategy: "from-scratch" }))).xpAwarded).toBe(LAB_STRATEGY_XP);
    const events = await labXp(learner.id);
    expect(events.map((e) => e.sourceId).sort()).toEqual(["feature-extraction", "from-scratch"]);
    expect(events.every((e) => e.amount === LAB_STRATEGY_XP)).toBe(true);
  });

  it("lists only the caller's own runs, newest first", async () => {
    const alice = await createTestUser();
    const bob = await createTestUser();
    const first = runInput();
    const second = runInput({ strategy: "from-scratch" });
    await createCaller(createContextFor(alice)).lab.saveRun(first);
    await createCaller(createContextFor(alice)).lab.saveRun(second);
    // Bob reusing Alice's run id stores his own run; it neither overwrites nor reveals hers.
    const bobs = await createCaller(createContextFor(bob)).lab.saveRun({ ...first, durationMs: 5 });
    expect(bobs.created).toBe(true);
    const aliceRuns = await createCaller(createContextFor(alice)).lab.listRuns({ limit: 30 });
    expect(aliceRuns.map((r) => r.runId)).toEqual([second.runId, first.runId]);
    expect(aliceRuns[1]!.durationMs).toBe(210);
    const bobRuns = await createCaller(createContextFor(bob)).lab.listRuns({ limit: 30 });
    expect(bobRuns.map((r) => r.runId)).toEqual([first.runId]);
    expect(bobRuns[0]!.durationMs).toBe(5);
  });

  it("refuses anonymous callers and invalid runs", async () => {
    const anonymous = createCaller(createContextFor(null));
    await expect(anonymous.lab.listRuns({ limit: 5 })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    const learner = await createTestUser();
    const caller = createCaller(createContextFor(learner));
    await expect(caller.lab.saveRun({ ...runInput(), runId: "x" })).rejects.toBeInstanceOf(TRPCError);
    await expect(caller.lab.saveRun({ ...runInput(), presetId: "no-such-preset" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const badConfig = runInput();
    await expect(caller.lab.saveRun({ ...badConfig, config: { ...badConfig.config, epochs: 0 } })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});
