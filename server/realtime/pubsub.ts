import pg from "pg";
import { db } from "../db";

/**
 * Cross-process notifications over PostgreSQL LISTEN/NOTIFY: a live room's answer, a training
 * run's epoch. Every web node and worker shares the database, so a message published anywhere
 * reaches subscribers on every node. Messages are small signals ("room 42 is at version 7"); the
 * subscriber re-reads the state from the database, so nothing depends on a message arriving.
 *
 * A message published inside a transaction is delivered when (and only if) it commits.
 */

const CHANNEL = /^[a-z0-9_:.-]{1,63}$/;
// PostgreSQL's limit is 8000 bytes per payload; staying well below it leaves room for the channel.
const MAX_PAYLOAD_BYTES = 7_000;

/** Sent to a subscriber after its connection was lost and restored: messages may have been missed. */
export const RESYNC = { type: "resync" } as const;
export type Message = Record<string, unknown> | typeof RESYNC;

type SqlClient = { $executeRaw: (query: TemplateStringsArray, ...values: unknown[]) => Promise<number> };

export async function publish(channel: string, payload: Record<string, unknown>, client: SqlClient = db): Promise<void> {
  const json = JSON.stringify(payload);
  assertChannel(channel);
  if (Buffer.byteLength(json) > MAX_PAYLOAD_BYTES) {
    throw new Error(`A notification on ${channel} is ${Buffer.byteLength(json)} bytes; send an id and re-read the state instead (limit ${MAX_PAYLOAD_BYTES}).`);
  }
  await client.$executeRaw`SELECT pg_notify(${channel}, ${json})`;
}

/**
 * Yields every message published on `channel` from the moment LISTEN is in place (the returned
 * promise of the first `next()` resolves only after it is) until `signal` aborts. After a lost
 * connection it yields RESYNC once the listener is back.
 */
export async function* subscribe(channel: string, signal?: AbortSignal): AsyncGenerator<Message> {
  assertChannel(channel);
  const queue: Message[] = [];
  let wake: (() => void) | null = null;
  const listener = (message: Message) => {
    queue.push(message);
    wake?.();
  };
  const onAbort = () => wake?.();
  signal?.addEventListener("abort", onAbort);
  await hub().add(channel, listener);
  try {
    while (!signal?.aborted) {
      if (queue.length === 0) {
        await new Promise<void>((resolve) => (wake = resolve));
        wake = null;
        continue;
      }
      yield queue.shift()!;
    }
  } finally {
    signal?.removeEventListener("abort", onAbort);
    await hub().remove(channel, listener);
  }
}

/** Resolves once LISTEN is active on `channel`, then calls `listener` per message; returns the unsubscribe. */
export async function listen(channel: string, listener: (message: Message) => void): Promise<() => Promise<void>> {
  assertChannel(channel);
  await hub().add(channel, listener);
  return () => hub().remove(channel, listener);
}

function assertChannel(channel: string) {
  if (!CHANNEL.test(channel)) throw new Error(`"${channel}" is not a valid channel name (a–z, 0–9, _ : . -, at most 63 characters).`);
}

type Listener = (message: Message) => void;

/** One LISTEN connection per process, shared by every subscription. */
class Hub {
  private client: pg.Client | null = null;
  private connecting: Promise<pg.Client> | null = null;
  private readonly listeners = new Map<string, Set<Listener>>();
  private retryTimer: NodeJS.Timeout | null = null;

  async add(channel: string, listener: Listener) {
    let set = this.listeners.get(channel);
    const first = !set;
    if (!set) this.listeners.set(channel, (set = new Set()));
    set.add(listener);
    if (first) {
      try {
        const client = await this.connect();
        await client.query(`LISTEN ${client.escapeIdentifier(channel)}`);
      } catch (error) {
        set.delete(listener);
        if (set.size === 0) this.listeners.delete(channel);
        throw error;
      }
    }
  }

  async remove(channel: string, listener: Listener) {
    const set = this.listeners.get(channel);
    if (!set) return;
    set.delete(listener);
    if (set.size > 0) return;
    this.listeners.delete(channel);
    const client = this.client;
    if (client) await client.query(`UNLISTEN ${client.escapeIdentifier(channel)}`).catch(() => undefined);
    if (this.listeners.size === 0) this.close();
  }

  private connect(): Promise<pg.Client> {
    if (this.client) return Promise.resolve(this.client);
    this.connecting ??= (async () => {
      const connectionString = process.env.DATABASE_URL;
      if (!connectionString) throw new Error("Environment variable DATABASE_URL is required but not set.");
      const client = new pg.Client({ connectionString, application_name: "learnloop-listen" });
      client.on("notification", (message) => {
        const set = this.listeners.get(message.channel);
        if (!set) return;
        let payload: Message;
        try {
          payload = JSON.parse(message.payload ?? "{}") as Message;
        } catch {
          return;
        }
        for (const listener of set) listener(payload);
      });
      client.on("error", () => this.lost(client));
      client.on("end", () => this.lost(client));
      await client.connect();
      this.client = client;
      return client;
    })().finally(() => (this.connecting = null));
    return this.connecting;
  }

  // The connection dropped: reconnect, LISTEN again, and tell every subscriber to re-read.
  private lost(client: pg.Client) {
    if (this.client !== client) return;
    this.client = null;
    client.removeAllListeners("end");
    void client.end().catch(() => undefined);
    this.scheduleReconnect(100);
  }

  private scheduleReconnect(delayMs: number) {
    if (this.retryTimer || this.listeners.size === 0) return;
    this.retryTimer = setTimeout(async () => {
      this.retryTimer = null;
      if (this.listeners.size === 0) return;
      try {
        const client = await this.connect();
        for (const channel of this.listeners.keys()) await client.query(`LISTEN ${client.escapeIdentifier(channel)}`);
        for (const set of this.listeners.values()) for (const listener of set) listener(RESYNC);
      } catch {
        this.client = null;
        this.scheduleReconnect(Math.min(delayMs * 2, 5_000));
      }
    }, delayMs);
    this.retryTimer.unref();
  }

  private close() {
    const client = this.client;
    this.client = null;
    if (client) {
      client.removeAllListeners("end");
      void client.end().catch(() => undefined);
    }
  }
}

const globalForHub = globalThis as unknown as { learnloopHub?: Hub };
function hub(): Hub {
  return (globalForHub.learnloopHub ??= new Hub());
}

/**
 * The usual shape of a live view: LISTEN first, then yield `read()` (the state from the database),
 * and again after every burst of messages on `channel` (a burst costs one read) or a resync.
 * `read` may keep a cursor and return only what is new; `undefined` yields nothing.
 */
export async function* watch<T>(
  channel: string,
  signal: AbortSignal | undefined,
  read: () => Promise<T | undefined>,
  options: { minIntervalMs?: number } = {},
): AsyncGenerator<T> {
  assertChannel(channel);
  let pending = true;
  let lastReadAt = 0;
  let wake: (() => void) | null = null;
  const onAbort = () => wake?.();
  signal?.addEventListener("abort", onAbort);
  const stop = await listen(channel, () => {
    pending = true;
    wake?.();
  });
  try {
    while (!signal?.aborted) {
      if (!pending) {
        await new Promise<void>((resolve) => (wake = resolve));
        wake = null;
        continue;
      }
      // A busy channel (a room's answers) re-reads at most once per `minIntervalMs`: the messages
      // of the pause fold into the next read.
      if (options.minIntervalMs && lastReadAt) {
        const wait = lastReadAt + options.minIntervalMs - Date.now();
        if (wait > 0) await new Promise<void>((resolve) => setTimeout(resolve, wait));
        if (signal?.aborted) break;
      }
      pending = false;
      lastReadAt = Date.now();
      const state = await read();
      if (state !== undefined && !signal?.aborted) yield state;
    }
  } finally {
    signal?.removeEventListener("abort", onAbort);
    await stop();
  }
}

/**
 * Many subscribers of one channel on this node, one read for all of them: the first subscriber
 * LISTENs and reads; every burst of messages (or a resync) costs ONE `read()` whose result is pushed
 * to every subscriber, each of which turns it into its own view with `project`. With 200 players
 * in a room that is one query per change per node instead of 200.
 *
 * `project` may return STALE when the shared state predates something its subscriber needs (a
 * player who joined after the last read) and is not `fresh`: the feed then reads again once, for
 * everyone.
 */
export const STALE = Symbol("stale");

type FeedSubscriber<S> = { deliver: (value: { state: S; seq: number } | { error: unknown }) => void };

class SharedFeed<S> {
  private readonly subscribers = new Set<FeedSubscriber<S>>();
  private latest: { state: S; seq: number } | null = null;
  private reading = false;
  private dirty = true;
  private seq = 0;
  private stop: Promise<() => Promise<void>> | null = null;

  constructor(
    private readonly channel: string,
    private readonly read: () => Promise<S>,
    private readonly onEmpty: () => void,
  ) {}

  /** The number of the next read to start: a state with at least this seq was read after now. */
  get nextSeq() {
    return this.seq + 1;
  }

  async add(subscriber: FeedSubscriber<S>) {
    this.subscribers.add(subscriber);
    this.stop ??= listen(this.channel, () => this.invalidate());
    try {
      await this.stop;
    } catch (error) {
      this.subscribers.delete(subscriber);
      this.stop = null;
      if (this.subscribers.size === 0) this.onEmpty();
      throw error;
    }
    if (this.latest && !this.dirty) subscriber.deliver(this.latest);
    else this.refresh();
  }

  async remove(subscriber: FeedSubscriber<S>) {
    this.subscribers.delete(subscriber);
    if (this.subscribers.size > 0) return;
    this.onEmpty();
    const stop = this.stop;
    this.stop = null;
    if (stop) await (await stop.catch(() => async () => undefined))();
  }

  invalidate() {
    this.dirty = true;
    this.refresh();
  }

  private refresh() {
    if (this.reading || !this.dirty) return;
    this.reading = true;
    this.dirty = false;
    const seq = ++this.seq;
    void this.read()
      .then(
        (state) => {
          this.latest = { state, seq };
          for (const subscriber of this.subscribers) subscriber.deliver(this.latest);
        },
        (error: unknown) => {
          for (const subscriber of this.subscribers) subscriber.deliver({ error });
        },
      )
      .finally(() => {
        this.reading = false;
        this.refresh();
      });
  }
}

const globalForFeeds = globalThis as unknown as { learnloopFeeds?: Map<string, SharedFeed<unknown>> };
const feeds = (globalForFeeds.learnloopFeeds ??= new Map());

/**
 * Yields `project(state)` for the shared state of `channel` now and after every change, until
 * `signal` aborts. Only the newest state is kept for a slow subscriber: each is a whole view.
 */
export async function* watchShared<S, T>(
  channel: string,
  signal: AbortSignal | undefined,
  read: () => Promise<S>,
  project: (state: S, fresh: boolean) => T | typeof STALE,
): AsyncGenerator<T> {
  assertChannel(channel);
  let feed = feeds.get(channel) as SharedFeed<S> | undefined;
  if (!feed) {
    const created: SharedFeed<S> = new SharedFeed<S>(channel, read, () => {
      if (feeds.get(channel) === created) feeds.delete(channel);
    });
    feeds.set(channel, created as SharedFeed<unknown>);
    feed = created;
  }
  const since = feed.nextSeq;
  // Only the newest delivery is kept (a box, so the closure's writes stay visible to the loop's types).
  const inbox: { value: { state: S; seq: number } | { error: unknown } | null } = { value: null };
  let wake: (() => void) | null = null;
  const subscriber: FeedSubscriber<S> = {
    deliver: (value) => {
      inbox.value = value;
      wake?.();
    },
  };
  const onAbort = () => wake?.();
  signal?.addEventListener("abort", onAbort);
  await feed.add(subscriber);
  // The first read this subscriber may treat as final; moves on when it asks for a fresh one.
  let need = since;
  let asked = false;
  try {
    while (!signal?.aborted) {
      const value = inbox.value;
      if (!value) {
        await new Promise<void>((resolve) => (wake = resolve));
        wake = null;
        continue;
      }
      inbox.value = null;
      if ("error" in value) throw value.error;
      const fresh = value.seq >= need;
      const view = project(value.state, fresh);
      if (view === STALE) {
        if (fresh) throw new Error(`The shared state of ${channel} has no view for this subscriber.`);
        if (!asked) {
          asked = true;
          need = feed.nextSeq;
          feed.invalidate();
        }
        continue;
      }
      if (!signal?.aborted) yield view;
    }
  } finally {
    signal?.removeEventListener("abort", onAbort);
    await feed.remove(subscriber);
  }
}
