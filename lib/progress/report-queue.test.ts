import { describe, expect, it } from "vitest";
import { BATCH_SIZE, FIRST_RETRY_MS, MAX_RETRY_MS, ReportQueue, THROTTLE_MS, type ReportStatus } from "./report-queue";
import type { ProgressReport } from "./rules";

class Offline extends Error {}
class Refused extends Error {}

/** A fake server that keeps each section's best progress, like server/progress/service.ts. */
function harness(stored: ProgressReport[] = []) {
  const server = new Map<string, { percent: number; complete: boolean }>();
  const requests: ProgressReport[][] = [];
  const statuses: ReportStatus[] = [];
  const dropped: unknown[] = [];
  const timers: { ms: number; run: () => void; cancelled: boolean }[] = [];
  let storage: ProgressReport[] = stored;
  let failWith: Error | null = null;
  let clock = 1_000;
  let release: (() => void) | null = null;
  let hold = false;
  const queue = new ReportQueue<{ saved: number }>({
    async send(reports) {
      requests.push(reports);
      if (hold) await new Promise<void>((resolve) => (release = resolve));
      if (failWith) throw failWith;
      for (const report of reports) {
        const before = server.get(report.sectionId) ?? { percent: 0, complete: false };
        server.set(report.sectionId, { percent: Math.max(before.percent, report.percent), complete: before.complete || report.complete });
      }
      return { saved: reports.length };
    },
    isFinal: (error) => error instanceof Refused,
    onSent: () => {},
    onDropped: (error) => dropped.push(error),
    onStatus: (status) => statuses.push(status),
    store: { load: () => storage, save: (queue) => (storage = [...queue]) },
    now: () => ++clock,
    schedule: (run, ms) => {
      const timer = { ms, run, cancelled: false };
      timers.push(timer);
      return () => (timer.cancelled = true);
    },
  });
  const live = () => timers.filter((timer) => !timer.cancelled);
  return {
    queue,
    server,
    requests,
    statuses,
    dropped,
    stored: () => storage,
    live,
    fail: (error: Error | null) => (failWith = error),
    hold: () => (hold = true),
    release: () => {
      hold = false;
      release?.();
    },
    fireTimers: () => {
      const due = live();
      for (const timer of due) timer.cancelled = true;
      for (const timer of due) timer.run();
    },
  };
}

describe("progress report queue", () => {
  it("stores a report before sending it and waits the throttle for reports that are not completions", async () => {
    const h = harness();
    h.queue.report("s1", { percent: 30 });
    expect(h.stored()).toMatchObject([{ sectionId: "s1", percent: 30, complete: false }]);
    expect(h.requests).toEqual([]);
    expect(h.live().map((timer) => timer.ms)).toEqual([THROTTLE_MS]);
    h.queue.report("s2", { percent: 10 });
    expect(h.live()).toHaveLength(1);
    h.fireTimers();
    await h.queue.idle();
    expect(h.requests.map((batch) => batch.map((r) => r.sectionId))).toEqual([["s1", "s2"]]);
    expect(h.stored()).toEqual([]);
    expect(h.statuses.at(-1)).toBe("saved");
  });

  it("sends a completion at once, with the throttled reports queued beside it", async () => {
    const h = harness();
    h.queue.report("s1", { percent: 30 });
    h.queue.report("s2", { complete: true });
    await h.queue.idle();
    expect(h.requests).toHaveLength(1);
    expect(h.requests[0]!.map((r) => [r.sectionId, r.complete])).toEqual([
      ["s1", false],
      ["s2", true],
    ]);
    expect(h.live()).toEqual([]);
  });

  it("never lowers a section's percent, and keeps one report per section", () => {
    const h = harness();
    h.queue.report("s1", { percent: 60 });
    const merged = h.queue.report("s1", { percent: 20, position: { line: 3 } });
    expect(merged.percent).toBe(60);
    expect(h.queue.pending).toHaveLength(1);
    expect(h.queue.pending[0]).toMatchObject({ sectionId: "s1", percent: 60 });
  });

  it("keeps reports through failures, backing off 5 s, 10 s, 20 s … up to a minute, and sends them once back online", async () => {
    const h = harness();
    h.fail(new Offline());
    h.queue.report("s1", { complete: true });
    const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
    const delays: number[] = [];
    for (let i = 0; i < 6; i++) {
      await settle();
      delays.push(h.live().at(-1)!.ms);
      h.fireTimers();
    }
    await settle();
    expect(delays).toEqual([FIRST_RETRY_MS, 10_000, 20_000, 40_000, MAX_RETRY_MS, MAX_RETRY_MS]);
    expect(h.stored()).toMatchObject([{ sectionId: "s1", complete: true }]);
    expect(h.statuses).toContain("queued");

    h.fail(null);
    h.queue.online();
    await h.queue.idle();
    expect(h.server.get("s1")).toEqual({ percent: 0, complete: true });
    expect(h.stored()).toEqual([]);
    expect(h.statuses.at(-1)).toBe("saved");
  });

  it("drops reports the server refuses for good, and says so", async () => {
    const h = harness();
    const refusal = new Refused("You are not enrolled in this course.");
    h.fail(refusal);
    h.queue.report("gone", { complete: true });
    await h.queue.idle();
    expect(h.dropped).toEqual([refusal]);
    expect(h.stored()).toEqual([]);
    expect(h.live()).toEqual([]);
  });

  it("keeps a report made while a request is in flight and sends it right after", async () => {
    const h = harness();
    h.hold();
    h.queue.report("s1", { complete: true });
    await Promise.resolve();
    h.queue.report("s1", { percent: 100, position: { chapter: 2 } });
    h.queue.report("s2", { complete: true });
    h.release();
    await h.queue.idle();
    expect(h.requests).toHaveLength(2);
    expect(h.requests[1]!.map((r) => r.sectionId)).toEqual(["s1", "s2"]);
    expect(h.stored()).toEqual([]);
  });

  it("sends what an earlier visit left in storage, in batches", async () => {
    const left = Array.from({ length: BATCH_SIZE + 3 }, (_, i): ProgressReport => ({ sectionId: `s${i}`, percent: 50, complete: false, at: i }));
    const h = harness(left);
    h.queue.restore();
    await h.queue.idle();
    expect(h.requests.map((batch) => batch.length)).toEqual([BATCH_SIZE, 3]);
    expect(h.server.size).toBe(BATCH_SIZE + 3);
    expect(h.stored()).toEqual([]);
  });

  it("is idle at once when nothing is queued", async () => {
    const h = harness();
    await h.queue.idle();
    h.queue.restore();
    expect(h.requests).toEqual([]);
  });
});
