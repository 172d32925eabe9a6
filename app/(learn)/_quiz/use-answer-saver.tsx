"use client";

import { useMutation } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { SaveQueue, type SaveStatus } from "@/lib/quiz/save-queue";
import { useTRPC } from "@/app/_trpc/client";
import type { AnswerInput, AttemptView } from "./types";

/** No reply at all (offline, connection dropped) or a server hiccup: keep the answer and retry. */
export function isRetryable(error: unknown): boolean {
  if (!(error instanceof TRPCClientError)) return true;
  const code = (error.data as { code?: string } | undefined)?.code;
  return code === undefined || code === "INTERNAL_SERVER_ERROR" || code === "TOO_MANY_REQUESTS";
}

/**
 * Autosaves answers of one attempt through quiz.saveAnswer (see lib/quiz/save-queue.ts), reports
 * saving / saved / offline-retrying, and warns before leaving the page with answers unsaved.
 */
export function useAnswerSaver(attempt: Pick<AttemptView, "id" | "sequence">, onSaved: (attempt: AttemptView) => void) {
  const trpc = useTRPC();
  const save = useMutation(trpc.quiz.saveAnswer.mutationOptions());
  const [status, setStatus] = useState<{ status: SaveStatus; pending: number; error?: string }>({ status: "idle", pending: 0 });
  const latest = useRef({ mutate: save.mutateAsync, onSaved });
  useEffect(() => {
    latest.current = { mutate: save.mutateAsync, onSaved };
  });
  // One queue for the life of the page, made on first use (outside render).
  const queueRef = useRef<SaveQueue<AnswerInput, { sequence: number; attempt: AttemptView }> | null>(null);
  const attemptId = attempt.id;
  const initialSequence = attempt.sequence;
  const queue = useCallback(() => {
    queueRef.current ??= new SaveQueue<AnswerInput, { sequence: number; attempt: AttemptView }>({
      initialSequence,
      send: async (request) => {
        const result = await latest.current.mutate({ attemptId, ...request });
        return { sequence: result.attempt.sequence, attempt: result.attempt };
      },
      isRetryable,
      onSaved: (result) => latest.current.onSaved(result.attempt),
      onStatus: (next, detail) =>
        setStatus({ status: next, pending: detail.pending, error: next === "error" && detail.error instanceof Error ? detail.error.message : undefined }),
    });
    return queueRef.current;
  }, [attemptId, initialSequence]);

  useEffect(() => {
    const online = () => queue().retryNow();
    const beforeUnload = (event: BeforeUnloadEvent) => {
      if (queue().pending > 0) event.preventDefault();
    };
    window.addEventListener("online", online);
    window.addEventListener("beforeunload", beforeUnload);
    return () => {
      window.removeEventListener("online", online);
      window.removeEventListener("beforeunload", beforeUnload);
    };
  }, [queue]);

  const actions = useMemo(
    () => ({
      enqueue: (questionId: string, answer: AnswerInput) => queue().enqueue(questionId, answer),
      idle: () => queue().idle(),
      claimSequence: () => queue().claimSequence(),
      observe: (sequence: number) => queue().observe(sequence),
    }),
    [queue],
  );
  return { ...actions, ...status };
}

export function SaveStatusText({ status, pending, error }: { status: SaveStatus; pending: number; error?: string }) {
  const text =
    status === "saving"
      ? "Saving…"
      : status === "saved"
        ? "All answers saved"
        : status === "retrying"
          ? `Offline: ${pending} ${pending === 1 ? "answer" : "answers"} kept here, retrying…`
          : status === "error"
            ? `Not saved: ${error ?? "please try again."}`
            : "Answers save as you give them";
  const tone = status === "error" ? "text-red-700 dark:text-red-400" : status === "retrying" ? "text-amber-800 dark:text-amber-300" : "text-slate-600 dark:text-slate-400";
  return (
    <p role="status" aria-live="polite" className={`text-sm ${tone}`} data-save-status={status}>
      {text}
    </p>
  );
}
