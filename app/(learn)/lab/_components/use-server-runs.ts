"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useCallback, useEffect, useRef, useState, type Dispatch } from "react";
import type { LabRunConfig } from "@/lib/ml/config";
import type { ExperimentResult } from "@/lib/ml/experiment";
import type { LabRunsAction, NewRun, RunRecord, RunStatus } from "@/lib/ml/lab-runs";
import type { EpochMetrics } from "@/lib/ml/train";
import type { AppRouter } from "@/server/router";
import type { inferRouterOutputs } from "@trpc/server";
import { useTRPC, useTRPCClient } from "@/app/_trpc/client";


type ServerRun = inferRouterOutputs<AppRouter>["training"]["get"];
type ServerRunView = Omit<ServerRun, "metrics">;
type ServerResult = {
  testAccuracy: number;
  confusion: number[][];
  classNames: string[];
  trainableParams: number;
  totalParams: number;
  trainExamples: number;
  samplesSeen: number;
  durationMs: number;
  unfrozeAfterEpoch: number | null;
};

const STATUS: Record<ServerRunView["status"], RunStatus> = { QUEUED: "queued", RUNNING: "running", SUCCEEDED: "done", CANCELLED: "stopped", FAILED: "failed" };
const ENDED = new Set<RunStatus>(["done", "stopped", "failed"]);

function toMetrics(rows: { epoch: number; loss: number; accuracy: number; valLoss: number; valAccuracy: number; elapsedMs: number }[]): EpochMetrics[] {
  return rows.map(({ epoch, loss, accuracy, valLoss, valAccuracy, elapsedMs }) => ({ epoch, loss, accuracy, valLoss, valAccuracy, elapsedMs }));
}

/** What a server run's state means for its row in the lab (the history comes from its epochs). */
function fromServer(view: ServerRunView, config: LabRunConfig, history: EpochMetrics[]): Partial<RunRecord> {
  const status = STATUS[view.status];
  const result = view.result as ServerResult | null;
  const experiment: ExperimentResult | null =
    result && (status === "done" || status === "stopped")
      ? {
          config,
          backend: view.backend ?? "?",
          history,
          testAccuracy: result.testAccuracy,
          confusion: result.confusion,
          trainableParams: result.trainableParams,
          totalParams: result.totalParams,
          trainExamples: result.trainExamples,
          samplesSeen: result.samplesSeen,
          durationMs: result.durationMs,
          stopped: status === "stopped",
          unfrozeAfterEpoch: result.unfrozeAfterEpoch,
        }
      : null;
  return {
    status,
    backend: view.backend,
    device: view.device,
    result: experiment,
    classNames: result?.classNames ?? [],
    message: view.error ?? (status === "queued" ? "Queued on the server…" : status === "running" ? `Training on the server (${view.backend ?? "starting"})…` : null),
  };
}

function base64ToBytes(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

type Options = {
  dispatch: Dispatch<LabRunsAction>;
  update: (runId: string, change: (run: RunRecord) => Partial<RunRecord>) => void;
  announce: (text: string) => void;
  /** Hands a server model to the lab's worker to evaluate on the same test set. */
  evaluate: (runId: string, taskId: LabRunConfig["taskId"], modelJson: string, weights: Uint8Array) => void;
};

/**
 * Runs on the server: started with the lab's config, followed live over the `training.onProgress`
 * subscription (history first, then each epoch), listed with the learner's earlier server runs.
 */
export function useServerRuns(runs: RunRecord[], { dispatch, update, announce, evaluate }: Options) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const [error, setError] = useState<string | null>(null);
  const start = useMutation(trpc.training.start.mutationOptions());
  const cancel = useMutation(trpc.training.cancel.mutationOptions());
  const saved = useQuery(trpc.training.list.queryOptions({ scope: "mine", limit: 30 }));
  const subscriptions = useRef(new Map<string, () => void>());

  const historyLoaded = useRef(false);
  useEffect(() => {
    if (historyLoaded.current || !saved.data) return;
    historyLoaded.current = true;
    const experiments = saved.data.filter((run) => run.request?.kind === "experiment");
    dispatch({
      type: "historyLoaded",
      runs: experiments.map((view): NewRun => {
          const config = (view.request as Extract<NonNullable<ServerRunView["request"]>, { kind: "experiment" }>).config;
          const history = toMetrics(view.metrics);
          return {
            runId: view.id,
            presetId: null,
            config,
            history,
            loadMs: null,
            createdAt: new Date(view.queuedAt).getTime(),
            fromHistory: true,
            save: "saved",
            xpAwarded: 0,
            showOnChart: false,
            where: "server",
            serverRunId: view.id,
            status: "queued",
            message: null,
            result: null,
            classNames: [],
            backend: null,
            ...fromServer(view, config, history),
          };
        }),
    });
  }, [saved.data, dispatch]);

  // One subscription per server run that has not ended; it ends itself when the run does.
  const active = runs.filter((run) => run.where === "server" && !ENDED.has(run.status)).map((run) => run.runId);
  const activeKey = active.join(",");
  useEffect(() => {
    const map = subscriptions.current;
    for (const runId of activeKey ? activeKey.split(",") : []) {
      if (map.has(runId)) continue;
      const subscription = client.training.onProgress.subscribe(
        { runId },
        {
          onData: ({ data: event }) => {
            if (event.type === "epoch") {
              const metrics = toMetrics([event])[0]!;
              update(runId, (run) => (run.history.some((h) => h.epoch === metrics.epoch) ? {} : { status: "running", history: [...run.history, metrics] }));
              return;
            }
            update(runId, (run) => fromServer(event.run, run.config, run.history));
            const status = STATUS[event.run.status];
            if (ENDED.has(status)) {
              const result = event.run.result as ServerResult | null;
              announce(
                status === "done" && result
                  ? `Server run finished on ${event.run.backend}: test accuracy ${(result.testAccuracy * 100).toFixed(1)}%.`
                  : `Server run ${status === "stopped" ? "cancelled" : `failed: ${event.run.error ?? "unknown error"}`}.`,
              );
            }
          },
          onError: (cause) => update(runId, () => ({ message: `Lost the live connection to the server run: ${cause.message}` })),
        },
      );
      map.set(runId, () => subscription.unsubscribe());
    }
    for (const [runId, unsubscribe] of map) {
      if (!activeKey.split(",").includes(runId)) {
        unsubscribe();
        map.delete(runId);
      }
    }
  }, [activeKey, client, update, announce]);

  useEffect(() => {
    const map = subscriptions.current;
    return () => {
      for (const unsubscribe of map.values()) unsubscribe();
      map.clear();
    };
  }, []);

  const startOnServer = useCallback(
    (config: LabRunConfig, presetId: string | null) => {
      setError(null);
      start.mutate(
        { kind: "experiment", presetId, config },
        {
          onSuccess: (view) => {
            const record: NewRun = {
              runId: view.id,
              presetId,
              config,
              history: [],
              loadMs: null,
              createdAt: Date.now(),
              fromHistory: false,
              save: "saved",
              xpAwarded: 0,
              showOnChart: true,
              where: "server",
              serverRunId: view.id,
              status: "queued",
              result: null,
              classNames: [],
              backend: null,
              message: "Queued on the server…",
            };
            dispatch({ type: "serverRunStarted", run: record });
            announce(`Queued on the server: ${config.strategy}, ${config.examplesPerClass} per class, ${config.epochs} epochs.`);
          },
          onError: (cause) => setError(cause.message),
        },
      );
    },
    [start, dispatch, announce],
  );

  const cancelOnServer = useCallback(
    (run: RunRecord) => {
      cancel.mutate({ runId: run.runId }, { onError: (cause) => update(run.runId, () => ({ message: cause.message })) });
    },
    [cancel, update],
  );

  const checkInBrowser = useCallback(
    async (run: RunRecord) => {
      update(run.runId, () => ({ browserCheck: { status: "loading" } }));
      try {
        const artifact = await client.training.artifact.query({ runId: run.runId });
        evaluate(run.runId, run.config.taskId, artifact.modelJson, base64ToBytes(artifact.weightsBase64));
      } catch (cause) {
        update(run.runId, () => ({ browserCheck: { status: "failed", message: (cause as Error).message } }));
      }
    },
    [client, evaluate, update],
  );

  return { startOnServer, cancelOnServer, checkInBrowser, starting: start.isPending, error };
}
