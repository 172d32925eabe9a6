"use client";

import { useMutation } from "@tanstack/react-query";
import { useId, useRef, useState, type KeyboardEvent, type ReactNode } from "react";
import type { SummaryLevel } from "@/lib/progress/rules";
import { useTRPC } from "@/app/_trpc/client";

const LEVELS = [
  { id: "basic", label: "Basic" },
  { id: "medium", label: "Medium" },
  { id: "detailed", label: "Detailed" },
] as const;

/**
 * Basic / Medium / Detailed as an ARIA tab list (arrow keys move between tabs). The choice is saved
 * for the learner on the server, so every lesson on every device opens at that depth.
 */
export function SummaryTabs({ levels, initial }: { levels: Record<SummaryLevel, ReactNode>; initial: SummaryLevel }) {
  const [active, setActive] = useState<SummaryLevel>(initial);
  const id = useId();
  const tabs = useRef<(HTMLButtonElement | null)[]>([]);
  const trpc = useTRPC();
  const remember = useMutation(trpc.progress.setSummaryLevel.mutationOptions());

  function choose(level: SummaryLevel) {
    setActive(level);
    if (level !== active) remember.mutate({ level });
  }

  function onKeyDown(event: KeyboardEvent, index: number) {
    const delta = event.key === "ArrowRight" ? 1 : event.key === "ArrowLeft" ? -1 : 0;
    if (!delta) return;
    event.preventDefault();
    const nextIndex = (index + delta + LEVELS.length) % LEVELS.length;
    choose(LEVELS[nextIndex]!.id);
    tabs.current[nextIndex]?.focus();
  }

  return (
    <div>
      <div role="tablist" aria-label="Summary depth" className="flex gap-2">
        {LEVELS.map((level, index) => (
          <button
            key={level.id}
            ref={(element) => {
              tabs.current[index] = element;
            }}
            role="tab"
            id={`${id}-tab-${level.id}`}
            aria-selected={active === level.id}
            aria-controls={`${id}-panel-${level.id}`}
            tabIndex={active === level.id ? 0 : -1}
            onClick={() => choose(level.id)}
            onKeyDown={(event) => onKeyDown(event, index)}
            className={`rounded-md px-3 py-1.5 text-sm font-medium ${active === level.id ? "bg-brand-600 text-white" : "border border-slate-300 dark:border-slate-600"}`}
          >
            {level.label}
          </button>
        ))}
      </div>
      {LEVELS.map((level) => (
        <div key={level.id} role="tabpanel" id={`${id}-panel-${level.id}`} aria-labelledby={`${id}-tab-${level.id}`} hidden={active !== level.id} className="mt-4 max-w-3xl">
          {levels[level.id]}
        </div>
      ))}
      {remember.isError ? <p role="alert" className="mt-2 text-sm text-red-700 dark:text-red-300">Your choice of depth could not be saved; it applies to this page.</p> : null}
    </div>
  );
}
