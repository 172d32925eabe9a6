"use client";

import { useEffect, useEffectEvent, useMemo, useRef, useState } from "react";
import { errorMessage } from "@/app/_trpc/errors";
import { countProblems, type FieldProblems } from "./problems";

// Drafts save themselves: a moment after the author stops typing, the editor sends the whole
// draft; the server checks it and either stores it or answers with its problems, which the fields
// show. "Save now" sends at once. Leaving the page with unsaved changes asks first.

export type SaveOutcome<T> = { ok: true; value?: T } | { ok: false; problems: FieldProblems };

type Attempt = { json: string; problems?: FieldProblems; error?: string };

export type AutosaveState = {
  status: "saved" | "saving" | "invalid" | "failed" | "pending";
  /** The problems of the latest save attempt (or the stored draft's, before any). */
  problems: FieldProblems;
  problemCount: number;
  error: string | null;
  saveNow: () => void;
};

export function useAutosave<T>(options: {
  value: T;
  /** Replaces the value after a save that changed it (keys given to new items). */
  setValue: (value: T) => void;
  save: (value: T) => Promise<SaveOutcome<T>>;
  onSaved?: () => void;
  /** The stored draft's problems, shown until the first save. */
  initialProblems?: FieldProblems;
  delayMs?: number;
}): AutosaveState {
  const { value, delayMs = 1_000 } = options;
  const [problems, setProblems] = useState<FieldProblems>(options.initialProblems ?? {});
  const json = useMemo(() => JSON.stringify(value), [value]);
  const [savedJson, setSavedJson] = useState(json);
  const [attempt, setAttempt] = useState<Attempt | null>(null);
  const [saving, setSaving] = useState(false);
  const latestJson = useRef(json);
  useEffect(() => {
    latestJson.current = json;
  }, [json]);

  async function run() {
    const sent = value;
    const sentJson = json;
    setSaving(true);
    try {
      const outcome = await options.save(sent);
      if (outcome.ok) {
        setAttempt(null);
        setProblems({});
        // Keys for new items are written back only if the author has not typed since; otherwise
        // the next save (of the newer draft) brings them.
        if (outcome.value && latestJson.current === sentJson) {
          setSavedJson(JSON.stringify(outcome.value));
          options.setValue(outcome.value);
        } else {
          setSavedJson(sentJson);
        }
        options.onSaved?.();
      } else {
        setAttempt({ json: sentJson, problems: outcome.problems });
        setProblems(outcome.problems);
      }
    } catch (error) {
      setAttempt({ json: sentJson, error: errorMessage(error) });
    } finally {
      setSaving(false);
    }
  }
  const saveAfterPause = useEffectEvent(() => void run());

  const dirty = json !== savedJson;
  const attempted = attempt?.json === json;
  useEffect(() => {
    if (!dirty || attempted || saving) return;
    const timer = setTimeout(saveAfterPause, delayMs);
    return () => clearTimeout(timer);
  }, [dirty, attempted, saving, json, delayMs]);

  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [dirty]);

  const status: AutosaveState["status"] = saving
    ? "saving"
    : !dirty
      ? "saved"
      : attempted && attempt?.problems
        ? "invalid"
        : attempted && attempt?.error
          ? "failed"
          : "pending";
  return {
    status,
    problems,
    problemCount: countProblems(problems),
    error: attempted ? (attempt?.error ?? null) : null,
    saveNow: () => {
      if (!saving) void run();
    },
  };
}

/** The draft's save state, announced politely to screen readers. */
export function SaveStatus({ state }: { state: AutosaveState }) {
  const text = {
    // A stored draft can be incomplete only before its first edit (a lesson just added).
    saved: state.problemCount ? `No changes yet: ${state.problemCount === 1 ? "1 problem" : `${state.problemCount} problems`} to fix` : "Saved",
    saving: "Saving…",
    pending: "Unsaved changes",
    invalid: `Not saved: ${state.problemCount === 1 ? "1 problem" : `${state.problemCount} problems`}`,
    failed: `Not saved: ${state.error ?? "the server did not answer"}`,
  }[state.status];
  const tone =
    state.status === "invalid" || state.status === "failed"
      ? "text-red-700 dark:text-red-400"
      : state.status === "saved" && !state.problemCount
        ? "text-green-700 dark:text-green-400"
        : "text-slate-700 dark:text-slate-300";
  return (
    <div className="flex flex-wrap items-center gap-3">
      <p role="status" className={`text-sm font-medium ${tone}`}>
        {text}
      </p>
      <button
        type="button"
        onClick={state.saveNow}
        disabled={state.status === "saving" || state.status === "saved"}
        className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-semibold hover:bg-slate-50 disabled:cursor-not-allowed disabled:opacity-50 dark:border-slate-600 dark:hover:bg-slate-800"
      >
        Save now
      </button>
    </div>
  );
}
