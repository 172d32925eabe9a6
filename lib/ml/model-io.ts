// TF.js layers models as files (model.json + weights.bin), without tfjs-node: the caller reads or
// fetches the bytes, and writes what `serializeModel` returns.
import * as tf from "@tensorflow/tfjs";

export type ModelFiles = { modelJson: string; weights: Uint8Array };

type ModelJson = { modelTopology: object; weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[]; format?: string; generatedBy?: string; convertedBy?: string | null };

export async function serializeModel(model: tf.LayersModel, weightsPath = "weights.bin"): Promise<ModelFiles> {
  let files: ModelFiles | null = null;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      const weightData = artifacts.weightData ? tf.io.CompositeArrayBuffer.join(artifacts.weightData) : new ArrayBuffer(0);
      const json: ModelJson = {
        modelTopology: artifacts.modelTopology as object,
        format: artifacts.format,
        generatedBy: artifacts.generatedBy,
        convertedBy: artifacts.convertedBy ?? null,
        weightsManifest: [{ paths: [weightsPath], weights: artifacts.weightSpecs ?? [] }],
      };
      files = { modelJson: JSON.stringify(json), weights: new Uint8Array(weightData) };
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: "JSON", weightDataBytes: weightData.byteLength } };
    }),
  );
  if (!files) throw new Error("The model was not serialised.");
  return files;
}

/** The in-memory artifacts of a model.json with a single weights file. */
export function artifactsFromFiles(modelJson: string, weights: ArrayBuffer | Uint8Array): tf.io.ModelArtifacts {
  const json = JSON.parse(modelJson) as ModelJson;
  const specs = json.weightsManifest.flatMap((group) => group.weights);
  const weightData = weights instanceof Uint8Array ? weights.slice().buffer : weights;
  return { modelTopology: json.modelTopology, weightSpecs: specs, weightData, format: json.format, generatedBy: json.generatedBy };
}

/** A fresh model (its own weights) from artifacts; call again for every run that changes weights. */
export function loadModel(artifacts: tf.io.ModelArtifacts): Promise<tf.LayersModel> {
  return tf.loadLayersModel(tf.io.fromMemory(artifacts));
}

/**
 * Copies weights layer by layer, by name (a checkpoint into a freshly built twin). Not
 * `setWeights(getWeights())`: a model lists trainable weights before frozen ones, and a checkpoint
 * saved with frozen layers lists them in another order than the model it is loaded into.
 */
export function copyWeightsByLayer(target: tf.LayersModel, source: tf.LayersModel): void {
  for (const layer of target.layers) {
    if (!layer.weights.length) continue;
    layer.setWeights(source.getLayer(layer.name).getWeights());
  }
}
