// The browser's side of "never lose progress", on the same pattern as lib/quiz/save-queue.ts: a
// lesson's progress reports wait here, one per section and merged forward-only, until the server
// has them. The queue is written to storage before anything is sent, so progress made offline,
// during a failed request or just before the tab closed goes out at the next chance: when the
// browser is back online, on a retry timer, or on the next page load. Completions are sent at once;
// other reports at most every few seconds. Reports are idempotent on the server (a section's
// progress only moves forward), so sending one twice is harmless.
import { enqueueReport, type ProgressReport, type SectionPosition } from "./rules";

export type ReportStatus = "idle" | "saving" | "saved" | "queued";

export type ReportUpdate = { percent?: number; complete?: boolean; position?: SectionPosition };

export type ReportStore = { load(): ProgressReport[]; save(queue: ProgressReport[]): void };

export type ReportQueueOptions<R> = {
  send: (reports: ProgressReport[]) => Promise<R>;
  /** True for a refusal a retry cannot fix (the section is gone, the learner left the course): those reports are dropped. */
  isFinal: (error: unknown) => boolean;
  onSent: (result: R) => void;
  onDropped: (error: unknown) => void;
  onStatus: (status: ReportStatus) => void;
  store: ReportStore;
  now?: () => number;
  schedule?: (run: () => void, ms: number) => () => void;
};

/** How long a report that is not a completion may wait for others to join it. */
export const THROTTLE_MS = 4_000;
/** The first retry waits this long; each failure doubles it, up to MAX_RETRY_MS. */
export const FIRST_RETRY_MS = 5_000;
export const MAX_RETRY_MS = 60_000;
/** At most this many reports go in one request; the rest follow. */
export const BATCH_SIZE = 50;

const defaultSchedule = (run: () => void, ms: number) => {
  const timer = setTimeout(run, ms);
  return () => clearTimeout(timer);
};

export class ReportQueue<R> {
  private queue: ProgressReport[] = [];
  private inFlight = false;
  private retryDelay = 0;
  private cancelTimer: (() => void) | null = null;
  private idleWaiters: (() => void)[] = [];

  constructor(private readonly options: ReportQueueOptions<R>) {}

  get pending(): readonly ProgressReport[] {
    return this.queue;
  }

  /** Takes in what an earlier visit could not send, and sends it. */
  restore(): void {
    for (const entry of this.options.store.load()) this.queue = enqueueReport(this.queue, entry);
    if (this.queue.length) void this.flush();
  }

  /** Queues progress in a section and returns the merged report (percent never goes down). */
  report(sectionId: string, update: ReportUpdate): ProgressReport {
    const previous = this.queue.find((entry) => entry.sectionId === sectionId);
    const entry: ProgressReport = {
      sectionId,
      percent: Math.max(update.percent ?? 0, previous?.percent ?? 0),
      complete: Boolean(update.complete),
      position: update.position,
      at: (this.options.now ?? Date.now)(),
    };
    this.queue = enqueueReport(this.queue, entry);
    this.options.store.save(this.queue);
    if (update.complete) void this.flush();
    else if (!this.cancelTimer) this.cancelTimer = (this.options.schedule ?? defaultSchedule)(() => void this.flush(), THROTTLE_MS);
    return entry;
  }

  /** The browser is back online: forget the backoff and send now. */
  online(): void {
    this.retryDelay = 0;
    void this.flush();
  }

  /** Sends what is queued now (the tab is being hidden, a section was completed). */
  async flush(): Promise<void> {
    this.clearTimer();
    if (this.inFlight) return;
    if (this.queue.length === 0) return this.settle();
    this.inFlight = true;
    const batch = this.queue.slice(0, BATCH_SIZE);
    this.options.onStatus("saving");
    try {
      const result = await this.options.send(batch);
      // Reports merged or added while this one was in flight are new objects: they stay queued.
      this.queue = this.queue.filter((entry) => !batch.includes(entry));
      this.retryDelay = 0;
      this.options.onSent(result);
      this.options.onStatus(this.queue.length ? "saving" : "saved");
    } catch (error) {
      if (this.options.isFinal(error)) {
        this.queue = this.queue.filter((entry) => !batch.includes(entry));
        this.options.onStatus("saved");
        this.options.onDropped(error);
      } else {
        this.retryDelay = Math.min(MAX_RETRY_MS, this.retryDelay ? this.retryDelay * 2 : FIRST_RETRY_MS);
        this.options.onStatus("queued");
        this.cancelTimer = (this.options.schedule ?? defaultSchedule)(() => void this.flush(), this.retryDelay);
      }
    } finally {
      this.inFlight = false;
      this.options.store.save(this.queue);
    }
    if (this.queue.length && !this.cancelTimer && this.retryDelay === 0) return this.flush();
    if (!this.cancelTimer) this.settle();
  }

  /** Resolves once nothing is queued or in flight (a waiting retry counts as queued). */
  idle(): Promise<void> {
    if (this.queue.length === 0 && !this.inFlight) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Stops the timers (the page is going away); the stored queue is kept for the next visit. */
  dispose(): void {
    this.clearTimer();
  }

  private clearTimer(): void {
    this.cancelTimer?.();
    this.cancelTimer = null;
  }

  private settle(): void {
    if (this.queue.length === 0 && !this.inFlight) for (const resolve of this.idleWaiters.splice(0)) resolve();
  }
}
