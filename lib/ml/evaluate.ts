// Test-set evaluation: predictions, accuracy and the confusion matrix.
import * as tf from "@tensorflow/tfjs";

export type Evaluation = {
  accuracy: number;
  /** confusion[actual][predicted] = count. */
  confusion: number[][];
  predictions: Int32Array;
};

/** Class probabilities for a batch of images (shape [n, h, w, 1]), in batches to bound memory. */
export async function predictProbabilities(model: tf.LayersModel, x: tf.Tensor, batchSize = 256): Promise<Float32Array> {
  const n = x.shape[0]!;
  const parts: Float32Array[] = [];
  for (let start = 0; start < n; start += batchSize) {
    const probabilities = tf.tidy(() => model.apply(x.slice(start, Math.min(batchSize, n - start)), { training: false }) as tf.Tensor);
    parts.push((await probabilities.data()) as Float32Array);
    probabilities.dispose();
  }
  const out = new Float32Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

export function argmaxRows(probabilities: Float32Array, classes: number): Int32Array {
  const rows = probabilities.length / classes;
  const out = new Int32Array(rows);
  for (let r = 0; r < rows; r++) {
    let best = 0;
    for (let c = 1; c < classes; c++) if (probabilities[r * classes + c]! > probabilities[r * classes + best]!) best = c;
    out[r] = best;
  }
  return out;
}

export function confusionMatrix(actual: ArrayLike<number>, predicted: ArrayLike<number>, classes: number): number[][] {
  const matrix = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  for (let i = 0; i < actual.length; i++) matrix[actual[i]!]![predicted[i]!]! += 1;
  return matrix;
}

export function accuracyOf(matrix: number[][]): number {
  let correct = 0;
  let total = 0;
  matrix.forEach((row, i) =>
    row.forEach((count, j) => {
      total += count;
      if (i === j) correct += count;
    }),
  );
  return total ? correct / total : 0;
}

export async function evaluate(model: tf.LayersModel, x: tf.Tensor, labels: Int32Array, classes: number): Promise<Evaluation> {
  const predictions = argmaxRows(await predictProbabilities(model, x), classes);
  const confusion = confusionMatrix(labels, predictions, classes);
  return { accuracy: accuracyOf(confusion), confusion, predictions };
}
