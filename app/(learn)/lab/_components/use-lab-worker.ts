"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { BackendName, WorkerRequest, WorkerResponse } from "../_worker/protocol";

export type BackendChoice = "auto" | BackendName;

export const BACKEND_ORDER: Record<BackendChoice, BackendName[]> = {
  auto: ["webgl", "wasm", "cpu"],
  webgl: ["webgl"],
  wasm: ["wasm"],
  cpu: ["cpu"],
};

export type WorkerState = { status: "starting" | "ready" | "failed"; backend: BackendName | null; error: string | null; fallbacks: string[] };

/**
 * Starts the training worker with the chosen backend order (restarting it when the choice changes)
 * and hands every message to `onMessage`.
 */
export function useLabWorker(choice: BackendChoice, onMessage: (message: WorkerResponse) => void) {
  const workerRef = useRef<Worker | null>(null);
  const handlerRef = useRef(onMessage);
  const [state, setState] = useState<WorkerState>({ status: "starting", backend: null, error: null, fallbacks: [] });

  useEffect(() => {
    handlerRef.current = onMessage;
  }, [onMessage]);

  useEffect(() => {
    const worker = new Worker(new URL("../_worker/train.worker.ts", import.meta.url), { type: "module", name: "learnloop-lab" });
    workerRef.current = worker;
    worker.onmessage = (event: MessageEvent<WorkerResponse>) => {
      const message = event.data;
      if (message.type === "ready") {
        const fallbacks = message.attempts.filter((a) => a.error).map((a) => `${a.name}: ${a.error}`);
        setState({ status: "ready", backend: message.backend, error: null, fallbacks });
      } else if (message.type === "error" && !message.runId) {
        setState((previous) => (previous.status === "starting" ? { ...previous, status: "failed", error: message.message } : previous));
      }
      handlerRef.current(message);
    };
    worker.onerror = (event) => setState({ status: "failed", backend: null, error: event.message || "The training worker could not start.", fallbacks: [] });
    const init: WorkerRequest = { type: "init", backends: BACKEND_ORDER[choice], skipSoftwareWebgl: choice === "auto" };
    worker.postMessage(init);
    return () => {
      worker.terminate();
      workerRef.current = null;
      setState({ status: "starting", backend: null, error: null, fallbacks: [] });
    };
  }, [choice]);

  const send = useCallback((request: WorkerRequest, transfer: Transferable[] = []) => {
    workerRef.current?.postMessage(request, transfer);
  }, []);

  return { state, send };
}
