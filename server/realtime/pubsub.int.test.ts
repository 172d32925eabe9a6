import { describe, expect, it } from "vitest";
import { db } from "../db";
import { type Message, RESYNC, STALE, listen, publish, subscribe, watch, watchShared } from "./pubsub";

function collector() {
  const messages: Message[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  return {
    messages,
    push(message: Message) {
      messages.push(message);
      for (const waiter of waiters.filter((w) => messages.length >= w.count)) waiter.resolve();
    },
    until(count: number) {
      if (messages.length >= count) return Promise.resolve();
      return new Promise<void>((resolve) => waiters.push({ count, resolve }));
    },
  };
}

const channel = (name: string) => `test:${name}:${Math.random().toString(36).slice(2, 10)}`;

describe("publish / listen", () => {
  it("delivers to every listener of the channel, in order, and nothing from other channels", async () => {
    const name = channel("order");
    const a = collector();
    const b = collector();
    const stopA = await listen(name, a.push);
    const stopB = await listen(name, b.push);
    await publish(channel("other"), { n: -1 });
    for (let n = 0; n < 5; n++) await publish(name, { n });
    await Promise.all([a.until(5), b.until(5)]);
    expect(a.messages).toEqual([0, 1, 2, 3, 4].map((n) => ({ n })));
    expect(b.messages).toEqual(a.messages);
    await stopA();
    await stopB();
  });

  it("delivers a message published in a transaction only when it commits", async () => {
    const name = channel("tx");
    const got = collector();
    const stop = await listen(name, got.push);
    await expect(
      db.$transaction(async (tx) => {
        await publish(name, { committed: false }, tx);
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    await db.$transaction(async (tx) => publish(name, { committed: true }, tx));
    await got.until(1);
    // A marker after the commit proves the rolled-back message is not merely late.
    await publish(name, { marker: true });
    await got.until(2);
    expect(got.messages).toEqual([{ committed: true }, { marker: true }]);
    await stop();
  });

  it("stops delivering after unsubscribe and rejects bad channels and oversized payloads", async () => {
    const name = channel("stop");
    const got = collector();
    const stop = await listen(name, got.push);
    await stop();
    const other = collector();
    const stopOther = await listen(name, other.push);
    await publish(name, { after: true });
    await other.until(1);
    expect(got.messages).toEqual([]);
    await stopOther();
    await expect(publish("Bad Channel!", {})).rejects.toThrow(/not a valid channel/);
    await expect(publish(name, { blob: "x".repeat(8_000) })).rejects.toThrow(/re-read the state/);
  });

  it("reconnects after the listening connection is killed and tells subscribers to resync", async () => {
    const name = channel("resync");
    const got = collector();
    const stop = await listen(name, got.push);
    await db.$executeRaw`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'learnloop-listen'`;
    await got.until(1);
    expect(got.messages[0]).toEqual(RESYNC);
    await publish(name, { after: "reconnect" });
    await got.until(2);
    expect(got.messages[1]).toEqual({ after: "reconnect" });
    await stop();
  });
});

describe("subscribe", () => {
  it("yields published messages until the signal aborts", async () => {
    const name = channel("iter");
    const controller = new AbortController();
    const iterator = subscribe(name, controller.signal);
    const first = iterator.next();
    // LISTEN is in place once the generator has started; publish until the first arrives.
    let received: IteratorResult<Message> | undefined;
    for (let i = 0; i < 50 && !received; i++) {
      await publish(name, { i: 0 });
      received = await Promise.race([first, new Promise<undefined>((r) => setTimeout(() => r(undefined), 50))]);
    }
    expect(received?.value).toEqual({ i: 0 });
    controller.abort();
    const end = await iterator.next();
    expect(end.done).toBe(true);
  });
});

describe("watch", () => {
  it("yields the state first, then re-reads after messages, coalescing a burst", async () => {
    const name = channel("watch");
    const controller = new AbortController();
    let version = 0;
    let reads = 0;
    const iterator = watch(name, controller.signal, async () => {
      reads++;
      return version;
    });
    expect((await iterator.next()).value).toBe(0);
    version = 3;
    for (let i = 0; i < 3; i++) await publish(name, { version: i + 1 });
    // Let all three notifications arrive before reading again.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await iterator.next()).value).toBe(3);
    expect(reads).toBe(2);
    controller.abort();
    await iterator.return(undefined);
  });
});

describe("watchShared", () => {
  it("reads once per change for all subscribers of a node, each seeing its own projection", async () => {
    const name = channel("shared");
    let reads = 0;
    let version = 0;
    const read = async () => ({ version, reads: ++reads });
    const controller = new AbortController();
    const streams = ["a", "b", "c"].map((who) => watchShared(name, controller.signal, read, (state) => `${who}@${state.version}`));
    const first = await Promise.all(streams.map((s) => s.next()));
    expect(first.map((step) => step.value)).toEqual(["a@0", "b@0", "c@0"]);
    // The three shared the first read or its result: at most one read per subscriber joining before it.
    const before = reads;
    version = 1;
    await publish(name, { v: 1 });
    const second = await Promise.all(streams.map((s) => s.next()));
    expect(second.map((step) => step.value)).toEqual(["a@1", "b@1", "c@1"]);
    expect(reads - before).toBe(1);
    controller.abort();
    await Promise.all(streams.map((s) => s.return(undefined)));
  });

  it("reads again once for a subscriber the shared state does not know yet, and passes read errors on", async () => {
    const name = channel("stale");
    const members = new Set(["old"]);
    let reads = 0;
    let failing = false;
    const read = async () => {
      reads++;
      if (failing) throw new Error("database gone");
      return new Set(members);
    };
    const controller = new AbortController();
    const project = (who: string) => (state: Set<string>, fresh: boolean) => (state.has(who) ? `${who} in` : fresh ? `${who} unknown` : STALE);
    const old = watchShared(name, controller.signal, read, project("old"));
    expect((await old.next()).value).toBe("old in");
    members.add("new");
    const late = watchShared(name, controller.signal, read, project("new"));
    expect((await late.next()).value).toBe("new in");
    const stranger = watchShared(name, controller.signal, read, project("nobody"));
    expect((await stranger.next()).value).toBe("nobody unknown");
    expect(reads).toBe(3);
    failing = true;
    await publish(name, { v: 2 });
    // "old" may first get the state the others' re-reads pushed to everyone; then the error.
    const outcome = async () => {
      for (let i = 0; i < 3; i++) await old.next();
      return "no error";
    };
    await expect(outcome()).rejects.toThrow("database gone");
    controller.abort();
    await Promise.all([late.return(undefined), stranger.return(undefined)]);
  });
});
