"use client";

import { useEffect, useMemo, useState } from "react";
import { resizeImages, type ImageSet } from "@/lib/ml/datasets";
import { createRandom, shuffled } from "@/lib/ml/random";
import { BASE_MODELS, requireLabTask } from "@/lib/ml/tasks";
import { Button } from "@/app/_components/button";
import { DrawingPad } from "./drawing-pad";
import { ImageThumb } from "./image-thumb";
import { runLabel, type RunRecord } from "@/lib/ml/lab-runs";

type TestImages = { set: ImageSet; classNames: string[] };
type Outcome = { source: string; probabilities: number[]; actual: number | null; pixels: Float32Array; width: number; height: number };

const SHOWN = 12;

export function TryIt({
  runs,
  testImages,
  requestTestImages,
  predict,
}: {
  runs: RunRecord[];
  testImages: Partial<Record<string, TestImages>>;
  requestTestImages: (taskId: RunRecord["config"]["taskId"]) => void;
  predict: (runId: string, images: Float32Array, count: number) => Promise<Float32Array>;
}) {
  const trained = runs.filter((run) => run.status === "done" && !run.fromHistory);
  const [chosen, setChosen] = useState<string | null>(null);
  const run = trained.find((r) => r.runId === chosen) ?? trained[0] ?? null;
  const [page, setPage] = useState(0);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [error, setError] = useState<string | null>(null);
  const taskId = run?.config.taskId;
  const images = taskId ? testImages[taskId] : undefined;

  useEffect(() => {
    if (taskId && !images) requestTestImages(taskId);
  }, [taskId, images, requestTestImages]);

  const shown = useMemo(() => {
    if (!images) return [];
    return shuffled(
      Array.from({ length: images.set.count }, (_, i) => i),
      createRandom(page + 1),
    ).slice(0, SHOWN);
  }, [images, page]);

  if (!run) {
    return <p className="text-sm text-slate-600 dark:text-slate-400">Train a run on this page first; its model then classifies test images here.</p>;
  }
  const task = requireLabTask(run.config.taskId);
  const arch = BASE_MODELS[task.baseModel].arch;
  const size = arch.inputWidth * arch.inputHeight;

  async function classify(pixels: Float32Array, source: string, actual: number | null) {
    setError(null);
    try {
      const probabilities = await predict(run!.runId, pixels, 1);
      setOutcome({ source, probabilities: Array.from(probabilities), actual, pixels, width: arch.inputWidth, height: arch.inputHeight });
    } catch (e) {
      setError((e as Error).message);
    }
  }

  const classNames = images?.classNames ?? run.classNames;
  const predicted = outcome ? outcome.probabilities.indexOf(Math.max(...outcome.probabilities)) : -1;

  return (
    <div className="space-y-4">
      <label className="block max-w-md space-y-1 text-sm">
        <span className="font-medium">Model</span>
        <select className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 dark:border-slate-600 dark:bg-slate-900" value={run.runId} onChange={(event) => setChosen(event.target.value)}>
          {trained.map((r) => (
            <option key={r.runId} value={r.runId}>
              {runLabel(r)} — {(r.result!.testAccuracy * 100).toFixed(1)}%
            </option>
          ))}
        </select>
      </label>
      <div className="space-y-2">
        <h3 className="text-sm font-semibold">Test images the model never trained on</h3>
        {images ? (
          <ul className="flex flex-wrap gap-2" aria-label="Test images">
            {shown.map((index) => {
              const pixels = images.set.images.subarray(index * size, (index + 1) * size);
              const label = classNames[images.set.labels[index]!]!;
              return (
                <li key={index}>
                  <button
                    type="button"
                    className="rounded-md border border-slate-300 p-1 hover:border-brand-500 dark:border-slate-600"
                    aria-label={`Classify test image ${index + 1} (a ${label})`}
                    onClick={() => classify(pixels.slice(), `test image ${index + 1}`, images.set.labels[index]!)}
                  >
                    <ImageThumb pixels={pixels} width={arch.inputWidth} height={arch.inputHeight} invert={task.dataset === "digits"} />
                  </button>
                </li>
              );
            })}
          </ul>
        ) : (
          <p className="text-sm">Loading test images…</p>
        )}
        <Button type="button" variant="secondary" onClick={() => setPage((p) => p + 1)}>
          Show other images
        </Button>
      </div>
      {task.dataset === "digits" ? (
        <DrawingPad
          disabled={false}
          onClassify={(digit) => {
            const input = resizeImages({ images: digit, labels: new Int32Array(1), count: 1, width: 8, height: 8 }, { width: arch.inputWidth, height: arch.inputHeight }).images;
            void classify(input, "your drawing", null);
          }}
        />
      ) : null}
      <div aria-live="polite" className="space-y-2">
        {error ? <p className="text-sm text-red-700 dark:text-red-400">{error}</p> : null}
        {outcome ? (
          <div className="flex flex-wrap items-start gap-4" data-testid="prediction">
            <ImageThumb pixels={outcome.pixels} width={outcome.width} height={outcome.height} size={84} invert={task.dataset === "digits"} />
            <div className="space-y-1 text-sm">
              <p>
                The model says <strong>{classNames[predicted]}</strong> for {outcome.source} ({(outcome.probabilities[predicted]! * 100).toFixed(0)}% sure)
                {outcome.actual === null ? "." : outcome.actual === predicted ? " — correct." : ` — wrong: it is a ${classNames[outcome.actual]}.`}
              </p>
              <ul className="space-y-0.5">
                {outcome.probabilities.map((p, i) => (
                  <li key={classNames[i]} className="flex items-center gap-2">
                    <span className="w-24">{classNames[i]}</span>
                    <meter min={0} max={1} value={p} aria-label={`${classNames[i]} probability`} className="w-40" />
                    <span className="tabular-nums">{(p * 100).toFixed(1)}%</span>
                  </li>
                ))}
              </ul>
            </div>
          </div>
        ) : null}
      </div>
    </div>
  );
}
