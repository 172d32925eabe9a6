// `npm run ml:pretrain [-- fashion-cnn|digits-cnn] [--quick]`: pretrains the lab's base CNNs with
// lib/ml (the same network and training loop the lab uses) on their SOURCE classes only, and ships
// them as TF.js layers models:
//
//   public/models/<id>/model.json + weights.bin   load with tf.loadLayersModel("/models/<id>/model.json")
//   public/models/<id>/card.json + README.md      the model card: data, classes, epochs, accuracy, seed
//
// Data: the full Fashion-MNIST training set (via the Debian package, see server/training/data/debian.ts)
// for classes 0–4, and the digits' train split for 0–4. Validation and test images are never trained
// on. Deterministic up to floating point: same seed, same sampling and initial weights. About five
// minutes on two cores with the wasm backend.
import * as tf from "@tensorflow/tfjs";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describeNetwork } from "../../lib/ml/network";
import { serializeModel } from "../../lib/ml/model-io";
import { pretrainBase } from "../../lib/ml/pretrain";
import { modelCard, type ModelCard } from "../../lib/ml/model-card";
import { BASE_MODELS, type BaseModelId } from "../../lib/ml/tasks";
import { PRETRAIN_RECIPES } from "../../lib/ml/run-kinds";
import { FASHION_CLASS_NAMES } from "../../server/training/data/debian";
import { fashionSourceTrain, loadShipped } from "../../server/training/data/pretrain-data";
import { startNodeBackend } from "./backend";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const publicDir = path.join(root, "public");
const quick = process.argv.includes("--quick");

const RECIPES = PRETRAIN_RECIPES;

async function pretrain(id: BaseModelId, backend: string): Promise<ModelCard> {
  const info = BASE_MODELS[id];
  const recipe = { ...RECIPES[id], ...(quick ? { epochs: 1 } : {}) };
  const classes = info.sourceClasses;
  const train = id === "fashion-cnn" ? fashionSourceTrain(classes, quick ? 500 : Number.POSITIVE_INFINITY) : loadShipped("digits", "train", classes);
  const val = loadShipped(info.dataset, "val", classes);
  const test = loadShipped(info.dataset, "test", classes);
  console.log(`${id}: ${train.count} training images of classes ${classes.join(", ")}, ${recipe.epochs} epochs on ${backend}`);
  const result = await pretrainBase({
    arch: info.arch,
    train,
    val,
    test,
    classes: classes.length,
    ...recipe,
    onEpochEnd: (m) =>
      console.log(`  epoch ${m.epoch}: loss ${m.loss.toFixed(3)} acc ${(m.accuracy * 100).toFixed(1)}% · val loss ${m.valLoss.toFixed(3)} acc ${(m.valAccuracy * 100).toFixed(1)}% · ${(m.elapsedMs / 1000).toFixed(0)} s`),
  });
  const files = await serializeModel(result.model);
  const dir = path.join(publicDir, "models", id);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "model.json"), files.modelJson);
  writeFileSync(path.join(dir, "weights.bin"), files.weights);
  const layers = describeNetwork(info.arch, classes.length, 2);
  const card = modelCard.parse({
    id,
    title: info.title,
    dataset: info.dataset,
    classes: classes.map((c) => ({ index: c, name: id === "fashion-cnn" ? FASHION_CLASS_NAMES[c]! : String(c) })),
    data: {
      train: id === "fashion-cnn" ? `Fashion-MNIST training set, all ${train.count} images of classes ${classes[0]}–${classes.at(-1)}${quick ? " (quick run subset)" : ""}` : `UCI digits, train split (public/datasets/digits/train), ${train.count} images of classes ${classes[0]}–${classes.at(-1)}`,
      val: `public/datasets/${info.dataset}/val, ${val.count} images of the same classes`,
      test: `public/datasets/${info.dataset}/test, ${test.count} images of the same classes`,
      trainImages: train.count,
    },
    architecture: { ...info.arch, filters: [...info.arch.filters], layers: layers.map(({ name, kind, outputShape, params }) => ({ name, kind, outputShape, params })), params: layers.reduce((s, l) => s + l.params, 0) },
    training: { ...recipe, optimizer: "adam", loss: "categorical cross-entropy", backend, durationSeconds: Math.round(result.durationMs / 1000) },
    history: result.history.map((h) => ({ epoch: h.epoch, loss: +h.loss.toFixed(4), accuracy: +h.accuracy.toFixed(4), valLoss: +h.valLoss.toFixed(4), valAccuracy: +h.valAccuracy.toFixed(4) })),
    testAccuracy: +result.testAccuracy.toFixed(4),
    weightsBytes: files.weights.length,
    createdWith: "scripts/ml/pretrain.ts (npm run ml:pretrain)",
    license: id === "fashion-cnn" ? "Weights: MIT, like the project. Training data: Fashion-MNIST, MIT © 2017 Zalando SE." : "Weights: MIT, like the project. Training data: UCI handwritten digits, CC BY 4.0, E. Alpaydin and C. Kaynak.",
  });
  writeFileSync(path.join(dir, "card.json"), `${JSON.stringify(card, null, 2)}\n`);
  writeFileSync(path.join(dir, "README.md"), renderCard(card));
  result.model.dispose();
  console.log(`${id}: test accuracy ${(result.testAccuracy * 100).toFixed(1)}% on the source classes; saved to public/models/${id}/ (${(files.weights.length / 1024).toFixed(0)} KiB of weights)`);
  return card;
}

function renderCard(card: ModelCard): string {
  const rows = card.history.map((h) => `| ${h.epoch} | ${h.loss} | ${(h.accuracy * 100).toFixed(1)}% | ${h.valLoss} | ${(h.valAccuracy * 100).toFixed(1)}% |`);
  return [
    `# Model card: ${card.id}`,
    "",
    `${card.title}. A small CNN pretrained by Learnloop's own pipeline for the ML lab's transfer-learning experiments. No weights were downloaded.`,
    "",
    `- **Classes (source task):** ${card.classes.map((c) => `${c.index} ${c.name}`).join(", ")}`,
    `- **Training data:** ${card.data.train}`,
    `- **Validation:** ${card.data.val}`,
    `- **Test:** ${card.data.test}`,
    `- **Test accuracy (source classes):** ${(card.testAccuracy * 100).toFixed(1)}%`,
    `- **Architecture:** ${card.architecture.layers.map((l) => `${l.name} ${l.outputShape.join("×")}`).join(" → ")}; ${card.architecture.params.toLocaleString("en")} parameters`,
    `- **Training:** ${card.training.epochs} epochs, batch ${card.training.batchSize}, Adam lr ${card.training.learningRate}, seed ${card.training.seed}, TensorFlow.js ${card.training.backend} backend, ${card.training.durationSeconds} s`,
    `- **Licence:** ${card.license}`,
    `- **Rebuild:** \`npm run datasets:build && npm run ml:pretrain\``,
    "",
    "| epoch | loss | accuracy | val loss | val accuracy |",
    "|---:|---:|---:|---:|---:|",
    ...rows,
    "",
    "Intended use: teaching transfer learning in the browser. Not for any real classification task.",
    "",
  ].join("\n");
}

async function main() {
  const backend = await startNodeBackend();
  const only = process.argv.slice(2).filter((arg) => !arg.startsWith("--")) as BaseModelId[];
  const ids = only.length ? only : (Object.keys(BASE_MODELS) as BaseModelId[]);
  for (const id of ids) {
    if (!(id in BASE_MODELS)) throw new Error(`Unknown model "${id}"; choose from ${Object.keys(BASE_MODELS).join(", ")}.`);
    await pretrain(id, backend);
  }
  console.log(`tensors still allocated: ${tf.memory().numTensors}`);
}

await main();
