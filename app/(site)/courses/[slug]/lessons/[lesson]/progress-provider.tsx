"use client";

import { TRPCClientError } from "@trpc/client";
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { ReportQueue, type ReportStatus, type ReportStore } from "@/lib/progress/report-queue";
import type { ProgressReport, SectionPosition } from "@/lib/progress/rules";
import type { AppRouter } from "@/server/router";
import { useTRPCClient } from "@/app/_trpc/client";

export type SectionProgressState = { percent: number; completed: boolean; position: SectionPosition | null };
type ProgressSaveResult = Awaited<ReturnType<ReturnType<typeof useTRPCClient>["progress"]["save"]["mutate"]>>;

type ProgressContextValue = {
  enrolled: boolean;
  states: Record<string, SectionProgressState>;
  status: ReportStatus;
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

const SCROLL_KEYS = new Set(["ArrowDown", "ArrowUp", "PageDown", "PageUp", "Home", "End", " "]);
// Refusals that a retry cannot fix (the section is gone, the learner left the course): drop them.
const FINAL_CODES = new Set(["BAD_REQUEST", "FORBIDDEN", "NOT_FOUND"]);

function storageKey(userId: string) {
  return `learnloop:progress-queue:${userId}`;
}

/** The queue's storage: localStorage, per learner; a broken or disabled store holds nothing. */
function localStore(userId: string): ReportStore {
  return {
    load() {
      try {
        const parsed: unknown = JSON.parse(localStorage.getItem(storageKey(userId)) ?? "[]");
        return Array.isArray(parsed) ? (parsed as ProgressReport[]).filter((entry) => typeof entry?.sectionId === "string" && typeof entry.at === "number") : [];
      } catch {
        return [];
      }
    },
    save(queue) {
      try {
        if (queue.length) localStorage.setItem(storageKey(userId), JSON.stringify(queue));
        else localStorage.removeItem(storageKey(userId));
      } catch {
        // Storage full or disabled: the in-memory queue still retries while the page is open.
      }
    },
  };
}

/**
 * Keeps the learner's progress in a lesson and saves it to the server as it happens, through a
 * ReportQueue (lib/progress/report-queue.ts) kept in localStorage: this component wires the queue to
 * the tRPC client, the browser's online and visibility events, and the page's state.
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
  const [status, setStatus] = useState<ReportStatus>("idle");
  const [announcement, setAnnouncement] = useState("");
  const [engaged, setEngaged] = useState(false);
  const queueRef = useRef<ReportQueue<ProgressSaveResult> | null>(null);

  // One queue per page, made on first use: sections may report from their own mount effects, which
  // run before this component's.
  const getQueue = useCallback(
    () =>
      (queueRef.current ??= new ReportQueue<ProgressSaveResult>({
      send: (reports) => client.progress.save.mutate({ reports }),
      isFinal: (error) => {
        const code = error instanceof TRPCClientError ? (error as TRPCClientError<AppRouter>).data?.code : undefined;
        return Boolean(code && FINAL_CODES.has(code));
      },
      onSent: (result) => {
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
      },
      onDropped: (error) => setAnnouncement(error instanceof Error ? error.message : ""),
      onStatus: setStatus,
      store: localStore(userId),
    })),
    [client, userId],
  );

  useEffect(() => {
    if (!enrolled) return;
    const queue = getQueue();
    // Whatever an earlier visit could not send goes first.
    queue.restore();
    const online = () => queue.online();
    const hidden = () => {
      if (document.visibilityState === "hidden") void queue.flush();
    };
    window.addEventListener("online", online);
    document.addEventListener("visibilitychange", hidden);
    return () => {
      window.removeEventListener("online", online);
      document.removeEventListener("visibilitychange", hidden);
      queue.dispose();
    };
  }, [enrolled, getQueue]);

  const report = useCallback<ProgressContextValue["report"]>(
    (sectionId, update) => {
      if (!enrolled) return;
      const entry = getQueue().report(sectionId, update);
      setStates((current) => {
        const state = current[sectionId] ?? { percent: 0, completed: false, position: null };
        return {
          ...current,
          [sectionId]: { percent: Math.max(state.percent, entry.percent), completed: state.completed || entry.complete, position: update.position ?? state.position },
        };
      });
    },
    [enrolled, getQueue],
  );

  // Open at the section the address names, else at the one the learner was last in, then start
  // following which section they are in once they move. The sections stream in after the page's
  // heading, so the browser's own jump to `#section-…` may have found nothing yet: it is made here.
  useEffect(() => {
    const named = window.location.hash ? document.getElementById(decodeURIComponent(window.location.hash.slice(1))) : null;
    if (named) named.scrollIntoView({ block: "start" });
    else if (!window.location.hash && resumeSectionId) {
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
