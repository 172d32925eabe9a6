// The browser's side of "never lose an answer": answers wait here until the server has them. One
// save is in flight at a time, so sequence numbers reach the server in order; a newer answer to the
// same question replaces the waiting one; a save that failed for want of a connection is retried
// with its SAME sequence number (if the server had applied it and only the reply was lost, the
// retry is answered with the current state, never applied twice), with growing pauses, and at once
// when the browser is back online.

export type SaveStatus = "idle" | "saving" | "saved" | "retrying" | "error";

export type SaveRequest<A> = { questionId: string; sequence: number; answer: A };
export type SaveOutcome = { sequence: number };

type Entry<A> = { answer: A; sequence: number | null };

export type SaveQueueOptions<A, R extends SaveOutcome> = {
  send: (request: SaveRequest<A>) => Promise<R>;
  /** True when a failure may pass (no connection, server busy): the save is kept and retried. */
  isRetryable: (error: unknown) => boolean;
  onSaved: (result: R) => void;
  onStatus: (status: SaveStatus, detail: { pending: number; error?: unknown }) => void;
  initialSequence: number;
  schedule?: (run: () => void, ms: number) => () => void;
};

const RETRY_MS = [500, 1_000, 2_000, 4_000, 8_000];

export class SaveQueue<A, R extends SaveOutcome> {
  private readonly waiting = new Map<string, Entry<A>>();
  private sequence: number;
  private inFlight = false;
  private failures = 0;
  private cancelRetry: (() => void) | null = null;
  private idleWaiters: (() => void)[] = [];

  constructor(private readonly options: SaveQueueOptions<A, R>) {
    this.sequence = options.initialSequence;
  }

  get pending(): number {
    return this.waiting.size;
  }

  enqueue(questionId: string, answer: A): void {
    this.waiting.set(questionId, { answer, sequence: null });
    this.pump();
  }

  /** A sequence number for another action on the attempt (opening the next question); call when idle. */
  claimSequence(): number {
    return ++this.sequence;
  }

  /** Takes note of the attempt's sequence as the server reported it (after a reload or another action). */
  observe(sequence: number): void {
    this.sequence = Math.max(this.sequence, sequence);
  }

  /** Retry now (the browser reports it is back online). */
  retryNow(): void {
    this.cancelRetry?.();
    this.cancelRetry = null;
    this.pump();
  }

  /** Resolves once every waiting answer is saved or has failed for good. */
  idle(): Promise<void> {
    if (this.waiting.size === 0 && !this.inFlight) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private pump(): void {
    if (this.inFlight || this.cancelRetry) return;
    const next = this.waiting.entries().next();
    if (next.done) {
      for (const resolve of this.idleWaiters.splice(0)) resolve();
      return;
    }
    const [questionId, entry] = next.value;
    entry.sequence ??= ++this.sequence;
    this.inFlight = true;
    this.options.onStatus(this.failures ? "retrying" : "saving", { pending: this.waiting.size });
    this.options
      .send({ questionId, sequence: entry.sequence, answer: entry.answer })
      .then(
        (result) => {
          this.failures = 0;
          if (this.waiting.get(questionId) === entry) this.waiting.delete(questionId);
          this.sequence = Math.max(this.sequence, result.sequence);
          this.options.onSaved(result);
          if (this.waiting.size === 0) this.options.onStatus("saved", { pending: 0 });
        },
        (error: unknown) => {
          if (this.options.isRetryable(error)) {
            const delay = RETRY_MS[Math.min(this.failures, RETRY_MS.length - 1)]!;
            this.failures++;
            this.options.onStatus("retrying", { pending: this.waiting.size, error });
            const schedule = this.options.schedule ?? ((run, ms) => {
              const timer = setTimeout(run, ms);
              return () => clearTimeout(timer);
            });
            this.cancelRetry = schedule(() => {
              this.cancelRetry = null;
              this.pump();
            }, delay);
            return;
          }
          if (this.waiting.get(questionId) === entry) this.waiting.delete(questionId);
          this.options.onStatus("error", { pending: this.waiting.size, error });
        },
      )
      .finally(() => {
        this.inFlight = false;
        this.pump();
      });
  }
}
