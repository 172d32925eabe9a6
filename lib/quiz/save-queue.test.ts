import { describe, expect, it } from "vitest";
import { SaveQueue, type SaveRequest, type SaveStatus } from "./save-queue";

class Offline extends Error {}

/** A fake server that applies each sequence number once, like server/quiz/service.ts. */
function harness(initialSequence = 0) {
  const applied: SaveRequest<string>[] = [];
  const sent: number[] = [];
  const statuses: SaveStatus[] = [];
  let lastApplied = initialSequence;
  let offline = false;
  let loseReplies = 0;
  const timers: (() => void)[] = [];
  const queue = new SaveQueue<string, { sequence: number }>({
    initialSequence,
    async send(request) {
      sent.push(request.sequence);
      if (offline) throw new Offline();
      if (request.sequence > lastApplied) {
        lastApplied = request.sequence;
        applied.push(request);
      }
      if (loseReplies > 0) {
        loseReplies--;
        throw new Offline();
      }
      return { sequence: lastApplied };
    },
    isRetryable: (error) => error instanceof Offline,
    onSaved: () => {},
    onStatus: (status) => statuses.push(status),
    schedule: (run) => {
      timers.push(run);
      return () => {};
    },
  });
  return {
    queue,
    applied,
    sent,
    statuses,
    setOffline: (value: boolean) => (offline = value),
    loseNextReply: () => loseReplies++,
    fireTimers: () => timers.splice(0).forEach((run) => run()),
  };
}

describe("save queue", () => {
  it("sends one save at a time, in order, continuing the attempt's sequence", async () => {
    const h = harness(7);
    h.queue.enqueue("q1", "a");
    h.queue.enqueue("q2", "b");
    await h.queue.idle();
    expect(h.applied).toEqual([
      { questionId: "q1", sequence: 8, answer: "a" },
      { questionId: "q2", sequence: 9, answer: "b" },
    ]);
    expect(h.statuses.at(-1)).toBe("saved");
  });

  it("replaces a waiting answer with a newer one to the same question", async () => {
    const h = harness();
    h.queue.enqueue("q1", "first");
    h.queue.enqueue("q2", "x");
    h.queue.enqueue("q2", "y");
    await h.queue.idle();
    expect(h.applied.map((r) => `${r.questionId}=${r.answer}`)).toEqual(["q1=first", "q2=y"]);
  });

  it("keeps answers while offline and retries them with the same sequence number", async () => {
    const h = harness();
    h.setOffline(true);
    h.queue.enqueue("q1", "a");
    await Promise.resolve();
    await new Promise((r) => setTimeout(r, 0));
    expect(h.statuses).toContain("retrying");
    h.setOffline(false);
    h.fireTimers();
    await h.queue.idle();
    expect(h.sent).toEqual([1, 1]);
    expect(h.applied).toHaveLength(1);
  });

  it("never applies twice when the reply of an applied save is lost", async () => {
    const h = harness();
    h.loseNextReply();
    h.queue.enqueue("q1", "a");
    await new Promise((r) => setTimeout(r, 0));
    h.fireTimers();
    await h.queue.idle();
    expect(h.sent).toEqual([1, 1]);
    expect(h.applied).toEqual([{ questionId: "q1", sequence: 1, answer: "a" }]);
    h.queue.enqueue("q2", "b");
    await h.queue.idle();
    expect(h.applied.at(-1)).toEqual({ questionId: "q2", sequence: 2, answer: "b" });
  });
});
