"use client";

import { TRPCClientError } from "@trpc/client";
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { enqueueReport, type ProgressReport, type SectionPosition } from "@/lib/progress/rules";
import type { AppRouter } from "@/server/router";
import { useTRPCClient } from "../../../../../_trpc/client";

export type SectionProgressState = { percent: number; completed: boolean; position: SectionPosition | null };
type SaveStatus = "idle" | "saving" | "saved" | "queued";

type ProgressContextValue = {
  enrolled: boolean;
  states: Record<string, SectionProgressState>;
  status: SaveStatus;
  announcement: string;
  /** Records progress in a section. Completions are sent at once; the rest at most every few seconds. */
  report: (sectionId: string, update: { percent?: number; complete?: boolean; position?: SectionPosition }) => void;
  /** Whether the learner has started moving around the page (scrolling, keys): read-tracking waits for it. */
  engaged: boolean;
};

const ProgressContext = createContext<ProgressContextValue | null>(null);

export function useLessonProgress(): ProgressContextValue {
  const value = useContext(ProgressContext);
  if (!value) throw new Error("useLessonProgress needs a LessonProgressProvider");
  return value;
}

const THROTTLE_MS = 4_000;
const SCROLL_KEYS = new Set(["ArrowDown", "ArrowUp", "PageDown", "PageUp", "Home", "End", " "]);
const MAX_RETRY_MS = 60_000;
// Refusals that a retry cannot fix (the section is gone, the learner left the course): drop them.
const FINAL_CODES = new Set(["BAD_REQUEST", "FORBIDDEN", "NOT_FOUND"]);

function storageKey(userId: string) {
  return `learnloop:progress-queue:${userId}`;
}

function readQueue(userId: string): ProgressReport[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(storageKey(userId)) ?? "[]");
    return Array.isArray(parsed) ? (parsed as ProgressReport[]).filter((entry) => typeof entry?.sectionId === "string" && typeof entry.at === "number") : [];
  } catch {
    return [];
  }
}

function writeQueue(userId: string, queue: ProgressReport[]) {
  try {
    if (queue.length) localStorage.setItem(storageKey(userId), JSON.stringify(queue));
    else localStorage.removeItem(storageKey(userId));
  } catch {
    // Storage full or disabled: the in-memory queue still retries while the page is open.
  }
}

/**
 * Keeps the learner's progress in a lesson and saves it to the server as it happens. Every report
 * goes into a queue kept in localStorage (one entry per section, merged forward-only) before it is
 * sent, so progress made offline, during a failed request or just before the tab closed is sent on
 * the next chance: when the browser is back online, on a retry timer, or on the next page load.
 */
export function LessonProgressProvider({
  userId,
  enrolled,
  initial,
  resumeSectionId,
  children,
}: {
  userId: string;
  enrolled: boolean;
  initial: Record<string, SectionProgressState>;
  resumeSectionId: string | null;
  children: ReactNode;
}) {
  const client = useTRPCClient();
  const [states, setStates] = useState(initial);
  const [status, setStatus] = useState<SaveStatus>("idle");
  const [announcement, setAnnouncement] = useState("");
  const [engaged, setEngaged] = useState(false);
  const queue = useRef<ProgressReport[]>([]);
  const inFlight = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const retryDelay = useRef(0);
  // flush schedules itself (retries, follow-ups): through this ref, so it always calls its latest self.
  const flushRef = useRef<() => Promise<void>>(async () => {});

  const flush = useCallback(async () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    if (inFlight.current || queue.current.length === 0) return;
    inFlight.current = true;
    const sending = queue.current;
    setStatus("saving");
    try {
      const result = await client.progress.save.mutate({ reports: sending.slice(0, 50) });
      // Reports added while this one was in flight stay queued; sent ones leave the queue.
      queue.current = queue.current.filter((entry) => !sending.slice(0, 50).includes(entry));
      retryDelay.current = 0;
      setStates((current) => {
        const next = { ...current };
        for (const section of result.sections) next[section.sectionId] = { percent: section.percent, completed: section.completed, position: next[section.sectionId]?.position ?? section.position };
        return next;
      });
      if (result.xp > 0) {
        setAnnouncement(
          result.courseCompleted ? `Course complete! +${result.xp} XP` : result.lessonCompleted ? `Lesson complete! +${result.xp} XP` : `Section done. +${result.xp} XP`,
        );
      }
      setStatus(queue.current.length ? "saving" : "saved");
    } catch (error) {
      const code = error instanceof TRPCClientError ? (error as TRPCClientError<AppRouter>).data?.code : undefined;
      if (code && FINAL_CODES.has(code)) {
        queue.current = queue.current.filter((entry) => !sending.includes(entry));
        setStatus("saved");
        setAnnouncement(error instanceof Error ? error.message : "");
      } else {
        retryDelay.current = Math.min(MAX_RETRY_MS, retryDelay.current ? retryDelay.current * 2 : 5_000);
        setStatus("queued");
        timer.current = setTimeout(() => void flushRef.current(), retryDelay.current);
      }
    } finally {
      inFlight.current = false;
      writeQueue(userId, queue.current);
    }
    if (queue.current.length && !timer.current && retryDelay.current === 0) void flushRef.current();
  }, [client, userId]);

  useEffect(() => {
    flushRef.current = flush;
  }, [flush]);

  const report = useCallback<ProgressContextValue["report"]>(
    (sectionId, update) => {
      if (!enrolled) return;
      const previous = queue.current.find((entry) => entry.sectionId === sectionId);
      const entry: ProgressReport = {
        sectionId,
        percent: Math.max(update.percent ?? 0, previous?.percent ?? 0),
        complete: Boolean(update.complete),
        position: update.position,
        at: Date.now(),
      };
      queue.current = enqueueReport(queue.current, entry);
      writeQueue(userId, queue.current);
      setStates((current) => {
        const state = current[sectionId] ?? { percent: 0, completed: false, position: null };
        return {
          ...current,
          [sectionId]: { percent: Math.max(state.percent, entry.percent), completed: state.completed || entry.complete, position: update.position ?? state.position },
        };
      });
      if (update.complete) void flush();
      else if (!timer.current) timer.current = setTimeout(() => void flush(), THROTTLE_MS);
    },
    [enrolled, flush, userId],
  );

  // Whatever an earlier visit could not send goes first.
  useEffect(() => {
    if (!enrolled) return;
    for (const entry of readQueue(userId)) queue.current = enqueueReport(queue.current, entry);
    if (queue.current.length) void flush();
    const online = () => {
      retryDelay.current = 0;
      void flush();
    };
    const hidden = () => {
      if (document.visibilityState === "hidden") void flush();
    };
    window.addEventListener("online", online);
    document.addEventListener("visibilitychange", hidden);
    return () => {
      window.removeEventListener("online", online);
      document.removeEventListener("visibilitychange", hidden);
      if (timer.current) clearTimeout(timer.current);
    };
  }, [enrolled, flush, userId]);

  // Open at the section the learner was last in (unless the address names one), then start
  // following which section they are in once they move.
  useEffect(() => {
    if (!window.location.hash && resumeSectionId) {
      document.querySelector(`[data-section-id="${resumeSectionId}"]`)?.scrollIntoView({ block: "start" });
    }
    // Only the learner's own scrolling counts (wheel, touch, scrolling keys outside controls): a
    // click that scrolls a button into view, or the resume jump above, is not moving through the page.
    const engage = () => setEngaged(true);
    const scrollKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      const inControl = target?.closest("button, input, select, textarea, [role=tab], [contenteditable=true]");
      if (!inControl && SCROLL_KEYS.has(event.key)) setEngaged(true);
    };
    const options = { passive: true } as const;
    window.addEventListener("wheel", engage, options);
    window.addEventListener("touchmove", engage, options);
    window.addEventListener("keydown", scrollKey);
    return () => {
      window.removeEventListener("wheel", engage);
      window.removeEventListener("touchmove", engage);
      window.removeEventListener("keydown", scrollKey);
    };
  }, [resumeSectionId]);

  // The section crossing the upper part of the viewport is where the learner is: report a visit
  // (no progress, just "here"), so "continue where you left off" opens it.
  useEffect(() => {
    if (!engaged || !enrolled) return;
    let current: string | null = null;
    const observer = new IntersectionObserver(
      (entries) => {
        for (const entry of entries) {
          const id = (entry.target as HTMLElement).dataset.sectionId;
          if (entry.isIntersecting && id && id !== current) {
            current = id;
            report(id, {});
          }
        }
      },
      { rootMargin: "-30% 0px -60% 0px" },
    );
    document.querySelectorAll("[data-section-id]").forEach((element) => observer.observe(element));
    return () => observer.disconnect();
  }, [engaged, enrolled, report]);

  const value = useMemo(() => ({ enrolled, states, status, announcement, report, engaged }), [enrolled, states, status, announcement, report, engaged]);
  return <ProgressContext.Provider value={value}>{children}</ProgressContext.Provider>;
}
