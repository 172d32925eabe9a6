"use client";

import { useEffect, useState } from "react";

/**
 * A display of the server's countdown: `deadline` is the server's time, `offsetMs` the server's
 * clock minus this browser's, so a wrong device clock does not change what is shown. The server
 * alone decides whether an answer was in time.
 */
export function Countdown({ deadline, limitMs, offsetMs, onExpire }: { deadline: number; limitMs: number; offsetMs: number; onExpire?: () => void }) {
  const remaining = useRemaining(deadline, offsetMs);
  const seconds = Math.ceil(remaining / 1000);
  // Announced to screen readers only as it changes: at 10 s, 5 s and the end.
  const announced = seconds <= 0 ? "Time is up" : seconds <= 5 ? "5 seconds left" : seconds <= 10 ? "10 seconds left" : "";
  const expired = remaining <= 0;
  useEffect(() => {
    if (expired) onExpire?.();
  }, [expired]); // eslint-disable-line react-hooks/exhaustive-deps
  const share = Math.max(0, Math.min(1, remaining / limitMs));
  return (
    <div className="space-y-1">
      <div className="flex items-baseline justify-between text-sm">
        <span>Time left</span>
        <span role="timer" aria-label="Time left" className="font-mono text-lg font-semibold tabular-nums" data-testid="countdown">
          {seconds} s
        </span>
      </div>
      <div className="h-2 w-full overflow-hidden rounded bg-slate-200 dark:bg-slate-800" aria-hidden="true">
        <div className={`h-full ${share > 0.25 ? "bg-brand-600" : "bg-red-600"}`} style={{ width: `${share * 100}%` }} />
      </div>
      <p aria-live="assertive" className="sr-only">
        {announced}
      </p>
    </div>
  );
}

function useRemaining(deadline: number, offsetMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 200);
    return () => clearInterval(timer);
  }, []);
  return Math.max(0, deadline - (now + offsetMs));
}
