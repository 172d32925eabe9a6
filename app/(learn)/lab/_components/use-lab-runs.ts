"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useCallback, useEffect, useReducer, useRef, useState } from "react";
import { trainingStages, type LabRunConfig } from "@/lib/ml/config";
import type { ImageSet } from "@/lib/ml/datasets";
import { announcementFor, initialLabRuns, isLive, labRunsReducer, type NewRun, type RunRecord } from "@/lib/ml/lab-runs";
import { STRATEGY_LABELS } from "@/lib/ml/strategies";
import type { LabTaskId } from "@/lib/ml/tasks";
import type { TransferStrategy } from "@/lib/ml/vocabulary";
import { useTRPC } from "@/app/_trpc/client";
import type { WorkerResponse } from "../_worker/protocol";
import { useLabWorker, type BackendChoice } from "./use-lab-worker";
import { useServerRuns } from "./use-server-runs";

function unfrozeAfterEpoch(config: LabRunConfig): number | null {
  const stages = trainingStages(config);
  return stages.length > 1 && stages[0]!.epochs > 0 ? stages[0]!.epochs : null;
}

function newRunId(): string {
  return crypto.randomUUID().replaceAll("-", "");
}

/**
 * The lab's effects around the pure run reducer (lib/ml/lab-runs.ts): the training worker and its
 * messages, saving finished runs, the learner's saved history, server runs, test images and
 * predictions for "try it", and what the page announces.
 */
export function useLabRuns(backendChoice: BackendChoice) {
  const trpc = useTRPC();
  const [state, dispatch] = useReducer(labRunsReducer, initialLabRuns);
  const [testImages, setTestImages] = useState<Partial<Record<LabTaskId, { set: ImageSet; classNames: string[] }>>>({});
  const [announcement, setAnnouncement] = useState("");
  const [workerError, setWorkerError] = useState<string | null>(null);
  const pendingPredictions = useRef(new Map<number, { resolve: (p: Float32Array) => void; reject: (e: Error) => void }>());
  const nextRequest = useRef(1);
  const { runs } = state;
  const runsRef = useRef(runs);
  useEffect(() => {
    runsRef.current = runs;
  }, [runs]);

  const saveRun = useMutation(trpc.lab.saveRun.mutationOptions());
  const history = useQuery(trpc.lab.listRuns.queryOptions({ limit: 30 }));

  // Runs saved in earlier sessions join the table (below this session's runs), once.
  const historyLoaded = useRef(false);
  useEffect(() => {
    if (historyLoaded.current || !history.data) return;
    historyLoaded.current = true;
    dispatch({
      type: "historyLoaded",
      runs: history.data.map(
        (run): NewRun => ({
          runId: run.runId,
          presetId: run.presetId,
          config: run.config,
          status: run.metrics.stopped ? "stopped" : "done",
          message: null,
          history: run.metrics.history,
          result: {
            config: run.config,
            backend: run.backend,
            history: run.metrics.history,
            testAccuracy: run.metrics.testAccuracy,
            confusion: run.metrics.confusion,
            trainableParams: run.metrics.trainableParams,
            totalParams: run.metrics.totalParams,
            trainExamples: run.metrics.trainExamples,
            samplesSeen: run.metrics.samplesSeen,
            durationMs: run.durationMs,
            stopped: run.metrics.stopped,
            unfrozeAfterEpoch: unfrozeAfterEpoch(run.config),
          },
          classNames: run.metrics.classNames,
          backend: run.backend,
          loadMs: run.metrics.loadMs,
          createdAt: new Date(run.createdAt).getTime(),
          fromHistory: true,
          save: "saved",
          xpAwarded: 0,
          showOnChart: false,
          where: "browser",
        }),
      ),
    });
  }, [history.data]);

  const persist = useCallback(
    (run: RunRecord) => {
      if (!run.result || !run.backend) return;
      dispatch({ type: "saving", runId: run.runId });
      saveRun.mutate(
        {
          runId: run.runId,
          presetId: run.presetId,
          config: run.config,
          backend: run.backend as "webgl" | "wasm" | "cpu",
          durationMs: Math.round(run.result.durationMs),
          metrics: {
            history: run.result.history,
            testAccuracy: run.result.testAccuracy,
            confusion: run.result.confusion,
            classNames: run.classNames,
            trainableParams: run.result.trainableParams,
            totalParams: run.result.totalParams,
            trainExamples: run.result.trainExamples,
            samplesSeen: run.result.samplesSeen,
            loadMs: Math.round(run.loadMs ?? 0),
            stopped: run.result.stopped,
          },
        },
        {
          onSuccess: (saved) => {
            dispatch({ type: "saved", runId: run.runId, xpAwarded: saved.xpAwarded });
            if (saved.xpAwarded) setAnnouncement(`Run saved. +${saved.xpAwarded} XP for your first ${STRATEGY_LABELS[run.config.strategy].toLowerCase()} run.`);
          },
          onError: () => dispatch({ type: "saveFailed", runId: run.runId }),
        },
      );
    },
    [saveRun],
  );

  const onMessage = useCallback(
    (message: WorkerResponse) => {
      switch (message.type) {
        case "testImages":
          setTestImages((current) => ({ ...current, [message.taskId]: { set: message.set, classNames: message.classNames } }));
          return;
        case "prediction": {
          const pending = pendingPredictions.current.get(message.requestId);
          pendingPredictions.current.delete(message.requestId);
          pending?.resolve(message.probabilities);
          return;
        }
        case "ready":
          setWorkerError(null);
          return;
        case "error":
          if (!message.runId) {
            setWorkerError(message.message);
            return;
          }
      }
      const before = runsRef.current;
      const text = announcementFor(before, message);
      if (text) setAnnouncement(text);
      dispatch({ type: "workerEvent", event: message });
      if (message.type === "done") {
        const finished = labRunsReducer({ runs: before, counter: 0 }, { type: "workerEvent", event: message }).runs.find((run) => run.runId === message.runId);
        if (finished) persist(finished);
      }
    },
    [persist],
  );

  const { state: worker, send } = useLabWorker(backendChoice, onMessage);
  const update = useCallback((runId: string, change: (run: RunRecord) => Partial<RunRecord>) => dispatch({ type: "patched", runId, change }), []);
  const evaluateModel = useCallback(
    (runId: string, taskId: LabTaskId, modelJson: string, weights: Uint8Array) => send({ type: "evaluateModel", runId, taskId, modelJson, weights }, [weights.buffer as ArrayBuffer]),
    [send],
  );
  const server = useServerRuns(runs, { dispatch, update, announce: setAnnouncement, evaluate: evaluateModel });

  const active = runs.find((run) => run.where === "browser" && isLive(run)) ?? null;

  /** Trains each strategy in this browser with the form's settings. */
  function startRuns(strategies: readonly TransferStrategy[], config: LabRunConfig, presetId: string, classNames: string[]) {
    const created = strategies.map(
      (strategy): NewRun => ({
        runId: newRunId(),
        presetId,
        config: { ...config, strategy },
        status: "queued",
        message: null,
        history: [],
        result: null,
        classNames,
        backend: worker.backend,
        loadMs: null,
        createdAt: Date.now(),
        fromHistory: false,
        save: "idle",
        xpAwarded: 0,
        showOnChart: true,
        where: "browser",
      }),
    );
    dispatch({ type: "browserRunsStarted", runs: created });
    for (const run of created) send({ type: "run", runId: run.runId, config: run.config });
    if (!testImages[config.taskId]) send({ type: "testImages", taskId: config.taskId });
  }

  function stopAll() {
    for (const run of runs) if (run.where === "browser" && isLive(run)) send({ type: "stop", runId: run.runId });
  }

  const toggleChart = useCallback((runId: string, show: boolean) => dispatch({ type: "chartToggled", runId, show }), []);
  const requestTestImages = useCallback((taskId: LabTaskId) => send({ type: "testImages", taskId }), [send]);
  const predict = useCallback(
    (runId: string, images: Float32Array, count: number) =>
      new Promise<Float32Array>((resolve, reject) => {
        const requestId = nextRequest.current++;
        pendingPredictions.current.set(requestId, { resolve, reject });
        send({ type: "predict", requestId, runId, images, count });
      }),
    [send],
  );

  return { runs, active, worker, workerError, server, announcement, testImages, startRuns, stopAll, toggleChart, requestTestImages, predict };
}
