// Files of training runs under STORAGE_DIR: per-epoch checkpoints while a run trains and the
// trained model (model.json + weights.bin, loadable with tf.loadLayersModel) when it ends.
//   <STORAGE_DIR>/runs/<runId>/checkpoints/<step>/model.json, weights.bin[, optimizer.json]
//   <STORAGE_DIR>/runs/<runId>/model/model.json, weights.bin
// Several worker machines need one shared STORAGE_DIR (a network mount) for a run to resume on
// another machine than the one that started it; without it, the run restarts from epoch 1 there.
import { existsSync } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import type { ModelFiles } from "@/lib/ml/model-io";

const RUN_ID = /^[a-z0-9]{8,40}$/;

function runDir(storageDir: string, runId: string): string {
  // Run ids come from the database (cuid); checked anyway, as they become paths.
  if (!RUN_ID.test(runId)) throw new Error(`"${runId}" is not a training run id.`);
  return path.join(storageDir, "runs", runId);
}

/** A checkpoint: the model, and the optimizer's state (JSON) where the training loop gave it. */
export type CheckpointFiles = ModelFiles & { optimizerJson?: string };

async function writeModelFiles(dir: string, files: CheckpointFiles): Promise<void> {
  // Written to a temporary folder and renamed, so a crash never leaves half a model behind.
  const temporary = `${dir}.partial-${process.pid}`;
  await fs.rm(temporary, { recursive: true, force: true });
  await fs.mkdir(temporary, { recursive: true });
  await fs.writeFile(path.join(temporary, "model.json"), files.modelJson);
  await fs.writeFile(path.join(temporary, "weights.bin"), files.weights);
  if (files.optimizerJson !== undefined) await fs.writeFile(path.join(temporary, "optimizer.json"), files.optimizerJson);
  await fs.rm(dir, { recursive: true, force: true });
  await fs.rename(temporary, dir);
}

async function readModelFiles(dir: string): Promise<CheckpointFiles | null> {
  if (!existsSync(path.join(dir, "model.json"))) return null;
  const optimizerFile = path.join(dir, "optimizer.json");
  const [modelJson, weights, optimizerJson] = await Promise.all([
    fs.readFile(path.join(dir, "model.json"), "utf8"),
    fs.readFile(path.join(dir, "weights.bin")),
    existsSync(optimizerFile) ? fs.readFile(optimizerFile, "utf8") : undefined,
  ]);
  return { modelJson, weights: new Uint8Array(weights), ...(optimizerJson !== undefined ? { optimizerJson } : {}) };
}

export async function saveCheckpoint(storageDir: string, runId: string, step: number, files: CheckpointFiles): Promise<void> {
  await writeModelFiles(path.join(runDir(storageDir, runId), "checkpoints", String(step)), files);
}

export function readCheckpoint(storageDir: string, runId: string, step: number): Promise<CheckpointFiles | null> {
  return readModelFiles(path.join(runDir(storageDir, runId), "checkpoints", String(step)));
}

/** Keeps only the checkpoint of `keepStep` (the one the database points at). */
export async function pruneCheckpoints(storageDir: string, runId: string, keepStep: number | null): Promise<void> {
  const dir = path.join(runDir(storageDir, runId), "checkpoints");
  if (!existsSync(dir)) return;
  for (const entry of await fs.readdir(dir)) {
    if (entry !== String(keepStep)) await fs.rm(path.join(dir, entry), { recursive: true, force: true });
  }
}

export async function saveModel(storageDir: string, runId: string, files: ModelFiles): Promise<number> {
  await writeModelFiles(path.join(runDir(storageDir, runId), "model"), files);
  return files.modelJson.length + files.weights.length;
}

export function readModel(storageDir: string, runId: string): Promise<ModelFiles | null> {
  return readModelFiles(path.join(runDir(storageDir, runId), "model"));
}
